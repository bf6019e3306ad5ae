//! The hits of a search over every cable, as they arrive: id, ¶, marking and snippet.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::state::State;
use crate::keys::{Command, Context};
use crate::sanitize::clean_line;

use super::help::frame_box;
use crate::app::layout::results_box;
use crate::text::str_width;
use crate::text::truncate;

/// Hits the list shows at once.
pub fn height(state: &State) -> usize {
    state.results_height()
}

/// How far the search is: `123 hits · 45%`, or `123 hits` when done.
pub fn progress(state: &State) -> String {
    let Some(r) = &state.results else {
        return String::new();
    };
    let n = r.hits.len();
    let mut t = format!("{} hit{}", group(n as u64), if n == 1 { "" } else { "s" });
    if !r.done {
        let pct = (r.bytes_done * 100).checked_div(r.bytes_total).unwrap_or(0);
        t.push_str(&format!(" · searching {pct}%"));
    }
    if r.errors > 0 {
        t.push_str(&format!(" · {} unreadable", r.errors));
    }
    t
}

/// `251,287`.
pub fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let r = results_box(area);
    if r.width < 10 || r.height < 3 {
        return;
    }
    let Some(res) = &state.results else {
        return;
    };
    let km = &state.keymap;
    let key = |a: Command| km.hint_or_name(Context::Global, a);
    let within = res
        .scope
        .as_deref()
        .map(|s| format!(" · within {}", clean_line(s)))
        .unwrap_or_default();
    let title = format!(
        " Search {}{within} · {} ",
        clean_line(&res.pattern),
        progress(state)
    );
    let bottom = format!(
        " {} opens at the paragraph · {} closes ",
        key(Command::Open),
        key(Command::Cancel)
    );
    let inner = frame_box(
        frame,
        r,
        &truncate(&title, usize::from(r.width) - 2),
        &bottom,
    );
    let w = usize::from(inner.width);
    if res.hits.is_empty() {
        let text = if res.done {
            format!("No paragraph matches {}", clean_line(&res.pattern))
        } else {
            "Searching …".to_string()
        };
        frame.render_widget(
            Paragraph::new(Line::styled(truncate(&text, w), state.theme.dim())),
            inner,
        );
        return;
    }
    let start = res.cursor.offset.min(res.hits.len());
    let end = res.hits.len().min(start + usize::from(inner.height));
    let id_w = res.hits[start..end]
        .iter()
        .map(|h| str_width(&h.id))
        .max()
        .unwrap_or(0)
        .min(24);
    let mut lines = Vec::new();
    for (k, h) in res.hits.iter().enumerate().take(end).skip(start) {
        let id = truncate(&h.id, id_w);
        let mut text = format!(
            " {id}{} {:>5}  ",
            " ".repeat(id_w.saturating_sub(str_width(&id))),
            format!("¶{}", h.paragraph)
        );
        if let Some(m) = &h.marking {
            text.push_str(&format!("({m}) "));
        }
        text.push_str(&h.snippet);
        let text = truncate(&text, w);
        let pad = w.saturating_sub(str_width(&text));
        let mut style = Style::new();
        if k == res.cursor.selected {
            style = style.patch(state.theme.selection(true));
        }
        lines.push(Line::styled(format!("{text}{}", " ".repeat(pad)), style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
