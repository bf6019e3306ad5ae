//! What every overlay draws with: a double-lined box over the screen with a title and a line of
//! keys; and, for the list overlays (links, versions, facets, search hits, bookmarks), the window
//! of rows at the list's cursor, each filled to the box's width so the selection is a bar.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use crate::app::cursor::Cursor;
use crate::app::layout::overlay_box;
use crate::app::state::State;
use crate::config::theme::Theme;
use crate::keys::{Command, Context, Keymap};
use crate::text::{str_width, truncate};

/// Clears `area` and frames it, `title` on top and `bottom` at the bottom right; the area inside.
pub fn frame_box(frame: &mut Frame, area: Rect, title: &str, bottom: &str) -> Rect {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .title(title.to_string())
        .title_bottom(Line::from(bottom.to_string()).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    inner
}

/// [`frame_box`] for an overlay at `area`; nothing is drawn, and `None` given, when the screen
/// leaves it too small to show anything.
pub fn overlay_frame(frame: &mut Frame, area: Rect, title: &str, bottom: &str) -> Option<Rect> {
    if area.width < 10 || area.height < 3 {
        return None;
    }
    Some(frame_box(frame, area, title, bottom))
}

/// The line of keys at an overlay's foot, from the live keymap: ` enter opens · esc closes `
/// for `[(Open, "opens"), (Cancel, "closes")]`.
pub fn keys_hint(keymap: &Keymap, context: Context, keys: &[(Command, &str)]) -> String {
    let parts: Vec<String> = keys
        .iter()
        .map(|(c, what)| format!("{} {what}", keymap.hint_or_name(context, *c)))
        .collect();
    format!(" {} ", parts.join(" · "))
}

/// The frame of a list overlay of `len` rows over `area`, its foot ` enter {opens} · esc
/// closes `: the area inside, `None` when the screen is too small.
pub fn list_frame(
    frame: &mut Frame,
    state: &State,
    area: Rect,
    len: usize,
    title: &str,
    opens: &str,
) -> Option<Rect> {
    let keys = [(Command::Open, opens), (Command::Cancel, "closes")];
    let bottom = keys_hint(&state.keymap, Context::Global, &keys);
    overlay_frame(frame, overlay_box(area, len), title, &bottom)
}

/// The rows of a list `len` long that show in `inner`, from the cursor's first row on screen.
pub fn window(cursor: &Cursor, len: usize, inner: Rect) -> Range<usize> {
    let start = cursor.offset.min(len);
    start..len.min(start + usize::from(inner.height))
}

/// Draws the [`window`] of a list `len` long in `inner`; `row(k)` is row `k`'s text and style.
/// Each row is cut or filled to the width; the selected one takes the selection's colours.
pub fn draw_rows(
    frame: &mut Frame,
    inner: Rect,
    theme: &Theme,
    cursor: &Cursor,
    len: usize,
    mut row: impl FnMut(usize) -> (String, Style),
) {
    let w = usize::from(inner.width);
    let lines: Vec<Line> = window(cursor, len, inner)
        .map(|k| {
            let (text, mut style) = row(k);
            let text = truncate(&text, w);
            let pad = w.saturating_sub(str_width(&text));
            if k == cursor.selected {
                style = style.patch(theme.selection(true));
            }
            Line::styled(format!("{text}{}", " ".repeat(pad)), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A dim line in `inner`, where a list has no rows to show.
pub fn draw_note(frame: &mut Frame, inner: Rect, theme: &Theme, text: &str) {
    let line = Line::styled(truncate(text, usize::from(inner.width)), theme.dim());
    frame.render_widget(Paragraph::new(line), inner);
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use ratatui::style::Modifier;

    use super::*;
    use crate::config::theme::ThemeName;

    #[test]
    fn the_foot_names_the_live_keys() {
        let km = Keymap::default_keymap();
        let hint = keys_hint(
            &km,
            Context::Bookmarks,
            &[(Command::Open, "opens"), (Command::Cancel, "closes")],
        );
        assert_eq!(hint, " enter opens · esc closes ");
    }

    #[test]
    fn rows_show_from_the_cursor_filled_to_the_width() {
        let theme = Theme::builtin(ThemeName::Mono);
        let cursor = Cursor {
            selected: 3,
            offset: 2,
        };
        let mut term = Terminal::new(TestBackend::new(12, 5)).unwrap();
        term.draw(|f| {
            let inner = overlay_frame(f, f.area(), " T ", " b ").unwrap();
            assert_eq!(window(&cursor, 9, inner), 2..5);
            draw_rows(f, inner, &theme, &cursor, 9, |k| {
                (format!("row {k} of nine"), Style::new())
            });
        })
        .unwrap();
        let buf = term.backend().buffer();
        let line = |y: u16| (0..12).map(|x| buf[(x, y)].symbol()).collect::<String>();
        assert_eq!(
            (1..4).map(line).collect::<Vec<_>>(),
            ["║row 2 of …║", "║row 3 of …║", "║row 4 of …║"]
        );
        assert!(buf[(1, 2)].modifier.contains(Modifier::REVERSED));
        assert!(!buf[(1, 1)].modifier.contains(Modifier::REVERSED));
        assert_eq!(window(&cursor, 3, Rect::new(0, 0, 10, 3)), 2..3);
    }
}
