//! The document list: the order of every cable, and the rows the filter leaves.

use std::cmp::Ordering;

use crate::cable::{CableSummary, classification};

use super::cursor::Cursor;
use super::groups::{Arrived, IdGroups};

/// The order of the document list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// As the files hold them.
    #[default]
    Source,
    Date,
    Id,
    Origin,
    Class,
    Subject,
}

impl SortKey {
    pub const ALL: [SortKey; 6] = [
        SortKey::Source,
        SortKey::Date,
        SortKey::Id,
        SortKey::Origin,
        SortKey::Class,
        SortKey::Subject,
    ];
    /// The orders `s` goes through (the subject's only by name: rarely wanted, a long way round).
    const CYCLE: [SortKey; 5] = [
        SortKey::Source,
        SortKey::Date,
        SortKey::Id,
        SortKey::Origin,
        SortKey::Class,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Source => "source",
            SortKey::Date => "date",
            SortKey::Id => "id",
            SortKey::Origin => "origin",
            SortKey::Class => "class",
            SortKey::Subject => "subject",
        }
    }

    pub fn parse(s: &str) -> Option<SortKey> {
        let s = s.trim().to_ascii_lowercase();
        let s = match s.as_str() {
            "classification" | "level" => "class",
            "file" | "files" | "none" => "source",
            other => other,
        };
        SortKey::ALL.into_iter().find(|k| k.name() == s)
    }

    pub fn next(self) -> SortKey {
        let at = SortKey::CYCLE.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::CYCLE[(at + 1) % SortKey::CYCLE.len()]
    }

    /// `-date` as typed after `:sort`: the key, and whether the order is reversed.
    pub fn parse_order(s: &str) -> Option<(SortKey, bool)> {
        let s = s.trim();
        match s.strip_prefix('-') {
            Some(rest) => SortKey::parse(rest).map(|k| (k, true)),
            None => SortKey::parse(s).map(|k| (k, false)),
        }
    }

    /// The order's name as `:sort` takes it: `date`, `-date` reversed.
    pub fn order_name(self, reverse: bool) -> String {
        format!("{}{}", if reverse { "-" } else { "" }, self.name())
    }

    /// Compares two cables of the corpus; ties go by source order.
    pub fn compare(self, cables: &[CableSummary], a: u32, b: u32) -> Ordering {
        let (Some(x), Some(y)) = (cables.get(a as usize), cables.get(b as usize)) else {
            return a.cmp(&b);
        };
        let by = match self {
            SortKey::Source => Ordering::Equal,
            SortKey::Date => x.date().cmp(&y.date()),
            SortKey::Id => x.id().cmp(y.id()),
            SortKey::Origin => x.origin().cmp(y.origin()),
            SortKey::Subject => x.subject().cmp(y.subject()),
            SortKey::Class => classification::rank(x.classification())
                .cmp(&classification::rank(y.classification()))
                .reverse()
                .then_with(|| x.classification().cmp(y.classification())),
        };
        by.then(a.cmp(&b))
    }

    /// As [`SortKey::compare`], the other way round when `reverse`.
    pub fn compare_in(self, reverse: bool, cables: &[CableSummary], a: u32, b: u32) -> Ordering {
        let o = self.compare(cables, a, b);
        if reverse { o.reverse() } else { o }
    }
}

/// The document list: one row per id (its fullest version), all of them or those the filter
/// and the limit leave.
#[derive(Debug, Default)]
pub struct ListView {
    /// Every id's shown cable, in the list's order.
    pub order: Vec<u32>,
    pub sort: SortKey,
    /// The order is the sort's the other way round (`:sort -date`).
    pub reverse: bool,
    /// The cables shown: `order` less those the filter or the limit leaves out.
    pub rows: Vec<u32>,
    pub cursor: Cursor,
}

/// The list's order: by `sort`, and in source order by the order the ids were first met (so a
/// fuller version found later keeps its id's place).
fn compare(
    (sort, reverse): (SortKey, bool),
    cables: &[CableSummary],
    groups: &IdGroups,
    a: u32,
    b: u32,
) -> Ordering {
    let o = match sort {
        SortKey::Source => {
            let g = |i: u32| groups.group_of(i as usize).unwrap_or(u32::MAX);
            g(a).cmp(&g(b)).then(a.cmp(&b))
        }
        _ => sort.compare(cables, a, b),
    };
    if reverse { o.reverse() } else { o }
}

