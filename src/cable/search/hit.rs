//! Hits: where in a cable a match is (subject, header, a numbered paragraph, unnumbered text,
//! closing) and the text around it.

use crate::cable::build::TextSize;
use crate::cable::header::{LineRole, line_roles};
use crate::cable::marking::Marking;
use crate::cable::model::{Cable, Paragraph};

use super::matcher::Matcher;

/// The part of a cable a hit is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    Subject,
    /// The routing header and the header fields before the first paragraph.
    Header,
    /// Text before the first numbered paragraph that is not a header field; all the text of
    /// a cable without paragraph numbers.
    Text,
    Paragraph(u32),
    /// After the last paragraph (the signature).
    Closing,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Subject => f.write_str("subject"),
            Place::Header => f.write_str("header"),
            Place::Text => f.write_str("text"),
            Place::Paragraph(n) => write!(f, "¶{n}"),
            Place::Closing => f.write_str("closing"),
        }
    }
}

/// A line of a hit's text around its matches (see [`super::Query::with_context`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ContextLine {
    /// The line's number within the place's text, from 0.
    pub line: usize,
    pub text: String,
    /// A match starts or ends on it (else it is context).
    pub matched: bool,
}

/// One place of a cable that matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub id: String,
    pub place: Place,
    /// The paragraph's number; 0 when the place is not a paragraph.
    pub paragraph: u32,
    /// Canonical marking of the paragraph, or `None` (unmarked, or not a paragraph).
    pub marking: Option<String>,
    /// The marking is inherited from an `ENTIRE TEXT` marking.
    pub inherited: bool,
    /// The text around the first match, on one line.
    pub snippet: String,
    pub source: String,
    pub record: Option<u64>,
    /// The lines around every match, when context was asked for.
    pub context: Vec<ContextLine>,
    /// The size of the cable's text (this version's), to tell the fullest of several.
    pub size: TextSize,
    /// The cable's other versions that matched too, as `(source, record)` (see
    /// [`super::one_per_id`]); their hits are not given.
    pub versions: Vec<(String, Option<u64>)>,
}

impl serde::Serialize for Hit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("place", &self.place.to_string())?;
        let paragraph = matches!(self.place, Place::Paragraph(_)).then_some(self.paragraph);
        m.serialize_entry("paragraph", &paragraph)?;
        m.serialize_entry("marking", &self.marking)?;
        m.serialize_entry("inherited", &self.inherited)?;
        m.serialize_entry("snippet", &self.snippet)?;
        if !self.context.is_empty() {
            m.serialize_entry("context", &self.context)?;
        }
        m.serialize_entry("source", &self.source)?;
        m.serialize_entry("record", &self.record)?;
        if !self.versions.is_empty() {
            let versions: Vec<serde_json::Value> = self
                .versions
                .iter()
                .map(|(source, record)| serde_json::json!({ "source": source, "record": record }))
                .collect();
            m.serialize_entry("other_versions", &versions)?;
        }
        m.end()
    }
}

/// What to look at in a cable.
pub(super) struct Scope<'a> {
    pub matcher: &'a Matcher,
    /// Only paragraphs with one of these markings (`None`: unmarked); empty for every place.
    pub markings: &'a [Option<Marking>],
    /// Lines of context around each match (0: none kept).
    pub context: usize,
}

impl Scope<'_> {
    fn wants(&self, p: &Paragraph) -> bool {
        self.markings.is_empty()
            || self
                .markings
                .iter()
                .any(|m| p.marking.as_ref() == m.as_ref())
    }

    /// Every place of `cable` that matches, in the order of the cable: subject, header, text,
    /// paragraphs, closing. With a marking filter only paragraphs are looked at.
    pub(super) fn hits_in(&self, cable: &Cable) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut add = |place: Place, p: Option<&Paragraph>, text: &str| {
            if let Some(hit) = self.hit(cable, place, p, text) {
                hits.push(hit);
            }
        };
        if self.markings.is_empty() {
            add(Place::Subject, None, &cable.subject);
            // The header: routing lines, then the header fields (less the subject's lines).
            let pre: Vec<&str> = cable.preamble.lines().collect();
            let roles = line_roles(&pre);
            let mut header: Vec<&str> = cable.header.lines().collect();
            let mut text: Vec<&str> = Vec::new();
            for (line, role) in pre.iter().zip(&roles) {
                match role {
                    LineRole::Header => header.push(line),
                    LineRole::Subject => {}
                    LineRole::Text => text.push(line),
                }
            }
            for line in header.iter().filter(|l| !l.trim().is_empty()) {
                add(Place::Header, None, line);
            }
            // Unnumbered text, block by block (a blank line ends one).
            for block in text
                .split(|l| l.trim().is_empty())
                .filter(|b| !b.is_empty())
            {
                add(Place::Text, None, &block.join("\n"));
            }
        }
        for p in cable.paragraphs.iter().filter(|p| self.wants(p)) {
            // A section heading is text that stands under no number.
            if self.markings.is_empty()
                && let Some(h) = &p.heading
            {
                add(Place::Text, None, h);
            }
            // A paragraph without a number is unnumbered text, its marking kept.
            let place = p.number.map_or(Place::Text, Place::Paragraph);
            add(place, Some(p), &p.text);
        }
        if self.markings.is_empty() {
            add(Place::Closing, None, &cable.closing);
        }
        hits
    }

    fn hit(&self, cable: &Cable, place: Place, p: Option<&Paragraph>, text: &str) -> Option<Hit> {
        let m = self.matcher.find(text)?;
        Some(Hit {
            id: cable.id.clone(),
            place,
            paragraph: p.and_then(|p| p.number).unwrap_or(0),
            marking: p.and_then(|p| p.marking.as_ref().map(ToString::to_string)),
            inherited: p.is_some_and(|p| p.inherited),
            snippet: snippet(text, m.start, m.end),
            source: cable.source.clone(),
            record: cable.record,
            context: if self.context > 0 {
                context_lines(self.matcher, text, self.context)
            } else {
                Vec::new()
            },
            size: TextSize::default(),
            versions: Vec::new(),
        })
    }
}

