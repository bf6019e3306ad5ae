//! Dates in the header: the date-time group, a source's creation time, the declassification
//! date of the E.O. line.

use std::sync::LazyLock;

use regex::Regex;

pub(super) const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

pub(super) static DTG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])([0-3]\d)([0-2]\d)([0-5]\d)Z\s*(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s*(\d{2})(?:[^0-9]|$)")
        .expect("valid regex")
});

/// A date-time group as UTC ISO 8601, given the two-digit year's century from `year_hint`.
pub fn find_dtg(text: &str, year_hint: Option<i32>) -> Option<String> {
    for caps in DTG.captures_iter(text) {
        let day: u32 = caps[1].parse().ok()?;
        let hour: u32 = caps[2].parse().ok()?;
        let minute: u32 = caps[3].parse().ok()?;
        let month = MONTHS.iter().position(|m| *m == &caps[4])? as u32 + 1;
        let yy: i32 = caps[5].parse().ok()?;
        let year = full_year(yy, year_hint);
        if (1..=31).contains(&day) && hour < 24 && minute < 60 {
            if chrono::NaiveDate::from_ymd_opt(year, month, day).is_none() {
                continue;
            }
            return Some(format!(
                "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:00Z"
            ));
        }
    }
    None
}

fn full_year(yy: i32, hint: Option<i32>) -> i32 {
    if let Some(h) = hint
        && h % 100 == yy
    {
        return h;
    }
    if yy >= 50 { 1900 + yy } else { 2000 + yy }
}

/// A source's `YYYY-MM-DD HH:MM` as ISO 8601.
pub fn created_to_iso(created: &str) -> Option<String> {
    let t = created.trim();
    let (date, time) = t.split_once(' ').unwrap_or((t, "00:00"));
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let tm = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M").ok()?;
    Some(format!(
        "{}T{}:00Z",
        d.format("%Y-%m-%d"),
        tm.format("%H:%M")
    ))
}

pub(super) static DECL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:DECL(?:ASSIFY)?(?:\s+ON)?|DNG:\s*CO)\b\s*:?\s*(.+)$")
        .expect("valid regex")
});

pub(super) static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bOADR\b").expect("valid regex"));

/// A declassification date as ISO 8601 (`2020-02-10`): `02/10/2020`, `6/30/08`,
/// `2020/02/23`, `2020-02-23`; `None` for an instruction (`OADR`, `1.6X1`).
pub fn declassify_iso(raw: &str) -> Option<String> {
    let t = raw.trim().trim_end_matches('.');
    let parts: Vec<&str> = t.split(['/', '-']).map(str::trim).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str| -> Option<i32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (year, month, day) = if a.len() == 4 {
        (num(a)?, num(b)?, num(c)?)
    } else {
        let y = num(c)?;
        let y = match c.len() {
            2 => {
                if y >= 50 {
                    1900 + y
                } else {
                    2000 + y
                }
            }
            4 => y,
            _ => return None,
        };
        (y, num(a)?, num(b)?)
    };
    let d = chrono::NaiveDate::from_ymd_opt(year, month as u32, day as u32)?;
    Some(d.format("%Y-%m-%d").to_string())
}

pub(super) fn declassify_of(eo: &str) -> Option<String> {
    if let Some(c) = DECL.captures(eo) {
        let v = c[1].trim().trim_end_matches('.');
        // A date, then anything glued after it: the date alone.
        let first = v.split_whitespace().next().unwrap_or("");
        let v = if declassify_iso(first).is_some() {
            first
        } else {
            v
        };
        return (!v.is_empty()).then(|| v.to_string());
    }
    DATE.find(eo).map(|m| m.as_str().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dtg() {
        assert_eq!(
            find_dtg("P 211502Z DEC 09", Some(2009)).as_deref(),
            Some("2009-12-21T15:02:00Z")
        );
        assert_eq!(
            find_dtg("ZZHP 162341Z JAN 06FM AMEMBASSY", None).as_deref(),
            Some("2006-01-16T23:41:00Z")
        );
        assert_eq!(
            find_dtg("P R 281848Z DEC 66", None).as_deref(),
            Some("1966-12-28T18:48:00Z")
        );
    }
}
