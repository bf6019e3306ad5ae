//! The corpus index and search at small scale: a generated `cables.csv` and page folder (the
//! benchmark's generator, a few thousand cables), checked against the full loader.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use cable_reader::cable::build::TextSize;
use cable_reader::cable::index::WarningKinds;
use cable_reader::cable::search::{Query, SearchEvent, search_paths};
use cable_reader::cable::{
    Cable, CableSummary, Corpus, IndexEvent, LoadOptions, index_in_background,
    index_in_background_cached, load_paths_with,
};
use cable_reader::cli::filter::MarkingFilter;
use cable_reader::cli::list;

#[allow(dead_code)]
#[path = "../examples/gen-corpus.rs"]
mod gen_corpus;

fn testdata(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(rel)
}

/// A generated corpus: `cables.csv` with `n` cables, and `pages` of them as a page folder.
fn generate(dir: &Path, n: usize, pages: usize) -> (PathBuf, PathBuf) {
    let cables =
        gen_corpus::generate_all(&testdata("corpus"), &testdata("data/cable_ids.list"), n, 7)
            .expect("generate");
    let csv = dir.join("cables.csv");
    gen_corpus::write_csv(&cables, &csv).expect("write csv");
    let folder = dir.join("pages");
    gen_corpus::write_pages(
        &cables[..pages.min(cables.len())],
        &testdata("corpus"),
        &folder,
    )
    .expect("write pages");
    (csv, folder)
}

/// Index and full loader agree on every cable: every field the index keeps, the list line,
/// JSON, source, record, errors, and the cable its location opens.
fn check_index_equals_loader(paths: &[PathBuf], sanitize: bool) -> Corpus {
    let options = LoadOptions { sanitize };
    let corpus = Corpus::index(paths, options);
    let report = load_paths_with(paths, options);
    assert_eq!(corpus.errors, report.errors);
    assert_eq!(corpus.len(), report.cables.len());
    let sizes = text_sizes(paths);
    assert_eq!(sizes.len(), report.cables.len());
    for (i, (s, c)) in corpus.cables.iter().zip(&report.cables).enumerate() {
        assert_eq!(list::summary_line(&corpus, s), list::line(c), "cable {i}");
        assert_eq!(corpus.source(i), c.source);
        assert_eq!(s.location.record(), c.record);
        assert_eq!(
            summary_fields(&corpus, s),
            loader_fields(c, sizes[i]),
            "cable {i}"
        );
        assert_eq!(corpus.open(i).as_ref(), Ok(c), "open {i}");
    }
    let filters = [
        vec![],
        vec![MarkingFilter::parse("SBU").unwrap()],
        vec![
            MarkingFilter::parse("S//NF").unwrap(),
            MarkingFilter::parse("unmarked").unwrap(),
        ],
    ];
    for f in &filters {
        for json in [false, true] {
            let mut a = Vec::new();
            let mut b = Vec::new();
            list::run(&report.cables, f, json, &mut a).unwrap();
            list::run_corpus(&corpus, f, json, &mut b).unwrap();
            assert!(a == b, "list output differs (filters {f:?}, json {json})");
        }
    }
    corpus
}

/// The size of each cable's text as its format gives it (header and body before decoding),
/// in load order: what the index measures to tell versions apart.
fn text_sizes(paths: &[PathBuf]) -> Vec<TextSize> {
    let (files, _) = cable_reader::cable::index::walk_inputs(paths);
    let mut sizes = Vec::new();
    for f in files {
        let Ok(bytes) = std::fs::read(&f) else {
            continue;
        };
        for raw in cable_reader::cable::formats::extract(&bytes).cables {
            let (h, b) = (TextSize::of(&raw.header), TextSize::of(&raw.body));
            sizes.push(TextSize {
                letters: h.letters + b.letters,
                redactions: h.redactions + b.redactions,
            });
        }
    }
    sizes
}

/// Every field a summary keeps, spelled out (names and markings by their text).
#[derive(Debug, PartialEq, Eq)]
struct Fields {
    id: String,
    format: Option<cable_reader::cable::Format>,
    date: Option<String>,
    classification: String,
    origin: String,
    subject: String,
    paragraphs: u32,
    unmarked: u32,
    /// As `list` orders them: highest level first, then by name.
    markings: Vec<(String, u32)>,
    tags: Vec<String>,
    captions: Vec<String>,
    references: Vec<(String, Option<char>)>,
    classified_by: Option<String>,
    signer: Option<String>,
    partial: bool,
    /// Kinds in bit order; the index does not look for missing text.
    warnings: Vec<String>,
    text: TextSize,
}

