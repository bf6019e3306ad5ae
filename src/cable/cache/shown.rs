//! An index of raw texts made safe to show: the cache keeps the texts as the files hold them
//! (what a pipe gets), and a terminal's index is this one with its strings sanitised, so one
//! entry serves both.

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
            self.names.push(id);
        }
        new
    }

    /// The summary as a sanitising index gives it.
    fn summary(&self, c: &mut CableSummary) {
        let texts = [c.id(), c.classification(), c.origin(), c.subject()];
        let dirty = texts
            .into_iter()
            .chain(c.date())
            .any(|t| matches!(clean_line(t), Cow::Owned(_)));
        if dirty {
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
                    self.summary(c);
                }
                IndexEvent::Batch(b)
            }
            other => other,
        }
    }
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
