//! The full-screen reader: The Elm Architecture. Keys and mouse become [`Action`]s, [`update`]
//! applies them to [`State`], and [`crate::ui::draw`] draws the state.

pub mod action;
pub mod keymap;
pub mod state;
pub mod update;

use std::time::Duration;

use crossterm::event::{
    self, Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Position;

pub use action::{Action, PromptKind};
pub use keymap::{Context, KeyChord, Keymap, Lookup};
pub use state::{Overlay, Pane, State};
pub use update::{dispatch, update};

use crate::cable::LoadReport;
use crate::{terminal, ui};

/// Runs the reader on what was loaded until the user quits.
pub fn run(report: LoadReport) -> anyhow::Result<()> {
    let keymap = Keymap::default_keymap();
    let conflicts = keymap.conflicts().to_vec();
    let mut term = terminal::init()?;
    let _restore = terminal::RestoreOnDrop;
    let size = term.size()?;
    let mut state = State::new(report, keymap, size.width, size.height);
    if let Some(c) = conflicts.first() {
        state.message = Some(format!("Keymap: {c}"));
    }
    let result = event_loop(&mut term, &mut state);
    terminal::restore()?;
    result
}

fn event_loop(term: &mut terminal::Tui, state: &mut State) -> anyhow::Result<()> {
    loop {
        let size = term.size()?;
        if (size.width, size.height) != state.size {
            dispatch(state, Action::Resize(size.width, size.height));
        }
        term.draw(|f| ui::draw(state, f))?;

        // Handle everything already queued before drawing again, so a burst of keys or wheel
        // events costs one frame.
        let mut ev = event::read()?;
        loop {
            handle_event(state, ev);
            if state.should_quit || state.suspend_requested {
                break;
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
            ev = event::read()?;
        }
        if state.should_quit {
            return Ok(());
        }
        if state.suspend_requested {
            state.suspend_requested = false;
            terminal::suspend(term)?;
        }
    }
}

/// Turns one terminal event into actions and applies them.
pub fn handle_event(state: &mut State, ev: Event) {
    let action = match ev {
        Event::Key(key) => key_action(state, key),
        Event::Mouse(m) => mouse_action(state, m),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Paste(text) if state.prompt.is_some() => Some(Action::PromptPaste(text)),
        _ => None,
    };
    if let Some(a) = action {
        dispatch(state, a);
    }
}

/// What a key means now. While a prompt is open it gets every key.
pub fn key_action(state: &State, key: KeyEvent) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if state.prompt.is_some() {
        return Some(Action::PromptKey(key));
    }
    let chord = KeyChord::from_event(&key);
    let ctx = if state.overlay.is_some() {
        Context::Global
    } else {
        state.focus.context()
    };
    let mut seq = state.pending_keys.clone();
    seq.push(chord);
    match state.keymap.lookup(ctx, &seq) {
        Lookup::Action(a) => Some(resolve(a, chord)),
        Lookup::Prefix => Some(Action::KeyPrefix(seq)),
        Lookup::None if seq.len() > 1 => match state.keymap.lookup(ctx, &[chord]) {
            // The pending keys led nowhere: the new key counts on its own.
            Lookup::Action(a) => Some(resolve(a, chord)),
            Lookup::Prefix => Some(Action::KeyPrefix(vec![chord])),
            Lookup::None => Some(Action::KeyPrefix(Vec::new())),
        },
        Lookup::None => None,
    }
}

/// A digit bound to `jump_prompt` opens the prompt with that digit already typed.
fn resolve(action: Action, chord: KeyChord) -> Action {
    match (action, chord.code) {
        (Action::JumpPrompt, KeyCode::Char(c)) if !c.is_control() => {
            Action::OpenPrompt(PromptKind::Command, c.to_string())
        }
        (a, _) => a,
    }
}

/// The wheel scrolls the pane under the pointer; a click focuses it.
pub fn mouse_action(state: &State, m: MouseEvent) -> Option<Action> {
    if state.prompt.is_some() {
        return None;
    }
    if state.overlay.is_some() {
        return match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll(Pane::Reader, 3)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(Pane::Reader, -3)),
            _ => None,
        };
    }
    let areas = state.areas()?;
    let at = Position::new(m.column, m.row);
    let pane = Pane::ALL
        .into_iter()
        .find(|p| areas.of(*p).is_some_and(|r| r.contains(at)))?;
    match m.kind {
        MouseEventKind::ScrollDown => Some(Action::Scroll(pane, 3)),
        MouseEventKind::ScrollUp => Some(Action::Scroll(pane, -3)),
        MouseEventKind::Down(MouseButton::Left) => {
            let inner = ui::pane_inner(areas.of(pane)?);
            // Lists have a row of column heads under the border.
            let row = match pane {
                Pane::List | Pane::Filter if inner.contains(at) && m.row > inner.y => {
                    Some(m.row - inner.y - 1)
                }
                _ => None,
            };
            Some(Action::Click(pane, row))
        }
        _ => None,
    }
}
