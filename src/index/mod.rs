//! The tantivy boundary: schema, on-disk layout, incremental building and query
//! execution. Nothing outside this module names a tantivy type.

mod build;
mod elias_fano;
mod grams;
mod manifest;
#[cfg(test)]
mod plugin_fixture;
mod plugins;
mod postings;
mod query;
mod readable;
mod scan;
mod schema;
mod status;
mod store;
mod terms;
#[cfg(test)]
pub(crate) mod test_random;
pub mod translation;
mod watch;
mod words;

use std::path::{Path, PathBuf};

use tantivy::collector::TopDocs;
use tantivy::schema::Value;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

pub use build::{KIND_FIGURE, KIND_QUOTE, Summary, UpdateOptions, speaker_key, update};
pub use manifest::{ArticleEntry, Details, Manifest};
pub use query::{Matcher, QueryPlan, Target};
pub use scan::{CorpusFile, scan_corpus};
pub use schema::SCHEMA_VERSION;
pub use status::{Status, format_utc, status};
pub use store::IndexDir;
pub use watch::{QUIET, watch};

use crate::claims::Claims;
use crate::error::{Error, Result};

/// A passage as stored in the index, with its score for a query.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredHit {
    /// BM25-based score.
    pub score: f32,
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
    /// The passage text as written.
    pub text: String,
    /// Attributed statements and figures found in the passage.
    pub claims: Claims,
}

/// Sorts hits best first. Equal scores come in reading order (article, paragraph), not
/// in the order of the passages in the index, which depends on how the indexing threads
/// shared them out: a rebuild answers the same.
pub fn in_rank_order(hits: &mut [StoredHit]) {
    hits.sort_by(|a, b| {
        b.score.total_cmp(&a.score).then_with(|| {
            (&a.article, a.paragraph, &a.text).cmp(&(&b.article, b.paragraph, &b.text))
        })
    });
}

/// An index opened for searching.
pub struct OpenIndex {
    index: Index,
    fields: schema::Fields,
    reader: IndexReader,
    path: PathBuf,
    /// The schema version the index was written with.
    pub schema_version: u32,
    /// What the index holds (without section headings and speakers), read on first
    /// use: see [`OpenIndex::manifest`].
    manifest: std::sync::OnceLock<Manifest>,
    /// The commit the index was opened at.
    opstamp: u64,
    /// The commit's payload (names the manifest files).
    payload: String,
    /// The manifest with speakers, read on first use.
    with_speakers: std::sync::OnceLock<Manifest>,
    /// The manifest with speakers and section headings, read on first use.
    full: std::sync::OnceLock<Manifest>,
    /// The word index of every segment, opened on first use.
    vocabulary: std::sync::OnceLock<Option<words::WordIndex>>,
    /// Every segment's word and gram files, held from the first search on: tantivy
    /// keeps a file mapped only while something holds it, and a query opens its
    /// segment's file for every clause (a search mapped a title-word file again for
    /// each word of the query: +0.12 ms on the shipped corpus).
    held: std::sync::OnceLock<Vec<tantivy::directory::FileSlice>>,
}

impl std::fmt::Debug for OpenIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenIndex")
            .field("path", &self.path)
            .finish()
    }
}

