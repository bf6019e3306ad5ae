//! The classification vocabulary: the words a cable's classification line uses for each level
//! (`SECRET//NOFORN`, `LIMITED OFFICIAL USE`, `C O N F I D E N T I A L`, `UNCLAS`), read the same
//! way wherever a classification is coloured, sorted, ranked or shortened.

/// Classification level, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    U,
    Sbu,
    Lou,
    C,
    S,
    Ts,
}

impl Level {
    /// Short name used in markings: `U`, `SBU`, `LOU`, `C`, `S`, `TS`.
    pub fn short(self) -> &'static str {
        match self {
            Level::U => "U",
            Level::Sbu => "SBU",
            Level::Lou => "LOU",
            Level::C => "C",
            Level::S => "S",
            Level::Ts => "TS",
        }
    }

    /// Rank for comparing sensitivity: SBU, LOU and U//FOUO share one rank.
    pub fn rank(self) -> u8 {
        match self {
            Level::U => 0,
            Level::Sbu | Level::Lou => 1,
            Level::C => 2,
            Level::S => 3,
            Level::Ts => 4,
        }
    }

    /// The level a classification text starts with (`SECRET//NOFORN`, `LIMITED OFFICIAL USE`,
    /// `UNCLASSIFIED//FOR OFFICIAL USE ONLY`, `C O N F I D E N T I A L`).
    pub fn of_classification(text: &str) -> Option<Level> {
        base_level(text)
    }
}

/// Levels by the words that spell them, spaces left out (teletypes spaced some banners out),
/// in the order they are tried: a longer spelling before one it starts with.
const LEVEL_WORDS: &[(&str, Level)] = &[
    ("TOPSECRET", Level::Ts),
    ("SECRET", Level::S),
    ("CONFIDENTIAL", Level::C),
    ("LIMITEDOFFICIALUSE", Level::Lou),
    ("SENSITIVEBUTUNCLASSIFIED", Level::Sbu),
    ("UNCLASSIFIED", Level::U),
    ("UNCLAS", Level::U),
];

/// Words of a classification line and their short forms, as a narrow column shows them.
const SHORT: &[(&str, &str)] = &[
    ("TOPSECRET", "TS"),
    ("SECRET", "S"),
    ("CONFIDENTIAL", "C"),
    ("LIMITEDOFFICIALUSE", "LOU"),
    ("SENSITIVEBUTUNCLASSIFIED", "SBU"),
    ("UNCLASSIFIED", "U"),
    ("UNCLAS", "U"),
    ("FOROFFICIALUSEONLY", "FOUO"),
    ("NOFORN", "NF"),
];

fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The level word a classification text starts with: `SECRET//NOFORN` is S,
/// `UNCLASSIFIED//FOR OFFICIAL USE ONLY` is U.
pub fn base_level(text: &str) -> Option<Level> {
    let s = squeezed(text);
    LEVEL_WORDS
        .iter()
        .find(|(word, _)| s.starts_with(word))
        .map(|&(_, level)| level)
}

/// How sensitive a cable's classification says it is: its level, except that an unclassified
/// cable marked for official use only or sensitive counts as SBU, as `U//FOUO` paragraphs do.
pub fn level(text: &str) -> Option<Level> {
    let s = squeezed(text);
    let sensitive = s.contains("FOROFFICIALUSE") || s.contains("FOUO") || s.contains("SENSITIVE");
    match base_level(text) {
        Some(Level::U) | None if sensitive => Some(Level::Sbu),
        other => other,
    }
}

/// A rank for ordering classifications: 0 for none understood, then by [`Level::rank`].
pub fn rank(text: &str) -> u8 {
    level(text).map_or(0, |l| l.rank() + 1)
}

/// A classification shortened for a narrow column: `SECRET//NOFORN` is `S//NF`,
/// `C O N F I D E N T I A L` is `C`; words not in the vocabulary stay as written.
pub fn short(text: &str) -> String {
    text.split("//")
        .map(|part| {
            let p = squeezed(part);
            SHORT
                .iter()
                .find(|(long, _)| p == *long)
                .map(|(_, s)| (*s).to_string())
                .unwrap_or_else(|| part.trim().to_string())
        })
        .collect::<Vec<_>>()
        .join("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_colour_and_sort_alike() {
        for (text, base, seen) in [
            ("SECRET//NOFORN", Some(Level::S), Some(Level::S)),
            ("TOP SECRET", Some(Level::Ts), Some(Level::Ts)),
            ("C O N F I D E N T I A L", Some(Level::C), Some(Level::C)),
            ("LIMITED OFFICIAL USE", Some(Level::Lou), Some(Level::Lou)),
            (
                "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
                Some(Level::U),
                Some(Level::Sbu),
            ),
            ("UNCLASSIFIED//FOUO", Some(Level::U), Some(Level::Sbu)),
            ("UNCLAS SENSITIVE", Some(Level::U), Some(Level::Sbu)),
            (
                "SENSITIVE BUT UNCLASSIFIED",
                Some(Level::Sbu),
                Some(Level::Sbu),
            ),
            ("UNCLAS", Some(Level::U), Some(Level::U)),
            ("unclassified", Some(Level::U), Some(Level::U)),
            ("", None, None),
            ("RESTRICTED", None, None),
        ] {
            assert_eq!((base_level(text), level(text)), (base, seen), "{text}");
        }
        assert!(rank("SECRET") > rank("CONFIDENTIAL"));
        assert_eq!(
            rank("UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
            rank("LIMITED OFFICIAL USE")
        );
        assert!(rank("UNCLAS") > rank(""));
    }

    #[test]
    fn short_forms() {
        assert_eq!(short("SECRET//NOFORN"), "S//NF");
        assert_eq!(short("UNCLASSIFIED//FOR OFFICIAL USE ONLY"), "U//FOUO");
        assert_eq!(short("CONFIDENTIAL"), "C");
        assert_eq!(short("C O N F I D E N T I A L"), "C");
        assert_eq!(short("UNCLAS"), "U");
        assert_eq!(short("SECRET//REL NATO"), "S//REL NATO");
    }
}
