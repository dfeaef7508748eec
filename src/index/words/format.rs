//! The word index's file, one per segment: a sorted, front-coded dictionary of word
//! terms and their postings. Pure: bytes in, bytes out.
//!
//! Layout (little-endian):
//!
//! ```text
//! header   magic "WWRD", version u32, max_doc u32, blocks u32,
//!          terms u64, total_tokens u64, dict_len u64, postings_len u64  (48 bytes)
//! norms    one tantivy field-norm id per document                   (max_doc bytes)
//! blocks   per block of BLOCK terms: the first 8 bytes of its first term (as a
//!          big-endian u64, zeros after a shorter term), dict offset u64, postings
//!          offset u64 — a lookup's binary search reads only these
//! dict     per term, in byte order: varints of the bytes it shares with the term
//!          before it in its block (0 for a block's first), of the length of the
//!          rest, the rest, then varints of its document frequency (shifted left, the
//!          low bit set when positions are kept), the bytes of its documents (unless
//!          it is in one document: read from them) and of its positions (if kept)
//! postings per term its documents, then its positions (see `postings`)
//! ```
//!
//! Romanised names are matched against how the index's words read by an automaton
//! run over the dictionary itself ([`WordFile::search_names`]): blocks whose first
//! bytes it rejects are skipped by the binary search the blocks' keys allow. (A
//! finite-state set of the name-like words beside the dictionary was 8 MB of the
//! scale corpus's 155 MB index; without it a name query takes about 0.5 ms longer.)

use tantivy::directory::OwnedBytes;

use crate::index::postings::{
    Postings, TermPostings, decode_docs, decode_positions, get_varint, put_varint,
    single_doc_lengths, u32_at, u64_at,
};

const MAGIC: &[u8; 4] = b"WWRD";
/// Bump when the layout changes.
const VERSION: u32 = 5;
const HEADER: usize = 48;
/// Terms per dictionary block (the unit of binary search and of front coding).
pub const BLOCK: u64 = 32;
const BLOCK_ENTRY: usize = 24;

/// The first 8 bytes of a term as a number that orders as the bytes do (zeros after a
/// shorter term: no term holds a NUL byte).
fn prefix_key(term: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    let n = term.len().min(8);
    bytes[..n].copy_from_slice(&term[..n]);
    u64::from_be_bytes(bytes)
}

/// How many of the leading bytes of a block key (see [`prefix_key`]) `automaton`
/// reads before it can match nothing; `None` if it still may after them.
fn dead_prefix<A: tantivy_fst::Automaton>(automaton: &A, key: u64) -> Option<u32> {
    let mut state = automaton.start();
    for (read, byte) in key.to_be_bytes().into_iter().enumerate() {
        if byte == 0 {
            return None;
        }
        state = automaton.accept(&state, byte);
        if !automaton.can_match(&state) {
            return Some(read as u32 + 1);
        }
    }
    None
}

/// May a term be a name (the terms [`WordFile::search_names`] searches)?
pub fn is_name_like(term: &[u8]) -> bool {
    let Ok(t) = std::str::from_utf8(term) else {
        return false;
    };
    (2..=4).contains(&t.chars().count()) && t.chars().all(crate::analysis::is_cjk)
}

/// Builds a word file from terms given in byte order.
pub struct Encoder {
    norms: Vec<u8>,
    total_tokens: u64,
    blocks: Vec<u8>,
    dict: Vec<u8>,
    postings: Vec<u8>,
    terms: u64,
    previous: Vec<u8>,
}

impl Encoder {
    /// An encoder for a segment with these field-norm ids (one per document) and
    /// total number of word terms.
    pub fn new(norms: Vec<u8>, total_tokens: u64) -> Encoder {
        Encoder {
            norms,
            total_tokens,
            blocks: Vec::new(),
            dict: Vec::new(),
            postings: Vec::new(),
            terms: 0,
            previous: Vec::new(),
        }
    }

