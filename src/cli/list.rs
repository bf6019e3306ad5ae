//! `cable-reader list`: one line per cable; tab-separated into a pipe, aligned and coloured on a
//! terminal, the fields of `--fields`, the template of `--format`, or JSON.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;

use crate::cable::query::{Facet, Facts, Query, facets};
use crate::cable::versions::Versions;
use crate::cable::{Cable, CableSummary, Corpus};

use super::filter::{MarkingFilter, any_matches};
use super::out::Out;

mod fields;
mod table;

use fields::Piece;
pub use fields::{Field, Template};
use table::print_columns;

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
    field(out, c.id());
    field(out, c.date().unwrap_or("-"));
    field(out, &or_dash(c.classification()));
    field(out, &or_dash(c.origin()));
    field(out, &c.paragraphs.to_string());
    let start = out.len();
    for &[id, n] in c.markings() {
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
    out.extend_from_slice(c.subject().as_bytes());
}

/// True when the cable has a paragraph that one of the filters takes (or there are none).
pub fn summary_matches(corpus: &Corpus, c: &CableSummary, filters: &[MarkingFilter]) -> bool {
    filters.is_empty()
        || filters.iter().any(|f| match f {
            MarkingFilter::Marking(m) => corpus.markings.id_of(m).is_some_and(|id| c.count(id) > 0),
            MarkingFilter::Unmarked => c.unmarked > 0,
        })
}

/// How `list` prints.
#[derive(Debug, Clone)]
pub enum Layout {
    /// The fields separated by tabs (into a pipe, the default).
    Tabs(Vec<Field>),
    /// Columns aligned to the widest value, titles, colours (on a terminal); `width` cuts the
    /// last column to the screen.
    Columns {
        fields: Vec<Field>,
        width: Option<usize>,
        colors: bool,
    },
    Template(Template),
    /// One JSON object per cable with these fields.
    Json(Vec<Field>),
}

/// What `list` shows of one cable, borrowed from a loaded cable or an index entry.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub id: &'a str,
    pub date: Option<&'a str>,
    pub classification: &'a str,
    pub origin: &'a str,
    pub paragraphs: usize,
    /// Marking and count, highest level first; `unmarked` last.
    pub markings: Vec<(Cow<'a, str>, usize)>,
    pub subject: &'a str,
    pub source: &'a str,
    pub record: Option<u64>,
    /// The versions of the cable's id, as `versions` in JSON; none when not asked for.
    pub versions: Option<serde_json::Value>,
    /// The text holds only part of the cable.
    pub partial: bool,
}

