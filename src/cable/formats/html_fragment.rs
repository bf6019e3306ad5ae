//! Cable text with its HTML kept: a scraper's files holding the body `<code><pre>` block of a
//! Cablegate page, or any cable text with tags and entities, without the page around it.
//!
//! The markup is read with the page reader's tokenizer: tags dropped (link texts such as TAGS
//! kept), `¶` paragraph anchors removed with their `¶`, entities decoded. There is no metadata
//! table: a leading `Cable dated:2005-11-16T09:53:00` or dateline (`Tuesday, 20 January 2004,
//! 09:44`) gives the date when the header has no date-time group; the rest is the cable's text,
//! left to the shared builder (which also unglues header lines run together on one line).

use super::markup;
use super::tidy;
use super::{Extracted, LoadError, RawCable, created, digits, text};
use crate::cable::decode::{decode_text, normalize_newlines};
use crate::cable::model::{Format, Warning};

/// Tags that mark a text as HTML: the ones the scrapers' fragments hold.
const TAGS: [&[u8]; 7] = [
    b"<pre",
    b"<code",
    b"<br",
    b"</a>",
    b"<p>",
    b"<a href=",
    b"<a id=",
];

/// True when the text (no page around it, see [`super::detect`]) holds HTML tags.
pub fn looks_like(head: &[u8]) -> bool {
    let sample = &head[..head.len().min(64 * 1024)];
    let lower: Vec<u8> = sample.iter().map(u8::to_ascii_lowercase).collect();
    TAGS.iter()
        .any(|t| memchr::memmem::find(&lower, t).is_some())
}

pub fn extract(bytes: &[u8]) -> Extracted {
    let (decoded, warning) = decode_text(bytes);
    let html = normalize_newlines(&decoded);
    let html = drop_cut_off_tags(&html);
    let plain = markup::text_without_anchors(&html);
    let plain = text::clean_text(&normalize_newlines(&plain));
    let mut body = tidy(&plain);
    let mut raw = RawCable {
        format: Some(Format::HtmlFragment),
        warnings: warning.into_iter().collect::<Vec<Warning>>(),
        ..Default::default()
    };
    if let Some((created, rest)) = leading_date(&body) {
        raw.created = Some(created);
        body = tidy(rest);
    }
    if !text::cable_like(&body) {
        return Extracted {
            errors: vec![LoadError::new("HTML fragment holds no cable text")],
            ..Default::default()
        };
    }
    raw.body = body;
    Extracted {
        cables: vec![raw],
        errors: Vec::new(),
    }
}

/// The text with every tag that a line end cuts off (`... PGOV</a> <a href='/tag/PR` at a
/// line's end) removed up to that line end: in a saved text block the site wrote each tag on
/// one line, so a tag running over a line end lost its rest, and read as a tag it would swallow
/// the text after it.
fn drop_cut_off_tags(html: &str) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut pos = 0;
    while let Some(off) = memchr::memchr(b'<', &b[pos..]) {
        let at = pos + off;
        let opens = match b.get(at + 1) {
            Some(c) if c.is_ascii_alphabetic() => true,
            Some(b'/') => b.get(at + 2).is_some_and(u8::is_ascii_alphabetic),
            _ => false,
        };
        if !opens {
            pos = at + 1;
            continue;
        }
        let line_end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |e| at + e);
        match memchr::memchr(b'>', &b[at..line_end]) {
            Some(gt) => pos = at + gt + 1,
            None => {
                out.push_str(&html[copied..at]);
                copied = line_end;
                pos = line_end;
            }
        }
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    std::borrow::Cow::Owned(out)
}

/// A date written before the cable's text, as [`RawCable::created`], and the text after it:
/// `Cable dated:2005-11-16T09:53:00` (glued to the banner in some files) or a dateline line
/// `Friday, 04 August 2006, 13:17`.
fn leading_date(text: &str) -> Option<(String, &str)> {
    let t = text.trim_start();
    if let Some(rest) = t.strip_prefix("Cable dated:") {
        let rest = rest.trim_start();
        // `YYYY-MM-DDTHH:MM[:SS]`
        let b = rest.as_bytes();
        let stamp = rest.get(..16)?;
        let year = digits(stamp.get(0..4)?, 4, 4)?;
        let month = digits(stamp.get(5..7)?, 2, 2)?;
        let day = digits(stamp.get(8..10)?, 2, 2)?;
        let hour = digits(stamp.get(11..13)?, 2, 2)?;
        let minute = digits(stamp.get(14..16)?, 2, 2)?;
        if b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
            return None;
        }
        let mut end = 16;
        if b.get(16) == Some(&b':')
            && b.get(17..19)
                .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
        {
            end = 19;
        }
        return Some((created(year, month, day, hour, minute)?, &rest[end..]));
    }
    let (line, rest) = t.split_once('\n').unwrap_or((t, ""));
    Some((dateline(line.trim())?, rest))
}

/// `Friday, 04 August 2006, 13:17` → `2006-08-04 13:17`.
fn dateline(line: &str) -> Option<String> {
    let parts: Vec<&str> = line.split(',').map(str::trim).collect();
    let [weekday, date, time] = parts.as_slice() else {
        return None;
    };
    if !weekday.ends_with("day") || !weekday.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let d: Vec<&str> = date.split_whitespace().collect();
    let [day, month, year] = d.as_slice() else {
        return None;
    };
    let day = digits(day, 1, 2)?;
    let month = text::month_number(month.get(..3)?)?;
    let year = digits(year, 4, 4)?;
    let (h, m) = time.split_once(':')?;
    created(year, month, day, digits(h, 1, 2)?, digits(m, 2, 2)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_before_the_text() {
        assert_eq!(
            leading_date("Cable dated:2005-07-15T15:24:00S E C R E T"),
            Some(("2005-07-15 15:24".to_string(), "S E C R E T"))
        );
        assert_eq!(
            leading_date("Friday, 04 August 2006, 13:17\nC O N F"),
            Some(("2006-08-04 13:17".to_string(), "C O N F"))
        );
        assert_eq!(leading_date("UNCLAS STATE 1"), None);
        assert_eq!(leading_date("Cable dated:2005-07-1"), None);
    }
}
