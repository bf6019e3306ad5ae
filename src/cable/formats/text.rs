//! Plain-text cables: Apache Tika text of WikiLeaks PDFs, the "alx" scraper's files, and any
//! other text that holds a cable.
//!
//! * Tika text: CRLF, trailing spaces, the pilcrow as the cp1252 byte 0xB6 before paragraph
//!   numbers (`¶1. (C)`), an empty first line, then the routing header (`VZCZC...`, `DE`, the
//!   date-time group, `FM`, `TO`, `INFO` and address lines) followed by the classification
//!   banner (`CONFIDENTIAL SECTION 01 OF 08 NEW DELHI 005135`) and the body.
//! * alx files (`cablegate_to_txt.rb`): five metadata lines (reference id, subject, Ruby
//!   `Time#to_s` date with the time zeroed, classification, origin), then the header and body
//!   text glued together without a separator: the banner follows the last routing line on the
//!   same line (`...PRIORITYUNCLAS BEIRUT 01013`).
//!
//! The extractor splits header from body at the banner when the text before it is clearly a
//! routing header, strips trailing blanks, removes the pilcrow before paragraph numbers and
//! letters, and turns CRLF into LF. Everything else is left to the shared builder.

use super::{Extracted, LoadError, RawCable, cables_csv, created, digits};
use crate::cable::decode::{decode_text, normalize_newlines};
use crate::cable::model::{Format, Warning};

/// Extracts the cable of a plain-text file.
pub fn extract(bytes: &[u8]) -> Extracted {
    if is_binary(bytes) {
        return error("binary file, not a cable");
    }
    let (decoded, decode_warning) = decode_text(bytes);
    let text = normalize_newlines(&decoded);
    let cleaned = clean_text(&text);
    let warnings: Vec<Warning> = decode_warning.into_iter().collect();

    if let Some(mut raw) = parse_alx(&cleaned) {
        raw.warnings.splice(0..0, warnings);
        return one(raw);
    }
    if let Some(mut raw) = cables_csv::find_loose_row(&cleaned) {
        raw.format = Some(Format::Text);
        raw.warnings.splice(0..0, warnings);
        return one(raw);
    }
    if !cable_like(&cleaned) {
        return error("no cable found in text");
    }
    let text = cleaned.trim_start_matches('\n');
    let mut raw = RawCable {
        format: Some(Format::Text),
        warnings,
        ..Default::default()
    };
    let (header, body, banner) = match split_at_banner(text) {
        Some(split) if header_is_clear(split.prefix) => {
            (split.prefix, split.rest, Some(split.banner))
        }
        _ => ("", text, None),
    };
    raw.header = finish_block(header);
    raw.body = finish_block(body);
    // The date-time group: in the header, else near the top of the text.
    let dtg = if header.is_empty() {
        text.lines().take(60).find_map(parse_dtg)
    } else {
        header.lines().find_map(parse_dtg)
    };
    raw.created = dtg.as_ref().map(Dtg::created);
    let de = if header.is_empty() {
        text.lines().take(60).find_map(de_serial)
    } else {
        header.lines().find_map(de_serial)
    };
    if let (Some(banner), Some(dtg), Some(de)) = (banner, dtg, de) {
        raw.id = banner.id(dtg.year, de);
    }
    one(raw)
}

fn one(raw: RawCable) -> Extracted {
    Extracted {
        cables: vec![raw],
        errors: Vec::new(),
    }
}

fn error(reason: &str) -> Extracted {
    Extracted {
        cables: Vec::new(),
        errors: vec![LoadError::new(reason)],
    }
}

/// NUL bytes, or many control bytes, in the first 64 KiB.
pub(super) fn is_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if memchr::memchr(0, sample).is_some() {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    control * 20 > sample.len()
}

