//! The current paragraph bookmarked or copied with its citation, and the
//! bookmark list.

use std::sync::Arc;

use crate::app::action::Action;
use crate::app::bookmarks::first_words;
use crate::app::effect::Effect;
use crate::app::motion::list_motion;
use crate::app::state::{Anchor, Overlay, Pane, State};
use crate::cable::Cable;
use crate::keys::{Command, Context};
use crate::memory::{Bookmark, cable_key};

/// Keys in the bookmark list: move, open, remove, close.
pub(super) fn bookmarks_action(state: &mut State, action: Action) {
    let page = state.bookmarks_height().max(1);
    let sel = state.bookmarks.cursor.selected;
    let motion = match action {
        Action::Run(Command::Quit)
        | Action::Run(Command::Cancel)
        | Action::Run(Command::BookmarkList) => {
            state.overlay = None;
            return;
        }
        Action::Run(Command::Help) => {
            state.overlay = Some(Overlay::Help { scroll: 0 });
            return;
        }
        Action::Run(Command::ShowErrors) if !state.errors.is_empty() => {
            state.overlay = Some(Overlay::Errors { scroll: 0 });
            return;
        }
        Action::Run(Command::Open) => {
            open_bookmark(state, sel);
            return;
        }
        Action::Run(Command::RemoveBookmark) => {
            remove_bookmark(state, sel);
            None
        }
        other => match list_motion(&other, page) {
            Some(m) => Some(m),
            None => return,
        },
    };
    let n = state.memory.bookmarks.len();
    let b = &mut state.bookmarks.cursor;
    if let Some(m) = motion {
        b.go(m, n);
    }
    b.follow(n, page);
}

/// Opens the bookmark list, with the bookmark at the current paragraph selected if there is one.
pub(super) fn open_bookmarks(state: &mut State) {
    use std::collections::{HashMap, HashSet};
    let wanted: HashSet<&str> = state
        .memory
        .bookmarks
        .iter()
        .map(|b| b.cable.as_str())
        .collect();
    let mut found: HashMap<String, usize> = HashMap::new();
    if !wanted.is_empty() {
        for i in 0..state.corpus.len() {
            let key = state.summary_key(i);
            if wanted.contains(key.as_str()) {
                found.entry(key).or_insert(i);
            }
        }
    }
    state.bookmarks.cables = state
        .memory
        .bookmarks
        .iter()
        .map(|b| found.get(&b.cable).copied())
        .collect();
    let here = state.open_cable().map(|c| {
        let number = state
            .current_paragraph()
            .and_then(|i| c.paragraphs.get(i))
            .map(|p| p.number.unwrap_or(0));
        (cable_key(c), number)
    });
    if let Some((key, number)) = here {
        let at = state
            .memory
            .bookmarks
            .iter()
            .position(|b| b.cable == key && Some(b.paragraph) == number)
            .or_else(|| state.memory.bookmarks.iter().position(|b| b.cable == key));
        if let Some(at) = at {
            state.bookmarks.cursor.selected = at;
        }
    }
    state.bookmarks.cursor.offset = 0;
    state.overlay = Some(Overlay::Bookmarks);
    // Place the selection on screen.
    bookmarks_action(state, Action::Scroll(Pane::Reader, 0));
}

/// Goes to bookmark `k`, opening its cable.
fn open_bookmark(state: &mut State, k: usize) {
    let Some(b) = state.memory.bookmarks.get(k).cloned() else {
        state.message = Some("No bookmarks yet".into());
        return;
    };
    let Some(ci) = state.bookmarks.cables.get(k).copied().flatten() else {
        state.message = Some(format!("{} is not among the cables loaded now", b.id));
        return;
    };
    state.overlay = None;
    state.push_mark();
    if state.reader.open != Some(ci) {
        state.open(ci);
    }
    state.focus = Pane::Reader;
    if state.reader.open != Some(ci) {
        return;
    }
    let Some(cable) = state.reader.cable.clone() else {
        return;
    };
    let Some(index) = cable
        .paragraphs
        .iter()
        .position(|p| p.number.unwrap_or(0) == b.paragraph)
    else {
        state.message = Some(format!("{} has no ¶{} now", b.id, b.paragraph));
        return;
    };
    state.go_to_anchor(Anchor::Para { index, offset: 0 });
    if !state.passes(&cable.paragraphs[index]) {
        let filter = state.filter_label().unwrap_or_default();
        state.message = Some(format!(
            "¶{} is hidden by the filter ({filter}); :filter clears it",
            b.paragraph
        ));
    }
}

