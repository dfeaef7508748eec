//! tantivy queries over the word index: a term, or Latin terms as a phrase, scored
//! with BM25 exactly as tantivy scores a text field.

use tantivy::SegmentReader;
use tantivy::directory::OwnedBytes;
use tantivy::query::{EnableScoring, Query, Weight};

use super::WordField;
use super::format::WordFile;
use crate::index::postings::{self, Matches, Positioned, Postings, SegmentQuery};

/// What to match in a word index.
#[derive(Debug, Clone, PartialEq)]
pub enum WordQuery {
    /// Passages whose field holds a word term.
    Term(WordField, String),
    /// Passages whose field holds these terms at these relative positions. Only
    /// Latin terms keep positions; a term without them only has to be there.
    Phrase(WordField, Vec<(u32, String)>),
}

impl WordQuery {
    fn terms(&self) -> Vec<&str> {
        match self {
            WordQuery::Term(_, t) => vec![t.as_str()],
            WordQuery::Phrase(_, terms) => terms.iter().map(|(_, t)| t.as_str()).collect(),
        }
    }

    fn field(&self) -> WordField {
        match self {
            WordQuery::Term(f, _) | WordQuery::Phrase(f, _) => *f,
        }
    }
}

/// Documents holding every term of a phrase, at its relative position where the term
/// keeps positions.
fn phrase_postings(file: &WordFile, terms: &[(u32, String)]) -> Postings {
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
    let mut found = if positioned.is_empty() {
        // No term keeps positions: the first one's documents, narrowed below.
        without.pop().unwrap_or_default()
    } else {
        postings::phrase_postings(positioned)
    };
    for p in without {
        found = intersect(&found, &p);
    }
    found
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

impl SegmentQuery for WordQuery {
    fn statistics(&self, reader: &SegmentReader) -> tantivy::Result<(u32, u64, Vec<u64>)> {
        let file = super::open_field(reader, self.field())?;
        let dfs = self
            .terms()
            .iter()
            .map(|t| file.term(t).map_or(0, |i| u64::from(i.df)))
            .collect();
        Ok((file.max_doc(), file.total_tokens(), dfs))
    }

    fn matches(&self, reader: &SegmentReader) -> tantivy::Result<(Option<Matches>, OwnedBytes)> {
        let file = super::open_field(reader, self.field())?;
        let matches = match self {
            WordQuery::Term(_, t) => file
                .term(t)
                .map(|i| Matches::Term(file.docs_part(&i), i.df)),
            WordQuery::Phrase(_, terms) => Some(Matches::Computed(phrase_postings(&file, terms))),
        };
        Ok((matches, file.norms()))
    }
}

impl Query for WordQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        postings::weight(self, scoring)
    }
}
