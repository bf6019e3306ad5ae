//! What the reader remembers between runs: per cable the paragraph last read, per corpus the
//! cable last open and the list's order, limit and filter, bookmarks, and the prompt's and search's history.
//!
//! It lives in `state.json` in `$XDG_STATE_HOME/cable-reader/`, else the platform's state folder
//! (on Linux `~/.local/state/cable-reader/`), else its local data folder. Writes go to a
//! temporary file that is then renamed over the old one, so a crash never leaves half a file. A
//! file that cannot be read (not valid, or not a regular file) is set aside as
//! `state.json.corrupt-TIME` and the reader starts afresh; a folder that cannot be written only
//! costs the memory, never the reading. Two readers at once keep each other's changes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use serde::{Deserialize, Serialize};

use crate::cable::Cable;
use crate::config::io_reason;

pub const FILE_NAME: &str = "state.json";
const VERSION: u32 = 1;

/// Everything remembered. Unknown fields in the file are ignored and missing ones default, so
/// older and newer files both load.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Memory {
    pub version: u32,
    /// Corpus key (see [`corpus_key`]) to the key of the cable last open in it.
    pub corpora: BTreeMap<String, String>,
    /// Cable key (see [`cable_key`]) to the number of the paragraph at the top of the view when
    /// the cable was left. Cables left at their top are not listed.
    pub positions: BTreeMap<String, u32>,
    pub bookmarks: Vec<Bookmark>,
    /// Command lines typed after `:`, oldest first.
    pub command_history: Vec<String>,
    /// Searches typed after `/`, oldest first.
    pub search_history: Vec<String>,
    /// Corpus key to how its list was left: order, limit and marking filter. Corpora left as
    /// they open (source order, no limit, no filter) are not listed.
    pub views: BTreeMap<String, View>,
}

/// How a corpus's list was left.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct View {
    /// The order as `:sort` takes it (`date`, `-date`).
    pub sort: String,
    /// The limit's query, as `:limit` takes it.
    pub limit: String,
    /// The marking filter, as `:filter` takes it.
    pub filter: String,
}

/// A bookmarked paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// The cable's key ([`cable_key`]).
    pub cable: String,
    /// The cable's reference id as shown.
    pub id: String,
    pub paragraph: u32,
    /// The paragraph's marking as shown (`SBU`, `[C]`), if any.
    #[serde(default)]
    pub marking: Option<String>,
    /// The paragraph's first words.
    #[serde(default)]
    pub words: String,
}

/// How a cable is known across runs: its reference id, else its file and record.
pub fn cable_key(c: &Cable) -> String {
    if !c.id.is_empty() {
        return c.id.clone();
    }
    match c.record {
        Some(r) => format!("{}#{r}", c.source),
        None => c.source.clone(),
    }
}

