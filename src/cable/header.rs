//! Decoding of the header lines: date-time group, banner, captions, E.O., TAGS, SUBJECT, REF,
//! Classified By. Works on text lines; knows nothing of formats.

use std::sync::LazyLock;

use regex::Regex;

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// Caption words that stand alone on header lines.
const CAPTIONS: &[&str] = &[
    "SIPDIS",
    "NOFORN",
    "EXDIS",
    "NODIS",
    "LIMDIS",
    "SENSITIVE",
    "STADIS",
    "CHEROKEE",
    "ROGER",
    "DISSENT",
    "ORCON",
    "NOCONTRACT",
    "PROPIN",
    "FOUO",
];

static DTG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])([0-3]\d)([0-2]\d)([0-5]\d)Z\s*(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s*(\d{2})(?:[^0-9]|$)")
        .expect("valid regex")
});

/// Banner: a classification word (possibly letter-spaced) at a line start, optionally followed
/// by `SECTION 01 OF 02` and the post and serial.
///
/// `^\s*(WORD)\b(.*)$` is matched as [`BANNER`] finding `^\s*WORD\b` (its automaton is much
/// cheaper than capture groups) and the rest of the text, which must hold no line end.
static BANNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:UNCLAS(?:SIFIED)?|U N C L A S(?: S I F I E D)?|CONFIDENTIAL|C O N F I D E N T I A L|SECRET|S E C R E T|TOP SECRET|T O P S E C R E T|LIMITED OFFICIAL USE)\b")
        .expect("valid regex")
});

/// `POST 000123` at the end of a banner, or a page-break line `POST 00000595 001.2 OF 003`.
static POST_SERIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\s)([A-Z][A-Z .'-]*?[A-Z])\s+(\d{5,8})(?:\s+\d{3}(?:\.\d+)?\s+OF\s+\d{3}|\s*$|\s)",
    )
    .expect("valid regex")
});

static REF_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^A-Z0-9])(?:(\d{2})\s+)?([A-Z]{2,}(?: [A-Z]{2,}){0,2})\s+0*(\d{1,7})\b")
        .expect("valid regex")
});

/// A date-time group as UTC ISO 8601, given the two-digit year's century from `year_hint`.
pub fn find_dtg(text: &str, year_hint: Option<i32>) -> Option<String> {
    for caps in DTG.captures_iter(text) {
        let day: u32 = caps[1].parse().ok()?;
        let hour: u32 = caps[2].parse().ok()?;
        let minute: u32 = caps[3].parse().ok()?;
        let month = MONTHS.iter().position(|m| *m == &caps[4])? as u32 + 1;
        let yy: i32 = caps[5].parse().ok()?;
        let year = full_year(yy, year_hint);
        if (1..=31).contains(&day) && hour < 24 && minute < 60 {
            if chrono::NaiveDate::from_ymd_opt(year, month, day).is_none() {
                continue;
            }
            return Some(format!(
                "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:00Z"
            ));
        }
    }
    None
}

fn full_year(yy: i32, hint: Option<i32>) -> i32 {
    if let Some(h) = hint
        && h % 100 == yy
    {
        return h;
    }
    if yy >= 50 { 1900 + yy } else { 2000 + yy }
}

/// A source's `YYYY-MM-DD HH:MM` as ISO 8601.
pub fn created_to_iso(created: &str) -> Option<String> {
    let t = created.trim();
    let (date, time) = t.split_once(' ').unwrap_or((t, "00:00"));
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let tm = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M").ok()?;
    Some(format!(
        "{}T{}:00Z",
        d.format("%Y-%m-%d"),
        tm.format("%H:%M")
    ))
}

