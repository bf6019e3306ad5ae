//! `cable-reader list`: one line per cable; tab-separated into a pipe, aligned and coloured on a
//! terminal, the fields of `--fields`, the template of `--format`, or JSON.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;

use unicode_width::UnicodeWidthStr;

use crate::cable::query::{Facet, Facts, Query, facets};
use crate::cable::versions::Versions;
use crate::cable::{Cable, CableSummary, Corpus};

use super::filter::{MarkingFilter, any_matches};
use super::out::{Out, Style};

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

/// One field of a `list` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Date,
    Classification,
    Origin,
    Paragraphs,
    Markings,
    Subject,
    Source,
    Record,
    /// The sources holding the cable, fullest first (in a row, how many).
    Versions,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::Id,
        Field::Date,
        Field::Classification,
        Field::Origin,
        Field::Paragraphs,
        Field::Markings,
        Field::Subject,
        Field::Source,
        Field::Record,
        Field::Versions,
    ];
    /// The fields of a plain `list` line, in its order.
    pub const DEFAULT: [Field; 7] = [
        Field::Id,
        Field::Date,
        Field::Classification,
        Field::Origin,
        Field::Paragraphs,
        Field::Markings,
        Field::Subject,
    ];

    /// The name in `--fields`, `--format` and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Date => "date",
            Field::Classification => "classification",
            Field::Origin => "origin",
            Field::Paragraphs => "paragraphs",
            Field::Markings => "markings",
            Field::Subject => "subject",
            Field::Source => "source",
            Field::Record => "record",
            Field::Versions => "versions",
        }
    }

    /// The column title on a terminal.
    fn title(self) -> &'static str {
        match self {
            Field::Id => "ID",
            Field::Date => "DATE",
            Field::Classification => "CLASS",
            Field::Origin => "ORIGIN",
            Field::Paragraphs => "¶",
            Field::Markings => "MARKINGS",
            Field::Subject => "SUBJECT",
            Field::Source => "SOURCE",
            Field::Record => "RECORD",
            Field::Versions => "VERSIONS",
        }
    }

    /// The widest a column gets on a terminal (the last column takes what is left).
    fn max_width(self) -> usize {
        match self {
            Field::Classification => 24,
            Field::Origin => 24,
            Field::Markings => 32,
            Field::Source => 48,
            _ => 64,
        }
    }

    pub fn parse(name: &str) -> Result<Field, String> {
        let n = name.trim().to_ascii_lowercase();
        let alias = match n.as_str() {
            "class" => Some(Field::Classification),
            "paras" | "¶" => Some(Field::Paragraphs),
            _ => None,
        };
        alias
            .or_else(|| Field::ALL.into_iter().find(|f| f.name() == n))
            .ok_or_else(|| {
                let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                let near = super::nearest(&n, &names)
                    .map(|m| format!("did you mean {m}? "))
                    .unwrap_or_default();
                format!(
                    "no list field {name:?}; {near}(fields: {})",
                    names.join(", ")
                )
            })
    }

    /// `--fields a,b,c`, several times or comma-separated; none means the default line.
    pub fn parse_list(values: &[String]) -> Result<Vec<Field>, String> {
        let fields: Vec<Field> = values
            .iter()
            .flat_map(|v| v.split(','))
            .filter(|v| !v.trim().is_empty())
            .map(Field::parse)
            .collect::<Result<_, _>>()?;
        Ok(if fields.is_empty() {
            Field::DEFAULT.to_vec()
        } else {
            fields
        })
    }
}

/// A `--format` template: text with `{field}` places; `\t`, `\n` and `\\` as in C, `{{` and
/// `}}` for braces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template(Vec<Piece>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Field(Field),
}

impl Template {
    /// The fields the template names, in order.
    pub fn fields(&self) -> Vec<Field> {
        self.0
            .iter()
            .filter_map(|p| match p {
                Piece::Field(f) => Some(*f),
                Piece::Text(_) => None,
            })
            .collect()
    }

