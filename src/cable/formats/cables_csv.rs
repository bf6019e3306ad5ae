//! The `cables.csv` distribution: one record per cable, eight double-quoted fields.
//!
//! ```text
//! "1","12/28/1966 18:48","66BUENOSAIRES2481","Embassy Buenos Aires","UNCLASSIFIED","66STATE106206","P R 281848Z ...
//! ...","UNCLASSIFIED BUENOS AIRES 2481 ...
//! "
//! ```
//!
//! Fields: record number, `M/D/YYYY H:MM` (24 h), reference id, origin, classification,
//! references (`|`-separated), header, body. Quotes inside a field are escaped with a backslash
//! (`\"`, `\'`, `\\`), never doubled, and fields hold raw newlines (LF or CRLF).
//!
//! [`records`] is a byte-level scanner (memchr over `"` and `\`, no allocation per record) that
//! yields the byte ranges of each record's fields; [`extract`] builds [`RawCable`]s on top of it.
//! A damaged record (unbalanced quotes, file cut short) is reported and scanning resumes at the
//! next line that starts like a record (`"<digits>","`), so no record before or after is lost.

use std::borrow::Cow;
use std::ops::Range;

use memchr::{memchr, memchr2, memmem};

mod loose_row;

pub use loose_row::find_loose_row;

use super::{Extracted, LoadError, RawCable, created, digits};
use crate::cable::decode::decode_text;
use crate::cable::model::{Format, Warning};

/// Index of each field in [`RecordSpan::fields`].
pub mod field {
    pub const RECORD: usize = 0;
    pub const CREATED: usize = 1;
    pub const ID: usize = 2;
    pub const ORIGIN: usize = 3;
    pub const CLASSIFICATION: usize = 4;
    pub const REFERENCES: usize = 5;
    pub const HEADER: usize = 6;
    pub const BODY: usize = 7;
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Names of the fields, for messages.
const FIELD_NAMES: [&str; 8] = [
    "record number",
    "date",
    "reference id",
    "origin",
    "classification",
    "references",
    "header",
    "body",
];

/// Where one record lies in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSpan {
    /// The record number (first field).
    pub record: u64,
    /// From the record's opening quote to just past its closing quote.
    pub span: Range<usize>,
    /// Raw contents of the eight fields, inside the quotes and still backslash-escaped.
    pub fields: [Range<usize>; 8],
}

impl RecordSpan {
    /// The raw (still escaped) bytes of field `index` (see [`field`]).
    pub fn raw<'a>(&self, bytes: &'a [u8], index: usize) -> &'a [u8] {
        self.fields
            .get(index)
            .and_then(|r| bytes.get(r.clone()))
            .unwrap_or(&[])
    }
}

/// Iterates over the records of a `cables.csv` file (see [`records`]).
#[derive(Debug, Clone)]
pub struct Records<'a> {
    bytes: &'a [u8],
    pos: usize,
}

/// Scans `bytes` record by record: each item is a record's field ranges, or a [`LoadError`] for a
/// damaged record (with its number) or for text between records that is not a record (no number).
/// Linear in the input; allocates nothing but error messages.
pub fn records(bytes: &[u8]) -> Records<'_> {
    Records { bytes, pos: 0 }
}

/// Like [`records`], from `start`, which must be 0 or a place where scanning restarts (see
/// [`next_record_start`]): then the items are exactly those [`records`] yields from there on.
pub fn records_from(bytes: &[u8], start: usize) -> Records<'_> {
    Records {
        bytes,
        pos: start.min(bytes.len()),
    }
}

impl Records<'_> {
    /// Where the next item starts: once it reaches a restart point, every item after it lies
    /// at or after that point.
    pub fn position(&self) -> usize {
        self.pos
    }
}

/// True when a record starts at `at` and `at` is a line start: a restart point (see
/// [`next_record_start`]).
pub fn is_record_start(bytes: &[u8], at: usize) -> bool {
    (at == 0 || bytes.get(at.wrapping_sub(1)) == Some(&b'\n')) && record_start(bytes, at).is_some()
}

