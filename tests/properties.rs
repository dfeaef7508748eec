//! Property tests of the pure core: analysis, folding, query parsing, highlights and
//! snippets, article parsing and claims extraction, over arbitrary strings and over text
//! biased to what articles hold (CJK with traditional forms, full-width ASCII, numbers
//! with units, Chinese punctuation, combining marks, emoji, NUL).
//!
//! Inputs that once failed (here or under `cargo fuzz`) are pinned as plain tests at
//! the end, named after the bug.

use proptest::prelude::*;
use proptest::test_runner::Config;

use wenku::analysis::{Segmenter, analyze, analyze_for_index, fold, fold_str};
use wenku::article::{decode, parse_article};
use wenku::claims::{extract, quantities};
use wenku::search::highlight::{highlights, snippet_text, window};
use wenku::search::query::{Part, parse};
use wenku::search::{SNIPPET_COLUMNS, plan};

/// Pieces articles are made of; the domain strategy strings them together.
const PIECES: &[&str] = &[
    "小米",
    "汽车",
    "毛利率",
    "雷军",
    "表示",
    "指出",
    "说",
    "称",
    "据",
    "认为",
    "分析师",
    "業內人士",
    "汽車",
    "發展",
    "國際",
    "臺灣",
    "說",
    "後發優勢",
    "鴻海",
    "萬",
    "億",
    "個百分點",
    "ＳＵ７",
    "Ｘｉａｏｍｉ",
    "　",
    "１２３",
    "％",
    "26.4%",
    "10万辆",
    "2.43亿美元",
    "3%-5%",
    "-26.95%",
    "1,000",
    "2025年Q2",
    "第二季度",
    "72小时",
    "$26.4 million",
    "20 percent",
    "Lei",
    "said",
    "according to",
    "Mr.",
    "U.S.",
    "Tesla's",
    "gross margin",
    "the",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\0",
    "“",
    "”",
    "「",
    "」",
    "『",
    "』",
    "《",
    "》",
    "，",
    "。",
    "！",
    "？",
    "；",
    "：",
    ",",
    ".",
    "!",
    "?",
    ":",
    ";",
    "\"",
    "'",
    "-",
    "--",
    "+",
    "…",
    "、",
    "（",
    "）",
    "(",
    ")",
    "#",
    "## ",
    "# ",
    "---\n",
    "...\n",
    "title: ",
    "lang: zh",
    "lang: en",
    "图片来源:",
    "图表",
    "表1",
    "\u{301}",
    "\u{308}",
    "\u{20DD}",
    "e\u{301}",
    "😀",
    "👨‍👩‍👧",
    "🇨🇳",
    "㈱",
    "Ⅻ",
    "ﬁ",
    "Straße",
    "ẞ",
    "İstanbul",
    "ǅ",
    "ｶﾞ",
    "ㄱ",
    "\u{FEFF}",
    "\u{200B}",
    "\u{2028}",
    "𠀀",
    "〇",
    "ß",
    "ΐ",
    "\u{345}",
    "Ω",
    "K",
    "ℌ",
    "兒",
    "寬",
    "乾",
    "隆",
    "藉",
    "憑",
    "畫",
    "計",
    "著",
    "看",
    "麽",
    "幺",
    "於",
    "樊",
];

/// A piece of article-like text, or a random character from a block articles use.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(PIECES).prop_map(str::to_string),
        2 => prop::char::range('\u{4E00}', '\u{9FFF}').prop_map(String::from),
        1 => prop::char::range('\u{FF01}', '\u{FF5E}').prop_map(String::from),
        1 => prop::char::range('\u{3000}', '\u{303F}').prop_map(String::from),
        1 => prop::char::range('\u{0300}', '\u{036F}').prop_map(String::from),
        1 => prop::char::range('\u{1F300}', '\u{1FAFF}').prop_map(String::from),
        1 => "[a-zA-Z]{1,8}",
        1 => "[0-9]{1,6}",
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Article-like text of up to `max` pieces.
fn domain(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..max).prop_map(|v| v.concat())
}

/// Arbitrary strings and article-like text, half and half.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), domain(80)]
}

/// A text and a query: another text, or a slice of the text itself (so that it hits).
fn text_and_query() -> impl Strategy<Value = (String, String)> {
    (
        text(),
        text(),
        any::<prop::sample::Index>(),
        0usize..12,
        any::<bool>(),
    )
        .prop_map(|(text, other, at, len, own)| {
            if !own || text.is_empty() {
                return (text, other);
            }
            let chars: Vec<char> = text.chars().collect();
            let start = at.index(chars.len());
            let q: String = chars[start..(start + len).min(chars.len())]
                .iter()
                .collect();
            (text, q)
        })
}

/// `cases` cases, unless `PROPTEST_CASES` asks for more (or fewer) for a longer hunt.
fn config(cases: u32) -> Config {
    let default = Config::default();
    Config {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            default.cases
        } else {
            cases
        },
        failure_persistence: None,
        ..default
    }
}

/// Asserts a byte range lies inside `text`, on char boundaries, start before end.
fn assert_range(text: &str, start: usize, end: usize, what: &str) {
    assert!(start <= end, "{what}: {start} > {end} in {text:?}");
    assert!(
        end <= text.len(),
        "{what}: {end} past {} in {text:?}",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: {start}..{end} not on char boundaries of {text:?}"
    );
}