/// Strips trailing blanks from every line and removes a pilcrow at the start of a line (after
/// indentation) when a paragraph number or letter follows it (`¶1.` → `1.`, `  ¶B.` → `  B.`).
/// `text` has LF line ends.
pub(super) fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.trim_end_matches([' ', '\t', '\u{a0}']);
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let (lead, rest) = line.split_at(indent);
        match rest.strip_prefix('¶') {
            Some(after)
                if after
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric()) =>
            {
                out.push_str(lead);
                out.push_str(after);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// A block of lines: surrounding blank lines removed, one final newline when not empty.
fn finish_block(s: &str) -> String {
    let s = s.trim_matches('\n').trim_end();
    if s.is_empty() {
        String::new()
    } else {
        let mut out = s.to_string();
        out.push('\n');
        out
    }
}

/// Something that shows the text is a cable: a date-time group, a banner, a numbered
/// paragraph or a subject line.
pub(super) fn cable_like(text: &str) -> bool {
    text.lines().any(|l| {
        parse_dtg(l).is_some()
            || find_banner(l).is_some()
            || numbered_paragraph(l)
            || l.contains("SUBJECT")
            || l.trim_start().starts_with("Subject:")
    })
}

/// `1. ...`, `12.  (C) ...`
pub(super) fn numbered_paragraph(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && t[digits..].starts_with('.')
        && t[digits + 1..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
}

// ---------------------------------------------------------------------------------------------
// alx scraper files

/// Five metadata lines (id, subject, Ruby date, classification, origin), then the text.
fn parse_alx(text: &str) -> Option<RawCable> {
    let mut parts = text.splitn(6, '\n');
    let id = parts.next()?.trim();
    let subject = parts.next()?.trim();
    let date = parts.next()?.trim();
    let classification = parts.next()?.trim();
    let origin = parts.next()?.trim();
    let rest = parts.next().unwrap_or("");
    if !looks_like_id(id) {
        return None;
    }
    let created = parse_ruby_time(date)?;
    let mut raw = RawCable {
        format: Some(Format::Text),
        id: Some(id.to_string()),
        created: Some(created),
        subject: (!subject.is_empty()).then(|| subject.to_string()),
        classification: (!classification.is_empty()).then(|| classification.to_string()),
        origin: (!origin.is_empty()).then(|| origin.to_string()),
        ..Default::default()
    };
    if rest.trim().is_empty() {
        raw.warnings.push(Warning::Note {
            message: "the file holds the cable's metadata only, no text".into(),
        });
        return Some(raw);
    }
    match split_at_banner(rest) {
        Some(split) if header_is_clear(split.prefix) => {
            raw.header = finish_block(split.prefix);
            raw.body = finish_block(split.rest);
        }
        Some(split) if !split.prefix.contains('\n') => {
            // One line glued before the banner that is not a routing header: the page's note
            // ("This record is a partial extract of the original cable..."). Kept as a warning.
            let note = split.prefix.trim();
            if !note.is_empty() {
                raw.warnings.push(Warning::Note {
                    message: note.to_string(),
                });
            }
            raw.body = finish_block(split.rest);
        }
        _ => raw.body = finish_block(rest),
    }
    Some(raw)
}

/// `09USNATO595`, `7575LIBREVILLE1895`, `1974ATHENS02959_b`.
fn looks_like_id(s: &str) -> bool {
    (5..=40).contains(&s.len())
        && s.as_bytes()[..2].iter().all(u8::is_ascii_digit)
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && s.bytes().any(|b| b.is_ascii_uppercase())
}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// Month number of a three-letter English month name, any case.
pub(super) fn month_number(s: &str) -> Option<u32> {
    if s.len() != 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(s))
        .map(|i| i as u32 + 1)
}

/// Ruby `Time#to_s`: `Fri Nov 02 00:00:00 +0100 2001` → `2001-11-02 00:00`, the local date and
/// time as written.
fn parse_ruby_time(s: &str) -> Option<String> {
    let t: Vec<&str> = s.split_whitespace().collect();
    let [_weekday, month, day, time, offset, year] = t.as_slice() else {
        return None;
    };
    let month = month_number(month)?;
    let day: u32 = digits(day, 1, 2)?;
    let year: u32 = digits(year, 4, 4)?;
    let mut hms = time.split(':');
    let hour: u32 = digits(hms.next()?, 2, 2)?;
    let minute: u32 = digits(hms.next()?, 2, 2)?;
    if !(offset.starts_with('+') || offset.starts_with('-')) || offset.len() != 5 {
        return None;
    }
    created(year, month, day, hour, minute)
}

// ---------------------------------------------------------------------------------------------
// Header lines

/// A date-time group: `O 210722Z JUL 06`, `P R 281848Z DEC 66`, `061601Z MAY 78`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Dtg {
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub month: u32,
    /// Four-digit year (two-digit years below 50 are 20xx).
    pub year: u32,
}

impl Dtg {
    /// `YYYY-MM-DD HH:MM`.
    pub fn created(&self) -> String {
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }
}

