//! The user's query syntax: plain words, `"quoted phrases"` and `-exclusions`. Parsing
//! never fails: an unbalanced quote is plain text.

/// One part of a parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A plain word (or run of text without spaces).
    Plain(String),
    /// An exact phrase, from `"…"` (or `“…”`, `「…」`).
    Phrase(String),
    /// Text that must not occur, from `-word` or `-"phrase"`.
    Exclude(String),
}

/// The closing quote for an opening quote character.
fn closing(open: char) -> Option<char> {
    match open {
        '"' => Some('"'),
        '“' => Some('”'),
        '「' => Some('」'),
        '『' => Some('』'),
        _ => None,
    }
}

/// Parses a query string into parts.
///
/// ```
/// use wenku::search::query::{parse, Part};
/// assert_eq!(
///     parse(r#"小米 "gross margin" -特斯拉"#),
///     vec![Part::Plain("小米".into()), Part::Phrase("gross margin".into()), Part::Exclude("特斯拉".into())]
/// );
/// ```
pub fn parse(query: &str) -> Vec<Part> {
    let chars: Vec<char> = query.chars().collect();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let negated = chars[i] == '-'
            && chars
                .get(i + 1)
                .is_some_and(|c| !c.is_whitespace() && *c != '-');
        let start = if negated { i + 1 } else { i };
        // A quoted phrase, if the quote closes.
        if let Some(close) = closing(chars[start])
            && let Some(len) = chars[start + 1..].iter().position(|c| *c == close)
        {
            let text: String = chars[start + 1..start + 1 + len].iter().collect();
            let text = text.trim().to_string();
            if !text.is_empty() {
                parts.push(if negated {
                    Part::Exclude(text)
                } else {
                    Part::Phrase(text)
                });
            }
            i = start + len + 2;
            continue;
        }
        let mut end = start;
        while end < chars.len() && !chars[end].is_whitespace() {
            end += 1;
        }
        let word: String = chars[start..end].iter().collect();
        parts.push(if negated {
            Part::Exclude(word)
        } else {
            Part::Plain(word)
        });
        i = end;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_split_on_whitespace() {
        assert_eq!(
            parse("  小米   毛利率 SU7\t大定 "),
            ["小米", "毛利率", "SU7", "大定"]
                .map(|s| Part::Plain(s.into()))
                .to_vec()
        );
    }

    #[test]
    fn quoted_phrases_in_ascii_and_chinese_quotes() {
        assert_eq!(
            parse(r#""gross margin" “晚有晚的好处” 「後發優勢」"#),
            vec![
                Part::Phrase("gross margin".into()),
                Part::Phrase("晚有晚的好处".into()),
                Part::Phrase("後發優勢".into()),
            ]
        );
    }

    #[test]
    fn unbalanced_quote_is_plain_text() {
        assert_eq!(
            parse(r#"小米 "毛利率"#),
            vec![Part::Plain("小米".into()), Part::Plain("\"毛利率".into())]
        );
    }

    #[test]
    fn minus_excludes_words_and_phrases_but_not_numbers_inside_words() {
        assert_eq!(
            parse(r#"小米 -特斯拉 -"gross margin" 1-8月 - --"#),
            vec![
                Part::Plain("小米".into()),
                Part::Exclude("特斯拉".into()),
                Part::Exclude("gross margin".into()),
                Part::Plain("1-8月".into()),
                Part::Plain("-".into()),
                Part::Plain("--".into()),
            ]
        );
    }

    #[test]
    fn tantivy_syntax_is_just_text() {
        let parts = parse("title:小米 AND (SU7 OR *) ~2 ^3");
        assert_eq!(parts.len(), 7);
        assert!(parts.iter().all(|p| matches!(p, Part::Plain(_))));
    }
}
