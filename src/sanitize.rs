//! Making text from files safe to show: control characters become visible caret notation (as
//! `less` shows them), tabs expand, CR and CRLF become LF, and bidirectional controls are shown
//! as `<U+202E>` rather than applied. Applied once, when a cable is built.

use std::borrow::Cow;

const TAB_STOP: usize = 8;

/// Characters that reorder the text around them when a terminal shows them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn needs_work(s: &str) -> bool {
    // Byte scan: the characters to work on are C0 controls and DEL (one byte), C1 controls
    // (`C2 80..9F`), U+061C (`D8 9C`) and the bidirectional controls at U+200E.. and U+202A..
    // (`E2 80 ..`, `E2 81 ..`). Blocks of 32 bytes are checked without branching first.
    let b = s.as_bytes();
    let suspect =
        |x: u8| (x < 0x20 && x != b'\n') | (x == 0x7F) | (x == 0xC2) | (x == 0xD8) | (x == 0xE2);
    let mut start = 0;
    for block in b.chunks(32) {
        if block.iter().fold(false, |acc, &x| acc | suspect(x)) {
            for i in start..start + block.len() {
                if suspect(b[i]) && needs_work_at(b, i) {
                    return true;
                }
            }
        }
        start += block.len();
    }
    false
}

/// Whether the character starting at byte `i` (a suspect byte of valid UTF-8) is one to clean.
fn needs_work_at(b: &[u8], i: usize) -> bool {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        0xC2 => (0x80..=0x9F).contains(&at(1)),
        0xD8 => at(1) == 0x9C,
        0xE2 => match at(1) {
            0x80 => matches!(at(2), 0x8E | 0x8F | 0xAA..=0xAE),
            0x81 => (0xA6..=0xA9).contains(&at(2)),
            _ => false,
        },
        _ => true,
    }
}

/// True for a character that must not reach a terminal as it is: C0 and C1 controls, DEL and
/// the bidirectional controls (newline and tab are for the caller to allow).
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Cleans multi-line text; `\n` is kept.
pub fn clean(s: &str) -> Cow<'_, str> {
    clean_with(s, true)
}

/// Cleans text on its way to a terminal: as [`clean`], but tabs are kept (they move the cursor
/// to the next stop and no further), so columns a caller separated by tabs stay separated.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    clean_with(s, false)
}

fn clean_with(s: &str, expand_tabs: bool) -> Cow<'_, str> {
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
            '\t' if !expand_tabs => {
                out.push('\t');
                col = (col / TAB_STOP + 1) * TAB_STOP;
            }
            '\t' => {
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            c if is_unsafe(c) => {
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

/// The longest message text a command prints from a file (an id cell, a date as written): a few
/// words are enough to recognise it, a whole table cell would bury the message.
pub const BRIEF_CHARS: usize = 60;

/// `s` on one line, cleaned, and cut to [`BRIEF_CHARS`] characters at a word end with `…`.
pub fn brief(s: &str) -> Cow<'_, str> {
    let line = clean_line(s);
    if line.chars().count() <= BRIEF_CHARS {
        return line;
    }
    let cut: String = line.chars().take(BRIEF_CHARS).collect();
    // Back to the last space when there is one in the second half, so a word is not cut.
    let end = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => i,
        _ => cut.len(),
    };
    Cow::Owned(format!("{}…", cut[..end].trim_end()))
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

/// How a path reads in messages: any bytes a file name holds, shown, never obeyed.
pub fn path(p: &std::path::Path) -> String {
    clean_line(&p.to_string_lossy()).into_owned()
}

/// An I/O error as a message says it, without the `(os error 2)` tail.
pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
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

    #[test]
    fn terminal_text_keeps_tabs() {
        assert_eq!(for_terminal("a\tb\u{1b}[2J\r\n"), "a\tb^[[2J\n");
        assert_eq!(for_terminal("x\u{9b}\u{202e}"), "x<U+009B><U+202E>");
    }

    #[test]
    fn brief_cuts_long_text_at_a_word() {
        assert_eq!(brief("short \u{1b}text"), "short ^[text");
        let long = "word ".repeat(30);
        let b = brief(&long);
        assert!(
            b.ends_with("word…") && b.chars().count() <= BRIEF_CHARS + 1,
            "{b}"
        );
        let one = "x".repeat(100);
        assert_eq!(brief(&one), format!("{}…", "x".repeat(BRIEF_CHARS)));
    }

    #[test]
    fn byte_scan_agrees_with_chars() {
        let by_chars = |s: &str| {
            s.chars()
                .any(|c| (c.is_control() && c != '\n') || is_bidi_control(c))
        };
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            for s in [format!("{c}"), format!("{}x{c}\n", "a".repeat(40))] {
                assert_eq!(needs_work(&s), by_chars(&s), "{:?}", c as u32);
            }
        }
    }
}
