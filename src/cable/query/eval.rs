//! Evaluating a parsed query over the summaries of an index.

use std::collections::{HashMap, HashSet};

use super::Caveat;
use super::parse::{Cmp, DateBound, Expr, MarkingSel, Term};
use super::post::{normalize_post, post_of_id};
use crate::cable::corpus::Corpus;
use crate::cable::index::{CableSummary, NameId, WarningKinds};
use crate::cable::marking::{Level, Marking};

/// What evaluation needs beyond the summaries, per cable of a corpus: its post, level, caveats
/// and version group, found once (a query over the whole release then only compares numbers).
#[derive(Debug, Clone, Default)]
pub struct Facts {
    cables: Vec<CableFacts>,
    /// Post names, by number.
    posts: Vec<Box<str>>,
    post_ids: HashMap<Box<str>, u32>,
    /// Origin texts as the sources give them, to their post numbers (the same few hundred
    /// names recur).
    origins: HashMap<Box<str>, u32>,
    /// Ids (upper case) to their version group; the number of cables in each group.
    groups: HashMap<Box<str>, u32>,
    group_sizes: Vec<u32>,
    /// Caveats of each marking of the corpus's table, by marking number.
    marking_caveats: Vec<u32>,
    /// Caveats the captions name, by name number.
    caption_caveats: HashMap<NameId, u32>,
}

#[derive(Debug, Clone, Copy)]
struct CableFacts {
    /// The post: the origin's, or the id's where the origin only adds a country to it.
    post: u32,
    /// The post the origin names (the same as `post` for most sources).
    origin_post: u32,
    level: Option<Level>,
    caveats: u32,
    group: u32,
}

impl Facts {
    /// Facts for every cable of `corpus`.
    pub fn new(corpus: &Corpus) -> Facts {
        let mut f = Facts::default();
        f.update(corpus);
        f
    }

    /// Takes in the cables (and markings) added to `corpus` since the last update.
    pub fn update(&mut self, corpus: &Corpus) {
        for (_, m) in corpus.markings.iter().skip(self.marking_caveats.len()) {
            self.marking_caveats.push(caveats_of_marking(m));
        }
        let start = self.cables.len();
        for c in &corpus.cables[start.min(corpus.cables.len())..] {
            let facts = self.facts_of(c, corpus);
            self.cables.push(facts);
        }
    }

    /// Number of cables taken in.
    pub fn len(&self) -> usize {
        self.cables.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cables.is_empty()
    }

    /// The post of cable `i`, as `origin:` and the origin facet name it (`PARIS`).
    pub fn post(&self, i: usize) -> Option<&str> {
        self.cables.get(i).map(|f| &*self.posts[f.post as usize])
    }

    /// The classification level of cable `i`, as `class:` compares it.
    pub fn level(&self, i: usize) -> Option<Level> {
        self.cables.get(i).and_then(|f| f.level)
    }

    /// The caveats of cable `i`, as `caveat:` finds them.
    pub fn caveats(&self, i: usize) -> Vec<Caveat> {
        let mask = self.cables.get(i).map_or(0, |f| f.caveats);
        Caveat::ALL
            .iter()
            .copied()
            .filter(|c| mask & c.bit() != 0)
            .collect()
    }

    /// How many cables of the corpus have the id of cable `i` (its versions).
    pub fn versions(&self, i: usize) -> u32 {
        self.cables
            .get(i)
            .map_or(0, |f| self.group_sizes[f.group as usize])
    }

    fn intern_post(&mut self, post: &str) -> u32 {
        if let Some(&id) = self.post_ids.get(post) {
            return id;
        }
        let id = self.posts.len() as u32;
        self.posts.push(post.into());
        self.post_ids.insert(post.into(), id);
        id
    }

