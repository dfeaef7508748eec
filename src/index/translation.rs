//! The translation table stored beside each index generation (`translate-<commit>.tbl`), made
//! from the index's own vocabulary when the index changes, and the user glossary
//! (`glossary.tsv` in the corpus folder) that goes into it.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use tantivy::Index;
use tantivy::directory::{Directory, MmapDirectory};

use super::schema::Fields;
use crate::analysis::is_cjk;
use crate::translate::stored::{self, StoredTable};
use crate::translate::{Table, glossary};

/// The table of commit `opstamp`. The commit is in the name, so a table left from an
/// earlier commit is never mistaken for the current one.
fn file_name(opstamp: u64) -> String {
    format!("translate-{opstamp}.tbl")
}

/// Is there a table for commit `opstamp` in this generation?
pub fn exists(generation: &Path, opstamp: u64) -> bool {
    generation.join(file_name(opstamp)).is_file()
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

/// Opens (memory-maps) the table of commit `opstamp`, if there is a sound one.
pub fn load(generation: &Path, opstamp: u64) -> Option<StoredTable> {
    let dir = MmapDirectory::open(generation).ok()?;
    let bytes = dir
        .open_read(Path::new(&file_name(opstamp)))
        .ok()?
        .read_bytes()
        .ok()?;
    StoredTable::new(Box::new(bytes)).filter(|t| t.opstamp == opstamp)
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
    if load(generation, opstamp).is_some_and(|t| t.glossary_hash == hash) {
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
    let write = || -> std::io::Result<()> {
        let file = file_name(opstamp);
        let tmp = generation.join(format!("{file}.tmp"));
        fs::write(&tmp, stored::to_bytes(&table))?;
        fs::rename(&tmp, generation.join(&file))?;
        // Tables of earlier commits are of no use any more.
        for entry in fs::read_dir(generation)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("translate") && name != file {
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
