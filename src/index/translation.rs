//! The translation table stored beside each index generation (`translate-<commit>.tbl`), made
//! from the index's own vocabulary when the index changes, the user glossary
//! (`glossary.tsv` in the corpus folder) that goes into it, and the index's words as
//! a [`Vocabulary`] that romanised names are looked up in.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use tantivy::directory::{Directory, MmapDirectory};
use tantivy::{Index, Searcher};

use super::OpenIndex;
use super::words::WordIndex;
use crate::analysis::is_cjk;
use crate::translate::pinyin::{MatchState, ReadingMatcher, Vocabulary};
use crate::translate::stored::{self, StoredTable};
use crate::translate::{Table, glossary, in_dictionary};

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
        let old = WordIndex::of(old).ok();
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
fn english_vocabulary(vocabulary: &WordIndex) -> BTreeSet<String> {
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
    let vocabulary = WordIndex::of(&index.reader().ok()?.searcher()).ok()?;
    let en = english_vocabulary(&vocabulary);
    let in_index = |w: &str| vocabulary.doc_freq(w) > 0;
    let new = Table::build_for_new_words(&growth.zh, &growth.en, &in_index, &en, extra);
    Some(stored::grow(&old, &new, opstamp, hash))
}

/// The word terms of the index that CC-CEDICT knows (Chinese, see [`in_dictionary`]),
/// and the English ones.
///
/// A term of several segments (a new index is read while its segments merge) is
/// looked up once per segment: cheaper than remembering the terms seen (1.3 million
/// on the scale corpus: 0.44 s against 0.19 s for every lookup). The terms below and
/// from [`VOCABULARY_SPLIT`] are read on two threads.
fn vocabulary(words: &WordIndex) -> (BTreeSet<String>, BTreeSet<String>) {
    let part = |from: &str, to: &str| {
        let (mut zh, mut en) = (Vec::new(), Vec::new());
        words.for_each_between(from, to, |term| {
            if is_english(term) {
                en.push(term.to_string());
            } else if in_dictionary(term) {
                zh.push(term.to_string());
            }
        });
        (zh, en)
    };
    let ((mut zh, mut en), (upper_zh, upper_en)) =
        rayon::join(|| part("", VOCABULARY_SPLIT), || part(VOCABULARY_SPLIT, ""));
    zh.extend(upper_zh);
    en.extend(upper_en);
    for words in [&mut zh, &mut en] {
        words.sort_unstable();
        words.dedup();
    }
    (zh.into_iter().collect(), en.into_iter().collect())
}

/// Where [`vocabulary`] splits the terms: the Chinese words starting with U+6000 or
/// later (the unified ideographs' first 0x1200 code points start about half of a
/// Chinese corpus's words).
const VOCABULARY_SPLIT: &str = "\u{6000}";

/// A [`ReadingMatcher`] as an automaton over a set of terms.
#[derive(Clone, Copy)]
struct ReadingAutomaton<'a>(&'a ReadingMatcher);

impl tantivy_fst::Automaton for ReadingAutomaton<'_> {
    type State = MatchState;

    fn start(&self) -> MatchState {
        self.0.start()
    }

    fn is_match(&self, state: &MatchState) -> bool {
        self.0.is_match(state)
    }

    fn can_match(&self, state: &MatchState) -> bool {
        self.0.can_match(state)
    }

    fn accept(&self, state: &MatchState, byte: u8) -> MatchState {
        self.0.step(state, byte)
    }
}

/// The index's word terms, searched through each segment's word dictionary for
/// name-like words (see `words::format`): blocks of terms whose first bytes the key
/// cannot read as are skipped.
impl Vocabulary for OpenIndex {
    fn words_read_as(
        &self,
        matcher: &ReadingMatcher,
        keep: &dyn Fn(&str) -> bool,
        limit: usize,
    ) -> Vec<String> {
        let mut found = BTreeSet::new();
        if let Some(words) = self.vocabulary() {
            // Each segment's words come in byte order: its first `limit` are enough.
            words.for_each_word_file(|set| {
                let mut taken = 0;
                set.search_names(ReadingAutomaton(matcher), |word| {
                    if let Ok(word) = std::str::from_utf8(word)
                        && keep(word)
                    {
                        found.insert(word.to_string());
                        taken += 1;
                    }
                    taken < limit
                });
            });
        }
        found.into_iter().take(limit).collect()
    }

    fn for_each_latin_word(&self, initials: &[u8], each: &mut dyn FnMut(&str)) {
        let Some(words) = self.vocabulary() else {
            return;
        };
        for &initial in initials.iter().filter(|b| b.is_ascii_lowercase()) {
            let (from, to) = (char::from(initial), char::from(initial + 1));
            words.for_each_between(&from.to_string(), &to.to_string(), |word| {
                if word.bytes().all(|b| b.is_ascii_lowercase()) {
                    each(word);
                }
            });
        }
    }

    fn written_capitalised(&self, word: &str, fits: &dyn Fn(&str) -> bool) -> Option<String> {
        OpenIndex::written_capitalised(self, word, fits)
    }
}

/// The table of the whole index, made from nothing.
fn made(index: &Index, extra: &[(String, String)]) -> tantivy::Result<Table> {
    Ok(made_from(
        &WordIndex::of(&index.reader()?.searcher())?,
        extra,
    ))
}

/// The table of the word index `words`, made from nothing.
fn made_from(words: &WordIndex, extra: &[(String, String)]) -> Table {
    let (zh, en) = vocabulary(words);
    let in_index = |w: &str| words.doc_freq(w) > 0;
    Table::build_from(&zh, &in_index, &en, extra)
}

/// A new index's table, made before its commit from the word file of its one segment
/// (see [`made_ahead`]), as stored but for the commit's number.
pub struct MadeAhead(Vec<u8>);

