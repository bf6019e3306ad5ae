//! Keys to actions, loaded from TOML so that a user's file can patch the defaults.
//!
//! The format is `action = ["key", ...]` at the top level for bindings that hold everywhere,
//! and the same inside `[list]`, `[reader]`, `[filter]` or `[bookmarks]` for bindings that hold
//! only while that pane (or the bookmark list) has focus; they win over the top-level ones there.
//! In `config.toml` this is the `[keys]` table, with `[keys.reader]` and so on. A key is a character (`j`, `G`,
//! `:`), a name (`space`, `enter`, `esc`, `tab`, `backspace`, `up`, `down`, `left`, `right`,
//! `home`, `end`, `pgup`, `pgdn`, `insert`, `delete`, `f1`..`f12`) with optional `ctrl-`,
//! `alt-`, `shift-` in front. Keys separated by spaces make a sequence: `"' '"` is `'` twice.

use std::collections::HashMap;

use anyhow::{Context as _, anyhow, bail};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, BINDABLE};

/// Where a binding holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    List,
    Reader,
    Filter,
    /// The bookmark list, while it is open.
    Bookmarks,
}

impl Context {
    pub const ALL: [Context; 5] = [
        Context::Global,
        Context::List,
        Context::Reader,
        Context::Filter,
        Context::Bookmarks,
    ];

    pub fn section(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Reader => "reader",
            Context::Filter => "filter",
            Context::Bookmarks => "bookmarks",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Document list",
            Context::Reader => "Paragraph view",
            Context::Filter => "Marking filter",
            Context::Bookmarks => "Bookmark list",
        }
    }

    pub fn from_section(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.section() == name)
    }
}

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

/// Parses `"ctrl-o"` or a space-separated sequence `"' '"`.
pub fn parse_seq(s: &str) -> anyhow::Result<KeySeq> {
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub action: Action,
    pub keys: Vec<KeySeq>,
}

/// What a key (after any pending ones) means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Action(Action),
    /// The start of a longer binding: wait for the next key.
    Prefix,
    None,
}

/// Two bindings that cannot both work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Where the clash is.
    pub context: Context,
    /// The key (or sequence) bound to `first`.
    pub keys: KeySeq,
    pub first: Action,
    /// The other action: bound to the same keys, or (with `longer`) to a sequence they start.
    pub second: Action,
    pub longer: Option<KeySeq>,
    /// Where the other binding holds.
    pub second_context: Context,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let first = self.first.name().unwrap_or("?");
        let second = self.second.name().unwrap_or("?");
        match &self.longer {
            None => write!(
                f,
                "{}{} is bound to both {first} and {second}",
                section_prefix(self.context),
                seq_name(&self.keys),
            ),
            Some(longer) => write!(
                f,
                "{}{} is bound to {first} and also starts {} ({second})",
                section_prefix(self.context),
                seq_name(&self.keys),
                seq_name(longer),
            ),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: Vec<Binding>,
    index: HashMap<(Context, KeySeq), Action>,
    /// Every proper start of a sequence, with one action bound to a sequence it starts.
    prefixes: HashMap<(Context, KeySeq), (Action, KeySeq)>,
    conflicts: Vec<Conflict>,
    conflict_text: Vec<String>,
}

impl Keymap {
    /// The default keymap: the `[keys]` tables of the embedded default `config.toml`.
    pub fn default_keymap() -> Keymap {
        // The embedded file is covered by tests; should it ever fail to parse, keep `q`
        // working rather than refuse to start.
        let keys = toml::from_str::<toml::Table>(crate::config::DEFAULT_CONFIG)
            .ok()
            .and_then(|mut t| t.remove("keys"))
            .and_then(|k| match k {
                toml::Value::Table(t) => Some(t),
                _ => None,
            });
        keys.and_then(|t| Keymap::from_table(&t).ok())
            .unwrap_or_else(|| {
                Keymap::from_bindings(vec![Binding {
                    context: Context::Global,
                    action: Action::Quit,
                    keys: vec![vec![KeyChord::new(KeyCode::Char('q'), KeyModifiers::NONE)]],
                }])
            })
    }

    /// Reads `action = ["key", ...]` lines and `[list]`/`[reader]`/`[filter]`/`[bookmarks]`
    /// sections.
    pub fn from_toml(text: &str) -> anyhow::Result<Keymap> {
        let table: toml::Table = toml::from_str(text).context("keymap is not valid TOML")?;
        Keymap::from_table(&table)
    }

