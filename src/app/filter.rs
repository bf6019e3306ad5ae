//! The marking filter: the markings present in the corpus with their counts, and which of them
//! are shown.

use crate::cable::index::MarkingId;
use crate::cable::{CableSummary, Marking, MarkingFilter, MarkingTable, Paragraph};

use super::cursor::Cursor;

/// One entry of the marking filter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FilterKey {
    Marked(Marking),
    Unmarked,
}

impl FilterKey {
    pub fn label(&self) -> String {
        match self {
            FilterKey::Marked(m) => m.to_string(),
            FilterKey::Unmarked => "unmarked".to_string(),
        }
    }
}

/// The markings present in the corpus and how many paragraphs carry each, added up from the
/// index's per-cable counts as cables arrive, so a filter change costs one pass over small
/// per-cable tables, not over every paragraph.
#[derive(Debug, Default)]
pub struct MarkingIndex {
    pub keys: Vec<FilterKey>,
    /// Paragraphs carrying each key, over everything loaded.
    pub totals: Vec<usize>,
    /// Per marking number of the corpus's table: its entry in `keys`.
    key_of_id: Vec<Option<u16>>,
    unmarked_key: Option<u16>,
    id_totals: Vec<usize>,
    unmarked_total: usize,
    /// Per cable, in the order added: which marking numbers its paragraphs carry, so that
    /// filtering the whole list reads one word a cable, not each cable's own lists.
    masks: Vec<u64>,
}

/// A mask's bit for marking numbers beyond the others': the cable's own lists decide.
const BEYOND: u64 = 1 << 63;

fn mask_of(c: &CableSummary) -> u64 {
    c.markings()
        .iter()
        .filter(|&&[_, n]| n > 0)
        .fold(0, |mask, &[m, _]| {
            mask | if m < 63 { 1 << m } else { BEYOND }
        })
}

impl MarkingIndex {
    /// Counts the markings of newly indexed cables; true when the entries changed.
    pub fn add(&mut self, table: &MarkingTable, cables: &[CableSummary]) -> bool {
        if self.id_totals.len() < table.len() {
            self.id_totals.resize(table.len(), 0);
        }
        for c in cables {
            self.masks.push(mask_of(c));
            for &[m, n] in c.markings() {
                if let Some(t) = self.id_totals.get_mut(m as usize) {
                    *t += n as usize;
                }
            }
            self.unmarked_total += c.unmarked as usize;
        }
        let present = self.id_totals.iter().filter(|&&n| n > 0).count()
            + usize::from(self.unmarked_total > 0);
        let changed = present != self.keys.len();
        if changed {
            let mut keys: Vec<(FilterKey, Option<MarkingId>)> = self
                .id_totals
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .filter_map(|(id, _)| {
                    let id = id as MarkingId;
                    table
                        .get(id)
                        .map(|m| (FilterKey::Marked(m.clone()), Some(id)))
                })
                .collect();
            if self.unmarked_total > 0 {
                keys.push((FilterKey::Unmarked, None));
            }
            keys.sort();
            self.key_of_id = vec![None; self.id_totals.len()];
            self.unmarked_key = None;
            for (k, (_, id)) in keys.iter().enumerate() {
                match id {
                    Some(id) => self.key_of_id[*id as usize] = Some(k as u16),
                    None => self.unmarked_key = Some(k as u16),
                }
            }
            self.keys = keys.into_iter().map(|(k, _)| k).collect();
        }
        let mut totals = vec![0; self.keys.len()];
        for (id, k) in self.key_of_id.iter().enumerate() {
            if let Some(k) = k {
                totals[usize::from(*k)] = self.id_totals[id];
            }
        }
        if let Some(k) = self.unmarked_key {
            totals[usize::from(k)] = self.unmarked_total;
        }
        self.totals = totals;
        changed
    }

    /// The entry of a paragraph's marking.
    pub fn key_of(&self, table: &MarkingTable, p: &Paragraph) -> Option<u16> {
        match &p.marking {
            None => self.unmarked_key,
            Some(m) => table
                .id_of(m)
                .and_then(|id| self.key_of_id.get(id as usize).copied().flatten()),
        }
    }

