//! Facet counts: how many cables of a selection have each value of a field, most first.

use std::collections::HashMap;

use super::Caveat;
use super::eval::Facts;
use crate::cable::corpus::Corpus;

/// A field to count by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Tag,
    Origin,
    Year,
    Class,
    Caveat,
    Marking,
}

impl Facet {
    pub const ALL: [Facet; 6] = [
        Facet::Year,
        Facet::Origin,
        Facet::Tag,
        Facet::Class,
        Facet::Caveat,
        Facet::Marking,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Facet::Tag => "tag",
            Facet::Origin => "origin",
            Facet::Year => "year",
            Facet::Class => "class",
            Facet::Caveat => "caveat",
            Facet::Marking => "marking",
        }
    }

    pub fn named(name: &str) -> Option<Facet> {
        Facet::ALL
            .iter()
            .copied()
            .find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The query term that selects the cables counted under `value` (`origin:PARIS`), quoted
    /// where the value holds a space.
    pub fn term(self, value: &str) -> String {
        let field = match self {
            Facet::Year => "date",
            f => f.name(),
        };
        if value.contains([' ', '(', ')', '"']) {
            format!("{field}:\"{value}\"")
        } else {
            format!("{field}:{value}")
        }
    }
}

/// Counts per value of `facet` over the cables `selection` names (indexes into `corpus`),
/// most first, then by value. A cable counts once under each value it has (a cable with three
/// tags counts under each); a cable with none counts under none, except that paragraphs
/// without a marking count as `unmarked`.
pub fn facets(
    facet: Facet,
    corpus: &Corpus,
    facts: &Facts,
    selection: &[usize],
) -> Vec<(String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut add = |v: &str| {
        if let Some(n) = counts.get_mut(v) {
            *n += 1;
        } else {
            counts.insert(v.to_string(), 1);
        }
    };
    match facet {
        Facet::Marking => {
            // Counted by number first: names only for the values met.
            let mut by_id = vec![0usize; corpus.markings.len()];
            let mut unmarked = 0;
            for c in selection.iter().filter_map(|&i| corpus.cables.get(i)) {
                for &(m, _) in c.markings.iter() {
                    if let Some(n) = by_id.get_mut(m as usize) {
                        *n += 1;
                    }
                }
                if c.unmarked > 0 {
                    unmarked += 1;
                }
            }
            for (m, &n) in by_id.iter().enumerate() {
                if n > 0 {
                    counts.insert(corpus.markings.name(m as u32).to_string(), n);
                }
            }
            if unmarked > 0 {
                counts.insert("unmarked".to_string(), unmarked);
            }
        }
        Facet::Caveat => {
            let mut by = [0usize; Caveat::ALL.len()];
            for &i in selection {
                for c in facts.caveats(i) {
                    by[c as usize] += 1;
                }
            }
            for c in Caveat::ALL {
                if by[c as usize] > 0 {
                    counts.insert(c.name().to_string(), by[c as usize]);
                }
            }
        }
        Facet::Class => {
            for &i in selection {
                if let Some(l) = facts.level(i) {
                    add(l.short());
                }
            }
        }
        Facet::Origin => {
            for &i in selection {
                if let Some(p) = facts.post(i).filter(|p| !p.is_empty()) {
                    add(p);
                }
            }
        }
        Facet::Year => {
            for c in selection.iter().filter_map(|&i| corpus.cables.get(i)) {
                if let Some(y) = c.date.as_deref().and_then(|d| d.get(..4)) {
                    add(y);
                }
            }
        }
        Facet::Tag => {
            // Counted by name group (a tag in any case is one tag); a cable once per tag.
            let mut by = vec![0usize; facts.name_group_count()];
            let mut seen: Vec<u32> = Vec::new();
            for c in selection.iter().filter_map(|&i| corpus.cables.get(i)) {
                seen.clear();
                for &t in c.tags.iter() {
                    if let Some(g) = facts.group_of_name(t)
                        && !seen.contains(&g)
                    {
                        seen.push(g);
                        by[g as usize] += 1;
                    }
                }
            }
            for (g, &n) in by.iter().enumerate() {
                if n > 0 {
                    counts.insert(facts.group_name(g as u32).to_string(), n);
                }
            }
        }
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}
