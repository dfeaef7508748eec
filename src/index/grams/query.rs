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

/// Every occurrence of a character: the union of its group's grams, their numbers
/// sorted together and walked once along the documents.
fn char_postings(file: &GramFile, c: char) -> Postings {
    let terms = file.group_terms(c);
    let mut all = Vec::with_capacity(terms.iter().map(|t| t.count as usize).sum());
    for t in &terms {
        file.for_each_occurrence(t, |at| all.push(at));
    }
    sort_numbers(&mut all, file.start(file.max_doc()));
    file.postings_of(&all)
}

/// Sorts numbers below `bound`: a few radix passes when there are many (the most
/// common characters have hundreds of thousands of occurrences).
fn sort_numbers(values: &mut Vec<u64>, bound: u64) {
    if values.len() < 1 << 12 {
        values.sort_unstable();
        return;
    }
    let bits = 64 - bound.leading_zeros();
    // As few passes as digits of up to 13 bits allow (the scale corpus: 2 of 13).
    let passes = bits.div_ceil(13).max(1);
    let digit = bits.div_ceil(passes);
    let mut to = vec![0u64; values.len()];
    let mut shift = 0;
    while shift < bits {
        let mask = (1u64 << digit) - 1;
        let mut counts = vec![0usize; 1 << digit];
        for &v in values.iter() {
            counts[((v >> shift) & mask) as usize] += 1;
        }
        let mut sum = 0;
        for c in counts.iter_mut() {
            let here = *c;
            *c = sum;
            sum += here;
        }
        for &v in values.iter() {
            let bucket = &mut counts[((v >> shift) & mask) as usize];
            to[*bucket] = v;
            *bucket += 1;
        }
        std::mem::swap(values, &mut to);
        shift += digit;
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::test_random::XorShift;

    #[test]
    fn many_numbers_sort_by_radix_as_by_comparison() {
        let mut x = XorShift(0x2545_f491_4f6c_dd1d);
        for (count, bound) in [
            (10usize, 100u64),
            (5000, 1 << 12),
            (9000, 1 << 25),
            (9000, 1 << 32),
        ] {
            let mut v: Vec<u64> = (0..count).map(|_| x.below(bound)).collect();
            let mut expected = v.clone();
            expected.sort_unstable();
            sort_numbers(&mut v, bound);
            assert_eq!(v, expected, "{count} below {bound}");
        }
    }
}