impl ListView {
    /// Takes in a batch of newly indexed cables: only they (and the rows they replace) are
    /// sorted in and tested with `pass` (the filter and the limit), never the whole list.
    pub fn arrive(
        &mut self,
        arrived: &Arrived,
        cables: &[CableSummary],
        groups: &IdGroups,
        pass: impl Fn(u32) -> bool,
    ) {
        let selected = self.rows.get(self.cursor.selected).copied();
        let key = (self.sort, self.reverse);
        let cmp = |a: u32, b: u32| compare(key, cables, groups, a, b);
        // Rows whose cable changed, or whose id gained a version (a limit may ask for it), go
        // out and come in again.
        let gone: Vec<u32> = (arrived.replaced.iter().map(|r| r.0))
            .chain(arrived.grown.iter().copied())
            .collect();
        let mut moved = false;
        if !gone.is_empty() {
            // One look-up a row: a batch may take back many rows of a long list.
            let mut out = vec![false; cables.len()];
            for &i in &gone {
                if let Some(o) = out.get_mut(i as usize) {
                    *o = true;
                }
            }
            let stays = |i: &u32| !out.get(*i as usize).copied().unwrap_or(false);
            self.order.retain(stays);
            let before = self.rows.len();
            self.rows.retain(stays);
            moved = before != self.rows.len();
        }
        let mut add: Vec<u32> = (arrived.fresh.iter().copied())
            .chain(arrived.replaced.iter().map(|r| r.1))
            .chain(arrived.grown.iter().copied())
            .collect();
        add.sort_unstable_by(|&a, &b| cmp(a, b));
        let shown: Vec<u32> = add.iter().copied().filter(|&i| pass(i)).collect();
        insert_sorted(&mut self.order, &add, cmp);
        let at_end = self
            .rows
            .last()
            .is_none_or(|&l| shown.first().is_none_or(|&f| cmp(l, f) == Ordering::Less));
        insert_sorted(&mut self.rows, &shown, cmp);
        if moved || !at_end {
            // The selection stays on its cable (or the one that took its row).
            let follow = selected.map(|s| {
                arrived
                    .replaced
                    .iter()
                    .find(|r| r.0 == s)
                    .map_or(s, |r| r.1)
            });
            self.select(follow, self.cursor.selected);
        }
    }

    /// Orders every listed id anew; `groups` gives the ids' shown cables.
    pub fn sort_by(&mut self, sort: SortKey, cables: &[CableSummary], groups: &IdGroups) {
        self.order_by(sort, false, cables, groups);
    }

    /// Orders every listed id anew, the other way round when `reverse`.
    pub fn order_by(
        &mut self,
        sort: SortKey,
        reverse: bool,
        cables: &[CableSummary],
        groups: &IdGroups,
    ) {
        self.sort = sort;
        self.reverse = reverse;
        let mut order = groups.shown().to_vec();
        order.sort_unstable_by(|&a, &b| compare((sort, reverse), cables, groups, a, b));
        self.order = order;
    }

    /// The rows anew: every listed id in order, or (with `holds`) those whose cable the
    /// filter and the limit leave. The selection stays on the same cable where it is still
    /// listed, else near where it was.
    pub fn refilter(&mut self, holds: Option<&[bool]>) {
        let selected = self.rows.get(self.cursor.selected).copied();
        let old_pos = self.cursor.selected;
        self.rows = match holds {
            Some(holds) => self
                .order
                .iter()
                .copied()
                .filter(|&i| holds.get(i as usize) == Some(&true))
                .collect(),
            None => self.order.clone(),
        };
        self.select(selected, old_pos);
    }

    /// Selects cable `cable`'s row, else the row nearest `near`.
    fn select(&mut self, cable: Option<u32>, near: usize) {
        let last = self.rows.len().saturating_sub(1);
        self.cursor.selected = match cable {
            Some(s) => match self.rows.iter().position(|&r| r == s) {
                Some(p) => p,
                None => near.min(last),
            },
            None => 0,
        };
        self.cursor.offset = self.cursor.offset.min(self.cursor.selected);
    }
}

