//! The real binary in a real pseudo-terminal (tmux): type keys, read the screen, quit, and check
//! that the terminal came back as it was. Each tmux server's shell has a home, config and state
//! folder of its own (see `common`), so nothing here reads or writes the user's.

mod common;

use common::{BIN, Tmux};

/// Starts the reader on the bundled samples from `/`, as a new user would.
fn start_reader(t: &Tmux) {
    t.literal(&format!("cd / && '{BIN}'"));
    t.keys(&["Enter"]);
}

fn quit_and_check(t: &Tmux, key: &str) {
    t.literal(key);
    t.wait_flag("alternate_on", "0");
    // The status is kept before `clear`, which would replace it.
    t.literal("s=$?; clear; echo EXIT=$s");
    t.keys(&["Enter"]);
    t.wait_for("EXIT=0");
}

#[test]
fn jump_suspend_and_quit_in_a_real_terminal() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    t.wait_for("$");
    // From another folder: the samples are inside the binary.
    start_reader(&t);
    let s = t.wait_for("¶1/19");
    assert!(s.contains("09USNATO595"), "{s}");
    t.wait_flag("alternate_on", "1");

    t.literal(":12");
    t.keys(&["Enter"]);
    let s = t.wait_for("¶12/19");
    assert!(s.contains("12. (SBU) All interlocutors"), "{s}");

    // Ctrl-Z hands the terminal back to the shell; fg brings the reader back, redrawn.
    t.keys(&["C-z"]);
    t.wait_for("Stopped");
    t.wait_flag("alternate_on", "0");
    t.literal("fg");
    t.keys(&["Enter"]);
    let s = t.wait_for("¶12/19");
    assert!(s.contains("12. (SBU) All interlocutors"), "{s}");

    quit_and_check(&t, "q");
    t.assert_restored();
}

#[test]
fn reopening_lands_where_the_reader_left_and_bookmarks_and_copies() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    // OSC 52 from programs reaches tmux's paste buffer (tmux's default ignores it).
    assert!(
        t.run(&["set", "-s", "set-clipboard", "on"])
            .status
            .success()
    );
    t.wait_for("$");
    start_reader(&t);
    t.wait_for("¶1/19");
    t.literal(":12");
    t.keys(&["Enter"]);
    t.wait_for("¶12/19");
    quit_and_check(&t, "q");
    let saved = std::fs::read_to_string(t.state_dir().join("state.json")).unwrap();
    assert!(saved.contains("\"09USNATO595\": 12"), "{saved}");

    // The next start opens the same cable at the same paragraph.
    start_reader(&t);
    let s = t.wait_for("¶12/19");
    assert!(s.contains("12. (SBU) All interlocutors"), "{s}");

    // m bookmarks the paragraph, y copies it with its citation through OSC 52.
    t.literal("m");
    t.wait_for("Bookmarked 09USNATO595 ¶12");
    t.literal("y");
    t.wait_for("Copied 09USNATO595 ¶12");
    // The text travels after the frame that says so: wait for it to arrive.
    let mut buffer = String::new();
    for _ in 0..200 {
        buffer = String::from_utf8_lossy(&t.run(&["show-buffer"]).stdout).into_owned();
        if buffer.starts_with("09USNATO595") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        buffer.starts_with(
            "09USNATO595 ¶12 (SBU): All interlocutors asked NATO to consider positively CSTO's"
        ),
        "{buffer:?}"
    );
    assert!(
        buffer.ends_with("broader inclusion of China and India."),
        "{buffer:?}"
    );
    // The screen holds no trace of the escape sequence.
    assert!(!t.screen().contains("52;c;"), "{}", t.screen());

    // The bookmark list shows it; from another cable, Enter goes back to it.
    t.literal(":open 10RIYADH182");
    t.keys(&["Enter"]);
    t.wait_for("10RIYADH182 ¶");
    t.literal("B");
    let s = t.wait_for("Bookmarks 1");
    assert!(
        s.contains("09USNATO595 ¶12  (SBU) All interlocutors asked"),
        "{s}"
    );
    t.keys(&["Enter"]);
    t.wait_for("09USNATO595 ¶12/19");

    // The prompt remembers: Up brings back the last command.
    t.literal(":");
    t.keys(&["Up"]);
    t.wait_for(":open 10RIYADH182");
    t.escape_from(":open 10RIYADH182");
    quit_and_check(&t, "q");
    t.assert_restored();
}

