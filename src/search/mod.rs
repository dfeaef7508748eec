//! From the user's query to ranked passages: parse the query syntax, analyse each part
//! with the same analysis as indexing, build a query plan (word terms, CJK bigrams and
//! phrases, title and section terms, filters), run it, and attach highlights.

pub mod claims;
pub mod highlight;
pub mod query;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::analysis::{self, Analysis, RunKind, Segmenter, stop};
use crate::claims::Claims;
use crate::error::{Error, Result};
use crate::index::{Matcher, OpenIndex, QueryPlan, Target};
use crate::translate::{Rendering, Translation};
use highlight::Needles;
use query::Part;

/// Weight of a word term of the passage text.
const W_WORD: f32 = 1.0;
/// Share of its weight each matcher of a piece of the query (a Chinese word's inner
/// words and the bigrams inside it) keeps beside the word itself: 0.4 to 0.6 gave the
/// same MRR@10 on the Chinese eval sets to 0.001 (xquad-zh 0.9787–0.9789, cmrc2018
/// 0.9877–0.9884), 1 (each counting in full) and 0.3 less, 0 much less (xquad-zh 0.970).
const TIE: f32 = 0.5;
/// Weight of a one-character CJK word cut from a longer run of the query: jieba cuts
/// an unknown string (`所言`) into single characters that the text may hold as a word,
/// so these are weak evidence; the run's bigrams carry the match.
const W_WORD_CHAR: f32 = 0.2;
/// Weight of a CJK bigram (or lone-character unigram) of the passage text.
const W_GRAM: f32 = 1.0;
/// Weight of a CJK run of three or more characters found verbatim (as a bigram phrase).
const W_RUN_PHRASE: f32 = 1.0;
/// Longest CJK run (in characters) also tried as a single word.
const MAX_RUN_AS_WORD: usize = 6;
/// Weight of two adjacent Latin words found adjacent.
const W_PAIR: f32 = 0.5;
/// Weight of two adjacent Latin words found adjacent, in a query of at most
/// [`SHORT_LATIN_QUERY`] Latin words.
const W_PAIR_SHORT: f32 = 1.0;
/// Most Latin words in a query that counts as short (a phrase rather than a question).
const SHORT_LATIN_QUERY: usize = 3;
/// Weight of a translated part of the query (the best of its renderings).
const W_TRANSLATION: f32 = 0.5;
/// Weight of a word term found in the article title.
const W_TITLE: f32 = 0.3;
/// Weight of a word term found in the section heading.
const W_SECTION: f32 = 0.3;

/// Filters and limits for a search.
#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    /// Maximum hits.
    pub limit: usize,
    /// Only this language (`zh` or `en`).
    pub lang: Option<String>,
    /// Only this article (path relative to the corpus, or a path ending with it).
    pub article: Option<String>,
    /// Only sections whose heading contains this text (folded comparison).
    pub section: Option<String>,
    /// Only passages with a statement by a speaker whose name contains this text, or
    /// is contained in it (folded comparison).
    pub speaker: Option<String>,
    /// Translate the query into the other language with the index's table.
    pub translate: bool,
}

/// One ranked passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// 1-based rank.
    pub rank: usize,
    /// Relevance score (higher is better; comparable within one query only).
    pub score: f32,
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
    /// The whole passage as written.
    pub text: String,
    /// Byte ranges of `text` that matched, on char boundaries.
    pub highlights: Vec<(usize, usize)>,
    /// The part of `text` to show.
    pub window: highlight::Window,
    /// Attributed statements and figures of the passage.
    pub claims: Claims,
    /// How the query was translated (the same for every hit of a search).
    pub translated: Vec<Translation>,
}

