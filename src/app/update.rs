//! The one place where state changes.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyModifiers};

use super::action::{Action, PromptKind};
use super::command_line::{self, Parsed};
use super::corpus_search::{CorpusSearch, cable_of_hit};
use super::cursor::Move;
use super::effect::Effect;
use super::find::{self, Search};
use super::state::{Anchor, Mark, Overlay, Pane, Prompt, State, Texts};
use crate::cable::Cable;
use crate::cable::search::{Query, SearchEvent};
use crate::keys::{Command, Context};
use crate::memory::{Bookmark, Memory, cable_key};

/// Applies one action. Returns a follow-up action when this one leads to another (a prompt's
/// Enter becomes a jump, a command line becomes a filter change ...).
pub fn update(state: &mut State, action: Action, fx: &mut Vec<Effect>) -> Option<Action> {
    let background = matches!(action, Action::Indexed(_) | Action::Searched(..));
    if !matches!(action, Action::KeyPrefix(_)) && !background {
        state.pending_keys.clear();
    }
    if !matches!(
        action,
        Action::Resize(..) | Action::Message(_) | Action::KeyPrefix(_) | Action::PromptKey(_)
    ) && !background
    {
        state.message = None;
    }
    let next = if state.overlay.is_some() && !passes_overlay(&action) {
        overlay_action(state, action);
        None
    } else {
        apply(state, action, fx)
    };
    state.relayout();
    keep_in_bounds(state);
    state.sync_memory();
    next
}

/// Applies an action and every action it leads to.
/// Applies an action and every action it leads to; returns what the event loop is to do.
pub fn dispatch(state: &mut State, action: impl Into<Action>) -> Vec<Effect> {
    let mut fx = Vec::new();
    let mut next = Some(action.into());
    // A chain is short (prompt, command, jump); the bound guards against a cycle.
    for _ in 0..16 {
        match next {
            Some(a) => next = update(state, a, &mut fx),
            None => break,
        }
    }
    fx
}

fn passes_overlay(a: &Action) -> bool {
    matches!(
        a,
        Action::Resize(..)
            | Action::Message(_)
            | Action::Run(Command::Suspend)
            | Action::PromptKey(_)
            | Action::PromptPaste(_)
            | Action::KeyPrefix(_)
            | Action::Indexed(_)
            | Action::Searched(..)
    )
}

/// While help or the error list is open, keys scroll or close it and do nothing else.
fn overlay_action(state: &mut State, action: Action) {
    let Some(ov) = state.overlay else { return };
    let scroll = match ov {
        Overlay::Help { scroll } | Overlay::Errors { scroll } => scroll,
        Overlay::Bookmarks => return bookmarks_action(state, action),
        Overlay::Results => return results_action(state, action),
    };
    let page = usize::from(state.size.1.saturating_sub(4)).max(1);
    let max = super::help::content_len(state, ov).saturating_sub(page);
    let scroll = match action {
        Action::Run(Command::Quit) | Action::Run(Command::Cancel) => {
            state.overlay = None;
            return;
        }
        Action::Run(Command::Help) if matches!(ov, Overlay::Help { .. }) => {
            state.overlay = None;
            return;
        }
        Action::Run(Command::ShowErrors) if matches!(ov, Overlay::Errors { .. }) => {
            state.overlay = None;
            return;
        }
        Action::Run(Command::Help) => {
            state.overlay = Some(Overlay::Help { scroll: 0 });
            return;
        }
        Action::Run(Command::ShowErrors) => {
            state.overlay = Some(Overlay::Errors { scroll: 0 });
            return;
        }
        Action::Run(Command::BookmarkList) => {
            open_bookmarks(state);
            return;
        }
        Action::Run(Command::Down) => scroll + 1,
        Action::Run(Command::Up) => scroll.saturating_sub(1),
        Action::Run(Command::PageDown) => scroll + page,
        Action::Run(Command::PageUp) => scroll.saturating_sub(page),
        Action::Run(Command::HalfPageDown) => scroll + page / 2,
        Action::Run(Command::HalfPageUp) => scroll.saturating_sub(page / 2),
        Action::Run(Command::Top) => 0,
        Action::Run(Command::Bottom) => max,
        Action::Scroll(_, d) => add(scroll, d as isize),
        _ => return,
    };
    let scroll = scroll.min(max);
    state.overlay = Some(match ov {
        Overlay::Errors { .. } => Overlay::Errors { scroll },
        _ => Overlay::Help { scroll },
    });
}

