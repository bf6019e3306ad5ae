//! Citations as pasted, and the links between cables.

use super::*;
use ratatui::style::Modifier;

#[test]
fn open_takes_citations_as_pasted() {
    let mut s = corpus_reader(120, 40);
    for typed in [
        "09USNATO595 ¶12",
        "09usnato595:12",
        "09 USNATO 595 para 12",
        "https://wikileaks.org/cable/2009/12/09USNATO595.html#par12",
    ] {
        typing(&mut s, ":open 85BEIRUT1013<enter>");
        assert_eq!(place(&s).0, "85BEIRUT1013");
        typing(&mut s, &format!(":open {typed}<enter>"));
        assert_eq!(place(&s), ("09USNATO595".into(), Some(12)), "{typed}");
        assert_eq!(s.message, None, "{typed}");
        // Back goes to where `:open` was typed, in one step.
        typing(&mut s, "<c-o>");
        assert_eq!(place(&s).0, "85BEIRUT1013", "{typed}");
    }
    typing(&mut s, ":open 09 USNATO 595<enter>");
    assert_eq!(place(&s).0, "09USNATO595");
    // No year: the open cable's (2009).
    typing(&mut s, ":open 09BAKU749<enter>:open USNATO 595 p. 3<enter>");
    assert_eq!(place(&s), ("09USNATO595".into(), Some(3)));
    // A prefix, as before, and a cable not loaded.
    typing(&mut s, ":open 85beirut101<enter>");
    assert_eq!(place(&s).0, "85BEIRUT1013");
    typing(&mut s, ":open 85 BEIRUT 993<enter>");
    assert_eq!(s.message.as_deref(), Some("No cable 85BEIRUT993 is loaded"));
}

#[test]
fn links_overlay_lists_cited_and_citing_cables_and_opens_one() {
    let mut s = corpus_reader(120, 40);
    typing(&mut s, ":open 85BEIRUT1014<enter>R");
    assert_eq!(s.overlay, Some(Overlay::Links));
    assert_eq!(
        rows_with(&s, " cites "),
        [
            " cites     85BEIRUT1013  1985-02-19  FURTHER ON HIZBALLAH \"MANIFESTO\"",
            " cites     85BEIRUT993  not in the release",
        ]
    );
    assert!(screen(&s).contains("Links of 85BEIRUT1014: cites 2 · cited by 0"));
    // A cable not loaded does not open; the overlay stays.
    typing(&mut s, "j<enter>");
    assert_eq!(
        s.message.as_deref(),
        Some("85BEIRUT993 is not in the release")
    );
    assert_eq!(s.overlay, Some(Overlay::Links));
    // Enter on a cited cable opens it; from there `:refs` shows who cites it; back returns.
    typing(&mut s, "k<enter>");
    assert_eq!(s.overlay, None);
    assert_eq!(place(&s).0, "85BEIRUT1013");
    typing(&mut s, ":refs<enter>");
    assert_eq!(
        rows_with(&s, " cite"),
        [
            " cites     85BEIRUT992  1985-02-18  HIZBALLAH CALLS FOR ISLAMIC REPUBLIC IN LEBANON",
            " cited by  85BEIRUT1014  1985-02-19  HIZBALLAH ON THE MOVE",
            " cited by  85BEIRUT1351  1985-03-05  HIZBALLAH \"MANIFESTO\"",
        ]
    );
    typing(&mut s, "G<enter>");
    assert_eq!(place(&s).0, "85BEIRUT1351");
    typing(&mut s, "<c-o>");
    assert_eq!(place(&s).0, "85BEIRUT1013");
    typing(&mut s, "<c-o>");
    assert_eq!(place(&s).0, "85BEIRUT1014");
    // A REF line's letters.
    typing(&mut s, ":open 01PRETORIA1173<enter>R");
    let rows = rows_with(&s, "00CAPETOWN2150");
    assert_eq!(rows.len(), 1);
    assert!(
        rows[0].starts_with(" cites     D. 00CAPETOWN2150  "),
        "{rows:?}"
    );
}

