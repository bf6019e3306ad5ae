//! A cable laid out once per width into lines, then drawn a window at a time.
//!
//! [`Doc::build`] wraps every paragraph for one width and filter; the state keeps the result, so a
//! key press only draws the rows on screen. Lines refer to the cable's text by byte range rather than
//! copying it, which lets search highlights land exactly on wrapped text.

use ratatui::style::{Modifier, Style};

pub use super::piece::{Piece, Src};
use crate::cable::links::Link;
use crate::cable::{Cable, Warning, classification};
use crate::cite::{badge_text, first_line_prefix, source_width};
use crate::config::theme::Theme;
use crate::text::reflow::{logical_lines, wrap};
use crate::text::{digits, str_width, truncate};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLine {
    pub item: u32,
    pub pieces: Vec<Piece>,
}

/// What a run of lines shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Header,
    Raw,
    /// A paragraph by index, with the warnings that belong to it.
    Para(usize),
    /// Paragraphs `first..=last` (indices) that the filter hides.
    Hidden {
        first: usize,
        last: usize,
    },
    Closing,
    Gap,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    pub first_line: usize,
    pub len: usize,
}

/// A cable laid out for one width and filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    pub width: u16,
    pub lines: Vec<DocLine>,
    pub items: Vec<Item>,
    /// Paragraph index to the item showing it (`None` when the filter hides it).
    pub para_item: Vec<Option<usize>>,
}

/// What to lay out besides the cable and the width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocOptions {
    pub header_folded: bool,
    pub show_raw: bool,
}

const LABEL_WIDTH: usize = 12;

impl Doc {
    /// Lays `cable` out for `width` columns in `theme`'s colours. `shown(i)` tells whether
    /// paragraph `i` passes the filter.
    pub fn build(
        cable: &Cable,
        width: u16,
        opts: DocOptions,
        shown: &dyn Fn(usize) -> bool,
        theme: &Theme,
    ) -> Doc {
        Doc::build_with(cable, width, opts, shown, theme, &[])
    }

    /// As [`Doc::build`], with the `REF:` line's cables marked by where they are.
    pub fn build_with(
        cable: &Cable,
        width: u16,
        opts: DocOptions,
        shown: &dyn Fn(usize) -> bool,
        theme: &Theme,
        refs: &[Link],
    ) -> Doc {
        let mut b = Builder {
            doc: Doc {
                width,
                para_item: vec![None; cable.paragraphs.len()],
                ..Doc::default()
            },
            width: usize::from(width).max(1),
            theme,
            refs,
        };
        let placed = place_warnings(cable);

        b.header(cable, opts, &placed.header);
        b.gap();
        let no_paragraphs = cable.paragraphs.is_empty();
        if opts.show_raw || no_paragraphs {
            b.raw(cable, opts.show_raw, no_paragraphs);
            b.gap();
        }

        let gutter = cable
            .paragraphs
            .iter()
            .map(|p| digits(p.number.unwrap_or(0)))
            .max()
            .unwrap_or(1)
            + 2;
        let wrap_w = source_width(cable);
        let mut i = 0;
        while i < cable.paragraphs.len() {
            if shown(i) {
                b.paragraph(cable, i, gutter, wrap_w, &placed);
                b.gap();
                i += 1;
            } else {
                let first = i;
                while i < cable.paragraphs.len() && !shown(i) {
                    i += 1;
                }
                b.hidden(cable, first, i - 1, gutter);
                b.gap();
            }
        }
        if !cable.closing.trim().is_empty() {
            b.closing(cable);
        }
        // No trailing blank line: the last thing shown is text.
        if b.doc
            .items
            .last()
            .is_some_and(|it| it.kind == ItemKind::Gap)
        {
            let gap = b.doc.items.pop();
            if let Some(g) = gap {
                b.doc.lines.truncate(g.first_line);
            }
        }
        b.doc
    }

    pub fn total_lines(&self) -> usize {
        self.lines.len()
    }

