//! Numbering a segment's word terms as they arrive, a document at a time.
//!
//! Interning was the largest single cost of the indexing threads: on the scale corpus a
//! segment holds hundreds of thousands of distinct words, so nearly every lookup missed
//! the cache, twice in a SwissTable (its control bytes, then its entry). Here a term of
//! up to [`SLOT_BYTES`] bytes (four Chinese characters) is a number ([`slot_key`]),
//! looked up in an open-addressing table whose 16-byte slot holds key and value
//! together (one miss, four slots a cache line), and a document's terms are hashed and
//! their slots loaded before any is probed, so that the misses of a document overlap
//! instead of following one another. Other terms up to [`PACKED`] bytes are keyed by
//! their [`packed`] number in a hash map, longer ones (rare) by their text.

use rustc_hash::FxHashMap;

use super::terms;

/// Longest term (in bytes) interned as a number: most words are (five Chinese
/// characters), and numbers hash and compare faster than strings.
pub(super) const PACKED: usize = 15;

/// A term's bytes as a number, big-endian from the top byte, zeros after, its length
/// in the lowest byte; `None` past [`PACKED`] bytes. Terms hold no NUL byte, so the
/// numbers of two terms compare as their bytes do.
pub(super) fn packed(term: &[u8]) -> Option<u128> {
    (term.len() <= PACKED).then(|| prefix_key(term) | term.len() as u128)
}

/// The first [`PACKED`] bytes of a term as [`packed`] places them (length byte 0).
pub(super) fn prefix_key(term: &[u8]) -> u128 {
    let mut bytes = [0u8; 16];
    let n = term.len().min(PACKED);
    bytes[..n].copy_from_slice(&term[..n]);
    u128::from_be_bytes(bytes)
}

/// Longest term (in bytes) kept in the table's slots.
const SLOT_BYTES: usize = 12;

/// The slot key of a term of 1 to [`SLOT_BYTES`] bytes without a NUL byte: its bytes,
/// zeros after (so the length needs no room of its own), as a `u64` and a `u32`; never
/// all zeros (the empty slot). `None` for any other term.
fn slot_key(term: &[u8]) -> Option<(u64, u32)> {
    if term.is_empty() || term.len() > SLOT_BYTES || term.contains(&0) {
        return None;
    }
    let mut bytes = [0u8; SLOT_BYTES];
    bytes[..term.len()].copy_from_slice(term);
    let (low, high) = bytes.split_at(8);
    Some((
        u64::from_le_bytes(low.try_into().ok()?),
        u32::from_le_bytes(high.try_into().ok()?),
    ))
}

/// One slot of the table: a term's [`slot_key`] (`low` 0: empty; a term's first byte is
/// never 0) and its number, 16 bytes.
#[derive(Clone, Copy, Default)]
struct Slot {
    low: u64,
    high: u32,
    id: u32,
}

/// Slots of a new table.
const INITIAL_SLOTS: usize = 1 << 12;

/// A segment's terms and their numbers, in the order they were first seen.
pub(super) struct Interner {
    /// Open addressing, linear probing; a power of two long.
    slots: Vec<Slot>,
    /// Occupied slots.
    occupied: usize,
    /// Other terms of up to [`PACKED`] bytes: [`packed`] number → number.
    packed: FxHashMap<u128, u32>,
    /// Terms longer than [`PACKED`] bytes → number.
    long: FxHashMap<Box<[u8]>, u32>,
    /// The terms: number → sort key, long terms' text.
    terms: Terms,
    /// The current document's terms (reused).
    pending: Vec<Pending>,
}

impl Default for Interner {
    fn default() -> Self {
        Interner {
            slots: vec![Slot::default(); INITIAL_SLOTS],
            occupied: 0,
            packed: FxHashMap::default(),
            long: FxHashMap::default(),
            terms: Terms::default(),
            pending: Vec::new(),
        }
    }
}

/// A slot key's hash; its probe starts at [`home`].
fn hash((low, high): (u64, u32)) -> u64 {
    (u64::from(high).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ low).wrapping_mul(0xF135_7AEA_2E62_A9C5)
}

