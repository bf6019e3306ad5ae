//! Terminal events become actions: keys through the keymap (with sequences and a digit
//! starting the jump prompt), the wheel and clicks by where they land.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Position;

use super::action::{Action, PromptKind};
use super::effect::Effect;
use super::layout;
use super::state::{Overlay, Pane, State};
use super::update::dispatch;
use crate::keys::{Command, Context, KeyChord, Lookup};

/// Turns one terminal event into actions and applies them; returns what the event loop is to do.
pub fn handle_event(state: &mut State, ev: Event) -> Vec<Effect> {
    let action = match ev {
        Event::Key(key) => key_action(state, key),
        Event::Mouse(m) => mouse_action(state, m),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Paste(text) if state.prompt.is_some() => Some(Action::PromptPaste(text)),
        _ => None,
    };
    match action {
        Some(a) => dispatch(state, a),
        None => Vec::new(),
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
    let ctx = match state.overlay {
        Some(Overlay::Bookmarks) => Context::Bookmarks,
        Some(_) => Context::Global,
        None => state.focus.context(),
    };
    let mut seq = state.pending_keys.clone();
    seq.push(chord);
    match state.keymap.lookup(ctx, &seq) {
        Lookup::Command(c) => Some(resolve(c, chord)),
        Lookup::Prefix => Some(Action::KeyPrefix(seq)),
        Lookup::None if seq.len() > 1 => match state.keymap.lookup(ctx, &[chord]) {
            // The pending keys led nowhere: the new key counts on its own.
            Lookup::Command(c) => Some(resolve(c, chord)),
            Lookup::Prefix => Some(Action::KeyPrefix(vec![chord])),
            Lookup::None => Some(Action::KeyPrefix(Vec::new())),
        },
        Lookup::None => None,
    }
}

/// A digit bound to `jump_prompt` opens the prompt with that digit already typed.
fn resolve(command: Command, chord: KeyChord) -> Action {
    match (command, chord.code) {
        (Command::JumpPrompt, KeyCode::Char(c)) if !c.is_control() => {
            Action::OpenPrompt(PromptKind::Command, c.to_string())
        }
        (c, _) => Action::Run(c),
    }
}

/// The wheel scrolls the pane under the pointer; a click focuses it.
pub fn mouse_action(state: &State, m: MouseEvent) -> Option<Action> {
    if state.prompt.is_some() || !state.settings.mouse {
        return None;
    }
    let lines = i32::from(state.settings.wheel_lines);
    if state.overlay.is_some() {
        return match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll(Pane::Reader, lines)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(Pane::Reader, -lines)),
            _ => None,
        };
    }
    let areas = state.areas()?;
    let at = Position::new(m.column, m.row);
    let pane = Pane::ALL
        .into_iter()
        .find(|p| areas.of(*p).is_some_and(|r| r.contains(at)))?;
    match m.kind {
        MouseEventKind::ScrollDown => Some(Action::Scroll(pane, lines)),
        MouseEventKind::ScrollUp => Some(Action::Scroll(pane, -lines)),
        MouseEventKind::Down(MouseButton::Left) => {
            let inner = layout::pane_inner(areas.of(pane)?);
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
