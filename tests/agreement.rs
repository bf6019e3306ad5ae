//! How far the forms of one cable agree: the corpus holds many cables in several forms (a
//! WikiLeaks page, a cables.csv record, PlusD, plain text, scoop, an html fragment, json). For
//! every pair of forms of one id, each header field and the paragraph numbering is compared;
//! the run prints per-field agreement and every disagreeing pair with both values.
//!
//! `cargo test --test agreement -- --ignored --nocapture`

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use cable_reader::cable::{Cable, LoadOptions, load_paths_with};

/// The fields compared, each as one comparable string.
/// A field's name and its value as one comparable string.
type Field = (&'static str, fn(&Cable) -> String);

const FIELDS: [Field; 8] = [
    ("subject", |c| squash(&c.subject)),
    ("tags", |c| c.tags.join(",")),
    ("references", |c| {
        let mut r = c.references.clone();
        r.sort();
        r.dedup();
        r.join(",")
    }),
    ("classified_by", |c| {
        squash(c.classified_by.as_deref().unwrap_or("-"))
    }),
    ("declassify", |c| {
        c.declassify.clone().unwrap_or_else(|| "-".into())
    }),
    ("signed_by", |c| {
        c.signed_by.clone().unwrap_or_else(|| "-".into())
    }),
    ("numbers", |c| {
        c.paragraphs
            .iter()
            .map(|p| p.number.map_or("_".into(), |n| n.to_string()))
            .collect::<Vec<_>>()
            .join(" ")
    }),
    ("markings", |c| common::paragraph_marks(c).join(" ")),
];

/// Whitespace collapsed and case folded: forms differ in line wrapping and in the case a site
/// gave a title, not in what the field says.
fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// Per-field agreement over every pair of forms of one id, and the disagreeing pairs.
fn measure(by_id: &BTreeMap<String, Vec<&Cable>>, title: &str) {
    let mut ids = 0;
    let mut pairs = 0;
    let mut agree = [0usize; FIELDS.len()];
    let mut disagreements: Vec<String> = Vec::new();
    for (id, forms) in by_id {
        if forms.len() < 2 {
            continue;
        }
        ids += 1;
        for (i, a) in forms.iter().enumerate() {
            for b in &forms[i + 1..] {
                pairs += 1;
                for (f, (name, value)) in FIELDS.iter().enumerate() {
                    let (va, vb) = (value(a), value(b));
                    if va == vb {
                        agree[f] += 1;
                    } else {
                        disagreements.push(format!(
                            "{id} {name}\n    {}: {va}\n    {}: {vb}",
                            place(a),
                            place(b)
                        ));
                    }
                }
            }
        }
    }
    println!("{title}: {ids} ids in {pairs} pairs");
    for (f, (name, _)) in FIELDS.iter().enumerate() {
        println!(
            "{name:>14}: {:5.1}% ({}/{pairs})",
            100.0 * agree[f] as f64 / pairs.max(1) as f64,
            agree[f]
        );
    }
    for d in &disagreements {
        println!("{d}");
    }
    println!();
}

fn place(c: &Cable) -> String {
    let source = c
        .source
        .split_once("tests/corpus/")
        .map_or(c.source.as_str(), |(_, rest)| rest);
    match c.record {
        Some(r) => format!("{source}#{r}"),
        None => source.to_string(),
    }
}

#[test]
#[ignore = "a measurement: prints agreement between forms of one cable"]
fn agreement_between_forms() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let report = load_paths_with(&[corpus], LoadOptions { sanitize: false });
    let mut every: BTreeMap<String, Vec<&Cable>> = BTreeMap::new();
    for c in &report.cables {
        every.entry(c.id.clone()).or_default().push(c);
    }
    for forms in every.values_mut() {
        forms.sort_by(|a, b| (&a.source, a.record).cmp(&(&b.source, b.record)));
    }
    // The same text in the same form counts once: a cables.csv record is also in the excerpts.
    let mut distinct = every.clone();
    for forms in distinct.values_mut() {
        let mut seen = Vec::new();
        forms.retain(|c| {
            let key = (c.format, &c.header, &c.preamble, &c.paragraphs, &c.closing);
            let new = !seen.contains(&key);
            if new {
                seen.push(key);
            }
            new
        });
    }
    measure(&every, "every file and record");
    measure(&distinct, "distinct forms");
    assert!(every.values().any(|forms| forms.len() > 1));
}
