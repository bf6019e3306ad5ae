//! Keys as the keymap writes them: one key press ([`KeyChord`]), normalised so that what the
//! terminal reports and what a settings file says compare equal, and sequences of them.
//!
//! A key is a character (`j`, `G`, `:`), a name (`space`, `enter`, `esc`, `tab`, `backspace`,
//! `up`, `down`, `left`, `right`, `home`, `end`, `pgup`, `pgdn`, `insert`, `delete`,
//! `f1`..`f12`) with optional `ctrl-`, `alt-`, `shift-` in front. Keys separated by spaces make a
//! sequence: `"' '"` is `'` twice.

use anyhow::bail;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key press, normalised so that what the terminal reports and what the TOML says compare
/// equal: a character carries its case instead of a SHIFT flag, Shift-Tab is `BackTab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl KeyChord {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> KeyChord {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let mut code = code;
        match code {
            KeyCode::Char(c) => {
                if mods.contains(KeyModifiers::CONTROL) && c.is_ascii_uppercase() {
                    code = KeyCode::Char(c.to_ascii_lowercase());
                } else {
                    mods.remove(KeyModifiers::SHIFT);
                }
            }
            KeyCode::BackTab => mods.remove(KeyModifiers::SHIFT),
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                code = KeyCode::BackTab;
                mods.remove(KeyModifiers::SHIFT);
            }
            _ => {}
        }
        KeyChord { code, mods }
    }

    pub fn from_event(ev: &KeyEvent) -> KeyChord {
        KeyChord::new(ev.code, ev.modifiers)
    }

    /// Parses one key name (`ctrl-d`, `shift-tab`, `pgdn`, `f1`, `G`, `space`).
    pub fn parse(s: &str) -> anyhow::Result<KeyChord> {
        if s.chars().count() == 1 {
            let c = s.chars().next().unwrap_or(' ');
            return Ok(KeyChord::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (flag, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            if rest.len() == len {
                break;
            }
            mods |= flag;
            rest = &rest[len..];
        }
        if rest.chars().count() == 1 {
            let mut c = rest.chars().next().unwrap_or(' ');
            if mods.contains(KeyModifiers::SHIFT) && c.is_ascii_alphabetic() {
                c = c.to_ascii_uppercase();
            } else if mods.contains(KeyModifiers::SHIFT) && !c.is_ascii_alphabetic() {
                bail!("key `{s}`: write the shifted character itself instead of shift-");
            }
            return Ok(KeyChord::new(KeyCode::Char(c), mods));
        }
        let name = rest.to_ascii_lowercase();
        let code = match name.as_str() {
            "space" => KeyCode::Char(' '),
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" | "bs" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "insert" | "ins" => KeyCode::Insert,
            "delete" | "del" => KeyCode::Delete,
            f if f.starts_with('f') => match f[1..].parse::<u8>() {
                Ok(n) if (1..=24).contains(&n) => KeyCode::F(n),
                _ => bail!("unknown key `{s}`"),
            },
            _ => bail!("unknown key `{s}`"),
        };
        Ok(KeyChord::new(code, mods))
    }

    /// The name `parse` reads back.
    pub fn name(&self) -> String {
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            out.push_str("shift-");
        }
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "enter".into(),
            KeyCode::Esc => "esc".into(),
            KeyCode::Tab => "tab".into(),
            KeyCode::BackTab => "shift-tab".into(),
            KeyCode::Backspace => "backspace".into(),
            KeyCode::Up => "up".into(),
            KeyCode::Down => "down".into(),
            KeyCode::Left => "left".into(),
            KeyCode::Right => "right".into(),
            KeyCode::Home => "home".into(),
            KeyCode::End => "end".into(),
            KeyCode::PageUp => "pgup".into(),
            KeyCode::PageDown => "pgdn".into(),
            KeyCode::Insert => "insert".into(),
            KeyCode::Delete => "delete".into(),
            KeyCode::F(n) => format!("f{n}"),
            other => format!("{other:?}").to_lowercase(),
        };
        out.push_str(&base);
        out
    }
}

/// A key or a sequence of keys.
pub type KeySeq = Vec<KeyChord>;

/// The first character of `s` that no key name may hold: a control character (C0, DEL, C1), a
/// bidirectional control or an invisible format character. Written so, a key could not be told
/// from another in help, and would reach the terminal as a control.
pub fn unprintable(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        c.is_control()
            || crate::sanitize::is_bidi_control(c)
            || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
    })
}

/// The key name a control character stands for, where there is one: `^A` is `ctrl-a`.
pub fn control_key_name(c: char) -> Option<String> {
    Some(match c {
        '\t' => "tab".into(),
        '\r' | '\n' => "enter".into(),
        '\u{1b}' => "esc".into(),
        '\u{8}' | '\u{7f}' => "backspace".into(),
        '\u{1}'..='\u{1a}' => format!("ctrl-{}", char::from(b'a' + (c as u8 - 1))),
        _ => return None,
    })
}

/// Parses `"ctrl-o"` or a space-separated sequence `"' '"`.
pub fn parse_seq(s: &str) -> anyhow::Result<KeySeq> {
    if let Some(c) = unprintable(s) {
        bail!("key {s:?}: U+{:04X} is not a key name", c as u32);
    }
    if s == " " {
        return Ok(vec![KeyChord::new(KeyCode::Char(' '), KeyModifiers::NONE)]);
    }
    let seq = s
        .split_whitespace()
        .map(KeyChord::parse)
        .collect::<anyhow::Result<Vec<_>>>()?;
    if seq.is_empty() {
        bail!("empty key");
    }
    Ok(seq)
}

/// How a sequence reads in help: `''` for single characters, else names joined by spaces.
pub fn seq_name(seq: &[KeyChord]) -> String {
    let names: Vec<String> = seq.iter().map(KeyChord::name).collect();
    if seq.len() > 1 && names.iter().all(|n| n.chars().count() == 1) {
        names.concat()
    } else {
        names.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> KeyChord {
        KeyChord::parse(s).unwrap()
    }

    #[test]
    fn key_names_parse_and_print_back() {
        for name in [
            "j",
            "G",
            ":",
            "'",
            "ctrl-d",
            "ctrl-u",
            "ctrl-o",
            "ctrl-z",
            "shift-tab",
            "tab",
            "pgdn",
            "pgup",
            "f1",
            "space",
            "enter",
            "esc",
            "home",
            "end",
            "up",
            "down",
            "[",
            "]",
            "-",
            "alt-x",
        ] {
            assert_eq!(key(name).name(), name);
        }
        assert_eq!(key("shift-g"), key("G"));
        assert_eq!(key("PageDown"), key("pgdn"));
        assert_eq!(key("ctrl-D"), key("ctrl-d"));
        assert!(KeyChord::parse("hyper-x").is_err());
        assert!(KeyChord::parse("f99").is_err());
        assert!(KeyChord::parse("").is_err());
    }

    #[test]
    fn terminal_events_match_names() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(KeyChord::from_event(&ev), key("G"));
        let ev = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(KeyChord::from_event(&ev), key("shift-tab"));
        let ev = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(KeyChord::from_event(&ev), key("ctrl-d"));
    }
}
