//! Chinese word segmentation over runs of CJK characters, two ways with one output:
//!
//! - at index time, jieba in search mode (its dictionary takes ~100 ms to load);
//! - at query time, the same dynamic programme jieba runs, over the index's own
//!   vocabulary ([`Lexicon`]): every word the query can match is a word jieba produced
//!   for some indexed passage, so the index's term dictionary is the dictionary to cut
//!   with, and a search never loads jieba's.
//!
//! This is the only file that talks to jieba.

use std::sync::LazyLock;

use jieba_rs::Jieba;

/// jieba with its default (simplified Chinese) dictionary, loaded on first use.
static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// A word found in a run: byte range within the run and its group number. A group is
/// one word of the default cut; the shorter dictionary words that search mode finds
/// inside it (研究院 inside 盖世汽车研究院) share its group, so phrase positions stay
/// one per word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Byte offset in the run where the word starts.
    pub start: usize,
    /// Byte offset in the run where the word ends.
    pub end: usize,
    /// Index of the default-cut word this word belongs to.
    pub group: usize,
}

/// Word frequencies to segment with: the index's vocabulary at query time.
pub trait Lexicon {
    /// How many passages hold `word` as a word; 0 when none does.
    fn frequency(&self, word: &str) -> u64;
    /// Total number of word occurrences the frequencies are out of.
    fn total(&self) -> u64;
    /// Should runs of characters the lexicon lacks be joined into words by jieba's
    /// HMM, as indexing does? (A lexicon of words to look up wants them apart.)
    fn joins_unknown(&self) -> bool {
        true
    }
}

impl Lexicon for std::collections::HashMap<String, u64> {
    fn frequency(&self, word: &str) -> u64 {
        self.get(word).copied().unwrap_or(0)
    }

    fn total(&self) -> u64 {
        self.values().sum()
    }
}

/// How CJK runs are cut into words.
#[derive(Clone, Copy)]
pub enum Segmenter<'a> {
    /// jieba's default dictionary and HMM, in search mode (indexing).
    Jieba,
    /// The words of a [`Lexicon`], in search mode (querying an index).
    Lexicon(&'a dyn Lexicon),
}

impl std::fmt::Debug for Segmenter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Segmenter::Jieba => "Segmenter::Jieba",
            Segmenter::Lexicon(_) => "Segmenter::Lexicon",
        })
    }
}

/// Longest word (in characters) looked up in a lexicon (jieba's longest are about this).
const MAX_WORD_CHARS: usize = 8;

/// Segments a run of (folded) CJK characters in search mode: each word of the best
/// cut, preceded by the dictionary words of two and three characters inside it.
#[cfg(test)]
pub fn segment(run: &str, how: Segmenter<'_>) -> Vec<Segment> {
    let mut out = Vec::new();
    segment_into(run, how, &mut out);
    out
}

/// The words of a (folded, simplified) Chinese run with jieba's part-of-speech tags
/// (`n` noun, `nr` person's name, `v` verb, `d` adverb, `t` time…), in order.
pub fn tag(run: &str) -> Vec<(&str, &str)> {
    JIEBA
        .tag(run, true)
        .into_iter()
        .map(|t| (t.word, t.tag))
        .collect()
}

/// [`segment`] into `out` (cleared first), so that a caller cutting run after run
/// allocates once: on the scale corpus that was 3.5 million lists.
pub fn segment_into(run: &str, how: Segmenter<'_>, out: &mut Vec<Segment>) {
    match how {
        Segmenter::Jieba => groups(&JIEBA.cut_for_search(run, true), out),
        Segmenter::Lexicon(lexicon) => lexicon_segment(run, lexicon, out),
    }
}

/// jieba's own search-mode cut (route search, HMM for runs of unknown characters)
/// with a dictionary of just the lexicon's words found inside `run`, at the lexicon's
/// frequencies: the same algorithm as indexing, over the index's vocabulary.
fn lexicon_segment(run: &str, lexicon: &dyn Lexicon, out: &mut Vec<Segment>) {
    let mut bounds: Vec<usize> = run.char_indices().map(|(i, _)| i).collect();
    bounds.push(run.len());
    let n = bounds.len() - 1;
    let mut jieba = Jieba::empty();
    let mut seen = std::collections::HashSet::new();
    let mut sum = 0u64;
    for i in 0..n {
        for j in i + 1..=n.min(i + MAX_WORD_CHARS) {
            let word = &run[bounds[i]..bounds[j]];
            if !seen.insert(word) {
                continue;
            }
            let f = lexicon.frequency(word);
            if f > 0 {
                jieba.add_word(word, Some(usize::try_from(f).unwrap_or(usize::MAX)), None);
                sum += f;
            }
        }
    }
    // The words not in this run still count towards the total that makes a word's
    // probability: one placeholder (a private-use character no query holds) carries them.
    let rest = lexicon.total().saturating_sub(sum);
    if rest > 0 {
        jieba.add_word(
            "\u{F8FF}",
            Some(usize::try_from(rest).unwrap_or(usize::MAX)),
            None,
        );
    }
    groups(&jieba.cut_for_search(run, lexicon.joins_unknown()), out);
}

