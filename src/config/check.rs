//! Reading one config file into a [`Layer`], with every mistake placed by line and column.
//!
//! The file is parsed into TOML values that keep their spans, then walked by hand: the messages
//! say what each setting expects in the user's words rather than in serde's.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use ratatui::style::Color;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::cable::Marking;
use crate::cite::Template;
use crate::clipboard::Clipboard;
use crate::config::theme::{COLOR_KEYS, Palette, Theme, ThemeName};
use crate::keys::{BINDABLE, Binding, Command, Context, KeySeq, Keymap, parse_seq};

use super::model::{Config, Env, Problem};

/// The top-level settings, in the order the default file gives them.
const SETTINGS: &[&str] = &[
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

const KEY_TABLES: &str = "keys.list, keys.reader, keys.filter and keys.bookmarks";

/// What one file sets; what it leaves out is `None` or empty.
#[derive(Debug, Clone, Default)]
pub struct Layer {
    corpus: Option<Vec<PathBuf>>,
    filter: Option<String>,
    mouse: Option<bool>,
    wheel_lines: Option<u16>,
    show_list: Option<bool>,
    fold_header: Option<bool>,
    remember_position: Option<bool>,
    history_size: Option<usize>,
    theme: Option<ThemeName>,
    citation: Option<Template>,
    clipboard: Option<Clipboard>,
    /// `[colors]` entries in file order; `None` is "theme".
    colors: Vec<(String, Option<Color>)>,
    markings: Vec<(Marking, Option<Color>)>,
    bindings: Vec<Binding>,
    /// Where each key of each binding is written, to place keymap conflicts.
    key_spans: Vec<KeySpan>,
}

#[derive(Debug, Clone)]
struct KeySpan {
    context: Context,
    action: Command,
    seq: KeySeq,
    written: String,
    span: Range<usize>,
    path: String,
}

/// The settings so far, as layers are laid over each other; [`Settings::finish`] makes the
/// [`Config`].
#[derive(Debug, Clone)]
pub struct Settings {
    pub corpus: Vec<PathBuf>,
    pub filter: String,
    pub mouse: bool,
    pub wheel_lines: u16,
    pub show_list: bool,
    pub fold_header: bool,
    pub remember_position: bool,
    pub history_size: usize,
    pub theme: ThemeName,
    pub citation: Template,
    pub clipboard: Clipboard,
    pub colors: Vec<(String, Option<Color>)>,
    pub markings: Vec<(Marking, Option<Color>)>,
    pub keymap: Keymap,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            corpus: Vec::new(),
            filter: String::new(),
            mouse: true,
            wheel_lines: 3,
            show_list: true,
            fold_header: false,
            remember_position: true,
            history_size: 100,
            theme: ThemeName::Dark,
            citation: Template::default(),
            clipboard: Clipboard::default(),
            colors: Vec::new(),
            markings: Vec::new(),
            keymap: Keymap::from_bindings(Vec::new()),
        }
    }
}

