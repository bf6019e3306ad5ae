//! The `:diff` view: two versions of a cable compared paragraph by paragraph, removed words
//! in red within `[-…-]`, added ones in green within `{+…+}` (the marks alone in `mono`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::overlay::overlay_frame;
use crate::app::diff::Kind;
use crate::app::layout::overlay_box;
use crate::app::state::State;
use crate::keys::{Command, Context};

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let Some(d) = state.web.diff.as_ref() else {
        return;
    };
    let key = |a: Command| state.keymap.hint_or_name(Context::Global, a);
    let title = format!(
        " {}: version {} → version {} · {} ",
        d.id,
        d.a.number,
        d.b.number,
        match d.changes.len() {
            0 => "the same text".to_string(),
            1 => "1 place differs".to_string(),
            n => format!("{n} places differ"),
        }
    );
    let bottom = format!(
        " {}/{} scroll · {} closes ",
        key(Command::Down),
        key(Command::Up),
        key(Command::Cancel)
    );
    let r = overlay_box(area, d.lines.len());
    let Some(inner) = overlay_frame(frame, r, &title, &bottom) else {
        return;
    };
    let colour = state.theme.palette.accent.is_some();
    let style = |k: Kind| match k {
        Kind::Text => Style::new(),
        Kind::Removed if colour => Style::new().fg(Color::Red),
        Kind::Added if colour => Style::new().fg(Color::Green),
        Kind::Removed | Kind::Added => Style::new(),
        Kind::Place => Style::new().add_modifier(Modifier::BOLD),
        Kind::Note => state.theme.dim(),
    };
    let lines: Vec<Line> = d
        .lines
        .iter()
        .skip(d.scroll)
        .take(usize::from(inner.height))
        .map(|l| {
            Line::from(
                l.iter()
                    .map(|(k, t)| Span::styled(t.clone(), style(*k)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
