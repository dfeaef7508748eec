//! The word index: the passages' word terms (jieba words, English stems, numbers,
//! codes, compounds), kept by a tantivy segment plugin of our own instead of a tantivy
//! text field.
//!
//! tantivy indexes a text field a token at a time into a hash table and sorts each
//! segment's terms into a finite-state dictionary; on the scale corpus that was most
//! of what was left of a build after the gram index went its own way. Here a
//! segment's terms are interned as they arrive, its occurrences sorted in a few radix
//! passes, and written as one file per segment (see [`format`]) that tantivy keeps,
//! merges (with [`WordPlugin::merge`]) and deletes with the segment. Positions are
//! kept only for terms without Chinese characters: phrases over words are only ever
//! asked of Latin words (Chinese strings are matched verbatim in the gram index).

pub mod format;
mod intern;
pub mod query;

use std::any::Any;
use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::indexer::doc_id_mapping::DocIdMapping;
use tantivy::schema::document::ErasedDocument;
use tantivy::schema::{Field, Schema, Value as _};
use tantivy::{
    DocId, PluginMergeContext, PluginWriter, PluginWriterContext, Searcher, Segment, SegmentPlugin,
    SegmentReader, TantivyDocument, TantivyError,
};

use super::postings::{self, TermPostings, merge_maps};
use super::terms;
use crate::analysis::is_cjk;
use format::{Encoder, WordFile};
use intern::Interner;

/// Which of a passage's texts a word file holds the terms of: one plugin, and one
/// file per segment, each. Titles and headings were tantivy text fields, indexed,
/// written and merged by tantivy's own machinery at several times the cost (on the
/// scale corpus about a tenth of a build, much of it in the final merge).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordField {
    /// The passage text.
    Text,
    /// The article title (every passage of an article has it).
    Title,
    /// The section heading over the passage.
    Section,
}

impl WordField {
    /// Every word field.
    pub const ALL: [WordField; 3] = [WordField::Text, WordField::Title, WordField::Section];

    /// The custom field type the plugin takes its input from: word terms encoded as
    /// [`super::terms::encode_terms`] writes them.
    pub fn type_name(self) -> &'static str {
        match self {
            WordField::Text => "wenku_words",
            WordField::Title => "wenku_title_words",
            WordField::Section => "wenku_section_words",
        }
    }

    /// The extension of the plugin's file in every segment.
    pub fn extension(self) -> &'static str {
        self.extensions()[0]
    }

    /// [`WordField::extension`] as the one-element list a plugin reports.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            WordField::Text => &["wword"],
            WordField::Title => &["wtitle"],
            WordField::Section => &["wsection"],
        }
    }

    /// The schema field's name.
    fn field_name(self) -> &'static str {
        match self {
            WordField::Text => "words",
            WordField::Title => "title_words",
            WordField::Section => "section_words",
        }
    }

    /// What its file is called in errors.
    fn what(self) -> &'static str {
        match self {
            WordField::Text => "word file",
            WordField::Title => "title word file",
            WordField::Section => "heading word file",
        }
    }
}

/// Told of each new segment (not of a merge's) as soon as its word file is written,
/// before its other files are.
pub type Written = Arc<dyn Fn(&Segment) + Send + Sync>;

/// The word index of the passage text of a segment just written (see [`Written`]):
/// the segment need not be committed yet.
pub fn open_written(segment: &Segment) -> tantivy::Result<WordIndex> {
    let field = WordField::Text;
    let file =
        postings::read_written_component(segment, field.extension(), field.what(), WordFile::open)?;
    Ok(WordIndex {
        files: vec![(file, None)],
    })
}

/// Opens a segment's word file of the passage text.
pub fn open(reader: &SegmentReader) -> tantivy::Result<WordFile> {
    open_field(reader, WordField::Text)
}

/// Opens a segment's word file of `field`.
pub fn open_field(reader: &SegmentReader, field: WordField) -> tantivy::Result<WordFile> {
    postings::read_component(reader, field.extension(), field.what(), WordFile::open)
}

