//! A `cables.csv` row pasted into a page as plain text (see [`find_loose_row`]).

use memchr::memchr2;

use super::{field_text, non_empty, parse_created, split_references};
use crate::cable::formats::RawCable;
use crate::cable::model::Warning;

/// A `cables.csv` row pasted into a page as plain text, without the quotes around the first
/// seven fields (Scoop's early "Wikileak:" stories):
///
/// ```text
/// 49814,1/16/2006 23:41,06
/// WELLINGTON41,Embassy Wellington,SECRET,,VZCZC...,"S E C R E T ...
/// ```
///
/// Looks for a line starting `<digits>,<M/D/YYYY H:MM>,` and reads the fields from there: line
/// breaks inside the id are dropped (the page wrapped it), origin and classification have their
/// whitespace collapsed, the header runs to the `,"` that opens the body, and the body to its
/// closing quote (or to the end of `text`, with a warning, when the page cut it). Fields that are
/// quoted after all are read as quoted fields. `text` has LF line ends.
pub fn find_loose_row(text: &str) -> Option<RawCable> {
    let mut line_start = 0;
    loop {
        let rest = text.get(line_start..)?;
        if rest.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && let Some(raw) = loose_row_at(rest)
        {
            return Some(raw);
        }
        let nl = rest.find('\n')?;
        line_start += nl + 1;
    }
}

fn loose_row_at(s: &str) -> Option<RawCable> {
    let mut cur = Cursor { s, pos: 0 };
    let record_str = cur.field(20)?;
    let record_str = record_str.trim();
    if record_str.is_empty()
        || record_str.len() > 19
        || !record_str.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let record: u64 = record_str.parse().ok()?;
    let date = cur.field(40)?;
    let created = parse_created(&collapse_ws(&date))?;
    let id: String = cur.field(80)?.split_whitespace().collect();
    if id.len() < 4
        || !id.as_bytes()[..2].iter().all(u8::is_ascii_digit)
        || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return None;
    }
    let origin = collapse_ws(&cur.field(200)?);
    let classification = collapse_ws(&cur.field(100)?);
    let references: String = cur.field(16 * 1024)?.split_whitespace().collect();
    let mut warnings = Vec::new();
    // The header: quoted, or plain up to the `,"` that opens the body.
    let header = if cur.peek() == Some(b'"') {
        cur.quoted_field(None, &mut warnings)?
    } else {
        let rest = &s[cur.pos..];
        match rest.find(",\"") {
            Some(i) => {
                cur.pos += i + 1;
                rest[..i].to_string()
            }
            None => {
                cur.pos = s.len();
                rest.to_string()
            }
        }
    };
    let body = if cur.peek() == Some(b'"') {
        cur.quoted_field(None, &mut warnings)?
    } else {
        String::new()
    };
    Some(RawCable {
        format: None,
        record: Some(record),
        id: Some(id),
        created: Some(created),
        origin: non_empty(&origin),
        classification: non_empty(&classification),
        references: split_references(&references),
        subject: None,
        header,
        body,
        warnings,
        ..Default::default()
    })
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.pos).copied()
    }

    /// A metadata field of at most `limit` bytes, quoted or not, and the comma after it.
    fn field(&mut self, limit: usize) -> Option<String> {
        if self.peek() == Some(b'"') {
            let mut w = Vec::new();
            let f = self.quoted_field(Some(limit), &mut w)?;
            if !w.is_empty() || self.peek() != Some(b',') {
                return None;
            }
            self.pos += 1;
            Some(f)
        } else {
            let rest = self.s.get(self.pos..)?;
            let window = &rest[..floor_char_boundary(rest, limit)];
            let i = window.find(',')?;
            self.pos += i + 1;
            Some(rest[..i].to_string())
        }
    }

    /// A quoted field from the opening quote: up to the first unescaped quote followed by a comma,
    /// a line end or the end of the text. Without one, the rest of the text with a warning, or
    /// nothing when `limit` bytes were searched in vain.
    fn quoted_field(
        &mut self,
        limit: Option<usize>,
        warnings: &mut Vec<Warning>,
    ) -> Option<String> {
        let b = self.s.as_bytes();
        let content = self.pos + 1;
        let end = limit.map_or(b.len(), |l| content.saturating_add(l).min(b.len()));
        let mut q = content;
        loop {
            let hit = if q < end {
                memchr2(b'"', b'\\', &b[q..end]).map(|o| q + o)
            } else {
                None
            };
            let Some(j) = hit else {
                if limit.is_some() {
                    return None;
                }
                warnings.push(Warning::Note {
                    message: "the pasted record has no closing quote: its text may be cut off"
                        .into(),
                });
                self.pos = b.len();
                return Some(field_text(b.get(content..)?).0);
            };
            if b[j] == b'\\' {
                q = j + 2;
                continue;
            }
            let after = b.get(j + 1).copied();
            if matches!(after, None | Some(b',' | b'\n' | b'\r')) {
                self.pos = j + 1;
                return Some(field_text(b.get(content..j)?).0);
            }
            q = j + 1;
        }
    }
}
