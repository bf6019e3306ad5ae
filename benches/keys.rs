//! Key → frame on the whole release: 251,287 cables (the release's ids, six paragraphs each)
//! in memory, a round of keys typed many times, each key's update and redraw timed.
//!
//! `cargo bench --bench keys` prints the 50th and 99th percentile and the worst key. When
//! `bench-data/cables.csv` (or the file `BENCH_CSV` names) is there (`benches/run.sh` makes
//! it), the same is measured on that file indexed in the background, as the reader runs on it.
//! Then keys after `/the` in a cable of one 32,000-line paragraph: each must stay well under
//! 50 ms. `cargo bench --bench keys -- long` runs only that.

mod common;
#[path = "../tests/common/long_cable.rs"]
mod long_cable;

use std::time::{Duration, Instant};

use cable_reader::app::action::Shared;
use cable_reader::app::{Action, Command, Keymap, State, dispatch, handle_event};
use cable_reader::cable::LoadOptions;
use cable_reader::cable::{Cable, Level, LoadReport, Marking, Paragraph};
use cable_reader::ui;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The keys of one round: moving in every pane, opening, filtering, searching, jumping, help.
const ROUND: &[&str] = &[
    "j",
    "<s-tab>",
    "G",
    "k",
    "<enter>",
    "<s-tab>",
    "g",
    "<c-d>",
    "<pgdn>",
    "<end>",
    ":filter S<enter>",
    "G",
    "<enter>",
    ":filter<enter>",
    "<tab><tab>",
    " ",
    "j ",
    "c",
    "/paragraph<enter>",
    "n",
    "N",
    "<esc>",
    ":3<enter>",
    "<c-o>",
    "?",
    "<esc>",
    "h",
];

const ROUNDS: usize = 40;

fn main() {
    if !std::env::args().any(|a| a == "long") {
        whole_release_in_memory();
        bench_data_indexed();
    }
    search_in_a_long_paragraph();
}

/// Highlighting and stepping through matches cost a key the same however many matches the
/// paragraph holds: each key and its frame, after `/the`, well under 50 ms.
fn search_in_a_long_paragraph() {
    let report = LoadReport {
        cables: vec![long_cable::long_paragraph_cable(32_000)],
        errors: Vec::new(),
    };
    let mut s = State::new(report, Keymap::default_keymap(), 120, 40);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    let t = Instant::now();
    typing(&mut s, "/the<enter>");
    term.draw(|f| ui::draw(&s, f)).expect("a frame");
    let matches = s.reader.search.as_ref().map_or(0, |x| x.matches.len());
    println!(
        "long paragraph: {} lines laid out, {matches} matches of /the, found and drawn in {:?}",
        s.reader.doc.lines.len(),
        t.elapsed()
    );
    let mut times: Vec<(Duration, String)> = Vec::new();
    for _ in 0..5 {
        for keys in ["j", "k", "<c-f>", "n"] {
            let t = Instant::now();
            typing(&mut s, keys);
            term.draw(|f| ui::draw(&s, f)).expect("a frame");
            times.push((t.elapsed(), keys.to_string()));
        }
    }
    let worst = times.iter().max().cloned().expect("keys were timed");
    println!("long paragraph, {}", percentiles(times));
    assert!(
        worst.0 < Duration::from_millis(25),
        "a key after /the took {:?} ({})",
        worst.0,
        worst.1
    );
}

fn percentiles(mut times: Vec<(Duration, String)>) -> String {
    times.sort();
    let at = |q: usize| times[(times.len() * q / 100).min(times.len() - 1)].0;
    let (worst, worst_keys) = &times[times.len() - 1];
    format!(
        "{} keys: p50 {:?}, p99 {:?}, worst {:?} ({worst_keys})",
        times.len(),
        at(50),
        at(99),
        worst
    )
}

