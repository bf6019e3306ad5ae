//! Moving: through the focused pane, between panes, to paragraphs, and back after a jump.

use crate::app::cursor::{Move, add};
use crate::app::doc::ItemKind;
use crate::app::state::{Pane, State};

pub(super) fn page(state: &State) -> usize {
    match state.focus {
        Pane::Reader => state.reader_height().saturating_sub(1).max(1),
        Pane::List => state.list_height(),
        Pane::Filter => state.filter_height(),
    }
}

pub(super) fn half_page(state: &State) -> usize {
    match state.focus {
        Pane::Reader => (state.reader_height() / 2).max(1),
        _ => (page(state) / 2).max(1),
    }
}

pub(super) fn move_by(state: &mut State, d: isize) {
    match state.focus {
        Pane::Reader => state.reader.top = add(state.reader.top, d).min(state.scroll_limit()),
        Pane::List => state.list.cursor.go(Move::By(d), state.list.rows.len()),
        Pane::Filter => state
            .filter
            .cursor
            .go(Move::By(d), state.markings.keys.len()),
    }
}

pub(super) fn move_to_end(state: &mut State, end: bool) {
    let m = if end { Move::Bottom } else { Move::Top };
    match state.focus {
        Pane::Reader => {
            let fill = state
                .reader
                .doc
                .total_lines()
                .saturating_sub(state.reader_height());
            let target = if end { fill.min(state.max_top()) } else { 0 };
            if target != state.reader.top {
                state.push_mark();
                state.reader.top = target;
            }
            // At the end the last paragraph is the one being read, though others are above it.
            state.reader.pinned = end
                .then(|| last_shown_paragraph(&state.reader.doc))
                .flatten()
                .map(|i| (target, i));
        }
        Pane::List => state.list.cursor.go(m, state.list.rows.len()),
        Pane::Filter => state.filter.cursor.go(m, state.markings.keys.len()),
    }
}

fn last_shown_paragraph(doc: &crate::app::doc::Doc) -> Option<usize> {
    doc.items.iter().rev().find_map(|it| match it.kind {
        ItemKind::Para(i) => Some(i),
        _ => None,
    })
}

pub(super) fn scroll_pane(state: &mut State, pane: Pane, d: i32) {
    let d = d as isize;
    match pane {
        Pane::Reader => state.reader.top = add(state.reader.top, d).min(state.scroll_limit()),
        // The wheel in the list moves the rows, as a wheel in a list usually does.
        Pane::List => {
            let h = state.list_height();
            state.list.cursor.scroll(d, state.list.rows.len(), h)
        }
        Pane::Filter => state
            .filter
            .cursor
            .go(Move::By(d), state.markings.keys.len()),
    }
}

pub(super) fn click(state: &mut State, pane: Pane, row: Option<u16>) {
    state.focus = pane;
    let Some(row) = row else { return };
    let row = usize::from(row);
    match pane {
        Pane::List => state.list.cursor.click(row, state.list.rows.len()),
        Pane::Filter => state.filter.cursor.click(row, state.markings.keys.len()),
        Pane::Reader => {}
    }
}

pub(super) fn cycle_focus(state: &State, dir: isize) -> Pane {
    let panes: Vec<Pane> = Pane::ALL
        .into_iter()
        .filter(|p| *p != Pane::List || state.show_list)
        .collect();
    let at = panes.iter().position(|p| *p == state.focus).unwrap_or(0);
    let n = panes.len() as isize;
    panes[((at as isize + dir).rem_euclid(n)) as usize]
}

pub(super) fn open_selected(state: &mut State) {
    let Some(&i) = state.list.rows.get(state.list.cursor.selected) else {
        state.message = Some("No cable to open".into());
        return;
    };
    let i = i as usize;
    if state.reader.open != Some(i) {
        state.push_mark();
        state.open(i);
    }
    state.focus = Pane::Reader;
}

/// `]` brings the next paragraph to the top, `[` the previous one.
pub(super) fn step_paragraph(state: &mut State, forward: bool) {
    let top = state.reader.top;
    let doc = &state.reader.doc;
    let starts = doc.items.iter().filter_map(|it| match it.kind {
        ItemKind::Para(_) => Some(it.first_line),
        _ => None,
    });
    let target = if forward {
        starts.into_iter().find(|&l| l > top)
    } else {
        starts.into_iter().rfind(|&l| l < top)
    };
    match target {
        Some(l) => state.reader.top = l.min(state.max_top()),
        None => {
            state.message = Some(if forward {
                "No paragraph after this one".into()
            } else {
                "No paragraph before this one".into()
            })
        }
    }
}

