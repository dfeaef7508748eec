//! Building and updating the index: scan the corpus, re-read only what changed, and
//! commit every change (documents and manifest) at once.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use tantivy::IndexSettings;
use tantivy::indexer::NoMergePolicy;
use tantivy::schema::Schema;
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use super::grams;
use super::manifest::{self, ArticleEntry, Manifest};
use super::scan::{CorpusFile, scan_corpus};
use super::schema::{self, Fields, SCHEMA_VERSION};
use super::store::IndexDir;
use super::terms;
use super::translation;
use super::words;
use super::{OpenIndex, open_generation, write_error};
use crate::analysis::{self, IndexAnalysis};
use crate::article::{self, Article, Passage};
use crate::claims::{self, Claims};
use crate::error::{Error, Result};

/// How to update.
#[derive(Debug, Clone, Copy, Default)]
pub struct UpdateOptions {
    /// Start from scratch instead of updating.
    pub rebuild: bool,
    /// Draw a progress bar on stderr (only shown on a terminal).
    pub progress: bool,
}

/// What an update did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Articles indexed for the first time.
    pub added: usize,
    /// Articles whose content changed and were re-indexed.
    pub updated: usize,
    /// Articles whose files are gone (or no longer readable) and were dropped.
    pub removed: usize,
    /// Articles left as they were.
    pub unchanged: usize,
    /// Files skipped with a warning.
    pub skipped: usize,
    /// Passages in the index after the update.
    pub passages: u64,
    /// Files read and parsed in this update.
    pub files_read: usize,
    /// Why the index was rebuilt from scratch, if it was.
    pub rebuilt: Option<String>,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// One line per skipped or unreadable file.
    pub warnings: Vec<String>,
}

impl Summary {
    /// Did this update change the index's content?
    pub fn changed(&self) -> bool {
        self.added + self.updated + self.removed > 0 || self.rebuilt.is_some()
    }
}

/// The outcome of reading one changed file.
enum Read {
    /// Same bytes as indexed: only the recorded size/mtime change.
    SameContent(ArticleEntry),
    /// New content, parsed (and analysed, unless large), with a warning if it was read
    /// with repairs, and the word terms of its text when they were asked for (`None`
    /// for a large article, whose documents are made later).
    Parsed(
        ArticleEntry,
        Documents,
        Option<String>,
        Option<BTreeSet<String>>,
    ),
    /// Could not be used; the warning says why.
    Skipped(String),
}

/// An article's documents, ready, or still to be made for a large article.
enum Documents {
    /// One document per passage.
    Ready(Vec<TantivyDocument>),
    /// An article of more than [`LARGE`] passages: its documents are made a chunk at a
    /// time, on every core, as they are indexed, so that they are never all in memory
    /// at once (a 50 MB article would need gigabytes).
    Large(Box<(Article, Vec<Claims>)>),
}

/// Passages above which an article's documents are made in chunks of this many.
const LARGE: usize = 512;

/// The word terms of `a` as the bytes the word fields read ([`terms`]).
fn encoded(a: &IndexAnalysis) -> Vec<u8> {
    // Two one-byte numbers a word, nearly always.
    let (words, bytes) = a.words_size();
    let mut s = Vec::with_capacity(bytes + 2 * words + 8);
    terms::encode_terms(a.words(), &mut s);
    s
}

