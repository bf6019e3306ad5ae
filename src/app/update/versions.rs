//! `:versions` and `:version N`: the open cable's versions listed, and another one opened at
//! the same paragraph.

use crate::app::action::Action;
use crate::app::layout::{box_rows, overlay_box};
use crate::app::motion::list_motion;
use crate::app::state::{Anchor, Overlay, Pane, State};
use crate::app::versions::{label, position};
use crate::keys::Command;

/// Rows the list shows at once.
pub(super) fn page(state: &State) -> usize {
    box_rows(overlay_box(
        state.screen(),
        state.web.version_list.rows.len(),
    ))
    .max(1)
}

/// The open cable and its id's group, or a message saying why there is none.
pub(super) fn open_group(state: &mut State) -> Option<(usize, usize)> {
    let Some(i) = state.reader.open else {
        state.message = Some("No cable open".into());
        return None;
    };
    let Some(web) = &state.web.web else {
        state.message = Some("Versions are known once indexing ends".into());
        return None;
    };
    let g = web.versions.group_of(i)?;
    Some((i, g))
}

/// Opens the list of the open cable's versions.
pub(super) fn list_versions(state: &mut State) {
    let Some((i, _)) = open_group(state) else {
        return;
    };
    let Some(web) = &state.web.web else { return };
    state.web.version_list.show(&web.versions, i);
    state.overlay = Some(Overlay::Versions);
}

/// Keys in the list: move, open one, close.
pub(super) fn versions_action(state: &mut State, action: Action) {
    let page = page(state);
    match action {
        Action::Run(Command::Quit | Command::Cancel | Command::Back) => state.overlay = None,
        Action::Run(Command::Help) => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Run(Command::Open) => {
            let list = &state.web.version_list;
            if let Some(&j) = list.rows.get(list.cursor.selected) {
                state.overlay = None;
                open_version(state, j);
            }
        }
        other => {
            if let Some(m) = list_motion(&other, page) {
                let v = &mut state.web.version_list;
                v.cursor.go(m, v.rows.len());
                v.cursor.follow(v.rows.len(), page);
            }
        }
    }
}

/// `:version N`: version N of the open cable, fullest first.
pub(super) fn pick_version(state: &mut State, n: usize) {
    let Some((i, g)) = open_group(state) else {
        return;
    };
    let Some(web) = &state.web.web else { return };
    match web.versions.pick(g, Some(n)) {
        Ok(j) => open_version(state, j),
        Err(e) => {
            let id = state.corpus.cables[i].id().to_string();
            state.message = Some(crate::sanitize::clean_line(&format!("{id}: {e}")).into_owned());
        }
    }
}

/// Opens version `j` in place of the open one, at the paragraph of the same number (or the
/// header, when the reader was there); `Ctrl-o` comes back.
fn open_version(state: &mut State, j: usize) {
    let number = state.open_cable().and_then(|c| {
        let k = state.current_paragraph()?;
        c.paragraphs.get(k)?.number
    });
    let at_header = state.remembered_paragraph().is_none();
    if state.reader.open != Some(j) {
        state.push_mark();
        if !state.open(j) {
            return;
        }
    }
    state.focus = Pane::Reader;
    let index = state.open_cable().and_then(|c| {
        c.paragraphs
            .iter()
            .position(|p| p.number == number && number.is_some())
    });
    match index {
        Some(index) => state.go_to_anchor(Anchor::Para { index, offset: 0 }),
        None if at_header => state.reader.top = 0,
        None => {}
    }
    let Some(web) = &state.web.web else { return };
    let which = label(&web.versions, j).unwrap_or_else(|| {
        let (n, _) = position(&web.versions, j).unwrap_or((1, 1));
        format!("version {n}")
    });
    let text = format!(
        "{} {which}: {}",
        state.corpus.cables[j].id(),
        state.corpus.source(j)
    );
    state.message = Some(crate::sanitize::clean_line(&text).into_owned());
}