/// Where a term of this hash is probed from, in a table of `mask + 1` slots.
fn home(hash: u64, mask: usize) -> usize {
    // The top bits are the best mixed.
    (hash >> 32) as usize & mask
}

/// A term of the document being interned: its position, where it lies in the
/// encoded document, and its slot key and hash (`None` for a term the slots do not
/// hold).
#[derive(Clone, Copy)]
struct Pending {
    position: usize,
    start: usize,
    end: usize,
    key: Option<((u64, u32), u64)>,
}

impl Interner {
    /// Calls `each(position, number)` for every term of an encoded document
    /// ([`terms::encode_terms`]), numbering the terms not seen before. The document is read
    /// as bytes: only a new term is checked to be UTF-8 (a term that is not is
    /// skipped; [`terms::encode_terms`] never writes one).
    pub(super) fn intern(&mut self, encoded: &[u8], mut each: impl FnMut(usize, u32)) {
        let mut pending = std::mem::take(&mut self.pending);
        pending.clear();
        let base = encoded.as_ptr() as usize;
        for (position, term) in terms::decode_bytes(encoded) {
            let start = term.as_ptr() as usize - base;
            pending.push(Pending {
                position,
                start,
                end: start + term.len(),
                key: slot_key(term).map(|k| (k, hash(k))),
            });
        }
        // Grow first, so that the slots loaded are the slots probed.
        while (self.occupied + pending.len()) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        // Independent loads of every home slot, in a loop short enough for the
        // processor to have them all in flight at once (a prefetch without `unsafe`);
        // the probes below then mostly hit the cache.
        let mut touched = 0u64;
        for p in &pending {
            if let Some((_, h)) = p.key {
                touched ^= self.slots[home(h, mask)].low;
            }
        }
        std::hint::black_box(touched);
        for p in &pending {
            let term = &encoded[p.start..p.end];
            let id = match p.key {
                Some((key, h)) => self.short(key, home(h, mask), term),
                None => match packed(term).filter(|_| !term.is_empty()) {
                    Some(key) => self.by_packed(key, term),
                    None => self.long(term),
                },
            };
            if let Some(id) = id {
                each(p.position, id);
            }
        }
        self.pending = pending;
    }

