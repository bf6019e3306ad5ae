//! Links between cables, one cable per id with its versions, citations as pasted: on the real
//! cables of tests/corpus.

mod common;

use std::path::{Path, PathBuf};

use cable_reader::cable::links::{self, Found, Links};
use cable_reader::cable::versions::Versions;
use cable_reader::cable::{Corpus, LoadOptions};

fn testdata(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(rel)
}

/// The built-in release list is `tests/data/cable_ids.list`, encoded. With
/// `CABLE_READER_WRITE_RELEASE_IDS=1` the test writes it anew instead.
#[test]
fn built_in_release_ids_are_the_list() {
    let list = std::fs::read_to_string(testdata("data/cable_ids.list")).unwrap();
    let encoded = links::encode_release_ids(&list);
    let asset = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/release-ids.bin");
    if std::env::var_os("CABLE_READER_WRITE_RELEASE_IDS").is_some() {
        std::fs::write(&asset, &encoded).unwrap();
        return;
    }
    assert!(
        std::fs::read(&asset).unwrap() == encoded,
        "assets/release-ids.bin is not tests/data/cable_ids.list encoded"
    );
    assert_eq!(links::release_len(), 251_287);
    for id in list.lines().step_by(997) {
        assert!(links::in_release(id), "{id}");
    }
    assert!(links::in_release("09USNATO595"));
    assert!(!links::in_release("09USNATO5950000"));
    assert!(!links::in_release("09NOSUCHPOST1"));
}

fn corpus() -> Corpus {
    Corpus::index(&[testdata("corpus")], LoadOptions::default())
}

fn ids(links: &[links::Link]) -> Vec<&str> {
    links.iter().map(|l| l.id.as_str()).collect()
}