#[test]
fn limit_narrows_the_list_to_a_query_and_j_k_step_through_it() {
    let mut s = corpus_reader(120, 40);
    let all = s.groups.len();
    assert_eq!((s.corpus.len(), all), (327, 243));
    typing(&mut s, ":limit origin:BEIRUT date:1985<enter>");
    let ids = |s: &State| -> Vec<String> {
        s.list
            .rows
            .iter()
            .map(|&i| s.corpus.cables[i as usize].id().to_string())
            .collect()
    };
    // One row per cable, whatever its versions.
    assert_eq!(
        ids(&s),
        [
            "85BEIRUT1013",
            "85BEIRUT1014",
            "85BEIRUT1351",
            "85BEIRUT172",
            "85BEIRUT240",
            "85BEIRUT992",
        ]
    );
    assert!(
        screen(&s)
            .lines()
            .next()
            .unwrap()
            .starts_with("\"┌ Cables 6 of 243 · limit origin:BEIRUT date:1985 ─"),
        "{}",
        screen(&s)
    );
    // `l` shows the limit in force, to change it.
    typing(&mut s, "l");
    assert_eq!(
        s.prompt.as_ref().map(|p| p.text()).as_deref(),
        Some("limit origin:BEIRUT date:1985")
    );
    // A mistake names its column and leaves the limit as it was.
    typing(&mut s, "<esc>:limit date:2009 (tag:<enter>");
    assert_eq!(
        s.message.as_deref(),
        Some("Limit: column 16: tag: needs a value")
    );
    assert_eq!(s.list.rows.len(), 6);
    // J and K open the next and previous cable of the list, from the paragraph view.
    let first = s.list.rows[0] as usize;
    let second = s.list.rows[1] as usize;
    typing(&mut s, ":open 09BAKU749<enter>J");
    assert_eq!(s.reader.open, Some(first));
    typing(&mut s, "J");
    assert_eq!(s.reader.open, Some(second));
    assert_eq!(place(&s).0, "85BEIRUT1014");
    typing(&mut s, "KK");
    assert_eq!(s.reader.open, Some(first));
    assert_eq!(
        s.message.as_deref(),
        Some("The first cable of the list is open")
    );
    typing(&mut s, ":limit<enter>");
    assert_eq!(s.list.rows.len(), all);
    assert!(screen(&s).starts_with("\"┌ Cables 243 ─"));
}

#[test]
fn facets_count_the_list_and_enter_narrows_the_limit() {
    let mut s = corpus_reader(120, 40);
    typing(&mut s, ":limit origin:BEIRUT<enter>f");
    assert_eq!(s.overlay, Some(Overlay::Facets));
    let overlay: Vec<String> = screen(&s)
        .lines()
        .skip_while(|l| !l.contains("╔ Facets of 6 cables"))
        .skip(1)
        .take_while(|l| !l.contains('╚'))
        .map(|l| l.split('║').nth(1).unwrap().trim_end().to_string())
        .collect();
    assert_eq!(
        overlay,
        [
            " year",
            "         6  1985",
            " origin",
            "         6  BEIRUT",
            " tag",
            "         6  LE",
            "         5  PINT",
            "         4  PTER",
            "         1  IR",
            "         1  PGOV",
            " class",
            "         3  C",
            "         3  U",
            " caveat",
            " marking",
            "         4  unmarked",
            "         3  C",
            "         2  U",
        ]
    );
    // Enter on a value adds its term to the limit.
    typing(&mut s, "jjjjj<enter>");
    assert_eq!(s.overlay, None);
    assert_eq!(s.limit.text(), Some("(origin:BEIRUT) tag:PINT"));
    assert_eq!(s.list.rows.len(), 5);
    // On a heading it does nothing; from no limit, the term alone.
    typing(&mut s, ":limit<enter>:facets<enter>k<enter>");
    assert_eq!(s.overlay, Some(Overlay::Facets));
    typing(&mut s, "j<enter>");
    assert_eq!(s.limit.text(), Some("date:2009"));
}

#[test]
fn tab_completes_ids_after_open() {
    let mut s = corpus_reader(120, 40);
    typing(&mut s, ":open 85beirut1<tab>");
    assert_eq!(s.prompt.as_ref().unwrap().text(), "open 85BEIRUT1");
    assert_eq!(s.message.as_deref(), Some("4 cables start 85BEIRUT1"));
    typing(&mut s, "01<tab>");
    assert_eq!(s.prompt.as_ref().unwrap().text(), "open 85BEIRUT101");
    assert_eq!(s.message.as_deref(), Some("2 cables start 85BEIRUT101"));
    typing(&mut s, "4<tab>");
    assert_eq!(s.prompt.as_ref().unwrap().text(), "open 85BEIRUT1014");
    assert_eq!(s.message, None);
    typing(&mut s, "<enter>");
    assert_eq!(place(&s).0, "85BEIRUT1014");
    typing(&mut s, ":limit <tab>");
    assert_eq!(
        s.message.as_deref(),
        Some("Tab completes a cable id after :open")
    );
}

