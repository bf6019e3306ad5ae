//! Facet counts: how many cables of a selection have each value of a field, most first.

use std::collections::HashMap;

use super::Caveat;
use super::eval::Facts;
use crate::cable::corpus::Corpus;
use crate::cable::marking::Level;

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

fn add_n(counts: &mut HashMap<String, usize>, value: &str, n: usize) {
    match counts.get_mut(value) {
        Some(c) => *c += n,
        None => {
            counts.insert(value.to_string(), n);
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
    match facet {
        Facet::Marking => {
            // Counted by number first: names only for the values met.
            let mut by_id = vec![0usize; corpus.markings.len()];
            let mut unmarked = 0;
            for c in selection.iter().filter_map(|&i| corpus.cables.get(i)) {
                for &[m, _] in c.markings() {
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
                let bits = facts.caveat_bits(i);
                if bits == 0 {
                    continue;
                }
                for c in Caveat::ALL {
                    if bits & c.bit() != 0 {
                        by[c as usize] += 1;
                    }
                }
            }
            for c in Caveat::ALL {
                if by[c as usize] > 0 {
                    counts.insert(c.name().to_string(), by[c as usize]);
                }
            }
        }
        Facet::Class => {
            // A handful of levels: counted in a short list, named once at the end.
            let mut by: Vec<(Level, usize)> = Vec::new();
            for &i in selection {
                if let Some(l) = facts.level(i) {
                    match by.iter_mut().find(|(k, _)| *k == l) {
                        Some((_, n)) => *n += 1,
                        None => by.push((l, 1)),
                    }
                }
            }
            for (l, n) in by {
                add_n(&mut counts, l.short(), n);
            }
        }
        Facet::Origin => {
            // Counted by post number; names only for the posts met.
            let mut by = vec![0usize; facts.post_count()];
            for &i in selection {
                if let Some(n) = facts.post_id(i).and_then(|p| by.get_mut(p as usize)) {
                    *n += 1;
                }
            }
            for (p, &n) in by.iter().enumerate() {
                let name = facts.post_name(p as u32);
                if n > 0 && !name.is_empty() {
                    add_n(&mut counts, name, n);
                }
            }
        }
        Facet::Year => {
            // Counted by the year's number; a date not starting with a four-digit year by its
            // text, as before.
            let mut by = vec![0usize; 10_000];
            let mut odd: HashMap<String, usize> = HashMap::new();
            for &i in selection {
                match facts.year(i) {
                    Some(y) => by[usize::from(y)] += 1,
                    None => {
                        let c = corpus.cables.get(i);
                        if let Some(y) = c.and_then(|c| c.date()).and_then(|d| d.get(..4)) {
                            *odd.entry(y.to_string()).or_default() += 1;
                        }
                    }
                }
            }
            for (y, &n) in by.iter().enumerate() {
                if n > 0 {
                    counts.insert(format!("{y:04}"), n);
                }
            }
            for (y, n) in odd {
                add_n(&mut counts, &y, n);
            }
        }
        Facet::Tag => {
            // Counted by name group (a tag in any case is one tag); a cable once per tag.
            let mut by = vec![0usize; facts.name_group_count()];
            let mut seen: Vec<u32> = Vec::new();
            for c in selection.iter().filter_map(|&i| corpus.cables.get(i)) {
                seen.clear();
                for &t in c.tags().iter() {
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
                    counts.insert(facts.group_name(g as u32, corpus).to_string(), n);
                }
            }
        }
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::Cable;
    use crate::cable::in_memory::corpus_of_cables;

    #[test]
    fn tags_differing_in_case_count_as_one_named_in_upper_case() {
        let cable = |tags: &[&str]| Cable {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Cable::default()
        };
        let corpus = corpus_of_cables(&[
            cable(&["Prel", "KPKO"]),
            cable(&["PREL", "prel"]),
            cable(&["kpko", "ÉCON"]),
        ]);
        let facts = Facts::new(&corpus);
        assert_eq!(
            facets(Facet::Tag, &corpus, &facts, &[0, 1, 2]),
            [
                ("KPKO".to_string(), 2),
                ("PREL".to_string(), 2),
                ("ÉCON".to_string(), 1)
            ]
        );
        let q = crate::cable::query::Query::parse("tag:prel").unwrap();
        assert_eq!(q.select(&corpus, &facts), [0, 1]);
    }
}
