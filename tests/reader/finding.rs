//! Finding cables: `/` in the list, `n`/`N` across the hits of a corpus search, the sort's
//! order, the limit and the facets, on the real cables of tests/corpus.

use super::*;

/// The ids of the list's rows, in order.
fn listed_ids(s: &State) -> Vec<String> {
    s.list
        .rows
        .iter()
        .map(|&r| s.corpus.cables[r as usize].id().to_string())
        .collect()
}

fn selected_id(s: &State) -> String {
    let r = s.list.rows[s.list.cursor.selected] as usize;
    s.corpus.cables[r].id().to_string()
}

#[test]
fn slash_in_the_list_finds_as_you_type_and_n_goes_round() {
    let mut s = corpus_reader(120, 40);
    s.focus = Pane::List;
    let holding: Vec<usize> = s
        .list
        .rows
        .iter()
        .enumerate()
        .filter(|&(_, &r)| s.corpus.cables[r as usize].subject().contains("HIZBALLAH"))
        .map(|(p, _)| p)
        .collect();
    let mut ids: Vec<String> = holding.iter().map(|&p| listed_ids(&s)[p].clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(
        ids,
        [
            "10STATE17307",
            "85BEIRUT1013",
            "85BEIRUT1014",
            "85BEIRUT1351",
            "85BEIRUT992"
        ]
    );
    let start = s.list.cursor.selected;
    assert!(start < holding[0]);
    // Each key moves the cursor: `h` alone is in many subjects, `hizb` only in these.
    typing(&mut s, "/hizb");
    assert_eq!(s.list.cursor.selected, holding[0]);
    assert_eq!(selected_id(&s), listed_ids(&s)[holding[0]]);
    // A word in the id counts as one in the subject; every word must be there.
    typing(&mut s, " 1014");
    assert_eq!(selected_id(&s), "85BEIRUT1014");
    typing(&mut s, " nowhere");
    assert_eq!(s.list.cursor.selected, start);
    assert!(
        status(&s).contains("Not in the list: hizb 1014 nowhere"),
        "{}",
        status(&s)
    );
    // Esc goes back to where the cursor was.
    typing(&mut s, "<esc>");
    assert_eq!((s.list.cursor.selected, s.prompt.is_none()), (start, true));
    // Enter keeps it; `n` and `N` go on through the list, round its ends with a word.
    typing(&mut s, "/Hizballah<enter>");
    assert_eq!(s.list.cursor.selected, holding[0]);
    for &p in &holding[1..] {
        typing(&mut s, "n");
        assert_eq!(s.list.cursor.selected, p);
        assert_eq!(s.message, None);
    }
    typing(&mut s, "n");
    assert_eq!(s.list.cursor.selected, holding[0]);
    assert_eq!(
        s.message.as_deref(),
        Some("Find wrapped to the top: Hizballah")
    );
    typing(&mut s, "N");
    assert_eq!(s.list.cursor.selected, *holding.last().unwrap());
    assert_eq!(
        s.message.as_deref(),
        Some("Find wrapped to the bottom: Hizballah")
    );
    // The selected row is on screen and marked.
    let row = screen(&s)
        .lines()
        .find(|l| l.contains(&selected_id(&s)))
        .map(str::to_string);
    assert!(row.is_some_and(|r| r.contains("BALLISTIC MISSILES")));
    // In the paragraph view `/` is the search in the open cable.
    typing(&mut s, "<enter>");
    assert_eq!(s.focus, Pane::Reader);
    typing(&mut s, "/syria<enter>");
    assert_eq!(s.reader.search.as_ref().unwrap().query, "syria");
    assert_eq!(selected_id(&s), "10STATE17307");
}

/// Runs a corpus search to its end, as the event loop would, on the reader of tests/corpus.
fn search_corpus(s: &mut State, pattern: &str) {
    use cable_reader::app::action::Shared;
    use cable_reader::cable::search::{Query, search_paths};
    let fx = dispatch(s, Action::RunCommand(format!("search {pattern}")));
    let (generation, pattern) = started_search(fx);
    let query = Query::new(&pattern).unwrap();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut events = Vec::new();
    search_paths(
        &[common::corpus()],
        &query,
        cable_reader::app::corpus_search::search_options(),
        &cancel,
        |e| events.push(e),
    );
    for e in events {
        dispatch(s, Action::Searched(generation, Shared::new(Some(e))));
    }
    dispatch(s, Action::Searched(generation, Shared::new(None)));
}

#[test]
fn n_after_a_corpus_search_steps_through_its_hits_across_cables() {
    let mut s = corpus_reader(120, 40);
    search_corpus(&mut s, "Lavrov");
    let hits = s.results.as_ref().unwrap().hits.clone();
    let n = hits.len();
    let cables: std::collections::BTreeSet<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!((n, cables.len()), (10, 2), "{hits:#?}");
    typing(&mut s, "<enter>");
    assert_eq!(s.open_cable().unwrap().id, hits[0].id);
    for (k, h) in hits.iter().enumerate().skip(1) {
        typing(&mut s, "n");
        assert_eq!(s.open_cable().unwrap().id, h.id, "hit {k}");
        if h.paragraph > 0 {
            assert_eq!(place(&s).1, Some(h.paragraph), "hit {k}");
        }
        let search = s.reader.search.as_ref().unwrap();
        assert!(search.current.is_some(), "hit {k}");
        assert!(
            status(&s).contains(&format!("hit {} of {n}", k + 1)),
            "{}",
            status(&s)
        );
    }
    typing(&mut s, "n");
    assert_eq!(s.open_cable().unwrap().id, hits[0].id);
    assert!(status(&s).contains(&format!("hit 1 of {n} · wrapped to the first")));
    typing(&mut s, "N");
    assert_eq!(s.open_cable().unwrap().id, hits[n - 1].id);
    // A search in the open cable takes `n` back.
    typing(&mut s, "/the<enter>");
    let open = s.open_cable().unwrap().id.clone();
    typing(&mut s, "n");
    assert_eq!(s.open_cable().unwrap().id, open);
    assert!(!status(&s).contains("hit "), "{}", status(&s));
}

#[test]
fn sort_reverses_with_a_minus_and_sorts_by_subject() {
    use cable_reader::app::state::SortKey;
    let mut s = corpus_reader(120, 40);
    typing(&mut s, ":sort -date<enter>");
    assert_eq!((s.list.sort, s.list.reverse), (SortKey::Date, true));
    let dates: Vec<_> = s
        .list
        .rows
        .iter()
        .map(|&r| s.corpus.cables[r as usize].date())
        .collect();
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first);
    assert_eq!(s.message.as_deref(), Some("Sorted by -date"));
    assert!(screen(&s).contains("· by -date ─"), "{}", screen(&s));
    assert_eq!(
        s.corpus.cables[s.list.rows[0] as usize].date(),
        Some("2010-02-26T12:07:00Z")
    );
    typing(&mut s, ":sort subject<enter>");
    let subjects: Vec<String> = s
        .list
        .rows
        .iter()
        .map(|&r| s.corpus.cables[r as usize].subject().to_string())
        .collect();
    let mut sorted = subjects.clone();
    sorted.sort();
    assert_eq!(subjects, sorted);
    assert!(screen(&s).contains("· by subject ─"));
    // `s` goes on round the other orders, not reversed.
    typing(&mut s, "s");
    assert_eq!((s.list.sort, s.list.reverse), (SortKey::Date, false));
    typing(&mut s, ":sort source<enter>");
    let mut reversed = s.list.rows.clone();
    reversed.reverse();
    typing(&mut s, ":sort -source<enter>");
    assert_eq!(s.list.rows, reversed);
    typing(&mut s, ":sort -nonsense<enter>");
    assert!(s.message.as_deref().unwrap().starts_with("Sort by what?"));
}