    /// The entry of a marking number.
    pub fn key_of_id(&self, id: MarkingId) -> Option<u16> {
        self.key_of_id.get(id as usize).copied().flatten()
    }

    pub fn unmarked_key(&self) -> Option<u16> {
        self.unmarked_key
    }

    /// The marking mask of the `i`th cable added.
    fn mask(&self, i: usize) -> Option<u64> {
        self.masks.get(i).copied()
    }

    /// Finds the entry a user typed (`sbu`, `S//NF`, `s/nf`, `unmarked`).
    pub fn find(&self, name: &str) -> Option<u16> {
        let want = normalize_marking_name(name);
        self.keys
            .iter()
            .position(|k| normalize_marking_name(&k.label()) == want)
            .map(|i| i as u16)
    }

    /// Reads `U,SBU` into filter entries, as every marking a user types is read
    /// ([`crate::cable::parse_user_markings`]). A level alone (`S`) with no entry of its own takes
    /// every entry of that level.
    pub fn parse(&self, text: &str) -> Result<Vec<u16>, String> {
        let mut keys = Vec::new();
        for want in crate::cable::parse_user_markings(text)? {
            let key = match &want {
                MarkingFilter::Marking(m) => FilterKey::Marked(m.clone()),
                MarkingFilter::Unmarked => FilterKey::Unmarked,
            };
            if let Some(k) = self.keys.iter().position(|k| *k == key) {
                keys.push(k as u16);
                continue;
            }
            let level = match &want {
                MarkingFilter::Marking(m) if m.caveats.is_empty() => self.find_level(&key.label()),
                _ => Vec::new(),
            };
            if level.is_empty() {
                let present: Vec<String> = self.keys.iter().map(|k| k.label()).collect();
                return Err(format!(
                    "No paragraph is marked {}; present: {}",
                    key.label(),
                    present.join(" ")
                ));
            }
            keys.extend(level);
        }
        Ok(keys)
    }

    /// Entries whose level is written `name` (`S` finds `S`, `S//NF`, `S//REL NATO`).
    pub fn find_level(&self, name: &str) -> Vec<u16> {
        let want = normalize_marking_name(name);
        self.keys
            .iter()
            .enumerate()
            .filter(|(_, k)| match k {
                FilterKey::Marked(m) => {
                    normalize_marking_name(
                        &Marking {
                            level: m.level,
                            caveats: Vec::new(),
                        }
                        .to_string(),
                    ) == want
                }
                FilterKey::Unmarked => false,
            })
            .map(|(i, _)| i as u16)
            .collect()
    }
}

fn normalize_marking_name(s: &str) -> String {
    s.split(['/', '-'])
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("//")
        .to_uppercase()
        .replace("NOFORN", "NF")
}

/// The filter's entries as marking numbers of the corpus's table.
#[derive(Debug)]
pub struct Passing {
    on: Vec<bool>,
    /// `on` as a mask, for the marking numbers masks hold.
    on_mask: u64,
    unmarked_on: bool,
}

impl Passing {
    /// Whether a cable holds a paragraph that passes.
    pub fn holds(&self, c: &CableSummary) -> bool {
        (self.unmarked_on && c.unmarked > 0)
            || c.markings()
                .iter()
                .any(|&[m, n]| n > 0 && self.on.get(m as usize) == Some(&true))
    }

    /// [`Passing::holds`] for the `i`th cable of `markings`, read from its mask.
    pub fn holds_at(&self, markings: &MarkingIndex, i: usize, c: &CableSummary) -> bool {
        match markings.mask(i) {
            Some(mask) => {
                (self.unmarked_on && c.unmarked > 0)
                    || mask & self.on_mask != 0
                    || (mask & BEYOND != 0 && self.holds(c))
            }
            None => self.holds(c),
        }
    }
}

/// The marking filter: which entries are on. None on means no filter.
#[derive(Debug, Default)]
pub struct FilterView {
    pub enabled: Vec<bool>,
    pub cursor: Cursor,
    /// Bumped on every change so cached layouts know they are stale.
    pub generation: u64,
}

