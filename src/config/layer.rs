//! One file's settings ([`Layer`]) and how a file is read into one: each top-level setting
//! routed to the reader of its value.

use std::ops::Range;
use std::path::{Path, PathBuf};

use ratatui::style::Color;
use toml::de::{DeTable, DeValue};

use crate::cable::Marking;
use crate::cite::Template;
use crate::clipboard::Clipboard;
use crate::config::theme::ThemeName;
use crate::keys::{Binding, Command, Context, KeySeq, Keymap};

use super::model::{Env, Problem};

use super::check::{Walk, found, line_col, sorted, suggest};
use super::settings::Settings;

/// The top-level settings, in the order the default file gives them; `corpus` first (`:set`
/// takes the rest).
pub(super) const SETTINGS: &[&str] = &[
    "corpus",
    "filter",
    "mouse",
    "wheel_lines",
    "show_list",
    "fold_header",
    "remember_position",
    "history_size",
    "theme",
    "citation",
    "clipboard",
    "colors",
    "keys",
];

/// What one file sets; what it leaves out is `None` or empty.
#[derive(Debug, Clone, Default)]
pub struct Layer {
    pub(super) corpus: Option<Vec<PathBuf>>,
    pub(super) filter: Option<String>,
    pub(super) mouse: Option<bool>,
    pub(super) wheel_lines: Option<u16>,
    pub(super) show_list: Option<bool>,
    pub(super) fold_header: Option<bool>,
    pub(super) remember_position: Option<bool>,
    pub(super) history_size: Option<usize>,
    pub(super) theme: Option<ThemeName>,
    pub(super) citation: Option<Template>,
    pub(super) clipboard: Option<Clipboard>,
    /// `[colors]` entries in file order; `None` is "theme".
    pub(super) colors: Vec<(String, Option<Color>)>,
    pub(super) markings: Vec<(Marking, Option<Color>)>,
    pub(super) bindings: Vec<Binding>,
    /// Where each key of each binding is written, to place keymap conflicts.
    pub(super) key_spans: Vec<KeySpan>,
}

#[derive(Debug, Clone)]
pub(super) struct KeySpan {
    pub(super) context: Context,
    pub(super) action: Command,
    pub(super) seq: KeySeq,
    pub(super) written: String,
    pub(super) span: Range<usize>,
    pub(super) path: String,
}

impl Layer {
    /// Lays this file over `s`.
    pub fn apply_to(&self, s: &mut Settings) {
        if let Some(v) = &self.corpus {
            s.corpus = v.clone();
        }
        if let Some(v) = &self.filter {
            s.filter = v.clone();
        }
        if let Some(v) = self.mouse {
            s.mouse = v;
        }
        if let Some(v) = self.wheel_lines {
            s.wheel_lines = v;
        }
        if let Some(v) = self.show_list {
            s.show_list = v;
        }
        if let Some(v) = self.fold_header {
            s.fold_header = v;
        }
        if let Some(v) = self.remember_position {
            s.remember_position = v;
        }
        if let Some(v) = self.history_size {
            s.history_size = v;
        }
        if let Some(v) = self.theme {
            s.theme = v;
        }
        if let Some(v) = &self.citation {
            s.citation = v.clone();
        }
        if let Some(v) = &self.clipboard {
            s.clipboard = v.clone();
        }
        s.colors.extend(self.colors.iter().cloned());
        s.markings.extend(self.markings.iter().cloned());
        s.keymap
            .merge(&Keymap::from_bindings(self.bindings.clone()));
    }

