//! Changing one setting while the reader runs (`:set theme=light`). What is typed is read as one
//! line of a settings file, by the same reader and with the same messages as `config check`, and
//! laid over the settings in use. Nothing is written back to the file.

use std::path::{Path, PathBuf};

use crate::keys::{BINDABLE, Context, KeySeq};

use super::layer::parse_layer;
use super::model::{Config, Env};
use super::settings::Settings;
use super::theme::COLOR_KEYS;

/// The settings `:set` can change, in the order it lists them. `corpus` is not among them: the
/// cables are read when the reader starts.
pub const AT_RUN_TIME: &[&str] = super::layer::SETTINGS.split_at(1).1;

/// The settings that are true or false: `:set mouse`, `:set nomouse`.
pub const BOOLEANS: &[&str] = &["mouse", "show_list", "fold_header", "remember_position"];

/// Why `corpus` cannot be set.
const READ_AT_START: &str = "read when the reader starts; change it in config.toml";

/// What `:set` lays its changes over: the settings as the files gave them, and what is needed
/// to read a value as the files' values are read.
#[derive(Debug, Clone)]
pub struct Settable {
    pub now: Settings,
    /// The folder relative paths start from (the settings file's).
    pub base: Option<PathBuf>,
    pub env: Env,
}

impl Settable {
    pub fn of(config: &Config) -> Settable {
        let mut now = config.layers.clone();
        // A keymap given apart from the files (tests, the built-in fallback) is the one in use.
        now.keymap = config.keymap.clone();
        Settable {
            now,
            base: config
                .path
                .as_deref()
                .and_then(|p| p.parent())
                .map(Into::into),
            env: config.env.clone(),
        }
    }
}

/// `settings` with `key` set to `value` as typed after `:set key=`. A value that is not TOML
/// (`light`, `S//NF`, `#d75f00`) is taken as a string. The error names the key, as `config
/// check` does: `theme: unknown theme "purple" (use "dark", "light" or "mono")`.
pub fn assign(
    settings: &Settings,
    key: &str,
    value: &str,
    base: Option<&Path>,
    env: &Env,
) -> Result<Settings, String> {
    let parts = key_parts(key)?;
    if parts[0] == "corpus" {
        return Err(format!("corpus: {READ_AT_START}"));
    }
    let written: Vec<String> = parts.iter().map(|p| toml_key(p)).collect();
    let name = written.join(".");
    let value = value.trim();
    let as_toml = format!("{name} = {value}\n");
    let layer = match parse_layer(&as_toml, base, env) {
        Err(problems) if problems.iter().any(|p| p.key.is_empty()) => {
            let as_string = format!("{name} = {}\n", toml_string(value));
            parse_layer(&as_string, base, env).map(|l| (l, as_string))
        }
        other => other.map(|l| (l, as_toml)),
    };
    let (layer, text) = layer.map_err(|problems| first(&problems, key))?;
    let mut out = settings.clone();
    layer.apply_to(&mut out);
    let conflicts = layer.conflicts_in(&out.keymap, &text);
    if !conflicts.is_empty() {
        return Err(first(&conflicts, key));
    }
    Ok(out)
}

/// The first problem as the status line shows it: `KEY: what`.
fn first(problems: &[super::Problem], key: &str) -> String {
    match problems.first() {
        Some(p) if p.key.is_empty() => format!("{key}: {}", p.message),
        Some(p) => format!("{}: {}", p.key, p.message),
        None => format!("{key}: not understood"),
    }
}

/// `colors.markings.S//NF` is three parts, whatever the marking holds; quotes around a part are
/// dropped.
fn key_parts(key: &str) -> Result<Vec<String>, String> {
    let key = key.trim();
    let mut parts: Vec<String> = Vec::new();
    let mut rest = key;
    while !rest.is_empty() {
        let whole = parts.len() == 2 && parts[0] == "colors" && parts[1] == "markings";
        let (part, more) = match rest.split_once('.') {
            Some((p, m)) if !whole => (p, m),
            _ => (rest, ""),
        };
        parts.push(part.trim().trim_matches('"').to_string());
        rest = more;
    }
    if parts.is_empty() || parts.iter().any(String::is_empty) {
        return Err(format!(
            "Set what? :set theme=light, :set nomouse, :set theme? (not {key:?})"
        ));
    }
    Ok(parts)
}

/// A key bare where TOML allows it, else quoted.
fn toml_key(part: &str) -> String {
    if part
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        part.to_string()
    } else {
        toml_string(part)
    }
}

/// A TOML basic string holding `s` exactly.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One setting as `:set` shows it: `theme=light`, `nomouse`, `colors.sbu=#D75F00`,
/// `keys.quit=["q", "ctrl-c"]`. `None` for a name that is not a setting.
pub fn shown(s: &Settings, key: &str) -> Option<String> {
    let parts = key_parts(key).ok()?;
    let flag = |on: bool| {
        Some(if on {
            key.to_string()
        } else {
            format!("no{key}")
        })
    };
    let value = match (parts[0].as_str(), parts.len()) {
        ("mouse", 1) => return flag(s.mouse),
        ("show_list", 1) => return flag(s.show_list),
        ("fold_header", 1) => return flag(s.fold_header),
        ("remember_position", 1) => return flag(s.remember_position),
        ("filter", 1) => toml_string(&s.filter),
        ("wheel_lines", 1) => s.wheel_lines.to_string(),
        ("history_size", 1) => s.history_size.to_string(),
        ("theme", 1) => s.theme.name().to_string(),
        ("citation", 1) => s.citation.to_string(),
        ("clipboard", 1) => match &s.clipboard {
            crate::clipboard::Clipboard::Osc52 => "osc52".into(),
            crate::clipboard::Clipboard::File(p) => super::shown(p),
            crate::clipboard::Clipboard::Command(argv) => list(argv.iter().map(String::as_str)),
        },
        ("corpus", 1) => list(s.corpus.iter().map(|p| p.to_str().unwrap_or("?"))),
        ("colors", 2) if COLOR_KEYS.iter().any(|(c, _)| *c == parts[1]) => colour(
            s.colors
                .iter()
                .rev()
                .find(|(k, _)| *k == parts[1])
                .map(|c| c.1),
        ),
        ("colors", 3) if parts[1] == "markings" => {
            let m = crate::cable::Marking::parse(&parts[2])?;
            colour(s.markings.iter().rev().find(|(k, _)| *k == m).map(|c| c.1))
        }
        ("keys", 2 | 3) => {
            let (ctx, action) = match parts.len() {
                2 => (Context::Global, &parts[1]),
                _ => (Context::from_section(&parts[1])?, &parts[2]),
            };
            let action = crate::keys::Command::from_name(action)?;
            keys(&s.keymap.keys_for(ctx, action))
        }
        _ => return None,
    };
    Some(format!("{key}={value}"))
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = items.map(toml_string).collect();
    format!("[{}]", quoted.join(", "))
}

