//! `cable-reader list`: one tab-separated line per cable.

use std::collections::BTreeMap;
use std::io::Write;

use crate::cable::query::{Facet, Facts, Query, facets};
use crate::cable::{Cable, CableSummary, Corpus};

use super::filter::{MarkingFilter, any_matches};

/// Marking counts in a stable order: highest level first, then by name; unmarked last.
pub fn marking_counts(cable: &Cable) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<(std::cmp::Reverse<u8>, String), usize> = BTreeMap::new();
    let mut unmarked = 0;
    for p in &cable.paragraphs {
        match &p.marking {
            Some(m) => {
                *counts
                    .entry((std::cmp::Reverse(m.rank()), m.to_string()))
                    .or_default() += 1
            }
            None => unmarked += 1,
        }
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().map(|((_, k), v)| (k, v)).collect();
    if unmarked > 0 {
        out.push(("unmarked".to_string(), unmarked));
    }
    out
}

/// The `list` line for one cable.
pub fn line(cable: &Cable) -> String {
    let markings = marking_counts(cable)
        .iter()
        .map(|(m, n)| format!("{m}:{n}"))
        .collect::<Vec<_>>()
        .join(",");
    let or_dash = |s: &str| {
        if s.is_empty() {
            "-".to_string()
        } else {
            s.to_string()
        }
    };
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
        cable.id,
        cable.date.as_deref().unwrap_or("-"),
        or_dash(&cable.classification),
        or_dash(&cable.origin),
        cable.paragraphs.len(),
        or_dash(&markings),
        cable.subject
    )
}

pub fn run(
    cables: &[Cable],
    filters: &[MarkingFilter],
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    for cable in cables {
        if !filters.is_empty() && !cable.paragraphs.iter().any(|p| any_matches(filters, p)) {
            continue;
        }
        if json {
            let counts: serde_json::Map<String, serde_json::Value> = marking_counts(cable)
                .into_iter()
                .map(|(k, v)| (k, v.into()))
                .collect();
            let value = serde_json::json!({
                "id": cable.id,
                "date": cable.date,
                "classification": cable.classification,
                "origin": cable.origin,
                "paragraphs": cable.paragraphs.len(),
                "markings": counts,
                "subject": cable.subject,
                "source": cable.source,
                "record": cable.record,
            });
            writeln!(out, "{value}")?;
        } else {
            writeln!(out, "{}", line(cable))?;
        }
    }
    Ok(())
}

/// The `list` line of an indexed cable: the same as [`line`] gives for the loaded cable.
pub fn summary_line(corpus: &Corpus, c: &CableSummary) -> String {
    let mut line = Vec::new();
    write_summary_line(&mut line, corpus, c);
    String::from_utf8(line).unwrap_or_default()
}

/// Appends [`summary_line`] and a line end to `out`, without formatting machinery: the whole
/// release is 251,287 lines.
pub fn write_summary_line(out: &mut Vec<u8>, corpus: &Corpus, c: &CableSummary) {
    let or_dash = |s: &str| if s.is_empty() { "-" } else { s }.to_string();
    let field = |out: &mut Vec<u8>, s: &str| {
        out.extend_from_slice(s.as_bytes());
        out.push(b'\t');
    };
    field(out, &c.id);
    field(out, c.date.as_deref().unwrap_or("-"));
    field(out, &or_dash(&c.classification));
    field(out, &or_dash(&c.origin));
    field(out, &c.paragraphs.to_string());
    let start = out.len();
    for &(id, n) in c.markings.iter() {
        if out.len() > start {
            out.push(b',');
        }
        out.extend_from_slice(corpus.markings.name(id).as_bytes());
        out.push(b':');
        out.extend_from_slice(n.to_string().as_bytes());
    }
    if c.unmarked > 0 {
        if out.len() > start {
            out.push(b',');
        }
        out.extend_from_slice(b"unmarked:");
        out.extend_from_slice(c.unmarked.to_string().as_bytes());
    }
    if out.len() == start {
        out.push(b'-');
    }
    out.push(b'\t');
    out.extend_from_slice(c.subject.as_bytes());
}

