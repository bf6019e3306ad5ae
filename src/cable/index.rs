//! Indexing a whole corpus: what the list and the filters need of each cable, computed in
//! parallel, in source order, without keeping any cable's text.
//!
//! A `cables.csv` file is memory-mapped and cut at record starts into pieces that the workers
//! scan at once; a folder's files are read in groups. Each cable yields a [`CableSummary`]: id,
//! date, classification, origin, subject, paragraph count, marking counts (markings interned in
//! one [`MarkingTable`]) and where its text lies ([`Location`]), so that
//! [`Corpus::open`](crate::cable::Corpus::open) can parse it when it is read. The summaries come
//! from [`build::summarize`](super::build::summarize), which applies the full loader's rules, so
//! the counts are the ones the full loader gives.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::SystemTime;

use super::build;
use super::formats::{self, LoadError, cables_csv};
use super::load::LoadOptions;
use super::mapped::GuardedMap;
use super::marking::Marking;
use super::model::Format;
pub use super::summary::{
    CableSummary, Location, MarkingId, MarkingTable, NameId, NameTable, Reference, SummaryFields,
    WarningKinds,
};
pub(crate) use super::walk::CHANGED_WHILE_READ;
pub use super::walk::walk_inputs;

/// A file of the corpus, as it was when indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    pub path: PathBuf,
    /// The path as cables and messages name it.
    pub source: String,
    pub len: u64,
    pub modified: Option<SystemTime>,
}

/// How far indexing has come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub cables: u64,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub files_done: u64,
    pub files_total: u64,
}

/// Cables indexed, in source order.
#[derive(Debug, Clone, Default)]
pub struct IndexBatch {
    /// Markings met for the first time, numbered on from the table's current length.
    pub new_markings: Vec<Marking>,
    /// Strings met for the first time, numbered on from the [`NameTable`]'s current length.
    pub new_names: Vec<std::sync::Arc<str>>,
    pub cables: Vec<CableSummary>,
    /// `(path, reason)` for each input or record that failed, in source order.
    pub errors: Vec<(String, String)>,
    pub progress: Progress,
}

/// What indexing reports, in this order: `Started`, any number of `Batch`es, `Done`.
#[derive(Debug, Clone)]
pub enum IndexEvent {
    /// The inputs were found: every file and its size; folders that could not be walked.
    Started {
        files: Vec<FileInfo>,
        errors: Vec<(String, String)>,
        progress: Progress,
    },
    Batch(IndexBatch),
    /// Indexing ended (`cancelled` when asked to stop early).
    Done {
        progress: Progress,
        cancelled: bool,
    },
}

/// Files at least this big that hold `cables.csv` records are cut into pieces.
const BIG_FILE: u64 = 8 << 20;
/// Size of the pieces a big file is cut into.
const PIECE: usize = 4 << 20;
/// Small files are taken in groups of about this many bytes, or this many files.
const GROUP_BYTES: u64 = 2 << 20;
const GROUP_FILES: usize = 64;

/// One unit of work.
pub(crate) enum Job {
    /// Records of a memory-mapped `cables.csv` file from `range.start` up to `range.end`.
    Piece {
        file: usize,
        map: std::sync::Arc<GuardedMap>,
        range: Range<usize>,
        /// The file's last piece.
        last: bool,
    },
    /// Whole files, read and loaded one by one.
    Files(Range<usize>),
}

impl Job {
    pub(crate) fn bytes(&self, files: &[FileInfo]) -> u64 {
        match self {
            Job::Piece { range, .. } => range.len() as u64,
            Job::Files(r) => files[r.clone()].iter().map(|f| f.len).sum(),
        }
    }
}

/// A worker's result, markings numbered in its own table.
struct Partial {
    markings: Vec<Marking>,
    /// Strings numbered in the job's own table.
    names: Vec<std::sync::Arc<str>>,
    /// Their markings numbered in the job's table, in the order met.
    cables: Vec<CableSummary>,
    errors: Vec<(String, String)>,
    bytes: u64,
    files_done: u64,
}

