//! The search over every cable: its hits arrive as they are found and point at their cable by
//! file and place in the file, never by the text shown for them. Each cable is listed once, as
//! `search` prints it: by the fullest of its versions that matched.

use std::collections::HashMap;

use crate::cable::build::TextSize;
use crate::cable::search::{Hit, Place, Query, SearchEvent, fullness};
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
    /// The size of this version's text, to tell the fullest of several.
    pub size: TextSize,
}

impl FoundHit {
    /// True when both are hits of one version of one cable.
    fn same_version(&self, other: &FoundHit) -> bool {
        self.id == other.id && self.source == other.source && self.record == other.record
    }
}

/// The version of an id whose hits are listed: its size, and the order it came in (the
/// earlier of two alike is kept, as in source order).
#[derive(Debug, Clone)]
struct Listed {
    hit: FoundHit,
    order: usize,
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
    /// Each id's version listed so far, and how many versions have come in.
    listed: HashMap<String, Listed>,
    arrived: usize,
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
            listed: HashMap::new(),
            arrived: 0,
        }
    }

    /// Hits as the search reports them (texts as the files hold them), made safe to show.
    pub fn found(hits: Vec<Hit>) -> Vec<FoundHit> {
        hits.into_iter()
            .map(|h| FoundHit {
                source: h.source,
                record: h.record,
                id: clean_line(&h.id).into_owned(),
                place: h.place,
                paragraph: h.paragraph,
                marking: h.marking.map(|m| clean_line(&m).into_owned()),
                snippet: clean_line(&h.snippet).into_owned(),
                size: h.size,
            })
            .collect()
    }

    /// Takes in hits as the search reports them.
    pub fn add_hits(&mut self, hits: Vec<Hit>) {
        self.add(Self::found(hits));
    }

    /// Takes in found hits (in source order, each version's together), each id by one version.
    pub fn add(&mut self, found: Vec<FoundHit>) {
        let mut rest = found.into_iter().peekable();
        while let Some(first) = rest.next() {
            let mut run = vec![first];
            while let Some(h) = rest.next_if(|h| h.same_version(&run[0])) {
                run.push(h);
            }
            self.add_version(run);
        }
    }

    /// The hits of one version: listed when its id is new or this version is fuller than the
    /// one listed (whose hits it then replaces, in their place); else left out.
    fn add_version(&mut self, run: Vec<FoundHit>) {
        let order = self.arrived;
        self.arrived += 1;
        let first = &run[0];
        if first.id.is_empty() {
            return self.hits.extend(run);
        }
        let was = match self.listed.get(&first.id) {
            None => None,
            Some(l) if l.hit.same_version(first) => return self.hits.extend(run),
            Some(l) if fullness(first.size, order) < fullness(l.hit.size, l.order) => {
                Some(l.hit.clone())
            }
            Some(_) => return,
        };
        let listed = Listed {
            hit: first.clone(),
            order,
        };
        self.listed.insert(first.id.clone(), listed);
        let Some(was) = was else {
            return self.hits.extend(run);
        };
        let at = self
            .hits
            .iter()
            .position(|h| h.same_version(&was))
            .unwrap_or(self.hits.len());
        let before = self.hits.len();
        self.hits.retain(|h| !h.same_version(&was));
        let (removed, added) = (before - self.hits.len(), run.len());
        self.hits.splice(at..at, run);
        // The hit selected stays selected, or its version's first when it went.
        let span = (at, removed, added);
        self.cursor.selected = moved(self.cursor.selected, span);
        self.stepping = self.stepping.map(|k| moved(k, span));
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

/// Where hit `k` is after the `removed` hits at `at` were replaced by `added` others: the same
/// hit, or the first of those in its place when it went.
fn moved(k: usize, (at, removed, added): (usize, usize, usize)) -> usize {
    if k < at {
        k
    } else if k < at + removed {
        at
    } else {
        k + added - removed
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
        .position(|c| *c.id() == *hit.id && c.location.record() == hit.record)
        .or_else(|| of_file.iter().position(|c| *c.id() == *hit.id))
        .map(|p| start + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(id: &str, source: &str, paragraph: u32, letters: u32) -> FoundHit {
        FoundHit {
            source: source.into(),
            record: None,
            id: id.into(),
            place: Place::Paragraph(paragraph),
            paragraph,
            marking: None,
            snippet: String::new(),
            size: TextSize {
                letters,
                redactions: 0,
            },
        }
    }

    #[test]
    fn a_fuller_version_found_later_takes_the_place_of_the_one_listed() {
        let mut r = CorpusSearch::new(1, "x", Query::new("x").unwrap());
        r.add(vec![hit("A", "a.html", 1, 50), hit("A", "a.html", 2, 50)]);
        r.add(vec![hit("B", "b.csv", 1, 10)]);
        r.cursor.selected = 2;
        // A's fuller version: its three hits replace the two, where they were.
        r.add(vec![
            hit("A", "z.csv", 1, 90),
            hit("A", "z.csv", 3, 90),
            hit("A", "z.csv", 4, 90),
        ]);
        // A version no fuller, or as full but later, is left out.
        r.add(vec![hit("B", "c.txt", 1, 10), hit("A", "y.txt", 1, 60)]);
        let got: Vec<(&str, &str, u32)> = r
            .hits
            .iter()
            .map(|h| (h.id.as_str(), h.source.as_str(), h.paragraph))
            .collect();
        assert_eq!(
            got,
            [
                ("A", "z.csv", 1),
                ("A", "z.csv", 3),
                ("A", "z.csv", 4),
                ("B", "b.csv", 1)
            ]
        );
        // B stays selected.
        assert_eq!(r.cursor.selected, 3);
    }
}
