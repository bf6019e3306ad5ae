//! The whole corpus: indexed in the background, sorted, filtered, searched.

use super::*;

#[test]
fn index_events_fill_the_list_as_they_arrive() {
    let root = common::corpus();
    use cable_reader::app::action::Shared;
    let paths = vec![root];
    let mut s = indexing_reader(paths.clone(), 120, 40);
    assert!(s.indexing_now());
    assert!(
        status(&s).contains("indexing 0% · 0 cables"),
        "{}",
        status(&s)
    );
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut events = Vec::new();
    cable_reader::cable::index::index_with(&paths, LoadOptionsDefault::get(), &cancel, |e| {
        events.push(e)
    });
    let total = events.len();
    let mut seen_partial = false;
    for (k, e) in events.into_iter().enumerate() {
        dispatch(&mut s, Action::Indexed(Shared::new(e)));
        if k + 1 < total && !s.corpus.is_empty() {
            // Cables are listed, one is open, and the status line says how far indexing is.
            assert!(s.indexing_now());
            assert_eq!(s.list.rows.len(), s.groups.len());
            assert!(s.open_cable().is_some());
            assert!(status(&s).contains("indexing "), "{}", status(&s));
            seen_partial = true;
        }
    }
    assert!(seen_partial);
    assert!(!s.indexing_now());
    assert!(!status(&s).contains("indexing"));
    assert_eq!(s.list.rows.len(), s.groups.len());
    // Filter counts come from the summaries: they add up to every paragraph.
    let total_paras: u64 = s
        .corpus
        .cables
        .iter()
        .map(|c| u64::from(c.paragraphs))
        .sum();
    assert_eq!(s.markings.totals.iter().sum::<usize>() as u64, total_paras);
}

#[test]
fn filter_on_an_indexed_corpus_lists_cables_with_counts() {
    let root = common::corpus();
    let mut s = indexing_reader(vec![root.clone()], 120, 40);
    index_into(&mut s, &[root]);
    dispatch(&mut s, Action::SetFilter("SBU".into()));
    let k = s.markings.find("SBU").unwrap() as usize;
    let holding: Vec<usize> = (0..s.corpus.len())
        .filter(|&i| {
            let c = &s.corpus.cables[i];
            c.markings()
                .iter()
                .any(|&[m, n]| n > 0 && s.corpus.markings.name(m) == "SBU")
        })
        .collect();
    assert_eq!(s.list.rows.len(), holding.len());
    let sbu_paras: u32 = holding.iter().map(|&i| s.matching_paragraphs(i)).sum();
    assert_eq!(sbu_paras as usize, s.markings.totals[k]);
    assert!(screen(&s).contains(&format!("Cables {} of {}", holding.len(), s.groups.len())));
}

#[test]
fn sort_cycles_and_orders_by_date_id_origin_class() {
    use cable_reader::app::state::SortKey;
    let mut s = reader(120, 32);
    dispatch(&mut s, Command::FocusNext);
    let open = s.reader.open;
    dispatch(&mut s, Command::Sort);
    assert_eq!(s.list.sort, SortKey::Date);
    let dates: Vec<_> = s
        .list
        .rows
        .iter()
        .map(|&i| s.corpus.cables[i as usize].date())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(screen(&s).contains("· by date"));
    // The open cable stays selected.
    assert_eq!(
        s.list.rows.get(s.list.cursor.selected).map(|&r| r as usize),
        open
    );
    dispatch(&mut s, Action::RunCommand("sort id".into()));
    let ids: Vec<String> = s
        .list
        .rows
        .iter()
        .map(|&i| s.corpus.cables[i as usize].id().to_string())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    dispatch(&mut s, Action::RunCommand("sort class".into()));
    let first = s.list.rows[0] as usize;
    assert!(
        s.corpus.cables[first]
            .classification()
            .starts_with("SECRET")
    );
    dispatch(&mut s, Action::RunCommand("sort origin".into()));
    assert_eq!(s.list.sort, SortKey::Origin);
    dispatch(&mut s, Action::RunCommand("sort nonsense".into()));
    assert!(s.message.as_deref().unwrap_or("").contains("Sort by what?"));
    dispatch(&mut s, Command::Sort);
    assert_eq!(s.list.sort, SortKey::Class);
    dispatch(&mut s, Command::Sort);
    assert_eq!(s.list.sort, SortKey::Source);
    assert_eq!(s.list.rows, (0..s.corpus.len() as u32).collect::<Vec<_>>());
}

