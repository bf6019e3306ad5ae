//! Everything the reader can do. Keys, mouse, prompts and tests all speak in [`Action`]s.

use crossterm::event::KeyEvent;
use serde::Deserialize;

use std::sync::Arc;

use super::keymap::KeyChord;
use super::state::{Pane, SortKey};
use crate::cable::IndexEvent;
use crate::cable::search::SearchEvent;

/// An event from a background thread, carried in an [`Action`]. Two are equal only when they
/// are the same event.
#[derive(Debug, Clone)]
pub struct Shared<T>(pub Arc<T>);

impl<T: Clone> Shared<T> {
    pub fn new(t: T) -> Shared<T> {
        Shared(Arc::new(t))
    }

    /// The event itself (copied only if it was shared).
    pub fn take(self) -> T {
        Arc::try_unwrap(self.0).unwrap_or_else(|a| (*a).clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Eq for Shared<T> {}

/// One change of state. Unit variants are the keymap's vocabulary (`quit = ["q"]` in TOML);
/// the others carry data and come from prompts, the mouse or the event loop.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    Cancel,
    Suspend,
    Down,
    Up,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    FocusNext,
    FocusPrev,
    Open,
    NextParagraph,
    PrevParagraph,
    Command,
    JumpPrompt,
    Back,
    Search,
    SearchNext,
    SearchPrev,
    ToggleMarking,
    ClearFilter,
    ToggleHeader,
    ToggleRaw,
    ToggleList,
    ShowErrors,
    Bookmark,
    BookmarkList,
    RemoveBookmark,
    Copy,
    Sort,
    SearchCorpus,

    /// The terminal is now this many columns and rows.
    #[serde(skip)]
    Resize(u16, u16),
    /// Scroll so that the paragraph with this number is at the top.
    #[serde(skip)]
    JumpTo(u32),
    /// Show only paragraphs with these markings, written as in the filter pane and separated
    /// by commas (`U,SBU`); a level alone (`S`) takes every marking of that level; empty clears.
    #[serde(skip)]
    SetFilter(String),
    /// Search the open cable for this text; empty clears.
    #[serde(skip)]
    SearchFor(String),
    /// Run a command line as typed after `:`.
    #[serde(skip)]
    RunCommand(String),
    /// Open the prompt of this kind with this text already typed.
    #[serde(skip)]
    OpenPrompt(PromptKind, String),
    /// A key for the open prompt.
    #[serde(skip)]
    PromptKey(KeyEvent),
    /// Pasted text for the open prompt.
    #[serde(skip)]
    PromptPaste(String),
    /// The first keys of a multi-key binding were typed.
    #[serde(skip)]
    KeyPrefix(Vec<KeyChord>),
    /// Scroll a pane by lines (mouse wheel); positive is down.
    #[serde(skip)]
    Scroll(Pane, i32),
    /// Focus a pane and, where the pane has rows, select the row at this offset from its top.
    #[serde(skip)]
    Click(Pane, Option<u16>),
    /// Show a short message in the status line.
    #[serde(skip)]
    Message(String),
    /// Sort the list so.
    #[serde(skip)]
    SortBy(SortKey),
    /// Search every cable for this regular expression; the hits stream into a list.
    #[serde(skip)]
    SearchAll(String),
    /// Cables indexed in the background.
    #[serde(skip)]
    Indexed(Shared<IndexEvent>),
    /// What the corpus search with this generation found; `None` when it has ended.
    #[serde(skip)]
    Searched(u64, Shared<Option<SearchEvent>>),
}

/// What a prompt's text means when Enter is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `:12`, `:filter SBU`, `:q` ...
    Command,
    /// `/text`
    Search,
}

impl PromptKind {
    pub fn symbol(self) -> &'static str {
        match self {
            PromptKind::Command => ":",
            PromptKind::Search => "/",
        }
    }
}

