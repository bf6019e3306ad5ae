//! From a format's [`RawCable`] to a decoded [`Cable`]: the rules shared by every format.

use std::borrow::Cow;

use super::body;
use super::decode::normalize_newlines;
use super::formats::RawCable;
use super::header;
use super::model::{Cable, Warning};
use super::references;
use crate::sanitize::{clean, clean_line};

/// WikiLeaks' note on records it holds only in part.
const PARTIAL_NOTICE: &str = "partial extract of the original cable";

/// Routing lines end where the banner, a header key or the first paragraph begins.
fn routing_end(lines: &[&str]) -> usize {
    for (i, l) in lines.iter().enumerate().take(400) {
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        let upper: String = t.chars().take(10).flat_map(char::to_uppercase).collect();
        let ends = header::banner(t).is_some()
            || upper.starts_with("E.O.")
            || upper.starts_with("E. O.")
            || upper.starts_with("TAGS")
            || upper.starts_with("SUBJ")
            || header::is_page_break(t)
            || !header::captions_in(t).is_empty()
            || t.starts_with(|c: char| c.is_ascii_digit()) && t.contains(". ")
            || upper.starts_with("CLASSIFIED");
        if ends {
            return i;
        }
    }
    0
}

/// The two-digit year and post of an id like `09USNATO595` or `1974ATHENS02959`.
/// The citing cable's year and the way its ids are written, which is how the ids it cites are
/// written.
/// Where the id's year cannot be read (`7575LIBREVILLE1895`, a doubled prefix), the date's is.
fn reference_style(id: &str, date: Option<&str>) -> (Option<i32>, references::IdStyle) {
    let date_year = || date?.get(..4)?.parse::<i32>().ok();
    let own_year = id_parts(id).0;
    let style = if id.bytes().take_while(u8::is_ascii_digit).count() == 4 && own_year.is_some() {
        references::IdStyle::Plusd
    } else {
        references::IdStyle::Cablegate
    };
    (own_year.or_else(date_year), style)
}

/// For each of `c.references`, the letter its `REF:` item has (`A` for `A. 09 STATE 123`), if any.
pub fn reference_letters(c: &Cable) -> Vec<Option<char>> {
    let lettered = match &c.references_raw {
        Some(r) => {
            let (own_year, style) = reference_style(&c.id, c.date.as_deref());
            references::resolve_lettered(r, own_year, style, &c.id).0
        }
        None => Vec::new(),
    };
    letters_of(&c.references, &lettered)
}

/// For each reference id, the letter the `REF:` list gives it (`lettered`, as resolved).
fn letters_of(references: &[String], lettered: &[(String, Option<char>)]) -> Vec<Option<char>> {
    references
        .iter()
        .map(|id| lettered.iter().find(|(x, _)| x == id).and_then(|(_, l)| *l))
        .collect()
}

fn id_parts(id: &str) -> (Option<i32>, String) {
    let (year, digits) = references::id_year(id);
    let rest = &id[digits.min(id.len())..];
    let post = rest.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_');
    (year, post.to_string())
}

/// Decodes one raw cable. `source` is the path it came from. Text is sanitised for display.
pub fn build(raw: RawCable, source: &str) -> Cable {
    build_with(raw, source, true)
}

/// Decodes one raw cable; with `sanitize` false, control characters are kept as the file has
/// them (for output to a pipe).
pub fn build_with(raw: RawCable, source: &str, sanitize: bool) -> Cable {
    assemble(raw, source, sanitize, Detail::Full).0
}

/// Decodes one raw cable for a search: only the paragraphs whose text passes `keep` (see
/// [`body::split_searched`], whose rule `keep` must follow) have their text, and only they their
/// marking; no missing-text warnings, no resolved references;
/// the header lines are decoded only when the id or an ENTIRE TEXT marking may come from them
/// (else date, subject, captions and the like stay empty).
pub fn build_matching(
    raw: RawCable,
    source: &str,
    sanitize: bool,
    keep: &dyn Fn(&str) -> bool,
) -> Cable {
    assemble(raw, source, sanitize, Detail::Matching(keep)).0
}

