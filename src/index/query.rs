//! Query plans: what to match, in plain data, and their translation into tantivy queries.
//!
//! The search module decides *what* to look for (terms, phrases, weights, filters); this
//! module alone knows how tantivy spells it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use tantivy::query::{
    AllQuery, BitSetDocSet, BooleanQuery, BoostQuery, ConstScoreQuery, ConstScorer,
    DisjunctionMaxQuery, EmptyQuery, EnableScoring, Explanation, Occur, Query, Scorer,
    TermSetQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{BitSet, DocId, DocSet as _, Score, SegmentReader, TERMINATED, Term};

use super::grams::query::GramQuery;
use super::schema::{Fields, SECTION_NUMBER};
use super::words::WordField;
use super::words::query::WordQuery;

/// Which analysed field a matcher looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Word terms of the passage text.
    Words,
    /// CJK unigrams/bigrams of the passage text.
    Grams,
    /// Word terms of the title.
    TitleWords,
    /// Word terms of the section heading.
    SectionWords,
}

/// One thing to match.
#[derive(Debug, Clone, PartialEq)]
pub enum Matcher {
    /// A single term.
    Term(Target, String),
    /// Terms at the given relative positions (an exact phrase).
    Phrase(Target, Vec<(usize, String)>),
    /// The best of several alternatives (a word's translations): they count as one
    /// term, so an ambiguous word with many renderings cannot outweigh the rest.
    AnyOf(Vec<Matcher>),
    /// Every one of several matchers, anywhere in the passage, its score scaled.
    AllOf(Vec<Matcher>, f32),
}

/// A whole query in plain data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryPlan {
    /// Scoring clauses with their weights; a passage must match at least one unless
    /// `must` is non-empty.
    pub should: Vec<(Matcher, f32)>,
    /// Groups that must all match (each group is a conjunction).
    pub must: Vec<Vec<Matcher>>,
    /// Groups that must not match (each group is a conjunction).
    pub must_not: Vec<Vec<Matcher>>,
    /// Only passages in this language.
    pub lang: Option<String>,
    /// Only passages of these articles.
    pub articles: Option<Vec<String>>,
    /// Only passages in these sections: article path → the numbers of its sections
    /// ([`crate::article::Passage::section_number`]).
    pub sections: Option<BTreeMap<String, BTreeSet<u64>>>,
    /// Only passages with statements by one of these speakers (folded names).
    pub speakers: Option<Vec<String>>,
    /// Only passages holding one of these claim kinds (`quote`, `figure`).
    pub kinds: Option<Vec<String>>,
    /// With nothing to score, match every passage the filters let through.
    pub match_all: bool,
}

impl QueryPlan {
    /// True when nothing positive is asked for (only exclusions or nothing at all).
    pub fn is_empty(&self) -> bool {
        self.should.is_empty() && self.must.is_empty() && !self.match_all
    }
}

/// The word index a target looks in; `None` for the gram index.
fn word_field(target: Target) -> Option<WordField> {
    match target {
        Target::Words => Some(WordField::Text),
        Target::TitleWords => Some(WordField::Title),
        Target::SectionWords => Some(WordField::Section),
        Target::Grams => None,
    }
}

fn matcher_query(m: &Matcher) -> Box<dyn Query> {
    match m {
        Matcher::Term(t, term) => match word_field(*t) {
            Some(field) => Box::new(WordQuery::Term(field, term.clone())),
            None => match GramQuery::term(term) {
                Some(q) => Box::new(q),
                None => Box::new(EmptyQuery),
            },
        },
        Matcher::Phrase(t, terms) => match (terms.as_slice(), word_field(*t)) {
            ([], _) => Box::new(EmptyQuery),
            ([(_, only)], _) => matcher_query(&Matcher::Term(*t, only.clone())),
            (_, Some(field)) => Box::new(WordQuery::Phrase(
                field,
                terms
                    .iter()
                    .map(|(o, w)| (u32::try_from(*o).unwrap_or(u32::MAX), w.clone()))
                    .collect(),
            )),
            (_, None) => match GramQuery::phrase(terms) {
                Some(q) => Box::new(q),
                None => Box::new(EmptyQuery),
            },
        },
        Matcher::AnyOf(alternatives) => Box::new(DisjunctionMaxQuery::new(
            alternatives.iter().map(|m| matcher_query(m)).collect(),
        )),
        Matcher::AllOf(all, scale) => Box::new(BoostQuery::new(conjunction(all), *scale)),
    }
}

