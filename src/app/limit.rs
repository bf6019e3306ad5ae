//! The limit: the query (`:limit tag:PREL`) the document list is narrowed to, and which cables
//! it holds, kept up to date as indexing adds cables.

use crate::cable::Corpus;
use crate::cable::query::{Facts, Query, QueryError};

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
        let Some(query) = &self.query else { return };
        if self.matches.len() == corpus.len() {
            return;
        }
        let facts = self.facts.get_or_insert_with(Facts::default);
        facts.update(corpus);
        let mut matches = vec![false; corpus.len()];
        for i in query.select(corpus, facts) {
            matches[i] = true;
        }
        self.matches = matches;
    }

    /// What queries need beyond the summaries, up to date with `corpus`.
    pub fn facts(&mut self, corpus: &Corpus) -> &Facts {
        let facts = self.facts.get_or_insert_with(Facts::default);
        facts.update(corpus);
        facts
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
