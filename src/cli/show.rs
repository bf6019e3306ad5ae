//! `cable-reader show`: cables as text or JSON lines.

use std::io::Write;

use crate::cable::query::{Facts, Query};
use crate::cable::versions::Versions;
use crate::cable::{Cable, Corpus, Paragraph};

use super::filter::{MarkingFilter, any_matches};
use super::out::Out;

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

/// The cables `show` prints: one per id, each with its versions for JSON.
#[derive(Debug, Default)]
pub struct Picked {
    pub cables: Vec<(Cable, serde_json::Value)>,
    /// How many cables were read (versions included), for messages.
    pub read: usize,
    /// `(source, reason)` for each chosen cable that could not be opened.
    pub errors: Vec<(String, String)>,
}

/// The cables of `corpus` that `show` prints: one per id, of the cables the query finds (all
/// without one) the fullest version, or version `n` of the id (from 1, fullest first); ids in
/// `sel` narrow them before any is opened. `loaded` holds the cables themselves when they were
/// read already, one per summary. A version that does not exist is an error.
pub fn pick(
    corpus: &Corpus,
    loaded: Option<&[Cable]>,
    query: Option<&Query>,
    sel: &Selection,
    n: Option<usize>,
) -> Result<Picked, String> {
    let versions = Versions::build(corpus);
    let taken: Vec<usize> = match query {
        Some(q) => q.select(corpus, &Facts::new(corpus)),
        None => (0..corpus.cables.len()).collect(),
    };
    let mut picked = Picked {
        read: taken.len(),
        ..Picked::default()
    };
    for i in super::list::one_per_id(&versions, &taken, corpus.cables.len()) {
        let id = &corpus.cables[i].id();
        if !sel.ids.is_empty() && !sel.ids.iter().any(|x| x.eq_ignore_ascii_case(id)) {
            continue;
        }
        let Some(g) = versions.group_of(i) else {
            continue;
        };
        let i = match n {
            Some(_) => versions
                .pick(g, n)
                .map_err(|e| format!("{}: {e}", crate::sanitize::brief(id)))?,
            None => i,
        };
        let opened = match loaded {
            Some(cables) => Ok(cables[i].clone()),
            None => corpus.open(i),
        };
        match opened {
            Ok(c) => picked.cables.push((c, versions.describe(corpus, g))),
            Err(e) => picked
                .errors
                .push((corpus.source(i).to_string(), e.to_string())),
        }
    }
    Ok(picked)
}

/// [`pick`] over files and folders, and whether reading them failed (the failures printed).
/// Cables asked for by id alone are found by their id fields in `cables.csv` files (or in the
/// index cache), not by indexing every cable: a search of the file's bytes, then only those
/// records decoded.
pub fn pick_paths(
    paths: &[std::path::PathBuf],
    options: crate::cable::LoadOptions,
    query: Option<&Query>,
    sel: &Selection,
    n: Option<usize>,
) -> (Result<Picked, String>, bool) {
    use crate::cable::cache;
    let by_id = query.is_none()
        && !sel.ids.is_empty()
        && sel
            .ids
            .iter()
            .all(|id| crate::cable::locate::searchable(id));
    let corpus = if by_id {
        let found = cache::lookup(paths, options, cache::dir().as_deref(), cache::MIN_BYTES).found;
        if found.is_none()
            && let Some(r) = located(paths, options, sel, n)
        {
            return r;
        }
        found
    } else {
        None
    };
    let corpus = corpus.unwrap_or_else(|| Corpus::index_cached(paths, options));
    let failed = super::report_error_list(&corpus.errors);
    (pick(&corpus, None, query, sel, n), failed)
}

