//! Folding: the one normal form that indexing and querying both compare in.
//!
//! Each character is folded on its own — NFKC (full-width → half-width, compatibility
//! ideographs → unified), lower case, traditional → simplified — so that every folded
//! character can be traced back to the original character it came from. Folding happens
//! before segmentation: jieba's dictionary is simplified, and `國際` must reach it as `国际`.

use unicode_normalization::UnicodeNormalization;

use super::simplify::{self, Simplifier};

/// Text in folded form, with a map back to byte offsets in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each char of `text`, in order: (byte offset in `text`, original start, original end).
    spans: Vec<(usize, usize, usize)>,
}

impl Folded {
    /// Maps a byte range of the folded text (on char boundaries) to the byte range of the
    /// original text it came from. Always returns a range on original char boundaries.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.char_index(start);
        let last = if end > start {
            self.char_index(end - 1)
        } else {
            first
        };
        self.chars_original_range(first, last)
    }

    /// [`Folded::original_range`] of the folded chars `first..=last`, given by their
    /// index in the folded text: for a caller that walks the chars and knows where it
    /// is, without a search per range.
    pub(crate) fn chars_original_range(&self, first: usize, last: usize) -> (usize, usize) {
        match (self.spans.get(first), self.spans.get(last)) {
            (Some(a), Some(b)) => (a.1, b.2.max(a.1)),
            _ => {
                let end = self.spans.last().map_or(0, |s| s.2);
                (end, end)
            }
        }
    }

    /// Index of the folded char that contains byte `offset` of the folded text.
    fn char_index(&self, offset: usize) -> usize {
        match self.spans.binary_search_by(|s| s.0.cmp(&offset)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

/// Folds `text` for comparison: NFKC width folding, lower case, traditional → simplified.
///
/// ```
/// assert_eq!(wenku::analysis::fold("ＳＵ７ 小米汽車").text, "su7 小米汽车");
/// ```
pub fn fold(text: &str) -> Folded {
    let mut spans = Vec::with_capacity(text.len());
    let text = fold_with(text, |span| spans.push(span));
    Folded { text, spans }
}

/// Folds a string and returns only the folded text (for queries and filters).
pub fn fold_str(text: &str) -> String {
    fold_with(text, |_| {})
}

/// Folds `text`, calling `span` with (byte offset in the folded text, original start,
/// original end) for each folded char in order (a filter matching 300,000 section
/// headings spent half its folding time keeping spans it did not need).
#[inline]
fn fold_with(text: &str, mut span: impl FnMut((usize, usize, usize))) -> String {
    let mut out = String::with_capacity(text.len());
    // Traditional → simplified as the chars are written: it converts char for char
    // without changing a char's UTF-8 length, so the spans hold for its result.
    let mut simplifier = Simplifier::default();
    for (start, c) in text.char_indices() {
        let end = start + c.len_utf8();
        if c.is_ascii() {
            span((out.len(), start, end));
            simplifier.push(&mut out, c.to_ascii_lowercase());
            continue;
        }
        if matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF) {
            // Unified ideographs: NFKC leaves them as they are and they have no case
            // (most of a Chinese text; the general path below was most of `fold`).
            span((out.len(), start, end));
            simplifier.push(&mut out, c);
            continue;
        }
        if let Some(folded) = symbol(c).and_then(|s| s.fold) {
            // Punctuation: the general path's answer, worked out once.
            span((out.len(), start, end));
            simplifier.push(&mut out, folded);
            continue;
        }
        for n in std::iter::once(c).nfkc() {
            for l in n.to_lowercase() {
                span((out.len(), start, end));
                simplifier.push(&mut out, l);
            }
        }
    }
    simplifier.finish(&mut out);
    out
}

/// The blocks of the punctuation and symbols Chinese text is full of (general
/// punctuation, CJK symbols and punctuation, full- and half-width forms): what folding
/// and [`super::split_runs`] ask of their chars is worked out once, not looked up in
/// Unicode's tables each time (about 3% of indexing analysis).
const SYMBOL_BLOCKS: [std::ops::RangeInclusive<u32>; 3] =
    [0x2000..=0x206F, 0x3000..=0x303F, 0xFF00..=0xFFEF];

/// What is known of a char of [`SYMBOL_BLOCKS`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Symbol {
    /// Its fold, when that is one char.
    pub fold: Option<char>,
    /// `char::is_alphanumeric`.
    pub alphanumeric: bool,
}

/// The [`Symbol`] of every char of [`SYMBOL_BLOCKS`], block after block.
static SYMBOLS: std::sync::LazyLock<Vec<Option<Symbol>>> = std::sync::LazyLock::new(|| {
    SYMBOL_BLOCKS
        .iter()
        .cloned()
        .flatten()
        .map(|u| {
            char::from_u32(u).map(|c| {
                let mut folded = std::iter::once(c).nfkc().flat_map(char::to_lowercase);
                let fold = match (folded.next(), folded.next()) {
                    // The typographic apostrophe is the apostrophe (Xiaomi’s, don’t);
                    // as a closing quote it separates words as either does.
                    _ if c == '\u{2019}' => Some('\''),
                    (Some(one), None) => Some(one),
                    _ => None,
                };
                Symbol {
                    fold,
                    alphanumeric: c.is_alphanumeric(),
                }
            })
        })
        .collect()
});

