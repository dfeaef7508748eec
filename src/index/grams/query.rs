//! tantivy queries over the gram index: a bigram, a single character, or a run of
//! characters verbatim (its grams at consecutive positions), scored with BM25 exactly
//! as tantivy scores a text field (same idf, saturation, length normalisation and
//! field-norm quantisation), so they combine with the word field's scores as the
//! tantivy gram field did.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError};

use super::format::{GramFile, Postings, key};

/// What to match in the gram index.
#[derive(Debug, Clone, PartialEq)]
pub enum GramQuery {
    /// Passages holding a character followed by another (a bigram).
    Pair(u64),
    /// Passages holding a character anywhere.
    Char(char),
    /// Passages holding these grams at these relative positions (a run as written).
    Phrase(Vec<(u32, u64)>),
}

impl GramQuery {
    /// The query for a gram term as the search module spells it: one character, or
    /// two (a bigram); `None` for anything else.
    pub fn term(gram: &str) -> Option<GramQuery> {
        let mut chars = gram.chars();
        match (chars.next(), chars.next(), chars.next()) {
            (Some(c), None, _) => Some(GramQuery::Char(c)),
            (Some(a), Some(b), None) => Some(GramQuery::Pair(key(a, Some(b)))),
            _ => None,
        }
    }

    /// The query for bigrams at relative positions (a phrase); `None` if one of them
    /// is not a bigram.
    pub fn phrase(grams: &[(usize, String)]) -> Option<GramQuery> {
        let mut keys = Vec::with_capacity(grams.len());
        for (offset, gram) in grams {
            let Some(GramQuery::Pair(k)) = GramQuery::term(gram) else {
                return None;
            };
            keys.push((u32::try_from(*offset).ok()?, k));
        }
        Some(GramQuery::Phrase(keys))
    }

    /// Documents of the segment holding the query's terms, each term's count (for
    /// the idf of each).
    fn document_frequencies(&self, file: &GramFile) -> Vec<u32> {
        match self {
            GramQuery::Pair(k) => vec![file.term(*k).map_or(0, |t| t.df)],
            GramQuery::Char(c) => vec![file.char_df(*c)],
            GramQuery::Phrase(keys) => keys
                .iter()
                .map(|(_, k)| file.term(*k).map_or(0, |t| t.df))
                .collect(),
        }
    }

    /// The matching documents of a segment and the query's frequency in each.
    fn matches(&self, file: &GramFile) -> Postings {
        match self {
            GramQuery::Pair(k) => file.term(*k).map(|t| file.postings(&t)).unwrap_or_default(),
            GramQuery::Char(c) => char_postings(file, *c),
            GramQuery::Phrase(keys) => phrase_postings(file, keys),
        }
    }
}

/// Every occurrence of a character: the union of its group's grams.
fn char_postings(file: &GramFile, c: char) -> Postings {
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for t in file.group_terms(c) {
        let p = file.postings(&t);
        pairs.extend(p.docs.into_iter().zip(p.tfs));
    }
    pairs.sort_unstable_by_key(|&(doc, _)| doc);
    let mut out = Postings::default();
    for (doc, tf) in pairs {
        if out.docs.last() == Some(&doc) {
            if let Some(last) = out.tfs.last_mut() {
                *last += tf;
            }
        } else {
            out.docs.push(doc);
            out.tfs.push(tf);
        }
    }
    out
}

/// A term's postings with its positions and where each document's begin.
struct Positioned {
    offset: u32,
    postings: Postings,
    positions: Vec<u32>,
    starts: Vec<usize>,
}

impl Positioned {
    fn of(doc_index: usize, p: &Positioned) -> &[u32] {
        let start = p.starts[doc_index];
        let end = start + p.postings.tfs[doc_index] as usize;
        &p.positions[start.min(p.positions.len())..end.min(p.positions.len())]
    }
}

