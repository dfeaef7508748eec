//! The gram index: every CJK character of a passage with the character after it, kept
//! by a tantivy segment plugin of our own instead of a tantivy text field.
//!
//! Any Chinese string present in a passage must find it, however jieba cut it, so the
//! passage's characters are indexed one by one with their neighbours. As a tantivy
//! field that was two tokens per character (unigram and bigram) hashed one at a time:
//! two thirds of a build and 118 MB of the index on the scale corpus. Here each
//! character is one *gram* (see [`format`]), a segment's grams are sorted in a few
//! radix passes and written as one file per segment that tantivy keeps, merges (with
//! [`GramPlugin::merge`]) and deletes with the segment, so commits, rollbacks and
//! deletes stay tantivy's. [`query`] reads the file back at search time.

pub mod format;
pub mod query;

use std::any::Any;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::indexer::doc_id_mapping::DocIdMapping;
use tantivy::schema::document::ErasedDocument;
use tantivy::schema::{Field, Schema, Value as _};
use tantivy::{
    DocId, PluginMergeContext, PluginWriter, PluginWriterContext, Segment, SegmentPlugin,
    SegmentReader, TantivyDocument, TantivyError,
};

use super::postings::{self, merge_maps};
use crate::analysis::{Run, RunKind};
use format::{Encoder, GramFile};

/// The custom field type the plugin takes its input from (see [`payload`]).
pub const TYPE_NAME: &str = "wenku_grams";
/// The extension of the plugin's file in every segment.
pub const EXTENSION: &str = "wgram";

/// Opens a segment's gram file.
pub fn open(reader: &SegmentReader) -> tantivy::Result<GramFile> {
    postings::read_component(reader, EXTENSION, "gram file", GramFile::open)
}

/// A passage's CJK runs as the gram field's value: per run, varints of its first
/// character's position (the character index in the folded text, as a delta from the
/// previous run's) and of its length in bytes, then its folded text.
pub fn payload(text: &str, runs: &[Run]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 4 * runs.len());
    let (mut char_pos, mut last_byte, mut previous_start) = (0u64, 0, 0u64);
    for run in runs.iter().filter(|r| r.kind == RunKind::Cjk) {
        char_pos += text[last_byte..run.start].chars().count() as u64;
        last_byte = run.start;
        postings::put_varint(&mut out, char_pos - previous_start);
        previous_start = char_pos;
        let run_text = &text[run.start..run.end];
        postings::put_varint(&mut out, run_text.len() as u64);
        out.extend_from_slice(run_text.as_bytes());
    }
    out
}

/// Calls `each(key, position)` for every gram of a [`payload`]; stops at the first
/// malformed run (a payload is only ever written by [`payload`]).
fn for_each_gram(payload: &[u8], mut each: impl FnMut(u64, usize)) {
    let mut at = 0;
    let mut start = 0u64;
    while at < payload.len() {
        let (Some(delta), Some(len)) = (
            postings::get_varint(payload, &mut at),
            postings::get_varint(payload, &mut at),
        ) else {
            return;
        };
        start += delta;
        let Some(run) = usize::try_from(len)
            .ok()
            .and_then(|len| payload.get(at..at.checked_add(len)?))
            .and_then(|b| std::str::from_utf8(b).ok())
        else {
            return;
        };
        at += run.len();
        let mut chars = run.chars().peekable();
        let mut position = usize::try_from(start).unwrap_or(usize::MAX);
        while let Some(c) = chars.next() {
            each(format::key(c, chars.peek().copied()), position);
            position = position.saturating_add(1);
        }
    }
}

/// Adds the gram field to a schema under construction.
pub fn add_field(builder: &mut tantivy::schema::SchemaBuilder) -> Field {
    builder.add_custom_field("grams", TYPE_NAME, serde_json::Value::Null)
}

/// The gram plugin: writes, merges and reports the `wgram` file of each segment.
#[derive(Debug, Default)]
pub struct GramPlugin;

