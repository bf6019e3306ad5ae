//! Corpus-wide search: paragraphs whose text matches a regular expression.
//!
//! The raw bytes are searched first, for a literal that every match must contain (`Taliban` in
//! `Taliban.*attack`); only the cables where it occurs are parsed and their paragraphs matched.
//! The literal is cut to characters that stand in a file as they stand in the text (ASCII
//! letters, digits, spaces and punctuation other than quotes, backslash, `&`, `<` and `>`, which
//! the formats escape), so a cable whose text matches always passes the first step. A pattern
//! without such a literal (`\w+`) makes every cable be parsed.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use regex::Regex;
use regex::bytes::Regex as BytesRegex;
use regex_syntax::hir::{Class, Hir, HirKind};

use super::build::build_matching;
use super::formats::{self, cables_csv};
use super::index::{FileInfo, Job, file_info, plan, run_ordered, walk_inputs};
use super::load::LoadOptions;
use super::marking::Marking;
use super::model::{Cable, Format, Paragraph};

/// A compiled search.
#[derive(Debug, Clone)]
pub struct Query {
    regex: Regex,
    prefilter: Option<BytesRegex>,
    /// Only paragraphs with one of these markings (`None`: unmarked); empty for all.
    markings: Vec<Option<Marking>>,
    case_insensitive: bool,
}

impl Query {
    /// Compiles `pattern` with smart case: case-insensitive unless it has an upper-case letter.
    pub fn new(pattern: &str) -> Result<Query, String> {
        let case_insensitive = !has_upper_literal(pattern);
        let regex = regex::RegexBuilder::new(pattern)
            .case_insensitive(case_insensitive)
            .size_limit(64 << 20)
            .build()
            .map_err(|e| e.to_string())?;
        // Classes and inline flags may fold case where the literal does not show it.
        let fold = case_insensitive || pattern.contains('[') || pattern.contains("(?");
        let prefilter = required_literals(pattern).and_then(|lits| {
            let alternatives: Vec<String> = lits.iter().map(|l| regex::escape(l)).collect();
            regex::bytes::RegexBuilder::new(&alternatives.join("|"))
                .case_insensitive(fold)
                .unicode(false)
                .build()
                .ok()
        });
        Ok(Query {
            regex,
            prefilter,
            markings: Vec::new(),
            case_insensitive,
        })
    }

    /// Keeps only paragraphs with one of `markings` (`None` stands for unmarked paragraphs).
    pub fn with_markings(mut self, markings: Vec<Option<Marking>>) -> Query {
        self.markings = markings;
        self
    }

    pub fn case_insensitive(&self) -> bool {
        self.case_insensitive
    }

    /// True when the raw bytes are searched first (the pattern has a usable literal).
    pub fn has_prefilter(&self) -> bool {
        self.prefilter.is_some()
    }

    /// True when `bytes` may hold a match (always, without a prefilter).
    pub fn may_match(&self, bytes: &[u8]) -> bool {
        self.prefilter.as_ref().is_none_or(|p| p.is_match(bytes))
    }

