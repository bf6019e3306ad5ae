//! The command line on real and broken inputs: output, messages and exit status.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(rel)
}

/// The program with no settings file of the user's and no terminal forced either way.
fn command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cable-reader"));
    c.env("XDG_CONFIG_HOME", empty_dir())
        .env_remove("CABLE_READER_CONFIG")
        .env_remove("CABLE_READER_TERMINAL")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    c
}

/// A folder with nothing in it, the same for every test of this run.
fn empty_dir() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().unwrap()).path()
}

fn run(args: &[&str]) -> Output {
    command().args(args).output().expect("binary runs")
}

fn run_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = command();
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("binary runs")
}

/// Runs with `input` on standard input.
fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = command()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

const USNATO: &str = "09USNATO595\t2009-12-21T15:02:00Z\t-\tUSNATO\t19\tSBU:17,U:2\tNato-Russia: Secretary General's Trip to Moscow\n";

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

#[test]
fn no_path_reads_the_samples_and_says_so() {
    let o = run(&["list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "cable-reader: no PATH given and no corpus in the settings: reading the 6 sample cables built in\n"
    );
    let out = stdout(&o);
    let ids: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "09USNATO595",
            "10RIYADH182",
            "08STATE116943",
            "79TEHRAN8980",
            "09PARIS1007",
            "1974ATHENS02959"
        ],
        "{out}"
    );
    let o = run(&["search", "Karzai"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o)
            .starts_with("10RIYADH182 ¶2: SAUDI-AFGHAN RELATIONS WARMING: President Karzai's"),
        "{}",
        stdout(&o)
    );
    let o = run(&["show", "--id", "09usnato595", "--para", "12"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("09USNATO595 ¶12 (SBU): All interlocutors"));
}

#[test]
fn no_path_reads_the_settings_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let file = corpus("scoop-text/09USNATO595.txt");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("corpus = [{:?}]\n", file.display().to_string()),
    )
    .unwrap();
    let said = format!(
        "cable-reader: no PATH given: reading the settings' corpus: {}\n",
        file.display()
    );
    for args in [
        vec!["list", "--config", config.to_str().unwrap()],
        vec!["--config", config.to_str().unwrap(), "list"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(stdout(&o), USNATO);
        assert_eq!(stderr(&o), said);
    }
    let o = run_env(
        &["search", "Lavrov"],
        &[("CABLE_READER_CONFIG", config.to_str().unwrap())],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).starts_with(
            "09USNATO595 ¶1: …President Medvedev, Premier Putin, Foreign Minister Sergey Lavrov,"
        ),
        "{}",
        stdout(&o)
    );
    assert_eq!(stderr(&o), said);
}

