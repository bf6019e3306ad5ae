//! The status line: cable id, `¶N/M`, filter, search matches, messages.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::state::State;
use crate::keys::seq_name;

use crate::text::str_width;
use crate::text::truncate;

/// The status line's parts, left to right, as plain strings (also used by tests).
pub fn parts(state: &State) -> Vec<String> {
    let mut parts = Vec::new();
    match state.open_cable() {
        Some(c) => {
            let id = if c.id.is_empty() {
                "(no id)"
            } else {
                c.id.as_str()
            };
            let pos = state.paragraph_position().unwrap_or_else(|| "¶-".into());
            parts.push(format!("{id} {pos}"));
        }
        None => parts.push("no cable open".into()),
    }
    if let Some(v) = state.web.version_label(state.reader.open) {
        parts.push(v);
    }
    if state.indexing_now() {
        let p = state.corpus.progress;
        let pct = (p.bytes_done * 100).checked_div(p.bytes_total).unwrap_or(0);
        parts.push(format!(
            "indexing {pct}% · {} cables",
            super::results::group(state.corpus.len() as u64)
        ));
        let awaited = match &state.cited {
            Some(c) => Some(c.id.as_str()),
            None => state.pending_open.as_deref(),
        };
        if let Some(id) = awaited.filter(|_| !state.user_opened) {
            parts.push(
                crate::sanitize::clean_line(&format!("{id} opens once indexed")).into_owned(),
            );
        }
    }
    if let Some(f) = state.filter_label() {
        parts.push(format!("filter {f}"));
    }
    if let Some(s) = &state.reader.search
        && s.cable == state.reader.open
    {
        let visible = state.visible_matches();
        let hidden = s.matches.len() - visible.len();
        let mut t = match s
            .current
            .and_then(|c| visible.iter().position(|&(k, _)| k == c))
        {
            Some(p) => format!("/{} {}/{}", s.query, p + 1, visible.len()),
            None => format!("/{} {} matches", s.query, visible.len()),
        };
        if hidden > 0 {
            t.push_str(&format!(" (+{hidden} hidden)"));
        }
        parts.push(t);
    }
    parts
}

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let w = usize::from(area.width);
    let mut right = String::new();
    if !state.pending_keys.is_empty() {
        right.push_str(&seq_name(&state.pending_keys));
        right.push_str("  ");
    }
    // A message is the one thing said at a time: the standing note of load errors gives way.
    if !state.errors.is_empty() && state.message.is_none() {
        let n = state.errors.len();
        let s = if n == 1 { "" } else { "s" };
        right.push_str(&format!("{n} load error{s}: E  "));
    }
    right.push_str("? help ");

    let parts = parts(state);
    let mut spans = Vec::new();
    let mut used = 0;
    for (n, p) in parts.iter().enumerate() {
        let text = format!(" {p} ");
        let style = if n == 0 {
            state.theme.status()
        } else {
            state.theme.status_part()
        };
        let text = truncate(&text, w.saturating_sub(used));
        used += str_width(&text);
        spans.push(Span::styled(text, style));
        if used < w {
            spans.push(Span::raw(" "));
            used += 1;
        }
    }
    let right_w = str_width(&right);
    // Two blank columns keep a long message clear of the right-hand part.
    let room = w.saturating_sub(used + right_w + 2);
    if let Some(m) = &state.message {
        let m = truncate(m, room);
        used += str_width(&m);
        spans.push(Span::styled(m, state.theme.warning()));
    }
    if used + right_w <= w {
        spans.push(Span::raw(" ".repeat(w - used - right_w)));
        spans.push(Span::styled(right, state.theme.dim()));
    }
    frame.render_widget(Line::from(spans), area);
}