#[test]
fn sort_limit_and_filter_are_remembered_per_corpus_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::in_dir(dir.path());
    let paths = vec![common::corpus()];
    let config = config("");
    let start = |memory: Memory| {
        let mut s = State::indexing(paths.clone(), &config, memory, "corpus".into(), 120, 40);
        index_into(&mut s, &paths);
        s
    };
    let (memory, _) = store.load();
    let mut s = start(memory);
    typing(
        &mut s,
        ":sort -date<enter>:limit origin:BEIRUT<enter>:filter C<enter>",
    );
    let shown = listed_ids(&s);
    let mut ids = shown.clone();
    ids.dedup();
    assert_eq!(ids, ["85BEIRUT1014", "85BEIRUT240", "85BEIRUT172"]);
    let view = s.memory.views.get("corpus").unwrap().clone();
    assert_eq!(
        (
            view.sort.as_str(),
            view.limit.as_str(),
            view.filter.as_str()
        ),
        ("-date", "origin:BEIRUT", "C")
    );
    store.save(&s.memory).unwrap();
    drop(s);
    // The next start on the same corpus lists the same cables in the same order.
    let (memory, warning) = Store::in_dir(dir.path()).load();
    assert_eq!(warning, None);
    let again = start(memory.clone());
    assert_eq!(listed_ids(&again), shown);
    assert_eq!(again.limit.text(), Some("origin:BEIRUT"));
    assert_eq!(again.filter_label().as_deref(), Some("C"));
    assert!(screen(&again).contains("· limit origin:BEIRUT · filter C · by -date"));
    // Another corpus starts plain; clearing everything forgets the view.
    let other = State::indexing(
        paths.clone(),
        &config,
        memory.clone(),
        "other".into(),
        80,
        24,
    );
    assert_eq!(other.limit.text(), None);
    let mut again = again;
    typing(&mut again, ":sort source<enter>:limit<enter>:filter<enter>");
    assert!(!again.memory.views.contains_key("corpus"));
}

