//! The manifest: what the index holds, per article. It is written beside the tantivy
//! commit in two files named by the commit (the articles, and their section headings
//! and speakers, which only filters and updates read), and the commit's payload names
//! them with their hashes, so index and manifest always change together: a manifest
//! file no commit names is left over from an interrupted run and never read. The
//! details file is zstd-compressed (`details-<commit>.json.zst`).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::scan::CorpusFile;

/// What the index knows about one indexed article file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleEntry {
    /// blake3 hash of the file's bytes, hex.
    pub hash: String,
    /// File size in bytes when indexed.
    pub size: u64,
    /// Modification time (nanoseconds since the epoch) when indexed.
    pub mtime_ns: u128,
    /// Title as indexed.
    pub title: String,
    /// Language as indexed.
    pub lang: String,
    /// Section headings, in order (empty until [`Manifest::read`] is asked for details).
    #[serde(skip)]
    pub sections: Vec<String>,
    /// Number of passages indexed.
    pub passages: u64,
    /// Speakers of the article's attributed statements, as named, with their counts
    /// (empty until [`Manifest::read`] is asked for details).
    #[serde(skip)]
    pub speakers: BTreeMap<String, u64>,
}

/// The whole manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Schema version of the index that holds this manifest.
    pub schema_version: u32,
    /// Unix time (seconds) of the commit.
    pub updated_at: u64,
    /// Indexed articles by path relative to the corpus.
    pub articles: BTreeMap<String, ArticleEntry>,
}

/// An article's section headings and speakers (the second manifest file).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Details {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sections: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    speakers: BTreeMap<String, u64>,
}

/// The commit payload: which manifest files belong to the commit.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    schema_version: u32,
    manifest: String,
    manifest_hash: String,
    details: String,
    details_hash: String,
    /// [`Manifest::corpus_stamp`] of the manifest.
    #[serde(default)]
    corpus: String,
}

/// zstd level of the details file: every section heading of the corpus (9 MB of JSON
/// on the scale corpus, 3 MB compressed in 0.05 s); only filters and updates read it.
const DETAILS_ZSTD_LEVEL: i32 = 3;

/// Reads a file the payload names and checks its hash.
fn read_checked(generation: &Path, name: &str, hash: &str) -> Result<Vec<u8>, String> {
    if name.contains(['/', '\\']) {
        return Err(format!("bad manifest file name {name:?}"));
    }
    let bytes = fs::read(generation.join(name)).map_err(|e| format!("{name}: {e}"))?;
    if blake3::hash(&bytes).to_hex().as_str() != hash {
        return Err(format!("{name}: its content does not match the commit"));
    }
    Ok(bytes)
}

/// Writes `bytes` to `generation/name` through a temporary file and a rename.
fn write_file(generation: &Path, name: &str, bytes: &[u8]) -> std::io::Result<String> {
    let tmp = generation.join(format!("{name}.tmp"));
    fs::write(&tmp, bytes)?;
    fs::File::open(&tmp)?.sync_all()?;
    fs::rename(&tmp, generation.join(name))?;
    Ok(blake3::hash(bytes).to_hex().to_string())
}

impl Manifest {
    /// Total passages in the index.
    pub fn passages(&self) -> u64 {
        self.articles.values().map(|a| a.passages).sum()
    }

    /// Writes the manifest for commit `opstamp` into `generation` and returns the
    /// commit payload that names its files. Call before committing.
    /// `stamp` is the [`corpus_stamp`] of the files the update scanned.
    pub fn write(&self, generation: &Path, opstamp: u64, stamp: &str) -> std::io::Result<String> {
        let details: BTreeMap<&String, Details> = self
            .articles
            .iter()
            .map(|(path, e)| {
                let d = Details {
                    sections: e.sections.clone(),
                    speakers: e.speakers.clone(),
                };
                (path, d)
            })
            .collect();
        let manifest = format!("manifest-{opstamp}.json");
        let details_name = format!("details-{opstamp}.json.zst");
        let details_json = serde_json::to_vec(&details)?;
        let details_bytes = zstd::bulk::compress(&details_json, DETAILS_ZSTD_LEVEL)?;
        let payload = Payload {
            schema_version: self.schema_version,
            manifest_hash: write_file(generation, &manifest, &serde_json::to_vec(self)?)?,
            manifest,
            details_hash: write_file(generation, &details_name, &details_bytes)?,
            details: details_name,
            corpus: stamp.to_string(),
        };
        Ok(serde_json::to_string(&payload)?)
    }

    /// The corpus stamp a commit payload records ("" when it has none).
    pub fn corpus_stamp_of(payload: &str) -> String {
        #[derive(Deserialize)]
        struct Stamp {
            #[serde(default)]
            corpus: String,
        }
        serde_json::from_str::<Stamp>(payload)
            .map(|s| s.corpus)
            .unwrap_or_default()
    }

    /// The schema version a commit payload records, if it is one of ours.
    pub fn schema_version_of(payload: &str) -> Option<u32> {
        #[derive(Deserialize)]
        struct Version {
            schema_version: u32,
        }
        serde_json::from_str::<Version>(payload)
            .ok()
            .map(|v| v.schema_version)
    }

