//! The gram index's file, one per segment: how it is written from sorted gram
//! occurrences and how it is read back. Pure: bytes in, bytes out.
//!
//! A *gram* is a folded CJK character followed by the next character of its run, or
//! by [`END`] when it is the last one: every character occurrence is the first half of
//! exactly one gram. A bigram query looks its gram up; a one-character query reads
//! every gram of the character's *group* (all grams with that first character), which
//! lie together in the dictionary.
//!
//! Layout (little-endian):
//!
//! ```text
//! header   magic "WGRM", version u32, max_doc u32, groups u32,
//!          terms u64, total_tokens u64, dict_len u64              (40 bytes)
//! norms    one tantivy field-norm id per document                  (max_doc bytes)
//! firsts   the groups' first characters, sorted, u32 each (what lookups search)
//! groups   per first character, sorted: char u32, docs u32 (documents holding
//!          it), terms u32, reserved u32, dict offset u64, postings offset u64
//! dict     per term, in key order, varints: second character code (delta within
//!          the group), document frequency, and unless that is 1, bytes of its
//!          documents and of its positions (a term of one document: read from them)
//! postings per term: documents — varint((doc delta) << 1 | (tf == 1)), then
//!          varint(tf) when tf > 1 — then positions — per document, tf varints:
//!          the first absolute, the rest deltas
//! ```

use tantivy::directory::OwnedBytes;

use crate::index::postings::{
    Postings, TermPostings, decode_docs, decode_positions, for_each_posting, get_varint,
    put_varint, single_doc_lengths, u32_at, u64_at,
};

/// The four bytes every gram file starts with.
const MAGIC: &[u8; 4] = b"WGRM";
/// Bump when the layout changes.
const VERSION: u32 = 3;
const HEADER: usize = 40;
const GROUP: usize = 32;

/// Second-character code of the gram of a run's last character.
pub const END: u32 = 0;
/// Bits of a key taken by the second-character code (a char + 1, or [`END`]).
const SECOND_BITS: u32 = 21;

/// The key of the gram `first` + `second` (`None`: the end of a run).
pub fn key(first: char, second: Option<char>) -> u64 {
    (u64::from(first as u32) << SECOND_BITS) | u64::from(second_code(second))
}

/// The code of a gram's second half in its key.
pub fn second_code(second: Option<char>) -> u32 {
    second.map_or(END, |c| c as u32 + 1)
}

/// Is this the key of a run's last character?
pub fn ends_run(key: u64) -> bool {
    second_of(key) == END
}

/// The first character of a key.
pub fn first_of(key: u64) -> u32 {
    (key >> SECOND_BITS) as u32
}

fn second_of(key: u64) -> u32 {
    (key & ((1 << SECOND_BITS) - 1)) as u32
}

/// Builds a gram file from terms given in key order, each with its documents in
/// increasing order.
pub struct Encoder {
    max_doc: u32,
    norms: Vec<u8>,
    total_tokens: u64,
    /// The groups' first characters, apart: a lookup's binary search reads these.
    firsts: Vec<u8>,
    groups: Vec<u8>,
    dict: Vec<u8>,
    postings: Vec<u8>,
    terms: u64,
    // The group being written.
    group_first: Option<u32>,
    group_terms: u32,
    group_docs: u32,
    group_dict: u64,
    group_postings: u64,
    previous_second: u32,
    /// Per document, the number (groups written + 1) of the last group that counted it.
    seen_in_group: Vec<u32>,
    groups_done: u32,
    // The term being written.
    key: u64,
    term: TermPostings,
}

impl Encoder {
    /// An encoder for a segment of `max_doc` documents with these field-norm ids and
    /// total length (what BM25 averages document lengths over).
    pub fn new(norms: Vec<u8>, total_tokens: u64) -> Encoder {
        let max_doc = u32::try_from(norms.len()).unwrap_or(u32::MAX);
        Encoder {
            max_doc,
            seen_in_group: vec![0; norms.len()],
            norms,
            total_tokens,
            firsts: Vec::new(),
            groups: Vec::new(),
            dict: Vec::new(),
            postings: Vec::new(),
            terms: 0,
            group_first: None,
            group_terms: 0,
            group_docs: 0,
            group_dict: 0,
            group_postings: 0,
            previous_second: 0,
            groups_done: 0,
            key: 0,
            term: TermPostings::default(),
        }
    }

    /// Starts the term `key` (greater than every key before it).
    pub fn begin_term(&mut self, key: u64) {
        let first = first_of(key);
        if self.group_first != Some(first) {
            self.close_group();
            self.group_first = Some(first);
            self.group_dict = self.dict.len() as u64;
            self.group_postings = self.postings.len() as u64;
            self.previous_second = 0;
        }
        self.key = key;
        self.term.clear();
    }

