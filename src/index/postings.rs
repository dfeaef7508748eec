//! What the gram and word indexes (our two tantivy segment plugins, [`super::grams`]
//! and [`super::words`]) share: varints, the encoding of one term's postings, sorting
//! occurrences, BM25 as tantivy computes it, the weight and scorer of their queries,
//! and what their merges share.
//!
//! A term's postings are two byte strings:
//! - documents: per document `varint((doc − previous doc) << 1 | (tf == 1))`, then
//!   `varint(tf)` when tf ≠ 1;
//! - positions (may be left out): per document tf varints, the first absolute, the
//!   rest deltas.

use std::sync::Arc;

use tantivy::directory::{OwnedBytes, TerminatingWrite as _};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentComponent;
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Scorer, Weight};
use tantivy::{
    DocId, DocSet, Index, Score, Segment, SegmentPlugin, SegmentReader, TERMINATED, TantivyError,
};

/// Appends `v` as a LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 varint at `*at`, moving past it; `None` past the end or on a
/// varint longer than a u64.
pub fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        if shift > 63 {
            return None;
        }
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
    }
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

pub(crate) fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// One term's postings as they are written.
#[derive(Debug, Default)]
pub struct TermPostings {
    /// The documents part.
    pub docs: Vec<u8>,
    /// The positions part.
    pub positions: Vec<u8>,
    /// Documents added.
    pub df: u64,
    previous_doc: u64,
}

impl TermPostings {
    /// Empties it for the next term.
    pub fn clear(&mut self) {
        self.docs.clear();
        self.positions.clear();
        self.df = 0;
        self.previous_doc = 0;
    }

    /// Adds a document (greater than the previous one) holding the term `tf` times at
    /// `positions` (increasing; empty when the term keeps none).
    pub fn add_doc(&mut self, doc: u32, tf: usize, positions: &[u32]) {
        let tf = tf as u64;
        let delta = u64::from(doc) - self.previous_doc;
        self.previous_doc = u64::from(doc);
        put_varint(&mut self.docs, (delta << 1) | u64::from(tf == 1));
        if tf != 1 {
            put_varint(&mut self.docs, tf);
        }
        let mut previous = 0;
        for (i, &p) in positions.iter().enumerate() {
            let v = if i == 0 { p } else { p - previous };
            put_varint(&mut self.positions, u64::from(v));
            previous = p;
        }
        self.df += 1;
    }

    /// Appends another segment's postings of the same term, its documents shifted by
    /// `base` (all greater than the documents added so far), as bytes: only the first
    /// document's gap changes. Positions are copied when `keep_positions`.
    pub fn append_shifted(
        &mut self,
        docs: &[u8],
        positions: &[u8],
        df: u32,
        base: u32,
        keep_positions: bool,
    ) {
        let mut at = 0;
        let Some(first) = get_varint(docs, &mut at) else {
            return;
        };
        let first_doc = u64::from(base) + (first >> 1);
        // The rest (the first document's tf varint too, if it has one) is copied.
        let rest = at;
        // The last document, to continue the gaps from: read the rest through.
        let mut scan = 0;
        let mut doc = u64::from(base);
        while let Some((gap, _)) = read_doc(docs, &mut scan) {
            doc += gap;
        }
        put_varint(
            &mut self.docs,
            ((first_doc - self.previous_doc) << 1) | (first & 1),
        );
        self.docs.extend_from_slice(&docs[rest..]);
        if keep_positions {
            self.positions.extend_from_slice(positions);
        }
        self.previous_doc = doc;
        self.df += u64::from(df);
    }
}

/// The first new document of a merged segment whose documents all live (then its
/// documents keep their order and are shifted by it), or `None` if some are deleted.
pub fn shift_of(map: &[u32]) -> Option<u32> {
    let base = *map.first().filter(|&&b| b != u32::MAX)?;
    (map.last().copied() == base.checked_add(u32::try_from(map.len() - 1).ok()?)).then_some(base)
}

/// The byte lengths of the documents and positions parts of a term in one document
/// only, read from its postings at `at` (so a dictionary need not hold them for the
/// many terms seen once: their parts are a varint or two, and `tf` varints).
pub fn single_doc_lengths(b: &[u8], at: usize, with_positions: bool) -> Option<(usize, usize)> {
    let mut end = at;
    let (_, tf) = read_doc(b, &mut end)?;
    let docs_len = end - at;
    if !with_positions {
        return Some((docs_len, 0));
    }
    let positions = end;
    for _ in 0..tf {
        get_varint(b, &mut end)?;
    }
    Some((docs_len, end - positions))
}