/// A line that is a date-time group: up to two precedence letters, `DDHHMMZ MON YY`, then
/// anything (`ZDK`, `ZFF4`).
pub(super) fn parse_dtg(line: &str) -> Option<Dtg> {
    let mut tokens = line.split_whitespace();
    let mut tok = tokens.next()?;
    for _ in 0..2 {
        if tok.len() == 1 && matches!(tok.as_bytes()[0], b'Z' | b'O' | b'P' | b'R' | b'0' | b'M') {
            tok = tokens.next()?;
        } else {
            break;
        }
    }
    let b = tok.as_bytes();
    if b.len() != 7 || b[6] != b'Z' || !b[..6].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let day: u32 = tok[0..2].parse().ok()?;
    let hour: u32 = tok[2..4].parse().ok()?;
    let minute: u32 = tok[4..6].parse().ok()?;
    let month = month_number(tokens.next()?)?;
    let y = tokens.next()?;
    let year = match y.len() {
        2 => {
            let yy = digits(y, 2, 2)?;
            if yy < 50 { 2000 + yy } else { 1900 + yy }
        }
        4 => digits(y, 4, 4)?,
        _ => return None,
    };
    if !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    Some(Dtg {
        day,
        hour,
        minute,
        month,
        year,
    })
}

/// The serial of a `DE RUEHNE #5135/01 2020722` line.
pub(super) fn de_serial(line: &str) -> Option<u64> {
    let rest = line.trim_start().strip_prefix("DE ")?;
    let mut tokens = rest.split_whitespace();
    let _station = tokens.next()?;
    let serial = tokens.next()?.strip_prefix('#')?;
    let n = serial.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 9 {
        return None;
    }
    serial[..n].parse().ok()
}

/// A routing header line: `VZCZC...`, a precedence line (`OO RUEHBI RUEHCI`), `DE ...`,
/// `ZNY CCCCC ZZH`, a date-time group, `FM`, `TO`, `INFO`.
pub(super) fn is_routing_line(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with("VZCZC")
        || t.starts_with("DE ")
        || t.starts_with("ZNY ")
        || t.starts_with("ZNR ")
        || t.starts_with("FM ")
        || t.starts_with("TO ")
        || t.starts_with("INFO ")
        || t == "BT"
        || parse_dtg(t).is_some()
    {
        return true;
    }
    // Precedence and routing indicators: `PP RUEHWEB`, `RR RUEHAO RUEHCD ...`.
    let mut tokens = t.split_whitespace();
    let Some(first) = tokens.next() else {
        return false;
    };
    let precedence = (1..=2).contains(&first.len())
        && first
            .bytes()
            .all(|b| matches!(b, b'Z' | b'O' | b'P' | b'R'));
    let mut any = false;
    let routing = tokens.all(|tok| {
        any = true;
        (4..=8).contains(&tok.len())
            && tok.starts_with('R')
            && tok.bytes().all(|b| b.is_ascii_uppercase())
    });
    precedence && any && routing
}

// ---------------------------------------------------------------------------------------------
// Banner

/// A classification banner found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Banner {
    /// Byte offset of the banner in its line.
    pub start: usize,
    /// Post words (`NEW DELHI`).
    pub post: Vec<String>,
    /// The serial at the end of the banner.
    pub serial: u64,
}

impl Banner {
    /// `06NEWDELHI5135` from the banner, the year and the `DE` line's serial, when the two
    /// serials agree and the post words hold no caveat.
    pub fn id(&self, year: u32, de_serial: u64) -> Option<String> {
        const CAVEATS: [&str; 9] = [
            "EFTO",
            "SENSITIVE",
            "NOFORN",
            "EXDIS",
            "NODIS",
            "LIMDIS",
            "SIPDIS",
            "ONLY",
            "USE",
        ];
        if self.serial != de_serial || self.serial == 0 {
            return None;
        }
        let post: String = self.post.concat();
        if post.is_empty()
            || self
                .post
                .iter()
                .any(|w| w.len() == 1 || CAVEATS.contains(&w.as_str()))
            || !post.bytes().all(|b| b.is_ascii_uppercase())
        {
            return None;
        }
        Some(format!("{:02}{}{}", year % 100, post, self.serial))
    }
}

const CLASS_WORDS: [&str; 9] = [
    "T O P S E C R E T",
    "TOP SECRET",
    "C O N F I D E N T I A L",
    "CONFIDENTIAL",
    "LIMITED OFFICIAL USE",
    "UNCLASSIFIED",
    "UNCLAS",
    "S E C R E T",
    "SECRET",
];

