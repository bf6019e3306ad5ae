//! Files holding several cables one after another: each read as its own cable, numbered by its
//! place in the file. The inputs are real single-cable files of tests/corpus, joined at test
//! time.

use std::path::Path;

use cable_reader::cable::{Cable, Warning, load_bytes};

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus")
            .join(rel),
    )
    .expect("corpus file")
}

fn joined(parts: &[&str]) -> Vec<u8> {
    parts.iter().flat_map(|p| read(p)).collect()
}

/// `id date paragraphs record` of each cable.
fn summary(cables: &[Cable]) -> Vec<String> {
    cables
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {:?}",
                c.id,
                c.date.as_deref().unwrap_or("-"),
                c.paragraphs.len(),
                c.record
            )
        })
        .collect()
}

#[test]
fn two_pdf_texts_one_after_another() {
    let bytes = joined(&[
        "plain-text/09PARIS1007.txt",
        "plain-text/06NEWDELHI5135.txt",
    ]);
    let (cables, errors) = load_bytes(&bytes, "two.txt");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        summary(&cables),
        vec![
            "09PARIS1007 2009-07-24T15:55:00Z 5 Some(1)",
            "06NEWDELHI5135 2006-07-21T07:22:00Z 37 Some(2)",
        ]
    );
    assert_eq!(cables[0].signed_by.as_deref(), Some("PEKALA"));
}

#[test]
fn three_texts_in_the_other_order() {
    let bytes = joined(&[
        "plain-text/06NEWDELHI5135.txt",
        "plain-text/09PARIS1007.txt",
        "plain-text/09PARIS1040.txt",
    ]);
    let (cables, _) = load_bytes(&bytes, "three.txt");
    let ids: Vec<&str> = cables.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, vec!["06NEWDELHI5135", "09PARIS1007", "09PARIS1040"]);
    assert_eq!(cables[0].paragraphs.len(), 37);
}

#[test]
fn two_html_fragments_one_after_another() {
    let bytes = joined(&[
        "html-fragments/10AMMAN91.txt",
        "html-fragments/09TRIPOLI684.txt",
    ]);
    let (cables, errors) = load_bytes(&bytes, "two.html");
    assert!(errors.is_empty(), "{errors:?}");
    // Without a date neither names its year: each id is its banner's post and serial, never
    // the file's name, which would give both cables one id.
    assert_eq!(
        summary(&cables),
        vec!["AMMAN91 - 12 Some(1)", "TRIPOLI684 - 5 Some(2)"]
    );
    assert_eq!(cables[0].signed_by.as_deref(), Some("Beecroft"));
    let year_unknown = Warning::Note {
        message: "the cable gives no date: its id names post and serial without the year".into(),
    };
    assert!(cables.iter().all(|c| c.warnings.contains(&year_unknown)));
}

#[test]
fn a_cable_without_banner_or_date_is_named_by_file_and_place() {
    // The first cable's banner line cut: nothing of its own names it.
    let first = read("html-fragments/10AMMAN91.txt");
    let banner_end = first.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut bytes = b"<code><pre>".to_vec();
    bytes.extend_from_slice(&first[banner_end..]);
    bytes.extend(read("html-fragments/09TRIPOLI684.txt"));
    let (cables, errors) = load_bytes(&bytes, "dir/two.html");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        summary(&cables),
        vec!["two.html#1 - 12 Some(1)", "TRIPOLI684 - 5 Some(2)"]
    );
}

#[test]
fn a_single_file_named_for_its_cable_keeps_the_year_of_its_name() {
    let (cables, _) = load_bytes(
        &read("html-fragments/10AMMAN91.txt"),
        "html-fragments/10AMMAN91.txt",
    );
    assert_eq!(summary(&cables), vec!["10AMMAN91 - 12 None"]);
    // A name that is not the cable's id gives way to the banner.
    let (cables, _) = load_bytes(&read("html-fragments/10AMMAN91.txt"), "saved.txt");
    assert_eq!(summary(&cables), vec!["AMMAN91 - 12 None"]);
}

#[test]
fn html_fragments_with_datelines_and_signatures_glued() {
    let bytes = joined(&[
        "html-fragments/06NEWDELHI5495.txt",
        "html-fragments/07NEWDELHI1485.txt",
        "html-fragments/02ANKARA8305.txt",
        "html-fragments/05PARIS7777.txt",
    ]);
    let (cables, errors) = load_bytes(&bytes, "four.html");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        summary(&cables),
        vec![
            "06NEWDELHI5495 2006-08-04T13:17:00Z 17 Some(1)",
            "07NEWDELHI1485 2007-03-28T12:06:00Z 13 Some(2)",
            "02ANKARA8305 2002-11-15T12:40:00Z 35 Some(3)",
            "05PARIS7777 2005-11-16T09:53:00Z 7 Some(4)",
        ]
    );
}

#[test]
fn two_saved_pages_one_after_another() {
    let bytes = joined(&[
        "wikileaks-html/00HARARE6677.html",
        "wikileaks-html/04MADRID2164.html",
    ]);
    let (cables, errors) = load_bytes(&bytes, "pages.html");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        summary(&cables),
        vec![
            "00HARARE6677 2000-11-29T13:01:00Z 11 Some(1)",
            "04MADRID2164 2004-06-09T09:09:00Z 13 Some(2)",
        ]
    );
}

#[test]
fn a_single_cable_is_not_split() {
    for rel in [
        "plain-text/06NEWDELHI5135.txt",
        "html-fragments/10AMMAN91.txt",
        "html-fragments/08BEIJING3899.txt",
    ] {
        let (cables, _) = load_bytes(&read(rel), rel);
        assert_eq!(cables.len(), 1, "{rel}");
        assert_eq!(cables[0].record, None, "{rel}");
    }
}
