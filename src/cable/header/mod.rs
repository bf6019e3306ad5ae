//! Decoding of the header lines: date-time group, banner, captions, E.O., TAGS, SUBJECT, REF,
//! Classified By. Works on text lines; knows nothing of formats.

mod banner;
mod classified_by;
mod dates;
mod page_break;
mod routing;
mod tags;
mod unglue;

use std::sync::LazyLock;

use regex::Regex;

pub use banner::*;
pub use classified_by::*;
pub use dates::*;
pub use page_break::*;
pub use routing::*;
use tags::*;
pub use unglue::*;

/// The fields a header block yields.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct HeaderFields {
    pub banner: Option<String>,
    pub post_serial: Option<(String, u64)>,
    pub captions: Vec<String>,
    pub eo: Option<String>,
    /// The declassification date or instruction as written.
    pub declassify: Option<String>,
    pub tags: Vec<String>,
    pub subject: Option<String>,
    pub references_raw: Option<String>,
    pub classified_by: Option<String>,
    /// The `ENTIRE TEXT` level stated before the first paragraph, if any.
    pub entire_text: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    None,
    Tags,
    Subject,
    Ref,
    ClassifiedBy,
}

fn key_of(line: &str) -> Option<(Field, &str)> {
    let mut t = line.trim_start();
    // `(U) Classified by ...`: a portion marking before the key.
    if t.starts_with('(')
        && let Some(close) = t.find(')').filter(|&c| c <= 12)
        && crate::cable::marking::Marking::parse(&t[1..close]).is_some()
    {
        t = t[close + 1..].trim_start();
    }
    // Every key starts with T, S, U, R or C in either case (a non-ASCII letter may upper-case to
    // one of them, so only ASCII is rejected here).
    if t.as_bytes().first().is_none_or(|&b| {
        b.is_ascii() && !matches!(b.to_ascii_uppercase(), b'T' | b'S' | b'U' | b'R' | b'C')
    }) {
        return None;
    }
    let head = &t.as_bytes()[..t.len().min(16)];
    let mut ascii = [0u8; 16];
    let unicode: String;
    let upper_prefix: &str = if head.is_ascii() {
        // The first 16 characters are the first 16 bytes: upper-case them in place.
        ascii[..head.len()].copy_from_slice(head);
        ascii[..head.len()].make_ascii_uppercase();
        std::str::from_utf8(&ascii[..head.len()]).unwrap_or("")
    } else {
        unicode = t.chars().take(16).flat_map(char::to_uppercase).collect();
        &unicode
    };
    // `CLASSIFIED CONFIDENTIAL BY ...` in older cables.
    if upper_prefix.starts_with("CLASSIFIED ")
        && let Some(by) = t
            .get(..t.len().min(40))
            .and_then(|h| h.to_ascii_uppercase().find(" BY "))
        && let Some(level) = t.get(11..by).filter(|_| by > 11)
        && crate::cable::Level::of_classification(level.trim()).is_some()
    {
        return Some((Field::ClassifiedBy, t[by + 4..].trim_start()));
    }
    // Longer spellings first; teletype lost letters (`UBJECT:`), `REF(S):`, `REFTEL:`.
    for (key, field) in [
        ("TAGS", Field::Tags),
        ("TAG", Field::Tags),
        ("SUBJECT", Field::Subject),
        ("SUBJ", Field::Subject),
        ("UBJECT", Field::Subject),
        ("REFERENCES", Field::Ref),
        ("REFERENCE", Field::Ref),
        ("REF(S)", Field::Ref),
        ("REFTELS", Field::Ref),
        ("REFTEL", Field::Ref),
        ("REFS", Field::Ref),
        ("REF", Field::Ref),
        ("CLASSIFIED BY", Field::ClassifiedBy),
    ] {
        let Some(rest) = upper_prefix.strip_prefix(key) else {
            continue;
        };
        let sep = rest.starts_with([':', ';'])
            || (rest.starts_with('.') && key.starts_with("REF"))
            // `TAGS PREL, PGOV`, `SUBJECT ...`, `REF A: ...`: a space, then the value.
            || (rest.starts_with(' ') && (key.len() > 4 || key == "TAGS" || key == "REFS" || key == "REF"));
        if !sep {
            continue;
        }
        let after = t[key.len()..].trim_start();
        // `REF A: STATE 1`: the item's letter stays with the value.
        let after = after.trim_start_matches([':', ';', '.']).trim_start();
        if field == Field::Ref && rest.starts_with(' ') {
            let word = after.split_whitespace().next().unwrap_or("");
            // `REF` before a value, not the word in a sentence (`Reference for a new group`,
            // `REFTEL reported`): the value starts with a capital, a digit or a list letter.
            if !after
                .starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '(')
                || word.chars().any(char::is_lowercase)
            {
                continue;
            }
        }
        // `REF: REF (A) MADRID 3785`: the key written twice.
        let after = match field {
            Field::Ref => repeated_ref_key(after),
            _ => after,
        };
        if key == "TAGS"
            && rest.starts_with(' ')
            && !after.starts_with(|c: char| c.is_ascii_uppercase())
        {
            continue;
        }
        return Some((field, after));
    }
    None
}

