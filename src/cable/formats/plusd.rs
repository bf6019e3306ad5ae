//! Cable pages of WikiLeaks' PlusD library (`1974ATHENS02959_b`).
//!
//! The metadata is a `table#synopsis`: a title row with the subject, then `div.s_key` /
//! `div.s_val` pairs (Date, Canonical ID, Original and Current Classification, From, ...). The
//! text comes in a "Content" pane split into a hidden `div.text-header` and `div#tagged-text`
//! (the split falls wherever the site chose, sometimes inside a REF list), and again, whole, in
//! a "Raw content" pane. The whole text goes to the body, header left empty: the teletype layout
//! (`PAGE 01 ...`, repeated classification lines, `NNN`) is left for the shared code.

use super::markup;
use super::{Extracted, LoadError, RawCable};
use super::{collapse_spaces, tidy};
use crate::cable::decode::{decode_text, normalize_newlines};
use crate::cable::model::{Format, Warning};

pub fn extract(bytes: &[u8]) -> Extracted {
    let (text, warning) = decode_text(bytes);
    let text = normalize_newlines(&text);
    let s: &str = &text;
    let mut out = Extracted::default();

    let synopsis = read_synopsis(s);
    let body = cable_text(s);
    let metadata = metadata_pane(s);

    let Some(body) = body.filter(|b| !b.trim().is_empty()) else {
        let reason = match synopsis.get("canonical id") {
            Some(id) => format!("PlusD page {id} holds no cable text"),
            None => "HTML page holds no cable".to_string(),
        };
        out.errors.push(LoadError::new(reason));
        return out;
    };

    let mut cable = RawCable {
        format: Some(Format::PlusdHtml),
        body,
        warnings: warning.into_iter().collect(),
        ..Default::default()
    };

    let canonical = synopsis
        .get("canonical id")
        .or_else(|| meta_get(&metadata, "Document Number"));
    cable.id = canonical.map(|id| strip_variant(id).to_string());

    if let Some(date) = synopsis.get("date") {
        match plusd_date(date) {
            Some(d) => cable.created = Some(d),
            None => cable.warnings.push(Warning::Note {
                message: format!("PlusD date {date:?} not understood"),
            }),
        }
    }
    cable.classification = synopsis
        .get("original classification")
        .or_else(|| synopsis.get("classification"))
        .or_else(|| meta_get(&metadata, "Original Classification"))
        .or_else(|| synopsis.get("current classification"))
        .map(str::to_string);
    cable.origin = synopsis.get("from").map(str::to_string);
    cable.released = synopsis.get("markings").and_then(release_marking);
    cable.subject = synopsis
        .title
        .clone()
        .or_else(|| meta_get(&metadata, "Subject").map(str::to_string));
    out.cables.push(cable);
    out
}

/// `1974ATHENS02959_b` → `1974ATHENS02959`: the suffix marks the PlusD copy, not the cable.
fn strip_variant(id: &str) -> &str {
    match id.rsplit_once('_') {
        Some((base, suffix))
            if !base.is_empty()
                && !suffix.is_empty()
                && suffix.len() <= 2
                && suffix.bytes().all(|c| c.is_ascii_lowercase()) =>
        {
            base
        }
        _ => id,
    }
}

/// The page's release date (see [`release_marking`]), read from its synopsis alone.
pub(super) fn released(bytes: &[u8]) -> Option<String> {
    let (text, _) = decode_text(bytes);
    read_synopsis(&text)
        .get("markings")
        .and_then(release_marking)
}

/// The date of a review marking `Declassified/Released US Department of State EO Systematic
/// Review 30 JUN 2005`, ISO.
fn release_marking(markings: &str) -> Option<String> {
    let at = markings.to_ascii_lowercase().find("released")?;
    let words: Vec<&str> = markings[at..].split_whitespace().collect();
    words.windows(3).find_map(|w| {
        let day: u32 = w[0].parse().ok().filter(|d| (1..=31).contains(d))?;
        let month = super::text::month_number(w[1].get(..3)?)?;
        let year: i32 = w[2].trim_end_matches([',', '.']).parse().ok()?;
        chrono::NaiveDate::from_ymd_opt(year, month, day).map(|d| d.format("%Y-%m-%d").to_string())
    })
}

/// `1974 May 17, 16:00 (Friday)` → `1974-05-17 16:00`.
fn plusd_date(s: &str) -> Option<String> {
    let mut words = s.split_whitespace();
    let year = words.next()?;
    let month = words.next()?;
    let day = words.next()?.trim_end_matches(',');
    let time = words.next().unwrap_or("00:00");
    if year.len() != 4 || !year.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let m = month.get(..3)?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|x| *x == m)? + 1;
    let day: u32 = day.parse().ok().filter(|d| (1..=31).contains(d))?;
    let (h, mi) = time.split_once(':')?;
    let h: u32 = h.parse().ok().filter(|h| *h < 24)?;
    let mi: u32 = mi.get(..2)?.parse().ok().filter(|m| *m < 60)?;
    Some(format!("{year}-{month:02}-{day:02} {h:02}:{mi:02}"))
}

