//! Reading articles: bytes → text ([`decode`]), front matter, and the article's
//! structure (title, sections, paragraphs, image credits, chart captions) →
//! [`Article`] with its [`Passage`]s.
//!
//! Everything here is pure: it takes text and returns data, so it is tested without
//! touching the file system.

mod decode;
mod front_matter;
mod structure;

use std::path::Path;

pub use decode::{DecodeError, Decoded, decode};
pub use front_matter::Meta;
pub use structure::split_long_paragraph;

use crate::analysis::is_cjk;

/// A paragraph longer than this (in characters) is split at sentence ends.
const LONG_PARAGRAPH: usize = 1500;
/// Target size of the parts of a split paragraph.
const PART_CHARS: usize = 1000;

/// The language of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Chinese (simplified or traditional).
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The code used in the index and in output: `zh` or `en`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Reads a language code as written in front matter or on the command line
    /// (`zh`, `zh-CN`, `zh_TW`, `Chinese`, `en`, `en-US`, `English`, ...).
    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        let primary = code.split(['-', '_']).next().unwrap_or("");
        match primary {
            "zh" | "chinese" | "cn" | "zho" | "chi" => Some(Lang::Zh),
            "en" | "english" | "eng" => Some(Lang::En),
            _ => None,
        }
    }
}

/// One searchable unit: a paragraph, or a part of an over-long one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// The section heading the paragraph is under, if any.
    pub section: Option<String>,
    /// Which section of the article the paragraph is in: 1 + the index of its heading
    /// in [`Article::sections`], 0 when it is under no heading. Unlike the heading's
    /// text it tells apart two sections with the same heading.
    pub section_number: u32,
    /// Paragraph number, 1-based in article order (parts of a split paragraph share it).
    pub paragraph: u32,
    /// The text exactly as written (lines of a paragraph joined by `\n`).
    pub text: String,
}

/// A parsed article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Path relative to the corpus, with `/` separators.
    pub path: String,
    /// Title: front matter, else the `#` heading (or first heading line of plain text),
    /// else a readable form of the file name.
    pub title: String,
    /// Language: front matter `lang`, else detected from the text.
    pub lang: Lang,
    /// Front-matter fields.
    pub meta: Meta,
    /// Section headings in order, one per section: a heading that occurs twice is
    /// listed twice ([`Passage::section_number`] counts in this list).
    pub sections: Vec<String>,
    /// Image credits (`图片来源:小米汽车`), kept as metadata, not passages.
    pub credits: Vec<String>,
    /// Chart and table captions, not passages.
    pub captions: Vec<String>,
    /// The passages in article order.
    pub passages: Vec<Passage>,
}

/// Is this a file wenku reads as an article (`.txt`, `.md`, `.markdown`)?
pub fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "txt" | "md" | "markdown"))
}