/// Builds the query plan and the highlight needles for a query string, cutting its
/// Chinese with `segmenter` (the index's vocabulary, [`OpenIndex::segmenter`]).
pub fn plan(query: &str, segmenter: Segmenter<'_>) -> (QueryPlan, Needles) {
    let mut plan = QueryPlan::default();
    let mut needles = Needles::default();
    let seen = std::cell::RefCell::new(HashSet::new());
    let mut plain = String::new();
    for part in query::parse(query) {
        match part {
            Part::Plain(text) => {
                plain.push_str(&text);
                plain.push(' ');
            }
            Part::Phrase(text) => {
                let a = analysis::analyze_with(&text, segmenter);
                let group = phrase_matchers(&a);
                if !group.is_empty() {
                    add_needles(&a, &mut needles);
                    plan.must.push(group);
                }
            }
            Part::Exclude(text) => {
                let group = phrase_matchers(&analysis::analyze_with(&text, segmenter));
                if !group.is_empty() {
                    plan.must_not.push(group);
                }
            }
        }
    }
    // Interrogatives say what is asked, not what the answer holds: rank on the rest.
    let stripped = stop::blank_question_words(&plain);
    let a = analysis::analyze_with(stripped.as_deref().unwrap_or(&plain), segmenter);
    add_needles(&a, &mut needles);
    let should = |m: Matcher, w: f32, plan: &mut QueryPlan| {
        if seen.borrow_mut().insert(format!("{m:?}")) {
            plan.should.push((m, w));
        }
    };
    if stripped.is_some() {
        // The query as typed may still occur verbatim (`意味着什么`).
        let folded = analysis::fold_str(&plain);
        for run in analysis::split_runs(&folded) {
            if run.kind == RunKind::Cjk {
                should(
                    gram_run_matcher(&folded[run.start..run.end]),
                    W_RUN_PHRASE,
                    &mut plan,
                );
            }
        }
    }
    let cjk_runs: Vec<&str> = a
        .runs
        .iter()
        .filter(|r| r.kind == RunKind::Cjk)
        .map(|r| a.run_text(r))
        .collect();
    // A query of nothing but common words (`the`, `what is it`) is searched for as
    // typed, as grep would: left out, they would leave nothing to search for.
    let only_stopwords = a.words.iter().all(|t| stop::is_stopword(&t.term));
    let mut pieces: BTreeMap<usize, Piece> = BTreeMap::new();
    for t in &a.words {
        if stop::is_stopword(&t.term) && !only_stopwords {
            continue;
        }
        let one_char = t.term.chars().count() == 1 && t.term.chars().all(analysis::is_cjk);
        let weight = if one_char && !cjk_runs.contains(&t.term.as_str()) {
            W_WORD_CHAR
        } else {
            W_WORD
        };
        let word = Matcher::Term(Target::Words, t.term.clone());
        if t.term.chars().all(analysis::is_cjk) {
            let piece = pieces.entry(t.position).or_insert(Piece {
                start: t.start,
                end: t.end,
                matchers: Vec::new(),
            });
            piece.start = piece.start.min(t.start);
            piece.end = piece.end.max(t.end);
            if seen.borrow_mut().insert(format!("{word:?}")) {
                piece.matchers.push((word, weight));
            }
        } else {
            should(word, weight, &mut plan);
        }
        should(
            Matcher::Term(Target::TitleWords, t.term.clone()),
            W_TITLE,
            &mut plan,
        );
        should(
            Matcher::Term(Target::SectionWords, t.term.clone()),
            W_SECTION,
            &mut plan,
        );
    }
    // A bigram inside a piece counts with it; one across two pieces (the pair of
    // adjacent words), on its own.
    let mut loose = Vec::new();
    for (start, end, gram) in query_grams(&a) {
        let gram = Matcher::Term(Target::Grams, gram);
        if !seen.borrow_mut().insert(format!("{gram:?}")) {
            continue;
        }
        match pieces
            .values_mut()
            .find(|p| p.start <= start && end <= p.end)
        {
            Some(p) => p.matchers.push((gram, W_GRAM)),
            None => loose.push((gram, W_GRAM)),
        }
    }
    for piece in pieces.into_values() {
        // The piece's longest word counts in full, its other matchers at [`TIE`]: as
        // the best in full and the others at `TIE` (tantivy's disjunction-max, the
        // same ranks on every eval set) but a plain union, as fast as before.
        let main = piece
            .matchers
            .iter()
            .enumerate()
            .filter_map(|(i, (m, _))| match m {
                Matcher::Term(Target::Words, w) => Some((w.chars().count(), i)),
                _ => None,
            })
            .max()
            .map_or(0, |(_, i)| i);
        for (i, (m, w)) in piece.matchers.into_iter().enumerate() {
            plan.should.push((m, if i == main { w } else { w * TIE }));
        }
    }
    plan.should.extend(loose);
    // A short run as one word: the text may hold it as a word where the query's
    // segmentation (without context) cut it apart.
    for run in &cjk_runs {
        if (2..=MAX_RUN_AS_WORD).contains(&run.chars().count()) {
            should(
                Matcher::Term(Target::Words, run.to_string()),
                W_WORD,
                &mut plan,
            );
        }
    }
    for run in &cjk_runs {
        if run.chars().count() >= 3 {
            should(gram_run_matcher(run), W_RUN_PHRASE, &mut plan);
        }
    }
    // Adjacent Latin words of the query, found adjacent in a passage.
    let latin: Vec<_> = a.runs.iter().filter(|r| r.kind == RunKind::Latin).collect();
    // A short query is a phrase more often than a question: adjacency weighs more.
    let w_pair = if latin.len() <= SHORT_LATIN_QUERY {
        W_PAIR_SHORT
    } else {
        W_PAIR
    };
    for pair in latin.windows(2) {
        let between = &a.folded.text[pair[0].end..pair[1].start];
        if between.chars().any(analysis::is_cjk) {
            continue;
        }
        let (Some(x), Some(y)) = (first_term(&a, pair[0]), first_term(&a, pair[1])) else {
            continue;
        };
        should(
            Matcher::Phrase(Target::Words, vec![(0, x), (1, y)]),
            w_pair,
            &mut plan,
        );
    }
    (plan, needles)
}

/// A piece of a query: a Chinese word with the inner words search mode gives at its
/// place and the bigrams inside it, scored as one: its longest word in full, the
/// others at [`TIE`]. Each in full, a dictionary word counted once as each of its
/// words and again as each of its grams, while a name jieba does not know (cut into
/// characters) counted only by its grams, and lost to the common words beside it.
struct Piece {
    /// Byte span of the query the piece covers.
    start: usize,
    end: usize,
    /// Its matchers with their weights.
    matchers: Vec<(Matcher, f32)>,
}

