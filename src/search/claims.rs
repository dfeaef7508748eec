//! Claims as answers: attributed statements (`wenku quotes`), figures (`wenku figures`)
//! and the sources that speak (`wenku speakers`), found through the same ranked search
//! as passages and located by article, section and paragraph.

use std::collections::{BTreeMap, BTreeSet};

use super::{Hit, SearchOptions, search_kind};
use crate::claims::{Figure, Quote};
use crate::error::Result;
use crate::index::{KIND_FIGURE, KIND_QUOTE, OpenIndex, speaker_key};

/// Where a claim stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    /// Article path relative to the corpus.
    pub article: String,
    /// Article title.
    pub title: String,
    /// Section heading, if any.
    pub section: Option<String>,
    /// 1-based paragraph number.
    pub paragraph: u32,
    /// `zh` or `en`.
    pub lang: String,
}

/// An attributed statement found for a query.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteHit {
    /// 1-based rank.
    pub rank: usize,
    /// The passage's relevance score (0 when listing without a query).
    pub score: f32,
    /// The statement.
    pub quote: Quote,
    /// Where it stands.
    pub at: Location,
}

/// A figure sentence found for a query.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureHit {
    /// 1-based rank.
    pub rank: usize,
    /// The passage's relevance score (0 when listing without a query).
    pub score: f32,
    /// The figure sentence and its quantities.
    pub figure: Figure,
    /// Where it stands.
    pub at: Location,
}

/// A source and how often it is quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerCount {
    /// The name as the articles give it.
    pub speaker: String,
    /// Roles the articles give it.
    pub roles: Vec<String>,
    /// Number of attributed statements.
    pub statements: usize,
    /// Number of articles quoting it.
    pub articles: usize,
    /// An unnamed source (`业内人士`).
    pub unnamed: bool,
}

fn location(h: &Hit) -> Location {
    Location {
        article: h.article.clone(),
        title: h.title.clone(),
        section: h.section.clone(),
        paragraph: h.paragraph,
        lang: h.lang.clone(),
    }
}

/// Passages holding claims of `kind`: ranked for a query, or all of them in article
/// order without one.
fn passages(
    index: &OpenIndex,
    query: &str,
    opts: &SearchOptions,
    kind: &str,
    speakers: Option<&BTreeSet<String>>,
) -> Result<Vec<Hit>> {
    let listing = query.trim().is_empty();
    let mut o = opts.clone();
    o.limit = if listing {
        usize::try_from(index.num_passages())
            .unwrap_or(usize::MAX)
            .max(1)
    } else {
        // Several claims may come from one passage, and some are filtered out below.
        opts.limit.saturating_mul(4).max(50)
    };
    let mut hits = search_kind(index, query, &o, Some(kind), speakers)?;
    if listing {
        hits.sort_by(|a, b| (&a.article, a.paragraph).cmp(&(&b.article, b.paragraph)));
        for h in &mut hits {
            h.score = 0.0;
        }
    }
    Ok(hits)
}

/// Does a claim at `start..end` of the passage hold one of the query's matches?
fn matched(h: &Hit, start: usize, end: usize) -> bool {
    h.highlights.iter().any(|&(s, e)| s < end && e > start)
}

/// Attributed statements for a query (ranked by their passage's relevance, statements
/// holding a match first), or all of them in article order for an empty query.
/// `opts.speaker` keeps one source's statements.
pub fn quotes(index: &OpenIndex, query: &str, opts: &SearchOptions) -> Result<Vec<QuoteHit>> {
    let listing = query.trim().is_empty();
    // The sources `--speaker` means: the passages are filtered by them, and so are
    // their statements.
    let keys = match &opts.speaker {
        Some(want) => Some(super::speaker_keys(index, want)?),
        None => None,
    };
    let mut out = Vec::new();
    for h in passages(index, query, opts, KIND_QUOTE, keys.as_ref())? {
        let mut qs: Vec<&Quote> = h
            .claims
            .quotes
            .iter()
            .filter(|q| {
                keys.as_ref()
                    .is_none_or(|k| k.contains(&speaker_key(&q.speaker)))
            })
            .collect();
        if !listing && !h.highlights.is_empty() {
            qs.retain(|q| matched(&h, q.start, q.end));
        }
        for q in qs {
            out.push(QuoteHit {
                rank: out.len() + 1,
                score: h.score,
                quote: q.clone(),
                at: location(&h),
            });
        }
    }
    out.truncate(opts.limit);
    Ok(out)
}

/// Figure sentences for a query, or all of them in article order for an empty query.
pub fn figures(index: &OpenIndex, query: &str, opts: &SearchOptions) -> Result<Vec<FigureHit>> {
    let listing = query.trim().is_empty();
    let mut out = Vec::new();
    for h in passages(index, query, opts, KIND_FIGURE, None)? {
        for f in &h.claims.figures {
            if !listing && !h.highlights.is_empty() && !matched(&h, f.start, f.end) {
                continue;
            }
            out.push(FigureHit {
                rank: out.len() + 1,
                score: h.score,
                figure: f.clone(),
                at: location(&h),
            });
        }
    }
    out.truncate(opts.limit);
    Ok(out)
}

/// Every source with its number of statements, most quoted first.
pub fn speakers(index: &OpenIndex, opts: &SearchOptions) -> Result<Vec<SpeakerCount>> {
    struct Acc {
        name: String,
        roles: BTreeSet<String>,
        statements: usize,
        articles: BTreeSet<String>,
        unnamed: bool,
    }
    let mut by_key: BTreeMap<String, Acc> = BTreeMap::new();
    for h in passages(index, "", opts, KIND_QUOTE, None)? {
        for q in &h.claims.quotes {
            let acc = by_key
                .entry(speaker_key(&q.speaker))
                .or_insert_with(|| Acc {
                    name: q.speaker.clone(),
                    roles: BTreeSet::new(),
                    statements: 0,
                    articles: BTreeSet::new(),
                    unnamed: q.unnamed,
                });
            acc.statements += 1;
            acc.articles.insert(h.article.clone());
            if let Some(r) = &q.role {
                acc.roles.insert(r.clone());
            }
        }
    }
    let mut out: Vec<SpeakerCount> = by_key
        .into_values()
        .map(|a| SpeakerCount {
            speaker: a.name,
            roles: a.roles.into_iter().collect(),
            statements: a.statements,
            articles: a.articles.len(),
            unnamed: a.unnamed,
        })
        .collect();
    out.sort_by(|a, b| {
        b.statements
            .cmp(&a.statements)
            .then(a.speaker.cmp(&b.speaker))
    });
    Ok(out)
}
