//! Splitting a cable's text into preamble, numbered paragraphs and closing.
//!
//! Paragraph numbers are found as candidates (`N.` at a line start) and then the most plausible
//! increasing sequence is chosen among them, so that a wrapped `2005.` split into `200` / `5.`, or
//! a numbered list inside a paragraph, does not start a paragraph. The choice only looks back a
//! bounded number of candidates, which keeps the cost linear in the text's length.

mod closing;
mod headings;
mod numbering;

use std::sync::LazyLock;

use regex::Regex;

use super::header;
use super::marking::{Marking, Portion, parse_portion, strip_entire_text};
use super::model::{Paragraph, Warning};

/// The parts of a cable's text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Split {
    /// Lines before the first paragraph (banner, captions, TAGS, SUBJECT, REF ...).
    pub preamble: Vec<String>,
    pub paragraphs: Vec<Paragraph>,
    pub closing: String,
    pub warnings: Vec<Warning>,
    /// The whole-text marking found in a paragraph (`C - ENTIRE TEXT`), if any.
    pub entire: Option<Marking>,
}

/// One line kept after page breaks and repeated banners are removed.
#[derive(Debug)]
struct Line<'a> {
    text: &'a str,
    /// A blank line or a removed page break stands right before it.
    gap_before: bool,
}

/// A line that may start a paragraph.
#[derive(Debug)]
struct Candidate {
    line: usize,
    number: u32,
    weight: i32,
    marked: bool,
    /// A blank line or a removed page break stands right before it.
    gap_before: bool,
}

/// How far back the sequence search looks; bounds the work per candidate.
const WINDOW: usize = 64;
/// The largest jump in numbering still taken as a paragraph (with a warning); redacted or
/// template cables jump from 3 to 15.
const MAX_GAP: u32 = 40;
/// The cost of a jump in numbering, whatever its size: a jump is rare but real.
const GAP_PENALTY: i32 = 3;
/// The cost of numbering that starts above 1.
const START_PENALTY: i32 = 5;

use closing::*;
pub use closing::{may_close_with_signature, signer, summary, without_trailers};
use headings::*;
use numbering::*;

/// Removes page-break lines, teletype page headers and repeated banners; the text runs on.
fn clean_lines(text: &str) -> Vec<Line<'_>> {
    let mut out: Vec<Line> = Vec::with_capacity(text.len() / 48);
    let mut gap = false;
    let mut after_break = false;
    let mut seen_paragraph = false;
    for raw in lines(text) {
        let t = raw.trim_end();
        if t.is_empty() {
            if !after_break {
                gap = true;
            }
            continue;
        }
        let noise = header::is_page_break(t)
            || (seen_paragraph && is_repeated_banner(t))
            || (t.ends_with("NNNN") && t.trim() == "NNNN");
        if noise {
            // Within paragraphs, blank lines around a break are layout, not text: drop them,
            // so the text runs on. Before the first paragraph they still end header fields.
            if seen_paragraph {
                while out.last().is_some_and(|l: &Line| l.text.trim().is_empty()) {
                    out.pop();
                }
                after_break = true;
                gap = false;
            } else {
                gap = true;
            }
            continue;
        }
        if gap && !out.is_empty() {
            out.push(Line {
                text: "",
                gap_before: false,
            });
        }
        if !seen_paragraph && candidate_number(t).is_some_and(|(n, _)| n < 1000) {
            seen_paragraph = true;
        }
        out.push(Line {
            text: t,
            gap_before: gap || after_break || out.is_empty(),
        });
        gap = false;
        after_break = false;
    }
    out
}

/// `str::lines` with a vectorised search for line ends: split at `\n`, one `\r` before it
/// dropped, no empty line after a final line end.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let Some(end) = ends.next() else {
            // The last line, without a line end: a CR at its end stays.
            let line = &text[start..];
            start = text.len();
            return Some(line);
        };
        let line = &text[start..end];
        start = end + 1;
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// A banner line repeated at a page or section start (`CONFIDENTIAL`, `UNCLAS SECTION 02 OF 03 ...`).
fn is_repeated_banner(line: &str) -> bool {
    // Banners start with a capital: skip the trimming for the other lines.
    if line
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii() && !header::is_space(*b) && !b.is_ascii_uppercase())
    {
        return false;
    }
    match header::banner(line.trim()) {
        Some((_, tail)) => {
            tail.is_empty() || tail.starts_with("SECTION") || header::post_serial(&tail).is_some()
        }
        None => false,
    }
}

