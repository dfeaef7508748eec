//! Printers: human output (aligned, short, colour only on a terminal) and JSON Lines
//! (stable keys, one object per hit).

use std::io::{self, Write};

use serde::Serialize;

use crate::search::{Hit, highlight};

/// The JSON Lines form of a hit. These key names are a contract.
#[derive(Debug, Serialize)]
struct JsonHit<'a> {
    rank: usize,
    score: f32,
    article: &'a str,
    title: &'a str,
    section: Option<&'a str>,
    paragraph: u32,
    lang: &'a str,
    text: &'a str,
    snippet: String,
    highlights: &'a [(usize, usize)],
}

/// Writes hits as JSON Lines.
pub fn print_json(out: &mut impl Write, hits: &[Hit]) -> io::Result<()> {
    for h in hits {
        let j = JsonHit {
            rank: h.rank,
            score: h.score,
            article: &h.article,
            title: &h.title,
            section: h.section.as_deref(),
            paragraph: h.paragraph,
            lang: &h.lang,
            text: &h.text,
            snippet: highlight::snippet_text(&h.text, h.window),
            highlights: &h.highlights,
        };
        serde_json::to_writer(&mut *out, &j)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const MATCH: &str = "\x1b[1;31m";
const RESET: &str = "\x1b[0m";

/// Writes hits for people: `rank. title › section ¶N  (path)` then an indented snippet
/// with the matches highlighted (ANSI colour when `color`, else plain).
pub fn print_human(out: &mut impl Write, hits: &[Hit], color: bool) -> io::Result<()> {
    let paint = |code: &'static str| if color { code } else { "" };
    for (i, h) in hits.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let section = h
            .section
            .as_deref()
            .map(|s| format!(" › {s}"))
            .unwrap_or_default();
        writeln!(
            out,
            "{b}{rank:>2}. {title}{section} ¶{p}{r}  {d}{article}{r}",
            b = paint(BOLD),
            r = paint(RESET),
            d = paint(DIM),
            rank = h.rank,
            title = h.title,
            p = h.paragraph,
            article = h.article,
        )?;
        writeln!(out, "    {}", snippet_marked(h, paint(MATCH), paint(RESET)))?;
    }
    Ok(())
}

/// The snippet with highlights wrapped in `on`/`off` markers.
fn snippet_marked(h: &Hit, on: &str, off: &str) -> String {
    let w = h.window;
    let mut s = String::new();
    if w.start > 0 {
        s.push('…');
    }
    let mut at = w.start;
    for &(hs, he) in &h.highlights {
        let (hs, he) = (hs.max(w.start), he.min(w.end));
        if hs >= he || hs < at {
            continue;
        }
        s.push_str(&h.text[at..hs]);
        s.push_str(on);
        s.push_str(&h.text[hs..he]);
        s.push_str(off);
        at = he;
    }
    s.push_str(&h.text[at..w.end]);
    if w.end < h.text.len() {
        s.push('…');
    }
    s.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit() -> Hit {
        let text = "2025年第二季度,小米智能汽车业务毛利率已达到26.4%。".to_string();
        let start = text.find("毛利率").unwrap();
        Hit {
            rank: 1,
            score: 3.5,
            article: "seed/a.txt".into(),
            title: "标题".into(),
            section: Some("都具备差异化竞争优势".into()),
            paragraph: 23,
            lang: "zh".into(),
            highlights: vec![(start, start + "毛利率".len())],
            window: highlight::Window {
                start: 0,
                end: text.len(),
            },
            text,
        }
    }

    #[test]
    fn json_lines_carry_the_contract_keys() {
        let mut buf = Vec::new();
        print_json(&mut buf, &[hit()]).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        for k in [
            "rank",
            "score",
            "article",
            "title",
            "section",
            "paragraph",
            "lang",
            "text",
            "snippet",
            "highlights",
        ] {
            assert!(v.get(k).is_some(), "{k} missing");
        }
        let (s, e) = (
            v["highlights"][0][0].as_u64().unwrap() as usize,
            v["highlights"][0][1].as_u64().unwrap() as usize,
        );
        assert_eq!(&v["text"].as_str().unwrap()[s..e], "毛利率");
    }

    #[test]
    fn human_output_is_plain_when_not_coloured() {
        let mut buf = Vec::new();
        print_human(&mut buf, &[hit()], false).unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert!(s.contains(" 1. 标题 › 都具备差异化竞争优势 ¶23"));
        assert!(!s.contains('\x1b'));
        let mut buf = Vec::new();
        print_human(&mut buf, &[hit()], true).unwrap();
        assert!(
            String::from_utf8(buf)
                .unwrap()
                .contains("\x1b[1;31m毛利率\x1b[0m")
        );
    }
}
