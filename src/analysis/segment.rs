//! Chinese word segmentation: jieba in search mode over runs of CJK characters.
//!
//! This is the only file that talks to jieba, so the segmenter can be replaced (for
//! example by one built from the index's own vocabulary) without touching the rest.

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

/// Segments a run of (folded) CJK characters in jieba's search mode.
pub fn segment(run: &str) -> Vec<Segment> {
    let tokens = JIEBA.cut_for_search(run, true);
    // Search mode emits a word's inner dictionary words before the word itself, so walk
    // backwards: each word that is not inside the current group's word opens a group.
    let mut out = Vec::with_capacity(tokens.len());
    let mut group_range = (usize::MAX, usize::MAX);
    let mut groups = 0usize;
    for t in tokens.iter().rev() {
        let inside = t.byte_start >= group_range.0 && t.byte_end <= group_range.1;
        if !inside {
            groups += 1;
            group_range = (t.byte_start, t.byte_end);
        }
        out.push(Segment {
            start: t.byte_start,
            end: t.byte_end,
            group: groups,
        });
    }
    out.reverse();
    for s in &mut out {
        s.group = groups - s.group;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(run: &str) -> Vec<(&str, usize)> {
        segment(run)
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
}