/// The banner in `line`, which may be glued after other text (`...PRIORITYUNCLAS BEIRUT 01013`,
/// `...NAIROBIS E C R E T STATE 194868`): a classification word, optionally
/// `SECTION nn OF nn`, post words, and a serial ending the line.
pub(super) fn find_banner(line: &str) -> Option<Banner> {
    let line = line.trim_end();
    // A banner is short: only its last 160 bytes can hold one, which keeps this linear.
    let window_start = floor_char_boundary(line, line.len().saturating_sub(160));
    let window = &line[window_start..];
    let mut best: Option<Banner> = None;
    for word in CLASS_WORDS {
        for (pos, _) in window.match_indices(word) {
            let start = window_start + pos;
            if best.as_ref().is_some_and(|b| b.start <= start) {
                break;
            }
            if let Some((post, serial)) = banner_rest(&line[start + word.len()..]) {
                best = Some(Banner {
                    start,
                    post,
                    serial,
                });
                break;
            }
        }
    }
    best
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// After the classification word: ` [SECTION nn OF nn] POST WORDS 000123`.
fn banner_rest(rest: &str) -> Option<(Vec<String>, u64)> {
    if !rest.starts_with(' ') {
        return None;
    }
    let tokens: Vec<&str> = rest.split_whitespace().collect();
    let (serial, mut words) = tokens.split_last()?;
    if !(1..=7).contains(&serial.len()) || !serial.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let [section, a, of, b, tail @ ..] = words
        && *section == "SECTION"
        && *of == "OF"
        && a.bytes().all(|c| c.is_ascii_digit())
        && b.bytes().all(|c| c.is_ascii_digit())
    {
        words = tail;
    }
    if words.is_empty()
        || !words.iter().all(|w| {
            w.bytes().any(|b| b.is_ascii_uppercase())
                && w.bytes().all(|b| {
                    b.is_ascii_uppercase() || matches!(b, b'.' | b'\'' | b'-' | b'&' | b'/')
                })
        })
    {
        return None;
    }
    let serial = serial.parse().ok()?;
    Some((words.iter().map(|w| w.to_string()).collect(), serial))
}

struct Split<'a> {
    /// Text before the banner.
    prefix: &'a str,
    /// From the banner on.
    rest: &'a str,
    banner: Banner,
}

/// Splits `text` at the first banner.
fn split_at_banner(text: &str) -> Option<Split<'_>> {
    let mut offset = 0;
    for line in text.split('\n') {
        if let Some(banner) = find_banner(line) {
            let at = offset + banner.start;
            return Some(Split {
                prefix: &text[..at],
                rest: &text[at..],
                banner,
            });
        }
        offset += line.len() + 1;
    }
    None
}

/// True when the text before the banner is a routing header: it holds a `VZCZC`, `FM` or
/// date-time-group line and none of the lines that start a cable's text.
fn header_is_clear(prefix: &str) -> bool {
    let mut routing = false;
    for line in prefix.lines() {
        let t = line.trim();
        if t.starts_with("SUBJECT")
            || t.starts_with("TAGS")
            || t.starts_with("E.O.")
            || t.starts_with("REF")
            || numbered_paragraph(t)
        {
            return false;
        }
        if t.starts_with("VZCZC") || t.starts_with("FM ") || parse_dtg(t).is_some() {
            routing = true;
        }
    }
    routing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banners() {
        let b = find_banner("CONFIDENTIAL SECTION 01 OF 08 NEW DELHI 005135 ").unwrap();
        assert_eq!(
            (b.start, b.post.join(" "), b.serial),
            (0, "NEW DELHI".into(), 5135)
        );
        assert_eq!(b.id(2006, 5135).as_deref(), Some("06NEWDELHI5135"));
        let b = find_banner("AMCONSUL JERUSALEM PRIORITYUNCLAS BEIRUT 01013").unwrap();
        assert_eq!(b.start, 27);
        let b = find_banner("AMEMBASSY NAIROBIS E C R E T STATE 194868").unwrap();
        assert_eq!(b.start, 17);
        assert_eq!(b.post, vec!["STATE"]);
        assert!(find_banner("TO RUEHC/SECSTATE WASHDC IMMEDIATE 6818").is_none());
        assert!(find_banner("RUEHXX/AMEMBASSY SECRETARIAT 1234").is_none());
        assert!(
            find_banner("UNCLAS E F T O STATE 123")
                .unwrap()
                .id(1985, 123)
                .is_none()
        );
    }

    #[test]
    fn dtgs() {
        assert_eq!(
            parse_dtg("O 210722Z JUL 06").unwrap().created(),
            "2006-07-21 07:22"
        );
        assert_eq!(
            parse_dtg("P R 281848Z DEC 66").unwrap().created(),
            "1966-12-28 18:48"
        );
        assert_eq!(
            parse_dtg("061601Z MAY 78 ").unwrap().created(),
            "1978-05-06 16:01"
        );
        assert!(parse_dtg("R 181313Z JUN 09 ZDK MANY SVCS").is_some());
        assert!(parse_dtg("1. (C) 210722Z").is_none());
    }

    #[test]
    fn pilcrows() {
        assert_eq!(
            clean_text("¶1. (C) x  \n  ¶B. y\n¶ z"),
            "1. (C) x\n  B. y\n¶ z"
        );
    }
}
