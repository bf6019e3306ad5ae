//! The facets overlay: each field's values with the number of the list's cables having it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::overlay::{draw_rows, list_frame};
use crate::app::facets::FacetRow;
use crate::app::state::State;
use crate::sanitize::clean_line;

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let view = &state.facets;
    let title = format!(" Facets of {} cables ", view.cables);
    let Some(inner) = list_frame(
        frame,
        state,
        area,
        view.rows.len(),
        &title,
        "narrows the limit",
    ) else {
        return;
    };
    draw_rows(
        frame,
        inner,
        &state.theme,
        &view.cursor,
        view.rows.len(),
        |k| match &view.rows[k] {
            FacetRow::Heading(f) => (
                format!(" {}", f.name()),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            FacetRow::Value { value, count, .. } => (
                format!("   {count:>7}  {}", clean_line(value)),
                Style::new(),
            ),
        },
    );
}
