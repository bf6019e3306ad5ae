//! Files holding several cables one after another (texts saved or pasted together): where each
//! cable starts.
//!
//! A careful reader sees a new cable where a new header block begins after a cable has ended:
//! a `VZCZC` transmission line, or a first banner naming post and serial
//! (`CONFIDENTIAL PARIS 001007`, `... SECTION 01 OF 02 AMMAN 000091`), standing after the
//! closing signature, `NNNN` or `BT` of a cable that already had its SUBJECT or TAGS and text,
//! and followed by a SUBJECT or TAGS line of its own. A cable quoted inside another's text
//! (`BEGIN TEXT: ...`) is not preceded by a signature, and a repeated banner of a later section
//! (`SECTION 02 OF 03`) is no first banner, so neither splits a cable's body.
//!
//! Works on the file's bytes: every sign is ASCII, whatever the encoding of the rest.

use crate::cable::header;

/// How far after a new header block's first line its SUBJECT or TAGS may stand (a routing
/// header lists dozens of addressees).
const HEADER_REACH: usize = 80;

/// A cable needs this much text from its SUBJECT or TAGS on before another may start (bytes;
/// an edited text may hold its whole body on one line).
const MIN_TEXT: usize = 300;

/// The byte offsets where the cables of `bytes` start, the first always 0. One entry for a file
/// holding one cable.
pub fn cable_starts(bytes: &[u8]) -> Vec<usize> {
    let lines = line_spans(bytes);
    let raw = |k: usize| bytes[lines[k].0..lines[k].1].trim_ascii();
    let text = |k: usize| visible(raw(k));
    let mut starts = vec![0];
    // What the current cable has shown: a SUBJECT or TAGS item, then text.
    let mut keyed = false;
    let mut text_len = 0usize;
    for k in 0..lines.len() {
        let t = text(k);
        if t.is_empty() {
            continue;
        }
        if keyed
            && let Some(at) = new_cable_at(lines.len(), k, &text, &raw)
            && (text_len >= MIN_TEXT || cut_off(before(&text, at)))
        {
            starts.push(lines[at].0);
            keyed = false;
            text_len = 0;
        }
        if has_key(t) {
            keyed = true;
            text_len = 0;
        }
        text_len += t.len();
    }
    starts.dedup();
    starts
}

/// When line `k` opens a new cable's header block after the end of the one before, the line
/// the new cable starts at (a dateline right before the block belongs to it).
fn new_cable_at<'a>(
    count: usize,
    k: usize,
    text: &impl Fn(usize) -> &'a [u8],
    raw: &impl Fn(usize) -> &'a [u8],
) -> Option<usize> {
    let t = text(k);
    let transmission = t.starts_with(b"VZCZC") && t.iter().all(u8::is_ascii_alphanumeric);
    let dated = t.starts_with(b"Cable dated:");
    let banner = first_banner(t) || row_lead(t).is_some_and(first_banner);
    if !transmission && !dated && !banner {
        return None;
    }
    // The header block has its own SUBJECT or TAGS (in an edited text, on the same line).
    if !(k..count.min(k + 1 + HEADER_REACH)).any(|j| has_key(text(j))) {
        return None;
    }
    let before = |from: usize| (0..from).rev().find(|&j| !text(j).is_empty());
    let mut start = k;
    let mut prev = before(k)?;
    // A dateline, or a database row's references column, belongs to the block it stands over.
    if !dated && (is_dateline(text(prev)) || only_ids(text(prev))) {
        start = prev;
        prev = before(prev)?;
    }
    let ended = closes_cable(text(prev)) || closes_block(raw(prev)) || cut_off(text(prev));
    (transmission || ended).then_some(start)
}

/// The last line of text before line `k` (the line itself when none is).
fn before<'a>(text: &impl Fn(usize) -> &'a [u8], k: usize) -> &'a [u8] {
    (0..k)
        .rev()
        .map(text)
        .find(|t| !t.is_empty())
        .unwrap_or(b"")
}

/// A text cut off by the site that shows only a cable's start: its last word runs into `...`
/// (`I ASKED TO ST...`), or a line holds only the dots.
fn cut_off(t: &[u8]) -> bool {
    t == b"..." || (t.ends_with(b"...") && t.len() > 3 && t[t.len() - 4].is_ascii_alphanumeric())
}

/// A line holding only release ids (`08STATE15228`, `09STATE1|09STATE2`): a database row's
/// references column.
pub(super) fn only_ids(t: &[u8]) -> bool {
    !t.is_empty()
        && t.split(|&b| matches!(b, b'|' | b',' | b' '))
            .filter(|w| !w.is_empty())
            .all(|w| {
                let digits = w.iter().take_while(|b| b.is_ascii_digit()).count();
                digits == 2
                    && w.len() > 4
                    && w[2].is_ascii_uppercase()
                    && w.last().is_some_and(u8::is_ascii_digit)
                    && w.iter().all(u8::is_ascii_alphanumeric)
            })
}

/// The text after a database row's leading columns run together on one line
/// (`50133  2006-01-19  06THEHAGUE131  Embassy The Hague  CONFIDENTIAL    C O N F I D ...`).
fn row_lead(t: &[u8]) -> Option<&[u8]> {
    let line = std::str::from_utf8(t).ok()?;
    let rest = super::database_rows::collapsed_row(line)?.rest;
    Some(rest.as_bytes())
}

