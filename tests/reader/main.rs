//! The reader driven by actions and keys, drawn on a `TestBackend`.
//!
//! Snapshots carry no colour; styles that matter are checked on the buffer directly. Timings
//! are in `benches/keys.rs`.

#[path = "../common/mod.rs"]
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

mod actions;
mod corpus;
mod current;
mod finding;
mod help_status;
mod keys;
mod links;
mod long_search;
mod rules;
mod set;
mod settings;
mod versions;

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

fn state_reader_text_top(state: &State) -> u16 {
    state.areas().unwrap().of(Pane::Reader).unwrap().y + 1
}

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

/// The overlay's rows holding `word`: the text between its `║` borders, trimmed at the right.
fn rows_with(s: &State, word: &str) -> Vec<String> {
    screen(s)
        .lines()
        .filter_map(|l| l.split('║').nth(1))
        .filter(|l| l.contains(word))
        .map(|l| l.trim_end().to_string())
        .collect()
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
