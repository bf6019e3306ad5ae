//! The one place where state changes: each action routed to the part it concerns.

mod bookmarks;
mod diff;
mod facets;
mod finding;
mod links;
mod moves;
mod prompt;
mod search;
mod versions;

pub(in crate::app) use moves::jump_to;

use crate::app::action::{Action, PromptKind};
use crate::app::cursor::add;
use crate::app::effect::Effect;
use crate::app::state::{Overlay, Pane, Prompt, State};
use crate::keys::Command;

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
    let next = if state.overlay == Some(Overlay::Facets) && !passes_overlay(&action) {
        facets::facets_action(state, action)
    } else if state.overlay.is_some() && !passes_overlay(&action) {
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
            | Action::Run(Command::Redraw)
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
        Overlay::Bookmarks => return bookmarks::bookmarks_action(state, action),
        Overlay::Results => return search::results_action(state, action),
        Overlay::Links => return links::links_action(state, action),
        Overlay::Versions => return versions::versions_action(state, action),
        Overlay::Diff => return diff::diff_action(state, action),
        // Choosing a value leads to a limit: routed in `update`.
        Overlay::Facets => return,
    };
    let page = usize::from(state.size.1.saturating_sub(4)).max(1);
    let max = content_len(state, ov).saturating_sub(page);
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
            bookmarks::open_bookmarks(state);
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

/// Lines an overlay holds, for scrolling limits.
pub fn content_len(state: &State, overlay: Overlay) -> usize {
    match overlay {
        Overlay::Help { .. } => super::help::help_len(&state.keymap, state.screen()),
        Overlay::Errors { .. } => state.errors.len() * 2,
        Overlay::Bookmarks => state.memory.bookmarks.len(),
        Overlay::Results => state.results.as_ref().map_or(0, |r| r.hits.len()),
        Overlay::Links => state.web.rows.len(),
        Overlay::Facets => state.facets.rows.len(),
        Overlay::Versions => state.web.version_list.rows.len(),
        Overlay::Diff => state.web.diff.as_ref().map_or(0, |d| d.lines.len()),
    }
}