impl Settings {
    /// The settings with the theme resolved: `NO_COLOR` means mono, whatever the files say.
    pub fn finish(self, env: &Env) -> Config {
        let layers = self.clone();
        let name = if env.no_color {
            ThemeName::Mono
        } else {
            self.theme
        };
        let mut theme = Theme::builtin(name);
        if !env.no_color {
            let base = Palette::of(name);
            for (key, color) in &self.colors {
                let mut from_theme = base;
                let theirs = from_theme.slot(key).map(|c| *c).unwrap_or(None);
                if let Some(slot) = theme.palette.slot(key) {
                    *slot = color.or(theirs);
                }
            }
            for (m, color) in &self.markings {
                match color {
                    Some(c) => {
                        theme.markings.insert(m.clone(), *c);
                    }
                    None => {
                        theme.markings.remove(m);
                    }
                }
            }
        }
        Config {
            corpus: self.corpus,
            filter: self.filter,
            mouse: self.mouse,
            wheel_lines: self.wheel_lines,
            show_list: self.show_list,
            fold_header: self.fold_header,
            remember_position: self.remember_position,
            history_size: self.history_size,
            theme,
            citation: self.citation,
            clipboard: self.clipboard,
            keymap: self.keymap,
            path: None,
            layers,
            env: env.clone(),
        }
    }
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

/// Why a key name holding a control character is refused, the name quoted in caret notation.
fn unprintable_key(s: &str, c: char) -> String {
    let shown: String = s
        .chars()
        .map(|c| match crate::keys::unprintable(&c.to_string()) {
            Some(c) => crate::sanitize::caret(c),
            None => c.to_string(),
        })
        .collect();
    let what = if c.is_control() {
        "a control character"
    } else {
        "an invisible character"
    };
    match crate::keys::control_key_name(c) {
        Some(name) => format!("\"{shown}\" holds {what}, not a key name (write \"{name}\")"),
        None => format!(
            "\"{shown}\" holds {what}, not a key name (a key is a character like \"q\" or a name like \"enter\", \"ctrl-d\", \"f1\")"
        ),
    }
}

/// A key sequence as it would be written in the file.
fn written(seq: &KeySeq) -> String {
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

/// A table's entries in the order the file writes them.
fn sorted<'a, 'i>(
    t: &'a DeTable<'i>,
) -> Vec<(
    &'a Spanned<toml::de::DeString<'i>>,
    &'a Spanned<DeValue<'i>>,
)> {
    let mut v: Vec<_> = t.iter().collect();
    v.sort_by_key(|(k, _)| k.span().start);
    v
}

/// `a string`, `an integer` ...: what a value is, in words.
fn found(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// Where each line of a text starts, found once: a position costs a binary search and a count
/// within its line, not a scan of everything before it.
struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Lines<'t> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { text, starts }
    }

    /// 1-based line and column (in characters) of byte `at`.
    fn line_col(&self, at: usize) -> (usize, usize) {
        let mut at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        // The last line starting at or before `at`.
        let line = self.starts.partition_point(|&s| s <= at);
        let start = self.starts[line - 1];
        let column = self.text[start..at]
            .chars()
            .filter(|c| *c != '\u{feff}')
            .count();
        (line, column + 1)
    }
}

/// 1-based line and column (in characters) of byte `at`, for a single position.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    Lines::new(text).line_col(at)
}

/// The closest known name to a misspelt one, if close enough to be a likely typo.
fn suggest<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    let lower = name.to_ascii_lowercase();
    let len = lower.chars().count();
    let limit = (len / 3).clamp(1, 3);
    for k in known {
        // The distance is at least the difference in length: too far, not worth computing.
        if len.abs_diff(k.chars().count()) > limit {
            continue;
        }
        let d = crate::text::edit_distance(&lower, k);
        if best.is_none_or(|(b, _)| d < b) {
            best = Some((d, k));
        }
    }
    best.filter(|(d, _)| *d <= limit).map(|(_, k)| k)
}

/// A key as written in a dotted path: bare when it can be, else quoted.
fn path_part(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        format!("{k:?}")
    }
}

struct Walk<'t> {
    text: &'t str,
    /// Built at the first problem.
    lines: Option<Lines<'t>>,
    /// Bytes stripped from the front (a byte-order mark) before parsing.
    shift: usize,
    problems: Vec<(usize, Problem)>,
    /// Keys bound so far, per table: to say where a key was bound first.
    bound: HashMap<(Context, KeySeq), (Command, usize)>,
}

