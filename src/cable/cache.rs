//! A corpus index kept on disk, so that a large corpus opened again is not parsed again.
//!
//! The index of inputs of at least [`MIN_BYTES`] is written to
//! `$CABLE_READER_CACHE` (a folder; `off` turns caching off), else the program's state folder
//! (`$XDG_STATE_HOME/cable-reader/index`, else the platform's state or local data folder), so the
//! program writes nowhere but its own config and state folders.
//!
//! One entry per set of inputs, named by their canonical paths (a relative path, `./`, a link
//! to the same file all find it), holding each file's size and modification time and the index
//! format's version ([`codec::MAGIC`]): it is used only while all of them are unchanged, and a
//! new index of the same inputs replaces it. The texts are kept raw, as a pipe prints them, and
//! sanitised when read for a terminal, so the reader and `list | less` share one entry. The
//! folder is kept under [`MAX_TOTAL`] bytes, the least recently used entries removed first. A
//! cache that cannot be read or written is ignored, and a checksum closes each entry, so a
//! damaged one is a miss, never wrong cables.

mod codec;
mod shown;

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

pub use codec::MAGIC;
pub use shown::{Shown, sanitized};

use super::corpus::Corpus;
use super::index::{FileInfo, file_info};
use super::load::LoadOptions;
use super::walk::walk_inputs;

/// Inputs smaller than this are indexed every time: that is fast, and leaves no files behind.
pub const MIN_BYTES: u64 = 64 << 20;

/// The cache folder's entries together stay under this size (the newest entry is always kept);
/// the index of the full release takes about 50 MB.
pub const MAX_TOTAL: u64 = 512 << 20;

/// The ending of an entry's name.
const ENTRY: &str = "idx";

/// The cache folder, or `None` when caching is off or there is no place for it.
pub fn dir() -> Option<PathBuf> {
    match std::env::var_os("CABLE_READER_CACHE") {
        Some(v) if v == "off" || v == "0" => return None,
        Some(v) if Path::new(&v).is_absolute() => return Some(PathBuf::from(v)),
        _ => {}
    }
    if let Some(x) = std::env::var_os("XDG_STATE_HOME").filter(|v| Path::new(v).is_absolute()) {
        return Some(PathBuf::from(x).join("cable-reader/index"));
    }
    directories::ProjectDirs::from("", "", "cable-reader").map(|d| {
        d.state_dir()
            .unwrap_or_else(|| d.data_local_dir())
            .join("index")
    })
}

/// The inputs as the cache knows them.
pub struct Inputs {
    /// Each input's canonical path.
    canonical: Vec<PathBuf>,
    /// The files found, as given (named as the cables name them).
    files: Vec<FileInfo>,
    /// For each file: the number of the input it was found under, and its path below it.
    below: Vec<(u32, PathBuf)>,
}

impl Inputs {
    /// Walks the inputs; `None` when one has no canonical path or could not be walked whole.
    fn of<P: AsRef<Path>>(paths: &[P]) -> Option<Inputs> {
        let mut inputs = Inputs {
            canonical: Vec::new(),
            files: Vec::new(),
            below: Vec::new(),
        };
        for (i, p) in paths.iter().enumerate() {
            let p = p.as_ref();
            inputs.canonical.push(std::fs::canonicalize(p).ok()?);
            let (found, errors) = walk_inputs(std::slice::from_ref(&p));
            if !errors.is_empty() {
                return None;
            }
            for f in found {
                let below = f.strip_prefix(p).unwrap_or(&f).to_path_buf();
                inputs.below.push((i as u32, below));
                inputs.files.push(file_info(f));
            }
        }
        Some(inputs)
    }

    /// The entry's name: the canonical inputs' hash, nothing else, so that a new index of the
    /// same inputs replaces the old one.
    fn place(&self, dir: &Path) -> PathBuf {
        let mut h = DefaultHasher::new();
        for p in &self.canonical {
            codec::path_bytes(p).hash(&mut h);
        }
        dir.join(format!("{:016x}.{ENTRY}", h.finish()))
    }
}

impl Corpus {
    /// Like [`Corpus::index`], but a large corpus indexed before (and unchanged since) is read
    /// from the on-disk cache, and a large one indexed now is written there.
    pub fn index_cached<P: AsRef<Path>>(paths: &[P], options: LoadOptions) -> Corpus {
        index_cached(paths, options)
    }
}

/// Indexes the inputs, or reads their index from the cache when nothing changed (and writes it
/// there for next time when the inputs are large).
pub fn index_cached<P: AsRef<Path>>(paths: &[P], options: LoadOptions) -> Corpus {
    index_cached_in(paths, options, dir().as_deref(), MIN_BYTES)
}

/// [`index_cached`] with the cache in `dir` (none: no cache) for inputs of `min_bytes` or more.
pub fn index_cached_in<P: AsRef<Path>>(
    paths: &[P],
    options: LoadOptions,
    dir: Option<&Path>,
    min_bytes: u64,
) -> Corpus {
    let lookup = lookup(paths, options, dir, min_bytes);
    if let Some(corpus) = lookup.found {
        return corpus;
    }
    let corpus = Corpus::index(paths, lookup.index_options(options));
    lookup.store(&corpus);
    lookup.shown(corpus, options)
}

