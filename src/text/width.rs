//! How wide text is on a terminal, in columns.

use unicode_width::UnicodeWidthChar;

/// Columns of one character; a line break counts as the space it is shown as.
pub fn char_width(c: char) -> usize {
    if c == '\n' { 1 } else { c.width().unwrap_or(0) }
}

/// Columns of a string.
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Columns of a number written out.
pub fn digits(n: u32) -> usize {
    n.checked_ilog10().unwrap_or(0) as usize + 1
}

/// Cuts `s` to `width` columns, ending in `…` when something was cut.
pub fn truncate(s: &str, width: usize) -> String {
    let total = str_width(s);
    if total <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(str_width("日本 a"), 6);
        assert_eq!(digits(0), 1);
        assert_eq!(digits(1234), 4);
    }

    #[test]
    fn truncation() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(truncate("abc", 0), "");
    }
}
