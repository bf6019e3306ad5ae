//! The facets overlay: each field's values with the number of the list's cables having it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::help::frame_box;
use crate::app::facets::FacetRow;
use crate::app::layout::overlay_box;
use crate::app::state::State;
use crate::keys::{Command, Context};
use crate::sanitize::clean_line;
use crate::text::{str_width, truncate};

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let view = &state.facets;
    let r = overlay_box(area, view.rows.len());
    if r.width < 10 || r.height < 3 {
        return;
    }
    let key = |a: Command| state.keymap.hint_or_name(Context::Global, a);
    let title = format!(" Facets of {} cables ", view.cables);
    let bottom = format!(
        " {} narrows the limit · {} closes ",
        key(Command::Open),
        key(Command::Cancel)
    );
    let inner = frame_box(frame, r, &title, &bottom);
    let w = usize::from(inner.width);
    let start = view.cursor.offset.min(view.rows.len());
    let end = view.rows.len().min(start + usize::from(inner.height));
    let mut lines = Vec::new();
    for (k, row) in view.rows.iter().enumerate().take(end).skip(start) {
        let (text, mut style) = match row {
            FacetRow::Heading(f) => (
                format!(" {}", f.name()),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            FacetRow::Value { value, count, .. } => (
                format!("   {count:>7}  {}", clean_line(value)),
                Style::new(),
            ),
        };
        let text = truncate(&text, w);
        let pad = w.saturating_sub(str_width(&text));
        if k == view.cursor.selected {
            style = style.patch(state.theme.selection(true));
        }
        lines.push(Line::styled(format!("{text}{}", " ".repeat(pad)), style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
