//! The index cache: one entry per set of inputs, found by any path to them, whatever the output
//! mode; replaced when the files change, a damaged one a miss, the folder kept small.

mod common;

use std::path::{Path, PathBuf};

use cable_reader::cable::cache::{bound, index_cached_in, lookup, sanitized};
use cable_reader::cable::{Corpus, IndexEvent, LoadOptions, index_in_background_cached};

const RAW: LoadOptions = LoadOptions { sanitize: false };
const SHOWN: LoadOptions = LoadOptions { sanitize: true };

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn ids(c: &Corpus) -> Vec<String> {
    c.cables.iter().map(|s| s.id().to_string()).collect()
}

fn names(c: &Corpus) -> Vec<String> {
    c.names.iter().map(str::to_string).collect()
}

/// A private copy of the real `cables.csv` excerpt (36 cables).
fn csv_copy(dir: &Path) -> PathBuf {
    let csv = dir.join("c.csv");
    std::fs::copy(
        common::corpus_file("csv/cables.csv-excerpt_rows0001-0037.csv"),
        &csv,
    )
    .unwrap();
    csv
}

#[test]
fn a_raw_index_sanitised_is_the_sanitised_index() {
    let paths = [
        common::corpus(),
        common::repo_file("tests/fixtures/hostile.txt"),
    ];
    let raw = Corpus::index(&paths, RAW);
    let shown = Corpus::index(&paths, SHOWN);
    let made = sanitized(raw.clone());
    assert_eq!(made.cables, shown.cables);
    assert_eq!(names(&made), names(&shown));
    assert!(made.options.sanitize);
    // The hostile file's subject holds controls: raw in one, shown as carets in the other.
    let at = raw
        .cables
        .iter()
        .position(|c| c.subject().chars().any(char::is_control))
        .expect("a subject with control characters");
    assert!(!made.cables[at].subject().chars().any(char::is_control));
}

#[test]
fn one_entry_serves_the_terminal_and_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let paths = [common::corpus_file("csv")];
    let shown = index_cached_in(&paths, SHOWN, Some(&cache), 0);
    assert_eq!(entries(&cache).len(), 1);
    assert_eq!(shown.cables, Corpus::index(&paths, SHOWN).cables);
    let pipe = lookup(&paths, RAW, Some(&cache), 0)
        .found
        .expect("a pipe reads the terminal's entry");
    assert!(!pipe.options.sanitize);
    assert_eq!(pipe.cables, Corpus::index(&paths, RAW).cables);
    assert_eq!(pipe.len(), 104);
    let again = lookup(&paths, SHOWN, Some(&cache), 0)
        .found
        .expect("and the terminal reads it again");
    assert_eq!(again.cables, shown.cables);
    assert!(again.options.sanitize);
    assert_eq!(entries(&cache).len(), 1, "one entry for both");
}

#[test]
fn the_readers_own_index_is_stored_and_serves_the_next_reader() {
    let cache = tempfile::tempdir().unwrap();
    let paths = vec![
        common::corpus_file("scoop-text"),
        common::repo_file("tests/fixtures/hostile.txt"),
    ];
    let handle = index_in_background_cached(paths.clone(), SHOWN, Some(cache.path().into()), 0);
    let mut reader = Corpus::new(SHOWN);
    for e in handle.events() {
        let done = matches!(e, IndexEvent::Done { .. });
        reader.apply(e);
        if done {
            break;
        }
    }
    // What the reader got is the sanitised index, names numbered alike.
    let shown = Corpus::index(&paths, SHOWN);
    assert_eq!(reader.cables, shown.cables);
    assert_eq!(names(&reader), names(&shown));
    // The reader hands its own index back (no second copy is kept); the thread stores it.
    handle.store_cache(std::sync::Arc::new(reader));
    drop(handle);
    for _ in 0..200 {
        if !entries(cache.path()).is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    let next = lookup(&paths, SHOWN, Some(cache.path()), 0)
        .found
        .expect("the reader's entry serves the next reader");
    assert_eq!(next.cables, shown.cables);
    assert_eq!(names(&next), names(&shown));
    // The entry holds the raw texts, told back from the reader's: a pipe after the reader
    // finds it, with the hostile file's control characters as the file holds them.
    let pipe = lookup(&paths, RAW, Some(cache.path()), 0)
        .found
        .expect("the reader's entry serves a pipe");
    let raw = Corpus::index(&paths, RAW);
    assert!(!pipe.options.sanitize);
    assert_eq!(pipe.cables, raw.cables);
    assert_eq!(names(&pipe), names(&raw));
    assert!(
        pipe.cables
            .iter()
            .any(|c| c.subject().chars().any(char::is_control))
    );
    assert_ne!(raw.cables, shown.cables);
    assert_eq!(entries(cache.path()).len(), 1);
}

#[test]
fn another_path_to_the_same_file_hits() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let csv = csv_copy(dir.path());
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let first = index_cached_in(std::slice::from_ref(&csv), RAW, Some(&cache), 0);
    assert_eq!(first.len(), 36);
    let dotted = dir.path().join("./sub/../c.csv");
    let mut others = vec![dotted];
    #[cfg(unix)]
    {
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&csv, &link).unwrap();
        others.push(link);
    }
    for other in others {
        let found = lookup(std::slice::from_ref(&other), SHOWN, Some(&cache), 0)
            .found
            .unwrap_or_else(|| panic!("{} misses", other.display()));
        assert_eq!(ids(&found), ids(&first));
        // The cables are named by the path given now.
        assert_eq!(found.files[0].source, other.display().to_string());
        assert_eq!(found.source(0), other.display().to_string());
        assert!(found.open(0).is_ok());
    }
    // A relative path to a folder finds the entry of its absolute path.
    let absolute = [common::corpus_file("plain-text")];
    index_cached_in(&absolute, RAW, Some(&cache), 0);
    let relative = [PathBuf::from("tests/corpus/plain-text")];
    let found = lookup(&relative, RAW, Some(&cache), 0)
        .found
        .expect("a relative path hits");
    assert!(
        found.files[0]
            .source
            .starts_with("tests/corpus/plain-text/")
    );
    assert_eq!(entries(&cache).len(), 2);
}