    /// The number of a term the slots hold, probing from `slot`.
    fn short(&mut self, (low, high): (u64, u32), mut slot: usize, term: &[u8]) -> Option<u32> {
        let mask = self.slots.len() - 1;
        loop {
            let s = self.slots[slot];
            if s.low == low && s.high == high {
                return Some(s.id);
            }
            if s.low == 0 {
                let id = self.push(term, packed(term)?)?;
                self.slots[slot] = Slot { low, high, id };
                self.occupied += 1;
                return Some(id);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The number of a term of up to [`PACKED`] bytes the slots do not hold.
    fn by_packed(&mut self, key: u128, term: &[u8]) -> Option<u32> {
        if let Some(&id) = self.packed.get(&key) {
            return Some(id);
        }
        let id = self.push(term, key)?;
        self.packed.insert(key, id);
        Some(id)
    }

    /// The number of a term longer than [`PACKED`] bytes.
    fn long(&mut self, term: &[u8]) -> Option<u32> {
        if let Some(&id) = self.long.get(term) {
            return Some(id);
        }
        let text: Box<str> = std::str::from_utf8(term).ok()?.into();
        // The empty term sorts first (its text is never read back: length 0).
        let key = if term.is_empty() {
            0
        } else {
            prefix_key(term) | LONG
        };
        let id = self.push(term, key)?;
        self.terms.long_bytes += text.len();
        self.terms.long.push((id, text));
        self.long.insert(term.into(), id);
        Some(id)
    }

    /// Numbers a new term with its sort key; `None` if it is not UTF-8.
    fn push(&mut self, term: &[u8], key: u128) -> Option<u32> {
        std::str::from_utf8(term).ok()?;
        let id = u32::try_from(self.terms.keys.len()).unwrap_or(u32::MAX);
        self.terms.keys.push(key);
        Some(id)
    }

    /// Doubles the table.
    fn grow(&mut self) {
        let doubled = vec![Slot::default(); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        let mask = self.slots.len() - 1;
        for s in old.into_iter().filter(|s| s.low != 0) {
            let mut slot = home(hash((s.low, s.high)), mask);
            while self.slots[slot].low != 0 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = s;
        }
    }

    /// Bytes held (an estimate, for tantivy's memory budget).
    pub(super) fn mem_usage(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<Slot>()
            + self.terms.keys.capacity() * 16
            + self.terms.long.capacity() * 24
            + self.packed.capacity() * 24
            + self.long.capacity() * 24
            + 2 * self.terms.long_bytes
    }

    /// The terms, for the segment's dictionary.
    pub(super) fn into_terms(self) -> Terms {
        self.terms
    }
}

/// The low byte of the sort key of a term longer than [`PACKED`] bytes: it sorts
/// after every shorter term with the same first bytes.
const LONG: u128 = 0xff;

/// A segment's terms by number. A term of up to [`PACKED`] bytes is its sort key
/// ([`packed`]); only longer ones are kept as text. Reading each term's text back
/// from a string of its own was two cache misses a term when the segment was
/// written (its slot in the list, then its bytes), most of writing a word file.
#[derive(Default)]
pub(super) struct Terms {
    /// Number → [`packed`] term, or for a long term its first bytes | [`LONG`] (the
    /// empty term, 0).
    keys: Vec<u128>,
    /// (number, text) of the long terms, by number.
    long: Vec<(u32, Box<str>)>,
    /// Bytes of the long terms (for the memory estimate).
    long_bytes: usize,
}

impl Terms {
    /// How many terms there are.
    pub(super) fn len(&self) -> usize {
        self.keys.len()
    }

    /// (sort key, number) of every term, in the byte order of the terms.
    pub(super) fn in_byte_order(&self) -> Vec<(u128, u32)> {
        let mut keyed: Vec<(u128, u32)> = self
            .keys
            .iter()
            .enumerate()
            .map(|(id, &k)| (k, id as u32))
            .collect();
        rayon::slice::ParallelSliceMut::par_sort_unstable(&mut keyed[..]);
        // Equal keys: long terms with the same first bytes, ordered by all of them.
        let mut i = 0;
        while i < keyed.len() {
            let mut j = i + 1;
            while j < keyed.len() && keyed[j].0 == keyed[i].0 {
                j += 1;
            }
            if j - i > 1 {
                keyed[i..j].sort_unstable_by(|a, b| self.text(a.1).cmp(self.text(b.1)));
            }
            i = j;
        }
        keyed
    }

    /// The text of a long term.
    fn text(&self, id: u32) -> &str {
        self.long
            .binary_search_by_key(&id, |(i, _)| *i)
            .map_or("", |at| &self.long[at].1)
    }

    /// The bytes of term `id` with sort key `key` (as [`Terms::in_byte_order`] gives
    /// them): a short term's from its key, into `buffer`.
    pub(super) fn bytes<'a>(&'a self, key: u128, id: u32, buffer: &'a mut [u8; 16]) -> &'a [u8] {
        let len = (key & 0xff) as usize;
        if key & LONG == LONG {
            return self.text(id).as_bytes();
        }
        *buffer = key.to_be_bytes();
        &buffer[..len.min(PACKED)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Token;
    use crate::index::test_random::XorShift;

    fn encoded(words: &[&str]) -> Vec<u8> {
        let tokens: Vec<Token> = words
            .iter()
            .enumerate()
            .map(|(i, w)| Token {
                term: (*w).to_string(),
                start: 0,
                end: 0,
                position: i,
            })
            .collect();
        let mut s = Vec::new();
        terms::encode(&tokens, &mut s);
        s
    }

    /// Every term's text, by number, read back as a segment is written.
    fn texts(terms: &Terms) -> Vec<String> {
        let mut out = vec![String::new(); terms.len()];
        for (key, id) in terms.in_byte_order() {
            let mut buffer = [0; 16];
            out[id as usize] =
                String::from_utf8(terms.bytes(key, id, &mut buffer).to_vec()).unwrap();
        }
        out
    }

    fn intern(i: &mut Interner, words: &[&str]) -> Vec<(usize, u32)> {
        let mut out = Vec::new();
        i.intern(&encoded(words), |p, id| out.push((p, id)));
        out
    }

    #[test]
    fn slot_keys_hold_terms_of_up_to_twelve_bytes_without_a_nul() {
        assert!(slot_key("汽车研究".as_bytes()).is_some());
        assert!(slot_key("汽车研究院".as_bytes()).is_none());
        assert!(slot_key(b"").is_none());
        assert!(slot_key(b"a\0").is_none());
        assert_ne!(slot_key(b"abcdefgh"), slot_key(b"abcdefghi"));
        assert_ne!(slot_key(b"a"), slot_key(b"b"));
    }

    #[test]
    fn packed_terms_keep_their_length_apart() {
        assert!(packed("aaaaaaaaaaaaaaa".as_bytes()).is_some());
        assert!(packed("aaaaaaaaaaaaaaaa".as_bytes()).is_none());
        assert_ne!(packed(b"a"), packed(b"a\0"));
    }

    #[test]
    fn numbers_terms_in_the_order_first_seen() {
        let mut i = Interner::default();
        let long = "汽车研究院之盖世汽车研究院";
        assert_eq!(
            intern(&mut i, &["小米", "a", long, "小米", "aaaaaaaaaaaaaaa"]),
            [(0, 0), (1, 1), (2, 2), (3, 0), (4, 3)]
        );
        // The empty term is a term like any other, not an empty slot.
        assert_eq!(intern(&mut i, &["", "a", ""]), [(0, 4), (1, 1), (2, 4)]);
        assert_eq!(intern(&mut i, &[long, "a", "b"]), [(0, 2), (1, 1), (2, 5)]);
        let terms = texts(&i.into_terms());
        assert_eq!(terms[2], long);
        assert_eq!(terms[4], "");
        assert_eq!(terms[5], "b");
    }

    /// A term that is not UTF-8 (never encoded, but the bytes come from a document)
    /// is skipped, short or long, and numbers nothing.
    #[test]
    fn a_term_that_is_not_utf8_is_skipped() {
        let mut i = Interner::default();
        let mut out = Vec::new();
        let long_bad = [&[0xe5u8, 0xb0][..], &[b'x'; 20][..]].concat();
        let mut doc = b"\x00\x01a\x01\x02\xe5\xb0\x01\x16".to_vec();
        doc.extend_from_slice(&long_bad);
        doc.extend_from_slice(b"\x01\x01b");
        i.intern(&doc, |p, id| out.push((p, id)));
        assert_eq!(out, [(0, 0), (3, 1)]);
        assert_eq!(texts(&i.into_terms()), ["a", "b"]);
    }

    /// Through several doublings of the table, every term keeps its number, against
    /// a plain map.
    #[test]
    fn agrees_with_a_hash_map_through_growth() {
        let mut i = Interner::default();
        let mut reference: std::collections::HashMap<String, u32> = Default::default();
        let mut x = XorShift(0x2545_F491_4F6C_DD1D);
        for _ in 0..200 {
            let words: Vec<String> = (0..300)
                .map(|_| {
                    // Terms of every kind the interner keeps apart, many repeated: in
                    // the slots (up to 12 bytes), by packed number (13 to 15 bytes, or
                    // holding a NUL), by text (longer).
                    let n = x.below(20_000);
                    match n % 9 {
                        0 => format!("长长的术语名称{n}"),
                        1 => format!("{n:012}"),
                        2 => format!("{n:013}"),
                        3 => format!("{n:015}"),
                        4 => format!("a\0{n}"),
                        5 => format!("小米{}", n % 1000),
                        _ => format!("w{n}"),
                    }
                })
                .collect();
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            for (position, id) in intern(&mut i, &refs) {
                let next = reference.len() as u32;
                let expected = *reference.entry(words[position].clone()).or_insert(next);
                assert_eq!(id, expected, "{}", words[position]);
            }
        }
        assert!(i.slots.len() > INITIAL_SLOTS);
        let terms = texts(&i.into_terms());
        assert_eq!(terms.len(), reference.len());
        for (t, id) in reference {
            assert_eq!(terms[id as usize], t);
        }
    }
}
