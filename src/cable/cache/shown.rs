//! An index of raw texts made safe to show: the cache keeps the texts as the files hold them
//! (what a pipe gets), and a terminal's index is this one with its strings sanitised, so one
//! entry serves both. A reader indexing in the background gets sanitised events; what they
//! changed is kept, so the raw index can be told back from the reader's for the cache.

use std::borrow::Cow;

use crate::sanitize::clean_line;

use super::super::corpus::Corpus;
use super::super::index::{CableSummary, IndexEvent, NameId, NameTable};

/// Sanitises the indexing events of raw texts as they pass, for a reader that shows them.
/// Two raw names may sanitise to one string: the shown table keeps it once, and the numbers the
/// summaries use are those of the shown table.
#[derive(Debug, Default)]
pub struct Shown {
    /// Each raw name's number in `table`, by raw number.
    names: Vec<NameId>,
    table: NameTable,
    /// What the raw index had where sanitising changed it ([`Shown::telling_back`]).
    raw: Option<RawTexts>,
}

/// The raw texts that sanitising changed, by place: few or none in real cables.
#[derive(Debug, Default)]
struct RawTexts {
    /// Cables passed so far.
    cables: usize,
    /// Each changed cable's number and raw summary.
    summaries: Vec<(usize, CableSummary)>,
    /// Each changed name's number and raw text.
    names: Vec<(NameId, Box<str>)>,
    /// Two raw names became one: the two indexes number names differently.
    merged: bool,
}

fn clean(s: &mut Box<str>) {
    if let Cow::Owned(c) = clean_line(s) {
        *s = c.into();
    }
}

impl Shown {
    pub fn new() -> Shown {
        Shown::default()
    }

    /// A [`Shown`] that keeps the raw texts it changes, for [`Shown::told_back`].
    pub fn telling_back() -> Shown {
        Shown {
            raw: Some(RawTexts::default()),
            ..Shown::default()
        }
    }

    /// Drops the table of names once the last event has passed; the raw texts stay.
    pub fn finish(&mut self) {
        self.table = NameTable::default();
        self.names = Vec::new();
    }

    /// The raw index of `shown`, the index these events built: `None` when two raw names
    /// became one (it cannot be told back); the corpus itself, untouched, when sanitising
    /// changed nothing, as in nearly every real corpus.
    pub fn told_back<'a>(&self, shown: &'a Corpus) -> Option<Cow<'a, Corpus>> {
        let raw = self.raw.as_ref()?;
        if raw.merged {
            return None;
        }
        if raw.summaries.is_empty() && raw.names.is_empty() {
            return Some(Cow::Borrowed(shown));
        }
        let mut corpus = shown.clone();
        // Names are numbered alike in both (none merged): each changed one takes its raw text.
        let mut names = NameTable::default();
        let mut changed = raw.names.iter().peekable();
        for (id, name) in shown.names.iter().enumerate() {
            match changed.next_if(|(n, _)| *n as usize == id) {
                Some((_, raw_name)) => names.intern(raw_name),
                None => names.intern(name),
            };
        }
        corpus.names = names;
        for (i, summary) in &raw.summaries {
            if let Some(c) = corpus.cables.get_mut(*i) {
                *c = summary.clone();
            }
        }
        corpus.options.sanitize = false;
        Some(Cow::Owned(corpus))
    }

    /// Takes in raw names in their numbering order; returns those the shown table did not
    /// have yet, in its numbering order.
    fn add_names<'a>(&mut self, raw: impl Iterator<Item = &'a str>) -> Vec<std::sync::Arc<str>> {
        let mut new = Vec::new();
        for name in raw {
            let shown = clean_line(name);
            let before = self.table.len();
            let id = self.table.intern(&shown);
            if id as usize == before {
                new.push(shown.as_ref().into());
            }
            if let Some(r) = &mut self.raw {
                let raw_id = self.names.len() as NameId;
                r.merged |= id != raw_id;
                if matches!(shown, Cow::Owned(_)) {
                    r.names.push((raw_id, name.into()));
                }
            }
            self.names.push(id);
        }
        new
    }

    /// The summary as a sanitising index gives it.
    fn summary(&self, c: &mut CableSummary) {
        if !is_clean(c) {
            let mut f = c.fields();
            for s in [
                &mut f.id,
                &mut f.classification,
                &mut f.origin,
                &mut f.subject,
            ] {
                clean(s);
            }
            if let Some(d) = &mut f.date {
                clean(d);
            }
            *c = f.pack();
        }
        c.rename(|n| self.names.get(n as usize).copied().unwrap_or(n));
    }

    /// The event with its texts sanitised and its names numbered as the shown table numbers
    /// them.
    pub fn event(&mut self, event: IndexEvent) -> IndexEvent {
        match event {
            IndexEvent::Batch(mut b) => {
                let raw = std::mem::take(&mut b.new_names);
                b.new_names = self.add_names(raw.iter().map(|n| &**n));
                for c in &mut b.cables {
                    if let Some(r) = &mut self.raw {
                        if !is_clean(c) {
                            r.summaries.push((r.cables, c.clone()));
                        }
                        r.cables += 1;
                    }
                    self.summary(c);
                }
                IndexEvent::Batch(b)
            }
            other => other,
        }
    }
}

