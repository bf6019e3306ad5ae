//! The links between cables: what each cable's `REF:` line cites and, over the whole index,
//! which cables cite it.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::corpus::Corpus;
use super::index::NameId;
use super::versions::Versions;

/// Where a linked cable is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Loaded: the version shown (the fullest) is this cable of the corpus.
    Loaded(usize),
    /// In the 2010 release but not among the files loaded.
    NotLoaded,
    /// Not one of the release's 251,287 ids (a cable never published, or an id the `REF:` line
    /// spells in a way no cable is named).
    NotInRelease,
}

impl Found {
    pub fn cable(self) -> Option<usize> {
        match self {
            Found::Loaded(i) => Some(i),
            _ => None,
        }
    }

    /// `loaded`, `not loaded`, `not in the release`.
    pub fn label(self) -> &'static str {
        match self {
            Found::Loaded(_) => "loaded",
            Found::NotLoaded => "not loaded",
            Found::NotInRelease => "not in the release",
        }
    }
}

/// One end of a link: a cable cited, or a cable citing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub id: String,
    /// The letter the citing cable's `REF:` list gives it (`A`), for a cited cable.
    pub letter: Option<char>,
    pub found: Found,
}

/// What cites what over a whole corpus, from the references the index keeps (no file is read
/// again): for each reference id, the cables whose `REF:` names it.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// Citing cables of reference id `n` (a number in the corpus's names) are
    /// `citing[starts[n]..starts[n + 1]]`, in corpus order.
    starts: Vec<u32>,
    citing: Vec<u32>,
}

impl Links {
    /// The graph of `corpus`: one pass over its summaries, and a counting sort.
    pub fn build(corpus: &Corpus) -> Links {
        let names = corpus.names.len();
        let mut starts = vec![0u32; names + 1];
        for c in &corpus.cables {
            for r in own_references(corpus, c) {
                if let Some(s) = starts.get_mut(r.id as usize + 1) {
                    *s += 1;
                }
            }
        }
        for n in 0..names {
            starts[n + 1] += starts[n];
        }
        let mut fill = starts.clone();
        let mut citing = vec![0u32; starts[names] as usize];
        for (i, c) in corpus.cables.iter().enumerate() {
            for r in own_references(corpus, c) {
                if let Some(at) = fill.get_mut(r.id as usize) {
                    citing[*at as usize] = i as u32;
                    *at += 1;
                }
            }
        }
        Links { starts, citing }
    }

    /// The cables citing reference id `id` (any version), in corpus order.
    fn citing_name(&self, id: NameId) -> &[u32] {
        match (
            self.starts.get(id as usize),
            self.starts.get(id as usize + 1),
        ) {
            (Some(&a), Some(&b)) => &self.citing[a as usize..b as usize],
            _ => &[],
        }
    }

    /// What cable `i` cites, in its `REF:` order, each id once.
    pub fn cites(&self, corpus: &Corpus, versions: &Versions, i: usize) -> Vec<Link> {
        let Some(c) = corpus.cables.get(i) else {
            return Vec::new();
        };
        own_references(corpus, c)
            .map(|r| {
                let id = corpus.names.name(r.id).to_string();
                Link {
                    found: find(corpus, versions, &id),
                    id,
                    letter: r.letter(),
                }
            })
            .collect()
    }

    /// The cables citing the cable with id `id`, each citing id once (its fullest version), in
    /// date order (undated last), then by id.
    pub fn cited_by(&self, corpus: &Corpus, versions: &Versions, id: &str) -> Vec<Link> {
        let Some(n) = corpus.names.id_of(id) else {
            return Vec::new();
        };
        let mut groups: Vec<usize> = Vec::new();
        let mut seen = HashSet::new();
        for &i in self.citing_name(n) {
            if let Some(g) = versions.group_of(i as usize)
                && seen.insert(g)
            {
                groups.push(g);
            }
        }
        let mut out: Vec<(usize, Link)> = groups
            .into_iter()
            .filter_map(|g| versions.shown(g))
            .map(|i| {
                let link = Link {
                    id: corpus.cables[i].id().to_string(),
                    letter: None,
                    found: Found::Loaded(i),
                };
                (i, link)
            })
            .collect();
        out.sort_by(|(a, la), (b, lb)| {
            let (da, db) = (corpus.cables[*a].date(), corpus.cables[*b].date());
            (da.is_none(), da, &la.id).cmp(&(db.is_none(), db, &lb.id))
        });
        out.into_iter().map(|(_, l)| l).collect()
    }
}

