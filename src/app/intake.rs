//! The reader's intake of the index: each batch of cables indexed in the background joins the
//! list (one row per id, sorted in and filtered alone), the filter's counts and entries, and
//! opens the cable last read once it arrives.

use std::ops::Range;
use std::sync::Arc;

use super::state::{SortKey, State};
use crate::cable::IndexEvent;
use crate::cable::background::Built;
use crate::cable::citation::Citation;

impl State {
    /// True while cables are still being indexed.
    pub fn indexing_now(&self) -> bool {
        !self.corpus.is_done()
    }

    /// Opens the cable a citation names (`--open`) at its paragraph, whatever the settings
    /// remember: now when it is indexed already, else as soon as it arrives.
    pub fn open_cited(&mut self, citation: Citation) {
        let found = citation
            .candidates()
            .find_map(|id| self.web.find(&self.corpus, id));
        self.cited = Some(citation);
        match found {
            Some(i) => {
                self.user_opened = true;
                self.open_for_citation(i);
            }
            None if self.corpus.is_done() => self.not_cited(),
            None => {}
        }
    }

    /// The first of the cables `new` the reader waits to open: the cited one (by any id its
    /// citation may name), else the one last open in this corpus.
    fn awaited_in(&self, new: Range<usize>) -> Option<usize> {
        match &self.cited {
            Some(c) => new.into_iter().find(|&i| {
                let id = self.corpus.cables[i].id();
                c.candidates().any(|k| id.eq_ignore_ascii_case(k))
            }),
            None => {
                let key = self.pending_open.as_ref()?;
                new.into_iter().find(|&i| self.summary_key(i) == *key)
            }
        }
    }

    /// Opens cable `i` (its version shown) for the citation waiting, at the cited paragraph as
    /// `:N` goes there (with its message when the cable lacks it).
    fn open_for_citation(&mut self, i: usize) {
        // Shown while the citation still waits, so that no remembered place is restored.
        let opened = self.show(self.groups.shown_for(i).unwrap_or(i));
        if let Some(c) = self.cited.take()
            && opened
            && let Some(n) = c.paragraph
        {
            super::update::jump_to(self, n);
        }
    }

    /// The cited cable is not in the corpus: said, and the reader stays where it is.
    fn not_cited(&mut self) {
        if let Some(c) = self.cited.take() {
            self.message = Some(
                crate::sanitize::clean_line(&format!("{} is not among the cables indexed", c.id))
                    .into_owned(),
            );
        }
    }

    /// Takes in one indexing event: the new cables join the list (in its order, through the
    /// filter) and the filter pane's counts.
    pub fn indexed(&mut self, event: IndexEvent) {
        let done = matches!(event, IndexEvent::Done { .. });
        let (errors, new_errors) = match &event {
            IndexEvent::Started { errors, .. } => (errors.clone(), true),
            IndexEvent::Batch(b) => (b.errors.clone(), !b.errors.is_empty()),
            IndexEvent::Done { .. } => (Vec::new(), false),
        };
        let new = Arc::make_mut(&mut self.corpus).apply(event);
        if new_errors {
            self.add_errors(errors);
        }
        if !new.is_empty() {
            let keys_changed = self
                .markings
                .add(&self.corpus.markings, &self.corpus.cables[new.clone()]);
            if keys_changed {
                self.remap_filter();
            }
            self.add_to_list(new.clone());
            if let Some(text) = self.pending_filter.clone()
                && self.apply_filter_text(&text).is_ok()
            {
                self.pending_filter = None;
            }
            // The cable cited, else the one last open in this corpus, else the first listed.
            if let Some(i) = self.awaited_in(new.clone()) {
                self.pending_open = None;
                if self.user_opened {
                    self.cited = None;
                } else if self.cited.is_some() {
                    self.open_for_citation(i);
                } else {
                    self.show(self.groups.shown_for(i).unwrap_or(i));
                }
            }
            if self.reader.open.is_none()
                && let Some(&first) = self.list.rows.first()
            {
                self.show(first as usize);
            }
        }
        if done {
            self.groups.finish();
        }
        if done && !self.web.coming {
            self.build_links_here();
        }
        if done {
            let mut notes = Vec::new();
            if let Some(text) = self.pending_filter.take()
                && let Err(e) = self.apply_filter_text(&text)
            {
                notes.push(format!("Filter from the settings: {e}"));
            }
            if self.reader.open.is_none()
                && let Some(&first) = self.list.rows.first()
            {
                self.show(first as usize);
            }
            self.pending_open = None;
            // Not met, or the user opened another cable first.
            if self.user_opened {
                self.cited = None;
            } else {
                self.not_cited();
            }
            if !self.errors.is_empty() {
                let n = self.errors.len();
                notes.push(format!(
                    "{n} input{} failed to load: E lists them",
                    if n == 1 { "" } else { "s" }
                ));
            }
            if !notes.is_empty() {
                let m = notes.join("; ");
                self.message = Some(match self.message.take() {
                    Some(old) => format!("{m}; {old}"),
                    None => m,
                });
            }
        }
    }

    /// Builds, on this thread, what is known only once every cable is in: what cites what, and
    /// what queries need (so the first `:limit` or facet count is as quick as later ones).
    /// Over the whole release this takes over half a second: the event loop has the indexer's
    /// thread build them instead ([`State::links_built`]).
    pub fn build_links_here(&mut self) {
        self.web.coming = false;
        self.web.build(&self.corpus);
        self.limit.facts(&self.corpus);
        self.relayout();
    }

    /// Takes in the links and query facts built on the indexer's thread over the finished
    /// index; those of another index (a reload since) are dropped.
    pub fn links_built(&mut self, built: Built) {
        if !self.web.coming || built.cables != self.corpus.len() || !self.corpus.is_done() {
            return;
        }
        self.web.coming = false;
        self.web.web = Some(built.web);
        self.limit.take_facts(built.facts, &self.corpus);
        // The header's REF line marks the references loaded now.
        self.relayout();
    }

    /// The filter's entries were renumbered (a marking met for the first time): keep the same
    /// markings on.
    pub(super) fn remap_filter(&mut self) {
        self.filter
            .remap(&self.filter_keys_before, &self.markings.keys);
        self.filter_keys_before = self.markings.keys.clone();
    }

    /// Puts newly indexed cables into the list: each id once, by its fullest version; only
    /// the new cables are sorted in and tested with the filter and the limit.
    pub(super) fn add_to_list(&mut self, new: std::ops::Range<usize>) {
        let arrived = self.groups.add(new, &self.corpus.cables);
        let again: Vec<u32> = arrived.grown.clone();
        self.limit.refresh_with(&self.corpus, &again);
        let passing = self.filter.active().then(|| {
            self.filter
                .passing(&self.markings, self.corpus.markings.len())
        });
        let (cables, limit, markings) = (&self.corpus.cables, self.limit.holds(), &self.markings);
        let pass = |i: u32| {
            passing.as_ref().is_none_or(|p| {
                (cables.get(i as usize)).is_some_and(|c| p.holds_at(markings, i as usize, c))
            }) && limit.is_none_or(|l| l.get(i as usize) == Some(&true))
        };
        self.list.arrive(&arrived, cables, &self.groups, pass);
    }

    /// Sorts the list anew, keeping the selected cable selected.
    pub fn set_sort(&mut self, sort: SortKey, reverse: bool) {
        self.list
            .order_by(sort, reverse, &self.corpus.cables, &self.groups);
        self.refilter_list();
        let h = self.list_height();
        self.list.cursor.center(h);
    }
}
