//! Search inside the open cable. The places are found by a [`Query`], the same matcher the
//! search over every cable uses, so a hit opened from that search is highlighted where it was
//! found.

use super::doc::{Doc, Src};
use crate::cable::Cable;
use crate::cable::search::Query;

/// One place the query matches: a byte range of one of the cable's texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub src: Src,
    pub start: usize,
    pub end: usize,
}

/// The search in the open cable: what was asked, and where it matches.
#[derive(Debug, Clone)]
pub struct Search {
    /// As the user wrote it (shown in the status line).
    pub query: String,
    pub matcher: Query,
    /// The cable the matches belong to.
    pub cable: Option<usize>,
    pub matches: Vec<Match>,
    pub current: Option<usize>,
}

impl Search {
    /// The matches of `matcher` in `cable`, none current yet.
    pub fn new(query: &str, matcher: Query, cable: Option<(usize, &Cable)>) -> Search {
        let matches = cable
            .map(|(_, c)| find_matches(c, &matcher))
            .unwrap_or_default();
        Search {
            query: query.to_string(),
            matcher,
            cable: cable.map(|(i, _)| i),
            matches,
            current: None,
        }
    }

    /// Where each match shown in `doc` is, in document order: (match index, line). One walk
    /// over the lines of each text the matches are in, not one per match: a long paragraph with
    /// many matches costs its lines plus its matches.
    pub fn visible(&self, doc: &Doc) -> Vec<(usize, usize)> {
        let mut v: Vec<(usize, usize)> = Vec::with_capacity(self.matches.len());
        let mut k = 0;
        while k < self.matches.len() {
            let src = self.matches[k].src;
            let n = self.matches[k..]
                .iter()
                .take_while(|m| m.src == src)
                .count();
            let group = &self.matches[k..k + n];
            let pieces: Vec<_> = doc.stretches(src).collect();
            let ordered = pieces.windows(2).all(|w| w[0].1 <= w[1].0)
                && group.windows(2).all(|w| w[0].start <= w[1].start);
            if ordered {
                // Pieces in order and apart: a match is on the last piece starting at or before it.
                let mut p = 0;
                for (j, m) in group.iter().enumerate() {
                    while p + 1 < pieces.len() && pieces[p + 1].0 <= m.start {
                        p += 1;
                    }
                    if let Some(&(start, _, line)) = pieces.get(p)
                        && start <= m.start
                    {
                        v.push((k + j, line));
                    }
                }
            } else {
                let lines = group.iter().enumerate();
                v.extend(
                    lines.filter_map(|(j, m)| doc.line_of(m.src, m.start).map(|l| (k + j, l))),
                );
            }
            k += n;
        }
        if !v.is_sorted_by_key(|&(k, l)| (l, k)) {
            v.sort_by_key(|&(k, l)| (l, k));
        }
        v
    }

    /// The matches that overlap bytes `start..end` of `src`, with their index: found by halving,
    /// as the matches are in the order of their texts and, within one, of their places.
    pub fn overlapping(
        &self,
        src: Src,
        start: usize,
        end: usize,
    ) -> impl Iterator<Item = (usize, &Match)> {
        let first = self
            .matches
            .partition_point(|m| (m.src, m.end) <= (src, start));
        self.matches[first..]
            .iter()
            .take_while(move |m| m.src == src && m.start < end)
            .enumerate()
            .map(move |(i, m)| (first + i, m))
    }

    /// The same search in another cable.
    pub fn in_cable(&self, cable: Option<(usize, &Cable)>) -> Search {
        Search::new(&self.query, self.matcher.clone(), cable)
    }
}

/// The `/` search: the words as typed, in any case; a space matches any white space (a line
/// break of the teletype included). `None` for nothing to find.
pub fn literal(text: &str) -> Option<Query> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut pattern = String::from("(?i)");
    for c in text.chars() {
        if c.is_whitespace() {
            pattern.push_str(r"\s");
        } else {
            pattern.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
        }
    }
    Query::new(&pattern).ok()
}

