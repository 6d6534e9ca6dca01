//! One fast, non-cryptographic hash for in-memory maps keyed by text or by
//! hashes: FNV-1a over bytes. The standard library's SipHash resists
//! flooding by chosen keys, which costs a tenth of a comparison's time and
//! guards nothing here: the maps live for one call and hold a bill's words.

use sha2::{Digest, Sha256};
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

/// A random id of 128 bits, as hex (the standard library's hasher keys come
/// from the operating system's random source).
pub fn new_uid() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::with_capacity(32);
    for i in 0..2u8 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u8(i);
        h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

/// The SHA-256 of `bytes` in lower-case hex: the name of an original file under
/// `sources/`, and the checksums of a bundle's entries.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
