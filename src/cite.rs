//! The citation form of a paragraph, `09USNATO595 ¶12 (SBU): text`, shared by the reader's copy
//! key and `cable-reader show --para`, so both give the same text.

use crate::cable::{Cable, Paragraph};
use crate::text::reflow::{hyphen_join, logical_lines};
use crate::text::{digits, str_width};

/// `09USNATO595 ¶12 (SBU): text` for paragraph index `index`: the marking as in the paragraph
/// view (`[C]` when inherited from an ENTIRE TEXT marking, the raw text when not understood,
/// nothing when unmarked), then the text with the teletype's line breaks joined and the breaks
/// that were meant (lists, blank lines) kept.
pub fn citation(cable: &Cable, index: usize) -> Option<String> {
    let p = cable.paragraphs.get(index)?;
    let id = if cable.id.is_empty() {
        "(no id)"
    } else {
        cable.id.as_str()
    };
    let marking = marking_label(cable, index)
        .map(|m| format!(" {m}"))
        .unwrap_or_default();
    Some(format!(
        "{id} ¶{}{marking}: {}",
        p.number.unwrap_or(0),
        readable_text(cable, index)
    ))
}

/// The marking as cited: `(SBU)`, `[C]` when inherited, `(raw)` when not understood.
pub fn marking_label(cable: &Cable, index: usize) -> Option<String> {
    let p = cable.paragraphs.get(index)?;
    match (&p.marking, &p.marking_raw) {
        (Some(m), _) if p.inherited => Some(format!("[{m}]")),
        (Some(m), _) => Some(format!("({m})")),
        (None, Some(raw)) if !raw.trim().is_empty() => Some(format!("({})", raw.trim())),
        _ => None,
    }
}

/// The width the cable's text was wrapped at, judged from its lines.
pub fn source_width(cable: &Cable) -> usize {
    let mut lens: Vec<usize> = Vec::new();
    for p in &cable.paragraphs {
        let prefix = first_line_prefix(p);
        for (n, l) in p.text.split('\n').enumerate() {
            let w = str_width(l.trim_end()) + if n == 0 { prefix } else { 0 };
            if w > 0 {
                lens.push(w);
            }
        }
    }
    if lens.is_empty() {
        return 60;
    }
    lens.sort_unstable();
    lens[lens.len() * 9 / 10].max(40)
}

/// Columns the source spent on the number and marking before the first line's text.
pub fn first_line_prefix(p: &Paragraph) -> usize {
    digits(p.number.unwrap_or(0))
        + 2
        + p.marking_raw
            .as_ref()
            .map(|m| str_width(m) + 3)
            .unwrap_or(0)
}

/// A paragraph's text in one piece, as the view reads it: the lines broken only to fit the
/// teletype are joined (with a space, or nothing inside a hyphenated word), the breaks that were
/// meant (lists, tables, blank lines) are kept.
pub fn readable_text(cable: &Cable, index: usize) -> String {
    let Some(p) = cable.paragraphs.get(index) else {
        return String::new();
    };
    let text = &p.text;
    let mut out = String::with_capacity(text.len());
    for (n, r) in logical_lines(text, first_line_prefix(p), source_width(cable))
        .into_iter()
        .enumerate()
    {
        if n > 0 {
            out.push('\n');
        }
        let line = &text[r.clone()];
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c != '\n' {
                out.push(c);
                continue;
            }
            if !hyphen_join(text, r.start + i) {
                while out.ends_with([' ', '\t']) {
                    out.pop();
                }
                out.push(' ');
            }
            while chars.peek().is_some_and(|(_, c)| *c == ' ' || *c == '\t') {
                chars.next();
            }
        }
        while out.ends_with([' ', '\t']) {
            out.pop();
        }
    }
    out.trim_end().to_string()
}

/// The marking as a badge: `(SBU)`; `[C]` when inherited from an ENTIRE TEXT marking;
/// the raw text with `?` when not understood.
pub fn badge_text(p: &Paragraph) -> Option<String> {
    match (&p.marking, &p.marking_raw) {
        (Some(m), _) if p.inherited => Some(format!("[{m}]")),
        (Some(m), _) => Some(format!("({m})")),
        (None, Some(raw)) if !raw.trim().is_empty() => Some(format!("({raw}?)")),
        _ => None,
    }
}