/// A term's documents (increasing) and its frequency in each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Postings {
    /// Document ids.
    pub docs: Vec<u32>,
    /// Occurrences in each document.
    pub tfs: Vec<u32>,
}

/// Reads one document of a documents part at `*at`: its gap from the previous one and
/// its frequency; `None` at the end (or where the part is cut short).
fn read_doc(b: &[u8], at: &mut usize) -> Option<(u64, u64)> {
    let v = get_varint(b, at)?;
    let tf = if v & 1 == 1 { 1 } else { get_varint(b, at)? };
    Some((v >> 1, tf))
}

/// Decodes a documents part.
pub fn decode_docs(b: &[u8], df: u32) -> Postings {
    let mut docs = Vec::with_capacity(df as usize);
    let mut tfs = Vec::with_capacity(df as usize);
    let mut at = 0;
    let mut doc = 0u64;
    while let Some((gap, tf)) = read_doc(b, &mut at) {
        doc += gap;
        docs.push(u32::try_from(doc).unwrap_or(u32::MAX));
        tfs.push(u32::try_from(tf).unwrap_or(u32::MAX));
    }
    Postings { docs, tfs }
}

/// Decodes a positions part: all documents' positions one after another (each
/// document's `tf` of them, in the order of `tfs`).
pub fn decode_positions(b: &[u8], tfs: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(tfs.iter().map(|&x| x as usize).sum());
    let mut at = 0;
    for &tf in tfs {
        let mut p = 0u64;
        for i in 0..tf {
            let Some(v) = get_varint(b, &mut at) else {
                return out;
            };
            p = if i == 0 { v } else { p + v };
            out.push(u32::try_from(p).unwrap_or(u32::MAX));
        }
    }
    out
}

/// Bits of a sorted occurrence that hold its position (below the term).
pub const POSITION_BITS: u32 = 22;
/// The largest position an occurrence can hold; later ones are stored as this (a
/// passage is at most a few thousand characters, so none is).
pub const MAX_POSITION: u32 = (1 << POSITION_BITS) - 1;

/// An occurrence as sorted: `term << POSITION_BITS | position`.
pub fn occurrence(term: u64, position: usize) -> u64 {
    let p = u32::try_from(position)
        .unwrap_or(MAX_POSITION)
        .min(MAX_POSITION);
    (term << POSITION_BITS) | u64::from(p)
}

/// Bits of a sort digit: one counting pass per digit of the terms' bits.
const DIGIT: u32 = 11;
/// Least occurrences sorted on several threads (below, one pass over them all is
/// quicker than sharing them out).
const PARALLEL_SORT: usize = 1 << 20;

/// Sorts occurrences (see [`occurrence`]) by term, stably (so each term's stay in
/// document and position order), and their documents with them.
///
/// A least-significant-digit radix sort over the term's bits. A large segment's
/// occurrences are first split by their highest digit (each bucket a range of
/// terms, the buckets in order) and the buckets are then sorted on every core: a
/// new index's one segment is written after its last document, with the other core
/// idle otherwise, and a bucket's passes stay in cache where the whole array's did not.
pub fn sort_occurrences(entries: &mut [u64], docs: &mut [u32]) {
    let n = entries.len();
    let top = entries.iter().fold(0, |a, &e| a | e);
    let bits = 64 - top.leading_zeros();
    if n < PARALLEL_SORT || bits <= POSITION_BITS + DIGIT {
        sort_bucket(entries, docs, &mut (Vec::new(), Vec::new()));
        return;
    }
    // The highest digit: a bucket per value, the buckets in term order. Each half
    // of the occurrences is split into its half of the room, on a thread of its own.
    let high = bits - DIGIT;
    let mut entries_to = vec![0u64; n];
    let mut docs_to = vec![0u32; n];
    let middle = n / 2;
    let (lower_to, upper_to) = entries_to.split_at_mut(middle);
    let (lower_docs_to, upper_docs_to) = docs_to.split_at_mut(middle);
    let (lower, upper) = rayon::join(
        || {
            split_by_digit(
                &entries[..middle],
                &docs[..middle],
                lower_to,
                lower_docs_to,
                high,
            )
        },
        || {
            split_by_digit(
                &entries[middle..],
                &docs[middle..],
                upper_to,
                upper_docs_to,
                high,
            )
        },
    );
    // A bucket's two parts (the lower half's first, for stability) go where the
    // bucket belongs in `entries`, and are sorted there on the bits below the digit.
    let mut buckets = Vec::new();
    let (mut rest_e, mut rest_d) = (&mut entries[..], &mut docs[..]);
    for b in 0..1 << DIGIT {
        let (l, u) = (
            lower[b]..lower[b + 1],
            middle + upper[b]..middle + upper[b + 1],
        );
        let len = l.len() + u.len();
        if len == 0 {
            continue;
        }
        let (e, more_e) = std::mem::take(&mut rest_e).split_at_mut(len);
        let (d, more_d) = std::mem::take(&mut rest_d).split_at_mut(len);
        buckets.push((e, d, l, u));
        (rest_e, rest_d) = (more_e, more_d);
    }
    use rayon::prelude::*;
    let (from_e, from_d) = (&entries_to, &docs_to);
    buckets.into_par_iter().for_each_init(
        || (Vec::new(), Vec::new()),
        |(room_e, room_d), (e, d, l, u)| {
            let split = l.len();
            e[..split].copy_from_slice(&from_e[l.clone()]);
            e[split..].copy_from_slice(&from_e[u.clone()]);
            d[..split].copy_from_slice(&from_d[l]);
            d[split..].copy_from_slice(&from_d[u]);
            room_e.resize(e.len(), 0);
            room_d.resize(e.len(), 0);
            let (re, rd) = (&mut room_e[..e.len()], &mut room_d[..e.len()]);
            if radix_passes(e, d, re, rd, POSITION_BITS, high) {
                e.copy_from_slice(re);
                d.copy_from_slice(rd);
            }
        },
    );
}