/// Links, limit and facets on a whole release: `CABLE_READER_BENCH_CSV=bench-data/cables.csv
/// cargo test --release --test reader -- --ignored bench_web_keys --nocapture`.
#[test]
#[ignore]
fn bench_web_keys() {
    use std::time::Instant;
    let Some(path) = std::env::var_os("CABLE_READER_BENCH_CSV") else {
        return;
    };
    let paths = vec![std::path::PathBuf::from(path)];
    let mut s = indexing_reader(paths.clone(), 140, 45);
    let start = Instant::now();
    index_into(&mut s, &paths);
    eprintln!(
        "indexed {} cables and built the links in {:?}",
        s.corpus.len(),
        start.elapsed()
    );
    let mut t = Terminal::new(TestBackend::new(140, 45)).unwrap();
    let mut timed = |s: &mut State, what: &str, keys: &str| {
        let start = Instant::now();
        typing(s, keys);
        t.draw(|f| ui::draw(s, f)).unwrap();
        eprintln!("{what}: {:?}", start.elapsed());
    };
    timed(&mut s, ":open 09BAKU749", ":open 09BAKU749<enter>");
    timed(&mut s, "R", "R");
    eprintln!("  {} links", s.web.rows.len());
    timed(&mut s, "Enter on a link", "<enter>");
    timed(&mut s, ":limit tag:PREL", ":limit tag:PREL<enter>");
    eprintln!("  {} cables", s.list.rows.len());
    timed(&mut s, ":limit tag:PREL again", ":limit tag:PREL<enter>");
    timed(
        &mut s,
        ":limit origin:PARIS date:2009",
        ":limit origin:PARIS date:2009<enter>",
    );
    timed(&mut s, "J", "J");
    timed(&mut s, ":limit (clear)", ":limit<enter>");
    timed(&mut s, "f over the whole list", "f");
    timed(&mut s, "Esc, f again", "<esc>f");
    timed(&mut s, "Enter on a facet", "jj<enter>");
}

#[test]
fn copy_follows_the_citation_template_and_names_where_it_went() {
    let mut s = reader_with(
        &config("citation = \"{text} ({id} ¶{¶}, {date})\"\nclipboard = [\"wl-copy\"]\n"),
        Memory::default(),
    );
    let [Effect::Copy(text)] = &typing(&mut s, ":2<enter>y")[..] else {
        panic!("nothing copied")
    };
    assert_eq!(
        text,
        "Text of written summary: (09USNATO595 ¶2, 2009-12-21)"
    );
    assert_eq!(
        s.message.as_deref(),
        Some("Copied 09USNATO595 ¶2 with its citation (53 characters) to wl-copy")
    );
    // The default names OSC 52.
    let mut s = reader(120, 40);
    typing(&mut s, ":2<enter>y");
    assert_eq!(
        s.message.as_deref(),
        Some("Copied 09USNATO595 ¶2 with its citation (44 characters) to the clipboard by OSC 52")
    );
}

#[test]
fn forward_after_back_returns_to_the_same_cable_and_paragraph() {
    let mut s = corpus_reader(120, 40);
    typing(
        &mut s,
        ":open 85BEIRUT1014<enter>:3<enter>R<enter>:4<enter>",
    );
    assert_eq!(place(&s), ("85BEIRUT1013".into(), Some(4)));
    // Back twice: before ¶4, then the cable R left.
    typing(&mut s, "<c-o>");
    assert_eq!(place(&s).0, "85BEIRUT1013");
    typing(&mut s, "<c-o>");
    assert_eq!(place(&s), ("85BEIRUT1014".into(), Some(3)));
    // Forward (I, or Ctrl-i where the terminal tells it from Tab) retraces them.
    typing(&mut s, "I");
    assert_eq!(place(&s).0, "85BEIRUT1013");
    typing(&mut s, "<c-i>");
    assert_eq!(place(&s), ("85BEIRUT1013".into(), Some(4)));
    typing(&mut s, "I");
    assert_eq!(
        s.message.as_deref(),
        Some("No later place to go forward to")
    );
    // A new jump after going back drops what was ahead, as in vim.
    typing(&mut s, "<c-o>:open 09USNATO595<enter>I");
    assert_eq!(place(&s).0, "09USNATO595");
    assert_eq!(
        s.message.as_deref(),
        Some("No later place to go forward to")
    );
    typing(&mut s, "<c-o>");
    assert_eq!(place(&s).0, "85BEIRUT1013");
    // Tab still moves the focus.
    typing(&mut s, "<tab>");
    assert_ne!(s.focus, Pane::Reader);
}

