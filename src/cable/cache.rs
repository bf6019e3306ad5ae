//! A corpus index kept on disk, so that a large corpus opened again is not parsed again.
//!
//! The index of inputs of at least [`MIN_BYTES`] is written to
//! `$CABLE_READER_CACHE` (a folder; `off` turns caching off), else the program's state folder
//! (`$XDG_STATE_HOME/cable-reader/index`, else the platform's state or local data folder), so the
//! program writes nowhere but its own config and state folders. It is used only when
//! the same inputs give the same files with the same sizes and modification times, read with the
//! same options by the same program file (its size and time are part of the key): a corpus or a
//! program that changed is indexed anew. A cache that cannot be read or written is ignored, and
//! a checksum closes the file, so a damaged one is a miss, never wrong cables.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::build::TextSize;
use super::corpus::Corpus;
use super::index::{
    CableSummary, FileInfo, Location, NameId, Progress, Reference, WarningKinds, file_info,
};
use super::load::LoadOptions;
use super::marking::{Level, Marking};
use super::model::Format;
use super::walk::walk_inputs;

/// Inputs smaller than this are indexed every time: that is fast, and leaves no files behind.
pub const MIN_BYTES: u64 = 64 << 20;

/// The file format's name and version: part of the file and of its name, so a program that
/// keeps other fields never reads an older file.
const MAGIC: &[u8; 8] = b"CRINDEX5";