/// Keys in the bookmark list: move, open, remove, close.
fn bookmarks_action(state: &mut State, action: Action) {
    let page = state.bookmarks_height().max(1);
    let sel = state.bookmarks.cursor.selected;
    let motion = match action {
        Action::Run(Command::Quit)
        | Action::Run(Command::Cancel)
        | Action::Run(Command::BookmarkList) => {
            state.overlay = None;
            return;
        }
        Action::Run(Command::Help) => {
            state.overlay = Some(Overlay::Help { scroll: 0 });
            return;
        }
        Action::Run(Command::ShowErrors) if !state.errors.is_empty() => {
            state.overlay = Some(Overlay::Errors { scroll: 0 });
            return;
        }
        Action::Run(Command::Open) => {
            open_bookmark(state, sel);
            return;
        }
        Action::Run(Command::RemoveBookmark) => {
            remove_bookmark(state, sel);
            None
        }
        other => match list_motion(&other, page) {
            Some(m) => Some(m),
            None => return,
        },
    };
    let n = state.memory.bookmarks.len();
    let b = &mut state.bookmarks.cursor;
    if let Some(m) = motion {
        b.go(m, n);
    }
    b.follow(n, page);
}

/// How a key moves the selection of a list shown `page` rows at a time; the wheel moves it a
/// row per step.
pub fn list_motion(action: &Action, page: usize) -> Option<Move> {
    let page = page as isize;
    Some(match action {
        Action::Run(Command::Down) => Move::By(1),
        Action::Run(Command::Up) => Move::By(-1),
        Action::Run(Command::PageDown) => Move::By(page),
        Action::Run(Command::PageUp) => Move::By(-page),
        Action::Run(Command::HalfPageDown) => Move::By(page / 2),
        Action::Run(Command::HalfPageUp) => Move::By(-page / 2),
        Action::Run(Command::Top) => Move::Top,
        Action::Run(Command::Bottom) => Move::Bottom,
        Action::Scroll(_, d) => Move::By(d.signum() as isize),
        _ => return None,
    })
}

/// Opens the bookmark list, with the bookmark at the current paragraph selected if there is one.
fn open_bookmarks(state: &mut State) {
    use std::collections::{HashMap, HashSet};
    let wanted: HashSet<&str> = state
        .memory
        .bookmarks
        .iter()
        .map(|b| b.cable.as_str())
        .collect();
    let mut found: HashMap<String, usize> = HashMap::new();
    if !wanted.is_empty() {
        for i in 0..state.corpus.len() {
            let key = state.summary_key(i);
            if wanted.contains(key.as_str()) {
                found.entry(key).or_insert(i);
            }
        }
    }
    state.bookmarks.cables = state
        .memory
        .bookmarks
        .iter()
        .map(|b| found.get(&b.cable).copied())
        .collect();
    let here = state.open_cable().map(|c| {
        let number = state
            .current_paragraph()
            .and_then(|i| c.paragraphs.get(i))
            .map(|p| p.number);
        (cable_key(c), number)
    });
    if let Some((key, number)) = here {
        let at = state
            .memory
            .bookmarks
            .iter()
            .position(|b| b.cable == key && Some(b.paragraph) == number)
            .or_else(|| state.memory.bookmarks.iter().position(|b| b.cable == key));
        if let Some(at) = at {
            state.bookmarks.cursor.selected = at;
        }
    }
    state.bookmarks.cursor.offset = 0;
    state.overlay = Some(Overlay::Bookmarks);
    // Place the selection on screen.
    bookmarks_action(state, Action::Scroll(Pane::Reader, 0));
}