    /// Adds a term (greater than the one before) with its postings; a term without
    /// documents is left out.
    pub fn add_term(&mut self, term: &[u8], p: &TermPostings) {
        if p.df == 0 {
            return;
        }
        let shared = if self.terms.is_multiple_of(BLOCK) {
            self.blocks
                .extend_from_slice(&prefix_key(term).to_le_bytes());
            self.blocks
                .extend_from_slice(&(self.dict.len() as u64).to_le_bytes());
            self.blocks
                .extend_from_slice(&(self.postings.len() as u64).to_le_bytes());
            0
        } else {
            term.iter()
                .zip(&self.previous)
                .take_while(|(a, b)| a == b)
                .count()
        };
        put_varint(&mut self.dict, shared as u64);
        put_varint(&mut self.dict, (term.len() - shared) as u64);
        self.dict.extend_from_slice(&term[shared..]);
        let positions = !p.positions.is_empty();
        put_varint(&mut self.dict, (p.df << 1) | u64::from(positions));
        // A term of one document: its documents' length is read from them.
        if p.df > 1 {
            put_varint(&mut self.dict, p.docs.len() as u64);
        }
        if positions {
            put_varint(&mut self.dict, p.positions.len() as u64);
        }
        self.postings.extend_from_slice(&p.docs);
        self.postings.extend_from_slice(&p.positions);
        self.previous.clear();
        self.previous.extend_from_slice(term);
        self.terms += 1;
    }

    /// An encoder for the same documents with no terms yet, to [`Encoder::append`]
    /// to this one.
    pub fn empty_like(&self) -> Encoder {
        Encoder::new(Vec::new(), self.total_tokens)
    }

    /// Takes in the terms of `other` (all greater than this one's, for the same
    /// documents: see [`Encoder::empty_like`]): the file is then the one this encoder
    /// would have written had it been given them too. Only where a block of terms
    /// ends: `false` (and nothing taken) otherwise.
    pub fn append(&mut self, other: Encoder) -> bool {
        if !self.terms.is_multiple_of(BLOCK) {
            return false;
        }
        let (dict, postings) = (self.dict.len() as u64, self.postings.len() as u64);
        for b in other.blocks.chunks_exact(BLOCK_ENTRY) {
            let at = |i: usize| u64_at(b, i).unwrap_or(0);
            self.blocks.extend_from_slice(&b[..8]);
            self.blocks.extend_from_slice(&(at(8) + dict).to_le_bytes());
            self.blocks
                .extend_from_slice(&(at(16) + postings).to_le_bytes());
        }
        self.dict.extend_from_slice(&other.dict);
        self.postings.extend_from_slice(&other.postings);
        self.terms += other.terms;
        self.previous = other.previous;
        true
    }

    /// The field-norm ids it was made with.
    pub fn into_norms(self) -> Vec<u8> {
        self.norms
    }

    /// The whole file (the tests' way to read what was written).
    #[cfg(test)]
    pub fn finish(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            HEADER + self.norms.len() + self.blocks.len() + self.dict.len() + self.postings.len(),
        );
        // Writing into a `Vec` cannot fail.
        let _ = self.write_to(&mut out);
        out
    }

    /// Writes the whole file ([`Encoder::finish`]'s bytes) to `w`, part by part.
    pub fn write_to(self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        let max_doc = u32::try_from(self.norms.len()).unwrap_or(u32::MAX);
        let blocks = u32::try_from(self.blocks.len() / BLOCK_ENTRY).unwrap_or(u32::MAX);
        let mut header = Vec::with_capacity(HEADER);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&VERSION.to_le_bytes());
        header.extend_from_slice(&max_doc.to_le_bytes());
        header.extend_from_slice(&blocks.to_le_bytes());
        header.extend_from_slice(&self.terms.to_le_bytes());
        header.extend_from_slice(&self.total_tokens.to_le_bytes());
        header.extend_from_slice(&(self.dict.len() as u64).to_le_bytes());
        header.extend_from_slice(&(self.postings.len() as u64).to_le_bytes());
        for part in [
            &header,
            &self.norms,
            &self.blocks,
            &self.dict,
            &self.postings,
        ] {
            w.write_all(part)?;
        }
        Ok(())
    }
}