/// A REF value without the key written again at its start, when a value follows it.
fn repeated_ref_key(value: &str) -> &str {
    for key in ["REFS", "REF"] {
        if let Some(rest) = value
            .get(..key.len())
            .filter(|h| h.eq_ignore_ascii_case(key))
            && let Some(rest) = value[rest.len()..].strip_prefix([' ', ':'])
        {
            let rest = rest.trim_start_matches(':').trim_start();
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    value
}

/// Keys that end a header item without being decoded.
fn ends_item(line: &str) -> bool {
    let b = line.as_bytes();
    if unglue::is_sbu_statement(b) {
        return true;
    }
    [
        "DERIVED FROM",
        "REASON:",
        "REASONS:",
        "DECLASSIFY ON",
        "PASS TO",
        "PLEASE PASS ",
        "ATTN:",
        "FOR:",
    ]
    .iter()
    .any(|k| {
        b.get(..k.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(k.as_bytes()))
    })
}

/// `(?i)^\s*E\.\s?O\.?\s*(\d{4,5}\b.*)$`, matched in two steps without capture groups (see
/// [`eo_value`]).
static EO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*E\.?\s?O\.?\s*").expect("valid regex"));

static EO_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{4,5}\b").expect("valid regex"));

/// The E.O. line's value (from its number to the end), if `line` is one. The prefix can match
/// only one way (whitespace, dots and the optional space cannot stand where a digit must), so
/// the prefix found and then the number after it are what the one regex would capture.
fn eo_value(line: &str) -> Option<&str> {
    let m = EO.find(line)?;
    let value = &line[m.end()..];
    (EO_NUMBER.is_match(value) && !value.contains('\n')).then_some(value)
}

/// Scans the lines before the first paragraph for header fields.
pub fn decode(lines: &[&str]) -> HeaderFields {
    decode_with(lines, true)
}

/// [`decode`]; with `post_serial` false the post and serial are not looked for (they only serve
/// to make up an id when the source gives none) and stay `None`.
pub fn decode_with(lines: &[&str], post_serial: bool) -> HeaderFields {
    let want_post_serial = post_serial;
    let mut h = HeaderFields::default();
    let mut field = Field::None;
    let mut buf = String::new();
    let flush = |h: &mut HeaderFields, field: Field, buf: &mut String| {
        let value = collapse(buf);
        buf.clear();
        if value.is_empty() {
            return;
        }
        match field {
            Field::Tags => {
                for tag in split_tags(&value) {
                    if !h.tags.contains(&tag) {
                        h.tags.push(tag);
                    }
                }
            }
            Field::Subject => {
                // Some pages glue the REF line onto the subject: `... UK PRIMEREF: A. LONDON 1939`.
                match value.find("REF:") {
                    Some(i) if i > 0 => {
                        h.references_raw = Some(value[i + 4..].trim().to_string());
                        h.subject = Some(value[..i].trim().to_string());
                    }
                    _ => h.subject = Some(value),
                }
                if let Some(subject) = h.subject.as_mut() {
                    let t = subject.trim_end_matches(['\\', '<', ' ']).len();
                    subject.truncate(t);
                }
            }
            Field::Ref => h.references_raw = Some(value),
            Field::ClassifiedBy => {
                if h.classified_by.is_none() {
                    h.classified_by = Some(classification_statement(&value).to_string());
                }
            }
            Field::None => {}
        }
    };
    let mut banner_line_pending = false;
    for line in lines {
        let trimmed = line.trim();
        if std::mem::take(&mut banner_line_pending)
            && let Some(ps) = self::post_serial(trimmed)
                .filter(|_| trimmed.ends_with(|c: char| c.is_ascii_digit()) && trimmed.len() < 40)
        {
            h.post_serial = Some(ps);
            continue;
        }
        if let Some((f, rest)) = key_of(line) {
            flush(&mut h, field, &mut buf);
            field = f;
            // An unwrapped text runs on into paragraph 1 (`REF: STATE 165115 1. Post grants ...`).
            let rest = match unglue::first_paragraph_start(rest) {
                Some(at) if at > 0 => &rest[..at],
                _ => rest,
            };
            buf.push_str(rest);
            continue;
        }
        if trimmed.is_empty() {
            // REF lists and Classified By may continue after a blank line only with a new item.
            flush(&mut h, field, &mut buf);
            field = Field::None;
            continue;
        }
        if trimmed.starts_with(['E', 'e'])
            && let Some(eo) = eo_value(trimmed)
        {
            flush(&mut h, field, &mut buf);
            field = Field::None;
            let value = collapse(eo);
            h.declassify = declassify_of(&value);
            h.eo = Some(value);
            continue;
        }
        if h.banner.is_none()
            && let Some((word, tail)) = banner(trimmed)
        {
            flush(&mut h, field, &mut buf);
            field = Field::None;
            h.banner = Some(word);
            if want_post_serial && h.post_serial.is_none() {
                h.post_serial = self::post_serial(&tail);
                // A banner whose post and serial went onto the next line.
                banner_line_pending = h.post_serial.is_none();
            }
            for w in tail.split_whitespace() {
                if CAPTIONS.contains(&w) && !h.captions.iter().any(|c| c == w) {
                    h.captions.push(w.to_string());
                }
            }
            continue;
        }
        if field == Field::None {
            for c in captions_in(trimmed) {
                if !h.captions.contains(&c) {
                    h.captions.push(c);
                }
            }
            if h.entire_text.is_none() && contains_entire_text(trimmed) {
                h.entire_text = Some(trimmed.to_string());
            }
            if want_post_serial && h.post_serial.is_none() {
                h.post_serial = page_break(trimmed);
            }
            continue;
        }
        if is_page_break(trimmed) {
            // The text runs across a page break; the line is not part of any item.
            continue;
        }
        let caption_line = !captions_in(trimmed).is_empty();
        if (field == Field::Tags && (trimmed.contains(':') || caption_line))
            || ends_item(trimmed)
            || (field == Field::Subject && caption_line)
        {
            // A new "KEY:" line that we don't decode, or a caption, ends the item.
            flush(&mut h, field, &mut buf);
            field = Field::None;
            for c in captions_in(trimmed) {
                if !h.captions.contains(&c) {
                    h.captions.push(c);
                }
            }
            continue;
        }
        if prose(trimmed) || unglue::first_paragraph_start(trimmed) == Some(0) {
            // Running text or paragraph 1, not a wrapped header line: the item ended before it.
            flush(&mut h, field, &mut buf);
            field = Field::None;
            continue;
        }
        buf.push(' ');
        buf.push_str(trimmed.trim_end_matches('\\'));
    }
    flush(&mut h, field, &mut buf);
    h
}

/// A line longer than a cable's lines ever are: running text of a collapsed or unwrapped
/// body, never the continuation of a header item.
fn prose(line: &str) -> bool {
    line.len() > 90 && line.chars().count() > 90
}

/// Where the header items before a cable's text end: the index of the first line after the
/// last banner, caption, E.O., TAGS, SUBJECT, REF or Classified By item (an item runs on to the
/// next blank line). For a cable without numbered paragraphs, its text starts there.
pub fn header_end(lines: &[&str]) -> usize {
    let mut end = 0;
    let mut in_item = false;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.is_empty() {
            in_item = false;
            continue;
        }
        let item = key_of(t).is_some()
            || eo_value(t).is_some()
            || banner(t).is_some()
            || !captions_in(t).is_empty()
            || is_page_break(t)
            || unglue(t).len() > 1;
        if item || (in_item && !prose(t)) {
            in_item = true;
            end = i + 1;
        } else {
            in_item = false;
        }
    }
    end
}

/// `line.to_uppercase().contains("ENTIRE TEXT")`, without the copy for ASCII lines.
pub(crate) fn contains_entire_text(line: &str) -> bool {
    if line.is_ascii() {
        const NEEDLE: &[u8] = b"ENTIRE TEXT";
        let b = line.as_bytes();
        // Wherever the needle's X falls, compare the bytes around it.
        return memchr::memchr2_iter(b'X', b'x', b).any(|x| {
            x >= 8
                && b.get(x - 8..x + 3)
                    .is_some_and(|w| w.eq_ignore_ascii_case(NEEDLE))
        });
    }
    line.to_uppercase().contains("ENTIRE TEXT")
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// What a line before the first paragraph is, read as [`decode_with`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRole {
    /// Banner, captions, E.O., TAGS, REF, Classified By, addressee notes among them, blanks.
    Header,
    /// A line of the SUBJECT field.
    Subject,
    /// Text after the header fields (the whole text of a cable without paragraph numbers).
    Text,
}

/// The role of each of `lines`: header fields as [`decode_with`] finds them; lines after the
/// last of them are text.
pub fn line_roles(lines: &[&str]) -> Vec<LineRole> {
    let mut roles = Vec::with_capacity(lines.len());
    let mut field = Field::None;
    let mut banner_seen = false;
    let mut last_field = None;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let role = if let Some((f, _)) = key_of(line) {
            field = f;
            last_field = Some(i);
            if f == Field::Subject {
                LineRole::Subject
            } else {
                LineRole::Header
            }
        } else if trimmed.is_empty() {
            field = Field::None;
            LineRole::Header
        } else if trimmed.starts_with(['E', 'e']) && eo_value(trimmed).is_some()
            || !banner_seen && banner(trimmed).is_some()
            || field == Field::None && (!captions_in(trimmed).is_empty() || is_page_break(trimmed))
        {
            banner_seen |= banner(trimmed).is_some();
            field = Field::None;
            last_field = Some(i);
            LineRole::Header
        } else if field == Field::Subject {
            last_field = Some(i);
            LineRole::Subject
        } else if field != Field::None {
            last_field = Some(i);
            LineRole::Header
        } else {
            LineRole::Text
        };
        roles.push(role);
    }
    // Lines among the fields (`STATE FOR EUR/RPM`) are the header's.
    if let Some(last) = last_field {
        for r in &mut roles[..last] {
            if *r == LineRole::Text {
                *r = LineRole::Header;
            }
        }
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eo_lines() {
        let old = Regex::new(r"(?i)^\s*E\.?\s?O\.?\s*(\d{4,5}\b.*)$").unwrap();
        for line in [
            "E.O. 12958: DECL: 1/1/2019",
            "e.o.12356: N/A",
            "E. O. 12958 DECL",
            "E.O 11652",
            "E.O. 129581",
            "E.O. 1295",
            "E.O.  12958x",
            "E..O. 12958",
            "E.O. 12958\nmore",
            " \u{b}E.O. 12065: GDS",
            "EO 12958",
            "E.O. ١٢٩٥٨ x",
        ] {
            let want = old.captures(line).map(|c| c.get(1).unwrap().as_str());
            assert_eq!(eo_value(line), want, "{line:?}");
        }
        let old = Regex::new(r"^\s*(UNCLAS(?:SIFIED)?|U N C L A S(?: S I F I E D)?|CONFIDENTIAL|C O N F I D E N T I A L|SECRET|S E C R E T|TOP SECRET|T O P S E C R E T|LIMITED OFFICIAL USE)\b(.*)$").unwrap();
        for line in [
            "UNCLASSIFIED",
            "UNCLAS SECTION 01 OF 02 STATE 000123",
            "UNCLASSIFIEDX",
            "UNCLASX",
            "SECRET\nSECTION",
            "  C O N F I D E N T I A L SECTION 01",
            "TOP SECRET/NOFORN",
            "SECRETARY",
            "LIMITED OFFICIAL USE SIPDIS",
        ] {
            let want = old
                .captures(line)
                .map(|c| c.get(2).unwrap().as_str().trim().to_string());
            let got = banner(line);
            assert!(want.is_some() || got.is_none(), "{line:?}");
            if let Some((_, tail)) = got {
                assert_eq!(Some(tail), want, "{line:?}");
            }
        }
    }
}
