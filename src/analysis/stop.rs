//! Words that say what a query asks rather than what the answer contains: English
//! function words and Chinese interrogatives. They are left out of ranking terms (a
//! passage rarely holds `什么` or `which`, so their rarity would otherwise make them
//! weigh most), but never out of phrases.

/// English words too common to help ranking (as analysed: lower-case, stemmed).
const ENGLISH: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "did", "do", "doe", "for", "from", "had",
    "has", "have", "how", "in", "is", "it", "it'", "its", "of", "on", "or", "that", "the", "to",
    "was", "were", "what", "when", "where", "which", "who", "whom", "whose", "why", "with",
];

/// Chinese interrogatives (simplified, as folded), longest first so that `哪一位` is
/// taken whole before `哪`. Only words that are not part of common content words:
/// no lone `何` (任何) or `几` (几乎).
const CHINESE_QUESTION: &[&str] = &[
    "什么时候",
    "什么样",
    "为什么",
    "怎么样",
    "哪一个",
    "哪一位",
    "哪一年",
    "哪一种",
    "什么",
    "为何",
    "哪一",
    "哪个",
    "哪些",
    "哪里",
    "哪儿",
    "哪位",
    "哪种",
    "哪年",
    "哪家",
    "多少",
    "如何",
    "怎么",
    "怎样",
    "何时",
    "何地",
    "何种",
    "何处",
    "是否",
    "哪",
    "谁",
];

/// Is this analysed English term a stop word?
pub fn is_stopword(term: &str) -> bool {
    ENGLISH.contains(&term)
}

/// Blanks out the Chinese interrogatives of a folded query, if anything else is left:
/// `定子的另一种名称是什么` → `定子的另一种名称是 `. Returns `None` when there is
/// nothing to strip or the query is nothing but interrogatives (then they are what the
/// user is looking for).
pub fn strip_question_words(folded: &str) -> Option<String> {
    let mut out = folded.to_string();
    let mut changed = false;
    for w in CHINESE_QUESTION {
        if out.contains(w) {
            out = out.replace(w, &" ".repeat(w.chars().count()));
            changed = true;
        }
    }
    let content_left = out.chars().any(|c| c.is_alphanumeric());
    (changed && content_left).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interrogatives_are_blanked_keeping_the_rest() {
        assert_eq!(
            strip_question_words("定子的另一种名称是什么?").as_deref(),
            Some("定子的另一种名称是  ?")
        );
        assert_eq!(
            strip_question_words("哪一位法国皇帝").as_deref(),
            Some("   法国皇帝")
        );
        assert_eq!(strip_question_words("任何人几乎都知道"), None);
        // `什么样` goes whole, not leaving a stray `样`.
        assert_eq!(
            strip_question_words("什么样的城市").as_deref(),
            Some("   的城市")
        );
        assert_eq!(strip_question_words("为什么"), None);
        assert!(is_stopword("the") && !is_stopword("tesla"));
    }
}