/// The first line start at or after `from` that starts like a record (`"<digits>","`), else the
/// end. The scanner always starts a record (or ends a damaged one) at such a line: a quote at a
/// line start followed by a record number is never read as part of a field. So a file can be cut
/// there and each piece scanned on its own with [`records_from`], in parallel.
pub fn next_record_start(bytes: &[u8], from: usize) -> usize {
    find_record_start(bytes, from.min(bytes.len()))
}

impl Iterator for Records<'_> {
    type Item = Result<RecordSpan, LoadError>;

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.bytes;
        if self.pos == 0 && bytes.starts_with(BOM) {
            self.pos = BOM.len();
        }
        loop {
            if self.pos >= bytes.len() {
                return None;
            }
            if record_start(bytes, self.pos).is_some() {
                let (item, next) = parse_record(bytes, self.pos);
                // `parse_record` always moves forward; guard anyway so the loop must end.
                self.pos = next.max(self.pos + 1);
                return Some(item);
            }
            // Not a record start: skip blank lines and a line holding a lone quote (the excerpt
            // starts with the closing quote of the record before it) silently.
            let line_end = memchr(b'\n', &bytes[self.pos..]).map_or(bytes.len(), |i| self.pos + i);
            let line = trim_ascii(&bytes[self.pos..line_end]);
            if line.is_empty() || line == b"\"" {
                self.pos = line_end + 1;
                continue;
            }
            if let Some(Some(number)) = cut_record_start(bytes, self.pos) {
                self.pos = bytes.len();
                return Some(Err(LoadError {
                    record: Some(number),
                    reason: "record cut off: the file ends inside its first field".into(),
                }));
            }
            let start = self.pos;
            let next = find_record_start(bytes, line_end);
            self.pos = next;
            return Some(Err(LoadError::new(format!(
                "unrecognised text skipped (bytes {start}..{next}): not a cables.csv record"
            ))));
        }
    }
}

impl std::iter::FusedIterator for Records<'_> {}

/// If a record starts at `at` (`"<digits>","`), its number and the offset of the closing quote
/// of the number field.
fn record_start(bytes: &[u8], at: usize) -> Option<(u64, usize)> {
    let rest = bytes.get(at..)?;
    if rest.first() != Some(&b'"') {
        return None;
    }
    let digits = rest[1..]
        .iter()
        .take(20)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 || digits > 19 {
        return None;
    }
    let after = 1 + digits;
    if rest.get(after..after + 3) != Some(b"\",\"") {
        return None;
    }
    let number = std::str::from_utf8(&rest[1..after]).ok()?.parse().ok()?;
    Some((number, at + after))
}

/// A record start cut short by the end of the file (`"`, `"12`, `"12"`, `"12",`, with line ends
/// or spaces after it): the number when it has digits.
fn cut_record_start(bytes: &[u8], at: usize) -> Option<Option<u64>> {
    // Whatever whitespace ends the file, so that a record's range read alone (which ends at
    // its closing quote) is split as it was in the whole file.
    let rest = bytes.get(at..)?.trim_ascii_end();
    if rest.first() != Some(&b'"') || rest.len() > 24 {
        return None;
    }
    let digits = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
    let tail = &rest[1 + digits..];
    if !b"\",\"".starts_with(tail) || tail.len() == 3 {
        return None;
    }
    let number = std::str::from_utf8(&rest[1..1 + digits])
        .ok()
        .and_then(|d| d.parse().ok());
    Some(number)
}

/// Offset of the next line at or after `from` that starts like a record, else the end.
fn find_record_start(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    if at > 0 && at <= bytes.len() && bytes[at - 1] != b'\n' {
        // `from` is mid-line: only line starts count.
        match memchr(b'\n', &bytes[at..]) {
            Some(i) => at += i + 1,
            None => return bytes.len(),
        }
    }
    if record_start(bytes, at).is_some() {
        return at;
    }
    let finder = memmem::Finder::new(b"\n\"");
    while at < bytes.len() {
        match finder.find(&bytes[at..]) {
            Some(i) => {
                let q = at + i + 1;
                if record_start(bytes, q).is_some() {
                    return q;
                }
                at = q;
            }
            None => break,
        }
    }
    bytes.len()
}

