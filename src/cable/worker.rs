//! The one background-handle type: work on a thread of its own that sends what it finds on a
//! channel, can be asked to stop, and is stopped when its handle is dropped, waited for only
//! briefly (a worker stuck in a read on a slow or hung file system never holds up quitting;
//! the process's exit ends it).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long dropping a handle waits for its thread to see the cancel.
pub const JOIN_WAIT: Duration = Duration::from_millis(300);

/// A worker thread and the channel it reports on.
#[derive(Debug)]
pub struct Worker<T> {
    events: Receiver<T>,
    cancel: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// What a worker is given: where to send, and the flag that asks it to stop.
#[derive(Debug, Clone)]
pub struct Reporter<T> {
    tx: Sender<T>,
    cancel: Arc<AtomicBool>,
}

impl<T> Reporter<T> {
    /// Sends one event; false (and the stop flag set) when nobody listens any more.
    pub fn send(&self, event: T) -> bool {
        let sent = self.tx.send(event).is_ok();
        if !sent {
            self.cancel.store(true, Ordering::Relaxed);
        }
        sent
    }

    /// The flag the work checks as it goes.
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }
}

impl<T: Send + 'static> Worker<T> {
    /// Runs `work` on a thread named `name`. Should the thread not start, the channel is
    /// closed at once: the listener sees the work end with nothing found.
    pub fn spawn(name: &str, work: impl FnOnce(Reporter<T>) + Send + 'static) -> Worker<T> {
        let (tx, events) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let reporter = Reporter {
            tx,
            cancel: cancel.clone(),
        };
        let thread = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                behind_the_screen();
                work(reporter)
            })
            .ok();
        Worker {
            events,
            cancel,
            thread,
        }
    }
}

/// Lowers the calling thread's priority, and so that of the threads it starts: on a machine
/// whose cores all index, the thread that reads keys and draws still gets one at once. (Linux
/// keeps a nice value a thread, inherited by the threads it starts.)
fn behind_the_screen() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes plain integers; who = 0 is the calling thread on Linux.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

impl<T> Worker<T> {
    /// What the worker sent; the channel closes when it is done.
    pub fn events(&self) -> &Receiver<T> {
        &self.events
    }

    /// False when the thread could not be started.
    pub fn started(&self) -> bool {
        self.thread.is_some()
    }

    /// Asks the work to stop.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl<T> Drop for Worker<T> {
    fn drop(&mut self) {
        self.cancel();
        if let Some(t) = self.thread.take() {
            join_briefly(t);
        }
    }
}

/// Waits up to [`JOIN_WAIT`] for a cancelled thread to end, then leaves it.
pub fn join_briefly(t: JoinHandle<()>) {
    let until = Instant::now() + JOIN_WAIT;
    while !t.is_finished() && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(2));
    }
    if t.is_finished() {
        let _ = t.join();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_worker_reports_stops_when_asked_and_is_left_when_stuck() {
        let w = Worker::spawn("count", |r: Reporter<u32>| {
            for n in 0..3 {
                r.send(n);
            }
        });
        assert_eq!(w.events().iter().collect::<Vec<_>>(), [0, 1, 2]);
        let w = Worker::spawn("wait", |r: Reporter<u32>| {
            while !r.cancel_flag().load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(1));
            }
            r.send(7);
        });
        w.cancel();
        assert_eq!(w.events().recv().ok(), Some(7));
        // A worker that never looks at the flag holds up dropping for JOIN_WAIT only.
        let w = Worker::spawn("stuck", |_: Reporter<u32>| {
            std::thread::sleep(Duration::from_secs(3))
        });
        let t = Instant::now();
        drop(w);
        assert!(t.elapsed() < Duration::from_secs(2));
    }
}
