//! Scoop Media cable pages saved as text.
//!
//! * "Cablegate:" pages (2011): `Cablegate: <title>`, `Published: Mon 21 Dec 2009 03:02 PM`, the
//!   header lines (`DE RUEHNO #0595/01 3551502`, `P 211502Z DEC 09`), the body (page-break lines
//!   such as `USNATO 00000595 002.2 OF 003` included), and a footer
//!   `View as: DESKTOP | MOBILE © Scoop Media` followed by the site's navigation.
//! * "Wikileak:" stories (Dec 2010): `Wikileak: <title> - D/M/YYYY`, `Published: ...` (the
//!   story's date), the title again in capitals, then a raw `cables.csv` row pasted as text
//!   (see [`cables_csv::find_loose_row`]).
//!
//! The footer and everything after it are cut off. The title is the subject.

use super::text::{
    clean_text, de_serial, is_routing_line, month_number, numbered_paragraph, parse_dtg,
};
use super::{Extracted, LoadError, RawCable, cables_csv, created, digits};
use crate::cable::decode::{decode_text, normalize_newlines};
use crate::cable::model::{Format, Warning};

const TITLE_PREFIXES: [&str; 2] = ["Cablegate:", "Wikileak:"];

/// True when the bytes (leading whitespace removed) start like a Scoop page saved as text:
/// a `Cablegate:` or `Wikileak:` title within the first lines, and a `Published:` line after it
/// unless the title is the very first line.
pub fn looks_like(b: &[u8]) -> bool {
    if b.starts_with(b"Cablegate:") || b.starts_with(b"Wikileak:") {
        return true;
    }
    let head = &b[..b.len().min(4096)];
    let mut title = false;
    for (i, line) in head.split(|&c| c == b'\n').take(12).enumerate() {
        let line = line.trim_ascii();
        if TITLE_PREFIXES
            .iter()
            .any(|p| line.starts_with(p.as_bytes()))
            && i < 8
        {
            title = true;
        } else if title && line.starts_with(b"Published:") {
            return true;
        }
    }
    false
}

/// Extracts the cable of a Scoop page.
pub fn extract(bytes: &[u8]) -> Extracted {
    let (decoded, decode_warning) = decode_text(bytes);
    let text = clean_text(&normalize_newlines(&decoded));
    let mut warnings: Vec<Warning> = decode_warning.into_iter().collect();

    let lines: Vec<&str> = text.split('\n').collect();
    let Some(title_at) = lines
        .iter()
        .take(40)
        .position(|l| TITLE_PREFIXES.iter().any(|p| l.trim_start().starts_with(p)))
    else {
        return error("no Scoop \"Cablegate:\" or \"Wikileak:\" title found");
    };
    let title_line = lines[title_at].trim();
    let title = TITLE_PREFIXES
        .iter()
        .find_map(|p| title_line.strip_prefix(p))
        .unwrap_or("")
        .trim();
    let subject = strip_story_date(title);

    // `Published:` right after the title (blank lines allowed).
    let mut at = title_at + 1;
    while lines.get(at).is_some_and(|l| l.trim().is_empty()) {
        at += 1;
    }
    let mut published = None;
    if let Some(p) = lines
        .get(at)
        .and_then(|l| l.trim().strip_prefix("Published:"))
    {
        published = parse_published(p.trim());
        if published.is_none() {
            warnings.push(Warning::Note {
                message: format!("publication date not understood: {:?}", p.trim()),
            });
        }
        at += 1;
    }

    // The cable runs to the footer; the footer and the navigation after it are dropped.
    let end = lines
        .iter()
        .enumerate()
        .skip(at)
        .find(|(_, l)| is_footer(l))
        .map_or(lines.len(), |(i, _)| i);
    let content_lines = lines.get(at..end).unwrap_or(&[]);
    let content = content_lines.join("\n");

    if let Some(mut raw) = cables_csv::find_loose_row(&content) {
        raw.format = Some(Format::Scoop);
        raw.subject = non_empty(subject);
        if raw.created.is_none() {
            raw.created = published;
        }
        raw.warnings.splice(0..0, warnings);
        return one(raw);
    }

    // Header: the routing lines at the top (and TO/INFO address lines); the body after them.
    let mut i = 0;
    while content_lines.get(i).is_some_and(|l| l.trim().is_empty()) {
        i += 1;
    }
    let header_start = i;
    let mut addresses = false;
    while let Some(line) = content_lines.get(i) {
        let t = line.trim();
        if is_routing_line(t) {
            addresses = t.starts_with("TO ") || t.starts_with("INFO ") || addresses;
            i += 1;
        } else if addresses && is_address_line(t) {
            i += 1;
        } else {
            break;
        }
    }
    let header_lines = &content_lines[header_start..i];
    let body_lines = &content_lines[i..];
    if header_lines.is_empty() && body_lines.iter().all(|l| l.trim().is_empty()) {
        return error("Scoop page holds no cable text");
    }

    let dtg = header_lines.iter().find_map(|l| parse_dtg(l));
    let de = header_lines.iter().find_map(|l| de_serial(l));
    let id = match (dtg, de) {
        (Some(dtg), Some(de)) => body_lines
            .iter()
            .filter_map(|l| page_break(l))
            .find(|(_, serial)| *serial == de)
            .map(|(post, serial)| format!("{:02}{}{}", dtg.year % 100, post, serial)),
        _ => None,
    };

    one(RawCable {
        format: Some(Format::Scoop),
        id,
        created: published,
        subject: non_empty(subject),
        header: block(header_lines),
        body: block(body_lines),
        warnings,
        ..Default::default()
    })
}

