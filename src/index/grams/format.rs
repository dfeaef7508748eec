//! The gram index's file, one per segment: how it is written from sorted gram
//! occurrences and how it is read back. Pure: bytes in, bytes out.
//!
//! A *gram* is a folded CJK character followed by the next character of its run, or
//! by [`END`] when it is the last one: every character occurrence is the first half of
//! exactly one gram. A bigram query looks its gram up; a one-character query reads
//! every gram of the character's *group* (all grams with that first character), which
//! lie together in the dictionary.
//!
//! Occurrences are numbered in the segment's *position space*: the documents one
//! after another, document `d` from `starts[d]`, its character at position `p` at
//! `starts[d] + p`; a document spans its last gram's position + 2, so no run reads on
//! into the next document. A term's postings are the sorted numbers of its
//! occurrences, Elias–Fano coded ([`elias_fano`]): documents, frequencies and
//! positions at once, in 2 + ⌊log₂(span / occurrences)⌋ bits each (a document number
//! and a position as varints took 26 bits on average on the scale corpus; this 19).
//! A phrase is then an intersection of numbers.
//!
//! Layout (little-endian):
//!
//! ```text
//! header   magic "WGRM", version u32, max_doc u32, groups u32,
//!          terms u64, total_tokens u64, dict_len u64, span u64          (48 bytes)
//! norms    one tantivy field-norm id per document                  (max_doc bytes)
//! starts   where each document starts in the position space, u32 each, and the
//!          span after the last                                 ((max_doc + 1) × 4)
//! firsts   the groups' first characters, sorted, u32 each (what lookups search)
//! groups   per first character, sorted: char u32, docs u32 (documents holding
//!          it), terms u32, reserved u32, dict offset u64, postings offset u64
//! dict     per term, in key order, varints: second character code (delta within
//!          the group), occurrences << 1 | (more occurrences than documents), and
//!          if so occurrences − documents
//! postings per term: its occurrences' numbers, Elias–Fano coded below the span
//!          (their length follows from the count and the span)
//! ```

use tantivy::directory::OwnedBytes;

use crate::index::elias_fano;
use crate::index::postings::{
    MAX_POSITION, POSITION_BITS, Postings, get_varint, put_varint, u32_at, u64_at,
};

/// The four bytes every gram file starts with.
const MAGIC: &[u8; 4] = b"WGRM";
/// Bump when the layout changes.
const VERSION: u32 = 4;
const HEADER: usize = 48;
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

/// Where each document starts in the position space of documents spanning `spans`;
/// `None` if the space would not fit in 32 bits (a segment of billions of characters).
pub fn starts_of(spans: &[u32]) -> Option<Vec<u32>> {
    let mut starts = Vec::with_capacity(spans.len() + 1);
    let mut at = 0u32;
    starts.push(0);
    for &span in spans {
        at = at.checked_add(span)?;
        starts.push(at);
    }
    Some(starts)
}

/// Builds a gram file from terms given in key order, each with its occurrences in
/// increasing order.
pub struct Encoder {
    max_doc: u32,
    norms: Vec<u8>,
    starts: Vec<u32>,
    total_tokens: u64,
    /// The groups' first characters, apart: a lookup's binary search reads these.
    firsts: Vec<u8>,
    groups: Vec<u8>,
    dict: Vec<u8>,
    postings: Vec<u8>,
    /// The dictionaries and postings of encoders appended ([`Encoder::append`]), in
    /// order: they follow this one's in the file, and are written from where they are.
    appended: Vec<(Vec<u8>, Vec<u8>)>,
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
    occurrences: Vec<u64>,
    docs: u64,
    last_doc: Option<u32>,
}