/// Each line's byte range, without its line end.
fn line_spans(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes) {
        spans.push((start, end));
        start = end + 1;
    }
    if start < bytes.len() {
        spans.push((start, bytes.len()));
    }
    spans
}

/// A line without white space and the markup tags around its text (`<code><pre>`,
/// `</pre></code>`).
fn visible(line: &[u8]) -> &[u8] {
    let mut t = line.trim_ascii();
    while t.first() == Some(&b'<') {
        match memchr::memchr(b'>', t) {
            Some(end) => t = t[end + 1..].trim_ascii_start(),
            None => break,
        }
    }
    while t.last() == Some(&b'>') {
        match memchr::memrchr(b'<', t) {
            Some(open) => t = t[..open].trim_ascii_end(),
            None => break,
        }
    }
    t
}

/// A SUBJECT or TAGS item: at the line's start in any case (`SUBJECT:`, `SUBJ:`, `TAGS:`,
/// `TAGS `), or run on after other header items (`... DECL: 11/14/2012 TAGS: PTER`).
fn has_key(t: &[u8]) -> bool {
    let head = |k: &[u8]| t.len() > k.len() && t[..k.len()].eq_ignore_ascii_case(k);
    head(b"SUBJECT")
        || head(b"SUBJ:")
        || head(b"TAGS:")
        || head(b"TAGS ")
        || memchr::memmem::find(t, b" TAGS: ").is_some()
        || memchr::memmem::find(t, b" SUBJECT: ").is_some()
}

/// A line closing a saved page's text block (`... MULFORD</pre></code>`).
fn closes_block(raw: &[u8]) -> bool {
    raw.ends_with(b"</pre>") || raw.ends_with(b"</pre></code>")
}

/// A cable's first banner: a classification naming post and serial, not a later section's.
fn first_banner(t: &[u8]) -> bool {
    let Ok(line) = std::str::from_utf8(t) else {
        return false;
    };
    let Some((_, tail)) = header::banner(line) else {
        return false;
    };
    if let Some(section) = tail.strip_prefix("SECTION") {
        let n: String = section
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if n.parse::<u32>().ok() != Some(1) {
            return false;
        }
    }
    header::post_serial(&tail).is_some()
}

/// The last line of a cable: its signature (a name of up to four words), `NNNN`, `BT`.
pub(super) fn closes_cable(t: &[u8]) -> bool {
    if matches!(t, b"NNNN" | b"NNN" | b"BT") {
        return true;
    }
    let words = t.split(|&b| b == b' ').filter(|w| !w.is_empty());
    let count = words.clone().count();
    (1..=4).contains(&count)
        && t.len() <= 40
        && !t.ends_with(b".")
        && words.into_iter().all(|w| {
            w[0].is_ascii_uppercase()
                && w.iter()
                    .all(|&b| b.is_ascii_alphabetic() || matches!(b, b'.' | b'-' | b'\''))
        })
}

/// `Tuesday, 20 January 2004, 09:44` or `Cable dated:2005-11-16T09:53:00...` before a banner.
fn is_dateline(t: &[u8]) -> bool {
    if t.starts_with(b"Cable dated:") {
        return true;
    }
    let day_end = t.iter().position(|&b| b == b',').unwrap_or(0);
    day_end > 3 && t[..day_end].ends_with(b"day") && t.len() < 40 && t.contains(&b':')
}

/// Where the pages of a file holding several saved WikiLeaks pages start: after each page's
/// `</html>` that is followed by another page's `Viewing cable` title.
pub fn page_starts(bytes: &[u8]) -> Vec<usize> {
    let titles: Vec<usize> = memchr::memmem::find_iter(bytes, b"Viewing cable ").collect();
    let mut starts = vec![0];
    for pair in titles.windows(2) {
        let (this, next) = (pair[0], pair[1]);
        if let Some(end) = memchr::memmem::find(&bytes[this..next], b"</html>") {
            starts.push(this + end + "</html>".len());
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closings() {
        assert!(closes_cable(b"PEKALA"));
        assert!(closes_cable(b"R. Stephen Beecroft"));
        assert!(!closes_cable(b"conference initiative."));
        assert!(!closes_cable(
            b"We note that the talks went on for a long time"
        ));
    }

    #[test]
    fn a_later_section_is_no_first_banner() {
        assert!(first_banner(b"CONFIDENTIAL PARIS 001007"));
        assert!(first_banner(
            b"C O N F I D E N T I A L SECTION 01 OF 02 AMMAN 000091"
        ));
        assert!(!first_banner(b"CONFIDENTIAL SECTION 02 OF 03 PARIS 001007"));
        assert!(!first_banner(b"CONFIDENTIAL"));
    }

    #[test]
    fn a_quoted_cable_does_not_split() {
        let text = b"UNCLAS ROME 000001\nSUBJECT: ONE\n1. Text.\n2. BEGIN TEXT:\nUNCLAS STATE 000002\nSUBJECT: TWO\n1. Quoted.\nEND TEXT.\nSMITH\n";
        assert_eq!(cable_starts(text), vec![0]);
    }
}