impl SegmentPlugin for GramPlugin {
    fn extensions(&self) -> &[&str] {
        &[EXTENSION]
    }

    fn create_writer(&self, ctx: &PluginWriterContext) -> tantivy::Result<Box<dyn PluginWriter>> {
        Ok(Box::new(GramWriter {
            field: postings::custom_field(&ctx.segment.schema(), TYPE_NAME),
            buckets: Vec::new(),
            bucket_bytes: 0,
            spans: Vec::new(),
            norms: Vec::new(),
            tokens: 0,
        }))
    }

    fn merge(&self, ctx: PluginMergeContext) -> tantivy::Result<()> {
        let files = postings::merge_sources(&ctx, "gram index", open)?;
        write(ctx.target_segment, merge(ctx.readers, &files)?)
    }
}

fn write(segment: &Segment, encoder: Encoder) -> tantivy::Result<()> {
    postings::write_component(segment, EXTENSION, |w| encoder.write_to(w))
}

/// Merges segments' gram files as tantivy merges their documents: the segments' live
/// documents one after another, in order, each keeping its span of the position
/// space. Every term's occurrences are decoded, renumbered and coded again.
fn merge(readers: &[SegmentReader], files: &[GramFile]) -> tantivy::Result<Encoder> {
    merge_split(readers, files, split_point(files))
}

/// [`merge`], the characters below `split` merged on one thread and the others on
/// another (the file is the same either way).
fn merge_split(
    readers: &[SegmentReader],
    files: &[GramFile],
    split: Option<u32>,
) -> tantivy::Result<Encoder> {
    let maps = merge_maps(readers);
    let (norms, total_tokens) = postings::merged_norms(
        &maps,
        &files.iter().map(GramFile::norms).collect::<Vec<_>>(),
        &files.iter().map(GramFile::total_tokens).collect::<Vec<_>>(),
    );
    // Each live document's span, in the new order; where each old one moves to.
    let mut spans = Vec::with_capacity(norms.len());
    for (file, map) in files.iter().zip(&maps) {
        for (doc, &new) in map.iter().enumerate() {
            if new != u32::MAX {
                let doc = doc as u32;
                let span = file.start(doc + 1).saturating_sub(file.start(doc));
                spans.push(u32::try_from(span).unwrap_or(u32::MAX));
            }
        }
    }
    let starts = format::starts_of(&spans).ok_or_else(|| {
        TantivyError::InternalError("merged segment too large for the gram index".into())
    })?;
    // A segment without deletes moves whole: its numbers by where its first
    // document now starts.
    let moves: Vec<Option<u64>> = maps
        .iter()
        .map(|m| {
            postings::shift_of(m).map(|base| starts.get(base as usize).map_or(0, |&s| u64::from(s)))
        })
        .collect();
    let part = |firsts: std::ops::Range<u32>, norms, starts| {
        let mut encoder = Encoder::new(norms, total_tokens, starts);
        merge_groups(files, &maps, &moves, &mut encoder, firsts);
        encoder
    };
    // The final merge of a build is its last step, on one core: the characters are
    // shared out between two encoders by the size of their postings.
    let (mut encoder, upper) = match split {
        Some(split) => {
            let (upper_norms, upper_starts) = (norms.clone(), starts.clone());
            rayon::join(
                || part(0..split, norms, starts),
                || Some(part(split..u32::MAX, upper_norms, upper_starts)),
            )
        }
        None => (part(0..u32::MAX, norms, starts), None),
    };
    if let Some(upper) = upper {
        encoder.append(upper);
    }
    Ok(encoder)
}

/// Least bytes of postings for which a merge is shared between two threads.
const SPLIT_MERGE_BYTES: usize = 4 << 20;