impl Encoder {
    /// An encoder for a segment of documents with these field-norm ids, total
    /// length (what BM25 averages document lengths over) and [`starts_of`] (one
    /// more than the documents).
    pub fn new(norms: Vec<u8>, total_tokens: u64, starts: Vec<u32>) -> Encoder {
        let max_doc = u32::try_from(norms.len()).unwrap_or(u32::MAX);
        Encoder {
            max_doc,
            seen_in_group: vec![0; norms.len()],
            norms,
            starts,
            total_tokens,
            firsts: Vec::new(),
            groups: Vec::new(),
            dict: Vec::new(),
            postings: Vec::new(),
            appended: Vec::new(),
            terms: 0,
            group_first: None,
            group_terms: 0,
            group_docs: 0,
            group_dict: 0,
            group_postings: 0,
            previous_second: 0,
            groups_done: 0,
            key: 0,
            occurrences: Vec::new(),
            docs: 0,
            last_doc: None,
        }
    }

    /// Where document `doc` starts in the position space.
    pub fn start(&self, doc: u32) -> u64 {
        self.starts.get(doc as usize).map_or(0, |&s| u64::from(s))
    }

    fn span(&self) -> u64 {
        self.starts.last().map_or(0, |&s| u64::from(s))
    }

    /// Starts the term `key` (greater than every key before it).
    pub fn begin_term(&mut self, key: u64) {
        // Appending is the last step: terms go to the encoder appended instead.
        debug_assert!(self.appended.is_empty(), "a term after an append");
        let first = first_of(key);
        if self.group_first != Some(first) {
            self.close_group();
            self.group_first = Some(first);
            self.group_dict = self.dict.len() as u64;
            self.group_postings = self.postings.len() as u64;
            self.previous_second = 0;
        }
        self.key = key;
        self.occurrences.clear();
        self.docs = 0;
        self.last_doc = None;
    }

    /// Adds an occurrence of the term in document `doc` (not before the previous
    /// one's) at number `at` of the position space (greater than the previous one).
    pub fn add(&mut self, doc: u32, at: u64) {
        self.occurrences.push(at);
        if self.last_doc == Some(doc) {
            return;
        }
        self.last_doc = Some(doc);
        self.docs += 1;
        let group = self.groups_done + 1;
        if let Some(seen) = self.seen_in_group.get_mut(doc as usize)
            && *seen != group
        {
            *seen = group;
            self.group_docs += 1;
        }
    }

    /// Adds another segment's occurrences of the current term (`t` of `file`), in
    /// documents all after those added so far, moved `by` in the position space,
    /// decoded straight into the term (none if they do not decode). Their documents
    /// are not counted for the group: see [`Encoder::count_group_docs`].
    pub fn add_moved(&mut self, file: &GramFile, t: &TermInfo, by: u64) {
        let before = self.occurrences.len();
        let occurrences = &mut self.occurrences;
        if file
            .try_for_each_occurrence(t, |at| occurrences.push(at + by))
            .is_none()
        {
            self.occurrences.truncate(before);
        }
        self.docs += u64::from(t.df);
        self.last_doc = None;
    }

    /// Counts `docs` more documents as holding the current group's character (those
    /// of a segment added with [`Encoder::add_moved`]; segments share no document).
    pub fn count_group_docs(&mut self, docs: u32) {
        self.group_docs += docs;
    }

    /// Ends the term begun last; a term without occurrences is left out.
    pub fn end_term(&mut self) {
        if self.occurrences.is_empty() {
            return;
        }
        let second = second_of(self.key);
        put_varint(&mut self.dict, u64::from(second - self.previous_second));
        self.previous_second = second;
        let count = self.occurrences.len() as u64;
        let repeats = count - self.docs;
        put_varint(&mut self.dict, (count << 1) | u64::from(repeats > 0));
        if repeats > 0 {
            put_varint(&mut self.dict, repeats);
        }
        elias_fano::encode(&self.occurrences, self.span(), &mut self.postings);
        self.group_terms += 1;
        self.terms += 1;
    }

    /// Writes the group being written, unless none of its terms had occurrences.
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

