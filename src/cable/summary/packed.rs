//! A summary's texts and lists, packed in two allocations: 251,287 cables each held nine
//! boxes (and 216 bytes inline), most of the reader's memory.

use super::{MarkingId, NameId, Reference};

/// The first word says which of two headers comes before the lists in [`Packed::numbers`],
/// and whether the cable has a date (an empty one is a date). The short one (five words, for
/// nearly every cable) is that word with the lengths of the marking, tag and caption lists (10
/// bits each), then the lengths of the id, date, classification and origin (a byte each),
/// then the `Classified By` and signer names (number + 1, 0 for none), then the numbers of
/// the classification and origin among the shared texts (16 bits each, [`OWN`] for a text
/// kept in the summary, whose length is then 0). The long one (eleven words) is that word,
/// the ends of the four texts, the three lengths, the two names and the shared texts.
const SHORT: u32 = 1 << 31;
const DATED: u32 = 1 << 30;
const SHORT_HEAD: usize = 5;
const LONG_HEAD: usize = 11;
/// A classification or origin kept in the summary's own texts.
const OWN: u32 = 0xffff;

/// Where the header puts the texts and the lists.
struct Layout {
    /// Ends of the id, date, classification and origin in the texts.
    ends: [usize; 4],
    /// Lengths of the marking (pairs), tag and caption lists.
    counts: [usize; 3],
    /// Where the two names are, then the shared texts' word, then the lists.
    names: usize,
}

/// The texts one after the other, and the lists as words: `[marking, count]` pairs, tags,
/// captions, `[reference id, letter]` pairs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Packed {
    texts: Box<str>,
    numbers: Box<[u32]>,
}

/// The longest text a summary keeps (a cut falls on a character boundary): its ends are
/// 31-bit numbers.
const MAX_TEXT: usize = (DATED - 1) as usize;
/// The longest list a short header numbers.
const SHORT_LIST: usize = (1 << 10) - 1;

