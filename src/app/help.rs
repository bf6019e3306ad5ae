//! Help as data, made from the live keymap and the command table so it cannot drift from
//! either; the view only styles and places the rows.

use ratatui::layout::Rect;

use super::command_line;
use super::layout::two_columns;
use super::state::{Overlay, State};
use crate::keys::{Context, KeySeq, Keymap, seq_name};

/// One row of help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Heading(String),
    /// Keys (or what to type) and what they do.
    Entry(String, String),
    Blank,
}

/// How the keys of one binding read: `j, down`; a run of digits as `0-9`.
pub fn keys_text(keys: &[KeySeq]) -> String {
    let names: Vec<String> = keys.iter().map(|k| seq_name(k)).collect();
    let digits: Vec<u32> = names
        .iter()
        .filter_map(|n| {
            let mut cs = n.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c.to_digit(10),
                _ => None,
            }
        })
        .collect();
    if digits.len() == names.len() && digits.len() > 2 {
        let (lo, hi) = (digits[0], digits[digits.len() - 1]);
        if hi >= lo && (hi - lo + 1) as usize == digits.len() {
            return format!("{lo}-{hi}");
        }
    }
    names.join(", ")
}

fn entry(keys: &str, what: &str) -> Row {
    Row::Entry(keys.to_string(), what.to_string())
}

/// The two halves of help: the bindings that hold everywhere, then the per-pane ones, commands
/// and mouse.
pub fn columns(km: &Keymap) -> (Vec<Row>, Vec<Row>) {
    let mut left = vec![Row::Heading(Context::Global.title().to_string())];
    for (command, keys) in km.actions_in(Context::Global) {
        left.push(entry(&keys_text(&keys), command.description()));
    }
    let mut right = Vec::new();
    for ctx in [
        Context::List,
        Context::Reader,
        Context::Filter,
        Context::Bookmarks,
    ] {
        let commands = km.actions_in(ctx);
        if commands.is_empty() {
            continue;
        }
        right.push(Row::Heading(ctx.title().to_string()));
        for (command, keys) in commands {
            right.push(entry(&keys_text(&keys), command.description()));
        }
        right.push(Row::Blank);
    }
    right.push(Row::Heading("Commands (type : first)".into()));
    for (typed, what) in command_line::help_rows() {
        right.push(entry(&typed, what));
    }
    right.push(Row::Blank);
    right.push(Row::Heading("Prompt and search".into()));
    right.push(entry("enter", "run the command / search"));
    right.push(entry("esc", "close; backspace on empty too"));
    right.push(entry("up, down", "earlier / later entries typed"));
    right.push(entry("/text enter", "highlight matches, go to the next"));
    right.push(Row::Blank);
    right.push(Row::Heading("Mouse".into()));
    right.push(entry("wheel", "scroll the pane under the pointer"));
    right.push(entry("click", "focus the pane, select the row"));
    (left, right)
}

/// Rows help takes in a screen of `area`: side by side, or one half under the other.
pub fn help_len(km: &Keymap, area: Rect) -> usize {
    let (l, r) = columns(km);
    if two_columns(area.width.saturating_sub(2).min(112)) {
        l.len().max(r.len())
    } else {
        l.len() + 1 + r.len()
    }
}

/// Lines an overlay holds, for scrolling limits.
pub fn content_len(state: &State, overlay: Overlay) -> usize {
    match overlay {
        Overlay::Help { .. } => help_len(&state.keymap, state.screen()),
        Overlay::Errors { .. } => state.errors.len() * 2,
        Overlay::Bookmarks => state.memory.bookmarks.len(),
        Overlay::Results => state.results.as_ref().map_or(0, |r| r.hits.len()),
        Overlay::Links => state.web.rows.len(),
        Overlay::Facets => state.facets.rows.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::KeyChord;

    #[test]
    fn keys_read_as_help_writes_them() {
        let seq = |s: &str| vec![KeyChord::parse(s).unwrap()];
        assert_eq!(keys_text(&[seq("j"), seq("down")]), "j, down");
        let digits: Vec<KeySeq> = (1..=9).map(|d| seq(&d.to_string())).collect();
        assert_eq!(keys_text(&digits), "1-9");
        assert_eq!(keys_text(&[seq("1"), seq("3")]), "1, 3");
    }

    #[test]
    fn help_lists_the_command_table() {
        let (_, right) = columns(&Keymap::default_keymap());
        let at = right
            .iter()
            .position(|r| *r == Row::Heading("Commands (type : first)".into()))
            .unwrap();
        assert_eq!(right[at + 1], entry(":12", "jump to paragraph 12"));
        assert_eq!(right[at + 13], entry(":q", "quit"));
    }
}