    /// Takes in the groups `other` wrote, all of them after this one's, for the same
    /// documents ([`Encoder::new`] with the same arguments): the file is then the one
    /// this encoder would have written had it been given their terms too.
    pub fn append(&mut self, mut other: Encoder) {
        self.close_group();
        other.close_group();
        let (dict, postings) = (self.dict_len() as u64, self.postings_len() as u64);
        for g in other.groups.chunks_exact(GROUP) {
            let (head, offsets) = g.split_at(16);
            self.groups.extend_from_slice(head);
            let at = |i: usize| {
                offsets
                    .get(i..i + 8)
                    .and_then(|b| b.try_into().ok())
                    .map_or(0, u64::from_le_bytes)
            };
            self.groups.extend_from_slice(&(at(0) + dict).to_le_bytes());
            self.groups
                .extend_from_slice(&(at(8) + postings).to_le_bytes());
        }
        self.firsts.extend_from_slice(&other.firsts);
        self.appended.push((other.dict, other.postings));
        self.appended.append(&mut other.appended);
        self.terms += other.terms;
        self.groups_done += other.groups_done;
    }

    /// Bytes of the dictionary, with those of the encoders appended.
    fn dict_len(&self) -> usize {
        self.dict.len() + self.appended.iter().map(|(d, _)| d.len()).sum::<usize>()
    }

    /// Bytes of the postings, with those of the encoders appended.
    fn postings_len(&self) -> usize {
        self.postings.len() + self.appended.iter().map(|(_, p)| p.len()).sum::<usize>()
    }

    /// The whole file (the tests' way to read what was written).
    #[cfg(test)]
    pub fn finish(mut self) -> Vec<u8> {
        self.close_group();
        let mut out = Vec::with_capacity(
            HEADER
                + self.norms.len()
                + self.starts.len() * 4
                + self.firsts.len()
                + self.groups.len()
                + self.dict_len()
                + self.postings_len(),
        );
        // Writing into a `Vec` cannot fail.
        let _ = self.write_to(&mut out);
        out
    }

    /// Writes the whole file ([`Encoder::finish`]'s bytes) to `w`, part by part (the
    /// parts of appended encoders where they are: the final merge of a scale build
    /// copied 50 MB twice before writing them).
    pub fn write_to(mut self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.close_group();
        let mut head = Vec::with_capacity(HEADER + self.starts.len() * 4);
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&VERSION.to_le_bytes());
        head.extend_from_slice(&self.max_doc.to_le_bytes());
        head.extend_from_slice(&self.groups_done.to_le_bytes());
        head.extend_from_slice(&self.terms.to_le_bytes());
        head.extend_from_slice(&self.total_tokens.to_le_bytes());
        head.extend_from_slice(&(self.dict_len() as u64).to_le_bytes());
        head.extend_from_slice(&self.span().to_le_bytes());
        w.write_all(&head)?;
        w.write_all(&self.norms)?;
        head.clear();
        for s in &self.starts {
            head.extend_from_slice(&s.to_le_bytes());
        }
        for part in [&head, &self.firsts, &self.groups, &self.dict] {
            w.write_all(part)?;
        }
        for (dict, _) in &self.appended {
            w.write_all(dict)?;
        }
        w.write_all(&self.postings)?;
        for (_, postings) in &self.appended {
            w.write_all(postings)?;
        }
        Ok(())
    }
}

/// Each document's span in the position space: its last gram's position + 2 (0 for
/// a document without grams), from occurrences (see [`postings::occurrence`]) in
/// document order with their documents, for `max_doc` documents.
///
/// [`postings::occurrence`]: crate::index::postings::occurrence
#[cfg(test)]
pub fn spans(entries: &[u64], docs: &[u32], max_doc: usize) -> Vec<u32> {
    let mut spans = vec![0u32; max_doc];
    for (&e, &d) in entries.iter().zip(docs) {
        let position = (e & u64::from(MAX_POSITION)) as u32;
        if let Some(s) = spans.get_mut(d as usize) {
            *s = (*s).max(position + 2);
        }
    }
    spans
}

