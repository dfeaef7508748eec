//! `wenku export --ndjson`: every passage with its metadata and its pre-analysed tokens,
//! for a distributed engine (OpenSearch/Elasticsearch `_bulk`, Quickwit's
//! Elasticsearch-compatible `_bulk`, or Quickwit's NDJSON ingest with `--docs-only`).
//!
//! Tokens are wenku's own analysis joined by single spaces, so an engine's whitespace
//! analyser reproduces wenku's segmentation, folding and stemming exactly.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::{self, Token};
use crate::claims::Claims;
use crate::error::{Error, Result};
use crate::index::{OpenIndex, StoredHit, speaker_key};

/// How to write the export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Name of the target index in the `_bulk` action lines.
    pub index_name: String,
    /// Documents only, one per line (no action lines).
    pub docs_only: bool,
}

/// One exported passage.
#[derive(Debug, Serialize)]
pub struct ExportDoc {
    /// Stable id: article path, paragraph and a hash of the text.
    pub id: String,
    /// Article path relative to the corpus.
    pub article: String,
    /// Article title.
    pub title: String,
    /// Section heading, if any.
    pub section: Option<String>,
    /// 1-based paragraph number.
    pub paragraph: u32,
    /// `zh` or `en`.
    pub lang: String,
    /// The passage as written.
    pub text: String,
    /// Word terms of the text, space-joined (jieba words, stems, numbers, compounds).
    pub words: String,
    /// CJK unigrams and bigrams of the text, space-joined.
    pub grams: String,
    /// Word terms of the title, space-joined.
    pub title_words: String,
    /// Word terms of the section heading, space-joined.
    pub section_words: String,
    /// Speakers of the passage's statements (folded keys, as `--speaker` matches them).
    pub speakers: Vec<String>,
    /// Claim kinds present: `quote`, `figure`.
    pub kinds: Vec<String>,
    /// The statements and figures themselves.
    pub claims: Claims,
}

fn joined(tokens: &[Token]) -> String {
    let mut out = String::new();
    for t in tokens {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&t.term);
    }
    out
}

impl ExportDoc {
    /// Analyses a stored passage for export.
    pub fn new(h: StoredHit) -> ExportDoc {
        let a = analysis::analyze(&h.text);
        let digest = blake3::hash(h.text.as_bytes()).to_hex();
        let speakers: BTreeSet<String> = h
            .claims
            .quotes
            .iter()
            .map(|q| speaker_key(&q.speaker))
            .collect();
        let mut kinds = Vec::new();
        if !h.claims.quotes.is_empty() {
            kinds.push(crate::index::KIND_QUOTE.to_string());
        }
        if !h.claims.figures.is_empty() {
            kinds.push(crate::index::KIND_FIGURE.to_string());
        }
        ExportDoc {
            id: format!("{}#{}-{}", h.article, h.paragraph, &digest.as_str()[..12]),
            words: joined(&a.words),
            grams: joined(&a.grams()),
            title_words: joined(&analysis::analyze(&h.title).words),
            section_words: joined(&analysis::analyze(h.section.as_deref().unwrap_or("")).words),
            speakers: speakers.into_iter().collect(),
            kinds,
            article: h.article,
            title: h.title,
            section: h.section,
            paragraph: h.paragraph,
            lang: h.lang,
            text: h.text,
            claims: h.claims,
        }
    }

    /// The document's line(s): a `_bulk` action line and the document, or the document
    /// alone.
    pub fn ndjson(&self, opts: &ExportOptions) -> serde_json::Result<String> {
        let doc = serde_json::to_string(self)?;
        if opts.docs_only {
            return Ok(format!("{doc}\n"));
        }
        let action = serde_json::json!({"index": {"_index": opts.index_name, "_id": self.id}});
        Ok(format!("{action}\n{doc}\n"))
    }
}

/// Writes every passage of `index` to `out` (named `dest` in errors); returns the number
/// written.
pub fn export(
    index: &OpenIndex,
    out: &mut dyn Write,
    dest: &Path,
    opts: &ExportOptions,
) -> Result<u64> {
    let mut n = 0u64;
    index.for_each_passage(1024, |hits| {
        let lines: Vec<serde_json::Result<String>> = hits
            .into_par_iter()
            .map(|h| ExportDoc::new(h).ndjson(opts))
            .collect();
        for line in lines {
            let line = line.map_err(|e| Error::io("cannot write", dest, e.into()))?;
            out.write_all(line.as_bytes())
                .map_err(|e| Error::io("cannot write", dest, e))?;
            n += 1;
        }
        Ok(())
    })?;
    Ok(n)
}

/// [`export`] into the file `path`, written beside it and renamed in when complete, so
/// there is never a half-written export under that name.
pub fn export_to_file(index: &OpenIndex, path: &Path, opts: &ExportOptions) -> Result<u64> {
    let name = path
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    let file = std::fs::File::create(&tmp).map_err(|e| Error::io("cannot create", path, e))?;
    let mut out = std::io::BufWriter::new(file);
    let written = export(index, &mut out, path, opts).and_then(|n| {
        out.flush()
            .map_err(|e| Error::io("cannot write", path, e))?;
        drop(out);
        std::fs::rename(&tmp, path).map_err(|e| Error::io("cannot write", path, e))?;
        Ok(n)
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit() -> StoredHit {
        StoredHit {
            score: 0.0,
            article: "seed/a.txt".into(),
            title: "小米汽车".into(),
            section: Some("毛利率".into()),
            paragraph: 3,
            lang: "zh".into(),
            text: "小米汽车毛利率达到26.4%。".into(),
            claims: Claims::default(),
        }
    }

    #[test]
    fn tokens_are_wenkus_analysis_space_joined() {
        let d = ExportDoc::new(hit());
        let words: Vec<&str> = d.words.split(' ').collect();
        let expected: Vec<String> = analysis::analyze("小米汽车毛利率达到26.4%。")
            .words
            .into_iter()
            .map(|t| t.term)
            .collect();
        assert_eq!(words, expected);
        assert!(words.contains(&"26.4%") && words.contains(&"毛利率"));
        assert!(d.grams.split(' ').any(|g| g == "汽车"));
        assert!(d.id.starts_with("seed/a.txt#3-"));
    }

    #[test]
    fn bulk_lines_pair_an_action_with_each_document() {
        let d = ExportDoc::new(hit());
        let opts = ExportOptions {
            index_name: "wenku".into(),
            docs_only: false,
        };
        let text = d.ndjson(&opts).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["index"]["_index"], "wenku");
        assert_eq!(lines[0]["index"]["_id"], lines[1]["id"]);
        assert_eq!(lines[1]["section"], "毛利率");
        let docs_only = ExportOptions {
            docs_only: true,
            ..opts
        };
        assert_eq!(d.ndjson(&docs_only).unwrap().lines().count(), 1);
    }
}