#[test]
fn nothing_selected_says_why_and_exits_1() {
    let path = corpus("scoop-text/09USNATO595.txt");
    let p = path.to_str().unwrap();
    for (args, message) in [
        (
            vec!["show", p, "--id", "NOPE"],
            "cable-reader: no cable with the id NOPE among the 1 cable read\n",
        ),
        (
            vec!["show", p, "--para", "99"],
            "cable-reader: 09USNATO595 has no paragraph 99 (it has ¶1-¶19)\n",
        ),
        (
            vec!["show", p, "--para", "0"],
            "cable-reader: 09USNATO595 has no paragraph 0 (it has ¶1-¶19)\n",
        ),
        (
            vec![
                "show",
                p,
                "--id",
                "09USNATO595",
                "--para",
                "5",
                "--marking",
                "C",
            ],
            "cable-reader: 09USNATO595 has no paragraph 5 marked C (it has ¶1-¶19)\n",
        ),
        (
            vec!["list", p, "--marking", "TS"],
            "cable-reader: none of the 1 cable read has a paragraph marked TS\n",
        ),
        (
            vec!["list", p, "--marking", "ts,s/nf"],
            "cable-reader: none of the 1 cable read has a paragraph marked TS or S//NF\n",
        ),
        (
            vec!["show", p, "--para", "3", "--marking", "unmarked"],
            "cable-reader: 09USNATO595 has no paragraph 3 unmarked (it has ¶1-¶19)\n",
        ),
        (
            vec!["search", "Karzai", p],
            &format!("cable-reader: nothing in {p} matches Karzai\n"),
        ),
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&o), message, "{args:?}");
        assert_eq!(stdout(&o), "", "{args:?}");
    }
    let dir = corpus("wikileaks-html");
    let o = run(&["show", dir.to_str().unwrap(), "--para", "900"]);
    assert_eq!(o.status.code(), Some(1));
    let n = std::fs::read_dir(&dir).unwrap().count();
    assert!(n > 10);
    assert!(
        stderr(&o).starts_with("cable-reader: none of the ")
            && stderr(&o).ends_with(" cables read has a paragraph 900\n"),
        "{}",
        stderr(&o)
    );
    // Some cables with the paragraph: those are printed, the others are simply not.
    let o = run(&["show", dir.to_str().unwrap(), "--para", "20"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let empty = tempfile::tempdir().unwrap();
    for command in ["list", "show"] {
        let o = run(&[command, empty.path().to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
        assert_eq!(
            stderr(&o),
            format!(
                "cable-reader: {}: no cable found: the folder holds no files\n",
                empty.path().display()
            )
        );
    }
}

#[test]
fn a_word_that_is_no_subcommand_nor_file_is_a_usage_error() {
    let dir = corpus("scoop-text");
    let o = run(&["lsit", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "cable-reader: lsit: no such subcommand, file or folder; did you mean list? (see cable-reader --help)\n"
    );
    assert_eq!(stdout(&o), "");
    let o = run(&["serach", "Karzai"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean search?"),
        "{}",
        stderr(&o)
    );
    // A missing path is named before the screen would be taken (nothing drawn on stdout).
    let o = run(&[dir.to_str().unwrap(), "/nope/x"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "cable-reader: /nope/x: no such file or folder\n"
    );
    assert_eq!(stdout(&o), "");
}

#[test]
fn a_broken_or_missing_settings_file_stops_every_command() {
    let file = corpus("scoop-text/09USNATO595.txt");
    let f = file.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "mose = true\n").unwrap();
    let b = bad.to_str().unwrap();
    let bad_said = format!("{b}:1:1: mose: unknown setting, did you mean mouse?\n");
    for args in [
        vec!["list", f],
        vec!["show", f],
        vec!["search", "x", f],
        vec![f],
        vec!["config", "check"],
    ] {
        let o = run_env(&args, &[("CABLE_READER_CONFIG", "/nope")]);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&o),
            "/nope: cannot read: No such file or directory\n",
            "{args:?}"
        );
        assert_eq!(stdout(&o), "", "{args:?}");
        // The option before the subcommand, after it, or at the end: the same.
        let mut before = vec!["--config", b];
        before.extend(&args);
        let mut after = args.clone();
        after.extend(["--config", b]);
        for a in [before, after] {
            let o = run(&a);
            assert_eq!(o.status.code(), Some(2), "{a:?}");
            assert!(stderr(&o).ends_with(&bad_said), "{a:?}: {}", stderr(&o));
            assert_eq!(stdout(&o), "", "{a:?}");
        }
    }
}

#[test]
fn global_options_go_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("config.toml");
    std::fs::write(&good, "mouse = false\n").unwrap();
    let g = good.to_str().unwrap();
    for args in [
        vec!["--config", g, "config", "check"],
        vec!["config", "--config", g, "check"],
        vec!["config", "check", "--config", g],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), format!("{g}: ok\n"), "{args:?}");
    }
}

#[test]
fn fields_and_format_for_scripts() {
    let path = corpus("scoop-text/09USNATO595.txt");
    let p = path.to_str().unwrap();
    let o = run(&["list", p, "--fields", "id,paragraphs", "--fields", "source"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), format!("09USNATO595\t19\t{p}\n"));
    let o = run(&[
        "list",
        p,
        "--format",
        r"{id} ¶{paragraphs}\t{{{markings}}} {record}",
    ]);
    assert_eq!(stdout(&o), "09USNATO595 ¶19\t{SBU:17,U:2} -\n");
    let o = run(&["list", p, "--json", "--fields", "id,markings,record"]);
    assert_eq!(
        stdout(&o),
        "{\"id\":\"09USNATO595\",\"markings\":{\"SBU\":17,\"U\":2},\"record\":null}\n"
    );
    let o = run(&["list", p, "--fields", "id,subjekt"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "cable-reader: no list field \"subjekt\"; did you mean subject? (fields: id, date, classification, origin, paragraphs, markings, subject, source, record, versions, partial)\n"
    );
    assert_eq!(
        run(&["list", p, "--format", "{id", "--json"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_dash_reads_standard_input() {
    let text = std::fs::read(corpus("scoop-text/09USNATO595.txt")).unwrap();
    let o = run_stdin(&["list", "-"], &text);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), USNATO);
    let o = run_stdin(&["show", "-", "--para", "12", "--json"], &text);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["source"], "-");
    assert_eq!(v["paragraphs"][0]["number"], 12);
    let o = run_stdin(&["search", "Lavrov", "-"], &text);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).starts_with(
            "09USNATO595 ¶1: …President Medvedev, Premier Putin, Foreign Minister Sergey Lavrov,"
        ),
        "{}",
        stdout(&o)
    );
    // Standard input beside a file: both are read.
    let other = corpus("wikileaks-html/10RIYADH182.html");
    let o = run_stdin(
        &["list", other.to_str().unwrap(), "-", "--fields", "id"],
        &text,
    );
    assert_eq!(stdout(&o), "10RIYADH182\n09USNATO595\n");
    let o = run_stdin(&["list", "-"], b"");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "cable-reader: -: empty file\n");
}