/// What the cache holds for some inputs, and where a new index of them would go.
pub struct Lookup {
    /// The cached index, when it is still true to the files (sanitised as asked).
    pub found: Option<Corpus>,
    place: Option<(PathBuf, Inputs)>,
}

impl Lookup {
    /// The options to index with for a corpus read with `options`: raw texts when the index
    /// will be stored (sanitised for display by [`Lookup::shown`] or a [`Shown`]).
    pub fn index_options(&self, options: LoadOptions) -> LoadOptions {
        match self.place {
            Some(_) => LoadOptions { sanitize: false },
            None => options,
        }
    }

    /// A corpus indexed with [`Lookup::index_options`], as read with `options`.
    pub fn shown(&self, corpus: Corpus, options: LoadOptions) -> Corpus {
        if options.sanitize && !corpus.options.sanitize {
            sanitized(corpus)
        } else {
            corpus
        }
    }

    /// Writes the raw index told back from a reader's sanitised `corpus` (see
    /// [`Shown::telling_back`]), so that a pipe after the reader finds it too; nothing when it
    /// cannot be told back.
    pub fn store_told_back(&self, corpus: &Corpus, shown: &Shown) {
        if let Some(raw) = shown.told_back(corpus) {
            self.write(&raw, false);
        }
    }

    /// Writes `corpus` as the index of these inputs, if they are large enough to keep one and
    /// the corpus covers exactly the files looked up (not a cancelled or changed run).
    pub fn store(&self, corpus: &Corpus) {
        self.write(corpus, corpus.options.sanitize);
    }

    /// [`Lookup::store`], the texts said to be sanitised or not as `sanitized` says.
    fn write(&self, corpus: &Corpus, sanitized: bool) {
        if let Some((place, inputs)) = &self.place
            && corpus.files == inputs.files
            && corpus.is_done()
            // A file changed while it was indexed makes an index of no file as it is now.
            && inputs.files.iter().all(|f| file_info(f.path.clone()) == *f)
        {
            let dir = place.parent().unwrap_or(Path::new("."));
            if std::fs::create_dir_all(dir).is_ok() {
                crate::store::remove_stale(dir);
                if codec::write(place, inputs, corpus, sanitized).is_ok() {
                    bound(dir, place, MAX_TOTAL);
                }
            }
        }
    }
}

/// Looks the inputs up in the cache folder `dir` (inputs under `min_bytes` are never cached).
pub fn lookup<P: AsRef<Path>>(
    paths: &[P],
    options: LoadOptions,
    dir: Option<&Path>,
    min_bytes: u64,
) -> Lookup {
    let place = dir
        .and_then(|d| Inputs::of(paths).map(|i| (i.place(d), i)))
        .filter(|(_, i)| i.files.iter().map(|f| f.len).sum::<u64>() >= min_bytes);
    if let Some(d) = place.as_ref().and_then(|(p, _)| p.parent()) {
        // Temporary entries of a run that ended while writing one (quit or killed) go at once.
        crate::store::remove_stale(d);
    }
    let found = place.as_ref().and_then(|(p, i)| read(p, i, options));
    Lookup { found, place }
}

/// The entry at `place`, sanitised as `options` ask; a raw text is never given for a
/// sanitised entry (it cannot be told back).
fn read(place: &Path, inputs: &Inputs, options: LoadOptions) -> Option<Corpus> {
    // Mapped, not read: reading copies 50 MB or more into fresh pages the kernel zeroes
    // first, a third of a cached `list`.
    let corpus = match super::mapped::GuardedMap::open(place) {
        Some(map) => codec::read(&map, inputs).filter(|_| !map.changed())?,
        None => codec::read(&super::walk::read_input(place).ok()?, inputs)?,
    };
    if corpus.options.sanitize && !options.sanitize {
        return None;
    }
    // Used now: the last to be removed when the folder is over its size.
    if let Ok(f) = std::fs::File::open(place) {
        let _ = f.set_modified(std::time::SystemTime::now());
    }
    Some(if options.sanitize && !corpus.options.sanitize {
        sanitized(corpus)
    } else {
        corpus
    })
}

/// Removes the least recently used entries of `dir` until they take at most `max` bytes
/// together; `keep` (the entry just written) stays whatever its size. Links are not followed
/// (one is removed as a link, its target left alone).
pub fn bound(dir: &Path, keep: &Path, max: u64) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<(std::time::SystemTime, u64, PathBuf)> = read
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ENTRY) && p != keep)
        .filter_map(|p| {
            let meta = std::fs::symlink_metadata(&p).ok()?;
            let used = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
            Some((used, meta.len(), p))
        })
        .collect();
    // Newest first: what is kept is counted first.
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut total = std::fs::symlink_metadata(keep).map_or(0, |m| m.len());
    for (_, len, p) in entries {
        total = total.saturating_add(len);
        if total > max && std::fs::remove_file(&p).is_ok() {
            total -= len;
        }
    }
}
