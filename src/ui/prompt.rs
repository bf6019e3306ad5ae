//! The one-line prompt at the bottom: `:` for commands and jumps, `/` for search.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use crate::app::state::Prompt;

pub fn draw(prompt: &Prompt, frame: &mut Frame, area: Rect) {
    if area.width < 2 {
        return;
    }
    frame.render_widget(
        Span::styled(
            prompt.kind.symbol(),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Rect { width: 1, ..area },
    );
    let rest = Rect {
        x: area.x + 1,
        width: area.width - 1,
        ..area
    };
    frame.render_widget(&prompt.textarea, rest);
}
