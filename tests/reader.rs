//! The reader driven by actions and keys, drawn on a `TestBackend`.
//!
//! Snapshots carry no colour; styles that matter are checked on the buffer directly. Timings
//! are in `benches/keys.rs`.

mod common;

use cable_reader::app::state::Pane;
use cable_reader::app::{
    Action, Effect, Keymap, Overlay, State, dispatch, handle_event, key_action,
};
use cable_reader::cable::{Cable, Level, LoadReport, Marking, Paragraph, Warning};
use cable_reader::keys::Command;
use cable_reader::samples::load_samples;
use cable_reader::ui;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

fn reader(w: u16, h: u16) -> State {
    State::new(load_samples(), Keymap::default_keymap(), w, h)
}

fn terminal(state: &State) -> Terminal<TestBackend> {
    let (w, h) = state.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(state, f)).unwrap();
    t
}

fn screen(state: &State) -> String {
    terminal(state).backend().to_string()
}

fn status(state: &State) -> String {
    let t = terminal(state);
    let buf = t.backend().buffer();
    let y = buf.area.height - 1 - u16::from(state.prompt.is_some());
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

fn key(state: &mut State, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    handle_event(state, Event::Key(KeyEvent::new(code, mods)))
}

/// Types keys as a user would: each character a key press; `<enter>`, `<esc>`, `<tab>`,
/// `<s-tab>`, `<c-o>` ... for the named ones. Returns what the keys asked of the event loop.
fn typing(state: &mut State, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut rest = keys;
    while !rest.is_empty() {
        if rest.starts_with('<')
            && let Some(end) = rest.find('>')
            && end > 1
        {
            let name = &rest[1..end];
            let (code, mods) = match name {
                "enter" => (KeyCode::Enter, KeyModifiers::NONE),
                "esc" => (KeyCode::Esc, KeyModifiers::NONE),
                "tab" => (KeyCode::Tab, KeyModifiers::NONE),
                "s-tab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                "bs" => (KeyCode::Backspace, KeyModifiers::NONE),
                "f1" => (KeyCode::F(1), KeyModifiers::NONE),
                "pgdn" => (KeyCode::PageDown, KeyModifiers::NONE),
                "end" => (KeyCode::End, KeyModifiers::NONE),
                n if n.starts_with("c-") => (
                    KeyCode::Char(n.chars().nth(2).unwrap()),
                    KeyModifiers::CONTROL,
                ),
                other => panic!("unknown key <{other}>"),
            };
            effects.extend(key(state, code, mods));
            rest = &rest[end + 1..];
            continue;
        }
        let c = rest.chars().next().unwrap();
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        effects.extend(key(state, KeyCode::Char(c), mods));
        rest = &rest[c.len_utf8()..];
    }
    effects
}

fn para(number: u32, level: Option<Level>, text: &str) -> Paragraph {
    let marking = level.map(|level| Marking {
        level,
        caveats: Vec::new(),
    });
    Paragraph {
        number: Some(number),
        heading: None,
        marking_raw: marking.as_ref().map(|m| m.to_string()),
        marking,
        inherited: false,
        text: text.to_string(),
    }
}

/// A small hand-built cable: for cases the samples do not hold.
fn small_cable(id: &str) -> Cable {
    Cable {
        id: id.to_string(),
        subject: "TEST SUBJECT".into(),
        date: Some("2009-01-02T03:04:00Z".into()),
        origin: "Embassy Testville".into(),
        classification: "CONFIDENTIAL".into(),
        paragraphs: vec![
            para(1, Some(Level::U), "Opening words about the harbour."),
            para(2, Some(Level::C), "The harbour master said little."),
            para(3, Some(Level::C), "Nothing about the harbour; and then"),
            para(5, None, "Closing words."),
        ],
        warnings: vec![
            Warning::MissingText { paragraph: 3 },
            Warning::NumberSkipped { after: 3, found: 5 },
        ],
        ..Cable::default()
    }
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshot_reference_cable_120x40() {
    let s = reader(120, 40);
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    insta::assert_snapshot!(screen(&s));
}

#[test]
fn snapshot_after_jump_to_12() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>");
    assert!(status(&s).contains("¶12/19"), "{}", status(&s));
    insta::assert_snapshot!(screen(&s));
}

#[test]
fn snapshot_filter_sbu_then_top() {
    let mut s = reader(120, 40);
    typing(&mut s, ":filter SBU<enter>g");
    insta::assert_snapshot!(screen(&s));
}

#[test]
fn snapshot_help_overlay() {
    let mut s = reader(120, 40);
    typing(&mut s, "?");
    insta::assert_snapshot!(screen(&s));
}

#[test]
fn snapshot_60x20() {
    let s = reader(60, 20);
    insta::assert_snapshot!(screen(&s));
}

#[test]
fn snapshot_10x5() {
    let s = reader(10, 5);
    insta::assert_snapshot!(screen(&s));
}

// ---------------------------------------------------------------- actions

#[test]
fn jump_sets_the_current_paragraph() {
    let mut s = reader(120, 40);
    assert_eq!(s.paragraph_position().unwrap(), "¶1/19");
    dispatch(&mut s, Action::JumpTo(12));
    assert_eq!(s.paragraph_position().unwrap(), "¶12/19");
    // the last paragraph can be brought to the top too
    dispatch(&mut s, Action::JumpTo(19));
    assert_eq!(s.paragraph_position().unwrap(), "¶19/19");
    dispatch(&mut s, Action::JumpTo(40));
    assert_eq!(s.paragraph_position().unwrap(), "¶19/19");
    assert!(s.message.as_deref().unwrap().contains("No ¶40"));
}

#[test]
fn digits_in_the_paragraph_view_start_the_jump_prompt() {
    let mut s = reader(120, 40);
    typing(&mut s, "1");
    assert!(s.prompt.is_some());
    typing(&mut s, "7<enter>");
    assert!(s.prompt.is_none());
    assert_eq!(s.paragraph_position().unwrap(), "¶17/19");
}

#[test]
fn next_and_previous_paragraph() {
    let mut s = reader(120, 40);
    typing(&mut s, "]");
    assert_eq!(s.paragraph_position().unwrap(), "¶1/19");
    assert_eq!(s.reader.top, s.reader.doc.paragraph_line(0).unwrap());
    typing(&mut s, "]]");
    assert_eq!(s.paragraph_position().unwrap(), "¶3/19");
    typing(&mut s, "[");
    assert_eq!(s.paragraph_position().unwrap(), "¶2/19");
}

#[test]
fn back_returns_to_before_the_jump() {
    let mut s = reader(120, 40);
    typing(&mut s, ":5<enter>");
    let at5 = s.reader.top;
    typing(&mut s, ":12<enter>");
    assert_eq!(s.paragraph_position().unwrap(), "¶12/19");
    typing(&mut s, "<c-o>");
    assert_eq!(s.reader.top, at5);
    assert_eq!(s.paragraph_position().unwrap(), "¶5/19");
    typing(&mut s, "''");
    assert_eq!(s.reader.top, 0);
    typing(&mut s, "''");
    assert_eq!(s.message.as_deref(), Some("No earlier place to go back to"));
    // an unbound key after a lone ' clears the pending key
    typing(&mut s, "'x");
    assert!(s.pending_keys.is_empty());
}

#[test]
fn back_after_opening_another_cable() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>");
    let before = s.reader.top;
    typing(&mut s, "<s-tab>");
    assert_eq!(s.focus, Pane::List);
    typing(&mut s, "j<enter>");
    assert_eq!(s.open_cable().unwrap().id, "10RIYADH182");
    assert_eq!(s.focus, Pane::Reader);
    typing(&mut s, "<c-o>");
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    assert_eq!(s.reader.top, before);
}

#[test]
fn filter_by_command_and_by_pane_share_state() {
    let mut s = reader(120, 40);
    typing(&mut s, ":filter SBU<enter>");
    assert_eq!(s.filter_label().as_deref(), Some("SBU"));
    // only cables with an SBU paragraph are listed
    let ids: Vec<&str> = s
        .list
        .rows
        .iter()
        .map(|&i| &*s.corpus.cables[i as usize].id)
        .collect();
    assert_eq!(ids, ["09USNATO595", "08STATE116943"]);
    assert!(status(&s).contains("filter SBU"));
    // ¶1 and ¶2 are (U): hidden, and said so
    assert!(screen(&s).contains("⋯ 2 paragraphs hidden by filter (¶1–2)"));
    typing(&mut s, ":1<enter>");
    assert!(
        s.message
            .as_deref()
            .unwrap()
            .contains("hidden by the filter")
    );

    // the pane shows the same state, and Space there changes it
    let sbu = s.markings.find("SBU").unwrap() as usize;
    let u = s.markings.find("U").unwrap() as usize;
    assert!(s.filter.enabled[sbu]);
    typing(&mut s, "<tab>");
    assert_eq!(s.focus, Pane::Filter);
    s.filter.cursor.selected = u;
    typing(&mut s, " ");
    assert_eq!(s.filter_label().as_deref(), Some("U,SBU"));
    typing(&mut s, ":filter<enter>");
    assert_eq!(s.filter_label(), None);
    assert_eq!(s.list.rows.len(), s.corpus.len());

    typing(&mut s, ":filter U,SBU<enter>");
    assert_eq!(s.filter_label().as_deref(), Some("U,SBU"));
    typing(&mut s, ":filter NOPE<enter>");
    assert!(
        s.message
            .as_deref()
            .unwrap()
            .contains("No paragraph is marked NOPE")
    );
    assert_eq!(s.filter_label().as_deref(), Some("U,SBU"));
    // markings with commas inside, and a level standing for all its markings
    typing(&mut s, ":filter S//REL TO USA, FVEY<enter>");
    assert_eq!(s.filter_label().as_deref(), Some("S//REL TO USA, FVEY"));
    typing(&mut s, ":filter s<enter>");
    assert!(s.filter_label().unwrap().starts_with("S//"));
}

