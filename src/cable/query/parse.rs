//! The query text into an expression: a pure function, errors naming their column.

use super::post::normalize_post;
use super::{Caveat, QueryError};
use crate::cable::index::WarningKinds;
use crate::cable::marking::{Level, Marking};

mod lex;

use lex::{Spanned, Tok, lex};

/// A comparison in `class:>=C` or `versions:>1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    pub fn holds<T: Ord>(self, left: T, right: T) -> bool {
        match self {
            Cmp::Eq => left == right,
            Cmp::Lt => left < right,
            Cmp::Le => left <= right,
            Cmp::Gt => left > right,
            Cmp::Ge => left >= right,
        }
    }
}

/// One end of a date range: a date prefix (`2009`, `2009-03`, `2009-03-15`), compared with a
/// cable's date cut to the same length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateBound {
    pub prefix: String,
    pub inclusive: bool,
}

/// Which markings `marking:` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkingSel {
    /// Every marking of this level (`marking:S*` takes `S`, `S//NF`, ...).
    Level(Level),
    /// This marking exactly (`marking:S//NF`).
    Exact(Marking),
    /// Paragraphs without a marking.
    Unmarked,
}

/// A condition on one cable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A bare word or phrase: in the subject or the id (any case).
    Word(String),
    /// The id starts with this (upper case).
    Id(String),
    /// The post, normalised (see [`normalize_post`]).
    Origin(String),
    /// A TAGS entry (upper case).
    Tag(String),
    /// The cable's classification level, by rank (`Eq` compares the level itself).
    Class(Cmp, Level),
    Caveat(Caveat),
    Marking(MarkingSel),
    Date {
        from: Option<DateBound>,
        to: Option<DateBound>,
    },
    /// In the subject (any case).
    Subject(String),
    /// The signer's name, or one of its words (any case).
    Signed(String),
    /// The cable cites this id (upper case).
    Cites(String),
    /// The cable is cited by the cable with this id (upper case).
    CitedBy(String),
    /// The number of versions of the cable (files holding the same id) in the corpus.
    Versions(Cmp, u32),
    /// A partial extract (true) or not.
    Partial(bool),
    /// A warning of this kind (kebab case, as `--json` names them); `None` for any warning.
    Warning(Option<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// Every one holds (empty: always true).
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
    Term(Term),
}

/// The field names, as the error for an unknown one lists them.
pub const FIELDS: &[&str] = &[
    "id", "origin", "tag", "class", "caveat", "marking", "date", "subject", "signed", "cites",
    "cited-by", "versions", "partial", "warning",
];

fn err(column: usize, message: impl Into<String>) -> QueryError {
    QueryError {
        column,
        message: message.into(),
    }
}

struct Parser {
    toks: Vec<Spanned>,
    at: usize,
    /// Column just past the text, for errors at its end.
    end_col: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Spanned> {
        self.toks.get(self.at)
    }

    fn col(&self) -> usize {
        self.peek().map_or(self.end_col, |t| t.1)
    }

    fn or(&mut self) -> Result<Expr, QueryError> {
        let mut alts = vec![self.and()?];
        while let Some((Tok::Or, col)) = self.peek().cloned() {
            self.at += 1;
            if matches!(self.peek(), None | Some((Tok::Close | Tok::Or, _))) {
                return Err(err(col, "OR needs a term on each side"));
            }
            alts.push(self.and()?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap_or(Expr::And(Vec::new()))
        } else {
            Expr::Or(alts)
        })
    }

    fn and(&mut self) -> Result<Expr, QueryError> {
        let mut all = Vec::new();
        loop {
            match self.peek() {
                None | Some((Tok::Close, _)) => break,
                Some((Tok::Or, col)) => {
                    if all.is_empty() {
                        return Err(err(*col, "OR needs a term on each side"));
                    }
                    break;
                }
                _ => all.push(self.unary()?),
            }
        }
        Ok(if all.len() == 1 {
            all.pop().unwrap_or(Expr::And(Vec::new()))
        } else {
            Expr::And(all)
        })
    }

