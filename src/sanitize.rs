//! Making text from files safe to show: control characters become visible caret notation (as
//! `less` shows them), tabs expand, CR and CRLF become LF, and bidirectional controls are shown
//! as `<U+202E>` rather than applied. Applied once, when a cable is built.

use std::borrow::Cow;

const TAB_STOP: usize = 8;

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn needs_work(s: &str) -> bool {
    s.chars()
        .any(|c| (c.is_control() && c != '\n') || is_bidi_control(c))
}

/// Cleans multi-line text; `\n` is kept.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !needs_work(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut col = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                col = 0;
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                    col = 0;
                }
            }
            '\t' => {
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            c if c.is_control() || is_bidi_control(c) => {
                let shown = caret(c);
                col += shown.len();
                out.push_str(&shown);
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    Cow::Owned(out)
}

/// Cleans text meant for one line (a file name, a header field): newlines become spaces.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    if !needs_work(s) && !s.contains('\n') {
        return Cow::Borrowed(s);
    }
    let cleaned = clean(s);
    Cow::Owned(cleaned.replace('\n', " "))
}

/// The visible form of one control character: `^[` for ESC, `^?` for DEL, `<U+009B>` for C1
/// and bidirectional controls.
pub fn caret(c: char) -> String {
    let n = c as u32;
    if n < 0x20 {
        format!("^{}", char::from_u32(n + 0x40).unwrap_or('?'))
    } else if n == 0x7F {
        "^?".to_string()
    } else {
        format!("<U+{n:04X}>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_controls() {
        assert_eq!(clean("a\u{1b}]0;title\u{7}b"), "a^[]0;title^Gb");
        assert_eq!(clean("x\u{9b}2J"), "x<U+009B>2J");
        assert_eq!(clean("\u{202e}abc"), "<U+202E>abc");
        assert_eq!(clean("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(clean("ab\tc"), "ab      c");
        assert_eq!(clean("\0\u{7f}"), "^@^?");
        assert_eq!(clean_line("a\nb"), "a b");
        assert!(matches!(clean("plain\ntext"), Cow::Borrowed(_)));
    }
}