/// Moves `entries` (and `docs`) into `entries_to` (and `docs_to`, as long) grouped
/// by their digit at bit `high` (stably, the groups in order); returns where each
/// group starts, and the end.
fn split_by_digit(
    entries: &[u64],
    docs: &[u32],
    entries_to: &mut [u64],
    docs_to: &mut [u32],
    high: u32,
) -> Vec<usize> {
    let digit = |e: u64| ((e >> high) & ((1 << DIGIT) - 1)) as usize;
    let mut next = vec![0usize; 1 << DIGIT];
    for &e in entries {
        next[digit(e)] += 1;
    }
    let mut starts = Vec::with_capacity(next.len() + 1);
    let mut sum = 0;
    for c in next.iter_mut() {
        starts.push(sum);
        let here = *c;
        *c = sum;
        sum += here;
    }
    starts.push(sum);
    for (&e, &d) in entries.iter().zip(docs) {
        let at = &mut next[digit(e)];
        entries_to[*at] = e;
        docs_to[*at] = d;
        *at += 1;
    }
    starts
}

/// Sorts occurrences (see [`occurrence`]) by term, stably, with their documents, on
/// one thread: a bucket of a segment's (or a small segment's all), `room` the space
/// the passes move through (grown as needed, kept for the next bucket).
pub fn sort_bucket(entries: &mut [u64], docs: &mut [u32], room: &mut (Vec<u64>, Vec<u32>)) {
    let n = entries.len();
    if room.0.len() < n {
        room.0.resize(n, 0);
        room.1.resize(n, 0);
    }
    let (room_e, room_d) = (&mut room.0[..n], &mut room.1[..n]);
    if radix_passes(entries, docs, room_e, room_d, POSITION_BITS, 64) {
        entries.copy_from_slice(room_e);
        docs.copy_from_slice(room_d);
    }
}

/// Stable counting passes over the digits of `entries` from bit `low` up to bit
/// `high` (each skipped when one bucket would hold everything), `entries_to` and
/// `docs_to` (as long) the room they move through. Returns whether the result ended
/// up there (an odd number of passes) rather than in `entries` and `docs`.
fn radix_passes<'a>(
    mut entries: &'a mut [u64],
    mut docs: &'a mut [u32],
    mut entries_to: &'a mut [u64],
    mut docs_to: &'a mut [u32],
    low: u32,
    high: u32,
) -> bool {
    let n = entries.len();
    let top = entries.iter().fold(0, |a, &e| a | e);
    let mask = (1u64 << DIGIT) - 1;
    let mut counts = vec![0usize; 1 << DIGIT];
    let mut moved = false;
    let mut shift = low;
    while shift < high && top >> shift != 0 {
        // (A digit reaching past `high` reads bits every entry shares.)
        counts.iter_mut().for_each(|c| *c = 0);
        for &e in entries.iter() {
            counts[((e >> shift) & mask) as usize] += 1;
        }
        // One bucket holds everything: this digit is the same in every key.
        if counts.contains(&n) {
            shift += DIGIT;
            continue;
        }
        let mut sum = 0;
        for c in counts.iter_mut() {
            let here = *c;
            *c = sum;
            sum += here;
        }
        for (&e, &d) in entries.iter().zip(docs.iter()) {
            let bucket = &mut counts[((e >> shift) & mask) as usize];
            entries_to[*bucket] = e;
            docs_to[*bucket] = d;
            *bucket += 1;
        }
        std::mem::swap(&mut entries, &mut entries_to);
        std::mem::swap(&mut docs, &mut docs_to);
        moved = !moved;
        shift += DIGIT;
    }
    moved
}

