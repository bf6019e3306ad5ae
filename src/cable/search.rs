//! Corpus-wide search: the places of cables (subject, header, numbered paragraphs, unnumbered
//! text, closing) whose text matches a pattern.
//!
//! The raw bytes are searched first for every literal a match must contain (see [`Matcher`]);
//! only the cables where all occur are decoded, and within them only the paragraphs (and header
//! lines) that hold them. A pattern whose matches hold no white space (see `unspaced`) is tried
//! itself on the cable's texts before it is decoded, and on a paragraph's lines before that is.
//! Only a pattern with neither (`\s+`) makes every cable be decoded.

mod hit;
mod matcher;
mod once;
mod unspaced;

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

pub use hit::{ContextLine, Hit, Place, snippet};
pub use matcher::{Case, MatchOptions, Matcher, required_clauses, required_literals};
pub use once::{fullness, one_per_id, text_size};

use super::build::{TextSize, build_matching};
use super::corpus::Corpus;
use super::formats::{self, cables_csv};
use super::index::{FileInfo, Job, Location, file_info, plan, run_ordered, walk_inputs};
use super::load::LoadOptions;
use super::marking::Marking;
use super::model::{Cable, Format};

/// Cables of an indexed corpus, by where they lie: a search given them looks at no other.
#[derive(Debug, Clone, Default)]
pub struct CableSet {
    /// `(file, record number)` for `cables.csv` records, `(file, nth)` for the others'.
    records: HashSet<(u32, u64)>,
    cables: HashSet<(u32, u64)>,
}

impl CableSet {
    /// The cables `selected` names (indexes into `corpus`). A search with the set must search
    /// the paths `corpus` was indexed from (files are named by their number among them).
    pub fn of(corpus: &Corpus, selected: &[usize]) -> CableSet {
        let mut set = CableSet::default();
        for c in selected.iter().filter_map(|&i| corpus.cables.get(i)) {
            match &c.location {
                Location::Record { file, record, .. } => {
                    set.records.insert((*file, *record));
                }
                Location::Cable { file, nth, .. } => {
                    set.cables.insert((*file, u64::from(*nth)));
                }
            }
        }
        set
    }

    /// The cables among `selected` that the index says hold a paragraph with one of
    /// `markings` (`None`: an unmarked one), inherited markings included, as a search with
    /// these markings sees them: a search with the set decodes no cable where no paragraph
    /// could be searched.
    pub fn marked(corpus: &Corpus, selected: &[usize], markings: &[Option<Marking>]) -> CableSet {
        let ids: Vec<Option<super::summary::MarkingId>> = markings
            .iter()
            .flatten()
            .map(|m| corpus.markings.id_of(m))
            .collect();
        let unmarked = markings.iter().any(Option::is_none);
        let wanted: Vec<usize> = selected
            .iter()
            .copied()
            .filter(|&i| {
                corpus.cables.get(i).is_some_and(|c| {
                    (unmarked && c.unmarked > 0) || ids.iter().flatten().any(|&m| c.count(m) > 0)
                })
            })
            .collect();
        CableSet::of(corpus, &wanted)
    }

    pub fn len(&self) -> usize {
        self.records.len() + self.cables.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn has_record(&self, file: usize, record: u64) -> bool {
        self.records.contains(&(file as u32, record))
    }

    fn has_cable(&self, file: usize, nth: usize) -> bool {
        self.cables.contains(&(file as u32, nth as u64))
    }
}

/// A compiled search.
#[derive(Debug, Clone)]
pub struct Query {
    matcher: Matcher,
    /// Only paragraphs with one of these markings (`None`: unmarked); empty for every place.
    markings: Vec<Option<Marking>>,
    /// Lines of context kept around each match.
    context: usize,
    /// Only these cables, when given.
    only: Option<Arc<CableSet>>,
}

impl Query {
    /// Compiles `pattern` with smart case: case-insensitive unless it has an upper-case letter.
    pub fn new(pattern: &str) -> Result<Query, String> {
        Query::with_options(pattern, MatchOptions::default())
    }

