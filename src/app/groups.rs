//! One row per id: the cables indexed so far grouped by id as they arrive, each group shown by
//! its fullest version (as [`crate::cable::versions::fullness`] ranks them).

use std::collections::HashMap;
use std::ops::Range;

use crate::cable::CableSummary;
use crate::cable::versions::{fullness, id_hash};

/// What a batch of new cables did to the groups.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Arrived {
    /// Cables that start a group of their own (a new id, or no id), in source order.
    pub fresh: Vec<u32>,
    /// `(was shown, now shown)`: a fuller version of a listed id takes its row.
    pub replaced: Vec<(u32, u32)>,
    /// Cables shown before whose group gained a version that is not fuller.
    pub grown: Vec<u32>,
}

#[derive(Debug, Default)]
pub struct IdGroups {
    /// Each cable's group.
    group_of: Vec<u32>,
    /// Each group's shown cable and how many versions it has.
    shown: Vec<u32>,
    versions: Vec<u32>,
    /// The most versions any id has.
    most: u32,
    /// Groups by their id's hash; ids whose hash another id took are looked up by text.
    /// (32 bits of the hash: 251,287 ids share a few, which `collided` takes.) Dropped once
    /// indexing ends ([`IdGroups::finish`]) and built again if cables come after.
    by_hash: crate::cable::hash_shards::HashShards,
    collided: HashMap<Box<str>, u32>,
    finished: bool,
}

impl IdGroups {
    /// Groups the cables `new` of `cables` (the ones indexed since the last call).
    pub fn add(&mut self, new: Range<usize>, cables: &[CableSummary]) -> Arrived {
        let mut out = Arrived::default();
        if self.finished {
            self.rebuild_map(cables);
        }
        for i in new {
            let Some(c) = cables.get(i) else { break };
            let group = self.group_for(c.id(), cables);
            let Some(g) = group else {
                let g = self.shown.len() as u32;
                self.group_of.push(g);
                self.shown.push(i as u32);
                self.versions.push(1);
                self.most = self.most.max(1);
                if !c.id().is_empty() {
                    self.remember(c.id(), g, cables);
                }
                out.fresh.push(i as u32);
                continue;
            };
            self.group_of.push(g);
            let gi = g as usize;
            self.versions[gi] += 1;
            self.most = self.most.max(self.versions[gi]);
            let was = self.shown[gi];
            let w = was as usize;
            if fullness(c, i) < fullness(&cables[w], w) {
                self.shown[gi] = i as u32;
                // A cable replaced twice in one batch is one replacement.
                match out.fresh.iter().position(|&f| f == was) {
                    Some(p) => out.fresh[p] = i as u32,
                    None => match out.replaced.iter_mut().find(|r| r.1 == was) {
                        Some(r) => r.1 = i as u32,
                        None => out.replaced.push((was, i as u32)),
                    },
                }
                out.grown.retain(|&s| s != was);
            } else if !out.fresh.contains(&was)
                && !out.replaced.iter().any(|r| r.1 == was)
                && !out.grown.contains(&was)
            {
                out.grown.push(was);
            }
        }
        out
    }

    fn group_for(&self, id: &str, cables: &[CableSummary]) -> Option<u32> {
        if id.is_empty() {
            return None;
        }
        let hash = short_hash(id);
        let g = self.by_hash.get(hash)?;
        let shown = self.shown[g as usize] as usize;
        if *cables[shown].id() == *id {
            return Some(g);
        }
        self.collided.get(id).copied()
    }

    fn remember(&mut self, id: &str, g: u32, cables: &[CableSummary]) {
        let hash = short_hash(id);
        if let Err(first) = self.by_hash.insert_new(hash, g) {
            let other = self.shown[first as usize] as usize;
            if *cables[other].id() != *id {
                self.collided.insert(id.into(), g);
            }
        }
    }