/// Every bigram (a lone character: its unigram) of the Chinese runs of `a`, with the
/// byte span of the query it stands for.
fn query_grams(a: &Analysis) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for run in a.runs.iter().filter(|r| r.kind == RunKind::Cjk) {
        let text = a.run_text(run);
        let spans: Vec<(usize, usize)> = text
            .char_indices()
            .map(|(i, c)| {
                a.folded
                    .original_range(run.start + i, run.start + i + c.len_utf8())
            })
            .collect();
        for (i, gram) in run_grams(text) {
            let last = (i + 1).min(spans.len() - 1);
            out.push((spans[i].0, spans[last].1, gram));
        }
    }
    out
}

/// The run's bigrams with their relative positions (a lone character: its unigram).
fn run_grams(run: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = run.chars().collect();
    if chars.len() == 1 {
        return vec![(0, chars[0].to_string())];
    }
    chars
        .windows(2)
        .enumerate()
        .map(|(i, w)| (i, w.iter().collect()))
        .collect()
}

/// Matches a CJK run verbatim: its bigram phrase (its only gram, if it has one).
fn gram_run_matcher(run: &str) -> Matcher {
    let mut grams = run_grams(run);
    if grams.len() == 1 {
        Matcher::Term(Target::Grams, grams.remove(0).1)
    } else {
        Matcher::Phrase(Target::Grams, grams)
    }
}

/// The main term of a Latin run (the whole run, as analysed).
fn first_term(a: &Analysis, run: &analysis::Run) -> Option<String> {
    analysis::latin_terms(a.run_text(run)).into_iter().next()
}

/// Matchers that together require the analysed text to occur as written: each CJK run
/// as a bigram phrase, each sequence of Latin words as a word phrase.
fn phrase_matchers(a: &Analysis) -> Vec<Matcher> {
    let mut group = Vec::new();
    let mut latin: Vec<(usize, String)> = Vec::new();
    let flush = |latin: &mut Vec<(usize, String)>, group: &mut Vec<Matcher>| {
        if !latin.is_empty() {
            group.push(Matcher::Phrase(Target::Words, std::mem::take(latin)));
        }
    };
    for run in &a.runs {
        match run.kind {
            RunKind::Cjk => {
                flush(&mut latin, &mut group);
                group.push(gram_run_matcher(a.run_text(run)));
            }
            RunKind::Latin => {
                if let Some(t) = first_term(a, run) {
                    let offset = latin.len();
                    latin.push((offset, t));
                }
            }
        }
    }
    flush(&mut latin, &mut group);
    group
}

fn add_needles(a: &Analysis, needles: &mut Needles) {
    for run in &a.runs {
        let text = a.run_text(run);
        match run.kind {
            RunKind::Cjk => {
                needles.cjk.push(text.to_string());
            }
            RunKind::Latin => {
                needles.latin.extend(analysis::latin_terms(text));
            }
        }
    }
    for t in &a.words {
        if t.term.chars().count() >= 2 && t.term.chars().all(analysis::is_cjk) {
            needles.cjk.push(t.term.clone());
        }
    }
    // (Kept when they are all there is to highlight.)
    if !needles.latin.iter().all(|t| stop::is_stopword(t)) {
        needles.latin.retain(|t| !stop::is_stopword(t));
    }
}

/// Does the index hold a rendering's words? A translation table keeps the entries of
/// words that an edit or a removal took away until the next full build. A Chinese
/// rendering that begins a word (a transliterated name jieba glued to what follows it,
/// 杜瓦 in 杜瓦制得) is held: it is matched by its characters.
fn present(index: &OpenIndex, r: &Rendering) -> bool {
    match r {
        Rendering::Chinese(zh) => {
            index.holds_word(zh)
                || analysis::analyze_with(zh, index.segmenter())
                    .words
                    .iter()
                    .all(|w| index.holds_word(&w.term))
                || index.holds_word_prefix(zh)
        }
        Rendering::English(terms) => terms.iter().all(|t| index.holds_word(t)),
    }
}

/// How much an English rendering's words count when they are all in a passage but not
/// as the phrase (格莱美奖 `Grammy Award`: "Grammy winner and Academy Award nominee").
const LOOSE_SCALE: f32 = 0.5;

/// Adds a query's translations: each translated part counts as one term, the best of
/// its renderings (a Chinese rendering matched verbatim, an English one as a phrase).
fn add_translations(
    translations: &[Translation],
    segmenter: Segmenter<'_>,
    plan: &mut QueryPlan,
    needles: &mut Needles,
) {
    for t in translations {
        let alternatives: Vec<Matcher> =
            t.to.iter()
                .map(|r| match r {
                    Rendering::Chinese(zh) => {
                        needles.cjk.push(zh.clone());
                        let a = analysis::analyze_with(zh, segmenter);
                        let group = phrase_matchers(&a);
                        match <[Matcher; 1]>::try_from(group) {
                            Ok([one]) => one,
                            Err(group) => Matcher::AnyOf(group),
                        }
                    }
                    Rendering::English(terms) => {
                        needles.latin.extend(terms.iter().cloned());
                        match terms.as_slice() {
                            [one] => Matcher::Term(Target::Words, one.clone()),
                            _ => Matcher::AnyOf(vec![
                                Matcher::Phrase(
                                    Target::Words,
                                    terms.iter().cloned().enumerate().collect(),
                                ),
                                Matcher::AllOf(
                                    terms
                                        .iter()
                                        .map(|t| Matcher::Term(Target::Words, t.clone()))
                                        .collect(),
                                    LOOSE_SCALE,
                                ),
                            ]),
                        }
                    }
                })
                .collect();
        if !alternatives.is_empty() {
            // A phrase rendered whole (`Industrial Securities` → 兴业证券) stands for
            // each of its words.
            let words = t.from.split_whitespace().count().max(1) as f32;
            plan.should
                .push((Matcher::AnyOf(alternatives), W_TRANSLATION * words));
        }
    }
}