    /// Compiles `pattern` as grep's options say (`-i`, `-w`, `-F`).
    pub fn with_options(pattern: &str, options: MatchOptions) -> Result<Query, String> {
        Ok(Query {
            matcher: Matcher::with_options(pattern, options)?,
            markings: Vec::new(),
            context: 0,
            only: None,
        })
    }

    /// Keeps only paragraphs with one of `markings` (`None` stands for unmarked paragraphs);
    /// with markings, places other than paragraphs are not searched.
    pub fn with_markings(mut self, markings: Vec<Option<Marking>>) -> Query {
        self.markings = markings;
        self
    }

    /// Keeps `lines` lines of context around each match in the hits ([`Hit::context`]).
    pub fn with_context(mut self, lines: usize) -> Query {
        self.context = lines;
        self
    }

    /// Searches only these cables.
    pub fn with_cables(mut self, cables: Arc<CableSet>) -> Query {
        self.only = Some(cables);
        self
    }

    /// The markings a paragraph must have to be searched (empty: every place is).
    pub fn markings(&self) -> &[Option<Marking>] {
        &self.markings
    }

    /// The matcher, for highlighting what it found.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    pub fn case_insensitive(&self) -> bool {
        self.matcher.case_insensitive()
    }

    /// True when the raw bytes are searched first (the pattern has a usable literal).
    pub fn has_prefilter(&self) -> bool {
        self.matcher.has_prefilter()
    }

    /// True when `bytes` may hold a match (always, without a prefilter).
    pub fn may_match(&self, bytes: &[u8]) -> bool {
        self.matcher.may_match(bytes)
    }

    /// Where the pattern matches in `text`, as byte ranges: hits and highlights use this one
    /// matcher, so what a search finds is what the view marks.
    pub fn find_all<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
        self.matcher.find_iter(text)
    }

    /// A cable decoded for this search: texts only where a match may be, header fields only
    /// where a match, the id or an ENTIRE TEXT marking needs them.
    fn build(&self, raw: formats::RawCable, source: &str) -> Cable {
        build_matching(raw, source, false, &|t: &str| {
            self.matcher.may_match_text(t)
        })
    }

    /// The hits of one raw cable. Texts are matched as the file holds them (sanitising would
    /// expand tabs and spell control characters out, which the raw bytes the first pass reads
    /// do not show); with `options.sanitize` the hits are made safe to show afterwards.
    fn cable_hits(&self, raw: formats::RawCable, source: &str, options: LoadOptions) -> Vec<Hit> {
        let subject = raw.subject.as_deref().unwrap_or_default();
        if !self
            .matcher
            .may_match_decoded(&[&raw.header, &raw.body, subject])
        {
            return Vec::new();
        }
        // Measured on the raw texts, as the index measures a version.
        let (head, body) = (TextSize::of(&raw.header), TextSize::of(&raw.body));
        let size = TextSize {
            letters: head.letters.saturating_add(body.letters),
            redactions: head.redactions.saturating_add(body.redactions),
        };
        let mut hits = self.scope().hits_in(&self.build(raw, source));
        for h in &mut hits {
            h.size = size;
        }
        if options.sanitize {
            let clean = |s: &mut String| {
                if let std::borrow::Cow::Owned(c) = crate::sanitize::clean_line(s) {
                    *s = c;
                }
            };
            for h in &mut hits {
                clean(&mut h.id);
                clean(&mut h.snippet);
                clean(&mut h.source);
                for l in &mut h.context {
                    clean(&mut l.text);
                }
            }
        }
        hits
    }

    fn scope(&self) -> hit::Scope<'_> {
        hit::Scope {
            matcher: &self.matcher,
            markings: &self.markings,
            context: self.context,
        }
    }

    /// The places of a loaded cable that match, as hits, in the cable's order.
    pub fn hits_in(&self, cable: &Cable) -> Vec<Hit> {
        let mut hits = self.scope().hits_in(cable);
        if !hits.is_empty() {
            let size = text_size(cable);
            for h in &mut hits {
                h.size = size;
            }
        }
        hits
    }
}