/// The first character of the upper half of a merge's work (by the bytes of the
/// groups' postings), if it is worth sharing out.
fn split_point(files: &[GramFile]) -> Option<u32> {
    let mut sizes: std::collections::BTreeMap<u32, usize> = std::collections::BTreeMap::new();
    for f in files {
        for (first, bytes) in f.group_sizes() {
            *sizes.entry(first).or_default() += bytes;
        }
    }
    let total: usize = sizes.values().sum();
    if total < SPLIT_MERGE_BYTES {
        return None;
    }
    let mut sum = 0;
    sizes
        .into_iter()
        .find(|&(_, bytes)| {
            sum += bytes;
            sum * 2 >= total
        })
        .map(|(first, _)| first + 1)
}

/// Merges the terms of `files` whose first character's code is in `firsts` into
/// `encoder`, in key order.
fn merge_groups(
    files: &[GramFile],
    maps: &[Vec<u32>],
    moves: &[Option<u64>],
    encoder: &mut Encoder,
    firsts: std::ops::Range<u32>,
) {
    let mut cursors: Vec<_> = files
        .iter()
        .map(|f| f.terms_of(firsts.clone()).peekable())
        .collect();
    let mut group = None;
    while let Some(key) = cursors
        .iter_mut()
        .filter_map(|c| c.peek().map(|t| t.key))
        .min()
    {
        encoder.begin_term(key);
        let first = format::first_of(key);
        if group != Some(first) {
            group = Some(first);
            for (file, by) in files.iter().zip(moves) {
                if by.is_some() {
                    encoder.count_group_docs(file.group_docs(first));
                }
            }
        }
        for (((cursor, file), map), by) in cursors.iter_mut().zip(files).zip(maps).zip(moves) {
            let Some(t) = cursor.next_if(|t| t.key == key) else {
                continue;
            };
            if let Some(by) = *by {
                encoder.add_moved(file, &t, by);
                continue;
            }
            let occurrences = file.occurrences(&t);
            // (old document, new document, where each starts) of the occurrence.
            let mut doc_at = (u32::MAX, u32::MAX, 0u64, 0u64);
            file.for_each_doc(&occurrences, |doc, at| {
                if doc_at.0 != doc {
                    let new = map.get(doc as usize).copied().unwrap_or(u32::MAX);
                    let new_start = if new == u32::MAX {
                        0
                    } else {
                        encoder.start(new)
                    };
                    doc_at = (doc, new, file.start(doc), new_start);
                }
                if doc_at.1 != u32::MAX {
                    encoder.add(doc_at.1, doc_at.3 + at.saturating_sub(doc_at.2));
                }
            });
        }
        encoder.end_term();
    }
}

/// An encoder of buckets of sorted occurrences (see [`format::encode_sorted`]), the
/// buckets in key order: from `least` occurrences on, in two halves on two threads,
/// split between two buckets (so between two groups).
fn encode_sorted(
    norms: Vec<u8>,
    tokens: u64,
    starts: Vec<u32>,
    buckets: &[Bucket],
    least: usize,
) -> Encoder {
    let total: usize = buckets.iter().map(|b| b.entries.len()).sum();
    let mut sum = 0;
    let split = if total >= least {
        buckets
            .iter()
            .position(|b| {
                sum += b.entries.len();
                sum * 2 >= total
            })
            .map_or(buckets.len(), |i| i + 1)
    } else {
        buckets.len()
    };
    let part = |norms, starts, buckets: &[Bucket]| {
        let mut encoder = Encoder::new(norms, tokens, starts);
        for b in buckets {
            format::encode_sorted(&mut encoder, &b.entries, &b.docs);
        }
        encoder
    };
    if split >= buckets.len() {
        return part(norms, starts, buckets);
    }
    let (upper_norms, upper_starts) = (norms.clone(), starts.clone());
    let (mut lower, upper) = rayon::join(
        || part(norms, starts, &buckets[..split]),
        || part(upper_norms, upper_starts, &buckets[split..]),
    );
    lower.append(upper);
    lower
}

/// Least occurrences for which a segment's file is encoded on two threads.
const SPLIT_ENCODE: usize = 1 << 20;