/// Adds a word field to a schema under construction.
pub fn add_field(builder: &mut tantivy::schema::SchemaBuilder, field: WordField) -> Field {
    builder.add_custom_field(
        field.field_name(),
        field.type_name(),
        serde_json::Value::Null,
    )
}

/// Are a term's positions kept? (Only Latin terms are ever matched as phrases.)
fn keeps_positions(term: &[u8]) -> bool {
    term.is_ascii() || std::str::from_utf8(term).is_ok_and(|t| !t.chars().any(is_cjk))
}

/// The word index of one commit: every segment's word file, with its live documents.
#[derive(Clone)]
pub struct WordIndex {
    files: Vec<(WordFile, Option<tantivy::fastfield::AliveBitSet>)>,
}

impl WordIndex {
    /// The vocabulary of the segments `searcher` sees.
    pub fn of(searcher: &Searcher) -> tantivy::Result<WordIndex> {
        let files = searcher
            .segment_readers()
            .iter()
            .map(|r| Ok((open(r)?, r.alive_bitset().cloned())))
            .collect::<tantivy::Result<_>>()?;
        Ok(WordIndex { files })
    }

    /// Passages holding `word` (deleted ones included until their segment is merged,
    /// as tantivy counts document frequencies).
    pub fn doc_freq(&self, word: &str) -> u64 {
        self.files
            .iter()
            .filter_map(|(f, _)| f.term(word))
            .map(|t| u64::from(t.df))
            .sum()
    }

    /// Does a live passage hold `word`?
    pub fn holds(&self, word: &str) -> bool {
        self.files
            .iter()
            .any(|(f, alive)| live(f, alive.as_ref(), word))
    }

    /// Does some segment hold a word of a live document that begins with `prefix`? (The
    /// first [`PREFIX_WORDS`] words that do are looked at.)
    pub fn holds_prefix(&self, prefix: &str) -> bool {
        self.files.iter().any(|(f, alive)| {
            let (mut found, mut seen) = (false, 0);
            f.for_each_from(prefix, |t| {
                let Some(word) = std::str::from_utf8(t)
                    .ok()
                    .filter(|w| w.starts_with(prefix))
                else {
                    return false;
                };
                seen += 1;
                found = live(f, alive.as_ref(), word);
                !found && seen < PREFIX_WORDS
            });
            found
        })
    }

    /// The first `n` live passages holding `word`, as (segment number, document).
    pub fn first_docs(&self, word: &str, n: usize) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for (ord, (f, alive)) in (0u32..).zip(&self.files) {
            let Some(t) = f.term(word) else {
                continue;
            };
            let docs = f.postings(&t).docs;
            let live = docs
                .into_iter()
                .filter(|&d| alive.as_ref().is_none_or(|a| a.is_alive(d)));
            out.extend(live.map(|d| (ord, d)).take(n - out.len()));
            if out.len() >= n {
                break;
            }
        }
        out
    }

    /// Calls `each` with every segment's word file, to search its name-like words
    /// ([`WordFile::search_names`]).
    pub fn for_each_word_file(&self, mut each: impl FnMut(&WordFile)) {
        for (f, _) in &self.files {
            each(f);
        }
    }

    /// Word terms of all passages together.
    pub fn total_tokens(&self) -> u64 {
        self.files.iter().map(|(f, _)| f.total_tokens()).sum()
    }

    /// Calls `each` with every term in `[from, to)` (`to` empty: no end), segment by
    /// segment, each segment's in byte order: a term of several segments comes once
    /// per segment.
    pub fn for_each_between(&self, from: &str, to: &str, mut each: impl FnMut(&str)) {
        for (f, _) in &self.files {
            f.for_each_from(from, |t| {
                if !to.is_empty() && t >= to.as_bytes() {
                    return false;
                }
                if let Ok(t) = std::str::from_utf8(t) {
                    each(t);
                }
                true
            });
        }
    }
}

