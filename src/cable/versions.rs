//! One cable per id: the same cable loaded from several sources (a page and a `cables.csv`
//! record, the 2010 page with `XXXXXXXXXXXX` redactions and the 2011 full release) is one cable
//! with several versions, the fullest shown first.

use std::cmp::Reverse;

use super::corpus::Corpus;
use super::index::CableSummary;

/// The cables of a corpus grouped by id: each group's cable indexes, fullest first.
#[derive(Debug, Clone, Default)]
pub struct Versions {
    /// Cable indexes, group after group; groups sorted by id hash, then id.
    order: Vec<u32>,
    /// Where each group starts in `order` (one more entry: the end).
    starts: Vec<u32>,
    /// Each group's id hash ([`id_hash`]): groups are sorted by it, then by id.
    keys: Vec<u64>,
    /// Groups in the order of their first cable in the corpus (how `list` shows them).
    by_source: Vec<u32>,
    /// Each cable's group.
    group_of: Vec<u32>,
}

/// Fullest first: the most letters and digits (a redaction counts none), then the fewest
/// redactions, then the source order. The smaller is the fuller.
pub fn fullness(c: &CableSummary, i: usize) -> (Reverse<u32>, u32, usize) {
    (Reverse(c.text.letters), c.text.redactions, i)
}

/// The hash groups are sorted by (the same in every run of a program).
pub fn id_hash(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

impl Versions {
    /// Groups every cable of `corpus` by id (empty ids stay apart: they name nothing).
    pub fn build(corpus: &Corpus) -> Versions {
        let cables = &corpus.cables;
        // Sorted by the id's hash first: comparing numbers is what makes 251,287 cables group
        // in a few tens of milliseconds; the ids are compared only when hashes are equal.
        let mut keyed: Vec<(u64, u32)> = (0..cables.len())
            .map(|i| (id_hash(cables[i].id()), i as u32))
            .collect();
        keyed.sort_unstable_by(|&(ha, a), &(hb, b)| {
            let (ca, cb) = (&cables[a as usize], &cables[b as usize]);
            ha.cmp(&hb)
                .then_with(|| ca.id().cmp(cb.id()))
                .then_with(|| fullness(ca, a as usize).cmp(&fullness(cb, b as usize)))
        });
        let order: Vec<u32> = keyed.iter().map(|&(_, i)| i).collect();
        let mut starts = Vec::new();
        let mut keys = Vec::new();
        let mut group_of = vec![0u32; cables.len()];
        for (k, &i) in order.iter().enumerate() {
            // Ids are read only where the hashes agree: each read is a cache miss.
            let new = k == 0 || keyed[k].0 != keyed[k - 1].0 || {
                let id = cables[i as usize].id();
                id.is_empty() || cables[order[k - 1] as usize].id() != id
            };
            if new {
                starts.push(k as u32);
                keys.push(keyed[k].0);
            }
            group_of[i as usize] = starts.len() as u32 - 1;
        }
        starts.push(order.len() as u32);
        let mut by_source: Vec<u32> = Vec::with_capacity(starts.len() - 1);
        let mut seen = vec![false; starts.len() - 1];
        for &g in &group_of {
            if !std::mem::replace(&mut seen[g as usize], true) {
                by_source.push(g);
            }
        }
        Versions {
            order,
            starts,
            keys,
            by_source,
            group_of,
        }
    }

    /// Number of distinct cables (ids).
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cable indexes of group `g`, fullest first.
    pub fn group(&self, g: usize) -> &[u32] {
        match (self.starts.get(g), self.starts.get(g + 1)) {
            (Some(&a), Some(&b)) => &self.order[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The group of cable `i`.
    pub fn group_of(&self, i: usize) -> Option<usize> {
        self.group_of.get(i).map(|&g| g as usize)
    }

    /// The versions of cable `i`'s id, fullest first.
    pub fn versions_of(&self, i: usize) -> &[u32] {
        self.group_of(i).map_or(&[], |g| self.group(g))
    }

    /// The version shown for group `g`: its fullest.
    pub fn shown(&self, g: usize) -> Option<usize> {
        self.group(g).first().map(|&i| i as usize)
    }

    /// The groups in the order their first cable comes in the corpus.
    pub fn in_source_order(&self) -> impl Iterator<Item = usize> + '_ {
        self.by_source.iter().map(|&g| g as usize)
    }

    /// Version `n` (from 1, fullest first) of group `g`, or the fullest for none; an error
    /// names how many there are.
    pub fn pick(&self, g: usize, n: Option<usize>) -> Result<usize, String> {
        let group = self.group(g);
        match n {
            None => group
                .first()
                .map(|&i| i as usize)
                .ok_or_else(|| "no such cable".into()),
            Some(n) => group
                .get(n.wrapping_sub(1))
                .map(|&i| i as usize)
                .ok_or_else(|| match group.len() {
                    1 => "there is only version 1".to_string(),
                    k => format!("there are versions 1 to {k}"),
                }),
        }
    }

    /// The versions of group `g` for JSON, fullest first: `[{source, format, record, released}]`.
    /// `released` is the date the source says the text was released (a page's Released field),
    /// null where it says none (`cables.csv`, texts).
    pub fn describe(&self, corpus: &Corpus, g: usize) -> serde_json::Value {
        self.group(g)
            .iter()
            .map(|&i| {
                let c = &corpus.cables[i as usize];
                serde_json::json!({
                    "source": corpus.source(i as usize),
                    "format": c.format.map(|f| f.name()),
                    "record": c.location.record(),
                    "released": released(corpus, i as usize),
                })
            })
            .collect()
    }

    /// How a version is named: `tests/corpus/csv/x.csv (cables-csv, record 10)`.
    pub fn name(corpus: &Corpus, i: usize) -> String {
        let Some(c) = corpus.get(i) else {
            return String::new();
        };
        let record = c
            .location
            .record()
            .map(|r| format!(", record {r}"))
            .unwrap_or_default();
        format!(
            "{} ({}{record})",
            corpus.source(i),
            c.format.map_or("unknown format", |f| f.name())
        )
    }

    /// The group of the cable with this id (exactly, else ignoring case).
    pub fn find(&self, corpus: &Corpus, id: &str) -> Option<usize> {
        let id_at = |g: usize| -> &str {
            self.group(g)
                .first()
                .map_or("", |&i| corpus.cables[i as usize].id())
        };
        // Groups are sorted by id hash, then by id.
        let key = (id_hash(id), id);
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if (self.keys[mid], id_at(mid)) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let found = (lo < self.len() && id_at(lo) == id && !id.is_empty()).then_some(lo);
        found.or_else(|| {
            // Ids are upper case as cables write them; a typed one may not be.
            let upper = id.to_ascii_uppercase();
            (upper != id).then(|| self.find(corpus, &upper)).flatten()
        })
    }
}

/// The release date the source of cable `i` states, read from its file: only pages state one,
/// so no other file is read.
fn released(corpus: &Corpus, i: usize) -> Option<String> {
    use super::Format;
    let c = corpus.cables.get(i)?;
    if !matches!(c.format, Some(Format::WikileaksHtml | Format::PlusdHtml)) {
        return None;
    }
    let nth = match c.location {
        super::index::Location::Cable { nth, .. } => nth as usize,
        super::index::Location::Record { .. } => return None,
    };
    let file = corpus.files.get(c.location.file() as usize)?;
    let bytes = super::walk::read_as_found(&file.path, file.len).ok()?;
    super::formats::released(&bytes, nth)
}