fn cut(s: &str, room: usize) -> &str {
    if s.len() <= room {
        return s;
    }
    let mut end = room;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// What [`Packed::new`] packs.
pub(super) struct Parts<'a> {
    pub texts: [&'a str; 4],
    pub date: Option<&'a str>,
    pub markings: &'a [(MarkingId, u32)],
    pub tags: &'a [NameId],
    pub captions: &'a [NameId],
    pub references: &'a [Reference],
    pub classified_by: Option<NameId>,
    pub signer: Option<NameId>,
}

fn optional(n: Option<NameId>) -> u32 {
    n.map_or(0, |n| n.saturating_add(1))
}

impl Packed {
    pub fn new<'a>(p: Parts<'a>) -> Packed {
        let [id, classification, origin, subject] = p.texts;
        // A shared text (most classifications and origins) is not copied into the texts.
        let shared = [classification, origin].map(super::shared_texts::number);
        let own = |k: usize, t: &'a str| if shared[k].is_some() { "" } else { t };
        let four = [
            id,
            p.date.unwrap_or(""),
            own(0, classification),
            own(1, origin),
        ];
        let size = four.iter().map(|t| t.len()).sum::<usize>() + subject.len();
        let mut texts = String::with_capacity(size.min(MAX_TEXT));
        let mut ends = [0u32; 4];
        for (k, t) in four.into_iter().enumerate() {
            texts.push_str(cut(t, MAX_TEXT - texts.len()));
            ends[k] = texts.len() as u32;
        }
        let shared = shared.map(|n| n.map_or(OWN, u32::from));
        texts.push_str(cut(subject, MAX_TEXT - texts.len()));
        let lens = [
            ends[0],
            ends[1] - ends[0],
            ends[2] - ends[1],
            ends[3] - ends[2],
        ];
        let counts = [p.markings.len(), p.tags.len(), p.captions.len()];
        let dated = if p.date.is_some() { DATED } else { 0 };
        let short = lens.iter().all(|&l| l <= 0xff) && counts.iter().all(|&n| n <= SHORT_LIST);
        let mut numbers = Vec::with_capacity(
            if short { SHORT_HEAD } else { LONG_HEAD }
                + 2 * p.markings.len()
                + p.tags.len()
                + p.captions.len()
                + 2 * p.references.len(),
        );
        if short {
            numbers.push(
                SHORT
                    | dated
                    | counts[0] as u32
                    | (counts[1] as u32) << 10
                    | (counts[2] as u32) << 20,
            );
            numbers.push(lens[0] | lens[1] << 8 | lens[2] << 16 | lens[3] << 24);
        } else {
            let len = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            numbers.push(dated);
            numbers.extend(ends);
            numbers.extend(counts.map(len));
        }
        numbers.extend([optional(p.classified_by), optional(p.signer)]);
        numbers.push(shared[0] | shared[1] << 16);
        numbers.extend(p.markings.iter().flat_map(|&(m, n)| [m, n]));
        numbers.extend(p.tags);
        numbers.extend(p.captions);
        numbers.extend(
            p.references
                .iter()
                .flat_map(|r| [r.id, u32::from(r.letter)]),
        );
        Packed {
            texts: texts.into_boxed_str(),
            numbers: numbers.into_boxed_slice(),
        }
    }

    fn head(&self, k: usize) -> u32 {
        self.numbers.get(k).copied().unwrap_or(0)
    }

    fn layout(&self) -> Layout {
        let w = self.head(0);
        if w & SHORT != 0 {
            let l = self.head(1);
            let byte = |k: u32| ((l >> (8 * k)) & 0xff) as usize;
            let e0 = byte(0);
            let e1 = e0 + byte(1);
            let e2 = e1 + byte(2);
            let field = |k: u32| ((w >> (10 * k)) & 0x3ff) as usize;
            Layout {
                ends: [e0, e1, e2, e2 + byte(3)],
                counts: [field(0), field(1), field(2)],
                names: 2,
            }
        } else {
            let at = |k: usize| self.head(k) as usize;
            Layout {
                ends: [at(1), at(2), at(3), at(4)],
                counts: [at(5), at(6), at(7)],
                names: 8,
            }
        }
    }

    /// Text `k`: 0 id, 1 date, 2 classification, 3 origin, 4 subject.
    pub fn text(&self, k: usize) -> &str {
        let layout = self.layout();
        if k == 2 || k == 3 {
            let n = (self.head(layout.names + 2) >> (16 * (k - 2))) & 0xffff;
            if n != OWN {
                return super::shared_texts::text(n as u16);
            }
        }
        let ends = layout.ends;
        let end = ends.get(k).copied().unwrap_or(self.texts.len());
        let start = if k == 0 { 0 } else { ends[k - 1] };
        self.texts.get(start..end).unwrap_or("")
    }

    pub fn dated(&self) -> bool {
        self.head(0) & DATED != 0
    }

    /// The `Classified By` (0) or signer (1) name.
    pub fn name(&self, k: usize) -> Option<NameId> {
        self.head(self.layout().names + k).checked_sub(1)
    }

    /// Where the markings, tags, captions and references start in the numbers, and the end.
    fn bounds(&self) -> [usize; 5] {
        let l = self.layout();
        let n = self.numbers.len();
        let h = (l.names + 3).min(n);
        debug_assert!(l.names + 3 == SHORT_HEAD || l.names + 3 == LONG_HEAD);
        let m = (h + 2 * l.counts[0]).min(n);
        let t = (m + l.counts[1]).min(n);
        let c = (t + l.counts[2]).min(n);
        [h, m, t, c, n]
    }

    pub fn markings(&self) -> &[[u32; 2]] {
        let b = self.bounds();
        self.numbers[b[0]..b[1]].as_chunks().0
    }

    pub fn markings_mut(&mut self) -> &mut [[u32; 2]] {
        let b = self.bounds();
        self.numbers[b[0]..b[1]].as_chunks_mut().0
    }

    /// The tags (0) or captions (1).
    pub fn list(&self, k: usize) -> &[NameId] {
        let b = self.bounds();
        &self.numbers[b[1 + k]..b[2 + k]]
    }

    pub fn list_mut(&mut self, k: usize) -> &mut [NameId] {
        let b = self.bounds();
        &mut self.numbers[b[1 + k]..b[2 + k]]
    }

    pub fn references(&self) -> &[[u32; 2]] {
        let b = self.bounds();
        self.numbers[b[3]..b[4]].as_chunks().0
    }

    pub fn references_mut(&mut self) -> &mut [[u32; 2]] {
        let b = self.bounds();
        self.numbers[b[3]..b[4]].as_chunks_mut().0
    }

    /// Renumbers every name (tags, captions, references, `Classified By`, signer).
    pub fn rename(&mut self, map: impl Fn(NameId) -> NameId) {
        let at = self.layout().names;
        for k in 0..2 {
            if let Some(n) = self.name(k) {
                self.numbers[at + k] = optional(Some(map(n)));
            }
        }
        for k in 0..2 {
            self.list_mut(k).iter_mut().for_each(|n| *n = map(*n));
        }
        self.references_mut()
            .iter_mut()
            .for_each(|r| r[0] = map(r[0]));
    }
}

#[cfg(test)]
mod tests {
    use super::super::{SummaryFields, WarningKinds};
    use super::*;
    use crate::cable::Location;

