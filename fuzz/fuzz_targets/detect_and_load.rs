#![no_main]
//! Any bytes through format detection and the whole loader: never a panic.

use cable_reader::cable::load_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = load_bytes(data, "fuzz");
});
