//! The tables that number the markings and strings a corpus's summaries name, each once.

use std::collections::HashMap;
use std::sync::Arc;

use crate::cable::marking::Marking;

/// A marking's number in a [`MarkingTable`].
pub type MarkingId = u32;

/// Every marking met in a corpus, once: summaries refer to them by number.
#[derive(Debug, Clone, Default)]
pub struct MarkingTable {
    pub(crate) markings: Vec<Marking>,
    names: Vec<String>,
    ids: HashMap<Marking, MarkingId>,
}

impl MarkingTable {
    /// The marking's number, adding it when new.
    pub fn intern(&mut self, m: &Marking) -> MarkingId {
        if let Some(&id) = self.ids.get(m) {
            return id;
        }
        let id = self.markings.len() as MarkingId;
        self.markings.push(m.clone());
        self.names.push(m.to_string());
        self.ids.insert(m.clone(), id);
        id
    }

    /// The number of a marking already met.
    pub fn id_of(&self, m: &Marking) -> Option<MarkingId> {
        self.ids.get(m).copied()
    }

    pub fn get(&self, id: MarkingId) -> Option<&Marking> {
        self.markings.get(id as usize)
    }

    /// Canonical name (`S//NF`); empty for an unknown number.
    pub fn name(&self, id: MarkingId) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    pub fn len(&self) -> usize {
        self.markings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.markings.is_empty()
    }

    /// All markings, in number order.
    pub fn iter(&self) -> impl Iterator<Item = (MarkingId, &Marking)> {
        self.markings
            .iter()
            .enumerate()
            .map(|(i, m)| (i as MarkingId, m))
    }
}

/// A string's number in a [`NameTable`].
pub type NameId = u32;

/// Every tag, caption, reference id, `Classified By` and signer met in a corpus, once: the
/// summaries refer to them by number (251,287 cables name far fewer distinct strings).
#[derive(Debug, Clone, Default)]
pub struct NameTable {
    pub(crate) names: Vec<Arc<str>>,
    ids: HashMap<Arc<str>, NameId>,
}

impl NameTable {
    /// The string's number, adding it when new.
    pub fn intern(&mut self, s: &str) -> NameId {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.names.len() as NameId;
        let name: Arc<str> = s.into();
        self.names.push(name.clone());
        self.ids.insert(name, id);
        id
    }

    /// The number of a string already met.
    pub fn id_of(&self, s: &str) -> Option<NameId> {
        self.ids.get(s).copied()
    }

    /// The string; empty for an unknown number.
    pub fn name(&self, id: NameId) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// All strings, in number order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|n| &**n)
    }
}
