//! In-cable search in a very long paragraph: each key costs the same whatever the number of
//! matches (`benches/keys.rs` times it in an optimised build).

use std::time::{Duration, Instant};

use super::*;

#[test]
fn keys_after_a_search_in_a_long_paragraph_stay_quick() {
    let report = LoadReport {
        cables: vec![common::long_cable::long_paragraph_cable(32_000)],
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
