//! In-cable search in a very long paragraph: each key costs the same whatever the number of
//! matches (`benches/keys.rs` times it in an optimised build).

use std::time::{Duration, Instant};

use super::*;

/// A cable whose one paragraph has `lines` teletype lines, each with the word `the` twice.
fn long_paragraph(lines: usize) -> Cable {
    let text: Vec<String> = (0..lines)
        .map(|n| format!("Line {n} of the long paragraph, which the reader wraps"))
        .collect();
    Cable {
        id: "09LONG1".into(),
        subject: "ONE LONG PARAGRAPH".into(),
        paragraphs: vec![Paragraph {
            number: Some(1),
            heading: None,
            marking_raw: None,
            marking: None,
            inherited: false,
            text: text.join("\n"),
        }],
        ..Cable::default()
    }
}

#[test]
fn keys_after_a_search_in_a_long_paragraph_stay_quick() {
    let report = LoadReport {
        cables: vec![long_paragraph(32_000)],
        errors: Vec::new(),
    };
    let mut s = State::new(report, Keymap::default_keymap(), 120, 40);
    let mut term = terminal(&s);
    typing(&mut s, "/the<enter>");
    assert_eq!(s.reader.search.as_ref().unwrap().matches.len(), 64_000);
    let mut worst = Duration::ZERO;
    for _ in 0..5 {
        for keys in ["j", "k", "<c-f>", "n"] {
            let t = Instant::now();
            typing(&mut s, keys);
            term.draw(|f| ui::draw(&s, f)).unwrap();
            worst = worst.max(t.elapsed());
        }
    }
    // Five `n` from the first match, two matches a line: the view follows the sixth match.
    assert!(status(&s).contains("6/64000"), "{}", status(&s));
    // Unoptimised and on a busy machine: a generous bound, which a cost of matches times lines
    // (seconds a key here) still fails.
    assert!(worst < Duration::from_millis(1500), "a key took {worst:?}");
}