    /// Adds a document (greater than the term's previous one) with the positions of
    /// the term in it (increasing, at least one).
    pub fn add_doc(&mut self, doc: u32, positions: &[u32]) {
        self.term.add_doc(doc, positions.len(), positions);
        let group = self.groups_done + 1;
        if let Some(seen) = self.seen_in_group.get_mut(doc as usize)
            && *seen != group
        {
            *seen = group;
            self.group_docs += 1;
        }
    }

    /// Adds another segment's postings of the current term as bytes, its documents
    /// shifted by `base` (see [`TermPostings::append_shifted`]). Their documents are
    /// not counted for the group: see [`Encoder::count_group_docs`].
    pub fn add_shifted(&mut self, raw: (&[u8], &[u8]), df: u32, base: u32) {
        self.term.append_shifted(raw.0, raw.1, df, base, true);
    }

    /// Counts `docs` more documents as holding the current group's character (those
    /// of a segment added with [`Encoder::add_shifted`]; segments share no document).
    pub fn count_group_docs(&mut self, docs: u32) {
        self.group_docs += docs;
    }

    /// Ends the term begun last; a term without documents is left out.
    pub fn end_term(&mut self) {
        if self.term.df == 0 {
            return;
        }
        let second = second_of(self.key);
        put_varint(&mut self.dict, u64::from(second - self.previous_second));
        self.previous_second = second;
        put_varint(&mut self.dict, self.term.df);
        // A term of one document: its parts' lengths are read from the parts.
        if self.term.df > 1 {
            put_varint(&mut self.dict, self.term.docs.len() as u64);
            put_varint(&mut self.dict, self.term.positions.len() as u64);
        }
        self.postings.extend_from_slice(&self.term.docs);
        self.postings.extend_from_slice(&self.term.positions);
        self.group_terms += 1;
        self.terms += 1;
    }

    /// Writes the group being written, unless none of its terms had documents.
    fn close_group(&mut self) {
        let Some(first) = self.group_first.take() else {
            return;
        };
        if self.group_terms == 0 {
            return;
        }
        self.firsts.extend_from_slice(&first.to_le_bytes());
        self.groups.extend_from_slice(&first.to_le_bytes());
        self.groups
            .extend_from_slice(&self.group_docs.to_le_bytes());
        self.groups
            .extend_from_slice(&self.group_terms.to_le_bytes());
        self.groups.extend_from_slice(&0u32.to_le_bytes());
        self.groups
            .extend_from_slice(&self.group_dict.to_le_bytes());
        self.groups
            .extend_from_slice(&self.group_postings.to_le_bytes());
        self.groups_done += 1;
        self.group_terms = 0;
        self.group_docs = 0;
    }

    /// The whole file.
    pub fn finish(mut self) -> Vec<u8> {
        self.close_group();
        let mut out = Vec::with_capacity(
            HEADER
                + self.norms.len()
                + self.firsts.len()
                + self.groups.len()
                + self.dict.len()
                + self.postings.len(),
        );
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&self.max_doc.to_le_bytes());
        out.extend_from_slice(&self.groups_done.to_le_bytes());
        out.extend_from_slice(&self.terms.to_le_bytes());
        out.extend_from_slice(&self.total_tokens.to_le_bytes());
        out.extend_from_slice(&(self.dict.len() as u64).to_le_bytes());
        out.extend_from_slice(&self.norms);
        out.extend_from_slice(&self.firsts);
        out.extend_from_slice(&self.groups);
        out.extend_from_slice(&self.dict);
        out.extend_from_slice(&self.postings);
        out
    }
}

/// Writes sorted occurrences (see [`postings::sort_occurrences`]) into `encoder`.
pub fn encode_sorted(encoder: &mut Encoder, entries: &[u64], docs: &[u32]) {
    let mut current = None;
    for_each_posting(entries, docs, |key, doc, positions| {
        if current != Some(key) {
            if current.is_some() {
                encoder.end_term();
            }
            encoder.begin_term(key);
            current = Some(key);
        }
        encoder.add_doc(doc, positions);
    });
    if current.is_some() {
        encoder.end_term();
    }
}

/// A gram file opened for reading.
#[derive(Clone)]
pub struct GramFile {
    bytes: OwnedBytes,
    max_doc: u32,
    groups: usize,
    total_tokens: u64,
    firsts_at: usize,
    groups_at: usize,
    dict_at: usize,
    postings_at: usize,
}

/// Where a term's data is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermInfo {
    /// The term's key.
    pub key: u64,
    /// Documents holding it.
    pub df: u32,
    docs: (usize, usize),
    positions: (usize, usize),
}

/// One group: the grams that start with one character.
#[derive(Debug, Clone, Copy)]
struct Group {
    first: u32,
    docs: u32,
    terms: u32,
    dict: usize,
    postings: usize,
}

