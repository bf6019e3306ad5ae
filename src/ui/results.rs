//! The hits of a search over every cable, as they arrive: id, ¶, marking and snippet.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::overlay::{draw_note, draw_rows, keys_hint, overlay_frame, window};
use crate::app::layout::results_box;
use crate::app::state::State;
use crate::keys::{Command, Context};
use crate::sanitize::clean_line;
use crate::text::{str_width, truncate};

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
    let Some(res) = &state.results else {
        return;
    };
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
    let bottom = keys_hint(
        &state.keymap,
        Context::Global,
        &[
            (Command::Open, "opens at the paragraph"),
            (Command::Cancel, "closes"),
        ],
    );
    let r = results_box(area);
    let title = truncate(&title, usize::from(r.width).saturating_sub(2));
    let Some(inner) = overlay_frame(frame, r, &title, &bottom) else {
        return;
    };
    if res.hits.is_empty() {
        let text = if res.done {
            format!("No paragraph matches {}", clean_line(&res.pattern))
        } else {
            "Searching …".to_string()
        };
        draw_note(frame, inner, &state.theme, &text);
        return;
    }
    let id_w = res.hits[window(&res.cursor, res.hits.len(), inner)]
        .iter()
        .map(|h| str_width(&h.id))
        .max()
        .unwrap_or(0)
        .min(24);
    draw_rows(
        frame,
        inner,
        &state.theme,
        &res.cursor,
        res.hits.len(),
        |k| {
            let h = &res.hits[k];
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
            (text, Style::new())
        },
    );
}