#[test]
fn filter_keeps_the_current_paragraph_in_view() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>");
    typing(&mut s, ":filter SBU<enter>");
    assert_eq!(s.paragraph_position().unwrap(), "¶12/19");
    typing(&mut s, ":filter U<enter>");
    // 12 is hidden now: the view sits on the run that hides it
    let text = screen(&s);
    let first_row = text
        .lines()
        .skip_while(|l| !l.contains('┏'))
        .nth(1)
        .unwrap();
    assert!(
        first_row.contains("⋯ 17 paragraphs hidden by filter (¶3–19)"),
        "{text}"
    );
}

#[test]
fn search_counts_highlights_and_steps() {
    let mut s = reader(120, 40);
    typing(&mut s, "/lavrov<enter>");
    let search = s.reader.search.clone().unwrap();
    assert_eq!(search.matches.len(), 14);
    assert!(status(&s).contains("/lavrov 1/14"), "{}", status(&s));
    typing(&mut s, "n");
    assert!(status(&s).contains("/lavrov 2/14"));
    typing(&mut s, "NN");
    assert!(status(&s).contains("/lavrov 14/14"));
    assert_eq!(s.message.as_deref(), Some("Search wrapped to the bottom"));
    // the current match is drawn highlighted
    let t = terminal(&s);
    let buf = t.backend().buffer();
    let hl = buf
        .content()
        .iter()
        .filter(|c| c.bg == Color::LightRed)
        .map(|c| c.symbol())
        .collect::<String>();
    assert_eq!(hl.to_lowercase(), "lavrov");
    // Esc clears it
    typing(&mut s, "<esc>");
    assert!(s.reader.search.is_none());
    assert!(!status(&s).contains("/lavrov"));
    // a phrase across a line break in the source
    typing(&mut s, "/secretary general rasmussen<enter>");
    assert_eq!(s.reader.search.as_ref().unwrap().matches.len(), 1);
    typing(&mut s, "/zzzz<enter>");
    assert_eq!(s.message.as_deref(), Some("Not found: zzzz"));
}

#[test]
fn search_reports_matches_the_filter_hides() {
    let mut s = reader(120, 40);
    typing(&mut s, ":filter U<enter>/lavrov<enter>");
    assert!(status(&s).contains("(+"), "{}", status(&s));
}

#[test]
fn focus_moves_between_panes() {
    let mut s = reader(120, 40);
    assert_eq!(s.focus, Pane::Reader);
    typing(&mut s, "<tab>");
    assert_eq!(s.focus, Pane::Filter);
    typing(&mut s, "<tab>");
    assert_eq!(s.focus, Pane::List);
    typing(&mut s, "<s-tab>");
    assert_eq!(s.focus, Pane::Filter);
    // j moves the filter cursor, not the text
    typing(&mut s, "j");
    assert_eq!(s.filter.cursor.selected, 1);
    assert_eq!(s.reader.top, 0);
    // a hidden list is skipped
    typing(&mut s, "L<tab><tab>");
    assert_eq!(s.focus, Pane::Filter);
}

#[test]
fn prompt_takes_every_key() {
    let mut s = reader(120, 40);
    assert_eq!(typing(&mut s, "/q?j<tab>G"), []);
    assert!(s.overlay.is_none());
    assert_eq!(s.prompt.as_ref().unwrap().text(), "q?j G");
    typing(&mut s, "<esc>");
    assert!(s.prompt.is_none());
    typing(&mut s, ":<bs>");
    assert!(s.prompt.is_none());
}

#[test]
fn esc_and_q_close_overlays_before_quitting() {
    let mut s = reader(120, 40);
    typing(&mut s, "?");
    assert!(matches!(s.overlay, Some(Overlay::Help { .. })));
    typing(&mut s, "j");
    assert_eq!(s.reader.top, 0);
    assert_eq!(typing(&mut s, "q"), []);
    assert!(s.overlay.is_none());
    typing(&mut s, "<f1><esc>");
    assert!(s.overlay.is_none());
    assert_eq!(typing(&mut s, "q"), [Effect::Quit]);
}

#[test]
fn moving_and_paging() {
    let mut s = reader(120, 40);
    typing(&mut s, "jjj");
    assert_eq!(s.reader.top, 3);
    typing(&mut s, "k");
    assert_eq!(s.reader.top, 2);
    let h = s.reader_height();
    typing(&mut s, " ");
    assert_eq!(s.reader.top, 2 + h - 1);
    typing(&mut s, "b");
    assert_eq!(s.reader.top, 2);
    typing(&mut s, "<c-d>");
    assert_eq!(s.reader.top, 2 + h / 2);
    typing(&mut s, "<c-u>");
    assert_eq!(s.reader.top, 2);
    // G shows the end with the screen full
    let fill = s.reader.doc.total_lines() - h;
    typing(&mut s, "G");
    assert_eq!(s.reader.top, fill);
    assert!(status(&s).contains("/19"));
    typing(&mut s, "jjj");
    assert_eq!(s.reader.top, fill);
    typing(&mut s, "g");
    assert_eq!(s.reader.top, 0);
    key(&mut s, KeyCode::End, KeyModifiers::NONE);
    assert_eq!(s.reader.top, fill);
    key(&mut s, KeyCode::Home, KeyModifiers::NONE);
    assert_eq!(s.reader.top, 0);
    key(&mut s, KeyCode::Down, KeyModifiers::NONE);
    key(&mut s, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!(s.reader.top, h);
    key(&mut s, KeyCode::PageUp, KeyModifiers::NONE);
    key(&mut s, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(s.reader.top, 0);
}

#[test]
fn header_folds_and_raw_text_shows() {
    let mut s = reader(120, 40);
    let before = s.reader.doc.total_lines();
    typing(&mut s, "h");
    assert!(s.reader.doc.total_lines() < before);
    assert!(screen(&s).contains("▸ 09USNATO595 · 2009-12-21 15:02 UTC"));
    typing(&mut s, "hr");
    assert!(screen(&s).contains("DE RUEHNO #0595/01 3551502"));
}

#[test]
fn resizing_keeps_the_current_paragraph() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>jjj");
    for (w, h) in [(60, 20), (200, 60), (45, 12), (120, 40)] {
        dispatch(&mut s, Action::Resize(w, h));
        assert_eq!(s.paragraph_position().unwrap(), "¶12/19", "at {w}x{h}");
    }
}

#[test]
fn narrow_terminals_fold_panes() {
    let mut s = reader(60, 20);
    let a = s.areas().unwrap();
    assert!(a.list.is_none() && a.filter.is_none() && a.reader.is_some());
    typing(&mut s, "<s-tab>");
    let a = s.areas().unwrap();
    assert!(a.list.is_some() && a.reader.is_none());
    assert!(screen(&s).contains("09USNATO595"));
    dispatch(&mut s, Action::Resize(20, 6));
    assert!(screen(&s).contains("too small"));
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_the_pointer_and_click_focuses() {
    let mut s = reader(120, 40);
    let a = s.areas().unwrap();
    let r = a.reader.unwrap();
    let wheel = |row, column| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    handle_event(&mut s, wheel(r.y + 3, r.x + 3));
    assert_eq!(s.reader.top, 3);
    let l = a.list.unwrap();
    let click = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: l.x + 5,
        row: l.y + 3,
        modifiers: KeyModifiers::NONE,
    });
    handle_event(&mut s, click);
    assert_eq!(s.focus, Pane::List);
    assert_eq!(s.list.cursor.selected, 1);
    let f = a.filter.unwrap();
    handle_event(&mut s, wheel(f.y + 2, f.x + 2));
    assert_eq!(s.filter.cursor.selected, 3);
    assert_eq!(s.reader.top, 3);
}

#[test]
fn only_key_presses_count() {
    let s = reader(120, 40);
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(key_action(&s, release), None);
}

