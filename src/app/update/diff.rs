//! `:diff`: what differs between two versions of the open cable, in a view of its own that
//! scrolls as help does.

use std::sync::Arc;

use crate::app::action::Action;
use crate::app::cursor::add;
use crate::app::diff::{DiffView, Side};
use crate::app::layout::{box_rows, overlay_box};
use crate::app::state::{Overlay, State};
use crate::cable::Cable;
use crate::cable::diff::{against_next, compare, sections};
use crate::cable::versions::Versions;
use crate::keys::Command;
use crate::sanitize::clean_line;

/// Opens the view on versions `pair` (from 1), or on the open version against the next
/// fullest whose text differs.
pub(super) fn open_diff(state: &mut State, pair: Option<(usize, usize)>) {
    let Some((open, g)) = super::versions::open_group(state) else {
        return;
    };
    let Some(web) = &state.web.web else { return };
    let group: Vec<u32> = web.versions.group(g).to_vec();
    let id = state.corpus.cables[open].id().to_string();
    let picked = match pair {
        _ if group.len() < 2 => Err(format!("{id} has only one version loaded")),
        Some((a, b)) => {
            let pick = |n| {
                web.versions
                    .pick(g, Some(n))
                    .map_err(|e| format!("{id}: {e}"))
            };
            pick(a).and_then(|ia| Ok((ia, pick(b)?)))
        }
        None => Ok((open, open)),
    };
    let result = picked.and_then(|(ia, ib)| {
        let at = |i: usize| group.iter().position(|&v| v as usize == i).unwrap_or(0);
        let (a, b) = (at(ia), at(ib));
        let mut load = |i: usize| state.load_cable(i).map(|c: Arc<Cable>| sections(&c));
        if pair.is_some() {
            return Ok((a, b, compare(&load(ia)?, &load(ib)?)));
        }
        let (b, changes) = against_next(&group, a, load)?
            .ok_or_else(|| format!("{id} has only one version loaded"))?;
        Ok((a, b, changes))
    });
    let (a, b, changes) = match result {
        Ok(r) => r,
        Err(e) => {
            state.message = Some(clean_line(&e).into_owned());
            return;
        }
    };
    let side = |k: usize| Side {
        number: k + 1,
        cable: group[k] as usize,
        name: clean_line(&Versions::name(&state.corpus, group[k] as usize)).into_owned(),
    };
    let same = changes.is_empty();
    state.web.diff = Some(DiffView::new(
        clean_line(&id).into_owned(),
        side(a),
        side(b),
        changes,
    ));
    state.overlay = Some(Overlay::Diff);
    if same {
        state.message = Some("The versions are the same text".into());
    }
    fit(state);
}

/// Rows of the view's text.
fn page(state: &State) -> usize {
    let lines = state.web.diff.as_ref().map_or(0, |d| d.lines.len());
    box_rows(overlay_box(state.screen(), lines)).max(1)
}

/// Lays the view out for the screen's width and keeps its scroll in bounds.
pub(super) fn fit(state: &mut State) {
    // The box's width does not depend on what it holds; its height does.
    let width = usize::from(overlay_box(state.screen(), 0).width.saturating_sub(2));
    if let Some(d) = state.web.diff.as_mut() {
        d.fit(width);
    }
    let page = page(state);
    if let Some(d) = state.web.diff.as_mut() {
        d.scroll = d.scroll.min(d.max_scroll(page));
    }
}

/// Keys in the view: scroll, close.
pub(super) fn diff_action(state: &mut State, action: Action) {
    let page = page(state);
    let Some(d) = state.web.diff.as_mut() else {
        state.overlay = None;
        return;
    };
    let max = d.max_scroll(page);
    d.scroll = match action {
        Action::Run(Command::Quit | Command::Cancel | Command::Back) => {
            state.overlay = None;
            return;
        }
        Action::Run(Command::Help) => {
            state.overlay = Some(Overlay::Help { scroll: 0 });
            return;
        }
        Action::Run(Command::Down) => d.scroll + 1,
        Action::Run(Command::Up) => d.scroll.saturating_sub(1),
        Action::Run(Command::PageDown) => d.scroll + page,
        Action::Run(Command::PageUp) => d.scroll.saturating_sub(page),
        Action::Run(Command::HalfPageDown) => d.scroll + page / 2,
        Action::Run(Command::HalfPageUp) => d.scroll.saturating_sub(page / 2),
        Action::Run(Command::Top) => 0,
        Action::Run(Command::Bottom) => max,
        Action::Scroll(_, n) => add(d.scroll, n as isize),
        _ => return,
    }
    .min(max);
}
