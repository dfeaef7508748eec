//! A query string through what `wenku search` does before and after the index: query
//! syntax, the query plan (the query cut against an index's vocabulary) and its highlight needles, analysis of each part, then
//! highlights, snippet window and snippet text on a fixed passage and on the query
//! itself. Ranges must lie on char boundaries and highlights must not overlap.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;
use std::sync::LazyLock;

use wenku::analysis::{Segmenter, analyze, fold_str};
use wenku::search::highlight::{highlights, snippet_text, window};
use wenku::search::query::{Part, parse};
use wenku::search::{SNIPPET_COLUMNS, plan};

const PASSAGE: &str = "“晚有晚的好处，有后发优势。”正如小米集团创始人雷军所言，小米SU7上市72小时大定突破10万辆，\
毛利率已达到26.4%（同比-26.95%）。業內人士指出，ＳＵ７的交付仍受產能限制。\n\
Xiaomi's gross margin rose to 26.4 percent in Q2 2025, according to analysts at UBS. \
\"We are late, but late has its advantages,\" Lei Jun said.";

/// The word vocabulary of an index holding PASSAGE: what a search cuts queries with.
static VOCABULARY: LazyLock<HashMap<String, u64>> = LazyLock::new(|| {
    let mut v = HashMap::new();
    for t in analyze(PASSAGE).words {
        *v.entry(t.term).or_insert(0) += 1;
    }
    v
});

fn check_highlights(text: &str, hl: &[(usize, usize)]) {
    for &(s, e) in hl {
        assert!(s < e && e <= text.len(), "{s}..{e} of {text:?}");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
    }
    for pair in hl.windows(2) {
        assert!(pair[0].1 < pair[1].0, "overlapping highlights {hl:?}");
    }
    for columns in [0, 9, SNIPPET_COLUMNS] {
        let w = window(text, hl, columns);
        assert!(w.start <= w.end && w.end <= text.len());
        assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
        snippet_text(text, w);
    }
}

fuzz_target!(|bytes: &[u8]| {
    let query = String::from_utf8_lossy(bytes);
    for part in parse(&query) {
        let (Part::Plain(text) | Part::Phrase(text) | Part::Exclude(text)) = part;
        assert!(!text.is_empty());
        analyze(&text);
    }
    let once = fold_str(&query);
    assert_eq!(fold_str(&once), once, "folding is not idempotent");
    let (_, needles) = plan(&query, Segmenter::Lexicon(&*VOCABULARY));
    check_highlights(PASSAGE, &highlights(PASSAGE, &needles));
    check_highlights(&query, &highlights(&query, &needles));
});