/// Does a word file hold `word` in a document that `alive` (if any) keeps?
fn live(f: &WordFile, alive: Option<&tantivy::fastfield::AliveBitSet>, word: &str) -> bool {
    f.term(word).is_some_and(|t| match alive {
        // Without deletes, holding the term is holding it live.
        None => t.df > 0,
        Some(alive) => f.postings(&t).docs.iter().any(|&d| alive.is_alive(d)),
    })
}

/// Most words beginning with a prefix that [`WordIndex::holds_prefix`] looks at.
const PREFIX_WORDS: usize = 64;

/// The word plugin of one [`WordField`]: writes, merges and reports its file of each
/// segment.
pub struct WordPlugin {
    field: WordField,
    written: Option<Written>,
    /// Occurrences a segment's writer makes room for at once.
    expected: usize,
}

impl WordPlugin {
    /// The plugin of `field`.
    pub fn new(field: WordField) -> WordPlugin {
        WordPlugin {
            field,
            written: None,
            expected: 0,
        }
    }

    /// The plugin of `field` for a new index of about `expected` occurrences, telling
    /// `written` of each new segment's file. Room for the occurrences is taken at once
    /// (its pages as they fill): grown by doubling, the arrays were copied into fresh
    /// memory at each step (30 MB more of peak RSS on the scale corpus).
    pub fn for_new_index(field: WordField, expected: usize, written: Written) -> WordPlugin {
        WordPlugin {
            field,
            written: Some(written),
            expected,
        }
    }
}

impl std::fmt::Debug for WordPlugin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordPlugin")
            .field("field", &self.field)
            .field("telling", &self.written.is_some())
            .field("expected", &self.expected)
            .finish()
    }
}

impl SegmentPlugin for WordPlugin {
    fn extensions(&self) -> &[&str] {
        self.field.extensions()
    }

    fn create_writer(&self, ctx: &PluginWriterContext) -> tantivy::Result<Box<dyn PluginWriter>> {
        Ok(Box::new(WordWriter {
            field: postings::custom_field(&ctx.segment.schema(), self.field.type_name()),
            word_field: self.field,
            written: self.written.clone(),
            interner: Interner::default(),
            entries: Vec::with_capacity(self.expected),
            docs: Vec::with_capacity(self.expected),
            norms: Vec::new(),
            tokens: 0,
        }))
    }

    fn merge(&self, ctx: PluginMergeContext) -> tantivy::Result<()> {
        let field = self.field;
        let files = postings::merge_sources(&ctx, field.what(), |r| open_field(r, field))?;
        write(ctx.target_segment, field, merge(ctx.readers, &files))
    }
}

fn write(segment: &Segment, field: WordField, encoder: Encoder) -> tantivy::Result<()> {
    postings::write_component(segment, field.extension(), |w| encoder.write_to(w))
}

/// Merges segments' word files as tantivy merges their documents.
fn merge(readers: &[SegmentReader], files: &[WordFile]) -> Encoder {
    let maps = merge_maps(readers);
    let (norms, total_tokens) = postings::merged_norms(
        &maps,
        &files.iter().map(WordFile::norms).collect::<Vec<_>>(),
        &files.iter().map(WordFile::total_tokens).collect::<Vec<_>>(),
    );
    // Every file's terms in order, merged; a segment without deletes is copied as
    // bytes, its documents shifted.
    let shifts: Vec<Option<u32>> = maps.iter().map(|m| postings::shift_of(m)).collect();
    let mut cursors: Vec<_> = files.iter().map(WordFile::cursor).collect();
    let mut heads: Vec<Option<format::TermInfo>> =
        cursors.iter_mut().map(format::Cursor::advance).collect();
    let mut encoder = Encoder::new(norms, total_tokens);
    let mut p = TermPostings::default();
    let mut term = Vec::new();
    while let Some(min) = heads
        .iter()
        .zip(&cursors)
        .filter(|(h, _)| h.is_some())
        .map(|(_, c)| c.term())
        .min()
    {
        term.clear();
        term.extend_from_slice(min);
        p.clear();
        let keep = keeps_positions(&term);
        for ((((head, cursor), file), map), shift) in heads
            .iter_mut()
            .zip(cursors.iter_mut())
            .zip(files)
            .zip(&maps)
            .zip(&shifts)
        {
            let Some(info) = head.filter(|_| cursor.term() == term.as_slice()) else {
                continue;
            };
            *head = cursor.advance();
            if let Some(base) = *shift {
                let (docs, positions) = file.raw(&info);
                p.append_shifted(docs, positions, info.df, base, keep);
                continue;
            }
            let postings = file.postings(&info);
            let positions = if keep {
                file.positions(&info, &postings.tfs)
            } else {
                Vec::new()
            };
            postings::for_each_live(&postings, &positions, map, |new, tf, these| {
                p.add_doc(new, tf, these);
            });
        }
        encoder.add_term(&term, &p);
    }
    encoder
}