#[test]
fn warnings_show_where_they_apply() {
    let report = LoadReport {
        cables: vec![small_cable("09TEST1")],
        errors: vec![("bad/file.txt".into(), "format not recognised".into())],
    };
    let mut s = State::new(report, Keymap::default_keymap(), 80, 30);
    let text = screen(&s);
    let lines: Vec<&str> = text.lines().collect();
    let para3 = lines
        .iter()
        .position(|l| l.contains("3. (C) Nothing"))
        .unwrap();
    assert!(lines[para3 + 1].contains("⚠ text may be missing here"));
    assert!(lines[para3 + 3].contains("⚠ numbering skips from 3 to 5"));
    assert!(lines[para3 + 4].contains("5. Closing words."));
    // load errors: counted in the status line, listed by E
    // said once at the start, then a standing note on the right
    let line = status(&s);
    assert!(
        line.contains(" 1 input failed to load: E lists them "),
        "{line}"
    );
    assert!(!line.contains("load error"), "{line}");
    typing(&mut s, "j");
    assert!(
        status(&s).ends_with(" 1 load error: E  ? help "),
        "{}",
        status(&s)
    );
    typing(&mut s, "E");
    let text = screen(&s);
    let at = text
        .lines()
        .position(|l| l.contains("bad/file.txt"))
        .unwrap();
    assert!(
        text.lines()
            .nth(at + 1)
            .unwrap()
            .contains("format not recognised")
    );
}

#[test]
fn badges_are_coloured_by_level() {
    let s = reader(120, 40);
    let t = terminal(&s);
    let buf = t.backend().buffer();
    let text = screen(&s);
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("3. (SBU)"))
        .unwrap();
    let x = line.chars().position(|c| c == '(').unwrap() - 1; // the quote TestBackend adds
    let cell = &buf[(x as u16, y as u16)];
    assert_eq!(cell.symbol(), "(");
    assert_eq!(cell.bg, ui::level_color(Level::Sbu));
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("1. (U)"))
        .unwrap();
    let x = line.chars().position(|c| c == '(').unwrap() - 1;
    assert_eq!(buf[(x as u16, y as u16)].bg, ui::level_color(Level::U));
}

#[test]
fn nothing_loaded_does_not_panic() {
    let mut s = State::new(LoadReport::default(), Keymap::default_keymap(), 80, 24);
    for keys in [
        "jkgG<c-d><c-u>]][[ <tab><enter><tab> <tab>",
        ":12<enter>/x<enter>nN<c-o>''hrLE?<esc>",
    ] {
        typing(&mut s, keys);
    }
    assert!(screen(&s).contains("Nothing loaded"));
}

#[test]
fn every_bindable_action_on_every_sample_never_panics() {
    let mut s = reader(100, 30);
    for i in 0..s.corpus.len() {
        s.open(i);
        for a in cable_reader::keys::BINDABLE {
            if matches!(a.0, Command::Quit | Command::Suspend) {
                continue;
            }
            dispatch(&mut s, a.0);
            dispatch(&mut s, Command::Cancel);
            s.prompt = None;
            let _ = screen(&s);
        }
    }
}

// ---------------------------------------------------------------- settings and memory

use cable_reader::config::{Config, Env};
use cable_reader::memory::{Memory, Store};

/// Settings from a user's file over the defaults, as the binary reads them (colour on).
fn config(text: &str) -> Config {
    Config::from_text(
        Some((text, std::path::Path::new("/test/config.toml"))),
        &Env::default(),
    )
    .unwrap()
}

fn reader_with(config: &Config, memory: Memory) -> State {
    State::with_config(load_samples(), config, memory, "samples".into(), 120, 40)
}

#[test]
fn a_remapped_key_is_honoured() {
    let c =
        config("[keys]\nquit = [\"x\"]\nhelp = [\"q\"]\n[keys.reader]\nnext_paragraph = [\"J\"]\n");
    let mut s = reader_with(&c, Memory::default());
    typing(&mut s, "J");
    assert_eq!(s.paragraph_position().unwrap(), "¶1/19");
    assert_eq!(s.reader.top, s.reader.doc.paragraph_line(0).unwrap());
    // q now opens help; help lists the live keys
    typing(&mut s, "q");
    assert!(matches!(s.overlay, Some(Overlay::Help { .. })));
    // Tall enough for every key of help.
    dispatch(&mut s, Action::Resize(120, 60));
    let text = screen(&s);
    assert!(
        text.lines()
            .any(|l| l.contains("  x  ") && l.contains("close overlay, else quit")),
        "{text}"
    );
    assert_eq!(typing(&mut s, "<esc>x"), [Effect::Quit]);
}

#[test]
fn reopening_lands_where_the_reader_left() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>");
    assert_eq!(s.paragraph_position().unwrap(), "¶12/19");
    assert_eq!(typing(&mut s, "q"), [Effect::Quit]);
    assert_eq!(s.memory.positions.get("09USNATO595"), Some(&12));
    assert_eq!(
        s.memory.corpora.get("samples").map(String::as_str),
        Some("09USNATO595")
    );

    // Through the file, as between two runs.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::in_dir(dir.path().join("cable-reader"));
    store.save(&s.memory).unwrap();
    let (memory, warning) = store.load();
    assert_eq!(warning, None);
    let s = reader_with(&Config::default(), memory);
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    assert_eq!(s.paragraph_position().unwrap(), "¶12/19");
    assert!(status(&s).contains("09USNATO595 ¶12/19"), "{}", status(&s));
}

#[test]
fn the_last_cable_open_and_each_cables_place_are_remembered() {
    let mut s = reader(120, 40);
    typing(&mut s, ":5<enter>:open 10RIYADH182<enter>:3<enter>q");
    let memory = s.memory.clone();
    let mut s = reader_with(&Config::default(), memory);
    assert_eq!(s.open_cable().unwrap().id, "10RIYADH182");
    assert_eq!(s.paragraph_position().unwrap(), "¶3/10");
    typing(&mut s, ":open 09USNATO595<enter>");
    assert_eq!(s.paragraph_position().unwrap(), "¶5/19");
    // Back at the top, the cable is forgotten (it opens at its header).
    typing(&mut s, "g");
    assert_eq!(s.memory.positions.get("09USNATO595"), None);
    // With remember_position off, nothing is restored.
    let c = config("remember_position = false\n");
    let s = reader_with(&c, s.memory.clone());
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    assert_eq!(s.reader.top, 0);
}

#[test]
fn a_corrupt_state_file_is_set_aside_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::in_dir(dir.path());
    std::fs::write(
        dir.path().join("state.json"),
        b"{\"positions\": {\"x\": \"twelve\"",
    )
    .unwrap();
    let (memory, warning) = store.load();
    assert_eq!(memory, Memory::default());
    let warning = warning.unwrap();
    // Set aside under a name with the time: state.json.corrupt-YYYYMMDDTHHMMSSZ.
    let said = "Saved state was unreadable, set aside as ";
    let end = warning.find(" (not valid state: ").expect("the reason");
    let aside = std::path::PathBuf::from(&warning[said.len()..end]);
    let name = aside.file_name().unwrap().to_string_lossy().into_owned();
    assert!(warning.starts_with(said), "{warning}");
    assert_eq!(aside.parent(), Some(dir.path()));
    assert!(
        name.starts_with("state.json.corrupt-") && name.len() == 35,
        "{name}"
    );
    assert!(aside.exists() && !dir.path().join("state.json").exists());
    // The reader starts afresh and says so in the status line.
    let mut s = reader_with(&Config::default(), memory);
    s.warn(warning);
    assert!(
        status(&s).contains("Saved state was unreadable, set aside as"),
        "{}",
        status(&s)
    );
    assert_eq!(s.paragraph_position().unwrap(), "¶1/19");
    // Binary garbage too.
    std::fs::write(dir.path().join("state.json"), [0xff, 0, 0x1b, b'[']).unwrap();
    assert!(store.load().1.is_some());
}

#[test]
fn an_unwritable_state_folder_costs_only_the_memory() {
    let dir = tempfile::tempdir().unwrap();
    // A folder that cannot be made, whoever runs the test: its parent is a file.
    std::fs::write(dir.path().join("file"), b"").unwrap();
    let store = Store::in_dir(dir.path().join("file/cable-reader"));
    let warning = store.check_writable().unwrap();
    assert!(
        warning.starts_with("Cannot save bookmarks and places in "),
        "{warning}"
    );
    assert!(warning.ends_with("; reading goes on"), "{warning}");
    assert!(store.save(&Memory::default()).is_err());
    assert_eq!(store.load(), (Memory::default(), None));
}

