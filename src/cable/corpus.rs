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
use std::path::Path;
use std::sync::atomic::AtomicBool;

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
                reserve_for_the_rest(&mut self.cables, cables.len(), &progress);
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
                let bytes = super::walk::read_as_found(&file.path, file.len)
                    .map_err(|e| fail(e.to_string()))?;
                let (cables, _) = load_bytes_with(&bytes, &file.source, options);
                cables
                    .into_iter()
                    .nth(*nth as usize)
                    .ok_or_else(|| fail(changed()))?
            }
        };
        // Same options, same id: anything else means the bytes are not the ones indexed.
        if options.sanitize == self.options.sanitize && *cable.id != *summary.id() {
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
    let mut f = super::walk::open_regular(path)?;
    f.seek(SeekFrom::Start(range.start))?;
    let len = range.end.saturating_sub(range.start);
    let mut buf = Vec::with_capacity(len as usize);
    f.take(len).read_to_end(&mut buf)?;
    if (buf.len() as u64) < len {
        return Err(std::io::Error::other(changed()));
    }
    Ok(buf)
}

/// Makes room in `cables` for `coming` more, and, when it must grow anyway, for as many as the
/// bytes still to read should hold. A summary list that doubles late copies tens of MB into
/// fresh pages on the reader's thread (82 ms measured at 74% of the release); grown once early
/// for the whole, its pages are only touched as cables come. The guess is bounded by a cable a
/// 64 bytes still to read, and a room the allocator refuses is no error: the list then grows
/// as it would have.
fn reserve_for_the_rest<T>(cables: &mut Vec<T>, coming: usize, progress: &Progress) {
    let wanted = cables.len() + coming;
    if wanted <= cables.capacity() {
        return;
    }
    let expected = match progress.bytes_done {
        0 => wanted as u128,
        done => {
            let total = progress.bytes_total.max(done);
            let by_share = wanted as u128 * u128::from(total) / u128::from(done);
            // An eighth more: cables are not all of one size.
            let guess = by_share + by_share / 8;
            guess.min(wanted as u128 + u128::from(total - done) / 64)
        }
    };
    let expected = usize::try_from(expected).unwrap_or(usize::MAX).max(wanted);
    if cables.try_reserve(expected - cables.len()).is_err() {
        cables.reserve(coming);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(bytes_done: u64, bytes_total: u64) -> Progress {
        Progress {
            bytes_done,
            bytes_total,
            ..Progress::default()
        }
    }

    #[test]
    fn the_first_growth_makes_room_for_the_whole_corpus() {
        let mut v: Vec<u8> = Vec::new();
        // 1,000 cables in the first tenth of the bytes: room for 10,000 and an eighth.
        reserve_for_the_rest(&mut v, 1000, &progress(10_000_000, 100_000_000));
        assert!(v.capacity() >= 11_250, "{}", v.capacity());
        let room = v.capacity();
        v.resize(1000, 0);
        // Later batches fit without growing again.
        reserve_for_the_rest(&mut v, 1000, &progress(20_000_000, 100_000_000));
        assert_eq!(v.capacity(), room);
        // Nothing read yet (or nothing known): room for what comes only.
        let mut w: Vec<u8> = Vec::new();
        reserve_for_the_rest(&mut w, 7, &progress(0, 100));
        assert!((7..64).contains(&w.capacity()), "{}", w.capacity());
        // A tiny first file before a huge one: the guess stays within a cable a 64 bytes, and
        // a room the allocator refuses is no panic.
        let mut x: Vec<u64> = Vec::new();
        reserve_for_the_rest(&mut x, 1, &progress(1, 6400));
        assert!((100..1000).contains(&x.capacity()), "{}", x.capacity());
        let mut y: Vec<u64> = Vec::new();
        reserve_for_the_rest(&mut y, 1, &progress(1, u64::MAX));
        assert!(y.capacity() >= 1);
    }
}
