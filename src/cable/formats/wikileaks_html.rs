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

use super::database_rows::{collapsed_row, database_rows};
use super::markup;
use super::{Extracted, LoadError, RawCable};
use super::{collapse_spaces, normalize_created, tidy};
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
        released: released_date(page.released.as_deref()),
        warnings: warning.iter().cloned().collect(),
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
                released: base.released.clone(),
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
    if blocks.extra > 0 {
        base.warnings.push(note(format!(
            "the page has {} more text block(s) than header and body; they were appended to the body",
            blocks.extra
        )));
    }
    let starts = super::concatenated::cable_starts(blocks.body.as_bytes());
    if starts.len() < 2 {
        base.body = blocks.body;
        if cut_off(&mut base.body) {
            base.warnings.push(note(CUT_OFF));
            base.partial = true;
        }
        out.cables.push(base);
        return out;
    }
    // The site showed the page's cable cut off, then the whole text of other cables.
    let count = starts.len();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(blocks.body.len());
        let part = &blocks.body[start..end];
        let position = Some(k as u64 + 1);
        if k == 0 {
            base.record = position;
            base.body = tidy(part);
            if cut_off(&mut base.body) {
                base.warnings.push(note(CUT_OFF));
                base.partial = true;
            }
            out.cables.push(base.clone());
            continue;
        }
        let mut cable = RawCable {
            format: base.format,
            record: position,
            released: base.released.clone(),
            warnings: warning.iter().cloned().collect(),
            ..Default::default()
        };
        cable.warnings.push(note(format!(
            "the page's text block holds {count} cables: this is number {}, after the page's own",
            k + 1
        )));
        let (first, rest) = part.split_once('\n').unwrap_or((part, ""));
        match collapsed_row(first) {
            Some(row) => {
                cable.record = row.record.or(position);
                cable.id = Some(row.id.to_string());
                cable.created = normalize_created(&row.created);
                cable.origin = Some(row.origin.to_string());
                cable.classification = Some(row.classification.to_string());
                cable.body = tidy(&format!("{}\n{rest}", row.rest));
            }
            // A database row's references column over the cable's banner.
            None if super::concatenated::only_ids(first.trim().as_bytes()) => {
                cable.references = first
                    .split(['|', ',', ' '])
                    .filter(|r| !r.trim().is_empty())
                    .map(|r| r.trim().to_string())
                    .collect();
                cable.body = tidy(rest);
            }
            None => cable.body = tidy(part),
        }
        out.cables.push(cable);
    }
    out
}

const CUT_OFF: &str = "the page shows only the start of the cable: its text is cut off (`...`)";

/// Whether the site cut the text off: its last line stops in `...` right after a word, or is
/// only the dots (the site's, not the cable's: removed, so that no field runs into them). A
/// cut line below the signature is a leftover of the site's, not the cable's end.
fn cut_off(body: &mut String) -> bool {
    let last = body.trim_end();
    let line_start = last.rfind('\n').map_or(0, |i| i + 1);
    let above = last[..line_start].trim_end();
    let above = &above[above.rfind('\n').map_or(0, |i| i + 1)..];
    if super::concatenated::closes_cable(above.trim().as_bytes()) {
        return false;
    }
    if last[line_start..].trim() == "..." {
        let keep = body[..line_start].trim_end().len();
        body.truncate(keep);
        return true;
    }
    last.ends_with("...")
        && last[..last.len() - 3]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
}

/// The page's Released date, ISO, read from its table alone.
pub(super) fn released(bytes: &[u8]) -> Option<String> {
    let (text, _) = decode_text(bytes);
    let (start, end) = find_cable_table(&text)?;
    let mut page = Page::default();
    read_table(&text[start..end], &mut page);
    released_date(page.released.as_deref())
}

/// `2010-12-08 21:09` → `2010-12-08`: the time on the site's pages is garbled as the Created
/// time is.
fn released_date(cell: Option<&str>) -> Option<String> {
    normalize_created(cell?).and_then(|r| r.get(..10).map(str::to_string))
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
    released: Option<String>,
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
        read_table(&s[start..end], &mut page);
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

/// The values of the page's `<table class='cable'>` (link texts), by their heads.
fn read_table(table: &str, page: &mut Page) {
    let (heads, cells) = table_cells(table);
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
            "released" => &mut page.released,
            "classification" => &mut page.classification,
            "origin" => &mut page.origin,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(value);
        }
    }
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
