//! Words that say what a query asks rather than what the answer contains: English
//! function words and Chinese interrogatives. They are left out of ranking terms (a
//! passage rarely holds `什么` or `which`, so their rarity would otherwise make them
//! weigh most), but never out of phrases.

/// English words too common to help ranking (as analysed: lower-case, stemmed).
const ENGLISH: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "did", "do", "doe", "for", "from", "had",
    "has", "have", "how", "in", "is", "it", "it'", "its", "of", "on", "or", "that", "the", "to",
    "was", "were", "what", "when", "where", "which", "who", "whom", "whose", "why", "whi", "with",
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

/// English interrogative phrases whose last words are no content of the answer (`how
/// many` asks for a number; `many` is rarely written beside it), lower-case.
const ENGLISH_QUESTION: &[&str] = &[
    "how many",
    "how much",
    "what kind of",
    "what kinds of",
    "what type of",
    "what types of",
    "what sort of",
];

/// Blanks out a query's interrogatives, which say what is asked, not what the answer
/// holds, so that neither ranking nor translation uses them: the Chinese ones its
/// folded form holds (longest first, each char taken once: `什么样` goes whole, not
/// leaving a stray `样`), and the English phrases that only ask (`how many`, `what kind
/// of`). They are blanked in the text as written, byte for byte, so that the rest keeps
/// its offsets, case and width (`Xiaomi 什麼時候盈利` → `Xiaomi` and `盈利` where they
/// were). `None` when there is nothing to blank or the query is nothing but
/// interrogatives (then they are what the user is looking for).
pub fn blank_question_words(text: &str) -> Option<String> {
    let folded = super::fold(text);
    // The folded text with what is taken blanked (a CJK char by as many bytes, so
    // offsets stay those of `folded`).
    let mut f = folded.text.clone();
    let mut blank = vec![false; text.len()];
    for w in CHINESE_QUESTION {
        while let Some(at) = f.find(w) {
            let (start, end) = folded.original_range(at, at + w.len());
            blank[start..end].iter_mut().for_each(|b| *b = true);
            f.replace_range(at..at + w.len(), &" ".repeat(w.len()));
        }
    }
    // (ASCII lower-casing keeps every byte where it was.)
    let lower = text.to_ascii_lowercase();
    let word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    for w in ENGLISH_QUESTION {
        for (at, _) in lower.match_indices(w) {
            let end = at + w.len();
            if !word_char(lower[..at].chars().next_back())
                && !word_char(lower[end..].chars().next())
            {
                blank[at..end].iter_mut().for_each(|b| *b = true);
            }
        }
    }
    if !blank.contains(&true) {
        return None;
    }
    // Whole chars only (a range maps to whole chars of the original).
    let out: String = text
        .char_indices()
        .map(|(i, c)| {
            if blank[i] {
                " ".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect();
    out.chars().any(char::is_alphanumeric).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_function_words_are_stop_words_as_analysed() {
        // The list holds terms as analysis makes them: `why` is stemmed to `whi`,
        // `does` to `doe`.
        for word in ["why", "Why", "does", "what", "the", "it's", "which"] {
            let terms = super::super::latin_terms(&word.to_lowercase());
            assert!(terms.iter().all(|t| is_stopword(t)), "{word}: {terms:?}");
        }
        assert!(!is_stopword("xiaomi"));
    }

    #[test]
    fn interrogatives_are_blanked_in_the_text_as_written() {
        let blanked = blank_question_words("Xiaomi 什麼時候盈利?").unwrap();
        assert_eq!(blanked.len(), "Xiaomi 什麼時候盈利?".len());
        assert_eq!(
            blanked.split_whitespace().collect::<Vec<_>>(),
            ["Xiaomi", "盈利?"]
        );
        assert_eq!(blank_question_words("小米 毛利率"), None);
        assert_eq!(blank_question_words("什么"), None);
        let blanked = blank_question_words("How many SU7 orders? What kind of battery?").unwrap();
        assert_eq!(
            blanked.split_whitespace().collect::<Vec<_>>(),
            ["SU7", "orders?", "battery?"]
        );
        // Whole words only.
        assert_eq!(blank_question_words("somehow manyfold"), None);
    }

    #[test]
    fn interrogatives_are_blanked_keeping_the_rest() {
        let rest = |q: &str| {
            blank_question_words(q).map(|b| {
                assert_eq!(b.len(), q.len(), "{q}");
                b.split_whitespace().collect::<Vec<_>>().join(" ")
            })
        };
        assert_eq!(
            rest("定子的另一种名称是什么?").as_deref(),
            Some("定子的另一种名称是 ?")
        );
        assert_eq!(rest("哪一位法国皇帝").as_deref(), Some("法国皇帝"));
        assert_eq!(rest("任何人几乎都知道"), None);
        // `什么样` goes whole, not leaving a stray `样`.
        assert_eq!(rest("什么样的城市").as_deref(), Some("的城市"));
        // Each char is taken once, by the longest interrogative first: `如何` leaves
        // `时间` whole (`何时` is not read across it).
        assert_eq!(rest("如何时间管理").as_deref(), Some("时间管理"));
        assert_eq!(rest("为什么"), None);
        assert!(is_stopword("the") && !is_stopword("tesla"));
    }
}
