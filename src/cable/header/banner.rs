//! The classification banner, its post and serial, and the caption words (SIPDIS, NOFORN, ...).

use std::sync::LazyLock;

use regex::Regex;

use super::*;

/// Caption words that stand alone on header lines.
pub(super) const CAPTIONS: &[&str] = &[
    "SIPDIS",
    "NOFORN",
    "EXDIS",
    "NODIS",
    "LIMDIS",
    "SENSITIVE",
    "STADIS",
    "CHEROKEE",
    "ROGER",
    "DISSENT",
    "ORCON",
    "NOCONTRACT",
    "PROPIN",
    "FOUO",
];

/// Banner: a classification word (possibly letter-spaced) at a line start, optionally followed
/// by `SECTION 01 OF 02` and the post and serial.
///
/// `^\s*(WORD)\b(.*)$` is matched as [`BANNER`] finding `^\s*WORD\b` (its automaton is much
/// cheaper than capture groups) and the rest of the text, which must hold no line end.
pub(super) static BANNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:UNCLAS(?:SIFIED)?|U N C L A S(?: S I F I E D)?|CONFIDENTIAL|C O N F I D E N T I A L|SECRET|S E C R E T|TOP SECRET|T O P S E C R E T|LIMITED OFFICIAL USE)\b")
        .expect("valid regex")
});

/// `POST 000123` at the end of a banner, or a page-break line `POST 00000595 001.2 OF 003`.
pub(super) static POST_SERIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\s)([A-Z][A-Z .'-]*?[A-Z])\s+(\d{5,8})(?:\s+\d{3}(?:\.\d+)?\s+OF\s+\d{3}|\s*$|\s)",
    )
    .expect("valid regex")
});

/// A line (white space trimmed at its start) opening with a banner's classification as the
/// teletype writes it, letter-spaced or not.
pub(super) fn opens_like_banner(t: &str) -> bool {
    [
        "UNCLAS",
        "U N C L A S",
        "CONFIDENTIAL",
        "C O N F I D E N T I A L",
        "SECRET",
        "S E C R E T",
        "TOP SECRET",
        "T O P S E C R E T",
        "LIMITED OFFICIAL USE",
    ]
    .iter()
    .any(|w| t.starts_with(w))
}

/// The banner line's classification, letter spacing removed (`CONFIDENTIAL`), and its tail.
pub fn banner(line: &str) -> Option<(String, String)> {
    // The regex's words, checked first: most lines are rejected here.
    if !first_byte(line).is_some_and(|b| matches!(b, b'U' | b'C' | b'S' | b'T' | b'L')) {
        return None;
    }
    let t = line.trim_start();
    if !opens_like_banner(t) {
        return loose_banner(t);
    }
    let m = BANNER.find(line)?;
    let rest = &line[m.end()..];
    if rest.contains('\n') {
        return None;
    }
    let word: String = line[..m.end()]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let word = if word == "UNCLAS" {
        "UNCLASSIFIED".to_string()
    } else {
        word.replace("TOPSECRET", "TOP SECRET")
            .replace("LIMITEDOFFICIALUSE", "LIMITED OFFICIAL USE")
    };
    let tail = rest.trim().to_string();
    // A banner stands alone or is followed by SECTION/post/serial/captions, never by prose.
    let ok = tail.is_empty()
        || tail.starts_with("SECTION")
        || tail.starts_with('/')
        || tail.starts_with('-')
        || POST_SERIAL.is_match(&tail)
        || tail
            .split_whitespace()
            .all(|w| CAPTIONS.contains(&w.trim_matches(|c: char| !c.is_ascii_alphabetic())));
    ok.then_some((word, tail))
}