/// Turns passages of an article into one tantivy document each; with `words`, also
/// collects the word terms of the passages' text.
fn documents(
    fields: &Fields,
    a: &Article,
    passages: &[Passage],
    claims: &[Claims],
    mut words: Option<&mut BTreeSet<String>>,
) -> Vec<TantivyDocument> {
    let title = encoded(&analysis::analyze_for_index(&a.title));
    let mut section_cache: Option<(Option<String>, Vec<u8>)> = None;
    passages
        .iter()
        .zip(claims)
        .map(|(p, c)| {
            let analysed = analysis::analyze_for_index(&p.text);
            if let Some(words) = words.as_deref_mut() {
                words.extend(analysed.words().map(|(_, t)| t.to_string()));
            }
            let words_bytes = encoded(&analysed);
            let grams_bytes = grams::payload(&analysed.folded, &analysed.runs);
            if section_cache.as_ref().is_none_or(|(s, _)| *s != p.section) {
                let s = p.section.as_deref().unwrap_or("");
                section_cache = Some((p.section.clone(), encoded(&analysis::analyze_for_index(s))));
            }
            let section_bytes = section_cache
                .as_ref()
                .map_or(&[][..], |(_, b)| b.as_slice());
            let heading = p.section.as_deref().unwrap_or("");
            let speakers: BTreeSet<String> =
                c.quotes.iter().map(|q| speaker_key(&q.speaker)).collect();
            let claims_json = if c.is_empty() {
                None
            } else {
                serde_json::to_string(c).ok()
            };
            // The document's values, sized ahead (a document grew about four times).
            let size = [a.path.len(), a.title.len(), heading.len(), p.text.len()]
                .into_iter()
                .chain([
                    words_bytes.len(),
                    grams_bytes.len(),
                    title.len(),
                    section_bytes.len(),
                ])
                .chain(speakers.iter().map(String::len))
                .chain(claims_json.as_ref().map(String::len))
                .sum::<usize>()
                + 128;
            let mut doc = TantivyDocument::with_capacity(size);
            doc.add_text(fields.article, &a.path);
            doc.add_text(fields.title, &a.title);
            doc.add_text(fields.section, heading);
            doc.add_u64(fields.section_number, u64::from(p.section_number));
            doc.add_u64(fields.paragraph, u64::from(p.paragraph));
            doc.add_text(fields.lang, a.lang.as_str());
            doc.add_text(fields.text, &p.text);
            doc.add_custom(fields.words, &words_bytes);
            doc.add_custom(fields.grams, &grams_bytes);
            doc.add_custom(fields.title_words, &title);
            if section_cache.is_some() {
                doc.add_custom(fields.section_words, section_bytes);
            }
            if !c.quotes.is_empty() {
                doc.add_text(fields.kind, KIND_QUOTE);
                for s in speakers {
                    doc.add_text(fields.speaker, s);
                }
            }
            if !c.figures.is_empty() {
                doc.add_text(fields.kind, KIND_FIGURE);
            }
            if let Some(json) = claims_json {
                doc.add_text(fields.claims, json);
            }
            doc
        })
        .collect()
}

fn read_file(
    fields: &Fields,
    f: &CorpusFile,
    old: Option<&ArticleEntry>,
    collect_words: bool,
) -> Read {
    let bytes = match fs::read(&f.path) {
        Ok(b) => b,
        Err(e) => return Read::Skipped(format!("skipping {}: cannot read it: {e}", f.rel)),
    };
    let hash = blake3::hash(&bytes).to_hex().to_string();
    if let Some(old) = old.filter(|o| o.hash == hash) {
        return Read::SameContent(ArticleEntry {
            size: f.size,
            mtime_ns: f.mtime_ns,
            ..old.clone()
        });
    }
    let decoded = match article::decode(&bytes) {
        Ok(d) => d,
        Err(e) => return Read::Skipped(format!("skipping {}: {e}", f.rel)),
    };
    let repaired = (!decoded.odd_lines.is_empty()).then(|| {
        let mut lines: Vec<String> = decoded.odd_lines.iter().take(5).map(|n| n.to_string()).collect();
        if decoded.odd_lines.len() > 5 {
            lines.push("…".into());
        }
        format!(
            "{}: line {} not valid UTF-8, read as GB18030 where possible, else with � for the bad bytes; re-save the file as UTF-8",
            f.rel,
            lines.join(", ")
        )
    });
    let a = article::parse_article(&f.rel, &decoded.text);
    drop(decoded);
    let texts: Vec<&str> = a.passages.iter().map(|p| p.text.as_str()).collect();
    let claims = claims::extract(&texts);
    let mut speakers = BTreeMap::new();
    for q in claims.iter().flat_map(|c| &c.quotes) {
        *speakers.entry(q.speaker.clone()).or_insert(0) += 1;
    }
    let entry = ArticleEntry {
        hash,
        size: f.size,
        mtime_ns: f.mtime_ns,
        title: a.title.clone(),
        lang: a.lang.as_str().to_string(),
        sections: a.sections.clone(),
        passages: a.passages.len() as u64,
        speakers,
    };
    let mut words = collect_words.then(BTreeSet::new);
    let docs = if a.passages.len() > LARGE {
        words = None;
        Documents::Large(Box::new((a, claims)))
    } else {
        Documents::Ready(documents(fields, &a, &a.passages, &claims, words.as_mut()))
    };
    Read::Parsed(entry, docs, repaired, words)
}