/// Bits of a gram's first character below its bucket: a bucket holds the grams of
/// 64 first characters (whole groups), in document order until the segment is
/// written, and is then sorted on its own, in cache.
const BUCKET_SHIFT: u32 = 6;

/// The occurrences of a bucket's grams, `key << POSITION_BITS | position` each, with
/// their documents.
#[derive(Default)]
struct Bucket {
    entries: Vec<u64>,
    docs: Vec<u32>,
}

impl Bucket {
    fn capacity_bytes(&self) -> usize {
        self.entries.capacity() * 8 + self.docs.capacity() * 4
    }
}

/// Collects a segment's grams as its documents arrive.
struct GramWriter {
    field: Option<Field>,
    /// The occurrences by the first character's bucket (see [`BUCKET_SHIFT`]).
    buckets: Vec<Bucket>,
    /// The buckets' capacity in bytes, kept as they grow.
    bucket_bytes: usize,
    /// Each document's span in the position space: its last gram's position + 2 (0
    /// for a document without grams).
    spans: Vec<u32>,
    /// Field-norm id (length, see `add_document`) per document.
    norms: Vec<u8>,
    /// The documents' lengths together.
    tokens: u64,
}

impl PluginWriter for GramWriter {
    fn add_document(
        &mut self,
        doc_id: DocId,
        doc: &dyn ErasedDocument,
        _schema: &Schema,
    ) -> tantivy::Result<()> {
        let (mut chars, mut runs, mut span) = (0u32, 0u32, 0u32);
        if let (Some(field), Some(doc)) =
            (self.field, doc.as_any().downcast_ref::<TantivyDocument>())
        {
            let (buckets, bucket_bytes) = (&mut self.buckets, &mut self.bucket_bytes);
            for value in doc.get_all(field) {
                if let Some(bytes) = value.as_custom() {
                    for_each_gram(bytes, |key, position| {
                        let b = (format::first_of(key) >> BUCKET_SHIFT) as usize;
                        if b >= buckets.len() {
                            buckets.resize_with(b + 1, Bucket::default);
                        }
                        let bucket = &mut buckets[b];
                        let before = bucket.capacity_bytes();
                        let entry = postings::occurrence(key, position);
                        bucket.entries.push(entry);
                        bucket.docs.push(doc_id);
                        *bucket_bytes += bucket.capacity_bytes() - before;
                        // (As stored: a position past the largest is the largest.)
                        let at = (entry & u64::from(postings::MAX_POSITION)) as u32;
                        span = span.max(at + 2);
                        chars = chars.saturating_add(1);
                        runs += u32::from(format::ends_run(key));
                    });
                }
            }
        }
        // The length of a passage is counted as a text field of its characters and
        // bigrams would count it (each run of n characters: n + n - 1 terms), which
        // is what the ranking was tuned with.
        let length = chars.saturating_mul(2).saturating_sub(runs);
        self.tokens += u64::from(length);
        self.norms.resize(doc_id as usize, 0);
        self.norms.push(FieldNormReader::fieldnorm_to_id(length));
        self.spans.resize(doc_id as usize, 0);
        self.spans.push(span);
        Ok(())
    }

    fn serialize(
        self: Box<Self>,
        segment: &Segment,
        doc_id_map: Option<&DocIdMapping>,
    ) -> tantivy::Result<()> {
        if doc_id_map.is_some() {
            return Err(TantivyError::InternalError(
                "the gram index cannot write a sorted index".into(),
            ));
        }
        let GramWriter {
            mut buckets,
            mut spans,
            norms,
            tokens,
            ..
        } = *self;
        spans.resize(norms.len(), 0);
        let starts = format::starts_of(&spans).ok_or_else(|| {
            TantivyError::InternalError("segment too large for the gram index".into())
        })?;
        drop(spans);
        buckets.retain(|b| !b.entries.is_empty());
        {
            use rayon::prelude::*;
            buckets.par_iter_mut().for_each_init(
                || (Vec::new(), Vec::new()),
                |room, b| postings::sort_bucket(&mut b.entries, &mut b.docs, room),
            );
        }
        let encoder = encode_sorted(norms, tokens, starts, &buckets, SPLIT_ENCODE);
        drop(buckets);
        write(segment, encoder)
    }

