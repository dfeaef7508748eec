//! Printers: human output (aligned, short, colour only on a terminal) and JSON Lines
//! (stable keys, one object per hit).

use std::io::{self, Write};

use serde::Serialize;

use crate::claims::Kind;
use crate::index::{Status, format_utc};
use crate::search::claims::{FigureHit, Location, QuoteHit, SpeakerCount};
use crate::search::{Hit, highlight};
use crate::translate::Translation;

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
    /// Sources of the passage's attributed statements, in order, each once.
    speakers: Vec<&'a str>,
    /// How the query was translated: `[{"from": "gross margin", "to": ["毛利率"]}]`.
    translated: Vec<JsonTranslation<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonTranslation<'a> {
    from: &'a str,
    to: &'a [String],
}

/// The line that tells the user how the query was translated:
/// `Xiaomi → 小米 · gross margin → 毛利率`. `None` when nothing was.
pub fn translation_line(translated: &[Translation]) -> Option<String> {
    if translated.is_empty() {
        return None;
    }
    let parts: Vec<String> = translated
        .iter()
        .map(|t| format!("{} → {}", t.from, t.shown.join(" / ")))
        .collect();
    Some(parts.join(" · "))
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
            speakers: {
                let mut v: Vec<&str> = Vec::new();
                for q in &h.claims.quotes {
                    if !v.contains(&q.speaker.as_str()) {
                        v.push(&q.speaker);
                    }
                }
                v
            },
            translated: h
                .translated
                .iter()
                .map(|t| JsonTranslation {
                    from: &t.from,
                    to: &t.shown,
                })
                .collect(),
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

// ------------------------------------------------------------------ claims

#[derive(Serialize)]
struct JsonQuote<'a> {
    rank: usize,
    score: f32,
    speaker: &'a str,
    role: Option<&'a str>,
    cue: &'a str,
    text: &'a str,
    sentence: &'a str,
    kind: Kind,
    unnamed: bool,
    article: &'a str,
    title: &'a str,
    section: Option<&'a str>,
    paragraph: u32,
    lang: &'a str,
    citation: String,
}

/// The statement without the quotation marks around all of it (`“晚有晚的好处。”`), so
/// the citation can put its own; inner quotation marks stay.
fn strip_outer_quotes(s: &str) -> &str {
    for (o, c) in [('“', '”'), ('「', '」'), ('"', '"')] {
        if let Some(inner) = s.strip_prefix(o).and_then(|r| r.strip_suffix(c))
            && !inner.contains(o)
        {
            return inner.trim();
        }
    }
    s
}

/// A ready-to-paste citation: `钟师（汽车行业分析师）：“……”——《title》，section，第N段`
/// for Chinese articles, `Tim Cook (chief executive): "…" — Title, section, paragraph N`
/// for English ones. Quotation marks go only around the source's own words: reported
/// speech is marked as such (`钟师（…）认为（大意）：……`, `Tim Cook said (paraphrase): …`).
pub fn citation(q: &QuoteHit) -> String {
    let c = &q.quote;
    let statement = strip_outer_quotes(c.text.trim());
    let direct = c.kind == Kind::Direct;
    let at = &q.at;
    if at.lang == "zh" {
        let role = c
            .role
            .as_deref()
            .map(|r| format!("（{r}）"))
            .unwrap_or_default();
        let section = at
            .section
            .as_deref()
            .map(|s| format!("，{s}"))
            .unwrap_or_default();
        let said = if direct {
            format!("：“{statement}”")
        } else {
            format!("{}（大意）：{statement}", c.cue)
        };
        format!(
            "{}{role}{said}——《{}》{section}，第{}段",
            c.speaker, at.title, at.paragraph
        )
    } else {
        let role = c
            .role
            .as_deref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        let section = at
            .section
            .as_deref()
            .map(|s| format!(", {s}"))
            .unwrap_or_default();
        let said = if direct {
            format!(": \"{statement}\"")
        } else {
            format!(" {} (paraphrase): {statement}", c.cue)
        };
        format!(
            "{}{role}{said} — {}{section}, paragraph {}",
            c.speaker, at.title, at.paragraph
        )
    }
}