/// The marking that opens a paragraph's text, if any.
struct Lead<'a> {
    marking: Option<Marking>,
    raw: Option<String>,
    entire: bool,
    unknown: bool,
    text: &'a str,
}

static ENTIRE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?((?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|LIMITED OFFICIAL USE|LOU|TS|C|S|U)(?:\s*/\s*NOFORN|\s*/\s*NF|\s+NOFORN)?\s*-?\s*ENTIRE TEXT)\)?\.?\s*")
        .expect("valid regex")
});

fn lead(rest: &str) -> Lead<'_> {
    let none = Lead {
        marking: None,
        raw: None,
        entire: false,
        unknown: false,
        text: rest,
    };
    if let Some(inner_end) = rest
        .strip_prefix('(')
        .and_then(|r| {
            r.char_indices()
                .take(90)
                .find(|&(_, c)| c == ')' || c == '(')
        })
        .filter(|&(_, c)| c == ')')
        .map(|(i, _)| i + 1)
    {
        let inner = &rest[1..inner_end];
        let after = rest[inner_end + 1..].trim_start();
        // A long release list may wrap onto the next line.
        let joined;
        let inner = if inner.contains('\n') {
            joined = inner.split_whitespace().collect::<Vec<_>>().join(" ");
            joined.as_str()
        } else {
            inner
        };
        return match parse_portion(inner) {
            Portion::Marking { marking, entire } => {
                let head = &after.as_bytes()[..after.len().min(16)];
                let entire_after = if head.is_ascii() {
                    // The first 16 characters are these bytes: compare without copying.
                    let start = head
                        .iter()
                        .position(|&b| b != b'-' && b != b' ')
                        .unwrap_or(head.len());
                    head[start..]
                        .get(..11)
                        .is_some_and(|w| w.eq_ignore_ascii_case(b"ENTIRE TEXT"))
                } else {
                    let upper_after: String =
                        after.chars().take(16).collect::<String>().to_uppercase();
                    upper_after
                        .trim_start_matches(['-', ' '])
                        .starts_with("ENTIRE TEXT")
                };
                Lead {
                    marking: Some(marking),
                    raw: Some(inner.to_string()),
                    entire: entire || entire_after,
                    unknown: false,
                    text: after,
                }
            }
            Portion::Unknown => Lead {
                marking: None,
                raw: Some(inner.to_string()),
                entire: false,
                unknown: true,
                text: after,
            },
            Portion::NotMarking => none,
        };
    }
    // The regex needs a level word at the start and ENTIRE TEXT after it: check both cheaply.
    let level_start = rest
        .strip_prefix('(')
        .unwrap_or(rest)
        .starts_with(['T', 'S', 'C', 'U', 'L']);
    if level_start
        && memchr::memmem::find(rest.as_bytes(), b"ENTIRE TEXT").is_some()
        && let Some(m) = ENTIRE_LEAD.captures(rest)
    {
        let raw = m.get(1).map_or("", |g| g.as_str());
        let upper = raw.to_uppercase();
        let (level_text, _) = strip_entire_text(&upper);
        let level_text = level_text.replace(" NOFORN", "/NF");
        if let Some(marking) = Marking::parse(&level_text) {
            let end = m.get(0).map_or(0, |g| g.end());
            return Lead {
                marking: Some(marking),
                raw: Some(raw.to_string()),
                entire: true,
                unknown: false,
                text: &rest[end..],
            };
        }
    }
    none
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', ':', ';', '?', '!', '"', '\'', ')'])
}

/// Splits the text that follows the routing header.
pub fn split(text: &str) -> Split {
    let lines = clean_lines(text);
    let cands = candidates(&lines);
    let chosen = choose_sequence(&cands);
    build_paragraphs(&lines, &cands, &chosen, Texts::All)
}

/// The same split as [`split`], paragraph by paragraph, without the paragraphs' texts: numbers,
/// markings (`text` left empty), preamble, whole-text marking and the numbering warnings. What
/// an index needs, at a fraction of the cost.
///
/// The preamble's lines are returned beside it, borrowed from `text` (`Split::preamble` stays
/// empty): they are only read.
pub fn split_markings(text: &str) -> (Split, Vec<&str>) {
    split_with_preamble(text, Texts::First)
}