/// Numbers markings within one job.
#[derive(Default)]
struct LocalTable {
    markings: Vec<Marking>,
    ids: HashMap<Marking, MarkingId>,
    names: NameTable,
}

impl LocalTable {
    fn intern(&mut self, m: &Marking) -> MarkingId {
        if let Some(&id) = self.ids.get(m) {
            return id;
        }
        let id = self.markings.len() as MarkingId;
        self.markings.push(m.clone());
        self.ids.insert(m.clone(), id);
        id
    }
}

pub(crate) fn file_info(path: PathBuf) -> FileInfo {
    let meta = std::fs::metadata(&path).ok();
    FileInfo {
        source: path.display().to_string(),
        len: meta.as_ref().map_or(0, |m| m.len()),
        modified: meta.and_then(|m| m.modified().ok()),
        path,
    }
}

/// Maps a big file when it holds `cables.csv` records (guarded: a truncation while it is read
/// makes the map [changed](GuardedMap::changed), not a signal death).
fn map_csv(info: &FileInfo) -> Option<GuardedMap> {
    if info.len < BIG_FILE {
        return None;
    }
    let map = GuardedMap::open(&info.path)?;
    (formats::detect(&map) == Some(Format::CablesCsv)).then_some(map)
}

pub(crate) fn plan(files: &[FileInfo]) -> Vec<Job> {
    let mut jobs = Vec::new();
    let mut group_start = 0;
    let mut group_bytes = 0u64;
    for (i, info) in files.iter().enumerate() {
        if let Some(map) = map_csv(info) {
            if group_start < i {
                jobs.push(Job::Files(group_start..i));
            }
            let map = std::sync::Arc::new(map);
            let len = map.len();
            let mut start = 0;
            while start < len {
                let end = if len - start <= PIECE + PIECE / 2 {
                    len
                } else {
                    cables_csv::next_record_start(&map, start + PIECE)
                };
                jobs.push(Job::Piece {
                    file: i,
                    map: map.clone(),
                    range: start..end,
                    last: end >= len,
                });
                start = end;
            }
            group_start = i + 1;
            group_bytes = 0;
            continue;
        }
        group_bytes += info.len;
        if i + 1 - group_start >= GROUP_FILES || group_bytes >= GROUP_BYTES {
            jobs.push(Job::Files(group_start..i + 1));
            group_start = i + 1;
            group_bytes = 0;
        }
    }
    if group_start < files.len() {
        jobs.push(Job::Files(group_start..files.len()));
    }
    jobs
}

/// Summarises the records of `bytes` from `start` up to `end` (both restart points).
fn index_records(
    bytes: &[u8],
    range: Range<usize>,
    file: usize,
    source: &str,
    options: LoadOptions,
    table: &mut LocalTable,
    out: &mut Partial,
) -> usize {
    let mut found = 0;
    let mut it = cables_csv::records_from(bytes, range.start);
    while it.position() < range.end {
        let Some(item) = it.next() else { break };
        found += 1;
        match item {
            Ok(span) => {
                let raw = cables_csv::raw_cable(bytes, &span);
                let location = Location::Record {
                    file: file as u32,
                    bytes: span.span.start as u64..span.span.end as u64,
                    record: span.record,
                };
                out.cables
                    .push(summary_of(raw, source, options, location, table));
            }
            Err(e) => out.errors.push((source.to_string(), e.to_string())),
        }
    }
    found
}

