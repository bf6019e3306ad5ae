#![no_main]
//! Any bytes through the plusd extractor, then the shared builder: never a panic.

use cable_reader::cable::build::build;
use cable_reader::cable::formats::plusd;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let extracted = plusd::extract(data);
    for raw in extracted.cables {
        let _ = build(raw, "fuzz");
    }
});
