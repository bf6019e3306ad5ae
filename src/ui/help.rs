//! Help, generated from the live keymap so it cannot drift from the bindings; and the list of
//! inputs that failed to load.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use crate::app::state::{Overlay, State};
use crate::config::theme::Theme;
use crate::keys::{Command, Context, KeySeq, seq_name};
use crate::sanitize::clean_line;

use super::{centered, truncate};
use crate::text::str_width;

const KEY_COL: usize = 16;

/// How the keys of one binding read: `j, down`; a run of digits as `0-9`.
pub fn keys_text(keys: &[KeySeq]) -> String {
    let names: Vec<String> = keys.iter().map(|k| seq_name(k)).collect();
    let digits: Vec<u32> = names
        .iter()
        .filter_map(|n| {
            let mut cs = n.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c.to_digit(10),
                _ => None,
            }
        })
        .collect();
    if digits.len() == names.len() && digits.len() > 2 {
        let (lo, hi) = (digits[0], digits[digits.len() - 1]);
        if hi >= lo && (hi - lo + 1) as usize == digits.len() {
            return format!("{lo}-{hi}");
        }
    }
    names.join(", ")
}

fn heading(theme: &Theme, text: &str) -> Line<'static> {
    Line::styled(text.to_string(), theme.heading())
}

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

/// The two halves of help: the bindings that hold everywhere, then the per-pane ones, commands
/// and mouse.
pub fn columns(state: &State) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let km = &state.keymap;
    let theme = &state.theme;
    let mut left = vec![heading(theme, Context::Global.title())];
    for (action, keys) in km.actions_in(Context::Global) {
        left.push(entry(&keys_text(&keys), action.description()));
    }
    let mut right = Vec::new();
    for ctx in [
        Context::List,
        Context::Reader,
        Context::Filter,
        Context::Bookmarks,
    ] {
        let actions = km.actions_in(ctx);
        if actions.is_empty() {
            continue;
        }
        right.push(heading(theme, ctx.title()));
        for (action, keys) in actions {
            right.push(entry(&keys_text(&keys), action.description()));
        }
        right.push(Line::default());
    }
    right.push(heading(theme, "Commands (type : first)"));
    for (k, what) in [
        (":12", "jump to paragraph 12"),
        (":filter SBU", "show only (SBU) paragraphs"),
        (":filter U,SBU", "show (U) and (SBU) paragraphs"),
        (":filter S", "every marking of level S"),
        (":filter", "clear the filter"),
        (":open ID", "open a cable by reference id"),
        (":search PATTERN", "search every cable (regex)"),
        (":sort date", "sort by date, id, origin, class, source"),
        (":q", "quit"),
    ] {
        right.push(entry(k, what));
    }
    right.push(Line::default());
    right.push(heading(theme, "Prompt and search"));
    right.push(entry("enter", "run the command / search"));
    right.push(entry("esc", "close; backspace on empty too"));
    right.push(entry("up, down", "earlier / later entries typed"));
    right.push(entry("/text enter", "highlight matches, go to the next"));
    right.push(Line::default());
    right.push(heading(theme, "Mouse"));
    right.push(entry("wheel", "scroll the pane under the pointer"));
    right.push(entry("click", "focus the pane, select the row"));
    (left, right)
}

fn two_columns(box_width: u16) -> bool {
    box_width >= 100
}

/// The overlay's box: as tall as its content needs, within the screen.
pub fn help_box(area: Rect, content: usize) -> Rect {
    let h = (content + 2).min(usize::from(area.height.saturating_sub(2))) as u16;
    centered(area, area.width.saturating_sub(2).min(112), h)
}

fn help_len(state: &State, area: Rect) -> usize {
    let (l, r) = columns(state);
    if two_columns(area.width.saturating_sub(2).min(112)) {
        l.len().max(r.len())
    } else {
        l.len() + 1 + r.len()
    }
}

