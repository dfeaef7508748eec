//! Highlights and snippets: where the query's terms occur in a passage, as byte ranges
//! that always fall on character boundaries of the passage text.

use std::cell::OnceCell;
use std::collections::HashSet;

use crate::analysis::{self, RunKind};

/// What to highlight: folded CJK strings (found as substrings) and Latin terms (matched
/// after the same analysis as the index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needles {
    /// Folded Chinese strings.
    pub cjk: Vec<String>,
    /// Latin terms (stems, numbers, codes).
    pub latin: HashSet<String>,
}

/// Byte ranges of `text` that match the needles, sorted and merged.
pub fn highlights(text: &str, needles: &Needles) -> Vec<(usize, usize)> {
    let folded = analysis::fold(text);
    let f = &folded.text;
    let mut ranges = Vec::new();
    for needle in needles.cjk.iter().filter(|n| !n.is_empty()) {
        for (start, _) in f.match_indices(needle.as_str()) {
            ranges.push(folded.original_range(start, start + needle.len()));
        }
    }
    if !needles.latin.is_empty() {
        for run in analysis::split_runs(f) {
            if run.kind == RunKind::Latin
                && analysis::latin_terms(&f[run.start..run.end])
                    .iter()
                    .any(|t| needles.latin.contains(t))
            {
                ranges.push(folded.original_range(run.start, run.end));
            }
        }
    }
    merge(ranges)
}

/// Folded texts, to ask of several [`Needles`] whether any of them occurs (as
/// [`highlights`] would find it) without folding the texts again each time, and
/// stemming only the Latin words that could be a needle's: a term starts with its
/// word's first char (after a sign, for a number).
pub struct Shown {
    /// The folded texts, one after another, separated by a newline.
    folded: String,
    /// Its Latin runs.
    latin: Vec<LatinRun>,
}

/// A Latin run of [`Shown`]'s text: its byte range, its first chars (as written, and
/// after a sign), and its terms once asked for.
struct LatinRun {
    range: std::ops::Range<usize>,
    firsts: [Option<char>; 2],
    terms: OnceCell<Vec<String>>,
}

impl Shown {
    /// The texts, each already folded.
    pub fn new(folded_texts: impl IntoIterator<Item = String>) -> Shown {
        let mut folded = String::new();
        for t in folded_texts {
            folded.push_str(&t);
            folded.push('\n');
        }
        let latin = analysis::split_runs(&folded)
            .into_iter()
            .filter(|r| r.kind == RunKind::Latin)
            .map(|r| {
                let run = &folded[r.start..r.end];
                let firsts = [
                    run.chars().next(),
                    run.trim_start_matches(['-', '+']).chars().next(),
                ];
                LatinRun {
                    range: r.start..r.end,
                    firsts,
                    terms: OnceCell::new(),
                }
            })
            .collect();
        Shown { folded, latin }
    }

    /// Does any of the needles occur in the texts?
    pub fn any(&self, needles: &Needles) -> bool {
        needles
            .cjk
            .iter()
            .any(|n| !n.is_empty() && self.folded.contains(n.as_str()))
            || needles.latin.iter().any(|t| {
                let first = t.chars().next();
                self.latin.iter().any(|r| {
                    r.firsts.contains(&first)
                        && r.terms
                            .get_or_init(|| analysis::latin_terms(&self.folded[r.range.clone()]))
                            .contains(t)
                })
            })
    }
}

fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Display columns of a char: 2 for wide (CJK, full-width), else 1.
fn width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// A window of a passage to show: byte range on char boundaries, and whether text was
/// cut before or after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Start byte offset in the passage text.
    pub start: usize,
    /// End byte offset in the passage text.
    pub end: usize,
}

/// Characters that end a sentence; a snippet's lead-in does not reach back past one.
const SENTENCE_END: &[char] = &['。', '！', '？', '；', '!', '?', ';', '\n'];