/// FNV-1a over the file's bytes, stored in its last 8 bytes: any changed byte gives another
/// sum (each step is a bijection), so a damaged cache is a miss, never wrong cables.
fn checksum(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

const CHECKSUM_START: u64 = 0xcbf2_9ce4_8422_2325;

/// A writer that sums what goes through it.
struct Summed<W: Write> {
    inner: W,
    sum: u64,
}

impl<W: Write> Write for Summed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.sum = checksum(self.sum, &buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

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

/// The cache file for these inputs and options, read by this program.
fn file_for<P: AsRef<Path>>(dir: &Path, paths: &[P], options: LoadOptions) -> PathBuf {
    let mut h = DefaultHasher::new();
    MAGIC.hash(&mut h);
    options.sanitize.hash(&mut h);
    for p in paths {
        let p = p.as_ref();
        std::fs::canonicalize(p)
            .unwrap_or_else(|_| p.to_path_buf())
            .hash(&mut h);
        // The same path given relatively names the cables differently.
        p.hash(&mut h);
    }
    // The program that wrote it: a rebuilt loader may read cables differently.
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|e| std::fs::metadata(e).ok())
    {
        meta.len().hash(&mut h);
        meta.modified().ok().hash(&mut h);
    }
    dir.join(format!("{:016x}.idx", h.finish()))
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
    let corpus = Corpus::index(paths, options);
    lookup.store(&corpus);
    corpus
}

/// What the cache holds for some inputs, and where a new index of them would go.
pub struct Lookup {
    /// The cached index, when it is still true to the files.
    pub found: Option<Corpus>,
    place: Option<PathBuf>,
    files: Vec<FileInfo>,
}

impl Lookup {
    /// Writes `corpus` as the index of these inputs, if they are large enough to keep one and
    /// the corpus covers exactly the files looked up (not a cancelled or changed run).
    pub fn store(&self, corpus: &Corpus) {
        if let Some(place) = &self.place
            && corpus.files == self.files
            && corpus.is_done()
            // A file changed while it was indexed makes an index of no file as it is now.
            && self.files.iter().all(|f| file_info(f.path.clone()) == *f)
        {
            let _ = write(place, corpus);
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
    let (found, walk_errors) = walk_inputs(paths);
    let files: Vec<FileInfo> = found.into_iter().map(file_info).collect();
    let total: u64 = files.iter().map(|f| f.len).sum();
    let place = dir
        .filter(|_| walk_errors.is_empty() && total >= min_bytes)
        .map(|d| file_for(d, paths, options));
    let found = place.as_deref().and_then(|p| read(p, &files, options));
    Lookup {
        found,
        place,
        files,
    }
}

struct Out<W: Write>(W);

impl<W: Write> Out<W> {
    fn u8(&mut self, v: u8) -> std::io::Result<()> {
        self.0.write_all(&[v])
    }
    fn u32(&mut self, v: u32) -> std::io::Result<()> {
        self.0.write_all(&v.to_le_bytes())
    }
    fn u64(&mut self, v: u64) -> std::io::Result<()> {
        self.0.write_all(&v.to_le_bytes())
    }
    fn str(&mut self, s: &str) -> std::io::Result<()> {
        self.u32(s.len() as u32)?;
        self.0.write_all(s.as_bytes())
    }
    fn time(&mut self, t: Option<SystemTime>) -> std::io::Result<()> {
        match t.and_then(|t| t.duration_since(UNIX_EPOCH).ok()) {
            Some(d) => {
                self.u8(1)?;
                self.u64(d.as_secs())?;
                self.u32(d.subsec_nanos())
            }
            None => self.u8(0),
        }
    }
}

fn level_code(l: Level) -> u8 {
    match l {
        Level::U => 0,
        Level::Sbu => 1,
        Level::Lou => 2,
        Level::C => 3,
        Level::S => 4,
        Level::Ts => 5,
    }
}

fn level_of(code: u8) -> Option<Level> {
    Some(match code {
        0 => Level::U,
        1 => Level::Sbu,
        2 => Level::Lou,
        3 => Level::C,
        4 => Level::S,
        5 => Level::Ts,
        _ => return None,
    })
}

const FORMATS: [Format; 7] = [
    Format::Scoop,
    Format::WikileaksHtml,
    Format::CablesCsv,
    Format::Text,
    Format::PlusdHtml,
    Format::HtmlFragment,
    Format::Json,
];

/// 0 for none, else 1 + the format's place in [`FORMATS`].
fn format_code(f: Option<Format>) -> u8 {
    f.and_then(|f| FORMATS.iter().position(|&g| g == f))
        .map_or(0, |i| i as u8 + 1)
}

fn format_of(code: u8) -> Option<Option<Format>> {
    match code {
        0 => Some(None),
        n => FORMATS.get(n as usize - 1).map(|&f| Some(f)),
    }
}

/// Writes the index under a new temporary name, then renames it: a reader never sees half a
/// file, and no existing file or link is written through.
fn write(place: &Path, corpus: &Corpus) -> std::io::Result<()> {
    let dir = place.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    crate::store::remove_stale(dir);
    // Removed when dropped unless committed.
    let mut tmp = crate::store::TempFile::create(place)?;
    let result = (|| {
        let mut o = Out(Summed {
            inner: BufWriter::with_capacity(1 << 20, tmp.file()),
            sum: CHECKSUM_START,
        });
        o.0.write_all(MAGIC)?;
        o.u8(corpus.options.sanitize as u8)?;
        o.u32(corpus.files.len() as u32)?;
        for f in &corpus.files {
            o.str(&f.source)?;
            o.u64(f.len)?;
            o.time(f.modified)?;
        }
        o.u32(corpus.errors.len() as u32)?;
        for (p, r) in &corpus.errors {
            o.str(p)?;
            o.str(r)?;
        }
        o.u32(corpus.markings.len() as u32)?;
        for (_, m) in corpus.markings.iter() {
            o.u8(level_code(m.level))?;
            o.u32(m.caveats.len() as u32)?;
            for c in &m.caveats {
                o.str(c)?;
            }
        }
        o.u32(corpus.names.len() as u32)?;
        for n in corpus.names.iter() {
            o.str(n)?;
        }
        o.u64(corpus.cables.len() as u64)?;
        for c in &corpus.cables {
            o.str(&c.id)?;
            match &c.date {
                Some(d) => {
                    o.u8(1)?;
                    o.str(d)?;
                }
                None => o.u8(0)?,
            }
            o.str(&c.classification)?;
            o.str(&c.origin)?;
            o.str(&c.subject)?;
            o.u32(c.paragraphs)?;
            o.u32(c.unmarked)?;
            o.u32(c.markings.len() as u32)?;
            for &(m, n) in c.markings.iter() {
                o.u32(m)?;
                o.u32(n)?;
            }
            for list in [&c.tags, &c.captions] {
                o.u32(list.len() as u32)?;
                for &t in list.iter() {
                    o.u32(t)?;
                }
            }
            o.u32(c.references.len() as u32)?;
            for r in c.references.iter() {
                o.u32(r.id)?;
                o.u8(r.letter)?;
            }
            for name in [c.classified_by, c.signer] {
                // Numbers from 1: 0 is none.
                o.u32(name.map_or(0, |n| n + 1))?;
            }
            o.u32(u32::from(c.warnings.0))?;
            o.u8(format_code(c.format))?;
            o.u32(c.text.letters)?;
            o.u32(c.text.redactions)?;
            match &c.location {
                Location::Record {
                    file,
                    bytes,
                    record,
                } => {
                    o.u8(0)?;
                    o.u32(*file)?;
                    o.u64(bytes.start)?;
                    o.u64(bytes.end)?;
                    o.u64(*record)?;
                }
                Location::Cable { file, nth, record } => {
                    o.u8(1)?;
                    o.u32(*file)?;
                    o.u32(*nth)?;
                    o.u8(record.is_some() as u8)?;
                    o.u64(record.unwrap_or(0))?;
                }
            }
        }
        let sum = o.0.sum;
        o.0.inner.write_all(&sum.to_le_bytes())?;
        o.0.flush()
    })();
    result?;
    tmp.commit()
}

/// A cursor over the cache file's bytes; every read checks bounds.
struct In<'a> {
    b: &'a [u8],
    at: usize,
}

impl In<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|s| s[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|s| u32::from_le_bytes(s.try_into().unwrap_or([0; 4])))
    }
    fn u64(&mut self) -> Option<u64> {
        self.take(8)
            .map(|s| u64::from_le_bytes(s.try_into().unwrap_or([0; 8])))
    }
    fn str(&mut self) -> Option<&str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
    fn time(&mut self) -> Option<Option<SystemTime>> {
        Some(match self.u8()? {
            0 => None,
            _ => {
                let secs = self.u64()?;
                let nanos = self.u32()?;
                UNIX_EPOCH.checked_add(Duration::new(secs, nanos))
            }
        })
    }
}

