//! The search over every cable: its hits arrive as they are found and point at their cable by
//! file and place in the file, never by the text shown for them.

use crate::cable::search::{Hit, Place, Query, SearchEvent};
use crate::cable::{Corpus, LoadOptions, Location};
use crate::sanitize::clean_line;

use super::cursor::Cursor;

/// One matching paragraph, as the hit list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundHit {
    /// The file it was found in, named exactly as the index names it (as the file system gives
    /// it, never shown): the file is looked up when the hit is opened, so a hit found while the
    /// corpus is still being indexed opens too.
    pub source: String,
    /// The record within the file, for formats read record by record.
    pub record: Option<u64>,
    /// Shown, and matched against the index's ids within the file (made safe alike).
    pub id: String,
    /// The part of the cable it is in (subject, header, a paragraph ...).
    pub place: Place,
    pub paragraph: u32,
    pub marking: Option<String>,
    pub snippet: String,
}

/// A search over the whole corpus, its hits arriving as they are found.
#[derive(Debug, Clone)]
pub struct CorpusSearch {
    /// Which search this is: events of an older one are dropped.
    pub generation: u64,
    pub pattern: String,
    /// The compiled pattern: the opened hit's matches are found with it.
    pub query: Query,
    pub hits: Vec<FoundHit>,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub done: bool,
    pub errors: usize,
    pub cursor: Cursor,
    /// The limit and marking filter the search ran within (`limit tag:PREL · filter S`), shown in
    /// its title; `None` over every cable.
    pub scope: Option<String>,
    /// The hit last opened, while `n`/`N` in the paragraph view step through the hits (a
    /// search in the open cable takes them back).
    pub stepping: Option<usize>,
}

/// Options the reader's background search runs with: texts as the files hold them, so a hit
/// names its file exactly as the index does; what is shown is made safe when it arrives.
pub fn search_options() -> LoadOptions {
    LoadOptions { sanitize: false }
}

impl CorpusSearch {
    pub fn new(generation: u64, pattern: &str, query: Query) -> CorpusSearch {
        CorpusSearch {
            generation,
            pattern: pattern.to_string(),
            query,
            hits: Vec::new(),
            bytes_done: 0,
            bytes_total: 0,
            done: false,
            errors: 0,
            cursor: Cursor::default(),
            stepping: None,
            scope: None,
        }
    }

    /// Takes in hits as the search reports them (texts as the files hold them).
    pub fn add_hits(&mut self, hits: Vec<Hit>) {
        self.hits.extend(hits.into_iter().map(|h| FoundHit {
            source: h.source,
            record: h.record,
            id: clean_line(&h.id).into_owned(),
            place: h.place,
            paragraph: h.paragraph,
            marking: h.marking.map(|m| clean_line(&m).into_owned()),
            snippet: clean_line(&h.snippet).into_owned(),
        }));
    }

    /// Takes in one event of the search.
    pub fn apply(&mut self, event: Option<SearchEvent>) {
        match event {
            Some(SearchEvent::Hits(hits)) => self.add_hits(hits),
            Some(SearchEvent::Error(..)) => self.errors += 1,
            Some(SearchEvent::Progress {
                bytes_done,
                bytes_total,
            }) => {
                self.bytes_done = bytes_done;
                self.bytes_total = bytes_total;
            }
            None => self.done = true,
        }
    }
}

/// The cable a hit was found in: its file, then its record (or its id within the file).
pub fn cable_of_hit(corpus: &Corpus, hit: &FoundHit) -> Option<usize> {
    let file = corpus.files.iter().position(|f| f.source == hit.source)? as u32;
    // Cables are in source order: those of one file lie together.
    let cables = &corpus.cables;
    let start = cables.partition_point(|c| c.location.file() < file);
    let end = cables.partition_point(|c| c.location.file() <= file);
    let of_file = &cables[start..end];
    if let (Some(rec), Some(Location::Record { .. })) =
        (hit.record, of_file.first().map(|c| &c.location))
    {
        let at = of_file.partition_point(|c| c.location.record().unwrap_or(0) < rec);
        if of_file
            .get(at)
            .is_some_and(|c| c.location.record() == Some(rec))
        {
            return Some(start + at);
        }
    }
    of_file
        .iter()
        .position(|c| *c.id == *hit.id && c.location.record() == hit.record)
        .or_else(|| of_file.iter().position(|c| *c.id == *hit.id))
        .map(|p| start + p)
}