fn apply(state: &mut State, action: Action, fx: &mut Vec<Effect>) -> Option<Action> {
    match action {
        Action::Run(Command::Quit) => fx.push(Effect::Quit),
        Action::Run(Command::Suspend) => fx.push(Effect::Suspend),
        Action::Run(Command::Redraw) => fx.push(Effect::Redraw),
        Action::Run(Command::WhereAmI) => state.message = Some(moves::where_am_i(state)),
        Action::Run(Command::Help) => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Run(Command::ShowErrors) => {
            if state.errors.is_empty() {
                state.message = Some("Every input loaded; no errors to show".into());
            } else {
                state.overlay = Some(Overlay::Errors { scroll: 0 });
            }
        }
        Action::Run(Command::Cancel) => {
            if let Some(r) = state.results.as_mut() {
                r.stepping = None;
            }
            if state.reader.search.take().is_some() {
                state.message = Some("Search cleared".into());
            }
        }
        Action::Resize(w, h) => state.size = (w, h),
        Action::Message(m) => state.message = Some(m),
        Action::KeyPrefix(keys) => state.pending_keys = keys,

        Action::Run(Command::Down) => moves::move_by(state, 1),
        Action::Run(Command::Up) => moves::move_by(state, -1),
        Action::Run(Command::PageDown) => {
            let p = moves::page(state) as isize;
            moves::move_by(state, p)
        }
        Action::Run(Command::PageUp) => {
            let p = moves::page(state) as isize;
            moves::move_by(state, -p)
        }
        Action::Run(Command::HalfPageDown) => {
            let p = moves::half_page(state) as isize;
            moves::move_by(state, p)
        }
        Action::Run(Command::HalfPageUp) => {
            let p = moves::half_page(state) as isize;
            moves::move_by(state, -p)
        }
        Action::Run(Command::Top) => moves::move_to_end(state, false),
        Action::Run(Command::Bottom) => moves::move_to_end(state, true),
        Action::Scroll(pane, d) => moves::scroll_pane(state, pane, d),
        Action::Click(pane, row) => moves::click(state, pane, row),

        Action::Run(Command::FocusNext) => state.focus = moves::cycle_focus(state, 1),
        Action::Run(Command::FocusPrev) => state.focus = moves::cycle_focus(state, -1),
        Action::Run(Command::Open) => moves::open_selected(state),
        Action::Run(Command::NextParagraph) => moves::step_paragraph(state, true),
        Action::Run(Command::PrevParagraph) => moves::step_paragraph(state, false),
        Action::JumpTo(n) => moves::jump_to(state, n),
        Action::JumpPercent(n) => moves::jump_percent(state, n),
        Action::Run(Command::Back) => moves::back(state),
        Action::Run(Command::Forward) => moves::forward(state),

        Action::Run(Command::CommandLine) => {
            return Some(Action::OpenPrompt(PromptKind::Command, String::new()));
        }
        Action::Run(Command::JumpPrompt) => {
            return Some(Action::OpenPrompt(PromptKind::Command, String::new()));
        }
        Action::Run(Command::Search) if state.focus == Pane::List => return finding::start(state),
        Action::Run(Command::Search) => {
            return Some(Action::OpenPrompt(PromptKind::Search, String::new()));
        }
        Action::OpenPrompt(kind, text) => state.prompt = Some(Prompt::new(kind, &text)),
        Action::PromptKey(key) => return prompt::prompt_key(state, key),
        Action::PromptPaste(text) => {
            if let Some(p) = state.prompt.as_mut() {
                let flat: String = text
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                p.textarea.insert_str(flat);
            }
        }
        Action::RunCommand(line) => return prompt::run_command(state, &line),
        Action::SearchFor(q) => search::search_for(state, &q),
        Action::Run(Command::SearchNext) if state.focus == Pane::List => finding::step(state, true),
        Action::Run(Command::SearchPrev) if state.focus == Pane::List => {
            finding::step(state, false)
        }
        Action::Run(Command::SearchNext) => search::search_step(state, true),
        Action::Run(Command::SearchPrev) => search::search_step(state, false),

        Action::Run(Command::ToggleMarking) => state.toggle_marking(),
        Action::Run(Command::ClearFilter) => state.set_filter(Vec::new()),
        Action::SetLimit(text) => {
            if let Err(e) = state.set_limit(&text) {
                state.message = Some(e);
            }
        }
        Action::Run(Command::Limit) => {
            let text = state.limit.text().map(|t| format!("limit {t}"));
            return Some(Action::OpenPrompt(
                PromptKind::Command,
                text.unwrap_or_else(|| "limit ".into()),
            ));
        }
        Action::Run(Command::NextCable) => moves::step_cable(state, 1),
        Action::Run(Command::PrevCable) => moves::step_cable(state, -1),
        Action::SetFilter(text) => {
            if let Err(e) = state.apply_filter_text(&text) {
                state.message = Some(e);
            }
        }
        Action::Run(Command::ToggleHeader) => {
            state.reader.header_folded = !state.reader.header_folded
        }
        Action::Run(Command::ToggleRaw) => state.reader.show_raw = !state.reader.show_raw,
        Action::Run(Command::Bookmark) => bookmarks::toggle_bookmark(state),
        Action::Run(Command::BookmarkList) => bookmarks::open_bookmarks(state),
        Action::Run(Command::Links) => links::open_links(state),
        Action::Run(Command::Facets) => facets::open_facets(state),
        Action::Run(Command::RemoveBookmark) => {}
        Action::Run(Command::Copy) => bookmarks::copy_paragraph(state, fx),
        Action::Run(Command::Sort) => sort(state, state.list.sort.next(), false),
        Action::SortBy(key) => sort(state, key, false),
        Action::SortReversed(key) => sort(state, key, true),
        Action::Run(Command::SearchCorpus) => {
            return Some(Action::OpenPrompt(PromptKind::Command, "search ".into()));
        }
        Action::SearchAll(pattern) => search::search_all(state, &pattern, fx),
        Action::Versions => versions::list_versions(state),
        Action::Version(n) => versions::pick_version(state, n),
        Action::Diff(pair) => diff::open_diff(state, pair),
        Action::Indexed(event) => state.indexed(event.take()),
        Action::Searched(generation, event) => search::searched(state, generation, event.take()),
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

fn sort(state: &mut State, key: crate::app::list::SortKey, reverse: bool) {
    state.set_sort(key, reverse);
    state.message = Some(format!("Sorted by {}", key.order_name(reverse)));
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
        Some(Overlay::Links) => {
            let h = crate::app::layout::box_rows(crate::app::layout::overlay_box(
                state.screen(),
                state.web.rows.len(),
            ));
            state.web.cursor.follow(state.web.rows.len(), h);
        }
        Some(Overlay::Diff) => diff::fit(state),
        Some(Overlay::Versions) => {
            let h = versions::page(state);
            let v = &mut state.web.version_list;
            v.cursor.follow(v.rows.len(), h);
        }
        Some(Overlay::Facets) => {
            let h = facets::page(state);
            state.facets.cursor.follow(state.facets.rows.len(), h);
        }
        Some(Overlay::Bookmarks) => {
            let h = state.bookmarks_height();
            let n = state.memory.bookmarks.len();
            state.bookmarks.cursor.follow(n, h);
        }
        _ => {}
    }
}
