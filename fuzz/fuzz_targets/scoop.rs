#![no_main]
//! Any bytes through the scoop extractor, then the shared builder: never a panic.

use cable_reader::cable::build::build;
use cable_reader::cable::formats::scoop;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let extracted = scoop::extract(data);
    for raw in extracted.cables {
        let _ = build(raw, "fuzz");
    }
});