/// Versions and links of a corpus together: what a front end keeps to answer "what does this
/// cable cite, what cites it" at once (built in a fraction of a second after indexing; each
/// answer takes microseconds).
#[derive(Debug, Clone, Default)]
pub struct Web {
    pub versions: Versions,
    pub links: Links,
}

impl Web {
    pub fn build(corpus: &Corpus) -> Web {
        Web {
            versions: Versions::build(corpus),
            links: Links::build(corpus),
        }
    }

    /// The loaded cable (its fullest version) a citation names, as pasted (`09USNATO595 ¶12`,
    /// `USNATO 595` with `year`); `Err` for text that is no citation, `Ok(Err(id))` for a cable
    /// not loaded.
    pub fn resolve(
        &self,
        corpus: &Corpus,
        text: &str,
        year: Option<i32>,
    ) -> Result<Result<(usize, Option<u32>), String>, String> {
        let c = super::citation::parse(text, year)?;
        for id in c.candidates() {
            if let Found::Loaded(i) = find(corpus, &self.versions, id) {
                return Ok(Ok((i, c.paragraph)));
            }
        }
        Ok(Err(c.id))
    }

    /// What cable `i` cites.
    pub fn cites(&self, corpus: &Corpus, i: usize) -> Vec<Link> {
        self.links.cites(corpus, &self.versions, i)
    }

    /// The cables citing cable `i` (any of its versions' id).
    pub fn cited_by(&self, corpus: &Corpus, i: usize) -> Vec<Link> {
        match corpus.cables.get(i) {
            Some(c) => self.links.cited_by(corpus, &self.versions, c.id()),
            None => Vec::new(),
        }
    }
}

/// A cable's references but its own id: a page-break line inside a `REF:` text (`SAO PAULO
/// 00000619 001.5 OF 002`) reads as one, and a cable never cites itself.
fn own_references<'a>(
    corpus: &'a Corpus,
    c: &'a super::index::CableSummary,
) -> impl Iterator<Item = super::index::Reference> + 'a {
    c.references()
        .filter(move |r| corpus.names.name(r.id) != c.id())
}

/// Where the cable with this id is: loaded (its fullest version), else whether the release has
/// it.
pub fn find(corpus: &Corpus, versions: &Versions, id: &str) -> Found {
    match versions.find(corpus, id).and_then(|g| versions.shown(g)) {
        Some(i) => Found::Loaded(i),
        None if in_release(id) => Found::NotLoaded,
        None => Found::NotInRelease,
    }
}

/// The release's 251,287 ids, built into the program: sorted, each id cut into its head (year
/// and post) and its serial, serials as differences from the one before in LEB128 (about
/// 280 KB; the plain list is 3.4 MB). Written from `tests/data/cable_ids.list` by
/// [`encode_release_ids`]; a test checks the two agree.
static RELEASE_IDS_BIN: &[u8] = include_bytes!("../../assets/release-ids.bin");

/// The decoded list: serials per head, sorted; ids that do not end in a serial, whole.
struct ReleaseIds {
    serials: HashMap<Box<str>, Box<[u32]>>,
    whole: HashSet<Box<str>>,
}

static RELEASE_IDS: LazyLock<ReleaseIds> = LazyLock::new(|| {
    decode_release_ids(RELEASE_IDS_BIN).unwrap_or(ReleaseIds {
        serials: HashMap::new(),
        whole: HashSet::new(),
    })
});