    fn mem_usage(&self) -> usize {
        // Sorting takes room for a bucket per thread, no more.
        self.bucket_bytes
            + self.buckets.capacity() * std::mem::size_of::<Bucket>()
            + self.spans.capacity() * 4
            + self.norms.capacity()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use tantivy::Term;

    use super::query::GramQuery;
    use super::*;
    use crate::analysis;
    use crate::index::plugin_fixture::Fixture;

    fn fixture() -> Fixture {
        Fixture::new(add_field, std::sync::Arc::new(GramPlugin), |text| {
            let a = analysis::analyze(text);
            payload(&a.folded.text, &a.runs)
        })
    }

    fn queries() -> Vec<GramQuery> {
        vec![
            GramQuery::term("明月").expect("a bigram"),
            GramQuery::term("光").expect("a character"),
            GramQuery::term("前").expect("a character"),
            GramQuery::phrase(&[(0, "明月".into()), (1, "月光".into())]).expect("a phrase"),
            GramQuery::phrase(&[(0, "月光".into()), (1, "光明".into())]).expect("a phrase"),
        ]
    }

    #[test]
    fn a_segment_encoded_by_buckets_and_in_two_halves_is_the_same_file() {
        let mut rng = crate::index::test_random::XorShift(7);
        let (mut entries, mut docs, mut spans) = (Vec::new(), Vec::new(), Vec::new());
        let mut buckets: Vec<Bucket> = Vec::new();
        for doc in 0..300u32 {
            let text = rng.text(&['甲', '乙', '丙', '丁', '戊', '己', '庚'], 40);
            let chars: Vec<char> = text.chars().collect();
            for (p, &c) in chars.iter().enumerate() {
                let key = format::key(c, chars.get(p + 1).copied());
                entries.push(postings::occurrence(key, p));
                docs.push(doc);
                let b = (format::first_of(key) >> BUCKET_SHIFT) as usize;
                if b >= buckets.len() {
                    buckets.resize_with(b + 1, Bucket::default);
                }
                buckets[b].entries.push(postings::occurrence(key, p));
                buckets[b].docs.push(doc);
            }
            spans.push(if chars.is_empty() {
                0
            } else {
                chars.len() as u32 + 1
            });
        }
        let starts = format::starts_of(&spans).expect("small");
        let norms = vec![3u8; 300];
        // The whole segment sorted at once and encoded in one go.
        postings::sort_occurrences(&mut entries, &mut docs);
        let mut whole = Encoder::new(norms.clone(), 99, starts.clone());
        format::encode_sorted(&mut whole, &entries, &docs);
        // Bucket by bucket, in one encoder and in two.
        buckets.retain(|b| !b.entries.is_empty());
        assert!(buckets.len() > 2);
        let mut room = (Vec::new(), Vec::new());
        for b in &mut buckets {
            postings::sort_bucket(&mut b.entries, &mut b.docs, &mut room);
        }
        let one = encode_sorted(norms.clone(), 99, starts.clone(), &buckets, usize::MAX);
        let halves = encode_sorted(norms, 99, starts, &buckets, 0);
        let whole = whole.finish();
        assert!(one.finish() == whole);
        assert!(halves.finish() == whole);
    }

    #[test]
    fn grams_are_found_with_tantivy_scores_after_deletes_and_a_merge() {
        let texts = [
            ("a", "明月光，明月光"),
            ("b", "明月幾時有？"),
            ("c", "床前明月光"),
            ("d", "月光"),
            ("e", "明月 and 月光明"),
            ("f", "光明月"),
        ];
        let f = fixture();
        let mut w = f.writer();
        w.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for (name, text) in &texts[..3] {
            f.add(&mut w, name, text);
        }
        w.commit().expect("committed");
        for (name, text) in &texts[3..5] {
            f.add(&mut w, name, text);
        }
        w.commit().expect("committed");
        // A segment without deletes (merged as bytes).
        f.add(&mut w, texts[5].0, texts[5].1);
        w.commit().expect("committed");
        w.delete_term(Term::from_field_text(f.name, "b"));
        w.delete_term(Term::from_field_text(f.name, "d"));
        w.commit().expect("committed");
        let before: Vec<_> = queries().iter().map(|q| f.found(q)).collect();
        let names = |r: &[(String, f32)]| r.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&before[0]), ["a", "c", "e", "f"]);
        assert_eq!(names(&before[1]), ["a", "c", "e", "f"]);
        assert_eq!(names(&before[2]), ["c"]);
        assert_eq!(names(&before[3]), ["a", "c"]);
        assert_eq!(names(&before[4]), ["e"]);

