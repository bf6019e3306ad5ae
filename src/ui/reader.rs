//! The paragraph view: the laid-out document drawn a window at a time, search matches
//! highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph as TextWidget;

use crate::app::doc::{DocLine, Piece};
use crate::app::find::Search;
use crate::app::state::{Pane, State};
use crate::cable::Cable;
use crate::config::theme::Theme;
use crate::text::reflow::shown;

use super::widgets::{pane_block, scrollbar};
use crate::app::layout::reader_text_area;
use crate::text::truncate;

/// The gutter mark beside each line of the current paragraph.
pub const CURRENT_MARK: &str = "▎";

/// Turns one laid-out line into styled text, highlighting search matches.
pub fn render_line(
    line: &DocLine,
    cable: &Cable,
    search: Option<&Search>,
    theme: &Theme,
) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::with_capacity(line.pieces.len() + 2);
    for p in &line.pieces {
        match p {
            Piece::Lit(s, style) => spans.push(Span::styled(s.clone(), *style)),
            Piece::Pad(n) => spans.push(Span::raw(" ".repeat(usize::from(*n)))),
            Piece::Text {
                src,
                start,
                end,
                style,
            } => {
                let text = src.text(cable);
                let (start, end) = (*start as usize, *end as usize);
                let mut pos = start;
                if let Some(s) = search {
                    for (k, m) in s.overlapping(*src, pos, end) {
                        let a = m.start.max(pos);
                        let b = m.end.min(end);
                        if a > pos {
                            spans.push(Span::styled(shown(text, pos, a), *style));
                        }
                        let hl = if s.current == Some(k) {
                            theme.search_current()
                        } else {
                            theme.search_hit()
                        };
                        spans.push(Span::styled(shown(text, a, b), hl));
                        pos = b;
                    }
                }
                if pos < end {
                    spans.push(Span::styled(shown(text, pos, end), *style));
                }
            }
        }
    }
    Line::from(spans)
}

/// The pane's title: the open cable's id and subject.
fn title(state: &State) -> String {
    match state.open_cable() {
        Some(c) => {
            let id = if c.id.is_empty() { "(no id)" } else { &c.id };
            if c.subject.is_empty() {
                format!(" {id} ")
            } else {
                format!(" {id} — {} ", c.subject)
            }
        }
        None => " No cable open ".to_string(),
    }
}

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let focused = state.focus == Pane::Reader;
    let inner = reader_text_area(area);
    let t = truncate(&title(state), usize::from(area.width.saturating_sub(4)));
    frame.render_widget(pane_block(&state.theme, &t, focused), area);
    let Some(cable) = state.open_cable() else {
        let msg = if state.corpus.is_empty() {
            "Nothing loaded. Give files or folders of cables on the command line."
        } else {
            "Select a cable in the list and press Enter."
        };
        frame.render_widget(TextWidget::new(msg).style(state.theme.dim()), inner);
        return;
    };
    let doc = &state.reader.doc;
    let top = state.reader.top;
    let height = usize::from(inner.height);
    let search = state
        .reader
        .search
        .as_ref()
        .filter(|s| s.cable == state.reader.open);
    let end = doc.lines.len().min(top.saturating_add(height));
    let visible: Vec<Line> = doc
        .lines
        .get(top..end)
        .unwrap_or(&[])
        .iter()
        .map(|l| render_line(l, cable, search, &state.theme))
        .collect();
    frame.render_widget(TextWidget::new(visible), inner);

    // The current paragraph is marked in the gutter left of the text.
    if let Some(lines) = state.current_lines()
        && inner.x > area.x + 1
    {
        let x = inner.x - 1;
        for line in lines.start.max(top)..lines.end.min(end) {
            let y = inner.y + (line - top) as u16;
            frame
                .buffer_mut()
                .set_string(x, y, CURRENT_MARK, state.theme.number());
        }
    }

    if doc.lines.len() > height {
        scrollbar(frame, area, doc.max_top(height), top);
    }
}
