//! One fast, non-cryptographic hash for in-memory maps keyed by text or by
//! hashes: FNV-1a over bytes. The standard library's SipHash resists
//! flooding by chosen keys, which costs a tenth of a comparison's time and
//! guards nothing here: the maps live for one call and hold a bill's words.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a's offset basis: the hash of nothing.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One FNV-1a step.
#[inline]
pub(crate) fn fnv_byte(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
}

/// A [`Hasher`] for [`FastMap`]: FNV-1a over bytes; a `u64` key is already a
/// hash (a feature) and is taken as it is; a `usize` (an index) is spread.
pub(crate) struct FastHasher(u64);

impl Default for FastHasher {
    fn default() -> Self {
        FastHasher(FNV_OFFSET)
    }
}

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0, |h, &b| fnv_byte(h, b));
    }
    fn write_u8(&mut self, n: u8) {
        self.0 = fnv_byte(self.0, n);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_usize(n as usize);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    /// Small integers spread over all 64 bits (Fibonacci hashing): the map
    /// reads its buckets from the low bits and its tags from the high ones.
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
