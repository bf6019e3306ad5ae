//! The versions overlay: every version of the open cable, fullest first, with its source,
//! format, record and release; the one open is marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::help::frame_box;
use crate::app::layout::overlay_box;
use crate::app::state::State;
use crate::app::versions::row_text;
use crate::keys::{Command, Context};
use crate::sanitize::clean_line;
use crate::text::{str_width, truncate};

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let list = &state.web.version_list;
    let r = overlay_box(area, list.rows.len());
    if r.width < 10 || r.height < 3 {
        return;
    }
    let key = |a: Command| state.keymap.hint_or_name(Context::Global, a);
    let id = list
        .open
        .and_then(|i| state.corpus.cables.get(i))
        .map(|c| clean_line(&c.id).into_owned())
        .unwrap_or_default();
    let title = format!(" Versions of {id}: {}, fullest first ", list.rows.len());
    let bottom = format!(
        " {} opens · {} closes ",
        key(Command::Open),
        key(Command::Cancel)
    );
    let inner = frame_box(frame, r, &title, &bottom);
    let w = usize::from(inner.width);
    let start = list.cursor.offset.min(list.rows.len());
    let end = list.rows.len().min(start + usize::from(inner.height));
    let mut lines = Vec::new();
    for (k, &i) in list.rows.iter().enumerate().take(end).skip(start) {
        let open = state.reader.open == Some(i);
        // The open version is marked by a sign, not only by a style.
        let mark = if open { "▸" } else { " " };
        let row = row_text(&state.corpus, k + 1, i, w.saturating_sub(2));
        let text = format!("{mark} {}", clean_line(&row));
        let text = truncate(&text, w);
        let pad = w.saturating_sub(str_width(&text));
        let mut style = if open {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        if k == list.cursor.selected {
            style = style.patch(state.theme.selection(true));
        }
        lines.push(Line::styled(format!("{text}{}", " ".repeat(pad)), style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