/// Numbers search mode's words by the default-cut word they belong to, into `out`
/// (cleared first).
fn groups(tokens: &[jieba_rs::Token<'_>], out: &mut Vec<Segment>) {
    // Search mode emits a word's inner dictionary words before the word itself, so walk
    // backwards: each word that is not inside the current group's word opens a group
    // (counted from the end, then turned round).
    out.clear();
    out.extend(tokens.iter().map(|t| Segment {
        start: t.byte_start,
        end: t.byte_end,
        group: 0,
    }));
    let mut group_range = (usize::MAX, usize::MAX);
    let mut groups = 0usize;
    for s in out.iter_mut().rev() {
        let inside = s.start >= group_range.0 && s.end <= group_range.1;
        if !inside {
            groups += 1;
            group_range = (s.start, s.end);
        }
        s.group = groups;
    }
    for s in out.iter_mut() {
        s.group = groups - s.group;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(run: &str) -> Vec<(&str, usize)> {
        segment(run, Segmenter::Jieba)
            .into_iter()
            .map(|s| (&run[s.start..s.end], s.group))
            .collect()
    }

    #[test]
    fn search_mode_yields_inner_words_in_the_same_group() {
        let w = words("盖世汽车研究院预测");
        assert!(w.contains(&("研究院", 0)) || w.iter().any(|(t, _)| *t == "研究院"));
        let last = w.last().unwrap();
        assert_eq!(last.0, "预测");
        let group_of = |word: &str| w.iter().find(|(t, _)| *t == word).map(|(_, g)| *g);
        assert_eq!(group_of("预测"), Some(group_of("研究院").unwrap() + 1));
    }

    #[test]
    fn groups_are_numbered_from_zero_in_order() {
        let w = words("小米汽车毛利率");
        assert_eq!(w.first().map(|x| x.1), Some(0));
        assert!(w.windows(2).all(|p| p[0].1 <= p[1].1));
    }

    fn lexicon(words: &[(&str, u64)]) -> std::collections::HashMap<String, u64> {
        words.iter().map(|(w, f)| (w.to_string(), *f)).collect()
    }

    fn lexicon_words<'a>(run: &'a str, lex: &dyn Lexicon) -> Vec<(&'a str, usize)> {
        segment(run, Segmenter::Lexicon(lex))
            .into_iter()
            .map(|s| (&run[s.start..s.end], s.group))
            .collect()
    }

    #[test]
    fn lexicon_cut_prefers_frequent_whole_words_over_rare_fragments() {
        let lex = lexicon(&[
            ("小米", 50),
            ("汽车", 40),
            ("的", 90),
            ("毛利", 5),
            ("毛利率", 20),
            ("利率", 3),
            ("车的", 1),
            ("小米汽", 1),
            ("其他", 1000),
        ]);
        let w = lexicon_words("小米汽车的毛利率", &lex);
        assert_eq!(
            w,
            vec![
                ("小米", 0),
                ("汽车", 1),
                ("的", 2),
                ("毛利", 3),
                ("利率", 3),
                ("毛利率", 3)
            ]
        );
    }

    #[test]
    fn lexicon_cut_joins_unknown_characters_with_jiebas_hmm() {
        // As at index time, where jieba's HMM made a word of characters its
        // dictionary lacks.
        let lex = lexicon(&[("雷军", 5), ("其他", 100)]);
        assert_eq!(
            lexicon_words("雷军所言", &lex),
            vec![("雷军", 0), ("所言", 1)]
        );
        assert!(lexicon_words("", &lex).is_empty());
    }

    #[test]
    fn lexicon_cut_agrees_with_jieba_when_the_lexicon_is_jiebas_output() {
        // A lexicon of the words jieba cut from a text cuts that text the same way.
        let text = "盖世汽车研究院预测小米汽车的毛利率将继续提升";
        let mut lex = std::collections::HashMap::new();
        for s in segment(text, Segmenter::Jieba) {
            *lex.entry(text[s.start..s.end].to_string()).or_insert(0) += 10;
        }
        let jieba: Vec<_> = words(text);
        let ours = lexicon_words(text, &lex);
        let mains = |w: &[(&str, usize)]| {
            let mut m: Vec<String> = Vec::new();
            for (t, g) in w {
                if m.len() <= *g {
                    m.push(String::new());
                }
                if t.len() > m[*g].len() {
                    m[*g] = t.to_string();
                }
            }
            m
        };
        assert_eq!(mains(&ours), mains(&jieba));
    }
}
