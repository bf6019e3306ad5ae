//! Bytes to text: UTF-8, else Windows-1252 when that reads right, else lossy UTF-8.

use std::borrow::Cow;

use super::model::Warning;

/// Decodes a file's bytes. Line ends are left as they are.
pub fn decode_text(bytes: &[u8]) -> (Cow<'_, str>, Option<Warning>) {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(s.strip_prefix('\u{feff}').unwrap_or(s)), None);
    }
    // cp1252 "reads right" when no byte falls on one of its five unassigned code points,
    // which encoding_rs would turn into C1 controls.
    let unassigned = bytes
        .iter()
        .any(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D));
    if !unassigned {
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
        return (
            text,
            Some(Warning::Decoded {
                encoding: "windows-1252".into(),
            }),
        );
    }
    (
        String::from_utf8_lossy(bytes),
        Some(Warning::Decoded {
            encoding: "UTF-8 with invalid bytes replaced".into(),
        }),
    )
}

/// CRLF and lone CR become LF.
pub fn normalize_newlines(s: &str) -> Cow<'_, str> {
    // A vectorised search: most texts have no CR at all.
    if memchr::memchr(b'\r', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
}