/// `kind` value of a passage with attributed statements.
pub const KIND_QUOTE: &str = "quote";
/// `kind` value of a passage with figures.
pub const KIND_FIGURE: &str = "figure";

/// How a speaker's name is indexed and matched: folded (traditional, width, case).
pub fn speaker_key(name: &str) -> String {
    analysis::fold_str(name.trim())
}

/// Memory for tantivy's indexing threads (an update's).
const WRITER_MEMORY: usize = 256 * 1024 * 1024;
/// Memory for the one indexing thread of a new index: what its segment holds before
/// it is written (as the plugins count it, by capacity). The scale corpus (71 MB)
/// takes 570 MB of it and fits in one segment, written on both cores once its last
/// document is in, at 0.85 GB of peak RSS (about 280 MB more than the segment: jieba's
/// and CC-CEDICT's tables, the documents read ahead, the sorts' room); 92 MB of text
/// (the scale corpus and a third of it again) took 684 MB, at 1.04 GB. A larger corpus
/// is written as several segments and merged (125 MB: two, 6.0 s, 1.06 GB). Two
/// threads with segments of 128 MB each wrote six segments of the scale corpus and
/// merged them: a second of CPU more, the merge alone at the end.
const FRESH_MEMORY: usize = 768 << 20;
/// Files read and analysed in parallel per batch (bounds memory on large corpora:
/// with one indexing thread, 256 took about 40 MB more of the scale build's peak).
const BATCH: usize = 64;
/// Most bytes of articles to read for which the translation dictionary is read ahead
/// ([`crate::translate::warm_up`], about 0.07 s), on a core of its own, while they are
/// read. With more, reading keeps every core busy, and the table, made while the new
/// index's segments merge, reads it then instead.
const WARM_UP_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Builds or updates the index in `dir` from the articles under `corpus`.
pub fn update(corpus: &Path, dir: &IndexDir, opts: UpdateOptions) -> Result<Summary> {
    let started = Instant::now();
    let (files, warnings) = scan_corpus(corpus)?;
    if !opts.rebuild
        && let Some(passages) = nothing_to_do(corpus, dir, &files)?
    {
        return Ok(Summary {
            unchanged: files.len(),
            passages,
            seconds: started.elapsed().as_secs_f64(),
            warnings,
            ..Summary::default()
        });
    }
    let lock = dir.lock()?;
    dir.remove_stale(&lock);

    let mut summary = Summary {
        warnings,
        ..Summary::default()
    };
    // Open the live generation, or decide to start a new one.
    let existing = match dir.current() {
        None => None,
        Some(_) if opts.rebuild => {
            summary.rebuilt = Some("--rebuild was given".into());
            None
        }
        Some(path) => match open_generation(dir, &path) {
            Ok(open) if open.schema_version == SCHEMA_VERSION => Some((path, open)),
            Ok(open) => {
                summary.rebuilt = Some(format!(
                    "the index was written by an incompatible version (schema {}, this wenku uses {SCHEMA_VERSION})",
                    open.schema_version
                ));
                None
            }
            Err(e) => return Err(e),
        },
    };
    // The stamp of the files the last commit was made from.
    let mut old_stamp = String::new();
    // A new index's segments, as their word files are written (see `made_ahead`).
    let (segments_written, written_segments) = std::sync::mpsc::channel();
    // The last commit's reader stays open to tell which words are new to the index.
    let (generation, index, fields, old, previous) = match existing {
        Some((path, open)) => {
            let manifest = open.full_manifest()?.clone();
            let previous = (open.reader.searcher(), open.opstamp);
            old_stamp = Manifest::corpus_stamp_of(&open.payload);
            (path, open.index, open.fields, manifest, Some(previous))
        }
        None => {
            let path = dir.new_generation(&lock)?;
            let (schema, fields) = schema::build();
            let written = segments_written.clone();
            let index = create_index(
                dir,
                &path,
                schema,
                files.iter().map(|f| f.size).sum(),
                std::sync::Arc::new(move |segment: &tantivy::Segment| {
                    let _ = written.send(Some(segment.clone()));
                }),
            )?;
            (path, index, fields, Manifest::default(), None)
        }
    };
    let fresh = previous.is_none();
    // A new index's translation table is made as soon as its word file is written,
    // while the rest of the segment is (see `translation::made_ahead`), on a thread
    // started now, so that it reads CC-CEDICT while jieba's dictionary loads (a core
    // is idle then), and waited for by its answer only: a thread's end frees its
    // memory to the system (0.08 s of the scale build's last stretch when the table's
    // thread was joined).
    let (made, ahead) = std::sync::mpsc::channel();
    if fresh {
        let corpus = corpus.to_path_buf();
        let _ = std::thread::Builder::new().spawn(move || {
            let _ = made.send(translation::made_ahead(written_segments, &corpus));
        });
    } else {
        drop((made, written_segments));
    }
    // Word terms of the files read, while every one could be collected.
    let mut read_words = Some(BTreeSet::new());

    let mut manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        updated_at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        articles: BTreeMap::new(),
    };
    let mut to_read = Vec::new();
    for f in &files {
        match old.articles.get(&f.rel) {
            Some(e) if e.size == f.size && e.mtime_ns == f.mtime_ns => {
                manifest.articles.insert(f.rel.clone(), e.clone());
                summary.unchanged += 1;
            }
            _ => to_read.push(f),
        }
    }

    let removals = old.articles.keys().any(|k| {
        files
            .binary_search_by(|f| f.rel.as_str().cmp(k.as_str()))
            .is_err()
    });
    let to_read_bytes: u64 = to_read.iter().map(|f| f.size).sum();
    if (!to_read.is_empty() || removals) && to_read_bytes <= WARM_UP_MAX_BYTES {
        // The table will be made or grown after the commit: its dictionary loads on
        // the other core meanwhile (the thread ends with the process at the latest).
        // Without a thread (the system refuses one), the table loads it when it needs it.
        let _ = std::thread::Builder::new().spawn(crate::translate::warm_up);
    }

    // Everything up to the commit: if any of it fails, the last commit is untouched
    // and what this run wrote is removed again.
    let written = (|| -> Result<Option<IndexWriter<TantivyDocument>>> {
        let fail = |e| write_error(dir, &generation, e);
        // A new index: one indexing thread (the other core reads and analyses) and
        // as few segments as memory allows (see FRESH_MEMORY).
        let mut writer: IndexWriter<TantivyDocument> = if fresh {
            index.writer_with_num_threads(1, FRESH_MEMORY)
        } else {
            index.writer(WRITER_MEMORY)
        }
        .map_err(fail)?;
        if fresh {
            // A new index is merged into one segment once it is committed (below), not
            // step by step while it is built.
            writer.set_merge_policy(Box::new(NoMergePolicy));
        }
        // Files of an earlier run that was killed or ran out of space go first, so that
        // they cannot fill the disk for this one.
        let _ = writer.garbage_collect_files().wait();
        remove_unused_segment_files(&index, &generation);
        let present: std::collections::HashSet<&str> =
            files.iter().map(|f| f.rel.as_str()).collect();
        for path in old.articles.keys() {
            if !present.contains(path.as_str()) {
                writer.delete_term(Term::from_field_text(fields.article, path));
                summary.removed += 1;
            }
        }

        let bar = progress_bar(opts.progress, to_read.len());
        // Files are read and analysed a batch ahead, on every core, while the main
        // thread hands the batch before to tantivy's indexing threads.
        let (ready, batches) = std::sync::mpsc::sync_channel::<Vec<Read>>(1);
        let (old_articles, fields_ref, reading) = (&old.articles, &fields, &to_read);
        let consumed = std::thread::scope(|s| -> Result<()> {
            s.spawn(move || {
                for batch in reading.chunks(BATCH) {
                    let results: Vec<Read> = batch
                        .par_iter()
                        .map(|f| read_file(fields_ref, f, old_articles.get(&f.rel), !fresh))
                        .collect();
                    // The main thread stopped (an error): no more batches.
                    if ready.send(results).is_err() {
                        return;
                    }
                }
            });
            for (batch, results) in to_read.chunks(BATCH).zip(batches) {
                for (f, result) in batch.iter().zip(results) {
                    let previous = old.articles.contains_key(&f.rel);
                    match result {
                        Read::SameContent(entry) => {
                            manifest.articles.insert(f.rel.clone(), entry);
                            summary.unchanged += 1;
                        }
                        Read::Parsed(entry, docs, repaired, words) => {
                            match (read_words.as_mut(), words) {
                                (Some(all), Some(w)) => all.extend(w),
                                (_, None) => read_words = None,
                                _ => {}
                            }
                            summary.files_read += 1;
                            summary.warnings.extend(repaired);
                            if previous {
                                writer.delete_term(Term::from_field_text(fields.article, &f.rel));
                                summary.updated += 1;
                            } else {
                                summary.added += 1;
                            }
                            if let Err(e) = add_documents(&writer, &fields, docs) {
                                return Err(fail(worker_error(&mut writer, e)));
                            }
                            manifest.articles.insert(f.rel.clone(), entry);
                        }
                        Read::Skipped(warning) => {
                            summary.warnings.push(warning);
                            summary.skipped += 1;
                            if previous {
                                writer.delete_term(Term::from_field_text(fields.article, &f.rel));
                                summary.removed += 1;
                            }
                        }
                    }
                    bar.inc(1);
                }
            }
            Ok(())
        });
        consumed?;
        bar.finish_and_clear();
        summary.passages = manifest.passages();

        let stamp = manifest::corpus_stamp(&files);
        if fresh || manifest != old_with_time(&old, manifest.updated_at) || stamp != old_stamp {
            // The manifest is encoded while the indexing threads write their last
            // segments, and its files written first: until the commit names them
            // they are never read.
            let (prepared, encoded) = std::thread::scope(|s| {
                let encoding = s.spawn(|| manifest.encode());
                let prepared = writer.prepare_commit();
                let _ = segments_written.send(None);
                let encoded = encoding.join().unwrap_or_else(|_| {
                    Err(std::io::Error::other("encoding the manifest panicked"))
                });
                (prepared, encoded)
            });
            // (No table when the thread could not start or ended without one.)
            let ahead = ahead.recv().ok().flatten();
            let mut prepared = prepared.map_err(fail)?;
            let opstamp = prepared.opstamp();
            let payload = encoded
                .and_then(|e| e.write(&generation, opstamp, &stamp))
                .map_err(|e| Error::index_write(dir.root(), &e))?;
            prepared.set_payload(&payload);
            prepared.commit().map_err(fail)?;
            Manifest::remove_others(&generation, &payload);
            if let Some(ahead) = ahead {
                translation::store_ahead(ahead, &generation, opstamp);
            }
            Ok(Some(writer))
        } else {
            writer.rollback().map_err(fail)?;
            Ok(None)
        }
    })();
    let writer = match written {
        Ok(writer) => writer,
        Err(e) => {
            discard(&index, &generation, fresh);
            return Err(e);
        }
    };
    // The table grows by the words new to the index. Words an edit or a removal took
    // away keep their entries until the next full build; a search skips renderings the
    // index no longer holds (see `search::present`).
    let growth = match (&previous, read_words) {
        (Some((searcher, opstamp)), Some(words)) => {
            Some(translation::Growth::of(searcher, *opstamp, words))
        }
        _ => None,
    };
    // The table needs only the committed vocabulary: it is made while the segments
    // merge (a new index of several into one, see [`merge_all`]), on the other core. A
    // new index of one segment has its table already (made ahead, above): `refresh`
    // finds it current.
    let (table_warnings, merged) = std::thread::scope(|s| {
        let merging = writer.map(|mut writer| {
            let index = &index;
            std::thread::Builder::new().spawn_scoped(s, move || -> tantivy::Result<()> {
                if fresh {
                    merge_all(index, &mut writer)?;
                }
                writer.wait_merging_threads()
            })
        });
        let warnings = translation::refresh(&index, &generation, corpus, growth);
        let merged = merging.map(|spawned| match spawned {
            Ok(h) => h.join().unwrap_or_else(|_| {
                Err(tantivy::TantivyError::InternalError(
                    "the merging thread panicked".into(),
                ))
            }),
            Err(e) => Err(tantivy::TantivyError::InternalError(format!(
                "no thread to merge in: {e}"
            ))),
        });
        (warnings, merged)
    });
    summary.warnings.extend(table_warnings);
    // The commit is in: a merge that fails leaves the committed segments as they are,
    // so it is worth a warning, not an error.
    if let Some(Err(e)) = merged {
        summary.warnings.push(format!(
            "the update is committed, but merging the index's segments failed: {e}"
        ));
    }
    if fresh && let Err(e) = dir.switch_to(&generation, &lock) {
        discard(&index, &generation, fresh);
        return Err(e);
    }
    summary.seconds = started.elapsed().as_secs_f64();
    drop(lock);
    // Freeing the manifests (an entry per article with its section headings: 312,000
    // strings on the scale corpus) took 10 ms at the very end of a build, on one core:
    // a thread of its own does it, which the process need not wait for.
    let _ = std::thread::Builder::new().spawn(move || drop((manifest, old)));
    Ok(summary)
}

