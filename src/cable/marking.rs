//! Portion markings: `(S/NF)`, `(C//REL NATO)`, `(SBU)` ... parsed into a canonical form.

pub use super::classification::Level;

/// A parsed portion marking: level, then caveats (`NF`, `REL NATO`, `FGI`, `FOUO`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Marking {
    pub level: Level,
    pub caveats: Vec<String>,
}

impl std::fmt::Display for Marking {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.level.short())?;
        for c in &self.caveats {
            write!(f, "//{c}")?;
        }
        Ok(())
    }
}

impl Marking {
    /// Rank for comparing sensitivity; `U//FOUO` ranks with SBU.
    pub fn rank(&self) -> u8 {
        if self.level == Level::U && self.caveats.iter().any(|c| c == "FOUO") {
            1
        } else {
            self.level.rank()
        }
    }

    /// Parses a marking as written inside its parentheses (`S/NF`, `c`, ` C `, `C/Rel UK`).
    /// `ENTIRE TEXT` suffixes are not accepted here; see [`parse_portion`].
    pub fn parse(raw: &str) -> Option<Marking> {
        match parse_portion(raw) {
            Portion::Marking {
                marking,
                entire: false,
            } => Some(marking),
            _ => None,
        }
    }
}

/// Paragraphs a user asks for by marking (`--marking`, `:filter`, the `filter` setting): those
/// with this marking, or those without one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkingFilter {
    Marking(Marking),
    Unmarked,
}

impl MarkingFilter {
    /// One marking as typed: `SBU`, `s/nf`, `(C)`, `unmarked` (or `none`).
    pub fn parse(text: &str) -> Result<MarkingFilter, String> {
        one(text).ok_or_else(|| not_a_marking(text))
    }

    pub fn matches(&self, p: &super::Paragraph) -> bool {
        match self {
            MarkingFilter::Marking(m) => p.marking.as_ref() == Some(m),
            MarkingFilter::Unmarked => p.marking.is_none(),
        }
    }
}

fn one(text: &str) -> Option<MarkingFilter> {
    let t = text.trim();
    let t = t
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(t);
    if t.eq_ignore_ascii_case("unmarked") || t.eq_ignore_ascii_case("none") {
        return Some(MarkingFilter::Unmarked);
    }
    Marking::parse(t).map(MarkingFilter::Marking)
}

fn not_a_marking(text: &str) -> String {
    format!(
        "not a marking: {:?} (try U, SBU, C, S//NF, unmarked)",
        text.trim()
    )
}

/// The one reading of markings a user types: several separated by commas (`U,SBU`), where a
/// comma followed by what is no marking of its own belongs to a release clause (`S//REL TO USA,
/// FVEY`). Empty pieces are skipped; the error names the first piece that is no marking.
pub fn parse_user_markings(text: &str) -> Result<Vec<MarkingFilter>, String> {
    let pieces: Vec<&str> = text.split(',').collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        if pieces[i].trim().is_empty() {
            i += 1;
            continue;
        }
        // The pieces that cannot stand alone may continue this one.
        let mut end = i + 1;
        while end < pieces.len() && !pieces[end].trim().is_empty() && one(pieces[end]).is_none() {
            end += 1;
        }
        let found = (i + 1..=end)
            .rev()
            .find_map(|j| one(&pieces[i..j].join(",")).map(|m| (m, j)));
        match found {
            Some((m, j)) => {
                out.push(m);
                i = j;
            }
            None => return Err(not_a_marking(pieces[i])),
        }
    }
    Ok(out)
}

/// What the inside of a parenthesis after a paragraph number turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Portion {
    /// A marking; `entire` when it is written as a whole-text marking (`C - ENTIRE TEXT`).
    Marking { marking: Marking, entire: bool },
    /// Looks like a marking (short, capitals and slashes) but its form is not understood.
    Unknown,
    /// Not a marking at all (`U.S.`, `Iran`): the parenthesis is part of the text.
    NotMarking,
}