        let ids = f.index.searchable_segment_ids().expect("segments");
        w.merge(&ids).wait().expect("merged");
        w.commit().expect("committed");
        let after: Vec<_> = queries().iter().map(|q| f.found(q)).collect();
        for (b, a) in before.iter().zip(&after) {
            assert_eq!(names(b), names(a));
        }

        // The merged segment scores as an index made of the surviving passages alone.
        let fresh = fixture();
        let mut w = fresh.writer();
        for (name, text) in texts.iter().filter(|t| !["b", "d"].contains(&t.0)) {
            fresh.add(&mut w, name, text);
        }
        w.commit().expect("committed");
        for q in queries() {
            assert_eq!(fresh.found(&q), f.found(&q), "{q:?}");
        }
        // A phrase found twice in a passage counts twice.
        let phrase = &after[3];
        assert!(phrase[0].1 > phrase[1].1, "{phrase:?}");
    }

    /// A merge shared out between two threads at any character writes the file one
    /// thread writes, with and without deletes.
    #[test]
    fn a_merge_split_by_character_writes_the_same_file() {
        let texts = [
            ("a", "明月光，明月光，床前"),
            ("b", "明月幾時有？把酒問青天"),
            ("c", "床前明月光，疑是地上霜"),
            ("d", "月光 and 春风"),
            ("e", "一二三四五，上山打老虎"),
            ("f", "光明月，天地人"),
        ];
        let f = fixture();
        let mut w = f.writer();
        w.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for chunk in texts.chunks(2) {
            for (name, text) in chunk {
                f.add(&mut w, name, text);
            }
            w.commit().expect("committed");
        }
        for deleted in [None, Some("c")] {
            if let Some(name) = deleted {
                w.delete_term(Term::from_field_text(f.name, name));
                w.commit().expect("committed");
            }
            let searcher = f.index.reader().expect("a reader").searcher();
            let readers = searcher.segment_readers();
            let files: Vec<GramFile> = readers
                .iter()
                .map(|r| open(r).expect("a gram file"))
                .collect();
            let whole = merge_split(readers, &files, None).expect("merged").finish();
            let mut firsts: Vec<u32> = files
                .iter()
                .flat_map(|f| f.group_sizes().into_iter().map(|(c, _)| c))
                .collect();
            firsts.sort_unstable();
            firsts.dedup();
            assert!(firsts.len() > 10);
            for split in firsts.iter().copied().chain([0, u32::MAX]) {
                let parts = merge_split(readers, &files, Some(split))
                    .expect("merged")
                    .finish();
                assert!(parts == whole, "split at {split}, deleted {deleted:?}");
            }
        }
    }

    #[test]
    fn payload_positions_skip_what_is_between_runs() {
        let a = analysis::analyze("小米，SU7汽车");
        let mut grams = Vec::new();
        for_each_gram(&payload(&a.folded.text, &a.runs), |k, p| grams.push((k, p)));
        assert_eq!(
            grams,
            vec![
                (format::key('小', Some('米')), 0),
                (format::key('米', None), 1),
                (format::key('汽', Some('车')), 6),
                (format::key('车', None), 7),
            ]
        );
    }
}
