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

#[test]
fn diff_shows_removed_and_added_words_paragraph_by_paragraph() {
    let mut s = corpus_reader(120, 40);
    typing(&mut s, ":open 7575LIBREVILLE1895<enter>:diff<enter>");
    assert_eq!(s.overlay, Some(Overlay::Diff));
    assert!(
        screen(&s).contains("╔ 7575LIBREVILLE1895: version 1 → version 4 · 5 places differ ═"),
        "{}",
        screen(&s)
    );
    let rows = overlay_rows(&s);
    assert!(
        rows[0].starts_with("--- version 1: ")
            && rows[0].ends_with("corpus/csv/7575LIBREVILLE1895.csv (cables-csv, record 10)"),
        "{rows:?}"
    );
    assert!(
        rows[1].starts_with("+++ version 4: ")
            && rows[1].ends_with("corpus/wikileaks-html/7575LIBREVILLE1895.html (wikileaks-html)"),
        "{rows:?}"
    );
    assert_eq!(
        rows[2..7],
        [
            "",
            "¶1: PRESIDENT BONGO HAS JUST PERSONALLY ASSURED ME THAT GOG PERMREP HAS NOW RECEIVED [-FIRM INSTRUCTIONS TO",
            "  VOTE AGAINST HOSTILE RESOLUTION IN PLENARY THIS AFTERNOON.-]{+F...+}",
            "",
            "¶2: [-ACCORDING ROK AMBASSADOR KIM, INSTRUCTIONS HAVE NOW BEEN SENT THROUGH TWO CHANNELS: (A) BY PHONE FROM",
        ]
    );
    assert_eq!(
        rows.last().map(String::as_str),
        Some("closing: [-STEIGMAN-]")
    );
    // Removed words are red, added ones green, in the default theme.
    let (removed, added) = (diff_cell(&s, "[-FIRM"), diff_cell(&s, "{+F...+}"));
    assert_eq!((removed, added), (Color::Red, Color::Green));
    // It scrolls with the usual keys, and Esc closes it.
    typing(&mut s, "j");
    assert_eq!(
        s.web.diff.as_ref().unwrap().scroll,
        0,
        "it all fits: nothing to scroll"
    );
    typing(&mut s, "<esc>");
    assert_eq!(s.overlay, None);
    // Two versions picked, the other way round.
    typing(&mut s, ":diff 4,1<enter>");
    let rows = overlay_rows(&s);
    assert!(rows[0].starts_with("--- version 4: "), "{rows:?}");
    assert!(rows[3].ends_with("[-F...-]{+FIRM"), "{rows:?}");
    typing(&mut s, "q");
    assert_eq!(s.overlay, None);
    // The same text in every version.
    typing(&mut s, ":open 85BEIRUT1013<enter>:diff<enter>");
    assert_eq!(s.message.as_deref(), Some("The versions are the same text"));
    assert_eq!(
        overlay_rows(&s)[2..],
        ["", "the versions are the same text"]
    );
    // Mistakes say what is wrong.
    for (typed, says) in [
        (":diff 1 7", "85BEIRUT1013: there are versions 1 to 4"),
        (
            ":open 09USNATO595<enter>:diff",
            "09USNATO595 has only one version loaded",
        ),
    ] {
        typing(&mut s, &format!("<esc>{typed}<enter>"));
        assert_eq!(s.message.as_deref(), Some(says), "{typed}");
        assert_eq!(s.overlay, None);
    }
}

#[test]
fn a_long_diff_scrolls_and_reads_without_colour() {
    let paths = vec![common::corpus()];
    let mut s = indexing_reader(paths.clone(), 60, 16);
    s.theme = config("theme = \"mono\"\n").theme;
    index_into(&mut s, &paths);
    typing(&mut s, ":open 7575LIBREVILLE1895<enter>:diff<enter>");
    let first = overlay_rows(&s);
    assert_eq!(first[0], "--- version 1:");
    typing(&mut s, "<c-d>");
    assert_eq!(s.web.diff.as_ref().unwrap().scroll, 6);
    typing(&mut s, "G");
    let last = overlay_rows(&s);
    assert_eq!(
        last.last().map(String::as_str),
        Some("closing: [-STEIGMAN-]")
    );
    // No colour: the marks say what was removed and added.
    assert_eq!(diff_cell(&s, "[-STEIGMAN"), Color::Reset);
    typing(&mut s, "g");
    assert_eq!(s.web.diff.as_ref().unwrap().scroll, 0);
}

/// The colour of the cell where `text` starts on the screen.
fn diff_cell(s: &State, text: &str) -> Color {
    let t = terminal(s);
    let buf = t.backend().buffer();
    for y in 0..buf.area.height {
        let row: Vec<String> = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        let line: String = row.concat();
        if let Some(at) = line.find(text) {
            let x = line[..at].chars().count() as u16;
            return buf[(x, y)].fg;
        }
    }
    panic!("{text} not on the screen")
}

/// The overlay's rows: the text between its `║` borders, trimmed at the right.
fn overlay_rows(s: &State) -> Vec<String> {
    screen(s)
        .lines()
        .skip_while(|l| !l.contains('╔'))
        .skip(1)
        .take_while(|l| !l.contains('╚'))
        .map(|l| l.split('║').nth(1).unwrap_or("").trim_end().to_string())
        .collect()
}