/// How much of a cable [`assemble`] decodes.
#[derive(Clone, Copy)]
enum Detail<'a> {
    Full,
    /// No paragraph texts, closing or missing-text warnings (what an index does not keep);
    /// everything else, reference ids included, as in full.
    Markings,
    Matching(&'a dyn Fn(&str) -> bool),
}

/// The shared decoding; beside the cable, its references' letters (as [`reference_letters`]
/// gives them, without reading the `REF:` list again).
fn assemble(
    raw: RawCable,
    source: &str,
    sanitize: bool,
    detail: Detail,
) -> (Cable, Vec<Option<char>>) {
    let full = matches!(detail, Detail::Full);
    let clean_line = |s: &str| -> String {
        if sanitize {
            clean_line(s).into_owned()
        } else {
            s.to_string()
        }
    };
    // Texts that need no change are moved, not copied.
    let mut raw = raw;
    let header_text = cleaned(std::mem::take(&mut raw.header), sanitize);
    let body_text = cleaned(std::mem::take(&mut raw.body), sanitize);
    let (header_text, body_text) = if header_text.trim().is_empty() {
        let lines: Vec<&str> = body_text.lines().collect();
        let end = routing_end(&lines);
        (lines[..end].join("\n"), lines[end..].join("\n"))
    } else {
        (header_text, body_text)
    };

    let (split, preamble) = match detail {
        Detail::Full => (body::split(&body_text), Vec::new()),
        // An index keeps who classified the cable, which older cables state in ¶1: the texts
        // of paragraphs that may say it are kept (and the last one's, for the signer).
        Detail::Markings => body::split_for_index(&body_text, &|t: &str| {
            t.contains("lassified") || t.contains("LASSIFIED")
        }),
        Detail::Matching(keep) => body::split_searched(&body_text, keep),
    };
    // The preamble's lines: owned by a full split, borrowed from the text otherwise.
    let preamble: Vec<&str> = if full {
        split.preamble.iter().map(String::as_str).collect()
    } else {
        // A heading moved to the first paragraph is no longer the preamble's.
        let mut preamble = preamble;
        preamble.truncate(split.preamble.len());
        preamble
    };
    let mut head_lines: Vec<&str> = Vec::new();
    for line in header_text.lines().chain(preamble.iter().copied()) {
        header::unglue_into(line, &mut head_lines);
    }
    // The post and serial only make up an id when the source gives none, or only a hint.
    let id_given = raw.id.as_deref().is_some_and(|id| !id.trim().is_empty()) && !raw.id_checked;
    // A search reads the header and the lines before the first paragraph where a match may be.
    let head_kept = match detail {
        Detail::Matching(keep) => {
            keep(&header_text)
                || keep(&preamble.join("\n"))
                || raw.subject.as_deref().is_some_and(keep)
        }
        _ => false,
    };
    // Else a search needs of the header only what makes up an id or an ENTIRE TEXT marking:
    // without either, the header lines are not decoded (a non-ASCII line is decoded, as
    // upper-casing it may spell ENTIRE TEXT).
    let header_needed = !matches!(detail, Detail::Matching(_))
        || head_kept
        || !id_given
        || (split.entire.is_none()
            && head_lines
                .iter()
                .any(|l| !l.is_ascii() || header::contains_entire_text(l)));
    let fields = if header_needed {
        header::decode_with(&head_lines, !id_given)
    } else {
        header::HeaderFields::default()
    };

    let created_year = raw
        .created
        .as_deref()
        .and_then(|c| c.get(..4))
        .and_then(|y| y.parse::<i32>().ok());
    let id_year = raw.id.as_deref().and_then(|id| id_parts(id).0);
    let year_hint = id_year.or(created_year);
    let date = if header_needed {
        header::find_dtg(&header_text, year_hint)
            .or_else(|| header::find_dtg(&preamble.join("\n"), year_hint))
            .or_else(|| raw.created.as_deref().and_then(header::created_to_iso))
    } else {
        None
    };

    let mut warnings = raw.warnings;
    let given_id = raw.id.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let id = match given_id {
        Some(id) if !raw.id_checked => clean_line(id),
        Some(id) => match banner_id(&fields, date.as_deref()) {
            Some(own) if own != id => {
                warnings.push(Warning::Note {
                    message: format!(
                        "the record's id field says {}, the cable's banner names {own}: the banner wins",
                        clean_line(id)
                    ),
                });
                own
            }
            _ => clean_line(id),
        },
        None => derive_id(&fields, date.as_deref(), source, raw.record, &mut warnings),
    };

    let origin = raw
        .origin
        .as_deref()
        .map(|o| clean_line(o.trim()))
        .filter(|o| !o.is_empty())
        .unwrap_or_else(|| id_parts(&id).1);

    let classification = raw
        .classification
        .as_deref()
        .map(|c| clean_line(c.trim()))
        .filter(|c| !c.is_empty())
        .or_else(|| {
            fields.banner.clone().map(|b| {
                if fields.captions.iter().any(|c| c == "NOFORN") {
                    format!("{b}//NOFORN")
                } else {
                    b
                }
            })
        })
        .unwrap_or_default();

    let subject = fields
        .subject
        .clone()
        .or_else(|| raw.subject.as_deref().map(|s| clean_line(s.trim())))
        .unwrap_or_default();

    let mut references: Vec<String> = raw.references.iter().map(|r| clean_line(r)).collect();
    let mut references_other = Vec::new();
    let mut lettered = Vec::new();
    // A search does not need them; the index keeps them for the links between cables.
    let resolve = !matches!(detail, Detail::Matching(_));
    if let Some(r) = fields.references_raw.as_ref().filter(|_| resolve) {
        let (own_year, style) = reference_style(&id, date.as_deref());
        let (ids, others) = references::resolve_lettered(r, own_year, style, &id);
        for (id, _) in &ids {
            if !references.contains(id) {
                references.push(id.clone());
            }
        }
        lettered = ids;
        references_other = others;
        references_other.retain(|o| !references::names_listed(&o.text, &references, style));
    }

    let mut paragraphs = split.paragraphs;
    // Older cables state who classified them in ¶1.
    let classified_by = fields.classified_by.clone().or_else(|| {
        let first = paragraphs.first()?;
        header::classified_by_in(&first.text)
    });
    let entire = split.entire.clone().or_else(|| {
        fields.entire_text.as_deref().and_then(|line| {
            let upper = line.to_uppercase();
            let (level, _) = crate::cable::marking::strip_entire_text(&upper);
            let level = level.trim_start_matches('(').trim();
            crate::cable::Level::of_classification(level)
                .map(|l| crate::cable::Marking {
                    level: l,
                    caveats: Vec::new(),
                })
                .or_else(|| crate::cable::Marking::parse(level))
        })
    });
    if let Some(m) = &entire {
        for p in paragraphs
            .iter_mut()
            .filter(|p| p.marking.is_none() && p.marking_raw.is_none())
        {
            p.marking = Some(m.clone());
            p.inherited = true;
        }
    }

    warnings.extend(split.warnings);
    // The site's notice, in the text or already lifted out as a note by the format.
    static NOTICE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(PARTIAL_NOTICE.as_bytes()));
    let partial = raw.partial
        || NOTICE.find(header_text.as_bytes()).is_some()
        || NOTICE
            .find(&body_text.as_bytes()[..body_text.len().min(2000)])
            .is_some()
        || warnings
            .iter()
            .any(|w| matches!(w, Warning::Note { message } if message.contains(PARTIAL_NOTICE)));
    if partial {
        warnings.retain(
            |w| !matches!(w, Warning::Note { message } if message.contains(PARTIAL_NOTICE)),
        );
        warnings.insert(0, Warning::PartialExtract);
    }
    if let Some(banner_rank) = banner_rank(&classification, &fields.captions)
        && let Some(top) = paragraphs
            .iter()
            .filter(|p| !p.inherited)
            .filter_map(|p| p.marking.as_ref())
            .max_by_key(|m| m.rank())
        && top.rank() > banner_rank
    {
        warnings.push(Warning::BannerBelowMarking {
            banner: classification.clone(),
            marking: top.to_string(),
        });
    }

    let letters = letters_of(&references, &lettered);
    let cable = Cable {
        id,
        format: raw.format,
        source: clean_line(source),
        record: raw.record,
        subject,
        date,
        origin,
        classification,
        captions: fields.captions,
        eo: fields.eo,
        declassify: fields
            .declassify
            .as_deref()
            .and_then(header::declassify_iso),
        declassify_raw: fields.declassify,
        tags: fields.tags,
        references,
        references_other,
        references_raw: fields.references_raw,
        classified_by,
        signed_by: if !matches!(detail, Detail::Matching(_)) {
            body::signer(&split.closing)
        } else {
            None
        },
        routing: if full {
            header::routing(&header_text)
        } else {
            Default::default()
        },
        summary: if full {
            body::summary(&paragraphs)
        } else {
            None
        },
        // Kept for a full cable, and for a search where a match may be in them.
        header: if full || head_kept {
            header_text.trim_matches('\n').to_string()
        } else {
            String::new()
        },
        preamble: if full {
            split.preamble.join("\n").trim_matches('\n').to_string()
        } else if head_kept {
            preamble.join("\n").trim_matches('\n').to_string()
        } else {
            String::new()
        },
        paragraphs,
        closing: split.closing,
        partial,
        // Notes may quote the file (a table cell, a line): shown, never obeyed.
        warnings: if sanitize {
            warnings.into_iter().map(clean_warning).collect()
        } else {
            warnings
        },
    };
    (cable, letters)
}

