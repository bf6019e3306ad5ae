//! What the benchmarks share: the generated release they read and the reader made to index it.

use std::path::PathBuf;

use cable_reader::app::{Keymap, State};
use cable_reader::config::Config;
use cable_reader::memory::Memory;

/// The generated release: `bench-data/cables.csv`, or the file `BENCH_CSV` names. `None`, with
/// a word on how to make it, when it is not there.
pub fn bench_csv() -> Option<PathBuf> {
    let path = std::env::var_os("BENCH_CSV").map_or_else(
        || {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/bench-data/cables.csv"
            ))
        },
        PathBuf::from,
    );
    if !path.exists() {
        println!("no {}: benches/run.sh makes it", path.display());
        return None;
    }
    Some(path)
}

/// A reader `width` x `height` about to index `path`, with the default keys and nothing
/// remembered, as the event loop makes it.
pub fn indexing_reader(path: PathBuf, width: u16, height: u16) -> State {
    let config = Config {
        keymap: Keymap::default_keymap(),
        ..Config::default()
    };
    State::indexing(
        vec![path],
        &config,
        Memory::default(),
        "bench".into(),
        width,
        height,
    )
}