/// Parses the record starting at `start` (which [`record_start`] accepted). Returns the record or
/// its error, and where scanning goes on.
fn parse_record(bytes: &[u8], start: usize) -> (Result<RecordSpan, LoadError>, usize) {
    let Some((number, first_close)) = record_start(bytes, start) else {
        return (
            Err(LoadError::new("internal: not a record start")),
            start + 1,
        );
    };
    let mut fields: [Range<usize>; 8] = Default::default();
    fields[0] = start + 1..first_close;
    // Opening quote of field 1.
    let mut open = first_close + 2;
    let damaged = |at: usize, i: usize| LoadError {
        record: Some(number),
        reason: format!(
            "malformed record: a new record starts at byte {at} inside its {} field \
                 (unbalanced quotes); record skipped",
            FIELD_NAMES[i]
        ),
    };
    let cut = |i: usize| LoadError {
        record: Some(number),
        reason: format!(
            "record cut off: closing quote missing (file ends inside its {} field)",
            FIELD_NAMES[i]
        ),
    };
    for i in 1..fields.len() {
        let content = open + 1;
        let mut q = content;
        // Last quote of the body followed by a line end: the fallback end of the body when no
        // quote is followed by a line end and then a record start or the end of the file.
        let mut weak_end: Option<usize> = None;
        loop {
            let hit = if q < bytes.len() {
                memchr2(b'"', b'\\', &bytes[q..]).map(|o| q + o)
            } else {
                None
            };
            let Some(j) = hit else {
                if let Some(w) = weak_end {
                    fields[i] = content..w;
                    return finish(bytes, number, start, fields, w);
                }
                return (Err(cut(i)), bytes.len());
            };
            if bytes[j] == b'\\' {
                // An escaped byte: `\"`, `\'`, `\\` (any other pair is kept as written later).
                q = j + 2;
                continue;
            }
            if bytes[j - 1] == b'\n' && record_start(bytes, j).is_some() {
                if i == field::BODY
                    && let Some(w) = weak_end
                {
                    fields[i] = content..w;
                    return finish(bytes, number, start, fields, w);
                }
                return (Err(damaged(j, i)), j);
            }
            if i < field::BODY {
                if bytes.get(j + 1..j + 3) == Some(b",\"") {
                    fields[i] = content..j;
                    open = j + 2;
                    break;
                }
            } else {
                match body_end_kind(bytes, j) {
                    BodyEnd::Strong => {
                        fields[i] = content..j;
                        return finish(bytes, number, start, fields, j);
                    }
                    BodyEnd::Weak => weak_end = Some(j),
                    BodyEnd::No => {}
                }
            }
            // A quote that ends nothing: taken as part of the text.
            q = j + 1;
        }
    }
    // Unreachable: the body field always returns.
    (Err(cut(field::BODY)), bytes.len())
}

fn finish(
    bytes: &[u8],
    number: u64,
    start: usize,
    fields: [Range<usize>; 8],
    close: usize,
) -> (Result<RecordSpan, LoadError>, usize) {
    let end = close + 1;
    let mut next = end;
    if bytes.get(next) == Some(&b'\r') {
        next += 1;
    }
    if bytes.get(next) == Some(&b'\n') {
        next += 1;
    }
    (
        Ok(RecordSpan {
            record: number,
            span: start..end,
            fields,
        }),
        next,
    )
}

enum BodyEnd {
    /// Quote, line end, then (after blank lines) a record start or the end of the file.
    Strong,
    /// Quote and line end, but something else follows.
    Weak,
    No,
}

/// Whether the quote at `j` can close a record's last field.
fn body_end_kind(bytes: &[u8], j: usize) -> BodyEnd {
    let mut k = j + 1;
    if bytes.get(k) == Some(&b'\r') {
        k += 1;
    }
    match bytes.get(k) {
        None => return BodyEnd::Strong,
        Some(b'\n') => k += 1,
        Some(_) => return BodyEnd::No,
    }
    // Blank lines may follow. The run ends at the first non-blank byte, which is at or before
    // the next quote, so these runs never overlap: the scan stays linear.
    let mut line_start = k;
    while let Some(&b) = bytes.get(k) {
        match b {
            b'\n' => {
                k += 1;
                line_start = k;
            }
            b' ' | b'\t' | b'\r' => k += 1,
            _ => break,
        }
    }
    if k >= bytes.len()
        || record_start(bytes, line_start).is_some()
        || cut_record_start(bytes, line_start).is_some()
    {
        BodyEnd::Strong
    } else {
        BodyEnd::Weak
    }
}

