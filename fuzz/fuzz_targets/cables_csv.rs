#![no_main]
//! Any bytes through the cables_csv extractor, then the shared builder: never a panic.

use cable_reader::cable::build::build;
use cable_reader::cable::formats::cables_csv;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let extracted = cables_csv::extract(data);
    for raw in extracted.cables {
        let _ = build(raw, "fuzz");
    }
});
