//! The one matcher: what the corpus search, its hits' highlights and a search within a cable
//! use, so that a match found is the match shown.
//!
//! A [`Matcher`] also knows the literals that every match must contain (`Taliban` and `attack`
//! in `Taliban.*attack`): the raw bytes of a file or record are checked for all of them before
//! anything is decoded. The literals are cut to characters that stand in a file as they stand
//! in the text (ASCII letters, digits, spaces and punctuation other than quotes, backslash, `&`,
//! `<` and `>`, which the formats escape), so a cable whose text matches always passes.

use std::ops::Range;

use regex::Regex;
use regex::bytes::Regex as BytesRegex;
use regex_syntax::hir::{Class, Hir, HirKind};

/// How letters' case is matched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Case {
    /// Ignored unless the pattern has an upper-case letter (ripgrep's smart case).
    #[default]
    Smart,
    Insensitive,
    Sensitive,
}

/// grep's choices of how a pattern matches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MatchOptions {
    pub case: Case,
    /// Only whole words (`-w`).
    pub word: bool,
    /// The pattern is a fixed string, not a regular expression (`-F`).
    pub fixed: bool,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Matcher {
    regex: Regex,
    case_insensitive: bool,
    /// Every one must match the raw bytes of a text that holds a match (each an alternation of
    /// literals); empty when the pattern has no usable literal.
    prefilter: Vec<BytesRegex>,
    /// No match holds whitespace or looks around itself (see [`super::unspaced`]).
    unspaced: bool,
}

impl Matcher {
    /// A smart-case regular expression (the reader's `/` and `:search`).
    pub fn new(pattern: &str) -> Result<Matcher, String> {
        Matcher::with_options(pattern, MatchOptions::default())
    }

    pub fn with_options(pattern: &str, options: MatchOptions) -> Result<Matcher, String> {
        let mut source = if options.fixed {
            regex::escape(pattern)
        } else {
            pattern.to_string()
        };
        if options.word {
            source = format!(r"\b(?:{source})\b");
        }
        let case_insensitive = match options.case {
            Case::Smart => !has_upper_literal(&source),
            Case::Insensitive => true,
            Case::Sensitive => false,
        };
        let regex = regex::RegexBuilder::new(&source)
            .case_insensitive(case_insensitive)
            .size_limit(64 << 20)
            .build()
            .map_err(|e| e.to_string())?;
        // Classes and inline flags may fold case where the literal does not show it.
        let fold = case_insensitive || source.contains('[') || source.contains("(?");
        let prefilter = required_clauses(&source)
            .into_iter()
            .filter_map(|lits| {
                let alternatives: Vec<String> = lits.iter().map(|l| regex::escape(l)).collect();
                regex::bytes::RegexBuilder::new(&alternatives.join("|"))
                    .case_insensitive(fold)
                    .unicode(false)
                    .build()
                    .ok()
            })
            .collect();
        Ok(Matcher {
            regex,
            case_insensitive,
            prefilter,
            unspaced: super::unspaced::unspaced(&source, case_insensitive),
        })
    }

    pub fn case_insensitive(&self) -> bool {
        self.case_insensitive
    }

    /// The first match in `text`.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        self.regex.find(text).map(|m| m.range())
    }

    /// Every match in `text`, in order, as byte ranges (empty matches left out).
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.regex
            .find_iter(text)
            .map(|m| m.range())
            .filter(|r| !r.is_empty())
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }

    /// True when the raw bytes are checked first (the pattern has a usable literal).
    pub fn has_prefilter(&self) -> bool {
        !self.prefilter.is_empty()
    }

    /// True when `bytes` may hold a match: every required literal occurs in them (always true
    /// without a prefilter).
    pub fn may_match(&self, bytes: &[u8]) -> bool {
        self.prefilter.iter().all(|p| p.is_match(bytes))
    }

    /// False only when no text decoded from `sources` (a cable's raw header, body and subject)
    /// can hold a match: for an [`unspaced`](super::unspaced) pattern, none of them does.
    pub fn may_match_decoded(&self, sources: &[&str]) -> bool {
        !self.unspaced || sources.iter().any(|s| self.regex.is_match(s))
    }

    /// False only when no text made of `text` (cut, split into lines, lines joined, whitespace
    /// collapsed, as a paragraph's text, its heading or a header field is) can hold a match: the
    /// pattern itself decides for an [`unspaced`](super::unspaced) one, the required literals
    /// for the others.
    pub fn may_match_text(&self, text: &str) -> bool {
        if self.unspaced {
            self.regex.is_match(text)
        } else {
            self.may_match(text.as_bytes())
        }
    }

    /// The first place at or after `at` in `bytes` where the first required literal occurs,
    /// as a byte range; `None` without a prefilter or when there is none.
    pub(super) fn next_candidate(&self, bytes: &[u8], at: usize) -> Option<Range<usize>> {
        self.prefilter
            .first()?
            .find_at(bytes, at)
            .map(|m| m.range())
    }
}