fn summary_fields(corpus: &Corpus, s: &CableSummary) -> Fields {
    let name = |n: u32| corpus.names.name(n).to_string();
    Fields {
        id: s.id().to_string(),
        format: s.format,
        date: s.date().map(str::to_string),
        classification: s.classification().to_string(),
        origin: s.origin().to_string(),
        subject: s.subject().to_string(),
        paragraphs: s.paragraphs,
        unmarked: s.unmarked,
        markings: s
            .markings()
            .iter()
            .map(|&[m, n]| (corpus.markings.name(m).to_string(), n))
            .collect(),
        tags: s.tags().iter().map(|&n| name(n)).collect(),
        captions: s.captions().iter().map(|&n| name(n)).collect(),
        references: s.references().map(|r| (name(r.id), r.letter())).collect(),
        classified_by: s.classified_by().map(name),
        signer: s.signer().map(name),
        partial: s.partial(),
        warnings: s.warnings.names().into_iter().map(str::to_string).collect(),
        text: s.text,
    }
}

fn loader_fields(c: &Cable, text: TextSize) -> Fields {
    let mut counts: Vec<(cable_reader::cable::Marking, u32)> = Vec::new();
    for m in c.paragraphs.iter().filter_map(|p| p.marking.as_ref()) {
        match counts.iter_mut().find(|(k, _)| k == m) {
            Some((_, n)) => *n += 1,
            None => counts.push((m.clone(), 1)),
        }
    }
    counts.sort_by(|a, b| {
        b.0.rank()
            .cmp(&a.0.rank())
            .then_with(|| a.0.to_string().cmp(&b.0.to_string()))
    });
    let kinds = cable_reader::cable::build::warning_kinds(&c.warnings);
    let warnings = WarningKinds::ALL
        .iter()
        .filter(|k| **k != "missing-text" && kinds.contains(k))
        .map(|k| k.to_string())
        .collect();
    let letters = cable_reader::cable::build::reference_letters(c);
    Fields {
        id: c.id.clone(),
        format: c.format,
        date: c.date.clone(),
        classification: c.classification.clone(),
        origin: c.origin.clone(),
        subject: c.subject.clone(),
        paragraphs: c.paragraphs.len() as u32,
        unmarked: c.paragraphs.iter().filter(|p| p.marking.is_none()).count() as u32,
        markings: counts
            .into_iter()
            .map(|(m, n)| (m.to_string(), n))
            .collect(),
        tags: c.tags.clone(),
        captions: c.captions.clone(),
        references: c.references.iter().cloned().zip(letters).collect(),
        classified_by: c.classified_by.clone(),
        signer: c.signed_by.clone(),
        partial: c.partial,
        warnings,
        text,
    }
}

/// Every matching paragraph, by matching each paragraph of every loaded cable.
fn naive_hits(cables: &[Cable], query: &Query) -> Vec<(String, u32)> {
    cables
        .iter()
        .flat_map(|c| query.hits_in(c))
        .map(|h| (h.id, h.paragraph))
        .collect()
}

fn search_hits(paths: &[PathBuf], query: &Query) -> Vec<(String, u32)> {
    let mut hits = Vec::new();
    let cancel = AtomicBool::new(false);
    search_paths(
        paths,
        query,
        LoadOptions { sanitize: false },
        &cancel,
        |e| {
            if let SearchEvent::Hits(h) = e {
                hits.extend(h.into_iter().map(|h| (h.id, h.paragraph)));
            }
        },
    );
    hits
}

#[test]
fn index_and_search_at_scale() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, pages) = generate(dir.path(), 2000, 150);
    let csv_paths = vec![csv.clone()];
    let corpus = check_index_equals_loader(&csv_paths, false);
    assert_eq!(corpus.len(), 2000);
    assert!(corpus.markings.len() > 5, "markings are interned");
    check_index_equals_loader(std::slice::from_ref(&pages), true);
    check_index_equals_loader(&[testdata("corpus")], true);
    check_index_equals_loader(&[testdata("corpus")], false);

    let sets: Vec<(Vec<PathBuf>, Vec<Cable>)> = [
        csv_paths.clone(),
        vec![pages.clone()],
        vec![testdata("corpus")],
    ]
    .into_iter()
    .map(|paths| {
        let cables = load_paths_with(&paths, LoadOptions { sanitize: false }).cables;
        (paths, cables)
    })
    .collect();
    for pattern in [
        "Taliban",
        "taliban",
        "don't",
        r"\bNATO\b.*\bsummit",
        r"[0-9]{4} (?i)election",
        "(SBU)",
        r"\w+ment\b",
    ] {
        let query = Query::new(pattern).unwrap();
        for (paths, cables) in &sets {
            assert_eq!(
                search_hits(paths, &query),
                naive_hits(cables, &query),
                "{pattern} over {paths:?}"
            );
        }
    }
    let query = Query::new("the")
        .unwrap()
        .with_markings(vec![cable_reader::cable::Marking::parse("C")]);
    assert_eq!(
        search_hits(&csv_paths, &query),
        naive_hits(&sets[0].1, &query)
    );
}