/// How a corpus is known across runs: its paths made absolute, sorted, one per line; `samples`
/// for the bundled samples.
pub fn corpus_key(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "samples".to_string();
    }
    let mut v: Vec<String> = paths
        .iter()
        .map(|p| {
            std::fs::canonicalize(p)
                .or_else(|_| std::env::current_dir().map(|d| d.join(p)))
                .unwrap_or_else(|_| p.clone())
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    v.sort();
    v.dedup();
    v.join("\n")
}

impl Memory {
    /// Adds `entry` to a history: moved to the end when already there, the oldest dropped
    /// beyond `limit`.
    pub fn push_history(list: &mut Vec<String>, entry: &str, limit: usize) {
        let entry = entry.trim();
        if entry.is_empty() {
            return;
        }
        list.retain(|e| e != entry);
        list.push(entry.to_string());
        let over = list.len().saturating_sub(limit);
        list.drain(..over);
    }
}

/// Where the memory is kept; `None` keeps it for this run only.
///
/// Two readers may share the folder: a save merges this reader's changes since it loaded (or
/// last saved) into what the file holds now, under a lock, so bookmarks and places another
/// reader added or removed meanwhile are kept. Large memories are written on a thread of their
/// own; dropping the last clone of the store waits for that write.
#[derive(Debug, Clone)]
pub struct Store {
    pub dir: Option<PathBuf>,
    shared: Arc<Shared>,
}

impl PartialEq for Store {
    fn eq(&self, other: &Store) -> bool {
        self.dir == other.dir
    }
}

impl Eq for Store {}

/// A memory with more entries than this is saved off the caller's thread.
const LARGE: usize = 20_000;
/// The largest state file read.
const MAX_STATE: u64 = 1 << 30;

#[derive(Debug, Default)]
struct Shared {
    /// The memory as this reader last loaded or saved it: its changes are what differs from it.
    base: Arc<Mutex<Option<Memory>>>,
    writer: Mutex<Option<Writer>>,
}

/// The thread that writes large memories, one at a time, the latest first.
#[derive(Debug)]
struct Writer {
    slot: Arc<(Mutex<Pending>, Condvar)>,
    worker: crate::cable::worker::Worker<()>,
}

#[derive(Debug, Default)]
struct Pending {
    next: Option<Memory>,
    busy: bool,
    stop: bool,
    /// The last background save's failure, told by the next save.
    error: Option<String>,
}

impl Drop for Shared {
    fn drop(&mut self) {
        let writer = self.writer.get_mut().map(Option::take).ok().flatten();
        if let Some(w) = writer {
            {
                let (lock, cv) = &*w.slot;
                if let Ok(mut p) = lock.lock() {
                    // A save handed over is written before the store goes: state is never lost.
                    while p.next.is_some() || p.busy {
                        match cv.wait(p) {
                            Ok(g) => p = g,
                            Err(_) => return,
                        }
                    }
                    p.stop = true;
                }
                cv.notify_all();
            }
            drop(w.worker);
        }
    }
}

fn env_dir(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
}

impl Store {
    /// `$XDG_STATE_HOME/cable-reader`, else the platform's state folder, else its local data
    /// folder.
    pub fn locate() -> Store {
        if let Some(d) = env_dir("XDG_STATE_HOME") {
            return Store::in_dir(d.join("cable-reader"));
        }
        let dirs = directories::ProjectDirs::from("", "", "cable-reader");
        Store {
            dir: dirs.map(|d| {
                d.state_dir()
                    .unwrap_or_else(|| d.data_local_dir())
                    .to_path_buf()
            }),
            shared: Arc::default(),
        }
    }

    pub fn in_dir(dir: impl Into<PathBuf>) -> Store {
        Store {
            dir: Some(dir.into()),
            shared: Arc::default(),
        }
    }

    /// Remembers nothing beyond this run.
    pub fn nowhere() -> Store {
        Store {
            dir: None,
            shared: Arc::default(),
        }
    }

    pub fn path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(FILE_NAME))
    }

    /// Where an unreadable file is set aside: `state.json.corrupt-` and the time, so a second
    /// one never replaces the first.
    pub fn corrupt_path(&self) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let stamp = chrono::DateTime::from_timestamp(now as i64, 0)
            .map(|t| t.format("%Y%m%dT%H%M%SZ").to_string())
            .unwrap_or_else(|| now.to_string());
        let base = format!("{FILE_NAME}.corrupt-{stamp}");
        (1..1000)
            .map(|n| match n {
                1 => dir.join(&base),
                n => dir.join(format!("{base}-{n}")),
            })
            .find(|p| std::fs::symlink_metadata(p).is_err())
    }

    /// The memory, and a warning when the file was there but could not be used. Temporary
    /// files left by a run that was killed are removed.
    pub fn load(&self) -> (Memory, Option<String>) {
        let Some(path) = self.path() else {
            return (Memory::default(), None);
        };
        if let Some(dir) = &self.dir {
            crate::store::remove_stale(dir);
        }
        let why = match read_state(&path) {
            Ok(Some(m)) => {
                self.set_base(m.clone());
                return (m, None);
            }
            Ok(None) => {
                self.set_base(Memory::default());
                return (Memory::default(), None);
            }
            Err(why) => why,
        };
        self.set_base(Memory::default());
        let Some(aside) = self.corrupt_path() else {
            return (
                Memory::default(),
                Some(format!(
                    "Saved state was unreadable ({why}) and could not be set aside; starting afresh"
                )),
            );
        };
        let shown = crate::config::shown(&aside);
        let warning = match std::fs::rename(&path, &aside) {
            Ok(()) => format!("Saved state was unreadable, set aside as {shown} ({why})"),
            Err(e) => format!(
                "Saved state was unreadable ({why}) and could not be set aside ({}); starting afresh",
                io_reason(&e)
            ),
        };
        (Memory::default(), Some(warning))
    }

    fn set_base(&self, m: Memory) {
        if let Ok(mut b) = self.shared.base.lock() {
            *b = Some(m);
        }
    }

    /// Saves the memory, merged with what the file holds now. A large memory is written on
    /// another thread: the error returned is then the previous such write's, if it failed.
    pub fn save(&self, m: &Memory) -> Result<(), String> {
        if self.dir.is_none() {
            return Ok(());
        }
        let entries = m.positions.len()
            + m.bookmarks.len()
            + m.corpora.len()
            + m.views.len()
            + m.command_history.len()
            + m.search_history.len();
        if entries >= LARGE {
            return self.save_later(m.clone());
        }
        self.flush();
        self.save_now(m)
    }

    /// Waits for a write running on the writer thread.
    pub fn flush(&self) {
        let Ok(w) = self.shared.writer.lock() else {
            return;
        };
        if let Some(w) = w.as_ref() {
            let (lock, cv) = &*w.slot;
            let Ok(mut p) = lock.lock() else { return };
            while p.next.is_some() || p.busy {
                match cv.wait(p) {
                    Ok(g) => p = g,
                    Err(_) => return,
                }
            }
        }
    }

    fn save_later(&self, m: Memory) -> Result<(), String> {
        let Ok(mut w) = self.shared.writer.lock() else {
            return self.save_now(&m);
        };
        if w.is_none() {
            let slot = Arc::new((Mutex::new(Pending::default()), Condvar::new()));
            let store = Store {
                dir: self.dir.clone(),
                // The same base, but not the writer (which would keep itself alive).
                shared: Arc::new(Shared {
                    base: self.shared.base.clone(),
                    writer: Mutex::new(None),
                }),
            };
            let thread_slot = slot.clone();
            let worker = crate::cable::worker::Worker::spawn("state-save", move |_| {
                write_in_turn(&store, &thread_slot)
            });
            if !worker.started() {
                drop(w);
                return self.save_now(&m);
            }
            *w = Some(Writer { slot, worker });
        }
        let Some(writer) = w.as_ref() else {
            return Ok(());
        };
        let (lock, cv) = &*writer.slot;
        let Ok(mut p) = lock.lock() else {
            return Ok(());
        };
        // A write not started yet is replaced: the newer memory holds its changes.
        p.next = Some(m);
        cv.notify_all();
        match p.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Writes at once: the file's memory now, this reader's changes laid over it.
    fn save_now(&self, m: &Memory) -> Result<(), String> {
        let (Some(dir), Some(path)) = (self.dir.as_ref(), self.path()) else {
            return Ok(());
        };
        std::fs::create_dir_all(dir).map_err(|e| self.cannot(&e))?;
        // One reader at a time reads, merges and writes.
        let _lock = crate::store::Lock::take(dir);
        let mut base = self
            .shared
            .base
            .lock()
            .map_err(|_| "the saved state is in use".to_string())?;
        let mut merged = match read_state(&path) {
            // Another reader saved since: its changes are kept. (Not loaded first: all of ours
            // are added to what is there.)
            Ok(Some(theirs)) if base.as_ref() != Some(&theirs) => {
                merge(base.as_ref().unwrap_or(&Memory::default()), m, theirs)
            }
            // Nothing there, unreadable (it is replaced), or this reader's own last save.
            _ => m.clone(),
        };
        merged.version = VERSION;
        let bytes = serde_json::to_vec_pretty(&merged).map_err(|e| e.to_string())?;
        crate::store::write_atomic(&path, &bytes).map_err(|e| self.cannot(&e))?;
        *base = Some(m.clone());
        Ok(())
    }

    /// A warning when the memory could not be saved: the folder cannot be made or written.
    pub fn check_writable(&self) -> Option<String> {
        let dir = self.dir.as_ref()?;
        if let Err(e) = std::fs::create_dir_all(dir) {
            return Some(self.cannot(&e));
        }
        // A temporary file made and removed at once.
        match crate::store::TempFile::create(&dir.join(FILE_NAME)) {
            Ok(_) => None,
            Err(e) => Some(self.cannot(&e)),
        }
    }

    fn cannot(&self, e: &std::io::Error) -> String {
        let dir = self
            .dir
            .as_deref()
            .map(crate::config::shown)
            .unwrap_or_default();
        format!(
            "Cannot save bookmarks and places in {dir} ({}); reading goes on",
            io_reason(e)
        )
    }
}

