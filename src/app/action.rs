//! Everything the reader can be asked to do. Keys, mouse, prompts and tests all speak in
//! [`Action`]s.

use crossterm::event::KeyEvent;

use std::sync::Arc;

use super::layout::Pane;
use super::list::SortKey;
use crate::cable::IndexEvent;
use crate::cable::search::SearchEvent;
use crate::keys::{Command, KeyChord};

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

/// One change of state: a command bound to a key, or what prompts, the mouse and the event
/// loop bring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A command, as a key bound to it gives it.
    Run(Command),
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
    /// Scroll so that the paragraph with this number is at the top.
    JumpTo(u32),
    /// Scroll so that the line this percent of the way through the cable is at the top.
    JumpPercent(u32),
    /// Show only paragraphs with these markings, written as in the filter pane and separated
    /// by commas (`U,SBU`); a level alone (`S`) takes every marking of that level; empty clears.
    SetFilter(String),
    /// Narrow the list to the cables this query finds; empty clears.
    SetLimit(String),
    /// Search the open cable for this text; empty clears.
    SearchFor(String),
    /// Run a command line as typed after `:`.
    RunCommand(String),
    /// Open the prompt of this kind with this text already typed.
    OpenPrompt(PromptKind, String),
    /// A key for the open prompt.
    PromptKey(KeyEvent),
    /// Pasted text for the open prompt.
    PromptPaste(String),
    /// The first keys of a multi-key binding were typed.
    KeyPrefix(Vec<KeyChord>),
    /// Scroll a pane by lines (mouse wheel); positive is down.
    Scroll(Pane, i32),
    /// Focus a pane and, where the pane has rows, select the row at this offset from its top.
    Click(Pane, Option<u16>),
    /// Show a short message in the status line.
    Message(String),
    /// Sort the list so.
    SortBy(SortKey),
    /// Sort the list so, the other way round (`:sort -date`).
    SortReversed(SortKey),
    /// Search every cable for this regular expression; the hits stream into a list.
    SearchAll(String),
    /// List the open cable's versions (`:versions`).
    Versions,
    /// Open version N (from 1, fullest first) of the open cable.
    Version(usize),
    /// Show what differs between two versions of the open cable: these (from 1), or the one
    /// open and the next fullest that differs.
    Diff(Option<(usize, usize)>),
    /// Cables indexed in the background.
    Indexed(Shared<IndexEvent>),
    /// What the corpus search with this generation found; `None` when it has ended.
    Searched(u64, Shared<Option<SearchEvent>>),
}

/// What a prompt's text means when Enter is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `:12`, `:filter SBU`, `:q` ...
    Command,
    /// `/text`
    Search,
    /// `/words` while the list has the keys: the next cable whose id or subject holds them.
    Find,
}

impl PromptKind {
    pub fn symbol(self) -> &'static str {
        match self {
            PromptKind::Command => ":",
            PromptKind::Search | PromptKind::Find => "/",
        }
    }
}

impl From<Command> for Action {
    fn from(c: Command) -> Action {
        Action::Run(c)
    }
}
