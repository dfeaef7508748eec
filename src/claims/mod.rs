//! Claims an article makes: **attributed statements** (who said what, with the cue and
//! the speaker's role) and **figures** (sentences stating quantities).
//!
//! Extraction is pure: passages of one article in, claims per passage out. It works on
//! sentences ([`split_sentences`]), finds attributions sentence by sentence
//! ([`attribute`]), then resolves what needs context: a pronoun subject (`他也提醒`) is
//! the last named person of the paragraph (or the one before), and a sentence that is
//! nothing but a quotation right after an attributed one (`钟师也强调,…。“李斌、李想…”`)
//! belongs to the same speaker.

mod attribution;
mod figures;
mod sentence;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use attribution::{Attribution, attribute, bare_attribution};
pub use figures::{Quantity, quantities};
pub use sentence::{Sentence, split_sentences};

/// An attributed statement, located in its passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The source as named (`钟师`, `兴业证券`, `分析人士`).
    pub speaker: String,
    /// The speaker's role, where the text gives it.
    pub role: Option<String>,
    /// The cue (`指出`, `所言`, `said`, `according to`).
    pub cue: String,
    /// The statement.
    pub text: String,
    /// The whole sentence.
    pub sentence: String,
    /// An unnamed source (`业内人士`).
    pub unnamed: bool,
    /// Byte range of the sentence in the passage text.
    pub start: usize,
    /// End of that range.
    pub end: usize,
}

/// A sentence stating quantities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// The quantities as written (`10万辆`, `26.4%`).
    pub quantities: Vec<String>,
    /// Their numbers, per quantity.
    pub numbers: Vec<Vec<String>>,
    /// Their units, per quantity (empty string: none).
    pub units: Vec<String>,
    /// The whole sentence.
    pub sentence: String,
    /// Byte range of the sentence in the passage text.
    pub start: usize,
    /// End of that range.
    pub end: usize,
}

/// The claims of one passage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Attributed statements in passage order.
    pub quotes: Vec<Quote>,
    /// Figure sentences in passage order.
    pub figures: Vec<Figure>,
}

impl Claims {
    /// Nothing found.
    pub fn is_empty(&self) -> bool {
        self.quotes.is_empty() && self.figures.is_empty()
    }
}

/// Is the sentence nothing but a quotation (`“…。”`, `"…"`)?
fn whole_quotation(s: &str) -> Option<&str> {
    let t = s.trim().trim_end_matches(['。', '.', '!', '?', '！', '？']);
    for (o, c) in [('“', '”'), ('「', '」'), ('"', '"'), ('『', '』')] {
        if let Some(inner) = t.strip_prefix(o).and_then(|r| r.strip_suffix(c))
            && !inner.contains(c)
        {
            return Some(inner);
        }
    }
    // An English quotation running on into the next paragraph has no closer.
    let t = s.trim();
    if let Some(inner) = t.strip_prefix(['“', '"'])
        && !inner.contains(['”', '"'])
    {
        return Some(inner);
    }
    None
}

/// Resolves a pronoun subject to the last named person (dropping the attribution if
/// there is none), and remembers a named speaker (not one of `according to`) for the
/// pronouns that follow.
fn resolve(
    a: Attribution,
    named: &mut Option<(String, Option<String>)>,
) -> Option<(Attribution, String, Option<String>)> {
    if a.pronoun {
        let (name, role) = named.clone()?;
        return Some((a, name, role));
    }
    // A source named by `according to` is a census, a treaty or an index as often as a
    // person: no antecedent for the `he` of a later sentence.
    if !a.unnamed && a.cue != "according to" {
        *named = Some((a.speaker.clone(), a.role.clone()));
    }
    let (speaker, role) = (a.speaker.clone(), a.role.clone());
    Some((a, speaker, role))
}