/// The invariants of analysis, folding, highlights and snippets for one text and query.
fn check_search_path(text: &str, query: &str) {
    let a = analyze(text);
    for t in a.words.iter().chain(&a.grams()) {
        assert_range(text, t.start, t.end, &format!("token {:?}", t.term));
    }
    for r in &a.runs {
        assert_range(&a.folded.text, r.start, r.end, "run");
    }
    let once = fold_str(text);
    assert_eq!(fold_str(&once), once, "folding {text:?} is not idempotent");

    let parts = parse(query);
    for p in &parts {
        match p {
            Part::Plain(w) => assert!(!w.is_empty() && !w.contains(char::is_whitespace)),
            Part::Phrase(w) | Part::Exclude(w) => assert!(!w.is_empty()),
        }
    }
    // The query cut as a search cuts it: against the vocabulary of an index holding text.
    let mut vocabulary = std::collections::HashMap::new();
    for t in &a.words {
        *vocabulary.entry(t.term.clone()).or_insert(0u64) += 1;
    }
    let (_, needles) = plan(query, Segmenter::Lexicon(&vocabulary));
    let hl = highlights(text, &needles);
    for &(s, e) in &hl {
        assert_range(text, s, e, "highlight");
        assert!(s < e, "empty highlight {s}..{e} in {text:?}");
    }
    for pair in hl.windows(2) {
        assert!(pair[0].1 < pair[1].0, "highlights overlap: {hl:?}");
    }
    for columns in [0, 7, SNIPPET_COLUMNS] {
        let w = window(text, &hl, columns);
        assert_range(text, w.start, w.end, "window");
        snippet_text(text, w);
    }
}

/// The invariants of decoding, article parsing and claims for one file.
fn check_article_path(rel_path: &str, bytes: &[u8]) {
    let Ok(d) = decode(bytes) else {
        return;
    };
    assert!(!d.text.trim().is_empty());
    assert!(!d.text.contains('\r'), "a CR survived decoding");
    let a = parse_article(rel_path, &d.text);
    let (mut last, mut last_section) = (0, 0);
    for p in &a.passages {
        assert!(!p.text.trim().is_empty(), "blank passage in {a:?}");
        assert!(p.paragraph >= 1 && p.paragraph >= last, "{a:?}");
        last = p.paragraph;
        // The section number names the passage's heading in the article's list.
        let numbered = (p.section_number as usize)
            .checked_sub(1)
            .map(|i| a.sections.get(i));
        assert_eq!(numbered, p.section.as_ref().map(Some), "{a:?}");
        assert!(p.section_number >= last_section, "{a:?}");
        last_section = p.section_number;
    }
    let texts: Vec<&str> = a.passages.iter().map(|p| p.text.as_str()).collect();
    let claims = extract(&texts);
    assert_eq!(claims.len(), texts.len());
    for (c, passage) in claims.iter().zip(&texts) {
        for q in &c.quotes {
            assert_range(passage, q.start, q.end, "quote");
            assert_eq!(q.sentence, passage[q.start..q.end]);
            assert!(!q.speaker.is_empty(), "{q:?}");
        }
        for f in &c.figures {
            assert_range(passage, f.start, f.end, "figure");
            assert_eq!(f.sentence, passage[f.start..f.end]);
            assert!(!f.quantities.is_empty());
            for q in &f.quantities {
                assert!(f.sentence.contains(q.as_str()), "{q:?} not in {f:?}");
            }
        }
    }
}

/// Folding is char by char except fast2s's context rules, so every char folded alone
/// and the pieces with context rules (in the domain strategy) cover idempotence.
#[test]
fn folding_every_char_is_idempotent() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let once = fold_str(c.encode_utf8(&mut [0; 4]));
        assert_eq!(fold_str(&once), once, "U+{:04X}", c as u32);
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn search_path_invariants_hold((text, query) in text_and_query()) {
        check_search_path(&text, &query);
    }

    #[test]
    fn indexing_analysis_finds_what_analysis_finds(text in text()) {
        let a = analyze(&text);
        let i = analyze_for_index(&text);
        prop_assert_eq!(&i.folded, &a.folded.text);
        prop_assert_eq!(&i.runs, &a.runs);
        let words: Vec<(usize, &str)> = a.words.iter().map(|t| (t.position, t.term.as_str())).collect();
        prop_assert_eq!(i.words().collect::<Vec<_>>(), words);
    }

    #[test]
    fn folding_is_idempotent(text in text()) {
        let once = fold_str(&text);
        prop_assert_eq!(fold_str(&once), once);
    }

    #[test]
    fn folded_ranges_map_to_char_boundaries(text in text(), a in any::<usize>(), b in any::<usize>()) {
        let f = fold(&text);
        let (s, e) = (a % (f.text.len() + 1), b % (f.text.len() + 1));
        let (s, e) = (s.min(e), s.max(e));
        let (x, y) = f.original_range(s, e);
        assert_range(&text, x, y, "original_range");
    }

    #[test]
    fn article_path_invariants_hold(text in text(), md in any::<bool>()) {
        check_article_path(if md { "a.md" } else { "a.txt" }, text.as_bytes());
    }

    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_article_path("a.md", &bytes);
    }

    #[test]
    fn quantities_lie_in_their_sentence(text in text()) {
        for q in quantities(&text) {
            assert_range(&text, q.start, q.end, "quantity");
            prop_assert_eq!(&q.text, &text[q.start..q.end]);
        }
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// Long paragraphs are split at sentence ends; long lines matter.
    #[test]
    fn long_articles_keep_their_invariants(text in domain(2500), md in any::<bool>()) {
        check_article_path(if md { "a.md" } else { "a.txt" }, text.as_bytes());
        check_search_path(&text, "小米 “毛利率” -汽车 SU7");
    }
}