/// An id's head and serial (`09USNATO`, 595); none when it does not end in a serial without
/// leading zeros.
fn split_serial(id: &str) -> Option<(&str, u32)> {
    let digits = id.bytes().rev().take_while(u8::is_ascii_digit).count();
    let (head, serial) = id.split_at(id.len() - digits);
    if head.is_empty() || serial.is_empty() || serial.starts_with('0') {
        return None;
    }
    Some((head, serial.parse().ok()?))
}

/// True when `id` is one of the 2010 release's ids.
pub fn in_release(id: &str) -> bool {
    let ids = &*RELEASE_IDS;
    match split_serial(id) {
        Some((head, serial)) => ids
            .serials
            .get(head)
            .is_some_and(|s| s.binary_search(&serial).is_ok()),
        None => ids.whole.contains(id),
    }
}

/// How many ids the built-in release list holds.
pub fn release_len() -> usize {
    let ids = &*RELEASE_IDS;
    ids.serials.values().map(|s| s.len()).sum::<usize>() + ids.whole.len()
}

fn put_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn get_varint(b: &[u8], at: &mut usize) -> Option<u32> {
    let mut n = 0u32;
    for shift in (0..35).step_by(7) {
        let byte = *b.get(*at)?;
        *at += 1;
        n |= u32::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

fn get_str<'a>(b: &'a [u8], at: &mut usize) -> Option<&'a str> {
    let n = get_varint(b, at)? as usize;
    let s = std::str::from_utf8(b.get(*at..at.checked_add(n)?)?).ok()?;
    *at += n;
    Some(s)
}

/// The built-in form of an id list (one id a line): heads, each with its serials' differences,
/// then the whole ids.
pub fn encode_release_ids(list: &str) -> Vec<u8> {
    let mut heads: std::collections::BTreeMap<&str, Vec<u32>> = Default::default();
    let mut whole: Vec<&str> = Vec::new();
    for id in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match split_serial(id) {
            Some((head, serial)) => heads.entry(head).or_default().push(serial),
            None => whole.push(id),
        }
    }
    whole.sort_unstable();
    whole.dedup();
    let mut out = Vec::new();
    put_varint(&mut out, heads.len() as u32);
    for (head, mut serials) in heads {
        serials.sort_unstable();
        serials.dedup();
        put_str(&mut out, head);
        put_varint(&mut out, serials.len() as u32);
        let mut prev = 0;
        for s in serials {
            put_varint(&mut out, s - prev);
            prev = s;
        }
    }
    put_varint(&mut out, whole.len() as u32);
    for id in whole {
        put_str(&mut out, id);
    }
    out
}

fn decode_release_ids(b: &[u8]) -> Option<ReleaseIds> {
    let mut at = 0;
    let mut serials = HashMap::new();
    for _ in 0..get_varint(b, &mut at)? {
        let head: Box<str> = get_str(b, &mut at)?.into();
        let n = get_varint(b, &mut at)? as usize;
        let mut list = Vec::with_capacity(n.min(1 << 20));
        let mut prev = 0u32;
        for _ in 0..n {
            prev = prev.checked_add(get_varint(b, &mut at)?)?;
            list.push(prev);
        }
        serials.insert(head, list.into_boxed_slice());
    }
    let mut whole = HashSet::new();
    for _ in 0..get_varint(b, &mut at)? {
        whole.insert(get_str(b, &mut at)?.into());
    }
    (at == b.len()).then_some(ReleaseIds { serials, whole })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_ids_round_trip() {
        let list = "09USNATO595\n09USNATO12\n06ASTANA\n10STATE007\n";
        let ids = decode_release_ids(&encode_release_ids(list)).unwrap();
        assert_eq!(ids.serials["09USNATO"][..], [12, 595]);
        assert!(ids.whole.contains("06ASTANA") && ids.whole.contains("10STATE007"));
        assert!(decode_release_ids(&encode_release_ids(list)[..5]).is_none());
    }
}