/// Calls `each(term, doc, positions)` for every (term, document) of sorted
/// occurrences, in order.
pub fn for_each_posting(entries: &[u64], docs: &[u32], mut each: impl FnMut(u64, u32, &[u32])) {
    let mut positions = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let term = entries[i] >> POSITION_BITS;
        let doc = docs[i];
        positions.clear();
        while i < entries.len() && entries[i] >> POSITION_BITS == term && docs[i] == doc {
            positions.push((entries[i] & u64::from(MAX_POSITION)) as u32);
            i += 1;
        }
        each(term, doc, &positions);
    }
}

/// Registers `plugin` with `index` unless a plugin already claims `extension`.
pub fn register_plugin(index: &mut Index, extension: &str, plugin: Arc<dyn SegmentPlugin>) {
    if !index
        .custom_plugins()
        .iter()
        .any(|p| p.extensions().contains(&extension))
    {
        index.register_plugin(plugin);
    }
}

/// A segment's file of a plugin, checked by `open`; `what` names it in the error.
pub fn read_component<T>(
    reader: &SegmentReader,
    extension: &str,
    what: &str,
    open: impl FnOnce(OwnedBytes) -> Option<T>,
) -> tantivy::Result<T> {
    let file = reader.open_read(SegmentComponent::Custom(extension.to_string()));
    read_checked(file, reader.segment_id(), what, open)
}

/// [`read_component`] of a segment just written, not yet committed (no reader).
pub fn read_written_component<T>(
    segment: &Segment,
    extension: &str,
    what: &str,
    open: impl FnOnce(OwnedBytes) -> Option<T>,
) -> tantivy::Result<T> {
    let file = segment.open_read(SegmentComponent::Custom(extension.to_string()));
    read_checked(file, segment.id(), what, open)
}

fn read_checked<T>(
    file: Result<tantivy::directory::FileSlice, tantivy::directory::error::OpenReadError>,
    segment: tantivy::index::SegmentId,
    what: &str,
    open: impl FnOnce(OwnedBytes) -> Option<T>,
) -> tantivy::Result<T> {
    open(file?.read_bytes()?).ok_or_else(|| {
        TantivyError::InternalError(format!(
            "the {what} of segment {} is damaged",
            segment.uuid_string()
        ))
    })
}

/// Writes a segment's file of a plugin: the bytes `write` writes, as it writes them (a
/// large file made of parts is written part by part, never copied into one buffer).
pub fn write_component(
    segment: &Segment,
    extension: &str,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> tantivy::Result<()> {
    let mut w = segment.open_write(SegmentComponent::Custom(extension.to_string()))?;
    write(&mut w)?;
    w.terminate()?;
    Ok(())
}

/// The field of a custom type in a schema (the plugin's input).
pub fn custom_field(
    schema: &tantivy::schema::Schema,
    type_name: &str,
) -> Option<tantivy::schema::Field> {
    schema
        .fields()
        .find_map(|(field, entry)| match entry.field_type() {
            tantivy::schema::FieldType::Custom(o) if o.type_name() == type_name => Some(field),
            _ => None,
        })
}

/// The files of the segments a merge reads, opened with `open`: `what` names the index
/// in the error for a sorted index (whose documents tantivy reorders; wenku never sorts
/// one, and the merges here stack segments as they are).
pub fn merge_sources<T>(
    ctx: &tantivy::PluginMergeContext,
    what: &str,
    open: impl Fn(&SegmentReader) -> tantivy::Result<T>,
) -> tantivy::Result<Vec<T>> {
    use tantivy::indexer::doc_id_mapping::MappingType;
    if ctx.doc_id_mapping.mapping_type() == MappingType::Shuffled {
        return Err(TantivyError::InternalError(format!(
            "the {what} cannot merge a sorted index"
        )));
    }
    ctx.readers.iter().map(open).collect()
}

/// What one segment holds of a plugin query.
pub enum Matches {
    /// One term's documents part (and its document frequency), read as the scorer
    /// walks it.
    Term(OwnedBytes, u32),
    /// Postings the query computed (a character's grams together, a phrase).
    Computed(Postings),
}

/// A query over one of our segment plugins' files: what [`weight`] needs of it.
pub trait SegmentQuery: std::fmt::Debug + Clone + Send + Sync + 'static {
    /// A segment's documents, its documents' lengths together, and the document
    /// frequencies of the query's terms (summed over segments for BM25's idf).
    fn statistics(&self, reader: &SegmentReader) -> tantivy::Result<(u32, u64, Vec<u64>)>;

    /// The segment's matches (`None`: none) and its documents' field-norm ids.
    fn matches(&self, reader: &SegmentReader) -> tantivy::Result<(Option<Matches>, OwnedBytes)>;
}