#[test]
fn the_ref_line_marks_each_reference_by_where_it_is() {
    let mut s = corpus_reader(120, 40);
    typing(&mut s, ":open 85BEIRUT1014<enter>");
    let rows: Vec<String> = screen(&s)
        .lines()
        .skip_while(|l| !l.contains(" REF "))
        .take(2)
        .map(|l| {
            l.split('┃')
                .nth(1)
                .unwrap()
                .split('║')
                .next()
                .unwrap()
                .trim_end()
                .to_string()
        })
        .collect();
    assert_eq!(
        rows,
        [
            "   REF       85BEIRUT1013, 85BEIRUT993",
            "             ✓ 85BEIRUT1013  ✗ 85BEIRUT993 not in the release",
        ]
    );
    // A loaded one stands out by more than colour.
    let t = terminal(&s);
    let buf = t.backend().buffer();
    let y = (0..buf.area.height)
        .find(|&y| buf[(14, y)].symbol() == "✓")
        .unwrap();
    let loaded = buf[(16, y)].modifier;
    assert!(
        loaded.contains(Modifier::BOLD | Modifier::UNDERLINED),
        "{loaded:?}"
    );
    assert!(!buf[(30, y)].modifier.contains(Modifier::UNDERLINED));
    // Letters as the REF list gives them.
    typing(&mut s, ":open 01PRETORIA1173<enter>");
    let marks: String = screen(&s)
        .lines()
        .filter(|l| l.contains('✓') || l.contains("not loaded") || l.contains('✗'))
        .collect();
    assert!(
        marks.contains("✗ D. 00CAPETOWN2150 not in the release"),
        "{marks}"
    );
}

#[test]
fn the_links_are_built_on_the_indexers_thread_and_handed_over() {
    use cable_reader::app::action::Shared;
    use cable_reader::cable::{IndexEvent, LoadOptions, index_in_background_cached};
    use std::time::Duration;
    let paths = vec![common::corpus()];
    // As the event loop does it: at the end of indexing the reader builds nothing; the index
    // goes back to the worker, whose links and query facts come back.
    let mut s = indexing_reader(paths.clone(), 120, 40);
    let handle = index_in_background_cached(paths.clone(), LoadOptions::default(), None, 0);
    for e in handle.events().iter() {
        let done = matches!(e, IndexEvent::Done { .. });
        s.web.coming |= done;
        dispatch(&mut s, Action::Indexed(Shared::new(e)));
        if done {
            break;
        }
    }
    assert!(!s.indexing_now());
    assert!(s.web.web.is_none());
    typing(&mut s, ":open 85BEIRUT1014<enter>R");
    assert_eq!(s.overlay, None);
    assert_eq!(
        s.message.as_deref(),
        Some("The links are being built: a moment")
    );
    handle.store_cache(s.corpus.clone());
    let built = handle
        .built()
        .recv_timeout(Duration::from_secs(60))
        .unwrap();
    assert_eq!((built.cables, s.corpus.len()), (327, 327));
    s.links_built(built);
    assert!(!s.web.coming);
    typing(&mut s, "R");
    assert_eq!(s.overlay, Some(Overlay::Links));
    assert!(screen(&s).contains("Links of 85BEIRUT1014: cites 2 · cited by 0"));
    // The header's REF line marks the reference loaded, as when built here.
    let here = {
        let mut t = corpus_reader(120, 40);
        typing(&mut t, ":open 85BEIRUT1014<enter>");
        screen(&t)
    };
    typing(&mut s, "<esc>");
    assert_eq!(screen(&s), here);
    // The event loop's own handling: busy until the links have come.
    let mut s = indexing_reader(paths.clone(), 120, 40);
    let mut background = cable_reader::runtime::Background::default();
    background.index = Some(index_in_background_cached(
        paths,
        LoadOptions::default(),
        None,
        0,
    ));
    let until = std::time::Instant::now() + Duration::from_secs(60);
    while background.busy() && std::time::Instant::now() < until {
        background.take_events(&mut s);
        std::thread::sleep(Duration::from_millis(1));
    }
    assert!(!background.busy());
    assert!(s.web.web.is_some() && !s.web.coming);
    typing(&mut s, ":open 7575LIBREVILLE1895<enter>");
    assert!(status(&s).contains(" version 1 of 4 "), "{}", status(&s));
}