fn is_markdown(rel_path: &str) -> bool {
    let lower = rel_path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// Detects the language of a text: Chinese when CJK characters make up at least a
/// fifth of its CJK characters and Latin letters (a Chinese article quoting English
/// names stays Chinese).
pub fn detect_lang(text: &str) -> Lang {
    let (mut cjk, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if is_cjk(c) {
            cjk += 1;
        } else if c.is_alphabetic() {
            latin += 1;
        }
    }
    if cjk > 0 && cjk * 5 >= cjk + latin {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// A readable title from a file name: `notes/tesla-q2_report.md` → `tesla q2 report`.
fn title_from_path(rel_path: &str) -> String {
    let name = rel_path.rsplit(['/', '\\']).next().unwrap_or(rel_path);
    let stem = match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    };
    let readable: Vec<&str> = stem
        .split(['-', '_', '.', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    if readable.is_empty() {
        stem.to_string()
    } else {
        readable.join(" ")
    }
}

/// Parses an article's text (already decoded). `rel_path` is its path relative to
/// the corpus; its extension decides between Markdown and plain text.
///
/// ```
/// let a = wenku::article::parse_article("a.md", "# 标题\n\n## 一节\n\n第一段。\n");
/// assert_eq!(a.title, "标题");
/// assert_eq!(a.passages[0].section.as_deref(), Some("一节"));
/// assert_eq!(a.passages[0].paragraph, 1);
/// ```
pub fn parse_article(rel_path: &str, text: &str) -> Article {
    let (meta, body_start) = front_matter::split(text);
    let body = &text[body_start..];
    let mut b = Builder::default();
    if is_markdown(rel_path) {
        parse_markdown(body, &mut b);
    } else {
        parse_plain(body, &mut b);
    }
    let title = meta
        .title
        .clone()
        .or(b.title.take())
        .unwrap_or_else(|| title_from_path(rel_path));
    let lang = meta
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_else(|| {
            let sample: String = b.passages.iter().map(|p| p.text.as_str()).collect();
            detect_lang(if sample.is_empty() { &title } else { &sample })
        });
    Article {
        path: rel_path.replace('\\', "/"),
        title,
        lang,
        meta,
        sections: b.sections,
        credits: b.credits,
        captions: b.captions,
        passages: b.passages,
    }
}

/// Accumulates an article's parts while its body is read.
#[derive(Default)]
struct Builder {
    title: Option<String>,
    section: Option<String>,
    sections: Vec<String>,
    credits: Vec<String>,
    captions: Vec<String>,
    passages: Vec<Passage>,
    paragraphs: u32,
}

impl Builder {
    fn heading(&mut self, text: &str) {
        let text = text.trim().to_string();
        self.sections.push(text.clone());
        self.section = Some(text);
    }

    /// [`Passage::section_number`] of a paragraph read now: the last heading read is
    /// the last of `sections`.
    fn section_number(&self) -> u32 {
        if self.section.is_some() {
            u32::try_from(self.sections.len()).unwrap_or(u32::MAX)
        } else {
            0
        }
    }

    fn paragraph(&mut self, text: &str) {
        let text = text.trim_matches(|c: char| c == '\n' || c == ' ' || c == '\t');
        if text.trim().is_empty() {
            return;
        }
        self.paragraphs += 1;
        let parts = if text.chars().count() > LONG_PARAGRAPH {
            split_long_paragraph(text, PART_CHARS)
        } else {
            vec![text]
        };
        for part in parts {
            self.passages.push(Passage {
                section: self.section.clone(),
                section_number: self.section_number(),
                paragraph: self.paragraphs,
                text: part.to_string(),
            });
        }
    }
}

/// Splits text into blocks separated by blank lines; each block is a slice of `body`
/// (its lines joined by `\n` as written).
fn blocks(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(&body[s..end]);
            }
        } else {
            start.get_or_insert(offset);
            end = offset + content.len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(&body[s..end]);
    }
    out
}

/// Plain text: blank-line separated paragraphs (or one paragraph per line when the
/// text has no blank lines); standalone lines recognised as credits, captions or
/// section headings.
fn parse_plain(body: &str, b: &mut Builder) {
    let mut units = blocks(body);
    if units.len() == 1 && units[0].contains('\n') {
        // No blank lines at all: the common "one paragraph per line" layout.
        units = units[0].lines().filter(|l| !l.trim().is_empty()).collect();
    }
    for (i, unit) in units.iter().enumerate() {
        let single = !unit.contains('\n');
        let line = unit.trim();
        if single && structure::is_credit(line) {
            b.credits.push(line.to_string());
        } else if single && structure::is_caption(line, true) {
            b.captions.push(line.to_string());
        } else if single && structure::is_heading(line) && i + 1 < units.len() {
            if i == 0 && b.title.is_none() {
                b.title = Some(line.to_string());
            } else {
                b.heading(line);
            }
        } else {
            b.paragraph(unit);
        }
    }
}

/// An ATX heading line (`## Text`): its level and text.
fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let level = trimmed.bytes().take_while(|&c| c == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &trimmed[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim_end();
    Some((level, text))
}

/// Markdown: `#` is the title, `##`–`######` are sections, blank-line separated blocks
/// are paragraphs. Fenced code stays text; a block that is only an image is skipped;
/// single lines with an explicit credit or caption prefix are metadata.
fn parse_markdown(body: &str, b: &mut Builder) {
    let mut para: Vec<&str> = Vec::new();
    let mut in_fence = false;
    let flush = |para: &mut Vec<&str>, b: &mut Builder| {
        if para.is_empty() {
            return;
        }
        let text = para.join("\n");
        para.clear();
        let line = text.trim();
        let single = !text.contains('\n');
        if single && structure::is_credit(line) {
            b.credits.push(line.to_string());
        } else if single && structure::is_caption(line, false) {
            b.captions.push(line.to_string());
        } else if single && line.starts_with("![") && line.ends_with(')') {
            // An image on its own: nothing to search.
        } else {
            b.paragraph(&text);
        }
    };
    for line in body.lines() {
        let fence = line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
        if in_fence {
            para.push(line);
            in_fence = !fence;
            continue;
        }
        if fence {
            in_fence = true;
            para.push(line);
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut para, b);
            continue;
        }
        if let Some((level, text)) = atx_heading(line) {
            flush(&mut para, b);
            if text.is_empty() {
                continue;
            }
            if level == 1 && b.title.is_none() && b.passages.is_empty() {
                b.title = Some(text.to_string());
            } else {
                b.heading(text);
            }
            continue;
        }
        para.push(line);
    }
    flush(&mut para, b);
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../corpus/seed/000_b20ef67de0c6e6f8.txt");

    #[test]
    fn seed_structure() {
        let a = parse_article("seed/000_b20ef67de0c6e6f8.txt", SEED);
        assert_eq!(a.title, "小米汽车能否成为下一个特斯拉？");
        assert_eq!(a.lang, Lang::Zh);
        assert_eq!(
            a.sections,
            [
                "都是“大品牌 大IP”",
                "都具备差异化竞争优势",
                "下一个特斯拉?",
                "能否成为“百年福特”?"
            ]
        );
        assert!(a.credits.iter().all(|c| c.starts_with("图片来源")));
        assert_eq!(a.credits.len(), 8);
        assert_eq!(
            a.captions,
            ["小米汽车2025年1-8月销量", "特斯拉2025年1-8月中国销量"]
        );
        assert!(a.passages.iter().all(|p| !p.text.starts_with("图片来源")));
        assert_eq!(a.passages[0].paragraph, 1);
        assert!(a.passages[0].text.starts_with("2021年,小米宣布造车时"));
        assert_eq!(a.passages[0].section, None);
        let numbers: Vec<u32> = a.passages.iter().map(|p| p.paragraph).collect();
        assert!(numbers.windows(2).all(|w| w[1] == w[0] + 1));
        // Every passage's text occurs verbatim in the file.
        assert!(a.passages.iter().all(|p| SEED.contains(&p.text)));
        let q = a
            .passages
            .iter()
            .find(|p| p.text.starts_with("小米是否具备"))
            .expect("question paragraph");
        assert_eq!(q.section.as_deref(), Some("下一个特斯拉?"));
    }

    #[test]
    fn markdown_title_sections_credits() {
        let text = "---\nlang: en\n---\n# Big Title\n\nIntro line one\nline two.\n\n\
                    Photo: Reuters\n\n## Part One\nText under part one.\n\n### Detail\n\n\
                    ![chart](a.png)\n\nMore.\n";
        let a = parse_article("x/y.md", text);
        assert_eq!(a.title, "Big Title");
        assert_eq!(a.lang, Lang::En);
        assert_eq!(a.credits, ["Photo: Reuters"]);
        assert_eq!(a.sections, ["Part One", "Detail"]);
        let got: Vec<(Option<&str>, u32, &str)> = a
            .passages
            .iter()
            .map(|p| (p.section.as_deref(), p.paragraph, p.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (None, 1, "Intro line one\nline two."),
                (Some("Part One"), 2, "Text under part one."),
                (Some("Detail"), 3, "More."),
            ]
        );
    }

    #[test]
    fn section_numbers_tell_apart_sections_with_the_same_heading() {
        // `Notes` twice, with an empty section between: its second section is the
        // third, whatever its text says.
        let text = "# T\n\nIntro.\n\n## Notes\n\nFirst.\n\n## Empty\n\n## Notes\n\nSecond.\n";
        let a = parse_article("a.md", text);
        assert_eq!(a.sections, ["Notes", "Empty", "Notes"]);
        let got: Vec<(Option<&str>, u32)> = a
            .passages
            .iter()
            .map(|p| (p.section.as_deref(), p.section_number))
            .collect();
        assert_eq!(got, [(None, 0), (Some("Notes"), 1), (Some("Notes"), 3)]);
        for p in &a.passages {
            let numbered = p
                .section_number
                .checked_sub(1)
                .map(|i| &a.sections[i as usize]);
            assert_eq!(numbered, p.section.as_ref());
        }
        // Plain text: the first heading-shaped line is the title, not section 1.
        let b = parse_article(
            "n.txt",
            "标题一行\n\n正文，第一段。\n\n小结\n\n最后一段。\n",
        );
        assert_eq!(b.sections, ["小结"]);
        let numbers: Vec<u32> = b.passages.iter().map(|p| p.section_number).collect();
        assert_eq!(numbers, [0, 1]);
    }

    #[test]
    fn markdown_fence_keeps_blank_lines_and_hashes() {
        let a = parse_article("a.md", "# T\n\n```\n# not a heading\n\nx\n```\n");
        assert_eq!(a.sections, Vec::<String>::new());
        assert_eq!(a.passages.len(), 1);
        assert!(a.passages[0].text.contains("# not a heading\n\nx"));
    }

    #[test]
    fn plain_text_one_paragraph_per_line() {
        let a = parse_article("note.txt", "第一段，内容。\n第二段，内容。\n第三段。\n");
        assert_eq!(a.passages.len(), 3);
        assert_eq!(a.passages[2].paragraph, 3);
        assert_eq!(a.title, "note");
    }

    #[test]
    fn plain_text_first_heading_is_title() {
        let a = parse_article(
            "n.txt",
            "小米汽车的一年\n\n正文第一段，内容。\n\n小结\n\n最后一段。\n",
        );
        assert_eq!(a.title, "小米汽车的一年");
        assert_eq!(a.sections, ["小结"]);
        assert_eq!(a.passages.len(), 2);
        // A heading-shaped last line is text, not a heading over nothing.
        let b = parse_article("n.txt", "正文，第一段。\n\n完\n");
        assert_eq!(b.passages.len(), 2);
    }

    #[test]
    fn long_paragraph_split_shares_number() {
        let sentence = "小米汽车交付量继续增长。".repeat(200);
        let a = parse_article("a.txt", &format!("{sentence}\n\n短段落。\n"));
        assert!(a.passages.len() >= 3);
        let last = a.passages.last().map(|p| p.paragraph);
        assert_eq!(last, Some(2));
        assert!(
            a.passages[..a.passages.len() - 1]
                .iter()
                .all(|p| p.paragraph == 1)
        );
        assert!(a.passages.iter().all(|p| p.text.chars().count() <= 1500));
    }

    #[test]
    fn language_detection_and_override() {
        assert_eq!(detect_lang("小米 SU7 Ultra 的售价"), Lang::Zh);
        assert_eq!(
            detect_lang("Xiaomi said 小米 sales rose sharply in May"),
            Lang::En
        );
        let a = parse_article("a.txt", "---\nlang: zh-TW\n---\nHello world text.\n");
        assert_eq!(a.lang, Lang::Zh);
        assert_eq!(Lang::parse("EN-us"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn title_from_file_name() {
        assert_eq!(title_from_path("a/tesla-q2_report.md"), "tesla q2 report");
        assert_eq!(title_from_path(".hidden"), "hidden");
        assert!(is_article_file(Path::new("x/Y.MD")));
        assert!(!is_article_file(Path::new("x/y.pdf")));
    }
}