fn summary_of(
    raw: formats::RawCable,
    source: &str,
    options: LoadOptions,
    location: Location,
    table: &mut LocalTable,
) -> CableSummary {
    let s = build::summarize(raw, source, options.sanitize);
    let mut counts: Vec<(MarkingId, u32)> = Vec::new();
    let mut unmarked = 0;
    for m in &s.markings {
        match m {
            Some(m) => {
                let id = table.intern(m);
                match counts.iter_mut().find(|(k, _)| *k == id) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((id, 1)),
                }
            }
            None => unmarked += 1,
        }
    }
    let names = &mut table.names;
    let references = s
        .references
        .iter()
        .zip(&s.reference_letters)
        .map(|(r, l)| Reference {
            id: names.intern(r),
            letter: l.filter(char::is_ascii_alphabetic).map_or(0, |c| c as u8),
        })
        .collect();
    SummaryFields {
        id: s.id.into(),
        format: s.format,
        date: s.date.map(Into::into),
        classification: s.classification.into(),
        origin: s.origin.into(),
        subject: s.subject.into(),
        paragraphs: s.markings.len() as u32,
        unmarked,
        markings: counts.into_boxed_slice(),
        tags: s.tags.iter().map(|t| names.intern(t)).collect(),
        captions: s.captions.iter().map(|t| names.intern(t)).collect(),
        references,
        classified_by: s.classified_by.as_deref().map(|t| names.intern(t)),
        signer: s.signer.as_deref().map(|t| names.intern(t)),
        warnings: WarningKinds::of(&s.warnings),
        text: s.text,
        location,
    }
    .pack()
}

fn run_job(job: &Job, files: &[FileInfo], options: LoadOptions) -> Partial {
    let mut table = LocalTable::default();
    let mut out = Partial {
        markings: Vec::new(),
        names: Vec::new(),
        cables: Vec::new(),
        errors: Vec::new(),
        bytes: job.bytes(files),
        files_done: 0,
    };
    match job {
        Job::Piece {
            file,
            map,
            range,
            last,
        } => {
            let source = &files[*file].source;
            index_records(
                map,
                range.clone(),
                *file,
                source,
                options,
                &mut table,
                &mut out,
            );
            if *last {
                out.files_done = 1;
            }
        }
        Job::Files(r) => {
            for i in r.clone() {
                index_file(i, &files[i], options, &mut table, &mut out);
                out.files_done += 1;
            }
        }
    }
    out.markings = table.markings;
    out.names = table.names.names;
    out
}

fn index_file(
    i: usize,
    info: &FileInfo,
    options: LoadOptions,
    table: &mut LocalTable,
    out: &mut Partial,
) {
    let source = info.source.as_str();
    // At most the size found by the walk (which opening a cable checks again): a file that
    // grows or shrinks meanwhile is reported, not read on without end.
    let bytes = match super::walk::read_as_found(&info.path, info.len) {
        Ok(b) => b,
        Err(e) => {
            out.errors.push((source.to_string(), e.to_string()));
            return;
        }
    };
    // The same path as `load_bytes`: empty files and format detection first.
    let csv = !bytes.iter().all(u8::is_ascii_whitespace)
        && formats::detect(&bytes) == Some(Format::CablesCsv);
    if csv {
        let before = (out.cables.len(), out.errors.len());
        index_records(&bytes, 0..bytes.len(), i, source, options, table, out);
        if (out.cables.len(), out.errors.len()) == before {
            out.errors
                .push((source.to_string(), "no cables.csv record found".to_string()));
        }
        return;
    }
    let extracted = formats::extract(&bytes);
    for (nth, raw) in extracted.cables.into_iter().enumerate() {
        let location = Location::Cable {
            file: i as u32,
            nth: nth as u32,
            record: raw.record,
        };
        out.cables
            .push(summary_of(raw, source, options, location, table));
    }
    out.errors.extend(
        extracted
            .errors
            .into_iter()
            .map(|e: LoadError| (source.to_string(), e.to_string())),
    );
}

/// Indexes `paths` on all cores, calling `emit` with each event in order; stops early (with
/// `Done { cancelled: true }`) once `cancel` is set.
pub fn index_with<P: AsRef<Path>>(
    paths: &[P],
    options: LoadOptions,
    cancel: &AtomicBool,
    mut emit: impl FnMut(IndexEvent),
) {
    let (found, walk_errors) = walk_inputs(paths);
    let files: Vec<FileInfo> = found.into_iter().map(file_info).collect();
    let jobs = plan(&files);
    let mut progress = Progress {
        bytes_total: files.iter().map(|f| f.len).sum(),
        files_total: files.len() as u64,
        ..Progress::default()
    };
    emit(IndexEvent::Started {
        files: files.clone(),
        errors: walk_errors,
        progress,
    });
    let mut global = MarkingTable::default();
    let mut names = NameTable::default();
    // Per file: were any records or errors found (a `cables.csv` file with neither is reported).
    let mut file_found: Vec<bool> = vec![false; files.len()];
    // Per file: was it found shrunk while it was read (said once).
    let mut file_changed: Vec<bool> = vec![false; files.len()];
    run_ordered(
        &jobs,
        cancel,
        |job| run_job(job, &files, options),
        |j, partial| {
            let batch = merge(
                partial,
                &jobs[j],
                &files,
                &mut global,
                &mut names,
                &mut progress,
                &mut file_found,
                &mut file_changed,
            );
            emit(IndexEvent::Batch(batch));
        },
    );
    let cancelled = cancel.load(Ordering::Relaxed);
    emit(IndexEvent::Done {
        progress,
        cancelled,
    });
}

