//! The links of the corpus as the reader keeps them: the graph, built once indexing ends, and
//! the open cable's links while their overlay is shown.

use super::cursor::Cursor;
use crate::cable::Corpus;
use crate::cable::links::{Found, Link, Web};

/// Which side of the open cable a link is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Cites,
    CitedBy,
}

/// One row of the links overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRow {
    pub side: Side,
    pub link: Link,
}

#[derive(Debug, Clone, Default)]
pub struct WebView {
    /// Versions and links of the whole corpus; `None` until indexing has ended.
    pub web: Option<Web>,
    /// True from the end of indexing while the indexer's thread builds the links (they come
    /// through [`State::links_built`](super::State::links_built)); the reader builds none.
    pub coming: bool,
    /// The links of the cable the overlay was opened on: what it cites, then what cites it.
    pub rows: Vec<LinkRow>,
    /// The cable the rows are of.
    pub of: Option<usize>,
    pub cursor: Cursor,
    /// The `:versions` list of the open cable.
    pub version_list: super::versions::VersionList,
    /// What differs between two versions of the open cable, while `:diff` shows it.
    pub diff: Option<super::diff::DiffView>,
}

impl WebView {
    /// Builds the graph over a corpus whose indexing has ended.
    pub fn build(&mut self, corpus: &Corpus) {
        self.web = Some(Web::build(corpus));
    }

    /// Fills the rows with cable `i`'s links; the selection on the first.
    pub fn show(&mut self, corpus: &Corpus, i: usize) {
        let Some(web) = &self.web else {
            self.rows.clear();
            return;
        };
        let cites = web.cites(corpus, i).into_iter().map(|link| LinkRow {
            side: Side::Cites,
            link,
        });
        let cited = web.cited_by(corpus, i).into_iter().map(|link| LinkRow {
            side: Side::CitedBy,
            link,
        });
        self.rows = cites.chain(cited).collect();
        self.of = Some(i);
        self.cursor = Cursor::default();
    }

    /// What cable `i` cites, each with where it is; none until the links are known.
    pub fn cites(&self, corpus: &Corpus, i: usize) -> Vec<Link> {
        self.web
            .as_ref()
            .map_or_else(Vec::new, |w| w.cites(corpus, i))
    }

    /// `version 2 of 3` for cable `i` when its id has several versions.
    pub fn version_label(&self, i: Option<usize>) -> Option<String> {
        super::versions::label(&self.web.as_ref()?.versions, i?)
    }

    /// The loaded cable ids name, the fullest of its versions; else a linear look among the
    /// cables indexed so far (the graph is built only once indexing has ended).
    pub fn find(&self, corpus: &Corpus, id: &str) -> Option<usize> {
        match &self.web {
            Some(web) => crate::cable::links::find(corpus, &web.versions, id).cable(),
            None => corpus
                .cables
                .iter()
                .position(|c| c.id().eq_ignore_ascii_case(id)),
        }
    }
}

/// A row's words: `A. 85BEIRUT992  1985-02-05  SUBJECT` when loaded, else its place.
pub fn row_text(corpus: &Corpus, row: &LinkRow) -> String {
    let letter = match row.link.letter {
        Some(l) => format!("{l}. "),
        None => String::new(),
    };
    match row.link.found {
        Found::Loaded(i) => match corpus.cables.get(i) {
            Some(c) => format!(
                "{letter}{}  {}  {}",
                row.link.id,
                c.date().map_or("no date", |d| d.get(..10).unwrap_or(d)),
                c.subject()
            ),
            None => format!("{letter}{}", row.link.id),
        },
        other => format!("{letter}{}  {}", row.link.id, other.label()),
    }
}
