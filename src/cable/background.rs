//! Indexing on threads of its own, for a UI that shows cables as they arrive; a cached index
//! arrives as one batch. The worker keeps no copy of what it sends: the listener hands the
//! finished index back ([`IndexHandle::store_cache`]); on the worker's thread the links and
//! the query facts of the whole index are built from it and sent back ([`IndexHandle::built`]),
//! then it is written to the cache, as the raw index a pipe reads too. The listener's thread never does the work of the whole
//! release at once.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};

use super::cache::Shown;
use super::corpus::Corpus;
use super::index::{IndexBatch, IndexEvent, Progress, index_with};
use super::links::Web;
use super::load::LoadOptions;
use super::query::Facts;
use super::worker::{Reporter, Worker};

/// What is built over the whole index once it is complete: the versions and links, and what
/// queries need.
#[derive(Debug)]
pub struct Built {
    /// How many cables they were built over (to tell them from those of another index).
    pub cables: usize,
    pub web: Web,
    pub facts: Facts,
}

impl Built {
    pub fn of(corpus: &Corpus) -> Built {
        Built {
            cables: corpus.len(),
            web: Web::build(corpus),
            facts: Facts::new(corpus),
        }
    }
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
/// Dropping the handle stops the indexing (a worker that does not stop soon is left behind).
#[derive(Debug)]
pub struct IndexHandle {
    worker: Worker<IndexEvent>,
    /// The index, handed back when done, for the worker to build on and store in the cache.
    back: mpsc::Sender<Arc<Corpus>>,
    built: Receiver<Built>,
}

impl IndexHandle {
    /// `Started`, then `Batch`es in source order, then `Done`; the channel closes after `Done`.
    pub fn events(&self) -> &Receiver<IndexEvent> {
        self.worker.events()
    }

    /// Hands the finished index (the one built from these events) back: on the worker's
    /// thread its links and query facts are built ([`IndexHandle::built`]) and it is stored in
    /// the index cache; no second copy is kept while indexing. A corpus that is not done, or
    /// not of these files, is not stored.
    pub fn store_cache(&self, corpus: Arc<Corpus>) {
        let _ = self.back.send(corpus);
    }

    /// What the worker built over the index handed back; the channel closes without it when
    /// none was handed back (indexing cancelled) or the worker ended early.
    pub fn built(&self) -> &Receiver<Built> {
        &self.built
    }

    /// Asks the indexing to stop; `Done { cancelled: true }` follows soon.
    pub fn cancel(&self) {
        self.worker.cancel();
    }
}

/// Starts indexing `paths` on all cores without waiting. A UI feeds each event to
/// [`Corpus::apply`] (e.g. after forwarding it through its own event channel) and shows the
/// cables as they arrive and [`Progress`] as it grows.
pub fn index_in_background(paths: Vec<PathBuf>, options: LoadOptions) -> IndexHandle {
    index_in_background_cached(paths, options, super::cache::dir(), super::cache::MIN_BYTES)
}

/// [`index_in_background`] with the index cache in `cache_dir` (inputs of `min_bytes` or more):
/// a cached index still true to the files arrives as one batch; a new one is stored when it is
/// handed back ([`IndexHandle::store_cache`]).
pub fn index_in_background_cached(
    paths: Vec<PathBuf>,
    options: LoadOptions,
    cache_dir: Option<PathBuf>,
    min_bytes: u64,
) -> IndexHandle {
    let (back, back_rx) = mpsc::channel::<Arc<Corpus>>();
    let (built_tx, built) = mpsc::channel::<Built>();
    let worker = Worker::spawn("cable-index", move |report: Reporter<IndexEvent>| {
        let lookup = super::cache::lookup(&paths, options, cache_dir.as_deref(), min_bytes);
        if let Some(corpus) = lookup.found {
            for event in replay(corpus) {
                if !report.send(event) {
                    return;
                }
            }
            drop(report);
            if let Ok(corpus) = back_rx.recv() {
                let _ = built_tx.send(Built::of(&corpus));
            }
            return;
        }
        let mut cancelled = false;
        // The texts are indexed raw when the index will be stored, so that one entry serves a
        // pipe too; a listener that shows them gets them sanitised on the way.
        let index_options = lookup.index_options(options);
        let mut shown = (options.sanitize && !index_options.sanitize).then(Shown::telling_back);
        index_with(&paths, index_options, report.cancel_flag(), |event| {
            if let IndexEvent::Done { cancelled: c, .. } = &event {
                cancelled = *c;
            }
            let event = match &mut shown {
                Some(s) => s.event(event),
                None => event,
            };
            // Nobody listens any more: `send` sets the flag, and indexing stops.
            report.send(event);
        });
        drop(report);
        if let Some(s) = &mut shown {
            s.finish();
        }
        // Only a run that ended by itself covers every file (dropping the handle after
        // `Done` sets the flag, so the flag alone cannot tell). The index comes back from
        // the listener, or never (the handle dropped).
        if !cancelled && let Ok(corpus) = back_rx.recv() {
            // Built first: the reader waits for them, not for the cache.
            let _ = built_tx.send(Built::of(&corpus));
            drop(built_tx);
            match &shown {
                Some(s) => lookup.store_told_back(&corpus, s),
                None => lookup.store(&corpus),
            }
        }
    });
    IndexHandle {
        worker,
        back,
        built,
    }
}