impl GramFile {
    /// Opens a gram file; `None` if it is not one (or is cut short).
    pub fn open(bytes: OwnedBytes) -> Option<GramFile> {
        let b = bytes.as_slice();
        if b.get(..4)? != MAGIC || u32_at(b, 4)? != VERSION {
            return None;
        }
        let max_doc = u32_at(b, 8)?;
        let groups = u32_at(b, 12)? as usize;
        // Every group holds a term at least.
        if u64_at(b, 16)? < groups as u64 {
            return None;
        }
        let total_tokens = u64_at(b, 24)?;
        let dict_len = usize::try_from(u64_at(b, 32)?).ok()?;
        let firsts_at = HEADER.checked_add(max_doc as usize)?;
        let groups_at = firsts_at.checked_add(groups.checked_mul(4)?)?;
        let dict_at = groups_at.checked_add(groups.checked_mul(GROUP)?)?;
        let postings_at = dict_at.checked_add(dict_len)?;
        if postings_at > b.len() {
            return None;
        }
        Some(GramFile {
            bytes,
            max_doc,
            groups,
            total_tokens,
            firsts_at,
            groups_at,
            dict_at,
            postings_at,
        })
    }

    /// Documents of the segment.
    pub fn max_doc(&self) -> u32 {
        self.max_doc
    }

    /// The documents' lengths together (see [`Encoder::new`]).
    pub fn total_tokens(&self) -> u64 {
        self.total_tokens
    }

    /// The field-norm ids of all documents.
    pub fn norms(&self) -> OwnedBytes {
        self.bytes.slice(HEADER..self.firsts_at)
    }

    fn group(&self, i: usize) -> Option<Group> {
        let b = self.bytes.as_slice();
        let at = self.groups_at + i * GROUP;
        Some(Group {
            first: u32_at(b, at)?,
            docs: u32_at(b, at + 4)?,
            terms: u32_at(b, at + 8)?,
            dict: self.dict_at + usize::try_from(u64_at(b, at + 16)?).ok()?,
            postings: self.postings_at + usize::try_from(u64_at(b, at + 24)?).ok()?,
        })
    }