#[test]
fn corpus_search_streams_hits_and_enter_opens_the_paragraph() {
    let root = common::corpus();
    use cable_reader::app::action::Shared;
    use cable_reader::cable::search::{Query, search_paths};
    let paths = vec![root];
    let mut s = indexing_reader(paths.clone(), 120, 40);
    index_into(&mut s, &paths);
    let fx = dispatch(&mut s, Action::RunCommand("search Medvedev".into()));
    assert_eq!(s.overlay, Some(Overlay::Results));
    let (generation, pattern) = started_search(fx);
    assert_eq!(pattern, "Medvedev");
    assert!(screen(&s).contains("Searching"));
    let query = Query::new(&pattern).unwrap();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut events = Vec::new();
    search_paths(
        &paths,
        &query,
        cable_reader::app::corpus_search::search_options(),
        &cancel,
        |e| events.push(e),
    );
    for e in events {
        dispatch(&mut s, Action::Searched(generation, Shared::new(Some(e))));
        // Events of an older search are dropped.
        dispatch(&mut s, Action::Searched(generation - 1, Shared::new(None)));
    }
    dispatch(&mut s, Action::Searched(generation, Shared::new(None)));
    let r = s.results.as_ref().unwrap();
    assert!(r.done);
    assert!(!r.hits.is_empty());
    let text = screen(&s);
    assert!(text.contains("Search Medvedev"), "{text}");
    assert!(text.contains(&r.hits[0].id), "{text}");
    // The second hit: Enter opens its cable at its paragraph, the word highlighted.
    dispatch(&mut s, Command::Down);
    let hit = s.results.as_ref().unwrap().hits[1].clone();
    dispatch(&mut s, Command::Open);
    assert_eq!(s.overlay, None);
    let cable = s.open_cable().unwrap();
    assert_eq!(cable.id, hit.id);
    let at = s.current_paragraph().unwrap();
    assert_eq!(cable.paragraphs[at].number, Some(hit.paragraph));
    let search = s.reader.search.as_ref().unwrap();
    assert_eq!(search.query, "Medvedev");
    assert!(search.current.is_some());
    assert!(status(&s).contains("/Medvedev"), "{}", status(&s));
    // A new search replaces the old one; Esc closes the list.
    let fx = dispatch(&mut s, Action::RunCommand("search Lavrov".into()));
    assert!(started_search(fx).0 > generation);
    dispatch(&mut s, Command::Cancel);
    assert_eq!(s.overlay, None);
}

#[test]
fn corpus_search_on_the_samples_answers_at_once() {
    let mut s = reader(120, 32);
    let fx = dispatch(&mut s, Action::RunCommand("search Medvedev".into()));
    let r = s.results.as_ref().unwrap();
    assert!(r.done && !r.hits.is_empty());
    assert_eq!(fx, []);
    dispatch(&mut s, Command::Open);
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    dispatch(&mut s, Action::RunCommand("search (".into()));
    assert!(s.message.is_some());
}

