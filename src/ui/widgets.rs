//! Pieces every pane draws with: its frame and its scrollbar.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders};

use crate::config::theme::Theme;

/// The frame around a pane; the focused one is drawn thick so it shows without colour too.
pub fn pane_block<'a>(theme: &Theme, title: &'a str, focused: bool) -> Block<'a> {
    let border_type = if focused {
        BorderType::Thick
    } else {
        BorderType::Plain
    };
    let style = theme.border(focused);
    Block::new()
        .borders(Borders::ALL)
        .border_type(border_type)
        .border_style(style)
        .title(title)
        .title_style(if focused {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        })
}

/// A scrollbar on the right border of a bordered pane: `position` of `max` scroll positions.
pub fn scrollbar(frame: &mut Frame, area: Rect, max: usize, position: usize) {
    if area.height <= 2 {
        return;
    }
    let mut sb = ratatui::widgets::ScrollbarState::new(max.max(1)).position(position);
    frame.render_stateful_widget(
        ratatui::widgets::Scrollbar::new(ratatui::widgets::ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None),
        Rect {
            y: area.y + 1,
            height: area.height - 2,
            ..area
        },
        &mut sb,
    );
}
