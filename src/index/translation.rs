//! The translation table stored beside each index generation (`translate.json`), made
//! from the index's own vocabulary when the index changes, and the user glossary
//! (`glossary.tsv` in the corpus folder) that goes into it.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use tantivy::Index;

use super::schema::Fields;
use crate::analysis::is_cjk;
use crate::translate::{Table, glossary};

/// The English → Chinese side of a generation's table for commit `opstamp` (read for
/// queries with Latin words). The commit is in the name, so a table left from an
/// earlier commit is never mistaken for the current one.
fn file_en(opstamp: u64) -> String {
    format!("translate-en-{opstamp}.json")
}

/// The Chinese → English side (read for queries with Chinese words).
fn file_zh(opstamp: u64) -> String {
    format!("translate-zh-{opstamp}.json")
}

/// Is there a table for commit `opstamp` in this generation?
pub fn exists(generation: &Path, opstamp: u64) -> bool {
    generation.join(file_en(opstamp)).is_file() && generation.join(file_zh(opstamp)).is_file()
}
/// File name of the user glossary inside the corpus folder.
pub const GLOSSARY: &str = "glossary.tsv";

/// The Chinese and English word terms of the index.
fn vocabulary(
    index: &Index,
    fields: &Fields,
) -> tantivy::Result<(BTreeSet<String>, BTreeSet<String>)> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let (mut zh, mut en) = (BTreeSet::new(), BTreeSet::new());
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.words)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let Ok(term) = std::str::from_utf8(terms.key()) else {
                continue;
            };
            if term.chars().all(is_cjk) {
                zh.insert(term.to_string());
            } else if term.chars().all(|c| c.is_ascii_lowercase()) {
                en.insert(term.to_string());
            }
        }
    }
    Ok((zh, en))
}

fn load_file(path: &Path, opstamp: u64) -> Option<Table> {
    let text = fs::read_to_string(path).ok()?;
    let table: Table = serde_json::from_str(&text).ok()?;
    (table.opstamp == opstamp).then_some(table)
}

/// Loads the parts of a generation's table that a query needs (`en`: its English →
/// Chinese side; `zh`: its Chinese → English side), if they were made for its current
/// commit. Each side is a file of its own, so a plain English query on an English
/// corpus does not read the large Chinese → English side.
pub fn load(generation: &Path, opstamp: u64, en: bool, zh: bool) -> Option<Table> {
    let mut table = Table {
        opstamp,
        ..Table::default()
    };
    if en {
        let t = load_file(&generation.join(file_en(opstamp)), opstamp)?;
        table.glossary_hash = t.glossary_hash;
        table.en_zh = t.en_zh;
        table.pinyin = t.pinyin;
    }
    if zh {
        let t = load_file(&generation.join(file_zh(opstamp)), opstamp)?;
        table.glossary_hash = t.glossary_hash;
        table.zh_en = t.zh_en;
        table.shown = t.shown;
    }
    Some(table)
}

/// Makes sure the generation's table matches its last commit and the user glossary;
/// rebuilds it if not. Problems are returned as warnings: without a table, search
/// still works, untranslated.
pub fn refresh(index: &Index, fields: &Fields, generation: &Path, corpus: &Path) -> Vec<String> {
    let mut warnings = Vec::new();
    let glossary_path = corpus.join(GLOSSARY);
    let (extra, hash) = match fs::read(&glossary_path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let (pairs, errors) = glossary::parse_tsv(&text);
            for e in errors {
                warnings.push(format!(
                    "{}: {e}; that line is ignored",
                    glossary_path.display()
                ));
            }
            (pairs, blake3::hash(&bytes).to_hex().to_string())
        }
        Err(_) => (Vec::new(), String::new()),
    };
    let opstamp = match index.load_metas() {
        Ok(m) => m.opstamp,
        Err(e) => {
            warnings.push(format!("translation table not updated: {e}"));
            return warnings;
        }
    };
    let current = |file: &str| {
        load_file(&generation.join(file), opstamp).is_some_and(|t| t.glossary_hash == hash)
    };
    if current(&file_en(opstamp)) && current(&file_zh(opstamp)) {
        return warnings;
    }
    let (zh, en) = match vocabulary(index, fields) {
        Ok(v) => v,
        Err(e) => {
            warnings.push(format!("translation table not updated: {e}"));
            return warnings;
        }
    };
    let mut table = Table::build(&zh, &en, &extra);
    table.opstamp = opstamp;
    table.glossary_hash = hash;
    let en = Table {
        zh_en: Default::default(),
        shown: Default::default(),
        ..table.clone()
    };
    let zh = Table {
        en_zh: Default::default(),
        pinyin: Default::default(),
        ..table
    };
    let write = || -> std::io::Result<()> {
        let files = [(file_en(opstamp), &en), (file_zh(opstamp), &zh)];
        for (file, part) in &files {
            let tmp = generation.join(format!("{file}.tmp"));
            fs::write(&tmp, serde_json::to_vec(part)?)?;
            fs::rename(&tmp, generation.join(file))?;
        }
        // Tables of earlier commits are of no use any more.
        for entry in fs::read_dir(generation)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("translate") && !files.iter().any(|(f, _)| *f == name) {
                let _ = fs::remove_file(entry.path());
            }
        }
        Ok(())
    };
    if let Err(e) = write() {
        warnings.push(format!(
            "could not write the translation table in {}: {e}",
            generation.display()
        ));
    }
    warnings
}