/// Smart case: an upper-case letter written as itself (not in an escape like `\S` or `\p{Lu}`).
fn has_upper_literal(pattern: &str) -> bool {
    use regex_syntax::ast::{self, Ast};
    fn walk(ast: &Ast) -> bool {
        match ast {
            Ast::Literal(l) => l.c.is_uppercase(),
            Ast::ClassBracketed(c) => class_set_upper(&c.kind),
            Ast::Repetition(r) => walk(&r.ast),
            Ast::Group(g) => walk(&g.ast),
            Ast::Alternation(a) => a.asts.iter().any(walk),
            Ast::Concat(c) => c.asts.iter().any(walk),
            _ => false,
        }
    }
    fn class_set_upper(set: &ast::ClassSet) -> bool {
        match set {
            ast::ClassSet::Item(item) => item_upper(item),
            ast::ClassSet::BinaryOp(op) => class_set_upper(&op.lhs) || class_set_upper(&op.rhs),
        }
    }
    fn item_upper(item: &ast::ClassSetItem) -> bool {
        match item {
            ast::ClassSetItem::Literal(l) => l.c.is_uppercase(),
            ast::ClassSetItem::Range(r) => r.start.c.is_uppercase() || r.end.c.is_uppercase(),
            ast::ClassSetItem::Bracketed(b) => class_set_upper(&b.kind),
            ast::ClassSetItem::Union(u) => u.items.iter().any(item_upper),
            _ => false,
        }
    }
    match ast::parse::Parser::new().parse(pattern) {
        Ok(ast) => walk(&ast),
        // The regex crate reports the error.
        Err(_) => pattern.chars().any(char::is_uppercase),
    }
}

/// A character that stands in every format's raw bytes as it stands in the cable text.
fn safe(c: char) -> bool {
    (c.is_ascii_graphic() || c == ' ') && !matches!(c, '"' | '\'' | '\\' | '&' | '<' | '>')
}

/// A clause: one of these literals occurs in every match.
type Clause = Vec<String>;

/// Most clauses kept: the longest literals tell the most.
const MAX_CLAUSES: usize = 8;

/// The clauses every match of `pattern` satisfies, made of [`safe`] characters only and at
/// least two characters long; empty when there is none.
pub fn required_clauses(pattern: &str) -> Vec<Clause> {
    let Ok(hir) = regex_syntax::ParserBuilder::new().build().parse(pattern) else {
        return Vec::new();
    };
    let mut clauses: Vec<Clause> = required(&hir)
        .into_iter()
        .filter(|c| c.iter().all(|l| l.len() >= 2) && c.len() <= 64)
        .collect();
    clauses.sort_by_key(|c| std::cmp::Reverse(score(c)));
    clauses.dedup();
    clauses.truncate(MAX_CLAUSES);
    clauses
}

/// The literals of the first (most telling) clause, as [`required_clauses`] orders them.
pub fn required_literals(pattern: &str) -> Option<Vec<String>> {
    required_clauses(pattern).into_iter().next()
}

/// How much a clause narrows: the shortest literal, less for many alternatives.
fn score(c: &Clause) -> usize {
    c.iter().map(String::len).min().unwrap_or(0) * 64 / c.len().max(1)
}

/// The text a node always matches exactly, when it is a fixed string (one character of a
/// case-insensitive class counts as that character; the prefilter ignores case then).
fn exact(hir: &Hir) -> Option<String> {
    match hir.kind() {
        HirKind::Literal(l) => String::from_utf8(l.0.to_vec()).ok(),
        HirKind::Class(Class::Unicode(c)) => {
            let mut chars = c.iter().flat_map(|r| r.start()..=r.end()).take(5);
            let first = chars.next()?;
            let lower = first.to_lowercase().collect::<String>();
            chars
                .all(|ch| ch.to_lowercase().collect::<String>() == lower)
                .then_some(lower)
        }
        HirKind::Capture(c) => exact(&c.sub),
        HirKind::Concat(parts) => parts.iter().map(exact).collect(),
        _ => None,
    }
}