/// Resolves `--article`, `--section` and `--speaker` against what the index holds
/// (`speakers`: the sources of `--speaker`, if the caller resolved them already).
fn apply_filters(
    index: &OpenIndex,
    opts: &SearchOptions,
    speakers: Option<&BTreeSet<String>>,
    plan: &mut QueryPlan,
) -> Result<()> {
    plan.lang = opts.lang.clone();
    if opts.article.is_none() && opts.section.is_none() && opts.speaker.is_none() {
        // Nothing to resolve: the manifest is not even read.
        return Ok(());
    }
    let articles = if opts.section.is_some() {
        &index.full_manifest()?.articles
    } else if opts.speaker.is_some() {
        &index.manifest_with_speakers()?.articles
    } else {
        &index.manifest()?.articles
    };
    if let Some(want) = &opts.article {
        let want = want.replace('\\', "/");
        let want = want.trim_start_matches("./");
        let matching: Vec<String> = articles
            .keys()
            .filter(|p| {
                p.as_str() == want
                    || p.ends_with(&format!("/{want}"))
                    || want.ends_with(&format!("/{p}"))
            })
            .cloned()
            .collect();
        if matching.is_empty() {
            return Err(Error::BadArgument(format!(
                "--article {want}: no indexed article has that path; give a path relative to the corpus (e.g. {})",
                articles
                    .keys()
                    .next()
                    .map_or("seed/article.txt", |s| s.as_str())
            )));
        }
        plan.articles = Some(matching);
    }
    if let Some(want) = &opts.section {
        let want = analysis::fold_str(want.trim());
        let in_scope = |path: &String| plan.articles.as_ref().is_none_or(|a| a.contains(path));
        // Each article's sections whose heading contains the text, by number: 1 + the
        // heading's index in the article's list, as the index stores it per passage.
        let sections: BTreeMap<String, BTreeSet<u64>> = articles
            .iter()
            .filter(|(p, _)| in_scope(p))
            .filter_map(|(p, e)| {
                let numbers: BTreeSet<u64> = (1u64..)
                    .zip(&e.sections)
                    .filter(|(_, s)| analysis::fold_str(s).contains(&want))
                    .map(|(n, _)| n)
                    .collect();
                (!numbers.is_empty()).then(|| (p.clone(), numbers))
            })
            .collect();
        if sections.is_empty() {
            return Err(Error::BadArgument(format!(
                "--section {want}: no section heading contains that text; see the headings with `wenku search --json` or drop --section"
            )));
        }
        plan.sections = Some(sections);
    }
    if let Some(want) = &opts.speaker {
        let speakers = match speakers {
            Some(resolved) => resolved.clone(),
            None => speaker_keys(index, want)?,
        };
        plan.speakers = Some(speakers.into_iter().collect());
    }
    Ok(())
}

/// The folded names ([`crate::index::speaker_key`]) of the index's sources that
/// `--speaker want` means: those holding it or held in it; for a romanised name that
/// none is (`Lei Jun`), those holding one of its Chinese renderings (雷军), read as a
/// query's names are. An error naming the argument when there is none.
pub(crate) fn speaker_keys(index: &OpenIndex, want: &str) -> Result<BTreeSet<String>> {
    let articles = &index.manifest_with_speakers()?.articles;
    let matching = |key: &str| -> BTreeSet<String> {
        articles
            .values()
            .flat_map(|e| e.speakers.keys())
            .map(|s| crate::index::speaker_key(s))
            .filter(|s| !key.is_empty() && (s.contains(key) || key.contains(s.as_str())))
            .collect()
    };
    let key = crate::index::speaker_key(want);
    if key.is_empty() {
        return Err(Error::BadArgument(
            "--speaker: the name is empty; give a source's name or part of it (`wenku speakers` lists them)".into(),
        ));
    }
    let mut speakers = matching(&key);
    if speakers.is_empty()
        && want.chars().any(|c| c.is_ascii_alphabetic())
        && let Some(table) = index.translation()
    {
        for t in crate::translate::translate(&table, index, want) {
            for r in &t.to {
                if let crate::translate::Rendering::Chinese(zh) = r {
                    speakers.extend(matching(&crate::index::speaker_key(zh)));
                }
            }
        }
    }
    if speakers.is_empty() {
        return Err(Error::BadArgument(format!(
            "--speaker {want}: no statement in the index is attributed to that name; list the sources with `wenku speakers`"
        )));
    }
    Ok(speakers)
}

/// Searches the index for `query` and returns ranked hits with highlights.
pub fn search(index: &OpenIndex, query: &str, opts: &SearchOptions) -> Result<Vec<Hit>> {
    search_kind(index, query, opts, None, None)
}