    /// As [`Keymap::from_toml`], from a table already read.
    pub fn from_table(table: &toml::Table) -> anyhow::Result<Keymap> {
        let mut bindings = Vec::new();
        for (name, value) in table {
            match value {
                toml::Value::Table(section) => {
                    let ctx = Context::from_section(name)
                        .filter(|c| *c != Context::Global)
                        .ok_or_else(|| {
                            anyhow!(
                                "unknown keymap section [{name}] (use [list], [reader], [filter], [bookmarks])"
                            )
                        })?;
                    for (action, keys) in section {
                        bindings.push(parse_binding(ctx, action, keys)?);
                    }
                }
                keys => bindings.push(parse_binding(Context::Global, name, keys)?),
            }
        }
        Ok(Keymap::from_bindings(bindings))
    }

    /// A keymap holding exactly these bindings.
    pub fn from_bindings(bindings: Vec<Binding>) -> Keymap {
        let mut km = Keymap {
            bindings,
            ..Keymap::default()
        };
        km.reindex();
        km
    }

    /// The bindings, in the order they were given.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Applies a user's patch: each action it names gets exactly the keys it gives there (an
    /// empty list unbinds), and those keys leave whatever other action held them in that section.
    pub fn merge(&mut self, patch: &Keymap) {
        for b in &patch.bindings {
            for mine in &mut self.bindings {
                if mine.context == b.context && mine.action != b.action {
                    mine.keys.retain(|k| !b.keys.contains(k));
                }
            }
            self.bindings
                .retain(|m| !(m.context == b.context && m.action == b.action));
            self.bindings.push(b.clone());
        }
        self.reindex();
    }

    fn reindex(&mut self) {
        self.index.clear();
        self.prefixes.clear();
        self.conflicts.clear();
        for b in &self.bindings {
            for seq in &b.keys {
                match self.index.get(&(b.context, seq.clone())) {
                    Some(other) if *other != b.action => {
                        self.conflicts.push(Conflict {
                            context: b.context,
                            keys: seq.clone(),
                            first: other.clone(),
                            second: b.action.clone(),
                            longer: None,
                            second_context: b.context,
                        });
                    }
                    _ => {
                        self.index
                            .insert((b.context, seq.clone()), b.action.clone());
                    }
                }
                for n in 1..seq.len() {
                    self.prefixes
                        .entry((b.context, seq[..n].to_vec()))
                        .or_insert_with(|| (b.action.clone(), seq.clone()));
                }
            }
        }
        // A key that is a whole binding and also starts a longer one makes the longer one
        // unreachable where both hold: a pane's own key hides a sequence of the top level, and
        // a top-level key hides a pane's sequence.
        let mut found = Vec::new();
        for ((ctx, prefix), (action, longer)) in &self.prefixes {
            let holders: Vec<Context> = if *ctx == Context::Global {
                Context::ALL.to_vec()
            } else {
                vec![*ctx, Context::Global]
            };
            for holder in holders {
                if let Some(a) = self.index.get(&(holder, prefix.clone())) {
                    found.push(Conflict {
                        context: holder,
                        keys: prefix.clone(),
                        first: a.clone(),
                        second: action.clone(),
                        longer: Some(longer.clone()),
                        second_context: *ctx,
                    });
                }
            }
        }
        self.conflicts.extend(found);
        self.conflict_text = self.conflicts.iter().map(|c| c.to_string()).collect();
        let mut order: Vec<usize> = (0..self.conflicts.len()).collect();
        order.sort_by(|&a, &b| self.conflict_text[a].cmp(&self.conflict_text[b]));
        order.dedup_by(|a, b| self.conflict_text[*a] == self.conflict_text[*b]);
        self.conflicts = order.iter().map(|&i| self.conflicts[i].clone()).collect();
        self.conflict_text = order
            .iter()
            .map(|&i| self.conflict_text[i].clone())
            .collect();
    }

    /// Keys bound to two actions in one section, and similar mistakes, as readable sentences.
    pub fn conflicts(&self) -> &[String] {
        &self.conflict_text
    }