pub(crate) fn engine_error(path: &Path, e: tantivy::TantivyError) -> Error {
    Error::Engine {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

/// A failure while writing the index: [`Error::IndexWrite`] when the system refused a
/// write (disk full, file size limit, read-only folder), else [`Error::Engine`].
pub(crate) fn write_error(dir: &IndexDir, generation: &Path, e: tantivy::TantivyError) -> Error {
    match io_cause(&e) {
        Some(io) => Error::index_write(dir.root(), &io),
        None => engine_error(generation, e),
    }
}

/// The operating system's error inside a tantivy error, if that is what it is.
fn io_cause(e: &tantivy::TantivyError) -> Option<std::io::Error> {
    use tantivy::TantivyError as T;
    use tantivy::directory::error::{LockError, OpenDirectoryError, OpenWriteError};
    match e {
        T::IoError(io)
        | T::OpenWriteError(OpenWriteError::IoError { io_error: io, .. })
        | T::OpenDirectoryError(OpenDirectoryError::IoError { io_error: io, .. })
        | T::LockFailure(LockError::IoError(io), _) => {
            Some(std::io::Error::new(io.kind(), io.to_string()))
        }
        // An indexing thread's error reaches us as text ("... (os error 28)").
        _ => {
            let text = e.to_string();
            let code = text.split("(os error ").nth(1)?.split(')').next()?;
            code.parse().ok().map(std::io::Error::from_raw_os_error)
        }
    }
}

fn damaged(dir: &IndexDir, detail: impl Into<String>) -> Error {
    Error::IndexDamaged {
        path: dir.root().to_path_buf(),
        detail: detail.into(),
    }
}

/// Opens one generation folder: schema check, manifest from the last commit, a reader.
fn open_generation(dir: &IndexDir, path: &Path) -> Result<OpenIndex> {
    let mut index = readable::ReadableDirectory::open(path)
        .and_then(Index::open)
        .map_err(|e| damaged(dir, e.to_string()))?;
    plugins::register(&mut index);
    let metas = index
        .load_metas()
        .map_err(|e| damaged(dir, e.to_string()))?;
    let Some(payload) = metas.payload.clone() else {
        return Err(damaged(dir, "no manifest in its last commit"));
    };
    let Some(schema_version) = Manifest::schema_version_of(&payload) else {
        return Err(damaged(dir, "unreadable manifest in its last commit"));
    };
    let manifest = std::sync::OnceLock::new();
    if schema_version != SCHEMA_VERSION {
        // Written by another version: only its version is of use (`update` rebuilds).
        let _ = manifest.set(Manifest {
            schema_version,
            ..Manifest::default()
        });
    }
    let fields = match schema::fields_of(&index.schema()) {
        Some(f) => f,
        // Written by another version: never searched, `update` rebuilds it.
        None if schema_version != SCHEMA_VERSION => schema::build().1,
        None => return Err(damaged(dir, "its schema lacks wenku's fields")),
    };
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e: tantivy::TantivyError| damaged(dir, e.to_string()))?;
    let opstamp = metas.opstamp;
    Ok(OpenIndex {
        index,
        fields,
        reader,
        held: std::sync::OnceLock::new(),
        path: path.to_path_buf(),
        schema_version,
        manifest,
        opstamp,
        payload,
        with_speakers: std::sync::OnceLock::new(),
        full: std::sync::OnceLock::new(),
        vocabulary: std::sync::OnceLock::new(),
    })
}

/// How many times `limit` passages a search fetches at most, when the passages
/// around the last one kept have equal scores (see [`OpenIndex::search`]).
const TIES_FETCHED: usize = 8;

/// Passages read to tell whether a word is written as a name
/// ([`OpenIndex::written_capitalised`]).
const CASE_PASSAGES: usize = 3;

impl OpenIndex {
    /// Opens the live index in `dir`; `Ok(None)` when there is none yet.
    pub fn open(dir: &IndexDir) -> Result<Option<OpenIndex>> {
        match dir.current() {
            None => Ok(None),
            Some(path) => open_generation(dir, &path).map(Some),
        }
    }

    /// Runs a query plan and returns the best `limit` passages, best first.
    pub fn search(&self, plan: &QueryPlan, limit: usize) -> Result<Vec<StoredHit>> {
        if plan.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        self.hold_plugin_files();
        let q = query::to_tantivy(&self.fields, plan);
        let searcher = self.reader.searcher();
        // Passages tied with the last one kept are all fetched, up to a bound: which
        // of them tantivy keeps depends on how the indexing threads shared the
        // passages out, and the reading order below should choose instead.
        let cap = limit
            .saturating_mul(TIES_FETCHED)
            .max(limit.saturating_add(64));
        let mut fetch = limit.saturating_add(1);
        let top = loop {
            let top = searcher
                .search(&q, &TopDocs::with_limit(fetch).order_by_score())
                .map_err(|e| self.read_error(e))?;
            let tied_past_limit =
                top.len() == fetch && top.get(limit - 1).map(|t| t.0) == top.last().map(|t| t.0);
            if !tied_past_limit || fetch >= cap {
                break top;
            }
            fetch = fetch.saturating_mul(4).min(cap);
        };
        let last_score = top.get(limit - 1).map(|t| t.0);
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            // Past the limit, only the passages tied with the last one kept compete.
            if hits.len() >= limit && Some(score) != last_score {
                break;
            }
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.read_error(e))?;
            hits.push(self.stored_hit(&doc, score));
        }
        in_rank_order(&mut hits);
        hits.truncate(limit);
        Ok(hits)
    }

    /// Maps every segment's word and gram files for as long as the index is open
    /// (see [`OpenIndex::held`]); a file that cannot be opened is left to the query
    /// that needs it to report.
    fn hold_plugin_files(&self) {
        self.held.get_or_init(|| {
            let extensions: Vec<&str> = words::WordField::ALL
                .iter()
                .map(|f| f.extension())
                .chain([grams::EXTENSION])
                .collect();
            self.reader
                .searcher()
                .segment_readers()
                .iter()
                .flat_map(|r| {
                    extensions.iter().filter_map(|ext| {
                        r.open_read(tantivy::index::SegmentComponent::Custom(ext.to_string()))
                            .ok()
                    })
                })
                .collect()
        });
    }

    /// A stored document as a hit.
    fn stored_hit(&self, doc: &TantivyDocument, score: f32) -> StoredHit {
        let text = |f| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let section = text(self.fields.section);
        StoredHit {
            score,
            article: text(self.fields.article),
            title: text(self.fields.title),
            section: (!section.is_empty()).then_some(section),
            paragraph: doc
                .get_first(self.fields.paragraph)
                .and_then(|v| v.as_u64())
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(0),
            lang: text(self.fields.lang),
            text: text(self.fields.text),
            claims: doc
                .get_first(self.fields.claims)
                .and_then(|v| v.as_str())
                .and_then(|j| serde_json::from_str(j).ok())
                .unwrap_or_default(),
        }
    }

    /// Calls `each` with every passage of the index (score 0), in batches of up to
    /// `batch` passages, in index order.
    pub fn for_each_passage(
        &self,
        batch: usize,
        mut each: impl FnMut(Vec<StoredHit>) -> Result<()>,
    ) -> Result<()> {
        let searcher = self.reader.searcher();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let ids: Vec<u32> = segment.doc_ids_alive().collect();
            for chunk in ids.chunks(batch.max(1)) {
                let mut hits = Vec::with_capacity(chunk.len());
                for &id in chunk {
                    let address = tantivy::DocAddress::new(ord as u32, id);
                    let doc: TantivyDocument =
                        searcher.doc(address).map_err(|e| self.read_error(e))?;
                    hits.push(self.stored_hit(&doc, 0.0));
                }
                each(hits)?;
            }
        }
        Ok(())
    }

    /// The translation table of this commit (looked up in place); `None` when there
    /// is none.
    pub fn translation(&self) -> Option<crate::translate::stored::StoredTable> {
        translation::load(&self.path, self.opstamp)
    }

    /// What the index holds, per article (read from disk on first use; without section
    /// headings and speakers: see [`OpenIndex::full_manifest`]).
    pub fn manifest(&self) -> Result<&Manifest> {
        self.read_manifest(&self.manifest, Details::None)
    }

    /// The manifest of an index written by another version, as far as this version
    /// reads it (its articles, sizes and times; `None` if it cannot), for `status`:
    /// [`OpenIndex::manifest`] of such an index holds only its version.
    pub fn manifest_of_other_version(&self) -> Option<Manifest> {
        (self.schema_version != SCHEMA_VERSION)
            .then(|| Manifest::read(&self.path, &self.payload, Details::None).ok())
            .flatten()
    }

    /// The manifest with every article's speakers, without the section headings
    /// (read from disk on first use).
    pub fn manifest_with_speakers(&self) -> Result<&Manifest> {
        self.read_manifest(&self.with_speakers, Details::Speakers)
    }

    /// The manifest with every article's section headings and speakers (read from
    /// disk on first use; [`OpenIndex::manifest`] leaves them out).
    pub fn full_manifest(&self) -> Result<&Manifest> {
        self.read_manifest(&self.full, Details::All)
    }

    fn read_manifest<'a>(
        &self,
        cell: &'a std::sync::OnceLock<Manifest>,
        details: Details,
    ) -> Result<&'a Manifest> {
        if let Some(m) = cell.get() {
            return Ok(m);
        }
        let m = Manifest::read(&self.path, &self.payload, details).map_err(|detail| {
            Error::IndexDamaged {
                path: self.path.clone(),
                detail,
            }
        })?;
        Ok(cell.get_or_init(|| m))
    }

    /// Is the corpus scanned as `files` the one the index was made from (the same
    /// files, sizes and modification times)? Told from the stamp in the commit.
    pub fn matches(&self, files: &[CorpusFile]) -> bool {
        Manifest::corpus_stamp_of(&self.payload) == manifest::corpus_stamp(files)
    }

    /// Does the index answer for the corpus in `corpus` scanned as `files`: this
    /// version's schema, made from these files, with its translation table made with
    /// the corpus's glossary?
    pub fn is_current(&self, corpus: &Path, files: &[CorpusFile]) -> bool {
        self.schema_version == SCHEMA_VERSION
            && self.matches(files)
            && translation::is_current(&self.path, self.opstamp, corpus)
    }

    /// Does a passage in the index hold the word term `word`? (A term's document
    /// frequency still counts passages that an edit or a removal deleted until their
    /// segment is merged; this looks for a live one.)
    pub fn holds_word(&self, word: &str) -> bool {
        self.vocabulary().is_some_and(|v| v.holds(word))
    }

    /// How the English word `term` (as indexed: lower case, stemmed) is written when
    /// most of its occurrences in the first [`CASE_PASSAGES`] passages that hold it are
    /// capitalised spellings `fits` accepts: the one seen most (first seen on a tie).
    /// `None` when they are not most: `lane` the road, not `Lane` the name; `feder`,
    /// written `Federal`, for a name whose sound is that of the stem, not the word.
    pub fn written_capitalised(&self, term: &str, fits: &dyn Fn(&str) -> bool) -> Option<String> {
        let words = self.vocabulary()?;
        let searcher = self.reader.searcher();
        let mut seen = 0;
        let mut spellings: Vec<(String, usize)> = Vec::new();
        for (segment, doc) in words.first_docs(term, CASE_PASSAGES) {
            let address = tantivy::DocAddress::new(segment, doc);
            let Ok(doc) = searcher.doc::<TantivyDocument>(address) else {
                continue;
            };
            let text = doc
                .get_first(self.fields.text)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            for w in text.split(|c: char| !c.is_ascii_alphabetic()) {
                if w.is_empty()
                    || crate::analysis::latin_terms(&w.to_ascii_lowercase())
                        .first()
                        .is_none_or(|t| t != term)
                {
                    continue;
                }
                seen += 1;
                if w.starts_with(|c: char| c.is_ascii_uppercase()) && fits(w) {
                    match spellings.iter_mut().find(|(s, _)| s == w) {
                        Some((_, n)) => *n += 1,
                        None => spellings.push((w.to_string(), 1)),
                    }
                }
            }
        }
        let capital: usize = spellings.iter().map(|(_, n)| n).sum();
        if seen == 0 || capital * 2 <= seen {
            return None;
        }
        // The first of the most seen (`max_by_key` would keep the last).
        let most = spellings.iter().map(|(_, n)| *n).max()?;
        spellings
            .into_iter()
            .find(|(_, n)| *n == most)
            .map(|(s, _)| s)
    }

    /// Does the index hold a word that begins with `prefix`?
    pub fn holds_word_prefix(&self, prefix: &str) -> bool {
        self.vocabulary().is_some_and(|v| v.holds_prefix(prefix))
    }

    /// The word index of every segment (`None` if one cannot be read: then no word
    /// is known, and the search itself reports the damage).
    fn vocabulary(&self) -> Option<&words::WordIndex> {
        self.vocabulary
            .get_or_init(|| words::WordIndex::of(&self.reader.searcher()).ok())
            .as_ref()
    }

    /// The index's word vocabulary, to cut queries the way their passages were cut.
    pub fn segmenter(&self) -> crate::analysis::Segmenter<'_> {
        crate::analysis::Segmenter::Lexicon(self)
    }

    /// Number of passages in the index.
    pub fn num_passages(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn read_error(&self, e: tantivy::TantivyError) -> Error {
        Error::IndexDamaged {
            path: self.path.clone(),
            detail: e.to_string(),
        }
    }
}

