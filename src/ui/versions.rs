//! The versions overlay: every version of the open cable, fullest first, with its source,
//! format, record and release; the one open is marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::overlay::{draw_rows, list_frame};
use crate::app::state::State;
use crate::app::versions::row_text;
use crate::sanitize::clean_line;

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let list = &state.web.version_list;
    let id = list
        .open
        .and_then(|i| state.corpus.cables.get(i))
        .map(|c| clean_line(c.id()).into_owned())
        .unwrap_or_default();
    let title = format!(" Versions of {id}: {}, fullest first ", list.rows.len());
    let Some(inner) = list_frame(frame, state, area, list.rows.len(), &title, "opens") else {
        return;
    };
    let w = usize::from(inner.width);
    draw_rows(
        frame,
        inner,
        &state.theme,
        &list.cursor,
        list.rows.len(),
        |k| {
            let i = list.rows[k];
            let open = state.reader.open == Some(i);
            // The open version is marked by a sign, not only by a style.
            let mark = if open { "▸" } else { " " };
            let row = row_text(&state.corpus, k + 1, i, w.saturating_sub(2));
            let style = if open {
                Style::new().add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            };
            (format!("{mark} {}", clean_line(&row)), style)
        },
    );
}