    /// Indexing has ended: the maps that find a new cable's group are let go.
    pub fn finish(&mut self) {
        self.by_hash = Default::default();
        self.collided = HashMap::new();
        self.finished = true;
    }

    /// The maps again, from the groups' shown cables, for cables that come after
    /// [`IdGroups::finish`].
    fn rebuild_map(&mut self, cables: &[CableSummary]) {
        self.finished = false;
        self.by_hash = Default::default();
        for g in 0..self.shown.len() {
            let c = &cables[self.shown[g] as usize];
            if !c.id().is_empty() {
                self.remember(c.id(), g as u32, cables);
            }
        }
    }

    /// The most versions any id has (0 with nothing indexed).
    pub fn most_versions(&self) -> u32 {
        self.most
    }

    /// Number of groups (cables, counted by id).
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// How many versions cable `i`'s id has (1 for a cable alone, 0 for none indexed).
    pub fn versions_of(&self, i: usize) -> u32 {
        self.group_of
            .get(i)
            .map_or(0, |&g| self.versions[g as usize])
    }

    /// Cable `i`'s group (groups are numbered in the order their id was first met).
    pub fn group_of(&self, i: usize) -> Option<u32> {
        self.group_of.get(i).copied()
    }

    /// The cable shown for cable `i`'s id.
    pub fn shown_for(&self, i: usize) -> Option<usize> {
        self.group_of
            .get(i)
            .map(|&g| self.shown[g as usize] as usize)
    }

    /// Every shown cable, in the order its id was first met.
    pub fn shown(&self) -> &[u32] {
        &self.shown
    }
}

/// The 32 bits of an id's hash the groups are found by (half the map of a 64-bit key).
fn short_hash(id: &str) -> u32 {
    id_hash(id) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cable(id: &str, letters: u32, redactions: u32) -> CableSummary {
        let mut c = crate::cable::SummaryFields::names_of(
            &crate::cable::Cable::default(),
            &mut Default::default(),
        );
        c.id = id.into();
        c.text.letters = letters;
        c.text.redactions = redactions;
        c.pack()
    }

    #[test]
    fn a_fuller_version_takes_the_row_of_its_id() {
        let cables = vec![
            cable("A", 100, 2),
            cable("B", 50, 0),
            cable("", 10, 0),
            cable("", 10, 0),
            cable("A", 120, 0),
            cable("B", 40, 0),
            cable("A", 120, 1),
        ];
        let mut g = IdGroups::default();
        let a = g.add(0..4, &cables);
        assert_eq!(a.fresh, [0, 1, 2, 3]);
        let b = g.add(4..7, &cables);
        assert_eq!(b.fresh, Vec::<u32>::new());
        assert_eq!(b.replaced, [(0, 4)]);
        assert_eq!(b.grown, [1]);
        assert_eq!(g.len(), 4);
        assert_eq!(g.versions_of(6), 3);
        assert_eq!(g.versions_of(2), 1);
        assert_eq!(g.shown_for(0), Some(4));
        assert_eq!(g.shown(), [4, 1, 2, 3]);
        // New and replaced in one batch: only the fuller is new.
        let mut g = IdGroups::default();
        let c = g.add(0..7, &cables);
        assert_eq!(c.fresh, [4, 1, 2, 3]);
        assert!(c.replaced.is_empty() && c.grown.is_empty());
    }

    #[test]
    fn cables_after_the_end_of_indexing_join_their_ids() {
        let cables = vec![
            cable("A", 100, 2),
            cable("B", 50, 0),
            cable("A", 120, 0),
            cable("C", 1, 0),
        ];
        let mut g = IdGroups::default();
        g.add(0..2, &cables);
        g.finish();
        let later = g.add(2..4, &cables);
        assert_eq!(later.replaced, [(0, 2)]);
        assert_eq!(later.fresh, [3]);
        assert_eq!((g.len(), g.versions_of(2)), (3, 2));
    }
}
