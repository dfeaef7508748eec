//! Language analysis, the one place that decides what a "term" is, used by indexing and
//! querying alike.
//!
//! The pipeline: [`fold`] (width, case, traditional → simplified) → split into runs of
//! CJK characters and runs of Latin letters/digits → CJK runs are segmented by jieba in
//! search mode and also cut into character unigrams and bigrams (for grep-equal substring
//! recall); Latin runs become English words (stemmed), numbers (`26.4%`, `-26.95%`,
//! `33,257`) and codes (`su7`, `o1`, `4680`) kept whole; British spellings are folded
//! into American ones before stemming (`theatre` is `theater`). Numbers followed by a unit
//! (`10万辆`, also written `10 万辆`) and codes glued to Chinese (`小米su7`) also yield a
//! compound term.

mod fold;
mod segment;
mod simplify;
mod spelling;
pub mod stop;

use std::sync::LazyLock;

pub use fold::{Folded, fold, fold_str, unfold};
pub use segment::{Lexicon, Segmenter, tag};

use rust_stemmers::{Algorithm, Stemmer};

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// One term with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The term, in folded form.
    pub term: String,
    /// Byte offset in the original text where the term starts.
    pub start: usize,
    /// Byte offset in the original text where the term ends.
    pub end: usize,
    /// Position for phrase matching.
    pub position: usize,
}

/// What kind of characters a run holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    /// Chinese (Han) characters.
    Cjk,
    /// Letters and digits of other scripts, with number punctuation.
    Latin,
}

/// A maximal run of one kind in the folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The kind of the run.
    pub kind: RunKind,
    /// Byte offset in the folded text.
    pub start: usize,
    /// Byte offset in the folded text.
    pub end: usize,
}

/// The analysis of one text.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The folded text and its map back to the original.
    pub folded: Folded,
    /// Runs of CJK and Latin characters in the folded text, in order.
    pub runs: Vec<Run>,
    /// Word terms: jieba words, English stems, numbers, codes, compounds.
    pub words: Vec<Token>,
}

impl Analysis {
    /// The folded text of a run.
    pub fn run_text(&self, run: &Run) -> &str {
        &self.folded.text[run.start..run.end]
    }

    /// CJK character unigrams and bigrams; position = character index in the folded
    /// text, so consecutive bigrams of a string form a phrase. (Made on demand: the
    /// index keeps characters in its own gram index, see `index::grams`; export and
    /// tests show them as terms.)
    pub fn grams(&self) -> Vec<Token> {
        let folded = &self.folded;
        let f = &folded.text;
        let mut grams = Vec::new();
        // Char index of each run start (gaps between runs break phrases).
        let mut char_pos = 0usize;
        let mut last_byte = 0usize;
        for run in self.runs.iter().filter(|r| r.kind == RunKind::Cjk) {
            char_pos += f[last_byte..run.start].chars().count();
            last_byte = run.start;
            let s = &f[run.start..run.end];
            // The run's chars in order: the i-th is char `char_pos + i` of the folded
            // text, whose original range needs no search.
            let mut chars = s.char_indices().enumerate().peekable();
            while let Some((i, (off, c))) = chars.next() {
                let k = char_pos + i;
                let (a, b) = folded.chars_original_range(k, k);
                grams.push(Token {
                    term: c.to_string(),
                    start: a,
                    end: b,
                    position: k,
                });
                if let Some(&(_, (off2, c2))) = chars.peek() {
                    let (cs, e2) = (run.start + off, run.start + off2 + c2.len_utf8());
                    let (a, b) = folded.chars_original_range(k, k + 1);
                    grams.push(Token {
                        term: f[cs..e2].to_string(),
                        start: a,
                        end: b,
                        position: k,
                    });
                }
            }
        }
        grams
    }
}

/// Is `c` a Chinese (Han) character?
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

fn is_latin(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !is_cjk(c) && fold::symbol(c).map_or_else(|| c.is_alphanumeric(), |s| s.alphanumeric)
}

/// Analyses `text` into word and gram terms, cutting Chinese with jieba (indexing).
pub fn analyze(text: &str) -> Analysis {
    analyze_with(text, Segmenter::Jieba)
}

/// Analyses `text` into word and gram terms, cutting Chinese with `segmenter`.
pub fn analyze_with(text: &str, segmenter: Segmenter<'_>) -> Analysis {
    let folded = fold(text);
    let runs = split_runs(&folded.text);
    let mut words = Vec::new();
    for_each_word(
        &folded.text,
        &runs,
        segmenter,
        |term, start, end, position| {
            let (start, end) = folded.original_range(start, end);
            words.push(Token {
                term: term.to_string(),
                start,
                end,
                position,
            });
        },
    );
    words.sort_by_key(|t| t.position);
    Analysis {
        folded,
        runs,
        words,
    }
}