/// Goes to bookmark `k`, opening its cable.
fn open_bookmark(state: &mut State, k: usize) {
    let Some(b) = state.memory.bookmarks.get(k).cloned() else {
        state.message = Some("No bookmarks yet".into());
        return;
    };
    let Some(ci) = state.bookmarks.cables.get(k).copied().flatten() else {
        state.message = Some(format!("{} is not among the cables loaded now", b.id));
        return;
    };
    state.overlay = None;
    push_mark(state);
    if state.reader.open != Some(ci) {
        state.open(ci);
    }
    state.focus = Pane::Reader;
    if state.reader.open != Some(ci) {
        return;
    }
    let Some(cable) = state.reader.cable.clone() else {
        return;
    };
    let Some(index) = cable
        .paragraphs
        .iter()
        .position(|p| p.number == b.paragraph)
    else {
        state.message = Some(format!("{} has no ¶{} now", b.id, b.paragraph));
        return;
    };
    state.go_to_anchor(Anchor::Para { index, offset: 0 });
    if !state.passes(&cable.paragraphs[index]) {
        let filter = state.filter_label().unwrap_or_default();
        state.message = Some(format!(
            "¶{} is hidden by the filter ({filter}); :filter clears it",
            b.paragraph
        ));
    }
}

fn remove_bookmark(state: &mut State, k: usize) {
    if k >= state.memory.bookmarks.len() {
        return;
    }
    let b = state.memory.bookmarks.remove(k);
    if k < state.bookmarks.cables.len() {
        state.bookmarks.cables.remove(k);
    }
    state.memory_generation += 1;
    state.message = Some(format!("Bookmark removed: {} ¶{}", b.id, b.paragraph));
}

/// The open cable and the index of its current paragraph; else a message saying why there is
/// nothing to `verb`.
fn open_paragraph(state: &mut State, verb: &str) -> Option<(Arc<Cable>, usize)> {
    if state.reader.open.is_none() {
        state.message = Some("No cable open".into());
        return None;
    }
    let Some(pi) = state.current_paragraph() else {
        state.message = Some(format!("No paragraph on screen to {verb}"));
        return None;
    };
    Some((state.reader.cable.clone()?, pi))
}

/// `m`: bookmarks the current paragraph, or removes the bookmark already there.
fn toggle_bookmark(state: &mut State) {
    let Some((cable, pi)) = open_paragraph(state, "bookmark") else {
        return;
    };
    let cable = &*cable;
    let number = cable.paragraphs[pi].number;
    let key = cable_key(cable);
    let id = if cable.id.is_empty() {
        key.clone()
    } else {
        cable.id.clone()
    };
    let marks = &mut state.memory.bookmarks;
    if let Some(at) = marks
        .iter()
        .position(|b| b.cable == key && b.paragraph == number)
    {
        marks.remove(at);
        state.message = Some(format!("Bookmark removed: {id} ¶{number}"));
    } else {
        let words = first_words(&crate::cite::readable_text(cable, pi), 10);
        let b = Bookmark {
            cable: key,
            id: id.clone(),
            paragraph: number,
            marking: crate::cite::marking_label(cable, pi),
            words,
        };
        let at = marks
            .iter()
            .position(|m| (&m.id, m.paragraph) > (&b.id, b.paragraph))
            .unwrap_or(marks.len());
        marks.insert(at, b);
        let hint = state
            .keymap
            .hint(Context::Global, Command::BookmarkList)
            .map(|k| format!(" ({k} lists bookmarks)"))
            .unwrap_or_default();
        state.message = Some(format!("Bookmarked {id} ¶{number}{hint}"));
    }
    state.memory_generation += 1;
}

/// The first `n` words of `text`, on one line.
fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().take(n + 1).collect();
    let mut s = words[..words.len().min(n)].join(" ");
    if words.len() > n {
        s.push_str(" …");
    }
    s
}

/// `y`: the current paragraph with its citation goes to the clipboard.
fn copy_paragraph(state: &mut State, fx: &mut Vec<Effect>) {
    let Some((cable, pi)) = open_paragraph(state, "copy") else {
        return;
    };
    let Some(text) = crate::cite::citation(&cable, pi) else {
        return;
    };
    let chars = text.chars().count();
    state.message = Some(format!(
        "Copied {} ¶{} with its citation ({chars} characters) to the clipboard by OSC 52",
        if cable.id.is_empty() {
            "(no id)"
        } else {
            &cable.id
        },
        cable.paragraphs[pi].number,
    ));
    fx.push(Effect::Copy(text));
}