impl FilterView {
    pub fn active(&self) -> bool {
        self.enabled.iter().any(|e| *e)
    }

    /// Whether entry `k` is on.
    pub fn key_on(&self, k: Option<u16>) -> bool {
        k.and_then(|k| self.enabled.get(usize::from(k)).copied())
            .unwrap_or(false)
    }

    /// Whether a paragraph passes: every one does while the filter is off.
    pub fn passes(&self, markings: &MarkingIndex, table: &MarkingTable, p: &Paragraph) -> bool {
        !self.active() || self.key_on(markings.key_of(table, p))
    }

    /// Paragraphs of a cable that pass, from its per-marking counts.
    pub fn matching(&self, markings: &MarkingIndex, c: &CableSummary) -> u32 {
        if !self.active() {
            return c.paragraphs;
        }
        let mut n = 0;
        for &[m, count] in c.markings() {
            if self.key_on(markings.key_of_id(m)) {
                n += count;
            }
        }
        if c.unmarked > 0 && self.key_on(markings.unmarked_key()) {
            n += c.unmarked;
        }
        n
    }

    /// For each cable, whether it holds a paragraph that passes: which marking numbers are on,
    /// once, then one look at each cable's counts.
    pub fn holds(
        &self,
        markings: &MarkingIndex,
        table_len: usize,
        cables: &[CableSummary],
    ) -> Vec<bool> {
        let passing = self.passing(markings, table_len);
        (cables.iter().enumerate())
            .map(|(i, c)| passing.holds_at(markings, i, c))
            .collect()
    }

    /// Which marking numbers are on, for testing cables one by one.
    pub fn passing(&self, markings: &MarkingIndex, table_len: usize) -> Passing {
        let on: Vec<bool> = (0..table_len)
            .map(|id| self.key_on(markings.key_of_id(id as MarkingId)))
            .collect();
        let on_mask = (on.iter().take(63).enumerate())
            .filter(|(_, on)| **on)
            .fold(0, |mask, (m, _)| mask | 1 << m);
        Passing {
            on,
            on_mask,
            unmarked_on: self.key_on(markings.unmarked_key()),
        }
    }

    /// The filter as text: `SBU,U`, or `None` when off.
    pub fn label(&self, markings: &MarkingIndex) -> Option<String> {
        if !self.active() {
            return None;
        }
        Some(
            markings
                .keys
                .iter()
                .zip(&self.enabled)
                .filter(|(_, on)| **on)
                .map(|(k, _)| k.label())
                .collect::<Vec<_>>()
                .join(","),
        )
    }

    /// Turns on exactly the entries `keys`.
    pub fn set(&mut self, keys: &[u16]) {
        for e in self.enabled.iter_mut() {
            *e = false;
        }
        for &k in keys {
            if let Some(e) = self.enabled.get_mut(usize::from(k)) {
                *e = true;
            }
        }
        self.generation += 1;
    }

    /// Flips entry `k`; false when there is none.
    pub fn toggle(&mut self, k: usize) -> bool {
        let Some(e) = self.enabled.get_mut(k) else {
            return false;
        };
        *e = !*e;
        self.generation += 1;
        true
    }