/// Picks the window of about `columns` display columns that holds the most highlights,
/// starting a little before the first of them. Newlines count as spaces.
pub fn window(text: &str, highlights: &[(usize, usize)], columns: usize) -> Window {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // The window starting at char index `i`: its end char index.
    let end_from = |i: usize| {
        let mut cols = 0;
        let mut j = i;
        while j < chars.len() && cols + width(chars[j].1) <= columns {
            cols += width(chars[j].1);
            j += 1;
        }
        j
    };
    let byte = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
    let char_at = |b: usize| chars.partition_point(|c| c.0 < b);
    let lead = columns / 8;
    let mut best = (0usize, 0usize); // (count, start char)
    for &(hs, _) in highlights {
        let mut i = char_at(hs);
        let mut cols = 0;
        // Lead in with some context, but not across the end of a sentence.
        while i > 0
            && cols + width(chars[i - 1].1) <= lead
            && !SENTENCE_END.contains(&chars[i - 1].1)
        {
            cols += width(chars[i - 1].1);
            i -= 1;
        }
        let end = byte(end_from(i));
        let start = byte(i);
        let count = highlights
            .iter()
            .filter(|(s, e)| *s >= start && *e <= end)
            .count();
        if count > best.0 {
            best = (count, i);
        }
    }
    // Do not start inside a number or an English word (`…25年` for `2025年`).
    let mut start_char = best.1;
    let in_word = |k: usize| chars[k].1.is_ascii_alphanumeric() || chars[k].1 == '.';
    while start_char > 0
        && start_char < chars.len()
        && in_word(start_char)
        && in_word(start_char - 1)
    {
        start_char -= 1;
    }
    Window {
        start: byte(start_char),
        end: byte(end_from(start_char)),
    }
}

/// The plain snippet text for a window: newlines flattened, `…` where text was cut.
pub fn snippet_text(text: &str, w: Window) -> String {
    let mut s = String::new();
    if w.start > 0 {
        s.push('…');
    }
    s.push_str(&text[w.start..w.end].replace(['\n', '\r'], " "));
    if w.end < text.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_finds_what_highlights_would_stemming_only_candidates() {
        let shown = Shown::new([analysis::fold_str(
            "Losses fell -26.95% in 1,000 towns; 小米亏损",
        )]);
        let latin = |t: &str| Needles {
            cjk: Vec::new(),
            latin: [t.to_string()].into_iter().collect(),
        };
        for t in ["loss", "fell", "town", "-26.95%", "26.95%", "26.95", "1000"] {
            assert!(shown.any(&latin(t)), "{t}");
        }
        for t in ["lose", "ton", "27"] {
            assert!(!shown.any(&latin(t)), "{t}");
        }
        let cjk = Needles {
            cjk: vec!["亏损".into()],
            latin: HashSet::new(),
        };
        assert!(shown.any(&cjk));
        assert!(!shown.any(&Needles::default()));
    }

    fn needles(cjk: &[&str], latin: &[&str]) -> Needles {
        Needles {
            cjk: cjk.iter().map(|s| s.to_string()).collect(),
            latin: latin.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn highlights_map_folded_matches_back_to_the_original() {
        let text = "小米汽車的ＳＵ７交付";
        let h = highlights(text, &needles(&["汽车"], &["su7"]));
        let got: Vec<&str> = h.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(got, vec!["汽車", "ＳＵ７"]);
    }

    #[test]
    fn english_highlights_match_stems() {
        let text = "Xiaomi's deliveries rose while margins improved.";
        let h = highlights(text, &needles(&[], &["deliveri", "margin"]));
        let got: Vec<&str> = h.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(got, vec!["deliveries", "margins"]);
    }

    #[test]
    fn overlapping_matches_merge() {
        let h = highlights("毛利率提升", &needles(&["毛利率", "利率", "毛利"], &[]));
        assert_eq!(h, vec![(0, 9)]);
    }

    #[test]
    fn window_is_on_char_boundaries_and_holds_the_highlight() {
        let text = "前".repeat(200) + "毛利率" + &"后".repeat(200);
        let h = highlights(&text, &needles(&["毛利率"], &[]));
        let w = window(&text, &h, 80);
        assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
        assert!(w.start <= h[0].0 && h[0].1 <= w.end);
        let snippet = snippet_text(&text, w);
        assert!(snippet.starts_with('…') && snippet.ends_with('…'));
        assert!(snippet.chars().count() <= 42, "{snippet}");
    }

    #[test]
    fn window_lead_in_stops_at_a_sentence_end() {
        let text = "前一句话结束了。2025年毛利率达到26.4%,同比提升。";
        let h = highlights(text, &needles(&["毛利率"], &[]));
        let w = window(text, &h, 80);
        assert!(
            text[w.start..].starts_with("2025年"),
            "{}",
            &text[w.start..]
        );
    }

    #[test]
    fn window_does_not_start_inside_a_number() {
        let text = format!("{}营收12345678毛利率依然保持在17%左右。", "前".repeat(80));
        let h = highlights(&text, &needles(&["毛利率"], &[]));
        let w = window(&text, &h, 40);
        let shown = &text[w.start..];
        assert!(shown.starts_with("12345678"), "{shown}");
        assert!(w.start <= h[0].0 && h[0].1 <= w.end);
    }

    #[test]
    fn window_without_highlights_starts_at_the_beginning() {
        let w = window("short text", &[], 80);
        assert_eq!(w, Window { start: 0, end: 10 });
    }
}
