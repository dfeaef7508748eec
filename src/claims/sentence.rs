//! Sentence splitting for Chinese and English passages.
//!
//! Chinese sentences end at `。！？；…` and at their half-width forms `!` `?` `;` (which
//! real articles use between Chinese characters); English ones at `.` `!` `?` followed
//! by a space or the end, except after abbreviations (`Mr.`, `U.S.`) and initials, and
//! never inside a decimal (`26.4`). Closing quotes and brackets stay with their sentence,
//! and a sentence end inside an open quotation does not split it unless the quotation
//! closes right after it (`“晚有晚的好处,有后发优势。”` ends there).

/// A sentence: its byte range in the passage and its text (trimmed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence<'a> {
    /// Byte offset of the first character in the passage.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The sentence as written.
    pub text: &'a str,
}

/// Quotation and bracket closers kept with the sentence before them.
const CLOSERS: &[char] = &['”', '’', '」', '』', '"', '\'', ')', '）', '】', '》', '】'];
/// Paired quotation marks: opener, closer.
const QUOTES: &[(char, char)] = &[('“', '”'), ('「', '」'), ('『', '』')];
/// English abbreviations that end with a period but not a sentence (lower case).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc",
    "no", "gen", "gov", "sen", "rep", "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "approx", "est", "fig", "mt", "ft",
];

fn is_cjk_or_quote(c: char) -> bool {
    crate::analysis::is_cjk(c) || "，。、：；！？“”「」（）《》".contains(c)
}

/// Splits a passage into sentences.
///
/// ```
/// use wenku::claims::split_sentences;
/// let s: Vec<&str> = split_sentences("他说:“好。”然后走了! Mr. Li paid $26.4 million. Done.")
///     .iter().map(|s| s.text).collect();
/// assert_eq!(s, ["他说:“好。”", "然后走了!", "Mr. Li paid $26.4 million.", "Done."]);
/// ```
pub fn split_sentences(text: &str) -> Vec<Sentence<'_>> {
    let out = split(text, true);
    // An unbalanced quotation swallowed everything: split again ignoring quotes.
    if out.len() == 1 && out[0].text.chars().count() > 600 {
        return split(text, false);
    }
    out
}

/// Splits at sentence ends; with `quotes`, not inside an open quotation. The text is
/// read in place, by byte offset (a list of its chars, 16 bytes a char, was a third of
/// the splitting).
fn split(text: &str, quotes: bool) -> Vec<Sentence<'_>> {
    let char_at = |at: usize| text.get(at..).and_then(|rest| rest.chars().next());
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut open = Quotations::new(quotes);
    let (mut i, mut prev) = (0usize, None);
    while let Some(c) = char_at(i) {
        open.track(c);
        let after = i + c.len_utf8();
        if is_end(text, i, c, prev) {
            // Take closers that follow, and any further end marks (`?!`, `。”`).
            let (mut j, mut last) = (after, c);
            while let Some(n) = char_at(j).filter(|&n| CLOSERS.contains(&n) || is_end_mark(n)) {
                open.track(n);
                (j, last) = (j + n.len_utf8(), n);
            }
            if open.closed() {
                push(text, start, j, &mut out);
                start = j;
            }
            (i, prev) = (j, Some(last));
            continue;
        }
        (i, prev) = (after, Some(c));
    }
    push(text, start, text.len(), &mut out);
    out
}

/// The quotations open at a point of a text (none ever, when quotes are not followed).
struct Quotations {
    follow: bool,
    /// Expected closers of the open quotations, innermost last.
    closers: Vec<char>,
    /// Is a `"` open?
    ascii_open: bool,
}

impl Quotations {
    fn new(follow: bool) -> Quotations {
        Quotations {
            follow,
            closers: Vec::new(),
            ascii_open: false,
        }
    }

    /// Takes in the char `c` of the text.
    fn track(&mut self, c: char) {
        if !self.follow {
            return;
        }
        if let Some(&(_, close)) = QUOTES.iter().find(|(o, _)| *o == c) {
            self.closers.push(close);
        } else if self.closers.last() == Some(&c) {
            self.closers.pop();
        } else if c == '"' {
            self.ascii_open = !self.ascii_open;
        }
    }

    /// Is every quotation closed?
    fn closed(&self) -> bool {
        self.closers.is_empty() && !self.ascii_open
    }
}

fn is_end_mark(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?')
}

/// Adds the sentence of bytes `s..e` of `text`, trimmed, unless it is empty.
fn push<'a>(text: &'a str, s: usize, e: usize, out: &mut Vec<Sentence<'a>>) {
    let raw = &text[s..e];
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return;
    }
    let lead = raw.len() - raw.trim_start().len();
    out.push(Sentence {
        start: s + lead,
        end: s + lead + trimmed.len(),
        text: trimmed,
    });
}

/// Does `c`, at byte `i` of `text` after `prev`, end a sentence?
fn is_end(text: &str, i: usize, c: char, prev: Option<char>) -> bool {
    if !matches!(c, '。' | '！' | '？' | '；' | '…' | '!' | '?' | ';' | '.') {
        return false;
    }
    let next = text
        .get(i + c.len_utf8()..)
        .and_then(|rest| rest.chars().next());
    match c {
        '。' | '！' | '？' | '；' => true,
        '…' => next.is_none_or(|n| n != '…') && prev == Some('…'),
        '!' | '?' => {
            next.is_none_or(|n| n.is_whitespace() || is_cjk_or_quote(n) || CLOSERS.contains(&n))
        }
        ';' => prev.is_some_and(is_cjk_or_quote) || next.is_some_and(is_cjk_or_quote),
        '.' => {
            // A decimal, a version or a domain: no space after.
            let Some(n) = next else {
                return !ends_abbreviation(&text[..i]);
            };
            if !(n.is_whitespace() || is_cjk_or_quote(n) || CLOSERS.contains(&n)) {
                return false;
            }
            !ends_abbreviation(&text[..i])
        }
        _ => false,
    }
}