/// A text analysed for indexing: the folded text, its runs and its word terms as
/// [`analyze`] finds them, without what only a search needs (the way back to the
/// original text) and without a `String` a word: on the scale corpus those were
/// 16.6 million allocations and two binary searches a word.
#[derive(Debug, Clone)]
pub struct IndexAnalysis {
    /// The folded text (as [`Folded::text`]).
    pub folded: String,
    /// Its runs of Chinese and of Latin letters and digits.
    pub runs: Vec<Run>,
    /// (position, start, end) of each word in `terms`, in position order.
    words: Vec<(usize, usize, usize)>,
    /// The words' text, one after another.
    terms: String,
}

impl IndexAnalysis {
    /// The word terms with their positions, in position order (as [`Analysis::words`]).
    pub fn words(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        self.words
            .iter()
            .map(|&(position, start, end)| (position, self.terms.get(start..end).unwrap_or("")))
    }

    /// How many words there are, and their bytes together (to size what holds them).
    pub fn words_size(&self) -> (usize, usize) {
        (self.words.len(), self.terms.len())
    }
}

/// [`analyze`] for indexing (see [`IndexAnalysis`]).
pub fn analyze_for_index(text: &str) -> IndexAnalysis {
    let folded = fold_str(text);
    let runs = split_runs(&folded);
    // Room for what a passage usually holds (Chinese: a word per 1.5 chars, 3 bytes
    // each, and search mode's inner words), so the lists rarely grow.
    let (mut words, mut terms) = (
        Vec::with_capacity(folded.len() / 3),
        String::with_capacity(folded.len() * 3 / 2),
    );
    for_each_word(&folded, &runs, Segmenter::Jieba, |term, _, _, position| {
        let start = terms.len();
        terms.push_str(term);
        words.push((position, start, terms.len()));
    });
    // Stable, as `analyze` sorts: words at one position keep the order they came in.
    words.sort_by_key(|w| w.0);
    IndexAnalysis {
        folded,
        runs,
        words,
        terms,
    }
}

/// Calls `each(term, start, end, position)` for every word term of the folded text
/// `f` with its `runs`: the byte range in `f` it stands for and its position. Words
/// come run by run; within a run a number's quantity (10万) comes after the run's
/// words although its position is before them.
fn for_each_word(
    f: &str,
    runs: &[Run],
    segmenter: Segmenter<'_>,
    mut each: impl FnMut(&str, usize, usize, usize),
) {
    let mut position = 0usize;
    let mut prev_run: Option<&Run> = None;
    let mut compound = String::new();
    let mut segments = Vec::new();
    for run in runs {
        let s = &f[run.start..run.end];
        match run.kind {
            RunKind::Cjk => {
                let base = position;
                let mut groups = 0;
                segment::segment_into(s, segmenter, &mut segments);
                for seg in &segments {
                    each(
                        &s[seg.start..seg.end],
                        run.start + seg.start,
                        run.start + seg.end,
                        base + seg.group,
                    );
                    groups = groups.max(seg.group + 1);
                }
                position += groups;
                // A code glued after Chinese (小米SU7) was handled on the Latin side; a
                // number before a unit (10万辆, or spaced as translations often write
                // it: 第 49 届, 28 万辆) is handled here.
                if let Some(prev) =
                    prev_run.filter(|p| f[p.end..run.start].bytes().all(|b| b == b' '))
                {
                    let number = &f[prev.start..prev.end];
                    if is_number(number) {
                        let unit_len: usize = s
                            .chars()
                            .take_while(|c| UNIT_CHARS.contains(*c))
                            .take(3)
                            .map(char::len_utf8)
                            .sum();
                        if unit_len > 0 {
                            compound.clear();
                            compound.push_str(number);
                            compound.push_str(&s[..unit_len]);
                            each(
                                &compound,
                                prev.start,
                                run.start + unit_len,
                                base.saturating_sub(1),
                            );
                        }
                    }
                }
            }
            RunKind::Latin => {
                for term in latin_terms(s) {
                    each(&term, run.start, run.end, position);
                }
                if let Some(prev) =
                    prev_run.filter(|p| p.end == run.start && p.kind == RunKind::Cjk)
                    && !is_number(s)
                {
                    let cjk = &f[prev.start..prev.end];
                    let tail: usize = cjk.chars().rev().take(2).map(char::len_utf8).sum();
                    let cs = prev.end - tail;
                    compound.clear();
                    compound.push_str(&f[cs..prev.end]);
                    compound.push_str(s);
                    each(&compound, cs, run.end, position);
                }
                position += 1;
            }
        }
        prev_run = Some(run);
    }
}