#[test]
fn bookmarks_are_listed_across_cables_and_opened() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>m");
    assert_eq!(
        s.message.as_deref(),
        Some("Bookmarked 09USNATO595 ¶12 (B lists bookmarks)")
    );
    typing(&mut s, ":open 08STATE116943<enter>:7<enter>m");
    assert_eq!(s.memory.bookmarks.len(), 2);
    let b = &s.memory.bookmarks[0];
    assert_eq!((b.id.as_str(), b.paragraph), ("08STATE116943", 7));
    typing(&mut s, "B");
    assert_eq!(s.overlay, Some(Overlay::Bookmarks));
    let text = screen(&s);
    assert!(text.contains("Bookmarks 2"), "{text}");
    assert!(
        text.contains("09USNATO595   ¶12  (SBU) All interlocutors asked NATO to consider positively CSTO's request for …"),
        "{text}"
    );
    // The bookmark at the current paragraph is selected; j moves to the next one; Enter opens it.
    assert_eq!(s.bookmarks.cursor.selected, 0);
    typing(&mut s, "j<enter>");
    assert_eq!(s.overlay, None);
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    assert_eq!(s.paragraph_position().unwrap(), "¶12/19");
    // back returns to before the jump
    typing(&mut s, "<c-o>");
    assert_eq!(s.open_cable().unwrap().id, "08STATE116943");
    // m again removes it; d removes in the list
    typing(&mut s, "m");
    assert_eq!(
        s.message.as_deref(),
        Some("Bookmark removed: 08STATE116943 ¶7")
    );
    typing(&mut s, "Bd");
    assert!(s.memory.bookmarks.is_empty());
    assert!(screen(&s).contains("No bookmarks yet: m bookmarks"));
    typing(&mut s, "<esc>");
    assert_eq!(s.overlay, None);
}

#[test]
fn a_bookmark_in_a_cable_not_loaded_says_so() {
    let mut memory = Memory::default();
    memory.bookmarks.push(cable_reader::memory::Bookmark {
        cable: "99NOWHERE1".into(),
        id: "99NOWHERE1".into(),
        paragraph: 3,
        marking: Some("(C)".into()),
        words: "Words of a cable elsewhere".into(),
    });
    let mut s = reader_with(&Config::default(), memory);
    typing(&mut s, "B");
    assert!(screen(&s).contains("99NOWHERE1 ¶3  (C) Words of a cable elsewhere  (not loaded)"));
    typing(&mut s, "<enter>");
    assert_eq!(
        s.message.as_deref(),
        Some("99NOWHERE1 is not among the cables loaded now")
    );
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
}

