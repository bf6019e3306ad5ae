//! The links overlay: what the open cable cites and what cites it; Enter opens one.

use crate::app::action::Action;
use crate::app::motion::list_motion;
use crate::app::state::{Overlay, Pane, State};
use crate::keys::Command;

/// Opens the overlay on the open cable's links.
pub(super) fn open_links(state: &mut State) {
    let Some(i) = state.reader.open else {
        state.message = Some("No cable open".into());
        return;
    };
    if state.web.web.is_none() {
        state.message = Some(if state.web.coming {
            "The links are being built: a moment".into()
        } else {
            "Links are known once indexing ends".into()
        });
        return;
    }
    state.web.show(&state.corpus, i);
    if state.web.rows.is_empty() {
        state.message = Some(format!(
            "{} cites no cable, and no cable loaded cites it",
            state.corpus.cables[i].id()
        ));
        return;
    }
    state.overlay = Some(Overlay::Links);
}

/// Keys in the overlay: move, open, close.
pub(super) fn links_action(state: &mut State, action: Action) {
    let page = crate::app::layout::box_rows(crate::app::layout::overlay_box(
        state.screen(),
        state.web.rows.len(),
    ))
    .max(1);
    match action {
        Action::Run(Command::Quit | Command::Cancel | Command::Links | Command::Back) => {
            state.overlay = None;
        }
        Action::Run(Command::Help) => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Run(Command::Open) => open_selected(state),
        other => {
            if let Some(m) = list_motion(&other, page) {
                let n = state.web.rows.len();
                state.web.cursor.go(m, n);
                state.web.cursor.follow(n, page);
            }
        }
    }
}

fn open_selected(state: &mut State) {
    let Some(row) = state.web.rows.get(state.web.cursor.selected).cloned() else {
        return;
    };
    let Some(i) = row.link.found.cable() else {
        state.message = Some(format!("{} is {}", row.link.id, row.link.found.label()));
        return;
    };
    state.overlay = None;
    if state.reader.open != Some(i) {
        state.push_mark();
        state.open(i);
    }
    state.focus = Pane::Reader;
}
