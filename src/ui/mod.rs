//! Drawing: a pure function of [`State`]. Nothing here changes state.

pub mod filter;
pub mod help;
pub mod list;
pub mod prompt;
pub mod reader;
pub mod results;
pub mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

use crate::app::state::{Overlay, State};
use crate::cable::Level;
use theme::{Theme, ThemeName};

pub use crate::app::layout::{
    Areas, FILTER_WIDTH, MIN_HEIGHT, MIN_WIDTH, TALL, WIDE, areas, centered, pane_inner,
    reader_text_area,
};
pub use crate::config::theme;
pub use crate::text::truncate;

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

/// Draws the whole screen.
pub fn draw(state: &State, frame: &mut Frame) {
    let area = frame.area();
    let Some(a) = areas(area, &state.layout_flags()) else {
        draw_too_small(state, frame, area);
        return;
    };
    if let Some(r) = a.list {
        list::draw(state, frame, r);
    }
    if let Some(r) = a.reader {
        reader::draw(state, frame, r);
    }
    if let Some(r) = a.filter {
        filter::draw(state, frame, r);
    }
    status::draw(state, frame, a.status);
    if let (Some(r), Some(p)) = (a.prompt, state.prompt.as_ref()) {
        prompt::draw(p, frame, r);
    }
    match &state.overlay {
        Some(Overlay::Help { scroll }) => help::draw(state, *scroll, frame, area),
        Some(Overlay::Errors { scroll }) => help::draw_errors(state, *scroll, frame, area),
        Some(Overlay::Bookmarks) => help::draw_bookmarks(state, frame, area),
        Some(Overlay::Results) => results::draw(state, frame, area),
        None => {}
    }
}

fn draw_too_small(state: &State, frame: &mut Frame, area: Rect) {
    let text = format!(
        "Terminal too small: {}x{}, need {MIN_WIDTH}x{MIN_HEIGHT}. q quits.",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .style(state.theme.warning()),
        area,
    );
}

/// The colour that stands for a classification level in the default (dark) theme.
pub fn level_color(level: Level) -> Color {
    Theme::builtin(ThemeName::Dark)
        .level_color(level)
        .unwrap_or(Color::Reset)
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
