//! `cable-reader search` on the real cables of tests/corpus: every place of a cable is
//! searched and named, grep's options and exit codes, `--where`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cable_reader::cable::search::{Place, Query};
use cable_reader::cable::{LoadOptions, load_paths_with};

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(rel)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cable-reader"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn all() -> String {
    corpus("")
        .to_str()
        .unwrap()
        .trim_end_matches('/')
        .to_string()
}

const BAKU_SUBJECT: &str = "09BAKU749 subject: PRESIDENT ILHAM ALIYEV - MICHAEL (CORLEONE) ON THE OUTSIDE, SONNY ON THE INSIDE\n";

#[test]
fn a_word_only_in_a_subject_is_found() {
    // CORLEONE in capitals is only in 09BAKU749's subject; its paragraphs say `Corleone`.
    let o = run(&["search", "CORLEONE", &all()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), BAKU_SUBJECT);
    // Any case: the subject and four paragraphs.
    let o = run(&["search", "-i", "CORLEONE", &all()]);
    let text = stdout(&o);
    let places: Vec<&str> = text.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(
        places,
        [
            "09BAKU749 subject",
            "09BAKU749 ¶1",
            "09BAKU749 ¶2",
            "09BAKU749 ¶5",
            "09BAKU749 ¶15"
        ]
    );
    // Smart case is the default; lower case ignores case.
    assert_eq!(stdout(&run(&["search", "corleone", &all()])), stdout(&o));
    assert_eq!(
        stdout(&run(&["search", "-s", "corleone", &all()])),
        stdout(&o)
    );
    let o = run(&["search", "--case-sensitive", "corleone", &all()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
}

#[test]
fn unnumbered_text_and_header_lines_are_searched() {
    // 85BEIRUT1351 has no paragraph numbers: its text is searched block by block.
    let file = corpus("csv/85BEIRUT1351.csv");
    let f = file.to_str().unwrap();
    let o = run(&["search", "-w", "JABSHIT", f]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "85BEIRUT1351 text: …CLERIC SHEIKH RAGHEB HARB, THE IMAM OF THE VILLAGE OF JABSHIT IN SOUTH LEBANON, \"HIZBULLAH\" STAGED A MASS RALLY AT THE…\n"
    );
    // The subject, the first text block, and not HIZBULLAH (another spelling).
    let o = run(&["search", "HIZBALLAH", f]);
    assert_eq!(
        stdout(&o),
        "85BEIRUT1351 subject: HIZBALLAH \"MANIFESTO\"\n\
         85BEIRUT1351 text: …23 \"MIDDLE EAST REPORTER.\" IT SUMMARIZES 48-PAGE HIZBALLAH TRACT ISSUED ON FEBRUARY 16 (REFTEL). EMBASSY HAS REQUIRED…\n"
    );
    // The routing header, the banner and the REF line are the header.
    let o = run(&["search", "BEIRUT", f]);
    assert_eq!(
        stdout(&o),
        "85BEIRUT1351 header: FM AMEMBASSY BEIRUT\n\
         85BEIRUT1351 header: UNCLAS SECTION 01 OF 03 BEIRUT 01351\n\
         85BEIRUT1351 header: REF: BEIRUT 1013\n"
    );
    // Context lines, as grep shows them.
    let o = run(&["search", "-C", "1", "-w", "JABSHIT", f]);
    assert_eq!(
        stdout(&o),
        "85BEIRUT1351 text- VIOLENT DEATH OF THE MOSLEM CLERIC SHEIKH RAGHEB HARB,\n\
         85BEIRUT1351 text: THE IMAM OF THE VILLAGE OF JABSHIT IN SOUTH LEBANON,\n\
         85BEIRUT1351 text- \"HIZBULLAH\" STAGED A MASS RALLY AT THE CHIYAH SUBURB\n"
    );
}

#[test]
fn places_of_a_loaded_cable() {
    let report = load_paths_with(
        &[corpus("wikileaks-html/09BAKU749.html")],
        LoadOptions::default(),
    );
    let cable = &report.cables[0];
    let q = Query::new("(?i)corleone").unwrap();
    let places: Vec<Place> = q.hits_in(cable).iter().map(|h| h.place).collect();
    assert_eq!(
        places,
        [
            Place::Subject,
            Place::Paragraph(1),
            Place::Paragraph(2),
            Place::Paragraph(5),
            Place::Paragraph(15)
        ]
    );
    let hits = q.hits_in(cable);
    assert_eq!((hits[0].paragraph, hits[1].paragraph), (0, 1));
    // With a marking filter only paragraphs are searched.
    let q = q.with_markings(vec![None, cable_reader::cable::Marking::parse("C")]);
    assert!(q.hits_in(cable).iter().all(|h| h.place != Place::Subject));
}

#[test]
fn ids_and_counts() {
    // 85BEIRUT1351 is in two files: one cable, its fullest version's hit counted.
    let o = run(&["search", "-l", "-w", "JABSHIT", &all()]);
    assert_eq!(stdout(&o), "85BEIRUT1351\n");
    let o = run(&["search", "-c", "-w", "JABSHIT", &all()]);
    assert_eq!(stdout(&o), "85BEIRUT1351:1\n");
    let o = run(&[
        "search",
        "-c",
        "Medvedev",
        "--where",
        "origin:USNATO",
        &all(),
    ]);
    assert_eq!(stdout(&o), "09USNATO595:8\n");
    let o = run(&["search", "-l", "Medvedev", &all()]);
    assert_eq!(
        stdout(&o),
        "08MOSCOW2137\n09USNATO595\n08MOSCOW2306\n09BAKU749\n09PARIS1254\n09STATE30049\n09STATE96550\n09STOCKHOLM418\n"
    );
    let o = run(&["search", "-l", "--json", "CORLEONE", &all()]);
    assert_eq!(stdout(&o), "{\"id\":\"09BAKU749\"}\n");
    let o = run(&["search", "-c", "--json", "CORLEONE", &all()]);
    assert_eq!(stdout(&o), "{\"count\":1,\"id\":\"09BAKU749\"}\n");
}

#[test]
fn where_narrows_the_cables_searched() {
    let o = run(&[
        "search",
        "-l",
        "Medvedev",
        "--where",
        "date:2009 -origin:USNATO",
        &all(),
    ]);
    assert_eq!(
        stdout(&o),
        "09BAKU749\n09PARIS1254\n09STATE30049\n09STATE96550\n09STOCKHOLM418\n"
    );
    let o = run(&["search", "Medvedev", "--where", "origin:Atlantis", &all()]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(&["search", "Medvedev", "--where", "date:2009-13", &all()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("cable-reader: --where: column 6: not a date: 2009-13;"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn whole_words_and_fixed_strings() {
    let dir = corpus("scoop-text");
    let d = dir.to_str().unwrap();
    // `Russia` as a word, not inside `Russian`.
    assert_eq!(
        stdout(&run(&["search", "-c", "Russia", d])),
        "09USNATO595:16\n"
    );
    assert_eq!(
        stdout(&run(&["search", "-c", "-w", "Russia", d])),
        "09USNATO595:13\n"
    );
    // `.` is a full stop with -F; as a regular expression it also finds `UTSI` in OUTSIDE.
    let file = corpus("wikileaks-html/09BAKU749.html");
    let f = file.to_str().unwrap();
    let places = |args: &[&str]| -> Vec<String> {
        stdout(&run(args))
            .lines()
            .map(|l| l.split(':').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        places(&["search", "-F", "U.S.", f]),
        ["09BAKU749 ¶1", "09BAKU749 ¶5"]
    );
    assert_eq!(
        places(&["search", "U.S.", f]),
        ["09BAKU749 subject", "09BAKU749 ¶1", "09BAKU749 ¶5"]
    );
}

#[test]
fn exit_status_and_highlight() {
    let o = run(&["search", "zzqxj", &all()]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(1), ""));
    let o = run(&["search", "(", &all()]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["search", "Medvedev", "/no/such/file"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/no/such/file"));
    // Matches are highlighted as grep highlights them; nothing else is a control sequence.
    let o = run(&["search", "--color", "always", "CORLEONE", &all()]);
    assert_eq!(
        stdout(&o),
        BAKU_SUBJECT.replace("CORLEONE", "\x1b[01;31mCORLEONE\x1b[0m")
    );
    let o = run(&["search", "--color", "never", "CORLEONE", &all()]);
    assert_eq!(stdout(&o), BAKU_SUBJECT);
}

#[test]
fn json_names_the_place() {
    let o = run(&["search", "--json", "CORLEONE", &all()]);
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["place"], "subject");
    assert_eq!(v["paragraph"], serde_json::Value::Null);
    let o = run(&["search", "--json", "-w", "Sonny", &all()]);
    let first: serde_json::Value =
        serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(first["place"], "¶1");
    assert_eq!(first["paragraph"], 1);
}

#[test]
fn each_cable_is_shown_once_by_its_fullest_version() {
    let csv = corpus("csv/85BEIRUT1013.csv");
    let text = corpus("plain-text/85BEIRUT1013.alx.txt");
    let (csv, text) = (csv.to_str().unwrap(), text.to_str().unwrap());
    // The record and the page of plain text are as full: the one read first is shown (as
    // `show` chooses it), the other named.
    for (first, second, csv_first) in [(csv, text, true), (text, csv, false)] {
        let o = run(&["search", "MANIFESTO", first, second]);
        assert_eq!(o.status.code(), Some(0));
        let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(
            lines[0],
            "85BEIRUT1013 subject: FURTHER ON HIZBALLAH \"MANIFESTO\""
        );
        let o = run(&["search", "--json", "MANIFESTO", first, second]);
        let hits: Vec<serde_json::Value> = stdout(&o)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(hits.len(), 3);
        let other_record = if csv_first {
            serde_json::Value::Null
        } else {
            serde_json::json!(32)
        };
        for h in &hits {
            assert_eq!(h["source"], first);
            assert_eq!(
                h["other_versions"],
                serde_json::json!([{ "source": second, "record": other_record }])
            );
        }
        let o = run(&["show", "--id", "85BEIRUT1013", "--json", first, second]);
        let shown: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(shown["versions"][0]["source"], first);
    }
    // The whole corpus: 85BEIRUT1013 is in five files, and shown once.
    let o = run(&["search", "-c", "HIZBALLAH", &all()]);
    assert_eq!(
        stdout(&o),
        "85BEIRUT1013:4\n85BEIRUT1014:5\n85BEIRUT1351:2\n85BEIRUT240:1\n85BEIRUT992:3\n\
         85STATE38496:2\n10STATE17307:1\n"
    );
}

/// Every hit `search_paths` gives for the whole corpus, in source order, with the cable's text
/// size left out (the search measures the raw texts, a loaded cable its decoded ones).
fn searched(query: &Query) -> Vec<cable_reader::cable::search::Hit> {
    use cable_reader::cable::search::{SearchEvent, search_paths};
    let mut hits = Vec::new();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    search_paths(
        &[corpus("")],
        query,
        LoadOptions { sanitize: false },
        &cancel,
        |e| {
            if let SearchEvent::Hits(h) = e {
                hits.extend(h);
            }
        },
    );
    for h in &mut hits {
        h.size = Default::default();
    }
    hits
}

#[test]
fn a_search_finds_what_matching_every_loaded_cable_finds() {
    use cable_reader::cable::Marking;
    use cable_reader::cable::search::{Case, MatchOptions};
    let report = load_paths_with(&[corpus("")], LoadOptions { sanitize: false });
    assert!(report.cables.len() > 200, "{}", report.cables.len());
    let insensitive = MatchOptions {
        case: Case::Insensitive,
        ..Default::default()
    };
    let queries: Vec<(&str, Query)> = vec![
        ("Taliban", Query::new("Taliban").unwrap()),
        ("embassy", Query::new("embassy").unwrap()),
        ("nuclear.*Iran", Query::new("nuclear.*Iran").unwrap()),
        (
            "-i SECRET",
            Query::with_options("SECRET", insensitive).unwrap(),
        ),
        (r"\w+ment", Query::new(r"\w+ment").unwrap()),
        ("[0-9]{4}", Query::new("[0-9]{4}").unwrap()),
        ("[A-Z]{5}[0-9]{3}", Query::new("[A-Z]{5}[0-9]{3}").unwrap()),
        (r#""\w+""#, Query::new(r#""\w+""#).unwrap()),
        ("-C 1 Tehran", Query::new("Tehran").unwrap().with_context(1)),
        (
            "--marking S//NF,C the",
            Query::new("the")
                .unwrap()
                .with_markings(vec![Marking::parse("S//NF"), Marking::parse("C")]),
        ),
        (
            "--marking unmarked Embassy",
            Query::new("Embassy").unwrap().with_markings(vec![None]),
        ),
    ];
    for (name, query) in &queries {
        let expected: Vec<_> = report
            .cables
            .iter()
            .flat_map(|c| query.hits_in(c))
            .map(|mut h| {
                h.size = Default::default();
                h
            })
            .collect();
        let found = searched(query);
        assert!(!expected.is_empty(), "{name}: nothing to compare");
        assert_eq!(found.len(), expected.len(), "{name}: number of hits");
        for (f, e) in found.iter().zip(&expected) {
            assert_eq!(f, e, "{name}");
        }
    }
}

#[test]
fn the_index_narrows_a_marking_search_to_the_cables_it_could_find() {
    use cable_reader::cable::Corpus;
    use cable_reader::cable::Marking;
    use cable_reader::cable::search::CableSet;
    use std::sync::Arc;
    let corpus = Corpus::index(&[corpus("")], LoadOptions { sanitize: false });
    let all: Vec<usize> = (0..corpus.cables.len()).collect();
    for (markings, pattern) in [
        (vec![Marking::parse("S//NF")], "the"),
        (
            vec![Marking::parse("C"), Marking::parse("S")],
            "(?i)embassy",
        ),
        (vec![None], "Embassy"),
        (vec![None, Marking::parse("U")], r"\w+ment"),
    ] {
        let query = Query::new(pattern).unwrap().with_markings(markings.clone());
        let set = CableSet::marked(&corpus, &all, &markings);
        assert!(
            !set.is_empty() && set.len() < all.len(),
            "{markings:?}: {} of {}",
            set.len(),
            all.len()
        );
        let narrowed = query.clone().with_cables(Arc::new(set));
        let expected = searched(&query);
        assert!(!expected.is_empty(), "{markings:?}");
        assert_eq!(searched(&narrowed), expected, "{markings:?}");
    }
}
