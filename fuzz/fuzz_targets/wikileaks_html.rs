#![no_main]
//! Any bytes through the wikileaks_html extractor, then the shared builder: never a panic.

use cable_reader::cable::build::build;
use cable_reader::cable::formats::wikileaks_html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let extracted = wikileaks_html::extract(data);
    for raw in extracted.cables {
        let _ = build(raw, "fuzz");
    }
});
