//! The tables that number the markings and strings a corpus's summaries name, each once.

use std::collections::HashMap;
use std::sync::Arc;

use crate::cable::hash_shards::short_hash;
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
    /// Numbers by 32 bits of the string's hash (the strings stay in `names`); a string whose
    /// hash another took is kept in `collided`.
    ids: crate::cable::hash_shards::HashShards,
    collided: HashMap<Arc<str>, NameId>,
}

impl NameTable {
    /// The string's number, adding it when new.
    pub fn intern(&mut self, s: &str) -> NameId {
        let h = short_hash(s);
        if let Some(id) = self.find(h, s) {
            return id;
        }
        let id = self.names.len() as NameId;
        let name: Arc<str> = s.into();
        if self.ids.insert_new(h, id).is_err() {
            self.collided.insert(name.clone(), id);
        }
        self.names.push(name);
        id
    }

    fn find(&self, h: u32, s: &str) -> Option<NameId> {
        let id = self.ids.get(h)?;
        if self.name(id) == s {
            return Some(id);
        }
        self.collided.get(s).copied()
    }

    /// The number of a string already met.
    pub fn id_of(&self, s: &str) -> Option<NameId> {
        self.find(short_hash(s), s)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_sharing_a_hash_keep_their_own_numbers() {
        let mut t = NameTable::default();
        assert_eq!(t.intern("09PARIS1"), 0);
        // "PGOV" as if its hash were that of "09PARIS1".
        t.ids.remove(short_hash("09PARIS1"));
        t.ids.set(short_hash("PGOV"), 0);
        t.ids.set(short_hash("09PARIS1"), 0);
        assert_eq!(t.intern("PGOV"), 1);
        assert_eq!(t.intern("PGOV"), 1);
        assert_eq!(t.intern("09PARIS1"), 0);
        assert_eq!((t.id_of("PGOV"), t.id_of("09PARIS1")), (Some(1), Some(0)));
        assert_eq!(t.id_of("KPKO"), None);
        assert_eq!(t.iter().collect::<Vec<_>>(), ["09PARIS1", "PGOV"]);
    }
}