    fn unary(&mut self) -> Result<Expr, QueryError> {
        let Some((tok, col)) = self.peek().cloned() else {
            return Err(err(self.end_col, "a term is missing"));
        };
        self.at += 1;
        match tok {
            Tok::Not => {
                if matches!(self.peek(), None | Some((Tok::Close | Tok::Or, _))) {
                    return Err(err(col, "- needs a term after it"));
                }
                Ok(Expr::Not(Box::new(self.unary()?)))
            }
            Tok::Open => {
                if matches!(self.peek(), Some((Tok::Close, _))) {
                    return Err(err(col, "empty parentheses"));
                }
                let inner = self.or()?;
                match self.peek() {
                    Some((Tok::Close, _)) => {
                        self.at += 1;
                        Ok(inner)
                    }
                    _ => Err(err(col, "( is not closed")),
                }
            }
            Tok::Close => Err(err(col, ") without a ( before it")),
            Tok::Or => Err(err(col, "OR needs a term on each side")),
            Tok::Term {
                field,
                value,
                value_col,
            } => term(field.as_deref(), &value, col, value_col).map(Expr::Term),
        }
    }
}

/// Parses a whole query; an empty one is `And([])`, true of every cable.
pub fn parse(text: &str) -> Result<Expr, QueryError> {
    let toks = lex(text)?;
    let mut p = Parser {
        toks,
        at: 0,
        end_col: text.chars().count() + 1,
    };
    let expr = p.or()?;
    if p.peek().is_some() {
        // Only a `)` stops the top level early.
        return Err(err(p.col(), ") without a ( before it"));
    }
    Ok(expr)
}

/// A comparison operator at the start of `value`, and the rest.
fn comparison(value: &str) -> (Cmp, &str, usize) {
    for (op, cmp) in [
        (">=", Cmp::Ge),
        ("<=", Cmp::Le),
        (">", Cmp::Gt),
        ("<", Cmp::Lt),
        ("=", Cmp::Eq),
    ] {
        if let Some(rest) = value.strip_prefix(op) {
            return (cmp, rest, op.len());
        }
    }
    (Cmp::Eq, value, 0)
}

/// The level a `class:` or `marking:` value names: `U`, `SBU`, `LOU`, `C`, `S`, `TS` or a word
/// (`SECRET`, `CONFIDENTIAL`, `unclassified`).
pub fn level_named(value: &str) -> Option<Level> {
    let upper = value.trim().to_uppercase();
    let short = [
        ("U", Level::U),
        ("SBU", Level::Sbu),
        ("LOU", Level::Lou),
        ("C", Level::C),
        ("S", Level::S),
        ("TS", Level::Ts),
    ];
    if let Some(&(_, l)) = short.iter().find(|(n, _)| *n == upper) {
        return Some(l);
    }
    let squeezed: String = upper.chars().filter(|c| !c.is_whitespace()).collect();
    // Only whole words: `SECRETARY` is no level.
    [
        ("TOPSECRET", Level::Ts),
        ("SECRET", Level::S),
        ("CONFIDENTIAL", Level::C),
        ("LIMITEDOFFICIALUSE", Level::Lou),
        ("SENSITIVEBUTUNCLASSIFIED", Level::Sbu),
        ("UNCLASSIFIED", Level::U),
        ("UNCLAS", Level::U),
    ]
    .iter()
    .find(|(w, _)| *w == squeezed)
    .map(|&(_, l)| l)
}

fn date_prefix(s: &str, col: usize) -> Result<String, QueryError> {
    let bad = || {
        err(
            col,
            format!(
                "not a date: {s}; expected YYYY, YYYY-MM or YYYY-MM-DD, or a range like 2009-01..2009-06"
            ),
        )
    };
    let parts: Vec<&str> = s.split('-').collect();
    if parts.is_empty() || parts.len() > 3 {
        return Err(bad());
    }
    let widths = [4, 2, 2];
    for (i, p) in parts.iter().enumerate() {
        if p.len() != widths[i] || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
    }
    if let Some(m) = parts.get(1).and_then(|m| m.parse::<u32>().ok())
        && !(1..=12).contains(&m)
    {
        return Err(bad());
    }
    if let Some(d) = parts.get(2).and_then(|d| d.parse::<u32>().ok())
        && !(1..=31).contains(&d)
    {
        return Err(bad());
    }
    Ok(s.to_string())
}

