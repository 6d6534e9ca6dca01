//! Feature hashing: a clause's text as a multiset of 64-bit features (words,
//! Khmer trigrams) and the hash of its fold, read in one pass.

use crate::hash::{fnv_byte, FNV_OFFSET};
use crate::text;

/// Features of a folded text: lower-cased words; inside runs of Khmer, character
/// trigrams (Khmer has no spaces between words). Sorted, with repeats.
pub fn features(folded: &str) -> Vec<u64> {
    let mut f = features_and_key(folded).0;
    f.sort_unstable();
    f
}

/// The [`features`] of a display-form text's fold (`text::fold_display`),
/// and a hash of that fold (`key`), in one pass without building it: the
/// fold only drops invisible characters, reads Khmer digits as ASCII and
/// collapses whitespace, and whitespace separates features anyway. The
/// features come in the order of the text: only the clauses that the exact
/// pass leaves are compared, and only theirs are sorted
/// (`Aligner::distinctive`).
///
/// The key hashes each word as its feature (lower-cased), and every other
/// character's bytes: two folds that differ only in case share it, and the
/// exact pass, which compares the texts of clauses with equal keys, tells
/// them apart. Runs of ASCII letters and digits, most of a bill in a Latin
/// script, are read eight bytes at a time ([`ascii_alnum_prefix`]).
pub(super) fn features_and_key(display: &str) -> (Vec<u64>, u64) {
    let bytes = display.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 6 + 1);
    let mut key = FNV_OFFSET;
    // Something is in the key: a whitespace run after it is one space.
    let mut started = false;
    // Whitespace seen since the last character of the fold.
    let mut space = false;
    // The word being read.
    let mut word: Option<WordHash> = None;
    let mut khmer = KhmerRun::default();
    let mut buf = [0u8; 4];
    // A character of the fold: the whitespace run before it, if any, is one space.
    fn visible(key: &mut u64, space: &mut bool, started: &mut bool) {
        if std::mem::take(space) {
            *key = fnv_byte(*key, b' ');
        }
        *started = true;
    }
    // The end of a word: its feature, and its place in the key.
    let end_word = |word: &mut Option<WordHash>, out: &mut Vec<u64>, key: &mut u64| {
        if let Some(w) = word.take() {
            let (h, feature) = w.finish();
            out.push(feature);
            *key = mix(*key, h);
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            visible(&mut key, &mut space, &mut started);
            khmer.flush(&mut out);
            let w = word.get_or_insert_with(WordHash::default);
            loop {
                let x = load8(bytes, i);
                let n = ascii_alnum_prefix(x);
                let head = if n == 8 { u64::MAX } else { (1 << (8 * n)) - 1 };
                // Lower case: an ASCII letter's bit 5 set (a digit has it already).
                w.push((x | 0x2020_2020_2020_2020) & head, n);
                i += n as usize;
                if n < 8 {
                    break;
                }
            }
            continue;
        }
        let c = if b.is_ascii() {
            i += 1;
            char::from(b)
        } else {
            let c = display[i..].chars().next().expect("i is at a character");
            i += c.len_utf8();
            if text::is_invisible(c) {
                continue;
            }
            match text::digit_value(c) {
                Some(d) => char::from(b'0' + d),
                None => c,
            }
        };
        if c.is_whitespace() {
            space = started;
            end_word(&mut word, &mut out, &mut key);
            khmer.flush(&mut out);
            continue;
        }
        visible(&mut key, &mut space, &mut started);
        // Latin-1 letters (German, French ...) without the Unicode tables.
        let latin1 = matches!(c, 'À'..='ÿ') && !matches!(c, '×' | '÷');
        if latin1 || !text::khmer::is_khmer(c) && c.is_alphanumeric() {
            khmer.flush(&mut out);
            let w = word.get_or_insert_with(WordHash::default);
            if latin1 {
                let lower = if c <= 'Þ' { char::from_u32(c as u32 + 0x20).expect("a Latin-1 letter") } else { c };
                w.push_str(lower.encode_utf8(&mut buf));
            } else {
                for l in c.to_lowercase() {
                    w.push_str(l.encode_utf8(&mut buf));
                }
            }
            continue;
        }
        end_word(&mut word, &mut out, &mut key);
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            key = fnv_byte(key, b);
        }
        if text::khmer::is_khmer(c) && !matches!(c, '។' | '៕' | '៖') {
            khmer.push(c, &mut out);
        } else {
            khmer.flush(&mut out);
        }
    }
    end_word(&mut word, &mut out, &mut key);
    khmer.flush(&mut out);
    (out, key)
}