/// Least occurrences for which a segment's file is encoded on two threads.
const SPLIT_ENCODE: usize = 1 << 20;

/// Adds the terms of sorted occurrences (see [`postings::sort_occurrences`]), their
/// numbers ranks in `order` (the terms in byte order), to `encoder`.
fn encode_sorted(
    encoder: &mut Encoder,
    entries: &[u64],
    docs: &[u32],
    order: &[(u128, u32)],
    terms: &intern::Terms,
) {
    let mut p = TermPostings::default();
    let mut current: Option<u64> = None;
    let mut keep = false;
    let mut buffer = [0u8; 16];
    postings::for_each_posting(entries, docs, |r, doc, positions| {
        if current != Some(r) {
            if let Some(previous) = current {
                let (key, id) = order.get(previous as usize).copied().unwrap_or_default();
                encoder.add_term(terms.bytes(key, id, &mut buffer), &p);
            }
            p.clear();
            current = Some(r);
            let (key, id) = order.get(r as usize).copied().unwrap_or_default();
            keep = keeps_positions(terms.bytes(key, id, &mut buffer));
        }
        p.add_doc(doc, positions.len(), if keep { positions } else { &[] });
    });
    if let Some(last) = current {
        let (key, id) = order.get(last as usize).copied().unwrap_or_default();
        encoder.add_term(terms.bytes(key, id, &mut buffer), &p);
    }
}

/// Collects a segment's word terms as its documents arrive.
struct WordWriter {
    field: Option<Field>,
    /// Which file it writes.
    word_field: WordField,
    /// Told once the file is written.
    written: Option<Written>,
    /// The segment's terms and their numbers.
    interner: Interner,
    /// Occurrences ([`postings::occurrence`] of the term's number), in document order.
    entries: Vec<u64>,
    /// The document of each occurrence.
    docs: Vec<u32>,
    /// Field-norm id (number of terms) per document.
    norms: Vec<u8>,
    /// Terms of all documents together.
    tokens: u64,
}

impl PluginWriter for WordWriter {
    fn add_document(
        &mut self,
        doc_id: DocId,
        doc: &dyn ErasedDocument,
        _schema: &Schema,
    ) -> tantivy::Result<()> {
        let before = self.entries.len();
        if let (Some(field), Some(doc)) =
            (self.field, doc.as_any().downcast_ref::<TantivyDocument>())
        {
            for value in doc.get_all(field) {
                let Some(encoded) = value.as_custom() else {
                    continue;
                };
                let (entries, docs) = (&mut self.entries, &mut self.docs);
                self.interner.intern(encoded, |position, id| {
                    entries.push(postings::occurrence(u64::from(id), position));
                    docs.push(doc_id);
                });
            }
        }
        let terms = u32::try_from(self.entries.len() - before).unwrap_or(u32::MAX);
        self.tokens += u64::from(terms);
        self.norms.resize(doc_id as usize, 0);
        self.norms.push(FieldNormReader::fieldnorm_to_id(terms));
        Ok(())
    }

