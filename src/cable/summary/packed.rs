//! A summary's texts and lists, packed in two allocations: 251,287 cables each held nine
//! boxes (and 216 bytes inline), most of the reader's memory.

use super::{MarkingId, NameId, Reference};

/// Words before the lists in [`Packed::numbers`]: the ends of the id, date, classification
/// and origin in the texts, the lengths of the marking, tag and caption lists, and the
/// `Classified By` and signer names (number + 1, 0 for none).
const HEAD: usize = 9;
/// The bit of the date's end that says the cable has a date (an empty one is a date).
const DATED: u32 = 1 << 31;

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
    pub fn new(p: Parts) -> Packed {
        let [id, classification, origin, subject] = p.texts;
        let mut texts = String::new();
        let mut ends = [0u32; 4];
        for (k, t) in [id, p.date.unwrap_or(""), classification, origin]
            .into_iter()
            .enumerate()
        {
            texts.push_str(cut(t, MAX_TEXT - texts.len()));
            ends[k] = texts.len() as u32;
        }
        texts.push_str(cut(subject, MAX_TEXT - texts.len()));
        if p.date.is_some() {
            ends[1] |= DATED;
        }
        let len = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let mut numbers = Vec::with_capacity(
            HEAD + 2 * p.markings.len() + p.tags.len() + p.captions.len() + 2 * p.references.len(),
        );
        numbers.extend(ends);
        numbers.extend([
            len(p.markings.len()),
            len(p.tags.len()),
            len(p.captions.len()),
            optional(p.classified_by),
            optional(p.signer),
        ]);
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

    /// Text `k`: 0 id, 1 date, 2 classification, 3 origin, 4 subject.
    pub fn text(&self, k: usize) -> &str {
        let end = |k: usize| match k {
            4 => self.texts.len(),
            _ => (self.head(k) & !DATED) as usize,
        };
        let start = if k == 0 { 0 } else { end(k - 1) };
        self.texts.get(start..end(k)).unwrap_or("")
    }

    pub fn dated(&self) -> bool {
        self.head(1) & DATED != 0
    }

    pub fn name(&self, k: usize) -> Option<NameId> {
        self.head(k).checked_sub(1)
    }

    /// Where the markings, tags, captions and references start in the numbers, and the end.
    fn bounds(&self) -> [usize; 5] {
        let n = self.numbers.len();
        let m = (HEAD + 2 * self.head(4) as usize).min(n);
        let t = (m + self.head(5) as usize).min(n);
        let c = (t + self.head(6) as usize).min(n);
        [HEAD.min(n), m, t, c, n]
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
        for k in [7, 8] {
            if let Some(n) = self.name(k) {
                self.numbers[k] = optional(Some(map(n)));
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