/// Every place `matcher` matches in the cable's texts, in the order the view shows them.
pub fn find_matches(cable: &Cable, matcher: &Query) -> Vec<Match> {
    let mut srcs = vec![Src::Header, Src::Preamble];
    srcs.extend((0..cable.paragraphs.len() as u32).map(Src::Para));
    srcs.push(Src::Closing);
    let mut out = Vec::new();
    for src in srcs {
        out.extend(
            matcher
                .find_all(src.text(cable))
                .filter(|r| !r.is_empty())
                .map(|r| Match {
                    src,
                    start: r.start,
                    end: r.end,
                }),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cable whose only text is `text` (after its paragraphs, so no paragraph is built).
    fn cable(text: &str) -> Cable {
        Cable {
            closing: text.to_string(),
            ..Cable::default()
        }
    }

    fn found(c: &Cable, q: &Query) -> Vec<(usize, usize)> {
        find_matches(c, q)
            .iter()
            .map(|m| (m.start, m.end))
            .collect()
    }

    #[test]
    fn the_slash_search_is_literal_in_any_case_across_line_breaks() {
        let c = cable("The U.S. side said\nthe USxS. Harbour; the harbour.");
        assert_eq!(found(&c, &literal("u.s.").unwrap()), [(4, 8)]);
        assert_eq!(found(&c, &literal("said the").unwrap()), [(14, 22)]);
        assert_eq!(
            found(&c, &literal(" HARBOUR ").unwrap()),
            [(29, 36), (42, 49)]
        );
        assert!(literal("  ").is_none());
        assert!(found(&c, &literal("(").unwrap()).is_empty());
    }

    #[test]
    fn visible_matches_are_where_the_doc_shows_them() {
        use crate::app::doc::DocOptions;
        use crate::config::theme::{Theme, ThemeName};
        let theme = Theme::builtin(ThemeName::Mono);
        let report = crate::samples::load_samples();
        let q = literal("the").unwrap();
        for cable in &report.cables {
            for (width, raw) in [(60, false), (100, true)] {
                let opts = DocOptions {
                    header_folded: false,
                    show_raw: raw,
                };
                let doc = Doc::build(cable, width, opts, &|i| i % 3 != 1, &theme);
                let s = Search::new("the", q.clone(), Some((0, cable)));
                let mut want: Vec<(usize, usize)> = s
                    .matches
                    .iter()
                    .enumerate()
                    .filter_map(|(k, m)| doc.line_of(m.src, m.start).map(|l| (k, l)))
                    .collect();
                want.sort_by_key(|&(k, l)| (l, k));
                assert!(!want.is_empty());
                assert_eq!(s.visible(&doc), want, "{} at {width}", cable.id);
            }
        }
    }

    #[test]
    fn overlapping_matches_are_found_by_halving() {
        let c = cable("the cat, the hat, the bat");
        let s = Search::new("the", literal("the").unwrap(), Some((0, &c)));
        let found =
            |a, b| -> Vec<usize> { s.overlapping(Src::Closing, a, b).map(|(k, _)| k).collect() };
        assert_eq!(found(0, 25), [0, 1, 2]);
        assert_eq!(found(1, 10), [0, 1]);
        assert_eq!(found(3, 9), [] as [usize; 0]);
        assert_eq!(found(20, 21), [2]);
        assert!(s.overlapping(Src::Header, 0, 25).next().is_none());
    }

    #[test]
    fn a_regular_expression_finds_what_it_matched_and_never_empty_places() {
        let c = cable("Medvedev met Medvadev");
        let q = Query::new("Medv[ae]dev").unwrap();
        assert_eq!(found(&c, &q), [(0, 8), (13, 21)]);
        assert!(found(&c, &Query::new("x*").unwrap()).is_empty());
    }
}
