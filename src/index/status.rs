//! `wenku status`: the corpus and the index side by side, without changing either.

use std::path::Path;

use super::scan::{CorpusFile, scan_corpus};
use super::schema::SCHEMA_VERSION;
use super::{IndexDir, OpenIndex};
use crate::error::Result;

/// What the corpus holds and what the index knows of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// Article files in the corpus now.
    pub corpus_files: usize,
    /// Whether there is an index at all.
    pub indexed: bool,
    /// Articles in the index.
    pub articles: usize,
    /// Passages in the index.
    pub passages: u64,
    /// Files in the corpus the index does not have yet.
    pub new: Vec<String>,
    /// Files the last update read and skipped (empty, binary, unreadable), unchanged
    /// since: the next update does not read them either.
    pub skipped: Vec<String>,
    /// Files whose size or modification time changed since they were indexed.
    pub changed: Vec<String>,
    /// Indexed files no longer in the corpus.
    pub removed: Vec<String>,
    /// Bytes used by the live index.
    pub size_bytes: u64,
    /// Schema version the index was written with (0 without an index).
    pub schema_version: u32,
    /// Schema version this wenku writes.
    pub current_schema: u32,
    /// Last update, seconds since the Unix epoch (0 without an index).
    pub updated_at: u64,
    /// Warnings from scanning the corpus (unreadable entries, symlink loops).
    pub warnings: Vec<String>,
}

impl Status {
    /// Does `wenku index` have work to do?
    pub fn pending(&self) -> bool {
        !self.indexed
            || !self.new.is_empty()
            || !self.changed.is_empty()
            || !self.removed.is_empty()
            || self.schema_version != self.current_schema
    }
}

/// Compares the corpus with the index in `dir`; changes nothing.
pub fn status(corpus: &Path, dir: &IndexDir) -> Result<Status> {
    let (files, warnings) = scan_corpus(corpus)?;
    let mut s = Status {
        corpus_files: files.len(),
        current_schema: SCHEMA_VERSION,
        warnings,
        ..Status::default()
    };
    let Some(index) = OpenIndex::open(dir)? else {
        s.new = files.iter().map(|f| f.rel.clone()).collect();
        return Ok(s);
    };
    // An index of another version is rebuilt by the next update: its manifest, where
    // this version can read it, says what it held; where it cannot, no file is told
    // apart as new, changed or skipped.
    let other = index.manifest_of_other_version();
    let m = match &other {
        Some(m) => m,
        None => index.manifest()?,
    };
    s.indexed = true;
    s.articles = m.articles.len();
    s.passages = index.num_passages();
    s.size_bytes = dir.size_bytes();
    s.schema_version = index.schema_version;
    s.updated_at = m.updated_at;
    if index.schema_version != SCHEMA_VERSION && other.is_none() {
        return Ok(s);
    }
    let in_corpus = |rel: &str| files.iter().any(|f: &CorpusFile| f.rel == rel);
    // The commit was made from exactly these files: those it lacks were skipped.
    let stamped = index.matches(&files);
    for f in &files {
        match m.articles.get(&f.rel) {
            None if stamped => s.skipped.push(f.rel.clone()),
            None => s.new.push(f.rel.clone()),
            Some(e) if e.size != f.size || e.mtime_ns != f.mtime_ns => {
                s.changed.push(f.rel.clone())
            }
            Some(_) => {}
        }
    }
    s.removed = m
        .articles
        .keys()
        .filter(|k| !in_corpus(k))
        .cloned()
        .collect();
    Ok(s)
}

/// `2026-11-25 13:05:09 UTC` for seconds since the Unix epoch.
pub fn format_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        assert_eq!(format_utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(format_utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(format_utc(1_795_612_309), "2026-11-25 13:11:49 UTC");
    }
}
