//! The list's order, limit and marking filter, remembered per corpus like the place and put
//! back at the next start on the same corpus.

use super::list::SortKey;
use super::state::State;
use crate::memory::View;

/// The list as it is now, as the memory keeps it.
fn current(state: &State) -> View {
    View {
        sort: state.list.sort.order_name(state.list.reverse),
        limit: state.limit.text().unwrap_or_default().to_string(),
        // A filter waiting for its markings to be indexed is the one in force.
        filter: match &state.pending_filter {
            Some(f) => f.clone(),
            None => state.filter_label().unwrap_or_default(),
        },
    }
}

/// Brings the memory's view of this corpus up to date; true when it changed.
pub fn remember(state: &mut State) -> bool {
    let view = current(state);
    let key = &state.corpus_key;
    if view == View::default() || view == plain() {
        return state.memory.views.remove(key).is_some();
    }
    if state.memory.views.get(key) == Some(&view) {
        return false;
    }
    state.memory.views.insert(key.clone(), view);
    true
}

/// Source order, no limit, no filter: as a corpus opens.
fn plain() -> View {
    View {
        sort: SortKey::Source.order_name(false),
        ..View::default()
    }
}

/// At start: the order and limit at once (they apply to cables as they are indexed), the
/// filter once its markings are indexed.
pub fn restore(state: &mut State) {
    let Some(view) = state.memory.views.get(&state.corpus_key).cloned() else {
        return;
    };
    if let Some((key, reverse)) = SortKey::parse_order(&view.sort) {
        state.set_sort(key, reverse);
    }
    if !view.limit.is_empty() {
        let _ = state.set_limit(&view.limit);
    }
    if !view.filter.is_empty() {
        state.pending_filter = Some(view.filter);
    }
}
