//! The prompt at the bottom (`:` and `/`): what is typed, and the walk through what was typed
//! before.

use ratatui_textarea::TextArea;

use super::action::PromptKind;

/// An open prompt; it gets every key until Enter or Esc.
#[derive(Debug)]
pub struct Prompt {
    pub kind: PromptKind,
    pub textarea: TextArea<'static>,
    /// While Up and Down walk the history: the entry shown.
    pub history_at: Option<usize>,
    /// What was typed before walking the history, brought back by Down past the newest entry.
    pub draft: String,
}

impl Prompt {
    pub fn new(kind: PromptKind, text: &str) -> Prompt {
        let mut p = Prompt {
            kind,
            textarea: TextArea::default(),
            history_at: None,
            draft: String::new(),
        };
        p.set_text(text);
        p
    }

    pub fn text(&self) -> String {
        self.textarea.lines().join(" ")
    }

    /// Replaces what is typed, with the cursor at the end.
    pub fn set_text(&mut self, text: &str) {
        let mut textarea = TextArea::new(vec![text.to_string()]);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        textarea.set_cursor_line_style(ratatui::style::Style::new());
        self.textarea = textarea;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_set_and_read_back() {
        let mut p = Prompt::new(PromptKind::Search, "harbour");
        assert_eq!(p.text(), "harbour");
        p.set_text("filter SBU");
        assert_eq!((p.text().as_str(), p.kind.symbol()), ("filter SBU", "/"));
    }
}