#[test]
fn a_cable_whose_file_vanished_gives_a_message() {
    let dir = std::env::temp_dir().join(format!("cable-reader-vanish-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let sample = cable_reader::samples::SAMPLES[0];
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    std::fs::write(&a, sample.1).unwrap();
    std::fs::write(&b, cable_reader::samples::SAMPLES[4].1).unwrap();
    let mut s = indexing_reader(vec![dir.clone()], 120, 32);
    index_into(&mut s, std::slice::from_ref(&dir));
    assert_eq!(s.corpus.len(), 2);
    std::fs::remove_file(&b).unwrap();
    dispatch(&mut s, Command::FocusPrev);
    dispatch(&mut s, Command::Down);
    dispatch(&mut s, Command::Open);
    assert!(
        s.message.as_deref().unwrap_or("").contains("Cannot open"),
        "{:?}",
        s.message
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The ids of the list's rows, and whether each is listed once.
fn row_ids(s: &State) -> Vec<String> {
    s.list
        .rows
        .iter()
        .map(|&i| s.corpus.cables[i as usize].id().to_string())
        .collect()
}

#[test]
fn the_list_has_one_row_per_id_its_fullest_version_as_batches_arrive() {
    use cable_reader::app::action::Shared;
    use cable_reader::cable::versions::Versions;
    let root = common::corpus();
    let paths = vec![root];
    let mut s = indexing_reader(paths.clone(), 120, 40);
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut events = Vec::new();
    cable_reader::cable::index::index_with(&paths, LoadOptionsDefault::get(), &cancel, |e| {
        events.push(e)
    });
    // Sorted by id while cables arrive: each batch is sorted in, never a second row for an id.
    dispatch(&mut s, Action::RunCommand("sort id".into()));
    for e in events {
        dispatch(&mut s, Action::Indexed(Shared::new(e)));
        let ids = row_ids(&s);
        let mut named: Vec<&String> = ids.iter().filter(|i| !i.is_empty()).collect();
        let n = named.len();
        named.sort();
        named.dedup();
        assert_eq!(named.len(), n, "a repeated id");
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
    }
    assert_eq!(
        (s.corpus.len(), s.groups.len(), s.list.rows.len()),
        (327, 243, 243)
    );
    // The row shows the version `show` and `list` show: the fullest.
    let versions = Versions::build(&s.corpus);
    assert_eq!(versions.len(), 243);
    for &i in &s.list.rows {
        let g = versions.group_of(i as usize).unwrap();
        assert_eq!(versions.shown(g), Some(i as usize));
        assert_eq!(
            s.groups.versions_of(i as usize) as usize,
            versions.group(g).len()
        );
    }
    let several = s
        .list
        .rows
        .iter()
        .filter(|&&i| s.groups.versions_of(i as usize) > 1)
        .count();
    assert_eq!(several, 36);
    // The title counts cables by id; the versions column names how many.
    dispatch(&mut s, Action::RunCommand("sort source".into()));
    let text = screen(&s);
    assert!(text.contains(" Cables 243 "), "{text}");
    assert!(
        text.contains("85MOGADISHU1292    1985-02-04 S            9  3v Embassy Mogadishu"),
        "{text}"
    );
    // The marking filter counts ids too.
    dispatch(&mut s, Action::SetFilter("SBU".into()));
    assert_eq!(s.list.rows.len(), 63);
}

#[test]
fn a_text_that_holds_only_part_of_its_cable_says_so_in_the_list() {
    // A page that shows only the cable's start, and a cable with the site's partial-extract
    // notice, beside a whole one.
    let paths: Vec<std::path::PathBuf> = [
        "wikileaks-html/73TEHRAN8233.html",
        "wikileaks-html/00HARARE6677.html",
        "wikileaks-html/01PRETORIA1173.html",
    ]
    .iter()
    .map(|f| common::corpus_file(f))
    .collect();
    let mut s = indexing_reader(paths.clone(), 120, 40);
    index_into(&mut s, &paths);
    let text = screen(&s);
    let row = |id: &str| {
        text.lines()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("{id} listed: {text}"))
            .to_string()
    };
    assert!(
        row("73TEHRAN8233").contains("(partial) SHAH ON CORRUPTION"),
        "{text}"
    );
    assert!(
        row("00HARARE6677").contains("(partial) ASSISTANT SECRETARY MEETS"),
        "{text}"
    );
    assert!(!row("01PRETORIA1173").contains("(partial)"), "{text}");
}