/// The [`Symbol`] of `c`, if it is in [`SYMBOL_BLOCKS`].
pub(crate) fn symbol(c: char) -> Option<Symbol> {
    let u = c as u32;
    let mut index = 0;
    for block in &SYMBOL_BLOCKS {
        if block.contains(&u) {
            return SYMBOLS
                .get(index + (u - block.start()) as usize)
                .copied()
                .flatten();
        }
        index += (block.end() - block.start() + 1) as usize;
    }
    None
}

/// The blocks outside the unified ideographs whose chars NFKC may turn into unified
/// ideographs (radicals, enclosed and squared ideographs, compatibility ideographs);
/// no other char folds into one (tested against every char).
const IDEOGRAPHIC_COMPATIBILITY: &[std::ops::RangeInclusive<u32>] = &[
    0x2E80..=0x2FDF,
    0x3000..=0x33FF,
    0xF900..=0xFAFF,
    0xFE30..=0xFE4F,
    0xFF00..=0xFFEF,
    0x1F200..=0x1F2FF,
    0x2F800..=0x2FA1F,
];

/// What folds into `targets` (unified ideographs): every char that folds, in some
/// context, into one char that is a target, with the target (the targets themselves
/// among them); and the chars that fold into several chars, one of which may be a
/// target. A search for the cues of folded text can then run on the text as written.
pub fn unfold(targets: &[char]) -> (Vec<(char, char)>, Vec<char>) {
    let simplified = simplify::sources_of(targets);
    let reaches = |u: char| {
        simplified
            .iter()
            .filter(move |(s, _)| *s == u)
            .map(|&(_, t)| t)
    };
    let mut single = simplified.clone();
    let mut several = Vec::new();
    for c in IDEOGRAPHIC_COMPATIBILITY
        .iter()
        .cloned()
        .flatten()
        .filter_map(char::from_u32)
    {
        let folded: Vec<char> = std::iter::once(c)
            .nfkc()
            .flat_map(char::to_lowercase)
            .collect();
        match folded.as_slice() {
            [u] => single.extend(reaches(*u).map(|t| (c, t))),
            many => {
                if many.iter().any(|&u| reaches(u).next().is_some()) {
                    several.push(c);
                }
            }
        }
    }
    single.sort_unstable();
    single.dedup();
    (single, several)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_latin_and_digits_become_half_width_lower_case() {
        assert_eq!(fold_str("ＳＵ７"), "su7");
        assert_eq!(fold_str("Ｘｉａｏｍｉ　Ｐｉｌｏｔ"), "xiaomi pilot");
    }

    #[test]
    fn the_ideograph_fast_path_skips_only_what_nfkc_and_lower_case_leave_alone() {
        for c in (0x3400..=0x4DBF)
            .chain(0x4E00..=0x9FFF)
            .filter_map(char::from_u32)
        {
            let general: String = std::iter::once(c)
                .nfkc()
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(general, c.to_string(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_symbol_fast_path_gives_the_general_path_s_answers() {
        for c in SYMBOL_BLOCKS
            .iter()
            .cloned()
            .flatten()
            .filter_map(char::from_u32)
        {
            let general = general_fold(c);
            let s = symbol(c).expect("in a block");
            if let Some(f) = s.fold {
                assert_eq!(general, f.to_string(), "U+{:04X}", c as u32);
            } else {
                assert!(general.chars().count() != 1, "U+{:04X}", c as u32);
            }
            assert_eq!(s.alphanumeric, c.is_alphanumeric(), "U+{:04X}", c as u32);
        }
        assert!(symbol('a').is_none() && symbol('中').is_none());
        assert_eq!(
            fold_str("「小米」，“SU7”…ＡＢ"),
            "「小米」,\u{201c}su7\u{201d}...ab"
        );
        assert_eq!(fold_str("Xiaomi’s ‘SU7’"), "xiaomi's \u{2018}su7'");
    }

    #[test]
    fn traditional_becomes_simplified() {
        assert_eq!(fold_str("小米汽車"), "小米汽车");
        assert_eq!(fold_str("國際"), "国际");
        assert_eq!(fold_str("發展"), "发展");
    }

    #[test]
    fn folding_is_idempotent() {
        for s in ["ＳＵ７ 小米汽車 國際 Ⅻ ㈱ Straße İstanbul", "26.4%，毛利率"] {
            let once = fold_str(s);
            assert_eq!(fold_str(&once), once, "{s}");
        }
    }

    #[test]
    fn context_dependent_simplification_is_folded_to_a_fixed_point() {
        // Found checking that folding is idempotent: one fast2s pass gave `兒宽`, two `儿宽`.
        for s in ["兒寬", "兒宽", "儿宽"] {
            assert_eq!(fold_str(s), "儿宽", "{s}");
        }
        assert_eq!(fold_str("乾隆"), "乾隆");
    }

    #[test]
    fn ranges_map_back_to_original_char_boundaries() {
        let text = "ＳＵ７大定，汽車";
        let f = fold(text);
        let start = f.text.find("汽车").unwrap();
        let (a, b) = f.original_range(start, start + "汽车".len());
        assert_eq!(&text[a..b], "汽車");
        let (a, b) = f.original_range(0, 3);
        assert_eq!(&text[a..b], "ＳＵ７");
    }

    #[test]
    fn expanding_compatibility_chars_map_to_their_source() {
        let text = "a㈱b";
        let f = fold(text);
        assert_eq!(f.text, "a(株)b");
        let (a, b) = f.original_range(1, f.text.len() - 1);
        assert_eq!(&text[a..b], "㈱");
    }

    #[test]
    fn char_ranges_map_back_as_byte_ranges_do() {
        let text = "a㈱ＳＵ７大定，汽車𠀀Ⅻ";
        let f = fold(text);
        let starts: Vec<usize> = f.text.char_indices().map(|(i, _)| i).collect();
        let end_of = |k: usize| starts.get(k + 1).copied().unwrap_or(f.text.len());
        for first in 0..starts.len() {
            for last in first..starts.len() {
                assert_eq!(
                    f.chars_original_range(first, last),
                    f.original_range(starts[first], end_of(last)),
                    "chars {first}..={last}"
                );
            }
        }
    }

    /// The fold of one char by its definition: NFKC, lower case; the typographic
    /// apostrophe is the apostrophe.
    fn general_fold(c: char) -> String {
        if c == '\u{2019}' {
            return "'".into();
        }
        std::iter::once(c)
            .nfkc()
            .flat_map(char::to_lowercase)
            .collect()
    }

    /// `fold` as it was, with fast2s converting its whole result: the reference.
    fn fold_with_fast2s(text: &str) -> String {
        let unconverted: String = text.chars().map(general_fold).collect();
        crate::analysis::simplify::tests::fast2s_fixed_point(&unconverted)
    }

    #[test]
    fn every_char_folds_as_with_fast2s() {
        let all: String = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, ' '])
            .collect();
        assert!(fold_str(&all) == fold_with_fast2s(&all));
    }

    #[test]
    fn every_char_folds_as_with_fast2s_beside_every_rule_char() {
        // fast2s's rules read a char's neighbours after width and case folding: every
        // unified ideograph, and every char that folding changes (a compatibility
        // ideograph may become a char a rule names), between two copies of each char a
        // rule names. (Any other char only ever stands beside a rule char unnamed.)
        let chars: Vec<char> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| {
                matches!(c as u32, 0x4E00..=0x9FFF)
                    || !std::iter::once(c)
                        .nfkc()
                        .flat_map(char::to_lowercase)
                        .eq(std::iter::once(c))
            })
            .collect();
        for n in crate::analysis::simplify::tests::rule_alphabet() {
            let mut text = String::new();
            for &c in &chars {
                text.push(n);
                text.push(c);
            }
            text.push(n);
            assert!(fold_str(&text) == fold_with_fast2s(&text), "beside {n}");
        }
    }

    fn is_unified(c: char) -> bool {
        matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
    }

    #[test]
    fn only_the_compatibility_blocks_fold_into_unified_ideographs() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let u = c as u32;
            if is_unified(c) || IDEOGRAPHIC_COMPATIBILITY.iter().any(|r| r.contains(&u)) {
                continue;
            }
            assert!(
                !fold_str(&c.to_string()).chars().any(is_unified),
                "U+{u:04X} folds into a unified ideograph outside the listed blocks"
            );
        }
    }

    #[test]
    fn unfold_finds_every_char_that_folds_into_a_target() {
        let targets = ['说', '称', '据', '话', '干', '借', '月', '国'];
        let (single, several) = unfold(&targets);
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let folded: Vec<char> = fold_str(&c.to_string()).chars().collect();
            match folded.as_slice() {
                [t] if targets.contains(t) => {
                    assert!(single.contains(&(c, *t)), "{c} (U+{:04X}) → {t}", c as u32);
                }
                many if many.iter().any(|t| targets.contains(t)) => {
                    assert!(several.contains(&c), "{c} (U+{:04X})", c as u32);
                }
                _ => {}
            }
        }
        // Chars that only their neighbours turn into a target.
        assert!(single.contains(&('藉', '借')));
        assert!(single.contains(&('乾', '干')));
        for (c, t) in [
            ('說', '说'),
            ('稱', '称'),
            ('據', '据'),
            ('⽉', '月'),
            ('國', '国'),
        ] {
            assert!(single.contains(&(c, t)), "{c}");
        }
        assert!(several.contains(&'㋀'), "㋀ folds into 1月");
    }
}