/// The tantivy weight of a plugin query: scored with BM25 over every segment the
/// searcher sees, as tantivy scores a text field.
pub fn weight<Q: SegmentQuery>(
    query: &Q,
    scoring: EnableScoring<'_>,
) -> tantivy::Result<Box<dyn Weight>> {
    let bm25 = match scoring.searcher() {
        Some(searcher) if scoring.is_scoring_enabled() => {
            let (mut docs, mut tokens, mut dfs) = (0u64, 0u64, Vec::new());
            for reader in searcher.segment_readers() {
                let (segment_docs, segment_tokens, these) = query.statistics(reader)?;
                docs += u64::from(segment_docs);
                tokens += segment_tokens;
                dfs.resize(dfs.len().max(these.len()), 0);
                for (sum, df) in dfs.iter_mut().zip(these) {
                    *sum += df;
                }
            }
            Bm25::new(&dfs, docs, tokens)
        }
        _ => None,
    };
    Ok(Box::new(PluginWeight {
        query: query.clone(),
        bm25,
    }))
}

/// A plugin query with its BM25 (none when scoring is off).
struct PluginWeight<Q> {
    query: Q,
    bm25: Option<Bm25>,
}

impl<Q: SegmentQuery> Weight for PluginWeight<Q> {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let (matches, norms) = self.query.matches(reader)?;
        let source = match matches {
            Some(Matches::Term(docs, df)) => Source::Streamed(PostingsCursor::new(docs, df)),
            Some(Matches::Computed(p)) if !p.docs.is_empty() => Source::Decoded(p, 0),
            _ => return Ok(Box::new(EmptyScorer)),
        };
        Ok(Box::new(PostingsScorer {
            source,
            norms,
            bm25: self.bm25.clone(),
            boost,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} does not match {:?}",
                self.query
            )));
        }
        Ok(Explanation::new_with_string(
            format!("BM25 of {:?}", self.query),
            scorer.score(),
        ))
    }
}

/// Old document → new one per merged segment (`u32::MAX`: deleted), the way tantivy
/// stacks the live documents of the segments it merges (wenku never sorts an index).
pub fn merge_maps(readers: &[tantivy::SegmentReader]) -> Vec<Vec<u32>> {
    let mut next = 0u32;
    readers
        .iter()
        .map(|reader| {
            let alive = reader.alive_bitset();
            (0..reader.max_doc())
                .map(|doc| {
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        next += 1;
                        next - 1
                    } else {
                        u32::MAX
                    }
                })
                .collect()
        })
        .collect()
}

/// The field-norm ids of the live documents of the segments a merge reads, in their
/// new order, and those documents' lengths together: exact (the segments' own
/// `totals`) when none was deleted, else counted from the norms.
pub fn merged_norms(maps: &[Vec<u32>], norms: &[OwnedBytes], totals: &[u64]) -> (Vec<u8>, u64) {
    let mut merged = Vec::new();
    let mut total = 0u64;
    let mut deleted = false;
    for (map, norms) in maps.iter().zip(norms) {
        for (&new, &norm) in map.iter().zip(norms.as_slice()) {
            if new == u32::MAX {
                deleted = true;
            } else {
                merged.push(norm);
                total += u64::from(FieldNormReader::id_to_fieldnorm(norm));
            }
        }
    }
    if !deleted {
        total = totals.iter().sum();
    }
    (merged, total)
}

/// One segment's postings of a term in a merge that drops its deleted documents:
/// calls `each(new document, tf, positions)` for the live ones (`positions` of all
/// documents together, empty when the term keeps none).
pub fn for_each_live(
    postings: &Postings,
    positions: &[u32],
    map: &[u32],
    mut each: impl FnMut(u32, usize, &[u32]),
) {
    let mut from = 0;
    for (&doc, &tf) in postings.docs.iter().zip(&postings.tfs) {
        let to = from + tf as usize;
        if let Some(&new) = map.get(doc as usize).filter(|&&n| n != u32::MAX) {
            let these = &positions[from.min(positions.len())..to.min(positions.len())];
            each(new, tf as usize, these);
        }
        from = to;
    }
}