    /// Where the pattern matches in `text`, as byte ranges: hits and highlights use this one
    /// matcher, so what a search finds is what the view marks.
    pub fn find_all<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
        self.regex.find_iter(text).map(|m| m.range())
    }

    /// Whether a paragraph's raw text may hold a match (it holds the literal).
    fn keep(&self, text: &str) -> bool {
        self.may_match(text.as_bytes())
    }

    /// A cable decoded for this search: texts only where a match may be, header fields only
    /// where the id or an ENTIRE TEXT marking needs them (date, subject and the like may be
    /// empty).
    fn build(&self, raw: formats::RawCable, source: &str) -> Cable {
        build_matching(raw, source, false, &|t: &str| self.keep(t))
    }

    /// The hits of one raw cable. Texts are matched as the file holds them (sanitising would
    /// expand tabs and spell control characters out, which the raw bytes the first pass reads
    /// do not show); with `options.sanitize` the hits are made safe to show afterwards.
    fn cable_hits(&self, raw: formats::RawCable, source: &str, options: LoadOptions) -> Vec<Hit> {
        let mut hits = self.hits_in(&self.build(raw, source));
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
            }
        }
        hits
    }

    fn wants(&self, p: &Paragraph) -> bool {
        self.markings.is_empty()
            || self
                .markings
                .iter()
                .any(|m| p.marking.as_ref() == m.as_ref())
    }

    /// The paragraphs of a loaded cable that match, as hits.
    pub fn hits_in(&self, cable: &Cable) -> Vec<Hit> {
        let mut hits = Vec::new();
        for p in cable.paragraphs.iter().filter(|p| self.wants(p)) {
            if let Some(m) = self.regex.find(&p.text) {
                hits.push(Hit {
                    id: cable.id.clone(),
                    paragraph: p.number.unwrap_or(0),
                    marking: p.marking.as_ref().map(ToString::to_string),
                    inherited: p.inherited,
                    snippet: snippet(&p.text, m.start(), m.end()),
                    source: cable.source.clone(),
                    record: cable.record,
                });
            }
        }
        hits
    }
}