fn add(a: usize, d: isize) -> usize {
    if d < 0 {
        a.saturating_sub(d.unsigned_abs())
    } else {
        a.saturating_add(d as usize)
    }
}

fn apply(state: &mut State, action: Action, fx: &mut Vec<Effect>) -> Option<Action> {
    match action {
        Action::Run(Command::Quit) => fx.push(Effect::Quit),
        Action::Run(Command::Suspend) => fx.push(Effect::Suspend),
        Action::Run(Command::Help) => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Run(Command::ShowErrors) => {
            if state.errors.is_empty() {
                state.message = Some("Every input loaded; no errors to show".into());
            } else {
                state.overlay = Some(Overlay::Errors { scroll: 0 });
            }
        }
        Action::Run(Command::Cancel) => {
            if state.reader.search.take().is_some() {
                state.message = Some("Search cleared".into());
            }
        }
        Action::Resize(w, h) => state.size = (w, h),
        Action::Message(m) => state.message = Some(m),
        Action::KeyPrefix(keys) => state.pending_keys = keys,

        Action::Run(Command::Down) => move_by(state, 1),
        Action::Run(Command::Up) => move_by(state, -1),
        Action::Run(Command::PageDown) => {
            let p = page(state) as isize;
            move_by(state, p)
        }
        Action::Run(Command::PageUp) => {
            let p = page(state) as isize;
            move_by(state, -p)
        }
        Action::Run(Command::HalfPageDown) => {
            let p = half_page(state) as isize;
            move_by(state, p)
        }
        Action::Run(Command::HalfPageUp) => {
            let p = half_page(state) as isize;
            move_by(state, -p)
        }
        Action::Run(Command::Top) => move_to_end(state, false),
        Action::Run(Command::Bottom) => move_to_end(state, true),
        Action::Scroll(pane, d) => scroll_pane(state, pane, d),
        Action::Click(pane, row) => click(state, pane, row),

        Action::Run(Command::FocusNext) => state.focus = cycle_focus(state, 1),
        Action::Run(Command::FocusPrev) => state.focus = cycle_focus(state, -1),
        Action::Run(Command::Open) => open_selected(state),
        Action::Run(Command::NextParagraph) => step_paragraph(state, true),
        Action::Run(Command::PrevParagraph) => step_paragraph(state, false),
        Action::JumpTo(n) => jump_to(state, n),
        Action::Run(Command::Back) => back(state),

        Action::Run(Command::CommandLine) => {
            return Some(Action::OpenPrompt(PromptKind::Command, String::new()));
        }
        Action::Run(Command::JumpPrompt) => {
            return Some(Action::OpenPrompt(PromptKind::Command, String::new()));
        }
        Action::Run(Command::Search) => {
            return Some(Action::OpenPrompt(PromptKind::Search, String::new()));
        }
        Action::OpenPrompt(kind, text) => state.prompt = Some(Prompt::new(kind, &text)),
        Action::PromptKey(key) => return prompt_key(state, key),
        Action::PromptPaste(text) => {
            if let Some(p) = state.prompt.as_mut() {
                let flat: String = text
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                p.textarea.insert_str(flat);
            }
        }
        Action::RunCommand(line) => return run_command(state, &line),
        Action::SearchFor(q) => search_for(state, &q),
        Action::Run(Command::SearchNext) => search_step(state, true),
        Action::Run(Command::SearchPrev) => search_step(state, false),

        Action::Run(Command::ToggleMarking) => state.toggle_marking(),
        Action::Run(Command::ClearFilter) => state.set_filter(Vec::new()),
        Action::SetFilter(text) => {
            if let Err(e) = state.apply_filter_text(&text) {
                state.message = Some(e);
            }
        }
        Action::Run(Command::ToggleHeader) => {
            state.reader.header_folded = !state.reader.header_folded
        }
        Action::Run(Command::ToggleRaw) => state.reader.show_raw = !state.reader.show_raw,
        Action::Run(Command::Bookmark) => toggle_bookmark(state),
        Action::Run(Command::BookmarkList) => open_bookmarks(state),
        Action::Run(Command::RemoveBookmark) => {}
        Action::Run(Command::Copy) => copy_paragraph(state, fx),
        Action::Run(Command::Sort) => {
            let next = state.list.sort.next();
            state.set_sort(next);
            state.message = Some(format!("Sorted by {}", next.name()));
        }
        Action::SortBy(key) => {
            state.set_sort(key);
            state.message = Some(format!("Sorted by {}", key.name()));
        }
        Action::Run(Command::SearchCorpus) => {
            return Some(Action::OpenPrompt(PromptKind::Command, "search ".into()));
        }
        Action::SearchAll(pattern) => search_all(state, &pattern, fx),
        Action::Indexed(event) => state.indexed(event.take()),
        Action::Searched(generation, event) => searched(state, generation, event.take()),
        Action::Run(Command::ToggleList) => {
            state.show_list = !state.show_list;
            if !state.show_list && state.focus == Pane::List {
                state.focus = Pane::Reader;
            }
            state.message = Some(if state.show_list {
                "Document list shown".into()
            } else {
                "Document list hidden (L shows it)".into()
            });
        }
    }
    None
}

