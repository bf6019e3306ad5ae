//! Keys in the prompt, its history, and what its text asks for when Enter is pressed.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::action::{Action, PromptKind};
use crate::app::command_line::{self, Parsed};
use crate::app::state::{Pane, State};
use crate::cable::citation;
use crate::memory::Memory;

pub(super) fn prompt_key(state: &mut State, key: KeyEvent) -> Option<Action> {
    let prompt = state.prompt.as_mut()?;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc => {
            state.prompt = None;
            super::finding::cancel(state);
            None
        }
        KeyCode::Enter => submit(state),
        // `50%` as in less: the percent sign after a number typed in the view jumps at once.
        KeyCode::Char('%')
            if prompt.kind == PromptKind::Command
                && !prompt.text().is_empty()
                && prompt.text().chars().all(|c| c.is_ascii_digit()) =>
        {
            prompt.textarea.input(key);
            submit(state)
        }
        KeyCode::Char('m' | 'j') if ctrl => submit(state),
        KeyCode::Char('c') if ctrl => {
            state.prompt = None;
            super::finding::cancel(state);
            None
        }
        KeyCode::Backspace if prompt.text().is_empty() => {
            state.prompt = None;
            super::finding::cancel(state);
            None
        }
        KeyCode::Tab if prompt.kind == PromptKind::Command => {
            let line = prompt.text();
            let done = crate::app::set::complete(&line)
                .or_else(|| crate::app::complete::complete_line(&state.corpus, &line));
            match done {
                Some((text, note)) => {
                    prompt.set_text(&text);
                    state.message = note;
                }
                None => state.message = Some("Tab completes a cable id after :open".into()),
            }
            None
        }
        KeyCode::Up => {
            history_step(state, false);
            None
        }
        KeyCode::Down => {
            history_step(state, true);
            None
        }
        KeyCode::Char('p') if ctrl => {
            history_step(state, false);
            None
        }
        KeyCode::Char('n') if ctrl => {
            history_step(state, true);
            None
        }
        _ => {
            prompt.textarea.input(key);
            if prompt.kind == PromptKind::Find {
                let text = prompt.text();
                super::finding::preview(state, &text);
            }
            None
        }
    }
}

/// Up (older) and Down (newer) in the prompt's history; past the newest, what was typed.
fn history_step(state: &mut State, newer: bool) {
    let Some(prompt) = state.prompt.as_mut() else {
        return;
    };
    let list = match prompt.kind {
        PromptKind::Command => &state.memory.command_history,
        PromptKind::Search | PromptKind::Find => &state.memory.search_history,
    };
    let len = list.len();
    let next = match (prompt.history_at, newer) {
        (_, false) if len == 0 => return,
        (None, false) => {
            prompt.draft = prompt.text();
            Some(len - 1)
        }
        (None, true) => return,
        (Some(i), false) => Some(i.saturating_sub(1).min(len - 1)),
        (Some(i), true) if i + 1 < len => Some(i + 1),
        (Some(_), true) => None,
    };
    let text = match next {
        Some(i) => list[i].clone(),
        None => prompt.draft.clone(),
    };
    prompt.history_at = next;
    prompt.set_text(&text);
    if prompt.kind == PromptKind::Find {
        super::finding::preview(state, &text);
    }
}

fn submit(state: &mut State) -> Option<Action> {
    let prompt = state.prompt.take()?;
    let text = prompt.text();
    let list = match prompt.kind {
        PromptKind::Command => &mut state.memory.command_history,
        PromptKind::Search | PromptKind::Find => &mut state.memory.search_history,
    };
    let before = list.len();
    let last = list.last().cloned();
    Memory::push_history(list, &text, state.settings.history_size);
    if list.len() != before || list.last() != last.as_ref() {
        state.memory_generation += 1;
    }
    match prompt.kind {
        PromptKind::Command => Some(Action::RunCommand(text)),
        PromptKind::Search => Some(Action::SearchFor(text)),
        PromptKind::Find => {
            super::finding::keep(state, &text);
            None
        }
    }
}

pub(super) fn run_command(state: &mut State, line: &str) -> Option<Action> {
    match command_line::parse(line) {
        Parsed::Nothing => None,
        Parsed::Run(a) => Some(a),
        Parsed::Open(id) => {
            open_by_id(state, &id);
            None
        }
        Parsed::Set(arg) => crate::app::set::run(state, &arg),
        Parsed::Message(m) => {
            state.message = Some(m);
            None
        }
    }
}

fn open_by_id(state: &mut State, text: &str) {
    if text.is_empty() {
        state.message = Some("Which cable? :open 09USNATO595".into());
        return;
    }
    let year = state
        .reader
        .open
        .and_then(|i| state.corpus.cables.get(i))
        .and_then(|c| c.date())
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse::<i32>().ok());
    // A citation as pasted (`09 USNATO 595 para 12`, an address ending `#par12`) ...
    let (found, paragraph, id) = match citation::parse(text, year) {
        Ok(c) => {
            let found = c
                .candidates()
                .find_map(|id| state.web.find(&state.corpus, id));
            (found, c.paragraph, c.id)
        }
        Err(_) => (None, None, text.to_string()),
    };
    // ... else the first id starting so, as typed.
    let found = found.or_else(|| {
        let lower = text.trim().to_ascii_lowercase();
        state
            .corpus
            .cables
            .iter()
            .position(|c| c.id().to_ascii_lowercase().starts_with(&lower))
    });
    match found {
        Some(i) => {
            let other = state.reader.open != Some(i);
            if other {
                state.push_mark();
                if !state.open(i) {
                    return;
                }
            }
            state.focus = Pane::Reader;
            if let Some(n) = paragraph {
                // One place to come back to: where the reader was before `:open`.
                let marks = state.reader.jumps.len();
                super::moves::jump_to(state, n);
                if other {
                    state.reader.jumps.truncate(marks);
                }
            } else if state.matching_paragraphs(i) == 0 && state.filter.active() {
                state.message = Some(format!(
                    "{} holds no paragraph the filter shows",
                    state.corpus.cables[i].id()
                ));
            }
        }
        None => state.message = Some(format!("No cable {id} is loaded")),
    }
}
