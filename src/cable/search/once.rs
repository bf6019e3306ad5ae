//! One cable per id in a search's hits: the same cable read from several sources (a page and a
//! `cables.csv` record, the 2010 page and the 2011 release) is shown once, by its fullest
//! version that matched, the others named beside its hits.

use std::cmp::Reverse;
use std::collections::HashMap;

use super::Hit;
use crate::cable::build::TextSize;

/// Fullest first, by the rule the index's versions use ([`crate::cable::versions`]): the most
/// letters and digits, then the fewest redactions, then the source order.
pub fn fullness(size: TextSize, order: usize) -> (Reverse<u32>, u32, usize) {
    (Reverse(size.letters), size.redactions, order)
}

/// The size of a cable's decoded texts (for a cable loaded whole, as the index measures one).
pub fn text_size(cable: &crate::cable::Cable) -> TextSize {
    let mut size = TextSize::of(&cable.header);
    for t in std::iter::once(&cable.preamble)
        .chain(cable.paragraphs.iter().map(|p| &p.text))
        .chain(std::iter::once(&cable.closing))
    {
        let t = TextSize::of(t);
        size.letters = size.letters.saturating_add(t.letters);
        size.redactions = size.redactions.saturating_add(t.redactions);
    }
    size
}

/// `hits` (in source order, each cable's together) with each id's hits from one version only:
/// the fullest of those that matched, placed where the id's first version was; the other
/// versions are named in its hits' [`Hit::versions`]. Cables without an id stay apart.
pub fn one_per_id(hits: Vec<Hit>) -> Vec<Hit> {
    // Runs of hits of one version: (first hit, end).
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (i, h) in hits.iter().enumerate() {
        let same = runs.last().is_some_and(|&(s, _)| {
            let f = &hits[s];
            f.id == h.id && f.source == h.source && f.record == h.record
        });
        match runs.last_mut() {
            Some(r) if same => r.1 = i + 1,
            _ => runs.push((i, i + 1)),
        }
    }
    // Each id's runs, in order of the id's first run.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    for (k, &(s, _)) in runs.iter().enumerate() {
        let id = hits[s].id.as_str();
        match group_of.get(id) {
            Some(&g) if !id.is_empty() => groups[g].push(k),
            _ => {
                group_of.insert(id, groups.len());
                groups.push(vec![k]);
            }
        }
    }
    if groups.len() == runs.len() {
        return hits;
    }
    // Each group's chosen run, and the others as (source, record).
    type Versions = Vec<(String, Option<u64>)>;
    let chosen: Vec<(usize, Versions)> = groups
        .iter()
        .map(|g| {
            let best = *g
                .iter()
                .min_by_key(|&&k| fullness(hits[runs[k].0].size, k))
                .expect("a group has a run");
            let others = g
                .iter()
                .filter(|&&k| k != best)
                .map(|&k| {
                    let h = &hits[runs[k].0];
                    (h.source.clone(), h.record)
                })
                .collect();
            (best, others)
        })
        .collect();
    let mut slots: Vec<Option<Hit>> = hits.into_iter().map(Some).collect();
    let mut out = Vec::new();
    for (best, others) in chosen {
        let (s, e) = runs[best];
        for slot in &mut slots[s..e] {
            if let Some(mut h) = slot.take() {
                h.versions = others.clone();
                out.push(h);
            }
        }
    }
    out
}