#[test]
fn list_on_a_terminal_is_aligned_and_coloured() {
    let dir = corpus("scoop-text");
    let d = dir.to_str().unwrap();
    // At 100 columns the widest text column gives way so that the subject keeps 30.
    let o = run_env(
        &["list", d],
        &[
            ("CABLE_READER_TERMINAL", "1"),
            ("NO_COLOR", "1"),
            ("COLUMNS", "100"),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "\
ID              DATE        CLASS   ORIGIN             ¶  MARKINGS    SUBJECT
06WELLINGTON41  2006-01-16  SECRET  Embassy Welling…   2  S:1,C:1     LANGE'S LAST LAUGH
09USNATO595     2009-12-21  -       USNATO            19  SBU:17,U:2  Nato-Russia: Secretary Genera…
"
    );
    let o = run_env(
        &["list", d],
        &[("CABLE_READER_TERMINAL", "1"), ("COLUMNS", "100")],
    );
    let out = stdout(&o);
    assert!(out.starts_with("\u{1b}[1mID\u{1b}[0m"), "{out:?}");
    assert!(out.contains("\u{1b}[36m09USNATO595\u{1b}[0m"), "{out:?}");
    assert!(out.contains("\u{1b}[31mSECRET\u{1b}[0m"), "{out:?}");
    // Into a pipe: the plain lines, no colour.
    let o = run(&["list", d]);
    assert!(!stdout(&o).contains('\u{1b}'));
}

#[test]
fn list_marks_a_text_that_holds_only_part_of_its_cable() {
    // The page shows only the cable's start; the second cable on it is whole.
    let page = corpus("wikileaks-html/73TEHRAN8233.html");
    let p = page.to_str().unwrap();
    let o = run_env(
        &["list", p, "--fields", "id,subject"],
        &[
            ("CABLE_READER_TERMINAL", "1"),
            ("NO_COLOR", "1"),
            ("COLUMNS", "120"),
        ],
    );
    assert_eq!(
        stdout(&o),
        "\
ID            SUBJECT
73TEHRAN8233  (partial) SHAH ON CORRUPTION
THEHAGUE174   NETHERLANDS: POSSIBLE EFFORTS BY DUTCH FIRM INCO TECH TO ASSIST IRANIAN UAV DEVELOPMENT
"
    );
    // Into a pipe the subject stays as written; the field says it.
    let o = run(&["list", p, "--fields", "id,partial,subject"]);
    assert_eq!(
        stdout(&o),
        "73TEHRAN8233\tpartial\tSHAH ON CORRUPTION\n\
         THEHAGUE174\t-\tNETHERLANDS: POSSIBLE EFFORTS BY DUTCH FIRM INCO TECH TO ASSIST IRANIAN UAV DEVELOPMENT\n"
    );
    let o = run(&["list", p, "--json"]);
    let first: serde_json::Value =
        serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(first["partial"], true);
}

#[test]
fn the_reader_needs_a_terminal_and_says_so() {
    let file = corpus("scoop-text/09USNATO595.txt");
    let dir = tempfile::tempdir().unwrap();
    let redirected = dir.path().join("out.txt");
    let o = command()
        .arg(&file)
        .stdout(std::fs::File::create(&redirected).unwrap())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "cable-reader: standard output is not a terminal: the reader needs one to draw on (for a file or a pipe, use `cable-reader list`, `show` or `search`)\n"
    );
    // Nothing drawn into the file.
    assert_eq!(std::fs::read(&redirected).unwrap(), b"");
}

