//! The limit: the query (`:limit tag:PREL`) the document list is narrowed to, and which cables
//! it holds, kept up to date as indexing adds cables.

use crate::cable::Corpus;
use crate::cable::query::{Expr, Facts, Query, QueryError, Term};

/// Whether a cable's match depends on that cable (and its id's versions) alone.
fn per_cable(e: &Expr) -> bool {
    match e {
        Expr::And(v) | Expr::Or(v) => v.iter().all(per_cable),
        Expr::Not(e) => per_cable(e),
        Expr::Term(t) => !matches!(t, Term::CitedBy(_)),
    }
}

#[derive(Debug, Default)]
pub struct Limit {
    query: Option<Query>,
    facts: Option<Facts>,
    /// For each cable indexed, whether the query holds for it.
    matches: Vec<bool>,
}

impl Limit {
    /// Narrows to `text`; an empty text clears the limit. A mistake leaves the limit as it was.
    pub fn set(&mut self, text: &str, corpus: &Corpus) -> Result<(), QueryError> {
        let query = Query::parse(text)?;
        if query.is_empty() {
            // The facts stay: built once for the corpus, the next limit or facet count needs
            // them again (dropping and rebuilding them was most of the time of a clear).
            self.query = None;
            self.matches = Vec::new();
            return Ok(());
        }
        self.query = Some(query);
        self.matches.clear();
        self.refresh(corpus);
        Ok(())
    }

    /// Tests the cables indexed since the last look (all of them after a new query).
    pub fn refresh(&mut self, corpus: &Corpus) {
        self.refresh_with(corpus, &[]);
    }

    /// [`Limit::refresh`], testing again the cables `again` (their id gained a version, which
    /// a query may ask about): only new cables are tested while indexing runs.
    pub fn refresh_with(&mut self, corpus: &Corpus, again: &[u32]) {
        let Some(query) = &self.query else { return };
        if self.matches.len() == corpus.len() && again.is_empty() {
            return;
        }
        let facts = self.facts.get_or_insert_with(Facts::default);
        facts.update(corpus);
        // `cited-by:` can take in cables indexed earlier: such a query is tested on every cable.
        if self.matches.is_empty() || !per_cable(query.expr()) {
            let mut matches = vec![false; corpus.len()];
            for i in query.select(corpus, facts) {
                matches[i] = true;
            }
            self.matches = matches;
            return;
        }
        let bound = query.bind(corpus, facts);
        let start = self.matches.len();
        self.matches
            .extend((start..corpus.len()).map(|i| bound.matches(i)));
        for &i in again {
            if let Some(m) = self.matches.get_mut(i as usize) {
                *m = bound.matches(i as usize);
            }
        }
    }

    /// What queries need beyond the summaries, up to date with `corpus`.
    pub fn facts(&mut self, corpus: &Corpus) -> &Facts {
        let facts = self.facts.get_or_insert_with(Facts::default);
        facts.update(corpus);
        facts
    }

    /// Takes facts built elsewhere over the whole of `corpus` (on the indexer's thread).
    pub fn take_facts(&mut self, facts: Facts, corpus: &Corpus) {
        if facts.len() == corpus.len() {
            self.facts = Some(facts);
        }
    }

    /// The query's text while one is in force.
    pub fn text(&self) -> Option<&str> {
        self.query.as_ref().map(Query::text)
    }

    /// For each cable, whether the list shows it; `None` with no limit.
    pub fn holds(&self) -> Option<&[bool]> {
        self.query.as_ref().map(|_| self.matches.as_slice())
    }
}