/// The same split as [`split`], with the texts only of the paragraphs whose raw text (before
/// trimming and before the signature is cut off the last one) passes `keep`; the others' texts
/// are left empty. No missing-text warnings. For a search whose every match holds a literal:
/// a paragraph without it cannot match.
/// The preamble's lines are returned beside it, as by [`split_markings`].
pub fn split_matching<'a>(text: &'a str, keep: &dyn Fn(&str) -> bool) -> (Split, Vec<&'a str>) {
    split_with_preamble(text, Texts::Matching(keep))
}

/// What an index reads of the paragraphs: as [`split_matching`], and the last paragraph's text
/// kept too when a signature may close it (the signer is read from its closing). Only the
/// last is tested: the closing is cut from no other.
pub fn split_for_index<'a>(text: &'a str, keep: &dyn Fn(&str) -> bool) -> (Split, Vec<&'a str>) {
    split_with_preamble(text, Texts::Signed(keep))
}

/// [`split_matching`] for a search, cheaper: a paragraph whose lines as `text` holds them
/// (page breaks and trailing spaces among them) fail `keep` is not decoded at all, its marking
/// left unread too. `keep` must be false on a text only when it is false on every text made of
/// some of its lines (cut or trimmed) joined by line ends, as a search's tests are. The numbers
/// are those of [`split`], and so are the markings and texts of the paragraphs decoded (a
/// paragraph whose lines may hold a whole-text marking, which every paragraph inherits, has its
/// marking read).
pub fn split_searched<'a>(text: &'a str, keep: &dyn Fn(&str) -> bool) -> (Split, Vec<&'a str>) {
    split_with_preamble(text, Texts::Searched { keep, source: text })
}

/// The split with the texts `texts` asks for, and the preamble's lines borrowed from `text`.
fn split_with_preamble<'a>(text: &'a str, texts: Texts) -> (Split, Vec<&'a str>) {
    let lines = clean_lines(text);
    let cands = candidates(&lines);
    let chosen = choose_sequence(&cands);
    let split = build_paragraphs(&lines, &cands, &chosen, texts);
    (split, preamble_of(&lines, &cands, &chosen))
}

/// False only when a paragraph made of `text`'s lines cannot open with a whole-text marking: the
/// text is ASCII (no other letter upper-cases to one of `ENTIRE`) and has no `entire` in any case.
fn may_hold_entire_text(text: &str) -> bool {
    static ENTIRE: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        regex::bytes::RegexBuilder::new("entire")
            .case_insensitive(true)
            .unicode(false)
            .build()
            .expect("valid regex")
    });
    !text.is_ascii() || ENTIRE.is_match(text.as_bytes())
}

/// The part of `source` that a paragraph's lines `start..end` were cut from: every text made of
/// those lines is made of it.
fn span_source<'a>(source: &'a str, lines: &[Line], start: usize, end: usize) -> Option<&'a str> {
    let base = source.as_ptr() as usize;
    let offset = |s: &str| {
        (s.as_ptr() as usize)
            .checked_sub(base)
            .filter(|&o| o + s.len() <= source.len())
    };
    let first = lines.get(start).filter(|l| !l.text.is_empty())?;
    let last = lines
        .get(start..end)?
        .iter()
        .rev()
        .find(|l| !l.text.is_empty())?;
    source.get(offset(first.text)?..offset(last.text)? + last.text.len())
}

/// The lines before the first chosen paragraph (for a cable without numbered paragraphs, its
/// header lines).
fn preamble_of<'a>(lines: &[Line<'a>], cands: &[Candidate], chosen: &[usize]) -> Vec<&'a str> {
    lines[..text_start(lines, cands, chosen)]
        .iter()
        .map(|l| l.text)
        .collect()
}

/// Where the paragraphs start: at the first chosen number, or, without numbers, after the
/// header items.
fn text_start(lines: &[Line], cands: &[Candidate], chosen: &[usize]) -> usize {
    match chosen.first() {
        Some(&k) => cands[k].line,
        None => {
            let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
            header::header_end(&texts)
        }
    }
}

