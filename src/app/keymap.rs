//! Keys to actions, loaded from TOML so that a user's file can patch the defaults.
//!
//! The format is `action = ["key", ...]` at the top level for bindings that hold everywhere,
//! and the same inside `[list]`, `[reader]` or `[filter]` for bindings that hold only while that
//! pane has focus (they win over the top-level ones there). A key is a character (`j`, `G`,
//! `:`), a name (`space`, `enter`, `esc`, `tab`, `backspace`, `up`, `down`, `left`, `right`,
//! `home`, `end`, `pgup`, `pgdn`, `insert`, `delete`, `f1`..`f12`) with optional `ctrl-`,
//! `alt-`, `shift-` in front. Keys separated by spaces make a sequence: `"' '"` is `'` twice.

use std::collections::HashMap;

use anyhow::{Context as _, anyhow, bail};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, BINDABLE};

/// The default bindings, embedded so the binary works from any folder.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Where a binding holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    List,
    Reader,
    Filter,
}

impl Context {
    pub const ALL: [Context; 4] = [
        Context::Global,
        Context::List,
        Context::Reader,
        Context::Filter,
    ];

    pub fn section(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Reader => "reader",
            Context::Filter => "filter",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Document list",
            Context::Reader => "Paragraph view",
            Context::Filter => "Marking filter",
        }
    }

    fn from_section(name: &str) -> Option<Context> {
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

#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: Vec<Binding>,
    index: HashMap<(Context, KeySeq), Action>,
    prefixes: HashMap<(Context, KeySeq), ()>,
    conflicts: Vec<String>,
}

impl Keymap {
    /// The embedded default keymap.
    pub fn default_keymap() -> Keymap {
        // The embedded file is covered by tests; should it ever fail to parse, keep `q`
        // working rather than refuse to start.
        Keymap::from_toml(DEFAULT_KEYMAP).unwrap_or_else(|_| {
            let mut k = Keymap::default();
            k.bindings.push(Binding {
                context: Context::Global,
                action: Action::Quit,
                keys: vec![vec![KeyChord::new(KeyCode::Char('q'), KeyModifiers::NONE)]],
            });
            k.reindex();
            k
        })
    }

    /// Reads `action = ["key", ...]` lines and `[list]`/`[reader]`/`[filter]` sections.
    pub fn from_toml(text: &str) -> anyhow::Result<Keymap> {
        let table: toml::Table = toml::from_str(text).context("keymap is not valid TOML")?;
        let mut km = Keymap::default();
        for (name, value) in &table {
            match value {
                toml::Value::Table(section) => {
                    let ctx = Context::from_section(name).ok_or_else(|| {
                        anyhow!("unknown keymap section [{name}] (use [list], [reader], [filter])")
                    })?;
                    for (action, keys) in section {
                        km.bindings.push(parse_binding(ctx, action, keys)?);
                    }
                }
                keys => km
                    .bindings
                    .push(parse_binding(Context::Global, name, keys)?),
            }
        }
        km.reindex();
        Ok(km)
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
                        self.conflicts.push(format!(
                            "{}{} is bound to both {} and {}",
                            section_prefix(b.context),
                            seq_name(seq),
                            other.name().unwrap_or("?"),
                            b.action.name().unwrap_or("?"),
                        ));
                    }
                    _ => {
                        self.index
                            .insert((b.context, seq.clone()), b.action.clone());
                    }
                }
                for n in 1..seq.len() {
                    self.prefixes.insert((b.context, seq[..n].to_vec()), ());
                }
            }
        }
        // A key that is a whole binding and also starts a longer one makes the longer one
        // unreachable where both hold.
        for ((ctx, prefix), ()) in &self.prefixes {
            for holder in [*ctx, Context::Global] {
                if let Some(a) = self.index.get(&(holder, prefix.clone())) {
                    self.conflicts.push(format!(
                        "{}{} is bound to {} and also starts a longer key sequence",
                        section_prefix(*ctx),
                        seq_name(prefix),
                        a.name().unwrap_or("?"),
                    ));
                }
            }
        }
        self.conflicts.sort();
        self.conflicts.dedup();
    }

    /// Keys bound to two actions in one section, and similar mistakes, as readable sentences.
    pub fn conflicts(&self) -> &[String] {
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
        let km = Keymap::from_toml(DEFAULT_KEYMAP).unwrap();
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
        let km = Keymap::from_toml(DEFAULT_KEYMAP).unwrap();
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
        let mut km = Keymap::from_toml(DEFAULT_KEYMAP).unwrap();
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
