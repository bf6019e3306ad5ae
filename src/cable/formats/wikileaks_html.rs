//! Cable pages of the WikiLeaks Cablegate site (all three site generations, Dec 2010 to Aug 2011).
//!
//! A page holds `<h3>Viewing cable ID, SUBJECT</h3>`, a `<table class='cable'>` with Reference
//! ID, Created, Released, Classification and Origin (each value the text of a link; the links'
//! `title` attributes are wrong and are ignored), then two `<code><pre>` blocks: the routing
//! header and the body. Inside the blocks newlines are written `&#x000A;`, TAGS are links, and
//! the site put a `<a id='par1' href='#par1'>¶</a>` anchor before every line that starts with
//! digits or a capital and a full stop; those anchors are removed together with their `¶`.
//!
//! One known page (`07BERN881`) has a body block holding raw tab-separated database rows of
//! two cables; each row becomes its own cable.
//!
//! Everything is found with linear scans, so the ~190 KB sidebar of the final site generation
//! costs next to nothing.

use memchr::memmem;

use super::{Extracted, LoadError, RawCable};
use crate::cable::decode::{decode_text, normalize_newlines};
use crate::cable::model::{Format, Warning};

pub fn extract(bytes: &[u8]) -> Extracted {
    let (text, warning) = decode_text(bytes);
    let text = normalize_newlines(&text);
    let mut out = Extracted::default();
    let page = read_page(&text);

    let Some(blocks) = page.blocks else {
        let reason = match page.id.as_deref() {
            Some(id) if !id.is_empty() => format!("cable page {id} holds no cable text"),
            _ => "HTML page holds no cable".to_string(),
        };
        out.errors.push(LoadError::new(reason));
        return out;
    };

    let mut base = RawCable {
        format: Some(Format::WikileaksHtml),
        id: page.id.clone(),
        created: None,
        origin: page.origin,
        classification: page.classification,
        subject: page.subject,
        warnings: warning.into_iter().collect(),
        ..Default::default()
    };
    if let Some(created) = page.created.as_deref() {
        match normalize_created(created) {
            Some(c) => base.created = Some(c),
            None => base.warnings.push(note(format!(
                "the page's Created value {created:?} is not a date and time"
            ))),
        }
    }
    if let (Some(title_id), Some(id)) = (page.title_id.as_deref(), page.id.as_deref())
        && title_id != id
    {
        base.warnings.push(note(format!(
            "the page title names cable {title_id}, its table {id}"
        )));
    }
    if base.id.is_none() {
        base.id = page.title_id.clone();
    }

    if let Some(rows) = database_rows(&blocks.body) {
        let count = rows.len();
        for row in rows {
            let mut cable = RawCable {
                format: base.format,
                record: row.record,
                id: row.id,
                created: row.created,
                origin: row.origin,
                classification: row.classification,
                references: row.references,
                header: row.header,
                body: row.body,
                warnings: base.warnings.clone(),
                ..Default::default()
            };
            if cable.id.is_some() && cable.id == base.id {
                cable.subject = base.subject.clone();
            }
            cable.warnings.push(note(format!(
                "the page's text block held raw database rows of {count} cable{}; \
                 this cable was read from its row",
                if count == 1 { "" } else { "s" }
            )));
            if row.tags_rewritten && cable.id != base.id {
                cable.warnings.push(note(format!(
                    "the site replaced this row's TAGS line with the tags of the page's cable{}: \
                     the TAGS shown may not be this cable's",
                    base.id
                        .as_deref()
                        .map(|id| format!(" ({id})"))
                        .unwrap_or_default()
                )));
            }
            if row.cut_off {
                cable
                    .warnings
                    .push(note("the database row is cut off: text may be missing"));
            }
            out.cables.push(cable);
        }
        return out;
    }

    base.header = blocks.header;
    base.body = blocks.body;
    if blocks.extra > 0 {
        base.warnings.push(note(format!(
            "the page has {} more text block(s) than header and body; they were appended to the body",
            blocks.extra
        )));
    }
    out.cables.push(base);
    out
}

fn note(message: impl Into<String>) -> Warning {
    Warning::Note {
        message: message.into(),
    }
}

