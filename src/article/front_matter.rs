//! Front matter: an optional block of `key: value` lines between `---` lines at the top
//! of an article. Values are plain YAML scalars, optionally quoted.

use serde::{Deserialize, Serialize};

/// Front-matter fields wenku reads (all optional; other keys are ignored).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Article title.
    pub title: Option<String>,
    /// Publication date, as written.
    pub date: Option<String>,
    /// Publisher or dataset.
    pub source: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// Language code (`zh`, `en`, ...).
    pub lang: Option<String>,
    /// Author.
    pub author: Option<String>,
}

/// Splits front matter off `text`: returns the fields and the byte offset where the
/// body starts. Without a complete block (no opening or no closing `---`), the whole
/// text is body.
pub fn split(text: &str) -> (Meta, usize) {
    let mut meta = Meta::default();
    let Some(rest) = text.strip_prefix("---\n") else {
        return (meta, 0);
    };
    let mut offset = 4;
    let mut lines = Vec::new();
    let mut closed = false;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            closed = true;
            break;
        }
        lines.push(trimmed);
    }
    if !closed {
        return (Meta::default(), 0);
    }
    for line in lines {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = unquote(value.trim());
        if value.is_empty() {
            continue;
        }
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" => &mut meta.title,
            "date" => &mut meta.date,
            "source" => &mut meta.source,
            "url" => &mut meta.url,
            "lang" | "language" => &mut meta.lang,
            "author" => &mut meta.author,
            _ => continue,
        };
        *slot = Some(value);
    }
    (meta, offset)
}

/// Removes YAML quoting: `"…"` with JSON-style escapes, or `'…'` with `''` for `'`.
fn unquote(value: &str) -> String {
    if value.len() >= 2 && value.starts_with('"') && value.ends_with('"') {
        if let Ok(s) = serde_json::from_str::<String>(value) {
            return s;
        }
        return value[1..value.len() - 1].to_string();
    }
    if value.len() >= 2 && value.starts_with('\'') && value.ends_with('\'') {
        return value[1..value.len() - 1].replace("''", "'");
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_known_keys_and_ignores_others() {
        let text = "---\ntitle: 小米汽车\nlang: zh\ntags: [a, b]\nauthor: 'O''Brien'\nurl: \"https://x.cn/a?b=1\"\n---\n正文\n";
        let (meta, body) = split(text);
        assert_eq!(meta.title.as_deref(), Some("小米汽车"));
        assert_eq!(meta.lang.as_deref(), Some("zh"));
        assert_eq!(meta.author.as_deref(), Some("O'Brien"));
        assert_eq!(meta.url.as_deref(), Some("https://x.cn/a?b=1"));
        assert_eq!(&text[body..], "正文\n");
    }

    #[test]
    fn json_escapes_in_double_quotes() {
        let (meta, _) = split("---\ntitle: \"Apollo: \\\"the\\\" program\"\n---\n");
        assert_eq!(meta.title.as_deref(), Some("Apollo: \"the\" program"));
    }

    #[test]
    fn unterminated_front_matter_is_body() {
        let text = "---\ntitle: x\n正文没有结束标记\n";
        let (meta, body) = split(text);
        assert_eq!(meta, Meta::default());
        assert_eq!(body, 0);
    }

    #[test]
    fn no_front_matter() {
        assert_eq!(split("标题\n\n正文"), (Meta::default(), 0));
    }
}
