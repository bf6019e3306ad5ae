//! Text from a file never drives the terminal, and the terminal always comes back.

mod common;

use std::path::{Path, PathBuf};

use cable_reader::app::{Keymap, State};
use cable_reader::cable::load_paths;
use common::{BIN, Tmux};
use ratatui::Terminal;
use ratatui::backend::{CrosstermBackend, TestBackend};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile.txt")
}

fn state(width: u16, height: u16) -> State {
    let report = load_paths(&[fixture()]);
    assert_eq!(report.cables.len(), 1, "{:?}", report.errors);
    State::new(report, Keymap::default_keymap(), width, height)
}

#[test]
fn control_characters_show_in_caret_notation() {
    let state = state(120, 40);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    term.draw(|f| cable_reader::ui::draw(&state, f)).unwrap();
    let screen: String = term
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    for shown in [
        "^[]0;pwned-title^G",
        "^[]52;c;ZXZpbA==^G",
        "^[[2J",
        "<U+009B>2J",
        "^G",
        "^@",
        "<U+202E>gnp.exe",
    ] {
        assert!(screen.contains(shown), "{shown} not on screen:\n{screen}");
    }
}

/// Collects what the backend writes to the terminal.
#[derive(Clone, Default)]
struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn no_byte_from_the_file_reaches_the_terminal_as_control() {
    let state = state(120, 40);
    let sink = Sink::default();
    let mut term = Terminal::new(CrosstermBackend::new(sink.clone())).unwrap();
    term.draw(|f| cable_reader::ui::draw(&state, f)).unwrap();
    let bytes = sink.0.lock().unwrap().clone();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(!bytes.contains(&0x07), "BEL in output");
    assert!(!bytes.contains(&0x00), "NUL in output");
    assert!(!has(b"\x1b]"), "OSC in output");
    assert!(!has(b"\x1b[2J"), "clear-screen in output");
    assert!(!has("\u{9b}".as_bytes()), "C1 CSI in output");
    assert!(!has("\u{202e}".as_bytes()), "bidi override in output");
    // The text itself is there, in visible form.
    assert!(has(b"pwned-title^G"));
}

#[test]
fn reader_and_show_leave_the_title_alone() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    t.wait_for("$");
    let title = t.flag("pane_title");
    t.literal(&format!("'{BIN}' '{}'", fixture().display()));
    t.keys(&["Enter"]);
    t.wait_for("pwned-title^G");
    t.wait_flag("alternate_on", "1");
    t.literal("q");
    t.wait_flag("alternate_on", "0");
    assert_eq!(t.flag("pane_title"), title);

    // `show` on a terminal makes the same text visible instead of obeying it.
    t.literal(&format!(
        "clear; '{BIN}' show '{}' --para 1; echo DO''NE",
        fixture().display()
    ));
    t.keys(&["Enter"]);
    // `DO''NE` on the command line, so only the echo's output matches.
    let s = t.wait_for("DONE");
    assert!(s.contains("^[]0;pwned-title^G"), "{s}");
    assert!(s.contains("^[]52;c;ZXZpbA==^G"), "{s}");
    assert_eq!(t.flag("pane_title"), title);
}

#[test]
fn terminal_comes_back_after_sigterm_and_sighup() {
    for (signal, status) in [("TERM", 143), ("HUP", 129)] {
        let Some(t) = Tmux::start(100, 30) else {
            return;
        };
        t.wait_for("$");
        t.literal(&format!("'{BIN}' & pid=$!; fg"));
        t.keys(&["Enter"]);
        t.wait_for("¶1/19");
        t.wait_flag("alternate_on", "1");
        t.literal(":12");
        t.keys(&["Enter"]);
        t.wait_for("¶12/19");
        // From outside the reader, as a system shutdown or a closed ssh session would.
        let pid = t.flag("pane_pid");
        let out = std::process::Command::new("pkill")
            .args([&format!("-{signal}"), "-P", &pid, "-f", "cable-reader"])
            .output()
            .unwrap();
        assert!(out.status.success(), "pkill -{signal}: {out:?}");
        t.wait_flag("alternate_on", "0");
        t.literal("echo EXIT=$?");
        t.keys(&["Enter"]);
        t.wait_for(&format!("EXIT={status}"));
        t.assert_restored();
        // It quit as by `q`: the place it was at was saved.
        t.literal(&format!("clear; '{BIN}'"));
        t.keys(&["Enter"]);
        t.wait_for("¶12/19");
        t.literal("q");
        t.wait_flag("alternate_on", "0");
    }
}

