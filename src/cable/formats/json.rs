//! JSON exports of the release: JSON Lines (one record a line) or a JSON array of records,
//! each with the `cables.csv` columns under one of their common names.
//!
//! Field names are not to be trusted (one export's `_id` holds the references column), so the
//! record's id is only a hint: the builder checks it against the cable's own banner. Bodies
//! whose line ends were collapsed into spaces get their paragraph breaks back first.

use serde_json::{Map, Value};

use super::{Extracted, LoadError, RawCable, cables_csv, relines};
use crate::cable::model::{Format, Warning};

/// Field names per column, in order of preference.
const ID: [&str; 5] = ["reference_id", "refid", "id", "_id", "identifier"];
const CREATED: [&str; 4] = ["date_time", "date", "created", "datetime"];
const ORIGIN: [&str; 1] = ["origin"];
const CLASSIFICATION: [&str; 1] = ["classification"];
const REFERENCES: [&str; 2] = ["references", "refs"];
const HEADER: [&str; 1] = ["header"];
const BODY: [&str; 4] = ["body", "text", "content", "content_text"];
const SUBJECT: [&str; 1] = ["subject"];

/// True when the text starts like JSON Lines or a JSON array of objects.
pub fn looks_like(trimmed: &[u8]) -> bool {
    match trimmed.first() {
        Some(b'{') => true,
        Some(b'[') => trimmed[1..]
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b == b'{'),
        _ => false,
    }
}

pub fn extract(bytes: &[u8]) -> Extracted {
    let mut out = Extracted::default();
    let text = String::from_utf8_lossy(bytes);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('[') {
        match serde_json::from_str::<Vec<Value>>(trimmed) {
            Ok(values) => {
                for (i, v) in values.into_iter().enumerate() {
                    record(&mut out, v, i as u64 + 1);
                }
            }
            Err(e) => out
                .errors
                .push(LoadError::new(format!("JSON array not readable: {e}"))),
        }
    } else {
        let mut stream = serde_json::Deserializer::from_str(trimmed).into_iter::<Value>();
        let mut n = 0;
        loop {
            match stream.next() {
                Some(Ok(v)) => {
                    n += 1;
                    record(&mut out, v, n);
                }
                Some(Err(e)) => {
                    out.errors.push(LoadError {
                        record: Some(n + 1),
                        reason: format!("JSON record not readable: {e}"),
                    });
                    break;
                }
                None => break,
            }
        }
    }
    if out.cables.is_empty() && out.errors.is_empty() {
        out.errors.push(LoadError::new("no JSON record found"));
    }
    out
}

fn record(out: &mut Extracted, value: Value, n: u64) {
    let Value::Object(map) = value else {
        out.errors.push(LoadError {
            record: Some(n),
            reason: "JSON record is not an object".into(),
        });
        return;
    };
    let get = |names: &[&str]| field(&map, names);
    let body = get(&BODY).unwrap_or_default();
    let header = get(&HEADER).unwrap_or_default();
    if body.trim().is_empty() && header.trim().is_empty() {
        out.errors.push(LoadError {
            record: Some(n),
            reason: "JSON record holds no cable text".into(),
        });
        return;
    }
    let mut warnings = Vec::new();
    let created = get(&CREATED).and_then(|c| {
        let parsed = created_of(&c);
        if parsed.is_none() {
            warnings.push(Warning::Note {
                message: format!("date field not understood: {:?}", c.trim()),
            });
        }
        parsed
    });
    let references = match map_get(&map, &REFERENCES) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => cables_csv::split_references(s),
        _ => Vec::new(),
    };
    out.cables.push(RawCable {
        format: Some(Format::Json),
        record: Some(n),
        id: get(&ID).filter(|s| looks_like_id(s.trim())),
        id_checked: true,
        created,
        origin: get(&ORIGIN).filter(|s| !s.trim().is_empty()),
        classification: get(&CLASSIFICATION).filter(|s| !s.trim().is_empty()),
        references,
        subject: get(&SUBJECT).filter(|s| !s.trim().is_empty()),
        header: relines::restore(&header),
        body: relines::restore(&body),
        warnings,
        released: None,
        partial: false,
    });
}

/// `09USNATO595`, `1974ATHENS02959_b`: a field holding anything else (a references list) is
/// no id.
fn looks_like_id(s: &str) -> bool {
    let b = s.as_bytes();
    let year = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let post = b[year..]
        .iter()
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    let rest = &s[year + post..];
    let rest = rest.strip_suffix("_b").unwrap_or(rest);
    matches!(year, 2 | 4)
        && post >= 2
        && !rest.is_empty()
        && rest.bytes().all(|c| c.is_ascii_digit())
}

fn map_get<'a>(map: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    names.iter().find_map(|n| map.get(*n))
}

/// A text field; numbers are written out (a record number as id).
fn field(map: &Map<String, Value>, names: &[&str]) -> Option<String> {
    match map_get(map, names)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `M/D/YYYY H:MM` as in cables.csv, or ISO `YYYY-MM-DD[T ]HH:MM[:SS]`.
fn created_of(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(c) = cables_csv::parse_created(s) {
        return Some(c);
    }
    let b = s.as_bytes();
    if b.len() >= 16
        && b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'T' | b' ')
        && b[13] == b':'
    {
        let n =
            |r: std::ops::Range<usize>| s.get(r).and_then(|d| super::digits(d, d.len(), d.len()));
        return super::created(n(0..4)?, n(5..7)?, n(8..10)?, n(11..13)?, n(14..16)?);
    }
    None
}