/// Every bindable action with its keymap name and help text, in the order help lists them.
pub const BINDABLE: &[(Action, &str, &str)] = &[
    (Action::Down, "down", "down a line / to the next row"),
    (Action::Up, "up", "up a line / to the previous row"),
    (Action::PageDown, "page_down", "page down"),
    (Action::PageUp, "page_up", "page up"),
    (Action::HalfPageDown, "half_page_down", "half a page down"),
    (Action::HalfPageUp, "half_page_up", "half a page up"),
    (Action::Top, "top", "go to the top"),
    (Action::Bottom, "bottom", "go to the bottom"),
    (Action::NextParagraph, "next_paragraph", "next paragraph"),
    (
        Action::PrevParagraph,
        "prev_paragraph",
        "previous paragraph",
    ),
    (Action::FocusNext, "focus_next", "focus the next pane"),
    (Action::FocusPrev, "focus_prev", "focus the previous pane"),
    (Action::Open, "open", "open the selected cable or bookmark"),
    (Action::Command, "command", "command prompt (see Commands)"),
    (
        Action::JumpPrompt,
        "jump_prompt",
        "jump: type ¶ number, then enter",
    ),
    (Action::Back, "back", "back to where you were before a jump"),
    (
        Action::Bookmark,
        "bookmark",
        "bookmark / unbookmark the paragraph",
    ),
    (
        Action::BookmarkList,
        "bookmark_list",
        "list bookmarks; enter goes there",
    ),
    (
        Action::RemoveBookmark,
        "remove_bookmark",
        "remove the selected bookmark",
    ),
    (Action::Copy, "copy", "copy the paragraph with its citation"),
    (Action::Search, "search", "search the open cable (any case)"),
    (
        Action::SearchCorpus,
        "search_corpus",
        "search every cable (:search PATTERN)",
    ),
    (
        Action::Sort,
        "sort",
        "sort the list: source, date, id, origin, class",
    ),
    (Action::SearchNext, "search_next", "next search match"),
    (Action::SearchPrev, "search_prev", "previous search match"),
    (
        Action::ToggleMarking,
        "toggle_marking",
        "show/hide paragraphs so marked",
    ),
    (
        Action::ClearFilter,
        "clear_filter",
        "clear the marking filter",
    ),
    (
        Action::ToggleHeader,
        "toggle_header",
        "fold/unfold the decoded header",
    ),
    (
        Action::ToggleRaw,
        "toggle_raw",
        "show/hide the header text as written",
    ),
    (
        Action::ToggleList,
        "toggle_list",
        "hide/show the document list",
    ),
    (
        Action::ShowErrors,
        "show_errors",
        "list files that failed to load",
    ),
    (Action::Help, "help", "this help"),
    (
        Action::Cancel,
        "cancel",
        "close overlay/prompt, clear search",
    ),
    (
        Action::Suspend,
        "suspend",
        "suspend to the shell (fg resumes)",
    ),
    (Action::Quit, "quit", "close overlay, else quit"),
];

impl Action {
    /// The keymap name of a bindable action.
    pub fn name(&self) -> Option<&'static str> {
        BINDABLE
            .iter()
            .find(|(a, _, _)| a == self)
            .map(|(_, n, _)| *n)
    }

    /// What a bindable action does, for the help overlay.
    pub fn description(&self) -> Option<&'static str> {
        BINDABLE
            .iter()
            .find(|(a, _, _)| a == self)
            .map(|(_, _, d)| *d)
    }

    /// Parses a keymap name (`page_down`).
    pub fn from_name(name: &str) -> Option<Action> {
        let action: Action =
            serde::Deserialize::deserialize(toml::Value::String(name.to_string())).ok()?;
        action.name().is_some().then_some(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_serde() {
        for (action, name, _) in BINDABLE {
            assert_eq!(Action::from_name(name).as_ref(), Some(action), "{name}");
        }
        assert_eq!(Action::from_name("resize"), None);
        assert_eq!(Action::from_name("nonsense"), None);
    }
}