impl<'t> Walk<'t> {
    fn new(text: &'t str) -> Walk<'t> {
        Walk {
            text,
            lines: None,
            shift: 0,
            problems: Vec::new(),
            bound: HashMap::new(),
        }
    }

    fn problem(&mut self, span: Range<usize>, key: &str, message: String) {
        let at = span.start + self.shift;
        let (line, column) = self.line_col(at);
        self.problems.push((
            at,
            Problem {
                line,
                column,
                key: key.to_string(),
                message,
            },
        ));
    }

    fn finish(mut self) -> Result<(), Vec<Problem>> {
        if self.problems.is_empty() {
            return Ok(());
        }
        self.problems.sort_by_key(|(at, _)| *at);
        self.problems.dedup_by(|a, b| a.1 == b.1);
        Err(self.problems.into_iter().map(|(_, p)| p).collect())
    }

    fn line_col(&mut self, at: usize) -> (usize, usize) {
        let text = self.text;
        self.lines
            .get_or_insert_with(|| Lines::new(text))
            .line_col(at)
    }

    fn line_of(&mut self, at: usize) -> usize {
        self.line_col(at + self.shift).0
    }

    fn boolean(&mut self, key: &str, v: &Spanned<DeValue>) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.problem(
                    v.span(),
                    key,
                    format!("expected true or false, found {}", found(other)),
                );
                None
            }
        }
    }

    fn string(&mut self, key: &str, v: &Spanned<DeValue>, what: &str) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            other => {
                self.problem(
                    v.span(),
                    key,
                    format!("expected {what}, found {}", found(other)),
                );
                None
            }
        }
    }

    fn number(&mut self, key: &str, v: &Spanned<DeValue>, min: i64, max: i64) -> Option<i64> {
        let want = format!("expected a whole number from {min} to {max}");
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) if (min..=max).contains(&n) => Some(n),
                _ => {
                    let shown = &self.text[(v.span().start + self.shift).min(self.text.len())
                        ..(v.span().end + self.shift).min(self.text.len())];
                    self.problem(v.span(), key, format!("{want}, found {shown}"));
                    None
                }
            },
            other => {
                self.problem(v.span(), key, format!("{want}, found {}", found(other)));
                None
            }
        }
    }

    fn paths(
        &mut self,
        key: &str,
        v: &Spanned<DeValue>,
        base: Option<&Path>,
        env: &Env,
    ) -> Option<Vec<PathBuf>> {
        let want = "expected a list of files and folders like [\"~/cables\"]";
        let DeValue::Array(items) = v.get_ref() else {
            self.problem(
                v.span(),
                key,
                format!("{want}, found {}", found(v.get_ref())),
            );
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let DeValue::String(s) = item.get_ref() else {
                self.problem(
                    item.span(),
                    key,
                    format!(
                        "expected a file or folder like \"~/cables\", found {}",
                        found(item.get_ref())
                    ),
                );
                continue;
            };
            if s.is_empty() {
                self.problem(
                    item.span(),
                    key,
                    "expected a file or folder, found an empty string".into(),
                );
                continue;
            }
            let Some(path) = self.path(key, item, s, base, env) else {
                continue;
            };
            out.push(path);
        }
        Some(out)
    }

    /// A path as written: `~/` is the home folder, a relative path starts at `base`.
    fn path(
        &mut self,
        key: &str,
        item: &Spanned<DeValue>,
        s: &str,
        base: Option<&Path>,
        env: &Env,
    ) -> Option<PathBuf> {
        if s == "~" || s.starts_with("~/") {
            match &env.home {
                Some(h) => Some(h.join(s.trim_start_matches('~').trim_start_matches('/'))),
                None => {
                    self.problem(
                        item.span(),
                        key,
                        format!("\"{s}\" starts with ~ but no home folder is known"),
                    );
                    None
                }
            }
        } else {
            let p = PathBuf::from(s);
            Some(match base {
                Some(b) if p.is_relative() => b.join(p),
                _ => p,
            })
        }
    }

    /// `"osc52"`, a file (a path with a `/`), or a command and its arguments.
    fn clipboard(
        &mut self,
        key: &str,
        v: &Spanned<DeValue>,
        base: Option<&Path>,
        env: &Env,
    ) -> Option<Clipboard> {
        let want = "expected \"osc52\", a file like \"~/clip.txt\" or a command like [\"wl-copy\"]";
        match v.get_ref() {
            DeValue::String(s) if s.as_ref() == "osc52" => Some(Clipboard::Osc52),
            DeValue::String(s) if s.contains('/') || s.as_ref() == "~" => {
                self.path(key, v, s, base, env).map(Clipboard::File)
            }
            DeValue::Array(items) if !items.is_empty() => {
                let mut argv = Vec::new();
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(s) if !s.is_empty() => argv.push(s.to_string()),
                        other => {
                            self.problem(
                                item.span(),
                                key,
                                format!(
                                    "expected a program or argument like \"wl-copy\", found {}",
                                    if matches!(other, DeValue::String(_)) {
                                        "an empty string"
                                    } else {
                                        found(other)
                                    }
                                ),
                            );
                            return None;
                        }
                    }
                }
                Some(Clipboard::Command(argv))
            }
            DeValue::Array(_) => {
                self.problem(v.span(), key, format!("{want}, found an empty list"));
                None
            }
            DeValue::String(s) => {
                self.problem(v.span(), key, format!("{want}, found \"{s}\""));
                None
            }
            other => {
                self.problem(v.span(), key, format!("{want}, found {}", found(other)));
                None
            }
        }
    }

    fn color(&mut self, key: &str, v: &Spanned<DeValue>) -> Option<Option<Color>> {
        match v.get_ref() {
            DeValue::String(s) if s.as_ref() == "theme" => Some(None),
            DeValue::String(s) => match Color::from_str(s) {
                Ok(c) => Some(Some(c)),
                Err(_) => {
                    self.problem(
                        v.span(),
                        key,
                        format!(
                            "unknown colour \"{s}\" (use a name like \"magenta\", \"#rrggbb\", a number from 0 to 255, or \"theme\")"
                        ),
                    );
                    None
                }
            },
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n @ 0..=255) => Some(Some(Color::Indexed(n as u8))),
                _ => {
                    let shown = i.as_str().to_string();
                    self.problem(
                        v.span(),
                        key,
                        format!("expected a colour number from 0 to 255, found {shown}"),
                    );
                    None
                }
            },
            other => {
                self.problem(
                    v.span(),
                    key,
                    format!(
                        "expected a colour like \"magenta\", \"#ff8800\" or 208, found {}",
                        found(other)
                    ),
                );
                None
            }
        }
    }

    fn colors(&mut self, t: &DeTable, layer: &mut Layer) {
        for (k, v) in sorted(t) {
            let name = k.get_ref().as_ref();
            let path = format!("colors.{}", path_part(name));
            if name == "markings" {
                match v.get_ref() {
                    DeValue::Table(m) => self.marking_colors(m, layer),
                    other => self.problem(
                        v.span(),
                        &path,
                        format!(
                            "expected a table of markings and colours like {{ \"S//NF\" = \"lightred\" }}, found {}",
                            found(other)
                        ),
                    ),
                }
                continue;
            }
            if !COLOR_KEYS.iter().any(|(c, _)| *c == name) {
                let known = COLOR_KEYS.iter().map(|(c, _)| *c).chain(["markings"]);
                let hint = suggest(name, known.clone())
                    .map(|s| format!(", did you mean {s}?"))
                    .unwrap_or_else(|| {
                        format!(
                            " (the colours are {})",
                            known.collect::<Vec<_>>().join(", ")
                        )
                    });
                self.problem(k.span(), &path, format!("unknown colour setting{hint}"));
                continue;
            }
            if let Some(c) = self.color(&path, v) {
                layer.colors.push((name.to_string(), c));
            }
        }
    }

    fn marking_colors(&mut self, t: &DeTable, layer: &mut Layer) {
        for (k, v) in sorted(t) {
            let name = k.get_ref().as_ref();
            let path = format!("colors.markings.{}", path_part(name));
            let Some(m) = Marking::parse(name) else {
                self.problem(
                    k.span(),
                    &path,
                    "not a portion marking (write it as the filter pane shows it: \"S//NF\", \"C//REL NATO\")".into(),
                );
                continue;
            };
            if let Some(c) = self.color(&path, v) {
                layer.markings.push((m, c));
            }
        }
    }

    fn keys(&mut self, t: &DeTable, layer: &mut Layer) {
        for (k, v) in sorted(t) {
            let name = k.get_ref().as_ref();
            let path = format!("keys.{}", path_part(name));
            if let DeValue::Table(section) = v.get_ref() {
                match Context::from_section(name).filter(|c| *c != Context::Global) {
                    Some(ctx) => {
                        for (ak, av) in sorted(section) {
                            let aname = ak.get_ref().as_ref();
                            let apath = format!("{path}.{}", path_part(aname));
                            self.binding(ctx, ak, av, &apath, layer);
                        }
                    }
                    None if Command::from_name(name).is_some() => {
                        self.binding(Context::Global, k, v, &path, layer)
                    }
                    None => self.problem(
                        k.span(),
                        &path,
                        format!("unknown table (the tables of keys are {KEY_TABLES})"),
                    ),
                }
                continue;
            }
            self.binding(Context::Global, k, v, &path, layer);
        }
    }

    fn binding(
        &mut self,
        ctx: Context,
        k: &Spanned<toml::de::DeString>,
        v: &Spanned<DeValue>,
        path: &str,
        layer: &mut Layer,
    ) {
        let name = k.get_ref().as_ref();
        let Some(action) = Command::from_name(name) else {
            let names = BINDABLE.iter().map(|(_, n, _)| *n);
            let hint = suggest(name, names.clone())
                .map(|s| format!(", did you mean {s}?"))
                .unwrap_or_else(|| {
                    format!(
                        " (the actions are {})",
                        names.collect::<Vec<_>>().join(", ")
                    )
                });
            self.problem(k.span(), path, format!("unknown action{hint}"));
            return;
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.problem(
                v.span(),
                path,
                format!(
                    "expected a list of key names like [\"q\"], found {}",
                    found(v.get_ref())
                ),
            );
            return;
        };
        let mut keys: Vec<KeySeq> = Vec::new();
        for item in items.iter() {
            let DeValue::String(s) = item.get_ref() else {
                self.problem(
                    item.span(),
                    path,
                    format!(
                        "expected a key name like \"q\", found {}",
                        found(item.get_ref())
                    ),
                );
                continue;
            };
            if let Some(c) = crate::keys::unprintable(s) {
                self.problem(item.span(), path, unprintable_key(s, c));
                continue;
            }
            let seq = match parse_seq(s) {
                Ok(seq) => seq,
                Err(e) => {
                    let why = if format!("{e:#}").contains("shifted") {
                        " (write the shifted character itself, without shift-)"
                    } else {
                        " (a key is a character like \"q\" or a name like \"enter\", \"ctrl-d\", \"f1\")"
                    };
                    self.problem(
                        item.span(),
                        path,
                        format!("unknown key name \"{}\"{why}", s.escape_debug()),
                    );
                    continue;
                }
            };
            let start = item.span().start;
            match self.bound.get(&(ctx, seq.clone())) {
                Some((other, _)) if *other == action => continue,
                Some((other, at)) => {
                    let (other, at) = (*other, *at);
                    let line = self.line_of(at);
                    self.problem(
                        item.span(),
                        path,
                        format!(
                            "\"{}\" is already bound to {} on line {line}",
                            s.escape_debug(),
                            other.name()
                        ),
                    );
                    continue;
                }
                None => {
                    self.bound.insert((ctx, seq.clone()), (action, start));
                }
            }
            layer.key_spans.push(KeySpan {
                context: ctx,
                action,
                seq: seq.clone(),
                written: s.to_string(),
                span: item.span(),
                path: path.to_string(),
            });
            keys.push(seq);
        }
        layer.bindings.push(Binding {
            context: ctx,
            action,
            keys,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let t = "a = 1\nbé = 2\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 6), (2, 1));
        assert_eq!(line_col(t, 10), (2, 4));
        assert_eq!(line_col(t, 999), (3, 1));
    }

    #[test]
    fn suggestions_catch_typos_only() {
        let names = ["mouse", "theme", "corpus"];
        assert_eq!(suggest("mose", names.iter().copied()), Some("mouse"));
        assert_eq!(suggest("Theme", names.iter().copied()), Some("theme"));
        assert_eq!(suggest("xyz", names.iter().copied()), None);
        assert_eq!(suggest("qiut", ["quit", "up"].into_iter()), Some("quit"));
    }
}