/// What one page says.
#[derive(Debug, Default)]
struct Page {
    /// The id in the `<h3>` title.
    title_id: Option<String>,
    subject: Option<String>,
    /// Table values (link texts).
    id: Option<String>,
    created: Option<String>,
    classification: Option<String>,
    origin: Option<String>,
    blocks: Option<Blocks>,
}

#[derive(Debug, Default)]
struct Blocks {
    header: String,
    body: String,
    /// Blocks beyond the second, appended to the body.
    extra: usize,
}

fn read_page(s: &str) -> Page {
    let mut page = Page::default();
    let mut after = 0;

    if let Some((title, end)) = find_title(s) {
        let (id, subject) = split_title(&title);
        page.title_id = id;
        page.subject = subject;
        after = end;
    }

    if let Some((start, end)) = find_cable_table(s) {
        let (heads, cells) = table_cells(&s[start..end]);
        for (i, value) in cells.into_iter().enumerate() {
            let key = heads
                .get(i)
                .map(|h| h.to_ascii_lowercase())
                .unwrap_or_else(|| {
                    [
                        "reference id",
                        "created",
                        "released",
                        "classification",
                        "origin",
                    ]
                    .get(i)
                    .copied()
                    .unwrap_or("")
                    .to_string()
                });
            if value.is_empty() {
                continue;
            }
            let slot = match key.as_str() {
                "reference id" | "reference" | "id" => &mut page.id,
                "created" | "date" => &mut page.created,
                "classification" => &mut page.classification,
                "origin" => &mut page.origin,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(value);
            }
        }
        after = after.max(end);
    }

    let mut blocks: Vec<String> = pre_blocks(s, after)
        .into_iter()
        .map(|inner| tidy(&block_text(inner)))
        .collect();
    if blocks.is_empty() && after > 0 {
        // A page whose blocks come before the title or table: look at the whole page.
        blocks = pre_blocks(s, 0)
            .into_iter()
            .map(|inner| tidy(&block_text(inner)))
            .collect();
    }
    page.blocks = match blocks.len() {
        0 => None,
        1 => Some(Blocks {
            body: blocks.pop().unwrap_or_default(),
            ..Default::default()
        }),
        n => {
            let mut it = blocks.into_iter();
            let header = it.next().unwrap_or_default();
            let body = it.collect::<Vec<_>>().join("\n\n");
            Some(Blocks {
                header,
                body,
                extra: n - 2,
            })
        }
    };
    page
}

/// The text of the `Viewing cable ...` title and the byte offset just after it.
fn find_title(s: &str) -> Option<(String, usize)> {
    const NEEDLE: &str = "Viewing cable ";
    let start = memmem::find(s.as_bytes(), NEEDLE.as_bytes())?;
    let from = start + NEEDLE.len();
    let rest = &s.as_bytes()[from..];
    let end = memmem::find(rest, b"</h3>")
        .or_else(|| memmem::find(rest, b"</H3>"))
        .or_else(|| memchr::memchr2(b'<', b'\n', rest))
        .unwrap_or(rest.len());
    let title = markup::text(&s[from..from + end]);
    Some((collapse_spaces(&title), from + end))
}

/// `10RIYADH182, SCENESETTER FOR ...` → id and subject. The subject may be empty (`ID,`) and may
/// hold commas of its own.
fn split_title(title: &str) -> (Option<String>, Option<String>) {
    let title = title.trim();
    let id_end = title
        .find(|c: char| c == ',' || c.is_whitespace())
        .unwrap_or(title.len());
    let id = &title[..id_end];
    let rest = title[id_end..].trim_start();
    let rest = rest.strip_prefix(',').unwrap_or(rest);
    // The site cut the subject at its first line; a trailing backslash is a leftover
    // escape of that line end.
    let subject = rest.trim().trim_end_matches('\\').trim_end();
    (
        (!id.is_empty()).then(|| id.to_string()),
        (!subject.is_empty()).then(|| subject.to_string()),
    )
}

