//! The list's order, limit and marking filter, remembered per corpus like the place and put
//! back at the next start on the same corpus. Knows the memory's form of them, not the state:
//! the state hands over what the list is, and applies what was saved.

use std::collections::BTreeMap;

use super::limit::Limit;
use super::list::{ListView, SortKey};
use crate::memory::View;

/// The list as the memory keeps it: its order, its limit's query and `filter`, the filter in
/// force.
pub fn current(list: &ListView, limit: &Limit, filter: String) -> View {
    View {
        sort: list.sort.order_name(list.reverse),
        limit: limit.text().unwrap_or_default().to_string(),
        filter,
    }
}

/// Brings `views`' entry for `corpus` up to date with `view`; true when it changed.
pub fn remember(views: &mut BTreeMap<String, View>, corpus: &str, view: View) -> bool {
    if view == View::default() || view == plain() {
        return views.remove(corpus).is_some();
    }
    if views.get(corpus) == Some(&view) {
        return false;
    }
    views.insert(corpus.to_string(), view);
    true
}

/// Source order, no limit, no filter: as a corpus opens.
fn plain() -> View {
    View {
        sort: SortKey::Source.order_name(false),
        ..View::default()
    }
}

/// What was saved for a corpus, as the state puts it back at start: the order and limit at
/// once (they apply to cables as they are indexed), the filter once its markings are indexed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Saved {
    pub order: Option<(SortKey, bool)>,
    pub limit: Option<String>,
    pub filter: Option<String>,
}

/// The view saved for `corpus`, nothing when none was.
pub fn saved(views: &BTreeMap<String, View>, corpus: &str) -> Saved {
    let Some(view) = views.get(corpus) else {
        return Saved::default();
    };
    let given = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Saved {
        order: SortKey::parse_order(&view.sort),
        limit: given(&view.limit),
        filter: given(&view.filter),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(sort: &str, limit: &str, filter: &str) -> View {
        View {
            sort: sort.into(),
            limit: limit.into(),
            filter: filter.into(),
        }
    }

    #[test]
    fn a_plain_view_is_forgotten_and_a_saved_one_comes_back() {
        let mut views = BTreeMap::new();
        assert!(!remember(&mut views, "c", view("source", "", "")));
        assert!(remember(&mut views, "c", view("-date", "tag:PREL", "S")));
        assert!(!remember(&mut views, "c", view("-date", "tag:PREL", "S")));
        assert_eq!(
            saved(&views, "c"),
            Saved {
                order: Some((SortKey::Date, true)),
                limit: Some("tag:PREL".into()),
                filter: Some("S".into()),
            }
        );
        assert_eq!(saved(&views, "other"), Saved::default());
        assert!(remember(&mut views, "c", view("source", "", "")));
        assert!(views.is_empty());
    }
}