/// The banner line's classification, letter spacing removed (`CONFIDENTIAL`), and its tail.
pub fn banner(line: &str) -> Option<(String, String)> {
    // The regex's words, checked first: most lines are rejected here.
    if !first_byte(line).is_some_and(|b| matches!(b, b'U' | b'C' | b'S' | b'T' | b'L')) {
        return None;
    }
    let t = line.trim_start();
    if ![
        "UNCLAS",
        "U N C L A S",
        "CONFIDENTIAL",
        "C O N F I D E N T I A L",
        "SECRET",
        "S E C R E T",
        "TOP SECRET",
        "T O P S E C R E T",
        "LIMITED OFFICIAL USE",
    ]
    .iter()
    .any(|w| t.starts_with(w))
    {
        return None;
    }
    let m = BANNER.find(line)?;
    let rest = &line[m.end()..];
    if rest.contains('\n') {
        return None;
    }
    let word: String = line[..m.end()]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let word = if word == "UNCLAS" {
        "UNCLASSIFIED".to_string()
    } else {
        word.replace("TOPSECRET", "TOP SECRET")
            .replace("LIMITEDOFFICIALUSE", "LIMITED OFFICIAL USE")
    };
    let tail = rest.trim().to_string();
    // A banner stands alone or is followed by SECTION/post/serial/captions, never by prose.
    let ok = tail.is_empty()
        || tail.starts_with("SECTION")
        || tail.starts_with('/')
        || tail.starts_with('-')
        || POST_SERIAL.is_match(&tail)
        || tail
            .split_whitespace()
            .all(|w| CAPTIONS.contains(&w.trim_matches(|c: char| !c.is_ascii_alphabetic())));
    ok.then_some((word, tail))
}

/// `(post, serial)` from a banner tail or page-break line: (`USNATO`, 595).
pub fn post_serial(text: &str) -> Option<(String, u64)> {
    let caps = POST_SERIAL.captures(text)?;
    let post: String = caps[1].split_whitespace().collect::<Vec<_>>().join(" ");
    let post = post.trim_start_matches("SECTION").trim().to_string();
    let post = strip_section(&post);
    let serial: u64 = caps[2].parse().ok()?;
    (!post.is_empty()).then_some((post, serial))
}

fn strip_section(post: &str) -> String {
    // "SECTION 01 OF 02 REYKJAVIK" leaves digits out by the regex; drop a leading "OF".
    let words: Vec<&str> = post
        .split_whitespace()
        .filter(|w| !matches!(*w, "SECTION" | "OF"))
        .collect();
    words.join(" ")
}

/// Captions found on a line made only of caption words (or trailing a banner).
pub fn captions_in(line: &str) -> Vec<String> {
    // Every caption starts with one of these letters: most lines fail here.
    let first = line.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '/');
    if !first.starts_with(['S', 'N', 'E', 'L', 'C', 'R', 'D', 'O', 'P', 'F']) {
        return Vec::new();
    }
    let words = || {
        line.split(|c: char| c.is_whitespace() || c == ',' || c == '/')
            .filter(|w| !w.is_empty())
            .map(|w| w.trim_end_matches(['.', ':', '-']))
    };
    // Checked before anything is allocated: most lines hold other words.
    if words().next().is_some() && words().all(|w| CAPTIONS.contains(&w)) {
        return words().map(str::to_string).collect();
    }
    Vec::new()
}

/// The fields a header block yields.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct HeaderFields {
    pub banner: Option<String>,
    pub post_serial: Option<(String, u64)>,
    pub captions: Vec<String>,
    pub eo: Option<String>,
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
    let t = line.trim_start();
    // Every key starts with T, S, R or C in either case (a non-ASCII letter may upper-case to
    // one of them, so only ASCII is rejected here).
    if t.as_bytes().first().is_none_or(|&b| {
        b.is_ascii() && !matches!(b.to_ascii_uppercase(), b'T' | b'S' | b'R' | b'C')
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
    for (key, field) in [
        ("TAGS", Field::Tags),
        ("SUBJECT", Field::Subject),
        ("SUBJ", Field::Subject),
        ("REFS", Field::Ref),
        ("REF", Field::Ref),
        ("REFERENCE", Field::Ref),
        ("REFERENCES", Field::Ref),
        ("CLASSIFIED BY", Field::ClassifiedBy),
    ] {
        if let Some(rest) = upper_prefix.strip_prefix(key)
            && (rest.starts_with(':') || rest.starts_with(' ') && key.len() > 4)
        {
            let after = &t[key.len()..];
            let after = after.trim_start().trim_start_matches(':').trim_start();
            return Some((field, after));
        }
    }
    None
}

/// `(?i)^\s*E\.\s?O\.?\s*(\d{4,5}\b.*)$`, matched in two steps without capture groups (see
/// [`eo_value`]).
static EO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*E\.\s?O\.?\s*").expect("valid regex"));

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

static DECL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:DECL(?:ASSIFY)?(?:\s+ON)?|DNG:\s*CO)\s*:?\s*(.+)$").expect("valid regex")
});

