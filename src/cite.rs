//! The citation form of a paragraph, `09USNATO595 ¶12 (SBU): text`, shared by the reader's copy
//! key and `cable-reader show --para`, so both give the same text.

use crate::cable::citation::marking_label;
use crate::cable::{Cable, Paragraph};
use crate::text::reflow::{hyphen_join, logical_lines};
use crate::text::{digits, str_width};

/// `09USNATO595 ¶12 (SBU): text` for paragraph index `index`: the default template, see
/// [`Template`].
pub fn citation(cable: &Cable, index: usize) -> Option<String> {
    Template::default().render(cable, index)
}

/// The template of the default settings: today's citation form.
pub const DEFAULT_TEMPLATE: &str = "{id} ¶{paragraph} {marking}: {text}";

/// The placeholders a template may use, as written between braces.
pub const FIELDS: &[&str] = &[
    "id",
    "paragraph",
    "marking",
    "subject",
    "date",
    "source",
    "url",
    "text",
];

/// A citation template: text with `{id}`, `{paragraph}` (or `{¶}`), `{marking}`, `{subject}`,
/// `{date}`, `{source}`, `{url}` and `{text}`; `{{` and `}}` are braces. A placeholder that comes
/// to nothing (an unmarked paragraph's marking, a cable without a date's URL) takes the one space
/// before it along, so `¶{paragraph} {marking}:` reads `¶3:` when unmarked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Field(usize),
}

impl Default for Template {
    fn default() -> Template {
        Template::parse(DEFAULT_TEMPLATE).unwrap_or(Template { parts: Vec::new() })
    }
}

impl Template {
    /// Reads a template; the error names the placeholder not understood.
    pub fn parse(s: &str) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
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
                    let mut closed = false;
                    for c in chars.by_ref() {
                        if c == '}' {
                            closed = true;
                            break;
                        }
                        name.push(c);
                    }
                    if !closed {
                        return Err(format!(
                            "\"{{{name}\" is not closed by }} (write {{{{ for a brace)"
                        ));
                    }
                    let key = if name == "¶" {
                        "paragraph"
                    } else {
                        name.trim()
                    };
                    let Some(at) = FIELDS.iter().position(|f| *f == key) else {
                        return Err(format!(
                            "unknown placeholder {{{name}}} (use {})",
                            FIELDS
                                .iter()
                                .map(|f| format!("{{{f}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                    };
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    parts.push(Part::Field(at));
                }
                '}' => return Err("a lone } (write }} for a brace)".into()),
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Ok(Template { parts })
    }

    /// The citation of paragraph `index` of `cable`; `None` when there is no such paragraph.
    pub fn render(&self, cable: &Cable, index: usize) -> Option<String> {
        let p = cable.paragraphs.get(index)?;
        let mut out = String::new();
        for part in &self.parts {
            let value = match part {
                Part::Text(t) => {
                    out.push_str(t);
                    continue;
                }
                Part::Field(f) => field(cable, index, p, FIELDS[*f]),
            };
            if value.is_empty() {
                if out.ends_with(' ') {
                    out.pop();
                }
            } else {
                out.push_str(&value);
            }
        }
        Some(out)
    }
}

/// The template as it would be written in the settings (`:set citation?` shows it).
impl std::fmt::Display for Template {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for part in &self.parts {
            match part {
                Part::Text(t) => f.write_str(&t.replace('{', "{{").replace('}', "}}"))?,
                Part::Field(i) => write!(f, "{{{}}}", FIELDS[*i])?,
            }
        }
        Ok(())
    }
}

fn field(cable: &Cable, index: usize, p: &Paragraph, name: &str) -> String {
    let number = p.number.unwrap_or(0);
    match name {
        "id" if cable.id.is_empty() => "(no id)".into(),
        "id" => cable.id.clone(),
        "paragraph" => number.to_string(),
        "marking" => marking_label(cable, index).unwrap_or_default(),
        "subject" => cable.subject.trim().to_string(),
        "date" => day(cable).unwrap_or_default().to_string(),
        "source" => cable.source.clone(),
        "url" => url(cable, p.number).unwrap_or_default(),
        "text" => readable_text(cable, index),
        _ => String::new(),
    }
}

/// `2009-12-21` from the cable's date-time.
fn day(cable: &Cable) -> Option<&str> {
    let d = cable.date.as_deref()?.get(..10)?;
    let b = d.as_bytes();
    let ok = b.iter().enumerate().all(|(i, c)| {
        if i == 4 || i == 7 {
            *c == b'-'
        } else {
            c.is_ascii_digit()
        }
    });
    ok.then_some(d)
}

/// The cable's page on WikiLeaks, at the paragraph:
/// `https://wikileaks.org/cable/2009/12/09USNATO595.html#par12`. The site files a cable under the
/// year and month of its date; no URL without an id and a date.
pub fn url(cable: &Cable, number: Option<u32>) -> Option<String> {
    let d = day(cable)?;
    let id = &cable.id;
    if id.is_empty() || !id.bytes().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let anchor = number.map(|n| format!("#par{n}")).unwrap_or_default();
    Some(format!(
        "https://wikileaks.org/cable/{}/{}/{id}.html{anchor}",
        &d[..4],
        &d[5..7]
    ))
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