/// True when the cable has a paragraph that one of the filters takes (or there are none).
pub fn summary_matches(corpus: &Corpus, c: &CableSummary, filters: &[MarkingFilter]) -> bool {
    filters.is_empty()
        || filters.iter().any(|f| match f {
            MarkingFilter::Marking(m) => corpus.markings.id_of(m).is_some_and(|id| c.count(id) > 0),
            MarkingFilter::Unmarked => c.unmarked > 0,
        })
}

/// `list` over an indexed corpus: the same output as [`run`] over the loaded cables.
pub fn run_corpus(
    corpus: &Corpus,
    filters: &[MarkingFilter],
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let all: Vec<usize> = (0..corpus.cables.len())
        .filter(|&i| summary_matches(corpus, &corpus.cables[i], filters))
        .collect();
    write_cables(corpus, &all, json, out)
}

/// What `list` prints of the cables it selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Lines,
    /// Only their number.
    Count,
    /// Counts per value of a field.
    Facets(Facet),
}

impl Output {
    pub fn of(args: &super::ListArgs) -> Output {
        match args.facets.as_deref().and_then(Facet::named) {
            Some(f) => Output::Facets(f),
            None if args.count => Output::Count,
            None => Output::Lines,
        }
    }
}

/// The cables of `corpus` that the marking filters and the query (if any) select, in corpus
/// order.
pub fn select(
    corpus: &Corpus,
    facts: &Facts,
    filters: &[MarkingFilter],
    query: Option<&Query>,
) -> Vec<usize> {
    let selected = match query {
        Some(q) => q.select(corpus, facts),
        None => (0..corpus.cables.len()).collect(),
    };
    selected
        .into_iter()
        .filter(|&i| summary_matches(corpus, &corpus.cables[i], filters))
        .collect()
}

/// `list` with a query, `--count` or `--facets`.
pub fn run_selected(
    corpus: &Corpus,
    filters: &[MarkingFilter],
    query: Option<&Query>,
    output: Output,
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let facts = Facts::new(corpus);
    let selected = select(corpus, &facts, filters, query);
    match output {
        Output::Lines => write_cables(corpus, &selected, json, out),
        Output::Count => {
            if json {
                writeln!(out, "{}", serde_json::json!({ "count": selected.len() }))
            } else {
                writeln!(out, "{}", selected.len())
            }
        }
        Output::Facets(facet) => {
            for (value, n) in facets(facet, corpus, &facts, &selected) {
                if json {
                    writeln!(out, "{}", serde_json::json!({ "value": value, "count": n }))?;
                } else {
                    writeln!(out, "{value}\t{n}")?;
                }
            }
            Ok(())
        }
    }
}

/// The `list` lines (or JSON objects) of the cables `selected` names.
fn write_cables(
    corpus: &Corpus,
    selected: &[usize],
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let mut line = Vec::with_capacity(256);
    for &i in selected {
        let c = &corpus.cables[i];
        if json {
            let mut counts = serde_json::Map::new();
            for &(id, n) in c.markings.iter() {
                counts.insert(corpus.markings.name(id).to_string(), n.into());
            }
            if c.unmarked > 0 {
                counts.insert("unmarked".to_string(), c.unmarked.into());
            }
            let value = serde_json::json!({
                "id": &*c.id,
                "date": c.date.as_deref(),
                "classification": &*c.classification,
                "origin": &*c.origin,
                "paragraphs": c.paragraphs,
                "markings": counts,
                "subject": &*c.subject,
                "source": corpus.source(i),
                "record": c.location.record(),
            });
            writeln!(out, "{value}")?;
        } else {
            line.clear();
            write_summary_line(&mut line, corpus, c);
            line.push(b'\n');
            out.write_all(&line)?;
        }
    }
    Ok(())
}