/// The cables of `sel`'s ids found by [`crate::cable::locate`]; `None` when an input is not a
/// `cables.csv` file or cannot be walked (indexing reads and reports those).
fn located(
    paths: &[std::path::PathBuf],
    options: crate::cable::LoadOptions,
    sel: &Selection,
    n: Option<usize>,
) -> Option<(Result<Picked, String>, bool)> {
    use crate::cable::locate;
    let (found, walk_errors) = crate::cable::walk::walk_inputs(paths);
    if !walk_errors.is_empty() || found.is_empty() {
        return None;
    }
    let sources: Vec<String> = found.iter().map(|p| p.display().to_string()).collect();
    let files: Vec<(&std::path::Path, &str)> = found
        .iter()
        .map(|p| p.as_path())
        .zip(sources.iter().map(String::as_str))
        .collect();
    let located = locate::locate(&files, &sel.ids, options)?;
    let failed = super::report_error_list(&located.errors);
    let corpus = crate::cable::in_memory::corpus_of_cables(&located.cables);
    let picked = pick(&corpus, Some(&located.cables), None, sel, n).map(|mut p| {
        // An id not found is said among all the cables read: they are counted for it.
        let missing = sel
            .ids
            .iter()
            .any(|id| !p.cables.iter().any(|(c, _)| id.eq_ignore_ascii_case(&c.id)));
        if missing {
            p.read = files
                .iter()
                .filter_map(|(path, _)| locate::map_csv(path))
                .map(|m| locate::count_records(&m))
                .sum();
        }
        p
    });
    Some((picked, failed))
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

/// What a `show` printed, and why nothing was where nothing was.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Shown {
    pub printed: usize,
    /// Messages naming what was asked for and not found.
    pub missing: Vec<String>,
}

/// Prints the picked cables; nothing of the files reaches `out` unchecked (see [`Out`]).
pub fn run<W: Write>(
    picked: &Picked,
    sel: &Selection,
    json: bool,
    citation: &crate::cite::Template,
    out: &mut Out<W>,
) -> std::io::Result<Shown> {
    let mut shown = Shown::default();
    let mut empty: Vec<&Cable> = Vec::new();
    for (c, versions) in picked.cables.iter().filter(|(c, _)| sel.wants_cable(c)) {
        let paragraphs: Vec<&Paragraph> = c.paragraphs.iter().filter(|p| sel.wants(p)).collect();
        if sel.narrowed() && paragraphs.is_empty() {
            empty.push(c);
            continue;
        }
        shown.printed += 1;
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
                "versions": versions,
            });
            out.json_line(&value)?;
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
                if let Some(line) = citation.render(c, i) {
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
            // A note may quote the file: kept on one line (the writer cleans it on a terminal).
            writeln!(out, "warning: {}", w.to_string().replace(['\n', '\r'], " "))?;
        }
        writeln!(out, "\n{}", "-".repeat(72))?;
    }
    shown.missing = missing(picked, sel, &empty, shown.printed);
    Ok(shown)
}

/// Why the selection found nothing: each `--id` no cable has; with ids, each named cable that
/// lacks the paragraphs asked for; without, one line when no cable had them.
fn missing(picked: &Picked, sel: &Selection, empty: &[&Cable], printed: usize) -> Vec<String> {
    let mut out = Vec::new();
    for id in &sel.ids {
        if !picked
            .cables
            .iter()
            .any(|(c, _)| id.eq_ignore_ascii_case(&c.id))
        {
            let n = picked.read;
            out.push(format!(
                "no cable with the id {} among the {n} cable{} read",
                crate::sanitize::brief(id),
                if n == 1 { "" } else { "s" }
            ));
        }
    }
    let wanted = sel.describe();
    if !sel.ids.is_empty() || (printed == 0 && empty.len() == 1) {
        for c in empty {
            out.push(format!(
                "{} has no {wanted} (it has {})",
                crate::sanitize::brief(&c.id),
                super::input::paragraph_span(c)
            ));
        }
    } else if printed == 0 && !empty.is_empty() {
        out.push(format!(
            "none of the {} cables read has a {wanted}",
            empty.len()
        ));
    }
    out
}

impl Selection {
    /// The paragraphs asked for, for a message: `paragraph 99`, `paragraph 3-5 marked SBU`.
    fn describe(&self) -> String {
        let mut s = String::from("paragraph");
        let ranges: Vec<String> = self
            .paras
            .iter()
            .map(|&(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}-{b}")
                }
            })
            .collect();
        if !ranges.is_empty() {
            s.push(' ');
            s.push_str(&ranges.join(", "));
        }
        if !self.markings.is_empty() {
            s.push(' ');
            s.push_str(&super::filter::describe(&self.markings));
        }
        s
    }
}