/// Makes a new index's table while its segment's other files are written: the
/// segments whose word files were written come through `segments` (see
/// `words::Written`), then `None` once the commit is prepared. The table is made from
/// the first; `None` unless it was the only one (an index of several segments has its
/// table made after the commit, from them all). On the scale corpus this took 0.2 s
/// off the end of a build.
pub fn made_ahead(
    segments: std::sync::mpsc::Receiver<Option<tantivy::Segment>>,
    corpus: &Path,
) -> Option<MadeAhead> {
    // CC-CEDICT is read while the documents are still being indexed: at the end, the
    // table is all that is left to wait for.
    crate::translate::warm_up();
    let first = segments.recv().ok()??;
    let made = super::words::open_written(&first).ok().map(|words| {
        let (extra, glossary_hash, _) = read_glossary(corpus);
        let mut table = made_from(&words, &extra);
        table.glossary_hash = glossary_hash;
        let bytes = stored::to_bytes(&table);
        // Freeing the table's hundreds of thousands of small allocations took 0.07 s
        // at the very end of a scale build: a thread of its own does it.
        let _ = std::thread::Builder::new().spawn(move || drop(table));
        MadeAhead(bytes)
    });
    // Any other segment, and the end.
    let mut others = 0;
    while let Ok(Some(_)) = segments.recv() {
        others += 1;
    }
    made.filter(|_| others == 0)
}

/// Writes a table [`made_ahead`] as commit `opstamp`'s ([`refresh`] then finds it
/// current). A table that cannot be written is made again by `refresh`.
pub fn store_ahead(ahead: MadeAhead, generation: &Path, opstamp: u64) {
    let _ = store(generation, opstamp, &stored::restamp(&ahead.0, opstamp));
}

/// The user glossary of `corpus`: its pairs, the blake3 of its bytes ("" when there is
/// none) and a warning for each line it ignores.
fn read_glossary(corpus: &Path) -> (Vec<(String, String)>, String, Vec<String>) {
    let glossary_path = corpus.join(GLOSSARY);
    match fs::read(&glossary_path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let (pairs, errors) = glossary::parse_tsv(&text);
            let warnings = errors
                .into_iter()
                .map(|e| format!("{}: {e}; that line is ignored", glossary_path.display()))
                .collect();
            (pairs, blake3::hash(&bytes).to_hex().to_string(), warnings)
        }
        Err(_) => (Vec::new(), String::new(), Vec::new()),
    }
}

/// Writes commit `opstamp`'s table file into `generation` (whole or not at all) and
/// removes the tables of earlier commits.
fn store(generation: &Path, opstamp: u64, bytes: &[u8]) -> std::io::Result<()> {
    let file = file_name(opstamp);
    let tmp = generation.join(format!("{file}.tmp"));
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, generation.join(&file))?;
    // Tables of earlier commits are of no use any more.
    for entry in fs::read_dir(generation)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("translate") && name != file {
            let _ = fs::remove_file(entry.path());
        }
    }
    Ok(())
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
    let (extra, hash, mut warnings) = read_glossary(corpus);
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
        None => match made(index, &extra) {
            Ok(mut table) => {
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
    if let Err(e) = store(generation, opstamp, &bytes) {
        warnings.push(format!(
            "could not write the translation table in {}: {e}",
            generation.display()
        ));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{IndexDir, OpenIndex, UpdateOptions, update};

    #[test]
    fn a_table_made_ahead_is_the_table_of_the_committed_index() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let corpus = dir.path().join("corpus");
        fs::create_dir_all(&corpus).expect("corpus folder");
        fs::write(
            corpus.join("a.md"),
            "# 小米汽车\n\n雷军说，小米的毛利率改善了。\n",
        )
        .expect("article");
        fs::write(
            corpus.join("b.md"),
            "# Batteries\n\nTesla's gross margin fell.\n",
        )
        .expect("article");
        fs::write(corpus.join(GLOSSARY), "Zorblax\t钟师\n").expect("glossary");
        let index_dir = IndexDir::new(dir.path().join("index"));
        update(&corpus, &index_dir, UpdateOptions::default()).expect("an index");
        let open = OpenIndex::open(&index_dir)
            .expect("readable")
            .expect("built");
        let stored = fs::read(open.path.join(file_name(open.opstamp))).expect("a table");
        // The table as made from the committed index (what `refresh` makes).
        let (extra, hash, _) = read_glossary(&corpus);
        let mut table = made(&open.index, &extra).expect("made");
        (table.opstamp, table.glossary_hash) = (open.opstamp, hash);
        assert!(stored::to_bytes(&table) == stored);
        assert!(table.en_zh.values().flatten().any(|zh| zh == "毛利率"));
        // Made ahead from the segment's word file: the same once restamped.
        let segments = open.index.searchable_segments().expect("segments");
        assert_eq!(segments.len(), 1);
        let (tx, rx) = std::sync::mpsc::channel();
        for message in [Some(segments[0].clone()), None] {
            tx.send(message).expect("sent");
        }
        let ahead = made_ahead(rx, &corpus).expect("made ahead");
        assert!(stored::restamp(&ahead.0, open.opstamp) == stored);
        // Of several segments, none is made ahead.
        let (tx, rx) = std::sync::mpsc::channel();
        for message in [Some(segments[0].clone()), Some(segments[0].clone()), None] {
            tx.send(message).expect("sent");
        }
        assert!(made_ahead(rx, &corpus).is_none());
        // Nor without any.
        let (tx, rx) = std::sync::mpsc::channel();
        tx.send(None).expect("sent");
        assert!(made_ahead(rx, &corpus).is_none());
    }
}