#[test]
fn a_rebuilt_entry_replaces_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let csv = csv_copy(dir.path());
    let paths = [csv.clone()];
    index_cached_in(&paths, RAW, Some(&cache), 0);
    let before = entries(&cache);
    assert_eq!(before.len(), 1);
    // Half the file: another size, so the entry no longer holds.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let bytes = std::fs::read(&csv).unwrap();
    std::fs::write(&csv, &bytes[..bytes.len() / 2]).unwrap();
    assert!(lookup(&paths, RAW, Some(&cache), 0).found.is_none());
    let changed = index_cached_in(&paths, RAW, Some(&cache), 0);
    assert_eq!(entries(&cache), before, "the same entry, rewritten");
    assert_eq!(changed.cables, Corpus::index(&paths, RAW).cables);
    let hit = lookup(&paths, RAW, Some(&cache), 0).found.expect("a hit");
    assert_eq!(hit.len(), changed.len());
    assert!(hit.len() < 36);
}

#[test]
fn a_corrupt_entry_is_a_miss() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let paths = [csv_copy(dir.path())];
    let first = index_cached_in(&paths, RAW, Some(&cache), 0);
    let entry = entries(&cache).remove(0);
    let good = std::fs::read(&entry).unwrap();
    let damaged: [Vec<u8>; 4] = [
        good[..good.len() / 2].to_vec(),
        Vec::new(),
        {
            let mut b = good.clone();
            b[good.len() / 3] ^= 0x20;
            b
        },
        // Another format's version.
        {
            let mut b = good.clone();
            b[7] = b'0';
            b
        },
    ];
    for bytes in damaged {
        std::fs::write(&entry, &bytes).unwrap();
        assert!(lookup(&paths, RAW, Some(&cache), 0).found.is_none());
    }
    let again = index_cached_in(&paths, RAW, Some(&cache), 0);
    assert_eq!(again.cables, first.cables);
    assert_eq!(std::fs::read(&entry).unwrap(), good, "written again whole");
}

#[test]
fn the_folder_keeps_the_newest_entries_within_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let now = std::time::SystemTime::now();
    let mut made = Vec::new();
    for (i, age) in [30u64, 10, 20, 40].into_iter().enumerate() {
        let p = dir.path().join(format!("{i}.idx"));
        std::fs::write(&p, vec![0u8; 100]).unwrap();
        let f = std::fs::File::options().write(true).open(&p).unwrap();
        f.set_modified(now - std::time::Duration::from_secs(age))
            .unwrap();
        made.push(p);
    }
    let other = dir.path().join("notes.txt");
    std::fs::write(&other, vec![0u8; 1000]).unwrap();
    // Kept: 3.idx (just written, though oldest), then the newest: 1.idx (10 s), 2.idx (20 s).
    bound(dir.path(), &made[3], 300);
    assert_eq!(
        entries(dir.path()),
        [&made[1], &made[2], &made[3], &other].map(|p| p.to_path_buf())
    );
}

/// A run that ended while writing its entry leaves a temporary file: the next look-up removes
/// it (its process is gone), and keeps those of live processes.
#[test]
fn a_lookup_removes_the_temporary_entries_of_ended_runs() {
    let cache = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let csv = csv_copy(files.path());
    let gone = cache.path().join(".0123456789abcdef.idx.4000000000.1.tmp");
    let live = cache.path().join(format!(
        ".0123456789abcdef.idx.{}.7.tmp",
        std::process::id()
    ));
    std::fs::write(&gone, b"half an entry").unwrap();
    std::fs::write(&live, b"being written").unwrap();
    assert!(lookup(&[&csv], RAW, Some(cache.path()), 0).found.is_none());
    assert!(!gone.exists());
    assert!(live.exists());
}