/// Numbers a worker's markings in the global table and orders each cable's counts.
// The indexing loop's state, passed piece by piece so that each borrow stays apart.
#[allow(clippy::too_many_arguments)]
fn merge(
    partial: Partial,
    job: &Job,
    files: &[FileInfo],
    global: &mut MarkingTable,
    names: &mut NameTable,
    progress: &mut Progress,
    file_found: &mut [bool],
    file_changed: &mut [bool],
) -> IndexBatch {
    let first_new = global.len();
    let remap: Vec<MarkingId> = partial.markings.iter().map(|m| global.intern(m)).collect();
    let first_name = names.len();
    let rename: Vec<NameId> = partial.names.iter().map(|n| names.intern(n)).collect();
    let mut cables = Vec::with_capacity(partial.cables.len());
    for mut summary in partial.cables {
        let counts = summary.markings_mut();
        counts.iter_mut().for_each(|c| c[0] = remap[c[0] as usize]);
        counts.sort_by(|a, b| {
            let (ma, mb) = (global.get(a[0]), global.get(b[0]));
            let ra = ma.map_or(0, Marking::rank);
            let rb = mb.map_or(0, Marking::rank);
            rb.cmp(&ra)
                .then_with(|| global.name(a[0]).cmp(global.name(b[0])))
        });
        summary.rename(|id| rename[id as usize]);
        cables.push(summary);
    }
    let mut errors = partial.errors;
    if let Job::Piece { file, map, .. } = job
        && map.changed()
    {
        // What was read may be zeros: the file's cables from here on are dropped, once said.
        cables.clear();
        errors.clear();
        file_found[*file] = true;
        if !std::mem::replace(&mut file_changed[*file], true) {
            errors.push((files[*file].source.clone(), CHANGED_WHILE_READ.to_string()));
        }
    }
    if let Job::Piece { file, last, .. } = job {
        if !cables.is_empty() || !errors.is_empty() {
            file_found[*file] = true;
        }
        if *last && !file_found[*file] {
            errors.push((
                files[*file].source.clone(),
                "no cables.csv record found".to_string(),
            ));
        }
    }
    progress.cables += cables.len() as u64;
    progress.bytes_done += partial.bytes;
    progress.files_done += partial.files_done;
    IndexBatch {
        new_markings: global.markings[first_new..].to_vec(),
        new_names: names.names[first_name..].to_vec(),
        cables,
        errors,
        progress: *progress,
    }
}

/// Runs `work` on every job on all cores and hands the results to `emit` in job order (results
/// that come early wait for the ones before them). Stops taking jobs once `cancel` is set.
pub(crate) fn run_ordered<T: Send>(
    jobs: &[Job],
    cancel: &AtomicBool,
    work: impl Fn(&Job) -> T + Sync,
    mut emit: impl FnMut(usize, T),
) {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, jobs.len().max(1));
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, T)>();
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || {
                loop {
                    if cancel.load(Ordering::Relaxed) {
                        break;
                    }
                    let j = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(j) else { break };
                    if tx.send((j, work(job))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, T> = BTreeMap::new();
        let mut due = 0;
        for (j, result) in rx {
            pending.insert(j, result);
            while let Some(result) = pending.remove(&due) {
                emit(due, result);
                due += 1;
            }
        }
    });
}