    fn fields(date: Option<&str>, references: &[Reference]) -> SummaryFields {
        SummaryFields {
            id: "09USNATO595".into(),
            format: None,
            date: date.map(Into::into),
            classification: "SECRET//NOFORN".into(),
            origin: "Mission USNATO".into(),
            subject: "ALLIES ON AFGHANISTAN: ÉLECTIONS".into(),
            paragraphs: 7,
            unmarked: 1,
            markings: Box::new([(3, 4), (0, 2)]),
            tags: Box::new([5, 1, 9]),
            captions: Box::new([]),
            references: references.into(),
            classified_by: Some(0),
            signer: None,
            warnings: WarningKinds(0b101),
            text: Default::default(),
            location: Location::Record {
                file: 2,
                bytes: 10..20,
                record: 4,
            },
        }
    }

    #[test]
    fn every_field_comes_back_as_it_was_packed() {
        let refs = [
            Reference {
                id: 7,
                letter: b'A',
            },
            Reference { id: 0, letter: 0 },
        ];
        for date in [Some("2009-06-11T15:03:00Z"), Some(""), None] {
            for r in [&refs[..], &[]] {
                let f = fields(date, r);
                let c = f.clone().pack();
                assert_eq!(c.fields(), f);
                assert_eq!(c.id(), "09USNATO595");
                assert_eq!(c.date(), date);
                assert_eq!(c.subject(), "ALLIES ON AFGHANISTAN: ÉLECTIONS");
                assert_eq!(c.markings(), &[[3, 4], [0, 2]]);
                assert_eq!(c.tags(), &[5, 1, 9]);
                assert!(c.captions().is_empty());
                assert_eq!(c.references().len(), r.len());
                assert_eq!(c.classified_by(), Some(0));
                assert_eq!(c.signer(), None);
            }
        }
    }

    #[test]
    fn empty_texts_and_lists_and_renumbered_names() {
        let mut f = fields(
            None,
            &[Reference {
                id: 2,
                letter: b'B',
            }],
        );
        f.id = "".into();
        f.classification = "".into();
        f.origin = "".into();
        f.subject = "".into();
        f.markings = Box::new([]);
        f.tags = Box::new([]);
        f.captions = Box::new([4]);
        f.signer = Some(6);
        let mut c = f.clone().pack();
        assert_eq!(c.fields(), f);
        c.rename(|n| n * 10);
        let g = c.fields();
        assert_eq!(&*g.captions, &[40]);
        assert_eq!(
            g.references[0],
            Reference {
                id: 20,
                letter: b'B'
            }
        );
        assert_eq!((g.classified_by, g.signer), (Some(0), Some(60)));
        assert_eq!(c.subject(), "");
    }

    #[test]
    fn a_text_too_long_is_cut_at_a_character() {
        assert_eq!(cut("aé", 2), "a");
        assert_eq!(cut("aé", 3), "aé");
        assert_eq!(cut("", 0), "");
    }
}

#[cfg(test)]
mod headers {
    use super::super::{SummaryFields, WarningKinds};
    use super::*;
    use crate::cable::Location;

    /// Texts and lists too long for the short header come back as well.
    #[test]
    fn long_texts_and_lists_take_the_long_header() {
        let long = "X".repeat(300);
        let many: Vec<NameId> = (0..1500).collect();
        let base = SummaryFields {
            id: "10STATE1".into(),
            format: None,
            date: Some("2010-01-01T00:00:00Z".into()),
            classification: "SECRET".into(),
            origin: "Secretary of State".into(),
            subject: long.as_str().into(),
            paragraphs: 0,
            unmarked: 0,
            markings: Box::new([(1, 1)]),
            tags: Box::new([2]),
            captions: Box::new([3]),
            references: Box::new([Reference {
                id: 4,
                letter: b'C',
            }]),
            classified_by: Some(5),
            signer: Some(6),
            warnings: WarningKinds(0),
            text: Default::default(),
            location: Location::Cable {
                file: 0,
                nth: 1,
                record: Some(2),
            },
        };
        let mut variants = vec![base.clone()];
        for k in 0..4 {
            let mut f = base.clone();
            match k {
                0 => f.id = long.as_str().into(),
                1 => f.date = Some(long.as_str().into()),
                2 => f.classification = long.as_str().into(),
                _ => f.origin = long.as_str().into(),
            }
            variants.push(f);
        }
        for k in 0..3 {
            let mut f = base.clone();
            match k {
                0 => f.markings = many.iter().map(|&m| (m, m + 1)).collect(),
                1 => f.tags = many.clone().into(),
                _ => f.captions = many.clone().into(),
            }
            variants.push(f);
        }
        for (k, f) in variants.into_iter().enumerate() {
            let c = f.clone().pack();
            assert_eq!(c.packed.head(0) & SHORT != 0, k == 0, "variant {k}");
            assert_eq!(c.fields(), f, "variant {k}");
            let mut r = c.clone();
            r.rename(|n| n + 1);
            assert_eq!(r.classified_by(), Some(6));
            assert_eq!(r.signer(), Some(7));
            assert_eq!(r.references().next().map(|r| r.id), Some(5));
            assert_eq!(r.subject(), c.subject());
        }
    }
}
