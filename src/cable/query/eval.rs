//! Evaluating a parsed query over the summaries of an index.

use std::collections::HashSet;

/// The maps below hold short keys that come from the corpus itself: a multiplicative hash (as
/// rustc's) is cheaper than the default SipHash, which resists keys chosen to collide (not a
/// concern for one's own files).
pub(super) type FxBuild = rustc_hash::FxBuildHasher;
type HashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;

use super::Caveat;
use super::keyed::{ByHash, upper_is};
use super::parse::{Cmp, DateBound, Expr, MarkingSel, Term};
use super::post::{normalize_post, post_of_id};
use super::words::Words;
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
    groups: ByHash,
    /// Each group's first cable (whose id names it) and number of cables.
    group_first: Vec<u32>,
    group_sizes: Vec<u32>,
    /// Caveats of each marking of the corpus's table, by marking number.
    marking_caveats: Vec<u32>,
    /// Caveats the captions name, by name number.
    caption_caveats: HashMap<NameId, u32>,
    /// Classification texts (a few dozen distinct) to their level, whether they say SENSITIVE
    /// or FOR OFFICIAL USE ONLY, and their caveats.
    classes: HashMap<Box<str>, (Option<Level>, bool, u32)>,
    /// Each name's group of names equal but for case, by name number; groups by upper case.
    name_groups: Vec<u32>,
    upper_names: ByHash,
    /// Each group's first name, whose text in upper case names the group; that text itself
    /// for the few groups whose first name has lower-case letters.
    group_first_name: Vec<NameId>,
    upper_spelled: HashMap<u32, Box<str>>,
    /// The subjects and ids for words, made when a query first asks.
    words: std::sync::OnceLock<Words>,
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
    /// The date's year when it is four digits, else 0: the year facet counts by it.
    year: u16,
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
        for (n, name) in corpus.names.iter().enumerate().skip(self.name_groups.len()) {
            let g = self.group_in(n as NameId, name, corpus);
            self.name_groups.push(g);
        }
        let start = self.cables.len();
        for (i, c) in corpus.cables.iter().enumerate().skip(start) {
            let facts = self.facts_of(i, c, corpus);
            self.cables.push(facts);
        }
        if let Some(words) = self.words.get_mut() {
            words.extend(&corpus.cables[start.min(corpus.cables.len())..self.cables.len()]);
        }
    }

    /// The group of the name numbered `n` (names equal but for case are one group), and the
    /// number of groups.
    pub(super) fn group_of_name(&self, n: NameId) -> Option<u32> {
        self.name_groups.get(n as usize).copied()
    }

    pub(super) fn name_group_count(&self) -> usize {
        self.group_first_name.len()
    }

    /// A group's name, in upper case.
    pub(super) fn group_name<'a>(&'a self, g: u32, corpus: &'a Corpus) -> &'a str {
        match self.upper_spelled.get(&g) {
            Some(upper) => upper,
            None => self
                .group_first_name
                .get(g as usize)
                .map_or("", |&n| corpus.names.name(n)),
        }
    }

    /// The group of name `n`, `name`, among names equal but for case, adding one when new.
    fn group_in(&mut self, n: NameId, name: &str, corpus: &Corpus) -> u32 {
        let upper;
        let key = if name.chars().any(char::is_lowercase) {
            upper = name.to_uppercase();
            upper.as_str()
        } else {
            name
        };
        if let Some(g) = self
            .upper_names
            .get(key, |g| self.group_name(g, corpus) == key)
        {
            return g;
        }
        let g = self.group_first_name.len() as u32;
        self.upper_names.insert(key, g);
        self.group_first_name.push(n);
        if key != name {
            self.upper_spelled.insert(g, key.into());
        }
        g
    }

    /// The numbers of the names equal to `name` but for case.
    fn spellings(&self, name: &str, corpus: &Corpus) -> Vec<NameId> {
        let Some(g) = self.name_group(name, corpus) else {
            return Vec::new();
        };
        (0..self.name_groups.len())
            .filter(|&n| self.name_groups[n] == g)
            .map(|n| n as NameId)
            .collect()
    }

    /// The group of names equal to `name` but for case.
    fn name_group(&self, name: &str, corpus: &Corpus) -> Option<u32> {
        let upper = name.to_uppercase();
        self.upper_names
            .get(&upper, |g| self.group_name(g, corpus) == upper)
    }

    /// The cables whose subject (and, with `ids`, whose id) holds `needle` in any case.
    fn holding(&self, corpus: &Corpus, needle: &str, ids: bool) -> Vec<u64> {
        let n = self.cables.len().min(corpus.cables.len());
        self.words
            .get_or_init(|| Words::of(&corpus.cables[..n]))
            .holding(needle, ids)
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

    /// The number of cable `i`'s post (see [`Facts::post_name`]): facets count by number.
    pub fn post_id(&self, i: usize) -> Option<u32> {
        self.cables.get(i).map(|f| f.post)
    }

    /// A post's name by its number.
    pub fn post_name(&self, id: u32) -> &str {
        self.posts.get(id as usize).map_or("", |p| p)
    }

    /// How many posts are numbered.
    pub fn post_count(&self) -> usize {
        self.posts.len()
    }

    /// Cable `i`'s year when its date starts with four digits (not 0000).
    pub fn year(&self, i: usize) -> Option<u16> {
        self.cables.get(i).map(|f| f.year).filter(|&y| y > 0)
    }

    /// Cable `i`'s caveats as bits ([`Caveat::bit`]).
    pub fn caveat_bits(&self, i: usize) -> u32 {
        self.cables.get(i).map_or(0, |f| f.caveats)
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

    fn facts_of(&mut self, i: usize, c: &CableSummary, corpus: &Corpus) -> CableFacts {
        let origin_post = match self.origins.get(c.origin()) {
            Some(&p) => p,
            None => {
                let p = self.intern_post(&normalize_post(c.origin()));
                self.origins.insert(c.origin().into(), p);
                p
            }
        };
        // The origin names the post; the id's post is taken when the origin only adds to it
        // (PlusD's `Greece Athens` for ATHENS), not when the id is damaged
        // (`85NOFORNMOGADISHU1643` from `Embassy Mogadishu`).
        let post = match post_of_id(c.id()) {
            Some(p)
                if self.posts[origin_post as usize].is_empty()
                    || p != &*self.posts[origin_post as usize]
                        && self.posts[origin_post as usize].ends_with(p) =>
            {
                self.intern_post(p)
            }
            _ => origin_post,
        };
        let (base_level, sensitive_text, mut caveats) = match self.classes.get(c.classification()) {
            Some(&v) => v,
            None => {
                let v = classification_facts(c.classification());
                self.classes.insert(c.classification().into(), v);
                v
            }
        };
        let mut sensitive = sensitive_text;
        for &n in c.captions().iter() {
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
        for &[m, _] in c.markings() {
            caveats |= self.marking_caveats.get(m as usize).copied().unwrap_or(0);
        }
        let group = self.group_of(i, c.id(), corpus);
        CableFacts {
            post,
            origin_post,
            level: match base_level {
                Some(Level::U) if sensitive => Some(Level::Sbu),
                l => l,
            },
            caveats,
            group,
            year: year_of(c.date()),
        }
    }

    fn group_of(&mut self, i: usize, id: &str, corpus: &Corpus) -> u32 {
        let upper;
        let key = if id.bytes().any(|b| b.is_ascii_lowercase()) {
            upper = id.to_ascii_uppercase();
            upper.as_str()
        } else {
            id
        };
        let g = match self.group_named(key, corpus) {
            Some(g) => g,
            None => {
                let g = self.group_sizes.len() as u32;
                self.group_sizes.push(0);
                self.group_first.push(i as u32);
                self.groups.insert(key, g);
                g
            }
        };
        self.group_sizes[g as usize] += 1;
        g
    }

    fn group_named(&self, id_upper: &str, corpus: &Corpus) -> Option<u32> {
        self.groups.get(id_upper, |g| {
            let first = self.group_first.get(g as usize);
            first
                .and_then(|&i| corpus.cables.get(i as usize))
                .is_some_and(|c| upper_is(c.id(), id_upper))
        })
    }
}

/// The level of a cable's classification (`SECRET//NOFORN` → S); an unclassified cable marked
/// for official use only, or SENSITIVE (in it or by a caption, `sensitive`), counts as SBU.
/// The first four characters of a date as a year, 0 when they are not four digits.
fn year_of(date: Option<&str>) -> u16 {
    match date.map(str::as_bytes) {
        Some([a, b, c, d, ..]) if [a, b, c, d].iter().all(|x| x.is_ascii_digit()) => [a, b, c, d]
            .iter()
            .fold(0, |y, &&x| y * 10 + u16::from(x - b'0')),
        _ => 0,
    }
}

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

/// A classification's level (before captions), whether it says it is sensitive, and the
/// caveats after its `//`.
fn classification_facts(classification: &str) -> (Option<Level>, bool, u32) {
    let caveats = classification
        .split("//")
        .skip(1)
        .filter_map(Caveat::named)
        .fold(0, |m, c| m | c.bit());
    let level = level_of_classification(classification, false);
    let sensitive = level == Some(Level::Sbu);
    (
        level.map(|l| if sensitive { Level::U } else { l }),
        sensitive,
        caveats,
    )
}

fn caveats_of_marking(m: &Marking) -> u32 {
    m.caveats
        .iter()
        .filter_map(|c| Caveat::named(c))
        .fold(0, |acc, c| acc | c.bit())
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

/// A term made ready for one corpus.
#[derive(Debug, Clone)]
enum Node {
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    Const(bool),
    /// The cables of a set (one bit each, by index).
    Set(Vec<u64>),
    Id(String),
    /// A post number: the cable's post or the post its origin names.
    Post(u32),
    /// The numbers of the names (one spelling or several, differing in case) of a tag, or
    /// of a cited id.
    Tag(Vec<NameId>),
    Cites(Vec<NameId>),
    Class(Cmp, Level),
    Caveat(u32),
    /// Which marking numbers count.
    Markings(Vec<bool>),
    Unmarked,
    Date(Option<DateBound>, Option<DateBound>),
    /// Name numbers of the signers that count.
    Signed(Vec<NameId>),
    /// Version groups of the cables cited.
    Groups(HashSet<u32>),
    Versions(Cmp, u32),
    /// A warning of one of these kinds (bits of [`WarningKinds`]).
    Warnings(u16),
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
            (Some(c), Some(f)) => eval(&self.node, i, c, f, self.facts),
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
        Term::Word(w) => Node::Set(facts.holding(corpus, w, true)),
        Term::Id(p) => Node::Id(p.clone()),
        Term::Origin(post) => match facts.post_ids.get(post.as_str()) {
            Some(&p) => Node::Post(p),
            None => Node::Const(false),
        },
        Term::Tag(t) => Node::Tag(facts.spellings(t, corpus)),
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
        Term::Subject(s) => Node::Set(facts.holding(corpus, s, false)),
        Term::Signed(s) => Node::Signed(names_where(corpus, |n| {
            n.eq_ignore_ascii_case(s)
                || n.split(|ch: char| !ch.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case(s))
        })),
        Term::Cites(id) => Node::Cites(facts.spellings(id, corpus)),
        Term::CitedBy(id) => {
            // The cables the named cable (every version of it) cites.
            let mut groups = HashSet::new();
            if let Some(g) = facts.group_named(id, corpus) {
                for (c, f) in corpus.cables.iter().zip(&facts.cables) {
                    if f.group != g {
                        continue;
                    }
                    for r in c.references() {
                        let r = corpus.names.name(r.id).to_ascii_uppercase();
                        if let Some(rg) = facts.group_named(&r, corpus) {
                            groups.insert(rg);
                        }
                    }
                }
            }
            Node::Groups(groups)
        }
        Term::Versions(cmp, n) => Node::Versions(*cmp, *n),
        Term::Partial(yes) => {
            let partial = Node::Warnings(WarningKinds::of(&["partial-extract"]).0);
            if *yes {
                partial
            } else {
                Node::Not(Box::new(partial))
            }
        }
        Term::Warning(None) => Node::Warnings(u16::MAX),
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

fn eval(node: &Node, i: usize, c: &CableSummary, f: &CableFacts, facts: &Facts) -> bool {
    match node {
        Node::And(v) => v.iter().all(|n| eval(n, i, c, f, facts)),
        Node::Or(v) => v.iter().any(|n| eval(n, i, c, f, facts)),
        Node::Not(n) => !eval(n, i, c, f, facts),
        Node::Const(b) => *b,
        Node::Set(set) => set.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0),
        Node::Id(p) => starts_with_ignore_case(c.id(), p),
        Node::Post(p) => f.post == *p || f.origin_post == *p,
        Node::Tag(ids) => c.tags().iter().any(|n| ids.contains(n)),
        Node::Class(cmp, l) => f.level.is_some_and(|level| match cmp {
            Cmp::Eq => level == *l,
            _ => cmp.holds(level.rank(), l.rank()),
        }),
        Node::Caveat(bit) => f.caveats & bit != 0,
        Node::Markings(set) => c
            .markings()
            .iter()
            .any(|&[m, n]| n > 0 && set.get(m as usize).copied().unwrap_or(false)),
        Node::Unmarked => c.unmarked > 0,
        Node::Date(from, to) => c.date().is_some_and(|d| {
            from.as_ref().is_none_or(|b| date_after(d, b))
                && to.as_ref().is_none_or(|b| date_before(d, b))
        }),
        Node::Signed(set) => c.signer().is_some_and(|n| set.contains(&n)),
        Node::Cites(ids) => c.references().any(|r| ids.contains(&r.id)),
        Node::Groups(set) => set.contains(&f.group),
        Node::Versions(cmp, n) => cmp.holds(facts.group_sizes[f.group as usize], *n),
        Node::Warnings(bits) => c.warnings.0 & bits != 0,
    }
}
