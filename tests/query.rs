//! The query language over the index of the real cables in tests/corpus: each field, facet
//! counts, and `list --where / --count / --facets` on the command line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use cable_reader::cable::query::{Facet, Facts, Query, facets};
use cable_reader::cable::{Corpus, LoadOptions};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn corpus() -> &'static (Corpus, Facts) {
    static CORPUS: OnceLock<(Corpus, Facts)> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let corpus = Corpus::index(&[corpus_dir()], LoadOptions::default());
        let facts = Facts::new(&corpus);
        (corpus, facts)
    })
}

/// The indexes the query selects.
fn select(q: &str) -> Vec<usize> {
    let (corpus, facts) = corpus();
    Query::parse(q)
        .unwrap_or_else(|e| panic!("{q}: {e}"))
        .select(corpus, facts)
}

/// The distinct ids the query selects, sorted.
fn ids(q: &str) -> Vec<String> {
    let (corpus, _) = corpus();
    let mut v: Vec<String> = select(q)
        .into_iter()
        .map(|i| corpus.cables[i].id().to_string())
        .collect();
    v.sort();
    v.dedup();
    v
}

fn count(q: &str) -> usize {
    select(q).len()
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

#[test]
fn empty_query_takes_every_cable() {
    let (corpus, _) = corpus();
    assert_eq!(corpus.cables.len(), 327);
    assert_eq!(count(""), 327);
    assert_eq!(count("   "), 327);
}

#[test]
fn origin_is_one_post_whatever_the_source_calls_it() {
    let paris = [
        "05PARIS7777",
        "06PARIS2069",
        "07PARIS2440",
        "07PARIS4357",
        "07PARIS4650",
        "08PARIS130",
        "08PARIS1698",
        "08PARIS957",
        "09PARIS1007",
        "09PARIS1040",
        "09PARIS1052",
        "09PARIS1254",
        "09PARIS933",
        "09PARIS997",
    ];
    for q in [
        "origin:PARIS",
        "origin:paris",
        "origin:\"Embassy Paris\"",
        "origin:\"AMEMBASSY PARIS\"",
    ] {
        assert_eq!(ids(q), paris, "{q}");
    }
    // The scraper's pages say `PARIS`, the WikiLeaks pages `Embassy Paris`: both are counted.
    let (corpus, _) = corpus();
    let origins: std::collections::BTreeSet<&str> = select("origin:PARIS")
        .into_iter()
        .map(|i| corpus.cables[i].origin())
        .collect();
    assert_eq!(
        origins.into_iter().collect::<Vec<_>>(),
        ["Embassy Paris", "PARIS"]
    );
    // PlusD's `Greece Athens` is the post of `1974ATHENS02959`.
    assert_eq!(ids("origin:athens"), ["1974ATHENS02959", "1974ATHENS03099"]);
    assert_eq!(ids("origin:\"Greece Athens\""), ids("origin:athens"));
    // `Secretary of State`, `Department of State` and the id's STATE are one.
    assert_eq!(count("origin:state"), 32);
    assert_eq!(count("origin:\"Secretary of State\""), 32);
    assert_eq!(count("origin:\"Department of State\""), 32);
    assert_eq!(count("origin:Atlantis"), 0);
}

#[test]
fn id_is_a_prefix() {
    assert_eq!(ids("id:09usnato"), ["09USNATO595"]);
    assert_eq!(
        ids("id:09PARIS10"),
        ["09PARIS1007", "09PARIS1040", "09PARIS1052"]
    );
    assert_eq!(count("id:PARIS"), 0);
}

#[test]
fn class_compares_levels() {
    assert_eq!(count("class:S"), 85);
    assert_eq!(count("class:SECRET"), 85);
    assert_eq!(count("class:C"), 140);
    assert_eq!(count("class:>=C"), 225);
    assert_eq!(count("class:<C"), 101);
    assert_eq!(count("class:U"), 79);
    // UNCLASSIFIED//FOR OFFICIAL USE ONLY is SBU, and so is an unclassified cable captioned
    // SENSITIVE.
    assert_eq!(count("class:SBU"), 20);
    assert_eq!(ids("class:LOU"), ["1973STATE097844", "1974ATHENS02959"]);
    assert_eq!(count("class:>=SBU class:<=LOU"), 22);
    assert_eq!(count("class:TS"), 0);
}

#[test]
fn caveats_come_from_classification_and_markings() {
    let (corpus, _) = corpus();
    let selected = select("caveat:NOFORN");
    assert_eq!(selected.len(), 45);
    // Every cable classified ...//NOFORN is among them, and every one with an S//NF paragraph.
    for (i, c) in corpus.cables.iter().enumerate() {
        if c.classification().ends_with("//NOFORN") || select("marking:S//NF").contains(&i) {
            assert!(selected.contains(&i), "{}", c.id());
        }
    }
    assert_eq!(count("caveat:NF"), 45);
    assert_eq!(count("caveat:REL"), 29);
    assert_eq!(count("caveat:\"REL TO USA, FVEY\""), 29);
    assert_eq!(count("caveat:FOUO"), 15);
    assert_eq!(ids("caveat:FGI"), ["08STATE116943", "09STATE67105"]);
}

#[test]
fn markings_name_paragraphs() {
    assert_eq!(count("marking:S//NF"), 32);
    assert_eq!(count("marking:s/nf"), 32);
    // A marking is taken as written; with `*`, every marking of its level.
    assert_eq!(count("marking:S"), 39);
    assert_eq!(count("marking:S*"), 70);
    assert_eq!(
        ids("marking:unmarked class:S"),
        [
            "08STATE128877",
            "09KABUL1892",
            "09STATE63860",
            "09STATE80163",
            "09STATE93327",
            "10KABUL104",
            "73TEHRAN2077",
            "73TEHRAN8233",
            "85MOGADISHU1643",
            "85NOFORNMOGADISHU1643"
        ]
    );
    assert_eq!(ids("marking:\"S//REL TO USA, FVEY\"").len(), 3);
}

#[test]
fn dates_by_year_month_and_range() {
    assert_eq!(count("date:2009"), 51);
    assert_eq!(ids("date:2009-03"), ["09STATE28302", "09STATE30049"]);
    assert_eq!(
        ids("date:2009-01..2009-02"),
        [
            "09ISLAMABAD365",
            "09KABUL376",
            "09STATE15113",
            "09YEREVAN20"
        ]
    );
    assert_eq!(ids("date:2009-02-19"), ["09ISLAMABAD365"]);
    assert_eq!(count("date:>=2010"), 14);
    assert_eq!(count("date:<1980"), 68);
    assert_eq!(count("date:..1979"), 68);
    // 30 cables have no date.
    assert_eq!(count("date:1980.."), 227);
}

#[test]
fn words_match_subject_and_id() {
    assert_eq!(ids("taliban"), ["09STATE83026"]);
    assert_eq!(ids("subject:taliban"), ["09STATE83026"]);
    assert_eq!(
        ids("\"human rights\""),
        [
            "04NEWDELHI7081",
            "04NEWDELHI7082",
            "07KINGSTON382",
            "09TRIPOLI748",
            "10CAIRO358"
        ]
    );
    // A bare word finds ids too; a field word only its field.
    assert_eq!(ids("usnato"), ["09USNATO595", "10USNATO52"]);
    assert_eq!(count("subject:usnato"), 0);
    assert_eq!(
        ids("subject:\"human rights\" -vetting"),
        ["04NEWDELHI7081", "04NEWDELHI7082", "09TRIPOLI748"]
    );
    // 09TRIPOLI748's file gives no date: no date term takes it.
    assert_eq!(
        ids("(taliban OR \"human rights\") date:2009"),
        ["09STATE83026"]
    );
}

#[test]
fn header_fields_tags_references_warnings() {
    assert_eq!(count("tag:PREL"), 165);
    assert_eq!(count("tag:prel"), 165);
    assert_eq!(
        ids("tag:PTER tag:IR"),
        [
            "07TELAVIV2652",
            "08PARIS957",
            "09KABUL376",
            "09STATE96222",
            "10STATE15856",
            "72TEHRAN4789",
            "72TEHRAN5055",
            "85BEIRUT1013"
        ]
    );
    // 85BEIRUT1014 and 85BEIRUT1351 cite 85BEIRUT1013 in their REF lines.
    assert_eq!(ids("cites:85beirut1013"), ["85BEIRUT1014", "85BEIRUT1351"]);
    assert_eq!(count("cites:85BEIRUT1013"), 5);
    // 85BEIRUT1014 cites 85BEIRUT1013 and 85BEIRUT993; only the first is in the corpus.
    assert_eq!(ids("cited-by:85BEIRUT1014"), ["85BEIRUT1013"]);
    assert_eq!(count("cited-by:85BEIRUT1014"), 4);
    assert_eq!(count("cited-by:09NOSUCH1"), 0);
    // Captions are caveats.
    assert_eq!(count("caveat:SIPDIS"), 177);
    assert_eq!(count("caveat:EXDIS"), 0);
    assert_eq!(count("warning:any"), 78);
    assert_eq!(count("warning:decoded"), 22);
    assert_eq!(
        ids("warning:number-skipped"),
        [
            "00HARARE6677",
            "02BRASILIA4227",
            "05BRASILIA581",
            "05SOFIA1207",
            "06BRASILIA2094",
            "07TELAVIV2652",
            "08MADRID552",
            "08PARIS1698",
            "09STATE80163",
            "09USEUBRUSSELS948"
        ]
    );
}

#[test]
fn versions_count_the_files_holding_an_id() {
    // Each cables.csv record of the excerpts is also a file of its own.
    assert_eq!(count("versions:1"), 207);
    assert_eq!(count("versions:2"), 6);
    assert_eq!(count("versions:3"), 63);
    assert_eq!(count("versions:4"), 36);
    assert_eq!(count("versions:5"), 15);
    assert_eq!(count("versions:>1"), 120);
    assert_eq!(ids("versions:5").len(), 3);
}

#[test]
fn facet_counts_most_first() {
    let (corpus, facts) = corpus();
    let all: Vec<usize> = (0..corpus.cables.len()).collect();
    let f = |facet| facets(facet, corpus, facts, &all);
    let pairs = |v: &[(&str, usize)]| -> Vec<(String, usize)> {
        v.iter().map(|&(s, n)| (s.to_string(), n)).collect()
    };
    assert_eq!(
        f(Facet::Class),
        pairs(&[("C", 140), ("S", 85), ("U", 79), ("SBU", 20), ("LOU", 2)])
    );
    assert_eq!(
        f(Facet::Caveat),
        pairs(&[
            ("SIPDIS", 177),
            ("NOFORN", 45),
            ("REL", 29),
            ("SENSITIVE", 26),
            ("FOUO", 15),
            ("FGI", 2)
        ])
    );
    assert_eq!(
        f(Facet::Year)[..3],
        pairs(&[("1985", 55), ("2009", 51), ("2004", 26)])[..]
    );
    assert_eq!(
        f(Facet::Origin)[..4],
        pairs(&[
            ("TEHRAN", 51),
            ("NEWDELHI", 33),
            ("STATE", 32),
            ("BEIRUT", 18)
        ])[..]
    );
    assert_eq!(
        f(Facet::Marking)[..4],
        pairs(&[("C", 139), ("U", 115), ("unmarked", 113), ("SBU", 63)])[..]
    );
    // Each value's count is the count of the query its term makes.
    for facet in [
        Facet::Class,
        Facet::Caveat,
        Facet::Year,
        Facet::Origin,
        Facet::Marking,
    ] {
        for (value, n) in f(facet) {
            assert_eq!(count(&facet.term(&value)), n, "{facet:?} {value}");
        }
    }
    // Over a selection.
    let sel = select("date:2009");
    assert_eq!(
        facets(Facet::Class, corpus, facts, &sel),
        pairs(&[("S", 20), ("C", 15), ("SBU", 8), ("U", 7)])
    );
}

#[test]
fn list_where_count_and_facets() {
    let dir = corpus_dir();
    let d = dir.to_str().unwrap();
    let o = run(&[
        "list",
        d,
        "--where",
        "origin:\"AMEMBASSY PARIS\" date:2009",
        "--count",
    ]);
    assert_eq!(stdout(&o), "6\n");
    let o = run(&["list", d, "--where", "id:09PARIS10"]);
    let lines: Vec<String> = stdout(&o)
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    assert_eq!(lines, ["09PARIS1007", "09PARIS1040", "09PARIS1052"]);
    // Cables are counted by id, not by version: the query language's 140 confidential
    // versions are 107 cables.
    let o = run(&["list", d, "--facets", "class"]);
    assert_eq!(stdout(&o), "C\t107\nS\t66\nU\t47\nSBU\t20\nLOU\t2\n");
    let o = run(&["list", d, "--count"]);
    assert_eq!(stdout(&o), "243\n");
    assert_eq!(count(""), 327);
    let o = run(&["list", d, "--where", "id:85BEIRUT1014", "--count"]);
    assert_eq!(stdout(&o), "1\n");
    assert_eq!(count("id:85BEIRUT1014"), 3);
    let o = run(&[
        "list",
        d,
        "--where",
        "id:85BEIRUT1014",
        "--facets",
        "origin",
    ]);
    assert_eq!(stdout(&o), "BEIRUT\t1\n");
    let o = run(&["list", d, "--where", "versions:>1", "--count"]);
    assert_eq!(stdout(&o), "36\n");
    let o = run(&[
        "list",
        d,
        "--facets",
        "class",
        "--where",
        "date:2009",
        "--json",
    ]);
    assert_eq!(
        stdout(&o).lines().next(),
        Some(r#"{"count":20,"value":"S"}"#)
    );
    // The marking filter and the query narrow together.
    let o = run(&[
        "list",
        d,
        "--marking",
        "S//NF",
        "--where",
        "date:2009",
        "--count",
    ]);
    assert_eq!(stdout(&o), "15\n");
    let o = run(&["list", d, "--marking", "S//NF", "--where", "date:2009"]);
    assert_eq!(stdout(&o).lines().count(), 15);
}

#[test]
fn a_query_mistake_is_a_usage_error_at_its_column() {
    let dir = corpus_dir();
    let o = run(&["list", dir.to_str().unwrap(), "--where", "class:>=Q"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "cable-reader: --where: column 9: unknown classification Q; expected U, SBU, LOU, C, S, TS\n  class:>=Q\n          ^\n"
    );
    let o = run(&[
        "list",
        dir.to_str().unwrap(),
        "--where",
        "tag:PREL (date:2009",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("cable-reader: --where: column 10: ( is not closed\n"));
}

#[test]
fn show_where_prints_the_cables_found() {
    let dir = corpus_dir().join("wikileaks-html");
    let d = dir.to_str().unwrap();
    let o = run(&["show", d, "--where", "origin:\"Embassy Baku\"", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ids: Vec<String> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(ids, ["\"09BAKU749\""]);
    // The query picks the cables, --para their paragraphs.
    let o = run(&["show", d, "--where", "id:09BAKU749", "--para", "2"]);
    assert!(
        stdout(&o)
            .starts_with("09BAKU749 ¶2 (S//NF): This striking aspect of President Ilham Aliyev"),
        "{}",
        stdout(&o)
    );
    let o = run(&["show", d, "--where", "class:Z"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "cable-reader: --where: column 7: unknown classification Z; expected U, SBU, LOU, C, S, TS\n  class:Z\n        ^\n"
    );
}

#[test]
fn signer_and_partial_extracts_are_kept_in_the_index() {
    assert_eq!(
        ids("signed:rice"),
        [
            "07STATE152317",
            "08STATE103511",
            "08STATE107438",
            "08STATE116943",
            "08STATE128877",
            "08STATE134490",
            "08STATE37957",
            "08STATE79112"
        ]
    );
    assert_eq!(count("signed:clinton"), 17);
    assert_eq!(
        ids("partial:yes"),
        [
            "00HARARE6677",
            "02ANKARA8150",
            "02BRASILIA4227",
            "04ANKARA7211",
            "04MADRID2164",
            "04MADRID4063",
            "04MADRID4367",
            "04OTTAWA3115",
            "05ANKARA1730",
            "05BRASILIA1660",
            "05MADRID4026",
            "05ROME3585",
            "05SOFIA1207",
            // Pages that show only the start of the cable.
            "73TEHRAN2077",
            "73TEHRAN8233",
            "7575LIBREVILLE1895"
        ]
    );
    assert_eq!(count("partial:yes"), 16);
    assert_eq!(count("partial:no"), 311);
    assert_eq!(count("partial:no OR partial:yes"), 327);
}
