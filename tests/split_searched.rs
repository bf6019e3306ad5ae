//! The split a search makes (paragraphs it cannot match left undecoded) against the full split,
//! on every cable of the real corpus.

mod common;

use cable_reader::cable::body::{Split, split, split_matching, split_searched};
use cable_reader::cable::decode::normalize_newlines;
use cable_reader::cable::formats;

/// Every cable body of the corpus, as the loader splits it (line ends made LF).
fn bodies() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![common::corpus()];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            for (k, raw) in formats::extract(&bytes).cables.into_iter().enumerate() {
                let name = format!("{}#{k}", path.display());
                out.push((name, normalize_newlines(&raw.body).into_owned()));
            }
        }
    }
    out
}

/// What the search's split must agree on with the full one: every paragraph's number, and the
/// marking, text and heading of each one it decoded; the whole-text marking; the closing when
/// the last paragraph was decoded. Returns how many paragraphs it left undecoded.
fn agree(name: &str, full: &Split, cheap: &Split, exact: &Split) -> usize {
    let numbers = |s: &Split| s.paragraphs.iter().map(|p| p.number).collect::<Vec<_>>();
    assert_eq!(numbers(cheap), numbers(full), "{name}: numbers");
    assert_eq!(cheap.entire, full.entire, "{name}: whole-text marking");
    let mut skipped = 0;
    for (i, (c, f)) in cheap.paragraphs.iter().zip(&full.paragraphs).enumerate() {
        // What a search finds must not depend on which split it used.
        assert_eq!(c.text, exact.paragraphs[i].text, "{name}: ¶ {i} kept");
        if c.text.is_empty() {
            skipped += usize::from(c.marking_raw.is_none() && f.marking_raw.is_some());
            continue;
        }
        assert_eq!(c.text, f.text, "{name}: ¶ {i} text");
        assert_eq!(c.marking, f.marking, "{name}: ¶ {i} marking");
        assert_eq!(c.marking_raw, f.marking_raw, "{name}: ¶ {i} raw marking");
        let prev_decoded = i == 0 || !cheap.paragraphs[i - 1].text.is_empty();
        if prev_decoded {
            assert_eq!(c.heading, f.heading, "{name}: ¶ {i} heading");
        }
    }
    if cheap.paragraphs.last().is_some_and(|p| !p.text.is_empty()) {
        assert_eq!(cheap.closing, full.closing, "{name}: closing");
    }
    skipped
}

/// A search's test of a paragraph's text.
type Keep = Box<dyn Fn(&str) -> bool>;

#[test]
fn a_search_split_agrees_with_the_full_split_on_every_corpus_cable() {
    let bodies = bodies();
    assert!(bodies.len() > 200, "{}", bodies.len());
    let words = [
        "the", "Taliban", "Embassy", "nuclear", "SECRET", "(C)", "said", "ENTIRE", "\u{b6}",
    ];
    let ids = regex::Regex::new("[A-Z]{5}[0-9]{3}").unwrap();
    let mut keeps: Vec<(String, Keep)> = words
        .iter()
        .map(|w| {
            let w = w.to_string();
            (w.clone(), Box::new(move |t: &str| t.contains(&w)) as Box<_>)
        })
        .collect();
    keeps.push(("ids".into(), Box::new(move |t: &str| ids.is_match(t))));
    keeps.push(("nothing".into(), Box::new(|_: &str| false)));
    let mut skipped = 0;
    let mut paragraphs = 0;
    for (name, body) in &bodies {
        let full = split(body);
        paragraphs += full.paragraphs.len();
        for (what, keep) in &keeps {
            let (cheap, cheap_preamble) = split_searched(body, keep.as_ref());
            let (exact, exact_preamble) = split_matching(body, keep.as_ref());
            let name = format!("{name} ({what})");
            assert_eq!(cheap_preamble, exact_preamble, "{name}: preamble");
            assert_eq!(cheap.preamble, full.preamble, "{name}: preamble lines");
            skipped += agree(&name, &full, &cheap, &exact);
        }
    }
    // The cheap path is taken: most paragraphs' markings were never read.
    assert!(paragraphs > 2000, "{paragraphs}");
    assert!(skipped > 5000, "{skipped} of {paragraphs}");
}