/// True when the bytes (leading whitespace removed) start like a `cables.csv` file: the first
/// line that is neither blank nor a lone quote starts a record (`"<digits>","<digit>`).
pub fn looks_like(b: &[u8]) -> bool {
    let b = b.strip_prefix(BOM).unwrap_or(b);
    if !b.starts_with(b"\"") {
        return false;
    }
    let mut pos = 0;
    for _ in 0..8 {
        if pos >= b.len() {
            return false;
        }
        if let Some((_, close)) = record_start(b, pos) {
            return b.get(close + 3).is_some_and(|c| c.is_ascii_digit());
        }
        let end = memchr(b'\n', &b[pos..]).map_or(b.len(), |i| pos + i);
        let line = trim_ascii(&b[pos..end]);
        if !(line.is_empty() || line == b"\"") {
            return false;
        }
        pos = end + 1;
    }
    false
}

/// Extracts every record of a `cables.csv` file (or of an excerpt, or of one record cut out).
pub fn extract(bytes: &[u8]) -> Extracted {
    let mut out = Extracted::default();
    for item in records(bytes) {
        match item {
            Ok(span) => out.cables.push(raw_cable(bytes, &span)),
            Err(e) => out.errors.push(e),
        }
    }
    if out.cables.is_empty() && out.errors.is_empty() {
        out.errors
            .push(LoadError::new("no cables.csv record found"));
    }
    out
}

/// Builds the [`RawCable`] of one record.
pub fn raw_cable(bytes: &[u8], span: &RecordSpan) -> RawCable {
    let mut warnings = Vec::new();
    let mut text = |index: usize| {
        let (s, w) = field_text(span.raw(bytes, index));
        if let Some(w) = w
            && !warnings.contains(&w)
        {
            warnings.push(w);
        }
        s
    };
    let created_raw = text(field::CREATED);
    let id = text(field::ID);
    let origin = text(field::ORIGIN);
    let classification = text(field::CLASSIFICATION);
    let references = text(field::REFERENCES);
    let header = text(field::HEADER);
    let body = text(field::BODY);
    let created = parse_created(&created_raw);
    if created.is_none() {
        warnings.push(Warning::Note {
            message: format!("date field not understood: {:?}", created_raw.trim()),
        });
    }
    RawCable {
        format: Some(Format::CablesCsv),
        record: Some(span.record),
        id: non_empty(&id),
        created,
        origin: non_empty(&origin),
        classification: non_empty(&classification),
        references: split_references(&references),
        subject: None,
        header,
        body,
        warnings,
        ..Default::default()
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The references field split on `|`, blanks dropped.
pub fn split_references(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect()
}

/// Removes the backslash escapes of a field: `\"` → `"`, `\'` → `'`, `\\` → `\`. Any other
/// backslash is kept as written. Borrows when there is nothing to change.
pub fn unescape(raw: &[u8]) -> Cow<'_, [u8]> {
    rewrite_at(raw, b'\\', |b, j, out| match b.get(j + 1) {
        Some(&c @ (b'"' | b'\'' | b'\\')) => {
            out.push(c);
            j + 2
        }
        _ => {
            out.push(b'\\');
            j + 1
        }
    })
}

/// Copies `b`, letting `step` rewrite each occurrence of `marker`: it gets the bytes, the
/// marker's position and the output, and returns where copying goes on. Borrows when `marker`
/// does not occur.
fn rewrite_at(
    b: &[u8],
    marker: u8,
    mut step: impl FnMut(&[u8], usize, &mut Vec<u8>) -> usize,
) -> Cow<'_, [u8]> {
    let Some(first) = memchr(marker, b) else {
        return Cow::Borrowed(b);
    };
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..first]);
    let mut i = first;
    while i < b.len() {
        match memchr(marker, &b[i..]) {
            None => {
                out.extend_from_slice(&b[i..]);
                break;
            }
            Some(o) => {
                let j = i + o;
                out.extend_from_slice(&b[i..j]);
                i = step(b, j, &mut out);
            }
        }
    }
    Cow::Owned(out)
}