    fn facts_of(&mut self, c: &CableSummary, corpus: &Corpus) -> CableFacts {
        let origin_post = match self.origins.get(&*c.origin) {
            Some(&p) => p,
            None => {
                let p = self.intern_post(&normalize_post(&c.origin));
                self.origins.insert(c.origin.clone(), p);
                p
            }
        };
        // The origin names the post; the id's post is taken when the origin only adds to it
        // (PlusD's `Greece Athens` for ATHENS), not when the id is damaged
        // (`85NOFORNMOGADISHU1643` from `Embassy Mogadishu`).
        let post = match post_of_id(&c.id) {
            Some(p)
                if self.posts[origin_post as usize].is_empty()
                    || p != &*self.posts[origin_post as usize]
                        && self.posts[origin_post as usize].ends_with(p) =>
            {
                self.intern_post(p)
            }
            _ => origin_post,
        };
        let mut caveats = caveats_of_classification(&c.classification);
        let mut sensitive = false;
        for &n in c.captions.iter() {
            let bits = match self.caption_caveats.get(&n) {
                Some(&b) => b,
                None => {
                    let b = Caveat::named(corpus.names.name(n)).map_or(0, Caveat::bit);
                    self.caption_caveats.insert(n, b);
                    b
                }
            };
            sensitive |= bits & Caveat::Sensitive.bit() != 0;
            caveats |= bits;
        }
        for &(m, _) in c.markings.iter() {
            caveats |= self.marking_caveats.get(m as usize).copied().unwrap_or(0);
        }
        let group = self.group_of(&c.id);
        CableFacts {
            post,
            origin_post,
            level: level_of_classification(&c.classification, sensitive),
            caveats,
            group,
        }
    }

    fn group_of(&mut self, id: &str) -> u32 {
        let upper;
        let key = if id.bytes().any(|b| b.is_ascii_lowercase()) {
            upper = id.to_ascii_uppercase();
            upper.as_str()
        } else {
            id
        };
        let g = match self.groups.get(key) {
            Some(&g) => g,
            None => {
                let g = self.group_sizes.len() as u32;
                self.group_sizes.push(0);
                self.groups.insert(key.into(), g);
                g
            }
        };
        self.group_sizes[g as usize] += 1;
        g
    }

    fn group_named(&self, id_upper: &str) -> Option<u32> {
        self.groups.get(id_upper).copied()
    }
}

/// The level of a cable's classification (`SECRET//NOFORN` → S); an unclassified cable marked
/// for official use only, or SENSITIVE (in it or by a caption, `sensitive`), counts as SBU.
pub fn level_of_classification(classification: &str, sensitive: bool) -> Option<Level> {
    let level = Level::of_classification(classification)?;
    if level != Level::U {
        return Some(level);
    }
    let upper = classification.to_ascii_uppercase();
    let sensitive = upper.contains("FOR OFFICIAL USE ONLY")
        || upper.contains("FOUO")
        || upper.contains("SENSITIVE")
        || sensitive;
    Some(if sensitive { Level::Sbu } else { Level::U })
}

fn caveats_of_classification(classification: &str) -> u32 {
    classification
        .split("//")
        .skip(1)
        .filter_map(Caveat::named)
        .fold(0, |m, c| m | c.bit())
}

fn caveats_of_marking(m: &Marking) -> u32 {
    m.caveats
        .iter()
        .filter_map(|c| Caveat::named(c))
        .fold(0, |acc, c| acc | c.bit())
}

/// The names of a summary's TAGS (as the corpus's name table spells them).
pub(super) fn tags<'a>(c: &'a CableSummary, corpus: &'a Corpus) -> impl Iterator<Item = &'a str> {
    c.tags.iter().map(|&n| corpus.names.name(n))
}

/// The numbers of the names that `want` accepts.
fn names_where(corpus: &Corpus, want: impl Fn(&str) -> bool) -> Vec<NameId> {
    corpus
        .names
        .iter()
        .enumerate()
        .filter(|(_, n)| want(n))
        .map(|(i, _)| i as NameId)
        .collect()
}

/// Case-insensitive substring search without copying the text searched.
#[derive(Debug, Clone)]
pub(super) struct Needle {
    lower: String,
    ascii: bool,
}

impl Needle {
    pub(super) fn new(text: &str) -> Needle {
        Needle {
            lower: text.to_lowercase(),
            ascii: text.is_ascii(),
        }
    }

