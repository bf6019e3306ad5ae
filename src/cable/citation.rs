//! Citations as people paste them: `09USNATO595 ¶12`, `09USNATO595:12`, `09USNATO595 para 12`,
//! a WikiLeaks address ending `#par12`, the teletype's `09 USNATO 595`, `2009 USNATO 000595`,
//! or `USNATO 595` within a year, in any case: the cable's id and the paragraph, if any. And
//! how a paragraph's marking is written when it is cited.

use std::sync::LazyLock;

use regex::Regex;

use super::Cable;

/// A parsed citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The reference id as the release names cables (`09USNATO595`).
    pub id: String,
    /// Other ids the same words may name, to try when `id` is not loaded: a four-digit year's
    /// PlusD form (`1974ATHENS02959`) and its Cablegate form (`74ATHENS2959`).
    pub alternatives: Vec<String>,
    pub paragraph: Option<u32>,
}

impl Citation {
    /// `id`, then the alternatives.
    pub fn candidates(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.id.as_str()).chain(self.alternatives.iter().map(String::as_str))
    }
}

/// An id written in one piece: year (two or four digits), post, serial.
static COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{2}|\d{4})([A-Z][A-Z-]*[A-Z])(\d{1,7})(?:_[A-Z])?\b").expect("valid regex")
});

/// The teletype's form: year, post (up to three words), serial, with spaces between.
static SPACED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{2}|\d{4})\s+([A-Z][A-Z-]*(?:\s+[A-Z][A-Z-]*){0,2})\s+(\d{1,7})\b")
        .expect("valid regex")
});

/// Post and serial without a year.
static NO_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Z][A-Z-]*(?:\s+[A-Z][A-Z-]*){0,2})\s+(\d{1,7})\b").expect("valid regex")
});

/// What may follow the id: a paragraph number after `¶`, `para`, `paragraph`, `par.`, `p.`, a
/// colon, comma or `#par`, or a bare number.
static PARAGRAPH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s,:;#(\[]*(?:¶+|§|PARAGRAPHS?\b|PARAS?\b|PARS?\b|PP?\b)?\.?\s*(\d{1,4})[\s.)\]]*$",
    )
    .expect("valid regex")
});

/// The id and paragraph of `text`; `year` (the open cable's, e.g. 2009) completes a citation
/// that names none (`USNATO 595`). An error says what is wrong.
pub fn parse(text: &str, year: Option<i32>) -> Result<Citation, String> {
    let t = text
        .trim()
        .trim_matches(|c: char| matches!(c, '"' | '\'' | '<' | '>' | '`'))
        .trim();
    if t.is_empty() {
        return Err("no citation given".to_string());
    }
    if let Some(c) = parse_address(t) {
        return Ok(c);
    }
    let upper = t.to_uppercase();
    let upper = upper.trim_start_matches('¶').trim_start();
    let (citation, rest) = if let Some(caps) = COMPACT.captures(upper) {
        let (yy, post, serial) = (&caps[1], &caps[2], &caps[3]);
        let id = if yy.len() == 4 {
            // A four-digit year is PlusD's form: kept as written, Cablegate's tried after.
            format!("{yy}{post}{serial}")
        } else {
            format!("{yy}{post}{}", strip_zeros(serial))
        };
        let mut c = Citation {
            id,
            alternatives: Vec::new(),
            paragraph: None,
        };
        if yy.len() == 4 {
            c.alternatives
                .push(format!("{}{post}{}", &yy[2..], strip_zeros(serial)));
        }
        (c, &upper[caps[0].len()..])
    } else if let Some(caps) = SPACED.captures(upper) {
        let (yyyy, post, serial) = (&caps[1], join_post(&caps[2]), &caps[3]);
        let yy = &yyyy[yyyy.len() - 2..];
        let mut c = Citation {
            id: format!("{yy}{post}{}", strip_zeros(serial)),
            alternatives: Vec::new(),
            paragraph: None,
        };
        if yyyy.len() == 4 {
            c.alternatives.push(format!("{yyyy}{post}{serial:0>5}"));
        }
        (c, &upper[caps[0].len()..])
    } else if let Some(caps) = NO_YEAR.captures(upper) {
        let Some(year) = year else {
            return Err(format!(
                "{:?} names no year: write it as 09 {}",
                crate::sanitize::clean_line(t),
                crate::sanitize::clean_line(&caps[0])
            ));
        };
        let yy = format!("{:02}", year.rem_euclid(100));
        let c = Citation {
            id: format!("{yy}{}{}", join_post(&caps[1]), strip_zeros(&caps[2])),
            alternatives: Vec::new(),
            paragraph: None,
        };
        (c, &upper[caps[0].len()..])
    } else {
        return Err(format!(
            "not a citation: {:?} (try 09USNATO595 ¶12 or 09 USNATO 595)",
            crate::sanitize::clean_line(t)
        ));
    };
    let mut citation = citation;
    if !rest.trim().is_empty() {
        match PARAGRAPH.captures(rest) {
            Some(caps) => citation.paragraph = caps[1].parse().ok().filter(|&n| n > 0),
            None => {
                return Err(format!(
                    "not a paragraph: {:?} (try ¶12, para 12 or :12)",
                    crate::sanitize::clean_line(rest.trim())
                ));
            }
        }
    }
    Ok(citation)
}