/// Characters that count as a unit right after a number (10万辆, 2025年, 3亿元):
/// magnitudes, units, and the common measure words (第 49 届, 3 位, 12 条).
const UNIT_CHARS: &str = "万亿千百十元角分块辆台部个家款件吨次人名岁年月日号季度倍米克斤股届期场轮项条位座代集版层周首篇本张只枚架艘";

/// Splits folded text into CJK runs and Latin runs (everything else separates).
///
/// A Latin run is a word, number or code: letters and digits, with `.` or `,` between
/// digits (26.4, 33,257), a trailing `%` after a digit, a leading `-`/`+` sign before a
/// digit, and an apostrophe after a letter or digit and before a letter (Xiaomi's,
/// SU7's).
pub fn split_runs(folded: &str) -> Vec<Run> {
    // Read by byte offset, without a list of the text's chars (16 bytes a char, a tenth
    // of indexing analysis besides jieba).
    let char_at = |at: usize| folded.get(at..).and_then(|rest| rest.chars().next());
    let mut runs = Vec::new();
    let mut i = 0;
    // The char before `i`.
    let mut prev: Option<char> = None;
    while let Some(c) = char_at(i) {
        let start = i;
        if is_cjk(c) {
            let (mut j, mut last) = (i + c.len_utf8(), c);
            while let Some(n) = char_at(j).filter(|&n| is_cjk(n)) {
                (j, last) = (j + n.len_utf8(), n);
            }
            runs.push(Run {
                kind: RunKind::Cjk,
                start,
                end: j,
            });
            (i, prev) = (j, Some(last));
            continue;
        }
        let next_is_digit = char_at(i + c.len_utf8()).is_some_and(|n| n.is_ascii_digit());
        let prev_is_latin = prev.is_some_and(is_latin);
        let signed = (c == '-' || c == '+') && next_is_digit && !prev_is_latin;
        if !is_latin(c) && !signed {
            (i, prev) = (i + c.len_utf8(), Some(c));
            continue;
        }
        let (mut j, mut last) = (i + c.len_utf8(), c);
        while let Some(c) = char_at(j) {
            let after = j + c.len_utf8();
            let next = char_at(after);
            let ok = is_latin(c)
                || (c == '.' && last.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()))
                || (c == ',' && last.is_ascii_digit() && is_thousands_group(&folded[after..]))
                || (c == '\'' && last.is_alphanumeric() && next.is_some_and(char::is_alphabetic));
            if c == '%' && last.is_ascii_digit() {
                (j, last) = (after, c);
                break;
            }
            if !ok {
                break;
            }
            (j, last) = (after, c);
        }
        runs.push(Run {
            kind: RunKind::Latin,
            start,
            end: j,
        });
        (i, prev) = (j, Some(last));
    }
    runs
}

