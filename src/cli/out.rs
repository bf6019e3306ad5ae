//! Every byte `list`, `show` and `search` print goes through here: on a terminal, text is made
//! visible (caret notation) on its way out, JSON escapes every control character, and messages
//! on stderr are cleaned and kept short.

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};

use crate::sanitize;

/// The variable that makes the commands write as to a terminal (`1`) or as to a pipe (`0`)
/// whatever stdout is: tests use it to check the terminal's output through a pipe.
pub const TERMINAL_VAR: &str = "CABLE_READER_TERMINAL";

/// True when stdout is a terminal (or [`TERMINAL_VAR`] says to act as if).
pub fn stdout_is_terminal() -> bool {
    match std::env::var(TERMINAL_VAR).as_deref() {
        Ok("1") => true,
        Ok("0") => false,
        _ => io::stdout().is_terminal(),
    }
}

/// Colours on a terminal, unless `NO_COLOR` is set or the terminal is `dumb`.
pub fn colors_wanted() -> bool {
    stdout_is_terminal()
        && std::env::var_os("NO_COLOR").is_none()
        && std::env::var("TERM").as_deref() != Ok("dumb")
}

/// A writer that, when `clean` is on, turns every control character (but newline and tab) and
/// bidirectional control into its visible form before it reaches `inner`. Styles the program
/// itself chooses go around it through [`Out::style`].
pub struct Out<W: Write> {
    inner: W,
    clean: bool,
    /// The start of a character cut off at the end of the last write.
    pending: Vec<u8>,
}

/// Select Graphic Rendition codes the commands use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Reset,
    Bold,
    Dim,
    Red,
    Yellow,
    Green,
    Cyan,
    /// A match, in grep's bold red.
    Match,
}

impl Style {
    fn code(self) -> &'static str {
        match self {
            Style::Reset => "\x1b[0m",
            Style::Bold => "\x1b[1m",
            Style::Dim => "\x1b[2m",
            Style::Red => "\x1b[31m",
            Style::Yellow => "\x1b[33m",
            Style::Green => "\x1b[32m",
            Style::Cyan => "\x1b[36m",
            Style::Match => "\x1b[01;31m",
        }
    }
}

impl<W: Write> Out<W> {
    pub fn new(inner: W, clean: bool) -> Out<W> {
        Out {
            inner,
            clean,
            pending: Vec::new(),
        }
    }

    /// Writes a style's code straight through (the only escape sequences the commands make).
    pub fn style(&mut self, style: Style) -> io::Result<()> {
        self.inner.write_all(style.code().as_bytes())
    }

    /// One JSON value on a line: see [`json`].
    pub fn json_line<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        let mut line = json(value)?;
        line.push('\n');
        self.write_all(line.as_bytes())
    }
}

impl<W: Write> Write for Out<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.clean {
            return self.inner.write(buf);
        }
        let joined;
        let bytes = if self.pending.is_empty() {
            buf
        } else {
            self.pending.extend_from_slice(buf);
            joined = std::mem::take(&mut self.pending);
            &joined[..]
        };
        // A character cut at the end waits for the rest; any other invalid byte is shown as
        // U+FFFD, never passed on.
        let (text, rest) = match std::str::from_utf8(bytes) {
            Ok(s) => (Cow::Borrowed(s), &[][..]),
            Err(e) if e.error_len().is_none() => {
                let (head, tail) = bytes.split_at(e.valid_up_to());
                (String::from_utf8_lossy(head), tail)
            }
            Err(_) => (String::from_utf8_lossy(bytes), &[][..]),
        };
        self.inner
            .write_all(sanitize::for_terminal(&text).as_bytes())?;
        self.pending = rest.to_vec();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let rest = String::from_utf8_lossy(&std::mem::take(&mut self.pending)).into_owned();
            self.inner.write_all(rest.as_bytes())?;
        }
        self.inner.flush()
    }
}

/// `value` as JSON on one line, with every control character escaped: serde_json escapes C0
/// controls, this escapes DEL, C1 and the bidirectional controls too (`\u009b`, `\u202e`), so
/// the line is safe on a terminal and still means the same to a JSON reader.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> io::Result<String> {
    let s = serde_json::to_string(value).map_err(io::Error::other)?;
    if !s.chars().any(sanitize::is_unsafe) {
        return Ok(s);
    }
    // Outside strings JSON is ASCII without controls, so every such character is in a string,
    // where `\uXXXX` stands for it.
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if sanitize::is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

/// Prints `cable-reader: MESSAGE` on stderr, cleaned (messages name files and quote cables).
pub fn error(message: &str) {
    eprintln!("cable-reader: {}", sanitize::clean_line(message));
}

/// Prints `cable-reader: PATH: reason`: the path in full, the reason (which may quote the
/// file) cut to a few words.
pub fn input_error(path: &str, reason: &str) {
    eprintln!(
        "cable-reader: {}: {}",
        sanitize::clean_line(path),
        sanitize::brief(without_os_error(reason))
    );
}

/// `No such file or directory (os error 2)` without its number, which tells a user nothing.
fn without_os_error(reason: &str) -> &str {
    match reason.rfind(" (os error ") {
        Some(i) if reason.ends_with(')') => &reason[..i],
        _ => reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(pieces: &[&[u8]]) -> Vec<u8> {
        let mut out = Out::new(Vec::new(), true);
        for p in pieces {
            out.write_all(p).unwrap();
        }
        out.flush().unwrap();
        out.inner
    }

    #[test]
    fn terminal_writer_shows_controls() {
        assert_eq!(
            cleaned(&[b"a\x1b]0;t\x07\tb\n"]),
            b"a^[]0;t^G\tb\n".to_vec()
        );
        // A character cut between two writes arrives whole.
        let csi = "\u{9b}".as_bytes();
        assert_eq!(
            cleaned(&[&csi[..1], &csi[1..], b"2J"]),
            b"<U+009B>2J".to_vec()
        );
        assert_eq!(cleaned(&[b"x\xff"]), "x\u{fffd}".as_bytes().to_vec());
    }

    #[test]
    fn styles_pass_through() {
        let mut out = Out::new(Vec::new(), true);
        out.style(Style::Bold).unwrap();
        out.write_all(b"\x1b[1m").unwrap();
        assert_eq!(out.inner, b"\x1b[1m^[[1m".to_vec());
    }

    #[test]
    fn json_escapes_c1_and_bidi() {
        let s = json(&serde_json::json!({"id": "a\u{9b}b\u{202e}c\u{1b}\u{7f}"})).unwrap();
        assert_eq!(s, r#"{"id":"a\u009bb\u202ec\u001b\u007f"}"#);
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["id"], "a\u{9b}b\u{202e}c\u{1b}\u{7f}");
    }
}