/// A word file opened for reading.
#[derive(Clone)]
pub struct WordFile {
    bytes: OwnedBytes,
    max_doc: u32,
    blocks: usize,
    terms: u64,
    total_tokens: u64,
    blocks_at: usize,
    dict_at: usize,
    postings_at: usize,
}

/// Where a term's data is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermInfo {
    /// Documents holding it.
    pub df: u32,
    docs: (usize, usize),
    positions: (usize, usize),
}

impl TermInfo {
    /// Were its positions kept?
    pub fn has_positions(&self) -> bool {
        self.positions.1 > self.positions.0
    }
}

impl WordFile {
    /// Opens a word file; `None` if it is not one (or is cut short).
    pub fn open(bytes: OwnedBytes) -> Option<WordFile> {
        let b = bytes.as_slice();
        if b.get(..4)? != MAGIC || u32_at(b, 4)? != VERSION {
            return None;
        }
        let max_doc = u32_at(b, 8)?;
        let blocks = u32_at(b, 12)? as usize;
        let terms = u64_at(b, 16)?;
        let total_tokens = u64_at(b, 24)?;
        let dict_len = usize::try_from(u64_at(b, 32)?).ok()?;
        let blocks_at = HEADER.checked_add(max_doc as usize)?;
        let dict_at = blocks_at.checked_add(blocks.checked_mul(BLOCK_ENTRY)?)?;
        let postings_at = dict_at.checked_add(dict_len)?;
        let postings_len = usize::try_from(u64_at(b, 40)?).ok()?;
        if postings_at.checked_add(postings_len)? != b.len()
            || terms.div_ceil(BLOCK) != blocks as u64
        {
            return None;
        }
        Some(WordFile {
            bytes,
            max_doc,
            blocks,
            terms,
            total_tokens,
            blocks_at,
            dict_at,
            postings_at,
        })
    }

    /// Calls `each` with the name-like terms ([`is_name_like`]) that `automaton`
    /// accepts, in byte order, while it returns true. The automaton reads each term
    /// from where it differs from the one before; a block whose first bytes it
    /// rejects is skipped with every block after it that starts with them.
    pub fn search_names<A: tantivy_fst::Automaton>(
        &self,
        automaton: A,
        mut each: impl FnMut(&[u8]) -> bool,
    ) {
        // The states after each byte read of the term before (the last may be dead).
        let mut states = Vec::new();
        let mut block = 0;
        while block < self.blocks {
            if let Some(dead) = dead_prefix(&automaton, self.block_key(block)) {
                // Blocks up to the last one starting with the rejected bytes hold
                // nothing else; that last one's later terms may start otherwise.
                let upto = self.block_key(block) | u64::MAX.checked_shr(8 * dead).unwrap_or(0);
                block = self.first_block_after(block + 1, |k| k <= upto) - 1;
            }
            let Some(mut cursor) = self.block(block) else {
                return;
            };
            states.clear();
            states.push(automaton.start());
            for _ in 0..BLOCK {
                let Some((shared, term)) = cursor.next_term() else {
                    break;
                };
                states.truncate(shared.min(states.len() - 1) + 1);
                let mut alive = states.last().is_some_and(|s| automaton.can_match(s));
                let mut read = states.len() - 1;
                while alive && read < term.len() {
                    let Some(last) = states.last() else { break };
                    let next = automaton.accept(last, term[read]);
                    alive = automaton.can_match(&next);
                    states.push(next);
                    read += 1;
                }
                if alive
                    && read == term.len()
                    && states.last().is_some_and(|s| automaton.is_match(s))
                    && is_name_like(term)
                    && !each(term)
                {
                    return;
                }
            }
            block += 1;
        }
    }

    /// Documents of the segment.
    pub fn max_doc(&self) -> u32 {
        self.max_doc
    }

    /// Word terms of all documents together.
    pub fn total_tokens(&self) -> u64 {
        self.total_tokens
    }

    /// The field-norm ids of all documents.
    pub fn norms(&self) -> OwnedBytes {
        self.bytes.slice(HEADER..self.blocks_at)
    }