#[test]
fn without_a_controlling_terminal_the_reader_says_so() {
    let Some(t) = common::Tmux::start(100, 30) else {
        return;
    };
    t.wait_for("$");
    // A new session has no controlling terminal; stdout is still the pane.
    t.literal(&format!(
        "setsid -w '{}' < /dev/null; echo EXIT=$?",
        common::BIN
    ));
    t.keys(&["Enter"]);
    let s = t.wait_for("EXIT=2");
    assert!(
        s.contains("cable-reader: no terminal to read keys from: the reader needs one"),
        "{s}"
    );
    assert!(!s.contains("os error"), "{s}");
}

#[test]
fn the_reader_reads_a_cable_from_a_pipe() {
    let Some(t) = common::Tmux::start(100, 30) else {
        return;
    };
    t.wait_for("$");
    let file = corpus("scoop-text/09USNATO595.txt");
    // Keys come from the terminal while the cable came through standard input.
    t.literal(&format!("cat '{}' | '{}' -", file.display(), common::BIN));
    t.keys(&["Enter"]);
    t.wait_for("09USNATO595 ¶1/19");
    t.literal(":12");
    t.keys(&["Enter"]);
    t.wait_for("¶12/19");
    t.literal("q");
    t.wait_flag("alternate_on", "0");
    t.literal("echo EXIT=$?");
    t.keys(&["Enter"]);
    t.wait_for("EXIT=0");
    // `-` with the terminal as standard input would wait for typing: refused.
    t.literal(&format!("clear; '{}' -; echo EXIT=$?", common::BIN));
    t.keys(&["Enter"]);
    let s = t.wait_for("EXIT=2");
    assert!(
        s.replace('\n', "").contains(
            "cable-reader: -: standard input is a terminal; pipe a file in (`cat FILE | cable-reader show -`)"
        ),
        "{s}"
    );
}

/// What bash completes for `words` (the last one being typed).
fn bash_completes(script: &str, words: &[&str]) -> Option<String> {
    Command::new("bash").arg("--version").output().ok()?;
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let cur = words.last().unwrap();
    let prev = words[words.len() - 2];
    let test = format!(
        "{script}\nCOMP_WORDS=({}); COMP_CWORD={}; _cable__reader cable-reader '{cur}' '{prev}'; echo \"${{COMPREPLY[*]}}\"",
        quoted.join(" "),
        words.len() - 1
    );
    let o = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &test])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    Some(stdout(&o).trim_end().to_string())
}

#[test]
fn shell_completions() {
    let o = run(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    let bash = stdout(&o);
    assert!(bash.contains("complete -F _cable__reader"), "{bash}");
    if let Some(words) = bash_completes(&bash, &["cable-reader", "se"]) {
        assert_eq!(words, "search");
        // After a subcommand its own options complete.
        assert_eq!(
            bash_completes(&bash, &["cable-reader", "list", "--f"]).unwrap(),
            "--fields --format --facets"
        );
        assert_eq!(
            bash_completes(&bash, &["cable-reader", "completions", "z"]).unwrap(),
            "zsh"
        );
    }
    let zsh = stdout(&run(&["completions", "zsh"]));
    assert!(zsh.starts_with("#compdef cable-reader\n"), "{zsh}");
    assert!(
        zsh.contains("'*--marking=[Only paragraphs with this marking"),
        "{zsh}"
    );
    let fish = stdout(&run(&["completions", "fish"]));
    assert!(
        fish.contains(
            "complete -c cable-reader -n \"__fish_cable_reader_using_subcommand list\" -l fields"
        ),
        "{fish}"
    );
    let o = run(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("[possible values: bash, zsh, fish]"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn manual_page() {
    let o = run(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    let page = stdout(&o);
    assert!(page.contains(".TH cable-reader 1"), "{page}");
    for heading in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH SUBCOMMANDS",
        ".SH \"CABLE\\-READER LIST\"",
        ".SH \"CABLE\\-READER SEARCH\"",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
    ] {
        assert!(page.contains(heading), "{heading} missing");
    }
    // Rendered, when man is installed: every subcommand's options are there.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cable-reader.1");
    std::fs::write(&file, &page).unwrap();
    let Ok(shown) = Command::new("man")
        .args(["-l", file.to_str().unwrap()])
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
    else {
        return;
    };
    let text = stdout(&shown);
    if !shown.status.success() || text.is_empty() {
        return;
    }
    for expected in [
        "--fields <F,F,...>",
        "cable-reader config check",
        "--para <N|N-M>",
        "CABLE_READER_CONFIG",
    ] {
        assert!(text.contains(expected), "{expected} not in\n{text}");
    }
}