#[test]
fn copy_gives_the_paragraph_with_its_citation() {
    let mut s = reader(120, 40);
    let [Effect::Copy(text)] = &typing(&mut s, ":12<enter>y")[..] else {
        panic!("nothing copied")
    };
    assert!(
        text.starts_with("09USNATO595 ¶12 (SBU): All interlocutors asked NATO to consider positively CSTO's request for establishing formal relations with NATO, and referred"),
        "{text}"
    );
    assert!(
        text.ends_with("broader inclusion of China and India."),
        "{text}"
    );
    assert!(!text.contains('\n'));
    assert_eq!(
        Some(text.clone()),
        cable_reader::cite::citation(s.open_cable().unwrap(), 11)
    );
    assert!(
        status(&s).contains("Copied 09USNATO595 ¶12 with its citation"),
        "{}",
        status(&s)
    );
    // The CLI prints exactly the same text.
    let out = common::Home::new().run(&[
        "show",
        "--id",
        "09USNATO595",
        "--para",
        "12",
        &common::repo_file("assets/samples/09USNATO595.txt").to_string_lossy(),
    ]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{text}\n"));
    // An inherited marking is cited in brackets, none when unmarked.
    let report = LoadReport {
        cables: vec![small_cable("09TEST1")],
        errors: Vec::new(),
    };
    let c = &report.cables[0];
    assert_eq!(
        cable_reader::cite::citation(c, 3).unwrap(),
        "09TEST1 ¶5: Closing words."
    );
}

#[test]
fn the_prompt_remembers_what_was_typed() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>:filter SBU<enter>/lavrov<enter>");
    assert_eq!(s.memory.command_history, ["12", "filter SBU"]);
    assert_eq!(s.memory.search_history, ["lavrov"]);
    typing(&mut s, ":fil");
    key(&mut s, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(s.prompt.as_ref().unwrap().text(), "filter SBU");
    key(&mut s, KeyCode::Up, KeyModifiers::NONE);
    key(&mut s, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(s.prompt.as_ref().unwrap().text(), "12");
    key(&mut s, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(s.prompt.as_ref().unwrap().text(), "filter SBU");
    key(&mut s, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(
        s.prompt.as_ref().unwrap().text(),
        "fil",
        "the draft comes back"
    );
    typing(&mut s, "<esc>/");
    key(&mut s, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(s.prompt.as_ref().unwrap().text(), "lavrov");
    // Repeats move to the end; the size is capped by history_size.
    let c = config("history_size = 2\n");
    let mut s = reader_with(&c, Memory::default());
    typing(&mut s, ":1<enter>:2<enter>:1<enter>:3<enter>");
    assert_eq!(s.memory.command_history, ["1", "3"]);
}

#[test]
fn settings_shape_the_start() {
    let c = config("filter = \"SBU\"\nshow_list = false\nfold_header = true\nmouse = false\n");
    let mut s = reader_with(&c, Memory::default());
    assert_eq!(s.filter_label().as_deref(), Some("SBU"));
    assert!(!s.show_list && s.reader.header_folded);
    // The first cable the filter leaves is open, at its first SBU paragraph's place.
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    let wheel = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 10,
        row: 10,
        modifiers: KeyModifiers::NONE,
    });
    handle_event(&mut s, wheel);
    assert_eq!(s.reader.top, 0, "mouse off: the wheel does nothing");
    // A filter naming no marking present is reported, not fatal.
    let c = config("filter = \"TS\"\n");
    let s = reader_with(&c, Memory::default());
    assert!(
        s.message
            .as_deref()
            .unwrap()
            .starts_with("Filter from the settings: No paragraph is marked TS"),
        "{:?}",
        s.message
    );
}

#[test]
fn mono_shows_no_colour_and_still_shows_state() {
    let env = Env {
        no_color: true,
        home: None,
    };
    let c = Config::from_text(None, &env).unwrap();
    let mut s = reader_with(&c, Memory::default());
    typing(&mut s, "/lavrov<enter><s-tab>");
    let t = terminal(&s);
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    use ratatui::style::Modifier;
    // the list's selected row is reversed, the current match reversed and bold
    let reversed: usize = buf
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .count();
    assert!(reversed > 100, "{reversed}");
    assert!(
        buf.content()
            .iter()
            .any(|c| c.modifier.contains(Modifier::UNDERLINED)),
        "other matches are underlined"
    );
}

// The whole corpus: indexed in the background, sorted, filtered, searched.

/// A reader fed index events by hand, as the event loop feeds them.
fn indexing_reader(paths: Vec<std::path::PathBuf>, w: u16, h: u16) -> State {
    let config = cable_reader::config::Config {
        keymap: Keymap::default_keymap(),
        ..cable_reader::config::Config::default()
    };
    State::indexing(
        paths,
        &config,
        cable_reader::memory::Memory::default(),
        "test".into(),
        w,
        h,
    )
}

fn index_into(s: &mut State, paths: &[std::path::PathBuf]) -> usize {
    use cable_reader::app::action::Shared;
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut events = Vec::new();
    cable_reader::cable::index::index_with(paths, LoadOptionsDefault::get(), &cancel, |e| {
        events.push(e)
    });
    let n = events.len();
    for e in events {
        dispatch(s, Action::Indexed(Shared::new(e)));
    }
    n
}

struct LoadOptionsDefault;
impl LoadOptionsDefault {
    fn get() -> cable_reader::cable::LoadOptions {
        cable_reader::cable::LoadOptions::default()
    }
}

#[test]
fn index_events_fill_the_list_as_they_arrive() {
    let root = common::corpus();
    use cable_reader::app::action::Shared;
    let paths = vec![root];
    let mut s = indexing_reader(paths.clone(), 120, 40);
    assert!(s.indexing_now());
    assert!(
        status(&s).contains("indexing 0% · 0 cables"),
        "{}",
        status(&s)
    );
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut events = Vec::new();
    cable_reader::cable::index::index_with(&paths, LoadOptionsDefault::get(), &cancel, |e| {
        events.push(e)
    });
    let total = events.len();
    let mut seen_partial = false;
    for (k, e) in events.into_iter().enumerate() {
        dispatch(&mut s, Action::Indexed(Shared::new(e)));
        if k + 1 < total && !s.corpus.is_empty() {
            // Cables are listed, one is open, and the status line says how far indexing is.
            assert!(s.indexing_now());
            assert_eq!(s.list.rows.len(), s.corpus.len());
            assert!(s.open_cable().is_some());
            assert!(status(&s).contains("indexing "), "{}", status(&s));
            seen_partial = true;
        }
    }
    assert!(seen_partial);
    assert!(!s.indexing_now());
    assert!(!status(&s).contains("indexing"));
    assert_eq!(s.list.rows.len(), s.corpus.len());
    // Filter counts come from the summaries: they add up to every paragraph.
    let total_paras: u64 = s
        .corpus
        .cables
        .iter()
        .map(|c| u64::from(c.paragraphs))
        .sum();
    assert_eq!(s.markings.totals.iter().sum::<usize>() as u64, total_paras);
}

#[test]
fn filter_on_an_indexed_corpus_lists_cables_with_counts() {
    let root = common::corpus();
    let mut s = indexing_reader(vec![root.clone()], 120, 40);
    index_into(&mut s, &[root]);
    dispatch(&mut s, Action::SetFilter("SBU".into()));
    let k = s.markings.find("SBU").unwrap() as usize;
    let holding: Vec<usize> = (0..s.corpus.len())
        .filter(|&i| {
            let c = &s.corpus.cables[i];
            c.markings
                .iter()
                .any(|&(m, n)| n > 0 && s.corpus.markings.name(m) == "SBU")
        })
        .collect();
    assert_eq!(s.list.rows.len(), holding.len());
    let sbu_paras: u32 = holding.iter().map(|&i| s.matching_paragraphs(i)).sum();
    assert_eq!(sbu_paras as usize, s.markings.totals[k]);
    assert!(screen(&s).contains(&format!("Cables {} of {}", holding.len(), s.corpus.len())));
}

#[test]
fn sort_cycles_and_orders_by_date_id_origin_class() {
    use cable_reader::app::state::SortKey;
    let mut s = reader(120, 32);
    dispatch(&mut s, Command::FocusNext);
    let open = s.reader.open;
    dispatch(&mut s, Command::Sort);
    assert_eq!(s.list.sort, SortKey::Date);
    let dates: Vec<_> = s
        .list
        .rows
        .iter()
        .map(|&i| s.corpus.cables[i as usize].date.clone())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(screen(&s).contains("· by date"));
    // The open cable stays selected.
    assert_eq!(
        s.list.rows.get(s.list.cursor.selected).map(|&r| r as usize),
        open
    );
    dispatch(&mut s, Action::RunCommand("sort id".into()));
    let ids: Vec<String> = s
        .list
        .rows
        .iter()
        .map(|&i| s.corpus.cables[i as usize].id.to_string())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    dispatch(&mut s, Action::RunCommand("sort class".into()));
    let first = s.list.rows[0] as usize;
    assert!(s.corpus.cables[first].classification.starts_with("SECRET"));
    dispatch(&mut s, Action::RunCommand("sort origin".into()));
    assert_eq!(s.list.sort, SortKey::Origin);
    dispatch(&mut s, Action::RunCommand("sort nonsense".into()));
    assert!(s.message.as_deref().unwrap_or("").contains("Sort by what?"));
    dispatch(&mut s, Command::Sort);
    assert_eq!(s.list.sort, SortKey::Class);
    dispatch(&mut s, Command::Sort);
    assert_eq!(s.list.sort, SortKey::Source);
    assert_eq!(s.list.rows, (0..s.corpus.len() as u32).collect::<Vec<_>>());
}

/// The search over every file an update asked the event loop to start.
fn started_search(effects: Vec<Effect>) -> (u64, String) {
    match &effects[..] {
        [
            Effect::StartSearch {
                generation,
                pattern,
            },
        ] => (*generation, pattern.clone()),
        other => panic!("no search started: {other:?}"),
    }
}

#[test]
fn corpus_search_streams_hits_and_enter_opens_the_paragraph() {
    let root = common::corpus();
    use cable_reader::app::action::Shared;
    use cable_reader::cable::search::{Query, search_paths};
    let paths = vec![root];
    let mut s = indexing_reader(paths.clone(), 120, 40);
    index_into(&mut s, &paths);
    let fx = dispatch(&mut s, Action::RunCommand("search Medvedev".into()));
    assert_eq!(s.overlay, Some(Overlay::Results));
    let (generation, pattern) = started_search(fx);
    assert_eq!(pattern, "Medvedev");
    assert!(screen(&s).contains("Searching"));
    let query = Query::new(&pattern).unwrap();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut events = Vec::new();
    search_paths(
        &paths,
        &query,
        cable_reader::app::corpus_search::search_options(),
        &cancel,
        |e| events.push(e),
    );
    for e in events {
        dispatch(&mut s, Action::Searched(generation, Shared::new(Some(e))));
        // Events of an older search are dropped.
        dispatch(&mut s, Action::Searched(generation - 1, Shared::new(None)));
    }
    dispatch(&mut s, Action::Searched(generation, Shared::new(None)));
    let r = s.results.as_ref().unwrap();
    assert!(r.done);
    assert!(!r.hits.is_empty());
    let text = screen(&s);
    assert!(text.contains("Search Medvedev"), "{text}");
    assert!(text.contains(&r.hits[0].id), "{text}");
    // The second hit: Enter opens its cable at its paragraph, the word highlighted.
    dispatch(&mut s, Command::Down);
    let hit = s.results.as_ref().unwrap().hits[1].clone();
    dispatch(&mut s, Command::Open);
    assert_eq!(s.overlay, None);
    let cable = s.open_cable().unwrap();
    assert_eq!(cable.id, hit.id);
    let at = s.current_paragraph().unwrap();
    assert_eq!(cable.paragraphs[at].number, Some(hit.paragraph));
    let search = s.reader.search.as_ref().unwrap();
    assert_eq!(search.query, "Medvedev");
    assert!(search.current.is_some());
    assert!(status(&s).contains("/Medvedev"), "{}", status(&s));
    // A new search replaces the old one; Esc closes the list.
    let fx = dispatch(&mut s, Action::RunCommand("search Lavrov".into()));
    assert!(started_search(fx).0 > generation);
    dispatch(&mut s, Command::Cancel);
    assert_eq!(s.overlay, None);
}

#[test]
fn corpus_search_on_the_samples_answers_at_once() {
    let mut s = reader(120, 32);
    let fx = dispatch(&mut s, Action::RunCommand("search Medvedev".into()));
    let r = s.results.as_ref().unwrap();
    assert!(r.done && !r.hits.is_empty());
    assert_eq!(fx, []);
    dispatch(&mut s, Command::Open);
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    dispatch(&mut s, Action::RunCommand("search (".into()));
    assert!(s.message.is_some());
}

#[test]
fn a_cable_whose_file_vanished_gives_a_message() {
    let dir = std::env::temp_dir().join(format!("cable-reader-vanish-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let sample = cable_reader::samples::SAMPLES[0];
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    std::fs::write(&a, sample.1).unwrap();
    std::fs::write(&b, cable_reader::samples::SAMPLES[4].1).unwrap();
    let mut s = indexing_reader(vec![dir.clone()], 120, 32);
    index_into(&mut s, std::slice::from_ref(&dir));
    assert_eq!(s.corpus.len(), 2);
    std::fs::remove_file(&b).unwrap();
    dispatch(&mut s, Command::FocusPrev);
    dispatch(&mut s, Command::Down);
    dispatch(&mut s, Command::Open);
    assert!(
        s.message.as_deref().unwrap_or("").contains("Cannot open"),
        "{:?}",
        s.message
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------- one copy of each rule

#[test]
fn a_regular_expression_hit_opens_with_its_matches_highlighted() {
    let mut s = reader(120, 40);
    dispatch(&mut s, Action::RunCommand("search Medv[e]dev".into()));
    dispatch(&mut s, Command::Open);
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    let search = s.reader.search.as_ref().unwrap();
    let found = search.matches.len();
    assert!(search.current.is_some(), "{search:?}");
    // The same places a plain search for the word finds.
    let mut plain = reader(120, 40);
    dispatch(&mut plain, Action::SearchFor("Medvedev".into()));
    assert_eq!(found, plain.reader.search.as_ref().unwrap().matches.len());
    assert_eq!(found, 9);
    assert!(status(&s).contains("/Medv[e]dev 1/9"), "{}", status(&s));
}

#[test]
fn a_hit_in_a_file_named_with_a_control_character_opens() {
    use cable_reader::app::action::Shared;
    use cable_reader::cable::search::{Query, search_paths};
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(common::corpus_file("scoop-text/09USNATO595.txt")).unwrap();
    std::fs::write(dir.path().join("09USNATO\x01595.txt"), bytes).unwrap();
    let paths = vec![dir.path().to_path_buf()];
    let mut s = indexing_reader(paths.clone(), 120, 40);
    index_into(&mut s, &paths);
    let fx = dispatch(&mut s, Action::RunCommand("search Medvedev".into()));
    let (generation, pattern) = started_search(fx);
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut events = Vec::new();
    let query = Query::new(&pattern).unwrap();
    search_paths(
        &paths,
        &query,
        cable_reader::app::corpus_search::search_options(),
        &cancel,
        |e| events.push(e),
    );
    for e in events {
        dispatch(&mut s, Action::Searched(generation, Shared::new(Some(e))));
    }
    dispatch(&mut s, Action::Searched(generation, Shared::new(None)));
    assert!(!screen(&s).contains('\x01'));
    dispatch(&mut s, Command::Open);
    assert_eq!(s.message, None);
    assert_eq!(s.overlay, None);
    assert_eq!(s.open_cable().unwrap().id, "09USNATO595");
    assert_eq!(s.paragraph_position().unwrap(), "¶1/19");
}

#[test]
fn the_remembered_cable_does_not_take_over_what_the_user_opened() {
    use cable_reader::app::action::Shared;
    let root = common::corpus();
    let paths = vec![root];
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut events = Vec::new();
    cable_reader::cable::index::index_with(&paths, LoadOptionsDefault::get(), &cancel, |e| {
        events.push(e)
    });
    let batches: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(
            |(_, e)| matches!(e, cable_reader::cable::IndexEvent::Batch(b) if !b.cables.is_empty()),
        )
        .map(|(k, _)| k)
        .collect();
    assert!(batches.len() >= 2, "the corpus arrives in one batch");
    let last = match &events[*batches.last().unwrap()] {
        cable_reader::cable::IndexEvent::Batch(b) => b.cables.last().unwrap().id.to_string(),
        _ => unreachable!(),
    };
    for how in ["list", "bookmark"] {
        let mut memory = Memory::default();
        memory.corpora.insert("test".into(), last.clone());
        let config = cable_reader::config::Config {
            keymap: Keymap::default_keymap(),
            ..cable_reader::config::Config::default()
        };
        let mut s = State::indexing(paths.clone(), &config, memory, "test".into(), 120, 40);
        let mut events = events.clone().into_iter();
        for e in events.by_ref().take(batches[0] + 1) {
            dispatch(&mut s, Action::Indexed(Shared::new(e)));
        }
        assert!(s.corpus.len() > 1);
        let wanted = s.corpus.cables[1].id.to_string();
        match how {
            "list" => {
                dispatch(&mut s, Command::FocusPrev);
                dispatch(&mut s, Command::Top);
                dispatch(&mut s, Command::Down);
                dispatch(&mut s, Command::Open);
            }
            _ => {
                s.memory.bookmarks.push(cable_reader::memory::Bookmark {
                    cable: wanted.clone(),
                    id: wanted.clone(),
                    paragraph: 1,
                    marking: None,
                    words: String::new(),
                });
                dispatch(&mut s, Command::BookmarkList);
                dispatch(&mut s, Command::Open);
            }
        }
        assert_eq!(s.open_cable().unwrap().id, wanted, "{how}");
        for e in events {
            dispatch(&mut s, Action::Indexed(Shared::new(e)));
        }
        assert!(!s.indexing_now());
        assert_eq!(s.open_cable().unwrap().id, wanted, "opened from the {how}");
    }
}

/// The style of the list's CLASS cell in the row of cable `id`, with the text it shows there.
fn class_cell(state: &State, id: &str) -> (String, Color) {
    let t = terminal(state);
    let buf = t.backend().buffer();
    let rows: Vec<String> = (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect();
    let head = rows.iter().find(|r| r.contains(" CLASS ")).unwrap();
    let x = head.find(" CLASS ").unwrap() + 1;
    let x = head[..x].chars().count() as u16;
    let y = rows
        .iter()
        .position(|r| r.contains(&format!(" {id} ")))
        .unwrap() as u16;
    let text: String = (x..x + 9)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect();
    (text.trim().to_string(), buf[(x, y)].fg)
}

#[test]
fn one_classification_vocabulary_colours_and_sorts_alike() {
    use cable_reader::app::state::SortKey;
    let corpus = common::corpus();
    let files = [
        "csv/66BUENOSAIRES2481.csv",
        "wikileaks-html/04MADRID2164.html",
        "csv/73TEHRAN2077.csv",
        "plusd-html/1973STATE097844_b.html",
        "csv/7575LIBREVILLE1895.csv",
    ];
    let mut report =
        cable_reader::cable::load_paths(&files.iter().map(|f| corpus.join(f)).collect::<Vec<_>>());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    for (id, class) in [
        ("09TESTSPACED1", "C O N F I D E N T I A L"),
        ("09TESTUNCLAS1", "UNCLAS"),
    ] {
        let mut c = small_cable(id);
        c.classification = class.into();
        report.cables.push(c);
    }
    let mut s = State::new(report, Keymap::default_keymap(), 140, 40);
    let colour = |l: Level| ui::level_color(l);
    for (id, short, level) in [
        ("66BUENOSAIRES2481", "U", Level::U),
        ("04MADRID2164", "U//FOUO", Level::Sbu),
        ("73TEHRAN2077", "S", Level::S),
        ("1973STATE097844", "LOU", Level::Lou),
        ("7575LIBREVILLE1895", "C", Level::C),
        ("09TESTSPACED1", "C", Level::C),
        ("09TESTUNCLAS1", "U", Level::U),
    ] {
        assert_eq!(
            class_cell(&s, id),
            (short.to_string(), colour(level)),
            "{id}"
        );
    }
    dispatch(&mut s, Action::SortBy(SortKey::Class));
    let order: Vec<String> = s
        .list
        .rows
        .iter()
        .map(|&i| s.corpus.cables[i as usize].id.to_string())
        .collect();
    assert_eq!(
        order,
        [
            "73TEHRAN2077",
            "09TESTSPACED1",
            "7575LIBREVILLE1895",
            "1973STATE097844",
            "04MADRID2164",
            "09TESTUNCLAS1",
            "66BUENOSAIRES2481",
        ]
    );
}

#[test]
fn the_hit_list_keeps_its_rows_filled_after_the_screen_grows() {
    let mut s = reader(120, 24);
    dispatch(&mut s, Action::RunCommand("search the".into()));
    let n = s.results.as_ref().unwrap().hits.len();
    assert!(n > 40, "{n} hits");
    dispatch(&mut s, Command::Bottom);
    dispatch(&mut s, Action::Resize(120, 40));
    dispatch(&mut s, Command::Up);
    let page = ui::results::height(&s);
    let r = s.results.as_ref().unwrap();
    assert_eq!((r.cursor.selected, r.cursor.offset), (n - 2, n - page));
}

// ---------------------------------------------------------------- keys of less and vim

#[test]
fn ctrl_f_and_ctrl_b_page_as_in_less() {
    let mut s = reader(120, 40);
    let h = s.reader_height();
    typing(&mut s, "<c-f>");
    assert!(s.prompt.is_none());
    assert_eq!(s.reader.top, h - 1);
    typing(&mut s, "<c-b>");
    assert_eq!(s.reader.top, 0);
    // the corpus search moved to F
    typing(&mut s, "F");
    assert_eq!(s.prompt.as_ref().unwrap().text(), "search ");
}

#[test]
fn ctrl_l_repaints_even_over_help() {
    let mut s = reader(120, 40);
    assert_eq!(typing(&mut s, "<c-l>"), vec![Effect::Redraw]);
    typing(&mut s, "?");
    assert_eq!(typing(&mut s, "<c-l>"), vec![Effect::Redraw]);
    assert!(s.overlay.is_some());
}

#[test]
fn zz_and_the_quit_commands_quit() {
    for keys in ["ZZ", ":q<enter>", ":wq<enter>", ":x<enter>"] {
        let mut s = reader(120, 40);
        assert_eq!(typing(&mut s, keys), vec![Effect::Quit], "{keys}");
    }
    let mut s = reader(120, 40);
    typing(&mut s, "Z");
    assert!(status(&s).contains(" Z "));
}

#[test]
fn percent_jumps_through_the_cable() {
    let mut s = reader(120, 40);
    let total = s.reader.doc.total_lines();
    typing(&mut s, "50%");
    assert!(s.prompt.is_none());
    assert_eq!(s.reader.top, total / 2);
    typing(&mut s, "<c-o>");
    assert_eq!(s.reader.top, 0);
    typing(&mut s, ":25%<enter>");
    assert_eq!(s.reader.top, total / 4);
    typing(&mut s, "0%");
    assert_eq!(s.reader.top, 0);
    typing(&mut s, ":150%");
    assert_eq!(
        s.message.as_deref(),
        Some("150% is past the end: 0% to 100%")
    );
}

#[test]
fn ctrl_g_says_where_the_reader_is() {
    let mut s = reader(120, 40);
    typing(&mut s, "<c-g>");
    assert_eq!(
        s.message.as_deref(),
        Some("09USNATO595 · samples/09USNATO595.txt · ¶1/19 · 0%")
    );
    typing(&mut s, ":12<enter><c-g>");
    let total = s.reader.doc.total_lines();
    let want = format!(
        "09USNATO595 · samples/09USNATO595.txt · ¶12/19 · {}%",
        s.reader.top * 100 / total
    );
    assert_eq!(s.message.as_deref(), Some(want.as_str()));
    assert!(status(&s).contains(&want));
}

// ---------------------------------------------------------------- the current paragraph

/// The rows of the screen whose reader gutter holds the current-paragraph mark.
fn marked_rows(state: &State) -> Vec<u16> {
    let t = terminal(state);
    let buf = t.backend().buffer();
    let area = state.areas().unwrap().of(Pane::Reader).unwrap();
    let x = area.x + 1;
    (area.y..area.bottom())
        .filter(|&y| buf[(x, y)].symbol() == ui::reader::CURRENT_MARK)
        .collect()
}

#[test]
fn g_makes_the_last_paragraph_current_for_y_and_m() {
    let mut s = reader(120, 40);
    typing(&mut s, "G");
    assert_eq!(s.paragraph_position().unwrap(), "¶19/19");
    assert!(status(&s).contains("09USNATO595 ¶19/19"));
    let [Effect::Copy(text)] = &typing(&mut s, "y")[..] else {
        panic!("nothing copied")
    };
    assert_eq!(
        Some(text.clone()),
        cable_reader::cite::citation(s.open_cable().unwrap(), 18)
    );
    typing(&mut s, "m");
    assert_eq!(
        s.message.as_deref(),
        Some("Bookmarked 09USNATO595 ¶19 (B lists bookmarks)")
    );
    // Moving away makes the topmost paragraph current again.
    typing(&mut s, "k");
    assert_ne!(s.paragraph_position().unwrap(), "¶19/19");
}

#[test]
fn the_current_paragraph_is_marked_in_the_gutter() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>");
    let area = state_reader_text_top(&s);
    let lines = s.current_lines().unwrap();
    let want: Vec<u16> = (0..lines.len() as u16).map(|k| area + k).collect();
    assert_eq!(marked_rows(&s), want);
    typing(&mut s, "G");
    let lines = s.current_lines().unwrap();
    let first = area + (lines.start - s.reader.top) as u16;
    let want: Vec<u16> = (first..first + lines.len() as u16).collect();
    assert_eq!(marked_rows(&s), want);
    assert!(!want.is_empty() && first > area);
}

fn state_reader_text_top(state: &State) -> u16 {
    state.areas().unwrap().of(Pane::Reader).unwrap().y + 1
}

#[test]
fn a_filter_on_and_off_keeps_the_place() {
    let mut s = reader(120, 40);
    typing(&mut s, ":12<enter>:filter U<enter>");
    assert_eq!(s.filter_label().as_deref(), Some("U"));
    typing(&mut s, ":filter<enter>");
    assert_eq!(s.paragraph_position().unwrap(), "¶12/19");
    assert_eq!(s.reader.top, s.reader.doc.paragraph_line(11).unwrap());
    // Twice over, and through a second filter, the place is the one the reader left.
    typing(&mut s, ":filter U<enter>:filter C<enter>:filter<enter>");
    assert_eq!(s.paragraph_position().unwrap(), "¶12/19");
    // Once the reader moves under the filter, that is the place kept.
    typing(&mut s, ":filter SBU<enter>]");
    assert_eq!(s.paragraph_position().unwrap(), "¶13/19");
    typing(&mut s, ":filter<enter>");
    assert_eq!(s.paragraph_position().unwrap(), "¶13/19");
}

// ---------------------------------------------------------------- help and the status line

/// Every row help shows, scrolling it from top to bottom with `j`.
fn help_screens(state: &mut State) -> String {
    typing(state, "?");
    let mut all = String::new();
    for _ in 0..80 {
        all.push_str(&screen(state));
        typing(state, "j");
    }
    all
}

#[test]
fn help_is_never_cut_off() {
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let mut s = reader(w, h);
        let all = help_screens(&mut s);
        // Each description ends on screen, whole: its last two words side by side.
        for (_, _, what) in cable_reader::keys::command::BINDABLE {
            let words: Vec<&str> = what.split_whitespace().collect();
            let tail = words[words.len().saturating_sub(2)..].join(" ");
            let last = words.last().unwrap();
            assert!(
                all.contains(&tail) || all.contains(&format!("  {last}")),
                "{w}x{h}: {what}"
            );
        }
        assert!(all.contains("focus the pane, select the row"), "{w}x{h}");
    }
    let mut s = reader(120, 40);
    typing(&mut s, "?");
    let text = screen(&s);
    assert!(text.contains("sort the list: source, date,"), "{text}");
    assert!(text.contains("id, origin, class"), "{text}");
}

#[test]
fn the_status_line_says_one_thing_at_a_time() {
    let report = LoadReport {
        cables: vec![small_cable("09TEST1")],
        errors: vec![
            ("bad/a.txt".into(), "format not recognised".into()),
            ("bad/b.txt".into(), "format not recognised".into()),
        ],
    };
    let mut s = State::new(report, Keymap::default_keymap(), 80, 30);
    typing(&mut s, "j");
    assert!(status(&s).ends_with(" 2 load errors: E  ? help "));
    // While a message is shown it is the one note; it is cut short before the right-hand part.
    dispatch(&mut s, Action::Message("word ".repeat(30)));
    let line = status(&s);
    assert!(line.ends_with("…  ? help "), "{line}");
    assert!(!line.contains("load error"), "{line}");
    assert_eq!(cable_reader::text::str_width(&line), 80);
}

#[test]
fn a_bad_pattern_is_said_on_one_line() {
    let mut s = reader(120, 40);
    typing(&mut s, ":search (<enter>");
    assert_eq!(s.message.as_deref(), Some("Bad pattern (: unclosed group"));
}

#[test]
fn a_search_stays_with_its_cable() {
    let mut s = reader(120, 40);
    typing(&mut s, "/lavrov<enter>");
    assert!(status(&s).contains("/lavrov 1/14"));
    typing(&mut s, ":open 08STATE116943<enter>");
    assert!(s.reader.search.is_none());
    assert!(!status(&s).contains("/lavrov"), "{}", status(&s));
    assert!(
        status(&s).starts_with(" 08STATE116943 ¶1/"),
        "{}",
        status(&s)
    );
}

// Citations as pasted, and the links between cables.

/// The reader on the whole of tests/corpus, indexed.
fn corpus_reader(w: u16, h: u16) -> State {
    let paths = vec![common::corpus()];
    let mut s = indexing_reader(paths.clone(), w, h);
    index_into(&mut s, &paths);
    s
}

/// The open cable's id and the number of the paragraph at the top of the view.
fn place(s: &State) -> (String, Option<u32>) {
    let c = s.open_cable().unwrap();
    let n = s
        .current_paragraph()
        .and_then(|i| c.paragraphs.get(i))
        .and_then(|p| p.number);
    (c.id.clone(), n)
}

#[test]
fn open_takes_citations_as_pasted() {
    let mut s = corpus_reader(120, 40);
    for typed in [
        "09USNATO595 ¶12",
        "09usnato595:12",
        "09 USNATO 595 para 12",
        "https://wikileaks.org/cable/2009/12/09USNATO595.html#par12",
    ] {
        typing(&mut s, ":open 85BEIRUT1013<enter>");
        assert_eq!(place(&s).0, "85BEIRUT1013");
        typing(&mut s, &format!(":open {typed}<enter>"));
        assert_eq!(place(&s), ("09USNATO595".into(), Some(12)), "{typed}");
        assert_eq!(s.message, None, "{typed}");
        // Back goes to where `:open` was typed, in one step.
        typing(&mut s, "<c-o>");
        assert_eq!(place(&s).0, "85BEIRUT1013", "{typed}");
    }
    typing(&mut s, ":open 09 USNATO 595<enter>");
    assert_eq!(place(&s).0, "09USNATO595");
    // No year: the open cable's (2009).
    typing(&mut s, ":open 09BAKU749<enter>:open USNATO 595 p. 3<enter>");
    assert_eq!(place(&s), ("09USNATO595".into(), Some(3)));
    // A prefix, as before, and a cable not loaded.
    typing(&mut s, ":open 85beirut101<enter>");
    assert_eq!(place(&s).0, "85BEIRUT1013");
    typing(&mut s, ":open 85 BEIRUT 993<enter>");
    assert_eq!(s.message.as_deref(), Some("No cable 85BEIRUT993 is loaded"));
}

/// The overlay's rows holding `word`: the text between its `║` borders, trimmed at the right.
fn rows_with(s: &State, word: &str) -> Vec<String> {
    screen(s)
        .lines()
        .filter_map(|l| l.split('║').nth(1))
        .filter(|l| l.contains(word))
        .map(|l| l.trim_end().to_string())
        .collect()
}

#[test]
fn links_overlay_lists_cited_and_citing_cables_and_opens_one() {
    let mut s = corpus_reader(120, 40);
    typing(&mut s, ":open 85BEIRUT1014<enter>R");
    assert_eq!(s.overlay, Some(Overlay::Links));
    assert_eq!(
        rows_with(&s, " cites "),
        [
            " cites     85BEIRUT1013  1985-02-19  FURTHER ON HIZBALLAH \"MANIFESTO\"",
            " cites     85BEIRUT993  not in the release",
        ]
    );
    assert!(screen(&s).contains("Links of 85BEIRUT1014: cites 2 · cited by 0"));
    // A cable not loaded does not open; the overlay stays.
    typing(&mut s, "j<enter>");
    assert_eq!(
        s.message.as_deref(),
        Some("85BEIRUT993 is not in the release")
    );
    assert_eq!(s.overlay, Some(Overlay::Links));
    // Enter on a cited cable opens it; from there `:refs` shows who cites it; back returns.
    typing(&mut s, "k<enter>");
    assert_eq!(s.overlay, None);
    assert_eq!(place(&s).0, "85BEIRUT1013");
    typing(&mut s, ":refs<enter>");
    assert_eq!(
        rows_with(&s, " cite"),
        [
            " cites     85BEIRUT992  1985-02-18  HIZBALLAH CALLS FOR ISLAMIC REPUBLIC IN LEBANON",
            " cited by  85BEIRUT1014  1985-02-19  HIZBALLAH ON THE MOVE",
            " cited by  85BEIRUT1351  1985-03-05  HIZBALLAH \"MANIFESTO\"",
        ]
    );
    typing(&mut s, "G<enter>");
    assert_eq!(place(&s).0, "85BEIRUT1351");
    typing(&mut s, "<c-o>");
    assert_eq!(place(&s).0, "85BEIRUT1013");
    typing(&mut s, "<c-o>");
    assert_eq!(place(&s).0, "85BEIRUT1014");
    // A REF line's letters.
    typing(&mut s, ":open 01PRETORIA1173<enter>R");
    let rows = rows_with(&s, "00CAPETOWN2150");
    assert_eq!(rows.len(), 1);
    assert!(
        rows[0].starts_with(" cites     D. 00CAPETOWN2150  "),
        "{rows:?}"
    );
}

#[test]
fn limit_narrows_the_list_to_a_query_and_j_k_step_through_it() {
    let mut s = corpus_reader(120, 40);
    let all = s.corpus.len();
    assert_eq!(all, 325);
    typing(&mut s, ":limit origin:BEIRUT date:1985<enter>");
    let ids = |s: &State| -> Vec<String> {
        s.list
            .rows
            .iter()
            .map(|&i| s.corpus.cables[i as usize].id.to_string())
            .collect()
    };
    // Each version of a cable is a row of its own.
    assert_eq!(
        ids(&s),
        [
            "85BEIRUT1013",
            "85BEIRUT1014",
            "85BEIRUT1351",
            "85BEIRUT172",
            "85BEIRUT240",
            "85BEIRUT992",
            "85BEIRUT172",
            "85BEIRUT240",
            "85BEIRUT992",
            "85BEIRUT1013",
            "85BEIRUT1014",
            "85BEIRUT1351",
            "85BEIRUT172",
            "85BEIRUT240",
            "85BEIRUT992",
            "85BEIRUT1013",
            "85BEIRUT1014",
            "85BEIRUT1013",
        ]
    );
    assert!(
        screen(&s)
            .lines()
            .next()
            .unwrap()
            .starts_with("\"┌ Cables 18 of 325 · limit origin:BEIRUT date:1985 ─"),
        "{}",
        screen(&s)
    );
    // `l` shows the limit in force, to change it.
    typing(&mut s, "l");
    assert_eq!(
        s.prompt.as_ref().map(|p| p.text()).as_deref(),
        Some("limit origin:BEIRUT date:1985")
    );
    // A mistake names its column and leaves the limit as it was.
    typing(&mut s, "<esc>:limit date:2009 (tag:<enter>");
    assert_eq!(
        s.message.as_deref(),
        Some("Limit: column 16: tag: needs a value")
    );
    assert_eq!(s.list.rows.len(), 18);
    // J and K open the next and previous cable of the list, from the paragraph view.
    let first = s.list.rows[0] as usize;
    let second = s.list.rows[1] as usize;
    typing(&mut s, ":open 09BAKU749<enter>J");
    assert_eq!(s.reader.open, Some(first));
    typing(&mut s, "J");
    assert_eq!(s.reader.open, Some(second));
    assert_eq!(place(&s).0, "85BEIRUT1014");
    typing(&mut s, "KK");
    assert_eq!(s.reader.open, Some(first));
    assert_eq!(
        s.message.as_deref(),
        Some("The first cable of the list is open")
    );
    typing(&mut s, ":limit<enter>");
    assert_eq!(s.list.rows.len(), all);
    assert!(screen(&s).starts_with("\"┌ Cables 325 ─"));
}

#[test]
fn facets_count_the_list_and_enter_narrows_the_limit() {
    let mut s = corpus_reader(120, 40);
    typing(&mut s, ":limit origin:BEIRUT<enter>f");
    assert_eq!(s.overlay, Some(Overlay::Facets));
    let overlay: Vec<String> = screen(&s)
        .lines()
        .skip_while(|l| !l.contains("╔ Facets of 18 cables"))
        .skip(1)
        .take_while(|l| !l.contains('╚'))
        .map(|l| l.split('║').nth(1).unwrap().trim_end().to_string())
        .collect();
    assert_eq!(
        overlay,
        [
            " year",
            "        18  1985",
            " origin",
            "        18  BEIRUT",
            " tag",
            "        18  LE",
            "        15  PINT",
            "        12  PTER",
            "         4  IR",
            "         4  PGOV",
            " class",
            "         9  C",
            "         9  U",
            " caveat",
            " marking",
            "        12  unmarked",
            "         9  C",
            "         6  U",
        ]
    );
    // Enter on a value adds its term to the limit.
    typing(&mut s, "jjjjj<enter>");
    assert_eq!(s.overlay, None);
    assert_eq!(s.limit.text(), Some("(origin:BEIRUT) tag:PINT"));
    assert_eq!(s.list.rows.len(), 15);
    // On a heading it does nothing; from no limit, the term alone.
    typing(&mut s, ":limit<enter>:facets<enter>k<enter>");
    assert_eq!(s.overlay, Some(Overlay::Facets));
    typing(&mut s, "j<enter>");
    assert_eq!(s.limit.text(), Some("date:1985"));
}

#[test]
fn tab_completes_ids_after_open() {
    let mut s = corpus_reader(120, 40);
    typing(&mut s, ":open 85beirut1<tab>");
    assert_eq!(s.prompt.as_ref().unwrap().text(), "open 85BEIRUT1");
    assert_eq!(s.message.as_deref(), Some("4 cables start 85BEIRUT1"));
    typing(&mut s, "01<tab>");
    assert_eq!(s.prompt.as_ref().unwrap().text(), "open 85BEIRUT101");
    assert_eq!(s.message.as_deref(), Some("2 cables start 85BEIRUT101"));
    typing(&mut s, "4<tab>");
    assert_eq!(s.prompt.as_ref().unwrap().text(), "open 85BEIRUT1014");
    assert_eq!(s.message, None);
    typing(&mut s, "<enter>");
    assert_eq!(place(&s).0, "85BEIRUT1014");
    typing(&mut s, ":limit <tab>");
    assert_eq!(
        s.message.as_deref(),
        Some("Tab completes a cable id after :open")
    );
}

/// Links, limit and facets on a whole release: `CABLE_READER_BENCH_CSV=bench-data/cables.csv
/// cargo test --release --test reader -- --ignored bench_web_keys --nocapture`.
#[test]
#[ignore]
fn bench_web_keys() {
    use std::time::Instant;
    let Some(path) = std::env::var_os("CABLE_READER_BENCH_CSV") else {
        return;
    };
    let paths = vec![std::path::PathBuf::from(path)];
    let mut s = indexing_reader(paths.clone(), 140, 45);
    let start = Instant::now();
    index_into(&mut s, &paths);
    eprintln!(
        "indexed {} cables and built the links in {:?}",
        s.corpus.len(),
        start.elapsed()
    );
    let mut t = Terminal::new(TestBackend::new(140, 45)).unwrap();
    let mut timed = |s: &mut State, what: &str, keys: &str| {
        let start = Instant::now();
        typing(s, keys);
        t.draw(|f| ui::draw(s, f)).unwrap();
        eprintln!("{what}: {:?}", start.elapsed());
    };
    timed(&mut s, ":open 09BAKU749", ":open 09BAKU749<enter>");
    timed(&mut s, "R", "R");
    eprintln!("  {} links", s.web.rows.len());
    timed(&mut s, "Enter on a link", "<enter>");
    timed(&mut s, ":limit tag:PREL", ":limit tag:PREL<enter>");
    eprintln!("  {} cables", s.list.rows.len());
    timed(&mut s, ":limit tag:PREL again", ":limit tag:PREL<enter>");
    timed(
        &mut s,
        ":limit origin:PARIS date:2009",
        ":limit origin:PARIS date:2009<enter>",
    );
    timed(&mut s, "J", "J");
    timed(&mut s, ":limit (clear)", ":limit<enter>");
    timed(&mut s, "f over the whole list", "f");
    timed(&mut s, "Esc, f again", "<esc>f");
    timed(&mut s, "Enter on a facet", "jj<enter>");
}

#[test]
fn copy_follows_the_citation_template_and_names_where_it_went() {
    let mut s = reader_with(
        &config("citation = \"{text} ({id} ¶{¶}, {date})\"\nclipboard = [\"wl-copy\"]\n"),
        Memory::default(),
    );
    let [Effect::Copy(text)] = &typing(&mut s, ":2<enter>y")[..] else {
        panic!("nothing copied")
    };
    assert_eq!(
        text,
        "Text of written summary: (09USNATO595 ¶2, 2009-12-21)"
    );
    assert_eq!(
        s.message.as_deref(),
        Some("Copied 09USNATO595 ¶2 with its citation (53 characters) to wl-copy")
    );
    // The default names OSC 52.
    let mut s = reader(120, 40);
    typing(&mut s, ":2<enter>y");
    assert_eq!(
        s.message.as_deref(),
        Some("Copied 09USNATO595 ¶2 with its citation (44 characters) to the clipboard by OSC 52")
    );
}