fn page(state: &State) -> usize {
    match state.focus {
        Pane::Reader => state.reader_height().saturating_sub(1).max(1),
        Pane::List => state.list_height(),
        Pane::Filter => state.filter_height(),
    }
}

fn half_page(state: &State) -> usize {
    match state.focus {
        Pane::Reader => (state.reader_height() / 2).max(1),
        _ => (page(state) / 2).max(1),
    }
}

fn move_by(state: &mut State, d: isize) {
    match state.focus {
        Pane::Reader => state.reader.top = add(state.reader.top, d).min(state.scroll_limit()),
        Pane::List => state.list.cursor.go(Move::By(d), state.list.rows.len()),
        Pane::Filter => state
            .filter
            .cursor
            .go(Move::By(d), state.markings.keys.len()),
    }
}

fn move_to_end(state: &mut State, end: bool) {
    let m = if end { Move::Bottom } else { Move::Top };
    match state.focus {
        Pane::Reader => {
            let fill = state
                .reader
                .doc
                .total_lines()
                .saturating_sub(state.reader_height());
            let target = if end { fill.min(state.max_top()) } else { 0 };
            if target != state.reader.top {
                push_mark(state);
                state.reader.top = target;
            }
        }
        Pane::List => state.list.cursor.go(m, state.list.rows.len()),
        Pane::Filter => state.filter.cursor.go(m, state.markings.keys.len()),
    }
}

fn scroll_pane(state: &mut State, pane: Pane, d: i32) {
    let d = d as isize;
    match pane {
        Pane::Reader => state.reader.top = add(state.reader.top, d).min(state.scroll_limit()),
        // The wheel in the list moves the rows, as a wheel in a list usually does.
        Pane::List => {
            let h = state.list_height();
            state.list.cursor.scroll(d, state.list.rows.len(), h)
        }
        Pane::Filter => state
            .filter
            .cursor
            .go(Move::By(d), state.markings.keys.len()),
    }
}

fn click(state: &mut State, pane: Pane, row: Option<u16>) {
    state.focus = pane;
    let Some(row) = row else { return };
    let row = usize::from(row);
    match pane {
        Pane::List => state.list.cursor.click(row, state.list.rows.len()),
        Pane::Filter => state.filter.cursor.click(row, state.markings.keys.len()),
        Pane::Reader => {}
    }
}

fn cycle_focus(state: &State, dir: isize) -> Pane {
    let panes: Vec<Pane> = Pane::ALL
        .into_iter()
        .filter(|p| *p != Pane::List || state.show_list)
        .collect();
    let at = panes.iter().position(|p| *p == state.focus).unwrap_or(0);
    let n = panes.len() as isize;
    panes[((at as isize + dir).rem_euclid(n)) as usize]
}