/// What a search reports, in source order.
#[derive(Debug, Clone)]
pub enum SearchEvent {
    Hits(Vec<Hit>),
    /// `(path, reason)`: an input that could not be read, or a damaged record where a match fell.
    Error(String, String),
    /// Bytes searched so far, of all.
    Progress {
        bytes_done: u64,
        bytes_total: u64,
    },
}

/// Searches files and folders on all cores, calling `emit` with hits in source order (files in
/// order, records in order). Stops early once `cancel` is set. Paragraph texts are matched as
/// the files hold them; `options.sanitize` makes the hits' id, snippet and source safe to show.
pub fn search_paths<P: AsRef<Path>>(
    paths: &[P],
    query: &Query,
    options: LoadOptions,
    cancel: &AtomicBool,
    mut emit: impl FnMut(SearchEvent),
) {
    let (found, walk_errors) = walk_inputs(paths);
    for (path, reason) in walk_errors {
        emit(SearchEvent::Error(path, reason));
    }
    let files: Vec<FileInfo> = found.into_iter().map(file_info).collect();
    let jobs = plan(&files);
    let bytes_total: u64 = files.iter().map(|f| f.len).sum();
    let mut bytes_done = 0;
    run_ordered(
        &jobs,
        cancel,
        |job| search_job(job, &files, query, options),
        |j, (hits, errors)| {
            if !hits.is_empty() {
                emit(SearchEvent::Hits(hits));
            }
            for (path, reason) in errors {
                emit(SearchEvent::Error(path, reason));
            }
            bytes_done += jobs[j].bytes(&files);
            emit(SearchEvent::Progress {
                bytes_done,
                bytes_total,
            });
        },
    );
}

/// A search running on its own threads; events arrive on [`SearchHandle::events`], and the
/// channel closes when the search is done. Dropping the handle stops the search.
#[derive(Debug)]
pub struct SearchHandle(super::worker::Worker<SearchEvent>);

impl SearchHandle {
    /// Hits, errors and progress in source order, as [`search_paths`] gives them.
    pub fn events(&self) -> &std::sync::mpsc::Receiver<SearchEvent> {
        self.0.events()
    }

    /// Asks the search to stop; the channel closes soon after.
    pub fn cancel(&self) {
        self.0.cancel();
    }
}

/// Starts [`search_paths`] without waiting, for a UI that shows hits as they are found.
pub fn search_in_background(
    paths: Vec<std::path::PathBuf>,
    query: Query,
    options: LoadOptions,
) -> SearchHandle {
    SearchHandle(super::worker::Worker::spawn(
        "cable-search",
        move |report| {
            // Nobody listens any more: `send` sets the flag, and the search stops.
            search_paths(&paths, &query, options, report.cancel_flag(), |event| {
                report.send(event);
            });
        },
    ))
}

type JobResult = (Vec<Hit>, Vec<(String, String)>);

fn search_job(job: &Job, files: &[FileInfo], query: &Query, options: LoadOptions) -> JobResult {
    let mut hits = Vec::new();
    let mut errors = Vec::new();
    match job {
        Job::Piece {
            file, map, range, ..
        } => {
            search_records(
                map,
                range.clone(),
                (*file, &files[*file].source),
                query,
                options,
                &mut hits,
                &mut errors,
            );
            if map.changed() {
                hits.clear();
                errors = vec![(
                    files[*file].source.clone(),
                    super::index::CHANGED_WHILE_READ.into(),
                )];
            }
        }
        Job::Files(r) => {
            for (i, info) in files.iter().enumerate().take(r.end).skip(r.start) {
                let bytes = match super::walk::read_as_found(&info.path, info.len) {
                    Ok(b) => b,
                    Err(e) => {
                        errors.push((info.source.clone(), e.to_string()));
                        continue;
                    }
                };
                if !query.may_match(&bytes) {
                    continue;
                }
                // A `cables.csv` file is read as a big one is, record by record (a damaged
                // record is reported when a match may lie in it).
                if formats::detect(&bytes) == Some(Format::CablesCsv) {
                    search_records(
                        &bytes,
                        0..bytes.len(),
                        (i, &info.source),
                        query,
                        options,
                        &mut hits,
                        &mut errors,
                    );
                    continue;
                }
                // As `load_bytes_with` does, with texts only where a match may be.
                let extracted = formats::extract(&bytes);
                for (nth, raw) in extracted.cables.into_iter().enumerate() {
                    let wanted = query.only.as_ref().is_none_or(|set| set.has_cable(i, nth));
                    if wanted {
                        hits.extend(query.cable_hits(raw, &info.source, options));
                    }
                }
                errors.extend(
                    extracted
                        .errors
                        .into_iter()
                        .map(|e| (info.source.clone(), e.to_string())),
                );
            }
        }
    }
    (hits, errors)
}