impl<'a> Row<'a> {
    pub fn of_cable(c: &'a Cable) -> Row<'a> {
        Row {
            id: &c.id,
            date: c.date.as_deref(),
            classification: &c.classification,
            origin: &c.origin,
            paragraphs: c.paragraphs.len(),
            markings: marking_counts(c)
                .into_iter()
                .map(|(m, n)| (Cow::Owned(m), n))
                .collect(),
            subject: &c.subject,
            source: &c.source,
            record: c.record,
            versions: None,
            partial: c.partial,
        }
    }

    pub fn of_summary(corpus: &'a Corpus, i: usize) -> Row<'a> {
        let c = &corpus.cables[i];
        let mut markings: Vec<(Cow<'a, str>, usize)> = c
            .markings()
            .iter()
            .map(|&[id, n]| (Cow::Borrowed(corpus.markings.name(id)), n as usize))
            .collect();
        if c.unmarked > 0 {
            markings.push((Cow::Borrowed("unmarked"), c.unmarked as usize));
        }
        Row {
            id: c.id(),
            date: c.date(),
            classification: c.classification(),
            origin: c.origin(),
            paragraphs: c.paragraphs as usize,
            markings,
            subject: c.subject(),
            source: corpus.source(i),
            record: c.location.record(),
            versions: None,
            partial: c.partial(),
        }
    }

    /// A field as a plain `list` line has it: `-` for an empty date, class, origin, markings.
    pub fn text(&self, f: Field) -> Cow<'a, str> {
        let or_dash = |s: &'a str| Cow::Borrowed(if s.is_empty() { "-" } else { s });
        match f {
            Field::Id => Cow::Borrowed(self.id),
            Field::Date => Cow::Borrowed(self.date.unwrap_or("-")),
            Field::Classification => or_dash(self.classification),
            Field::Origin => or_dash(self.origin),
            Field::Paragraphs => Cow::Owned(self.paragraphs.to_string()),
            Field::Markings if self.markings.is_empty() => Cow::Borrowed("-"),
            Field::Markings => Cow::Owned(
                self.markings
                    .iter()
                    .map(|(m, n)| format!("{m}:{n}"))
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            Field::Subject => Cow::Borrowed(self.subject),
            Field::Source => Cow::Borrowed(self.source),
            Field::Record => Cow::Owned(self.record.map_or("-".to_string(), |r| r.to_string())),
            Field::Versions => Cow::Owned(
                self.versions
                    .as_ref()
                    .and_then(|v| v.as_array())
                    .map_or("-".to_string(), |v| v.len().to_string()),
            ),
            Field::Partial => Cow::Borrowed(if self.partial { "partial" } else { "-" }),
        }
    }

    /// A field as a column shows it on a terminal: the day of the date, a partial text's
    /// subject marked, the rest as in [`Row::text`].
    fn shown(&self, f: Field) -> Cow<'a, str> {
        match (f, self.date) {
            (Field::Date, Some(d)) if d.len() > 10 && d.is_char_boundary(10) => {
                Cow::Borrowed(&d[..10])
            }
            // A mark for the eye, as the reader's list has it; pipes get the subject alone.
            (Field::Subject, _) if self.partial => {
                Cow::Owned(format!("(partial) {}", self.subject))
            }
            _ => self.text(f),
        }
    }

    fn json(&self, fields: &[Field]) -> serde_json::Value {
        let mut o = serde_json::Map::new();
        for &f in fields {
            let v = match f {
                Field::Id => self.id.into(),
                Field::Date => self.date.into(),
                Field::Classification => self.classification.into(),
                Field::Origin => self.origin.into(),
                Field::Paragraphs => self.paragraphs.into(),
                Field::Markings => serde_json::Value::Object(
                    self.markings
                        .iter()
                        .map(|(m, n)| (m.to_string(), (*n).into()))
                        .collect(),
                ),
                Field::Subject => self.subject.into(),
                Field::Source => self.source.into(),
                Field::Record => self.record.into(),
                Field::Versions => self.versions.clone().unwrap_or_default(),
                Field::Partial => self.partial.into(),
            };
            o.insert(f.name().to_string(), v);
        }
        serde_json::Value::Object(o)
    }
}

/// Prints the rows; nothing of the file reaches `out` unchecked (see [`Out`]).
pub fn print<W: Write>(rows: &[Row], layout: &Layout, out: &mut Out<W>) -> std::io::Result<()> {
    match layout {
        Layout::Tabs(fields) => {
            let mut line = String::with_capacity(256);
            for r in rows {
                line.clear();
                for (i, &f) in fields.iter().enumerate() {
                    if i > 0 {
                        line.push('\t');
                    }
                    line.push_str(&r.text(f));
                }
                line.push('\n');
                out.write_all(line.as_bytes())?;
            }
        }
        Layout::Template(t) => {
            let mut line = String::with_capacity(256);
            for r in rows {
                line.clear();
                for p in &t.0 {
                    match p {
                        Piece::Text(s) => line.push_str(s),
                        Piece::Field(f) => line.push_str(&r.text(*f)),
                    }
                }
                line.push('\n');
                out.write_all(line.as_bytes())?;
            }
        }
        Layout::Json(fields) => {
            for r in rows {
                out.json_line(&r.json(fields))?;
            }
        }
        Layout::Columns {
            fields,
            width,
            colors,
        } => print_columns(rows, fields, *width, *colors, out)?,
    }
    Ok(())
}

/// The rows of the cables a filter keeps.
pub fn rows_of_cables<'a>(cables: &'a [Cable], filters: &[MarkingFilter]) -> Vec<Row<'a>> {
    cables
        .iter()
        .filter(|c| filters.is_empty() || c.paragraphs.iter().any(|p| any_matches(filters, p)))
        .map(Row::of_cable)
        .collect()
}

/// The rows of the indexed cables a filter keeps.
pub fn rows_of_corpus<'a>(corpus: &'a Corpus, filters: &[MarkingFilter]) -> Vec<Row<'a>> {
    (0..corpus.cables.len())
        .filter(|&i| summary_matches(corpus, &corpus.cables[i], filters))
        .map(|i| Row::of_summary(corpus, i))
        .collect()
}

/// The plain line of every indexed cable a filter keeps, written without building rows: the
/// whole release is 251,287 lines. Returns how many were written.
pub fn print_corpus_lines<W: Write>(
    corpus: &Corpus,
    filters: &[MarkingFilter],
    out: &mut Out<W>,
) -> std::io::Result<usize> {
    let mut line = Vec::with_capacity(256);
    let mut n = 0;
    for c in &corpus.cables {
        if !summary_matches(corpus, c, filters) {
            continue;
        }
        line.clear();
        write_summary_line(&mut line, corpus, c);
        line.push(b'\n');
        out.write_all(&line)?;
        n += 1;
    }
    Ok(n)
}

