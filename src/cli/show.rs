//! `cable-reader show`: cables as text or JSON lines.

use std::io::Write;

use crate::cable::{Cable, Paragraph};

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
        (self.paras.is_empty()
            || self
                .paras
                .iter()
                .any(|&(a, b)| p.number.is_some_and(|n| (a..=b).contains(&n))))
            && any_matches(&self.markings, p)
    }

    /// True when paragraphs are narrowed, so the header summary is left out.
    fn narrowed(&self) -> bool {
        !self.paras.is_empty() || !self.markings.is_empty()
    }
}

/// `12. (SBU) text` as printed in a whole cable.
pub fn paragraph_text(p: &Paragraph) -> String {
    let n = p.number.map_or(String::new(), |n| format!("{n}. "));
    match (&p.marking, p.inherited) {
        (Some(m), false) => format!("{n}({m}) {}", p.text),
        (Some(m), true) => format!("{n}[{m}] {}", p.text),
        (None, _) => match &p.marking_raw {
            Some(raw) => format!("{n}({raw}) {}", p.text),
            None => format!("{n}{}", p.text),
        },
    }
}

fn header_summary(c: &Cable) -> String {
    let references_other: Vec<String> = c
        .references_other
        .iter()
        .map(|r| match &r.letter {
            Some(l) => format!("{l}. {}", r.text),
            None => r.text.clone(),
        })
        .collect();
    let declassify = match (&c.declassify, &c.declassify_raw) {
        (Some(iso), Some(raw)) if iso != raw => format!("{iso} ({raw})"),
        (Some(iso), _) => iso.clone(),
        (None, Some(raw)) => raw.clone(),
        (None, None) => String::new(),
    };
    let fields: [(&str, String); 21] = [
        ("Id:", c.id.clone()),
        ("Date:", c.date.clone().unwrap_or_default()),
        ("Origin:", c.origin.clone()),
        ("Classification:", c.classification.clone()),
        ("Captions:", c.captions.join(" ")),
        (
            "Precedence:",
            c.routing.precedence.clone().unwrap_or_default(),
        ),
        ("From:", c.routing.from.clone().unwrap_or_default()),
        ("To:", c.routing.to.join("; ")),
        ("Info:", c.routing.info.join("; ")),
        ("E.O.:", c.eo.clone().unwrap_or_default()),
        ("Declassify:", declassify),
        ("TAGS:", c.tags.join(", ")),
        ("Subject:", c.subject.clone()),
        ("REF:", c.references_raw.clone().unwrap_or_default()),
        ("References:", c.references.join(" ")),
        ("Other refs:", references_other.join("; ")),
        (
            "Classified by:",
            c.classified_by.clone().unwrap_or_default(),
        ),
        ("Signed by:", c.signed_by.clone().unwrap_or_default()),
        (
            "Partial:",
            if c.partial {
                "a partial extract of the original cable".to_string()
            } else {
                String::new()
            },
        ),
        ("Summary:", c.summary.clone().unwrap_or_default()),
        ("Source:", c.source.clone()),
    ];
    // Values start one column after the longest label shown.
    let width = fields
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(name, _)| name.chars().count())
        .max()
        .unwrap_or(0)
        + 1;
    let mut s = String::new();
    for (name, value) in fields.iter().filter(|(_, v)| !v.is_empty()) {
        s.push_str(&format!("{name:<width$}{value}\n"));
    }
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
                "declassify_raw": c.declassify_raw,
                "tags": c.tags,
                "references": c.references,
                "references_other": c.references_other,
                "references_raw": c.references_raw,
                "classified_by": c.classified_by,
                "signed_by": c.signed_by,
                "routing": c.routing,
                "summary": c.summary,
                "paragraphs": paragraphs,
                "closing": c.closing,
                "partial": c.partial,
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