#[test]
fn background_search_streams_the_same_hits() {
    use cable_reader::cable::search::search_in_background;
    let paths = vec![testdata("corpus")];
    let query = Query::new("the").unwrap();
    let handle = search_in_background(paths.clone(), query.clone(), LoadOptions::default());
    let mut streamed = Vec::new();
    for event in handle.events() {
        if let SearchEvent::Hits(h) = event {
            streamed.extend(h.into_iter().map(|h| (h.id, h.paragraph)));
        }
    }
    assert!(!streamed.is_empty());
    assert_eq!(streamed, search_hits(&paths, &query));
}

#[test]
fn background_indexing_reports_in_order() {
    let paths = vec![testdata("corpus")];
    let handle = index_in_background(paths.clone(), LoadOptions::default());
    let mut corpus = Corpus::new(LoadOptions::default());
    let mut last_bytes = 0;
    for (events, event) in handle.events().iter().enumerate() {
        match (&event, events) {
            (IndexEvent::Started { .. }, 0) => {}
            (IndexEvent::Started { .. }, _) => panic!("Started comes first"),
            (_, 0) => panic!("Started comes first"),
            _ => {}
        }
        let done = matches!(event, IndexEvent::Done { .. });
        corpus.apply(event);
        assert!(corpus.progress.bytes_done >= last_bytes);
        last_bytes = corpus.progress.bytes_done;
        if done {
            break;
        }
    }
    assert!(corpus.is_done());
    assert_eq!(corpus.progress.bytes_done, corpus.progress.bytes_total);
    let sync = Corpus::index(&paths, LoadOptions::default());
    assert_eq!(corpus.cables, sync.cables);
    assert_eq!(corpus.progress.cables as usize, sync.len());
}

/// Drains a background indexing into a corpus; also returns how many batches came.
fn drain(handle: cable_reader::cable::IndexHandle) -> (Corpus, usize) {
    let mut corpus = Corpus::new(LoadOptions::default());
    let mut batches = 0;
    for event in handle.events().iter() {
        let done = matches!(event, IndexEvent::Done { .. });
        batches += usize::from(matches!(event, IndexEvent::Batch(_)));
        corpus.apply(event);
        if done {
            break;
        }
    }
    // Written to the cache from the index the listener built.
    handle.store_cache(std::sync::Arc::new(corpus.clone()));
    (corpus, batches)
}

#[test]
fn background_indexing_stores_and_replays_the_cache() {
    let cache = tempfile::tempdir().unwrap();
    let paths = vec![testdata("corpus")];
    let options = LoadOptions::default();
    let start =
        || index_in_background_cached(paths.clone(), options, Some(cache.path().to_path_buf()), 0);
    let (first, _) = drain(start());
    // The thread stores the index after sending Done: wait for the file.
    for _ in 0..100 {
        if std::fs::read_dir(cache.path()).unwrap().next().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let (second, batches) = drain(start());
    assert_eq!(batches, 1, "a cached index arrives as one batch");
    assert!(second.is_done());
    assert_eq!(second.cables, first.cables);
    assert_eq!(second.errors, first.errors);
    assert_eq!(second.progress, first.progress);
    let names = |c: &Corpus| {
        c.markings
            .iter()
            .map(|(_, m)| m.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&second), names(&first));
    assert!(second.open(0).is_ok());
}

#[test]
fn changed_or_missing_file_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("c.csv");
    std::fs::copy(
        testdata("corpus/csv/cables.csv-excerpt_rows0001-0037.csv"),
        &csv,
    )
    .unwrap();
    let corpus = Corpus::index(std::slice::from_ref(&csv), LoadOptions::default());
    assert!(corpus.open(3).is_ok());
    assert!(corpus.open(corpus.len()).is_err());
    // Same size, other bytes: the record no longer parses as the one indexed.
    let mut bytes = std::fs::read(&csv).unwrap();
    let at = bytes.len() / 2;
    bytes[at..].fill(b'x');
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&csv, &bytes).unwrap();
    let e = corpus.open(30).unwrap_err();
    assert!(e.to_string().contains("changed"), "{e}");
    std::fs::remove_file(&csv).unwrap();
    let e = corpus.open(3).unwrap_err();
    assert!(e.to_string().contains("gone"), "{e}");
}

