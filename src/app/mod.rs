//! The full-screen reader's model: The Elm Architecture. Terminal events become [`Action`]s
//! ([`input`]), [`update`] applies them to [`State`] and returns the [`Effect`]s for the event
//! loop to carry out. Drawing and the event loop are above this, in the view and the runtime;
//! nothing here draws or touches the terminal.

pub mod action;
pub mod bookmarks;
pub mod command_line;
pub mod complete;
pub mod corpus_search;
pub mod cursor;
pub mod diff;
pub mod doc;
pub mod document;
pub mod effect;
pub mod facets;
pub mod filter;
pub mod find;
pub mod groups;
pub mod help;
pub mod input;
pub mod intake;
pub mod jumps;
pub mod layout;
pub mod limit;
pub mod list;
pub mod list_find;
pub mod motion;
pub mod piece;
pub mod place;
pub mod prompt;
pub mod ref_marks;
pub mod set;
pub mod state;
pub mod texts;
pub mod update;
pub mod versions;
pub mod view_memory;
pub mod web;

pub use crate::keys::{Command, Context, KeyChord, Keymap, Lookup};
pub use action::{Action, PromptKind};
pub use effect::Effect;
pub use input::{handle_event, key_action, mouse_action};
pub use state::{Overlay, Pane, State};
pub use update::{dispatch, update};
