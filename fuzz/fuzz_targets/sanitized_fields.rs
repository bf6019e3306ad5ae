#![no_main]
//! Any bytes through every format's extractor and the builder, sanitising: no string anywhere in
//! the cable (header fields, paragraphs, headings, warnings, references, routing ...) holds a
//! control character but newline and tab, DEL, a C1 control or a bidirectional control.

use cable_reader::cable::build::build_with;
use cable_reader::cable::formats::{
    self, cables_csv, html_fragment, json, plusd, scoop, text, wikileaks_html,
};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn unsafe_char(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Every string in the value, with the path that leads to it.
fn check(v: &Value, path: &mut String) {
    match v {
        Value::String(s) => {
            if let Some(c) = s.chars().find(|c| unsafe_char(*c)) {
                panic!("{path} holds U+{:04X}: {s:?}", c as u32);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                check(item, path);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let len = path.len();
                path.push('.');
                path.push_str(k);
                check(item, path);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let extractors: [fn(&[u8]) -> formats::Extracted; 8] = [
        formats::extract,
        cables_csv::extract,
        wikileaks_html::extract,
        plusd::extract,
        scoop::extract,
        json::extract,
        html_fragment::extract,
        text::extract,
    ];
    for extract in extractors {
        for raw in extract(data).cables {
            let cable = build_with(raw, "fuzz", true);
            let value = serde_json::to_value(&cable).expect("a cable serialises");
            check(&value, &mut String::from("cable"));
        }
    }
});