/// Three digits, then no further digit: the digits after a thousands comma.
fn is_thousands_group(rest: &str) -> bool {
    let mut chars = rest.chars();
    chars.by_ref().take(3).filter(char::is_ascii_digit).count() == 3
        && !chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// Is this Latin run a number (optionally signed, with decimals, grouping or percent)?
fn is_number(s: &str) -> bool {
    let body = s.trim_start_matches(['-', '+']).trim_end_matches('%');
    !body.is_empty()
        && body.starts_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// The terms of one Latin run: English words in American spelling ([`spelling`]) and
/// stemmed, numbers and codes whole, plus the
/// plain forms of a number (`-26.95%` also as `26.95%` and `26.95`; `33,257` as `33257`).
pub fn latin_terms(run: &str) -> Vec<String> {
    // A possessive is its word, number or code (`SU7's` is `su7`).
    let run = run
        .strip_suffix("'s")
        .filter(|r| !r.is_empty())
        .unwrap_or(run);
    if is_number(run) {
        let mut terms = vec![run.to_string()];
        let unsigned = run.trim_start_matches(['-', '+']);
        let bare = unsigned.trim_end_matches('%');
        let ungrouped = bare.replace(',', "");
        for t in [unsigned, bare, ungrouped.as_str()] {
            if !terms.iter().any(|x| x == t) {
                terms.push(t.to_string());
            }
        }
        return terms;
    }
    if run.chars().any(|c| c.is_ascii_digit()) {
        return vec![run.to_string()];
    }
    vec![STEMMER.stem(spelling::american(run)).into_owned()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(ts: &[Token]) -> Vec<&str> {
        ts.iter().map(|t| t.term.as_str()).collect()
    }

    /// The indexing path finds the words a search-side analysis finds, at the same
    /// positions and in the same order (quantities and glued codes included).
    #[test]
    fn is_latin_answers_as_unicode_does_for_every_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_latin(c),
                c.is_alphanumeric() && !is_cjk(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn indexing_analysis_agrees_with_analyze() {
        for text in [
            "小米SU7的毛利率为26.4%，同比下滑-26.95%，交付10万辆，2025年3亿元",
            "Xiaomi's gross margin rose; 雷军所言“小米汽车”。ＳＵ７大定 1,000 辆",
            "鵝湖夜坐 詩題：士生始墮地。iPhone15 和 4680电池 玄戒O1芯片",
            "",
            "   ",
        ] {
            let a = analyze(text);
            let i = analyze_for_index(text);
            assert_eq!(i.folded, a.folded.text, "{text}");
            assert_eq!(i.runs, a.runs, "{text}");
            let want: Vec<(usize, &str)> = a
                .words
                .iter()
                .map(|t| (t.position, t.term.as_str()))
                .collect();
            assert_eq!(i.words().collect::<Vec<_>>(), want, "{text}");
        }
    }

    #[test]
    fn numbers_and_codes_stay_whole() {
        let a = analyze("毛利率已达到26.4%,同比下滑-26.95%,SU7与4680电池,玄戒O1芯片");
        let w = terms(&a.words);
        for t in ["26.4%", "26.4", "-26.95%", "26.95%", "su7", "4680", "o1"] {
            assert!(w.contains(&t), "{t} missing from {w:?}");
        }
    }

    #[test]
    fn number_with_unit_and_code_glued_to_chinese_yield_compounds() {
        let w = analyze("72小时大定突破10万辆,小米SU7上市").words;
        let w = terms(&w);
        assert!(w.contains(&"10万辆"), "{w:?}");
        assert!(w.contains(&"小米su7"), "{w:?}");
        assert!(w.contains(&"su7"), "{w:?}");
    }

    #[test]
    fn a_possessive_is_its_word_number_or_code() {
        let a = analyze("SU7's price, Xiaomi’s margin, the 1990's");
        assert_eq!(
            terms(&a.words),
            ["su7", "price", "xiaomi", "margin", "the", "1990"]
        );
    }

    #[test]
    fn a_number_a_space_before_its_unit_yields_the_same_compound() {
        for (text, compound) in [
            ("大定 28 万辆", "28万辆"),
            ("击败了第 49 届超级碗", "49届"),
            ("共有 3  位球员", "3位"),
        ] {
            let w = analyze(text).words;
            assert!(terms(&w).contains(&compound), "{text}: {w:?}");
        }
        // A line break or a word between is no unit of the number.
        for text in ["共有 3\n位球员", "共有 3 是 位球员"] {
            let w = analyze(text).words;
            assert!(!terms(&w).contains(&"3位"), "{text}: {w:?}");
        }
    }

    #[test]
    fn thousands_groups_fold_to_plain_numbers() {
        let w = analyze("年收入为33,257美元").words;
        assert!(terms(&w).contains(&"33257"));
        assert!(terms(&w).contains(&"33,257"));
    }

    #[test]
    fn english_words_are_stemmed_and_lower_cased() {
        let w = analyze("Deliveries rose; Xiaomi's margins").words;
        assert_eq!(terms(&w), vec!["deliveri", "rose", "xiaomi", "margin"]);
        assert_eq!(
            w.iter().map(|t| t.position).collect::<Vec<_>>(),
            vec![0, 1, 2, 3]
        );
    }

    #[test]
    fn full_width_and_traditional_fold_before_segmenting() {
        let a = analyze("ＳＵ７ 國際市場");
        let w = terms(&a.words);
        assert!(w.contains(&"su7"));
        assert!(w.contains(&"国际"), "{w:?}");
    }

    #[test]
    fn grams_cover_every_character_and_adjacent_pair() {
        let a = analyze("晚有晚的好处");
        let grams = a.grams();
        let g = terms(&grams);
        for t in ["晚", "有", "晚有", "有晚", "的好", "好处", "处"] {
            assert!(g.contains(&t), "{t} missing from {g:?}");
        }
        let pos = |t: &str| a.grams().iter().find(|g| g.term == t).unwrap().position;
        assert_eq!(pos("的好") + 1, pos("好处"));
    }

    #[test]
    fn gram_positions_do_not_bridge_separated_runs() {
        let a = analyze("小米,汽车");
        let pos = |t: &str| a.grams().iter().find(|g| g.term == t).unwrap().position;
        assert!(pos("汽车") > pos("小米") + 1);
        assert!(!terms(&a.grams()).contains(&"米汽"));
    }

    #[test]
    fn token_offsets_point_at_the_original_text() {
        let text = "小米汽車毛利率達到ＳＵ７";
        let a = analyze(text);
        for t in a.words.iter().chain(&a.grams()) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(t.start < t.end && t.end <= text.len());
        }
        let grams = a.grams();
        let car = grams.iter().find(|g| g.term == "汽车").unwrap();
        assert_eq!(&text[car.start..car.end], "汽車");
    }

    #[test]
    fn signs_attach_only_to_numbers_that_start_a_run() {
        let runs = split_runs("1-8月 e-mail -5%");
        let texts: Vec<_> = runs
            .iter()
            .map(|r| &"1-8月 e-mail -5%"[r.start..r.end])
            .collect();
        assert_eq!(texts, vec!["1", "8", "月", "e", "mail", "-5%"]);
    }

    #[test]
    fn empty_and_punctuation_only_text_has_no_terms() {
        for s in ["", "  ", "，。！？、——……", "*~^()"] {
            let a = analyze(s);
            assert!(a.words.is_empty() && a.grams().is_empty(), "{s:?}");
        }
    }

    /// [`split_runs`] as it was, over a list of the text's chars: the reference.
    fn split_runs_by_char_list(folded: &str) -> Vec<Run> {
        fn is_thousands_group(rest: &[(usize, char)]) -> bool {
            rest.len() >= 3
                && rest[..3].iter().all(|c| c.1.is_ascii_digit())
                && !rest.get(3).is_some_and(|c| c.1.is_ascii_digit())
        }
        let chars: Vec<(usize, char)> = folded.char_indices().collect();
        let mut runs = Vec::new();
        let mut i = 0;
        let end_of = |k: usize| chars.get(k).map_or(folded.len(), |c| c.0);
        while i < chars.len() {
            let (start, c) = chars[i];
            if is_cjk(c) {
                let mut j = i + 1;
                while j < chars.len() && is_cjk(chars[j].1) {
                    j += 1;
                }
                runs.push(Run {
                    kind: RunKind::Cjk,
                    start,
                    end: end_of(j),
                });
                i = j;
                continue;
            }
            let next_is_digit = chars.get(i + 1).is_some_and(|n| n.1.is_ascii_digit());
            let prev_is_latin = i > 0 && is_latin(chars[i - 1].1);
            let signed = (c == '-' || c == '+') && next_is_digit && !prev_is_latin;
            if !is_latin(c) && !signed {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < chars.len() {
                let c = chars[j].1;
                let prev = chars[j - 1].1;
                let next = chars.get(j + 1).map(|n| n.1);
                let ok = is_latin(c)
                    || (c == '.'
                        && prev.is_ascii_digit()
                        && next.is_some_and(|n| n.is_ascii_digit()))
                    || (c == ',' && prev.is_ascii_digit() && is_thousands_group(&chars[j + 1..]))
                    || (c == '\''
                        && prev.is_alphanumeric()
                        && next.is_some_and(char::is_alphabetic));
                if c == '%' && prev.is_ascii_digit() {
                    j += 1;
                    break;
                }
                if !ok {
                    break;
                }
                j += 1;
            }
            runs.push(Run {
                kind: RunKind::Latin,
                start,
                end: end_of(j),
            });
            i = j;
        }
        runs
    }

    #[test]
    fn runs_are_split_as_over_a_list_of_chars() {
        // Random texts over the chars the rules look at, and real ones.
        let alphabet: Vec<char> = "0123456789aZé.,'%-+ 小米汽车國〇𠀀,1-".chars().collect();
        let mut rng = crate::index::test_random::XorShift(0x9E37_79B9_7F4A_7C15);
        let mut texts: Vec<String> = (0..20_000).map(|_| rng.text(&alphabet, 14)).collect();
        texts.extend(
            [
                "小米SU7的毛利率为26.4%，同比-3.5%，交付33,257辆（1,2345 or 12,345,678）",
                "Xiaomi's gross margin rose to 26.4%; it's +5 and -x, e.g. 3.14.15 or 1,23",
                "",
                "。",
                "a",
                "5%%",
                "-5",
            ]
            .map(String::from),
        );
        for t in &texts {
            let folded = fold_str(t);
            assert_eq!(
                split_runs(&folded),
                split_runs_by_char_list(&folded),
                "{folded:?}"
            );
        }
    }
}
