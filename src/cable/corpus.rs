//! A corpus opened for reading: the index of every cable, and each cable parsed when opened.
//!
//! ```no_run
//! use cable_reader::cable::{Corpus, LoadOptions, index_in_background, IndexEvent};
//!
//! // At once, on all cores:
//! let corpus = Corpus::index(&["cables.csv"], LoadOptions::default());
//! let cable = corpus.open(0);
//!
//! // Or in the background, filling a list as batches arrive:
//! let handle = index_in_background(vec!["cables.csv".into()], LoadOptions::default());
//! let mut corpus = Corpus::new(LoadOptions::default());
//! for event in handle.events() {
//!     let new = corpus.apply(event);   // indexes of the cables just added
//!     let p = corpus.progress;         // cables, bytes_done of bytes_total
//! }
//! ```

use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;

use super::build::build_with;
use super::formats::{LoadError, cables_csv};
use super::index::{
    CableSummary, FileInfo, IndexBatch, IndexEvent, Location, MarkingTable, NameTable, Progress,
    index_with,
};
use super::load::{LoadOptions, load_bytes_with};
use super::model::Cable;

/// An indexed corpus.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Every input file, as it was when indexed.
    pub files: Vec<FileInfo>,
    /// One summary per cable, in source order (files in order, records in order).
    pub cables: Vec<CableSummary>,
    pub markings: MarkingTable,
    /// Tags, captions, reference ids and other strings the summaries name by number.
    pub names: NameTable,
    /// `(path, reason)` for each input or record that failed.
    pub errors: Vec<(String, String)>,
    pub progress: Progress,
    /// How texts are loaded (and were summarised).
    pub options: LoadOptions,
    done: bool,
}

impl Corpus {
    /// An empty corpus, to fill with [`Corpus::apply`].
    pub fn new(options: LoadOptions) -> Corpus {
        Corpus {
            options,
            ..Corpus::default()
        }
    }

    /// Indexes files and folders on all cores and returns when done.
    pub fn index<P: AsRef<Path>>(paths: &[P], options: LoadOptions) -> Corpus {
        Corpus::index_with_progress(paths, options, |_| {})
    }

    /// Like [`Corpus::index`], but a large corpus indexed before (and unchanged since) is read
    /// from the on-disk cache, and a large one indexed now is written there (see
    /// [`cache`](super::cache)).
    pub fn index_cached<P: AsRef<Path>>(paths: &[P], options: LoadOptions) -> Corpus {
        super::cache::index_cached(paths, options)
    }

    /// Like [`Corpus::index`], calling `on_progress` after each batch.
    pub fn index_with_progress<P: AsRef<Path>>(
        paths: &[P],
        options: LoadOptions,
        mut on_progress: impl FnMut(&Progress),
    ) -> Corpus {
        let mut corpus = Corpus::new(options);
        let cancel = AtomicBool::new(false);
        index_with(paths, options, &cancel, |event| {
            corpus.apply(event);
            on_progress(&corpus.progress);
        });
        corpus
    }

    /// Takes in one indexing event; returns the indexes of the cables it added.
    pub fn apply(&mut self, event: IndexEvent) -> Range<usize> {
        let before = self.cables.len();
        match event {
            IndexEvent::Started {
                files,
                errors,
                progress,
            } => {
                self.files = files;
                self.errors.extend(errors);
                self.progress = progress;
            }
            IndexEvent::Batch(IndexBatch {
                new_markings,
                new_names,
                cables,
                errors,
                progress,
            }) => {
                for m in &new_markings {
                    self.markings.intern(m);
                }
                for n in &new_names {
                    self.names.intern(n);
                }
                self.cables.extend(cables);
                self.errors.extend(errors);
                self.progress = progress;
            }
            IndexEvent::Done { progress, .. } => {
                self.progress = progress;
                self.done = true;
            }
        }
        before..self.cables.len()
    }

    pub(crate) fn mark_done(&mut self) {
        self.done = true;
    }

    /// True once indexing has ended.
    pub fn is_done(&self) -> bool {
        self.done
    }