pub(in crate::app) fn jump_to(state: &mut State, n: u32) {
    let Some(cable) = state.open_cable() else {
        state.message = Some("No cable open".into());
        return;
    };
    let Some(i) = cable.paragraphs.iter().position(|p| p.number == Some(n)) else {
        let id = cable.id.clone();
        state.message = Some(match (cable.paragraphs.first(), state.reader.last_number) {
            (Some(first), Some(last)) => {
                format!(
                    "No ¶{n} in {id}: its paragraphs are numbered {}–{last}",
                    first.number.unwrap_or(0)
                )
            }
            _ => format!("{id} has no numbered paragraphs"),
        });
        return;
    };
    if !state.passes(&cable.paragraphs[i]) {
        let filter = state.filter_label().unwrap_or_default();
        state.message = Some(format!(
            "¶{n} is hidden by the filter ({filter}); :filter clears it"
        ));
        return;
    }
    let Some(line) = state.reader.doc.paragraph_line(i) else {
        return;
    };
    state.push_mark();
    state.reader.top = line.min(state.max_top());
    state.focus = Pane::Reader;
}

pub(super) fn back(state: &mut State) {
    let here = state.here();
    let Some(mark) = state.reader.jumps.back(here) else {
        state.message = Some("No earlier place to go back to".into());
        return;
    };
    go_to_mark(state, mark);
}

/// `Ctrl-i`: forward again to where `Ctrl-o` came back from.
pub(super) fn forward(state: &mut State) {
    let here = state.here();
    let Some(mark) = state.reader.jumps.forward(here) else {
        state.message = Some("No later place to go forward to".into());
        return;
    };
    go_to_mark(state, mark);
}

fn go_to_mark(state: &mut State, mark: crate::app::place::Mark) {
    if state.reader.open != Some(mark.cable) {
        state.open(mark.cable);
    }
    state.go_to_anchor(mark.anchor);
    state.focus = Pane::Reader;
}

/// `N%`: the line `N` percent of the way through the laid-out cable comes to the top.
pub(super) fn jump_percent(state: &mut State, n: u32) {
    if state.open_cable().is_none() {
        state.message = Some("No cable open".into());
        return;
    }
    let total = state.reader.doc.total_lines();
    let line = total.saturating_mul(n.min(100) as usize) / 100;
    let target = line.min(state.max_top());
    if target != state.reader.top {
        state.push_mark();
        state.reader.top = target;
    }
    state.focus = Pane::Reader;
}

/// How far through the cable the view is: the top line's share of all lines, 100 once the
/// end is on screen.
pub(crate) fn percent(state: &State) -> usize {
    let total = state.reader.doc.total_lines();
    let top = state.reader.top;
    if total == 0 || top + state.reader_height() >= total {
        return 100;
    }
    top * 100 / total
}

/// `Ctrl-g`: the open cable's id, the file it came from, the paragraph and how far through.
pub(super) fn where_am_i(state: &State) -> String {
    let Some((i, cable)) = state.reader.open.zip(state.open_cable()) else {
        return "No cable open".into();
    };
    let id = if cable.id.is_empty() {
        "(no id)"
    } else {
        cable.id.as_str()
    };
    let source = state.corpus.source(i);
    let pos = state.paragraph_position().unwrap_or_else(|| "¶-".into());
    let version = state
        .web
        .version_label(Some(i))
        .map(|v| format!(" · {v}"))
        .unwrap_or_default();
    format!("{id}{version} · {source} · {pos} · {}%", percent(state))
}

/// Opens the cable `d` rows down (up when negative) the list from the open one, as shown.
pub(super) fn step_cable(state: &mut State, d: isize) {
    let rows = &state.list.rows;
    let at = state
        .reader
        .open
        .and_then(|o| rows.iter().position(|&r| r as usize == o));
    let next = match at {
        Some(p) => p.checked_add_signed(d).filter(|&p| p < rows.len()),
        None => (!rows.is_empty()).then_some(0),
    };
    let Some(next) = next else {
        state.message = Some(if d > 0 {
            "The last cable of the list is open".into()
        } else {
            "The first cable of the list is open".into()
        });
        return;
    };
    let i = rows[next] as usize;
    state.open(i);
    state.list.cursor.selected = next;
}
