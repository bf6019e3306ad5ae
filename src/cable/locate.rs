//! Finding cables by id in `cables.csv` files without indexing them: the file is searched for
//! the id as its third field holds it (`"NUMBER","DATE","ID","`), and only the records where it
//! stands there are decoded. The work is one byte search over the file, cut between the cores;
//! the memory is that of the cables found, whatever the file's size.

use std::ops::Range;
use std::path::Path;

use super::build::build_with;
use super::formats::{self, cables_csv};
use super::load::LoadOptions;
use super::mapped::GuardedMap;
use super::model::{Cable, Format};

/// The cables with one of some ids in a set of `cables.csv` files.
#[derive(Debug, Default)]
pub struct Located {
    /// In file order, then record order.
    pub cables: Vec<Cable>,
    /// `(source, reason)` for a file that could not be read or a found record that is damaged.
    pub errors: Vec<(String, String)>,
}

/// True for an id that stands in a `cables.csv` field as it is written (no character the
/// format escapes), so that a byte search for it finds every record that has it.
pub fn searchable(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'/')
}

/// The bytes of a file when it is a `cables.csv` file, mapped.
pub fn map_csv(path: &Path) -> Option<GuardedMap> {
    let map = GuardedMap::open(path)?;
    (formats::detect(&map) == Some(Format::CablesCsv)).then_some(map)
}

/// The records of `bytes` (a `cables.csv` file) whose id field is `id` (ASCII case ignored;
/// the release writes ids in capitals, and the capitals are searched for), as `(record
/// number, byte range)`.
pub fn find_records(bytes: &[u8], id: &str) -> Vec<(u64, Range<usize>)> {
    let needle = format!("\",\"{}\",\"", id.to_ascii_uppercase());
    let hits = parallel(bytes, needle.len(), |part, offset| {
        memchr::memmem::find_iter(part, needle.as_bytes())
            .map(|i| i + offset)
            .collect::<Vec<_>>()
    });
    let mut found: Vec<(u64, Range<usize>)> = Vec::new();
    for at in hits.into_iter().flatten() {
        // The id is the third field: the record starts at this line's start, and the two
        // fields before hold no quote and no line break.
        let line = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        if !cables_csv::is_record_start(bytes, line) {
            continue;
        }
        // `"NUMBER","DATE`: the opening quote and the quotes around the comma, no other.
        if bytes[line..at].iter().filter(|&&b| b == b'"').count() != 3 {
            continue;
        }
        if let Some(Ok(span)) = cables_csv::records_from(bytes, line).next()
            && span.span.start == line
            && span
                .raw(bytes, cables_csv::field::ID)
                .eq_ignore_ascii_case(id.as_bytes())
            && found.last().is_none_or(|(_, r)| r.start != line)
        {
            found.push((span.record, span.span));
        }
    }
    found
}

/// How many cables `bytes` (a `cables.csv` file) holds: its records that are whole, as the
/// index counts them (the pieces scanned on all cores, each from a record start).
pub fn count_records(bytes: &[u8]) -> usize {
    let counts = parallel(bytes, 1, |part, offset| {
        let end = offset + part.len();
        let start = match offset {
            0 => 0,
            _ => cables_csv::next_record_start(bytes, offset),
        };
        let mut it = cables_csv::records_from(bytes, start);
        let mut n = 0;
        while it.position() < end {
            match it.next() {
                Some(Ok(_)) => n += 1,
                Some(Err(_)) => {}
                None => break,
            }
        }
        n
    });
    counts.into_iter().sum()
}

/// `f` over pieces of `bytes`, one per core, that overlap by `overlap - 1` bytes (so a match of
/// that length is in exactly one piece), with each piece's offset; results in order.
fn parallel<T: Send>(bytes: &[u8], overlap: usize, f: impl Fn(&[u8], usize) -> T + Sync) -> Vec<T> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pieces = if bytes.len() < 8 << 20 { 1 } else { cores };
    let step = bytes.len().div_ceil(pieces).max(1);
    let range = |k: usize| {
        let start = (k * step).min(bytes.len());
        let end = ((k + 1) * step + overlap.saturating_sub(1)).min(bytes.len());
        start..end
    };
    if pieces == 1 {
        return vec![f(bytes, 0)];
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..pieces)
            .map(|k| {
                let r = range(k);
                let f = &f;
                s.spawn(move || f(&bytes[r.clone()], r.start))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// The cables with one of `ids` in the `cables.csv` files `files` (`(path, source)`), decoded
/// with `options`; `None` when one of them is not a `cables.csv` file (the caller indexes).
pub fn locate(files: &[(&Path, &str)], ids: &[String], options: LoadOptions) -> Option<Located> {
    let mut located = Located::default();
    for &(path, source) in files {
        let map = map_csv(path)?;
        let mut records: Vec<(u64, Range<usize>)> =
            ids.iter().flat_map(|id| find_records(&map, id)).collect();
        records.sort_by_key(|(_, r)| r.start);
        records.dedup_by_key(|(_, r)| r.start);
        for (_, range) in records {
            match cables_csv::records_from(&map, range.start).next() {
                Some(Ok(span)) => {
                    let raw = cables_csv::raw_cable(&map, &span);
                    located
                        .cables
                        .push(build_with(raw, source, options.sanitize));
                }
                Some(Err(e)) => located.errors.push((source.to_string(), e.to_string())),
                None => {}
            }
        }
        if map.changed() {
            located.cables.retain(|c| c.source != source);
            located.errors.push((
                source.to_string(),
                super::index::CHANGED_WHILE_READ.to_string(),
            ));
        }
    }
    Some(located)
}
