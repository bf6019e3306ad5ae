//! Format detection and the per-format extractors.
//!
//! Each extractor turns a file's contents into [`RawCable`]s: the source's metadata plus the
//! cable's header and body text, with the site's markup removed. Everything after that (header
//! decoding, paragraph splitting, markings, warnings) is shared, in the cable builder.

pub mod cables_csv;
mod concatenated;
mod database_rows;
pub mod html_fragment;
pub mod json;
pub(crate) mod markup;
pub mod plusd;
pub mod relines;
pub mod scoop;
pub mod text;
pub mod wikileaks_html;

use super::model::{Format, Warning};

/// One cable as a format gives it, before decoding.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawCable {
    pub format: Option<Format>,
    /// Record number within a `cables.csv` file.
    pub record: Option<u64>,
    /// Reference id from the source's metadata.
    pub id: Option<String>,
    /// The source's id is only a hint: when the cable's own banner (post and serial) names
    /// another cable, the banner wins and a warning says so.
    pub id_checked: bool,
    /// The source's creation time, `YYYY-MM-DD HH:MM` (UTC as the source states it).
    pub created: Option<String>,
    /// Origin as the source names it (`Embassy Riyadh`).
    pub origin: Option<String>,
    /// Classification from the source's metadata (`SECRET//NOFORN`).
    pub classification: Option<String>,
    /// Reference ids from the source's metadata (cables.csv's sixth field).
    pub references: Vec<String>,
    /// Subject from the source's metadata (page title).
    pub subject: Option<String>,
    /// When the source says this text was released, ISO (`2010-12-08`): a WikiLeaks page's
    /// Released field, a PlusD page's `Declassified/Released ... 30 JUN 2005` marking.
    pub released: Option<String>,
    /// Routing header text (VZCZC ... INFO ...), LF line ends; empty when the format glues
    /// header and body together (then `body` holds both and the builder splits them).
    pub header: String,
    /// Cable text from the banner on, LF line ends, entities and links resolved.
    pub body: String,
    /// The source holds only part of the cable (a page that shows only its start); a notice
    /// in the text that says so is found by the builder.
    pub partial: bool,
    pub warnings: Vec<Warning>,
}

/// A number of `min`..=`max` ASCII digits.
pub(crate) fn digits(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A creation time as [`RawCable::created`] holds it, `YYYY-MM-DD HH:MM`, if the parts are in
/// range.
pub(crate) fn created(year: u32, month: u32, day: u32, hour: u32, minute: u32) -> Option<String> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    Some(format!(
        "{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}"
    ))
}

/// Drops leading blank lines and trailing white space.
pub(crate) fn tidy(s: &str) -> String {
    let trimmed = s.trim_end();
    let lead = trimmed.len() - trimmed.trim_start().len();
    // Keep the indentation of the first line with text.
    let start = trimmed[..lead].rfind('\n').map(|i| i + 1).unwrap_or(0);
    trimmed[start..].to_string()
}

pub(crate) fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `YYYY-MM-DD HH:MM` (seconds dropped), or `None` when the value is not of that shape.
pub(crate) fn normalize_created(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let shape = b"dddd-dd-dd dd:dd";
    if b.len() < shape.len() {
        return None;
    }
    for (c, want) in b.iter().zip(shape) {
        let ok = match want {
            b'd' => c.is_ascii_digit(),
            other => c == other,
        };
        if !ok {
            return None;
        }
    }
    let rest = &s[shape.len()..];
    let rest_ok = rest.is_empty()
        || (rest.len() == 3
            && rest.as_bytes()[0] == b':'
            && rest.as_bytes()[1..].iter().all(u8::is_ascii_digit));
    rest_ok.then(|| s[..shape.len()].to_string())
}

/// A failure to read one input, or one record of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// Record number or position, when the failure concerns one record of a multi-cable file.
    pub record: Option<u64>,
    pub reason: String,
}

