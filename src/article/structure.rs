//! Recognising the structure of plain-text articles: section headings, image credits and
//! chart captions among standalone lines, and sentence-end splitting of long paragraphs.

use crate::analysis::is_cjk;

/// Punctuation that ends or continues a sentence; a heading does not end with one
/// (a question or exclamation mark is allowed: `下一个特斯拉?`).
const CLAUSE_END: &[char] = &['。', '，', ',', '、', '；', ';', '：', ':', '…', '.'];

/// Punctuation inside a line that marks it as a sentence rather than a heading.
const SENTENCE_INNER: &[char] = &['。', '，', '；', ';', '！', '？'];

/// Counts CJK characters and Latin words of a line.
fn counts(line: &str) -> (usize, usize) {
    let cjk = line.chars().filter(|c| is_cjk(*c)).count();
    let words = line
        .split(|c: char| !c.is_alphanumeric() || is_cjk(c))
        .filter(|w| !w.is_empty())
        .count();
    (cjk, words)
}

/// Is this standalone line an image credit (`图片来源:小米汽车`, `Photo: Reuters`)?
pub fn is_credit(line: &str) -> bool {
    let line = line.trim().trim_start_matches(['(', '（', '[', '【']);
    if line.chars().count() > 80 {
        return false;
    }
    const ZH: &[&str] = &[
        "图片来源",
        "图源",
        "图片:",
        "图片：",
        "图/",
        "图 /",
        "图片/",
        "摄影",
        "配图",
        "题图",
        "圖片來源",
        "圖源",
        "圖/",
        "攝影",
    ];
    if ZH.iter().any(|p| line.starts_with(p)) {
        return true;
    }
    if (line.ends_with("摄") || line.ends_with("攝")) && line.chars().count() <= 30 {
        return true;
    }
    let lower = line.to_ascii_lowercase();
    const EN: &[&str] = &[
        "photo:",
        "photo by ",
        "photo credit",
        "photos:",
        "photograph:",
        "photograph by ",
        "photography:",
        "image:",
        "image credit",
        "image source",
        "images:",
        "picture:",
        "credit:",
        "credits:",
        "illustration:",
    ];
    EN.iter().any(|p| lower.starts_with(p))
}

/// Is this standalone line a chart or table caption (`小米汽车2025年1-8月销量`,
/// `图：…`, `Figure 2: …`)?
pub fn is_caption(line: &str, plain_text: bool) -> bool {
    let line = line.trim();
    const PREFIXES: &[&str] = &[
        "图：",
        "图:",
        "图表：",
        "图表:",
        "表：",
        "表:",
        "圖：",
        "圖表：",
    ];
    if PREFIXES.iter().any(|p| line.starts_with(p)) {
        return true;
    }
    let lower = line.to_ascii_lowercase();
    for p in ["chart:", "figure ", "fig. ", "table "] {
        if let Some(rest) = lower.strip_prefix(p) {
            let numbered = rest.starts_with(|c: char| c.is_ascii_digit());
            if p == "chart:" || numbered {
                return true;
            }
        }
    }
    if !plain_text {
        return false;
    }
    // A short line naming a period and a measured quantity, with no sentence
    // punctuation: the title of a chart the article shows.
    if line.chars().count() > 30 || line.contains(SENTENCE_INNER) || line.contains(CLAUSE_END) {
        return false;
    }
    let has_period = has_period(line);
    const QUANTITIES: &[&str] = &[
        "销量",
        "销售额",
        "销售",
        "数据",
        "走势",
        "趋势",
        "占比",
        "份额",
        "对比",
        "排名",
        "统计",
        "营收",
        "收入",
        "利润",
        "产量",
        "交付量",
        "交付",
        "出货量",
        "市值",
        "股价",
        "价格",
        "增速",
        "变化",
        "情况",
        "分布",
        "构成",
        "销量排行",
        "一览",
    ];
    has_period && QUANTITIES.iter().any(|q| line.ends_with(q))
}

/// Does the line name a period: a year (`2025年`), a month range (`1-8月`), a quarter?
fn has_period(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        let after_digit = i > 0 && chars[i - 1].is_ascii_digit();
        (after_digit && matches!(c, '年' | '月' | '季'))
            || (*c == 'Q' || *c == 'q') && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
            || *c == '第' && chars.get(i + 2).is_some_and(|n| *n == '季')
    })
}

/// Is this standalone line shaped like a section heading: short, no sentence
/// punctuation inside, not ending like a clause? (Credits and captions are checked
/// first by the caller.)
pub fn is_heading(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.contains(SENTENCE_INNER) || line.ends_with(CLAUSE_END) {
        return false;
    }
    let (cjk, words) = counts(line);
    if cjk > 0 {
        // Chinese: a heading is a phrase, not a sentence.
        let len = line.chars().filter(|c| !c.is_whitespace()).count();
        (2..=16).contains(&len) && cjk * 2 >= len
    } else {
        let starts_upper = line
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        (1..=10).contains(&words) && line.len() <= 80 && starts_upper
    }
}

