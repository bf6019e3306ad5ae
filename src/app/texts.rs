//! Where the cables' texts come from: parsed already, or read from their files when opened,
//! the last few kept for going back and forth.

use std::sync::Arc;

use crate::cable::{Cable, Corpus};

/// Cables parsed when opened, kept for going back and forth.
pub const OPENED_CACHE: usize = 8;

#[derive(Debug)]
pub enum Texts {
    /// Parsed already (the samples, tests): cable `i` is `cables[i]`.
    Memory(Vec<Arc<Cable>>),
    /// Files, indexed in the background: a cable is parsed when it is opened. Recently opened
    /// cables come first.
    Files(Vec<(usize, Arc<Cable>)>),
}

impl Default for Texts {
    fn default() -> Texts {
        Texts::Files(Vec::new())
    }
}

impl Texts {
    /// Cable `i` of `corpus`, parsed (or taken from the recently opened ones).
    pub fn load(&mut self, i: usize, corpus: &Corpus) -> Result<Arc<Cable>, String> {
        let opened = match self {
            Texts::Memory(cables) => {
                return cables
                    .get(i)
                    .cloned()
                    .ok_or_else(|| format!("no cable number {i}"));
            }
            Texts::Files(opened) => opened,
        };
        if let Some(p) = opened.iter().position(|(k, _)| *k == i) {
            let entry = opened.remove(p);
            let cable = entry.1.clone();
            opened.insert(0, entry);
            return Ok(cable);
        }
        let cable = Arc::new(corpus.open(i).map_err(|e| e.to_string())?);
        opened.insert(0, (i, cable.clone()));
        opened.truncate(OPENED_CACHE);
        Ok(cable)
    }
}
