//! Patterns whose every match holds no whitespace and looks at nothing around it (no anchors,
//! no word boundaries). Every text a search matches is made of its source's texts by cutting,
//! splitting into lines, joining lines and collapsing whitespace (a subject over two lines, a
//! paragraph's lines without page breaks): such a pattern matches one of those texts only where
//! it matches the source's own texts, which are cheap to search before anything is decoded.

use regex_syntax::hir::{Class, Hir, HirKind};

/// True when no match of `pattern` (as the regex crate compiles it, with `case_insensitive`)
/// can hold a whitespace character or depends on what stands around it.
pub fn unspaced(pattern: &str, case_insensitive: bool) -> bool {
    let Ok(hir) = regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(pattern)
    else {
        return false;
    };
    // Every character `char::is_whitespace` knows (what `trim`, `split_whitespace` and line
    // ends cut at) lies below U+3001.
    let spaces: Vec<char> = ('\0'..='\u{3000}').filter(|c| c.is_whitespace()).collect();
    walk(&hir, &spaces)
}

fn walk(hir: &Hir, spaces: &[char]) -> bool {
    match hir.kind() {
        HirKind::Empty => true,
        HirKind::Literal(l) => std::str::from_utf8(&l.0).is_ok_and(|s| !s.contains(spaces)),
        HirKind::Class(Class::Unicode(c)) => !c
            .iter()
            .any(|r| spaces.iter().any(|&s| (r.start()..=r.end()).contains(&s))),
        // A byte class only where the pattern turns Unicode off: ASCII bytes other than spaces.
        HirKind::Class(Class::Bytes(c)) => !c.iter().any(|r| {
            r.end() >= 0x80
                || spaces
                    .iter()
                    .any(|&s| (u32::from(r.start())..=u32::from(r.end())).contains(&(s as u32)))
        }),
        HirKind::Look(_) => false,
        HirKind::Repetition(r) => walk(&r.sub, spaces),
        HirKind::Capture(c) => walk(&c.sub, spaces),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().all(|p| walk(p, spaces))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unspaced;

    #[test]
    fn patterns_without_spaces_or_assertions() {
        for p in [
            "Taliban",
            "[A-Z]{5}[0-9]{3}",
            r"\w+ment",
            r"\S+ing",
            "(?i)nato|otan",
        ] {
            assert!(unspaced(p, false), "{p}");
        }
        for p in [
            "nuclear.*Iran",
            "a b",
            r"\bNATO\b",
            "^SUBJECT",
            r"a\sb",
            "[^x]",
            r"\W",
            "a\u{a0}b",
            "(?-u:[\\x00-\\xff])",
            "(",
        ] {
            assert!(!unspaced(p, false), "{p}");
        }
        assert!(unspaced("[a-z]+", true));
    }
}