/// Hands an article's documents to tantivy's indexing threads (a large article's made
/// a chunk at a time, on every core).
fn add_documents(
    writer: &IndexWriter<TantivyDocument>,
    fields: &Fields,
    docs: Documents,
) -> tantivy::Result<()> {
    let add = |doc| writer.add_document(doc).map(drop);
    match docs {
        Documents::Ready(docs) => docs.into_iter().try_for_each(add),
        Documents::Large(large) => {
            let (a, claims) = &*large;
            a.passages
                .chunks(LARGE)
                .zip(claims.chunks(LARGE))
                .try_for_each(|(passages, claims)| {
                    let docs: Vec<TantivyDocument> = passages
                        .par_chunks(16)
                        .zip(claims.par_chunks(16))
                        .flat_map_iter(|(p, c)| documents(fields, a, p, c, None))
                        .collect();
                    docs.into_iter().try_for_each(add)
                })
        }
    }
}

/// Merges every segment of a new index into one: a search then opens one term
/// dictionary per field instead of one per segment, and each term is stored once.
fn merge_all(index: &Index, writer: &mut IndexWriter<TantivyDocument>) -> tantivy::Result<()> {
    let ids = index.searchable_segment_ids()?;
    if ids.len() > 1 {
        writer.merge(&ids).wait()?;
    }
    Ok(())
}

