//! Indexing on threads of its own, for a UI that shows cables as they arrive; a cached index
//! arrives as one batch.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;

use super::corpus::Corpus;
use super::index::{IndexBatch, IndexEvent, Progress, index_with};
use super::load::LoadOptions;

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
/// Dropping the handle stops the indexing (a worker that does not stop soon is left behind).
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
            join_briefly(t);
        }
    }
}

/// How long dropping a handle waits for its thread to see the cancel.
const JOIN_WAIT: std::time::Duration = std::time::Duration::from_millis(300);

/// Waits a little for a cancelled worker to end, then leaves it: a worker stuck in a read
/// (a slow or hung file system) never holds up quitting; the process's exit ends it.
pub(crate) fn join_briefly(t: JoinHandle<()>) {
    let until = std::time::Instant::now() + JOIN_WAIT;
    while !t.is_finished() && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    if t.is_finished() {
        let _ = t.join();
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
            // Kept alongside the events only to be stored in the cache when done (raw texts,
            // sanitised on their way to the reader when it asks for that).
            let raw = lookup.index_options(options);
            let mut shown = (options.sanitize && !raw.sanitize).then(super::cache::Shown::new);
            let mut copy = Corpus::new(raw);
            let mut cancelled = false;
            index_with(&paths, raw, &flag, |event| {
                if let IndexEvent::Done { cancelled: c, .. } = &event {
                    cancelled = *c;
                }
                copy.apply(event.clone());
                let event = match &mut shown {
                    Some(s) => s.event(event),
                    None => event,
                };
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