static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bOADR\b").expect("valid regex"));

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
            Field::Tags => h.tags.extend(split_tags(&value)),
            Field::Subject => {
                // Some pages glue the REF line onto the subject: `... UK PRIMEREF: A. LONDON 1939`.
                match value.find("REF:") {
                    Some(i) if i > 0 => {
                        h.references_raw = Some(value[i + 4..].trim().to_string());
                        h.subject = Some(value[..i].trim().to_string());
                    }
                    _ => h.subject = Some(value),
                }
            }
            Field::Ref => h.references_raw = Some(value),
            Field::ClassifiedBy => h.classified_by = Some(value),
            Field::None => {}
        }
    };
    for line in lines {
        let trimmed = line.trim();
        if let Some((f, rest)) = key_of(line) {
            flush(&mut h, field, &mut buf);
            field = f;
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
        if field == Field::Tags && trimmed.contains(':') {
            // A new "KEY:" line that we don't decode ends the TAGS.
            flush(&mut h, field, &mut buf);
            field = Field::None;
            continue;
        }
        buf.push(' ');
        buf.push_str(trimmed);
    }
    flush(&mut h, field, &mut buf);
    h
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

fn declassify_of(eo: &str) -> Option<String> {
    if let Some(c) = DECL.captures(eo) {
        let v = c[1].trim().trim_end_matches('.').to_string();
        return (!v.is_empty()).then_some(v);
    }
    DATE.find(eo).map(|m| m.as_str().to_string())
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

fn split_tags(value: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    let comma_separated = value.contains(',');
    for c in value.chars() {
        match c {
            '(' => {
                depth += 1;
                cur.push(c);
            }
            ')' => {
                depth -= 1;
                cur.push(c);
            }
            ',' if depth <= 0 => {
                push_tag(&mut tags, &cur);
                cur.clear();
            }
            c if c.is_whitespace() && depth <= 0 && !comma_separated => {
                push_tag(&mut tags, &cur);
                cur.clear();
            }
            c => cur.push(c),
        }
    }
    push_tag(&mut tags, &cur);
    tags
}

fn push_tag(tags: &mut Vec<String>, t: &str) {
    let t = collapse(t);
    let t = t.trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace());
    if !t.is_empty() {
        tags.push(t.to_string());
    }
}

static PAGE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*([A-Z][A-Z .'-]*?[A-Z])\s+(\d{5,8})\s+\d{3}(?:\.\d+)?\s+(?i:OF)\s+\d{3}\s*$")
        .expect("valid regex")
});

/// A page-break line `USNATO 00000595 002.2 OF 003` gives (`USNATO`, 595).
pub fn page_break(line: &str) -> Option<(String, u64)> {
    if !may_be_page_break(line) {
        return None;
    }
    let caps = PAGE_BREAK.captures(line)?;
    Some((collapse(&caps[1]), caps[2].parse().ok()?))
}

/// True for a page-break or teletype page line that the text runs across.
pub fn is_page_break(line: &str) -> bool {
    // Both forms start with a capital letter.
    if !first_byte(line).is_some_and(|b| b.is_ascii_uppercase()) {
        return false;
    }
    (may_be_page_break(line) && PAGE_BREAK.is_match(line)) || is_teletype_page(line)
}

/// An ASCII byte that `char::is_whitespace` (and the regexes' `\s`) take as whitespace: unlike
/// `u8::is_ascii_whitespace`, with the vertical tab.
pub fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// The first byte after leading whitespace; without decoding when the line starts with ASCII.
fn first_byte(line: &str) -> Option<u8> {
    match line.as_bytes().first() {
        Some(&b) if b.is_ascii() && !is_space(b) => Some(b),
        _ => line.trim_start().as_bytes().first().copied(),
    }
}

/// The last character before trailing whitespace; without decoding when the line ends with
/// ASCII.
fn last_char(line: &str) -> Option<char> {
    match line.as_bytes().last() {
        Some(&b) if b.is_ascii() && !is_space(b) => Some(b as char),
        _ => line.trim_end().chars().next_back(),
    }
}

/// What [`PAGE_BREAK`] needs: a capital first, a digit last (bar whitespace; `\d` takes
/// non-ASCII digits too) and `OF` in any case.
fn may_be_page_break(line: &str) -> bool {
    let b = line.as_bytes();
    first_byte(line).is_some_and(|b| b.is_ascii_uppercase())
        && last_char(line).is_some_and(|c| c.is_ascii_digit() || !c.is_ascii())
        && memchr::memchr2_iter(b'F', b'f', b).any(|i| i > 0 && matches!(b[i - 1], b'O' | b'o'))
}

static TELETYPE_PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*PAGE \d{2}\s+\S.*$").expect("valid regex"));

fn is_teletype_page(line: &str) -> bool {
    line.trim_start().starts_with("PAGE ") && TELETYPE_PAGE.is_match(line)
}

/// Reference ids in a `REF:` text, given the citing cable's year (`09`).
pub fn resolve_references(raw: &str, own_year: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for caps in REF_ID.captures_iter(raw) {
        let post = &caps[2];
        if MONTHS.contains(&post) || post.split(' ').any(|w| MONTHS.contains(&w)) {
            continue;
        }
        let post = post.trim_start_matches("REF ").trim_start_matches("REFS ");
        if matches!(
            post,
            "REF" | "REFS" | "PARA" | "PARAS" | "SECTION" | "PAGE" | "OF"
        ) {
            continue;
        }
        let year = match caps.get(1) {
            Some(y) => y.as_str().to_string(),
            None => match own_year {
                Some(y) => y.to_string(),
                None => continue,
            },
        };
        let serial: u64 = match caps[3].parse() {
            Ok(s) => s,
            Err(_) => continue,
        };
        let id = format!("{year}{}{serial}", post.replace(' ', ""));
        if !out.contains(&id) {
            out.push(id);
        }
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
    fn dtg() {
        assert_eq!(
            find_dtg("P 211502Z DEC 09", Some(2009)).as_deref(),
            Some("2009-12-21T15:02:00Z")
        );
        assert_eq!(
            find_dtg("ZZHP 162341Z JAN 06FM AMEMBASSY", None).as_deref(),
            Some("2006-01-16T23:41:00Z")
        );
        assert_eq!(
            find_dtg("P R 281848Z DEC 66", None).as_deref(),
            Some("1966-12-28T18:48:00Z")
        );
    }

    #[test]
    fn eo_lines() {
        let old = Regex::new(r"(?i)^\s*E\.\s?O\.?\s*(\d{4,5}\b.*)$").unwrap();
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

    #[test]
    fn banners() {
        assert_eq!(
            banner("C O N F I D E N T I A L SECTION 01 OF 02 REYKJAVIK 000195"),
            Some((
                "CONFIDENTIAL".into(),
                "SECTION 01 OF 02 REYKJAVIK 000195".into()
            ))
        );
        assert_eq!(
            post_serial("SECTION 01 OF 02 REYKJAVIK 000195"),
            Some(("REYKJAVIK".into(), 195))
        );
        assert_eq!(
            page_break("USNATO 00000595 002.2 OF 003"),
            Some(("USNATO".into(), 595))
        );
        assert_eq!(
            page_break("BERN 00000881  002 OF 002"),
            Some(("BERN".into(), 881))
        );
        assert!(banner("SECRET agents met").is_none());
    }

    #[test]
    fn references() {
        assert_eq!(
            resolve_references(
                "STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966",
                Some("66")
            ),
            vec!["66STATE106206"]
        );
        assert_eq!(
            resolve_references("A. 09 STATE 123 B. 08 NEW DELHI 5135", Some("09")),
            vec!["09STATE123", "08NEWDELHI5135"]
        );
    }
}
