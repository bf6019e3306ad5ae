//! Times the query language over an indexed corpus: the facts a corpus needs once, then each
//! query and facet count over every cable.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --cables 251287 --out bench-data/cables.csv
//! cargo run --release --example query-bench -- bench-data/cables.csv
//! ```

use std::time::Instant;

use cable_reader::app::limit::Limit;
use cable_reader::app::list::ListView;
use cable_reader::cable::query::{Facet, Facts, Query, facets};
use cable_reader::cable::{Corpus, LoadOptions};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const QUERIES: &[&str] = &[
    "origin:PARIS",
    "class:>=C",
    "date:2009-01..2009-06",
    "caveat:NOFORN",
    "marking:S//NF",
    "tag:PREL",
    "taliban",
    "subject:\"human rights\"",
    "origin:\"Embassy Paris\" class:>=C date:2009 -caveat:NOFORN",
    "(tag:PREL OR tag:PGOV) (iran OR iraq) -marking:unmarked",
    "versions:>1",
    "cites:09STATE12345",
    "cited-by:10RIYADH182",
];

/// The median of `runs` timings of `f`, in milliseconds.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    t.sort_by(|a, b| a.total_cmp(b));
    t[t.len() / 2]
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: query-bench PATH...");
        std::process::exit(2);
    }
    let start = Instant::now();
    let corpus = Corpus::index_cached(&paths, LoadOptions { sanitize: false });
    println!(
        "indexed {} cables in {:.0} ms",
        corpus.cables.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    println!("{} names in the name table", corpus.names.len());
    let mut facts = Facts::default();
    let facts_ms = median_ms(5, || facts = Facts::new(&corpus));
    println!("facts for the corpus: {facts_ms:.1} ms (median of 5)");
    println!("| query | cables | ms (median of 9) |");
    println!("|---|---|---|");
    for q in QUERIES {
        let query = Query::parse(q).expect("a valid query");
        let mut n = 0;
        let ms = median_ms(9, || n = query.select(&corpus, &facts).len());
        println!("| `{q}` | {n} | {ms:.1} |");
    }
    let all: Vec<usize> = (0..corpus.cables.len()).collect();
    for facet in Facet::ALL {
        let mut n = 0;
        let ms = median_ms(9, || n = facets(facet, &corpus, &facts, &all).len());
        println!("| facets {} | {n} values | {ms:.1} |", facet.name());
    }
    // What the reader's facets overlay counts at once: every field over the whole list.
    let mut n = 0;
    let ms = median_ms(9, || {
        n = Facet::ALL
            .iter()
            .map(|&f| facets(f, &corpus, &facts, &all).len())
            .sum()
    });
    println!("| facets overlay (every field) | {n} values | {ms:.1} |");
    clearing_the_limit(&corpus);
}

/// The reader's list under `:limit tag:PREL`, then `:limit` (cleared): the limit's state and
/// the list's rows as the reader keeps them (facts built once, as at the end of indexing).
fn clearing_the_limit(corpus: &Corpus) {
    let mut limit = Limit::default();
    let mut list = ListView::default();
    let mut groups = cable_reader::app::groups::IdGroups::default();
    groups.add(0..corpus.cables.len(), &corpus.cables);
    list.sort_by(
        cable_reader::app::list::SortKey::Source,
        &corpus.cables,
        &groups,
    );
    list.refilter(None);
    limit.facts(corpus);
    let mut times = Vec::new();
    for _ in 0..9 {
        limit.set("tag:PREL", corpus).expect("a valid query");
        list.refilter(limit.holds());
        let start = Instant::now();
        limit.set("", corpus).expect("an empty query");
        list.refilter(limit.holds());
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "| clearing `:limit tag:PREL` | {} rows | {:.1} |",
        list.rows.len(),
        times[times.len() / 2]
    );
}