#[test]
fn cites_and_cited_by_real_pairs() {
    let corpus = corpus();
    let versions = Versions::build(&corpus);
    let graph = Links::build(&corpus);
    let at = |id: &str| match links::find(&corpus, &versions, id) {
        Found::Loaded(i) => i,
        other => panic!("{id}: {other:?}"),
    };
    // Beirut, February 1985: 1013 cites 992; 1014 and 1351 cite 1013.
    let cites = graph.cites(&corpus, &versions, at("85BEIRUT1013"));
    assert_eq!(ids(&cites), ["85BEIRUT992"]);
    assert_eq!(cites[0].found, Found::Loaded(at("85BEIRUT992")));
    assert_eq!(
        corpus.cables[at("85BEIRUT992")].subject(),
        "HIZBALLAH CALLS FOR ISLAMIC REPUBLIC IN LEBANON"
    );
    assert_eq!(
        ids(&graph.cited_by(&corpus, &versions, "85BEIRUT1013")),
        ["85BEIRUT1014", "85BEIRUT1351"]
    );
    assert_eq!(
        ids(&graph.cited_by(&corpus, &versions, "85BEIRUT992")),
        ["85BEIRUT1013"]
    );
    let cites = graph.cites(&corpus, &versions, at("85BEIRUT1014"));
    assert_eq!(ids(&cites), ["85BEIRUT1013", "85BEIRUT993"]);
    assert_eq!(cites[1].found, Found::NotInRelease);
    // Paris, July 2009.
    assert_eq!(
        ids(&graph.cites(&corpus, &versions, at("09PARIS1040"))),
        ["09PARIS997"]
    );
    assert_eq!(
        ids(&graph.cited_by(&corpus, &versions, "09PARIS997")),
        ["09PARIS1040"]
    );
    // In the release but not among these files.
    let cites = graph.cites(&corpus, &versions, at("09SAOPAULO619"));
    // `(08) SAO PAULO 497`: the year written before the post.
    assert_eq!(ids(&cites), ["09BRASILIA1210", "08SAOPAULO497"]);
    assert_eq!(cites[0].found, Found::NotLoaded);
    // Letters as the REF list gives them.
    let cites = graph.cites(&corpus, &versions, at("01PRETORIA1173"));
    let letters: String = cites.iter().filter_map(|l| l.letter).collect();
    assert_eq!(letters, "ABCDEFGH");
    assert_eq!(cites[3].id, "00CAPETOWN2150");
    let cites = graph.cites(&corpus, &versions, at("09BAKU749"));
    assert_eq!(
        cites
            .iter()
            .map(|l| (l.letter.unwrap(), l.id.as_str()))
            .collect::<Vec<_>>(),
        [
            ('A', "09BAKU724"),
            ('B', "09BAKU534"),
            ('C', "08BAKU1136"),
            ('D', "09BAKU526"),
            ('E', "09BAKU696"),
            ('F', "09BAKU287")
        ]
    );
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cable-reader"))
        .args(args)
        .env("CABLE_READER_CACHE", "off")
        .output()
        .expect("run cable-reader");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn refs_command() {
    let dir = testdata("corpus");
    let dir = dir.to_str().unwrap();
    let (code, out, _) = run(&["refs", "85BEIRUT1013", dir, "--json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["id"], "85BEIRUT1013");
    assert_eq!(
        v["cites"],
        serde_json::json!([{
            "id": "85BEIRUT992",
            "letter": null,
            "loaded": true,
            "in_release": true,
            "date": "1985-02-18T11:59:00Z",
            "subject": "HIZBALLAH CALLS FOR ISLAMIC REPUBLIC IN LEBANON",
        }])
    );
    let cited: Vec<&str> = v["cited_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(cited, ["85BEIRUT1014", "85BEIRUT1351"]);

    // Two steps down: 1014 cites 1013, which cites 992; 993 is not in the release.
    let (code, out, _) = run(&["refs", "85beirut1014", dir, "--depth", "2"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        "85BEIRUT1014  1985-02-19  HIZBALLAH ON THE MOVE\n\
         cites:\n\
         \x20 85BEIRUT1013  1985-02-19  FURTHER ON HIZBALLAH \"MANIFESTO\"\n\
         \x20   85BEIRUT992  1985-02-18  HIZBALLAH CALLS FOR ISLAMIC REPUBLIC IN LEBANON\n\
         \x20 85BEIRUT993  not in the release\n\
         cited by:\n\
         \x20 nothing loaded\n"
    );
    // Two steps up from 992, no cycle back.
    let (_, out, _) = run(&["refs", "85BEIRUT992", dir, "--depth", "5", "--json"]);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let up = &v["cited_by"][0];
    assert_eq!(up["id"], "85BEIRUT1013");
    assert_eq!(up["cited_by"].as_array().unwrap().len(), 2);
    assert_eq!(up["cited_by"][0]["cited_by"], serde_json::json!([]));

    // A citation as pasted names the cable.
    let (code, out, _) = run(&["refs", "09 PARIS 1040 ¶3", dir]);
    assert_eq!(code, Some(0));
    assert!(out.contains("09PARIS997  2009-07-23  MFA AFRICA"), "{out}");
    // Not loaded: exit 1, and whether the release has it.
    let (code, _, err) = run(&["refs", "09BRASILIA1210", dir]);
    assert_eq!(code, Some(1));
    assert!(err.contains("09BRASILIA1210 is not loaded\n"), "{err}");
    let (code, _, err) = run(&["refs", "09NOSUCH1", dir]);
    assert_eq!(code, Some(1));
    assert!(err.contains("nor in the 2010 release"), "{err}");
    let (code, _, _) = run(&["refs", "no citation", dir]);
    assert_eq!(code, Some(2));
}

#[test]
fn one_cable_per_id_with_its_versions() {
    let corpus = corpus();
    let versions = Versions::build(&corpus);
    assert_eq!(corpus.len(), 327);
    assert_eq!(versions.len(), 243);
    let sources = |id: &str| -> Vec<String> {
        let g = versions.find(&corpus, id).unwrap();
        versions
            .group(g)
            .iter()
            .map(|&i| corpus.source(i as usize).to_string())
            .collect()
    };
    let dir = testdata("corpus");
    let rel = |s: &String| {
        Path::new(s)
            .strip_prefix(&dir)
            .unwrap()
            .display()
            .to_string()
    };
    // Equal texts: in source order.
    assert_eq!(
        sources("85BEIRUT1013").iter().map(rel).collect::<Vec<_>>(),
        [
            "csv/85BEIRUT1013.csv",
            "csv/cables.csv-excerpt_rows0001-0037.csv",
            "csv/cables.csv-excerpt_rows0002-0034_CRLF.csv",
            "plain-text/85BEIRUT1013.alx.txt"
        ]
    );
    // The fullest first: the page shows only the start of this cable (another follows it).
    assert_eq!(rel(&sources("73TEHRAN2077")[0]), "csv/73TEHRAN2077.csv");
    assert_eq!(
        rel(&sources("7575LIBREVILLE1895")[0]),
        "csv/7575LIBREVILLE1895.csv"
    );
    let g = versions.find(&corpus, "7575LIBREVILLE1895").unwrap();
    assert_eq!(versions.pick(g, Some(4)), Ok(versions.group(g)[3] as usize));
    assert_eq!(
        versions.pick(g, Some(5)),
        Err("there are versions 1 to 4".into())
    );
    assert!(versions.pick(g, Some(0)).is_err());
    // Case does not matter when looking one up.
    assert_eq!(
        versions.find(&corpus, "85beirut1013"),
        versions.find(&corpus, "85BEIRUT1013")
    );

    // `list`: one line per id; `--json` names the versions.
    let d = dir.to_str().unwrap();
    let (code, out, _) = run(&["list", d]);
    assert_eq!(code, Some(1), "the corpus holds broken files");
    assert_eq!(out.lines().count(), 243);
    let (_, out, _) = run(&["list", "--json", d]);
    let row = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["id"] == "85BEIRUT1013")
        .unwrap();
    let named: Vec<(String, String)> = row["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["format"].as_str().unwrap().to_string(),
                v["record"].to_string(),
            )
        })
        .collect();
    assert_eq!(
        named,
        [
            ("cables-csv".to_string(), "32".to_string()),
            ("cables-csv".to_string(), "32".to_string()),
            ("cables-csv".to_string(), "32".to_string()),
            ("text".to_string(), "null".to_string())
        ]
    );
    // A query picks ids as the list shows them: once, with their versions.
    let (_, out, _) = run(&[
        "list",
        d,
        "--where",
        "id:85BEIRUT10",
        "--fields",
        "id,source,versions",
    ]);
    let rel_line = |l: &str| l.replace(&format!("{d}/"), "");
    assert_eq!(
        out.lines().map(rel_line).collect::<Vec<_>>(),
        [
            "85BEIRUT1013\tcsv/85BEIRUT1013.csv\t4",
            "85BEIRUT1014\tcsv/85BEIRUT1014.csv\t3"
        ]
    );
    let (_, out, _) = run(&["show", d, "--where", "id:85BEIRUT1013", "--json"]);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["versions"].as_array().unwrap().len(), 4);
    // `show`: the cable once, its fullest version; `--version N` another.
    let (_, out, _) = run(&["show", d, "--id", "85BEIRUT1013"]);
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with("Id:") && l.ends_with(" 85BEIRUT1013"))
            .count(),
        1,
        "{out}"
    );
    let (_, out, _) = run(&[
        "show",
        d,
        "--id",
        "85BEIRUT1013",
        "--version",
        "4",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(
        v["source"]
            .as_str()
            .unwrap()
            .ends_with("85BEIRUT1013.alx.txt")
    );
    assert_eq!(v["versions"].as_array().unwrap().len(), 4);
    let (code, _, err) = run(&["show", d, "--id", "85BEIRUT1013", "--version", "9"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("85BEIRUT1013: there are versions 1 to 4"),
        "{err}"
    );
}

#[test]
fn diff_command() {
    let dir = testdata("corpus");
    let d = dir.to_str().unwrap();
    // The cables.csv record against the page that lost most of the text.
    let (code, out, _) = run(&["diff", "7575LIBREVILLE1895", d]);
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("--- version 1: ")
            && lines[0].ends_with("csv/7575LIBREVILLE1895.csv (cables-csv, record 10)"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("+++ version 4: ")
            && lines[1].ends_with("wikileaks-html/7575LIBREVILLE1895.html (wikileaks-html)"),
        "{out}"
    );
    assert_eq!(
        lines[3],
        "¶1: PRESIDENT BONGO HAS JUST PERSONALLY ASSURED ME THAT GOG PERMREP HAS NOW RECEIVED \
         [-FIRM INSTRUCTIONS TO VOTE AGAINST HOSTILE RESOLUTION IN PLENARY THIS AFTERNOON.-]{+F...+}"
    );
    assert!(
        lines[5].starts_with("¶2: [-ACCORDING ROK AMBASSADOR KIM,"),
        "{out}"
    );
    assert_eq!(lines.last(), Some(&"closing: [-STEIGMAN-]"));
    let (code, json, _) = run(&[
        "diff",
        "7575LIBREVILLE1895",
        d,
        "--versions",
        "4,1",
        "--json",
    ]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(v["a"]["version"], 4);
    assert_eq!(v["same"], false);
    assert_eq!(v["changes"][0]["place"], "¶1");
    assert_eq!(
        v["changes"][0]["words"][2],
        serde_json::json!({"op": "insert", "text": "FIRM INSTRUCTIONS TO VOTE AGAINST HOSTILE RESOLUTION IN PLENARY THIS AFTERNOON."})
    );
    assert_eq!(v["changes"][1]["change"], "added");
    // The same text from two files: exit 1, as diff(1).
    let (code, out, _) = run(&["diff", "85BEIRUT1013", d, "--versions", "1,4"]);
    assert_eq!(code, Some(1));
    assert!(out.ends_with("85BEIRUT1013: the same text\n"), "{out}");
    let (code, _, _) = run(&["diff", "85BEIRUT1013", d]);
    assert_eq!(code, Some(1));
    // Errors: exit 2.
    for (args, says) in [
        (vec!["diff", "09USNATO595", d], "only one version"),
        (vec!["diff", "09NOSUCH1", d], "not loaded"),
        (
            vec!["diff", "85BEIRUT1013", d, "--versions", "1"],
            "not two version numbers",
        ),
        (
            vec!["diff", "85BEIRUT1013", d, "--versions", "1,7"],
            "there are versions 1 to 4",
        ),
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, Some(2), "{args:?}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn citations_as_pasted_name_the_cable() {
    let one = testdata("corpus/scoop-text/09USNATO595.txt");
    let p = one.to_str().unwrap();
    for form in [
        "09USNATO595 ¶12",
        "09USNATO595 12",
        "09USNATO595:12",
        "09USNATO595 para 12",
        "09usnato595 Para. 12",
        "https://wikileaks.org/cable/2009/12/09USNATO595.html#par12",
        "09 USNATO 595",
        "2009 USNATO 000595",
        "2009 usnato 000595 ¶12",
    ] {
        let (code, out, err) = run(&["refs", form, p]);
        assert_eq!(code, Some(0), "{form}: {err}");
        assert!(
            out.starts_with("09USNATO595  2009-12-21  Nato-Russia"),
            "{form}: {out}"
        );
    }
    let c = cable_reader::cable::citation::parse("USNATO 595 ¶12", Some(2009)).unwrap();
    assert_eq!((c.id.as_str(), c.paragraph), ("09USNATO595", Some(12)));

    // `--open` starts the reader at the cited place (in a real terminal: the reader needs
    // one): the cable and paragraph it opens at, as its memory keeps them once it quits.
    if let Some(t) = common::Tmux::start(120, 40) {
        t.wait_for("$");
        t.literal(&format!(
            "'{}' --open '09 USNATO 595 para 12' '{p}'",
            common::BIN
        ));
        t.keys(&["Enter"]);
        let s = t.wait_for("¶12/19");
        assert!(s.contains("09USNATO595"), "{s}");
        t.literal("q");
        t.wait_flag("alternate_on", "0");
        // The memory is written as the process ends, after the terminal is given back.
        t.literal("s=$?; clear; echo EXIT=$s");
        t.keys(&["Enter"]);
        t.wait_for("EXIT=0");
        let memory: serde_json::Value =
            serde_json::from_slice(&std::fs::read(t.state_dir().join("state.json")).unwrap())
                .unwrap();
        let key = cable_reader::memory::corpus_key(std::slice::from_ref(&one));
        assert_eq!(memory["corpora"][&key], "09USNATO595");
        assert_eq!(memory["positions"]["09USNATO595"], 12);
    }
    let (code, _, err) = run(&["--open", "hello there", p]);
    assert_eq!(code, Some(2));
    assert!(err.contains("not a citation"), "{err}");
}