    /// Reads the manifest a commit payload names; with `details`, also the articles'
    /// sections and speakers. The error says what is wrong.
    pub fn read(generation: &Path, payload: &str, details: bool) -> Result<Manifest, String> {
        let p: Payload =
            serde_json::from_str(payload).map_err(|e| format!("unreadable commit payload: {e}"))?;
        let bytes = read_checked(generation, &p.manifest, &p.manifest_hash)?;
        let mut m: Manifest = serde_json::from_slice(&bytes)
            .map_err(|e| format!("{}: unreadable: {e}", p.manifest))?;
        if details {
            let mut bytes = read_checked(generation, &p.details, &p.details_hash)?;
            if p.details.ends_with(".zst") {
                bytes = zstd::stream::decode_all(bytes.as_slice())
                    .map_err(|e| format!("{}: unreadable: {e}", p.details))?;
            }
            let d: BTreeMap<String, Details> = serde_json::from_slice(&bytes)
                .map_err(|e| format!("{}: unreadable: {e}", p.details))?;
            for (path, d) in d {
                if let Some(e) = m.articles.get_mut(&path) {
                    e.sections = d.sections;
                    e.speakers = d.speakers;
                }
            }
        }
        Ok(m)
    }

    /// Removes manifest files of other commits than the one `payload` names.
    pub fn remove_others(generation: &Path, payload: &str) {
        let Ok(p) = serde_json::from_str::<Payload>(payload) else {
            return;
        };
        let Ok(entries) = fs::read_dir(generation) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = name.starts_with("manifest-") || name.starts_with("details-");
            if ours && name != p.manifest && name != p.details {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// A hash of the scanned files' paths, sizes and modification times, kept in the
/// commit: a corpus whose scan gives the same stamp is the one the commit was made
/// from, which a search can tell without reading the manifest. Files the update
/// skipped (unreadable, binary) are in it too, so that they are not read again until
/// they change.
pub fn corpus_stamp(files: &[CorpusFile]) -> String {
    let mut h = blake3::Hasher::new();
    for f in files {
        h.update(&(f.rel.len() as u64).to_le_bytes());
        h.update(f.rel.as_bytes());
        h.update(&f.size.to_le_bytes());
        h.update(&f.mtime_ns.to_le_bytes());
    }
    h.finalize().to_hex().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        let mut m = Manifest {
            schema_version: 3,
            updated_at: 1,
            articles: BTreeMap::new(),
        };
        m.articles.insert(
            "a.txt".into(),
            ArticleEntry {
                hash: "h".into(),
                size: 3,
                mtime_ns: 4,
                title: "标题".into(),
                lang: "zh".into(),
                sections: vec!["一".into()],
                passages: 2,
                speakers: [("雷军".to_string(), 1)].into(),
            },
        );
        m
    }

    #[test]
    fn written_manifest_reads_back_with_or_without_details() {
        let dir = tempfile::tempdir().unwrap();
        let m = manifest();
        let payload = m.write(dir.path(), 7, "").unwrap();
        assert_eq!(Manifest::schema_version_of(&payload), Some(3));
        assert_eq!(Manifest::read(dir.path(), &payload, true).unwrap(), m);
        let core = Manifest::read(dir.path(), &payload, false).unwrap();
        assert!(core.articles["a.txt"].sections.is_empty());
        assert_eq!(core.articles["a.txt"].passages, 2);
    }

    #[test]
    fn a_changed_or_missing_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let payload = manifest().write(dir.path(), 7, "").unwrap();
        fs::write(dir.path().join("details-7.json.zst"), "{}").unwrap();
        let e = Manifest::read(dir.path(), &payload, true).unwrap_err();
        assert!(e.contains("details-7.json"), "{e}");
        fs::remove_file(dir.path().join("manifest-7.json")).unwrap();
        let e = Manifest::read(dir.path(), &payload, false).unwrap_err();
        assert!(e.contains("manifest-7.json"), "{e}");
    }

    #[test]
    fn the_payload_holds_the_stamp_of_the_scanned_files() {
        let file = |rel: &str, size, mtime_ns| CorpusFile {
            rel: rel.into(),
            path: rel.into(),
            size,
            mtime_ns,
        };
        let scanned = [file("a.txt", 3, 4)];
        let stamp = corpus_stamp(&scanned);
        let dir = tempfile::tempdir().unwrap();
        let payload = manifest().write(dir.path(), 7, &stamp).unwrap();
        assert_eq!(Manifest::corpus_stamp_of(&payload), stamp);
        for other in [
            vec![file("a.txt", 3, 5)],
            vec![file("a.txt", 4, 4)],
            vec![file("b.txt", 3, 4)],
            vec![file("a.txt", 3, 4), file("b.txt", 3, 4)],
            vec![],
        ] {
            assert_ne!(stamp, corpus_stamp(&other));
        }
        // Written by an earlier version: no stamp, never equal to a scan's.
        assert_eq!(Manifest::corpus_stamp_of(r#"{"schema_version":3}"#), "");
    }

    #[test]
    fn files_of_other_commits_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        manifest().write(dir.path(), 6, "").unwrap();
        let payload = manifest().write(dir.path(), 7, "").unwrap();
        Manifest::remove_others(dir.path(), &payload);
        assert!(!dir.path().join("manifest-6.json").exists());
        assert!(!dir.path().join("details-6.json.zst").exists());
        assert!(dir.path().join("details-7.json.zst").exists());
    }
}