fn clean_warning(w: Warning) -> Warning {
    match w {
        Warning::Note { message } => Warning::Note {
            message: clean_line(&message).into_owned(),
        },
        Warning::UnknownMarking { paragraph, raw } => Warning::UnknownMarking {
            paragraph,
            raw: clean_line(&raw).into_owned(),
        },
        other => other,
    }
}

/// The rank of a cable's classification; an unclassified cable marked for official use or
/// SENSITIVE ranks with SBU.
fn banner_rank(classification: &str, captions: &[String]) -> Option<u8> {
    let level = crate::cable::Level::of_classification(classification)?;
    let upper = classification.to_uppercase();
    let sensitive = upper.contains("FOR OFFICIAL USE ONLY")
        || upper.contains("FOUO")
        || upper.contains("SENSITIVE")
        || captions.iter().any(|c| c == "SENSITIVE");
    Some(if sensitive {
        level.rank().max(1)
    } else {
        level.rank()
    })
}

/// CR and CRLF as LF, then (with `sanitize`) control characters made visible.
fn cleaned(text: String, sanitize: bool) -> String {
    let changed = match normalize_newlines(&text) {
        Cow::Borrowed(_) if !sanitize => return text,
        Cow::Borrowed(s) => match clean(s) {
            Cow::Borrowed(_) => None,
            Cow::Owned(c) => Some(c),
        },
        Cow::Owned(n) if sanitize => Some(clean(&n).into_owned()),
        Cow::Owned(n) => Some(n),
    };
    changed.unwrap_or(text)
}