/// One matching paragraph.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Hit {
    pub id: String,
    pub paragraph: u32,
    /// Canonical marking, or `None` for an unmarked paragraph.
    pub marking: Option<String>,
    /// The marking is inherited from an `ENTIRE TEXT` marking.
    pub inherited: bool,
    /// The text around the first match, on one line.
    pub snippet: String,
    pub source: String,
    pub record: Option<u64>,
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
pub struct SearchHandle {
    events: std::sync::mpsc::Receiver<SearchEvent>,
    cancel: std::sync::Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl SearchHandle {
    /// Hits, errors and progress in source order, as [`search_paths`] gives them.
    pub fn events(&self) -> &std::sync::mpsc::Receiver<SearchEvent> {
        &self.events
    }

    /// Asks the search to stop; the channel closes soon after.
    pub fn cancel(&self) {
        self.cancel
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

impl Drop for SearchHandle {
    fn drop(&mut self) {
        self.cancel();
        if let Some(t) = self.thread.take() {
            super::background::join_briefly(t);
        }
    }
}

/// Starts [`search_paths`] without waiting, for a UI that shows hits as they are found.
pub fn search_in_background(
    paths: Vec<std::path::PathBuf>,
    query: Query,
    options: LoadOptions,
) -> SearchHandle {
    let (tx, rx) = std::sync::mpsc::channel();
    let cancel = std::sync::Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    let thread = std::thread::Builder::new()
        .name("cable-search".into())
        .spawn(move || {
            search_paths(&paths, &query, options, &flag, |event| {
                // Nobody listens any more: stop.
                if tx.send(event).is_err() {
                    flag.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            });
        })
        .ok();
    SearchHandle {
        events: rx,
        cancel,
        thread,
    }
}

type JobResult = (Vec<Hit>, Vec<(String, String)>);

fn search_job(job: &Job, files: &[FileInfo], query: &Query, options: LoadOptions) -> JobResult {
    let mut hits = Vec::new();
    let mut errors = Vec::new();
    match job {
        Job::Piece {
            file, map, range, ..
        } => {
            let source = &files[*file].source;
            search_records(
                map,
                range.clone(),
                source,
                query,
                options,
                &mut hits,
                &mut errors,
            );
            if map.changed() {
                hits.clear();
                errors = vec![(source.clone(), super::index::CHANGED_WHILE_READ.into())];
            }
        }
        Job::Files(r) => {
            for info in &files[r.clone()] {
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
                // As `load_bytes_with` does, with texts only where a match may be.
                let extracted = formats::extract(&bytes);
                for raw in extracted.cables {
                    hits.extend(query.cable_hits(raw, &info.source, options));
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
/// then each record where the literal occurs.
fn search_records(
    bytes: &[u8],
    range: std::ops::Range<usize>,
    source: &str,
    query: &Query,
    options: LoadOptions,
    hits: &mut Vec<Hit>,
    errors: &mut Vec<(String, String)>,
) {
    let mut parse = |span: &cables_csv::RecordSpan| {
        let raw = cables_csv::raw_cable(bytes, span);
        hits.extend(query.cable_hits(raw, source, options));
    };
    let Some(pre) = &query.prefilter else {
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
        let Some(m) = pre.find_at(&bytes[..range.end], at) else {
            break;
        };
        // The record holding the match starts at the last line start before it that starts like
        // a record: the scanner restarts at every such line, so reading on from there gives the
        // record exactly as a scan of the whole file does.
        let start = record_start_before(bytes, range.start, m.start());
        let mut it = cables_csv::records_from(bytes, start);
        let mut next = m.end().max(at + 1);
        while it.position() <= m.start() && it.position() < range.end {
            match it.next() {
                Some(Ok(span)) => {
                    if span.span.contains(&m.start()) {
                        parse(&span);
                        next = next.max(span.span.end);
                        break;
                    }
                }
                Some(Err(e)) => {
                    if it.position() > m.start() {
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

/// The text around a match, whitespace runs as one space, cut with `…` at about 60 characters
/// on each side.
fn snippet(text: &str, start: usize, end: usize) -> String {
    const CONTEXT: usize = 60;
    // Only the context is walked, backwards: a paragraph may be long.
    let from = match text[..start].char_indices().rev().nth(CONTEXT) {
        Some(_) => {
            let cut = text[..start]
                .char_indices()
                .rev()
                .nth(CONTEXT - 1)
                .map_or(0, |(i, _)| i);
            // Start at a word boundary within the context.
            text[cut..start].find(' ').map_or(cut, |i| cut + i + 1)
        }
        None => 0,
    };
    let after_end = text[end..]
        .char_indices()
        .nth(CONTEXT)
        .map_or(text.len(), |(i, _)| {
            let cut = end + i;
            text[end..cut].rfind(' ').map_or(cut, |j| end + j)
        });
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.push_str(
        &text[from..after_end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    );
    if after_end < text.len() {
        out.push('…');
    }
    out
}

/// Smart case: an upper-case letter written as itself (not in an escape like `\S` or `\p{Lu}`).
fn has_upper_literal(pattern: &str) -> bool {
    use regex_syntax::ast::{self, Ast};
    fn walk(ast: &Ast) -> bool {
        match ast {
            Ast::Literal(l) => l.c.is_uppercase(),
            Ast::ClassBracketed(c) => class_set_upper(&c.kind),
            Ast::Repetition(r) => walk(&r.ast),
            Ast::Group(g) => walk(&g.ast),
            Ast::Alternation(a) => a.asts.iter().any(walk),
            Ast::Concat(c) => c.asts.iter().any(walk),
            _ => false,
        }
    }
    fn class_set_upper(set: &ast::ClassSet) -> bool {
        match set {
            ast::ClassSet::Item(item) => item_upper(item),
            ast::ClassSet::BinaryOp(op) => class_set_upper(&op.lhs) || class_set_upper(&op.rhs),
        }
    }
    fn item_upper(item: &ast::ClassSetItem) -> bool {
        match item {
            ast::ClassSetItem::Literal(l) => l.c.is_uppercase(),
            ast::ClassSetItem::Range(r) => r.start.c.is_uppercase() || r.end.c.is_uppercase(),
            ast::ClassSetItem::Bracketed(b) => class_set_upper(&b.kind),
            ast::ClassSetItem::Union(u) => u.items.iter().any(item_upper),
            _ => false,
        }
    }
    match ast::parse::Parser::new().parse(pattern) {
        Ok(ast) => walk(&ast),
        // The regex crate reports the error.
        Err(_) => pattern.chars().any(char::is_uppercase),
    }
}

/// A character that stands in every format's raw bytes as it stands in the cable text.
fn safe(c: char) -> bool {
    (c.is_ascii_graphic() || c == ' ') && !matches!(c, '"' | '\'' | '\\' | '&' | '<' | '>')
}

/// Literals one of which every match of `pattern` contains, made of [`safe`] characters only;
/// `None` when there is no such literal.
pub fn required_literals(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let lits = required(&hir)?;
    // A one-letter literal would pass nearly every cable: not worth a first pass.
    (lits.iter().all(|l| l.len() >= 2) && lits.len() <= 64).then_some(lits)
}

/// The text a node always matches exactly, when it is a fixed string (one character of a
/// case-insensitive class counts as that character; the prefilter ignores case).
fn exact(hir: &Hir) -> Option<String> {
    match hir.kind() {
        HirKind::Literal(l) => String::from_utf8(l.0.to_vec()).ok(),
        HirKind::Class(Class::Unicode(c)) => {
            let mut chars = c.iter().flat_map(|r| r.start()..=r.end()).take(5);
            let first = chars.next()?;
            let lower = first.to_lowercase().collect::<String>();
            chars
                .all(|ch| ch.to_lowercase().collect::<String>() == lower)
                .then_some(lower)
        }
        HirKind::Capture(c) => exact(&c.sub),
        HirKind::Concat(parts) => parts.iter().map(exact).collect(),
        _ => None,
    }
}

/// The longest run of safe characters in each string, or `None` if one has none.
fn safe_runs(strings: Vec<String>) -> Option<Vec<String>> {
    strings
        .into_iter()
        .map(|s| {
            s.split(|c: char| !safe(c))
                .max_by_key(|r| r.len())
                .filter(|r| !r.is_empty())
                .map(str::to_string)
        })
        .collect()
}

fn better(a: Option<Vec<String>>, b: Option<Vec<String>>) -> Option<Vec<String>> {
    let score = |v: &Vec<String>| v.iter().map(String::len).min().unwrap_or(0) * 64 / v.len();
    match (a, b) {
        (Some(a), Some(b)) => Some(if score(&b) > score(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn required(hir: &Hir) -> Option<Vec<String>> {
    if let Some(s) = exact(hir) {
        return safe_runs(vec![s]);
    }
    match hir.kind() {
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Alternation(alts) => {
            let mut all = Vec::new();
            for a in alts {
                all.extend(required(a)?);
            }
            all.sort();
            all.dedup();
            Some(all)
        }
        HirKind::Concat(parts) => {
            // Adjacent fixed parts join into one literal; any part's requirement holds too.
            let mut best = None;
            let mut run = String::new();
            for p in parts {
                match exact(p) {
                    Some(s) => run.push_str(&s),
                    None => {
                        if !run.is_empty() {
                            best = better(best, safe_runs(vec![std::mem::take(&mut run)]));
                        }
                        best = better(best, required(p));
                    }
                }
            }
            if !run.is_empty() {
                best = better(best, safe_runs(vec![run]));
            }
            best
        }
        _ => None,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(required_literals("Taliban"), Some(vec!["Taliban".into()]));
        assert_eq!(
            required_literals("Taliban.*attack"),
            Some(vec!["Taliban".into()])
        );
        assert_eq!(required_literals("don't know"), Some(vec!["t know".into()]));
        assert_eq!(
            required_literals("(?i)nato|otan"),
            Some(vec!["nato".into(), "otan".into()])
        );
        assert_eq!(required_literals(r"\w+"), None);
        assert_eq!(required_literals("a|bc"), None);
        assert_eq!(required_literals("(foo)?bar"), Some(vec!["bar".into()]));
    }

    #[test]
    fn smart_case() {
        assert!(Query::new("taliban").unwrap().case_insensitive());
        assert!(!Query::new("Taliban").unwrap().case_insensitive());
        assert!(Query::new(r"\S+ing").unwrap().case_insensitive());
        assert!(!Query::new("[A-Z]{3}").unwrap().case_insensitive());
    }

    #[test]
    fn snippets() {
        assert_eq!(snippet("a  b\nc", 0, 1), "a b c");
        let long = format!("{} KEY {}", "word ".repeat(40), "tail ".repeat(40));
        let at = long.find("KEY").unwrap();
        let s = snippet(&long, at, at + 3);
        assert!(
            s.starts_with('…') && s.ends_with('…') && s.contains("KEY"),
            "{s}"
        );
    }
}