    pub(super) fn is_in(&self, hay: &str) -> bool {
        let n = self.lower.as_bytes();
        if n.is_empty() {
            return true;
        }
        if !self.ascii || !hay.is_ascii() && !n.is_ascii() {
            return hay.to_lowercase().contains(&self.lower);
        }
        let h = hay.as_bytes();
        if h.len() < n.len() {
            return false;
        }
        let first = n[0];
        let last_start = h.len() - n.len();
        memchr::memchr2_iter(first, first.to_ascii_uppercase(), &h[..=last_start])
            .any(|at| h[at..at + n.len()].eq_ignore_ascii_case(n))
    }
}

/// A term made ready for one corpus.
#[derive(Debug, Clone)]
enum Node {
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    Const(bool),
    Word(Needle, String),
    Id(String),
    /// A post number: the cable's post or the post its origin names.
    Post(u32),
    /// Name numbers: of the tags, the signer or the cited ids that count.
    Tags(Vec<NameId>),
    Class(Cmp, Level),
    Caveat(u32),
    /// Which marking numbers count.
    Markings(Vec<bool>),
    Unmarked,
    Date(Option<DateBound>, Option<DateBound>),
    Subject(Needle),
    Signed(Vec<NameId>),
    Cites(Vec<NameId>),
    /// Version groups of the cables cited.
    Groups(HashSet<u32>),
    Versions(Cmp, u32),
    /// A warning of one of these kinds (bits of [`WarningKinds`]).
    Warnings(u8),
}

/// A query bound to a corpus: [`Bound::matches`] tests one cable.
#[derive(Debug, Clone)]
pub struct Bound<'a> {
    node: Node,
    corpus: &'a Corpus,
    facts: &'a Facts,
}

impl<'a> Bound<'a> {
    pub(super) fn new(expr: &Expr, corpus: &'a Corpus, facts: &'a Facts) -> Bound<'a> {
        Bound {
            node: prepare(expr, corpus, facts),
            corpus,
            facts,
        }
    }

    /// True when cable `i` of the corpus matches.
    pub fn matches(&self, i: usize) -> bool {
        match (self.corpus.cables.get(i), self.facts.cables.get(i)) {
            (Some(c), Some(f)) => eval(&self.node, c, f, self.facts),
            _ => false,
        }
    }
}

fn prepare(expr: &Expr, corpus: &Corpus, facts: &Facts) -> Node {
    match expr {
        Expr::And(v) => Node::And(v.iter().map(|e| prepare(e, corpus, facts)).collect()),
        Expr::Or(v) => Node::Or(v.iter().map(|e| prepare(e, corpus, facts)).collect()),
        Expr::Not(e) => Node::Not(Box::new(prepare(e, corpus, facts))),
        Expr::Term(t) => prepare_term(t, corpus, facts),
    }
}

fn prepare_term(t: &Term, corpus: &Corpus, facts: &Facts) -> Node {
    match t {
        Term::Word(w) => Node::Word(Needle::new(w), w.to_ascii_uppercase()),
        Term::Id(p) => Node::Id(p.clone()),
        Term::Origin(post) => match facts.post_ids.get(post.as_str()) {
            Some(&p) => Node::Post(p),
            None => Node::Const(false),
        },
        Term::Tag(t) => Node::Tags(names_where(corpus, |n| n.eq_ignore_ascii_case(t))),
        Term::Class(cmp, l) => Node::Class(*cmp, *l),
        Term::Caveat(c) => Node::Caveat(c.bit()),
        Term::Marking(MarkingSel::Unmarked) => Node::Unmarked,
        Term::Marking(sel) => Node::Markings(
            corpus
                .markings
                .iter()
                .map(|(_, m)| match sel {
                    MarkingSel::Level(l) => m.level == *l,
                    MarkingSel::Exact(x) => m == x,
                    MarkingSel::Unmarked => false,
                })
                .collect(),
        ),
        Term::Date { from, to } => Node::Date(from.clone(), to.clone()),
        Term::Subject(s) => Node::Subject(Needle::new(s)),
        Term::Signed(s) => Node::Signed(names_where(corpus, |n| {
            n.eq_ignore_ascii_case(s)
                || n.split(|ch: char| !ch.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case(s))
        })),
        Term::Cites(id) => Node::Cites(names_where(corpus, |n| n.eq_ignore_ascii_case(id))),
        Term::CitedBy(id) => {
            // The cables the named cable (every version of it) cites.
            let mut groups = HashSet::new();
            if let Some(g) = facts.group_named(id) {
                for (c, f) in corpus.cables.iter().zip(&facts.cables) {
                    if f.group != g {
                        continue;
                    }
                    for r in c.references.iter() {
                        let r = corpus.names.name(r.id).to_ascii_uppercase();
                        if let Some(rg) = facts.group_named(&r) {
                            groups.insert(rg);
                        }
                    }
                }
            }
            Node::Groups(groups)
        }
        Term::Versions(cmp, n) => Node::Versions(*cmp, *n),
        Term::Warning(None) => Node::Warnings(u8::MAX),
        Term::Warning(Some(k)) => Node::Warnings(WarningKinds::of(&[k.as_str()]).0),
    }
}