/// [`search`], limited to passages holding claims of `kind` (`quote`, `figure`); an
/// empty query then matches all of them. `speakers`: the sources of `opts.speaker`,
/// if the caller resolved them already ([`speaker_keys`]).
pub(crate) fn search_kind(
    index: &OpenIndex,
    query: &str,
    opts: &SearchOptions,
    kind: Option<&str>,
    speakers: Option<&BTreeSet<String>>,
) -> Result<Vec<Hit>> {
    let segmenter = index.segmenter();
    let (mut plan, mut needles) = plan(query, segmenter);
    let plain: Vec<String> = query::parse(query)
        .into_iter()
        .filter_map(|p| match p {
            Part::Plain(t) => Some(t),
            _ => None,
        })
        .collect();
    let plain = plain.join(" ");
    // Interrogatives are what is asked, not what the answer holds: not translated
    // (多少 → "how many" would rank on `mani`). (The query's words for ranking again
    // keep them: blanked, they would cut a Chinese question into several words.)
    let asked = stop::blank_question_words(&plain);
    let asked = asked.as_deref().unwrap_or(&plain);
    let translated = if opts.translate {
        let zh = plain.chars().any(analysis::is_cjk);
        let en = plain.chars().any(|c| c.is_ascii_alphabetic());
        match (en || zh).then(|| index.translation()).flatten() {
            Some(table) => {
                let mut t = crate::translate::translate(&table, index, asked);
                for tr in &mut t {
                    (tr.to, tr.shown) = std::mem::take(&mut tr.to)
                        .into_iter()
                        .zip(std::mem::take(&mut tr.shown))
                        .filter(|(r, _)| present(index, r))
                        .unzip();
                }
                t.retain(|tr| !tr.to.is_empty());
                add_translations(&t, segmenter, &mut plan, &mut needles);
                t
            }
            _ => Vec::new(),
        }
    } else {
        Vec::new()
    };
    apply_filters(index, opts, speakers, &mut plan)?;
    if let Some(kind) = kind {
        plan.kinds = Some(vec![kind.to_string()]);
        plan.match_all = true;
    }
    // A search is ranked again by how much of the query each passage shows, claims'
    // searches too (`figures Tesla deliveries` put Nikola Tesla's dates, which show
    // only `Tesla`, before 特斯拉全球交付72万辆); a listing has no query to rank by.
    let concepts = concepts(&plain, &translated, segmenter);
    let verbatim = verbatim_key(&plain);
    let sources = sources_asked(&plain, &translated, segmenter);
    let stored = rank_again(
        index,
        &plan,
        index.search(&plan, opts.limit)?,
        opts.limit,
        &concepts,
        verbatim.as_deref(),
        &sources,
    )?;
    Ok(stored
        .into_iter()
        .enumerate()
        .map(|(i, h)| {
            let highlights = highlight::highlights(&h.text, &needles);
            let window = highlight::window(&h.text, &highlights, SNIPPET_COLUMNS);
            Hit {
                rank: i + 1,
                score: h.score,
                article: h.article,
                title: h.title,
                section: h.section,
                paragraph: h.paragraph,
                lang: h.lang,
                text: h.text,
                highlights,
                window,
                claims: h.claims,
                translated: translated.clone(),
            }
        })
        .collect())
}

/// How many of the best passages (at least) are ranked again by how much of the query
/// they show and whether they hold it as typed.
const RERANKED: usize = 10;

/// The best `limit` passages of `plan` (`stored`, as found) ranked again: each score
/// multiplied by its [`Judged::coverage`] of the query's `concepts`, then the
/// passages holding the query as typed (`verbatim`, see [`Judged::verbatim`]) first.
/// When every passage found shows every concept and holds the query, no passage
/// further down could overtake them and `stored` stands (the common case costs
/// nothing more); otherwise the best ten (or `limit`, if more) are ranked, so that the
/// first hits are the same whatever the limit.
fn rank_again(
    index: &OpenIndex,
    plan: &QueryPlan,
    mut stored: Vec<crate::index::StoredHit>,
    limit: usize,
    concepts: &[Needles],
    verbatim: Option<&str>,
    sources: &[String],
) -> Result<Vec<crate::index::StoredHit>> {
    let judge_all = |hits: &[crate::index::StoredHit]| -> Vec<Judged> {
        hits.iter()
            .map(|h| Judged {
                attributed: quotes_one_of(h, sources),
                ..judge(h, concepts, verbatim)
            })
            .collect()
    };
    let mut judged = judge_all(&stored);
    if judged
        .iter()
        .all(|j| j.coverage == 1.0 && j.verbatim && !j.attributed)
    {
        return Ok(stored);
    }
    if limit < RERANKED {
        stored = index.search(plan, RERANKED)?;
        judged = judge_all(&stored);
    }
    for (h, j) in stored.iter_mut().zip(&judged) {
        h.score *= j.coverage;
        if j.attributed {
            h.score *= ATTRIBUTED;
        }
    }
    // Those holding the query as typed get the best other passage's score added to
    // theirs, so that they come first, in their own order, and the scores still fall.
    let best_other = stored
        .iter()
        .zip(&judged)
        .filter(|(_, j)| !j.verbatim)
        .map(|(h, _)| h.score)
        .fold(0.0f32, f32::max);
    for (h, j) in stored.iter_mut().zip(&judged) {
        if j.verbatim {
            h.score += best_other;
        }
    }
    crate::index::in_rank_order(&mut stored);
    stored.truncate(limit);
    Ok(stored)
}