    fn serialize(
        self: Box<Self>,
        segment: &Segment,
        doc_id_map: Option<&DocIdMapping>,
    ) -> tantivy::Result<()> {
        if doc_id_map.is_some() {
            return Err(TantivyError::InternalError(
                "the word index cannot write a sorted index".into(),
            ));
        }
        let WordWriter {
            word_field,
            written,
            interner,
            mut entries,
            mut docs,
            norms,
            tokens,
            ..
        } = *self;
        let terms = interner.into_terms();
        // Number terms in byte order, then sort the occurrences by that number.
        let order = terms.in_byte_order();
        let mut rank = vec![0u32; terms.len()];
        for (r, &(_, id)) in order.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        for e in entries.iter_mut() {
            let id = *e >> postings::POSITION_BITS;
            let r = rank.get(id as usize).copied().unwrap_or(0);
            *e = (u64::from(r) << postings::POSITION_BITS)
                | (*e & u64::from(postings::MAX_POSITION));
        }
        drop(rank);
        postings::sort_occurrences(&mut entries, &mut docs);
        // A large segment's terms are encoded in two halves on two threads, split
        // where a dictionary block starts.
        let split = match entries.get(entries.len() / 2) {
            Some(&e) if entries.len() >= SPLIT_ENCODE => {
                let rank = (e >> postings::POSITION_BITS).next_multiple_of(format::BLOCK);
                entries.partition_point(|&e| e >> postings::POSITION_BITS < rank)
            }
            _ => entries.len(),
        };
        let encode = |encoder: &mut Encoder, entries: &[u64], docs: &[u32]| {
            encode_sorted(encoder, entries, docs, &order, &terms);
        };
        let mut encoder = Encoder::new(norms, tokens);
        if split == entries.len() {
            encode(&mut encoder, &entries, &docs);
        } else {
            let mut upper = encoder.empty_like();
            rayon::join(
                || encode(&mut encoder, &entries[..split], &docs[..split]),
                || encode(&mut upper, &entries[split..], &docs[split..]),
            );
            if !encoder.append(upper) {
                // (Every term has an occurrence, so the lower half ends a block.)
                encoder = Encoder::new(encoder.into_norms(), tokens);
                encode(&mut encoder, &entries, &docs);
            }
        }
        drop((entries, docs));
        write(segment, word_field, encoder)?;
        if let Some(written) = written {
            written(segment);
        }
        Ok(())
    }

    fn mem_usage(&self) -> usize {
        // Sorting takes as much again as the occurrences, but only for a moment and
        // one segment at a time.
        self.entries.capacity() * 8
            + self.docs.capacity() * 4
            + self.norms.capacity()
            + self.interner.mem_usage()
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

    use super::query::WordQuery;
    use super::*;
    use crate::analysis;
    use crate::index::plugin_fixture::Fixture;

    fn fixture() -> Fixture {
        Fixture::new(
            |b| add_field(b, WordField::Text),
            Arc::new(WordPlugin::new(WordField::Text)),
            |text| {
                let mut encoded = Vec::new();
                terms::encode(&analysis::analyze(text).words, &mut encoded);
                encoded
            },
        )
    }

    fn queries() -> Vec<WordQuery> {
        let phrase = |words: &[&str]| {
            WordQuery::Phrase(
                WordField::Text,
                words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| (i as u32, w.to_string()))
                    .collect(),
            )
        };
        vec![
            WordQuery::Term(WordField::Text, "小米".into()),
            WordQuery::Term(WordField::Text, "margin".into()),
            WordQuery::Term(WordField::Text, "26.4%".into()),
            phrase(&["gross", "margin"]),
            phrase(&["margin", "gross"]),
        ]
    }

