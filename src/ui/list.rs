//! The document list. It draws only the rows on screen: a window into `State::list.rows`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

use crate::app::state::{Pane, SortKey, State};

use super::widgets::{pane_block, scrollbar};
use crate::app::layout::pane_inner;
use crate::cable::classification;
use crate::sanitize::clean_line;
use crate::text::truncate;

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let focused = state.focus == Pane::List;
    let theme = &state.theme;
    let shown = state.list.rows.len();
    let limit = state.limit.text().map(clean_line);
    let mut title = match (&limit, state.filter_label()) {
        (None, None) => format!(" Cables {shown} "),
        _ => format!(" Cables {shown} of {} ", state.groups.len()),
    };
    if let Some(q) = limit {
        title.push_str(&format!("· limit {q} "));
    }
    if let Some(f) = state.filter_label() {
        title.push_str(&format!("· filter {f} "));
    }
    if state.list.sort != SortKey::Source || state.list.reverse {
        let order = state.list.sort.order_name(state.list.reverse);
        title.push_str(&format!("· by {order} "));
    }
    let title = truncate(&title, usize::from(area.width.saturating_sub(4)));
    frame.render_widget(pane_block(theme, &title, focused), area);
    let inner = pane_inner(area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }

    let w = inner.width;
    let id_w = 18.min(w.saturating_sub(24)).max(8);
    let show_date = w >= 60;
    let show_origin = w >= 90;
    let filtered = state.filter.active();
    let count_w: u16 = if filtered { 7 } else { 4 };
    // A column for the number of versions, once an id has more than one.
    let show_versions = state.groups.most_versions() > 1;

    let height = usize::from(inner.height.saturating_sub(1));
    let start = state.list.cursor.offset.min(shown);
    let end = shown.min(start + height);
    let rows: Vec<Row> = state.list.rows[start..end]
        .iter()
        .enumerate()
        .map(|(n, &ci)| {
            let ci = ci as usize;
            let Some(c) = state.corpus.get(ci) else {
                return Row::new(Vec::<Cell>::new());
            };
            let open = state.reader.open == Some(ci);
            let marker = if open { "▶" } else { " " };
            let level = classification::level(c.classification());
            let class_style = theme.class_text(level);
            let total = c.paragraphs;
            let count = if filtered {
                format!("{}/{total}", state.matching_paragraphs(ci))
            } else {
                total.to_string()
            };
            let id: &str = if c.id().is_empty() { "(no id)" } else { c.id() };
            let mut cells = vec![
                Cell::from(marker),
                Cell::from(truncate(id, usize::from(id_w))),
            ];
            if show_date {
                let date = c.date().and_then(|d| d.get(..10)).unwrap_or("");
                cells.push(Cell::from(date.to_string()));
            }
            cells.push(Cell::from(Span::styled(
                truncate(&classification::short(c.classification()), 9),
                class_style,
            )));
            cells.push(Cell::from(Line::from(count).right_aligned()));
            if show_versions {
                let n = state.groups.versions_of(ci);
                let v = if n > 1 {
                    format!("{n}v")
                } else {
                    String::new()
                };
                cells.push(Cell::from(Line::from(v).right_aligned()));
            }
            if show_origin {
                cells.push(Cell::from(truncate(c.origin(), 20)));
            }
            // A text that holds only part of its cable says so before its subject.
            let subject = Span::raw(c.subject().to_string());
            cells.push(Cell::from(if c.partial() {
                Line::from(vec![Span::styled("(partial) ", theme.warning()), subject])
            } else {
                Line::from(subject)
            }));
            let mut style = Style::new();
            if open {
                style = style.add_modifier(Modifier::BOLD);
            }
            if start + n == state.list.cursor.selected {
                style = style.patch(theme.selection(focused));
            }
            Row::new(cells).style(style)
        })
        .collect();

    let mut widths = vec![Constraint::Length(1), Constraint::Length(id_w)];
    let mut heads = vec!["", "ID"];
    if show_date {
        widths.push(Constraint::Length(10));
        heads.push("DATE");
    }
    widths.push(Constraint::Length(9));
    heads.push("CLASS");
    widths.push(Constraint::Length(count_w));
    heads.push("¶");
    if show_versions {
        widths.push(Constraint::Length(3));
        heads.push("V");
    }
    if show_origin {
        widths.push(Constraint::Length(20));
        heads.push("ORIGIN");
    }
    widths.push(Constraint::Fill(1));
    heads.push("SUBJECT");
    let header = Row::new(heads).style(theme.dim());
    let table = Table::new(rows, widths).header(header).column_spacing(1);
    frame.render_widget(table, inner);

    if shown == 0 {
        let msg = if state.corpus.is_empty() && state.indexing_now() {
            "Indexing …"
        } else if state.corpus.is_empty() {
            "Nothing loaded"
        } else {
            "No cable holds a paragraph the filter shows (:filter clears it)"
        };
        let r = Rect {
            y: inner.y + 1,
            height: 1,
            ..inner
        };
        frame.render_widget(
            Line::styled(truncate(msg, usize::from(r.width)), theme.dim()),
            r,
        );
    }

    if shown > height {
        scrollbar(frame, area, shown.saturating_sub(height), start);
    }
}