/// Byte range of the `<table class='cable'>` element (tag through `</table>`).
fn find_cable_table(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let start = [
        &b"<table class='cable'"[..],
        &b"<table class=\"cable\""[..],
        &b"<table class=cable"[..],
    ]
    .iter()
    .filter_map(|n| memmem::find(b, n))
    .min()?;
    let end = memmem::find(&b[start..], b"</table>")
        .map(|e| start + e + "</table>".len())
        .unwrap_or(b.len());
    Some((start, end))
}

/// The header cells and the data cells of a table, as plain text.
fn table_cells(html: &str) -> (Vec<String>, Vec<String>) {
    let mut heads = Vec::new();
    let mut cells = Vec::new();
    let mut current: Option<(bool, String)> = None;
    let finish =
        |cur: &mut Option<(bool, String)>, heads: &mut Vec<String>, cells: &mut Vec<String>| {
            if let Some((is_head, raw)) = cur.take() {
                let text = collapse_spaces(&raw);
                if is_head {
                    heads.push(text);
                } else {
                    cells.push(text);
                }
            }
        };
    for (_, _, token) in markup::Tokens::new(html) {
        match token {
            markup::Token::Text(t) => {
                if let Some((_, buf)) = current.as_mut() {
                    html_escape::decode_html_entities_to_string(t, buf);
                }
            }
            markup::Token::Tag(tag) => {
                if tag.is("th") || tag.is("td") || tag.is("tr") || tag.is("table") {
                    finish(&mut current, &mut heads, &mut cells);
                    if !tag.end && (tag.is("th") || tag.is("td")) {
                        current = Some((tag.is("th"), String::new()));
                    }
                }
            }
            markup::Token::Other => {}
        }
    }
    finish(&mut current, &mut heads, &mut cells);
    (heads, cells)
}

/// Inner HTML of every `<pre>` element from byte `from` on.
fn pre_blocks(s: &str, from: usize) -> Vec<&str> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut pos = from.min(b.len());
    let finder = memmem::Finder::new(b"<pre");
    let closer = memmem::Finder::new(b"</pre>");
    while let Some(found) = finder.find(&b[pos..]) {
        let tag_start = pos + found;
        let after_name = tag_start + 4;
        match b.get(after_name) {
            Some(b'>') | Some(b' ') | Some(b'\t') | Some(b'\n') | Some(b'/') => {}
            _ => {
                pos = after_name;
                continue;
            }
        }
        let Some(gt) = memchr::memchr(b'>', &b[after_name..]) else {
            break;
        };
        let inner_start = after_name + gt + 1;
        let (inner_end, next) = match closer.find(&b[inner_start..]) {
            Some(e) => (inner_start + e, inner_start + e + "</pre>".len()),
            None => (b.len(), b.len()),
        };
        if let Some(inner) = s.get(inner_start..inner_end) {
            out.push(inner);
        }
        pos = next;
    }
    out
}

/// The text of a `<pre>` block: tags removed (link texts kept), `¶` paragraph anchors removed
/// with their `¶`, entities decoded, line ends normalised.
fn block_text(html: &str) -> String {
    let text = markup::text_without_anchors(html);
    normalize_newlines(&text).into_owned()
}

/// Drops leading blank lines and trailing white space.
pub(crate) fn tidy(s: &str) -> String {
    let trimmed = s.trim_end();
    let lead = trimmed.len() - trimmed.trim_start().len();
    // Keep the indentation of the first line with text.
    let start = trimmed[..lead].rfind('\n').map(|i| i + 1).unwrap_or(0);
    trimmed[start..].to_string()
}

pub(crate) fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `YYYY-MM-DD HH:MM` (seconds dropped), or `None` when the value is not of that shape.
fn normalize_created(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let shape = b"dddd-dd-dd dd:dd";
    if b.len() < shape.len() {
        return None;
    }
    for (c, want) in b.iter().zip(shape) {
        let ok = match want {
            b'd' => c.is_ascii_digit(),
            other => c == other,
        };
        if !ok {
            return None;
        }
    }
    let rest = &s[shape.len()..];
    let rest_ok = rest.is_empty()
        || (rest.len() == 3
            && rest.as_bytes()[0] == b':'
            && rest.as_bytes()[1..].iter().all(u8::is_ascii_digit));
    rest_ok.then(|| s[..shape.len()].to_string())
}

