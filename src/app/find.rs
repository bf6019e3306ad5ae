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

    /// Where each match shown in `doc` is, in document order: (match index, line).
    pub fn visible(&self, doc: &Doc) -> Vec<(usize, usize)> {
        let mut v: Vec<(usize, usize)> = self
            .matches
            .iter()
            .enumerate()
            .filter_map(|(k, m)| doc.line_of(m.src, m.start).map(|l| (k, l)))
            .collect();
        v.sort_by_key(|&(k, l)| (l, k));
        v
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
    fn a_regular_expression_finds_what_it_matched_and_never_empty_places() {
        let c = cable("Medvedev met Medvadev");
        let q = Query::new("Medv[ae]dev").unwrap();
        assert_eq!(found(&c, &q), [(0, 8), (13, 21)]);
        assert!(found(&c, &Query::new("x*").unwrap()).is_empty());
    }
}