/// Eight bytes of `bytes` from `i`, as a little-endian number; zeros past the end.
#[inline]
fn load8(bytes: &[u8], i: usize) -> u64 {
    let mut x = [0u8; 8];
    match bytes.get(i..i + 8) {
        Some(b) => x.copy_from_slice(b),
        None => x[..bytes.len() - i].copy_from_slice(&bytes[i..]),
    }
    u64::from_le_bytes(x)
}

/// The hash of a word, lower-cased: of its UTF-8 bytes in blocks of eight
/// from the word's start, whatever pieces they come in (a run of ASCII
/// letters and digits eight bytes at a time, other letters one by one).
#[derive(Default)]
struct WordHash {
    h: u64,
    /// Bytes read since the last whole block (the first `len`, little-endian).
    block: u64,
    len: u32,
    total: u32,
}

impl WordHash {
    /// Appends `n` (at most 8) bytes, the low bytes of `x` (the others zero).
    #[inline]
    fn push(&mut self, x: u64, n: u32) {
        self.total += n;
        self.block |= x << (8 * self.len);
        let len = self.len + n;
        if len < 8 {
            self.len = len;
            return;
        }
        self.h = mix(self.h, self.block);
        // Of `x`, `8 - self.len` bytes made the block whole; the rest begin the next.
        let used = 8 - self.len;
        self.block = if used == 8 { 0 } else { x >> (8 * used) };
        self.len = len - 8;
    }

    fn push_str(&mut self, s: &str) {
        for chunk in s.as_bytes().chunks(8) {
            let mut x = [0u8; 8];
            x[..chunk.len()].copy_from_slice(chunk);
            self.push(u64::from_le_bytes(x), chunk.len() as u32);
        }
    }

    /// The hash, and the feature (the hash finalised).
    fn finish(self) -> (u64, u64) {
        let h = if self.len > 0 { mix(self.h, self.block) } else { self.h } ^ u64::from(self.total);
        (h, fmix(h))
    }
}

/// One step of the word and key hashes: a 64-bit value in.
#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(26) ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// MurmurHash3's finaliser: every bit of the input moves every bit of the
/// output (features index maps by their low bits and filters by their high ones).
#[inline]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// How many of the (little-endian) bytes of `x`, from the first, are ASCII
/// letters or digits: eight byte comparisons in a few word operations. A
/// byte past the first that is not ASCII may disturb the bytes after it,
/// never those before.
#[inline]
fn ascii_alnum_prefix(x: u64) -> u32 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Bit 7 of a byte below 0x80 plus `d` is set when the byte is at least 0x80 - d.
    let at_least = |v: u64, lo: u64| v.wrapping_add((0x80 - lo) * ONES);
    let lower = x | (0x20 * ONES);
    let letter = at_least(lower, 0x61) & !at_least(lower, 0x7B);
    let digit = at_least(x, 0x30) & !at_least(x, 0x3A);
    let alnum = (letter | digit) & !x & HIGH;
    (!alnum & HIGH).trailing_zeros() / 8
}

/// A run of Khmer letters being read: its last two characters and its length.
#[derive(Default)]
struct KhmerRun {
    last: [char; 2],
    len: usize,
}

impl KhmerRun {
    /// Adds a character: with the two before it, it makes a trigram.
    fn push(&mut self, c: char, out: &mut Vec<u64>) {
        match self.len {
            0 => self.last[0] = c,
            1 => self.last[1] = c,
            _ => {
                out.push(hash_chars(&[self.last[0], self.last[1], c]));
                self.last = [self.last[1], c];
            }
        }
        self.len += 1;
    }

    /// Ends the run: a run too short for a trigram is one feature.
    #[inline]
    fn flush(&mut self, out: &mut Vec<u64>) {
        if self.len > 0 {
            if self.len < 3 {
                out.push(hash_chars(&self.last[..self.len]));
            }
            self.len = 0;
        }
    }
}

/// FNV-1a of the UTF-8 of some characters.
fn hash_chars(cs: &[char]) -> u64 {
    let mut buf = [0u8; 4];
    cs.iter().fold(FNV_OFFSET, |h, c| c.encode_utf8(&mut buf).bytes().fold(h, fnv_byte))
}

#[cfg(test)]
mod tests {
    use super::super::clause::version;
    use super::super::{align, ChangeKind};
    use super::*;