fn conjunction(group: &[Matcher]) -> Box<dyn Query> {
    if let [one] = group {
        return matcher_query(one);
    }
    Box::new(BooleanQuery::intersection(
        group.iter().map(|m| matcher_query(m)).collect(),
    ))
}

fn filter(field: Field, values: &[String]) -> Box<dyn Query> {
    let terms = values.iter().map(|v| Term::from_field_text(field, v));
    Box::new(ConstScoreQuery::new(
        Box::new(TermSetQuery::new(terms)),
        0.0,
    ))
}

/// Translates a plan into one tantivy query.
pub fn to_tantivy(fields: &Fields, plan: &QueryPlan) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let should: Vec<Box<dyn Query>> = plan
        .should
        .iter()
        .map(|(m, w)| Box::new(BoostQuery::new(matcher_query(m), *w)) as Box<dyn Query>)
        .collect();
    let nothing_to_score = should.is_empty();
    if !should.is_empty() {
        // Scoring clauses in one union, so "at least one must match" holds even beside
        // the filters below.
        let occur = if plan.must.is_empty() {
            Occur::Must
        } else {
            Occur::Should
        };
        clauses.push((occur, Box::new(BooleanQuery::union(should))));
    }
    if plan.match_all && nothing_to_score && plan.must.is_empty() {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    for group in &plan.must {
        clauses.push((Occur::Must, conjunction(group)));
    }
    for group in &plan.must_not {
        clauses.push((Occur::MustNot, conjunction(group)));
    }
    if let Some(lang) = &plan.lang {
        clauses.push((Occur::Must, filter(fields.lang, std::slice::from_ref(lang))));
    }
    if let Some(articles) = &plan.articles {
        clauses.push((Occur::Must, filter(fields.article, articles)));
    }
    if let Some(sections) = &plan.sections {
        clauses.push((
            Occur::Must,
            Box::new(SectionFilter {
                article: fields.article,
                sections: Arc::new(sections.clone()),
            }),
        ));
    }
    if let Some(speakers) = &plan.speakers {
        clauses.push((Occur::Must, filter(fields.speaker, speakers)));
    }
    if let Some(kinds) = &plan.kinds {
        clauses.push((Occur::Must, filter(fields.kind, kinds)));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Passages in one of these sections: each article's passages, found by the `article`
/// field's postings, whose value in the [`SECTION_NUMBER`] column is one of that
/// article's section numbers.
#[derive(Debug, Clone)]
struct SectionFilter {
    /// The `article` field.
    article: Field,
    /// Article path → section numbers.
    sections: Arc<BTreeMap<String, BTreeSet<u64>>>,
}

impl Query for SectionFilter {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for SectionFilter {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let column = reader.fast_fields().u64(SECTION_NUMBER)?;
        let articles = reader.inverted_index(self.article)?;
        let mut docs = BitSet::with_max_value(reader.max_doc());
        for (path, numbers) in self.sections.iter() {
            let term = Term::from_field_text(self.article, path);
            let Some(mut postings) = articles.read_postings(&term, IndexRecordOption::Basic)?
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if column.first(doc).is_some_and(|n| numbers.contains(&n)) {
                    docs.insert(doc);
                }
                doc = postings.advance();
            }
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(docs), 0.0)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if self.scorer(reader, 1.0)?.seek(doc) == doc {
            Ok(Explanation::new("section filter", 0.0))
        } else {
            Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is in none of the sections"
            )))
        }
    }
}
