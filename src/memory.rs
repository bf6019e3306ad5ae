//! What the reader remembers between runs: per cable the paragraph last read, per corpus the
//! cable last open, bookmarks, and the prompt's and search's history.
//!
//! It lives in `state.json` in `$XDG_STATE_HOME/cable-reader/`, else the platform's state folder
//! (on Linux `~/.local/state/cable-reader/`), else its local data folder. Writes go to a
//! temporary file that is then renamed over the old one, so a crash never leaves half a file. A
//! file that cannot be read is set aside as `state.json.corrupt` and the reader starts afresh;
//! a folder that cannot be written only costs the memory, never the reading.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    pub dir: Option<PathBuf>,
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
        }
    }

    pub fn in_dir(dir: impl Into<PathBuf>) -> Store {
        Store {
            dir: Some(dir.into()),
        }
    }

    /// Remembers nothing beyond this run.
    pub fn nowhere() -> Store {
        Store { dir: None }
    }

    pub fn path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(FILE_NAME))
    }

    /// Where an unreadable file is set aside.
    pub fn corrupt_path(&self) -> Option<PathBuf> {
        self.dir
            .as_ref()
            .map(|d| d.join(format!("{FILE_NAME}.corrupt")))
    }

    /// The memory, and a warning when the file was there but could not be used.
    pub fn load(&self) -> (Memory, Option<String>) {
        let (Some(path), Some(aside)) = (self.path(), self.corrupt_path()) else {
            return (Memory::default(), None);
        };
        let why = match std::fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice::<Memory>(&bytes) {
                Ok(m) => return (m, None),
                Err(e) => format!("not valid state: {e}"),
            },
            // Not there, or a folder on the way is a file: nothing remembered yet.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                return (Memory::default(), None);
            }
            Err(e) => io_reason(&e),
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

    /// Writes the memory: a temporary file in the same folder, then renamed over the old one.
    pub fn save(&self, m: &Memory) -> Result<(), String> {
        let (Some(dir), Some(path)) = (self.dir.as_ref(), self.path()) else {
            return Ok(());
        };
        let mut m = m.clone();
        m.version = VERSION;
        let bytes = serde_json::to_vec_pretty(&m).map_err(|e| e.to_string())?;
        std::fs::create_dir_all(dir).map_err(|e| self.cannot(&e))?;
        let tmp = dir.join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
        let written = write_synced(&tmp, &bytes).and_then(|()| std::fs::rename(&tmp, &path));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(self.cannot(&e));
        }
        Ok(())
    }

    /// A warning when the memory could not be saved: the folder cannot be made or written.
    pub fn check_writable(&self) -> Option<String> {
        let dir = self.dir.as_ref()?;
        if let Err(e) = std::fs::create_dir_all(dir) {
            return Some(self.cannot(&e));
        }
        let probe = dir.join(format!(".{FILE_NAME}.{}.probe", std::process::id()));
        match std::fs::File::create(&probe) {
            Ok(_) => {
                let _ = std::fs::remove_file(&probe);
                None
            }
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

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
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
        // nothing but the file is left behind
        let names: Vec<_> = std::fs::read_dir(dir.path().join("deep/er"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [FILE_NAME]);
    }
}
