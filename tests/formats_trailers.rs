//! What may follow a cable's signature without being its text or its signer (a release
//! marking, a publisher's credit): the closing holds them, the signer is the name above them,
//! and the last paragraph ends with its own last sentence.

mod common;

use cable_reader::cable::Cable;

use common::load_corpus as load;

fn one(rel: &str) -> Cable {
    let mut cables = load(rel);
    assert_eq!(cables.len(), 1, "{rel}");
    cables.remove(0)
}

/// The cable's signer and closing, and the end of its last paragraph (with that paragraph's
/// number when given).
fn assert_closes(c: &Cable, signer: &str, closing: &str, number: Option<u32>, text_end: &str) {
    assert_eq!(c.signed_by.as_deref(), Some(signer));
    assert_eq!(c.closing, closing);
    let last = c.paragraphs.last().unwrap();
    if number.is_some() {
        assert_eq!(last.number, number);
    }
    assert!(last.text.ends_with(text_end), "{:?}", last.text);
}

#[test]
fn a_publishers_credit_after_the_signature() {
    let c = one("wikileaks-html/05MADRID4026.html");
    assert_closes(
        &c,
        "AGUIRRE",
        "AGUIRRE\n\nEPET @ EL PAÍS",
        Some(7),
        "may well be\nworth taking for the Odyssey. .",
    );
}

#[test]
fn a_release_marking_after_the_signature() {
    let c = one("csv/73TEHRAN7005.csv");
    assert_closes(
        &c,
        "HELMS",
        "HELMS\n\nDeclassified/Released US Department of State EO Systematic Review 30 JUN 2005\n\nNNN",
        Some(3),
        "PLACE. WILL\nREPORT FURTHER DEVELOPMENTS.",
    );
}

/// The index reads the signer as the full loader does, also past a trailer too long to be a
/// name line (the record's closing `NNN` cut, so that the release marking ends it).
#[test]
fn the_index_finds_the_signer_past_trailers() {
    use cable_reader::cable::build::{build, summarize};
    use cable_reader::cable::formats::extract;
    let whole = std::fs::read(common::corpus_file("csv/73TEHRAN7005.csv")).unwrap();
    let cut = String::from_utf8_lossy(&whole).replace("2005 \n \nNNN \n\"", "2005 \n\"");
    assert_ne!(cut.as_bytes(), &whole[..]);
    for (name, bytes) in [("whole", &whole[..]), ("cut", cut.as_bytes())] {
        let raw = extract(bytes).cables.remove(0);
        let full = build(raw.clone(), "73TEHRAN7005.csv");
        assert_eq!(full.signed_by.as_deref(), Some("HELMS"), "{name}");
        assert_eq!(
            summarize(raw, "73TEHRAN7005.csv", true).signer.as_deref(),
            Some("HELMS"),
            "{name}"
        );
    }
    let path = common::corpus_file("wikileaks-html/05MADRID4026.html");
    let raw = extract(&std::fs::read(path).unwrap()).cables.remove(0);
    assert_eq!(
        summarize(raw, "05MADRID4026.html", true).signer.as_deref(),
        Some("AGUIRRE")
    );
}

#[test]
fn a_site_title_cut_off_below_the_signature() {
    // The page's text ends `TRIVELLI` / `DANIEL ORTEGA AN...`: the cable is whole, the cut
    // line is the site's.
    let c = one("wikileaks-html/06MANAGUA1002.html");
    assert_closes(
        &c,
        "TRIVELLI",
        "TRIVELLI\n\nDANIEL ORTEGA AN...",
        None,
        "footage was filmed\nJune 24, 1984.",
    );
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
}

/// The signer of the one cable file `rel` holds (or of cable `id` in it).
fn signer_of(rel: &str, id: &str) -> Option<String> {
    load(rel)
        .into_iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("{id} in {rel}"))
        .signed_by
}

#[test]
fn the_signer_however_the_closing_sets_it_off() {
    for (rel, id, name) in [
        // Below a rule of stars, a post's web address note, a lone dash.
        (
            "wikileaks-html/07TELAVIV2652.html",
            "07TELAVIV2652",
            "JONES",
        ),
        ("wikileaks-html/08PARIS957.html", "08PARIS957", "STAPLETON"),
        ("csv/85TOKYO364.csv", "85TOKYO364", "CLARK"),
        // Above a release marking wrapped onto a second line, a `CABLE END` rule.
        ("csv/75TEHRAN2069.csv", "75TEHRAN2069", "HELMS"),
        ("html-fragments/09CAIRO1447.txt", "09CAIRO1447", "Tueller"),
        // A name with a particle; a name in capitals closing mixed-case text.
        (
            "html-fragments/06REYKJAVIK205.txt",
            "06REYKJAVIK205",
            "van Voorst",
        ),
        ("html-fragments/10CAIRO358.txt", "10CAIRO358", "SCOBEY"),
        // Glued to the last sentence's full stop, or after an end mark on its line.
        (
            "html-fragments/05TELAVIV4403.txt",
            "05TELAVIV4403",
            "KURTZER",
        ),
        ("wikileaks-html/10KABUL104.html", "10KABUL104", "EIKENBERRY"),
        (
            "json/delhi.json-excerpt_rows0001-0025.json",
            "97NEWDELHI6957",
            "WISNER",
        ),
        (
            "json/delhi.json-excerpt_rows0001-0025.json",
            "04NEWDELHI6976",
            "MULFORD",
        ),
    ] {
        assert_eq!(signer_of(rel, id).as_deref(), Some(name), "{rel}");
    }
    // A text that ends without a signature has none.
    assert_eq!(
        signer_of("wikileaks-html/08TRIPOLI220.html", "08TRIPOLI220"),
        None
    );
}

#[test]
fn a_declassification_group_mark_above_the_signature() {
    let c = one("csv/66BUENOSAIRES2481.csv");
    assert_closes(
        &c,
        "SACCIO",
        "GP-3\nSACCIO",
        None,
        "WHICH WOULD APPEAR MOST LIKELY TO SUCCEED.",
    );
}

#[test]
fn a_signature_below_a_redacted_paragraph() {
    let c = one("wikileaks-html/08RANGOON749.html");
    assert_eq!(c.signed_by.as_deref(), Some("DINGER"));
    assert_eq!(c.closing, "DINGER");
    let last = c.paragraphs.last().unwrap();
    assert_eq!((last.number, last.text.as_str()), (Some(3), "XXXXXXXXXXXX"));
}
