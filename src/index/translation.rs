//! The translation table stored beside each index generation (`translate-<commit>.tbl`), made
//! from the index's own vocabulary when the index changes, and the user glossary
//! (`glossary.tsv` in the corpus folder) that goes into it.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use tantivy::directory::{Directory, MmapDirectory};
use tantivy::{Index, Searcher};

use super::words::Vocabulary;
use crate::analysis::is_cjk;
use crate::translate::stored::{self, StoredTable};
use crate::translate::{Table, glossary};

/// The table of commit `opstamp`. The commit is in the name, so a table left from an
/// earlier commit is never mistaken for the current one.
fn file_name(opstamp: u64) -> String {
    format!("translate-{opstamp}.tbl")
}

/// File name of the user glossary inside the corpus folder.
pub const GLOSSARY: &str = "glossary.tsv";

/// Chinese words an update added to an index whose table was made for an earlier
/// commit: the table can grow by them instead of being made again.
#[derive(Debug)]
pub struct Growth {
    previous: u64,
    zh: BTreeSet<String>,
    en: BTreeSet<String>,
}

impl Growth {
    /// The words of `read` (the word terms of the files an update read) that the index
    /// at commit `previous` (`old`) lacks.
    pub fn of(old: &Searcher, previous: u64, read: BTreeSet<String>) -> Growth {
        let (mut zh, mut en) = (BTreeSet::new(), BTreeSet::new());
        let old = Vocabulary::of(old).ok();
        for w in read {
            if old.as_ref().is_some_and(|v| v.doc_freq(&w) > 0) {
                continue;
            }
            if w.chars().all(is_cjk) {
                zh.insert(w);
            } else if is_english(&w) {
                en.insert(w);
            }
        }
        Growth { previous, zh, en }
    }
}

fn is_english(term: &str) -> bool {
    term.chars().all(|c| c.is_ascii_lowercase())
}

/// The English word terms of the index (those starting with a to z).
fn english_vocabulary(vocabulary: &Vocabulary) -> BTreeSet<String> {
    let mut en = BTreeSet::new();
    vocabulary.for_each_between("a", "{", |term| {
        if is_english(term) {
            en.insert(term.to_string());
        }
    });
    en
}

/// The old table of `growth.previous` with the new words' entries merged in.
fn grown(
    index: &Index,
    generation: &Path,
    growth: &Growth,
    extra: &[(String, String)],
    hash: &str,
    opstamp: u64,
) -> Option<Vec<u8>> {
    let old = load(generation, growth.previous).filter(|t| t.glossary_hash == hash)?;
    let vocabulary = Vocabulary::of(&index.reader().ok()?.searcher()).ok()?;
    let en = english_vocabulary(&vocabulary);
    let in_index = |w: &str| vocabulary.doc_freq(w) > 0;
    let new = Table::build_for_new_words(&growth.zh, &growth.en, &in_index, &en, extra);
    Some(stored::grow(&old, &new, opstamp, hash))
}

/// The Chinese and English word terms of the index.
fn vocabulary(index: &Index) -> tantivy::Result<(BTreeSet<String>, BTreeSet<String>)> {
    let vocabulary = Vocabulary::of(&index.reader()?.searcher())?;
    let (mut zh, mut en) = (BTreeSet::new(), BTreeSet::new());
    vocabulary.for_each_between("", "", |term| {
        if term.chars().all(is_cjk) {
            zh.insert(term.to_string());
        } else if term.chars().all(|c| c.is_ascii_lowercase()) {
            en.insert(term.to_string());
        }
    });
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

/// blake3 of the corpus's user glossary ("" when there is none), as the table records.
fn glossary_hash(corpus: &Path) -> String {
    fs::read(corpus.join(GLOSSARY))
        .map(|bytes| blake3::hash(&bytes).to_hex().to_string())
        .unwrap_or_default()
}

/// Does the generation hold the table of commit `opstamp`, made with the corpus's
/// current glossary?
pub fn is_current(generation: &Path, opstamp: u64, corpus: &Path) -> bool {
    load(generation, opstamp).is_some_and(|t| t.glossary_hash == glossary_hash(corpus))
}

/// Makes sure the generation's table matches its last commit and the user glossary:
/// grows the previous commit's table by `growth` when there is one, else makes it
/// from the whole index. Problems are returned as warnings: without a table, search
/// still works, untranslated.
pub fn refresh(
    index: &Index,
    generation: &Path,
    corpus: &Path,
    growth: Option<Growth>,
) -> Vec<String> {
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
    let grown = growth.and_then(|g| grown(index, generation, &g, &extra, &hash, opstamp));
    let bytes = match grown {
        Some(bytes) => bytes,
        None => match vocabulary(index) {
            Ok((zh, en)) => {
                let mut table = Table::build(&zh, &en, &extra);
                table.opstamp = opstamp;
                table.glossary_hash = hash;
                stored::to_bytes(&table)
            }
            Err(e) => {
                warnings.push(format!("translation table not updated: {e}"));
                return warnings;
            }
        },
    };
    let write = || -> std::io::Result<()> {
        let file = file_name(opstamp);
        let tmp = generation.join(format!("{file}.tmp"));
        fs::write(&tmp, &bytes)?;
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