/// Which paragraph texts [`build_paragraphs`] keeps.
#[derive(Clone, Copy)]
enum Texts<'a> {
    All,
    /// Only the first paragraph's.
    First,
    Matching(&'a dyn Fn(&str) -> bool),
    /// As `Matching`, the last paragraph's also when a signature may close it.
    Signed(&'a dyn Fn(&str) -> bool),
    /// As `Matching`, a paragraph whose source fails the test left undecoded (see
    /// [`split_searched`]).
    Searched {
        keep: &'a dyn Fn(&str) -> bool,
        source: &'a str,
    },
}

/// The paragraphs of the chosen candidates, with the texts `texts` asks for; what depends on
/// texts left out (closing, missing-text warnings) is skipped.
fn build_paragraphs(lines: &[Line], cands: &[Candidate], chosen: &[usize], texts: Texts) -> Split {
    let mut split = Split::default();
    let mut whole = String::new();
    let first_line = text_start(lines, cands, chosen);
    // A search keeps the preamble too, so that a heading is moved out of it as in full.
    if !matches!(texts, Texts::First) {
        split.preamble = lines[..first_line]
            .iter()
            .map(|l| l.text.to_string())
            .collect();
    }
    // Each paragraph: its number and its lines; without numbers, one unnumbered block.
    let mut spans: Vec<(Option<u32>, usize, usize)> = chosen
        .iter()
        .enumerate()
        .map(|(pos, &k)| {
            let end = chosen.get(pos + 1).map_or(lines.len(), |&n| cands[n].line);
            (Some(cands[k].number), cands[k].line, end)
        })
        .collect();
    if spans.is_empty()
        && let Some(at) = lines[first_line..]
            .iter()
            .position(|l| !l.text.trim().is_empty())
    {
        spans.push((None, first_line + at, lines.len()));
    }
    let mut last_number = 0u32;
    for (pos, &(number, start, end)) in spans.iter().enumerate() {
        // A search skips a paragraph its source shows it cannot match nor mark the whole text
        // (a marking written before the number is moved behind it, which makes text the source
        // does not hold).
        let skip = match texts {
            Texts::Searched { keep, source } => {
                let moved = number.is_some()
                    && candidate(lines[start].text).is_some_and(|(_, _, before)| before.is_some());
                !moved
                    && span_source(source, lines, start, end)
                        .is_some_and(|s| !keep(s) && !may_hold_entire_text(s))
            }
            _ => false,
        };
        whole.clear();
        if !skip {
            match number {
                Some(_) => push_start(&mut whole, lines[start].text),
                None => whole.push_str(lines[start].text.trim_start()),
            }
            for line in &lines[start + 1..end] {
                whole.push('\n');
                whole.push_str(line.text);
            }
        }
        let l = if skip {
            Lead {
                marking: None,
                raw: None,
                entire: false,
                unknown: false,
                text: "",
            }
        } else {
            lead(&whole)
        };
        let keep = match texts {
            _ if skip => false,
            Texts::All => true,
            // The first paragraph's text is kept: older cables say who classified them there.
            Texts::First => pos == 0,
            Texts::Matching(keep) | Texts::Searched { keep, .. } => keep(&whole),
            Texts::Signed(keep) => {
                keep(&whole) || (pos + 1 == spans.len() && may_close_with_signature(&whole))
            }
        };
        let text = if keep {
            l.text.trim().to_string()
        } else {
            String::new()
        };
        if let Some(n) = number {
            if pos > 0 {
                if n > last_number + 1 {
                    split.warnings.push(Warning::NumberSkipped {
                        after: last_number,
                        found: n,
                    });
                } else if n <= last_number {
                    split.warnings.push(Warning::NumberRepeated {
                        after: last_number,
                        found: n,
                    });
                }
            } else if n != 1 {
                split.warnings.push(Warning::NumberingStartsAt { first: n });
            }
            last_number = last_number.max(n);
        }
        if l.unknown {
            split.warnings.push(Warning::UnknownMarking {
                paragraph: number.unwrap_or(0),
                raw: l.raw.clone().unwrap_or_default(),
            });
        }
        if l.entire && split.entire.is_none() {
            split.entire = l.marking.clone();
        }
        split.paragraphs.push(Paragraph {
            number,
            heading: None,
            marking: l.marking,
            marking_raw: l.raw,
            inherited: false,
            text,
        });
    }
    // Numbers far ahead kept as text.
    for (after, found) in implausible_jumps(cands, chosen) {
        split
            .warnings
            .push(Warning::NumberImplausible { after, found });
    }
    if matches!(texts, Texts::First) {
        return split;
    }
    if let Some(last) = split.paragraphs.last_mut()
        && (matches!(texts, Texts::All) || !last.text.is_empty())
    {
        let (body, closing) = split_closing(&last.text);
        last.text = body;
        split.closing = closing;
    }
    // A search sees the paragraph texts a full load gives: headings moved out of them.
    move_headings(&mut split);
    if !matches!(texts, Texts::All) {
        return split;
    }
    let count = split.paragraphs.len();
    for (i, p) in split.paragraphs.iter().enumerate() {
        if i + 1 < count
            && let Some(n) = p.number
            && stops_mid_sentence(&p.text)
        {
            split.warnings.push(Warning::MissingText { paragraph: n });
        }
    }
    split
}

/// A paragraph that ends on a word or comma in the middle of running text lost its end.
/// Headings, tables, `END SUMMARY` and lines standing after a finished sentence are not that.
fn stops_mid_sentence(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let Some(last_at) = lines.iter().rposition(|l| !l.is_empty()) else {
        return false;
    };
    let last = lines[last_at];
    if !last.ends_with(|c: char| c.is_alphanumeric() || c == ',') {
        return false;
    }
    let prev = last_at.checked_sub(1).map(|i| lines[i]);
    let standalone = match prev {
        // A one-line paragraph this short is a title or heading.
        None => last.chars().count() < 60,
        Some(p) => p.is_empty() || finished_sentence(p),
    };
    let list_item = last.starts_with(['-', '*', '(', '\u{2022}']);
    let redacted = last.ends_with("XXXX");
    let upper = last.to_uppercase();
    let caps_heading = !last.chars().any(char::is_lowercase)
        && lines.iter().any(|l| l.chars().any(char::is_lowercase));
    let footnote = last
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .ends_with(['.', ',']);
    let end_marker = [
        "END SUMMARY",
        "END COMMENT",
        "END NOTE",
        "END QUOTE",
        "END TEXT",
    ]
    .iter()
    .any(|m| upper.ends_with(m));
    !(standalone
        || caps_heading
        || footnote
        || end_marker
        || list_item
        || redacted
        || last.contains("   "))
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_as_str_lines() {
        for t in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\nb\r",
            "a\n\nb\n\n",
            "\r\n\r",
            "x\ry\n",
        ] {
            assert_eq!(
                lines(t).collect::<Vec<_>>(),
                t.lines().collect::<Vec<_>>(),
                "{t:?}"
            );
        }
    }

    #[test]
    fn candidates() {
        assert_eq!(candidate_number("1. (C) Text"), Some((1, "(C) Text")));
        assert_eq!(candidate_number("¶12. Text"), Some((12, "Text")));
        assert_eq!(candidate_number("3.(S) x"), Some((3, "(S) x")));
        assert_eq!(candidate_number("2006. The year"), Some((2006, "The year")));
        assert_eq!(candidate_number("(C) 1. Text"), Some((1, "Text")));
        assert_eq!(candidate("(C) 1. Text"), Some((1, "Text", Some("C"))));
        assert_eq!(candidate_number("(Iran) 1. Text"), None);
        assert_eq!(candidate_number("1.4 (b)"), None);
    }

    #[test]
    fn split_number_is_not_a_paragraph() {
        let s = split("1. (C) Lange died in August 200\n5. It is not clear.\n2. (S) More.\n");
        let numbers: Vec<u32> = s.paragraphs.iter().filter_map(|p| p.number).collect();
        assert_eq!(numbers, vec![1, 2]);
        assert!(s.paragraphs[0].text.ends_with("200\n5. It is not clear."));
    }

    #[test]
    fn page_breaks_run_on() {
        let s = split("1. (U) One\n\nBERN 00000881  002 OF 002\n\ncontinues.\n2. (U) Two.");
        assert_eq!(s.paragraphs[0].text, "One\ncontinues.");
    }

    #[test]
    fn inner_list_does_not_split() {
        let s = split(
            "1. (C) Points:\n\n1. first\n2. second\n3. third\n4. fourth\n\n2. (C) Two.\n\n3. (C) Three.\n\n4. (C) Four.\n",
        );
        let numbers: Vec<u32> = s.paragraphs.iter().filter_map(|p| p.number).collect();
        assert_eq!(numbers, vec![1, 2, 3, 4]);
    }

    #[test]
    fn a_search_split_reads_a_marking_moved_behind_its_number() {
        let text = "(C) 1. Text here.\n\n(C) 2. More here.\n";
        let keep = |t: &str| t.contains("C) Text");
        let (s, _) = split_searched(text, &keep);
        assert_eq!(s.paragraphs[0].text, "Text here.");
        assert_eq!(s.paragraphs[1].text, "");
        assert_eq!(s, split_matching(text, &keep).0);
    }

    #[test]
    fn signature() {
        let s = split("1. (U) One.\n\n2. (U) Two.\n\nCLINTON\n");
        assert_eq!(s.closing, "CLINTON");
        assert_eq!(s.paragraphs[1].text, "Two.");
    }
}
