//! The `:diff` view's state: what differs between two versions of the open cable (computed by
//! [`crate::cable::diff`]), laid out into lines for one width, and how far it is scrolled.
//! Removed and added words carry `[-…-]` and `{+…+}` as `git diff --word-diff` writes them,
//! so they read without colour too.

use crate::cable::diff::{Change, Op};
use crate::sanitize::clean_line;
use crate::text::{char_width, str_width};

/// What a piece of a line is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Removed,
    Added,
    /// A section's place (`¶12:`) and the versions' names.
    Place,
    /// Said about the diff, not of the cable (`the versions are the same text`).
    Note,
}

pub type DiffLine = Vec<(Kind, String)>;

/// One version as the view names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// From 1, fullest first.
    pub number: usize,
    pub cable: usize,
    /// `tests/corpus/csv/x.csv (cables-csv, record 10)`.
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct DiffView {
    pub id: String,
    pub a: Side,
    pub b: Side,
    pub changes: Vec<Change>,
    /// The lines for `width` columns.
    pub lines: Vec<DiffLine>,
    pub width: usize,
    /// The first line shown.
    pub scroll: usize,
}

impl DiffView {
    pub fn new(id: String, a: Side, b: Side, changes: Vec<Change>) -> DiffView {
        DiffView {
            id,
            a,
            b,
            changes,
            lines: Vec::new(),
            width: 0,
            scroll: 0,
        }
    }

    /// Lays the diff out for `width` columns, when it is not laid out so already.
    pub fn fit(&mut self, width: usize) {
        let width = width.max(8);
        if width == self.width && !self.lines.is_empty() {
            return;
        }
        self.width = width;
        self.lines = layout(self, width);
    }

    /// The furthest scroll that still fills `height` rows.
    pub fn max_scroll(&self, height: usize) -> usize {
        self.lines.len().saturating_sub(height.max(1))
    }
}

/// The lines: the two versions named, then each change after a blank line, its place first.
fn layout(view: &DiffView, width: usize) -> Vec<DiffLine> {
    let mut lines = Vec::new();
    for (sign, side) in [("---", &view.a), ("+++", &view.b)] {
        let text = format!("{sign} version {}: {}", side.number, side.name);
        wrap(&mut lines, &[(Kind::Place, text)], width, 4);
    }
    if view.changes.is_empty() {
        lines.push(Vec::new());
        lines.push(vec![(Kind::Note, "the versions are the same text".into())]);
    }
    for change in &view.changes {
        let (place, runs): (&str, Vec<(Op, String)>) = match change {
            Change::Removed(s) => (&s.place, vec![(Op::Removed, s.text.clone())]),
            Change::Added(s) => (&s.place, vec![(Op::Added, s.text.clone())]),
            Change::Changed { place, runs } => (place, runs.clone()),
        };
        let mut pieces = vec![(Kind::Place, format!("{place}:")), (Kind::Text, " ".into())];
        for (op, text) in runs {
            // Text from a file never reaches the terminal as control sequences.
            let text = clean_line(&text).into_owned();
            pieces.push(match op {
                Op::Equal => (Kind::Text, text),
                Op::Removed => (Kind::Removed, format!("[-{text}-]")),
                Op::Added => (Kind::Added, format!("{{+{text}+}}")),
            });
        }
        lines.push(Vec::new());
        wrap(&mut lines, &pieces, width, 2);
    }
    lines
}

/// Fills lines of `width` columns with the words of `pieces` (a piece keeps its kind over a
/// line break), later lines indented by `indent`; a word longer than a line is cut.
fn wrap(out: &mut Vec<DiffLine>, pieces: &[(Kind, String)], width: usize, indent: usize) {
    let indent = indent.min(width / 2);
    let mut line: DiffLine = Vec::new();
    let mut used = 0;
    // Nothing on the line yet but its indent: a space there would be lost in the margin.
    let mut fresh = true;
    let push = |line: &mut DiffLine, kind: Kind, s: &str| match line.last_mut() {
        Some((k, t)) if *k == kind => t.push_str(s),
        _ => line.push((kind, s.to_string())),
    };
    // A line ends without the space that led to the break.
    let finish = |mut line: DiffLine| {
        if let Some((_, t)) = line.last_mut() {
            t.truncate(t.trim_end().len());
        }
        line.retain(|(_, t)| !t.is_empty());
        line
    };
    let mut new_line = |line: &mut DiffLine, used: &mut usize| {
        out.push(finish(std::mem::take(line)));
        line.push((Kind::Text, " ".repeat(indent)));
        *used = indent;
    };
    for (kind, text) in pieces {
        for (n, word) in text.split(' ').enumerate() {
            if n > 0 && !fresh && used < width {
                push(&mut line, *kind, " ");
                used += 1;
            }
            let w = str_width(word);
            if w == 0 {
                continue;
            }
            if used + w > width && !fresh {
                new_line(&mut line, &mut used);
            }
            for c in word.chars() {
                let cw = char_width(c);
                if used + cw > width {
                    new_line(&mut line, &mut used);
                }
                let mut buf = [0u8; 4];
                push(&mut line, *kind, c.encode_utf8(&mut buf));
                used += cw;
                fresh = false;
            }
        }
    }
    if line.iter().any(|(_, t)| !t.trim().is_empty()) {
        out.push(finish(line));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::diff::{Section, word_runs};

    fn text(lines: &[DiffLine]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|(_, s)| s.as_str()).collect())
            .collect()
    }

    fn side(n: usize) -> Side {
        Side {
            number: n,
            cable: n,
            name: format!("f{n}.txt"),
        }
    }

    #[test]
    fn words_wrap_with_their_marks_and_kinds() {
        let changes = vec![
            Change::Changed {
                place: "¶1".into(),
                runs: word_runs("met XXXXXXXXXXXX on Monday", "met Ahmed Khan on Monday"),
            },
            Change::Removed(Section {
                place: "closing".into(),
                text: "STEIGMAN".into(),
            }),
        ];
        let mut view = DiffView::new("09X1".into(), side(1), side(2), changes);
        view.fit(24);
        assert_eq!(
            text(&view.lines),
            [
                "--- version 1: f1.txt",
                "+++ version 2: f2.txt",
                "",
                "¶1: met [-XXXXXXXXXXXX-]",
                "  {+Ahmed Khan+} on",
                "  Monday",
                "",
                "closing: [-STEIGMAN-]",
            ]
        );
        assert_eq!(
            view.lines[3],
            [
                (Kind::Place, "¶1:".into()),
                (Kind::Text, " met ".into()),
                (Kind::Removed, "[-XXXXXXXXXXXX-]".into()),
            ]
        );
        assert_eq!(view.lines[4][1], (Kind::Added, "{+Ahmed Khan+}".into()));
        assert_eq!(view.max_scroll(5), 3);
        // A word longer than the line is cut, and nothing is lost.
        let mut out = Vec::new();
        wrap(&mut out, &[(Kind::Text, "abcdefghijkl".into())], 8, 2);
        assert_eq!(text(&out), ["abcdefgh", "  ijkl"]);
    }

    #[test]
    fn the_same_text_says_so() {
        let mut view = DiffView::new("09X1".into(), side(1), side(2), Vec::new());
        view.fit(80);
        assert_eq!(
            text(&view.lines)[2..],
            ["".to_string(), "the versions are the same text".into()]
        );
    }
}
