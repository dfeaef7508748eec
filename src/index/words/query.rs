//! tantivy queries over the word index: a term, or Latin terms as a phrase, scored
//! with BM25 exactly as tantivy scores a text field.

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, Score, SegmentReader};

use super::format::WordFile;
use crate::index::postings::{self, Bm25, Positioned, Postings};

/// What to match in the word index.
#[derive(Debug, Clone, PartialEq)]
pub enum WordQuery {
    /// Passages holding a word term.
    Term(String),
    /// Passages holding these terms at these relative positions. Only Latin terms
    /// keep positions; a term without them only has to be in the passage.
    Phrase(Vec<(u32, String)>),
}

impl WordQuery {
    fn terms(&self) -> Vec<&str> {
        match self {
            WordQuery::Term(t) => vec![t.as_str()],
            WordQuery::Phrase(terms) => terms.iter().map(|(_, t)| t.as_str()).collect(),
        }
    }

    fn matches(&self, file: &WordFile) -> Postings {
        match self {
            WordQuery::Term(t) => file.term(t).map(|i| file.postings(&i)).unwrap_or_default(),
            WordQuery::Phrase(terms) => {
                let mut positioned = Vec::with_capacity(terms.len());
                let mut without = Vec::new();
                for (offset, t) in terms {
                    let Some(info) = file.term(t) else {
                        return Postings::default();
                    };
                    let p = file.postings(&info);
                    if info.has_positions() {
                        let positions = file.positions(&info, &p.tfs);
                        positioned.push(Positioned::new(*offset, p, positions));
                    } else {
                        without.push(p);
                    }
                }
                let mut found = postings::phrase_postings(positioned);
                for p in without {
                    found = intersect(&found, &p);
                }
                found
            }
        }
    }
}

/// Documents of `a` also in `b`, with `a`'s frequencies.
fn intersect(a: &Postings, b: &Postings) -> Postings {
    let mut out = Postings::default();
    let mut j = 0;
    for (&doc, &tf) in a.docs.iter().zip(&a.tfs) {
        j += b.docs[j..].partition_point(|&d| d < doc);
        if b.docs.get(j) == Some(&doc) {
            out.docs.push(doc);
            out.tfs.push(tf);
        }
    }
    out
}

impl Query for WordQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match scoring.searcher() {
            Some(searcher) if scoring.is_scoring_enabled() => {
                let (mut docs, mut tokens) = (0u64, 0u64);
                let terms = self.terms();
                let mut dfs = vec![0u64; terms.len()];
                for reader in searcher.segment_readers() {
                    let file = super::open(reader)?;
                    docs += u64::from(file.max_doc());
                    tokens += file.total_tokens();
                    for (sum, t) in dfs.iter_mut().zip(&terms) {
                        *sum += file.term(t).map_or(0, |i| u64::from(i.df));
                    }
                }
                Bm25::new(&dfs, docs, tokens)
            }
            _ => None,
        };
        Ok(Box::new(WordWeight {
            query: self.clone(),
            bm25,
        }))
    }
}

struct WordWeight {
    query: WordQuery,
    bm25: Option<Bm25>,
}

impl Weight for WordWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let file = super::open(reader)?;
        let streamed = match &self.query {
            WordQuery::Term(t) => Some(file.term(t).map(|i| (file.docs_part(&i), i.df))),
            WordQuery::Phrase(_) => None,
        };
        Ok(match streamed {
            Some(None) => Box::new(EmptyScorer),
            Some(found) => postings::scorer(
                found,
                Postings::default,
                file.norms(),
                self.bm25.clone(),
                boost,
            ),
            None => postings::scorer(
                None,
                || self.query.matches(&file),
                file.norms(),
                self.bm25.clone(),
                boost,
            ),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        postings::explain(self.scorer(reader, 1.0)?, doc, &self.query)
    }
}
