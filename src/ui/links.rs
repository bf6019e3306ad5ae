//! The links overlay: the cables the open cable cites (with their `REF:` letters), then the
//! cables citing it, each with its date and subject when loaded.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::help::frame_box;
use crate::app::layout::overlay_box;
use crate::app::state::State;
use crate::app::web::{Side, row_text};
use crate::keys::{Command, Context};
use crate::sanitize::clean_line;
use crate::text::{str_width, truncate};

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let view = &state.web;
    let r = overlay_box(area, view.rows.len());
    if r.width < 10 || r.height < 3 {
        return;
    }
    let key = |a: Command| state.keymap.hint_or_name(Context::Global, a);
    let id = view
        .of
        .and_then(|i| state.corpus.cables.get(i))
        .map(|c| clean_line(&c.id).into_owned())
        .unwrap_or_default();
    let cites = view.rows.iter().filter(|r| r.side == Side::Cites).count();
    let title = format!(
        " Links of {id}: cites {cites} · cited by {} ",
        view.rows.len() - cites
    );
    let bottom = format!(
        " {} opens · {} closes ",
        key(Command::Open),
        key(Command::Cancel)
    );
    let inner = frame_box(frame, r, &title, &bottom);
    let w = usize::from(inner.width);
    let start = view.cursor.offset.min(view.rows.len());
    let end = view.rows.len().min(start + usize::from(inner.height));
    let mut lines = Vec::new();
    for (k, row) in view.rows.iter().enumerate().take(end).skip(start) {
        let side = match row.side {
            Side::Cites => "cites   ",
            Side::CitedBy => "cited by",
        };
        let text = format!(" {side}  {}", clean_line(&row_text(&state.corpus, row)));
        let text = truncate(&text, w);
        let pad = w.saturating_sub(str_width(&text));
        let mut style = if row.link.found.cable().is_some() {
            Style::new()
        } else {
            state.theme.dim()
        };
        if k == view.cursor.selected {
            style = style.patch(state.theme.selection(true));
        }
        lines.push(Line::styled(format!("{text}{}", " ".repeat(pad)), style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