    /// The item holding line `line` (the last item when past the end).
    pub fn item_at(&self, line: usize) -> Option<usize> {
        if self.items.is_empty() {
            return None;
        }
        let after = self.items.partition_point(|it| it.first_line <= line);
        Some(after.saturating_sub(1))
    }

    /// The topmost paragraph with a line in `top..top + height`: the "current" paragraph.
    pub fn current_paragraph(&self, top: usize, height: usize) -> Option<usize> {
        let start = self.item_at(top)?;
        let bottom = top.saturating_add(height.max(1));
        self.items[start..]
            .iter()
            .take_while(|it| it.first_line < bottom)
            .find_map(|it| match it.kind {
                ItemKind::Para(i) if it.first_line + it.len > top => Some(i),
                _ => None,
            })
    }

    /// The first line of the item showing paragraph index `i`, if shown.
    pub fn paragraph_line(&self, i: usize) -> Option<usize> {
        let item = (*self.para_item.get(i)?)?;
        Some(self.items[item].first_line)
    }

    /// The furthest the view may scroll: the end fills the screen, yet every paragraph can
    /// still be brought to the top.
    pub fn max_top(&self, height: usize) -> usize {
        let fill = self.total_lines().saturating_sub(height.max(1));
        let last_para = self
            .items
            .iter()
            .rev()
            .find(|it| matches!(it.kind, ItemKind::Para(_) | ItemKind::Hidden { .. }))
            .map(|it| it.first_line)
            .unwrap_or(0);
        fill.max(last_para)
    }

    /// The line at which `src` byte `at` is shown, if it is shown.
    pub fn line_of(&self, src: Src, at: usize) -> Option<usize> {
        let mut best = None;
        for (start, end, line) in self.stretches(src) {
            if start <= at {
                best = Some(line);
                if at < end {
                    return best;
                }
            }
        }
        best
    }

    /// The stretches of `src` the view shows: (start byte, end byte, line), in the order of
    /// the lines. Header and preamble show in the raw block, a hidden paragraph nowhere.
    pub fn stretches(&self, src: Src) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        let items: Box<dyn Iterator<Item = &Item>> = match src {
            Src::Para(i) => Box::new(
                self.para_item
                    .get(i as usize)
                    .copied()
                    .flatten()
                    .map(|it| &self.items[it])
                    .into_iter(),
            ),
            Src::Header | Src::Preamble => {
                Box::new(self.items.iter().filter(|it| it.kind == ItemKind::Raw))
            }
            Src::Closing => Box::new(self.items.iter().filter(|it| it.kind == ItemKind::Closing)),
        };
        items.flat_map(move |it| {
            (it.first_line..it.first_line + it.len).flat_map(move |line| {
                self.lines[line].pieces.iter().filter_map(move |p| match p {
                    Piece::Text {
                        src: s, start, end, ..
                    } if *s == src => Some((*start as usize, *end as usize, line)),
                    _ => None,
                })
            })
        })
    }
}

/// Warnings by where they are shown.
struct Placed {
    header: Vec<String>,
    /// (paragraph index, before?, text)
    at: Vec<(usize, bool, String)>,
}

fn place_warnings(cable: &Cable) -> Placed {
    let ps = &cable.paragraphs;
    let after_number = |n: u32| ps.iter().position(|p| p.number == Some(n));
    let step = |after: u32, found: u32| {
        (1..ps.len()).find(|&i| ps[i - 1].number == Some(after) && ps[i].number == Some(found))
    };
    let mut placed = Placed {
        header: Vec::new(),
        at: Vec::new(),
    };
    for w in &cable.warnings {
        let spot = match w {
            Warning::MissingText { paragraph } => after_number(*paragraph)
                .map(|i| (i, false, "⚠ text may be missing here".to_string())),
            Warning::UnknownMarking { paragraph, raw } => after_number(*paragraph)
                .map(|i| (i, false, format!("⚠ marking ({raw}) not understood"))),
            Warning::NumberSkipped { after, found } => step(*after, *found).map(|i| {
                (
                    i,
                    true,
                    format!("⚠ numbering skips from {after} to {found}"),
                )
            }),
            Warning::NumberRepeated { after, found } => step(*after, *found).map(|i| {
                (
                    i,
                    true,
                    format!("⚠ number {found} repeats or goes back (after {after})"),
                )
            }),
            _ => None,
        };
        match spot {
            Some(s) => placed.at.push(s),
            None => placed.header.push(format!("⚠ {w}")),
        }
    }
    placed
}