/// One cable from a raw database row.
#[derive(Debug, Default)]
struct Row {
    record: Option<u64>,
    id: Option<String>,
    created: Option<String>,
    origin: Option<String>,
    classification: Option<String>,
    references: Vec<String>,
    header: String,
    body: String,
    cut_off: bool,
    tags_rewritten: bool,
}

/// A body block that holds raw database rows instead of a cable: each row is
/// `[record TAB] YYYY-MM-DD HH:MM:SS TAB id TAB origin TAB classification TAB references TAB
/// header TAB body`, with line ends and tabs inside fields escaped by a backslash and rows ended
/// by an unescaped line end.
fn database_rows(text: &str) -> Option<Vec<Row>> {
    if !starts_like_row(text) {
        return None;
    }
    let mut rows = Vec::new();
    for raw in split_rows(text) {
        let fields = raw.fields;
        let Some(first) = fields.first() else {
            continue;
        };
        let (record, rest) = if normalize_created(first).is_some() {
            (None, &fields[..])
        } else if fields.len() > 1 && normalize_created(&fields[1]).is_some() {
            (first.trim().parse::<u64>().ok(), &fields[1..])
        } else {
            continue;
        };
        let get = |i: usize| rest.get(i).map(|f| f.trim()).filter(|f| !f.is_empty());
        let body = match rest.get(6..) {
            Some(more) if !more.is_empty() => more.join("\t"),
            _ => String::new(),
        };
        let row = Row {
            record,
            created: get(0).and_then(normalize_created),
            id: get(1).map(str::to_string),
            origin: get(2).map(str::to_string),
            classification: get(3).map(str::to_string),
            references: get(4)
                .map(|r| {
                    r.split(['|', ',', ' '])
                        .map(str::trim)
                        .filter(|x| !x.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            header: rest.get(5).map(|h| tidy(h)).unwrap_or_default(),
            cut_off: rest.len() < 7,
            tags_rewritten: raw.tags_rewritten,
            body: tidy(&body),
        };
        if row.id.is_some() {
            rows.push(row);
        }
    }
    (!rows.is_empty()).then_some(rows)
}

fn starts_like_row(text: &str) -> bool {
    let first_field = |t: &str| -> bool {
        t.split('\t').next().and_then(normalize_created).is_some() && t.contains('\t')
    };
    let line = text.split('\n').next().unwrap_or("");
    if first_field(line) {
        return true;
    }
    match line.split_once('\t') {
        Some((num, rest)) => {
            !num.is_empty() && num.bytes().all(|c| c.is_ascii_digit()) && first_field(rest)
        }
        None => false,
    }
}

/// Rows of backslash-escaped, tab-separated fields, unescaped.
#[derive(Debug, Default)]
struct RawRow {
    fields: Vec<String>,
    /// An unescaped line end followed a `TAGS:` line inside a field: the site rewrote that line
    /// (with the page's own tags) when it turned TAGS into links.
    tags_rewritten: bool,
}

/// Splits the rows. A row ends at an unescaped line end that is followed by the start of
/// another row (or the end); other unescaped line ends are kept as line ends inside the field,
/// since the site's TAGS rewriting left some behind.
fn split_rows(text: &str) -> Vec<RawRow> {
    let mut rows = Vec::new();
    let mut row = RawRow::default();
    let mut field = String::new();
    // Past this offset only white space remains.
    let content_end = text.trim_end().len();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next().map(|(_, c)| c) {
                Some('n') => field.push('\n'),
                Some('t') => field.push('\t'),
                Some('r') => {}
                Some('0') => field.push('\0'),
                Some(other) => field.push(other),
                None => {}
            },
            '\t' => row.fields.push(std::mem::take(&mut field)),
            '\n' => {
                let rest = text.get(i + 1..).unwrap_or("");
                if i + 1 >= content_end || starts_like_row(rest) {
                    row.fields.push(std::mem::take(&mut field));
                    if row.fields.iter().any(|f| !f.trim().is_empty()) {
                        rows.push(std::mem::take(&mut row));
                    } else {
                        row = RawRow::default();
                    }
                } else {
                    let line_start = field.rfind('\n').map(|p| p + 1).unwrap_or(0);
                    if field[line_start..].trim_start().starts_with("TAGS") {
                        row.tags_rewritten = true;
                    }
                    field.push('\n');
                }
            }
            other => field.push(other),
        }
    }
    row.fields.push(field);
    if row.fields.iter().any(|f| !f.trim().is_empty()) {
        rows.push(row);
    }
    rows
}

/// A small, forgiving HTML tokenizer (linear time, never panics), shared with the PlusD reader.
pub(crate) mod markup {
    use memchr::memmem;

    #[derive(Debug, Clone, Copy)]
    pub(crate) enum Token<'a> {
        Text(&'a str),
        Tag(Tag<'a>),
        /// Comment, doctype, processing instruction.
        Other,
    }

    #[derive(Debug, Clone, Copy)]
    pub(crate) struct Tag<'a> {
        pub name: &'a str,
        pub end: bool,
        /// The raw attribute text.
        attrs: &'a str,
    }

    impl<'a> Tag<'a> {
        pub(crate) fn is(&self, name: &str) -> bool {
            self.name.eq_ignore_ascii_case(name)
        }

        /// The raw value of attribute `name` (entities not decoded).
        pub(crate) fn attr(&self, name: &str) -> Option<&'a str> {
            let b = self.attrs.as_bytes();
            let mut i = 0;
            while i < b.len() {
                while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                    i += 1;
                }
                let name_start = i;
                while i < b.len()
                    && !b[i].is_ascii_whitespace()
                    && b[i] != b'/'
                    && (b[i] != b'=' || i == name_start)
                {
                    i += 1;
                }
                let attr_name = self.attrs.get(name_start..i).unwrap_or("");
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                let mut value = "";
                if i < b.len() && b[i] == b'=' && i > name_start {
                    i += 1;
                    while i < b.len() && b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                        let q = b[i];
                        let v_start = i + 1;
                        let v_end = memchr::memchr(q, &b[v_start..])
                            .map(|e| v_start + e)
                            .unwrap_or(b.len());
                        value = self.attrs.get(v_start..v_end).unwrap_or("");
                        i = v_end + 1;
                    } else {
                        let v_start = i;
                        while i < b.len() && !b[i].is_ascii_whitespace() {
                            i += 1;
                        }
                        value = self.attrs.get(v_start..i).unwrap_or("");
                    }
                }
                if !attr_name.is_empty() && attr_name.eq_ignore_ascii_case(name) {
                    return Some(value);
                }
                if i == name_start {
                    i += 1;
                }
            }
            None
        }

        /// True when the `class` attribute lists `class`.
        pub(crate) fn has_class(&self, class: &str) -> bool {
            self.attr("class")
                .is_some_and(|c| c.split_ascii_whitespace().any(|c| c == class))
        }
    }

    /// Tokens with their byte spans: `(start, end, token)`.
    pub(crate) struct Tokens<'a> {
        s: &'a str,
        pos: usize,
    }

    impl<'a> Tokens<'a> {
        pub(crate) fn new(s: &'a str) -> Self {
            Tokens { s, pos: 0 }
        }

        pub(crate) fn starting_at(s: &'a str, pos: usize) -> Self {
            Tokens {
                s,
                pos: pos.min(s.len()),
            }
        }
    }

    fn starts_markup(b: &[u8], i: usize) -> bool {
        match b.get(i + 1) {
            Some(c) if c.is_ascii_alphabetic() || *c == b'!' || *c == b'?' => true,
            Some(b'/') => b.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic()),
            _ => false,
        }
    }

    impl<'a> Iterator for Tokens<'a> {
        type Item = (usize, usize, Token<'a>);

        fn next(&mut self) -> Option<Self::Item> {
            let s = self.s;
            let b = s.as_bytes();
            let start = self.pos;
            if start >= b.len() {
                return None;
            }
            // Text up to the next '<' that opens markup.
            let mut search = start;
            let mut markup_at = b.len();
            while let Some(off) = memchr::memchr(b'<', &b[search..]) {
                let i = search + off;
                if starts_markup(b, i) {
                    markup_at = i;
                    break;
                }
                search = i + 1;
            }
            if markup_at > start {
                self.pos = markup_at;
                return Some((start, markup_at, Token::Text(&s[start..markup_at])));
            }
            let i = start;
            let next = b.get(i + 1).copied().unwrap_or(0);
            if next == b'!' || next == b'?' {
                let end = if b[i..].starts_with(b"<!--") {
                    memmem::find(&b[i + 4..], b"-->")
                        .map(|e| i + 4 + e + 3)
                        .unwrap_or(b.len())
                } else {
                    memchr::memchr(b'>', &b[i..])
                        .map(|e| i + e + 1)
                        .unwrap_or(b.len())
                };
                self.pos = end;
                return Some((i, end, Token::Other));
            }
            let end_tag = next == b'/';
            let name_start = if end_tag { i + 2 } else { i + 1 };
            let mut j = name_start;
            while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
                j += 1;
            }
            let name = s.get(name_start..j).unwrap_or("");
            let attrs_start = j;
            // Attributes: a quote opens a value only right after '='.
            let mut after_eq = false;
            let mut close = None;
            while j < b.len() {
                match b[j] {
                    b'>' => {
                        close = Some(j);
                        break;
                    }
                    b'=' => {
                        after_eq = true;
                        j += 1;
                    }
                    c if c.is_ascii_whitespace() => j += 1,
                    q @ (b'"' | b'\'') if after_eq => {
                        match memchr::memchr(q, &b[j + 1..]) {
                            Some(e) => j = j + 1 + e + 1,
                            None => j = b.len(),
                        }
                        after_eq = false;
                    }
                    _ => {
                        after_eq = false;
                        j += 1;
                    }
                }
            }
            let Some(gt) = close else {
                // An unterminated tag swallows the rest, as browsers do.
                self.pos = b.len();
                return Some((i, b.len(), Token::Other));
            };
            self.pos = gt + 1;
            let attrs = s.get(attrs_start..gt).unwrap_or("");
            Some((
                i,
                gt + 1,
                Token::Tag(Tag {
                    name,
                    end: end_tag,
                    attrs,
                }),
            ))
        }
    }

    fn is_par_anchor(tag: &Tag<'_>) -> bool {
        tag.is("a")
            && !tag.end
            && (tag.attr("id").is_some_and(|v| v.starts_with("par"))
                || tag.attr("href").is_some_and(|v| v.starts_with("#par")))
    }

    /// Plain text of an HTML fragment: tags dropped (their text kept), `<br>` as a line end,
    /// entities decoded.
    pub(crate) fn text(html: &str) -> String {
        render(html, false)
    }

    /// Like [`text`], and paragraph anchors (`<a id='par1' href='#par1'>¶</a>`) are dropped
    /// together with their `¶`.
    pub(crate) fn text_without_anchors(html: &str) -> String {
        render(html, true)
    }

    fn render(html: &str, drop_anchors: bool) -> String {
        let mut out = String::with_capacity(html.len());
        // Text of a paragraph anchor being read, kept only if it is more than a `¶`.
        let mut anchor: Option<String> = None;
        for (_, _, token) in Tokens::new(html) {
            match token {
                Token::Text(t) => {
                    let buf = anchor.as_mut().unwrap_or(&mut out);
                    html_escape::decode_html_entities_to_string(t, buf);
                }
                Token::Tag(tag) => {
                    if drop_anchors && is_par_anchor(&tag) {
                        if let Some(pending) = anchor.take() {
                            flush_anchor(&mut out, pending);
                        }
                        anchor = Some(String::new());
                    } else if tag.is("a") && tag.end {
                        if let Some(pending) = anchor.take() {
                            flush_anchor(&mut out, pending);
                        }
                    } else if tag.is("br") {
                        anchor.as_mut().unwrap_or(&mut out).push('\n');
                    }
                }
                Token::Other => {}
            }
        }
        if let Some(pending) = anchor.take() {
            flush_anchor(&mut out, pending);
        }
        out
    }

    fn flush_anchor(out: &mut String, text: String) {
        let t = text.trim();
        if !(t.is_empty() || t == "¶" || t == "&para;") {
            out.push_str(&text);
        }
    }

    /// Byte range of the inner HTML of the first element that `want` accepts, found by scanning
    /// from `from`. Nested elements of the same name are counted; an unclosed element runs to
    /// the end.
    pub(crate) fn find_element(
        s: &str,
        from: usize,
        mut want: impl FnMut(&Tag<'_>) -> bool,
    ) -> Option<(usize, usize)> {
        let mut tokens = Tokens::starting_at(s, from);
        let (inner_start, name) = loop {
            let (_, end, token) = tokens.next()?;
            if let Token::Tag(tag) = token
                && !tag.end
                && want(&tag)
            {
                break (end, tag.name);
            }
        };
        Some((inner_start, element_end(s, inner_start, name)))
    }

    /// Where the element named `name` whose content starts at `inner_start` ends (the start of
    /// its closing tag), counting nested elements of that name.
    pub(crate) fn element_end(s: &str, inner_start: usize, name: &str) -> usize {
        let mut depth = 0usize;
        for (start, _, token) in Tokens::starting_at(s, inner_start) {
            if let Token::Tag(tag) = token
                && tag.name.eq_ignore_ascii_case(name)
            {
                if tag.end {
                    if depth == 0 {
                        return start;
                    }
                    depth -= 1;
                } else if !tag.attrs.trim_end().ends_with('/') {
                    depth += 1;
                }
            }
        }
        s.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_split() {
        assert_eq!(
            split_title("08TRIPOLI220,"),
            (Some("08TRIPOLI220".into()), None)
        );
        assert_eq!(
            split_title("09KABUL3423, AFGHANS WITH CODEL BURR ON ELECTIONS, SECURITY,"),
            (
                Some("09KABUL3423".into()),
                Some("AFGHANS WITH CODEL BURR ON ELECTIONS, SECURITY,".into())
            )
        );
        assert_eq!(
            split_title("07BERN881, FM CALMY-REY \"TAKES NOTE\" OF USG CONCERNS \\"),
            (
                Some("07BERN881".into()),
                Some("FM CALMY-REY \"TAKES NOTE\" OF USG CONCERNS".into())
            )
        );
    }

    #[test]
    fn anchors_removed() {
        let html = "A&#x000A;<a id='par1' href='#par1'>¶</a>1. (C) X &amp; <a href='/tag/PREL_0.html'>PREL</a>&#x000A;     <a id='parB' href='#parB'>¶</a>B. REF";
        assert_eq!(block_text(html), "A\n1. (C) X & PREL\n     B. REF");
    }

    #[test]
    fn created_shapes() {
        assert_eq!(
            normalize_created("2010-02-12 12:12").as_deref(),
            Some("2010-02-12 12:12")
        );
        assert_eq!(
            normalize_created("2007-09-11 09:44:00").as_deref(),
            Some("2007-09-11 09:44")
        );
        assert_eq!(normalize_created("2007-09-11"), None);
        assert_eq!(normalize_created("2007-09-11 09:44 x"), None);
    }

    #[test]
    fn rows_unescape() {
        let text = "2007-09-11 09:44:00\t07BERN881\tEmbassy Bern\tSECRET\t07STATE1\tH1\\\nH2\tB1\\\nB2 \\\n\n12\t2007-09-11 12:50:00\t07X2\tE\tUNCLASSIFIED\t\tH\tB\\";
        let rows = database_rows(text).expect("rows");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].header, "H1\nH2");
        assert_eq!(rows[0].body, "B1\nB2");
        assert_eq!(rows[0].references, vec!["07STATE1".to_string()]);
        assert_eq!(rows[1].record, Some(12));
        assert_eq!(rows[1].body, "B");
        assert!(rows[1].references.is_empty());
    }

    #[test]
    fn tokenizer_odd_quotes() {
        let html = "<a class=\"i\" title=\"Handling Restrictions\", \">Handling</a><span style=''color: #000'';>|</span>";
        assert_eq!(markup::text(html), "Handling|");
    }
}