/// Does the period after `before` end an abbreviation or an initial (`Mr.`, `U.S.`,
/// `J.`)?
fn ends_abbreviation(before: &str) -> bool {
    let from = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic() || c == '.')
        .last()
        .map_or(before.len(), |(k, _)| k);
    let word = &before[from..];
    if word.is_empty() || word.chars().any(crate::analysis::is_cjk) {
        return false;
    }
    // An initial (`J.`) or dotted letters (`U.S`).
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    if word.contains('.') && word.split('.').all(|p| p.chars().count() == 1) {
        // `U.S.` ends a sentence only before a capitalised word: ambiguous; keep whole
        // unless the next word starts a new sentence with a capital after two spaces.
        return true;
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split_sentences(t).iter().map(|s| s.text).collect()
    }

    #[test]
    fn chinese_full_and_half_width_ends() {
        assert_eq!(
            texts("小米宣布造车。雷军说:好!真的吗?是的;结束"),
            ["小米宣布造车。", "雷军说:好!", "真的吗?", "是的;", "结束"]
        );
    }

    #[test]
    fn quote_closing_after_the_end_mark_stays_with_its_sentence() {
        let t = "正如雷军所言,“晚有晚的好处,有后发优势。”从质疑到认可,小米汽车展现出实力。";
        assert_eq!(
            texts(t),
            [
                "正如雷军所言,“晚有晚的好处,有后发优势。”",
                "从质疑到认可,小米汽车展现出实力。"
            ]
        );
    }

    #[test]
    fn end_marks_inside_an_open_quotation_do_not_split() {
        let t = "他说:“我们会努力。我们会成功。”大家鼓掌。";
        assert_eq!(texts(t), ["他说:“我们会努力。我们会成功。”", "大家鼓掌。"]);
    }

    #[test]
    fn english_abbreviations_decimals_and_initials() {
        let t = "Mr. Lei said sales rose 26.4% in the U.S. market. J. Smith agreed! Really? Yes.";
        assert_eq!(
            texts(t),
            [
                "Mr. Lei said sales rose 26.4% in the U.S. market.",
                "J. Smith agreed!",
                "Really?",
                "Yes."
            ]
        );
    }

    #[test]
    fn english_quotes_stay_with_their_sentence() {
        let t = "\"We are late. But late has its benefits,\" Lei said. Analysts agreed.";
        assert_eq!(
            texts(t),
            [
                "\"We are late. But late has its benefits,\" Lei said.",
                "Analysts agreed."
            ]
        );
    }

    #[test]
    fn offsets_point_at_the_text() {
        let t = "  第一句。 第二句!";
        for s in split_sentences(t) {
            assert_eq!(&t[s.start..s.end], s.text);
        }
    }

    #[test]
    fn unbalanced_quote_does_not_swallow_a_long_passage() {
        let t = format!("“{}", "这是一句话。".repeat(150));
        assert!(split_sentences(&t).len() > 100);
    }
    /// [`split`]'s walk as it was, over a list of the text's chars (what ends a sentence
    /// and how one is trimmed, and quotations followed, are `split`'s own): the
    /// reference.
    fn split_by_char_list(text: &str, quotes: bool) -> Vec<Sentence<'_>> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let byte = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
        let mut out = Vec::new();
        let mut start = 0usize; // char index
        let mut open = Quotations::new(quotes);
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            open.track(c);
            let prev = i.checked_sub(1).map(|k| chars[k].1);
            if is_end(text, at, c, prev) {
                // Take closers that follow, and any further end marks (`?!`, `。”`).
                let mut j = i + 1;
                while j < chars.len() && (CLOSERS.contains(&chars[j].1) || is_end_mark(chars[j].1))
                {
                    open.track(chars[j].1);
                    j += 1;
                }
                if open.closed() {
                    push(text, byte(start), byte(j), &mut out);
                    start = j;
                }
                i = j;
                continue;
            }
            i += 1;
        }
        push(text, byte(start), text.len(), &mut out);
        out
    }

    #[test]
    fn sentences_are_split_as_over_a_list_of_chars() {
        // Random texts over the chars the rules look at, and real ones.
        let alphabet: Vec<char> = "。！？；…!?;. a Mr.U.S.J.26“”「」『』\"'）)小说"
            .chars()
            .collect();
        let mut rng = crate::index::test_random::XorShift(0x5851_f42d_4c95_7f2d);
        let mut texts: Vec<String> = (0..20_000).map(|_| rng.text(&alphabet, 16)).collect();
        texts.extend(
            include_str!("../../corpus/seed/000_b20ef67de0c6e6f8.txt")
                .lines()
                .map(String::from),
        );
        for t in &texts {
            for quotes in [true, false] {
                assert_eq!(split(t, quotes), split_by_char_list(t, quotes), "{t:?}");
            }
        }
    }
}