/// The writer thread: each memory handed over is saved, until the store is dropped.
fn write_in_turn(store: &Store, slot: &(Mutex<Pending>, Condvar)) {
    let (lock, cv) = slot;
    loop {
        let next = {
            let Ok(mut p) = lock.lock() else { return };
            while p.next.is_none() && !p.stop {
                match cv.wait(p) {
                    Ok(g) => p = g,
                    Err(_) => return,
                }
            }
            let Some(next) = p.next.take() else { return };
            p.busy = true;
            next
        };
        let result = store.save_now(&next);
        let Ok(mut p) = lock.lock() else { return };
        p.busy = false;
        if let Err(e) = result {
            p.error = Some(e);
        }
        cv.notify_all();
    }
}

/// The state file's memory: `None` when there is none; an error names why it is unusable
/// (not valid, not a regular file, too large).
fn read_state(path: &Path) -> Result<Option<Memory>, String> {
    match crate::cable::walk::read_regular(path, MAX_STATE) {
        Ok(bytes) => serde_json::from_slice::<Memory>(&bytes)
            .map(Some)
            .map_err(|e| format!("not valid state: {e}")),
        // Not there, or a folder on the way is a file: nothing remembered yet.
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(None)
        }
        Err(e) => Err(io_reason(&e)),
    }
}