/// The date cut to the bound's length, compared with it.
fn date_after(date: &str, b: &DateBound) -> bool {
    let d = date.get(..b.prefix.len()).unwrap_or(date);
    if b.inclusive {
        d >= b.prefix.as_str()
    } else {
        d > b.prefix.as_str()
    }
}

fn date_before(date: &str, b: &DateBound) -> bool {
    let d = date.get(..b.prefix.len()).unwrap_or(date);
    if b.inclusive {
        d <= b.prefix.as_str()
    } else {
        d < b.prefix.as_str()
    }
}

fn starts_with_ignore_case(s: &str, prefix_upper: &str) -> bool {
    s.len() >= prefix_upper.len()
        && s.as_bytes()[..prefix_upper.len()].eq_ignore_ascii_case(prefix_upper.as_bytes())
}

fn eval(node: &Node, c: &CableSummary, f: &CableFacts, facts: &Facts) -> bool {
    match node {
        Node::And(v) => v.iter().all(|n| eval(n, c, f, facts)),
        Node::Or(v) => v.iter().any(|n| eval(n, c, f, facts)),
        Node::Not(n) => !eval(n, c, f, facts),
        Node::Const(b) => *b,
        Node::Word(needle, upper) => {
            needle.is_in(&c.subject) || (upper.is_ascii() && contains_ignore_case(&c.id, upper))
        }
        Node::Id(p) => starts_with_ignore_case(&c.id, p),
        Node::Post(p) => f.post == *p || f.origin_post == *p,
        Node::Tags(set) => c.tags.iter().any(|n| set.contains(n)),
        Node::Class(cmp, l) => f.level.is_some_and(|level| match cmp {
            Cmp::Eq => level == *l,
            _ => cmp.holds(level.rank(), l.rank()),
        }),
        Node::Caveat(bit) => f.caveats & bit != 0,
        Node::Markings(set) => c
            .markings
            .iter()
            .any(|&(m, n)| n > 0 && set.get(m as usize).copied().unwrap_or(false)),
        Node::Unmarked => c.unmarked > 0,
        Node::Date(from, to) => c.date.as_deref().is_some_and(|d| {
            from.as_ref().is_none_or(|b| date_after(d, b))
                && to.as_ref().is_none_or(|b| date_before(d, b))
        }),
        Node::Subject(needle) => needle.is_in(&c.subject),
        Node::Signed(set) => c.signer.is_some_and(|n| set.contains(&n)),
        Node::Cites(set) => c.references.iter().any(|r| set.contains(&r.id)),
        Node::Groups(set) => set.contains(&f.group),
        Node::Versions(cmp, n) => cmp.holds(facts.group_sizes[f.group as usize], *n),
        Node::Warnings(bits) => c.warnings.0 & bits != 0,
    }
}

fn contains_ignore_case(hay: &str, upper: &str) -> bool {
    let (h, n) = (hay.as_bytes(), upper.as_bytes());
    n.is_empty() || h.len() >= n.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}