fn whole_release_in_memory() {
    let ids = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/cable_ids.list"
    ))
    .expect("tests/data/cable_ids.list");
    let levels = [Level::U, Level::Sbu, Level::C, Level::S, Level::C];
    let cables: Vec<Cable> = ids
        .lines()
        .enumerate()
        .map(|(n, id)| Cable {
            id: id.to_string(),
            subject: format!("SUBJECT OF CABLE {n}"),
            date: Some("2009-01-02T03:04:00Z".into()),
            origin: "Embassy Somewhere".into(),
            classification: "CONFIDENTIAL".into(),
            paragraphs: (0..6u32)
                .map(|p| {
                    let marking = Marking {
                        level: levels[(n + p as usize) % levels.len()],
                        caveats: Vec::new(),
                    };
                    Paragraph {
                        number: Some(p + 1),
                        heading: None,
                        marking_raw: Some(marking.to_string()),
                        marking: Some(marking),
                        inherited: false,
                        text: "Text of a paragraph, short\nto keep memory modest.".into(),
                    }
                })
                .collect(),
            ..Cable::default()
        })
        .collect();
    let n = cables.len();
    let t = Instant::now();
    let mut s = State::new(
        LoadReport {
            cables,
            errors: Vec::new(),
        },
        Keymap::default_keymap(),
        120,
        40,
    );
    println!("{n} cables; state built in {:?}", t.elapsed());
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    term.draw(|f| ui::draw(&s, f)).expect("a frame");
    let mut times: Vec<(Duration, String)> = Vec::new();
    for _ in 0..ROUNDS {
        for keys in ROUND {
            let t = Instant::now();
            typing(&mut s, keys);
            term.draw(|f| ui::draw(&s, f)).expect("a frame");
            times.push((t.elapsed(), keys.to_string()));
        }
    }
    println!("in memory, {}", percentiles(times));
}

/// The generated release as one `cables.csv`, indexed in the background and read from disk.
fn bench_data_indexed() {
    let Some(path) = common::bench_csv() else {
        return;
    };
    let t = Instant::now();
    let mut s = common::indexing_reader(path.clone(), 140, 45);
    let handle = cable_reader::cable::index_in_background(vec![path], LoadOptions::default());
    let mut term = Terminal::new(TestBackend::new(140, 45)).expect("a test terminal");
    let mut first_frame = None;
    for e in handle.events() {
        dispatch(&mut s, Action::Indexed(Shared::new(e)));
        term.draw(|f| ui::draw(&s, f)).expect("a frame");
        first_frame.get_or_insert(t.elapsed());
    }
    println!(
        "{} cables from bench-data: first frame {:?}, indexed {:?}",
        s.corpus.len(),
        first_frame.unwrap_or_default(),
        t.elapsed()
    );
    let keys = [
        Command::Down,
        Command::PageDown,
        Command::NextParagraph,
        Command::FocusNext,
        Command::Down,
        Command::PageDown,
        Command::Open,
        Command::FocusNext,
        Command::Down,
        Command::ToggleMarking,
        Command::FocusNext,
        Command::PageDown,
        Command::Up,
    ];
    let mut times = Vec::new();
    for k in 0..10_000 {
        let c = keys[k % keys.len()];
        let t = Instant::now();
        dispatch(&mut s, c);
        term.draw(|f| ui::draw(&s, f)).expect("a frame");
        times.push((t.elapsed(), c.name().to_string()));
    }
    println!("bench-data, {}", percentiles(times));
}

/// Types keys as a user would: each character a key press; `<enter>`, `<c-d>` ... named ones.
fn typing(state: &mut State, keys: &str) {
    let mut rest = keys;
    while !rest.is_empty() {
        if rest.starts_with('<')
            && let Some(end) = rest.find('>')
        {
            let (code, mods) = match &rest[1..end] {
                "enter" => (KeyCode::Enter, KeyModifiers::NONE),
                "esc" => (KeyCode::Esc, KeyModifiers::NONE),
                "tab" => (KeyCode::Tab, KeyModifiers::NONE),
                "s-tab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                "pgdn" => (KeyCode::PageDown, KeyModifiers::NONE),
                "end" => (KeyCode::End, KeyModifiers::NONE),
                n => (
                    KeyCode::Char(n.chars().nth(2).unwrap_or(' ')),
                    KeyModifiers::CONTROL,
                ),
            };
            handle_event(state, Event::Key(KeyEvent::new(code, mods)));
            rest = &rest[end + 1..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        handle_event(state, Event::Key(KeyEvent::new(KeyCode::Char(c), mods)));
        rest = &rest[c.len_utf8()..];
    }
}
