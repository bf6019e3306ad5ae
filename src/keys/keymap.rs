//! Keys to commands: bindings that hold everywhere, and bindings that hold only while one pane
//! (or the bookmark list) has focus and win over the others there. Settings files write them
//! as `[keys]`, `[keys.reader]` and so on; the settings' reader (above this module) parses
//! them, this module looks them up and finds conflicts.

use std::collections::HashMap;

use super::chord::{KeyChord, KeySeq, seq_name};
use super::command::{BINDABLE, Command};

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub action: Command,
    pub keys: Vec<KeySeq>,
}

/// What a key (after any pending ones) means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Command(Command),
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
    pub first: Command,
    /// The other action: bound to the same keys, or (with `longer`) to a sequence they start.
    pub second: Command,
    pub longer: Option<KeySeq>,
    /// Where the other binding holds.
    pub second_context: Context,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let first = self.first.name();
        let second = self.second.name();
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
    index: HashMap<(Context, KeySeq), Command>,
    /// Every proper start of a sequence, with one action bound to a sequence it starts.
    prefixes: HashMap<(Context, KeySeq), (Command, KeySeq)>,
    conflicts: Vec<Conflict>,
    conflict_text: Vec<String>,
}

impl Keymap {
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
                            first: *other,
                            second: b.action,
                            longer: None,
                            second_context: b.context,
                        });
                    }
                    _ => {
                        self.index.insert((b.context, seq.clone()), b.action);
                    }
                }
                for n in 1..seq.len() {
                    self.prefixes
                        .entry((b.context, seq[..n].to_vec()))
                        .or_insert_with(|| (b.action, seq.clone()));
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
                        first: *a,
                        second: *action,
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
                return Lookup::Command(*a);
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
    pub fn keys_for(&self, ctx: Context, action: Command) -> Vec<KeySeq> {
        self.bindings
            .iter()
            .filter(|b| b.context == ctx && b.action == action)
            .flat_map(|b| b.keys.iter().cloned())
            .collect()
    }

    /// The first key that does `action` in `ctx` (its own section first), for hints like
    /// "B lists bookmarks".
    pub fn hint(&self, ctx: Context, action: Command) -> Option<String> {
        let mine = self.keys_for(ctx, action);
        let keys = if mine.is_empty() {
            self.keys_for(Context::Global, action)
        } else {
            mine
        };
        keys.first().map(|k| seq_name(k))
    }

    /// The key to name in a hint, or the command's own name when no key is bound to it.
    pub fn hint_or_name(&self, ctx: Context, action: Command) -> String {
        self.hint(ctx, action)
            .unwrap_or_else(|| action.name().to_string())
    }

    /// Commands bound in a section, in help order.
    pub fn actions_in(&self, ctx: Context) -> Vec<(Command, Vec<KeySeq>)> {
        BINDABLE
            .iter()
            .map(|(a, _, _)| (*a, self.keys_for(ctx, *a)))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn bind(context: Context, action: Command, keys: &[&str]) -> Binding {
        Binding {
            context,
            action,
            keys: keys
                .iter()
                .map(|k| super::super::chord::parse_seq(k).unwrap())
                .collect(),
        }
    }

    fn key(s: &str) -> KeyChord {
        KeyChord::parse(s).unwrap()
    }

    #[test]
    fn lookups_prefer_the_pane_and_wait_on_a_prefix() {
        let km = Keymap::from_bindings(vec![
            bind(Context::Global, Command::PageDown, &["space"]),
            bind(Context::Filter, Command::ToggleMarking, &["space"]),
            bind(Context::Global, Command::Back, &["' '"]),
        ]);
        assert_eq!(km.conflicts(), &[] as &[String]);
        assert_eq!(
            km.lookup(Context::Filter, &[key("space")]),
            Lookup::Command(Command::ToggleMarking)
        );
        assert_eq!(
            km.lookup(Context::Reader, &[key("space")]),
            Lookup::Command(Command::PageDown)
        );
        assert_eq!(km.lookup(Context::Reader, &[key("'")]), Lookup::Prefix);
        assert_eq!(
            km.lookup(Context::Reader, &[key("'"), key("'")]),
            Lookup::Command(Command::Back)
        );
        assert_eq!(km.lookup(Context::Reader, &[key("x")]), Lookup::None);
        assert_eq!(
            km.hint(Context::Filter, Command::ToggleMarking).as_deref(),
            Some("space")
        );
    }

    #[test]
    fn conflicts_are_detected() {
        let km = Keymap::from_bindings(vec![
            bind(Context::Global, Command::Quit, &["q"]),
            bind(Context::Global, Command::Help, &["q", "?"]),
        ]);
        assert_eq!(km.conflicts(), ["q is bound to both quit and help"]);
        let km = Keymap::from_bindings(vec![
            bind(Context::Global, Command::Quit, &["g"]),
            bind(Context::Global, Command::Top, &["g g"]),
        ]);
        assert_eq!(
            km.conflicts(),
            ["g is bound to quit and also starts gg (top)"]
        );
    }

    #[test]
    fn merge_replaces_and_steals_keys() {
        let mut km = Keymap::from_bindings(vec![
            bind(Context::Global, Command::Quit, &["q"]),
            bind(Context::Global, Command::Help, &["?", "f1"]),
        ]);
        km.merge(&Keymap::from_bindings(vec![
            bind(Context::Global, Command::Quit, &["x"]),
            bind(Context::Global, Command::Help, &["q"]),
        ]));
        assert_eq!(km.conflicts(), &[] as &[String]);
        assert_eq!(
            km.lookup(Context::List, &[key("x")]),
            Lookup::Command(Command::Quit)
        );
        assert_eq!(
            km.lookup(Context::List, &[key("q")]),
            Lookup::Command(Command::Help)
        );
        // help's other keys were replaced by the patch
        assert_eq!(km.lookup(Context::List, &[key("?")]), Lookup::None);
    }
}
