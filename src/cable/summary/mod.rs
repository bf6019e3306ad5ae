//! What the index keeps of one cable ([`CableSummary`]), and the tables its numbers refer to.

mod packed;
mod shared_texts;
pub mod tables;

use std::ops::Range;

use super::build;
use super::model::Format;
use packed::{Packed, Parts};
pub use tables::{MarkingId, MarkingTable, NameId, NameTable};

/// A cited cable: its id's number in the [`NameTable`] and its letter in the `REF:` list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub id: NameId,
    /// `b'A'` for `A. 09 STATE 123`; 0 when the list gives no letter.
    pub letter: u8,
}

impl Reference {
    pub fn letter(&self) -> Option<char> {
        (self.letter != 0).then_some(self.letter as char)
    }
}

/// The kinds of a cable's warnings, one bit each (see [`build::warning_kind`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct WarningKinds(pub u16);

impl WarningKinds {
    /// Every kind, in bit order.
    pub const ALL: [&'static str; 10] = [
        "number-skipped",
        "number-repeated",
        "numbering-starts-at",
        "partial-extract",
        "missing-text",
        "banner-below-marking",
        "unknown-marking",
        "decoded",
        "note",
        "number-implausible",
    ];

    pub fn of(kinds: &[&str]) -> WarningKinds {
        let mut bits = 0u16;
        for k in kinds {
            if let Some(i) = Self::ALL.iter().position(|a| a == k) {
                bits |= 1 << i;
            }
        }
        WarningKinds(bits)
    }

    pub fn contains(self, kind: &str) -> bool {
        Self::ALL
            .iter()
            .position(|a| *a == kind)
            .is_some_and(|i| self.0 & (1 << i) != 0)
    }

    /// The kinds present, in bit order.
    pub fn names(self) -> Vec<&'static str> {
        (0..Self::ALL.len())
            .filter(|i| self.0 & (1 << i) != 0)
            .map(|i| Self::ALL[i])
            .collect()
    }
}

/// Where a cable's text lies, to parse it again when it is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A record of a `cables.csv` file: its bytes and its record number.
    Record {
        file: u32,
        bytes: Range<u64>,
        record: u64,
    },
    /// The `nth` cable (from 0) of a file of another format (a page holds one, sometimes two);
    /// `record` when the text quotes a `cables.csv` row.
    Cable {
        file: u32,
        nth: u32,
        record: Option<u64>,
    },
}

impl Location {
    /// Index of the file in the corpus's file list.
    pub fn file(&self) -> u32 {
        match self {
            Location::Record { file, .. } | Location::Cable { file, .. } => *file,
        }
    }

    /// Record number within a `cables.csv` file.
    pub fn record(&self) -> Option<u64> {
        match self {
            Location::Record { record, .. } => Some(*record),
            Location::Cable { record, .. } => *record,
        }
    }
}

/// What the list and the filters need of one cable. Its texts and lists are packed
/// ([`packed`]): read them with the methods of the same names; build one from
/// [`SummaryFields`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CableSummary {
    packed: Packed,
    /// The published form this version was read from.
    pub format: Option<Format>,
    /// Number of paragraphs.
    pub paragraphs: u32,
    /// Paragraphs without a marking (none of their own and none inherited).
    pub unmarked: u32,
    pub warnings: WarningKinds,
    /// Letters and redactions, to tell the fullest of several versions.
    pub text: build::TextSize,
    pub location: Location,
}

/// A summary's fields one by one, to make a [`CableSummary`] with [`SummaryFields::pack`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryFields {
    pub id: Box<str>,
    /// The published form this version was read from.
    pub format: Option<Format>,
    /// UTC, ISO 8601, as [`Cable::date`](super::Cable::date).
    pub date: Option<Box<str>>,
    pub classification: Box<str>,
    pub origin: Box<str>,
    pub subject: Box<str>,
    /// Number of paragraphs.
    pub paragraphs: u32,
    /// Paragraphs without a marking (none of their own and none inherited).
    pub unmarked: u32,
    /// Marking and paragraph count, highest level first, then by name (as `list` prints them).
    pub markings: Box<[(MarkingId, u32)]>,
    /// TAGS, in order (numbers in the corpus's [`NameTable`], as for the fields below).
    pub tags: Box<[NameId]>,
    /// SIPDIS, NOFORN, EXDIS, ... in order.
    pub captions: Box<[NameId]>,
    /// The resolved reference ids, in order, with their letters.
    pub references: Box<[Reference]>,
    pub classified_by: Option<NameId>,
    /// The signer, as [`Cable::signed_by`](super::Cable) names it.
    pub signer: Option<NameId>,
    pub warnings: WarningKinds,
    /// Letters and redactions, to tell the fullest of several versions.
    pub text: build::TextSize,
    pub location: Location,
}

impl SummaryFields {
    pub fn pack(self) -> CableSummary {
        CableSummary {
            packed: Packed::new(Parts {
                texts: [&self.id, &self.classification, &self.origin, &self.subject],
                date: self.date.as_deref(),
                markings: &self.markings,
                tags: &self.tags,
                captions: &self.captions,
                references: &self.references,
                classified_by: self.classified_by,
                signer: self.signer,
            }),
            format: self.format,
            paragraphs: self.paragraphs,
            unmarked: self.unmarked,
            warnings: self.warnings,
            text: self.text,
            location: self.location,
        }
    }