impl crate::analysis::Lexicon for OpenIndex {
    fn frequency(&self, word: &str) -> u64 {
        self.vocabulary().map_or(0, |v| v.doc_freq(word))
    }

    fn total(&self) -> u64 {
        self.vocabulary().map_or(0, words::WordIndex::total_tokens)
    }
}

/// An index opened for searching after making sure it matches the corpus.
#[derive(Debug)]
pub struct Fresh {
    /// The index, up to date unless `note` says otherwise.
    pub index: OpenIndex,
    /// What the update did, if one ran.
    pub summary: Option<Summary>,
    /// Why the index could not be brought up to date, if it could not.
    pub note: Option<String>,
}

/// Opens the index in `dir`, first building it or bringing it up to date if it is
/// missing or older than the corpus. If another process is updating it, answers from
/// the last commit and says so in `note`.
pub fn open_fresh(corpus: &Path, dir: &IndexDir, opts: UpdateOptions) -> Result<Fresh> {
    let (files, _) = scan_corpus(corpus)?;
    let previous = match OpenIndex::open(dir)? {
        Some(index) if index.is_current(corpus, &files) => {
            return Ok(Fresh {
                index,
                summary: None,
                note: None,
            });
        }
        other => other,
    };
    let summary = match update(corpus, dir, opts) {
        Ok(s) => s,
        // Busy, or not writable (disk full, read-only): the last commit still answers.
        Err(e @ (Error::IndexBusy { .. } | Error::IndexWrite { .. })) => {
            let note = match &e {
                Error::IndexBusy { .. } => {
                    "another `wenku index` is updating the index; answering from its last commit"
                        .to_string()
                }
                _ => format!("{e}; meanwhile answering from its last commit"),
            };
            return match previous.filter(|i| i.schema_version == SCHEMA_VERSION) {
                Some(index) => Ok(Fresh {
                    index,
                    summary: None,
                    note: Some(note),
                }),
                None => Err(e),
            };
        }
        Err(e) => return Err(e),
    };
    drop(previous);
    let index = OpenIndex::open(dir)?.ok_or_else(|| Error::IndexMissing {
        path: dir.root().to_path_buf(),
    })?;
    Ok(Fresh {
        index,
        summary: Some(summary),
        note: None,
    })
}