    pub fn parse(t: &str) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = t.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('t') => text.push('\t'),
                    Some('n') => text.push('\n'),
                    Some('\\') => text.push('\\'),
                    Some(other) => {
                        text.push('\\');
                        text.push(other);
                    }
                    None => text.push('\\'),
                },
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => name.push(c),
                            None => {
                                return Err(format!("--format: {{{name} is not closed with }}"));
                            }
                        }
                    }
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Field(
                        Field::parse(&name).map_err(|e| format!("--format: {e}"))?,
                    ));
                }
                '}' => return Err("--format: a lone } (write }} for a brace)".to_string()),
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(Template(pieces))
    }
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
        }
    }

    pub fn of_summary(corpus: &'a Corpus, i: usize) -> Row<'a> {
        let c = &corpus.cables[i];
        let mut markings: Vec<(Cow<'a, str>, usize)> = c
            .markings
            .iter()
            .map(|&(id, n)| (Cow::Borrowed(corpus.markings.name(id)), n as usize))
            .collect();
        if c.unmarked > 0 {
            markings.push((Cow::Borrowed("unmarked"), c.unmarked as usize));
        }
        Row {
            id: &c.id,
            date: c.date.as_deref(),
            classification: &c.classification,
            origin: &c.origin,
            paragraphs: c.paragraphs as usize,
            markings,
            subject: &c.subject,
            source: corpus.source(i),
            record: c.location.record(),
            versions: None,
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
        }
    }

    /// A field as a column shows it on a terminal: the day of the date, the rest as in
    /// [`Row::text`].
    fn shown(&self, f: Field) -> Cow<'a, str> {
        match (f, self.date) {
            (Field::Date, Some(d)) if d.len() > 10 && d.is_char_boundary(10) => {
                Cow::Borrowed(&d[..10])
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

/// The terminal's table: a title line, then each row with its columns padded to the widest
/// value (each cut to its column's limit), two spaces between; the last column is cut to the
/// screen's width so that a row stays one line.
fn print_columns<W: Write>(
    rows: &[Row],
    fields: &[Field],
    width: Option<usize>,
    colors: bool,
    out: &mut Out<W>,
) -> std::io::Result<()> {
    // Widths measured on the values as they will be shown (control characters made visible).
    let shown = |r: &Row, f: Field| crate::sanitize::clean_line(&r.shown(f)).into_owned();
    let mut widths: Vec<usize> = fields.iter().map(|f| f.title().width()).collect();
    for r in rows {
        for (i, &f) in fields.iter().enumerate() {
            widths[i] = widths[i].max(shown(r, f).width().min(f.max_width()));
        }
    }
    let last = fields.len().saturating_sub(1);
    // On a narrow screen the widest text columns give way, so the last keeps some room.
    if let Some(w) = width {
        let room =
            |widths: &[usize]| w.saturating_sub(widths[..last].iter().sum::<usize>() + 2 * last);
        while room(&widths) < LAST_COLUMN_ROOM {
            let widest = (0..last)
                .filter(|&i| !matches!(fields[i], Field::Id | Field::Date | Field::Paragraphs))
                .max_by_key(|&i| widths[i]);
            match widest {
                Some(i) if widths[i] > MIN_COLUMN => widths[i] -= 1,
                _ => break,
            }
        }
    }
    let style = |out: &mut Out<W>, s: Style| if colors { out.style(s) } else { Ok(()) };
    let line_out = |out: &mut Out<W>, cells: &[(String, Option<Style>)]| -> std::io::Result<()> {
        let mut used = 0;
        for (i, (cell, st)) in cells.iter().enumerate() {
            if i > 0 {
                out.write_all(b"  ")?;
                used += 2;
            }
            let limit = if i == last {
                width.map(|w| w.saturating_sub(used).max(8))
            } else {
                Some(widths[i])
            };
            let text = match limit {
                Some(l) => fit(cell, l),
                None => cell.clone(),
            };
            // Numbers line up on the right, text on the left; the last column is not padded.
            let pad = if i == last {
                0
            } else {
                widths[i].saturating_sub(text.width())
            };
            let right = matches!(
                fields[i],
                Field::Paragraphs | Field::Record | Field::Versions
            );
            if right {
                out.write_all(" ".repeat(pad).as_bytes())?;
            }
            if let Some(s) = st {
                style(out, *s)?;
            }
            out.write_all(text.as_bytes())?;
            if st.is_some() {
                style(out, Style::Reset)?;
            }
            if !right {
                out.write_all(" ".repeat(pad).as_bytes())?;
            }
            used += widths[i];
        }
        out.write_all(b"\n")
    };
    let titles: Vec<(String, Option<Style>)> = fields
        .iter()
        .map(|f| (f.title().to_string(), Some(Style::Bold)))
        .collect();
    line_out(out, &titles)?;
    for r in rows {
        let cells: Vec<(String, Option<Style>)> = fields
            .iter()
            .map(|&f| {
                let st = match f {
                    Field::Id => Some(Style::Cyan),
                    Field::Date => Some(Style::Dim),
                    Field::Classification => level_style(r.classification),
                    _ => None,
                };
                (shown(r, f), st)
            })
            .collect();
        line_out(out, &cells)?;
    }
    Ok(())
}

/// The columns the last column keeps on a narrow screen, and the fewest a column gives way to.
const LAST_COLUMN_ROOM: usize = 30;
const MIN_COLUMN: usize = 8;

/// The colour of a classification: red for secret and above, yellow for confidential, green
/// for the unclassified forms. The word is always written out, so no colour carries meaning
/// alone.
fn level_style(classification: &str) -> Option<Style> {
    let c = classification.trim_start().to_ascii_uppercase();
    if c.starts_with("TOP SECRET")
        || c.starts_with("SECRET")
        || c.starts_with("TS")
        || c == "S"
        || c.starts_with("S/")
    {
        Some(Style::Red)
    } else if c.starts_with("CONFIDENTIAL") || c == "C" || c.starts_with("C/") {
        Some(Style::Yellow)
    } else if c.starts_with("UNCLASSIFIED")
        || c == "U"
        || c.starts_with("U/")
        || c == "SBU"
        || c == "LOU"
    {
        Some(Style::Green)
    } else {
        None
    }
}

/// `s` cut to `width` columns with `…` when longer.
fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
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
    let facts = Facts::new(corpus);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        let t = Template::parse("{id}\\t{{{date}}}").unwrap();
        assert_eq!(
            t.0,
            vec![
                Piece::Field(Field::Id),
                Piece::Text("\t{".into()),
                Piece::Field(Field::Date),
                Piece::Text("}".into())
            ]
        );
        assert_eq!(
            Template::parse("{subjct}").unwrap_err(),
            "--format: no list field \"subjct\"; did you mean subject? (fields: id, date, classification, origin, paragraphs, markings, subject, source, record, versions)"
        );
        assert!(Template::parse("{id").is_err());
        assert!(Template::parse("a}b").is_err());
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("abcdef", 6), "abcdef");
        assert_eq!(fit("abcdefg", 6), "abcde…");
    }
}