/// The id the banner or page-break lines make with the date's year.
fn banner_id(fields: &header::HeaderFields, date: Option<&str>) -> Option<String> {
    let (post, serial) = fields.post_serial.as_ref()?;
    let yy = date?.get(2..4)?;
    Some(format!("{yy}{}{serial}", post.replace(' ', "")))
}

/// An id for a cable whose source gives none: the banner's (or page-break lines') post and
/// serial with the date's year; without a date, the file's name where it is that cable's id
/// (`10AMMAN91.txt`), else post and serial alone, the year unknown; without a banner, the file's
/// name, with the cable's place in it when the file holds several (`two.html#2`).
fn derive_id(
    fields: &header::HeaderFields,
    date: Option<&str>,
    source: &str,
    record: Option<u64>,
    warnings: &mut Vec<Warning>,
) -> String {
    if let Some(id) = banner_id(fields, date) {
        return id;
    }
    let name = std::path::Path::new(source)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    if let Some((post, serial)) = &fields.post_serial {
        let post = post.replace(' ', "");
        let (year, stem_post) = id_parts(stem);
        let stem_serial = stem
            .trim_end_matches('_')
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|d| d.parse::<u64>().ok());
        let names_it = year.is_some() && stem_post == post && stem_serial == Some(*serial);
        if names_it {
            return clean_line(stem).into_owned();
        }
        warnings.push(Warning::Note {
            message: "the cable gives no date: its id names post and serial without the year"
                .to_string(),
        });
        return clean_line(&format!("{post}{serial}")).into_owned();
    }
    match record {
        Some(k) => clean_line(&format!("{name}#{k}")).into_owned(),
        None => clean_line(stem).into_owned(),
    }
}