/// Writes attributed statements as JSON Lines (keys `speaker`, `role`, `cue`, `text`,
/// `sentence`, `article`, `title`, `section`, `paragraph`, ...).
pub fn print_quotes_json(out: &mut impl Write, quotes: &[QuoteHit]) -> io::Result<()> {
    for q in quotes {
        let j = JsonQuote {
            rank: q.rank,
            score: q.score,
            speaker: &q.quote.speaker,
            role: q.quote.role.as_deref(),
            cue: &q.quote.cue,
            text: &q.quote.text,
            sentence: &q.quote.sentence,
            kind: q.quote.kind,
            unnamed: q.quote.unnamed,
            article: &q.at.article,
            title: &q.at.title,
            section: q.at.section.as_deref(),
            paragraph: q.at.paragraph,
            lang: &q.at.lang,
            citation: citation(q),
        };
        serde_json::to_writer(&mut *out, &j)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn location_line(at: &Location) -> String {
    let section = at
        .section
        .as_deref()
        .map(|s| format!(" › {s}"))
        .unwrap_or_default();
    format!("{}{section} ¶{}  {}", at.title, at.paragraph, at.article)
}

/// Writes attributed statements for people: speaker (role) cue, the statement, where.
/// With `cite`, one citation per line instead.
pub fn print_quotes_human(
    out: &mut impl Write,
    quotes: &[QuoteHit],
    cite: bool,
    color: bool,
) -> io::Result<()> {
    let paint = |code: &'static str| if color { code } else { "" };
    for (i, q) in quotes.iter().enumerate() {
        if cite {
            writeln!(out, "{}", citation(q))?;
            continue;
        }
        if i > 0 {
            writeln!(out)?;
        }
        let c = &q.quote;
        let role = c
            .role
            .as_deref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        let unnamed = if c.unnamed { " [unnamed source]" } else { "" };
        writeln!(
            out,
            "{b}{rank:>2}. {speaker}{r}{role}{unnamed} {d}{cue}{r}",
            b = paint(BOLD),
            r = paint(RESET),
            d = paint(DIM),
            rank = q.rank,
            speaker = c.speaker,
            cue = c.cue,
        )?;
        writeln!(out, "    {}", c.text.replace('\n', " "))?;
        writeln!(
            out,
            "    {}{}{}",
            paint(DIM),
            location_line(&q.at),
            paint(RESET)
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonFigure<'a> {
    rank: usize,
    score: f32,
    quantities: &'a [String],
    numbers: &'a [Vec<String>],
    units: &'a [String],
    text: &'a str,
    sentence: &'a str,
    article: &'a str,
    title: &'a str,
    section: Option<&'a str>,
    paragraph: u32,
    lang: &'a str,
}

/// Writes figure sentences as JSON Lines.
pub fn print_figures_json(out: &mut impl Write, figures: &[FigureHit]) -> io::Result<()> {
    for f in figures {
        let j = JsonFigure {
            rank: f.rank,
            score: f.score,
            quantities: &f.figure.quantities,
            numbers: &f.figure.numbers,
            units: &f.figure.units,
            text: &f.figure.sentence,
            sentence: &f.figure.sentence,
            article: &f.at.article,
            title: &f.at.title,
            section: f.at.section.as_deref(),
            paragraph: f.at.paragraph,
            lang: &f.at.lang,
        };
        serde_json::to_writer(&mut *out, &j)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes figure sentences for people: the quantities, the sentence, where.
pub fn print_figures_human(
    out: &mut impl Write,
    figures: &[FigureHit],
    color: bool,
) -> io::Result<()> {
    let paint = |code: &'static str| if color { code } else { "" };
    for (i, f) in figures.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{b}{rank:>2}. {q}{r}",
            b = paint(BOLD),
            r = paint(RESET),
            rank = f.rank,
            q = f.figure.quantities.join(" · "),
        )?;
        writeln!(out, "    {}", f.figure.sentence.replace('\n', " "))?;
        writeln!(
            out,
            "    {}{}{}",
            paint(DIM),
            location_line(&f.at),
            paint(RESET)
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonSpeaker<'a> {
    speaker: &'a str,
    roles: &'a [String],
    statements: usize,
    articles: usize,
    unnamed: bool,
}

/// Writes the sources, most quoted first: JSON Lines or `N  speaker (roles)`.
pub fn print_speakers(
    out: &mut impl Write,
    speakers: &[SpeakerCount],
    json: bool,
) -> io::Result<()> {
    for s in speakers {
        if json {
            let j = JsonSpeaker {
                speaker: &s.speaker,
                roles: &s.roles,
                statements: s.statements,
                articles: s.articles,
                unnamed: s.unnamed,
            };
            serde_json::to_writer(&mut *out, &j)?;
            out.write_all(b"\n")?;
        } else {
            let roles = if s.roles.is_empty() {
                String::new()
            } else {
                format!(" ({})", s.roles.join(", "))
            };
            let unnamed = if s.unnamed { " [unnamed source]" } else { "" };
            writeln!(out, "{:>4}  {}{roles}{unnamed}", s.statements, s.speaker)?;
        }
    }
    Ok(())
}

// ------------------------------------------------------------------ status

#[derive(Serialize)]
struct JsonStatus<'a> {
    corpus: String,
    index: String,
    corpus_files: usize,
    indexed: bool,
    articles: usize,
    passages: u64,
    size_bytes: u64,
    schema_version: u32,
    current_schema: u32,
    updated_at: u64,
    up_to_date: bool,
    new: &'a [String],
    changed: &'a [String],
    removed: &'a [String],
    skipped: &'a [String],
}

fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GB", b as f64 / f64::from(1u32 << 30)),
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1u32 << 20)),
        b if b >= 1 << 10 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{b} bytes"),
    }
}

/// Writes `wenku status`: the corpus and the index side by side (or one JSON object).
pub fn print_status(
    out: &mut impl Write,
    s: &Status,
    corpus: &std::path::Path,
    index: &std::path::Path,
    json: bool,
) -> io::Result<()> {
    if json {
        let j = JsonStatus {
            corpus: corpus.display().to_string(),
            index: index.display().to_string(),
            corpus_files: s.corpus_files,
            indexed: s.indexed,
            articles: s.articles,
            passages: s.passages,
            size_bytes: s.size_bytes,
            schema_version: s.schema_version,
            current_schema: s.current_schema,
            updated_at: s.updated_at,
            up_to_date: !s.pending(),
            new: &s.new,
            changed: &s.changed,
            removed: &s.removed,
            skipped: &s.skipped,
        };
        serde_json::to_writer(&mut *out, &j)?;
        return writeln!(out);
    }
    writeln!(
        out,
        "corpus:  {} ({} articles)",
        corpus.display(),
        s.corpus_files
    )?;
    if s.indexed {
        writeln!(
            out,
            "index:   {} ({} articles, {} passages, {}, schema {}, updated {})",
            index.display(),
            s.articles,
            s.passages,
            human_size(s.size_bytes),
            s.schema_version,
            format_utc(s.updated_at)
        )?;
    } else {
        writeln!(out, "index:   {} (none yet)", index.display())?;
    }
    let skipped = |out: &mut dyn Write| -> io::Result<()> {
        for f in s.skipped.iter().take(20) {
            writeln!(
                out,
                "  skipped  {f} (not readable as text: fix or remove it; a changed file is read again)"
            )?;
        }
        if s.skipped.len() > 20 {
            writeln!(out, "  skipped  … and {} more", s.skipped.len() - 20)?;
        }
        Ok(())
    };
    if !s.pending() {
        writeln!(out, "status:  up to date")?;
        return skipped(out);
    }
    let mut why = vec![format!(
        "{} new, {} changed, {} removed",
        s.new.len(),
        s.changed.len(),
        s.removed.len()
    )];
    if s.indexed && s.schema_version != s.current_schema {
        why.push(format!(
            "written by schema {}, this wenku uses {} (it will be rebuilt)",
            s.schema_version, s.current_schema
        ));
    }
    writeln!(out, "status:  {}; run `wenku index`", why.join("; "))?;
    for (label, list) in [
        ("new", &s.new),
        ("changed", &s.changed),
        ("removed", &s.removed),
    ] {
        for f in list.iter().take(20) {
            writeln!(out, "  {label:<8} {f}")?;
        }
        if list.len() > 20 {
            writeln!(out, "  {label:<8} … and {} more", list.len() - 20)?;
        }
    }
    skipped(out)
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
            claims: Default::default(),
            translated: Vec::new(),
        }
    }

    #[test]
    fn citations_in_chinese_and_english() {
        use crate::claims::Quote;
        use crate::search::claims::{Location, QuoteHit};
        let mut q = QuoteHit {
            rank: 1,
            score: 1.0,
            quote: Quote {
                speaker: "钟师".into(),
                role: Some("汽车行业分析师".into()),
                cue: "所言".into(),
                text: "雷军的沟通方式更像是一位“懂技术的朋友”".into(),
                sentence: String::new(),
                kind: crate::claims::Kind::Direct,
                unnamed: false,
                start: 0,
                end: 0,
            },
            at: Location {
                article: "seed/a.txt".into(),
                title: "小米汽车能否成为下一个特斯拉？".into(),
                section: Some("都是“大品牌 大IP”".into()),
                paragraph: 10,
                lang: "zh".into(),
            },
        };
        assert_eq!(
            citation(&q),
            "钟师（汽车行业分析师）：“雷军的沟通方式更像是一位“懂技术的朋友””——《小米汽车能否成为下一个特斯拉？》，都是“大品牌 大IP”，第10段"
        );
        q.quote.speaker = "Tim Cook".into();
        q.quote.role = None;
        q.quote.text = "Sales were strong".into();
        q.at.lang = "en".into();
        q.at.title = "Apple".into();
        q.at.section = None;
        assert_eq!(
            citation(&q),
            "Tim Cook: \"Sales were strong\" — Apple, paragraph 10"
        );
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