/// Lines the overlay holds, for scrolling limits.
pub fn content_len(state: &State, overlay: Overlay) -> usize {
    match overlay {
        Overlay::Help { .. } => help_len(state, state.screen()),
        Overlay::Errors { .. } => state.errors.len() * 2,
        Overlay::Bookmarks => state.memory.bookmarks.len(),
        Overlay::Results => state.results.as_ref().map_or(0, |r| r.hits.len()),
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

pub fn draw(state: &State, scroll: usize, frame: &mut Frame, area: Rect) {
    let r = help_box(area, help_len(state, area));
    if r.width < 10 || r.height < 3 {
        return;
    }
    let inner = frame_box(
        frame,
        r,
        " Help: keys of the live keymap ",
        &scroll_hint(state),
    );
    let (left, right) = columns(state);
    if two_columns(r.width) {
        let half = inner.width / 2;
        let lr = Rect {
            width: half.saturating_sub(1),
            ..inner
        };
        let rr = Rect {
            x: inner.x + half + 1,
            width: inner.width - half - 1,
            ..inner
        };
        let s = scroll.min(u16::MAX as usize) as u16;
        frame.render_widget(Paragraph::new(left).scroll((s, 0)), lr);
        frame.render_widget(Paragraph::new(right).scroll((s, 0)), rr);
    } else {
        let mut all = left;
        all.push(Line::default());
        all.extend(right);
        let end = all.len().min(scroll + usize::from(inner.height));
        let window: Vec<Line> = all
            .get(scroll.min(end)..end)
            .map(|s| s.to_vec())
            .unwrap_or_default();
        frame.render_widget(Paragraph::new(window), inner);
    }
}

pub fn draw_errors(state: &State, scroll: usize, frame: &mut Frame, area: Rect) {
    let r = help_box(area, state.errors.len() * 2);
    if r.width < 10 || r.height < 3 {
        return;
    }
    let title = format!(" {} inputs failed to load ", state.errors.len());
    let inner = frame_box(frame, r, &title, &scroll_hint(state));
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

/// The bookmark list's box: one row a bookmark, within the screen.
fn bookmarks_box(state: &State, area: Rect) -> Rect {
    let rows = state.memory.bookmarks.len().max(1);
    help_box(area, rows)
}

/// Bookmarks the list shows at once.
pub fn bookmarks_height(state: &State) -> usize {
    usize::from(
        bookmarks_box(state, state.screen())
            .height
            .saturating_sub(2),
    )
}

/// The bookmarks across every corpus: id, ¶, marking and first words; those whose cable is not
/// loaded now are marked so.
pub fn draw_bookmarks(state: &State, frame: &mut Frame, area: Rect) {
    let r = bookmarks_box(state, area);
    if r.width < 10 || r.height < 3 {
        return;
    }
    let km = &state.keymap;
    let key = |a: Command| {
        km.hint(Context::Bookmarks, a)
            .unwrap_or_else(|| a.name().to_string())
    };
    let marks = &state.memory.bookmarks;
    let title = format!(" Bookmarks {} ", marks.len());
    let bottom = format!(
        " {} opens · {} removes · {} closes ",
        key(Command::Open),
        key(Command::RemoveBookmark),
        key(Command::Cancel)
    );
    let inner = frame_box(frame, r, &title, &bottom);
    let w = usize::from(inner.width);
    if marks.is_empty() {
        let text = format!(
            "No bookmarks yet: {} bookmarks the paragraph at the top of the view.",
            km.hint(Context::Reader, Command::Bookmark)
                .unwrap_or_else(|| "bookmark".into())
        );
        frame.render_widget(
            Paragraph::new(Line::styled(truncate(&text, w), state.theme.dim())),
            inner,
        );
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
    let start = state.bookmarks.cursor.offset.min(marks.len());
    let end = marks.len().min(start + usize::from(inner.height));
    let mut lines = Vec::new();
    for (k, b) in marks.iter().enumerate().take(end).skip(start) {
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
        let text = truncate(&text, w);
        let pad = w.saturating_sub(str_width(&text));
        let mut style = if loaded {
            Style::new()
        } else {
            state.theme.dim()
        };
        if k == state.bookmarks.cursor.selected {
            style = style.patch(state.theme.selection(true));
        }
        lines.push(Line::styled(format!("{text}{}", " ".repeat(pad)), style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