/// Writes sorted occurrences (see [`postings::sort_occurrences`]) into `encoder`.
///
/// [`postings::sort_occurrences`]: crate::index::postings::sort_occurrences
pub fn encode_sorted(encoder: &mut Encoder, entries: &[u64], docs: &[u32]) {
    let mut current = None;
    for (&e, &doc) in entries.iter().zip(docs) {
        let key = e >> POSITION_BITS;
        if current != Some(key) {
            if current.is_some() {
                encoder.end_term();
            }
            encoder.begin_term(key);
            current = Some(key);
        }
        let position = e & u64::from(MAX_POSITION);
        encoder.add(doc, encoder.start(doc) + position);
    }
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
    span: u64,
    starts_at: usize,
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
    /// Its occurrences.
    pub count: u32,
    at: (usize, usize),
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
        let span = u64_at(b, 40)?;
        let starts_at = HEADER.checked_add(max_doc as usize)?;
        let firsts_at =
            starts_at.checked_add((max_doc as usize).checked_add(1)?.checked_mul(4)?)?;
        let groups_at = firsts_at.checked_add(groups.checked_mul(4)?)?;
        let dict_at = groups_at.checked_add(groups.checked_mul(GROUP)?)?;
        let postings_at = dict_at.checked_add(dict_len)?;
        if postings_at > b.len() || u64::from(u32_at(b, firsts_at - 4)?) != span {
            return None;
        }
        Some(GramFile {
            bytes,
            max_doc,
            groups,
            total_tokens,
            span,
            starts_at,
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
        self.bytes.slice(HEADER..self.starts_at)
    }

    /// Where document `doc` starts in the position space (`doc` = max_doc: the span).
    pub fn start(&self, doc: u32) -> u64 {
        self.starts().at(doc)
    }

    fn starts(&self) -> Starts<'_> {
        Starts(&self.bytes.as_slice()[self.starts_at..self.firsts_at])
    }

    /// The document holding number `at` of the position space, searched from
    /// document `from` on (numbers asked in increasing order walk forward); `None`
    /// past the last document.
    pub fn doc_at(&self, at: u64, from: u32) -> Option<u32> {
        self.starts().doc_at(at, from)
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

    /// The index of the first group whose character's code is not below `first`.
    fn group_index(&self, first: u32) -> usize {
        let b = self.bytes.as_slice();
        let (mut lo, mut hi) = (0, self.groups);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match u32_at(b, self.firsts_at + mid * 4) {
                Some(f) if f < first => lo = mid + 1,
                _ => hi = mid,
            }
        }
        lo
    }

    /// Each group's first character's code and the bytes of its postings, in order:
    /// how the work of a merge is spread over the characters.
    pub fn group_sizes(&self) -> Vec<(u32, usize)> {
        let mut out: Vec<(u32, usize)> = (0..self.groups)
            .filter_map(|i| self.group(i))
            .map(|g| (g.first, g.postings))
            .collect();
        let ends: Vec<usize> = out
            .iter()
            .skip(1)
            .map(|&(_, at)| at)
            .chain([self.bytes.len()])
            .collect();
        for ((_, at), end) in out.iter_mut().zip(ends) {
            *at = end.saturating_sub(*at);
        }
        out
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
            let (Some(delta), Some(count)) = (get_varint(b, &mut at), get_varint(b, &mut at))
            else {
                return;
            };
            let extra = if count & 1 == 1 {
                let Some(extra) = get_varint(b, &mut at) else {
                    return;
                };
                extra
            } else {
                0
            };
            let count = count >> 1;
            second += delta;
            let (Ok(count), Some(df)) = (u32::try_from(count), count.checked_sub(extra)) else {
                return;
            };
            let end = postings.saturating_add(elias_fano::encoded_len(count.into(), self.span));
            if end > b.len() {
                return;
            }
            let t = TermInfo {
                key: (u64::from(g.first) << SECOND_BITS) | second,
                df: u32::try_from(df).unwrap_or(u32::MAX),
                count,
                at: (postings, end),
            };
            postings = end;
            if !each(t) {
                return;
            }
        }
    }

    /// Every term whose first character's code lies in `firsts`, in key order.
    pub fn terms_of(&self, firsts: std::ops::Range<u32>) -> impl Iterator<Item = TermInfo> + '_ {
        // Groups are sorted by first character: the range is a run of them.
        let from = self.group_index(firsts.start);
        let to = self.group_index(firsts.end);
        (from..to).flat_map(move |i| {
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

    /// A term's occurrences: their numbers in the position space, increasing (fewer
    /// if the file is damaged).
    pub fn occurrences(&self, t: &TermInfo) -> Vec<u64> {
        let mut out = Vec::new();
        let bytes = &self.bytes.as_slice()[t.at.0..t.at.1];
        if elias_fano::decode(bytes, t.count as usize, self.span, &mut out).is_none() {
            out.clear();
        }
        out
    }

    /// Calls `each` with a term's occurrences' numbers in increasing order (fewer if
    /// the file is damaged).
    pub fn for_each_occurrence(&self, t: &TermInfo, each: impl FnMut(u64)) {
        let _ = self.try_for_each_occurrence(t, each);
    }

    /// [`GramFile::for_each_occurrence`], `None` if the numbers do not all decode.
    fn try_for_each_occurrence(&self, t: &TermInfo, each: impl FnMut(u64)) -> Option<()> {
        let bytes = &self.bytes.as_slice()[t.at.0..t.at.1];
        elias_fano::for_each(bytes, t.count as usize, self.span, each)
    }

    /// Calls `each(document, number)` for occurrences given by number in increasing
    /// order; stops at a number past the last document.
    pub fn for_each_doc(&self, occurrences: &[u64], mut each: impl FnMut(u32, u64)) {
        let starts = self.starts();
        let mut doc = 0u32;
        let mut next_start = starts.at(1);
        for &at in occurrences {
            if at >= next_start {
                // Most often a few documents on: step, then search.
                let mut steps = 0;
                while at >= next_start && steps < 4 && doc + 1 < self.max_doc {
                    doc += 1;
                    next_start = starts.at(doc + 1);
                    steps += 1;
                }
                if at >= next_start {
                    let Some(d) = starts.doc_at(at, doc) else {
                        return;
                    };
                    doc = d;
                    next_start = starts.at(doc + 1);
                }
            }
            each(doc, at);
        }
    }

    /// The documents of occurrences given by number in increasing order, each with
    /// its number of them.
    pub fn postings_of(&self, occurrences: &[u64]) -> Postings {
        let mut out = Postings::default();
        self.for_each_doc(occurrences, |doc, _| {
            if out.docs.last() == Some(&doc) {
                if let Some(tf) = out.tfs.last_mut() {
                    *tf += 1;
                }
            } else {
                out.docs.push(doc);
                out.tfs.push(1);
            }
        });
        out
    }

    /// A term's documents and frequencies.
    pub fn postings(&self, t: &TermInfo) -> Postings {
        self.postings_of(&self.occurrences(t))
    }
}

/// The documents' starts in the position space: `max_doc + 1` little-endian u32s.
#[derive(Clone, Copy)]
struct Starts<'a>(&'a [u8]);