fn one(raw: RawCable) -> Extracted {
    Extracted {
        cables: vec![raw],
        errors: Vec::new(),
    }
}

fn error(reason: &str) -> Extracted {
    Extracted {
        cables: Vec::new(),
        errors: vec![LoadError::new(reason)],
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Lines joined, surrounding blank lines dropped, one final newline when not empty.
fn block(lines: &[&str]) -> String {
    let s = lines.join("\n");
    let s = s.trim_matches('\n').trim_end();
    if s.is_empty() {
        String::new()
    } else {
        format!("{s}\n")
    }
}

/// `View as: DESKTOP | MOBILE © Scoop Media`.
fn is_footer(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("View as:") || t.contains("© Scoop Media") || t.contains("(c) Scoop Media")
}

/// `Lange's Last Laugh - 16/1/2006` → `Lange's Last Laugh`.
fn strip_story_date(title: &str) -> &str {
    if let Some((head, date)) = title.rsplit_once(" - ") {
        let parts: Vec<&str> = date.trim().split('/').collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
        {
            return head.trim_end();
        }
    }
    title
}

/// `Mon 21 Dec 2009 03:02 PM` → `2009-12-21 15:02`.
fn parse_published(s: &str) -> Option<String> {
    let t: Vec<&str> = s.split_whitespace().collect();
    let (day, month, year, time, ampm) = match t.as_slice() {
        [_weekday, d, m, y, time, ampm] => (*d, *m, *y, *time, Some(*ampm)),
        [_weekday, d, m, y, time] => (*d, *m, *y, *time, None),
        _ => return None,
    };
    let day = digits(day, 1, 2)?;
    let month = month_number(month)?;
    let year = digits(year, 4, 4)?;
    let (h, m) = time.split_once(':')?;
    let mut hour = digits(h, 1, 2)?;
    let minute = digits(m, 2, 2)?;
    match ampm.map(str::to_ascii_uppercase).as_deref() {
        Some("AM") if (1..=12).contains(&hour) => hour %= 12,
        Some("PM") if (1..=12).contains(&hour) => hour = hour % 12 + 12,
        None if hour <= 23 => {}
        _ => return None,
    }
    created(year, month, day, hour, minute)
}

/// A routing address after `TO`/`INFO`: `RUEHBJ/AMEMBASSY BEIJING 3078`, `AMEMBASSY LONDON`.
fn is_address_line(t: &str) -> bool {
    !t.is_empty()
        && !t.bytes().any(|b| b.is_ascii_lowercase())
        && !t.starts_with("E.O.")
        && !t.starts_with("TAGS")
        && !t.starts_with("SUBJECT")
        && !t.starts_with("REF")
        && !t.starts_with("SIPDIS")
        && !numbered_paragraph(t)
        && page_break(t).is_none()
        && super::text::find_banner(t).is_none()
}

/// A page-break line `USNATO 00000595 002.2 OF 003` → (`USNATO`, 595), when the post name is
/// shorter than the ten characters these lines cut it to (so it is whole).
fn page_break(line: &str) -> Option<(String, u64)> {
    let t = line.trim();
    if t.len() > 60 {
        return None;
    }
    let tokens: Vec<&str> = t.split_whitespace().collect();
    let [post @ .., serial, page, of, total] = tokens.as_slice() else {
        return None;
    };
    if *of != "OF"
        || serial.len() != 8
        || !serial.bytes().all(|b| b.is_ascii_digit())
        || !total.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let page_digits = page.split('.').next().unwrap_or("");
    if page_digits.len() != 3 || !page_digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let name = post.join(" ");
    if post.is_empty()
        || name.len() >= 10
        || !post
            .iter()
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return None;
    }
    let serial: u64 = serial.parse().ok()?;
    Some((post.concat(), serial))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_dates() {
        assert_eq!(
            parse_published("Mon 21 Dec 2009 03:02 PM").as_deref(),
            Some("2009-12-21 15:02")
        );
        assert_eq!(
            parse_published("Sun 19 Dec 2010 12:46 AM").as_deref(),
            Some("2010-12-19 00:46")
        );
        assert_eq!(
            parse_published("Sun 19 Dec 2010 12:46 PM").as_deref(),
            Some("2010-12-19 12:46")
        );
        assert_eq!(parse_published("yesterday"), None);
    }

    #[test]
    fn page_breaks() {
        assert_eq!(
            page_break("USNATO 00000595 002.2 OF 003"),
            Some(("USNATO".into(), 595))
        );
        assert_eq!(
            page_break("NEW DELHI 00005135  002 OF 008"),
            Some(("NEWDELHI".into(), 5135))
        );
        assert_eq!(page_break("KUALA LUMP 00001403  002 OF 003"), None);
    }

    #[test]
    fn story_titles() {
        assert_eq!(
            strip_story_date("Lange's Last Laugh - 16/1/2006"),
            "Lange's Last Laugh"
        );
        assert_eq!(strip_story_date("A - B"), "A - B");
    }
}
