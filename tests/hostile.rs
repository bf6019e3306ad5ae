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
