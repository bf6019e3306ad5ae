//! The versions of a cable in the reader: which one is open, another picked, and what
//! differs between two.

use super::*;

/// The file the open cable came from, from the corpus folder on.
fn open_source(s: &State) -> String {
    let i = s.reader.open.unwrap();
    let src = s.corpus.source(i);
    src[src.find("corpus/").unwrap() + 7..].to_string()
}

#[test]
fn version_n_opens_another_version_at_the_same_paragraph_and_back_returns() {
    let mut s = corpus_reader(120, 40);
    // The fullest is the one opened.
    typing(&mut s, ":open 7575LIBREVILLE1895<enter>");
    assert_eq!(open_source(&s), "csv/7575LIBREVILLE1895.csv");
    assert!(status(&s).contains(" version 1 of 4 "), "{}", status(&s));
    typing(&mut s, "<c-g>");
    let m = s.message.clone().unwrap();
    assert!(
        m.starts_with("7575LIBREVILLE1895 · version 1 of 4 · ") && m.contains("csv/7575"),
        "{m}"
    );
    typing(&mut s, ":1<enter>:version 4<enter>");
    assert_eq!(open_source(&s), "wikileaks-html/7575LIBREVILLE1895.html");
    assert_eq!(place(&s), ("7575LIBREVILLE1895".into(), Some(1)));
    let m = s.message.clone().unwrap();
    assert!(
        m.starts_with("7575LIBREVILLE1895 version 4 of 4: ")
            && m.ends_with("wikileaks-html/7575LIBREVILLE1895.html"),
        "{m}"
    );
    assert!(status(&s).contains(" version 4 of 4 "), "{}", status(&s));
    // Back is the version before.
    typing(&mut s, "<c-o>");
    assert_eq!(open_source(&s), "csv/7575LIBREVILLE1895.csv");
    assert_eq!(place(&s).1, Some(1));
    // A version that is not there.
    typing(&mut s, ":version 9<enter>");
    assert_eq!(
        s.message.as_deref(),
        Some("7575LIBREVILLE1895: there are versions 1 to 4")
    );
    typing(&mut s, ":version two<enter>");
    assert_eq!(
        s.message.as_deref(),
        Some("Which version? :version 2 (from 1, fullest first; not two)")
    );
    // A cable of one version says none.
    typing(&mut s, ":open 09USNATO595<enter>");
    assert!(!status(&s).contains("version"), "{}", status(&s));
}

#[test]
fn versions_lists_source_format_record_and_release_and_enter_opens_one() {
    let mut s = corpus_reader(120, 40);
    typing(&mut s, ":open 7575LIBREVILLE1895<enter>:versions<enter>");
    assert_eq!(s.overlay, Some(Overlay::Versions));
    assert!(
        screen(&s).contains("Versions of 7575LIBREVILLE1895: 4, fullest first"),
        "{}",
        screen(&s)
    );
    let rows: Vec<String> = rows_with(&s, " released ")
        .iter()
        .map(|r| r[..r.find("released -").unwrap() + 10].to_string())
        .collect();
    assert_eq!(
        rows,
        [
            "▸ 1. cables-csv      record 10     released -",
            "  2. cables-csv      record 10     released -",
            "  3. cables-csv      record 10     released -",
            "  4. wikileaks-html  record -      released -",
        ]
    );
    let paths: Vec<String> = rows_with(&s, " released ")
        .iter()
        .map(|r| r.split("corpus/").nth(1).unwrap().to_string())
        .collect();
    assert_eq!(
        paths,
        [
            "csv/7575LIBREVILLE1895.csv",
            "csv/cables.csv-excerpt_rows0001-0037.csv",
            "csv/cables.csv-excerpt_rows0002-0034_CRLF.csv",
            "wikileaks-html/7575LIBREVILLE1895.html",
        ]
    );
    typing(&mut s, "G<enter>");
    assert_eq!(s.overlay, None);
    assert_eq!(open_source(&s), "wikileaks-html/7575LIBREVILLE1895.html");
    // Esc closes the list without a change.
    typing(&mut s, ":versions<enter>k<esc>");
    assert_eq!(s.overlay, None);
    assert_eq!(open_source(&s), "wikileaks-html/7575LIBREVILLE1895.html");
}
