//! Help, generated from the live keymap so it cannot drift from the bindings; and the list of
//! inputs that failed to load.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::overlay::{draw_note, draw_rows, keys_hint, overlay_frame};

use crate::app::help::{self, Row};
use crate::app::layout::{bookmarks_box, overlay_box};
use crate::app::state::State;
use crate::config::theme::Theme;
use crate::keys::{Command, Context};
use crate::sanitize::clean_line;

use crate::text::str_width;
use crate::text::truncate;

use crate::app::help::KEY_COL;

fn entry(keys: &str, what: &str) -> Line<'static> {
    let pad = KEY_COL.saturating_sub(str_width(keys)).max(1);
    Line::from(vec![
        Span::styled(
            format!("  {keys}"),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::raw(" ".repeat(pad)),
        Span::raw(what.to_string()),
    ])
}

fn line(theme: &Theme, row: &Row) -> Line<'static> {
    match row {
        Row::Heading(text) => Line::styled(text.clone(), theme.heading()),
        Row::Entry(keys, what) => entry(keys, what),
        Row::Blank => Line::default(),
    }
}

/// The overlay's footer, from the live keymap: ` j/k scroll · esc or q closes `.
fn scroll_hint(state: &State) -> String {
    let key = |a: Command| state.keymap.hint(Context::Global, a);
    let scroll = match (key(Command::Down), key(Command::Up)) {
        (Some(d), Some(u)) => format!("{d}/{u} scroll · "),
        _ => String::new(),
    };
    let close: Vec<String> = [key(Command::Cancel), key(Command::Quit)]
        .into_iter()
        .flatten()
        .collect();
    format!(" {scroll}{} closes ", close.join(" or "))
}

pub fn draw(state: &State, scroll: usize, frame: &mut Frame, area: Rect) {
    let r = overlay_box(area, help::help_len(&state.keymap, area));
    let title = " Help: keys of the live keymap ";
    let Some(inner) = overlay_frame(frame, r, title, &scroll_hint(state)) else {
        return;
    };
    // The rows come wrapped to the columns' widths; each column shows the same window of them.
    let columns = help::laid_out(&state.keymap, area);
    let half = inner.width / 2;
    let mut x = inner.x;
    for (k, rows) in columns.iter().enumerate() {
        let width = if columns.len() == 1 {
            inner.width
        } else if k == 0 {
            half.saturating_sub(1)
        } else {
            inner.width.saturating_sub(half + 1)
        };
        let end = rows.len().min(scroll + usize::from(inner.height));
        let window: Vec<Line> = rows
            .get(scroll.min(end)..end)
            .unwrap_or(&[])
            .iter()
            .map(|row| line(&state.theme, row))
            .collect();
        let rect = Rect { x, width, ..inner };
        frame.render_widget(Paragraph::new(window), rect);
        x = inner.x + half + 1;
    }
}

pub fn draw_errors(state: &State, scroll: usize, frame: &mut Frame, area: Rect) {
    let r = overlay_box(area, state.errors.len() * 2);
    let title = format!(" {} inputs failed to load ", state.errors.len());
    let Some(inner) = overlay_frame(frame, r, &title, &scroll_hint(state)) else {
        return;
    };
    let w = usize::from(inner.width);
    // Two lines an error: the path, then the reason under it.
    let first = scroll / 2;
    let end = state
        .errors
        .len()
        .min(first + usize::from(inner.height) / 2 + 1);
    let mut lines: Vec<Line> = Vec::new();
    for (path, reason) in state.errors.get(first.min(end)..end).unwrap_or(&[]) {
        lines.push(Line::styled(
            truncate(path, w),
            Style::new().add_modifier(Modifier::BOLD),
        ));
        lines.push(Line::styled(
            truncate(&format!("  {reason}"), w),
            state.theme.warning(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The bookmarks across every corpus: id, ¶, marking and first words; those whose cable is not
/// loaded now are marked so.
pub fn draw_bookmarks(state: &State, frame: &mut Frame, area: Rect) {
    let km = &state.keymap;
    let marks = &state.memory.bookmarks;
    let title = format!(" Bookmarks {} ", marks.len());
    let bottom = keys_hint(
        km,
        Context::Bookmarks,
        &[
            (Command::Open, "opens"),
            (Command::RemoveBookmark, "removes"),
            (Command::Cancel, "closes"),
        ],
    );
    let r = bookmarks_box(area, marks.len());
    let Some(inner) = overlay_frame(frame, r, &title, &bottom) else {
        return;
    };
    if marks.is_empty() {
        let text = format!(
            "No bookmarks yet: {} bookmarks the current paragraph (marked ▎).",
            km.hint(Context::Reader, Command::Bookmark)
                .unwrap_or_else(|| "bookmark".into())
        );
        draw_note(frame, inner, &state.theme, &text);
        return;
    }
    let id_w = marks
        .iter()
        .map(|b| str_width(&b.id))
        .max()
        .unwrap_or(0)
        .min(24);
    let num_w = marks
        .iter()
        .map(|b| b.paragraph.to_string().len() + 1)
        .max()
        .unwrap_or(2);
    let cursor = &state.bookmarks.cursor;
    draw_rows(frame, inner, &state.theme, cursor, marks.len(), |k| {
        let b = &marks[k];
        let loaded = state.bookmarks.cables.get(k).copied().flatten().is_some();
        // The memory file is text anyone could have edited: show it, never obey it.
        let id = truncate(&clean_line(&b.id), id_w);
        let mut text = format!(
            " {id}{} {:>num_w$}  ",
            " ".repeat(id_w.saturating_sub(str_width(&id))),
            format!("¶{}", b.paragraph)
        );
        if let Some(m) = &b.marking {
            text.push_str(&clean_line(m));
            text.push(' ');
        }
        text.push_str(&clean_line(&b.words));
        if !loaded {
            text.push_str("  (not loaded)");
        }
        let style = if loaded {
            Style::new()
        } else {
            state.theme.dim()
        };
        (text, style)
    });
}
