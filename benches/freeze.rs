//! Does the reader freeze while indexing? The generated release (`bench-data/cables.csv`, or
//! the file `BENCH_CSV` names) is indexed in the background into a real reader, as the event
//! loop does it, while a key is pressed every few milliseconds; the marking filter is turned
//! on at 25%, 50% and 75% of the bytes. Each key is timed from its press to the frame that
//! shows it, through the index batches taken in between.
//!
//! `cargo bench --bench freeze` prints the keys' p50, p99 and worst time, the worst when the
//! filter went on, and the peak anonymous memory (`RssAnon`, the heap without the mapped file).

mod common;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::{Duration, Instant};

use cable_reader::app::{Action, dispatch};
use cable_reader::cable::{LoadOptions, index_in_background_cached};
use cable_reader::keys::Command;
use cable_reader::runtime::Background;
use cable_reader::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The keys pressed in turn while indexing runs.
const KEYS: [Command; 8] = [
    Command::Down,
    Command::PageDown,
    Command::NextParagraph,
    Command::FocusNext,
    Command::Down,
    Command::Open,
    Command::FocusPrev,
    Command::Up,
];

/// The filter turned on at each quarter: a marking of every level the generated release has.
const FILTERS: [(f64, &str); 3] = [(0.25, "SBU"), (0.50, "C"), (0.75, "S,U")];

/// Time between a frame and the next key, as a quick typist gives them.
const TYPING: Duration = Duration::from_millis(5);

fn rss_anon_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("RssAnon:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn at(sorted: &[Duration], q: usize) -> Duration {
    sorted
        .get((sorted.len() * q / 100).min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or_default()
}

fn main() {
    let Some(path) = common::bench_csv() else {
        return;
    };
    cable_reader::allocator::configure();
    let before = rss_anon_kb();
    let started = Instant::now();
    let mut s = common::indexing_reader(path.clone(), 140, 45);
    // No index cache: every cable is indexed, as on a first run.
    let mut background = Background::default();
    background.index = Some(index_in_background_cached(
        vec![path],
        LoadOptions::default(),
        None,
        0,
    ));
    let mut term = Terminal::new(TestBackend::new(140, 45)).expect("a test terminal");
    term.draw(|f| ui::draw(&s, f)).expect("a frame");
    let mut times = Vec::new();
    let mut filter_times = Vec::new();
    let mut peak = 0;
    let mut next_filter = 0;
    let mut k = 0;
    let mut worst: Vec<(Duration, String, u32, bool)> = Vec::new();
    while background.busy() {
        std::thread::sleep(TYPING);
        // A key is pressed now: the loop takes what the indexer sent, then the key, then draws.
        let t = Instant::now();
        background.take_events(&mut s);
        let taken = t.elapsed();
        let p = s.corpus.progress;
        let part = p.bytes_done as f64 / p.bytes_total.max(1) as f64;
        let filter = FILTERS
            .get(next_filter)
            .filter(|(at, _)| part >= *at)
            .map(|(_, f)| *f);
        match filter {
            Some(f) => {
                dispatch(&mut s, Action::SetFilter(f.to_string()));
                next_filter += 1;
            }
            None => {
                dispatch(&mut s, KEYS[k % KEYS.len()]);
                k += 1;
            }
        }
        let updated = t.elapsed();
        term.draw(|f| ui::draw(&s, f)).expect("a frame");
        let took = t.elapsed();
        times.push(took);
        let what = match filter {
            Some(f) => format!("filter {f}"),
            None => KEYS[(k + KEYS.len() - 1) % KEYS.len()].name().to_string(),
        };
        let what = format!(
            "{what}; batches {taken:?}, key {:?}, frame {:?}",
            updated - taken,
            took - updated
        );
        worst.push((took, what, (part * 100.0) as u32, s.indexing_now()));
        worst.sort_by_key(|w| std::cmp::Reverse(w.0));
        worst.truncate(5);
        if filter.is_some() {
            filter_times.push(took);
        }
        peak = peak.max(rss_anon_kb());
    }
    let total = started.elapsed();
    times.sort();
    let worst_filter = filter_times.iter().max().copied().unwrap_or_default();
    println!(
        "{} cables indexed in {total:?} while {} keys were pressed; filter turned on {} times",
        s.corpus.len(),
        times.len(),
        filter_times.len()
    );
    println!(
        "key → frame while indexing: p50 {:?}, p99 {:?}, max {:?}; worst with the filter turned on {worst_filter:?}",
        at(&times, 50),
        at(&times, 99),
        times.last().copied().unwrap_or_default(),
    );
    for (took, what, part, indexing) in &worst {
        let when = if *indexing { "" } else { ", indexing over" };
        println!("  slowest: {took:?} ({what} at {part}% of the bytes{when})");
    }
    println!(
        "peak RssAnon {} MB ({} MB before the reader was made)",
        peak / 1024,
        before / 1024
    );
}
