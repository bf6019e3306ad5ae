//! Searching: in the open cable (`/`), and over every cable (`:search`), its hits opened at
//! their paragraph with the same matches highlighted.

use crate::app::action::{Action, PromptKind};
use crate::app::corpus_search::{CorpusSearch, FoundHit, cable_of_hit};
use crate::app::doc::Src;
use crate::app::effect::Effect;
use crate::app::find::{self, Search};
use crate::app::motion::list_motion;
use crate::app::state::{Anchor, Overlay, Pane, Prompt, State, Texts};
use crate::cable::search::{Place, Query, SearchEvent};
use crate::keys::Command;

pub(super) fn search_for(state: &mut State, query: &str) {
    // `n` and `N` now step through this search, no longer the corpus search's hits.
    if let Some(r) = state.results.as_mut() {
        r.stepping = None;
    }
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

pub(super) fn search_step(state: &mut State, forward: bool) {
    if state.results.as_ref().is_some_and(|r| r.stepping.is_some()) {
        return hit_step(state, forward);
    }
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
        state.push_mark();
        state.reader.top = line.saturating_sub(h / 3).min(state.max_top());
    }
    state.focus = Pane::Reader;
}

/// A regular expression's error on one line: the pattern, then the reason the parser gives
/// last (its other lines draw the pattern with a caret under the fault).
fn bad_pattern(pattern: &str, error: &str) -> String {
    let reason = error
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let reason = reason.strip_prefix("error: ").unwrap_or(reason);
    crate::sanitize::clean_line(&format!("Bad pattern {pattern}: {reason}")).into_owned()
}

/// `:search PATTERN`: a new search over every cable (the one before it is dropped). Cables in
/// memory are searched at once; files by the event loop, on another thread, their hits
/// arriving as [`Action::Searched`].
pub(super) fn search_all(state: &mut State, pattern: &str, fx: &mut Vec<Effect>) {
    let pattern = pattern.trim();
    if pattern.is_empty() {
        state.message = Some("Search for what? :search PATTERN".into());
        return;
    }
    let query = match Query::new(pattern) {
        Ok(q) => q,
        Err(e) => {
            state.message = Some(bad_pattern(pattern, &e));
            return;
        }
    };
    state.search_generation += 1;
    let generation = state.search_generation;
    let mut results = CorpusSearch::new(generation, pattern, query.clone());
    results.scope = scope_label(state);
    match &state.texts {
        Texts::Memory(cables) => {
            for c in cables {
                let mut found = CorpusSearch::found(query.hits_in(c));
                found.retain(|h| in_scope(state, h));
                results.add(found);
            }
            results.done = true;
        }
        Texts::Files(_) => fx.push(Effect::StartSearch {
            generation,
            pattern: pattern.to_string(),
        }),
    }
    state.results = Some(results);
    state.overlay = Some(Overlay::Results);
}

/// Takes in what the corpus search found; events of an older search are dropped. Hits outside
/// the limit and filter in force are left out, then each id is kept by one version.
pub(super) fn searched(state: &mut State, generation: u64, event: Option<SearchEvent>) {
    let Some(r) = state
        .results
        .as_ref()
        .filter(|r| r.generation == generation)
    else {
        return;
    };
    let scoped = r.scope.is_some();
    let found = match event {
        Some(SearchEvent::Hits(hits)) => {
            let mut found = CorpusSearch::found(hits);
            if scoped {
                found.retain(|h| in_scope(state, h));
            }
            Some(found)
        }
        other => {
            if let Some(r) = state.results.as_mut() {
                r.apply(other);
            }
            None
        }
    };
    if let (Some(found), Some(r)) = (found, state.results.as_mut()) {
        r.add(found);
    }
}

/// The limit and marking filter in force, as the hit list's title names them.
fn scope_label(state: &State) -> Option<String> {
    let limit = state.limit.text().map(|q| format!("limit {q}"));
    let filter = state.filter_label().map(|f| format!("filter {f}"));
    match (limit, filter) {
        (None, None) => None,
        (Some(l), None) => Some(l),
        (None, Some(f)) => Some(f),
        (Some(l), Some(f)) => Some(format!("{l} · {f}")),
    }
}