/// Extracts the claims of an article's passages, in order.
///
/// ```
/// let c = wenku::claims::extract(&["钟师指出,小米对用户画像的把握非常精准。但他也提醒,品控是关键。"]);
/// let speakers: Vec<&str> = c[0].quotes.iter().map(|q| q.speaker.as_str()).collect();
/// assert_eq!(speakers, ["钟师", "钟师"]);
/// ```
pub fn extract(passages: &[&str]) -> Vec<Claims> {
    let mut out = Vec::with_capacity(passages.len());
    // The last named person of the previous passage, for pronouns early in a passage.
    let mut previous_named: Option<(String, Option<String>)> = None;
    // The attribution of the sentence just before (across the passage break).
    let mut last: Option<Quote> = None;
    for text in passages {
        let mut claims = Claims::default();
        let mut named = previous_named.clone();
        // The quotation sentence just before, in this passage: its text, start, and
        // where it went in `claims.quotes` (if it was taken as a follow-on).
        let mut prev_quotation: Option<(String, usize, Option<usize>)> = None;
        for s in split_sentences(text) {
            let located = |a: Attribution, speaker: String, role: Option<String>| Quote {
                speaker,
                role,
                cue: a.cue,
                text: a.statement,
                sentence: s.text.to_string(),
                unnamed: a.unnamed,
                start: s.start,
                end: s.end,
            };
            let quotation = whole_quotation(s.text);
            let mut quote = None;
            let mut replaces = None;
            if let Some(a) = attribute(s.text) {
                quote = resolve(a, &mut named).map(|(a, sp, role)| located(a, sp, role));
            } else if let Some(inner) = quotation {
                // A quotation right after an attributed sentence: the same speaker.
                quote = last.as_ref().map(|prev| Quote {
                    text: inner.to_string(),
                    sentence: s.text.to_string(),
                    start: s.start,
                    end: s.end,
                    ..prev.clone()
                });
            } else if let Some((inner, q_start, pushed)) = prev_quotation.take()
                && let Some(b) = bare_attribution(s.text)
            {
                // `「…」` then `陳大文說。`: the source of the quotation before. (Looked
                // for only after a quotation: most sentences follow none.)
                quote = resolve(b, &mut named).map(|(b, speaker, role)| Quote {
                    speaker,
                    role,
                    cue: b.cue,
                    text: inner,
                    sentence: text[q_start..s.end].to_string(),
                    unnamed: b.unnamed,
                    start: q_start,
                    end: s.end,
                });
                replaces = pushed;
            }
            last = quote.clone();
            prev_quotation = quotation.map(|inner| {
                let pushed = quote.as_ref().map(|_| claims.quotes.len());
                (inner.to_string(), s.start, pushed)
            });
            match (quote, replaces) {
                (Some(q), Some(i)) => claims.quotes[i] = q,
                (Some(q), None) => claims.quotes.push(q),
                _ => {}
            }
            let qs = quantities(s.text);
            if !qs.is_empty() {
                claims.figures.push(Figure {
                    quantities: qs.iter().map(|q| q.text.clone()).collect(),
                    numbers: qs.iter().map(|q| q.numbers.clone()).collect(),
                    units: qs.iter().map(|q| q.unit.clone()).collect(),
                    sentence: s.text.to_string(),
                    start: s.start,
                    end: s.end,
                });
            }
        }
        previous_named = named;
        out.push(claims);
    }
    // A role given once (汽车行业分析师钟师) holds for the speaker's other statements.
    let mut roles: HashMap<String, String> = HashMap::new();
    for q in out.iter().flat_map(|c| &c.quotes) {
        if let Some(r) = &q.role {
            roles.entry(q.speaker.clone()).or_insert_with(|| r.clone());
        }
    }
    for q in out.iter_mut().flat_map(|c| &mut c.quotes) {
        if q.role.is_none() {
            q.role = roles.get(&q.speaker).cloned();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../corpus/seed/000_b20ef67de0c6e6f8.txt");

    fn seed_quotes() -> Vec<Quote> {
        let a = crate::article::parse_article("seed.txt", SEED);
        let texts: Vec<&str> = a.passages.iter().map(|p| p.text.as_str()).collect();
        extract(&texts).into_iter().flat_map(|c| c.quotes).collect()
    }

    #[test]
    fn an_according_to_source_is_no_antecedent_for_a_pronoun() {
        let c = extract(&[
            "According to the 1901 census, most inhabitants were Catholics. He claimed the law was unfair.",
        ]);
        let speakers: Vec<&str> = c[0].quotes.iter().map(|q| q.speaker.as_str()).collect();
        assert_eq!(speakers, ["the 1901 census"]);
    }

    #[test]
    fn seed_sample_quotes_have_the_right_speakers() {
        let quotes = seed_quotes();
        for (speaker, key) in [
            ("雷军", "晚有晚的好处"),
            ("兴业证券", "毛利率改善"),
            ("钟师", "懂技术的朋友"),
            ("分析人士", "新一代产品"),
            ("钟师", "李斌、李想"),
            ("盖世汽车研究院", "盈利平衡点"),
            ("钟师", "品控和安全"),
            ("业内人士", "小米造车晚了"),
        ] {
            assert!(
                quotes
                    .iter()
                    .any(|q| q.speaker.contains(speaker) && q.text.contains(key)),
                "{speaker}: {key} not found in {quotes:#?}"
            );
        }
    }

    #[test]
    fn a_role_given_once_holds_for_the_speaker() {
        let quotes = seed_quotes();
        let zhong: Vec<&Quote> = quotes.iter().filter(|q| q.speaker == "钟师").collect();
        assert!(zhong.len() >= 8);
        assert!(
            zhong
                .iter()
                .all(|q| q.role.as_deref() == Some("汽车行业分析师"))
        );
    }

    #[test]
    fn seed_has_no_quote_without_a_source() {
        for q in seed_quotes() {
            assert!(!q.text.contains("一人可抵一个公关团队"), "{q:?}");
            assert!(!q.text.contains("开放协同"), "{q:?}");
            assert!(q.speaker.chars().count() <= 12, "{q:?}");
        }
    }

    #[test]
    fn seed_figures_cover_the_numbers() {
        let a = crate::article::parse_article("seed.txt", SEED);
        let texts: Vec<&str> = a.passages.iter().map(|p| p.text.as_str()).collect();
        let all: Vec<String> = extract(&texts)
            .into_iter()
            .flat_map(|c| c.figures)
            .flat_map(|f| f.quantities)
            .collect();
        for want in [
            "10万辆",
            "26.4%",
            "11个百分点",
            "2.43亿美元",
            "3%-5%",
            "100万-150万辆",
        ] {
            assert!(all.iter().any(|q| q == want), "{want} not in {all:?}");
        }
    }

    #[test]
    fn quotation_then_source_in_the_next_sentence() {
        let c = extract(&[
            "「我們會繼續努力。」陳大文說。其後他離開。",
            "\"We will win!\" Smith said.",
        ]);
        let got: Vec<(&str, &str)> = c
            .iter()
            .flat_map(|c| {
                c.quotes
                    .iter()
                    .map(|q| (q.speaker.as_str(), q.text.as_str()))
            })
            .collect();
        assert_eq!(
            got,
            [("陳大文", "我們會繼續努力。"), ("Smith", "We will win!")]
        );
        assert_eq!(c[0].quotes[0].sentence, "「我們會繼續努力。」陳大文說。");
    }

    /// Every window of real text, cut at any character, with odd punctuation mixed in:
    /// extraction never panics and every range it reports lies on char boundaries.
    #[test]
    fn extraction_never_panics_on_cut_text() {
        let mut samples: Vec<String> = vec![
            "据，".into(),
            "据X称，".into(),
            "「」說。".into(),
            "\"\" said.".into(),
            "他：“".into(),
            "according to ,".into(),
            "，，，指出，，".into(),
            "１０万辆－２０万辆".into(),
        ];
        let english = include_str!("../../corpus/parallel/xquad-en-013.md");
        for text in [SEED, english] {
            let chars: Vec<char> = text.chars().collect();
            for start in (0..chars.len()).step_by(29) {
                for len in [1, 5, 17, 60, 200] {
                    let end = (start + len).min(chars.len());
                    samples.push(chars[start..end].iter().collect());
                }
            }
        }
        for s in &samples {
            for c in extract(&[s.as_str()]) {
                for q in &c.quotes {
                    assert!(s.is_char_boundary(q.start) && s.is_char_boundary(q.end));
                }
                for f in &c.figures {
                    assert!(s.is_char_boundary(f.start) && s.is_char_boundary(f.end));
                }
            }
            let _ = bare_attribution(s);
        }
    }

    #[test]
    fn english_quote_running_over_two_paragraphs() {
        let c = extract(&[
            "\"We are late, but late has its benefits,\" Lei Jun said. \"We learned from others.",
            "\"And we will keep learning.\"",
        ]);
        let speakers: Vec<&str> = c
            .iter()
            .flat_map(|c| c.quotes.iter().map(|q| q.speaker.as_str()))
            .collect();
        assert_eq!(speakers, ["Lei Jun", "Lei Jun", "Lei Jun"]);
    }
}
