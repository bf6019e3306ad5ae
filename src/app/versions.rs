//! The versions of the open cable as the reader shows them: which one is open ("version 2 of
//! 3") and the `:versions` list. Which versions an id has, and which is the fullest, is
//! [`crate::cable::versions`]'s to say.

use super::cursor::Cursor;
use crate::cable::Corpus;
use crate::cable::versions::Versions;
use crate::text::{char_width, str_width};

/// The `:versions` list: the open cable's versions, fullest first.
#[derive(Debug, Clone, Default)]
pub struct VersionList {
    /// Cable indexes, fullest first.
    pub rows: Vec<usize>,
    /// The cable open when the list was made.
    pub open: Option<usize>,
    pub cursor: Cursor,
}

impl VersionList {
    /// Fills the list with the versions of cable `open`, the selection on it.
    pub fn show(&mut self, versions: &Versions, open: usize) {
        self.rows = versions
            .versions_of(open)
            .iter()
            .map(|&i| i as usize)
            .collect();
        self.open = Some(open);
        self.cursor = Cursor::default();
        let at = self.rows.iter().position(|&i| i == open).unwrap_or(0);
        self.cursor.select(at, self.rows.len());
    }
}

/// Where cable `i` is among its id's versions: (its number from 1, fullest first; how many).
pub fn position(versions: &Versions, i: usize) -> Option<(usize, usize)> {
    let all = versions.versions_of(i);
    let n = all.iter().position(|&v| v as usize == i)?;
    Some((n + 1, all.len()))
}

/// `version 2 of 3`, for a cable with more than one version.
pub fn label(versions: &Versions, i: usize) -> Option<String> {
    match position(versions, i)? {
        (_, 1) => None,
        (n, of) => Some(format!("version {n} of {of}")),
    }
}

/// A row of the list in `width` columns: `2. cables-csv  record 10  released -  csv/x.csv`;
/// a long path loses its start, as the file's name says most.
pub fn row_text(corpus: &Corpus, n: usize, i: usize, width: usize) -> String {
    let Some(c) = corpus.get(i) else {
        return format!("{n}.");
    };
    let record = c
        .location
        .record()
        .map_or_else(|| "-".to_string(), |r| r.to_string());
    // The loader does not keep a page's Released field yet.
    let head = format!(
        "{n}. {:<14}  record {record:<5}  released -  ",
        c.format.map_or("unknown format", |f| f.name()),
    );
    let room = width.saturating_sub(str_width(&head));
    format!("{head}{}", cut_start(corpus.source(i), room))
}

/// The last `width` columns of `s`, starting with `…` when something was cut.
fn cut_start(s: &str, width: usize) -> String {
    if str_width(s) <= width {
        return s.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut w = 1;
    for c in s.chars().rev() {
        w += char_width(c);
        if w > width {
            break;
        }
        kept.push(c);
    }
    if width == 0 {
        return String::new();
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::{Cable, Paragraph, in_memory::corpus_of_cables};

    fn cable(id: &str, source: &str, text: &str) -> Cable {
        Cable {
            id: id.into(),
            source: source.into(),
            paragraphs: vec![Paragraph {
                number: Some(1),
                heading: None,
                marking_raw: None,
                marking: None,
                inherited: false,
                text: text.into(),
            }],
            ..Cable::default()
        }
    }

    #[test]
    fn the_fullest_is_version_1_and_a_lone_cable_has_no_label() {
        let corpus = corpus_of_cables(&[
            cable("09A1", "a.txt", "met XXXXXXXXXXXX"),
            cable("09B2", "b.txt", "alone"),
            cable("09A1", "c.txt", "met Ahmed Khan"),
        ]);
        let versions = Versions::build(&corpus);
        assert_eq!(position(&versions, 2), Some((1, 2)));
        assert_eq!(label(&versions, 0).as_deref(), Some("version 2 of 2"));
        assert_eq!(label(&versions, 1), None);
        assert_eq!(position(&versions, 9), None);
        let mut list = VersionList::default();
        list.show(&versions, 0);
        assert_eq!(list.rows, [2, 0]);
        assert_eq!(list.cursor.selected, 1);
        assert_eq!(
            row_text(&corpus, 1, 2, 80),
            "1. unknown format  record -      released -  c.txt"
        );
        assert_eq!(cut_start("tests/corpus/csv/x.csv", 10), "…csv/x.csv");
        assert_eq!(cut_start("abc", 0), "");
    }
}
