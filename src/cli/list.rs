//! `cable-reader list`: one tab-separated line per cable.

use std::collections::BTreeMap;
use std::io::Write;

use crate::cable::Cable;

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