/// Searches the records of a `cables.csv` file between two restart points: the raw bytes first,
/// for the first required literal, then each record where it occurs and every other one does.
fn search_records(
    bytes: &[u8],
    range: std::ops::Range<usize>,
    (file, source): (usize, &str),
    query: &Query,
    options: LoadOptions,
    hits: &mut Vec<Hit>,
    errors: &mut Vec<(String, String)>,
) {
    let mut parse = |span: &cables_csv::RecordSpan| {
        if query
            .only
            .as_ref()
            .is_some_and(|set| !set.has_record(file, span.record))
            || !query.may_match(&bytes[span.span.clone()])
        {
            return;
        }
        let raw = cables_csv::raw_cable(bytes, span);
        hits.extend(query.cable_hits(raw, source, options));
    };
    if !query.has_prefilter() {
        // No literal to look for: every record is parsed.
        let mut it = cables_csv::records_from(bytes, range.start);
        while it.position() < range.end {
            match it.next() {
                Some(Ok(span)) => parse(&span),
                Some(Err(e)) => errors.push((source.to_string(), e.to_string())),
                None => break,
            }
        }
        return;
    };
    let mut at = range.start;
    while at < range.end {
        let Some(m) = query.matcher.next_candidate(&bytes[..range.end], at) else {
            break;
        };
        // The record holding the match starts at the last line start before it that starts like
        // a record: the scanner restarts at every such line, so reading on from there gives the
        // record exactly as a scan of the whole file does.
        let start = record_start_before(bytes, range.start, m.start);
        let mut it = cables_csv::records_from(bytes, start);
        let mut next = m.end.max(at + 1);
        while it.position() <= m.start && it.position() < range.end {
            match it.next() {
                Some(Ok(span)) => {
                    if span.span.contains(&m.start) {
                        parse(&span);
                        next = next.max(span.span.end);
                        break;
                    }
                }
                Some(Err(e)) => {
                    if it.position() > m.start {
                        errors.push((source.to_string(), e.to_string()));
                        next = next.max(it.position());
                        break;
                    }
                }
                None => break,
            }
        }
        at = next;
    }
}

/// The last line start in `floor..=at` where a record starts, else `floor`.
fn record_start_before(bytes: &[u8], floor: usize, at: usize) -> usize {
    let mut end = at.min(bytes.len());
    loop {
        let line = match memchr::memrchr(b'\n', &bytes[floor..end]) {
            Some(i) => floor + i + 1,
            None => return floor,
        };
        if cables_csv::is_record_start(bytes, line) {
            return line;
        }
        end = line - 1;
    }
}

/// Which cable formats [`search_paths`] reads record by record (the others file by file).
pub fn searched_by_record(format: Option<Format>) -> bool {
    format == Some(Format::CablesCsv)
}

/// Searches already loaded bytes (one file): the same hits [`search_paths`] gives for it.
pub fn search_bytes(bytes: &[u8], source: &str, query: &Query, options: LoadOptions) -> Vec<Hit> {
    if !query.may_match(bytes) {
        return Vec::new();
    }
    let extracted = formats::extract(bytes);
    extracted
        .cables
        .into_iter()
        .flat_map(|raw| query.cable_hits(raw, source, options))
        .collect()
}