/// The cached index, if it is there, whole, and for exactly these files as they are now.
fn read(place: &Path, files: &[FileInfo], options: LoadOptions) -> Option<Corpus> {
    let file = super::walk::read_input(place).ok()?;
    let (bytes, sum) = file.split_at_checked(file.len().checked_sub(8)?)?;
    if checksum(CHECKSUM_START, bytes).to_le_bytes() != sum {
        return None;
    }
    let mut r = In { b: bytes, at: 0 };
    if r.take(MAGIC.len())? != MAGIC || r.u8()? != options.sanitize as u8 {
        return None;
    }
    let nfiles = r.u32()? as usize;
    if nfiles != files.len() {
        return None;
    }
    for f in files {
        if r.str()? != f.source || r.u64()? != f.len || r.time()? != f.modified {
            return None;
        }
    }
    let mut corpus = Corpus::new(options);
    corpus.files = files.to_vec();
    for _ in 0..r.u32()? {
        let p = r.str()?.to_string();
        let reason = r.str()?.to_string();
        corpus.errors.push((p, reason));
    }
    for _ in 0..r.u32()? {
        let level = level_of(r.u8()?)?;
        let n = r.u32()? as usize;
        let mut caveats = Vec::with_capacity(n.min(16));
        for _ in 0..n {
            caveats.push(r.str()?.to_string());
        }
        corpus.markings.intern(&Marking { level, caveats });
    }
    let markings = corpus.markings.len() as u32;
    for _ in 0..r.u32()? {
        let name = r.str()?;
        corpus.names.intern(name);
    }
    let names = corpus.names.len() as u32;
    let name = |id: u32| (id < names).then_some(id);
    let n = r.u64()?;
    corpus.cables.reserve(n.min(1 << 24) as usize);
    for _ in 0..n {
        let id = r.str()?.into();
        let date = match r.u8()? {
            0 => None,
            _ => Some(r.str()?.into()),
        };
        let classification = r.str()?.into();
        let origin = r.str()?.into();
        let subject = r.str()?.into();
        let paragraphs = r.u32()?;
        let unmarked = r.u32()?;
        let nm = r.u32()? as usize;
        let mut counts = Vec::with_capacity(nm.min(64));
        for _ in 0..nm {
            let m = r.u32()?;
            if m >= markings {
                return None;
            }
            counts.push((m, r.u32()?));
        }
        let mut lists: [Vec<NameId>; 2] = [Vec::new(), Vec::new()];
        for list in &mut lists {
            let k = r.u32()? as usize;
            list.reserve(k.min(64));
            for _ in 0..k {
                list.push(name(r.u32()?)?);
            }
        }
        let [tags, captions] = lists;
        let k = r.u32()? as usize;
        let mut references = Vec::with_capacity(k.min(64));
        for _ in 0..k {
            let id = name(r.u32()?)?;
            references.push(Reference {
                id,
                letter: r.u8()?,
            });
        }
        let mut optional = || -> Option<Option<NameId>> {
            Some(match r.u32()? {
                0 => None,
                n => Some(name(n - 1)?),
            })
        };
        let classified_by = optional()?;
        let signer = optional()?;
        let warnings = WarningKinds(u16::try_from(r.u32()?).ok()?);
        let format = format_of(r.u8()?)?;
        let text = TextSize {
            letters: r.u32()?,
            redactions: r.u32()?,
        };
        let location = match r.u8()? {
            0 => Location::Record {
                file: r.u32()?,
                bytes: r.u64()?..r.u64()?,
                record: r.u64()?,
            },
            _ => Location::Cable {
                file: r.u32()?,
                nth: r.u32()?,
                record: {
                    let has = r.u8()? != 0;
                    let v = r.u64()?;
                    has.then_some(v)
                },
            },
        };
        let file = files.get(location.file() as usize)?;
        if let Location::Record { bytes, .. } = &location
            && (bytes.start > bytes.end || bytes.end > file.len)
        {
            return None;
        }
        corpus.cables.push(CableSummary {
            id,
            date,
            classification,
            origin,
            subject,
            paragraphs,
            unmarked,
            markings: counts.into_boxed_slice(),
            format,
            tags: tags.into_boxed_slice(),
            captions: captions.into_boxed_slice(),
            references: references.into_boxed_slice(),
            classified_by,
            signer,
            warnings,
            text,
            location,
        });
    }
    if r.at != bytes.len() {
        return None;
    }
    let bytes_total = files.iter().map(|f| f.len).sum();
    corpus.progress = Progress {
        cables: corpus.cables.len() as u64,
        bytes_done: bytes_total,
        bytes_total,
        files_done: files.len() as u64,
        files_total: files.len() as u64,
    };
    corpus.mark_done();
    Some(corpus)
}