fn date_term(value: &str, value_col: usize) -> Result<Term, QueryError> {
    let bound = |prefix: String, inclusive: bool| Some(DateBound { prefix, inclusive });
    if let Some(dots) = value.find("..") {
        let (a, b) = (&value[..dots], &value[dots + 2..]);
        let b_col = value_col + value[..dots + 2].chars().count();
        if a.is_empty() && b.is_empty() {
            return Err(err(value_col, "a date range needs at least one end"));
        }
        let from = if a.is_empty() {
            None
        } else {
            bound(date_prefix(a, value_col)?, true)
        };
        let to = if b.is_empty() {
            None
        } else {
            bound(date_prefix(b, b_col)?, true)
        };
        if let (Some(f), Some(t)) = (&from, &to) {
            let n = f.prefix.len().min(t.prefix.len());
            if f.prefix[..n] > t.prefix[..n] {
                return Err(err(
                    b_col,
                    format!("the range ends ({b}) before it starts ({a})"),
                ));
            }
        }
        return Ok(Term::Date { from, to });
    }
    let (cmp, rest, op) = comparison(value);
    let d = date_prefix(rest, value_col + op)?;
    Ok(match cmp {
        Cmp::Eq => Term::Date {
            from: bound(d.clone(), true),
            to: bound(d, true),
        },
        Cmp::Ge => Term::Date {
            from: bound(d, true),
            to: None,
        },
        Cmp::Gt => Term::Date {
            from: bound(d, false),
            to: None,
        },
        Cmp::Le => Term::Date {
            from: None,
            to: bound(d, true),
        },
        Cmp::Lt => Term::Date {
            from: None,
            to: bound(d, false),
        },
    })
}

