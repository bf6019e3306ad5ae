//! The document list: the order of every cable, and the rows the filter leaves.

use std::cmp::Ordering;

use crate::cable::{CableSummary, classification};

use super::cursor::Cursor;

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
            SortKey::Date => x.date.cmp(&y.date),
            SortKey::Id => x.id.cmp(&y.id),
            SortKey::Origin => x.origin.cmp(&y.origin),
            SortKey::Subject => x.subject.cmp(&y.subject),
            SortKey::Class => classification::rank(&x.classification)
                .cmp(&classification::rank(&y.classification))
                .reverse()
                .then_with(|| x.classification.cmp(&y.classification)),
        };
        by.then(a.cmp(&b))
    }

    /// As [`SortKey::compare`], the other way round when `reverse`.
    pub fn compare_in(self, reverse: bool, cables: &[CableSummary], a: u32, b: u32) -> Ordering {
        let o = self.compare(cables, a, b);
        if reverse { o.reverse() } else { o }
    }
}

/// The document list: which cables it shows (all, or those the filter leaves something of).
#[derive(Debug, Default)]
pub struct ListView {
    /// Every cable, in the list's order.
    pub order: Vec<u32>,
    pub sort: SortKey,
    /// The order is the sort's the other way round (`:sort -date`).
    pub reverse: bool,
    /// The cables shown: `order` less those the filter leaves nothing of.
    pub rows: Vec<u32>,
    pub cursor: Cursor,
}

impl ListView {
    /// Puts newly indexed cables into the order (not yet into the rows: see [`ListView::refilter`]).
    pub fn add(&mut self, new: std::ops::Range<usize>, cables: &[CableSummary]) {
        let (sort, rev) = (self.sort, self.reverse);
        let mut add: Vec<u32> = (new.start as u32..new.end as u32).collect();
        if self.in_source_order() {
            self.order.extend_from_slice(&add);
        } else {
            add.sort_unstable_by(|&a, &b| sort.compare_in(rev, cables, a, b));
            self.order = merge(&self.order, &add, |a, b| sort.compare_in(rev, cables, a, b));
        }
    }

    /// Orders every cable anew.
    pub fn sort_by(&mut self, sort: SortKey, cables: &[CableSummary]) {
        self.order_by(sort, false, cables);
    }

    /// Orders every cable anew, the other way round when `reverse`.
    pub fn order_by(&mut self, sort: SortKey, reverse: bool, cables: &[CableSummary]) {
        self.sort = sort;
        self.reverse = reverse;
        let mut order: Vec<u32> = (0..cables.len() as u32).collect();
        match (sort, reverse) {
            (SortKey::Source, false) => {}
            (SortKey::Source, true) => order.reverse(),
            _ => order.sort_unstable_by(|&a, &b| sort.compare_in(reverse, cables, a, b)),
        }
        self.order = order;
    }

    /// The order is the files' own: the rows are then sorted by index.
    fn in_source_order(&self) -> bool {
        self.sort == SortKey::Source && !self.reverse
    }

    /// The rows anew: every cable in order, or (with `holds`) those holding a paragraph the
    /// filter shows. The selection stays on the same cable where it is still listed, else near
    /// where it was.
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
        let last = self.rows.len().saturating_sub(1);
        self.cursor.selected = match selected {
            Some(s) if self.in_source_order() => match self.rows.binary_search(&s) {
                Ok(p) => p,
                Err(p) => p.min(last),
            },
            Some(s) => match self.rows.iter().position(|&r| r == s) {
                Some(p) => p,
                None => old_pos.min(last),
            },
            None => 0,
        };
        self.cursor.offset = self.cursor.offset.min(self.cursor.selected);
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
        CableSummary {
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
            ..CableSummary::names_of(&crate::cable::Cable::default(), &mut Default::default())
        }
    }

    #[test]
    fn sorting_and_adding_keep_the_order_and_filtering_keeps_the_selection() {
        let cables = vec![
            summary("B", "2009", "UNCLASSIFIED"),
            summary("A", "2001", "SECRET"),
            summary("C", "2005", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
        ];
        let mut l = ListView::default();
        l.add(0..2, &cables);
        l.refilter(None);
        assert_eq!(l.rows, [0, 1]);
        l.sort_by(SortKey::Date, &cables[..2]);
        l.add(2..3, &cables);
        assert_eq!(l.order, [1, 2, 0]);
        l.sort_by(SortKey::Class, &cables);
        assert_eq!(l.order, [1, 2, 0]);
        l.refilter(None);
        l.cursor.selected = 2;
        // The selected cable (0) stays selected when the rows shrink around it.
        l.refilter(Some(&[true, false, true]));
        assert_eq!((l.rows.as_slice(), l.cursor.selected), (&[2, 0][..], 1));
        // A selected cable filtered out leaves the selection near where it was.
        l.refilter(Some(&[false, true, true]));
        assert_eq!((l.rows.as_slice(), l.cursor.selected), (&[1, 2][..], 1));
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