/// What a passage's score is multiplied by when it quotes a source the query names
/// and asks what was said (`雷军说`, `What did Lei Jun say`): the passage of his
/// statement before one that only mentions him.
const ATTRIBUTED: f32 = 2.0;

/// Words asking what a source said.
const SAYING: &[&str] = &[
    "说", "表示", "所言", "指出", "认为", "称", "强调", "提醒", "预测", "透露", "谈到",
];
const SAYING_EN: &[&str] = &["say", "says", "said", "saying", "told", "tell", "according"];

/// The strings a source the query names would be written in, when the query asks what
/// was said (a word of [`SAYING`] or [`SAYING_EN`]): the query folded and its Chinese
/// renderings (`Lei Jun` → 雷军). Empty when it does not ask.
fn sources_asked(plain: &str, translated: &[Translation], segmenter: Segmenter<'_>) -> Vec<String> {
    let folded = analysis::fold_str(plain);
    // As a word of the query: 名称 and 说明 ask nothing. (Cut only when one is there.)
    let asks = (SAYING.iter().any(|w| folded.contains(w))
        && analysis::analyze_with(plain, segmenter)
            .words
            .iter()
            .any(|w| SAYING.contains(&w.term.as_str())))
        || folded
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| SAYING_EN.contains(&w));
    if !asks {
        return Vec::new();
    }
    let mut out = vec![folded];
    for t in translated {
        for r in &t.to {
            if let Rendering::Chinese(zh) = r {
                out.push(analysis::fold_str(zh));
            }
        }
    }
    out
}

/// Does the passage quote a named source (of two characters or more) that one of
/// `sources` holds?
fn quotes_one_of(hit: &crate::index::StoredHit, sources: &[String]) -> bool {
    !sources.is_empty()
        && hit.claims.quotes.iter().any(|q| {
            let key = crate::index::speaker_key(&q.speaker);
            !q.unnamed && key.chars().count() >= 2 && sources.iter().any(|s| s.contains(&key))
        })
}

/// What ranking again asks of a passage.
struct Judged {
    /// The square of the share of the query's concepts it shows (in its text, title
    /// or heading), which its score is multiplied by: a passage about Xiaomi's losses
    /// outranks one that only names Xiaomi, however rare the name. 1 for a query of
    /// fewer than two concepts.
    coverage: f32,
    /// Does its text hold the query as typed (see [`verbatim_key`])? English is
    /// matched by stems, so `the election` also finds `the elected`: the passage that
    /// says `the election` comes first, as grep would find it. True without a key.
    verbatim: bool,
    /// Does it quote a source the query names and asks about (see [`ATTRIBUTED`])?
    /// Set by [`rank_again`], which knows the sources.
    attributed: bool,
}

/// Judges a passage (see [`Judged`]), folding its text once.
fn judge(hit: &crate::index::StoredHit, concepts: &[Needles], verbatim: Option<&str>) -> Judged {
    let text = analysis::fold_str(&hit.text);
    let holds = verbatim.is_none_or(|key| even(&text).contains(key));
    let coverage = if concepts.len() >= 2 {
        let shown = highlight::Shown::new([
            text,
            analysis::fold_str(&hit.title),
            analysis::fold_str(hit.section.as_deref().unwrap_or("")),
        ]);
        let share = concepts.iter().filter(|n| shown.any(n)).count() as f32 / concepts.len() as f32;
        share * share
    } else {
        1.0
    };
    Judged {
        coverage,
        verbatim: holds,
        attributed: false,
    }
}

/// The query's plain text as a passage would hold it verbatim, when it has something
/// to find (see [`even`]).
fn verbatim_key(plain: &str) -> Option<String> {
    let key = even(&analysis::fold_str(plain));
    key.chars().any(char::is_alphanumeric).then_some(key)
}