/// BM25 as tantivy computes it for a text field.
#[derive(Debug, Clone)]
pub struct Bm25 {
    weight: Score,
    cache: Vec<Score>,
}

const K1: Score = 1.2;
const B: Score = 0.75;

impl Bm25 {
    /// BM25 of terms with these document frequencies (a phrase sums their idf) among
    /// `docs` documents of `tokens` terms in all.
    pub fn new(dfs: &[u64], docs: u64, tokens: u64) -> Option<Bm25> {
        if docs == 0 {
            return None;
        }
        let idf: Score = dfs.iter().map(|&df| idf(df, docs)).sum();
        let average = tokens as Score / docs as Score;
        let cache = (0..=255u8)
            .map(|id| {
                let norm = FieldNormReader::id_to_fieldnorm(id) as Score;
                K1 * (1.0 - B + B * norm / average)
            })
            .collect();
        Some(Bm25 {
            weight: idf * (1.0 + K1),
            cache,
        })
    }

    /// The score of a document of field-norm id `norm_id` holding the term `tf` times.
    pub fn score(&self, norm_id: u8, tf: u32) -> Score {
        let tf = tf as Score;
        self.weight * tf / (tf + self.cache[usize::from(norm_id)])
    }
}

fn idf(df: u64, docs: u64) -> Score {
    let x = (docs.saturating_sub(df) as Score + 0.5) / (df as Score + 0.5);
    (1.0 + x).ln()
}

/// A term's documents part read as it is walked, without decoding it into memory (a
/// common term's postings are tens of thousands of documents; a search scores them
/// once, in order).
struct PostingsCursor {
    bytes: OwnedBytes,
    at: usize,
    previous: u64,
    doc: DocId,
    tf: u32,
    df: u32,
}

impl PostingsCursor {
    /// A cursor at the first document of a documents part of `df` documents.
    fn new(bytes: OwnedBytes, df: u32) -> PostingsCursor {
        let mut c = PostingsCursor {
            bytes,
            at: 0,
            previous: 0,
            doc: 0,
            tf: 0,
            df,
        };
        c.advance();
        c
    }

    fn advance(&mut self) -> DocId {
        match read_doc(self.bytes.as_slice(), &mut self.at) {
            Some((gap, tf)) => {
                self.previous += gap;
                self.tf = u32::try_from(tf).unwrap_or(u32::MAX);
                self.doc = u32::try_from(self.previous)
                    .unwrap_or(TERMINATED)
                    .min(TERMINATED);
            }
            None => self.doc = TERMINATED,
        }
        self.doc
    }
}

/// Where a scorer's documents come from.
enum Source {
    /// Decoded at once (a character's group, a phrase): the documents and the cursor.
    Decoded(Postings, usize),
    /// One term's postings, read as they are walked.
    Streamed(PostingsCursor),
}

/// A plugin query's matching documents of one segment, scored with BM25.
struct PostingsScorer {
    source: Source,
    /// Field-norm id per document.
    norms: OwnedBytes,
    bm25: Option<Bm25>,
    boost: Score,
}

impl PostingsScorer {
    /// The current document's frequency.
    fn tf(&self) -> u32 {
        match &self.source {
            Source::Decoded(p, at) => p.tfs.get(*at).copied().unwrap_or(0),
            Source::Streamed(c) => c.tf,
        }
    }
}

impl DocSet for PostingsScorer {
    fn advance(&mut self) -> DocId {
        match &mut self.source {
            Source::Decoded(_, at) => *at += 1,
            Source::Streamed(c) => {
                c.advance();
            }
        }
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc() >= target {
            return self.doc();
        }
        match &mut self.source {
            Source::Decoded(p, at) => {
                if p.docs.get(*at).is_some_and(|&d| d < target) {
                    *at += p.docs[*at..].partition_point(|&d| d < target);
                }
            }
            Source::Streamed(c) => {
                while c.doc < target {
                    c.advance();
                }
            }
        }
        self.doc()
    }

    fn doc(&self) -> DocId {
        let doc = match &self.source {
            Source::Decoded(p, at) => p.docs.get(*at).copied().unwrap_or(TERMINATED),
            Source::Streamed(c) => c.doc,
        };
        // A damaged file may name documents past the segment's end: they end the
        // documents (tantivy would index past its own arrays with them).
        if doc as usize >= self.norms.len() {
            TERMINATED
        } else {
            doc
        }
    }

