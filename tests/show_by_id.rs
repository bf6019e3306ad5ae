//! `show --id` on `cables.csv` files: the records are found by their id field, not by indexing
//! every cable, and print what the index would have chosen.

mod common;

use std::process::{Command, Output};

use cable_reader::cable::locate::{count_records, find_records, searchable};

fn run(args: &[&str]) -> Output {
    Command::new(common::BIN)
        .args(args)
        .env("CABLE_READER_CACHE", "off")
        .env("XDG_CONFIG_HOME", common::corpus_file("no-such-folder"))
        .env_remove("CABLE_READER_CONFIG")
        .output()
        .expect("binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const EXCERPT: &str = "csv/cables.csv-excerpt_rows0001-0037.csv";

#[test]
fn the_id_field_finds_the_record_and_a_reference_does_not() {
    let bytes = std::fs::read(common::corpus_file(EXCERPT)).unwrap();
    let found = find_records(&bytes, "85beirut1013");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, 32);
    assert!(bytes[found[0].1.clone()].starts_with(b"\"32\",\"2/19/1985 12:37\",\"85BEIRUT1013\","));
    // 72TEHRAN4887 stands between the same quotes in 72TEHRAN5055's references field, and is
    // no record of the file.
    assert!(memchr::memmem::find(&bytes, b"\",\"72TEHRAN4887\",\"").is_some());
    assert!(find_records(&bytes, "72TEHRAN4887").is_empty());
    assert!(find_records(&bytes, "NOPE").is_empty());
    // The whole records, as the index counts them (the last one is cut off).
    assert_eq!(count_records(&bytes), 36);
    assert!(searchable("09USNATO595") && !searchable("09\"X") && !searchable(""));
}

#[test]
fn show_by_id_prints_what_the_index_chooses() {
    let dir = common::corpus_file("csv");
    let dir = dir.to_str().unwrap();
    let o = run(&["show", "--id", "85beirut1013", "--para", "2", dir]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        text(&o.stdout),
        "85BEIRUT1013 ¶2: ACCORDING TO THE LOCAL PRESS, THE ABOVE OBJECTIVES WERE CONTAINED IN \
         A FIFTY-PAGE MANIFESTO ENTITLED \"OPEN LETTER TO THE OPPRESSED OF LEBANON AND THE \
         WORLD.\"  THE MANIFESTO WAS PRESENTED BY SHEIKH HASSAN GHIBRISS, SPOKESMAN OF THE \
         \"HIZBALLAH NATION,\" TO A GATHERING OF ABOUT 1000 SUPPORTERS ON FEBRUARY 16 IN THE \
         SOUTHERN BEIRUT SUBURB OF SHIYAH.\n"
    );
    // The same cable in several files of the folder: one, with its versions named.
    let o = run(&["show", "--id", "85BEIRUT1013", "--json", dir]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["id"], "85BEIRUT1013");
    let versions = v["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 3);
    assert_eq!(
        versions[0]["source"].as_str().unwrap(),
        common::corpus_file("csv/85BEIRUT1013.csv")
            .display()
            .to_string()
    );
    assert_eq!(versions[1]["record"], 32);
    assert_eq!(text(&o.stdout).lines().count(), 1);
}

#[test]
fn show_by_id_gives_the_indexed_output_and_counts_what_it_did_not_find() {
    let dir = common::corpus_file("csv");
    let dir = dir.to_str().unwrap();
    // A page beside the csv files: every file is indexed, as before.
    let page = common::corpus_file("scoop-text/09USNATO595.txt");
    let page = page.to_str().unwrap();
    let by_id = run(&["show", "--id", "66BUENOSAIRES2481", "--json", dir]);
    let indexed = run(&["show", "--id", "66BUENOSAIRES2481", "--json", dir, page]);
    assert_eq!(by_id.status.code(), Some(0));
    assert_eq!(text(&by_id.stdout), text(&indexed.stdout));
    let o = run(&["show", "--id", "NOPE", dir]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        text(&o.stderr),
        "cable-reader: no cable with the id NOPE among the 104 cables read\n"
    );
    let file = common::corpus_file(EXCERPT);
    let o = run(&[
        "show",
        "--id",
        "NOPE",
        "--id",
        "85BEIRUT1013",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        text(&o.stderr),
        "cable-reader: no cable with the id NOPE among the 36 cables read\n"
    );
    assert!(text(&o.stdout).starts_with("Id:             85BEIRUT1013\n"));
}
