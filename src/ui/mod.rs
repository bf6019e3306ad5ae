//! Drawing: a pure function of [`State`]. Nothing here changes state.

pub mod filter;
pub mod help;
pub mod list;
pub mod prompt;
pub mod reader;
pub mod results;
pub mod status;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

use crate::app::state::{Overlay, Pane, State};
use crate::cable::Level;
use theme::{Theme, ThemeName};

pub use crate::config::theme;
pub use crate::text::truncate;

/// Below this size the reader draws a notice instead of its panes.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;
/// From this width on the marking filter sits beside the paragraph view.
pub const WIDE: u16 = 100;
/// From this height on the document list sits above the paragraph view.
pub const TALL: u16 = 24;
/// Width of the marking filter pane beside the paragraph view.
pub const FILTER_WIDTH: u16 = 30;

/// Where each pane goes; a pane that does not fit is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub filter: Option<Rect>,
    pub status: Rect,
    pub prompt: Option<Rect>,
}

impl Areas {
    pub fn of(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Reader => self.reader,
            Pane::Filter => self.filter,
        }
    }
}

/// Lays the panes out in `area`; `None` when the terminal is too small.
///
/// Wide and tall terminals show all three panes. Narrower ones fold: the list and the filter
/// leave the screen, and whichever pane has focus takes the whole main area.
pub fn areas(state: &State, area: Rect) -> Option<Areas> {
    areas_for(state, area, state.focus)
}

fn areas_for(state: &State, area: Rect, focus: Pane) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let prompt_rows = u16::from(state.prompt.is_some());
    let [main, status, prompt] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(prompt_rows),
    ])
    .areas(area);
    let prompt = (prompt_rows > 0).then_some(prompt);

    let list_fits = state.show_list && area.height >= TALL;
    let filter_fits = area.width >= WIDE;
    let focus_folded = match focus {
        Pane::List => !list_fits,
        Pane::Filter => !filter_fits,
        Pane::Reader => false,
    };
    if focus_folded {
        let mut a = Areas {
            list: None,
            reader: None,
            filter: None,
            status,
            prompt,
        };
        match focus {
            Pane::List => a.list = Some(main),
            Pane::Filter => a.filter = Some(main),
            Pane::Reader => a.reader = Some(main),
        }
        return Some(a);
    }

    let (list, rest) = if list_fits {
        // Enough rows for what is listed, at most a third of the screen.
        let wanted = state.list.rows.len().saturating_add(3);
        let cap = (main.height / 3).max(5);
        let h = (wanted.min(usize::from(cap)) as u16).max(5);
        let [l, r] = Layout::vertical([Constraint::Length(h), Constraint::Min(1)]).areas(main);
        (Some(l), r)
    } else {
        (None, main)
    };
    let (reader, filter) = if filter_fits {
        let [r, f] =
            Layout::horizontal([Constraint::Min(1), Constraint::Length(FILTER_WIDTH)]).areas(rest);
        (r, Some(f))
    } else {
        (rest, None)
    };
    Some(Areas {
        list,
        reader: Some(reader),
        filter,
        status,
        prompt,
    })
}

/// The paragraph view's rectangle whenever it is on screen (text wrapping depends only on this).
pub fn reader_area(state: &State, area: Rect) -> Option<Rect> {
    areas_for(state, area, Pane::Reader)?.reader
}

/// The text area inside a pane's border and padding.
pub fn pane_inner(area: Rect) -> Rect {
    Block::new().borders(Borders::ALL).inner(area)
}

/// Where the paragraph view's text goes: inside the border, a column clear of it on each side
/// (the right border carries the scrollbar).
pub fn reader_text_area(area: Rect) -> Rect {
    let i = pane_inner(area);
    Rect {
        x: i.x.saturating_add(1).min(i.right()),
        width: i.width.saturating_sub(2),
        ..i
    }
}

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
    let Some(a) = areas(state, area) else {
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

/// A rectangle of at most `w` x `h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
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