fn strip_zeros(serial: &str) -> &str {
    let s = serial.trim_start_matches('0');
    if s.is_empty() { "0" } else { s }
}

fn join_post(post: &str) -> String {
    post.split_whitespace().collect()
}

/// A web address naming a cable's page: the id is the last path part without `.html` (and
/// PlusD's `_a` suffix), the paragraph the `#par12` anchor.
fn parse_address(t: &str) -> Option<Citation> {
    let lower = t.to_ascii_lowercase();
    if !(lower.contains("://") || lower.starts_with("www.") || lower.contains(".html")) {
        return None;
    }
    let (path, fragment) = match t.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (t, None),
    };
    let path = path.split(['?', ' ']).next().unwrap_or(path);
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    let stem = last.split('.').next()?;
    let stem = match stem.rsplit_once('_') {
        Some((s, suffix)) if suffix.len() == 1 => s,
        _ => stem,
    };
    let id = stem.to_ascii_uppercase();
    if !COMPACT.is_match(&id) {
        return None;
    }
    let paragraph = fragment.and_then(|f| {
        let f = f.to_ascii_lowercase();
        let digits = f.trim_start_matches("para").trim_start_matches("par");
        let digits = digits.trim_start_matches(['-', '_']);
        digits.parse::<u32>().ok().filter(|&n| n > 0)
    });
    Some(Citation {
        id,
        alternatives: Vec::new(),
        paragraph,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> (String, Option<u32>) {
        let c = parse(text, Some(2009)).unwrap();
        (c.id, c.paragraph)
    }

    #[test]
    fn every_form() {
        let want = ("09USNATO595".to_string(), Some(12));
        for form in [
            "09USNATO595 ¶12",
            "09USNATO595 12",
            "09USNATO595:12",
            "09USNATO595 para 12",
            "09usnato595 Para. 12",
            "09USNATO595 paragraph 12",
            "09USNATO595, ¶ 12",
            "09USNATO595¶12",
            "https://wikileaks.org/cable/2009/12/09USNATO595.html#par12",
            "wikileaks.org/plusd/cables/09USNATO595_a.html#par12",
            "09 USNATO 595 ¶12",
            "2009 USNATO 000595 para 12",
            "USNATO 595 ¶12",
            "usnato 595 12",
        ] {
            assert_eq!(p(form), want, "{form}");
        }
        for form in [
            "09USNATO595",
            "09 USNATO 595",
            "2009 USNATO 000595",
            "USNATO 595",
            "https://wikileaks.org/cable/2009/12/09USNATO595.html",
        ] {
            assert_eq!(p(form), ("09USNATO595".to_string(), None), "{form}");
        }
        assert_eq!(
            p("09 BUENOS AIRES 1234"),
            ("09BUENOSAIRES1234".into(), None)
        );
        let plusd = parse("1974ATHENS02959", None).unwrap();
        assert_eq!(plusd.id, "1974ATHENS02959");
        assert_eq!(plusd.alternatives, ["74ATHENS2959"]);
        let spaced = parse("1974 ATHENS 02959", None).unwrap();
        assert_eq!(spaced.id, "74ATHENS2959");
        assert_eq!(spaced.alternatives, ["1974ATHENS02959"]);
    }

    #[test]
    fn mistakes_are_errors() {
        assert!(parse("USNATO 595", None).unwrap_err().contains("no year"));
        assert!(parse("", None).is_err());
        assert!(parse("hello world", None).is_err());
        assert!(parse("09USNATO595 twelve", None).is_err());
        assert!(parse("\u{1b}[2J", None).is_err());
    }
}
