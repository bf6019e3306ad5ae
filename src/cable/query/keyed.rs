//! Numbers for texts found by the texts' hash: the texts themselves stay where they already are
//! (the summaries, a table of names), not copied into a map's keys (251,287 ids over the
//! release); a text whose hash another text took is kept whole.

use super::eval::FxBuild;
use crate::cable::hash_shards::short_hash;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

#[derive(Debug, Clone, Default)]
pub(super) struct ByHash {
    /// By 32 bits of the hash (half the map of a 64-bit key; the few texts that share them
    /// go to `collided`).
    first: HashMap<u32, u32, FxBuild>,
    collided: HashMap<Box<str>, u32, FxBuild>,
}

impl ByHash {
    /// The number of `key`; `is(n)` tells whether number `n` is that of `key`.
    pub fn get(&self, key: &str, is: impl Fn(u32) -> bool) -> Option<u32> {
        match self.first.get(&short_hash(key)) {
            Some(&n) if is(n) => Some(n),
            Some(_) => self.collided.get(key).copied(),
            None => None,
        }
    }

    /// Numbers `key` (one [`ByHash::get`] did not find) `n`.
    pub fn insert(&mut self, key: &str, n: u32) {
        match self.first.entry(short_hash(key)) {
            Entry::Vacant(e) => {
                e.insert(n);
            }
            Entry::Occupied(_) => {
                self.collided.insert(key.into(), n);
            }
        }
    }
}

/// True when `text` in ASCII upper case is `upper`.
pub(super) fn upper_is(text: &str, upper: &str) -> bool {
    text.len() == upper.len()
        && text
            .bytes()
            .zip(upper.bytes())
            .all(|(a, b)| a.to_ascii_uppercase() == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_found_by_its_text_even_when_hashes_collide() {
        let texts = ["09PARIS1", "09PARIS2", "10STATE3"];
        let mut by = ByHash::default();
        for (n, t) in texts.iter().enumerate() {
            assert_eq!(by.get(t, |k| texts[k as usize] == *t), None);
            by.insert(t, n as u32);
        }
        for (n, t) in texts.iter().enumerate() {
            assert_eq!(by.get(t, |k| texts[k as usize] == *t), Some(n as u32));
        }
        assert_eq!(by.get("11ROME4", |k| texts[k as usize] == "11ROME4"), None);
        // A second text under a hash already taken (as a collision would put it).
        by.collided.insert("OTHER".into(), 7);
        by.first.insert(short_hash("OTHER"), 0);
        assert_eq!(by.get("OTHER", |k| k == 7), Some(7));
        assert!(upper_is("09Paris1", "09PARIS1"));
        assert!(!upper_is("09PARIS1", "09Paris1"));
        assert!(!upper_is("09PARIS", "09PARIS1"));
    }
}
