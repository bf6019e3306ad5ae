//! Numbers found by 32 bits of a hash, in shards picked by the hash's top bits. A single map
//! that outgrows its room moves everything it holds at once (22 ms for the reader's id groups
//! at 115,000 cables, on its thread while it takes in a batch); a shard holds a 64th of it.

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

/// The keys are hashes already: a multiplicative hash spreads them at little cost.
type HashMap<K, V> = std::collections::HashMap<K, V, FxBuildHasher>;

const SHARDS: usize = 64;

/// The 32 bits of a string's hash that strings are numbered by (the same in every run): a
/// multiplicative hash, cheaper than SipHash on the short texts a corpus names, which need no
/// defence against keys chosen to collide.
pub fn short_hash(s: &str) -> u32 {
    let h = FxBuildHasher.hash_one(s);
    (h ^ (h >> 32)) as u32
}

#[derive(Debug, Clone, Default)]
pub struct HashShards {
    /// Empty until the first insert.
    shards: Vec<HashMap<u32, u32>>,
}

fn shard(hash: u32) -> usize {
    (hash >> 26) as usize % SHARDS
}

impl HashShards {
    pub fn get(&self, hash: u32) -> Option<u32> {
        self.shards.get(shard(hash))?.get(&hash).copied()
    }

    /// Numbers `hash` `n` unless it has a number already, which is given back.
    pub fn insert_new(&mut self, hash: u32, n: u32) -> Result<(), u32> {
        if self.shards.is_empty() {
            self.shards = vec![HashMap::default(); SHARDS];
        }
        match self.shards[shard(hash)].entry(hash) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(n);
                Ok(())
            }
            std::collections::hash_map::Entry::Occupied(o) => Err(*o.get()),
        }
    }

    /// Gives a hash another number (tests make collisions with it).
    #[cfg(test)]
    pub fn set(&mut self, hash: u32, n: u32) {
        self.remove(hash);
        let _ = self.insert_new(hash, n);
    }

    #[cfg(test)]
    pub fn remove(&mut self, hash: u32) {
        if let Some(s) = self.shards.get_mut(shard(hash)) {
            s.remove(&hash);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_by_hash_across_shards() {
        let mut m = HashShards::default();
        assert_eq!(m.get(7), None);
        for h in [0, 7, u32::MAX, 1 << 26, 3 << 30] {
            assert_eq!(m.insert_new(h, h / 2), Ok(()));
        }
        assert_eq!(m.insert_new(7, 99), Err(3));
        assert_eq!(
            (m.get(u32::MAX), m.get(1 << 26)),
            (Some(u32::MAX / 2), Some(1 << 25))
        );
        m.set(7, 5);
        assert_eq!(m.get(7), Some(5));
        m.remove(7);
        assert_eq!(m.get(7), None);
    }
}