/// Whether sanitising leaves the summary's own texts as they are (its names are seen apart).
fn is_clean(c: &CableSummary) -> bool {
    [c.id(), c.classification(), c.origin(), c.subject()]
        .into_iter()
        .chain(c.date())
        .all(|s| matches!(clean_line(s), Cow::Borrowed(_)))
}

/// The corpus of raw texts as a sanitising index gives it.
pub fn sanitized(mut corpus: Corpus) -> Corpus {
    let mut shown = Shown::new();
    shown.add_names(corpus.names.iter());
    for c in &mut corpus.cables {
        shown.summary(c);
    }
    corpus.names = shown.table;
    corpus.options.sanitize = true;
    corpus
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::LoadOptions;
    use crate::cable::index::IndexBatch;

    /// A cable named `id` with `subject`, tagged with names 0 and 1.
    fn cable(id: &str, subject: &str) -> CableSummary {
        let mut f = crate::cable::summary::SummaryFields::names_of(
            &crate::cable::Cable::default(),
            &mut NameTable::default(),
        );
        f.id = id.into();
        f.subject = subject.into();
        f.tags = vec![0, 1].into();
        f.pack()
    }

    /// The corpus a listener builds from `cables` and `names` passed through `shown`.
    fn through(shown: &mut Shown, cables: Vec<CableSummary>, names: &[&str]) -> Corpus {
        let mut corpus = Corpus::new(LoadOptions { sanitize: true });
        let event = shown.event(IndexEvent::Batch(IndexBatch {
            new_markings: Vec::new(),
            new_names: names.iter().map(|n| (*n).into()).collect(),
            cables,
            errors: Vec::new(),
            progress: Default::default(),
        }));
        corpus.apply(event);
        shown.finish();
        corpus
    }

    #[test]
    fn the_raw_index_is_told_back_from_the_shown_one() {
        let raw_cables = vec![cable("A1", "PLAIN"), cable("B2", "BELL\u{7} HERE")];
        let mut shown = Shown::telling_back();
        let corpus = through(&mut shown, raw_cables.clone(), &["PREL", "P\u{1b}GOV"]);
        assert_eq!(corpus.cables[1].subject(), "BELL^G HERE");
        assert_eq!(corpus.names.name(1), "P^[GOV");
        let raw = shown.told_back(&corpus).expect("told back");
        assert!(!raw.options.sanitize);
        assert_eq!(raw.cables, raw_cables);
        assert_eq!(raw.names.iter().collect::<Vec<_>>(), ["PREL", "P\u{1b}GOV"]);
        assert_eq!(raw.names.id_of("P\u{1b}GOV"), Some(1));
        // Nothing changed: the corpus itself, not a copy.
        let mut shown = Shown::telling_back();
        let corpus = through(&mut shown, vec![cable("A1", "PLAIN")], &["PREL", "PGOV"]);
        assert!(matches!(shown.told_back(&corpus), Some(Cow::Borrowed(_))));
    }

    #[test]
    fn two_raw_names_shown_alike_cannot_be_told_back() {
        let mut shown = Shown::telling_back();
        let corpus = through(
            &mut shown,
            vec![cable("A1", "PLAIN")],
            &["P^[GOV", "P\u{1b}GOV"],
        );
        assert_eq!(corpus.names.len(), 1);
        assert!(shown.told_back(&corpus).is_none());
        // A Shown that keeps nothing tells nothing back.
        assert!(Shown::new().told_back(&corpus).is_none());
    }
}