impl LoadError {
    pub fn new(reason: impl Into<String>) -> Self {
        LoadError {
            record: None,
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.record {
            Some(r) => write!(f, "record {r}: {}", self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

/// What one file yields: the cables that loaded and the failures, both possibly non-empty.
#[derive(Debug, Default)]
pub struct Extracted {
    pub cables: Vec<RawCable>,
    pub errors: Vec<LoadError>,
}

/// Which format a file's contents are in, judged by content alone.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    // Pages of the last site generation put a 190 KB sidebar before the cable: look at the
    // first megabyte.
    let head = &bytes[..bytes.len().min(1 << 20)];
    let has = |needle: &str| memchr::memmem::find(head, needle.as_bytes()).is_some();
    let trimmed = trim_ascii_start(bytes);
    if cables_csv::looks_like(trimmed) {
        return Some(Format::CablesCsv);
    }
    if has("<table class='cable'>") || has("<table class=\"cable\">") || has("Viewing cable ") {
        return Some(Format::WikileaksHtml);
    }
    if has("id=\"synopsis\"") || has("id='synopsis'") || has("tagged-text") {
        return Some(Format::PlusdHtml);
    }
    if scoop::looks_like(trimmed) {
        return Some(Format::Scoop);
    }
    if json::looks_like(trimmed) {
        return Some(Format::Json);
    }
    if !looks_like_html(bytes) && html_fragment::looks_like(head) {
        return Some(Format::HtmlFragment);
    }
    None
}

/// An HTML page of some other kind: a doctype or `<html` near the start.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head: Vec<u8> = trim_ascii_start(bytes)
        .iter()
        .take(512)
        .map(u8::to_ascii_lowercase)
        .collect();
    head.starts_with(b"<!doctype html") || memchr::memmem::find(&head, b"<html").is_some()
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[start..]
}

/// Extracts the cables of one file. Never panics; bad input becomes `errors`.
pub fn extract(bytes: &[u8]) -> Extracted {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Extracted {
            errors: vec![LoadError::new("empty file")],
            ..Default::default()
        };
    }
    match detect(bytes) {
        Some(Format::CablesCsv) => cables_csv::extract(bytes),
        Some(Format::WikileaksHtml) => in_parts(
            bytes,
            &concatenated::page_starts(bytes),
            wikileaks_html::extract,
        ),
        Some(Format::PlusdHtml) => plusd::extract(bytes),
        Some(Format::Scoop) => scoop::extract(bytes),
        Some(Format::Json) => json::extract(bytes),
        Some(Format::HtmlFragment) => one_by_one(bytes, html_fragment::extract),
        Some(Format::Text) | None if looks_like_html(bytes) => Extracted {
            errors: vec![LoadError::new("HTML page holds no cable")],
            ..Default::default()
        },
        Some(Format::Text) | None => one_by_one(bytes, text::extract),
    }
}

/// The cables of a file that may hold several one after another, each read on its own by
/// `extract` and numbered by its place in the file.
fn one_by_one(bytes: &[u8], extract: fn(&[u8]) -> Extracted) -> Extracted {
    in_parts(bytes, &concatenated::cable_starts(bytes), extract)
}

/// The cables of the parts of `bytes` starting at `starts`, each part read by `extract`; with
/// several parts, each cable numbered by its part's place in the file.
fn in_parts(bytes: &[u8], starts: &[usize], extract: fn(&[u8]) -> Extracted) -> Extracted {
    if starts.len() < 2 {
        return extract(bytes);
    }
    let mut out = Extracted::default();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(bytes.len());
        let record = k as u64 + 1;
        let part = extract(&bytes[start..end]);
        out.cables.extend(part.cables.into_iter().map(|mut c| {
            c.record = c.record.or(Some(record));
            c
        }));
        out.errors.extend(part.errors.into_iter().map(|mut e| {
            e.record = Some(record);
            e
        }));
    }
    out
}

/// The release date of the `nth` cable (from 0) of a file, as the source states it
/// ([`RawCable::released`]); `None` for the formats that state none.
pub fn released(bytes: &[u8], nth: usize) -> Option<String> {
    match detect(bytes) {
        // Only the metadata table is read: the text is not needed.
        Some(Format::WikileaksHtml) => {
            let starts = concatenated::page_starts(bytes);
            let part = if starts.len() > 1 {
                nth.min(starts.len() - 1)
            } else {
                0
            };
            let end = starts.get(part + 1).copied().unwrap_or(bytes.len());
            wikileaks_html::released(&bytes[starts[part]..end])
        }
        Some(Format::PlusdHtml) => plusd::released(bytes),
        _ => None,
    }
}