fn keys(seqs: &[KeySeq]) -> String {
    let names: Vec<String> = seqs.iter().map(|s| crate::keys::seq_name(s)).collect();
    list(names.iter().map(String::as_str))
}

/// `None` is the theme's own colour.
fn colour(c: Option<Option<ratatui::style::Color>>) -> String {
    match c.flatten() {
        Some(c) => c.to_string(),
        None => "theme".into(),
    }
}

/// Every setting `:set` can name, as written: the top-level ones, each colour and each action's
/// keys in each table.
pub fn names() -> Vec<String> {
    let mut out: Vec<String> = AT_RUN_TIME
        .iter()
        .filter(|n| !matches!(**n, "colors" | "keys"))
        .map(|n| n.to_string())
        .collect();
    out.extend(COLOR_KEYS.iter().map(|(c, _)| format!("colors.{c}")));
    for ctx in Context::ALL {
        for (_, action, _) in BINDABLE {
            out.push(match ctx {
                Context::Global => format!("keys.{action}"),
                _ => format!("keys.{}.{action}", ctx.section()),
            });
        }
    }
    out
}

/// What `:set` alone lists: each setting whose value in `now` differs from `defaults`.
pub fn changed(now: &Settings, defaults: &Settings) -> Vec<String> {
    let mut names = names();
    for (m, _) in now.markings.iter().chain(&defaults.markings) {
        let name = format!("colors.markings.{m}");
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
        .iter()
        .filter_map(|n| {
            let a = shown(now, n)?;
            (shown(defaults, n).as_ref() != Some(&a)).then_some(a)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_but_the_corpus_can_be_set() {
        assert_eq!(super::super::layer::SETTINGS[0], "corpus");
        assert!(!AT_RUN_TIME.contains(&"corpus"));
        assert_eq!(AT_RUN_TIME.len(), super::super::layer::SETTINGS.len() - 1);
    }

    fn defaults() -> Settings {
        super::super::defaults().clone()
    }

    #[test]
    fn a_value_is_read_as_the_file_would_read_it() {
        let env = Env::default();
        let s = assign(&defaults(), "theme", "light", None, &env).unwrap();
        assert_eq!(shown(&s, "theme").unwrap(), "theme=light");
        let s = assign(&s, "wheel_lines", "7", None, &env).unwrap();
        assert_eq!(shown(&s, "wheel_lines").unwrap(), "wheel_lines=7");
        let s = assign(&s, "colors.sbu", "#d75f00", None, &env).unwrap();
        assert_eq!(shown(&s, "colors.sbu").unwrap(), "colors.sbu=#D75F00");
        let s = assign(&s, "colors.markings.S//NF", "lightred", None, &env).unwrap();
        assert_eq!(
            shown(&s, "colors.markings.S//NF").unwrap(),
            "colors.markings.S//NF=LightRed"
        );
        let s = assign(&s, "keys.quit", "[\"x\"]", None, &env).unwrap();
        assert_eq!(shown(&s, "keys.quit").unwrap(), "keys.quit=[\"x\"]");
        let s = assign(&s, "clipboard", "[\"wl-copy\"]", None, &env).unwrap();
        assert_eq!(
            changed(&s, &defaults()),
            [
                "wheel_lines=7",
                "theme=light",
                "clipboard=[\"wl-copy\"]",
                "colors.sbu=#D75F00",
                "keys.quit=[\"x\"]",
                "colors.markings.S//NF=LightRed",
            ]
        );
    }

    #[test]
    fn mistakes_carry_the_messages_of_config_check() {
        let env = Env::default();
        let d = defaults();
        for (key, value, want) in [
            (
                "theme",
                "purple",
                "theme: unknown theme \"purple\" (use \"dark\", \"light\" or \"mono\")",
            ),
            (
                "wheel_lines",
                "0",
                "wheel_lines: expected a whole number from 1 to 50, found 0",
            ),
            (
                "mouse",
                "maybe",
                "mouse: expected true or false, found a string",
            ),
            (
                "thme",
                "light",
                "thme: unknown setting, did you mean theme?",
            ),
            (
                "keys.bookmark_list",
                "[\"'\"]",
                "keys.bookmark_list: \"'\" would hide the sequence \"' '\" (back); a key cannot both do something and start a sequence",
            ),
            (
                "corpus",
                "[\"x\"]",
                "corpus: read when the reader starts; change it in config.toml",
            ),
        ] {
            assert_eq!(
                assign(&d, key, value, None, &env).unwrap_err(),
                want,
                "{key}"
            );
        }
    }
}