    /// Features and key in one pass are those of the fold, read as it was
    /// before: a string per word and per Khmer run, trigram windows; the key
    /// made of the words' hashes and the other characters' bytes, in order.
    fn reference(display: &str) -> (Vec<u64>, u64) {
        let fnv = |bytes: &[u8]| bytes.iter().fold(FNV_OFFSET, |h, &b| fnv_byte(h, b));
        let folded = text::fold_display(display);
        let mut out = Vec::new();
        let mut key = FNV_OFFSET;
        let mut word = String::new();
        let mut khmer: Vec<char> = Vec::new();
        let flush = |word: &mut String, khmer: &mut Vec<char>, out: &mut Vec<u64>, key: &mut u64| {
            if !word.is_empty() {
                let mut h = WordHash::default();
                h.push_str(&word.chars().flat_map(char::to_lowercase).collect::<String>());
                let (h, feature) = h.finish();
                out.push(feature);
                *key = mix(*key, h);
                word.clear();
            }
            if khmer.len() < 3 {
                if !khmer.is_empty() {
                    out.push(fnv(khmer.iter().collect::<String>().as_bytes()));
                }
            } else {
                out.extend(khmer.windows(3).map(|w| fnv(w.iter().collect::<String>().as_bytes())));
            }
            khmer.clear();
        };
        for c in folded.chars() {
            if c.is_alphanumeric() && !text::khmer::is_khmer(c) {
                flush(&mut String::new(), &mut khmer, &mut out, &mut key);
                word.push(c);
                continue;
            }
            flush(&mut word, &mut Vec::new(), &mut out, &mut key);
            key = c.to_string().bytes().fold(key, fnv_byte);
            if text::khmer::is_khmer(c) && !matches!(c, '។' | '៕' | '៖') {
                khmer.push(c);
            } else {
                flush(&mut String::new(), &mut khmer, &mut out, &mut key);
            }
        }
        flush(&mut word, &mut khmer, &mut out, &mut key);
        out.sort_unstable();
        (out, key)
    }

    fn sorted((mut f, key): (Vec<u64>, u64)) -> (Vec<u64>, u64) {
        f.sort_unstable();
        (f, key)
    }

    #[test]
    fn features_and_key_read_the_fold() {
        for t in [
            "",
            "  Article 12 \n (1) The Ministry SHALL register Änderungen der Straße. ",
            "មាត្រា\u{200B}១២  \n ថ្មី ក ខគ ។ សមាគម៖ឃ",
            "ab\u{200B}cd ២០២៤ x\u{00AD}y ៤៥ ៰៹",
            "ÉCOLE École İstanbul ǅ ΟΔΟΣ",
        ] {
            assert_eq!(sorted(features_and_key(t)), reference(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn features_and_key_read_the_fold_of_any_text(t in "[a-zA-Z0-9 \n\t\r\x0B\x0C\x1C\u{85}\u{A0}\u{2003}.,()Ääßǅİកខគឃងចមាត្រា១២៣។៖\u{200B}\u{00AD}\u{17F0}]{0,40}") {
            proptest::prop_assert_eq!(sorted(features_and_key(&t)), reference(&t));
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_alnum_prefix_counts_the_leading_letters_and_digits(x: u64, ascii in proptest::collection::vec(0u8..128, 8)) {
            for x in [x, u64::from_le_bytes(ascii.try_into().unwrap())] {
                let naive = x.to_le_bytes().iter().take_while(|b| b.is_ascii_alphanumeric()).count() as u32;
                proptest::prop_assert_eq!(ascii_alnum_prefix(x), naive, "{:016x}", x);
            }
        }
    }

    #[test]
    fn word_hashes_do_not_depend_on_where_the_blocks_fall() {
        // One word read as ASCII runs around other letters (the blocks start
        // at the word, not at the text), lower-cased, Khmer digits as ASCII.
        let f = |t: &str| features_and_key(t).0;
        assert_eq!(f("Verbraucherschutzgesetzänderung"), f("x verbraucherschutzgesetzÄnderung")[1..]);
        assert_eq!(f("a Ab12CDefGH3ijklmnop"), f("A ab12cdefgh3IJKLMNOP"));
        assert_eq!(f("article ១២៣៤៥៦៧៨៩"), f("article 123456789"));
        assert_ne!(f("abcdefgh"), f("abcdefghi"));
        assert_ne!(f("abcdefgh"), f("abcdefg"));
        // The key is blind to case; the exact pass compares the texts.
        assert_eq!(features_and_key("The Ministry shall").1, features_and_key("the ministry SHALL").1);
        assert_ne!(features_and_key("the ministry shall").1, features_and_key("the ministry shall.").1);
        assert_ne!(features_and_key("the ministry, shall").1, features_and_key("the ministry ,shall").1);
        let links = align(&version("Article 1\n\nThe Ministry shall register."), &version("Article 1\n\nThe ministry shall register."));
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].kind, ChangeKind::Modified);
    }
}