/// The lines of `text` holding a match, with `n` lines before and after each.
fn context_lines(matcher: &Matcher, text: &str, n: usize) -> Vec<ContextLine> {
    let lines: Vec<&str> = text.lines().collect();
    // Byte offset where each line starts.
    let mut starts = Vec::with_capacity(lines.len());
    let mut at = 0;
    for l in &lines {
        starts.push(at);
        at += l.len() + 1;
    }
    let line_of = |byte: usize| starts.partition_point(|&s| s <= byte).saturating_sub(1);
    let mut matched = vec![false; lines.len()];
    for m in matcher.find_iter(text) {
        for l in line_of(m.start)..=line_of(m.end.saturating_sub(1).max(m.start)) {
            if let Some(x) = matched.get_mut(l) {
                *x = true;
            }
        }
    }
    let mut keep = vec![false; lines.len()];
    for (i, _) in matched.iter().enumerate().filter(|(_, m)| **m) {
        for k in keep
            .iter_mut()
            .take((i + n + 1).min(lines.len()))
            .skip(i.saturating_sub(n))
        {
            *k = true;
        }
    }
    lines
        .iter()
        .enumerate()
        .filter(|(i, _)| keep[*i])
        .map(|(i, l)| ContextLine {
            line: i,
            text: l.to_string(),
            matched: matched[i],
        })
        .collect()
}

/// The text around a match, whitespace runs as one space, cut with `…` at about 60 characters
/// on each side.
pub fn snippet(text: &str, start: usize, end: usize) -> String {
    const CONTEXT: usize = 60;
    // Only the context is walked, backwards: a paragraph may be long.
    let from = match text[..start].char_indices().rev().nth(CONTEXT) {
        Some(_) => {
            let cut = text[..start]
                .char_indices()
                .rev()
                .nth(CONTEXT - 1)
                .map_or(0, |(i, _)| i);
            // Start at a word boundary within the context.
            text[cut..start].find(' ').map_or(cut, |i| cut + i + 1)
        }
        None => 0,
    };
    let after_end = text[end..]
        .char_indices()
        .nth(CONTEXT)
        .map_or(text.len(), |(i, _)| {
            let cut = end + i;
            text[end..cut].rfind(' ').map_or(cut, |j| end + j)
        });
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.push_str(
        &text[from..after_end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    );
    if after_end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets() {
        assert_eq!(snippet("a  b\nc", 0, 1), "a b c");
        let long = format!("{} KEY {}", "word ".repeat(40), "tail ".repeat(40));
        let at = long.find("KEY").unwrap();
        let s = snippet(&long, at, at + 3);
        assert!(
            s.starts_with('…') && s.ends_with('…') && s.contains("KEY"),
            "{s}"
        );
    }

    #[test]
    fn context_around_matches() {
        let m = Matcher::new("x").unwrap();
        let text = "a\nb\nx\nc\nd\ne\nf\nx";
        let lines: Vec<(usize, bool)> = context_lines(&m, text, 1)
            .iter()
            .map(|l| (l.line, l.matched))
            .collect();
        assert_eq!(
            lines,
            [(1, false), (2, true), (3, false), (6, false), (7, true)]
        );
    }

    #[test]
    fn places_read_as_grep_would() {
        assert_eq!(Place::Paragraph(6).to_string(), "¶6");
        assert_eq!(Place::Subject.to_string(), "subject");
    }
}