fn remove_bookmark(state: &mut State, k: usize) {
    if k >= state.memory.bookmarks.len() {
        return;
    }
    let b = state.memory.bookmarks.remove(k);
    if k < state.bookmarks.cables.len() {
        state.bookmarks.cables.remove(k);
    }
    state.memory_generation += 1;
    state.message = Some(format!("Bookmark removed: {} ¶{}", b.id, b.paragraph));
}

/// The open cable and the index of its current paragraph; else a message saying why there is
/// nothing to `verb`.
fn open_paragraph(state: &mut State, verb: &str) -> Option<(Arc<Cable>, usize)> {
    if state.reader.open.is_none() {
        state.message = Some("No cable open".into());
        return None;
    }
    let Some(pi) = state.current_paragraph() else {
        state.message = Some(format!("No paragraph on screen to {verb}"));
        return None;
    };
    Some((state.reader.cable.clone()?, pi))
}

/// `m`: bookmarks the current paragraph, or removes the bookmark already there.
pub(super) fn toggle_bookmark(state: &mut State) {
    let Some((cable, pi)) = open_paragraph(state, "bookmark") else {
        return;
    };
    let cable = &*cable;
    let number = cable.paragraphs[pi].number.unwrap_or(0);
    let key = cable_key(cable);
    let id = if cable.id.is_empty() {
        key.clone()
    } else {
        cable.id.clone()
    };
    let marks = &mut state.memory.bookmarks;
    if let Some(at) = marks
        .iter()
        .position(|b| b.cable == key && b.paragraph == number)
    {
        marks.remove(at);
        state.message = Some(format!("Bookmark removed: {id} ¶{number}"));
    } else {
        let words = first_words(&crate::cite::readable_text(cable, pi), 10);
        let b = Bookmark {
            cable: key,
            id: id.clone(),
            paragraph: number,
            marking: crate::cable::citation::marking_label(cable, pi),
            words,
        };
        let at = marks
            .iter()
            .position(|m| (&m.id, m.paragraph) > (&b.id, b.paragraph))
            .unwrap_or(marks.len());
        marks.insert(at, b);
        let hint = state
            .keymap
            .hint(Context::Global, Command::BookmarkList)
            .map(|k| format!(" ({k} lists bookmarks)"))
            .unwrap_or_default();
        state.message = Some(format!("Bookmarked {id} ¶{number}{hint}"));
    }
    state.memory_generation += 1;
}

/// `y`: the current paragraph with its citation goes to the clipboard.
pub(super) fn copy_paragraph(state: &mut State, fx: &mut Vec<Effect>) {
    let Some((cable, pi)) = open_paragraph(state, "copy") else {
        return;
    };
    let Some(text) = state.citation.render(&cable, pi) else {
        return;
    };
    if text.len() > crate::clipboard::MAX_COPY {
        state.message = Some(crate::clipboard::too_large(text.len()));
        return;
    }
    let chars = text.chars().count();
    // The event loop replaces this with the error if the copy fails.
    state.message = Some(format!(
        "Copied {} ¶{} with its citation ({chars} characters) to {}",
        if cable.id.is_empty() {
            "(no id)"
        } else {
            &cable.id
        },
        cable.paragraphs[pi].number.unwrap_or(0),
        state.clipboard.name(),
    ));
    fx.push(Effect::Copy(text));
}