    /// A cursor at the start of block `i`.
    fn block(&self, i: usize) -> Option<Cursor<'_>> {
        let b = self.bytes.as_slice();
        let at = self.blocks_at + i * BLOCK_ENTRY;
        let dict = usize::try_from(u64_at(b, at + 8)?).ok()?;
        let postings = usize::try_from(u64_at(b, at + 16)?).ok()?;
        let left = self.terms.checked_sub(i as u64 * BLOCK)?;
        Some(Cursor {
            file: self,
            at: self.dict_at.checked_add(dict)?,
            postings: self.postings_at.checked_add(postings)?,
            left,
            term: Vec::new(),
        })
    }

    /// The first term of block `i`.
    fn first_of_block(&self, i: usize) -> Option<Vec<u8>> {
        let mut c = self.block(i)?;
        c.next().map(|(t, _)| t.to_vec())
    }

    /// The block holding `term` if any does: the last one whose first term is not
    /// greater.
    fn block_for(&self, term: &[u8]) -> Option<usize> {
        let key = prefix_key(term);
        // Blocks whose first 8 bytes are less than the term's start before it, greater
        // after it; only blocks with the same 8 bytes need their first term read.
        let below = self.first_block_after(0, |k| k < key);
        let upto = self.first_block_after(below, |k| k <= key);
        let (mut lo, mut hi) = (below, upto);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.first_of_block(mid)?.as_slice() <= term {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo.checked_sub(1)
    }

    /// The key of block `i` (see [`prefix_key`]); past the last block, the largest.
    fn block_key(&self, i: usize) -> u64 {
        u64_at(self.bytes.as_slice(), self.blocks_at + i * BLOCK_ENTRY).unwrap_or(u64::MAX)
    }

    /// The first block from `from` on whose key `before` rejects (`before` holding
    /// for a first run of the sorted keys), or the number of blocks.
    fn first_block_after(&self, from: usize, before: impl Fn(u64) -> bool) -> usize {
        let (mut lo, mut hi) = (from, self.blocks);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if before(self.block_key(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The term `term`, if the segment holds it.
    pub fn term(&self, term: &str) -> Option<TermInfo> {
        let term = term.as_bytes();
        let mut c = self.block(self.block_for(term)?)?;
        for _ in 0..BLOCK {
            let (t, info) = c.next()?;
            match t.cmp(term) {
                std::cmp::Ordering::Less => continue,
                std::cmp::Ordering::Equal => return Some(info),
                std::cmp::Ordering::Greater => return None,
            }
        }
        None
    }

    /// Calls `each` with every term not less than `from` (all with `""`), in order,
    /// while it returns true. Only the dictionary is read: where a term's data lies
    /// (for a term of one document, read from its postings) is skipped, which made
    /// walking a scale-corpus segment's terms three times faster.
    pub fn for_each_from(&self, from: &str, mut each: impl FnMut(&[u8]) -> bool) {
        let from = from.as_bytes();
        let first = self.block_for(from).unwrap_or(0);
        let Some(mut c) = self.block(first) else {
            return;
        };
        // Cursors cross into the next block by themselves (blocks are contiguous);
        // terms come in order, so once one reaches `from` all the rest do.
        let mut reached = from.is_empty();
        while let Some((_, t)) = c.next_term() {
            if !reached {
                if t < from {
                    continue;
                }
                reached = true;
            }
            if !each(t) {
                return;
            }
        }
    }

    /// A cursor before the first term.
    pub fn cursor(&self) -> Cursor<'_> {
        self.block(0).unwrap_or(Cursor {
            file: self,
            at: 0,
            postings: 0,
            left: 0,
            term: Vec::new(),
        })
    }

    /// A term's documents part, to walk without decoding it into memory.
    pub fn docs_part(&self, t: &TermInfo) -> OwnedBytes {
        self.bytes.slice(t.docs.0..t.docs.1)
    }

    /// A term's documents and positions as stored.
    pub fn raw(&self, t: &TermInfo) -> (&[u8], &[u8]) {
        let b = self.bytes.as_slice();
        (&b[t.docs.0..t.docs.1], &b[t.positions.0..t.positions.1])
    }

    /// A term's documents and frequencies.
    pub fn postings(&self, t: &TermInfo) -> Postings {
        decode_docs(&self.bytes.as_slice()[t.docs.0..t.docs.1], t.df)
    }

    /// A term's positions (empty if they were not kept).
    pub fn positions(&self, t: &TermInfo, tfs: &[u32]) -> Vec<u32> {
        decode_positions(&self.bytes.as_slice()[t.positions.0..t.positions.1], tfs)
    }
}

/// Reads the dictionary term after term.
pub struct Cursor<'a> {
    file: &'a WordFile,
    at: usize,
    postings: usize,
    /// Terms left in the file from here.
    left: u64,
    term: Vec<u8>,
}

impl Cursor<'_> {
    /// The term the cursor is at (after [`Cursor::advance`]).
    pub fn term(&self) -> &[u8] {
        &self.term
    }

    /// Moves to the next term and returns where its data is.
    pub fn advance(&mut self) -> Option<TermInfo> {
        self.next().map(|(_, info)| info)
    }

    /// Moves to the next term and returns it with the number of its first bytes
    /// that the term before it in its block shares (0 for a block's first), leaving
    /// where its data is unread (the cursor can only read terms after that).
    fn next_term(&mut self) -> Option<(usize, &[u8])> {
        let (shared, flagged) = self.read_term()?;
        let (b, at) = (self.file.bytes.as_slice(), &mut self.at);
        if flagged >> 1 > 1 {
            get_varint(b, at)?;
        }
        if flagged & 1 == 1 {
            get_varint(b, at)?;
        }
        Some((shared, &self.term))
    }

    /// Reads the next term into `term`: returns the bytes it shares with the one
    /// before and its flagged document frequency, the cursor at its data's lengths.
    fn read_term(&mut self) -> Option<(usize, u64)> {
        if self.left == 0 {
            return None;
        }
        let b = self.file.bytes.as_slice();
        let at = &mut self.at;
        let shared = usize::try_from(get_varint(b, at)?).ok()?;
        let rest = usize::try_from(get_varint(b, at)?).ok()?;
        let suffix = b.get(*at..at.checked_add(rest)?)?;
        *at += rest;
        if shared > self.term.len() {
            return None;
        }
        self.term.truncate(shared);
        self.term.extend_from_slice(suffix);
        let flagged = get_varint(b, at)?;
        self.left -= 1;
        Some((shared, flagged))
    }

    fn next(&mut self) -> Option<(&[u8], TermInfo)> {
        let (_, flagged) = self.read_term()?;
        let (b, at) = (self.file.bytes.as_slice(), &mut self.at);
        let df = u32::try_from(flagged >> 1).unwrap_or(u32::MAX);
        let docs_len = if df > 1 {
            usize::try_from(get_varint(b, at)?).ok()?
        } else {
            single_doc_lengths(b, self.postings, false)?.0
        };
        let pos_len = if flagged & 1 == 1 {
            usize::try_from(get_varint(b, at)?).ok()?
        } else {
            0
        };
        let docs_end = self.postings.checked_add(docs_len)?;
        let pos_end = docs_end.checked_add(pos_len)?;
        if pos_end > b.len() {
            return None;
        }
        let info = TermInfo {
            df,
            docs: (self.postings, docs_end),
            positions: (docs_end, pos_end),
        };
        self.postings = pos_end;
        Some((&self.term, info))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A term's documents, each with the term's positions in it.
    type Docs = &'static [(u32, &'static [u32])];

    fn file(terms: &[(&str, Docs)], keep_positions: bool) -> WordFile {
        let mut e = Encoder::new(vec![1; 10], 42);
        for (t, docs) in terms {
            let mut p = TermPostings::default();
            for (d, pos) in docs.iter() {
                p.add_doc(*d, pos.len(), if keep_positions { pos } else { &[] });
            }
            e.add_term(t.as_bytes(), &p);
        }
        WordFile::open(OwnedBytes::new(e.finish())).expect("a word file")
    }

    #[test]
    fn an_encoder_appended_where_a_block_ends_writes_the_same_file() {
        let words: Vec<String> = (0..150).map(|i| format!("w{i:04}")).collect();
        let postings = |i: u32| {
            let mut p = TermPostings::default();
            p.add_doc(i % 10, 2, &[i, i + 3]);
            p
        };
        let mut whole = Encoder::new(vec![1; 10], 42);
        for (i, w) in words.iter().enumerate() {
            whole.add_term(w.as_bytes(), &postings(i as u32));
        }
        let mut lower = Encoder::new(vec![1; 10], 42);
        let mut upper = lower.empty_like();
        let mut off_block = lower.empty_like();
        for (i, w) in words.iter().enumerate() {
            let half = if i < 2 * BLOCK as usize {
                &mut lower
            } else {
                &mut upper
            };
            half.add_term(w.as_bytes(), &postings(i as u32));
        }
        off_block.add_term(b"x", &postings(1));
        assert!(lower.append(upper));
        assert_eq!(lower.finish(), whole.finish());
        // Not where a block ends: refused, and nothing taken.
        let mut odd = Encoder::new(vec![1; 10], 42);
        odd.add_term(b"a", &postings(0));
        assert!(!odd.append(off_block));
        assert_eq!(odd.terms, 1);
    }

    #[test]
    fn terms_are_found_across_blocks() {
        let words: Vec<String> = (0..200).map(|i| format!("w{i:04}")).collect();
        const DOCS: Docs = &[(3, &[0, 2])];
        let terms: Vec<(&str, Docs)> = words.iter().map(|w| (w.as_str(), DOCS)).collect();
        let f = file(&terms, true);
        assert_eq!(f.max_doc(), 10);
        assert_eq!(f.total_tokens(), 42);
        for w in &words {
            let t = f.term(w).expect("present");
            let p = f.postings(&t);
            assert_eq!(p.docs, vec![3]);
            assert_eq!(f.positions(&t, &p.tfs), vec![0, 2]);
        }
        for absent in ["", "a", "w", "w00000", "w0199a", "w1", "x"] {
            assert_eq!(f.term(absent), None, "{absent}");
        }
        let mut from = Vec::new();
        f.for_each_from("w0150", |t| {
            from.push(String::from_utf8_lossy(t).into_owned());
            true
        });
        assert_eq!(from.len(), 50);
        assert_eq!(from[0], "w0150");
        let mut all = 0;
        f.for_each_from("", |_| {
            all += 1;
            true
        });
        assert_eq!(all, 200);
    }

    #[test]
    fn terms_sharing_their_first_eight_bytes_across_blocks_are_found() {
        // 小米汽 is 9 bytes: every term has the same first 8.
        let words: Vec<String> = (0..150).map(|i| format!("小米汽{i:03}")).collect();
        const DOCS: Docs = &[(1, &[0])];
        let mut terms: Vec<(&str, Docs)> = vec![("a", DOCS)];
        terms.extend(words.iter().map(|w| (w.as_str(), DOCS)));
        terms.push(("小米汽车", DOCS));
        terms.push(("小米飞", DOCS));
        let f = file(&terms, false);
        for (w, _) in &terms {
            assert!(f.term(w).is_some(), "{w}");
        }
        for absent in [
            "小米",
            "小米汽",
            "小米汽0005",
            "小米汽149a",
            "小米汽车a",
            "小",
            "b",
        ] {
            assert_eq!(f.term(absent), None, "{absent}");
        }
    }

    #[test]
    fn chinese_terms_and_terms_without_positions() {
        let f = file(
            &[
                ("小米", &[(0, &[1]), (4, &[0, 3])]),
                ("小米su7", &[(4, &[1])]),
                ("汽车", &[(9, &[2])]),
            ],
            false,
        );
        let t = f.term("小米").expect("小米");
        assert_eq!(t.df, 2);
        assert!(!t.has_positions());
        assert_eq!(f.postings(&t).tfs, vec![1, 2]);
        assert!(f.term("小").is_none());
        assert!(f.term("小米s").is_none());
        assert!(f.term("汽车").is_some());
    }

    #[test]
    fn name_like_terms_are_searched_by_an_automaton() {
        let f = file(
            &[
                ("su7", &[(0, &[0])]),
                ("小米", &[(0, &[1])]),
                ("小米汽车", &[(1, &[0])]),
                ("小米汽车工厂", &[(1, &[0])]),
                ("米", &[(2, &[0])]),
                ("雷军", &[(2, &[1])]),
            ],
            false,
        );
        let mut all = Vec::new();
        f.search_names(tantivy_fst::automaton::AlwaysMatch, |t| {
            all.push(String::from_utf8_lossy(t).into_owned());
            true
        });
        assert_eq!(all, ["小米", "小米汽车", "雷军"]);
        let mut first = Vec::new();
        f.search_names(tantivy_fst::automaton::AlwaysMatch, |t| {
            first.push(t.to_vec());
            false
        });
        assert_eq!(first.len(), 1);
    }

    /// Accepts exactly the given terms (and can tell which prefixes lead to one).
    struct OneOf(Vec<Vec<u8>>);

    impl tantivy_fst::Automaton for OneOf {
        type State = Option<Vec<u8>>;

        fn start(&self) -> Self::State {
            Some(Vec::new())
        }

        fn is_match(&self, state: &Self::State) -> bool {
            state.as_ref().is_some_and(|s| self.0.contains(s))
        }

        fn can_match(&self, state: &Self::State) -> bool {
            state
                .as_ref()
                .is_some_and(|s| self.0.iter().any(|t| t.starts_with(s)))
        }

        fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
            let mut s = state.clone()?;
            s.push(byte);
            self.can_match(&Some(s.clone())).then_some(s)
        }
    }

    #[test]
    fn the_name_search_skips_blocks_and_misses_nothing() {
        // Thousands of two- and three-character words over many blocks, many
        // sharing first characters, some sharing 8 bytes and more.
        let chars: Vec<char> = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
            .chars()
            .collect();
        let mut words = std::collections::BTreeSet::new();
        for (i, a) in chars.iter().enumerate() {
            for (j, b) in chars.iter().enumerate() {
                words.insert(format!("{a}{b}"));
                if (i + j) % 3 == 0 {
                    for c in &chars[..5] {
                        words.insert(format!("{a}{b}{c}"));
                    }
                }
            }
            words.insert(format!("x{i}"));
        }
        const ONE: Docs = &[(1, &[0])];
        let terms: Vec<(&str, Docs)> = words.iter().map(|w| (w.as_str(), ONE)).collect();
        let f = file(&terms, false);
        assert!(f.blocks > 20);
        for wanted in [
            vec!["甲乙", "甲乙丙", "亥亥"],
            vec!["子子", "子丑", "丑子"],
            vec!["癸亥", "壬子甲"],
            vec!["甲", "x3", "戊戊戊戊"],
            vec![],
        ] {
            let automaton = OneOf(wanted.iter().map(|w| w.as_bytes().to_vec()).collect());
            let mut found = Vec::new();
            f.search_names(&automaton, |t| {
                found.push(String::from_utf8_lossy(t).into_owned());
                true
            });
            let expected: Vec<String> = words
                .iter()
                .filter(|w| wanted.contains(&w.as_str()) && is_name_like(w.as_bytes()))
                .cloned()
                .collect();
            assert_eq!(found, expected, "{wanted:?}");
        }
    }

    #[test]
    fn damaged_files_do_not_open_and_an_empty_one_does() {
        assert!(WordFile::open(OwnedBytes::new(b"WWRD".to_vec())).is_none());
        let empty = WordFile::open(OwnedBytes::new(Encoder::new(vec![0; 3], 0).finish()))
            .expect("an empty word file");
        assert_eq!(empty.term("a"), None);
        let mut full = {
            let mut e = Encoder::new(vec![1], 1);
            let mut p = TermPostings::default();
            p.add_doc(0, 1, &[0]);
            e.add_term(b"abc", &p);
            e.finish()
        };
        full.truncate(full.len() - 2);
        assert!(WordFile::open(OwnedBytes::new(full)).is_none());
    }
}