/// A stray closing quote on the last line (a cut excerpt, an editor's leftover) is not part of
/// the last record: the whole-file scan and the reading of that record's range alone agree, so
/// the record opens instead of reporting that the file changed.
#[test]
fn a_lone_quote_after_the_last_record_is_not_in_it() {
    let dir = tempfile::tempdir().unwrap();
    // The excerpt ends inside its last record's body: closed here first.
    let mut real =
        std::fs::read(testdata("corpus/csv/cables.csv-excerpt_rows0001-0037.csv")).unwrap();
    real.extend_from_slice(b"\"\n");
    for tail in ["\"\n", "\"", "\"\r\n", "\" \n", "\"\n\n", "\n\"\n"] {
        let csv = dir.path().join("c.csv");
        let mut bytes = real.clone();
        bytes.extend_from_slice(tail.as_bytes());
        std::fs::write(&csv, &bytes).unwrap();
        for sanitize in [false, true] {
            let corpus = check_index_equals_loader(std::slice::from_ref(&csv), sanitize);
            assert_eq!(corpus.len(), 37, "tail {tail:?}");
            assert!(
                corpus.errors.is_empty(),
                "tail {tail:?}: {:?}",
                corpus.errors
            );
        }
    }
}

#[test]
fn cached_index_is_the_index_and_follows_changes() {
    use cable_reader::cable::cache::index_cached_in;
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let csv = dir.path().join("c.csv");
    std::fs::copy(
        testdata("corpus/csv/cables.csv-excerpt_rows0001-0037.csv"),
        &csv,
    )
    .unwrap();
    let paths = [csv.clone()];
    let options = LoadOptions::default();
    let fresh = Corpus::index(&paths, options);
    let first = index_cached_in(&paths, options, Some(&cache), 0);
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1, "written");
    let second = index_cached_in(&paths, options, Some(&cache), 0);
    for c in [&first, &second] {
        assert_eq!(c.cables, fresh.cables);
        assert_eq!(c.errors, fresh.errors);
        assert_eq!(c.files, fresh.files);
        assert!(c.is_done());
        let names = |c: &Corpus| {
            c.markings
                .iter()
                .map(|(_, m)| m.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(c), names(&fresh));
    }
    assert_eq!(second.open(5), fresh.open(5));
    // Below the size limit nothing is written.
    let other = tempfile::tempdir().unwrap();
    index_cached_in(&paths, options, Some(other.path()), u64::MAX);
    assert_eq!(std::fs::read_dir(other.path()).unwrap().count(), 0);
    // A changed file is indexed anew.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let mut bytes = std::fs::read(&csv).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&csv, &bytes).unwrap();
    let changed = index_cached_in(&paths, options, Some(&cache), 0);
    assert_eq!(changed.cables, Corpus::index(&paths, options).cables);
    assert_ne!(changed.cables, fresh.cables);
    // A damaged cache file is ignored.
    for e in std::fs::read_dir(&cache).unwrap() {
        let p = e.unwrap().path();
        let b = std::fs::read(&p).unwrap();
        std::fs::write(&p, &b[..b.len() / 3]).unwrap();
    }
    let again = index_cached_in(&paths, options, Some(&cache), 0);
    assert_eq!(again.cables, changed.cables);
}

