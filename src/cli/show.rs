//! `cable-reader show`: cables as text or JSON lines.

use std::io::Write;

use crate::cable::query::{Facts, Query};
use crate::cable::{Cable, Corpus, LoadOptions, LoadReport, Paragraph};

use super::filter::{MarkingFilter, any_matches};

/// Which paragraphs to print.
pub struct Selection {
    pub ids: Vec<String>,
    pub paras: Vec<(u32, u32)>,
    pub markings: Vec<MarkingFilter>,
}

impl Selection {
    fn wants_cable(&self, c: &Cable) -> bool {
        self.ids.is_empty() || self.ids.iter().any(|id| id.eq_ignore_ascii_case(&c.id))
    }

    fn wants(&self, p: &Paragraph) -> bool {
        (self.paras.is_empty() || self.paras.iter().any(|&(a, b)| (a..=b).contains(&p.number)))
            && any_matches(&self.markings, p)
    }

    /// True when paragraphs are narrowed, so the header summary is left out.
    fn narrowed(&self) -> bool {
        !self.paras.is_empty() || !self.markings.is_empty()
    }
}

/// The cables of `paths` that `query` finds: the inputs are indexed (the index cached as for
/// `list`) and only those cables are read in full.
pub fn load_where<P: AsRef<std::path::Path>>(
    paths: &[P],
    query: &Query,
    options: LoadOptions,
) -> LoadReport {
    let corpus = Corpus::index_cached(paths, options);
    let facts = Facts::new(&corpus);
    let mut report = LoadReport {
        cables: Vec::new(),
        errors: corpus.errors.clone(),
    };
    for i in query.select(&corpus, &facts) {
        match corpus.open(i) {
            Ok(c) => report.cables.push(c),
            Err(e) => report
                .errors
                .push((corpus.source(i).to_string(), e.to_string())),
        }
    }
    report
}

/// `12. (SBU) text` as printed in a whole cable.
pub fn paragraph_text(p: &Paragraph) -> String {
    match (&p.marking, p.inherited) {
        (Some(m), false) => format!("{}. ({}) {}", p.number, m, p.text),
        (Some(m), true) => format!("{}. [{}] {}", p.number, m, p.text),
        (None, _) => match &p.marking_raw {
            Some(raw) => format!("{}. ({}) {}", p.number, raw, p.text),
            None => format!("{}. {}", p.number, p.text),
        },
    }
}

fn header_summary(c: &Cable) -> String {
    let mut s = String::new();
    let mut field = |name: &str, value: &str| {
        if !value.is_empty() {
            s.push_str(&format!("{name:<15}{value}\n"));
        }
    };
    field("Id:", &c.id);
    field("Date:", c.date.as_deref().unwrap_or(""));
    field("Origin:", &c.origin);
    field("Classification:", &c.classification);
    field("Captions:", &c.captions.join(" "));
    field("E.O.:", c.eo.as_deref().unwrap_or(""));
    field("TAGS:", &c.tags.join(", "));
    field("Subject:", &c.subject);
    field("REF:", c.references_raw.as_deref().unwrap_or(""));
    field("Classified by:", c.classified_by.as_deref().unwrap_or(""));
    field("Source:", &c.source);
    s
}

/// Prints the selected cables; returns how many were printed.
pub fn run(
    cables: &[Cable],
    sel: &Selection,
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<usize> {
    let mut printed = 0;
    for c in cables.iter().filter(|c| sel.wants_cable(c)) {
        let paragraphs: Vec<&Paragraph> = c.paragraphs.iter().filter(|p| sel.wants(p)).collect();
        if sel.narrowed() && paragraphs.is_empty() {
            continue;
        }
        printed += 1;
        if json {
            let value = serde_json::json!({
                "id": c.id,
                "format": c.format.map(|f| f.name()),
                "source": c.source,
                "record": c.record,
                "subject": c.subject,
                "date": c.date,
                "origin": c.origin,
                "classification": c.classification,
                "captions": c.captions,
                "eo": c.eo,
                "declassify": c.declassify,
                "tags": c.tags,
                "references": c.references,
                "references_raw": c.references_raw,
                "classified_by": c.classified_by,
                "paragraphs": paragraphs,
                "closing": c.closing,
                "warnings": c.warnings,
            });
            writeln!(out, "{value}")?;
            continue;
        }
        if sel.narrowed() {
            // The citation form, the same text the reader's copy key gives.
            for (i, _) in c
                .paragraphs
                .iter()
                .enumerate()
                .filter(|(_, p)| sel.wants(p))
            {
                if let Some(line) = crate::cite::citation(c, i) {
                    writeln!(out, "{line}")?;
                }
            }
            continue;
        }
        write!(out, "{}", header_summary(c))?;
        if !c.preamble.is_empty() && c.paragraphs.is_empty() {
            writeln!(out, "\n{}", c.preamble)?;
        }
        for p in &paragraphs {
            writeln!(out, "\n{}", paragraph_text(p))?;
        }
        if !c.closing.is_empty() {
            writeln!(out, "\n{}", c.closing)?;
        }
        for w in &c.warnings {
            writeln!(out, "warning: {w}")?;
        }
        writeln!(out, "\n{}", "-".repeat(72))?;
    }
    Ok(printed)
}