/// Every run of safe characters in `s`, each a clause of one literal.
fn safe_runs(s: &str) -> Vec<Clause> {
    s.split(|c: char| !safe(c))
        .filter(|r| !r.is_empty())
        .map(|r| vec![r.to_string()])
        .collect()
}

fn required(hir: &Hir) -> Vec<Clause> {
    if let Some(s) = exact(hir) {
        return safe_runs(&s);
    }
    match hir.kind() {
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Alternation(alts) => {
            // One clause: each alternative's most telling literal(s).
            let mut all = Vec::new();
            for a in alts {
                let mut own = required(a);
                own.sort_by_key(|c| std::cmp::Reverse(score(c)));
                match own.into_iter().next() {
                    Some(best) => all.extend(best),
                    None => return Vec::new(),
                }
            }
            all.sort();
            all.dedup();
            vec![all]
        }
        HirKind::Concat(parts) => {
            // Adjacent fixed parts join into one literal; every part's clauses hold too.
            let mut clauses = Vec::new();
            let mut run = String::new();
            for p in parts {
                match exact(p) {
                    Some(s) => run.push_str(&s),
                    None => {
                        clauses.extend(safe_runs(&std::mem::take(&mut run)));
                        clauses.extend(required(p));
                    }
                }
            }
            clauses.extend(safe_runs(&run));
            clauses
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(p: &str) -> Vec<Vec<&'static str>> {
        required_clauses(p)
            .into_iter()
            .map(|c| {
                c.into_iter()
                    .map(|s| &*Box::leak(s.into_boxed_str()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_required_literal() {
        assert_eq!(clauses("Taliban"), [["Taliban"]]);
        assert_eq!(clauses("Taliban.*attack"), [["Taliban"], ["attack"]]);
        assert_eq!(clauses("don't know"), [["t know"], ["don"]]);
        assert_eq!(clauses("(?i)nato|otan"), [["nato", "otan"]]);
        assert_eq!(clauses(r"\w+"), Vec::<Vec<&str>>::new());
        assert_eq!(clauses("a|bc"), Vec::<Vec<&str>>::new());
        assert_eq!(clauses("(foo)?bar"), [["bar"]]);
        assert_eq!(clauses(r"\bNATO\b.*\bsummit"), [["summit"], ["NATO"]]);
        assert_eq!(
            required_literals("Taliban.*attack"),
            Some(vec!["Taliban".to_string()])
        );
    }

    #[test]
    fn prefilter_needs_every_literal() {
        let m = Matcher::new("Taliban.*attack").unwrap();
        assert!(m.may_match(b"the Taliban attack"));
        assert!(!m.may_match(b"the Taliban only"));
        assert!(!m.may_match(b"an attack only"));
    }

    #[test]
    fn smart_case_words_and_fixed_strings() {
        assert!(Matcher::new("taliban").unwrap().case_insensitive());
        assert!(!Matcher::new("Taliban").unwrap().case_insensitive());
        assert!(Matcher::new(r"\S+ing").unwrap().case_insensitive());
        assert!(!Matcher::new("[A-Z]{3}").unwrap().case_insensitive());
        let o = |case, word, fixed| MatchOptions { case, word, fixed };
        let m = Matcher::with_options("nato", o(Case::Smart, true, false)).unwrap();
        assert_eq!(m.find("USNATO and NATO"), Some(11..15));
        let m = Matcher::with_options("a.b", o(Case::Smart, false, true)).unwrap();
        assert!(!m.is_match("axb") && m.is_match("a.b"));
        let m = Matcher::with_options("Nato", o(Case::Insensitive, false, false)).unwrap();
        assert!(m.is_match("NATO"));
        let m = Matcher::with_options("nato", o(Case::Sensitive, false, false)).unwrap();
        assert!(!m.is_match("NATO"));
        let spans: Vec<_> = Matcher::new("a").unwrap().find_iter("banana").collect();
        assert_eq!(spans, [1..2, 3..4, 5..6]);
    }
}