/// The plain (or `--json`) `list` of loaded cables, as printed into a pipe.
pub fn run(
    cables: &[Cable],
    filters: &[MarkingFilter],
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    print(
        &rows_of_cables(cables, filters),
        &plain(json),
        &mut Out::new(out, false),
    )
}

/// [`run`] over an indexed corpus: the same output.
pub fn run_corpus(
    corpus: &Corpus,
    filters: &[MarkingFilter],
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let mut out = Out::new(out, false);
    if json {
        print(&rows_of_corpus(corpus, filters), &plain(json), &mut out)
    } else {
        print_corpus_lines(corpus, filters, &mut out).map(|_| ())
    }
}

fn plain(json: bool) -> Layout {
    if json {
        Layout::Json(Field::ALL.to_vec())
    } else {
        Layout::Tabs(Field::DEFAULT.to_vec())
    }
}

/// What `list` prints of the cables it selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// A row per id.
    Lines,
    /// Only the number of cables found (ids: a cable with several versions counts once).
    Count,
    /// Counts per value of a field, over the cables found.
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

/// One cable per id among the `taken` ones: the fullest version taken, ids in the order their
/// first cable comes in the corpus.
pub fn one_per_id(versions: &Versions, taken: &[usize], cables: usize) -> Vec<usize> {
    let mut is_taken = vec![false; cables];
    for &i in taken {
        if let Some(t) = is_taken.get_mut(i) {
            *t = true;
        }
    }
    versions
        .in_source_order()
        .filter_map(|g| {
            versions
                .group(g)
                .iter()
                .map(|&i| i as usize)
                .find(|&i| is_taken[i])
        })
        .collect()
}

/// What `list` reads: an index, and the cables themselves when they were loaded (standard
/// input, the samples), one for each summary of the index.
pub struct Listed<'a> {
    pub corpus: &'a Corpus,
    pub cables: Option<&'a [Cable]>,
}

/// `list` with its output and layout: a row per id (its versions in the `versions` field),
/// the count, or the facets. Returns how many rows (or cables counted) there were.
pub fn run_selected<W: Write>(
    listed: Listed,
    filters: &[MarkingFilter],
    query: Option<&Query>,
    output: Output,
    layout: &Layout,
    out: &mut Out<W>,
) -> std::io::Result<usize> {
    let corpus = listed.corpus;
    // Only a query and the facets ask the facts: a plain `list` of the release does not build
    // them (a sixth of a cached `list`).
    let facts = match (query, &output) {
        (None, Output::Count | Output::Lines) => Facts::default(),
        _ => Facts::new(corpus),
    };
    let taken = select(corpus, &facts, filters, query);
    let json = matches!(layout, Layout::Json(_));
    // A cable is counted once whatever number of versions the inputs hold: its chosen
    // version (the one a row shows) stands for it.
    let versions = Versions::build(corpus);
    let shown = one_per_id(&versions, &taken, corpus.cables.len());
    match output {
        Output::Count => {
            if json {
                out.json_line(&serde_json::json!({ "count": shown.len() }))?;
            } else {
                writeln!(out, "{}", shown.len())?;
            }
            Ok(shown.len())
        }
        Output::Facets(facet) => {
            for (value, n) in facets(facet, corpus, &facts, &shown) {
                if json {
                    out.json_line(&serde_json::json!({ "value": value, "count": n }))?;
                } else {
                    writeln!(out, "{value}\t{n}")?;
                }
            }
            Ok(shown.len())
        }
        Output::Lines => {
            match (layout, listed.cables) {
                // The whole release is 251,287 lines: written without building rows.
                (Layout::Tabs(f), None) if f[..] == Field::DEFAULT[..] => {
                    let mut line = Vec::with_capacity(256);
                    for &i in &shown {
                        line.clear();
                        write_summary_line(&mut line, corpus, &corpus.cables[i]);
                        line.push(b'\n');
                        out.write_all(&line)?;
                    }
                }
                _ => {
                    let fields = match layout {
                        Layout::Tabs(f) | Layout::Json(f) => f.clone(),
                        Layout::Columns { fields, .. } => fields.clone(),
                        Layout::Template(t) => t.fields(),
                    };
                    let with_versions = fields.contains(&Field::Versions);
                    let rows: Vec<Row> = shown
                        .iter()
                        .map(|&i| {
                            let mut row = match listed.cables {
                                Some(cables) => Row::of_cable(&cables[i]),
                                None => Row::of_summary(corpus, i),
                            };
                            if with_versions && let Some(g) = versions.group_of(i) {
                                row.versions = Some(versions.describe(corpus, g));
                            }
                            row
                        })
                        .collect();
                    print(&rows, layout, out)?;
                }
            }
            Ok(shown.len())
        }
    }
}