    fn find_group(&self, first: u32) -> Option<Group> {
        let b = self.bytes.as_slice();
        let (mut lo, mut hi) = (0, self.groups);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match u32_at(b, self.firsts_at + mid * 4)?.cmp(&first) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return self.group(mid),
            }
        }
        None
    }

    /// Documents holding the character `first` (as the first half of any gram).
    pub fn char_df(&self, first: char) -> u32 {
        self.group_docs(first as u32)
    }

    /// Documents holding the character of code `first`.
    pub fn group_docs(&self, first: u32) -> u32 {
        self.find_group(first).map_or(0, |g| g.docs)
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

    /// Every term of the group of `first`, in key order.
    pub fn group_terms(&self, first: char) -> Vec<TermInfo> {
        let Some(g) = self.find_group(first as u32) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(g.terms as usize);
        self.walk_group(g, |t| {
            out.push(t);
            true
        });
        out
    }

    /// The term `key`, if the segment holds it.
    pub fn term(&self, key: u64) -> Option<TermInfo> {
        let g = self.find_group(first_of(key))?;
        let mut found = None;
        self.walk_group(g, |t| {
            if t.key >= key {
                found = (t.key == key).then_some(t);
                return false;
            }
            true
        });
        found
    }

    /// Calls `each` with the group's terms in order while it returns true.
    fn walk_group(&self, g: Group, mut each: impl FnMut(TermInfo) -> bool) {
        let b = self.bytes.as_slice();
        let mut at = g.dict;
        let mut postings = g.postings;
        let mut second = 0u64;
        for _ in 0..g.terms {
            let (Some(delta), Some(df)) = (get_varint(b, &mut at), get_varint(b, &mut at)) else {
                return;
            };
            second += delta;
            let lengths = if df > 1 {
                get_varint(b, &mut at)
                    .zip(get_varint(b, &mut at))
                    .and_then(|(d, p)| Some((usize::try_from(d).ok()?, usize::try_from(p).ok()?)))
            } else {
                single_doc_lengths(b, postings, true)
            };
            let Some((docs_len, pos_len)) = lengths else {
                return;
            };
            let docs_end = postings.saturating_add(docs_len);
            let pos_end = docs_end.saturating_add(pos_len);
            if pos_end > b.len() {
                return;
            }
            let t = TermInfo {
                key: (u64::from(g.first) << SECOND_BITS) | second,
                df: u32::try_from(df).unwrap_or(u32::MAX),
                docs: (postings, docs_end),
                positions: (docs_end, pos_end),
            };
            postings = pos_end;
            if !each(t) {
                return;
            }
        }
    }

    /// Every term of the segment, in key order.
    pub fn all_terms(&self) -> impl Iterator<Item = TermInfo> + '_ {
        (0..self.groups).flat_map(move |i| {
            let mut out = Vec::new();
            if let Some(g) = self.group(i) {
                self.walk_group(g, |t| {
                    out.push(t);
                    true
                });
            }
            out
        })
    }

    /// A term's documents and frequencies.
    pub fn postings(&self, t: &TermInfo) -> Postings {
        decode_docs(&self.bytes.as_slice()[t.docs.0..t.docs.1], t.df)
    }

    /// A term's positions, all documents' one after another (each document's `tf`
    /// of them, in the order of [`GramFile::postings`]).
    pub fn positions(&self, t: &TermInfo, tfs: &[u32]) -> Vec<u32> {
        decode_positions(&self.bytes.as_slice()[t.positions.0..t.positions.1], tfs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::postings::{occurrence, sort_occurrences};

    /// A gram file of `docs` (each a list of runs as (start position, text)).
    fn file(docs: &[&[(u32, &str)]]) -> GramFile {
        let (mut entries, mut ids, mut norms, mut total) = (Vec::new(), Vec::new(), Vec::new(), 0);
        for (d, runs) in docs.iter().enumerate() {
            let mut n = 0;
            for (start, run) in runs.iter() {
                let chars: Vec<char> = run.chars().collect();
                for (i, c) in chars.iter().enumerate() {
                    let k = key(*c, chars.get(i + 1).copied());
                    entries.push(occurrence(k, *start as usize + i));
                    ids.push(d as u32);
                    n += 1;
                }
            }
            norms.push(n as u8);
            total += n;
        }
        sort_occurrences(&mut entries, &mut ids);
        let mut e = Encoder::new(norms, total);
        encode_sorted(&mut e, &entries, &ids);
        GramFile::open(OwnedBytes::new(e.finish())).expect("a gram file")
    }

    #[test]
    fn bigrams_come_back_with_documents_frequencies_and_positions() {
        let f = file(&[
            &[(0, "明月光"), (5, "明月")],
            &[(0, "月光")],
            &[(2, "明月明月")],
        ]);
        assert_eq!(f.max_doc(), 3);
        assert_eq!(f.total_tokens(), 11);
        let t = f.term(key('明', Some('月'))).expect("明月");
        assert_eq!(t.df, 2);
        let p = f.postings(&t);
        assert_eq!(
            p,
            Postings {
                docs: vec![0, 2],
                tfs: vec![2, 2]
            }
        );
        assert_eq!(f.positions(&t, &p.tfs), vec![0, 5, 2, 4]);
        // 光 ends a run in documents 0 and 1.
        let end = f.term(key('光', None)).expect("光 at a run's end");
        assert_eq!(f.postings(&end).docs, vec![0, 1]);
        assert_eq!(f.term(key('光', Some('明'))), None);
        assert_eq!(f.term(key('日', Some('月'))), None);
    }

    #[test]
    fn a_character_group_counts_its_documents() {
        let f = file(&[&[(0, "明月光")], &[(0, "月光")], &[(0, "日")], &[]]);
        assert_eq!(f.char_df('月'), 2);
        assert_eq!(f.char_df('光'), 2);
        assert_eq!(f.char_df('日'), 1);
        assert_eq!(f.char_df('星'), 0);
        let keys: Vec<u64> = f.group_terms('月').iter().map(|t| t.key).collect();
        assert_eq!(keys, vec![key('月', Some('光'))]);
        assert_eq!(f.norms().as_slice(), &[3, 2, 1, 0]);
        let all: Vec<u64> = f.all_terms().map(|t| t.key).collect();
        let mut sorted = all.clone();
        sorted.sort_unstable();
        assert_eq!(all, sorted);
        // 明月, 月光, 光 at an end, 日 at an end.
        assert_eq!(all.len(), 4);
    }

    #[test]
    fn a_group_starting_after_documents_of_the_previous_counts_them_right() {
        // Document 1 holds both 乙 and 甲: the group of 乙 must count it once.
        let f = file(&[&[(0, "甲")], &[(0, "甲乙")], &[(0, "乙")]]);
        assert_eq!(f.char_df('甲'), 2);
        assert_eq!(f.char_df('乙'), 2);
    }

    #[test]
    fn damaged_files_do_not_open() {
        assert!(GramFile::open(OwnedBytes::new(b"WGRM".to_vec())).is_none());
        assert!(GramFile::open(OwnedBytes::new(Vec::new())).is_none());
        let mut good = {
            let mut e = Encoder::new(vec![1], 1);
            e.begin_term(key('甲', None));
            e.add_doc(0, &[0]);
            e.end_term();
            e.finish()
        };
        good.truncate(good.len() - 30);
        assert!(GramFile::open(OwnedBytes::new(good)).is_none());
    }
}
