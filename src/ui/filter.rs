//! The marking filter: every marking in what is loaded, with paragraph counts, each on or off.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::app::state::{FilterKey, Pane, State};

use super::widgets::pane_block;
use crate::app::layout::pane_inner;
use crate::text::str_width;
use crate::text::truncate;

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let focused = state.focus == Pane::Filter;
    let theme = &state.theme;
    let on = state.filter.enabled.iter().filter(|e| **e).count();
    let title = if on == 0 {
        " Markings ".to_string()
    } else {
        format!(" Markings · {on} on ")
    };
    frame.render_widget(pane_block(theme, &title, focused), area);
    let inner = pane_inner(area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let w = usize::from(inner.width);
    let head = if state.markings.keys.is_empty() {
        "no paragraphs loaded"
    } else if on == 0 {
        "all shown · space picks"
    } else {
        "only [x] shown · c clears"
    };
    let mut lines = vec![Line::styled(truncate(head, w), theme.dim())];

    let height = usize::from(inner.height.saturating_sub(1));
    let keys = &state.markings.keys;
    let start = state.filter.cursor.offset.min(keys.len());
    let end = keys.len().min(start + height);
    for (i, key) in keys.iter().enumerate().take(end).skip(start) {
        let enabled = state.filter.enabled.get(i).copied().unwrap_or(false);
        let check = if enabled { "[x] " } else { "[ ] " };
        let count = state
            .markings
            .totals
            .get(i)
            .copied()
            .unwrap_or(0)
            .to_string();
        let marking = match key {
            FilterKey::Marked(m) => Some(m),
            FilterKey::Unmarked => None,
        };
        let label = truncate(&key.label(), w.saturating_sub(4 + count.len() + 1));
        let pad = w.saturating_sub(4 + str_width(&label) + count.len());
        let mut line = Line::from(vec![
            Span::raw(check),
            Span::styled(label, theme.badge(marking)),
            Span::raw(" ".repeat(pad)),
            Span::styled(count, theme.dim()),
        ]);
        if i == state.filter.cursor.selected && focused {
            line = line.style(theme.selection(true));
        } else if enabled {
            line = line.style(Style::new().add_modifier(Modifier::BOLD));
        }
        lines.push(line);
    }
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), inner);
}