#[derive(Debug, Default)]
struct Synopsis {
    /// The title row (the subject).
    title: Option<String>,
    /// Keys lower-cased without the colon; values as plain text, blanks dropped.
    fields: Vec<(String, String)>,
}

impl Synopsis {
    fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

fn is_blank(v: &str) -> bool {
    let v = v.trim();
    v.is_empty() || v.eq_ignore_ascii_case("n/a") || v.eq_ignore_ascii_case("-- N/A or Blank --")
}

fn read_synopsis(s: &str) -> Synopsis {
    let mut syn = Synopsis::default();
    let Some((start, end)) =
        markup::find_element(s, 0, |t| t.is("table") && t.attr("id") == Some("synopsis"))
    else {
        return syn;
    };
    let table = s.get(start..end).unwrap_or("");

    // The title row: a cell spanning the table, before any key.
    if let Some((a, b)) = markup::find_element(table, 0, |t| t.is("td")) {
        let cell = table.get(a..b).unwrap_or("");
        let has_key = markup::find_element(cell, 0, |t| t.has_class("s_key")).is_some();
        if !has_key {
            let title = collapse_spaces(&markup::text(cell));
            if !title.is_empty() {
                syn.title = Some(title);
            }
        }
    }

    // Keys and values in document order; a value belongs to the key right before it.
    let mut pending_key: Option<String> = None;
    let mut tokens = markup::Tokens::new(table);
    while let Some((_, tag_end, token)) = tokens.next() {
        let markup::Token::Tag(tag) = token else {
            continue;
        };
        let is_key = tag.has_class("s_key");
        if tag.end || !(is_key || tag.has_class("s_val")) {
            continue;
        }
        let inner_end = markup::element_end(table, tag_end, tag.name);
        let text = collapse_spaces(&markup::text(table.get(tag_end..inner_end).unwrap_or("")));
        if is_key {
            pending_key = Some(text.trim_end_matches(':').trim().to_ascii_lowercase());
        } else if let Some(key) = pending_key.take()
            && !key.is_empty()
            && !is_blank(&text)
        {
            syn.fields.push((key, text));
        }
        tokens = markup::Tokens::starting_at(table, inner_end);
    }
    syn
}

/// The cable text: the "Raw content" pane, else the content pane's header and tagged text.
fn cable_text(s: &str) -> Option<String> {
    if let Some(raw) = pane_text(s, "Raw content") {
        let raw = tidy(&raw);
        if !raw.is_empty() {
            return Some(raw);
        }
    }
    let part = |want: &dyn Fn(&markup::Tag<'_>) -> bool| {
        markup::find_element(s, 0, want)
            .map(|(a, b)| markup::text(s.get(a..b).unwrap_or("")))
            .map(|t| normalize_newlines(&t).into_owned())
    };
    let header = part(&|t| t.is("div") && t.has_class("text-header"));
    let tagged = part(&|t| t.is("div") && t.attr("id") == Some("tagged-text"));
    let joined = match (header, tagged) {
        (Some(h), Some(t)) => format!("{}\n{}", h.trim_end(), t),
        (Some(h), None) => h,
        (None, Some(t)) => t,
        (None, None) => return None,
    };
    Some(tidy(&joined))
}

/// Plain text of the `div.text-content` of the pane headed `name`.
fn pane_text(s: &str, name: &str) -> Option<String> {
    let mut pos = 0;
    loop {
        let (a, b) = markup::find_element(s, pos, |t| t.is("div") && t.has_class("pane-header"))?;
        let title = collapse_spaces(&markup::text(s.get(a..b).unwrap_or("")));
        if title.eq_ignore_ascii_case(name) {
            let (ca, cb) =
                markup::find_element(s, b, |t| t.is("div") && t.has_class("text-content"))?;
            let text = markup::text(s.get(ca..cb).unwrap_or(""));
            return Some(normalize_newlines(&text).into_owned());
        }
        pos = b;
    }
}

/// The "Metadata" pane's `Key: value` lines.
fn metadata_pane(s: &str) -> Vec<(String, String)> {
    let Some(text) = pane_text(s, "Metadata") else {
        return Vec::new();
    };
    text.lines()
        .filter(|l| !l.starts_with(char::is_whitespace))
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .filter(|(_, v)| !is_blank(v))
        .collect()
}

fn meta_get<'a>(meta: &'a [(String, String)], key: &str) -> Option<&'a str> {
    meta.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            plusd_date("1974 May 17, 16:00 (Friday)").as_deref(),
            Some("1974-05-17 16:00")
        );
        assert_eq!(plusd_date("1974 Foo 17, 16:00"), None);
    }

    #[test]
    fn release_markings() {
        assert_eq!(
            release_marking(
                "Declassified/Released US Department of State EO Systematic Review 30 JUN 2005"
            )
            .as_deref(),
            Some("2005-06-30")
        );
        assert_eq!(release_marking("-- N/A or Blank --"), None);
    }

    #[test]
    fn variant_suffix() {
        assert_eq!(strip_variant("1974ATHENS02959_b"), "1974ATHENS02959");
        assert_eq!(strip_variant("1974ATHENS02959"), "1974ATHENS02959");
        assert_eq!(strip_variant("_b"), "_b");
    }
}