/// What the corpus index keeps of a cable: the fields `list` shows, each paragraph's marking
/// (inherited ones included) and what links, versions and queries need, by the same rules as
/// [`build_with`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub id: String,
    pub format: Option<crate::cable::Format>,
    pub date: Option<String>,
    pub classification: String,
    pub origin: String,
    pub subject: String,
    /// One entry per paragraph, in order.
    pub markings: Vec<Option<crate::cable::Marking>>,
    pub tags: Vec<String>,
    pub captions: Vec<String>,
    /// Resolved reference ids, as [`Cable::references`].
    pub references: Vec<String>,
    /// The letter each reference has in the `REF:` text (`A` for `A. 09 STATE 12`), if any.
    pub reference_letters: Vec<Option<char>>,
    pub classified_by: Option<String>,
    /// The signer's name, as [`Cable::signed_by`].
    pub signer: Option<String>,
    /// The kinds of the warnings (`number-skipped`, ...), in order, each once; the index does not
    /// look for missing text, so `missing-text` is never among them.
    pub warnings: Vec<&'static str>,
    /// How much text the source holds and how much of it was blacked out.
    pub text: TextSize,
}

/// The shortest run of capital `X` that is a redaction: the 2010 release blacked names out as
/// `XXXXXXXXXXXX`.
pub(crate) const REDACTION: &str = "XXXXXX";

/// The size of a cable's text, to tell its fullest version: letters and digits (whatever the
/// layout), and the redactions (`XXXXXXXXXXXX`) among them, counted in the source's header and
/// body as the format gives them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextSize {
    /// ASCII letters and digits outside redactions, plus every non-ASCII character.
    pub letters: u32,
    /// Runs of capital `X` as long as `REDACTION` or longer.
    pub redactions: u32,
}