#[test]
fn corpus_search_runs_within_the_limit_and_the_filter_and_says_so() {
    let mut s = corpus_reader(120, 40);
    search_corpus(&mut s, "HIZBALLAH");
    let all = s.results.as_ref().unwrap().hits.clone();
    assert!(screen(&s).contains("Search HIZBALLAH · "), "{}", screen(&s));
    typing(&mut s, "<esc>:limit origin:BEIRUT<enter>");
    search_corpus(&mut s, "HIZBALLAH");
    let within = s.results.as_ref().unwrap().hits.clone();
    assert!(screen(&s).contains("Search HIZBALLAH · within limit origin:BEIRUT · "));
    let beirut: Vec<_> = all
        .iter()
        .filter(|h| h.id.contains("BEIRUT"))
        .cloned()
        .collect();
    assert_eq!(within, beirut);
    assert!(within.len() < all.len());
    typing(&mut s, "<esc>:filter C<enter>");
    search_corpus(&mut s, "HIZBALLAH");
    let r = s.results.as_ref().unwrap();
    assert!(
        screen(&s).contains("Search HIZBALLAH · within limit origin:BEIRUT · filter C · "),
        "{}",
        screen(&s)
    );
    // Of the Beirut cables, those holding confidential paragraphs; their hits in them (or in
    // the subject and header, which the filter does not hide).
    let mut ids: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids, ["85BEIRUT1014", "85BEIRUT240"]);
    let shown = |h: &&cable_reader::app::corpus_search::FoundHit| {
        h.paragraph == 0 || h.marking.as_deref() == Some("C")
    };
    assert!(r.hits.iter().all(|h| shown(&h)));
    let expected: Vec<_> = beirut
        .iter()
        .filter(|h| ids.contains(&h.id.as_str()))
        .filter(shown)
        .cloned()
        .collect();
    assert_eq!(r.hits, expected);
    assert!(!expected.is_empty() && expected.len() < within.len());
}

#[test]
fn limit_facets_and_j_on_the_corpus() {
    let mut s = corpus_reader(120, 40);
    typing(&mut s, ":limit tag:PREL<enter>");
    let n = s.list.rows.len();
    assert_eq!(n, 149);
    assert!(
        screen(&s).contains("┌ Cables 149 of 243 · limit tag:PREL ─"),
        "{}",
        screen(&s)
    );
    typing(&mut s, "f");
    assert_eq!(s.overlay, Some(Overlay::Facets));
    assert!(screen(&s).contains("Facets of 149 cables"));
    assert_eq!(rows_with(&s, "NEWDELHI"), ["        25  NEWDELHI"]);
    typing(&mut s, "<esc>");
    // `J` in the paragraph view opens the next cable of the limited list.
    s.focus = Pane::List;
    let first = s.list.rows[0] as usize;
    let second = s.list.rows[1] as usize;
    typing(&mut s, "g<enter>");
    assert_eq!((s.reader.open, s.focus), (Some(first), Pane::Reader));
    typing(&mut s, "J");
    assert_eq!(s.reader.open, Some(second));
    assert_eq!(s.list.cursor.selected, 1);
}

#[test]
fn corpus_search_lists_each_cable_once_by_the_version_the_list_shows() {
    use cable_reader::app::corpus_search::cable_of_hit;
    let mut s = corpus_reader(120, 40);
    // 85BEIRUT1013 is loaded four times: its own cables.csv file, two excerpts of the release
    // and a plain-text copy.
    let any = s
        .corpus
        .cables
        .iter()
        .position(|c| c.id() == "85BEIRUT1013")
        .unwrap();
    assert_eq!(s.groups.versions_of(any), 4);
    let shown = s.groups.shown_for(any).unwrap();
    search_corpus(&mut s, "HIZBALLAH");
    let hits = s.results.as_ref().unwrap().hits.clone();
    let of: Vec<(String, &str)> = hits
        .iter()
        .filter(|h| h.id == "85BEIRUT1013")
        .map(|h| {
            (
                h.place.to_string(),
                &h.source[h.source.find("corpus/").unwrap() + 7..],
            )
        })
        .collect();
    let csv = "csv/85BEIRUT1013.csv";
    assert_eq!(
        of,
        [
            ("subject".to_string(), csv),
            ("¶1".to_string(), csv),
            ("¶2".to_string(), csv),
            ("¶3".to_string(), csv),
        ]
    );
    // The same hits `search` prints: one row per id and place.
    assert_eq!(hits.len(), 18);
    let at = hits.iter().position(|h| h.id == "85BEIRUT1013").unwrap();
    assert!(
        hits.iter()
            .filter(|h| h.id == "85BEIRUT1013")
            .all(|h| cable_of_hit(&s.corpus, h) == Some(shown))
    );
    // Opening its ¶2 opens the version shown in the list, at that paragraph.
    s.results.as_mut().unwrap().cursor.selected = at + 2;
    typing(&mut s, "<enter>");
    assert_eq!(s.reader.open, Some(shown));
    assert_eq!(place(&s), ("85BEIRUT1013".to_string(), Some(2)));
    assert_eq!(s.list.rows[s.list.cursor.selected] as usize, shown);
}