    fn size_hint(&self) -> u32 {
        match &self.source {
            Source::Decoded(p, _) => u32::try_from(p.docs.len()).unwrap_or(u32::MAX),
            Source::Streamed(c) => c.df,
        }
    }
}

impl Scorer for PostingsScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc();
        let Some(bm25) = &self.bm25 else {
            return self.boost;
        };
        if doc == TERMINATED {
            return self.boost;
        }
        let norm = self
            .norms
            .as_slice()
            .get(doc as usize)
            .copied()
            .unwrap_or(0);
        bm25.score(norm, self.tf()) * self.boost
    }
}

/// A term's postings with positions, for phrase matching.
pub struct Positioned {
    /// The term's offset in the phrase.
    pub offset: u32,
    /// Its documents and frequencies.
    pub postings: Postings,
    /// Its positions, all documents' together.
    pub positions: Vec<u32>,
    starts: Vec<usize>,
}

impl Positioned {
    /// A term of a phrase at `offset`.
    pub fn new(offset: u32, postings: Postings, positions: Vec<u32>) -> Positioned {
        let mut starts = Vec::with_capacity(postings.tfs.len());
        let mut sum = 0;
        for &tf in &postings.tfs {
            starts.push(sum);
            sum += tf as usize;
        }
        Positioned {
            offset,
            postings,
            positions,
            starts,
        }
    }

    fn of(&self, doc_index: usize) -> &[u32] {
        let start = self.starts[doc_index];
        let end = start + self.postings.tfs[doc_index] as usize;
        &self.positions[start.min(self.positions.len())..end.min(self.positions.len())]
    }
}