impl TextSize {
    /// Measures `text` (see [`TextSize`]): every letter counted in one branch-free pass, then
    /// the runs of `X` long enough to be redactions taken back out (`X` is rare elsewhere).
    pub fn of(text: &str) -> TextSize {
        let bytes = text.as_bytes();
        let counted = |b: u8| {
            // `b | 0x20` folds capitals onto small letters and no other byte onto them.
            (((b | 0x20).wrapping_sub(b'a') < 26) | (b.wrapping_sub(b'0') < 10) | (b >= 0xC0))
                as u32
        };
        let mut letters = 0u32;
        let mut chunks = bytes.chunks_exact(128);
        for chunk in &mut chunks {
            letters += chunk.iter().map(|&b| counted(b) as u8).sum::<u8>() as u32;
        }
        letters += chunks.remainder().iter().map(|&b| counted(b)).sum::<u32>();
        let mut redactions = 0u32;
        let mut at = 0;
        while let Some(i) = memchr::memchr(b'X', &bytes[at..]) {
            let start = at + i;
            let run = bytes[start..].iter().take_while(|&&b| b == b'X').count();
            if run >= REDACTION.len() {
                redactions += 1;
                letters -= run as u32;
            }
            at = start + run;
        }
        TextSize {
            letters,
            redactions,
        }
    }

    fn add(self, other: TextSize) -> TextSize {
        TextSize {
            letters: self.letters.saturating_add(other.letters),
            redactions: self.redactions.saturating_add(other.redactions),
        }
    }
}

/// The kind of a warning as JSON names it (`number-skipped`).
pub fn warning_kind(w: &Warning) -> &'static str {
    match w {
        Warning::NumberSkipped { .. } => "number-skipped",
        Warning::NumberRepeated { .. } => "number-repeated",
        Warning::NumberImplausible { .. } => "number-implausible",
        Warning::NumberingStartsAt { .. } => "numbering-starts-at",
        Warning::PartialExtract => "partial-extract",
        Warning::MissingText { .. } => "missing-text",
        Warning::BannerBelowMarking { .. } => "banner-below-marking",
        Warning::UnknownMarking { .. } => "unknown-marking",
        Warning::Decoded { .. } => "decoded",
        Warning::Note { .. } => "note",
    }
}

/// The warning kinds of `warnings`, in order, each once.
pub fn warning_kinds(warnings: &[Warning]) -> Vec<&'static str> {
    let mut kinds = Vec::new();
    for w in warnings {
        let k = warning_kind(w);
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    kinds
}

/// Summarises one raw cable (see [`Summary`]).
pub fn summarize(raw: RawCable, source: &str, sanitize: bool) -> Summary {
    let text = TextSize::of(&raw.header).add(TextSize::of(&raw.body));
    let (c, reference_letters) = assemble(raw, source, sanitize, Detail::Markings);
    Summary {
        warnings: warning_kinds(&c.warnings),
        id: c.id,
        format: c.format,
        date: c.date,
        classification: c.classification,
        origin: c.origin,
        subject: c.subject,
        markings: c.paragraphs.into_iter().map(|p| p.marking).collect(),
        tags: c.tags,
        captions: c.captions,
        references: c.references,
        reference_letters,
        classified_by: c.classified_by,
        signer: c.signed_by,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::TextSize;

    /// The rule of [`TextSize`] byte by byte.
    fn reference(text: &str) -> TextSize {
        let mut size = TextSize::default();
        let mut run = 0u32;
        for &b in text.as_bytes().iter().chain([b' '].iter()) {
            if b == b'X' {
                run += 1;
                continue;
            }
            if run >= 6 {
                size.redactions += 1;
            } else {
                size.letters += run;
            }
            run = 0;
            if b.is_ascii_alphanumeric() || b >= 0xC0 {
                size.letters += 1;
            }
        }
        size
    }

    #[test]
    fn text_size_counts_as_the_rule_says() {
        let x = |n| "X".repeat(n);
        let t = format!("ab {} {}Z {}é ¶{}", x(5), x(6), x(140), x(7));
        assert_eq!(
            TextSize::of(&t),
            TextSize {
                // ab, five X, Z, é and ¶ (one lead byte each).
                letters: 2 + 5 + 1 + 1 + 1,
                redactions: 3
            }
        );
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut stack = vec![dir];
        let mut files = 0;
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
                    assert_eq!(TextSize::of(&text), reference(&text), "{}", p.display());
                    files += 1;
                }
            }
        }
        assert!(files > 100, "{files}");
    }
}
