//! Marking and paragraph selections given on the command line.

use crate::cable::Paragraph;

pub use crate::cable::MarkingFilter;

/// Parses every `--marking` value; several may be given comma-separated.
pub fn parse_markings(values: &[String]) -> Result<Vec<MarkingFilter>, String> {
    let mut out = Vec::new();
    for v in values {
        out.extend(crate::cable::parse_user_markings(v)?);
    }
    Ok(out)
}

/// The filters for a message: `marked C or S//NF`, `marked SBU or unmarked`, `unmarked`.
pub fn describe(filters: &[MarkingFilter]) -> String {
    let names: Vec<String> = filters
        .iter()
        .filter_map(|f| match f {
            MarkingFilter::Marking(m) => Some(m.to_string()),
            MarkingFilter::Unmarked => None,
        })
        .collect();
    let unmarked = filters.contains(&MarkingFilter::Unmarked);
    match (names.is_empty(), unmarked) {
        (true, _) => "unmarked".to_string(),
        (false, false) => format!("marked {}", names.join(" or ")),
        (false, true) => format!("marked {} or unmarked", names.join(" or ")),
    }
}

/// True when `filters` is empty or one of them matches.
pub fn any_matches(filters: &[MarkingFilter], p: &Paragraph) -> bool {
    filters.is_empty() || filters.iter().any(|f| f.matches(p))
}

/// An inclusive range of paragraph numbers from `N` or `N-M`.
pub fn parse_para(text: &str) -> Result<(u32, u32), String> {
    let bad = || format!("not a paragraph number or range: {text:?} (try 12 or 3-5)");
    let t = text.trim().trim_start_matches('¶');
    let (a, b) = match t.split_once('-') {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (t, t),
    };
    let a: u32 = a.parse().map_err(|_| bad())?;
    let b: u32 = b.parse().map_err(|_| bad())?;
    if a > b {
        return Err(bad());
    }
    Ok((a, b))
}