/// Classifies the text inside a parenthesis that follows a paragraph number.
pub fn parse_portion(raw: &str) -> Portion {
    let upper = collapse_spaces(&raw.to_uppercase());
    let (body, entire) = strip_entire_text(&upper);
    if let Some(marking) = parse_marking_words(body) {
        return Portion::Marking { marking, entire };
    }
    if looks_like_marking(raw) {
        Portion::Unknown
    } else {
        Portion::NotMarking
    }
}

/// `C - ENTIRE TEXT`, `SECRET ENTIRE TEXT`, `C-ENTIRE TEXT` → (`C`, true).
pub fn strip_entire_text(upper: &str) -> (&str, bool) {
    match upper.strip_suffix("ENTIRE TEXT") {
        Some(rest) => (rest.trim_end_matches([' ', '-', '/', ',']).trim(), true),
        None => (upper.trim(), false),
    }
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Levels by the words that spell them, longest first so `SBU` wins over `S`.
const LEVEL_WORDS: &[(&str, Level)] = &[
    ("SENSITIVE BUT UNCLASSIFIED", Level::Sbu),
    ("LIMITED OFFICIAL USE", Level::Lou),
    ("UNCLASSIFIED", Level::U),
    ("UNCLAS", Level::U),
    ("CONFIDENTIAL", Level::C),
    ("TOP SECRET", Level::Ts),
    ("SECRET", Level::S),
    ("SBU", Level::Sbu),
    ("LOU", Level::Lou),
    ("TS", Level::Ts),
    ("U", Level::U),
    ("C", Level::C),
    ("S", Level::S),
];

fn parse_marking_words(upper: &str) -> Option<Marking> {
    let s = upper.trim();
    for &(word, level) in LEVEL_WORDS {
        let Some(rest) = s.strip_prefix(word) else {
            continue;
        };
        if rest.is_empty() {
            return Some(Marking {
                level,
                caveats: Vec::new(),
            });
        }
        let first = rest.chars().next()?;
        let rest = if matches!(first, '/' | '-' | ' ' | ',') {
            rest.trim_start_matches(['/', '-', ' ', ','])
        } else if word.len() <= 2 && rest.starts_with("NF") {
            // Glued forms such as `SNF`, `CNF`.
            rest
        } else {
            continue;
        };
        if let Some(caveats) = parse_caveats(rest) {
            return Some(Marking { level, caveats });
        }
    }
    None
}

fn parse_caveats(s: &str) -> Option<Vec<String>> {
    let mut caveats = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        if rest.starts_with("REL") {
            // A release clause runs to the end or to the next `//`: `REL TO USA, FVEY`.
            let end = rest.find("//").unwrap_or(rest.len());
            let clause = rest[..end].trim_end_matches(['/', ' ']);
            let countries = clause
                .strip_prefix("REL")
                .unwrap_or("")
                .trim_start_matches([' ', '/', '-', ':']);
            if countries.is_empty() {
                return None;
            }
            caveats.push(format!("REL {countries}"));
            rest = rest[end..].trim_start_matches(['/', ' ']);
            continue;
        }
        let end = rest.find(['/', '-', ' ', ',']).unwrap_or(rest.len());
        let token = &rest[..end];
        let canonical = match token {
            "NF" | "NOFORN" => "NF",
            "FGI" => "FGI",
            "FOUO" => "FOUO",
            "ORCON" | "OC" => "ORCON",
            "PROPIN" | "PR" => "PROPIN",
            "EXDIS" => "EXDIS",
            "NODIS" => "NODIS",
            "SIPDIS" => "SIPDIS",
            "LES" => "LES",
            "SI" => "SI",
            "TK" => "TK",
            "HCS" => "HCS",
            "IMCON" => "IMCON",
            "NOCONTRACT" => "NOCONTRACT",
            _ => return None,
        };
        if !caveats.iter().any(|c| c == canonical) {
            caveats.push(canonical.to_string());
        }
        rest = rest[end..].trim_start_matches(['/', '-', ' ', ',']);
    }
    Some(caveats)
}

