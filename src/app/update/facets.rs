//! The facets overlay: counts of the list by field; Enter narrows the limit to a value.

use crate::app::action::Action;
use crate::app::facets::FacetRow;
use crate::app::motion::list_motion;
use crate::app::state::{Overlay, State};
use crate::cable::query::{Facet, facets};
use crate::keys::Command;

/// Counts the list's cables by every field and opens the overlay.
pub(super) fn open_facets(state: &mut State) {
    let selection: Vec<usize> = state.list.rows.iter().map(|&r| r as usize).collect();
    let facts = state.limit.facts(&state.corpus);
    let mut rows = Vec::new();
    for facet in Facet::ALL {
        rows.push(FacetRow::Heading(facet));
        for (value, count) in facets(facet, &state.corpus, facts, &selection) {
            rows.push(FacetRow::Value {
                facet,
                value,
                count,
            });
        }
    }
    let view = &mut state.facets;
    view.rows = rows;
    view.cables = selection.len();
    view.cursor = Default::default();
    // The first value, not the first heading.
    view.cursor.selected = usize::from(view.rows.len() > 1);
    state.overlay = Some(Overlay::Facets);
}

pub(super) fn page(state: &State) -> usize {
    crate::app::layout::box_rows(crate::app::layout::overlay_box(
        state.screen(),
        state.facets.rows.len(),
    ))
    .max(1)
}

/// Keys in the overlay: move, narrow, close.
pub(super) fn facets_action(state: &mut State, action: Action) -> Option<Action> {
    let page = page(state);
    match action {
        Action::Run(Command::Quit | Command::Cancel | Command::Facets) => state.overlay = None,
        Action::Run(Command::Help) => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Run(Command::Open) => {
            let term = state.facets.selected_term()?;
            state.overlay = None;
            let text = match state.limit.text() {
                Some(q) => format!("({q}) {term}"),
                None => term,
            };
            return Some(Action::SetLimit(text));
        }
        other => {
            if let Some(m) = list_motion(&other, page) {
                let n = state.facets.rows.len();
                state.facets.cursor.go(m, n);
                state.facets.cursor.follow(n, page);
            }
        }
    }
    None
}
