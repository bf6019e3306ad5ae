//! The cache file's bytes: what an index entry holds and how it is read back, every read
//! checked, a checksum at the end.
//!
//! Layout: the format's magic (its version), whether the texts are sanitised, the canonical
//! inputs, each file as its input's number, its path below that input, size and time, then the
//! errors, marking and name tables and the cables. Files are not named by the path they were
//! given as, so another path to the same inputs reads the same entry.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::super::build::TextSize;
use super::super::corpus::Corpus;
use super::super::index::{
    CableSummary, Location, NameId, Progress, Reference, SummaryFields, WarningKinds,
};
use super::super::load::LoadOptions;
use super::super::marking::{Level, Marking};
use super::super::model::Format;
use super::Inputs;

/// The index format's name and version, at the start of every entry. Change the digits when the
/// index keeps other fields or counts them by other rules: an entry of another version is a miss
/// (and is replaced by the next one written for the same inputs).
pub const MAGIC: &[u8; 8] = b"CRINDEX8";

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
    fn bytes(&mut self, b: &[u8]) -> std::io::Result<()> {
        self.u32(b.len() as u32)?;
        self.0.write_all(b)
    }
    fn str(&mut self, s: &str) -> std::io::Result<()> {
        self.bytes(s.as_bytes())
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

/// The bytes of a path, as the platform holds them.
pub fn path_bytes(p: &Path) -> &[u8] {
    p.as_os_str().as_encoded_bytes()
}

/// Writes the index of `inputs` under a new temporary name, then renames it over `place`: a
/// reader never sees half a file, and no existing file or link is written through. `sanitized`
/// says whether its texts are made safe to show (a raw entry serves every output).
pub fn write(
    place: &Path,
    inputs: &Inputs,
    corpus: &Corpus,
    sanitized: bool,
) -> std::io::Result<()> {
    // Removed when dropped unless committed.
    let mut tmp = crate::store::TempFile::create(place)?;
    let result = (|| {
        let mut o = Out(Summed {
            inner: BufWriter::with_capacity(1 << 20, tmp.file()),
            sum: CHECKSUM_START,
        });
        o.0.write_all(MAGIC)?;
        o.u8(sanitized as u8)?;
        o.u32(inputs.canonical.len() as u32)?;
        for p in &inputs.canonical {
            o.bytes(path_bytes(p))?;
        }
        o.u32(corpus.files.len() as u32)?;
        for (f, (input, below)) in corpus.files.iter().zip(&inputs.below) {
            o.u32(*input)?;
            o.bytes(path_bytes(below))?;
            o.u64(f.len)?;
            o.time(f.modified)?;
        }
        o.u32(corpus.errors.len() as u32)?;
        for (p, r) in &corpus.errors {
            // A file's error names it by number: another path to it names it as it is given.
            match corpus.files.iter().position(|f| f.source == *p) {
                Some(i) => {
                    o.u8(0)?;
                    o.u32(i as u32)?;
                }
                None => {
                    o.u8(1)?;
                    o.str(p)?;
                }
            }
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
            cable(&mut o, c)?;
        }
        let sum = o.0.sum;
        o.0.inner.write_all(&sum.to_le_bytes())?;
        o.0.flush()
    })();
    result?;
    tmp.commit()
}

fn cable<W: Write>(o: &mut Out<W>, c: &CableSummary) -> std::io::Result<()> {
    o.str(c.id())?;
    match c.date() {
        Some(d) => {
            o.u8(1)?;
            o.str(d)?;
        }
        None => o.u8(0)?,
    }
    o.str(c.classification())?;
    o.str(c.origin())?;
    o.str(c.subject())?;
    o.u32(c.paragraphs)?;
    o.u32(c.unmarked)?;
    o.u32(c.markings().len() as u32)?;
    for &[m, n] in c.markings() {
        o.u32(m)?;
        o.u32(n)?;
    }
    for list in [c.tags(), c.captions()] {
        o.u32(list.len() as u32)?;
        for &t in list.iter() {
            o.u32(t)?;
        }
    }
    o.u32(c.references().len() as u32)?;
    for r in c.references() {
        o.u32(r.id)?;
        o.u8(r.letter)?;
    }
    for name in [c.classified_by(), c.signer()] {
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
            o.u64(*record)
        }
        Location::Cable { file, nth, record } => {
            o.u8(1)?;
            o.u32(*file)?;
            o.u32(*nth)?;
            o.u8(record.is_some() as u8)?;
            o.u64(record.unwrap_or(0))
        }
    }
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
    fn bytes(&mut self) -> Option<&[u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    fn str(&mut self) -> Option<&str> {
        std::str::from_utf8(self.bytes()?).ok()
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

/// The index in `file` (an entry's bytes), if it is whole, of this format and for exactly
/// these inputs as they are now. Its texts are sanitised as the entry says (see
/// [`Corpus::options`]); the caller sanitises a raw one for display.
pub fn read(file: &[u8], inputs: &Inputs) -> Option<Corpus> {
    let (bytes, sum) = file.split_at_checked(file.len().checked_sub(8)?)?;
    if checksum(CHECKSUM_START, bytes).to_le_bytes() != sum {
        return None;
    }
    let mut r = In { b: bytes, at: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let sanitize = match r.u8()? {
        0 => false,
        1 => true,
        _ => return None,
    };
    if r.u32()? as usize != inputs.canonical.len() {
        return None;
    }
    for p in &inputs.canonical {
        if r.bytes()? != path_bytes(p) {
            return None;
        }
    }
    let files = &inputs.files;
    if r.u32()? as usize != files.len() {
        return None;
    }
    for (f, (input, below)) in files.iter().zip(&inputs.below) {
        if r.u32()? != *input
            || r.bytes()? != path_bytes(below)
            || r.u64()? != f.len
            || r.time()? != f.modified
        {
            return None;
        }
    }
    let mut corpus = Corpus::new(LoadOptions { sanitize });
    corpus.files = files.to_vec();
    for _ in 0..r.u32()? {
        let p = match r.u8()? {
            0 => files.get(r.u32()? as usize)?.source.clone(),
            _ => r.str()?.to_string(),
        };
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
    for _ in 0..r.u32()? {
        let name = r.str()?;
        corpus.names.intern(name);
    }
    let n = r.u64()?;
    corpus.cables.reserve(n.min(1 << 24) as usize);
    let limits = Limits {
        markings: corpus.markings.len() as u32,
        names: corpus.names.len() as u32,
    };
    for _ in 0..n {
        let c = read_cable(&mut r, limits)?;
        let file = files.get(c.location.file() as usize)?;
        if let Location::Record { bytes, .. } = &c.location
            && (bytes.start > bytes.end || bytes.end > file.len)
        {
            return None;
        }
        corpus.cables.push(c);
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

/// How many markings and names the tables hold: a number beyond is damage.
#[derive(Clone, Copy)]
struct Limits {
    markings: u32,
    names: u32,
}

fn read_cable(r: &mut In, limits: Limits) -> Option<CableSummary> {
    let name = |id: u32| (id < limits.names).then_some(id);
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
        if m >= limits.markings {
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
    Some(
        SummaryFields {
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
        }
        .pack(),
    )
}
