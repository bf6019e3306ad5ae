#![no_main]
//! Any bytes as a file: the index's summary of each cable is what the full loader gives. The
//! comparison is the one tests/scale.rs makes: the `list` line of the summary and of the loaded
//! cable, the source, the record and the errors, and opening the cable from the index.

use std::path::PathBuf;
use std::sync::OnceLock;

use cable_reader::cable::{Corpus, LoadOptions, load_paths_with};
use cable_reader::cli::list;
use libfuzzer_sys::fuzz_target;

/// One file per process, written over for each input.
fn file() -> &'static PathBuf {
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("cable-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder for the input");
        dir.join("input")
    })
}

fuzz_target!(|data: &[u8]| {
    let path = file();
    std::fs::write(path, data).expect("the input written");
    let paths = [path.clone()];
    for sanitize in [true, false] {
        let options = LoadOptions { sanitize };
        let corpus = Corpus::index(&paths, options);
        let report = load_paths_with(&paths, options);
        assert_eq!(corpus.errors, report.errors);
        assert_eq!(corpus.len(), report.cables.len());
        for (i, (s, c)) in corpus.cables.iter().zip(&report.cables).enumerate() {
            assert_eq!(list::summary_line(&corpus, s), list::line(c), "cable {i}");
            assert_eq!(corpus.source(i), c.source);
            assert_eq!(s.location.record(), c.record);
            assert_eq!(corpus.open(i).as_ref(), Ok(c), "open {i}");
        }
    }
});
