//! Page-break and teletype page lines, which the text runs across.

use std::sync::LazyLock;

use regex::Regex;

use super::*;

pub(super) static PAGE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    // The post in capitals, or as edited texts write it (`Kuwait 00000808 004 of 007`).
    Regex::new(
        r"^\s*([A-Z][A-Za-z .'-]*?[A-Za-z])\s+(\d{5,8})\s+\d{3}(?:\.\d+)?\s+(?i:OF)\s+\d{3}\s*$",
    )
    .expect("valid regex")
});

/// A page-break line `USNATO 00000595 002.2 OF 003` gives (`USNATO`, 595).
pub fn page_break(line: &str) -> Option<(String, u64)> {
    if !may_be_page_break(line) {
        return None;
    }
    let caps = PAGE_BREAK.captures(line)?;
    Some((collapse(&caps[1]).to_uppercase(), caps[2].parse().ok()?))
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
pub(super) fn first_byte(line: &str) -> Option<u8> {
    match line.as_bytes().first() {
        Some(&b) if b.is_ascii() && !is_space(b) => Some(b),
        _ => line.trim_start().as_bytes().first().copied(),
    }
}

/// The last character before trailing whitespace; without decoding when the line ends with
/// ASCII.
pub(super) fn last_char(line: &str) -> Option<char> {
    match line.as_bytes().last() {
        Some(&b) if b.is_ascii() && !is_space(b) => Some(b as char),
        _ => line.trim_end().chars().next_back(),
    }
}

/// What [`PAGE_BREAK`] needs: a capital first, a digit last (bar whitespace; `\d` takes
/// non-ASCII digits too) and `OF` in any case.
pub(super) fn may_be_page_break(line: &str) -> bool {
    let b = line.as_bytes();
    first_byte(line).is_some_and(|b| b.is_ascii_uppercase())
        && last_char(line).is_some_and(|c| c.is_ascii_digit() || !c.is_ascii())
        && memchr::memchr2_iter(b'F', b'f', b).any(|i| i > 0 && matches!(b[i - 1], b'O' | b'o'))
}

pub(super) static TELETYPE_PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*PAGE \d{2}\s+\S.*$").expect("valid regex"));

pub(super) fn is_teletype_page(line: &str) -> bool {
    line.trim_start().starts_with("PAGE ") && TELETYPE_PAGE.is_match(line)
}
