//! The command line on real and broken inputs: output, messages and exit status.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

#[test]
fn list_prints_one_line_per_cable() {
    let path = corpus("scoop-text/09USNATO595.txt");
    let o = run(&["list", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "09USNATO595\t2009-12-21T15:02:00Z\t-\tUSNATO\t19\tSBU:17,U:2\tNato-Russia: Secretary General's Trip to Moscow\n"
    );
}

#[test]
fn list_filters_by_marking() {
    let dir = corpus("wikileaks-html");
    let o = run(&["list", dir.to_str().unwrap(), "--marking", "s/nf"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.lines().count() > 10);
    assert!(out.lines().all(|l| l.contains("S//NF:")), "{out}");
    assert!(out.contains("10RIYADH182\t"));
    assert!(!out.contains("09BERLIN1626\t"));
}

#[test]
fn show_selects_paragraphs() {
    let path = corpus("scoop-text/09USNATO595.txt");
    let p = path.to_str().unwrap();
    let o = run(&["show", p, "--id", "09USNATO595", "--para", "12"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    // The citation form, the same text the reader's copy key (y) gives: the paragraph's lines
    // joined into one.
    assert!(
        out.starts_with(
            "09USNATO595 ¶12 (SBU): All interlocutors asked NATO to consider positively CSTO's request for establishing formal relations with NATO,"
        ),
        "{out}"
    );
    assert!(
        out.ends_with("also by broader inclusion of China and India.\n"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1, "{out}");
    assert_eq!(out.matches("¶").count(), 1);

    let o = run(&["show", p, "--para", "1-2", "--marking", "U"]);
    assert_eq!(stdout(&o).matches("09USNATO595 ¶").count(), 2);

    let o = run(&["show", p, "--marking", "SBU", "--para", "1-4"]);
    let out = stdout(&o);
    assert!(out.contains("¶3 (SBU): ") && out.contains("¶4 (SBU): ") && !out.contains("¶1 "));
}

#[test]
fn show_json_has_the_documented_fields() {
    let path = corpus("wikileaks-html/10RIYADH182.html");
    let o = run(&["show", "--json", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    for field in [
        "id",
        "format",
        "source",
        "record",
        "subject",
        "date",
        "origin",
        "classification",
        "captions",
        "tags",
        "references",
        "paragraphs",
        "warnings",
    ] {
        assert!(v.get(field).is_some(), "missing {field}");
    }
    assert_eq!(v["id"], "10RIYADH182");
    assert_eq!(v["format"], "wikileaks-html");
    assert_eq!(v["paragraphs"][2]["number"], 3);
    assert_eq!(v["paragraphs"][2]["marking"], "S//NF");
    assert_eq!(v["paragraphs"][2]["marking_raw"], "s/nf");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["show", "--para", "x"]).status.code(), Some(2));
    assert_eq!(
        run(&["list", "--marking", "bogus/(("]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate", "--nope"]).status.code(), Some(2));
}

#[test]
fn broken_files_are_named_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(
        d.join("binary.bin"),
        (0..3000u32)
            .map(|i| (i * 7919 % 251) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    std::fs::write(
        d.join("page.html"),
        "<!DOCTYPE html><html><body><p>Hello</p></body></html>",
    )
    .unwrap();
    std::fs::write(d.join("notes.txt"), "just some notes\nnothing here\n").unwrap();
    std::fs::write(d.join("long.txt"), "x".repeat(50 << 20)).unwrap();
    let excerpt = std::fs::read(corpus("csv/cables.csv-excerpt_rows0001-0037.csv")).unwrap();
    std::fs::write(d.join("cut.csv"), &excerpt[..20000]).unwrap();
    std::fs::write(
        d.join("latin1.txt"),
        b"P 211502Z DEC 09\nSUBJECT: CAF\xc9\n1. (U) Caf\xe9 cr\xe8me.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("/nonexistent/file", d.join("dangling")).unwrap();
    std::fs::create_dir(d.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", d.join("loop/up")).unwrap();
    std::fs::copy(corpus("scoop-text/09USNATO595.txt"), d.join("good.txt")).unwrap();

    let o = run(&["list", d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let name = |f: &str| format!("cable-reader: {}: ", d.join(f).display());
    for (file, reason) in [
        ("empty.txt", "empty file"),
        ("binary.bin", "binary file, not a cable"),
        ("page.html", "HTML page holds no cable"),
        ("notes.txt", "no cable found in text"),
        ("long.txt", "no cable found in text"),
        ("cut.csv", "record 4: record cut off"),
        ("dangling", "No such file or directory"),
        ("loop/up", "symbolic link loop"),
    ] {
        assert!(
            err.contains(&format!("{}{reason}", name(file))),
            "{file}: {err}"
        );
    }
    let out = stdout(&o);
    assert!(out.contains("09USNATO595\t"), "{out}");
    assert!(out.contains("66BUENOSAIRES2481\t"));
    assert!(out.contains("72TEHRAN1381\t"));
    assert!(out.contains("\tCAFÉ\n"), "{out}");
    assert_eq!(out.lines().count(), 5, "{out}");
}

#[test]
fn piped_output_keeps_text_as_it_is() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile.txt");
    let o = run(&["show", path.to_str().unwrap(), "--para", "1"]);
    assert!(stdout(&o).contains("\u{1b}]0;pwned-title\u{7}"));
    // Error messages are always made safe.
    let bad = tempfile::tempdir().unwrap();
    let evil = bad.path().join("evil\u{1b}[2Jname.txt");
    std::fs::write(&evil, "").unwrap();
    let o = run(&["list", evil.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("evil^[[2Jname.txt: empty file"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains('\u{1b}'));
}