/// A banner in mixed case or letter-spaced in mixed case (`C o n f i d e n t i a l`,
/// `Confidential`): the word alone on its line, or spaced letters then the usual tail.
pub(super) fn loose_banner(t: &str) -> Option<(String, String)> {
    const WORDS: [&str; 6] = [
        "UNCLASSIFIED",
        "UNCLAS",
        "CONFIDENTIAL",
        "SECRET",
        "TOPSECRET",
        "LIMITEDOFFICIALUSE",
    ];
    let name = |w: &str| match w {
        "UNCLAS" => "UNCLASSIFIED".to_string(),
        "TOPSECRET" => "TOP SECRET".to_string(),
        "LIMITEDOFFICIALUSE" => "LIMITED OFFICIAL USE".to_string(),
        w => w.to_string(),
    };
    let b = t.as_bytes();
    if b.get(1) == Some(&b' ') && b.get(2).is_some_and(u8::is_ascii_alphabetic) {
        let mut word = String::new();
        let mut rest = t;
        for tok in t.split(' ') {
            if tok.len() == 1 && tok.as_bytes()[0].is_ascii_alphabetic() {
                word.push(tok.as_bytes()[0].to_ascii_uppercase() as char);
                rest = &rest[rest.len().min(2)..];
            } else {
                break;
            }
        }
        if WORDS.contains(&word.as_str()) {
            let tail = rest.trim().to_string();
            let tail_ok = tail.is_empty()
                || tail.starts_with("SECTION")
                || POST_SERIAL.is_match(&tail)
                || tail.split_whitespace().all(|w| CAPTIONS.contains(&w));
            return tail_ok.then(|| (name(&word), tail));
        }
        return None;
    }
    if t.len() <= 24 {
        let t = t.trim_end();
        for (written, word) in [
            ("UNCLASSIFIED", "UNCLASSIFIED"),
            ("UNCLAS", "UNCLAS"),
            ("CONFIDENTIAL", "CONFIDENTIAL"),
            ("SECRET", "SECRET"),
            ("TOP SECRET", "TOPSECRET"),
            ("LIMITED OFFICIAL USE", "LIMITEDOFFICIALUSE"),
        ] {
            if t.eq_ignore_ascii_case(written) && t.bytes().any(|b| b.is_ascii_lowercase()) {
                return Some((name(word), String::new()));
            }
        }
    }
    None
}

/// `(post, serial)` from a banner tail or page-break line: (`USNATO`, 595).
pub fn post_serial(text: &str) -> Option<(String, u64)> {
    let caps = POST_SERIAL.captures(text)?;
    let post: String = caps[1].split_whitespace().collect::<Vec<_>>().join(" ");
    let post = post.trim_start_matches("SECTION").trim().to_string();
    let post = strip_section(&post);
    let serial: u64 = caps[2].parse().ok()?;
    (!post.is_empty()).then_some((post, serial))
}

pub(super) fn strip_section(post: &str) -> String {
    // "SECTION 01 OF 02 REYKJAVIK" leaves digits out by the regex; drop a leading "OF".
    let words: Vec<&str> = post
        .split_whitespace()
        .filter(|w| !matches!(*w, "SECTION" | "OF"))
        .collect();
    words.join(" ")
}

/// Captions found on a line made only of caption words (or trailing a banner).
pub fn captions_in(line: &str) -> Vec<String> {
    // Every caption starts with one of these letters: most lines fail here.
    let first = line.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '/');
    if !first.starts_with(['S', 'N', 'E', 'L', 'C', 'R', 'D', 'O', 'P', 'F']) {
        return Vec::new();
    }
    let words = || {
        line.split(|c: char| c.is_whitespace() || c == ',' || c == '/')
            .filter(|w| !w.is_empty())
            .map(|w| w.trim_end_matches(['.', ':', '-']))
    };
    // Checked before anything is allocated: most lines hold other words.
    if words().next().is_some() && words().all(|w| CAPTIONS.contains(&w)) {
        return words().map(str::to_string).collect();
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banners() {
        assert_eq!(
            banner("C O N F I D E N T I A L SECTION 01 OF 02 REYKJAVIK 000195"),
            Some((
                "CONFIDENTIAL".into(),
                "SECTION 01 OF 02 REYKJAVIK 000195".into()
            ))
        );
        assert_eq!(
            post_serial("SECTION 01 OF 02 REYKJAVIK 000195"),
            Some(("REYKJAVIK".into(), 195))
        );
        assert_eq!(
            page_break("USNATO 00000595 002.2 OF 003"),
            Some(("USNATO".into(), 595))
        );
        assert_eq!(
            page_break("BERN 00000881  002 OF 002"),
            Some(("BERN".into(), 881))
        );
        assert!(banner("SECRET agents met").is_none());
    }
}

#[cfg(test)]
mod loose_banners {
    use super::*;

    #[test]
    fn mixed_case_and_spaced() {
        assert_eq!(
            banner("C o n f i d e n t i a l SECTION 01 OF 02 ROME 000123"),
            Some(("CONFIDENTIAL".into(), "SECTION 01 OF 02 ROME 000123".into()))
        );
        assert_eq!(
            banner("Confidential"),
            Some(("CONFIDENTIAL".into(), String::new()))
        );
        assert_eq!(
            banner("S e c r e t"),
            Some(("SECRET".into(), String::new()))
        );
        assert_eq!(banner("Secret talks"), None);
        assert_eq!(banner("C o n f i d e n t i a l talks went on"), None);
    }
}