#[test]
fn settings_remap_keys_and_mistakes_stop_before_the_screen_changes() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    let file = t.config_file();
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "[keys]\nquit = [\"x\"]\n").unwrap();
    t.wait_for("$");
    start_reader(&t);
    t.wait_for("¶1/19");
    // q is no longer bound; x quits.
    t.literal("q");
    t.literal("?");
    // The whole overlay, not only its first rows: a capture can come between two rows drawn.
    t.wait_for("Help: keys of the live keymap");
    // Help is taller than 40 rows: its end holds quit.
    t.literal("G");
    let s = t.wait_for("j/k scroll · esc or x closes");
    let s = if s.contains("close overlay, else quit") {
        s
    } else {
        t.wait_for("close overlay, else quit")
    };
    let quit = s
        .lines()
        .find(|l| l.contains("close overlay, else quit"))
        .unwrap();
    assert!(
        quit.contains(&format!("║  x{}close overlay, else quit", " ".repeat(15))),
        "{s}"
    );
    assert!(s.contains("j/k scroll · esc or x closes"), "{s}");
    t.escape_from("Help: keys of the live keymap");
    quit_and_check(&t, "x");

    std::fs::write(&file, "# mine\n[keys]\nquit = 1\n").unwrap();
    t.literal(&format!("clear; '{BIN}'; echo EXIT=$?"));
    t.keys(&["Enter"]);
    let s = t.wait_for("EXIT=2");
    let expected = format!(
        "{}:3:8: keys.quit: expected a list of key names like [\"q\"], found an integer",
        file.display()
    );
    assert!(s.replace('\n', "").contains(&expected), "{s}");
    assert_eq!(t.flag("alternate_on"), "0");
    t.assert_restored();
}

/// The real corpus folder: indexed in the background with progress, then searched from the
/// reader, a hit opened at its paragraph.
#[test]
fn a_corpus_folder_is_indexed_searched_and_a_hit_opened() {
    let corpus = common::corpus();
    assert!(corpus.is_dir(), "{} is missing", corpus.display());
    let corpus = corpus.to_string_lossy();
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    t.wait_for("$");
    t.literal(&format!("'{BIN}' '{corpus}'"));
    t.keys(&["Enter"]);
    let s = t.wait_for("Cables ");
    assert!(
        s.contains("indexing ") || s.contains("¶"),
        "neither progress nor a cable: {s}"
    );
    // Indexing ends: the list is full (the title counts every id) and the status line no
    // longer shows progress. Before the first batch neither shows yet.
    t.wait_for(" Cables 243 ");
    let s = t.wait_gone("indexing ");
    assert!(s.contains(" Cables 243 "), "{s}");

    t.literal(":search Medvedev");
    t.keys(&["Enter"]);
    let s = t.wait_for(" hits");
    assert!(s.contains("Search Medvedev"), "{s}");
    // Hits stream in: wait until the search is done and has found some.
    for _ in 0..600 {
        let s = t.screen();
        if !s.contains("searching") && !s.contains("· 0 hits") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let s = t.screen();
    assert!(!s.contains("searching") && s.contains("09USNATO595"), "{s}");
    t.keys(&["Enter"]);
    let s = t.wait_for("/Medvedev ");
    assert!(
        !s.contains("Search Medvedev"),
        "the hit list should be closed: {s}"
    );
    assert!(s.contains("Medvedev"), "{s}");

    quit_and_check(&t, "q");
    t.assert_restored();
}

/// Where OSC 52 is refused: `y` hands the text to the configured command, the status line says
/// which, and a failing command is one line naming it.
#[test]
fn a_copy_goes_to_the_configured_command() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    let clip = t.home().join("clip.txt");
    let file = t.config_file();
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        &file,
        format!(
            "citation = \"{{id}} ¶{{¶}} {{url}}: {{text}}\"\nclipboard = [\"sh\", \"-c\", \"cat > '{}'\"]\n",
            clip.display()
        ),
    )
    .unwrap();
    t.wait_for("$");
    start_reader(&t);
    t.wait_for("¶1/19");
    t.literal(":2");
    t.keys(&["Enter"]);
    t.wait_for("¶2/19");
    t.literal("y");
    t.wait_for("characters) to sh -c cat >");
    let mut got = String::new();
    for _ in 0..200 {
        got = std::fs::read_to_string(&clip).unwrap_or_default();
        if !got.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(
        got,
        "09USNATO595 ¶2 https://wikileaks.org/cable/2009/12/09USNATO595.html#par2: Text of written summary:"
    );
    quit_and_check(&t, "q");

    std::fs::write(
        &file,
        "clipboard = [\"sh\", \"-c\", \"echo no display >&2; exit 1\"]\n",
    )
    .unwrap();
    start_reader(&t);
    t.wait_for("¶2/19");
    t.literal("y");
    t.wait_for("Cannot copy to sh -c echo no display >&2; exit 1: exit status 1: no display");
    quit_and_check(&t, "q");
    t.assert_restored();
}