/// Removes what a failed run wrote: a new generation entirely; in the live one, the
/// files its last commit does not use. Best effort: the next run tries again.
fn discard(index: &Index, generation: &Path, fresh: bool) {
    wait_for_indexing_threads();
    if fresh {
        let _ = fs::remove_dir_all(generation);
        return;
    }
    if let Ok(writer) = index.writer_with_num_threads::<TantivyDocument>(1, GC_MEMORY) {
        let _ = writer.garbage_collect_files().wait();
    }
    remove_unused_segment_files(index, generation);
}

/// Waits (10 s at most) until no tantivy indexing thread of this process runs. When an
/// indexing thread fails (a full disk), tantivy's `prepare_commit` returns at the first
/// failed one and lets the others go on alone, still writing their segments' files
/// (the word index's, written last, among them): those files can only be removed once
/// written. Threads are seen in `/proc/self/task` (Linux); elsewhere this does not wait
/// and the next run removes what is left.
fn wait_for_indexing_threads() {
    let running = || {
        fs::read_dir("/proc/self/task").is_ok_and(|tasks| {
            tasks.flatten().any(|task| {
                fs::read_to_string(task.path().join("comm"))
                    .is_ok_and(|name| name.starts_with("thrd-tantivy-in"))
            })
        })
    };
    let deadline = Instant::now() + std::time::Duration::from_secs(10);
    while running() && Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Removes segment files (`<segment id: 32 hex digits>.<ext>`) of segments that the
/// last commit does not hold.
/// tantivy's own collection only removes files it recorded in `.managed.json`, and on
/// a full disk that record may be what failed to be written.
fn remove_unused_segment_files(index: &Index, generation: &Path) {
    for path in unused_segment_files(index, generation) {
        let _ = fs::remove_file(path);
    }
}

/// Segment files in `generation` of segments that its last commit does not hold (all
/// of them when the commit cannot be read).
fn unused_segment_files(index: &Index, generation: &Path) -> Vec<std::path::PathBuf> {
    let used: std::collections::HashSet<String> = match index.load_metas() {
        Ok(metas) => metas
            .segments
            .iter()
            .map(|s| s.id().uuid_string())
            .collect(),
        Err(_) => return Vec::new(),
    };
    let Ok(entries) = fs::read_dir(generation) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let Some(text) = name.to_str() else {
                return false;
            };
            let segment_file = text.len() > 33
                && text.as_bytes()[32] == b'.'
                && text[..32].bytes().all(|b| b.is_ascii_hexdigit());
            segment_file && !used.contains(&text[..32])
        })
        .map(|entry| entry.path())
        .collect()
}

