//! Drawing: a pure function of [`State`]. Nothing here changes state.

pub mod diff;
pub mod facets;
pub mod filter;
pub mod help;
pub mod links;
pub mod list;
pub mod overlay;
pub mod prompt;
pub mod reader;
pub mod results;
pub mod status;
pub mod versions;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH, areas};
use crate::app::state::{Overlay, State};
use crate::cable::Level;
use crate::config::theme::{Theme, ThemeName};

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
        Some(Overlay::Links) => links::draw(state, frame, area),
        Some(Overlay::Facets) => facets::draw(state, frame, area),
        Some(Overlay::Versions) => versions::draw(state, frame, area),
        Some(Overlay::Diff) => diff::draw(state, frame, area),
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