/// The status line of a screen: its last line, trimmed.
fn status_line(screen: &str) -> String {
    screen.lines().last().unwrap_or("").trim().to_string()
}

/// Waits until the status line starts with `start`; fails with the screen when it does not.
fn wait_status(t: &Tmux, start: &str) -> String {
    for _ in 0..400 {
        let s = t.screen();
        if status_line(&s).starts_with(start) {
            return s;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!(
        "waited for the status {start:?}; the screen shows:\n{}",
        t.screen()
    );
}

/// Waits until `got` of the screen is `want` (a frame is drawn in several writes: a capture may
/// catch one half drawn); fails with what it last showed.
fn wait_equal<T: PartialEq + std::fmt::Debug>(t: &Tmux, want: &T, got: impl Fn(&str) -> T) {
    let mut s = String::new();
    for _ in 0..400 {
        s = t.screen();
        if got(&s) == *want {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(got(&s), *want, "{s}");
}

/// Types a command line and runs it.
fn command(t: &Tmux, line: &str) {
    t.literal(line);
    t.keys(&["Enter"]);
}

/// Starts the reader on tests/corpus and waits for indexing to end.
fn start_on_corpus(t: &Tmux) {
    let corpus = common::corpus();
    assert!(corpus.is_dir(), "{} is missing", corpus.display());
    t.wait_for("$");
    t.literal(&format!("'{BIN}' '{}'", corpus.to_string_lossy()));
    t.keys(&["Enter"]);
    t.wait_for("Cables ");
    t.wait_flag("alternate_on", "1");
    // Indexing ends: the status line no longer shows it, the list is full.
    t.wait_gone("indexing ");
    t.wait_for("Cables 243 ");
}

/// Citations opened as pasted, the links overlay, a cited cable opened from it, and back and
/// forward through the jump list.
#[test]
fn pasted_citations_open_and_the_links_lead_there_and_back() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    start_on_corpus(&t);
    command(&t, ":open 09USNATO595 ¶12");
    let s = wait_status(&t, "09USNATO595 ¶12/19 ");
    assert!(
        s.contains("┃▎12. (SBU) All interlocutors asked NATO"),
        "{s}"
    );
    command(&t, ":open 09BAKU749");
    wait_status(&t, "09BAKU749 ¶1/15 ");
    command(
        &t,
        ":open https://wikileaks.org/cable/2009/12/09USNATO595.html#par12",
    );
    wait_status(&t, "09USNATO595 ¶12/19 ");
    command(&t, ":open 09 BAKU 749");
    wait_status(&t, "09BAKU749 ¶1/15 ");
    command(&t, ":open 85BEIRUT1014");
    wait_status(&t, "85BEIRUT1014 ¶1/7   version 1 of 3");

    // R: what it cites, each with its letter's place, date and subject or where it is.
    let title = "╔ Links of 85BEIRUT1014: cites 2 · cited by 0 ";
    for tries in 0.. {
        t.literal("R");
        let answered = |s: &str| s.contains(title) || s.contains("The links are being built");
        wait_equal(&t, &true, answered);
        if t.wait_for("Cables").contains(title) {
            break;
        }
        // Built on the indexer's thread just after indexing ends: a moment.
        assert!(tries < 50, "{}", t.screen());
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let rows = |s: &str| -> Vec<String> {
        s.lines()
            .filter_map(|l| l.split('║').nth(1))
            .filter(|l| l.contains(" cites "))
            .map(|l| l.trim_end().to_string())
            .collect()
    };
    let want = [
        " cites     85BEIRUT1013  1985-02-19  FURTHER ON HIZBALLAH \"MANIFESTO\"",
        " cites     85BEIRUT993  not in the release",
    ]
    .map(String::from)
    .to_vec();
    wait_equal(&t, &want, rows);
    // Enter on the cited cable opens it.
    t.keys(&["Enter"]);
    let s = wait_status(&t, "85BEIRUT1013 ¶1/4   version 1 of 4");
    assert!(!s.contains("╔ Links of"), "{s}");
    // Ctrl-o goes back, and forward again (`I`: in a terminal Ctrl-i is Tab).
    t.keys(&["C-o"]);
    wait_status(&t, "85BEIRUT1014 ¶1/7 ");
    t.literal("I");
    wait_status(&t, "85BEIRUT1013 ¶1/4 ");
    t.keys(&["C-o"]);
    wait_status(&t, "85BEIRUT1014 ¶1/7 ");
    t.keys(&["C-o"]);
    wait_status(&t, "09BAKU749 ¶1/15 ");

    quit_and_check(&t, "q");
    t.assert_restored();
}

/// Finding cables: `:limit`, the facets overlay and a value chosen, `/` in the list, `J`, and
/// `n` through a corpus search's hits across cables.
#[test]
fn limit_facets_list_find_next_cable_and_hits_across_cables() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    start_on_corpus(&t);
    command(&t, ":limit origin:BEIRUT");
    t.wait_for("┌ Cables 6 of 243 · limit origin:BEIRUT ─");
    let ids = |s: &str| -> Vec<String> {
        s.lines()
            .skip(2)
            .take_while(|l| !l.starts_with('└'))
            .filter_map(|l| l.trim_start_matches(['│', '▶', ' ']).split(' ').next())
            .map(String::from)
            .collect()
    };
    let beirut = [
        "85BEIRUT1013",
        "85BEIRUT1014",
        "85BEIRUT1351",
        "85BEIRUT172",
        "85BEIRUT240",
        "85BEIRUT992",
    ]
    .map(String::from)
    .to_vec();
    wait_equal(&t, &beirut, ids);
    t.literal("f");
    t.wait_for("╔ Facets of 6 cables ");
    let facets = |s: &str| -> Vec<String> {
        s.lines()
            .skip_while(|l| !l.contains("╔ Facets of 6 cables"))
            .skip(1)
            .take(9)
            .filter_map(|l| l.split('║').nth(1))
            .map(|l| l.trim_end().to_string())
            .collect()
    };
    let want = [
        " year",
        "         6  1985",
        " origin",
        "         6  BEIRUT",
        " tag",
        "         6  LE",
        "         5  PINT",
        "         4  PTER",
        "         1  IR",
    ]
    .map(String::from)
    .to_vec();
    wait_equal(&t, &want, facets);
    // Enter on PINT narrows the limit to it.
    t.literal("jjjjj");
    t.keys(&["Enter"]);
    t.wait_for("┌ Cables 5 of 243 · limit (origin:BEIRUT) tag:PINT ─");
    // The pane closes with the same key: it may leave a frame after the list's title changed.
    t.wait_gone("╔ Facets");
    command(&t, ":limit");
    t.wait_for("┌ Cables 243 ─");

    // `/` in the list: the cursor goes to the cable as the words are typed; Enter keeps it,
    // Enter again opens it, and `J` the next cable of the list.
    t.keys(&["BTab"]);
    t.wait_for("┏ Cables 243 ━");
    t.literal("/hizb 1014");
    t.wait_for("/hizb 1014");
    t.keys(&["Enter"]);
    t.wait_gone("/hizb 1014");
    t.keys(&["Enter"]);
    wait_status(&t, "85BEIRUT1014 ¶1/7   version 1 of 3");
    t.literal("J");
    let s = wait_status(&t, "85BEIRUT1351 ¶-   version 1 of 2");
    assert!(
        s.contains("│▶ 85BEIRUT1351       1985-03-05 U            1  2v Embassy Beirut       HIZBALLAH \"MANIFESTO\""),
        "{s}"
    );

    // A corpus search: Enter opens the first hit, `n` goes on to the next, into another cable.
    command(&t, ":search Lavrov");
    t.wait_for("╔ Search Lavrov · 10 hits ═");
    t.keys(&["Enter"]);
    wait_status(&t, "09USNATO595 ¶1/19   /Lavrov 1/14");
    t.literal("n");
    wait_status(&t, "09USNATO595 ¶3/19   /Lavrov 2/14  hit 2 of 10");
    t.literal("nnnnnnnnn");
    let s = wait_status(
        &t,
        "09USNATO595 ¶1/19   /Lavrov 1/14  hit 1 of 10 · wrapped to the first",
    );
    assert!(!s.contains("╔ Search"), "{s}");
    t.literal("N");
    wait_status(&t, "09STATE81957 ¶8/31   /Lavrov 1/1  hit 10 of 10");

    quit_and_check(&t, "q");
    t.assert_restored();
}
