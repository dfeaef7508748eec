//! Claims an article makes: **attributed statements** (who said what, with the cue and
//! the speaker's role) and **figures** (sentences stating quantities).
//!
//! Extraction is pure: passages of one article in, claims per passage out. It works on
//! sentences ([`split_sentences`]), finds attributions sentence by sentence
//! ([`attribute`]), then resolves what needs context across sentences and paragraphs
//! (pronouns, statements running over several sentences, interview answers): see
//! `attribution/context.rs`.

mod attribution;
mod figures;
mod sentence;

use serde::{Deserialize, Serialize};

pub use attribution::{Attribution, attribute, attributions, bare_attribution};
pub use figures::{Quantity, quantities};
pub use sentence::{Sentence, split_sentences};

/// Whether a statement gives the source's own words or reports them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The source's words in quotation marks (`他说：“…”`, `"…," she said`).
    Direct,
    /// Reported speech, a paraphrase (`钟师指出，…`, `The minister said the plan …`).
    #[default]
    Indirect,
}

/// An attributed statement, located in its passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The source as named (`钟师`, `兴业证券`, `分析人士`).
    pub speaker: String,
    /// The speaker's role, where the text gives it.
    pub role: Option<String>,
    /// The cue (`指出`, `所言`, `said`, `according to`).
    pub cue: String,
    /// The statement: what the source said, over as many sentences of the passage as it
    /// runs (a quotation split by its attribution is one statement).
    pub text: String,
    /// The sentences the statement stands in, as written.
    pub sentence: String,
    /// Quoted words or a paraphrase.
    #[serde(default)]
    pub kind: Kind,
    /// An unnamed source (`业内人士`).
    pub unnamed: bool,
    /// Byte range of the sentences in the passage text.
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

/// Extracts the claims of an article's passages, in order.
///
/// ```
/// let c = wenku::claims::extract(&["钟师指出,小米对用户画像的把握非常精准。但他也提醒,品控是关键。"]);
/// let speakers: Vec<&str> = c[0].quotes.iter().map(|q| q.speaker.as_str()).collect();
/// assert_eq!(speakers, ["钟师", "钟师"]);
/// ```
pub fn extract(passages: &[&str]) -> Vec<Claims> {
    attribution::quotes(passages)
        .into_iter()
        .zip(passages)
        .map(|(quotes, text)| Claims {
            quotes,
            figures: split_sentences(text)
                .into_iter()
                .filter_map(|s| {
                    let qs = quantities(s.text);
                    (!qs.is_empty()).then(|| Figure {
                        quantities: qs.iter().map(|q| q.text.clone()).collect(),
                        numbers: qs.iter().map(|q| q.numbers.clone()).collect(),
                        units: qs.iter().map(|q| q.unit.clone()).collect(),
                        sentence: s.text.to_string(),
                        start: s.start,
                        end: s.end,
                    })
                })
                .collect(),
        })
        .collect()
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
}
