//! REF items as a careful reader takes them: only a key with a value is one (not the word in a
//! sentence), and a key written twice is read once. (A reference the source's own list names
//! as an id is not also kept as text: tests/formats_page_parts.rs, THEHAGUE174.)

mod common;

use cable_reader::cable::Cable;

use common::load_corpus as load;

fn others(c: &Cable) -> Vec<(Option<&str>, &str)> {
    (c.references_other.iter())
        .map(|o| (o.letter.as_deref(), o.text.as_str()))
        .collect()
}

#[test]
fn a_sentence_starting_with_reference_is_text_not_a_ref_line() {
    // `Reference for a new IPR-focused Working Group at the WCO.` ends a body line.
    let cables = load("plain-text/09USEUBRUSSELS1177.txt");
    let c = &cables[0];
    assert_eq!(c.id, "09USEUBRUSSELS1177");
    assert_eq!(c.references_raw, None);
    assert!(c.references.is_empty() && c.references_other.is_empty());
    // The text above that line is the cable's text, not header.
    let first = &c.paragraphs[0];
    assert_eq!(first.number, None);
    assert!(
        first
            .text
            .starts_with("SUMMARY: The World Customs Organization (WCO) Council, made up of"),
        "{:?}",
        &first.text[..80]
    );
    assert!(
        (c.summary.as_deref().unwrap_or_default())
            .starts_with("The World Customs Organization (WCO) Council")
    );
}

#[test]
fn a_ref_key_written_twice_is_one_key() {
    let cables = load("wikileaks-html/05MADRID4026.html");
    let c = &cables[0];
    assert_eq!(
        c.references_raw.as_deref(),
        Some("(A) MADRID 3785 (B) MADRID 3566 (C) SECSTATE")
    );
    assert_eq!(c.references, ["05MADRID3785", "05MADRID3566"]);
    assert_eq!(others(c), [(Some("C"), "SECSTATE")]);
}

#[test]
fn a_routing_instruction_run_on_after_the_ref_ends_it() {
    // `REF: STATE 6461  PLEASE PASS TO RSO, POLOFF, ECON, and MANAGEMENT (GSO and IT).
    // Classified by ...`, all on one line.
    let cables = load("wikileaks-html/09STATE15113.html");
    let c = &cables[0];
    assert_eq!(c.references_raw.as_deref(), Some("STATE 6461"));
    assert_eq!(c.references, ["09STATE6461"]);
    assert!(c.references_other.is_empty());
    assert_eq!(
        c.classified_by.as_deref(),
        Some("S/CT DAS, Susan F. Burk, Reason: 1/4 (B), (D), (E), and (G)")
    );
}