fn push_mark(state: &mut State) {
    if let Some(cable) = state.reader.open {
        let mark = Mark {
            cable,
            anchor: state.anchor(),
        };
        if state.reader.jumps.last() != Some(&mark) {
            state.reader.jumps.push(mark);
        }
        // Bounded, so a long session does not grow it without end.
        if state.reader.jumps.len() > 100 {
            state.reader.jumps.remove(0);
        }
    }
}

fn open_selected(state: &mut State) {
    let Some(&i) = state.list.rows.get(state.list.cursor.selected) else {
        state.message = Some("No cable to open".into());
        return;
    };
    let i = i as usize;
    if state.reader.open != Some(i) {
        push_mark(state);
        state.open(i);
    }
    state.focus = Pane::Reader;
}

/// `]` brings the next paragraph to the top, `[` the previous one.
fn step_paragraph(state: &mut State, forward: bool) {
    let top = state.reader.top;
    let doc = &state.reader.doc;
    let starts = doc.items.iter().filter_map(|it| match it.kind {
        super::doc::ItemKind::Para(_) => Some(it.first_line),
        _ => None,
    });
    let target = if forward {
        starts.into_iter().find(|&l| l > top)
    } else {
        starts.into_iter().rfind(|&l| l < top)
    };
    match target {
        Some(l) => state.reader.top = l.min(state.max_top()),
        None => {
            state.message = Some(if forward {
                "No paragraph after this one".into()
            } else {
                "No paragraph before this one".into()
            })
        }
    }
}

fn jump_to(state: &mut State, n: u32) {
    let Some(cable) = state.open_cable() else {
        state.message = Some("No cable open".into());
        return;
    };
    let Some(i) = cable.paragraphs.iter().position(|p| p.number == n) else {
        let id = cable.id.clone();
        state.message = Some(match (cable.paragraphs.first(), state.reader.last_number) {
            (Some(first), Some(last)) => {
                format!(
                    "No ¶{n} in {id}: its paragraphs are numbered {}–{last}",
                    first.number
                )
            }
            _ => format!("{id} has no numbered paragraphs"),
        });
        return;
    };
    if !state.passes(&cable.paragraphs[i]) {
        let filter = state.filter_label().unwrap_or_default();
        state.message = Some(format!(
            "¶{n} is hidden by the filter ({filter}); :filter clears it"
        ));
        return;
    }
    let Some(line) = state.reader.doc.paragraph_line(i) else {
        return;
    };
    push_mark(state);
    state.reader.top = line.min(state.max_top());
    state.focus = Pane::Reader;
}

fn back(state: &mut State) {
    let Some(mark) = state.reader.jumps.pop() else {
        state.message = Some("No earlier place to go back to".into());
        return;
    };
    if state.reader.open != Some(mark.cable) {
        state.open(mark.cable);
    }
    state.go_to_anchor(mark.anchor);
    state.focus = Pane::Reader;
}