/// Puts `add` (sorted by `cmp`) into `list` (sorted by `cmp`): appended when it all comes
/// after, as a batch in source order does, else merged.
fn insert_sorted(list: &mut Vec<u32>, add: &[u32], cmp: impl Fn(u32, u32) -> Ordering) {
    let (Some(&first), Some(&last)) = (add.first(), list.last()) else {
        list.extend_from_slice(add);
        return;
    };
    if cmp(last, first) == Ordering::Less {
        list.extend_from_slice(add);
    } else {
        *list = merge(list, add, cmp);
    }
}

/// Merges two lists each sorted by `cmp`.
pub fn merge(a: &[u32], b: &[u32], cmp: impl Fn(u32, u32) -> Ordering) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if cmp(a[i], b[j]) == Ordering::Greater {
            out.push(b[j]);
            j += 1;
        } else {
            out.push(a[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(id: &str, date: &str, classification: &str) -> CableSummary {
        crate::cable::SummaryFields {
            id: id.into(),
            date: Some(date.into()),
            classification: classification.into(),
            origin: "".into(),
            subject: "".into(),
            paragraphs: 1,
            unmarked: 1,
            markings: Box::new([]),
            location: crate::cable::Location::Cable {
                file: 0,
                nth: 0,
                record: None,
            },
            ..crate::cable::SummaryFields::names_of(
                &crate::cable::Cable::default(),
                &mut Default::default(),
            )
        }
        .pack()
    }

    #[test]
    fn sorting_and_adding_keep_the_order_and_filtering_keeps_the_selection() {
        let mut cables = vec![
            summary("B", "2009", "UNCLASSIFIED"),
            summary("A", "2001", "SECRET"),
            summary("C", "2005", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
            summary("B", "2009", "UNCLASSIFIED"),
        ];
        // The last is a fuller version of the first.
        cables[3].text.letters = 10;
        let mut groups = IdGroups::default();
        let mut l = ListView::default();
        let a = groups.add(0..2, &cables);
        l.arrive(&a, &cables, &groups, |_| true);
        assert_eq!(l.rows, [0, 1]);
        l.sort_by(SortKey::Date, &cables, &groups);
        let a = groups.add(2..3, &cables);
        l.arrive(&a, &cables, &groups, |_| true);
        assert_eq!(l.order, [1, 2, 0]);
        l.sort_by(SortKey::Class, &cables, &groups);
        assert_eq!(l.order, [1, 2, 0]);
        l.refilter(None);
        l.cursor.selected = 2;
        // The selected cable (0) stays selected when the rows shrink around it.
        l.refilter(Some(&[true, false, true, true]));
        assert_eq!((l.rows.as_slice(), l.cursor.selected), (&[2, 0][..], 1));
        // A selected cable filtered out leaves the selection near where it was.
        l.refilter(Some(&[false, true, true, true]));
        assert_eq!((l.rows.as_slice(), l.cursor.selected), (&[1, 2][..], 1));
        // A fuller version takes its id's row, and the selection follows it.
        l.refilter(None);
        l.cursor.selected = 2;
        l.sort_by(SortKey::Source, &cables, &groups);
        l.refilter(None);
        assert_eq!(l.rows, [0, 1, 2]);
        l.cursor.selected = 0;
        let a = groups.add(3..4, &cables);
        l.arrive(&a, &cables, &groups, |i| i != 2);
        assert_eq!((l.rows.as_slice(), l.cursor.selected), (&[3, 1, 2][..], 0));
        assert_eq!(l.order, [3, 1, 2]);
    }

    #[test]
    fn sort_names_parse_and_cycle() {
        assert_eq!(SortKey::parse(" Classification "), Some(SortKey::Class));
        assert_eq!(SortKey::parse("files"), Some(SortKey::Source));
        assert_eq!(SortKey::parse("nonsense"), None);
        assert_eq!(SortKey::Class.next(), SortKey::Source);
        assert_eq!(SortKey::Subject.next(), SortKey::Date);
        assert_eq!(SortKey::parse_order(" -Date"), Some((SortKey::Date, true)));
        assert_eq!(
            SortKey::parse_order("subject"),
            Some((SortKey::Subject, false))
        );
        assert_eq!(SortKey::parse_order("-"), None);
        assert_eq!(SortKey::Date.order_name(true), "-date");
    }
}