    /// Conflicts left in `keymap` once this file is laid over the defaults, placed at the keys
    /// this file wrote.
    pub fn conflicts_in(&self, keymap: &Keymap, text: &str) -> Vec<Problem> {
        let mut w = Walk::new(text);
        w.shift = text.len() - text.strip_prefix('\u{feff}').unwrap_or(text).len();
        for c in keymap.conflict_details() {
            let short = self
                .key_spans
                .iter()
                .find(|k| k.context == c.context && k.seq == c.keys && k.action == c.first);
            let long = self.key_spans.iter().find(|k| match &c.longer {
                Some(longer) => {
                    k.context == c.second_context && &k.seq == longer && k.action == c.second
                }
                None => k.context == c.context && k.seq == c.keys && k.action == c.second,
            });
            let first = c.first.name();
            let second = c.second.name();
            match (&c.longer, short, long) {
                (Some(longer), Some(k), _) => w.problem(
                    k.span.clone(),
                    &k.path,
                    format!(
                        "\"{}\" would hide the sequence \"{}\" ({second}); a key cannot both do something and start a sequence",
                        k.written,
                        written(longer),
                    ),
                ),
                (Some(_), None, Some(k)) => w.problem(
                    k.span.clone(),
                    &k.path,
                    format!(
                        "\"{}\" can never be typed: \"{}\" alone is bound to {first}",
                        k.written,
                        written(&c.keys),
                    ),
                ),
                (None, _, Some(k)) | (None, Some(k), None) => w.problem(
                    k.span.clone(),
                    &k.path,
                    format!(
                        "\"{}\" is bound to both {first} and {second}",
                        k.written
                    ),
                ),
                _ => w.problem(0..0, "keys", c.to_string()),
            }
        }
        w.finish().err().unwrap_or_default()
    }
}
/// A key sequence as it would be written in the file.
pub(super) fn written(seq: &KeySeq) -> String {
    seq.iter().map(|k| k.name()).collect::<Vec<_>>().join(" ")
}

/// Reads one file. `base` is the folder relative corpus paths start from.
pub fn parse_layer(text: &str, base: Option<&Path>, env: &Env) -> Result<Layer, Vec<Problem>> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let shift = text.len() - body.len();
    let root = match DeTable::parse(body) {
        Ok(t) => t,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let at = span.start + shift;
            let (line, column) = line_col(text, at);
            let message = e
                .message()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
            return Err(vec![Problem {
                line,
                column,
                key: String::new(),
                message: format!("not valid TOML: {message}"),
            }]);
        }
    };
    let mut w = Walk::new(text);
    w.shift = shift;
    let mut layer = Layer::default();
    for (key, value) in sorted(root.get_ref()) {
        let name = key.get_ref().as_ref();
        let vspan = value.span();
        let v = value.get_ref();
        match name {
            "corpus" => layer.corpus = w.paths(name, value, base, env),
            "filter" => {
                let want = "a marking filter like \"SBU\" or \"U,SBU\"";
                if let Some(s) = w.string(name, value, want) {
                    match crate::cable::parse_user_markings(&s) {
                        Ok(_) => layer.filter = Some(s),
                        Err(why) => w.problem(vspan, name, why),
                    }
                }
            }
            "mouse" => layer.mouse = w.boolean(name, value),
            "show_list" => layer.show_list = w.boolean(name, value),
            "fold_header" => layer.fold_header = w.boolean(name, value),
            "remember_position" => layer.remember_position = w.boolean(name, value),
            "wheel_lines" => layer.wheel_lines = w.number(name, value, 1, 50).map(|n| n as u16),
            "history_size" => {
                layer.history_size = w.number(name, value, 0, 10_000).map(|n| n as usize)
            }
            "theme" => {
                let want = "\"dark\", \"light\" or \"mono\"";
                if let Some(s) = w.string(name, value, want) {
                    match ThemeName::from_name(&s) {
                        Some(t) => layer.theme = Some(t),
                        None => {
                            w.problem(vspan, name, format!("unknown theme \"{s}\" (use {want})"))
                        }
                    }
                }
            }
            "citation" => {
                let want = "a template like \"{id} ¶{paragraph} {marking}: {text}\"";
                if let Some(s) = w.string(name, value, want) {
                    match Template::parse(&s) {
                        Ok(t) => layer.citation = Some(t),
                        Err(why) => w.problem(vspan, name, why),
                    }
                }
            }
            "clipboard" => layer.clipboard = w.clipboard(name, value, base, env),
            "colors" => match v {
                DeValue::Table(t) => w.colors(t, &mut layer),
                other => w.problem(
                    vspan,
                    name,
                    format!(
                        "expected a table of colours ([colors]), found {}",
                        found(other)
                    ),
                ),
            },
            "keys" => match v {
                DeValue::Table(t) => w.keys(t, &mut layer),
                other => w.problem(
                    vspan,
                    name,
                    format!(
                        "expected a table of key bindings ([keys]), found {}",
                        found(other)
                    ),
                ),
            },
            _ => {
                let hint = suggest(name, SETTINGS.iter().copied())
                    .map(|s| format!(", did you mean {s}?"))
                    .unwrap_or_else(|| format!(" (the settings are {})", SETTINGS.join(", ")));
                w.problem(key.span(), name, format!("unknown setting{hint}"));
            }
        }
    }
    w.finish().map(|()| layer)
}