impl Starts<'_> {
    /// Documents.
    fn docs(self) -> u32 {
        (self.0.len() / 4).saturating_sub(1) as u32
    }

    /// Where `doc` starts (the span for `doc` = the number of documents; 0 past).
    #[inline]
    fn at(self, doc: u32) -> u64 {
        let i = doc as usize * 4;
        match self.0.get(i..i + 4) {
            Some(&[a, b, c, d]) => u64::from(u32::from_le_bytes([a, b, c, d])),
            _ => 0,
        }
    }

    /// The last document starting at or before `at`, searched from `from` on (by
    /// doubling steps, then halving); `None` if `at` is past the span.
    fn doc_at(self, at: u64, from: u32) -> Option<u32> {
        let docs = self.docs();
        if at >= self.at(docs) {
            return None;
        }
        let mut lo = from.min(docs.saturating_sub(1));
        if self.at(lo) > at {
            lo = 0;
        }
        let mut step = 1u32;
        let mut hi = lo.saturating_add(step).min(docs);
        while hi < docs && self.at(hi) <= at {
            lo = hi;
            step = step.saturating_mul(2);
            hi = lo.saturating_add(step).min(docs);
        }
        // start(lo) <= at < start(hi), hi = docs standing for the span.
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.at(mid) <= at {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Some(lo)
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
        let starts = starts_of(&spans(&entries, &ids, docs.len())).expect("small");
        sort_occurrences(&mut entries, &mut ids);
        let mut e = Encoder::new(norms, total, starts);
        encode_sorted(&mut e, &entries, &ids);
        GramFile::open(OwnedBytes::new(e.finish())).expect("a gram file")
    }

    /// A term's occurrences as (document, position in it).
    fn places(f: &GramFile, t: &TermInfo) -> Vec<(u32, u64)> {
        let mut out = Vec::new();
        f.for_each_doc(&f.occurrences(t), |doc, at| {
            out.push((doc, at - f.start(doc)))
        });
        out
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
        // Document 0 spans positions 0 to 7 (its last gram at 6), 1 spans 8 to 10.
        assert_eq!(
            (f.start(0), f.start(1), f.start(2), f.start(3)),
            (0, 8, 11, 18)
        );
        let t = f.term(key('明', Some('月'))).expect("明月");
        assert_eq!((t.df, t.count), (2, 4));
        let p = f.postings(&t);
        assert_eq!(
            p,
            Postings {
                docs: vec![0, 2],
                tfs: vec![2, 2]
            }
        );
        assert_eq!(places(&f, &t), vec![(0, 0), (0, 5), (2, 2), (2, 4)]);
        assert_eq!(f.occurrences(&t), vec![0, 5, 13, 15]);
        // 光 ends a run in documents 0 and 1.
        let end = f.term(key('光', None)).expect("光 at a run's end");
        assert_eq!(f.postings(&end).docs, vec![0, 1]);
        assert_eq!(places(&f, &end), vec![(0, 2), (1, 1)]);
        assert_eq!(f.term(key('光', Some('明'))), None);
        assert_eq!(f.term(key('日', Some('月'))), None);
    }

    #[test]
    fn documents_are_found_across_empty_ones() {
        let f = file(&[&[], &[(0, "甲")], &[], &[], &[(3, "甲")], &[]]);
        let t = f.term(key('甲', None)).expect("甲");
        assert_eq!(places(&f, &t), vec![(1, 0), (4, 3)]);
        assert_eq!(f.doc_at(0, 0), Some(1));
        assert_eq!(f.doc_at(2, 0), Some(4));
        assert_eq!(f.doc_at(6, 3), Some(4));
        assert_eq!(f.doc_at(7, 0), None);
    }

    #[test]
    fn numbers_walk_to_their_documents_over_many_documents() {
        let texts: Vec<String> = (0..500).map(|i| "甲乙".repeat(i % 97)).collect();
        let docs: Vec<Vec<(u32, &str)>> = texts
            .iter()
            .map(|t| {
                if t.is_empty() {
                    vec![]
                } else {
                    vec![(3, t.as_str())]
                }
            })
            .collect();
        let docs: Vec<&[(u32, &str)]> = docs.iter().map(Vec::as_slice).collect();
        let f = file(&docs);
        // Every number, searched from the start and walked in order, finds the
        // document whose stretch holds it.
        let span = f.start(f.max_doc());
        let all: Vec<u64> = (0..span).collect();
        let mut walked = Vec::new();
        f.for_each_doc(&all, |doc, _| walked.push(doc));
        assert_eq!(walked.len() as u64, span);
        for (at, &doc) in all.iter().zip(&walked) {
            assert!(
                f.start(doc) <= *at && *at < f.start(doc + 1),
                "{at} in {doc}"
            );
            assert_eq!(f.doc_at(*at, 0), Some(doc));
        }
        assert_eq!(f.doc_at(span, 0), None);
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
        let all: Vec<u64> = f.terms_of(0..u32::MAX).map(|t| t.key).collect();
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
            let mut e = Encoder::new(vec![1], 1, vec![0, 2]);
            e.begin_term(key('甲', None));
            e.add(0, 0);
            e.end_term();
            e.finish()
        };
        assert!(GramFile::open(OwnedBytes::new(good.clone())).is_some());
        good.truncate(good.len() - 30);
        assert!(GramFile::open(OwnedBytes::new(good)).is_none());
    }
}
