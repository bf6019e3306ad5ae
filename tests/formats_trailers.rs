//! What may follow a cable's signature without being its text or its signer (a release
//! marking, a publisher's credit): the closing holds them, the signer is the name above them,
//! and the last paragraph ends with its own last sentence.

use std::path::Path;

use cable_reader::cable::{Cable, load_paths};

fn one(rel: &str) -> Cable {
    let mut report = load_paths(&[Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(rel)]);
    assert!(report.errors.is_empty(), "{rel}: {:?}", report.errors);
    assert_eq!(report.cables.len(), 1, "{rel}");
    report.cables.remove(0)
}

#[test]
fn a_publishers_credit_after_the_signature() {
    let c = one("wikileaks-html/05MADRID4026.html");
    assert_eq!(c.signed_by.as_deref(), Some("AGUIRRE"));
    assert_eq!(c.closing, "AGUIRRE\n\nEPET @ EL PAÍS");
    let last = c.paragraphs.last().unwrap();
    assert_eq!(last.number, Some(7));
    assert!(
        last.text
            .ends_with("may well be\nworth taking for the Odyssey. ."),
        "{:?}",
        last.text
    );
}

#[test]
fn a_release_marking_after_the_signature() {
    let c = one("csv/73TEHRAN7005.csv");
    assert_eq!(c.signed_by.as_deref(), Some("HELMS"));
    assert_eq!(
        c.closing,
        "HELMS\n\nDeclassified/Released US Department of State EO Systematic Review 30 JUN 2005\n\nNNN"
    );
    let last = c.paragraphs.last().unwrap();
    assert_eq!(last.number, Some(3));
    assert!(
        last.text
            .ends_with("PLACE. WILL\nREPORT FURTHER DEVELOPMENTS."),
        "{:?}",
        last.text
    );
}