#[test]
fn search_command_prints_hits_and_exit_codes() {
    let bin = env!("CARGO_BIN_EXE_cable-reader");
    let corpus = testdata("corpus");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin)
            .args(args)
            .output()
            .expect("run cable-reader");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let dir = corpus.to_str().unwrap();
    let (code, out, _) = run(&["search", "Daalder", dir]);
    assert_eq!(code, Some(0));
    assert!(out.lines().count() > 0);
    for line in out.lines() {
        let (head, _) = line.split_once(": ").expect("ID PLACE: snippet");
        let (id, place) = head.split_once(' ').expect("ID PLACE");
        let place_ok = match place.strip_prefix('¶') {
            Some(n) => n.parse::<u32>().is_ok(),
            None => ["subject", "header", "text", "closing"].contains(&place),
        };
        assert!(!id.is_empty() && place_ok, "{line}");
        assert!(line.contains("Daalder"), "{line}");
    }
    // Smart case: lower case finds it too, upper case in the pattern must match exactly.
    let (_, lower, _) = run(&["search", "daalder", dir]);
    assert_eq!(lower, out);
    let (_, none, _) = run(&["search", "DAALDER", dir]);
    assert!(none.is_empty());
    let (code, json, _) = run(&["search", "--json", "--marking", "C", "Daalder", dir]);
    assert_eq!(code, Some(0));
    for line in json.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["marking"], "C");
        for key in ["id", "paragraph", "snippet", "source", "record"] {
            assert!(v.get(key).is_some(), "{key} in {line}");
        }
    }
    let (code, _, err) = run(&["search", "(", dir]);
    assert_eq!(code, Some(2), "{err}");
    let (code, _, _) = run(&["search", "--marking", "XYZ", "x", dir]);
    assert_eq!(code, Some(2));
    // An input that cannot be read is an error (2), as for grep, even with hits.
    let (code, out2, err) = run(&["search", "Daalder", dir, "/no/such/file"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("/no/such/file"), "{err}");
    assert_eq!(out2, out);
}

mod differential {
    use cable_reader::cable::build::{build_with, summarize};
    use cable_reader::cable::formats;
    use proptest::prelude::*;

    /// Cable-shaped text: numbers, markings, banners, page breaks, odd whitespace.
    fn cable_like() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "\n",
            "\r\n",
            "\n\n",
            "1. ",
            "2. ",
            "3.(",
            "10. ",
            "¶4. ",
            "(C) ",
            "(S/NF) ",
            "(SBU)",
            "(U.S.) ",
            "(C - ENTIRE TEXT)",
            "CONFIDENTIAL - ENTIRE TEXT.",
            "SECRET ",
            "UNCLAS ",
            "C O N F I D E N T I A L\n",
            "SECTION 02 OF 03 ",
            "USNATO 00000595 002.2 OF 003\n",
            "PAGE 02 ATHENS 02959\n",
            "SUBJECT: ",
            "TAGS: ",
            "REF: A. 09 STATE 12 ",
            "E.O. 12958: DECL: 1/1/2019\n",
            "SIPDIS\n",
            "NNNN\n",
            "CLINTON\n",
            "word ",
            "Text. ",
            "\u{b}",
            "\t",
            "  ",
            "\u{1b}[2J",
            "\u{202e}",
            "ſubject ",
            "x",
            "2005",
            ".",
        ]);
        prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The index's summary of a cable is what the full loader gives, whatever the text.
        #[test]
        fn summary_equals_full_build(header in cable_like(), body in cable_like(), sanitize in any::<bool>()) {
            let mut record = String::from("\"1\",\"1/1/2000 0:00\",\"00X1\",\"O\",\"\",\"\",\"");
            record.push_str(&header.replace('"', "\\\""));
            record.push_str("\",\"");
            record.push_str(&body.replace('"', "\\\""));
            record.push_str("\"\n");
            for bytes in [record.as_bytes(), body.as_bytes()] {
                for raw in formats::extract(bytes).cables {
                    let full = build_with(raw.clone(), "src", sanitize);
                    let s = summarize(raw, "src", sanitize);
                    prop_assert_eq!(&s.id, &full.id);
                    prop_assert_eq!(&s.date, &full.date);
                    prop_assert_eq!(&s.classification, &full.classification);
                    prop_assert_eq!(&s.origin, &full.origin);
                    prop_assert_eq!(&s.subject, &full.subject);
                    let markings: Vec<_> = full.paragraphs.iter().map(|p| p.marking.clone()).collect();
                    prop_assert_eq!(&s.markings, &markings);
                    prop_assert_eq!(&s.format, &full.format);
                    prop_assert_eq!(&s.tags, &full.tags);
                    prop_assert_eq!(&s.captions, &full.captions);
                    prop_assert_eq!(&s.references, &full.references);
                    prop_assert_eq!(&s.classified_by, &full.classified_by);
                    prop_assert_eq!(&s.signer, &full.signed_by);
                    let kinds: Vec<&str> = cable_reader::cable::build::warning_kinds(&full.warnings)
                        .into_iter()
                        .filter(|k| *k != "missing-text")
                        .collect();
                    prop_assert_eq!(&s.warnings, &kinds);
                }
            }
        }
    }
}