/// Documents holding every term at its relative position, with the number of places
/// where the whole phrase starts in each.
pub fn phrase_postings(mut terms: Vec<Positioned>) -> Postings {
    // The rarest term drives; the others are looked up.
    terms.sort_by_key(|t| t.postings.docs.len());
    let Some((driver, others)) = terms.split_first() else {
        return Postings::default();
    };
    let mut cursors = vec![0usize; others.len()];
    let mut at = Vec::with_capacity(others.len());
    let mut out = Postings::default();
    'docs: for (i, &doc) in driver.postings.docs.iter().enumerate() {
        at.clear();
        for (o, cursor) in others.iter().zip(cursors.iter_mut()) {
            let docs = &o.postings.docs;
            *cursor += docs[*cursor..].partition_point(|&d| d < doc);
            if docs.get(*cursor) != Some(&doc) {
                continue 'docs;
            }
            at.push(*cursor);
        }
        let mut count = 0;
        for &p in driver.of(i) {
            let Some(start) = p.checked_sub(driver.offset) else {
                continue;
            };
            let whole = others
                .iter()
                .zip(&at)
                .all(|(o, &j)| o.of(j).binary_search(&(start + o.offset)).is_ok());
            count += u32::from(whole);
        }
        if count > 0 {
            out.docs.push(doc);
            out.tfs.push(count);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let mut out = Vec::new();
        let values = [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX];
        for v in values {
            put_varint(&mut out, v);
        }
        let mut at = 0;
        for v in values {
            assert_eq!(get_varint(&out, &mut at), Some(v));
        }
        assert_eq!(get_varint(&out, &mut at), None);
        assert_eq!(get_varint(&[0xff; 11], &mut 0), None);
    }

    #[test]
    fn sorting_keeps_documents_and_positions_in_order() {
        let mut entries = vec![
            occurrence(9, 3),
            occurrence(2, 0),
            occurrence(9, 1),
            occurrence(2, 5),
        ];
        let mut docs = vec![0, 0, 1, 1];
        sort_occurrences(&mut entries, &mut docs);
        assert_eq!(
            entries,
            vec![
                occurrence(2, 0),
                occurrence(2, 5),
                occurrence(9, 3),
                occurrence(9, 1)
            ]
        );
        assert_eq!(docs, vec![0, 1, 0, 1]);
        // Terms beyond the first digit sort too.
        let mut entries = vec![
            occurrence(1 << 30, 0),
            occurrence(1, 0),
            occurrence(1 << 12, 0),
        ];
        let mut docs = vec![0, 1, 2];
        sort_occurrences(&mut entries, &mut docs);
        assert_eq!(docs, vec![1, 2, 0]);
    }

    #[test]
    fn sorting_on_every_core_matches_a_stable_sort() {
        // Enough occurrences to be split by their highest digit and sorted in
        // buckets, with terms of words (a million or so) and of grams (42 bits).
        for term_bits in [21u32, 42] {
            let mut rng = crate::index::test_random::XorShift(0x9E37_79B9 + u64::from(term_bits));
            let n = PARALLEL_SORT + 12_345;
            let mut entries = Vec::with_capacity(n);
            let mut docs = Vec::with_capacity(n);
            for i in 0..n {
                // Few distinct terms in the high bits, so buckets hold many each.
                let term = (rng.below(5_000) << (term_bits - 13)) | rng.below(3);
                entries.push(occurrence(term, rng.below(4_000) as usize));
                docs.push((i / 7) as u32);
            }
            let mut expected: Vec<(u64, u32)> =
                entries.iter().copied().zip(docs.iter().copied()).collect();
            expected.sort_by_key(|&(e, _)| e >> POSITION_BITS);
            sort_occurrences(&mut entries, &mut docs);
            let got: Vec<(u64, u32)> = entries.into_iter().zip(docs).collect();
            assert!(got == expected, "term bits {term_bits}");
        }
    }

    #[test]
    fn postings_round_trip_with_and_without_positions() {
        let mut p = TermPostings::default();
        p.add_doc(3, 2, &[1, 4]);
        p.add_doc(200, 1, &[7]);
        p.add_doc(70_000, 3, &[0, 2, 9]);
        let d = decode_docs(&p.docs, 3);
        assert_eq!(d.docs, vec![3, 200, 70_000]);
        assert_eq!(d.tfs, vec![2, 1, 3]);
        assert_eq!(
            decode_positions(&p.positions, &d.tfs),
            vec![1, 4, 7, 0, 2, 9]
        );
        let mut q = TermPostings::default();
        q.add_doc(5, 2, &[]);
        assert!(q.positions.is_empty());
        assert_eq!(decode_docs(&q.docs, 1).tfs, vec![2]);
    }

    #[test]
    fn appending_shifted_bytes_is_adding_the_shifted_documents() {
        let segment = |docs: &[(u32, &[u32])]| {
            let mut p = TermPostings::default();
            for (d, pos) in docs {
                p.add_doc(*d, pos.len(), pos);
            }
            p
        };
        let a = segment(&[(0, &[1]), (7, &[2, 3])]);
        let b = segment(&[(2, &[4, 5, 6]), (300, &[0]), (301, &[9])]);
        let mut merged = TermPostings::default();
        merged.append_shifted(&a.docs, &a.positions, 2, 0, true);
        merged.append_shifted(&b.docs, &b.positions, 3, 10, true);
        let mut want = TermPostings::default();
        for (d, pos) in [
            (0, &[1][..]),
            (7, &[2, 3]),
            (12, &[4, 5, 6]),
            (310, &[0]),
            (311, &[9]),
        ] {
            want.add_doc(d, pos.len(), pos);
        }
        assert_eq!(merged.docs, want.docs);
        assert_eq!(merged.positions, want.positions);
        assert_eq!(merged.df, 5);
        assert_eq!(shift_of(&[4, 5, 6]), Some(4));
        assert_eq!(shift_of(&[4, u32::MAX, 5]), None);
        assert_eq!(shift_of(&[u32::MAX]), None);
        assert_eq!(shift_of(&[]), None);
    }

    #[test]
    fn phrases_count_where_every_term_is_in_place() {
        let term = |offset, docs: &[(u32, &[u32])]| {
            let mut p = TermPostings::default();
            for (d, pos) in docs {
                p.add_doc(*d, pos.len(), pos);
            }
            let d = decode_docs(&p.docs, docs.len() as u32);
            let positions = decode_positions(&p.positions, &d.tfs);
            Positioned::new(offset, d, positions)
        };
        let found = phrase_postings(vec![
            term(0, &[(1, &[0, 5, 9]), (2, &[3]), (4, &[0])]),
            term(1, &[(1, &[1, 6]), (2, &[5]), (3, &[1])]),
        ]);
        assert_eq!(
            found,
            Postings {
                docs: vec![1],
                tfs: vec![2]
            }
        );
    }

    #[test]
    fn bm25_is_tantivys() {
        let ours = Bm25::new(&[3], 100, 1000).expect("documents");
        let theirs = tantivy::query::Bm25Weight::for_one_term_without_explain(3, 100, 10.0);
        for (norm, tf) in [(0, 1), (10, 2), (40, 1), (200, 7)] {
            assert!((ours.score(norm, tf) - theirs.score(norm, tf)).abs() < 1e-5);
        }
        assert!(Bm25::new(&[1], 0, 0).is_none());
    }
}