    /// The entries were renumbered (a marking met for the first time): the same markings stay
    /// on, the cursor stays on its marking.
    pub fn remap(&mut self, before: &[FilterKey], now: &[FilterKey]) {
        let cursor_key = before.get(self.cursor.selected).cloned();
        let on: Vec<&FilterKey> = before
            .iter()
            .zip(&self.enabled)
            .filter(|(_, e)| **e)
            .map(|(k, _)| k)
            .collect();
        self.enabled = now.iter().map(|k| on.contains(&k)).collect();
        if let Some(k) = cursor_key
            && let Some(p) = now.iter().position(|x| *x == k)
        {
            self.cursor.selected = p;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::Location;

    /// A cable summary holding `counts` paragraphs of each marking and `unmarked` without one.
    fn summary(table: &mut MarkingTable, counts: &[(&str, u32)], unmarked: u32) -> CableSummary {
        let markings: Vec<(MarkingId, u32)> = counts
            .iter()
            .map(|(m, n)| (table.intern(&Marking::parse(m).unwrap()), *n))
            .collect();
        crate::cable::SummaryFields {
            id: "X".into(),
            date: None,
            classification: "".into(),
            origin: "".into(),
            subject: "".into(),
            paragraphs: counts.iter().map(|c| c.1).sum::<u32>() + unmarked,
            unmarked,
            markings: markings.into(),
            location: Location::Cable {
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
    fn entries_counts_and_what_users_type() {
        let mut table = MarkingTable::default();
        let a = summary(&mut table, &[("SBU", 3), ("S//NF", 1)], 2);
        let b = summary(&mut table, &[("S", 4), ("C//REL TO USA, FVEY", 1)], 0);
        let mut m = MarkingIndex::default();
        assert!(m.add(&table, &[a.clone(), b.clone()]));
        let labels: Vec<String> = m.keys.iter().map(FilterKey::label).collect();
        assert_eq!(
            labels,
            ["SBU", "C//REL TO USA, FVEY", "S", "S//NF", "unmarked"]
        );
        assert_eq!(m.totals, [3, 1, 4, 1, 2]);
        assert_eq!(m.find("sbu"), Some(0));
        assert_eq!(m.find("s/nf"), Some(3));
        assert_eq!(
            m.parse("U,SBU").unwrap_err(),
            "No paragraph is marked U; present: SBU C//REL TO USA, FVEY S S//NF unmarked"
        );
        // A comma inside a marking; a level with no entry of its own takes its level's markings.
        assert_eq!(m.parse("C//REL TO USA, FVEY,unmarked"), Ok(vec![1, 4]));
        assert_eq!(m.parse("c"), Ok(vec![1]));

        let mut f = FilterView {
            enabled: vec![false; m.keys.len()],
            ..FilterView::default()
        };
        assert_eq!(f.label(&m), None);
        assert_eq!(f.matching(&m, &a), 6);
        f.set(&[2, 3]);
        assert_eq!(f.label(&m).as_deref(), Some("S,S//NF"));
        assert_eq!((f.matching(&m, &a), f.matching(&m, &b)), (1, 4));
        assert_eq!(f.holds(&m, table.len(), &[a, b]), [true, true]);
        assert!(f.toggle(3) && !f.toggle(9));
        assert_eq!(f.label(&m).as_deref(), Some("S"));
    }

    #[test]
    fn markings_beyond_the_mask_still_filter() {
        let mut table = MarkingTable::default();
        let many: Vec<String> = (0..70).map(|k| format!("S//REL TO X{k}")).collect();
        let early = summary(&mut table, &[(many[2].as_str(), 1)], 0);
        let pairs: Vec<(&str, u32)> = many[..66].iter().map(|m| (m.as_str(), 0)).collect();
        let _ = summary(&mut table, &pairs, 0);
        let late = summary(&mut table, &[(many[65].as_str(), 2)], 0);
        let mut m = MarkingIndex::default();
        m.add(&table, &[early.clone(), late.clone()]);
        let mut f = FilterView {
            enabled: vec![false; m.keys.len()],
            ..FilterView::default()
        };
        let key = |name: &str| m.find(name).unwrap();
        f.set(&[key(&many[65])]);
        assert_eq!(
            f.holds(&m, table.len(), &[early.clone(), late.clone()]),
            [false, true]
        );
        f.set(&[key(&many[2])]);
        assert_eq!(f.holds(&m, table.len(), &[early, late]), [true, false]);
    }

    #[test]
    fn renumbered_entries_keep_what_was_on() {
        let before = vec![
            FilterKey::Marked(Marking::parse("S").unwrap()),
            FilterKey::Unmarked,
        ];
        let now = vec![
            FilterKey::Marked(Marking::parse("C").unwrap()),
            FilterKey::Marked(Marking::parse("S").unwrap()),
            FilterKey::Unmarked,
        ];
        let mut f = FilterView {
            enabled: vec![true, false],
            ..FilterView::default()
        };
        f.cursor.selected = 1;
        f.remap(&before, &now);
        assert_eq!(f.enabled, [false, true, false]);
        assert_eq!(f.cursor.selected, 2);
    }
}