/// `theirs` (the file now) with what `ours` changed since `base` laid over it: entries added,
/// changed or removed by this reader follow it; the rest stay as the other reader left them.
pub fn merge(base: &Memory, ours: &Memory, theirs: Memory) -> Memory {
    let mut out = theirs;
    merge_map(&mut out.corpora, &base.corpora, &ours.corpora);
    merge_map(&mut out.positions, &base.positions, &ours.positions);
    merge_map(&mut out.views, &base.views, &ours.views);
    let same = |a: &Bookmark, b: &Bookmark| a.cable == b.cable && a.paragraph == b.paragraph;
    for b in &base.bookmarks {
        if !ours.bookmarks.iter().any(|o| same(o, b)) {
            out.bookmarks.retain(|t| !same(t, b));
        }
    }
    for o in &ours.bookmarks {
        if base.bookmarks.contains(o) {
            continue;
        }
        match out.bookmarks.iter_mut().find(|t| same(t, o)) {
            Some(t) => *t = o.clone(),
            None => out.bookmarks.push(o.clone()),
        }
    }
    for (list, base, ours) in [
        (
            &mut out.command_history,
            &base.command_history,
            &ours.command_history,
        ),
        (
            &mut out.search_history,
            &base.search_history,
            &ours.search_history,
        ),
    ] {
        let limit = list.len().max(ours.len());
        for e in ours.iter().filter(|e| !base.contains(e)) {
            Memory::push_history(list, e, limit.max(1));
        }
    }
    out
}

fn merge_map<V: Clone + PartialEq>(
    out: &mut BTreeMap<String, V>,
    base: &BTreeMap<String, V>,
    ours: &BTreeMap<String, V>,
) {
    for (k, v) in ours {
        if base.get(k) != Some(v) {
            out.insert(k.clone(), v.clone());
        }
    }
    for k in base.keys() {
        if !ours.contains_key(k) {
            out.remove(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_moves_repeats_to_the_end_and_keeps_a_limit() {
        let mut h = Vec::new();
        for e in ["a", "b", "a", " ", "c", "d"] {
            Memory::push_history(&mut h, e, 3);
        }
        assert_eq!(h, ["a", "c", "d"]);
    }

    #[test]
    fn saves_and_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::in_dir(dir.path().join("deep/er"));
        let mut m = Memory::default();
        m.positions.insert("09USNATO595".into(), 12);
        store.save(&m).unwrap();
        let (back, warning) = store.load();
        assert_eq!(warning, None);
        assert_eq!(back.positions.get("09USNATO595"), Some(&12));
        assert_eq!(back.version, VERSION);
        // A file from before views were kept loads, with none.
        std::fs::write(
            store.path().unwrap(),
            r#"{"version":1,"corpora":{"samples":"09USNATO595"}}"#,
        )
        .unwrap();
        let (old, warning) = store.load();
        assert_eq!((old.views.len(), warning), (0, None));
        assert_eq!(
            old.corpora.get("samples").map(String::as_str),
            Some("09USNATO595")
        );
        // nothing but the file is left behind
        let names: Vec<_> = std::fs::read_dir(dir.path().join("deep/er"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [FILE_NAME]);
    }
}