    pub fn len(&self) -> usize {
        self.cables.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cables.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&CableSummary> {
        self.cables.get(i)
    }

    /// The file cable `i` comes from, as cables name it.
    pub fn source(&self, i: usize) -> &str {
        self.cables
            .get(i)
            .and_then(|c| self.files.get(c.location.file() as usize))
            .map_or("", |f| f.source.as_str())
    }

    /// Parses cable `i` in full, as the loader gives it.
    pub fn open(&self, i: usize) -> Result<Cable, LoadError> {
        self.open_with(i, self.options)
    }

    /// Parses cable `i` with other load options (e.g. raw text for a pipe).
    pub fn open_with(&self, i: usize, options: LoadOptions) -> Result<Cable, LoadError> {
        let summary = self
            .cables
            .get(i)
            .ok_or_else(|| LoadError::new(format!("no cable number {i} in the index")))?;
        let loc = &summary.location;
        let file = self
            .files
            .get(loc.file() as usize)
            .ok_or_else(|| LoadError::new("the index names no such file"))?;
        let fail = |reason: String| LoadError {
            record: loc.record(),
            reason: format!("{}: {reason}", file.source),
        };
        unchanged(file).map_err(fail)?;
        let cable = match loc {
            Location::Record { bytes, record, .. } => {
                if bytes.start > bytes.end || bytes.end > file.len {
                    return Err(fail(changed()));
                }
                let buf = read_range(&file.path, bytes.clone()).map_err(|e| fail(e.to_string()))?;
                let span = match cables_csv::records(&buf).next() {
                    Some(Ok(span)) if span.record == *record && span.span.end == buf.len() => span,
                    _ => return Err(fail(changed())),
                };
                let raw = cables_csv::raw_cable(&buf, &span);
                build_with(raw, &file.source, options.sanitize)
            }
            Location::Cable { nth, .. } => {
                let bytes = std::fs::read(&file.path).map_err(|e| fail(e.to_string()))?;
                let (cables, _) = load_bytes_with(&bytes, &file.source, options);
                cables
                    .into_iter()
                    .nth(*nth as usize)
                    .ok_or_else(|| fail(changed()))?
            }
        };
        // Same options, same id: anything else means the bytes are not the ones indexed.
        if options.sanitize == self.options.sanitize && *cable.id != *summary.id {
            return Err(fail(changed()));
        }
        Ok(cable)
    }
}

fn changed() -> String {
    "the file changed since it was indexed; index it again".to_string()
}

/// The file still has the size and time it had when indexed.
fn unchanged(file: &FileInfo) -> Result<(), String> {
    let meta = std::fs::metadata(&file.path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "the file is gone since it was indexed".to_string(),
        _ => e.to_string(),
    })?;
    if meta.len() != file.len || meta.modified().ok() != file.modified {
        return Err(changed());
    }
    Ok(())
}

fn read_range(path: &Path, range: Range<u64>) -> std::io::Result<Vec<u8>> {
    let mut f = std::fs::File::open(path)?;
    f.seek(SeekFrom::Start(range.start))?;
    let len = range.end.saturating_sub(range.start);
    let mut buf = Vec::with_capacity(len as usize);
    f.take(len).read_to_end(&mut buf)?;
    if (buf.len() as u64) < len {
        return Err(std::io::Error::other(changed()));
    }
    Ok(buf)
}

/// The events that rebuild `corpus`: the files, one batch of every cable, the end.
fn replay(corpus: Corpus) -> [IndexEvent; 3] {
    let progress = corpus.progress;
    [
        IndexEvent::Started {
            files: corpus.files,
            errors: Vec::new(),
            progress: Progress {
                cables: 0,
                bytes_done: 0,
                ..progress
            },
        },
        IndexEvent::Batch(IndexBatch {
            new_markings: corpus.markings.iter().map(|(_, m)| m.clone()).collect(),
            new_names: corpus.names.iter().map(Into::into).collect(),
            cables: corpus.cables,
            errors: corpus.errors,
            progress,
        }),
        IndexEvent::Done {
            progress,
            cancelled: false,
        },
    ]
}

/// Indexing running on its own threads; events arrive on [`IndexHandle::events`].
/// Dropping the handle stops the indexing.
#[derive(Debug)]
pub struct IndexHandle {
    events: Receiver<IndexEvent>,
    cancel: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl IndexHandle {
    /// `Started`, then `Batch`es in source order, then `Done`; the channel closes after `Done`.
    pub fn events(&self) -> &Receiver<IndexEvent> {
        &self.events
    }

    /// Asks the indexing to stop; `Done { cancelled: true }` follows soon.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl Drop for IndexHandle {
    fn drop(&mut self) {
        self.cancel();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Starts indexing `paths` on all cores without waiting. A UI feeds each event to
/// [`Corpus::apply`] (e.g. after forwarding it through its own event channel) and shows the
/// cables as they arrive and [`Progress`] as it grows.
pub fn index_in_background(paths: Vec<PathBuf>, options: LoadOptions) -> IndexHandle {
    index_in_background_cached(paths, options, super::cache::dir(), super::cache::MIN_BYTES)
}

/// [`index_in_background`] with the index cache in `cache_dir` (inputs of `min_bytes` or more):
/// a cached index still true to the files arrives as one batch; a new one is stored when done.
pub fn index_in_background_cached(
    paths: Vec<PathBuf>,
    options: LoadOptions,
    cache_dir: Option<PathBuf>,
    min_bytes: u64,
) -> IndexHandle {
    let (tx, rx) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    let thread = std::thread::Builder::new()
        .name("cable-index".into())
        .spawn(move || {
            let lookup = super::cache::lookup(&paths, options, cache_dir.as_deref(), min_bytes);
            if let Some(corpus) = lookup.found {
                for event in replay(corpus) {
                    if tx.send(event).is_err() {
                        return;
                    }
                }
                return;
            }
            // Kept alongside the events only to be stored in the cache when done.
            let mut copy = Corpus::new(options);
            let mut cancelled = false;
            index_with(&paths, options, &flag, |event| {
                if let IndexEvent::Done { cancelled: c, .. } = &event {
                    cancelled = *c;
                }
                copy.apply(event.clone());
                // Nobody listens any more: stop.
                if tx.send(event).is_err() {
                    flag.store(true, Ordering::Relaxed);
                }
            });
            // Only a run that ended by itself covers every file (dropping the handle after
            // `Done` sets the flag, so the flag alone cannot tell).
            if !cancelled {
                lookup.store(&copy);
            }
        })
        .ok();
    IndexHandle {
        events: rx,
        cancel,
        thread,
    }
}