/// Short, no lower case, no digits or full stops, and with a slash: an attempt at a marking.
fn looks_like_marking(raw: &str) -> bool {
    let t = raw.trim();
    !t.is_empty()
        && t.len() <= 24
        && t.contains('/')
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || matches!(c, '/' | '-' | ' ' | ','))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(raw: &str) -> Option<String> {
        Marking::parse(raw).map(|m| m.to_string())
    }

    #[test]
    fn canonical_forms() {
        for (raw, want) in [
            ("S/NF", "S//NF"),
            ("S-NF", "S//NF"),
            ("s/nf", "S//NF"),
            ("SNF", "S//NF"),
            ("S//NF", "S//NF"),
            ("S/NOFORN", "S//NF"),
            ("C NF", "C//NF"),
            ("C/REL NATO", "C//REL NATO"),
            ("S//REL TO USA, FVEY", "S//REL TO USA, FVEY"),
            ("S/Rel UK", "S//REL UK"),
            ("Secret/Rel Armenia", "S//REL ARMENIA"),
            ("U//FOUO", "U//FOUO"),
            ("S//FGI//NF", "S//FGI//NF"),
            ("SBU", "SBU"),
            ("LOU", "LOU"),
            ("TS", "TS"),
            ("c", "C"),
            (" C ", "C"),
            ("C ", "C"),
            ("SBU/NF", "SBU//NF"),
            ("SBU//Rel NATO, ISAF", "SBU//REL NATO, ISAF"),
            ("TS//SI//NF", "TS//SI//NF"),
            ("S//OC/NF", "S//ORCON//NF"),
            ("SBU/LES", "SBU//LES"),
            ("Unclas", "U"),
            ("Confidential", "C"),
            ("S/Rel to Russia, Latvia", "S//REL TO RUSSIA, LATVIA"),
        ] {
            assert_eq!(canon(raw).as_deref(), Some(want), "{raw}");
        }
    }

    #[test]
    fn markings_as_users_type_them() {
        let read = |t: &str| {
            parse_user_markings(t).map(|v| {
                v.iter()
                    .map(|m| match m {
                        MarkingFilter::Marking(m) => m.to_string(),
                        MarkingFilter::Unmarked => "unmarked".into(),
                    })
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(read("U,sbu, (C)").unwrap(), ["U", "SBU", "C"]);
        assert_eq!(
            read("S//REL TO USA, FVEY,SBU").unwrap(),
            ["S//REL TO USA, FVEY", "SBU"]
        );
        assert_eq!(read("s/nf,,none").unwrap(), ["S//NF", "unmarked"]);
        assert_eq!(read("").unwrap(), [] as [String; 0]);
        assert_eq!(
            read("S//NF, FOO").unwrap_err(),
            "not a marking: \"FOO\" (try U, SBU, C, S//NF, unmarked)"
        );
        assert_eq!(
            read("banana").unwrap_err(),
            "not a marking: \"banana\" (try U, SBU, C, S//NF, unmarked)"
        );
    }

    #[test]
    fn not_markings() {
        assert_eq!(parse_portion("U.S."), Portion::NotMarking);
        assert_eq!(parse_portion("Iran"), Portion::NotMarking);
        assert_eq!(parse_portion("China"), Portion::NotMarking);
        assert_eq!(parse_portion("USG"), Portion::NotMarking);
        assert_eq!(parse_portion("N/SF"), Portion::Unknown);
        assert_eq!(parse_portion("/Rel UK"), Portion::NotMarking);
    }

    #[test]
    fn entire_text() {
        for raw in ["C - ENTIRE TEXT", "SECRET - ENTIRE TEXT", "C-ENTIRE TEXT"] {
            assert!(
                matches!(parse_portion(raw), Portion::Marking { entire: true, .. }),
                "{raw}"
            );
        }
        assert_eq!(canon("CONFIDENTIAL"), Some("C".into()));
    }

    #[test]
    fn ranks() {
        assert!(Marking::parse("U//FOUO").unwrap().rank() == Marking::parse("SBU").unwrap().rank());
        assert_eq!(Level::of_classification("SECRET//NOFORN"), Some(Level::S));
        assert_eq!(
            Level::of_classification("C O N F I D E N T I A L"),
            Some(Level::C)
        );
        assert_eq!(
            Level::of_classification("UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
            Some(Level::U)
        );
    }
}