/// Splits a long paragraph at sentence ends into parts of at most about `max_chars`
/// characters. A single sentence longer than four times that is cut at a character
/// boundary. Returns sub-slices of `text` (trimmed), covering all of its sentences.
pub fn split_long_paragraph(text: &str, max_chars: usize) -> Vec<&str> {
    let max_chars = max_chars.max(1);
    if text.chars().count() <= max_chars {
        return vec![text];
    }
    // Sentence end offsets (exclusive), closing quotes kept with their sentence.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut ends = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let next = chars.get(i + 1).map(|x| x.1);
        let is_end = matches!(c, '。' | '！' | '？' | '；' | '!' | '?')
            || (c == '.'
                && next.is_none_or(char::is_whitespace)
                && i > 0
                && !chars[i - 1].1.is_ascii_digit());
        if is_end {
            let mut j = i + 1;
            while j < chars.len()
                && matches!(
                    chars[j].1,
                    '”' | '」' | '』' | '’' | '"' | '\'' | ')' | '）'
                )
            {
                j += 1;
            }
            ends.push(chars.get(j).map_or(text.len(), |x| x.0));
            i = j;
        } else {
            i += 1;
        }
    }
    if ends.last() != Some(&text.len()) {
        ends.push(text.len());
    }
    let char_len = |a: usize, b: usize| text[a..b].chars().count();
    let mut parts = Vec::new();
    let mut start = 0;
    let mut last_end = 0;
    for &end in &ends {
        if char_len(start, end) > max_chars && last_end > start {
            parts.push((start, last_end));
            start = last_end;
        }
        // A sentence that alone is far too long: cut it at char boundaries.
        while char_len(start, end) > max_chars * 4 {
            let cut = text[start..]
                .char_indices()
                .nth(max_chars)
                .map_or(end, |(o, _)| start + o);
            parts.push((start, cut));
            start = cut;
        }
        last_end = end;
    }
    if start < text.len() {
        parts.push((start, text.len()));
    }
    parts
        .into_iter()
        .map(|(a, b)| text[a..b].trim())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_headings_are_headings() {
        for h in [
            "都是“大品牌 大IP”",
            "都具备差异化竞争优势",
            "下一个特斯拉?",
            "能否成为“百年福特”?",
        ] {
            assert!(is_heading(h), "{h}");
            assert!(!is_credit(h) && !is_caption(h, true), "{h}");
        }
    }

    #[test]
    fn sentences_and_long_questions_are_not_headings() {
        for s in [
            "小米是否具备进入与特斯拉同一维度竞争的可能性?",
            "但真正决定企业能否长期立足的,是差异化竞争优势的建立。",
            "互联网公司更像是“快餐文化”的代表。",
            "He said the deal was done.",
            "and then some lower case words",
        ] {
            assert!(!is_heading(s), "{s}");
        }
        assert!(is_heading("The Road to Profit"));
    }

    #[test]
    fn credits_are_recognised() {
        for c in [
            "图片来源:小米汽车",
            "图片来源：特斯拉",
            "图源：视觉中国",
            "(Photo: Reuters)",
            "Photo by Jane Doe/Getty Images",
            "新华社记者 张三 摄",
        ] {
            assert!(is_credit(c), "{c}");
        }
        assert!(!is_credit(
            "图片显示小米汽车的销量持续增长，并且超出了市场预期。"
        ));
    }

    #[test]
    fn chart_captions_are_recognised_and_not_headings_or_paragraphs() {
        for c in [
            "小米汽车2025年1-8月销量",
            "特斯拉2025年1-8月中国销量",
            "Figure 2: Deliveries",
            "图：小米SU7",
        ] {
            assert!(is_caption(c, true), "{c}");
        }
        for s in [
            "都具备差异化竞争优势",
            "2025年第二季度,小米智能汽车业务毛利率已达到26.4%。",
        ] {
            assert!(!is_caption(s, true), "{s}");
        }
    }

    #[test]
    fn long_paragraph_splits_at_sentence_ends() {
        let sentence = "小米汽车的毛利率持续改善，交付量不断提升。";
        let text = sentence.repeat(10);
        let parts = split_long_paragraph(&text, 50);
        assert!(parts.len() > 1);
        for p in &parts {
            assert!(p.chars().count() <= 50, "{p}");
            assert!(p.ends_with('。'));
        }
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn english_split_keeps_decimals_and_quotes() {
        let text = "Margins hit 26.4 percent. \"We are late,\" he said. Deliveries rose.";
        let parts = split_long_paragraph(text, 30);
        assert!(parts.iter().all(|p| !p.ends_with("26.")));
        assert_eq!(parts[0], "Margins hit 26.4 percent.");
    }

    #[test]
    fn a_giant_sentence_is_cut_at_char_boundaries() {
        let text = "字".repeat(1000);
        let parts = split_long_paragraph(&text, 100);
        assert!(parts.len() >= 2);
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn short_paragraph_is_one_part() {
        assert_eq!(split_long_paragraph("短段落。", 100), vec!["短段落。"]);
    }
}
