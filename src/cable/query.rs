//! The query language that finds cables among the summaries of an index: the same in the
//! reader and on the command line (`--where`).
//!
//! ```text
//! origin:PARIS class:>=C date:2009-01..2009-06 -caveat:NOFORN (tag:PREL OR tag:PGOV) "human rights"
//! ```
//!
//! Terms joined by spaces must all hold; `OR` joins alternatives (it binds less tightly than the
//! space), `-` negates a term, parentheses group and double quotes keep spaces in a word or a
//! value. A bare word or phrase matches the subject or the id, in any case. The fields are
//! listed in [`parse::FIELDS`] and documented in the README ("Finding cables").
//!
//! A query is parsed once ([`Query::parse`], a pure function whose errors name their column),
//! then bound to a corpus ([`Query::bind`]), which looks up what it names there (posts,
//! markings, the cables a `cited-by:` cable cites), and evaluated per cable. [`Facts`] holds what
//! evaluation needs beyond the summaries, computed once per corpus and extended as it grows.

mod eval;
mod facets;
mod keyed;
pub mod parse;
pub mod post;
mod words;

pub use eval::{Bound, Facts, level_of_classification};
pub use facets::{Facet, facets};
pub use parse::{Cmp, DateBound, Expr, MarkingSel, Term};
pub use post::{normalize_post, post_of_id};

use super::corpus::Corpus;

/// A mistake in a query, at a column (1-based, in characters) of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

impl std::error::Error for QueryError {}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    text: String,
    expr: Expr,
}

impl Query {
    /// Parses `text`; an empty (or blank) query matches every cable.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        Ok(Query {
            text: text.to_string(),
            expr: parse::parse(text)?,
        })
    }

    /// The text it was parsed from.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// True when it holds no term (it matches every cable).
    pub fn is_empty(&self) -> bool {
        matches!(&self.expr, Expr::And(v) if v.is_empty())
    }

    /// The query ready to test the cables of `corpus`; `facts` must be up to date with it
    /// ([`Facts::update`]).
    pub fn bind<'a>(&self, corpus: &'a Corpus, facts: &'a Facts) -> Bound<'a> {
        Bound::new(&self.expr, corpus, facts)
    }

    /// The indexes of the cables that match, in corpus order (tested on all cores).
    pub fn select(&self, corpus: &Corpus, facts: &Facts) -> Vec<usize> {
        use rayon::prelude::*;
        let bound = self.bind(corpus, facts);
        (0..corpus.cables.len().min(facts.len()))
            .into_par_iter()
            .with_min_len(4096)
            .filter(|&i| bound.matches(i))
            .collect()
    }
}

/// A caveat: who may read a cable, or how it is handled. Named by captions (`SIPDIS`,
/// `EXDIS`), by the classification (`SECRET//NOFORN`) and by paragraph markings (`S//NF`,
/// `C//REL NATO`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Caveat {
    Noforn,
    Rel,
    Sipdis,
    Exdis,
    Nodis,
    Limdis,
    Stadis,
    Sensitive,
    Fouo,
    Fgi,
    Orcon,
    Propin,
    Nocontract,
    Les,
    Si,
    Tk,
    Hcs,
    Imcon,
    Cherokee,
    Roger,
    Dissent,
}

impl Caveat {
    pub const ALL: [Caveat; 21] = [
        Caveat::Noforn,
        Caveat::Rel,
        Caveat::Sipdis,
        Caveat::Exdis,
        Caveat::Nodis,
        Caveat::Limdis,
        Caveat::Stadis,
        Caveat::Sensitive,
        Caveat::Fouo,
        Caveat::Fgi,
        Caveat::Orcon,
        Caveat::Propin,
        Caveat::Nocontract,
        Caveat::Les,
        Caveat::Si,
        Caveat::Tk,
        Caveat::Hcs,
        Caveat::Imcon,
        Caveat::Cherokee,
        Caveat::Roger,
        Caveat::Dissent,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Caveat::Noforn => "NOFORN",
            Caveat::Rel => "REL",
            Caveat::Sipdis => "SIPDIS",
            Caveat::Exdis => "EXDIS",
            Caveat::Nodis => "NODIS",
            Caveat::Limdis => "LIMDIS",
            Caveat::Stadis => "STADIS",
            Caveat::Sensitive => "SENSITIVE",
            Caveat::Fouo => "FOUO",
            Caveat::Fgi => "FGI",
            Caveat::Orcon => "ORCON",
            Caveat::Propin => "PROPIN",
            Caveat::Nocontract => "NOCONTRACT",
            Caveat::Les => "LES",
            Caveat::Si => "SI",
            Caveat::Tk => "TK",
            Caveat::Hcs => "HCS",
            Caveat::Imcon => "IMCON",
            Caveat::Cherokee => "CHEROKEE",
            Caveat::Roger => "ROGER",
            Caveat::Dissent => "DISSENT",
        }
    }

    /// The caveat a caption, marking caveat or query value names (`NF`, `noforn`, `REL NATO`,
    /// `REL TO USA, FVEY`, `FOR OFFICIAL USE ONLY`).
    pub fn named(text: &str) -> Option<Caveat> {
        let upper = text.trim().to_uppercase();
        if upper == "NF" {
            return Some(Caveat::Noforn);
        }
        if upper == "FOR OFFICIAL USE ONLY" {
            return Some(Caveat::Fouo);
        }
        if upper == "REL" || upper.starts_with("REL ") {
            return Some(Caveat::Rel);
        }
        Caveat::ALL.iter().copied().find(|c| c.name() == upper)
    }

    /// Its bit in a set of caveats.
    pub fn bit(self) -> u32 {
        1 << (self as u32)
    }
}