/// When the live index already holds the corpus scanned as `files` (by the stamp in
/// its commit), its translation table matches the glossary, and no interrupted run
/// left anything to clear: the number of passages it holds. An update then has nothing
/// to do and takes no lock (so it also succeeds on a read-only index).
fn nothing_to_do(corpus: &Path, dir: &IndexDir, files: &[CorpusFile]) -> Result<Option<u64>> {
    let Some(open) = OpenIndex::open(dir)? else {
        return Ok(None);
    };
    let current = open.is_current(corpus, files)
        && dir.only_live_generation()
        && unused_segment_files(&open.index, &open.path).is_empty();
    Ok(current.then(|| open.num_passages()))
}

/// The smallest writer tantivy allows: [`discard`] only collects files with it.
const GC_MEMORY: usize = 15_000_000;

/// The error that stopped tantivy's indexing threads. `add_document` only says that
/// they stopped; joining them (as `prepare_commit` does) gives their own error, such as
/// "No space left on device". Nothing is committed either way.
fn worker_error(
    writer: &mut IndexWriter<TantivyDocument>,
    stopped: tantivy::TantivyError,
) -> tantivy::TantivyError {
    match writer.prepare_commit() {
        Err(cause) => cause,
        Ok(_) => stopped,
    }
}

/// The old manifest as it would look if committed at `time` (to tell real changes).
fn old_with_time(old: &Manifest, time: u64) -> Manifest {
    Manifest {
        updated_at: time,
        ..old.clone()
    }
}