fn term(
    field: Option<&str>,
    value: &str,
    col: usize,
    value_col: usize,
) -> Result<Term, QueryError> {
    let Some(field) = field else {
        return Ok(Term::Word(value.to_string()));
    };
    let name = field.to_ascii_lowercase();
    if !FIELDS.contains(&name.as_str()) {
        return Err(err(
            col,
            format!("unknown field {field}; expected {}", FIELDS.join(", ")),
        ));
    }
    let value = value.trim();
    if value.is_empty() {
        return Err(err(value_col, format!("{name}: needs a value")));
    }
    let upper = || value.to_uppercase();
    Ok(match name.as_str() {
        "id" => Term::Id(upper()),
        "origin" => Term::Origin(normalize_post(value)),
        "tag" => Term::Tag(upper()),
        "class" => {
            let (cmp, rest, op) = comparison(value);
            let level = level_named(rest).ok_or_else(|| {
                err(
                    value_col + op,
                    format!("unknown classification {rest}; expected U, SBU, LOU, C, S, TS"),
                )
            })?;
            Term::Class(cmp, level)
        }
        "caveat" => Term::Caveat(Caveat::named(value).ok_or_else(|| {
            err(
                value_col,
                format!(
                    "unknown caveat {value}; expected {}",
                    Caveat::ALL
                        .iter()
                        .map(|c| c.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })?),
        "marking" => {
            let t = value.trim_start_matches('(').trim_end_matches(')');
            // `S*`: every marking of level S; `S`, `S//NF`: that marking exactly.
            let (t, every) = match t.strip_suffix('*') {
                Some(rest) => (rest.trim_end_matches('/'), true),
                None => (t, false),
            };
            let marking = Marking::parse(t).or_else(|| {
                level_named(t).map(|level| Marking {
                    level,
                    caveats: Vec::new(),
                })
            });
            match marking {
                _ if !every
                    && (t.eq_ignore_ascii_case("unmarked") || t.eq_ignore_ascii_case("none")) =>
                {
                    Term::Marking(MarkingSel::Unmarked)
                }
                Some(m) if every && m.caveats.is_empty() => {
                    Term::Marking(MarkingSel::Level(m.level))
                }
                Some(m) if !every => Term::Marking(MarkingSel::Exact(m)),
                _ => {
                    return Err(err(
                        value_col,
                        format!(
                            "not a marking: {value}; expected one like U, SBU, C, S//NF, S* or unmarked"
                        ),
                    ));
                }
            }
        }
        "date" => date_term(value, value_col)?,
        "subject" => Term::Subject(value.to_string()),
        "signed" => Term::Signed(value.to_string()),
        "cites" => Term::Cites(upper()),
        "cited-by" => Term::CitedBy(upper()),
        "versions" => {
            let (cmp, rest, op) = comparison(value);
            let n = rest.parse::<u32>().map_err(|_| {
                err(
                    value_col + op,
                    format!("not a number: {rest}; expected one like 2, >1, >=2 or <3"),
                )
            })?;
            Term::Versions(cmp, n)
        }
        "partial" => match value.to_ascii_lowercase().as_str() {
            "yes" | "true" => Term::Partial(true),
            "no" | "false" => Term::Partial(false),
            _ => {
                return Err(err(
                    value_col,
                    format!("partial:{value}; expected yes or no"),
                ));
            }
        },
        "warning" => {
            let v = value.to_ascii_lowercase();
            if v == "any" || v == "yes" {
                Term::Warning(None)
            } else if WarningKinds::ALL.contains(&v.as_str()) {
                Term::Warning(Some(v))
            } else {
                return Err(err(
                    value_col,
                    format!(
                        "unknown warning {value}; expected any, {}",
                        WarningKinds::ALL.join(", ")
                    ),
                ));
            }
        }
        _ => unreachable!("every name in FIELDS is handled"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(s: &str) -> Expr {
        Expr::Term(Term::Word(s.into()))
    }

    #[test]
    fn structure() {
        assert_eq!(parse("").unwrap(), Expr::And(vec![]));
        assert_eq!(parse("a b").unwrap(), Expr::And(vec![word("a"), word("b")]));
        assert_eq!(
            parse("a OR b c").unwrap(),
            Expr::Or(vec![word("a"), Expr::And(vec![word("b"), word("c")])])
        );
        assert_eq!(
            parse("-(a OR b) \"x y\"").unwrap(),
            Expr::And(vec![
                Expr::Not(Box::new(Expr::Or(vec![word("a"), word("b")]))),
                word("x y")
            ])
        );
        assert_eq!(
            parse("a or b").unwrap(),
            Expr::And(vec![word("a"), word("or"), word("b")])
        );
        assert_eq!(
            parse("subject:\"human rights\"").unwrap(),
            Expr::Term(Term::Subject("human rights".into()))
        );
    }

    #[test]
    fn fields() {
        let t = |s: &str| match parse(s).unwrap() {
            Expr::Term(t) => t,
            e => panic!("{e:?}"),
        };
        assert_eq!(t("class:>=C"), Term::Class(Cmp::Ge, Level::C));
        assert_eq!(t("class:secret"), Term::Class(Cmp::Eq, Level::S));
        assert_eq!(
            t("origin:\"AMEMBASSY PARIS\""),
            Term::Origin("PARIS".into())
        );
        assert_eq!(t("id:09usnato"), Term::Id("09USNATO".into()));
        assert_eq!(t("versions:>1"), Term::Versions(Cmp::Gt, 1));
        assert_eq!(t("marking:S*"), Term::Marking(MarkingSel::Level(Level::S)));
        assert_eq!(
            t("marking:S"),
            Term::Marking(MarkingSel::Exact(Marking::parse("S").unwrap()))
        );
        assert_eq!(
            t("marking:s/nf"),
            Term::Marking(MarkingSel::Exact(Marking::parse("S//NF").unwrap()))
        );
        assert_eq!(t("caveat:NF"), Term::Caveat(Caveat::Noforn));
        let d = |p: &str, inclusive| {
            Some(DateBound {
                prefix: p.into(),
                inclusive,
            })
        };
        assert_eq!(
            t("date:2009-01..2009-06"),
            Term::Date {
                from: d("2009-01", true),
                to: d("2009-06", true)
            }
        );
        assert_eq!(
            t("date:<2009"),
            Term::Date {
                from: None,
                to: d("2009", false)
            }
        );
    }

    #[test]
    fn errors_name_their_column() {
        let e = |s: &str| parse(s).unwrap_err().to_string();
        assert_eq!(
            e("class:>=Q"),
            "column 9: unknown classification Q; expected U, SBU, LOU, C, S, TS"
        );
        assert_eq!(e("a (b"), "column 3: ( is not closed");
        assert_eq!(e("a b)"), "column 4: ) without a ( before it");
        assert_eq!(e("x OR"), "column 3: OR needs a term on each side");
        assert_eq!(e("OR x"), "column 1: OR needs a term on each side");
        assert_eq!(e("subject:\"open"), "column 9: quote not closed");
        assert_eq!(e("a -"), "column 3: - needs a term after it");
        assert_eq!(e("()"), "column 1: empty parentheses");
        assert_eq!(e("tag:"), "column 5: tag: needs a value");
        assert!(e("foo:bar").starts_with("column 1: unknown field foo; expected id, origin,"));
        assert!(e("date:2009-13").starts_with("column 6: not a date: 2009-13;"));
        assert!(e("date:2009..2009-13").starts_with("column 12: not a date: 2009-13;"));
        assert_eq!(
            e("date:2010..2009"),
            "column 12: the range ends (2009) before it starts (2010)"
        );
        assert!(e("versions:>x").starts_with("column 11: not a number: x;"));
        assert!(e("caveat:BOGUS").starts_with("column 8: unknown caveat BOGUS; expected NOFORN,"));
        assert!(e("warning:odd").starts_with("column 9: unknown warning odd; expected any,"));
        assert_eq!(
            e("partial:maybe"),
            "column 9: partial:maybe; expected yes or no"
        );
        assert_eq!(
            e("é class:Q"),
            "column 9: unknown classification Q; expected U, SBU, LOU, C, S, TS"
        );
    }
}