/// Through every command's output paths on a terminal: hostile ids, subjects, origins,
/// classifications, notes, paragraph texts and file names in two formats, and hostile
/// arguments, leave no control byte but newline and tab on stdout or stderr.
mod output_paths {
    use std::path::Path;
    use std::process::{Command, Output};

    use cable_reader::cli::out::{Out, json};
    use proptest::prelude::*;

    /// Pieces a hostile text is made of: terminal sequences (OSC title and clipboard, CSI clear,
    /// their C1 forms), bidirectional controls, other controls and plain words. No `"` or `\`,
    /// which the CSV record would take as its own syntax.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("\u{1b}]0;pwned\u{7}".to_string()),
            Just("\u{1b}]52;c;ZXZpbA==\u{7}".to_string()),
            Just("\u{1b}[2J".to_string()),
            Just("\u{9b}2J".to_string()),
            Just("\u{9d}0;t\u{9c}".to_string()),
            Just("\u{202e}gnp.exe\u{202c}".to_string()),
            Just("\u{2066}x\u{2069}".to_string()),
            Just("\r".to_string()),
            Just("\u{7f}\u{8}\0".to_string()),
            "[a-zA-Z ]{1,8}",
            proptest::char::range('\u{0}', '\u{a0}').prop_map(String::from),
            proptest::char::range('\u{2000}', '\u{2070}').prop_map(String::from),
        ]
        .prop_filter("no quote or backslash", |s| !s.contains(['"', '\\']))
    }

    fn hostile() -> impl Strategy<Value = String> {
        proptest::collection::vec(piece(), 1..6).prop_map(|v| v.concat())
    }

    /// One line: no newline inside (a metadata line of the text format).
    fn hostile_line() -> impl Strategy<Value = String> {
        hostile().prop_map(|s| s.replace(['\n', '\r'], " "))
    }

    /// Every byte of `bytes` is allowed on a terminal: printable, newline or tab.
    fn assert_clean(bytes: &[u8], what: &str) {
        let text = String::from_utf8_lossy(bytes);
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| c != '\n' && c != '\t' && cable_reader::sanitize::is_unsafe(c))
            .collect();
        assert!(bad.is_empty(), "{what}: {bad:?} in {text:?}");
    }

    fn alx(
        id_line: &str,
        subject: &str,
        class: &str,
        origin: &str,
        note: &str,
        text: &str,
    ) -> String {
        format!(
            "{id_line}\n{subject}\nWed Nov 13 00:00:00 +0100 2002\n{class}\n{origin}\n{note}UNCLAS ANKARA 008150 \n \nE.O. 12958: N/A \nTAGS: ECON\nSUBJECT: {subject}\n \n1. (U) {text} MARKER one.\n \n2. (SBU) Second MARKER {text}\n"
        )
    }

    fn csv(id: &str, origin: &str, class: &str, date: &str, text: &str) -> String {
        format!(
            "\"1\",\"{date}\",\"{id}\",\"{origin}\",\"{class}\",\"\",\"P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\",\"UNCLASSIFIED BUENOS AIRES 2481 \n \nSUBJECT: {text}\n \n1. (U) {text} MARKER here.\n\"\n"
        )
    }

    fn run(dir: &Path, args: &[&str], colors: bool) -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_cable-reader"));
        c.args(args)
            .env("CABLE_READER_TERMINAL", "1")
            .env("COLUMNS", "120")
            .env("XDG_CONFIG_HOME", dir.join("no-config"))
            .env("XDG_STATE_HOME", dir.join("state"))
            .env_remove("CABLE_READER_CONFIG");
        if colors {
            c.env_remove("NO_COLOR").env("TERM", "xterm");
        } else {
            c.env("NO_COLOR", "1");
        }
        c.output().unwrap()
    }

    /// The colours `list` itself writes, taken out before the check.
    fn without_own_styles(bytes: &[u8]) -> Vec<u8> {
        let mut s = String::from_utf8_lossy(bytes).into_owned();
        for code in ["0", "1", "2", "31", "32", "33", "36"] {
            s = s.replace(&format!("\u{1b}[{code}m"), "");
        }
        s.into_bytes()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn commands_write_no_control_to_a_terminal(
            subject in hostile_line(),
            class in hostile_line(),
            origin in hostile_line(),
            note in hostile_line(),
            text in hostile(),
            id in hostile_line(),
            name in hostile_line(),
        ) {
            let tmp = tempfile::tempdir().unwrap();
            let dir = tmp.path().join("in");
            std::fs::create_dir(&dir).unwrap();
            // A file name may hold anything but `/` and NUL.
            let name = name.replace(['/', '\0'], "_");
            std::fs::write(
                dir.join(format!("{name}.alx.txt")),
                alx("02ANKARA8150", &subject, &class, &origin, &note, &text),
            ).unwrap();
            std::fs::write(
                dir.join(format!("{name}.csv")),
                csv(&id, &origin, &class, &note, &text),
            ).unwrap();
            // A file of the name alone: an error message naming it.
            std::fs::write(dir.join(format!("{name}.empty")), "").unwrap();
            let d = dir.to_str().unwrap();
            let arg = format!("MARKER{}", id.replace('\0', ""));
            let cases: Vec<(Vec<&str>, bool)> = vec![
                (vec!["list", d], false),
                (vec!["list", d], true),
                (vec!["list", "--json", d], false),
                (vec!["list", "--fields", "source,subject,origin,classification", d], false),
                (vec!["list", "--format", "{id} {source} {subject}", d], false),
                (vec!["show", d], false),
                (vec!["show", "--json", d], false),
                (vec!["show", "--para", "1-2", d], false),
                (vec!["show", "--para", "99", d], false),
                (vec!["show", "--id", &arg, d], false),
                (vec!["search", "MARKER", d], false),
                (vec!["search", "--json", "MARKER", d], false),
                (vec!["search", &arg, d], false),
                (vec![d, &arg], false),
            ];
            for (args, colors) in &cases {
                let o = run(tmp.path(), args, *colors);
                let out = if *colors { without_own_styles(&o.stdout) } else { o.stdout.clone() };
                assert_clean(&out, &format!("stdout of {args:?}"));
                assert_clean(&o.stderr, &format!("stderr of {args:?}"));
            }
        }

        #[test]
        fn the_terminal_writer_and_json_pass_no_control(s in "\\PC*|[\\x00-\\x{a0}\\x{2000}-\\x{2070}]*") {
            let mut out = Out::new(Vec::new(), true);
            std::io::Write::write_all(&mut out, s.as_bytes()).unwrap();
            std::io::Write::flush(&mut out).unwrap();
            let mut text = Vec::new();
            {
                let mut o = Out::new(&mut text, true);
                // Byte by byte: characters cut between writes still come out whole.
                for b in s.as_bytes() {
                    std::io::Write::write_all(&mut o, &[*b]).unwrap();
                }
                std::io::Write::flush(&mut o).unwrap();
            }
            let line = json(&serde_json::json!({ "id": s, "notes": [s] })).unwrap();
            assert_clean(line.as_bytes(), "json");
            assert_clean(&text, "writer, bytewise");
            let back: serde_json::Value = serde_json::from_str(&line).unwrap();
            prop_assert_eq!(back["id"].as_str(), Some(s.as_str()));
        }
    }
}