/// zstd level of the document store (passage text and metadata). lz4, tantivy's
/// default, barely shrinks Chinese text (the store was 63 MB for 65 MB of text).
/// Scale corpus, store size and build CPU (user) against level 6: level 5 +0.8 MB,
/// level 4 +1.6 MB and about -0.4 s, level 3 +2.9 MB and no faster than 4. In
/// `zstd -b1 -e4 -B65536` over 60 MB of its text: levels 1 to 4 compress 304, 217,
/// 155 and 162 MB/s; the store is 43.5 MB at level 4, 44.9 at 2 and 47.4 at 1. Level
/// 2 saves about 0.12 s of CPU for 1.3 MB. Reading costs the same at every level.
const DOCSTORE_ZSTD_LEVEL: i32 = 2;
/// Bytes of documents compressed together; a hit decompresses its whole block (about
/// 60 µs for 64 KB), and a search reads ten hits or more. Scale corpus, against 64 KB
/// (A/B, alternating, 20 queries × 10 as whole processes; builds 3 each): 32 KB took
/// 0.35 ms off a search (7.73 → 7.39 ms p50, p99 10.1 → 8.5), the index grew 1.25 MB
/// (1.92 → 1.94× the text) and builds took the same; 16 KB took 0.55 ms off, grew it
/// 2 MB and made builds about 3% slower.
const DOCSTORE_BLOCK: usize = 32 * 1024;

/// Word occurrences of the passage text to make room for in a new index of
/// `text_bytes` of articles: one per 5 bytes (the scale corpus has one per 7: mostly
/// Chinese, a word of two characters in six bytes), for a quarter of the writer's
/// memory at most (12 bytes each; the plugins count it as taken from the start).
fn expected_words(text_bytes: u64) -> usize {
    let most = FRESH_MEMORY / 4 / 12;
    usize::try_from(text_bytes / 5).map_or(most, |n| n.min(most))
}

/// Creates a new index in `path` for `text_bytes` of articles, its word plugin of the
/// passage text telling `written` of each new segment's word file.
fn create_index(
    dir: &IndexDir,
    path: &Path,
    schema: Schema,
    text_bytes: u64,
    written: words::Written,
) -> Result<Index> {
    let settings = IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(DOCSTORE_ZSTD_LEVEL),
        }),
        docstore_blocksize: DOCSTORE_BLOCK,
        ..IndexSettings::default()
    };
    let plugins =
        super::plugins::PassagePlugins::for_new_index(expected_words(text_bytes), written);
    Index::builder()
        .schema(schema)
        .settings(settings)
        .register_plugin(std::sync::Arc::new(plugins))
        .create_in_dir(path)
        .map_err(|e| write_error(dir, path, e))
}

fn progress_bar(enabled: bool, len: usize) -> ProgressBar {
    if !enabled || len < 50 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} indexing [{bar:30}] {pos}/{len} files ({eta} left)")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
