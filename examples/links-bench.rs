//! Times `refs` over a large corpus and counts what the index keeps for links and versions.
//!
//! ```sh
//! cargo run --release --example links-bench -- bench-data/cables.csv
//! ```
//!
//! Indexes the files (from the index cache when it holds them), builds the versions and the
//! links, then answers `refs` (cites and cited-by of the fullest version) for every cable and
//! prints the times and the bytes the summaries hold, by field.

use std::time::Instant;

use cable_reader::cable::links::Links;
use cable_reader::cable::versions::Versions;
use cable_reader::cable::{CableSummary, Corpus, LoadOptions};

fn rss_anon_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("RssAnon:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1 << 20) as f64
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let t = Instant::now();
    let corpus = Corpus::index_cached(&paths, LoadOptions { sanitize: false });
    let index_s = t.elapsed().as_secs_f64();
    let rss_index = rss_anon_mb();
    let t = Instant::now();
    let versions = Versions::build(&corpus);
    let versions_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let links = Links::build(&corpus);
    let links_s = t.elapsed().as_secs_f64();
    let rss_links = rss_anon_mb();

    let t = Instant::now();
    cable_reader::cable::links::in_release("09USNATO595");
    let release_s = t.elapsed().as_secs_f64();
    // Every cable's refs, as `refs ID` answers them (lookup by id included).
    let t = Instant::now();
    let mut edges = 0usize;
    let mut worst = 0f64;
    for c in &corpus.cables {
        let q = Instant::now();
        if let Some(i) = versions
            .find(&corpus, c.id())
            .and_then(|g| versions.shown(g))
        {
            edges += links.cites(&corpus, &versions, i).len();
            edges += links.cited_by(&corpus, &versions, c.id()).len();
        }
        worst = worst.max(q.elapsed().as_secs_f64());
    }
    let all_s = t.elapsed().as_secs_f64();
    let n = corpus.len().max(1);

    // Bytes held for links, versions and queries (lengths times sizes; allocator rounding
    // not counted).
    let slices: usize = corpus
        .cables
        .iter()
        .map(|c| c.tags().len() * 4 + c.captions().len() * 4 + c.references().len() * 8)
        .sum();
    let names: usize = corpus
        .names
        .iter()
        // The string, its Arc counts, the table's Arc and the map's key and number.
        .map(|s| s.len() + 16 + 16 + 16 + 4)
        .sum();
    // Inline bytes the new fields add to each summary.
    let inline_new = 3 * 16 + 2 * 8 + 1 + 8 + 1;
    let inline = std::mem::size_of::<CableSummary>();
    let old_strings: usize = corpus
        .cables
        .iter()
        .map(|c| {
            c.id().len()
                + c.date().map_or(0, str::len)
                + c.classification().len()
                + c.origin().len()
                + c.subject().len()
                + c.markings().len() * 8
        })
        .sum();
    println!(
        "cables {} ids {} names {}",
        corpus.len(),
        versions.len(),
        corpus.names.len()
    );
    println!(
        "index {index_s:.3} s, versions {versions_s:.3} s, links {links_s:.3} s, \
         release ids {:.1} ms; \
         refs of every cable {all_s:.3} s ({:.1} us each, slowest {:.3} ms), {edges} links",
        release_s * 1e3,
        all_s / n as f64 * 1e6,
        worst * 1e3
    );
    println!(
        "summary {inline} B inline ({inline_new} B of it new); new fields: inline {:.1} MB, \
         slices {:.1} MB, names {:.1} MB; list fields' strings {:.1} MB",
        mb(inline_new * corpus.len()),
        mb(slices),
        mb(names),
        mb(old_strings)
    );
    println!(
        "RssAnon after indexing {:.0} MB, after versions and links {:.0} MB",
        rss_index.unwrap_or(0.0),
        rss_links.unwrap_or(0.0)
    );
}