    /// A summary holding only what [`build::summarize`] adds to the list's fields, taken from a
    /// cable already loaded (its text size measured on its decoded texts); the rest is empty, to
    /// fill with `..` in a literal.
    pub fn names_of(c: &super::Cable, names: &mut NameTable) -> SummaryFields {
        let letters = build::reference_letters(c);
        let mut text = build::TextSize::of(&c.header);
        for t in std::iter::once(&c.preamble)
            .chain(c.paragraphs.iter().map(|p| &p.text))
            .chain(std::iter::once(&c.closing))
        {
            let t = build::TextSize::of(t);
            text.letters = text.letters.saturating_add(t.letters);
            text.redactions = text.redactions.saturating_add(t.redactions);
        }
        SummaryFields {
            id: "".into(),
            format: c.format,
            date: None,
            classification: "".into(),
            origin: "".into(),
            subject: "".into(),
            paragraphs: 0,
            unmarked: 0,
            markings: Box::new([]),
            tags: c.tags.iter().map(|t| names.intern(t)).collect(),
            captions: c.captions.iter().map(|t| names.intern(t)).collect(),
            references: c
                .references
                .iter()
                .zip(letters)
                .map(|(r, l)| Reference {
                    id: names.intern(r),
                    letter: l.map_or(0, |c| c as u8),
                })
                .collect(),
            classified_by: c.classified_by.as_deref().map(|t| names.intern(t)),
            signer: c.signed_by.as_deref().map(|t| names.intern(t)),
            warnings: WarningKinds::of(&build::warning_kinds(&c.warnings)),
            text,
            location: Location::Cable {
                file: 0,
                nth: 0,
                record: None,
            },
        }
    }
}

impl CableSummary {
    /// The fields one by one (the inverse of [`SummaryFields::pack`]).
    pub fn fields(&self) -> SummaryFields {
        SummaryFields {
            id: self.id().into(),
            format: self.format,
            date: self.date().map(Into::into),
            classification: self.classification().into(),
            origin: self.origin().into(),
            subject: self.subject().into(),
            paragraphs: self.paragraphs,
            unmarked: self.unmarked,
            markings: self.markings().iter().map(|&[m, n]| (m, n)).collect(),
            tags: self.tags().into(),
            captions: self.captions().into(),
            references: self.references().collect(),
            classified_by: self.classified_by(),
            signer: self.signer(),
            warnings: self.warnings,
            text: self.text,
            location: self.location.clone(),
        }
    }

    pub fn id(&self) -> &str {
        self.packed.text(0)
    }

    /// UTC, ISO 8601, as [`Cable::date`](super::Cable::date).
    pub fn date(&self) -> Option<&str> {
        self.packed.dated().then(|| self.packed.text(1))
    }

    pub fn classification(&self) -> &str {
        self.packed.text(2)
    }

    pub fn origin(&self) -> &str {
        self.packed.text(3)
    }

    pub fn subject(&self) -> &str {
        self.packed.text(4)
    }

    /// `[marking, paragraphs]`, highest level first, then by name (as `list` prints them).
    pub fn markings(&self) -> &[[u32; 2]] {
        self.packed.markings()
    }

    /// The markings to renumber and reorder in place.
    pub fn markings_mut(&mut self) -> &mut [[u32; 2]] {
        self.packed.markings_mut()
    }

    /// TAGS, in order (numbers in the corpus's [`NameTable`], as for the lists below).
    pub fn tags(&self) -> &[NameId] {
        self.packed.list(0)
    }

    /// SIPDIS, NOFORN, EXDIS, ... in order.
    pub fn captions(&self) -> &[NameId] {
        self.packed.list(1)
    }

    /// The resolved reference ids, in order, with their letters.
    pub fn references(&self) -> impl ExactSizeIterator<Item = Reference> + Clone + '_ {
        self.packed
            .references()
            .iter()
            .map(|&[id, letter]| Reference {
                id,
                letter: letter as u8,
            })
    }

    pub fn classified_by(&self) -> Option<NameId> {
        self.packed.name(0)
    }

    /// The signer, as [`Cable::signed_by`](super::Cable) names it.
    pub fn signer(&self) -> Option<NameId> {
        self.packed.name(1)
    }

    /// Renumbers every name the summary holds.
    pub fn rename(&mut self, map: impl Fn(NameId) -> NameId) {
        self.packed.rename(map);
    }

    /// True for a partial extract of the original cable (as [`Cable::partial`](super::Cable)).
    pub fn partial(&self) -> bool {
        self.warnings.contains("partial-extract")
    }

    /// Paragraphs with this marking (inherited ones included).
    pub fn count(&self, id: MarkingId) -> u32 {
        self.markings()
            .iter()
            .find(|&&[m, _]| m == id)
            .map_or(0, |&[_, n]| n)
    }
}
