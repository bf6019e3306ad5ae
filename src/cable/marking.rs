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