    /// The same, as data.
    pub fn conflict_details(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// What `keys` mean while the pane with context `ctx` has focus.
    pub fn lookup(&self, ctx: Context, keys: &[KeyChord]) -> Lookup {
        let contexts: &[Context] = if ctx == Context::Global {
            &[Context::Global]
        } else {
            &[ctx, Context::Global]
        };
        for c in contexts {
            if let Some(a) = self.index.get(&(*c, keys.to_vec())) {
                return Lookup::Action(a.clone());
            }
        }
        for c in contexts {
            if self.prefixes.contains_key(&(*c, keys.to_vec())) {
                return Lookup::Prefix;
            }
        }
        Lookup::None
    }

    /// The keys bound to `action` in one section, in the order written.
    pub fn keys_for(&self, ctx: Context, action: &Action) -> Vec<KeySeq> {
        self.bindings
            .iter()
            .filter(|b| b.context == ctx && &b.action == action)
            .flat_map(|b| b.keys.iter().cloned())
            .collect()
    }

    /// The first key that does `action` in `ctx` (its own section first), for hints like
    /// "B lists bookmarks".
    pub fn hint(&self, ctx: Context, action: &Action) -> Option<String> {
        let mine = self.keys_for(ctx, action);
        let keys = if mine.is_empty() {
            self.keys_for(Context::Global, action)
        } else {
            mine
        };
        keys.first().map(|k| seq_name(k))
    }

    /// Actions bound in a section, in help order.
    pub fn actions_in(&self, ctx: Context) -> Vec<(Action, Vec<KeySeq>)> {
        BINDABLE
            .iter()
            .map(|(a, _, _)| (a.clone(), self.keys_for(ctx, a)))
            .filter(|(_, keys)| !keys.is_empty())
            .collect()
    }
}

fn section_prefix(ctx: Context) -> String {
    match ctx {
        Context::Global => String::new(),
        c => format!("[{}] ", c.section()),
    }
}

fn parse_binding(ctx: Context, name: &str, keys: &toml::Value) -> anyhow::Result<Binding> {
    let action = Action::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = BINDABLE.iter().map(|(_, n, _)| *n).collect();
        anyhow!("unknown action `{name}` (known: {})", names.join(", "))
    })?;
    let list = keys
        .as_array()
        .ok_or_else(|| anyhow!("`{name}` must be a list of keys, like {name} = [\"x\"]"))?;
    let mut out = Vec::new();
    for k in list {
        let s = k
            .as_str()
            .ok_or_else(|| anyhow!("`{name}`: keys are written as strings"))?;
        out.push(parse_seq(s).with_context(|| format!("in `{name}`"))?);
    }
    Ok(Binding {
        context: ctx,
        action,
        keys: out,
    })
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

    #[test]
    fn default_keymap_loads_without_conflicts() {
        let km = Keymap::default_keymap();
        assert_eq!(km.conflicts(), &[] as &[String]);
        assert_eq!(
            km.lookup(Context::Reader, &[key("q")]),
            Lookup::Action(Action::Quit)
        );
        assert_eq!(km.lookup(Context::Reader, &[key("'")]), Lookup::Prefix);
        assert_eq!(
            km.lookup(Context::Reader, &[key("'"), key("'")]),
            Lookup::Action(Action::Back)
        );
        // the filter pane's Space toggles, elsewhere it pages
        assert_eq!(
            km.lookup(Context::Filter, &[key("space")]),
            Lookup::Action(Action::ToggleMarking)
        );
        assert_eq!(
            km.lookup(Context::Reader, &[key("space")]),
            Lookup::Action(Action::PageDown)
        );
    }

    #[test]
    fn every_action_is_bound_by_default() {
        let km = Keymap::default_keymap();
        for (a, name, _) in BINDABLE {
            let bound = Context::ALL.iter().any(|c| !km.keys_for(*c, a).is_empty());
            assert!(bound, "{name} has no key");
        }
    }

    #[test]
    fn conflicts_are_detected() {
        let km = Keymap::from_toml("quit = [\"q\"]\nhelp = [\"q\", \"?\"]").unwrap();
        assert_eq!(km.conflicts().len(), 1, "{:?}", km.conflicts());
        assert!(km.conflicts()[0].contains("q is bound to both"));
        let km = Keymap::from_toml("quit = [\"g\"]\ntop = [\"g g\"]").unwrap();
        assert_eq!(km.conflicts().len(), 1, "{:?}", km.conflicts());
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let e = Keymap::from_toml("qiut = [\"q\"]").unwrap_err().to_string();
        assert!(e.contains("unknown action `qiut`"), "{e}");
        let e = Keymap::from_toml("quit = \"q\"").unwrap_err().to_string();
        assert!(e.contains("list of keys"), "{e}");
        let e = format!(
            "{:#}",
            Keymap::from_toml("quit = [\"hyper-q\"]").unwrap_err()
        );
        assert!(e.contains("unknown key"), "{e}");
        assert!(Keymap::from_toml("[nowhere]\nquit = [\"q\"]").is_err());
        assert!(Keymap::from_toml("quit = [1]").is_err());
    }

    #[test]
    fn merge_replaces_and_steals_keys() {
        let mut km = Keymap::default_keymap();
        let patch = Keymap::from_toml("quit = [\"x\"]\nhelp = [\"q\"]").unwrap();
        km.merge(&patch);
        assert_eq!(km.conflicts(), &[] as &[String]);
        assert_eq!(
            km.lookup(Context::List, &[key("x")]),
            Lookup::Action(Action::Quit)
        );
        assert_eq!(
            km.lookup(Context::List, &[key("q")]),
            Lookup::Action(Action::Help)
        );
        // help's other keys were replaced by the patch
        assert_eq!(km.lookup(Context::List, &[key("?")]), Lookup::None);
    }
}
