//! `/` in the document list: the cursor moves to the next cable holding the words as each key
//! is typed; Enter keeps it there, Esc takes it back; `n`/`N` find again.

use crate::app::action::{Action, PromptKind};
use crate::app::list_find::{next_row, words};
use crate::app::state::State;

/// Opens the list's find prompt, remembering where the cursor is.
pub(super) fn start(state: &mut State) -> Option<Action> {
    state.finding.origin = Some(state.list.cursor.selected);
    Some(Action::OpenPrompt(PromptKind::Find, String::new()))
}

/// The words typed so far: the cursor goes to the first cable after where it was when the
/// prompt opened that holds them, or back there while none does.
pub(super) fn preview(state: &mut State, text: &str) {
    let Some(origin) = state.finding.origin else {
        return;
    };
    let w = words(text);
    match next_row(&state.list.rows, &state.corpus.cables, &w, origin, true) {
        Some((row, _)) => select(state, row),
        None => {
            select(state, origin);
            if !w.is_empty() {
                state.message = Some(format!("Not in the list: {}", text.trim()));
            }
        }
    }
}

/// Enter: the cursor stays where the words took it; `n` and `N` look for them again.
pub(super) fn keep(state: &mut State, text: &str) {
    state.finding.origin = None;
    if words(text).is_empty() {
        return;
    }
    state.finding.words = text.trim().to_string();
    let on = state
        .list
        .rows
        .get(state.list.cursor.selected)
        .and_then(|&r| state.corpus.cables.get(r as usize))
        .is_some_and(|c| crate::app::list_find::holds(c, &words(text)));
    if !on {
        state.message = Some(format!("Not in the list: {}", text.trim()));
    }
}

/// Esc: the cursor goes back to where it was when the prompt opened.
pub(super) fn cancel(state: &mut State) {
    if let Some(origin) = state.finding.origin.take() {
        select(state, origin);
    }
}

/// `n` (forward) and `N` in the list: the next or previous cable holding the words.
pub(super) fn step(state: &mut State, forward: bool) {
    let text = state.finding.words.clone();
    if text.is_empty() {
        state.message = Some("Nothing to find again: / in the list finds a cable".into());
        return;
    }
    let from = state.list.cursor.selected;
    match next_row(
        &state.list.rows,
        &state.corpus.cables,
        &words(&text),
        from,
        forward,
    ) {
        Some((row, wrapped)) => {
            select(state, row);
            if wrapped {
                state.message = Some(if forward {
                    format!("Find wrapped to the top: {text}")
                } else {
                    format!("Find wrapped to the bottom: {text}")
                });
            }
        }
        None => state.message = Some(format!("Not in the list: {text}")),
    }
}

fn select(state: &mut State, row: usize) {
    let n = state.list.rows.len();
    if n == 0 {
        return;
    }
    state.list.cursor.selected = row.min(n - 1);
    let h = state.list_height();
    state.list.cursor.follow(n, h);
}
