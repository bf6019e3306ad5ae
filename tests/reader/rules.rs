//! One copy of each rule: matcher, classification, hits and cursors.

use super::*;

#[test]
fn a_regular_expression_hit_opens_with_its_matches_highlighted() {
    let mut s = reader(120, 40);
    dispatch(&mut s, Action::RunCommand("search Medv[e]dev".into()));
    dispatch(&mut s, Command::Open);
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    let search = s.reader.search.as_ref().unwrap();
    let found = search.matches.len();
    assert!(search.current.is_some(), "{search:?}");
    // The same places a plain search for the word finds.
    let mut plain = reader(120, 40);
    dispatch(&mut plain, Action::SearchFor("Medvedev".into()));
    assert_eq!(found, plain.reader.search.as_ref().unwrap().matches.len());
    assert_eq!(found, 9);
    assert!(status(&s).contains("/Medv[e]dev 1/9"), "{}", status(&s));
}

#[test]
fn a_hit_in_a_file_named_with_a_control_character_opens() {
    use cable_reader::app::action::Shared;
    use cable_reader::cable::search::{Query, search_paths};
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(common::corpus_file("scoop-text/09USNATO595.txt")).unwrap();
    std::fs::write(dir.path().join("09USNATO\x01595.txt"), bytes).unwrap();
    let paths = vec![dir.path().to_path_buf()];
    let mut s = indexing_reader(paths.clone(), 120, 40);
    index_into(&mut s, &paths);
    let fx = dispatch(&mut s, Action::RunCommand("search Medvedev".into()));
    let (generation, pattern) = started_search(fx);
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut events = Vec::new();
    let query = Query::new(&pattern).unwrap();
    search_paths(
        &paths,
        &query,
        cable_reader::app::corpus_search::search_options(),
        &cancel,
        |e| events.push(e),
    );
    for e in events {
        dispatch(&mut s, Action::Searched(generation, Shared::new(Some(e))));
    }
    dispatch(&mut s, Action::Searched(generation, Shared::new(None)));
    assert!(!screen(&s).contains('\x01'));
    dispatch(&mut s, Command::Open);
    assert_eq!(s.message, None);
    assert_eq!(s.overlay, None);
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    assert_eq!(s.paragraph_position().unwrap(), "¶1/19");
}

#[test]
fn the_remembered_cable_does_not_take_over_what_the_user_opened() {
    use cable_reader::app::action::Shared;
    let root = common::corpus();
    let paths = vec![root];
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut events = Vec::new();
    cable_reader::cable::index::index_with(&paths, LoadOptionsDefault::get(), &cancel, |e| {
        events.push(e)
    });
    let batches: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(
            |(_, e)| matches!(e, cable_reader::cable::IndexEvent::Batch(b) if !b.cables.is_empty()),
        )
        .map(|(k, _)| k)
        .collect();
    assert!(batches.len() >= 2, "the corpus arrives in one batch");
    let last = match &events[*batches.last().unwrap()] {
        cable_reader::cable::IndexEvent::Batch(b) => b.cables.last().unwrap().id().to_string(),
        _ => unreachable!(),
    };
    for how in ["list", "bookmark"] {
        let mut memory = Memory::default();
        memory.corpora.insert("test".into(), last.clone());
        let config = cable_reader::config::Config {
            keymap: Keymap::default_keymap(),
            ..cable_reader::config::Config::default()
        };
        let mut s = State::indexing(paths.clone(), &config, memory, "test".into(), 120, 40);
        let mut events = events.clone().into_iter();
        for e in events.by_ref().take(batches[0] + 1) {
            dispatch(&mut s, Action::Indexed(Shared::new(e)));
        }
        assert!(s.corpus.len() > 1);
        let wanted = s.corpus.cables[1].id().to_string();
        match how {
            "list" => {
                dispatch(&mut s, Command::FocusPrev);
                dispatch(&mut s, Command::Top);
                dispatch(&mut s, Command::Down);
                dispatch(&mut s, Command::Open);
            }
            _ => {
                s.memory.bookmarks.push(cable_reader::memory::Bookmark {
                    cable: wanted.clone(),
                    id: wanted.clone(),
                    paragraph: 1,
                    marking: None,
                    words: String::new(),
                });
                dispatch(&mut s, Command::BookmarkList);
                dispatch(&mut s, Command::Open);
            }
        }
        assert_eq!(s.open_cable().unwrap().id, wanted, "{how}");
        for e in events {
            dispatch(&mut s, Action::Indexed(Shared::new(e)));
        }
        assert!(!s.indexing_now());
        assert_eq!(s.open_cable().unwrap().id, wanted, "opened from the {how}");
    }
}

#[test]
fn one_classification_vocabulary_colours_and_sorts_alike() {
    use cable_reader::app::state::SortKey;
    let corpus = common::corpus();
    let files = [
        "csv/66BUENOSAIRES2481.csv",
        "wikileaks-html/04MADRID2164.html",
        "csv/73TEHRAN2077.csv",
        "plusd-html/1973STATE097844_b.html",
        "csv/7575LIBREVILLE1895.csv",
    ];
    let mut report =
        cable_reader::cable::load_paths(&files.iter().map(|f| corpus.join(f)).collect::<Vec<_>>());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    for (id, class) in [
        ("09TESTSPACED1", "C O N F I D E N T I A L"),
        ("09TESTUNCLAS1", "UNCLAS"),
    ] {
        let mut c = small_cable(id);
        c.classification = class.into();
        report.cables.push(c);
    }
    let mut s = State::new(report, Keymap::default_keymap(), 140, 40);
    let colour = |l: Level| ui::level_color(l);
    for (id, short, level) in [
        ("66BUENOSAIRES2481", "U", Level::U),
        ("04MADRID2164", "U//FOUO", Level::Sbu),
        ("73TEHRAN2077", "S", Level::S),
        ("1973STATE097844", "LOU", Level::Lou),
        ("7575LIBREVILLE1895", "C", Level::C),
        ("09TESTSPACED1", "C", Level::C),
        ("09TESTUNCLAS1", "U", Level::U),
    ] {
        assert_eq!(
            class_cell(&s, id),
            (short.to_string(), colour(level)),
            "{id}"
        );
    }
    dispatch(&mut s, Action::SortBy(SortKey::Class));
    let order: Vec<String> = s
        .list
        .rows
        .iter()
        .map(|&i| s.corpus.cables[i as usize].id().to_string())
        .collect();
    assert_eq!(
        order,
        [
            "73TEHRAN2077",
            "09TESTSPACED1",
            "7575LIBREVILLE1895",
            "1973STATE097844",
            "04MADRID2164",
            "09TESTUNCLAS1",
            "66BUENOSAIRES2481",
        ]
    );
}

#[test]
fn the_hit_list_keeps_its_rows_filled_after_the_screen_grows() {
    let mut s = reader(120, 24);
    dispatch(&mut s, Action::RunCommand("search the".into()));
    let n = s.results.as_ref().unwrap().hits.len();
    assert!(n > 40, "{n} hits");
    dispatch(&mut s, Command::Bottom);
    dispatch(&mut s, Action::Resize(120, 40));
    dispatch(&mut s, Command::Up);
    let page = ui::results::height(&s);
    let r = s.results.as_ref().unwrap();
    assert_eq!((r.cursor.selected, r.cursor.offset), (n - 2, n - page));
}
