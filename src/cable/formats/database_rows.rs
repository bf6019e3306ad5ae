//! Raw tab-separated database rows, as one WikiLeaks page holds them in place of a cable's text.

use std::sync::LazyLock;

use regex::Regex;

use super::{normalize_created, tidy};

/// One cable from a raw database row.
#[derive(Debug, Default)]
pub(super) struct Row {
    pub(super) record: Option<u64>,
    pub(super) id: Option<String>,
    pub(super) created: Option<String>,
    pub(super) origin: Option<String>,
    pub(super) classification: Option<String>,
    pub(super) references: Vec<String>,
    pub(super) header: String,
    pub(super) body: String,
    pub(super) cut_off: bool,
    pub(super) tags_rewritten: bool,
}

/// A body block that holds raw database rows instead of a cable: each row is
/// `[record TAB] YYYY-MM-DD HH:MM:SS TAB id TAB origin TAB classification TAB references TAB
/// header TAB body`, with line ends and tabs inside fields escaped by a backslash and rows ended
/// by an unescaped line end.
pub(super) fn database_rows(text: &str) -> Option<Vec<Row>> {
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

pub(super) fn starts_like_row(text: &str) -> bool {
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
pub(super) struct RawRow {
    pub(super) fields: Vec<String>,
    /// An unescaped line end followed a `TAGS:` line inside a field: the site rewrote that line
    /// (with the page's own tags) when it turned TAGS into links.
    pub(super) tags_rewritten: bool,
}

/// Splits the rows. A row ends at an unescaped line end that is followed by the start of
/// another row (or the end); other unescaped line ends are kept as line ends inside the field,
/// since the site's TAGS rewriting left some behind.
pub(super) fn split_rows(text: &str) -> Vec<RawRow> {
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

/// A database row's leading columns with their tabs and line ends collapsed to spaces, as a
/// page's text block may hold them: `[record] YYYY-MM-DD [HH:MM[:SS]] id origin classification`,
/// then the cable's text.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct CollapsedRow<'a> {
    pub(super) record: Option<u64>,
    /// `YYYY-MM-DD`, with ` HH:MM` when the row gives the time.
    pub(super) created: String,
    pub(super) id: &'a str,
    pub(super) origin: &'a str,
    pub(super) classification: &'a str,
    /// The cable's text after the columns.
    pub(super) rest: &'a str,
}

pub(super) fn collapsed_row(line: &str) -> Option<CollapsedRow<'_>> {
    static ROW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*(?:(\d{1,7})\s+)?(\d{4}-\d{2}-\d{2})(?:\s+(\d{2}:\d{2})(?::\d{2})?)?\s+(\d{2}[A-Z][A-Z0-9]*[0-9])\s+(\S.*?)\s+(UNCLASSIFIED//FOR OFFICIAL USE ONLY|UNCLASSIFIED|CONFIDENTIAL//NOFORN|CONFIDENTIAL|SECRET//NOFORN|SECRET)\s+(\S.*)$",
        )
        .expect("valid regex")
    });
    // Rows start with a digit: most lines are rejected before the regex runs.
    if !line.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let caps = ROW.captures(line)?;
    let text = |i: usize| caps.get(i).map_or("", |m| m.as_str());
    let created = match caps.get(3) {
        Some(time) => format!("{} {}", text(2), time.as_str()),
        None => text(2).to_string(),
    };
    Some(CollapsedRow {
        record: caps.get(1).and_then(|r| r.as_str().parse().ok()),
        created,
        id: text(4),
        origin: text(5),
        classification: text(6),
        rest: text(7),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collapsed_row() {
        let row = collapsed_row(
            "50133  2006-01-19  06THEHAGUE131  Embassy The Hague  CONFIDENTIAL    C O N F I D E N T I A L THE HAGUE 000131   SIPDIS",
        )
        .expect("a row");
        assert_eq!(row.record, Some(50133));
        assert_eq!(row.created, "2006-01-19");
        assert_eq!(row.id, "06THEHAGUE131");
        assert_eq!(row.origin, "Embassy The Hague");
        assert_eq!(row.classification, "CONFIDENTIAL");
        assert_eq!(
            row.rest,
            "C O N F I D E N T I A L THE HAGUE 000131   SIPDIS"
        );
        assert_eq!(collapsed_row("1. (C) In 2006-01-19 talks"), None);
    }
}