/// A hit counts when its cable is in the list (the limit and the filter leave it there) and,
/// in a paragraph, when the filter shows that paragraph's marking.
fn in_scope(state: &State, hit: &FoundHit) -> bool {
    let Some(ci) = cable_of_hit(&state.corpus, hit) else {
        return false;
    };
    if state
        .limit
        .holds()
        .is_some_and(|h| h.get(ci) != Some(&true))
    {
        return false;
    }
    if !state.filter.active() {
        return true;
    }
    if state.matching_paragraphs(ci) == 0 {
        return false;
    }
    match (&hit.place, &hit.marking) {
        (Place::Paragraph(_), Some(m)) => state.filter.key_on(state.markings.find(m)),
        (Place::Paragraph(_), None) => state.filter.key_on(state.markings.unmarked_key()),
        _ => true,
    }
}

/// Keys in the list of search hits: move, open, close.
pub(super) fn results_action(state: &mut State, action: Action) {
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
            r.stepping = Some(k);
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

/// `n`/`N` after opening a hit: the next or previous hit of the corpus search, in its cable
/// (opened when it is another) at its place, highlighted; round the list's ends with a word.
fn hit_step(state: &mut State, forward: bool) {
    let Some(r) = state.results.as_mut() else {
        return;
    };
    let n = r.hits.len();
    let Some(k) = r.stepping.filter(|_| n > 0) else {
        return;
    };
    let (next, wrapped) = match forward {
        true => ((k + 1) % n, k + 1 >= n),
        false => ((k + n - 1) % n, k == 0),
    };
    r.stepping = Some(next);
    r.cursor.selected = next;
    open_hit(state, next);
    let mut note = format!("hit {} of {n}", next + 1);
    if wrapped {
        note.push_str(if forward {
            " · wrapped to the first"
        } else {
            " · wrapped to the last"
        });
    }
    state.message = Some(match state.message.take() {
        Some(m) => format!("{note} · {m}"),
        None => note,
    });
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
        state.push_mark();
        if !state.open(ci) {
            return;
        }
    }
    state.focus = Pane::Reader;
    let Some(cable) = state.reader.cable.clone() else {
        return;
    };
    let pattern = state
        .results
        .as_ref()
        .map(|r| r.pattern.clone())
        .unwrap_or_default();
    if !matches!(hit.place, Place::Paragraph(_)) {
        return open_outside_paragraphs(state, &hit, &pattern, query, ci, &cable);
    }
    let Some(index) = cable
        .paragraphs
        .iter()
        .position(|p| p.number.unwrap_or(0) == hit.paragraph)
    else {
        state.message = Some(format!("{} has no ¶{} now", hit.id, hit.paragraph));
        return;
    };
    let mut search = Search::new(&pattern, query, Some((ci, &cable)));
    search.current = search
        .matches
        .iter()
        .position(|m| m.src == Src::Para(index as u32));
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

/// A hit in the subject, header, unnumbered text or closing: its first match there is made
/// current and brought into view (the subject is at the top, with the header).
fn open_outside_paragraphs(
    state: &mut State,
    hit: &FoundHit,
    pattern: &str,
    query: Query,
    ci: usize,
    cable: &crate::cable::Cable,
) {
    let want = match hit.place {
        Place::Header => Some(Src::Header),
        Place::Text => Some(Src::Preamble),
        Place::Closing => Some(Src::Closing),
        _ => None,
    };
    let mut search = Search::new(pattern, query, Some((ci, cable)));
    let first = search
        .matches
        .iter()
        .position(|m| want.is_none_or(|w| m.src == w));
    state.reader.search = Some(search.clone());
    let visible = state.visible_matches();
    match first.and_then(|k| visible.iter().find(|&&(v, _)| v == k)) {
        Some(&(k, line)) if want.is_some() => show_match(state, (k, line)),
        _ => {
            search.current = None;
            state.reader.search = Some(search);
            state.go_to_anchor(Anchor::Header(0));
        }
    }
}
