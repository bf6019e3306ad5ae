//! `show`'s header summary and JSON fields on real cables of tests/corpus.

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(rel)
}

fn show(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_cable-reader"))
        .arg("show")
        .args(args)
        .output()
        .expect("binary runs");
    assert_eq!(o.status.code(), Some(0));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn header_summary_labels_are_aligned() {
    let path = corpus("wikileaks-html/10RIYADH182.html");
    let out = show(&[path.to_str().unwrap()]);
    let head: Vec<&str> = out.lines().take_while(|l| !l.is_empty()).collect();
    let source = format!("Source:         {}", path.display());
    let want = vec![
        "Id:             10RIYADH182",
        "Date:           2010-02-12T12:15:00Z",
        "Origin:         Embassy Riyadh",
        "Classification: SECRET//NOFORN",
        "Captions:       NOFORN SIPDIS",
        "Precedence:     IMMEDIATE",
        "From:           AMEMBASSY RIYADH",
        "To:             SECSTATE WASHDC",
        "Info:           NATO EU COLLECTIVE; AMEMBASSY DOHA; AMEMBASSY ISLAMABAD; AMEMBASSY KABUL; AMCONSUL DHAHRAN; AMCONSUL JEDDAH",
        "E.O.:           12958: DECL: 02/10/2020",
        "Declassify:     2020-02-10 (02/10/2020)",
        "TAGS:           PREL, PGOV, PTER, KTFN, SA, AF, PK",
        "Subject:        SCENESETTER FOR SPECIAL REPRESENTATIVE AMBASSADOR HOLBROOKE'S FEBRUARY 15-16 VISIT TO RIYADH",
        "REF:            KABUL 500",
        "References:     10KABUL500",
        "Classified by:  Ambassador James B. Smith for reasons 1.4 (B) and (D)",
        "Signed by:      Smith",
        source.as_str(),
    ];
    assert_eq!(head, want);
}

#[test]
fn json_holds_the_new_fields() {
    let path = corpus("html-fragments/07NEWDELHI1485.txt");
    let out = show(&["--json", path.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(v["format"], "html-fragment");
    assert_eq!(v["partial"], false);
    assert_eq!(v["declassify"], "2017-03-28");
    assert_eq!(v["declassify_raw"], "03/28/2017");
    assert_eq!(v["signed_by"], "MULFORD");
    assert_eq!(
        v["references_other"],
        serde_json::json!([{"letter": "C", "text": "HOWARD-KESHAP E-MAIL 09MAR07"}])
    );
    assert_eq!(v["routing"]["to"], serde_json::json!([]));
    assert_eq!(
        v["paragraphs"][3]["heading"],
        "WHAT INDIA CAN OFFER\nAffordable Professionals"
    );
    assert_eq!(v["paragraphs"][0]["number"], 1);
}

/// `versions` in JSON: each version's release date as its source states it.
#[test]
fn versions_say_when_each_source_released_the_text() {
    let versions = |args: &[&str]| -> Vec<(String, Option<String>)> {
        let out = show(&[&["--json"], args].concat());
        let v: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        v["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                let source = x["source"].as_str().unwrap();
                let name = source.rsplit('/').next().unwrap().to_string();
                (name, x["released"].as_str().map(str::to_string))
            })
            .collect()
    };
    let paths: Vec<PathBuf> = [
        "wikileaks-html/72TEHRAN1164.html",
        "wikileaks-html/72TEHRAN1164.fullrelease2011.html",
        "csv/72TEHRAN1164.csv",
    ]
    .iter()
    .map(|p| corpus(p))
    .collect();
    let paths: Vec<&str> = paths.iter().map(|p| p.to_str().unwrap()).collect();
    // The 2010 page, the 2011 full release and the cables.csv record (which states none).
    let mut got = versions(&paths);
    got.sort();
    assert_eq!(
        got,
        vec![
            ("72TEHRAN1164.csv".to_string(), None),
            (
                "72TEHRAN1164.fullrelease2011.html".to_string(),
                Some("2011-08-30".to_string())
            ),
            (
                "72TEHRAN1164.html".to_string(),
                Some("2010-11-28".to_string())
            ),
        ]
    );
    // PlusD: the review marking `Declassified/Released ... 30 JUN 2005`.
    let plusd = corpus("plusd-html/1974ATHENS02959_b.html");
    assert_eq!(
        versions(&[plusd.to_str().unwrap()]),
        vec![(
            "1974ATHENS02959_b.html".to_string(),
            Some("2005-06-30".to_string())
        )]
    );
    // The page holding two cables' database rows: both from the page released 2011-03-14.
    let bern = corpus("wikileaks-html/07BERN881.html");
    assert_eq!(
        versions(&[bern.to_str().unwrap(), "--id", "07BERN881"]),
        vec![("07BERN881.html".to_string(), Some("2011-03-14".to_string()))]
    );
    // A text states none.
    let text = corpus("plain-text/09PARIS1007.txt");
    assert_eq!(
        versions(&[text.to_str().unwrap()]),
        vec![("09PARIS1007.txt".to_string(), None)]
    );
}