/// Documents holding every gram at its relative position, with the number of places
/// where the whole phrase starts.
fn phrase_postings(file: &GramFile, keys: &[(u32, u64)]) -> Postings {
    let mut terms = Vec::with_capacity(keys.len());
    for &(offset, k) in keys {
        let Some(t) = file.term(k) else {
            return Postings::default();
        };
        let postings = file.postings(&t);
        let positions = file.positions(&t, &postings.tfs);
        let mut starts = Vec::with_capacity(postings.tfs.len());
        let mut sum = 0;
        for &tf in &postings.tfs {
            starts.push(sum);
            sum += tf as usize;
        }
        terms.push(Positioned {
            offset,
            postings,
            positions,
            starts,
        });
    }
    // The rarest gram drives; the others are looked up.
    terms.sort_by_key(|t| t.postings.docs.len());
    let Some((driver, others)) = terms.split_first() else {
        return Postings::default();
    };
    let mut cursors = vec![0usize; others.len()];
    let mut out = Postings::default();
    'docs: for (i, &doc) in driver.postings.docs.iter().enumerate() {
        let mut at = Vec::with_capacity(others.len());
        for (o, cursor) in others.iter().zip(cursors.iter_mut()) {
            let docs = &o.postings.docs;
            *cursor += docs[*cursor..].partition_point(|&d| d < doc);
            if docs.get(*cursor) != Some(&doc) {
                continue 'docs;
            }
            at.push(*cursor);
        }
        let mut count = 0;
        for &p in Positioned::of(i, driver) {
            let Some(start) = p.checked_sub(driver.offset) else {
                continue;
            };
            let whole = others.iter().zip(&at).all(|(o, &j)| {
                Positioned::of(j, o)
                    .binary_search(&(start + o.offset))
                    .is_ok()
            });
            count += u32::from(whole);
        }
        if count > 0 {
            out.docs.push(doc);
            out.tfs.push(count);
        }
    }
    out
}

/// BM25 as tantivy computes it.
#[derive(Debug, Clone)]
struct Bm25 {
    weight: Score,
    cache: Vec<Score>,
}

const K1: Score = 1.2;
const B: Score = 0.75;

impl Bm25 {
    fn new(idf: Score, average_norm: Score) -> Bm25 {
        let cache = (0..=255u8)
            .map(|id| {
                let norm = FieldNormReader::id_to_fieldnorm(id) as Score;
                K1 * (1.0 - B + B * norm / average_norm)
            })
            .collect();
        Bm25 {
            weight: idf * (1.0 + K1),
            cache,
        }
    }

    fn score(&self, norm_id: u8, tf: u32) -> Score {
        let tf = tf as Score;
        self.weight * tf / (tf + self.cache[usize::from(norm_id)])
    }
}

fn idf(df: u64, docs: u64) -> Score {
    let x = (docs.saturating_sub(df) as Score + 0.5) / (df as Score + 0.5);
    (1.0 + x).ln()
}

impl Query for GramQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match scoring.searcher() {
            Some(searcher) if scoring.is_scoring_enabled() => {
                let (mut docs, mut tokens) = (0u64, 0u64);
                let mut dfs: Vec<u64> = Vec::new();
                for reader in searcher.segment_readers() {
                    let file = super::open(reader)?;
                    docs += u64::from(file.max_doc());
                    tokens += file.total_tokens();
                    let these = self.document_frequencies(&file);
                    dfs.resize(these.len(), 0);
                    for (sum, df) in dfs.iter_mut().zip(these) {
                        *sum += u64::from(df);
                    }
                }
                (docs > 0).then(|| {
                    let idf: Score = dfs.iter().map(|&df| idf(df, docs)).sum();
                    Bm25::new(idf, tokens as Score / docs as Score)
                })
            }
            _ => None,
        };
        Ok(Box::new(GramWeight {
            query: self.clone(),
            bm25,
        }))
    }
}

struct GramWeight {
    query: GramQuery,
    bm25: Option<Bm25>,
}

impl Weight for GramWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let file = super::open(reader)?;
        let Postings { docs, tfs } = self.query.matches(&file);
        if docs.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        Ok(Box::new(GramScorer {
            docs,
            tfs,
            at: 0,
            file,
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

/// The matching documents of one segment, decoded at once.
struct GramScorer {
    docs: Vec<u32>,
    tfs: Vec<u32>,
    at: usize,
    file: GramFile,
    bm25: Option<Bm25>,
    boost: Score,
}

impl DocSet for GramScorer {
    fn advance(&mut self) -> DocId {
        self.at += 1;
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc() < target {
            self.at += self.docs[self.at..].partition_point(|&d| d < target);
        }
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).copied().unwrap_or(TERMINATED)
    }

    fn size_hint(&self) -> u32 {
        u32::try_from(self.docs.len()).unwrap_or(u32::MAX)
    }
}

impl Scorer for GramScorer {
    fn score(&mut self) -> Score {
        let (Some(bm25), Some(&doc), Some(&tf)) =
            (&self.bm25, self.docs.get(self.at), self.tfs.get(self.at))
        else {
            return self.boost;
        };
        bm25.score(self.file.norm(doc), tf) * self.boost
    }
}