fn prompt_key(state: &mut State, key: crossterm::event::KeyEvent) -> Option<Action> {
    let prompt = state.prompt.as_mut()?;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc => {
            state.prompt = None;
            None
        }
        KeyCode::Enter => submit(state),
        KeyCode::Char('m' | 'j') if ctrl => submit(state),
        KeyCode::Char('c') if ctrl => {
            state.prompt = None;
            None
        }
        KeyCode::Backspace if prompt.text().is_empty() => {
            state.prompt = None;
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
        PromptKind::Search => &state.memory.search_history,
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
}

fn submit(state: &mut State) -> Option<Action> {
    let prompt = state.prompt.take()?;
    let text = prompt.text();
    let list = match prompt.kind {
        PromptKind::Command => &mut state.memory.command_history,
        PromptKind::Search => &mut state.memory.search_history,
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
    }
}

fn run_command(state: &mut State, line: &str) -> Option<Action> {
    match command_line::parse(line) {
        Parsed::Nothing => None,
        Parsed::Run(a) => Some(a),
        Parsed::Open(id) => {
            open_by_id(state, &id);
            None
        }
        Parsed::Message(m) => {
            state.message = Some(m);
            None
        }
    }
}

fn open_by_id(state: &mut State, id: &str) {
    if id.is_empty() {
        state.message = Some("Which cable? :open 09USNATO595".into());
        return;
    }
    let cables = &state.corpus.cables;
    let found = cables
        .iter()
        .position(|c| c.id.eq_ignore_ascii_case(id))
        .or_else(|| {
            let lower = id.to_ascii_lowercase();
            cables
                .iter()
                .position(|c| c.id.to_ascii_lowercase().starts_with(&lower))
        });
    match found {
        Some(i) => {
            if state.reader.open != Some(i) {
                push_mark(state);
                if !state.open(i) {
                    return;
                }
            }
            state.focus = Pane::Reader;
            if state.matching_paragraphs(i) == 0 && state.filter.active() {
                state.message = Some(format!(
                    "{} holds no paragraph the filter shows",
                    state.corpus.cables[i].id
                ));
            }
        }
        None => state.message = Some(format!("No cable {id} is loaded")),
    }
}

fn search_for(state: &mut State, query: &str) {
    let query = query.trim();
    let Some(matcher) = find::literal(query) else {
        state.reader.search = None;
        return;
    };
    let search = Search::new(query, matcher, state.reader.open.zip(state.open_cable()));
    let total = search.matches.len();
    state.reader.search = Some(search);
    let visible = state.visible_matches();
    if visible.is_empty() {
        state.message = Some(if total == 0 {
            format!("Not found: {query}")
        } else {
            format!("{total} matches for {query}, all in text hidden by the filter or the header")
        });
        return;
    }
    let top = state.reader.top;
    let pick = visible
        .iter()
        .position(|&(_, l)| l >= top)
        .unwrap_or_else(|| {
            state.message = Some("Search wrapped to the top".into());
            0
        });
    show_match(state, visible[pick]);
}

fn search_step(state: &mut State, forward: bool) {
    let Some(search) = &state.reader.search else {
        state.message = Some("No search yet: / starts one".into());
        return;
    };
    let current = search.current;
    let visible = state.visible_matches();
    if visible.is_empty() {
        state.message = Some(format!("No visible match for {}", search.query));
        return;
    }
    let n = visible.len();
    let at = current.and_then(|c| visible.iter().position(|&(k, _)| k == c));
    let pick = match at {
        Some(p) if forward => {
            if p + 1 == n {
                state.message = Some("Search wrapped to the top".into());
            }
            (p + 1) % n
        }
        Some(p) => {
            if p == 0 {
                state.message = Some("Search wrapped to the bottom".into());
            }
            (p + n - 1) % n
        }
        None => {
            let top = state.reader.top;
            if forward {
                visible.iter().position(|&(_, l)| l >= top).unwrap_or(0)
            } else {
                visible.iter().rposition(|&(_, l)| l < top).unwrap_or(n - 1)
            }
        }
    };
    show_match(state, visible[pick]);
}

/// Makes match `k` current and scrolls it into view, a third of the way down when it was off
/// screen.
fn show_match(state: &mut State, (k, line): (usize, usize)) {
    if let Some(s) = state.reader.search.as_mut() {
        s.current = Some(k);
    }
    let h = state.reader_height();
    let top = state.reader.top;
    if line < top || line >= top + h {
        push_mark(state);
        state.reader.top = line.saturating_sub(h / 3).min(state.max_top());
    }
    state.focus = Pane::Reader;
}

fn keep_in_bounds(state: &mut State) {
    state.reader.top = state.reader.top.min(state.max_top());
    let h = state.list_height();
    state.list.cursor.follow(state.list.rows.len(), h);
    let h = state.filter_height();
    state.filter.cursor.follow(state.markings.keys.len(), h);
    match state.overlay {
        Some(Overlay::Results) => {
            let h = state.results_height();
            if let Some(r) = state.results.as_mut() {
                r.cursor.follow(r.hits.len(), h);
            }
        }
        Some(Overlay::Bookmarks) => {
            let h = state.bookmarks_height();
            let n = state.memory.bookmarks.len();
            state.bookmarks.cursor.follow(n, h);
        }
        _ => {}
    }
}

/// `:search PATTERN`: a new search over every cable (the one before it is dropped). Cables in
/// memory are searched at once; files by the event loop, on another thread, their hits
/// arriving as [`Action::Searched`].
fn search_all(state: &mut State, pattern: &str, fx: &mut Vec<Effect>) {
    let pattern = pattern.trim();
    if pattern.is_empty() {
        state.message = Some("Search for what? :search PATTERN".into());
        return;
    }
    let query = match Query::new(pattern) {
        Ok(q) => q,
        Err(e) => {
            state.message = Some(crate::sanitize::clean_line(&e).into_owned());
            return;
        }
    };
    state.search_generation += 1;
    let generation = state.search_generation;
    let mut results = CorpusSearch::new(generation, pattern, query.clone(), &state.corpus);
    match &state.texts {
        Texts::Memory(cables) => {
            for c in cables {
                results.add_hits(query.hits_in(c));
            }
            results.done = true;
        }
        Texts::Files => fx.push(Effect::StartSearch {
            generation,
            pattern: pattern.to_string(),
        }),
    }
    state.results = Some(results);
    state.overlay = Some(Overlay::Results);
}

/// Takes in what the corpus search found; events of an older search are dropped.
fn searched(state: &mut State, generation: u64, event: Option<SearchEvent>) {
    if let Some(r) = state
        .results
        .as_mut()
        .filter(|r| r.generation == generation)
    {
        r.apply(event);
    }
}

/// Keys in the list of search hits: move, open, close.
fn results_action(state: &mut State, action: Action) {
    let page = state.results_height().max(1);
    let Some(r) = state.results.as_mut() else {
        state.overlay = None;
        return;
    };
    match action {
        Action::Run(Command::Quit) | Action::Run(Command::Cancel) => state.overlay = None,
        Action::Run(Command::Help) => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Run(Command::Open) => {
            let k = r.cursor.selected;
            open_hit(state, k);
        }
        Action::Run(Command::SearchCorpus) | Action::Run(Command::CommandLine) => {
            let text = if action == Action::Run(Command::CommandLine) {
                ""
            } else {
                "search "
            };
            state.prompt = Some(Prompt::new(PromptKind::Command, text));
        }
        other => {
            if let Some(m) = list_motion(&other, page) {
                r.cursor.go(m, r.hits.len());
                r.cursor.follow(r.hits.len(), page);
            }
        }
    }
}

/// Opens the cable of hit `k` at its paragraph, the pattern highlighted as an in-cable search.
fn open_hit(state: &mut State, k: usize) {
    let Some((hit, query)) = state
        .results
        .as_ref()
        .and_then(|r| Some((r.hits.get(k)?.clone(), r.query.clone())))
    else {
        state.message = Some("No hit to open".into());
        return;
    };
    let Some(ci) = cable_of_hit(&state.corpus, &hit) else {
        state.message = Some(format!("{} is not among the cables loaded now", hit.id));
        return;
    };
    state.overlay = None;
    if state.reader.open != Some(ci) {
        push_mark(state);
        if !state.open(ci) {
            return;
        }
    }
    state.focus = Pane::Reader;
    let Some(cable) = state.reader.cable.clone() else {
        return;
    };
    let Some(index) = cable
        .paragraphs
        .iter()
        .position(|p| p.number == hit.paragraph)
    else {
        state.message = Some(format!("{} has no ¶{} now", hit.id, hit.paragraph));
        return;
    };
    let pattern = state
        .results
        .as_ref()
        .map(|r| r.pattern.clone())
        .unwrap_or_default();
    let mut search = Search::new(&pattern, query, Some((ci, &cable)));
    search.current = search
        .matches
        .iter()
        .position(|m| m.src == super::doc::Src::Para(index as u32));
    state.reader.search = Some(search);
    state.go_to_anchor(Anchor::Para { index, offset: 0 });
    if !state.passes(&cable.paragraphs[index]) {
        let filter = state.filter_label().unwrap_or_default();
        state.message = Some(format!(
            "¶{} is hidden by the filter ({filter}); :filter clears it",
            hit.paragraph
        ));
    }
}
