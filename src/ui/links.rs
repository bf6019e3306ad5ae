//! The links overlay: the cables the open cable cites (with their `REF:` letters), then the
//! cables citing it, each with its date and subject when loaded.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::overlay::{draw_rows, list_frame};
use crate::app::state::State;
use crate::app::web::{Side, row_text};
use crate::sanitize::clean_line;

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let view = &state.web;
    let id = view
        .of
        .and_then(|i| state.corpus.cables.get(i))
        .map(|c| clean_line(c.id()).into_owned())
        .unwrap_or_default();
    let cites = view.rows.iter().filter(|r| r.side == Side::Cites).count();
    let title = format!(
        " Links of {id}: cites {cites} · cited by {} ",
        view.rows.len() - cites
    );
    let Some(inner) = list_frame(frame, state, area, view.rows.len(), &title, "opens") else {
        return;
    };
    draw_rows(
        frame,
        inner,
        &state.theme,
        &view.cursor,
        view.rows.len(),
        |k| {
            let row = &view.rows[k];
            let side = match row.side {
                Side::Cites => "cites   ",
                Side::CitedBy => "cited by",
            };
            let text = format!(" {side}  {}", clean_line(&row_text(&state.corpus, row)));
            let style = if row.link.found.cable().is_some() {
                Style::new()
            } else {
                state.theme.dim()
            };
            (text, style)
        },
    );
}
