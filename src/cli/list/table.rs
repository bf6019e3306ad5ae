//! The terminal's table of `list`: columns padded and cut to the screen, classifications in
//! colour.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use super::super::out::{Out, Style};
use super::{Field, Row};

/// The terminal's table: a title line, then each row with its columns padded to the widest
/// value (each cut to its column's limit), two spaces between; the last column is cut to the
/// screen's width so that a row stays one line.
pub(super) fn print_columns<W: Write>(
    rows: &[Row],
    fields: &[Field],
    width: Option<usize>,
    colors: bool,
    out: &mut Out<W>,
) -> std::io::Result<()> {
    // Widths measured on the values as they will be shown (control characters made visible).
    let shown = |r: &Row, f: Field| crate::sanitize::clean_line(&r.shown(f)).into_owned();
    let mut widths: Vec<usize> = fields.iter().map(|f| f.title().width()).collect();
    for r in rows {
        for (i, &f) in fields.iter().enumerate() {
            widths[i] = widths[i].max(shown(r, f).width().min(f.max_width()));
        }
    }
    let last = fields.len().saturating_sub(1);
    // On a narrow screen the widest text columns give way, so the last keeps some room.
    if let Some(w) = width {
        let room =
            |widths: &[usize]| w.saturating_sub(widths[..last].iter().sum::<usize>() + 2 * last);
        while room(&widths) < LAST_COLUMN_ROOM {
            let widest = (0..last)
                .filter(|&i| !matches!(fields[i], Field::Id | Field::Date | Field::Paragraphs))
                .max_by_key(|&i| widths[i]);
            match widest {
                Some(i) if widths[i] > MIN_COLUMN => widths[i] -= 1,
                _ => break,
            }
        }
    }
    let style = |out: &mut Out<W>, s: Style| if colors { out.style(s) } else { Ok(()) };
    let line_out = |out: &mut Out<W>, cells: &[(String, Option<Style>)]| -> std::io::Result<()> {
        let mut used = 0;
        for (i, (cell, st)) in cells.iter().enumerate() {
            if i > 0 {
                out.write_all(b"  ")?;
                used += 2;
            }
            let limit = if i == last {
                width.map(|w| w.saturating_sub(used).max(8))
            } else {
                Some(widths[i])
            };
            let text = match limit {
                Some(l) => fit(cell, l),
                None => cell.clone(),
            };
            // Numbers line up on the right, text on the left; the last column is not padded.
            let pad = if i == last {
                0
            } else {
                widths[i].saturating_sub(text.width())
            };
            let right = matches!(
                fields[i],
                Field::Paragraphs | Field::Record | Field::Versions
            );
            if right {
                out.write_all(" ".repeat(pad).as_bytes())?;
            }
            if let Some(s) = st {
                style(out, *s)?;
            }
            out.write_all(text.as_bytes())?;
            if st.is_some() {
                style(out, Style::Reset)?;
            }
            if !right {
                out.write_all(" ".repeat(pad).as_bytes())?;
            }
            used += widths[i];
        }
        out.write_all(b"\n")
    };
    let titles: Vec<(String, Option<Style>)> = fields
        .iter()
        .map(|f| (f.title().to_string(), Some(Style::Bold)))
        .collect();
    line_out(out, &titles)?;
    for r in rows {
        let cells: Vec<(String, Option<Style>)> = fields
            .iter()
            .map(|&f| {
                let st = match f {
                    Field::Id => Some(Style::Cyan),
                    Field::Date => Some(Style::Dim),
                    Field::Classification => level_style(r.classification),
                    _ => None,
                };
                (shown(r, f), st)
            })
            .collect();
        line_out(out, &cells)?;
    }
    Ok(())
}

/// The columns the last column keeps on a narrow screen, and the fewest a column gives way to.
const LAST_COLUMN_ROOM: usize = 30;
const MIN_COLUMN: usize = 8;

/// The colour of a classification: red for secret and above, yellow for confidential, green
/// for the unclassified forms. The word is always written out, so no colour carries meaning
/// alone.
fn level_style(classification: &str) -> Option<Style> {
    let c = classification.trim_start().to_ascii_uppercase();
    if c.starts_with("TOP SECRET")
        || c.starts_with("SECRET")
        || c.starts_with("TS")
        || c == "S"
        || c.starts_with("S/")
    {
        Some(Style::Red)
    } else if c.starts_with("CONFIDENTIAL") || c == "C" || c.starts_with("C/") {
        Some(Style::Yellow)
    } else if c.starts_with("UNCLASSIFIED")
        || c == "U"
        || c.starts_with("U/")
        || c == "SBU"
        || c == "LOU"
    {
        Some(Style::Green)
    } else {
        None
    }
}

/// `s` cut to `width` columns with `…` when longer.
fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("abcdef", 6), "abcdef");
        assert_eq!(fit("abcdefg", 6), "abcde…");
    }
}
