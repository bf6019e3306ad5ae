//! Help as data, made from the live keymap and the command table so it cannot drift from
//! either; the view only styles and places the rows.

use ratatui::layout::Rect;

use super::command_line;
use super::layout::{overlay_box, two_columns};
use crate::keys::{Context, KeySeq, Keymap, seq_name};
use crate::text::reflow::wrap;
use crate::text::str_width;

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

/// Columns the keys of an entry take, after two of indent; what they do starts after them.
pub const KEY_COL: usize = 16;

/// How help is placed in a screen of `area`: the widths of its columns inside the box (one
/// column, or two side by side).
pub fn column_widths(area: Rect) -> Vec<usize> {
    let r = overlay_box(area, 0);
    let inner = usize::from(r.width.saturating_sub(2));
    if two_columns(r.width) {
        let half = inner / 2;
        vec![half.saturating_sub(1), inner.saturating_sub(half + 1)]
    } else {
        vec![inner]
    }
}

/// Rows laid out for a column `width` wide: what an entry does wraps under itself, and keys
/// too long for their column get a row of their own, so nothing is cut off.
pub fn wrap_rows(rows: &[Row], width: usize) -> Vec<Row> {
    let text_at = 2 + KEY_COL;
    let text_w = width.saturating_sub(text_at).max(8);
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let Row::Entry(keys, what) = row else {
            out.push(row.clone());
            continue;
        };
        let mut first = keys.clone();
        if str_width(keys) >= KEY_COL {
            out.push(Row::Entry(keys.clone(), String::new()));
            first = String::new();
        }
        let parts = wrap(what, 0..what.len(), text_w, text_w);
        if parts.is_empty() {
            out.push(Row::Entry(first.clone(), String::new()));
        }
        for (k, part) in parts.into_iter().enumerate() {
            let keys = if k == 0 { first.clone() } else { String::new() };
            let text = what.get(part).unwrap_or("").trim().to_string();
            out.push(Row::Entry(keys, text));
        }
    }
    out
}

/// Help's rows as drawn in a screen of `area`: the two halves side by side, or the first over
/// the second when there is room for one column only.
pub fn laid_out(km: &Keymap, area: Rect) -> Vec<Vec<Row>> {
    let (l, r) = columns(km);
    match column_widths(area)[..] {
        [lw, rw] => vec![wrap_rows(&l, lw), wrap_rows(&r, rw)],
        [w] => {
            let mut all = l;
            all.push(Row::Blank);
            all.extend(r);
            vec![wrap_rows(&all, w)]
        }
        _ => Vec::new(),
    }
}

/// Rows help takes in a screen of `area`.
pub fn help_len(km: &Keymap, area: Rect) -> usize {
    laid_out(km, area).iter().map(Vec::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::KeyChord;

    #[test]
    fn entries_wrap_under_themselves_and_long_keys_take_a_row() {
        let rows = [
            entry("s", "sort the list: source, date, id, origin, class"),
            entry("pgdn, space, ctrl-f", "page down"),
            Row::Blank,
        ];
        assert_eq!(
            wrap_rows(&rows, 40),
            vec![
                entry("s", "sort the list: source,"),
                entry("", "date, id, origin,"),
                entry("", "class"),
                entry("pgdn, space, ctrl-f", ""),
                entry("", "page down"),
                Row::Blank,
            ]
        );
        assert_eq!(wrap_rows(&rows[..1], 80), vec![rows[0].clone()]);
    }

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
        assert_eq!(
            right[at + 2],
            entry(":50%", "jump halfway through the cable")
        );
        assert_eq!(right[at + 22], entry(":q", "quit"));
    }
}
