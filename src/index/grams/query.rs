//! tantivy queries over the gram index: a bigram, a single character, or a run of
//! characters verbatim (its grams at consecutive positions), scored with BM25 exactly
//! as tantivy scores a text field (same idf, saturation, length normalisation and
//! field-norm quantisation), so they combine with the word field's scores as the
//! tantivy gram field did.

use tantivy::SegmentReader;
use tantivy::directory::OwnedBytes;
use tantivy::query::{EnableScoring, Query, Weight};

use super::format::{GramFile, key};
use crate::index::postings::{self, Matches, Postings, SegmentQuery};

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
}

/// Every occurrence of a character: the union of its group's grams.
fn char_postings(file: &GramFile, c: char) -> Postings {
    let terms = file.group_terms(c);
    let postings: u64 = terms.iter().map(|t| u64::from(t.df)).sum();
    // A common character: its frequencies summed in an array over the documents
    // (sorting half a million postings took 10 ms).
    if postings > u64::from(file.max_doc() / 32) {
        let table = file.doc_table();
        let mut tfs = vec![0u32; file.max_doc() as usize];
        for t in &terms {
            file.for_each_occurrence(t, |at| {
                if let Some(sum) = table.doc_of(at).and_then(|doc| tfs.get_mut(doc as usize)) {
                    *sum += 1;
                }
            });
        }
        let mut out = Postings::default();
        for (doc, &tf) in tfs.iter().enumerate() {
            if tf > 0 {
                out.docs.push(doc as u32);
                out.tfs.push(tf);
            }
        }
        return out;
    }
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for t in terms {
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

/// Documents holding every gram at its relative position, each with its number of
/// such places: the rarest gram's occurrences, kept where every other gram is found
/// at its offset from them.
fn phrase_postings(file: &GramFile, keys: &[(u32, u64)]) -> Postings {
    let mut terms = Vec::with_capacity(keys.len());
    for &(offset, k) in keys {
        let Some(t) = file.term(k) else {
            return Postings::default();
        };
        terms.push((u64::from(offset), t));
    }
    terms.sort_by_key(|(_, t)| t.count);
    let Some(((offset, rarest), others)) = terms.split_first() else {
        return Postings::default();
    };
    // Where the phrase would start (its offset 0).
    let mut starts: Vec<u64> = file
        .occurrences(rarest)
        .into_iter()
        .filter_map(|at| at.checked_sub(*offset))
        .collect();
    for (offset, t) in others {
        let found = file.occurrences(t);
        let mut i = 0;
        starts.retain(|&start| {
            let want = start + offset;
            while found.get(i).is_some_and(|&at| at < want) {
                i += 1;
            }
            found.get(i) == Some(&want)
        });
    }
    // Grams with a gap between them (runs apart) could reach across a document's
    // end: keep the places whose first and last gram share a document.
    let first = keys.iter().map(|k| u64::from(k.0)).min().unwrap_or(0);
    let last = keys.iter().map(|k| u64::from(k.0)).max().unwrap_or(0);
    let mut doc = 0;
    starts.retain(|&start| {
        let (Some(a), Some(b)) = (
            file.doc_at(start + first, doc),
            file.doc_at(start + last, doc),
        ) else {
            return false;
        };
        doc = a;
        a == b
    });
    for start in &mut starts {
        *start += first;
    }
    file.postings_of(&starts)
}

impl SegmentQuery for GramQuery {
    fn statistics(&self, reader: &SegmentReader) -> tantivy::Result<(u32, u64, Vec<u64>)> {
        let file = super::open(reader)?;
        let df = |k: &u64| file.term(*k).map_or(0, |t| u64::from(t.df));
        let dfs = match self {
            GramQuery::Pair(k) => vec![df(k)],
            GramQuery::Char(c) => vec![u64::from(file.char_df(*c))],
            GramQuery::Phrase(keys) => keys.iter().map(|(_, k)| df(k)).collect(),
        };
        Ok((file.max_doc(), file.total_tokens(), dfs))
    }

    fn matches(&self, reader: &SegmentReader) -> tantivy::Result<(Option<Matches>, OwnedBytes)> {
        let file = super::open(reader)?;
        let matches = match self {
            GramQuery::Pair(k) => file.term(*k).map(|t| Matches::Computed(file.postings(&t))),
            GramQuery::Char(c) => Some(Matches::Computed(char_postings(&file, *c))),
            GramQuery::Phrase(keys) => Some(Matches::Computed(phrase_postings(&file, keys))),
        };
        Ok((matches, file.norms()))
    }
}

impl Query for GramQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        postings::weight(self, scoring)
    }
}