/// A field's text: unescaped, decoded (UTF-8, else Windows-1252 with a warning), LF line ends.
pub fn field_text(raw: &[u8]) -> (String, Option<Warning>) {
    let unescaped = unescape(raw);
    let bytes = lf_only(&unescaped);
    match String::from_utf8(bytes.into_owned()) {
        Ok(s) => (s, None),
        Err(e) => {
            let (s, w) = decode_text(e.as_bytes());
            (s.into_owned(), w)
        }
    }
}

/// CRLF and lone CR become LF, in one pass.
fn lf_only(b: &[u8]) -> Cow<'_, [u8]> {
    rewrite_at(b, b'\r', |b, j, out| {
        out.push(b'\n');
        if b.get(j + 1) == Some(&b'\n') {
            j + 2
        } else {
            j + 1
        }
    })
}

/// `M/D/YYYY H:MM` (24 h) → `YYYY-MM-DD HH:MM`.
pub fn parse_created(s: &str) -> Option<String> {
    let s = s.trim();
    let (date, time) = s.split_once(' ')?;
    let mut d = date.split('/');
    let month = digits(d.next()?, 1, 2)?;
    let day = digits(d.next()?, 1, 2)?;
    let year_str = d.next()?;
    if d.next().is_some() || year_str.len() != 4 {
        return None;
    }
    let year = digits(year_str, 4, 4)?;
    let (h, m) = time.trim().split_once(':')?;
    let hour = digits(h, 1, 2)?;
    if m.len() != 2 {
        return None;
    }
    let minute = digits(m, 2, 2)?;
    created(year, month, day, hour, minute)
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    b.trim_ascii()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_known_pairs_only() {
        assert_eq!(
            &*unescape(br#"a \"b\" \'c\' \\ d\e \"#),
            br#"a "b" 'c' \ d\e \"#
        );
        assert!(matches!(unescape(b"plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_created("2/5/1985 9:07").as_deref(),
            Some("1985-02-05 09:07")
        );
        assert_eq!(
            parse_created("12/28/1966 18:48").as_deref(),
            Some("1966-12-28 18:48")
        );
        assert_eq!(parse_created("13/28/1966 18:48"), None);
        assert_eq!(parse_created("1/1/66 1:00"), None);
        assert_eq!(parse_created(""), None);
    }

    #[test]
    fn escaped_backslash_before_closing_quote() {
        let f = br#""1","1/1/2000 0:00","00X1","O","U","","H\\","B\\"
"#;
        let recs: Vec<_> = records(f).collect();
        assert_eq!(recs.len(), 1);
        let r = recs[0].as_ref().unwrap();
        assert_eq!(r.raw(f, field::HEADER), br"H\\");
        assert_eq!(r.raw(f, field::BODY), br"B\\");
    }

    #[test]
    fn unescaped_quote_inside_body_is_text() {
        let f = b"\"1\",\"1/1/2000 0:00\",\"00X1\",\"O\",\"U\",\"\",\"H\",\"SAID \"NO\"\nMORE\n\"\n\"2\",\"1/1/2000 0:00\",\"00X2\",\"O\",\"U\",\"\",\"H\",\"B\"\n";
        let out = extract(f);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        assert_eq!(out.cables.len(), 2);
        assert_eq!(out.cables[0].body, "SAID \"NO\"\nMORE\n");
    }

    #[test]
    fn junk_after_a_record_is_reported_not_swallowed() {
        let f = b"\"1\",\"1/1/2000 0:00\",\"00X1\",\"O\",\"U\",\"\",\"H\",\"B\n\"\njunk line\n\"2\",\"1/1/2000 0:00\",\"00X2\",\"O\",\"U\",\"\",\"H\",\"C\"\n";
        let out = extract(f);
        assert_eq!(out.cables.len(), 2);
        assert_eq!(out.cables[0].body, "B\n");
        assert_eq!(out.errors.len(), 1);
        assert_eq!(out.errors[0].record, None);
    }
}