    #[test]
    fn terms_are_numbered_in_byte_order() {
        let words = [
            "小米",
            "a",
            "ab",
            "abc",
            "aaaaaaaaaaaaaaax",
            "aaaaaaaaaaaaaaaab",
            "aaaaaaaaaaaaaaa",
            "aaaaaaaaaaaaaab",
            "26.4%",
            "汽车研究院之盖世汽车研究院",
            "汽车研究院之盖世汽车",
            "z",
            "",
            "\0",
            "\0\0",
            "a\0",
        ];
        let mut interner = Interner::default();
        let mut encoded = Vec::new();
        terms::encode_terms(words.iter().enumerate().map(|(i, w)| (i, *w)), &mut encoded);
        interner.intern(&encoded, |_, _| {});
        let terms = interner.into_terms();
        let order: Vec<&str> = terms
            .in_byte_order()
            .iter()
            .map(|&(_, i)| words[i as usize])
            .collect();
        let mut want = words.to_vec();
        want.sort_unstable();
        assert_eq!(order, want);
    }

    #[test]
    fn a_phrase_of_words_without_positions_asks_for_all_of_them() {
        let f = fixture();
        let mut w = f.writer();
        f.add(&mut w, "a", "小米汽车");
        f.add(&mut w, "b", "小米手机");
        w.commit().expect("committed");
        let phrase = WordQuery::Phrase(
            WordField::Text,
            vec![(0, "小米".into()), (1, "汽车".into())],
        );
        let names: Vec<String> = f.found(&phrase).into_iter().map(|x| x.0).collect();
        assert_eq!(names, ["a"]);
    }

    #[test]
    fn words_are_found_with_tantivy_scores_after_deletes_and_a_merge() {
        let texts = [
            ("a", "小米汽车的毛利率为26.4%, gross margin gross margin"),
            ("b", "小米 gross margin"),
            ("c", "margin gross 小米"),
            ("d", "小米的 gross margin"),
            ("e", "特斯拉 margin"),
        ];
        let f = fixture();
        let mut w = f.writer();
        w.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for (name, text) in &texts[..2] {
            f.add(&mut w, name, text);
        }
        w.commit().expect("committed");
        for (name, text) in &texts[2..4] {
            f.add(&mut w, name, text);
        }
        w.commit().expect("committed");
        f.add(&mut w, texts[4].0, texts[4].1);
        w.commit().expect("committed");
        w.delete_term(Term::from_field_text(f.name, "b"));
        w.commit().expect("committed");
        let names = |r: &[(String, f32)]| r.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
        let before: Vec<_> = queries().iter().map(|q| f.found(q)).collect();
        assert_eq!(names(&before[0]), ["a", "c", "d"]);
        assert_eq!(names(&before[1]), ["a", "c", "d", "e"]);
        assert_eq!(names(&before[2]), ["a"]);
        assert_eq!(names(&before[3]), ["a", "d"]);
        assert_eq!(names(&before[4]), ["a", "c"]);

        // Segments with and without deletes merge into one.
        let ids = f.index.searchable_segment_ids().expect("segments");
        assert_eq!(ids.len(), 3);
        w.merge(&ids).wait().expect("merged");
        w.commit().expect("committed");
        let fresh = fixture();
        let mut fw = fresh.writer();
        for (name, text) in texts.iter().filter(|t| t.0 != "b") {
            fresh.add(&mut fw, name, text);
        }
        fw.commit().expect("committed");
        for (i, q) in queries().iter().enumerate() {
            let merged = f.found(q);
            assert_eq!(names(&merged), names(&before[i]), "{q:?}");
            assert_eq!(merged, fresh.found(q), "{q:?}");
        }
        let vocabulary =
            WordIndex::of(&f.index.reader().expect("a reader").searcher()).expect("word files");
        assert!(vocabulary.holds("特斯拉"));
        assert_eq!(vocabulary.doc_freq("小米"), 3);
        let mut english = Vec::new();
        vocabulary.for_each_between("a", "{", |t| english.push(t.to_string()));
        assert!(english.contains(&"margin".to_string()), "{english:?}");
        assert!(!english.iter().any(|t| t.contains('小')));
    }
}