struct Builder<'t> {
    doc: Doc,
    width: usize,
    theme: &'t Theme,
    refs: &'t [Link],
}

impl Builder<'_> {
    fn push_item(&mut self, kind: ItemKind, lines: Vec<Vec<Piece>>) -> usize {
        let idx = self.doc.items.len();
        let first_line = self.doc.lines.len();
        let len = lines.len();
        for pieces in lines {
            self.doc.lines.push(DocLine {
                item: idx as u32,
                pieces,
            });
        }
        self.doc.items.push(Item {
            kind,
            first_line,
            len,
        });
        idx
    }

    fn gap(&mut self) {
        self.push_item(ItemKind::Gap, vec![Vec::new()]);
    }

    /// Wrapped literal text with a hanging indent of `indent` columns after `lead`.
    fn lit_wrapped(
        &self,
        lead: Vec<Piece>,
        lead_w: usize,
        text: &str,
        style: Style,
    ) -> Vec<Vec<Piece>> {
        let rest_w = self.width.saturating_sub(lead_w).max(1);
        let ranges = wrap(text, 0..text.len(), rest_w, rest_w);
        let mut lines = Vec::new();
        let mut lead = Some(lead);
        for r in ranges {
            let mut pieces = match lead.take() {
                Some(l) => l,
                None => vec![Piece::Pad(lead_w as u16)],
            };
            pieces.push(Piece::Lit(text[r].replace('\n', " "), style));
            lines.push(pieces);
        }
        lines
    }

    fn header(&mut self, cable: &Cable, opts: DocOptions, warnings: &[String]) {
        let level = classification::level(&cable.classification);
        let class_style = level
            .map(|l| self.theme.class_text(Some(l)).add_modifier(Modifier::BOLD))
            .unwrap_or_default();
        let id = if cable.id.is_empty() {
            "(no id)"
        } else {
            &cable.id
        };
        let date = cable.date.as_deref().map(show_date).unwrap_or_default();
        if opts.header_folded {
            let mut line = vec![
                Piece::Lit("▸ ".into(), self.theme.dim()),
                Piece::Lit(id.to_string(), Style::new().add_modifier(Modifier::BOLD)),
            ];
            let mut used = 2 + str_width(id);
            for (text, style) in [
                (date.as_str(), Style::new()),
                (cable.classification.as_str(), class_style),
                (cable.subject.as_str(), Style::new()),
            ] {
                if text.is_empty() {
                    continue;
                }
                let room = self.width.saturating_sub(used + 3);
                if room == 0 {
                    break;
                }
                let t = truncate(text, room);
                used += 3 + str_width(&t);
                line.push(Piece::Lit(" · ".into(), self.theme.dim()));
                line.push(Piece::Lit(t, style));
            }
            let mut lines = vec![line];
            for w in warnings {
                lines.extend(self.lit_wrapped(Vec::new(), 0, w, self.theme.warning()));
            }
            self.push_item(ItemKind::Header, lines);
            return;
        }
        let mut lines = vec![vec![
            Piece::Lit("▾ ".into(), self.theme.dim()),
            Piece::Lit(id.to_string(), Style::new().add_modifier(Modifier::BOLD)),
        ]];
        let label = |name: &str| {
            vec![
                Piece::Pad(2),
                Piece::Lit(
                    format!("{name:<w$} ", w = LABEL_WIDTH - 3),
                    self.theme.dim(),
                ),
            ]
        };
        let field = |lines: &mut Vec<Vec<Piece>>, name: &str, value: &str, style: Style| {
            if value.trim().is_empty() {
                return;
            }
            lines.extend(self.lit_wrapped(label(name), LABEL_WIDTH, value.trim(), style));
        };
        let format = cable.format.map(|f| f.name()).unwrap_or("");
        let path = crate::sanitize::clean_line(&cable.source);
        let source = match (cable.record, format) {
            (Some(r), f) => format!("{path} record {r} · {f}"),
            (None, "") => path.into_owned(),
            (None, f) => format!("{path} · {f}"),
        };
        field(&mut lines, "Date", &date, Style::new());
        field(&mut lines, "Origin", &cable.origin, Style::new());
        field(&mut lines, "Class", &cable.classification, class_style);
        field(
            &mut lines,
            "Captions",
            &cable.captions.join(" "),
            Style::new(),
        );
        field(&mut lines, "TAGS", &cable.tags.join(", "), Style::new());
        field(
            &mut lines,
            "SUBJECT",
            &cable.subject,
            Style::new().add_modifier(Modifier::BOLD),
        );
        let refs = cable
            .references_raw
            .clone()
            .unwrap_or_else(|| cable.references.join(", "));
        field(&mut lines, "REF", &refs, Style::new());
        let marks = super::ref_marks::lines(self.refs, self.width, LABEL_WIDTH, self.theme);
        lines.extend(marks);
        field(
            &mut lines,
            "Class. by",
            cable.classified_by.as_deref().unwrap_or(""),
            Style::new(),
        );
        field(
            &mut lines,
            "E.O.",
            cable.eo.as_deref().unwrap_or(""),
            Style::new(),
        );
        field(&mut lines, "Source", &source, self.theme.dim());
        for w in warnings {
            lines.extend(self.lit_wrapped(vec![Piece::Pad(2)], 2, w, self.theme.warning()));
        }
        self.push_item(ItemKind::Header, lines);
    }

    /// The header and preamble as written. `as_body` when the cable has no numbered paragraphs
    /// and the preamble is all the text there is.
    fn raw(&mut self, cable: &Cable, show_header: bool, as_body: bool) {
        let mut lines: Vec<Vec<Piece>> = Vec::new();
        let style = if as_body {
            Style::new()
        } else {
            self.theme.dim()
        };
        let add = |src: Src, style: Style, lines: &mut Vec<Vec<Piece>>| {
            let text = src.text(cable);
            let mut start = 0;
            let trimmed_end = text.trim_end().len();
            for (i, c) in text[..trimmed_end]
                .char_indices()
                .chain(std::iter::once((trimmed_end, '\n')))
            {
                if c != '\n' {
                    continue;
                }
                for r in wrap(text, start..i, self.width, self.width) {
                    lines.push(vec![Piece::Text {
                        src,
                        start: r.start as u32,
                        end: r.end as u32,
                        style,
                    }]);
                }
                start = i + 1;
            }
        };
        if show_header && !cable.header.trim().is_empty() {
            add(Src::Header, self.theme.dim(), &mut lines);
        }
        if !cable.preamble.trim().is_empty() {
            add(Src::Preamble, style, &mut lines);
        }
        if as_body {
            lines.push(vec![Piece::Lit(
                "(no numbered paragraphs)".into(),
                self.theme.dim().add_modifier(Modifier::ITALIC),
            )]);
        }
        if !lines.is_empty() {
            self.push_item(ItemKind::Raw, lines);
        }
    }

    fn paragraph(
        &mut self,
        cable: &Cable,
        i: usize,
        gutter: usize,
        source_w: usize,
        placed: &Placed,
    ) {
        let p = &cable.paragraphs[i];
        let mut lines: Vec<Vec<Piece>> = Vec::new();
        let notes = |before: bool| {
            placed
                .at
                .iter()
                .filter(move |(at, b, _)| *at == i && *b == before)
                .map(|(_, _, t)| t.as_str())
        };
        for note in notes(true) {
            lines.extend(self.lit_wrapped(
                vec![Piece::Pad(gutter as u16)],
                gutter,
                note,
                self.theme.warning(),
            ));
        }

        let number = match p.number {
            Some(n) => format!("{:>w$}. ", n, w = gutter - 2),
            None => " ".repeat(gutter),
        };
        let mut lead = vec![Piece::Lit(number, self.theme.number())];
        let mut lead_w = gutter;
        if let Some(badge) = badge_text(p) {
            lead_w += str_width(&badge) + 1;
            lead.push(Piece::Lit(badge, self.theme.badge(p.marking.as_ref())));
            lead.push(Piece::Pad(1));
        }
        let rest_w = self.width.saturating_sub(gutter).max(1);
        let first_w = self.width.saturating_sub(lead_w).max(1);
        let mut lead = Some(lead);
        for (n, logical) in logical_lines(&p.text, first_line_prefix(p), source_w)
            .into_iter()
            .enumerate()
        {
            let fw = if n == 0 { first_w } else { rest_w };
            for r in wrap(&p.text, logical, fw, rest_w) {
                let mut pieces = match lead.take() {
                    Some(l) => l,
                    None => vec![Piece::Pad(gutter as u16)],
                };
                if !r.is_empty() {
                    pieces.push(Piece::Text {
                        src: Src::Para(i as u32),
                        start: r.start as u32,
                        end: r.end as u32,
                        style: Style::new(),
                    });
                }
                lines.push(pieces);
            }
        }
        if let Some(l) = lead.take() {
            lines.push(l);
        }
        for note in notes(false) {
            lines.extend(self.lit_wrapped(
                vec![Piece::Pad(gutter as u16)],
                gutter,
                note,
                self.theme.warning(),
            ));
        }
        let item = self.push_item(ItemKind::Para(i), lines);
        self.doc.para_item[i] = Some(item);
    }

    fn hidden(&mut self, cable: &Cable, first: usize, last: usize, gutter: usize) {
        let count = last - first + 1;
        let (a, b) = (
            cable.paragraphs[first].number.unwrap_or(0),
            cable.paragraphs[last].number.unwrap_or(0),
        );
        let what = if count == 1 {
            format!("⋯ 1 paragraph hidden by filter (¶{a})")
        } else {
            format!("⋯ {count} paragraphs hidden by filter (¶{a}–{b})")
        };
        let lines = self.lit_wrapped(
            vec![Piece::Pad(gutter as u16)],
            gutter,
            &what,
            self.theme.dim().add_modifier(Modifier::ITALIC),
        );
        self.push_item(ItemKind::Hidden { first, last }, lines);
    }

    fn closing(&mut self, cable: &Cable) {
        let text = &cable.closing;
        let mut lines = Vec::new();
        let end = text.trim_end().len();
        let mut start = 0;
        for (i, c) in text[..end]
            .char_indices()
            .chain(std::iter::once((end, '\n')))
        {
            if c != '\n' {
                continue;
            }
            if start < i && !text[start..i].trim().is_empty() {
                for r in wrap(text, start..i, self.width, self.width) {
                    lines.push(vec![Piece::Text {
                        src: Src::Closing,
                        start: r.start as u32,
                        end: r.end as u32,
                        style: Style::new(),
                    }]);
                }
            }
            start = i + 1;
        }
        if !lines.is_empty() {
            self.push_item(ItemKind::Closing, lines);
        }
    }
}

/// `2009-12-21T15:02:00Z` as `2009-12-21 15:02 UTC`; anything else as it is.
pub fn show_date(iso: &str) -> String {
    let b = iso.as_bytes();
    if b.len() >= 16 && b[10] == b'T' && iso.is_char_boundary(16) {
        format!("{} {} UTC", &iso[..10], &iso[11..16])
    } else {
        iso.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(show_date("2009-12-21T15:02:00Z"), "2009-12-21 15:02 UTC");
        assert_eq!(show_date("1979"), "1979");
    }
}