/// Folded text with its spaces one each, and none beside a Chinese character: Chinese
/// needs no spaces, and writers put them (`小米 SU7`) or not (`小米SU7`) at will.
fn even(folded: &str) -> String {
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut out = String::with_capacity(folded.len());
    for (i, w) in words.iter().enumerate() {
        let cjk_edge = |c: Option<char>| c.is_some_and(analysis::is_cjk);
        if i > 0 && !cjk_edge(words[i - 1].chars().next_back()) && !cjk_edge(w.chars().next()) {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The concepts of a query's plain text: each of its space-separated words that is not
/// only common words, with the needles that show it in a passage — its own, and the
/// renderings of each translation of query text it is part of (`margin` is shown by
/// 毛利率 when `gross margin` was translated so).
fn concepts(plain: &str, translations: &[Translation], segmenter: Segmenter<'_>) -> Vec<Needles> {
    plain
        .split_whitespace()
        .filter_map(|word| {
            let a = analysis::analyze_with(word, segmenter);
            if a.words.iter().all(|t| stop::is_stopword(&t.term)) {
                return None;
            }
            let mut needles = Needles::default();
            add_needles(&a, &mut needles);
            let word = analysis::fold_str(word);
            for t in translations {
                let from = analysis::fold_str(&t.from);
                let part_of = from.split_whitespace().any(|w| w == word)
                    || (word.chars().any(analysis::is_cjk)
                        && (word.contains(from.as_str()) || from.contains(word.as_str())));
                if !part_of {
                    continue;
                }
                for r in &t.to {
                    match r {
                        Rendering::Chinese(zh) => needles.cjk.push(zh.clone()),
                        Rendering::English(terms) => needles.latin.extend(terms.iter().cloned()),
                    }
                }
            }
            Some(needles)
        })
        .collect()
}

/// Display columns of a snippet: about two terminal lines.
pub const SNIPPET_COLUMNS: usize = 150;

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(score: f32, paragraph: u32, text: &str) -> crate::index::StoredHit {
        crate::index::StoredHit {
            score,
            article: "a.md".into(),
            title: "标题".into(),
            section: None,
            paragraph,
            lang: "zh".into(),
            text: text.into(),
            claims: Claims::default(),
        }
    }

    fn translation(from: &str, to: Rendering) -> Translation {
        Translation {
            from: from.into(),
            to: vec![to],
            shown: vec![String::new()],
        }
    }

    #[test]
    fn concepts_are_the_query_words_with_their_renderings() {
        let t = [
            translation("Xiaomi", Rendering::Chinese("小米".into())),
            translation("gross margin", Rendering::Chinese("毛利率".into())),
        ];
        let c = concepts("the Xiaomi gross  margin", &t, Segmenter::Jieba);
        // `the` alone is no concept; each word of a translated phrase is shown by it.
        assert_eq!(c.len(), 3);
        assert!(c[0].latin.contains("xiaomi") && c[0].cjk.contains(&"小米".to_string()));
        assert!(c[1].latin.contains("gross") && c[1].cjk.contains(&"毛利率".to_string()));
        assert!(c[2].latin.contains("margin") && c[2].cjk.contains(&"毛利率".to_string()));
        assert!(concepts("the what", &t, Segmenter::Jieba).is_empty());
        let zh = concepts("小米 毛利率", &[], Segmenter::Jieba);
        assert_eq!(zh.len(), 2);
    }

    #[test]
    fn the_query_as_typed_is_found_folded_and_with_spaces_evened() {
        let holds_verbatim =
            |h: &crate::index::StoredHit, key: &str| judge(h, &[], Some(key)).verbatim;
        let key = verbatim_key("  The   Election ").unwrap();
        assert_eq!(key, "the election");
        assert!(holds_verbatim(
            &stored(1.0, 1, "After THE  election\nof"),
            &key
        ));
        assert!(!holds_verbatim(&stored(1.0, 1, "the elected chair"), &key));
        // Traditional and full-width fold as the passage does.
        let key = verbatim_key("小米汽車 ＳＵ７").unwrap();
        assert_eq!(key, "小米汽车su7");
        assert!(holds_verbatim(&stored(1.0, 1, "小米汽车 SU7上市"), &key));
        assert!(holds_verbatim(&stored(1.0, 1, "小米汽车SU7上市"), &key));
        assert!(!holds_verbatim(&stored(1.0, 1, "小米汽车的SU7"), &key));
        // Latin words keep their space.
        assert!(!holds_verbatim(
            &stored(1.0, 1, "theelection"),
            "the election"
        ));
        assert_eq!(verbatim_key(" ，。 "), None);
    }

    #[test]
    fn a_query_asking_what_a_source_said_finds_the_passages_quoting_it() {
        let quoting = |speaker: &str, unnamed: bool| {
            let mut h = stored(1.0, 1, "正如雷军所言,晚有晚的好处。");
            h.claims.quotes.push(crate::claims::Quote {
                speaker: speaker.into(),
                role: None,
                cue: "所言".into(),
                text: "晚有晚的好处".into(),
                sentence: String::new(),
                kind: Default::default(),
                unnamed,
                start: 0,
                end: 0,
            });
            h
        };
        let lei = [translation("Lei Jun", Rendering::Chinese("雷军".into()))];
        // Asked in Chinese, or in English through the name's rendering.
        let asked = sources_asked("雷军说", &[], Segmenter::Jieba);
        assert!(quotes_one_of(&quoting("雷军", false), &asked));
        let in_english = sources_asked("What did Lei Jun say", &lei, Segmenter::Jieba);
        assert!(quotes_one_of(&quoting("雷军", false), &in_english));
        // Another source, an unnamed one, or a query that asks nothing of the kind.
        assert!(!quotes_one_of(&quoting("钟师", false), &asked));
        assert!(!quotes_one_of(&quoting("雷军", true), &asked));
        assert!(sources_asked("雷军 小米", &lei, Segmenter::Jieba).is_empty());
        assert!(sources_asked("Lei Jun essays", &lei, Segmenter::Jieba).is_empty());
        // A word holding a speech character is none (名称, 说明).
        assert!(sources_asked("雷军 名称 说明", &lei, Segmenter::Jieba).is_empty());
        assert!(!quotes_one_of(&stored(1.0, 1, "雷军"), &asked));
    }

    #[test]
    fn coverage_is_the_square_of_the_share_of_query_words_shown() {
        let t = [
            translation("Xiaomi", Rendering::Chinese("小米".into())),
            translation("losses", Rendering::Chinese("亏损".into())),
        ];
        let c = concepts("Xiaomi losses", &t, Segmenter::Jieba);
        let coverage = |h: &crate::index::StoredHit| judge(h, &c, None).coverage;
        let covers = |text: &str| coverage(&stored(1.0, 1, text));
        assert_eq!(covers("小米汽车经营亏损收窄至3亿元"), 1.0);
        assert_eq!(covers("配合Xiaomi Pilot系统"), 0.25);
        assert_eq!(covers("与此无关的段落"), 0.0);
        // The title and heading count too; losses is shown as stemmed (loss).
        let mut h = stored(1.0, 1, "The company reported a loss.");
        h.section = Some("小米".into());
        assert_eq!(coverage(&h), 1.0);
    }

    fn has(plan: &QueryPlan, m: &Matcher) -> bool {
        plan.should.iter().any(|(x, _)| x == m)
    }

    #[test]
    fn a_word_its_inner_words_and_grams_count_as_one_piece() {
        let (p, _) = plan("萱侬律占地面积", Segmenter::Jieba);
        let weight = |m: Matcher| p.should.iter().find(|(x, _)| *x == m).map(|x| x.1);
        let word = |w: &str| Matcher::Term(Target::Words, w.into());
        let gram = |g: &str| Matcher::Term(Target::Grams, g.into());
        // 占地面积 in full; search mode's 占地, 面积 and the grams inside it at TIE.
        assert_eq!(weight(word("占地面积")), Some(W_WORD));
        assert_eq!(weight(word("面积")), Some(W_WORD * TIE));
        for g in ["占地", "地面", "面积"] {
            assert_eq!(weight(gram(g)), Some(W_GRAM * TIE), "{g}");
        }
        // The name jieba cuts into characters keeps its grams in full, as does the
        // gram across the name and the word after it.
        for g in ["萱侬", "侬律", "律占"] {
            assert_eq!(weight(gram(g)), Some(W_GRAM), "{g}: {p:?}");
        }
    }

    #[test]
    fn chinese_query_yields_words_bigrams_and_a_run_phrase() {
        let (p, _) = plan("小米汽车毛利率", Segmenter::Jieba);
        assert!(has(&p, &Matcher::Term(Target::Words, "毛利率".into())));
        assert!(has(&p, &Matcher::Term(Target::Grams, "利率".into())));
        assert!(
            p.should
                .iter()
                .any(|(m, _)| matches!(m, Matcher::Phrase(Target::Grams, g) if g.len() == 6))
        );
    }

    #[test]
    fn interrogatives_do_not_rank_but_the_whole_run_still_may_match() {
        let (p, _) = plan("定子的另一种名称是什么", Segmenter::Jieba);
        assert!(has(&p, &Matcher::Term(Target::Words, "定子".into())));
        assert!(!has(&p, &Matcher::Term(Target::Words, "什么".into())));
        assert!(!has(&p, &Matcher::Term(Target::Grams, "什么".into())));
        assert!(p.should.iter().any(
            |(m, _)| matches!(m, Matcher::Phrase(Target::Grams, g) if g.last().is_some_and(|x| x.1 == "什么"))
        ));
        // A query of nothing but an interrogative looks for it.
        let (p, _) = plan("什么", Segmenter::Jieba);
        assert!(has(&p, &Matcher::Term(Target::Grams, "什么".into())));
    }

    #[test]
    fn one_character_words_of_a_longer_run_weigh_less() {
        // jieba cuts an unknown `所言` into 所 + 言; the text may hold 所言 as a word.
        let (p, _) = plan("所言", Segmenter::Jieba);
        let weight = |m: Matcher| p.should.iter().find(|(x, _)| *x == m).map(|x| x.1);
        assert_eq!(
            weight(Matcher::Term(Target::Words, "所".into())),
            Some(W_WORD_CHAR)
        );
        assert_eq!(
            weight(Matcher::Term(Target::Words, "所言".into())),
            Some(W_WORD)
        );
    }

    #[test]
    fn single_character_query_uses_the_unigram() {
        let (p, _) = plan("江", Segmenter::Jieba);
        assert!(has(&p, &Matcher::Term(Target::Grams, "江".into())));
    }

    #[test]
    fn traditional_and_full_width_queries_fold() {
        let (a, _) = plan("小米汽車 ＳＵ７", Segmenter::Jieba);
        let (b, _) = plan("小米汽车 su7", Segmenter::Jieba);
        assert_eq!(a, b);
    }

    #[test]
    fn quoted_phrase_must_match_and_exclusion_must_not() {
        let (p, _) = plan(r#""gross margin" -特斯拉"#, Segmenter::Jieba);
        assert_eq!(
            p.must,
            vec![vec![Matcher::Phrase(
                Target::Words,
                vec![(0, "gross".into()), (1, "margin".into())]
            )]]
        );
        assert_eq!(
            p.must_not,
            vec![vec![Matcher::Phrase(
                Target::Grams,
                vec![(0, "特斯".into()), (1, "斯拉".into())]
            )]]
        );
    }

    #[test]
    fn english_stopwords_do_not_score_alone() {
        let (p, _) = plan("what is the margin", Segmenter::Jieba);
        assert!(!has(&p, &Matcher::Term(Target::Words, "the".into())));
        assert!(has(&p, &Matcher::Term(Target::Words, "margin".into())));
    }

    #[test]
    fn punctuation_only_and_exclusion_only_queries_plan_nothing() {
        assert!(plan("，。！？ *~^", Segmenter::Jieba).0.is_empty());
        assert!(plan("-小米", Segmenter::Jieba).0.is_empty());
    }
}