#[test]
fn error_messages_quote_a_few_words_of_a_file() {
    let dir = tempfile::tempdir().unwrap();
    // A page whose id cell holds a paragraph of text and a terminal title sequence, and no
    // cable text: the error quotes the start of the cell, cleaned.
    let cell = format!(
        "10RIYADH182 {}\u{1b}]0;t\u{7}",
        "and a very long cell of cable text that goes on and on ".repeat(5)
    );
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        format!(
            "<html><head><title>x</title></head><body><table class=\"cable\"><tr><th>Reference ID</th><th>Created</th></tr><tr><td>{cell}</td><td>2010-02-12</td></tr></table></body></html>"
        ),
    )
    .unwrap();
    let o = std::process::Command::new(BIN)
        .args(["list", page.to_str().unwrap()])
        .env("XDG_CONFIG_HOME", dir.path())
        .env_remove("CABLE_READER_CONFIG")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "cable-reader: {}: cable page 10RIYADH182 and a very long cell of cable text…\n",
            page.display()
        )
    );
}

#[test]
fn text_and_json_on_a_terminal_are_clean() {
    let dir = tempfile::tempdir().unwrap();
    let real = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/plain-text/02ANKARA8150.alx.txt"),
    )
    .unwrap();
    // The subject carries a title, a clipboard write, a clear screen, a C1 CSI and a
    // right-to-left override.
    let evil = "\u{1b}]0;t\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{9b}2J\u{202e}";
    let file = dir.path().join("02ANKARA8150.alx.txt");
    std::fs::write(
        &file,
        real.replacen(
            "SUBJECT: UPDATE ON",
            &format!("SUBJECT: UPDATE{evil} ON"),
            1,
        ),
    )
    .unwrap();
    let run = |args: &[&str], terminal: &str| {
        std::process::Command::new(BIN)
            .args(args)
            .env("CABLE_READER_TERMINAL", terminal)
            .env("XDG_CONFIG_HOME", dir.path())
            .env_remove("CABLE_READER_CONFIG")
            .output()
            .unwrap()
    };
    let f = file.to_str().unwrap();
    let o = run(&["show", f], "1");
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(
            "\nSubject:        UPDATE^[]0;t^G^[]52;c;ZXZpbA==^G^[[2J<U+009B>2J<U+202E> ON TURKEY'S CONTRIBUTION TO AFGHANISTAN RECONSTRUCTION\n"
        ),
        "{out}"
    );
    let o = run(&["show", "--json", f], "1");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(
            r#""subject":"UPDATE\u001b]0;t\u0007\u001b]52;c;ZXZpbA==\u0007\u001b[2J\u009b2J\u202e ON TURKEY'S"#
        ),
        "{out}"
    );
    // JSON is the same into a pipe; text into a pipe is as the file holds it.
    assert_eq!(run(&["show", "--json", f], "0").stdout, o.stdout);
    let piped = String::from_utf8_lossy(&run(&["show", f], "0").stdout).into_owned();
    assert!(piped.contains(&format!("UPDATE{evil} ON")));
}

/// A note quoting a table cell of the page (its Reference ID, which disagrees with the title)
/// is cleaned like the rest of the cable: found by fuzzing the loader.
#[test]
fn a_note_quoting_the_file_holds_no_control_character() {
    let page =
        std::fs::read_to_string(common::corpus_file("wikileaks-html/08STATE37957.html")).unwrap();
    let cell = "<td>\n<a href='/cable/2008/04/08STATE37957.html'>08STATE37957</a>";
    assert!(page.contains(cell));
    let hostile = page.replace(
        cell,
        "<td>\u{1b}]0;owned\u{7}\u{e}<a href='/cable/2008/04/08STATE37957.html'>08STATE37957</a>",
    );
    let (cables, errors) = cable_reader::cable::load_bytes(hostile.as_bytes(), "page.html");
    assert!(errors.is_empty(), "{errors:?}");
    let notes: Vec<String> = cables[0].warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        notes.contains(
            &"the page title names cable 08STATE37957, its table ^[]0;owned^G^N08STATE37957"
                .to_string()
        ),
        "{notes:?}"
    );
}
