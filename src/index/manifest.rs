//! The manifest: what the index holds, per article. It is written beside the tantivy
//! commit in three files named by the commit — the articles (`manifest-<commit>.json`),
//! their speakers (`speakers-<commit>.json.zst`) and their section headings
//! (`sections-<commit>.bin.zst`), the last two read only by filters and updates — and
//! the commit's payload names them with their hashes, so index and manifest always
//! change together: a manifest file no commit names is left over from an interrupted
//! run and never read.
//!
//! The headings are most of it (every poem title of the scale corpus is one: 9 MB),
//! so they are apart from the speakers (65 KB there; `--speaker` read both in 110 ms)
//! and in a plain binary layout instead of JSON (`--section` 120 ms → about 50): per
//! article in path order, varints of its path's length, the path, its number of
//! headings, then per heading its length and the heading.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::postings::{get_varint, put_varint};
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
    /// Section headings, in order (empty unless [`Manifest::read`] is asked for all
    /// the details).
    #[serde(skip)]
    pub sections: Vec<String>,
    /// Number of passages indexed.
    pub passages: u64,
    /// Speakers of the article's attributed statements, as named, with their counts
    /// (empty unless [`Manifest::read`] is asked for details).
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

/// Which of the articles' details [`Manifest::read`] reads besides the articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Details {
    /// Neither speakers nor section headings.
    None,
    /// The speakers only.
    Speakers,
    /// Speakers and section headings.
    All,
}

/// The commit payload: which manifest files belong to the commit.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    schema_version: u32,
    manifest: String,
    manifest_hash: String,
    speakers: String,
    speakers_hash: String,
    sections: String,
    sections_hash: String,
    /// [`Manifest::corpus_stamp`] of the manifest.
    #[serde(default)]
    corpus: String,
}

/// zstd level of the speakers and sections files (the scale corpus's 8 MB of headings
/// compress to 3 MB in 0.05 s at this level).
const DETAILS_ZSTD_LEVEL: i32 = 3;

/// The section headings of every article with any, in the layout of the sections
/// file (see the module's doc).
fn encode_sections(m: &Manifest) -> Vec<u8> {
    let mut out = Vec::new();
    for (path, e) in m.articles.iter().filter(|(_, e)| !e.sections.is_empty()) {
        put_varint(&mut out, path.len() as u64);
        out.extend_from_slice(path.as_bytes());
        put_varint(&mut out, e.sections.len() as u64);
        for s in &e.sections {
            put_varint(&mut out, s.len() as u64);
            out.extend_from_slice(s.as_bytes());
        }
    }
    out
}

/// Calls `each(path, headings)` for every article of a sections file; `None` if the
/// bytes are not one.
fn decode_sections<'a>(b: &'a [u8], mut each: impl FnMut(&'a str, Vec<&'a str>)) -> Option<()> {
    let mut at = 0;
    let text = |at: &mut usize| -> Option<&'a str> {
        let len = usize::try_from(get_varint(b, at)?).ok()?;
        let bytes = b.get(*at..at.checked_add(len)?)?;
        *at += len;
        std::str::from_utf8(bytes).ok()
    };
    while at < b.len() {
        let path = text(&mut at)?;
        let count = usize::try_from(get_varint(b, &mut at)?).ok()?;
        // Each heading takes a byte at least: a count past the end is damage.
        let mut headings = Vec::with_capacity(count.min(b.len() - at));
        for _ in 0..count {
            headings.push(text(&mut at)?);
        }
        each(path, headings);
    }
    Some(())
}

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
    /// `stamp` is the corpus stamp (`corpus_stamp` below) of the files the update scanned.
    pub fn write(&self, generation: &Path, opstamp: u64, stamp: &str) -> std::io::Result<String> {
        self.encode()?.write(generation, opstamp, stamp)
    }

    /// The bytes of the manifest's files, made before the commit's number is known
    /// (while the index's last segment is written: compressing the details takes a
    /// few hundredths of a second on the scale corpus).
    pub fn encode(&self) -> std::io::Result<EncodedManifest> {
        let speakers: BTreeMap<&String, &BTreeMap<String, u64>> = self
            .articles
            .iter()
            .filter(|(_, e)| !e.speakers.is_empty())
            .map(|(path, e)| (path, &e.speakers))
            .collect();
        Ok(EncodedManifest {
            schema_version: self.schema_version,
            manifest: serde_json::to_vec(self)?,
            speakers: zstd::bulk::compress(&serde_json::to_vec(&speakers)?, DETAILS_ZSTD_LEVEL)?,
            sections: zstd::bulk::compress(&encode_sections(self), DETAILS_ZSTD_LEVEL)?,
        })
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

    /// Reads the manifest a commit payload names, and those of the articles' details
    /// asked for. The error says what is wrong.
    pub fn read(generation: &Path, payload: &str, details: Details) -> Result<Manifest, String> {
        let p: Payload =
            serde_json::from_str(payload).map_err(|e| format!("unreadable commit payload: {e}"))?;
        let bytes = read_checked(generation, &p.manifest, &p.manifest_hash)?;
        let mut m: Manifest = serde_json::from_slice(&bytes)
            .map_err(|e| format!("{}: unreadable: {e}", p.manifest))?;
        if details == Details::None {
            return Ok(m);
        }
        let unreadable = |name: &str, e: &dyn std::fmt::Display| format!("{name}: unreadable: {e}");
        let compressed = |name: &str, hash: &str| {
            let bytes = read_checked(generation, name, hash)?;
            zstd::stream::decode_all(bytes.as_slice()).map_err(|e| unreadable(name, &e))
        };
        let bytes = compressed(&p.speakers, &p.speakers_hash)?;
        let speakers: BTreeMap<String, BTreeMap<String, u64>> =
            serde_json::from_slice(&bytes).map_err(|e| unreadable(&p.speakers, &e))?;
        for (path, speakers) in speakers {
            if let Some(e) = m.articles.get_mut(&path) {
                e.speakers = speakers;
            }
        }
        if details == Details::All {
            let bytes = compressed(&p.sections, &p.sections_hash)?;
            decode_sections(&bytes, |path, headings| {
                if let Some(e) = m.articles.get_mut(path) {
                    e.sections = headings.into_iter().map(String::from).collect();
                }
            })
            .ok_or_else(|| unreadable(&p.sections, &"not a sections file"))?;
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
            // `details-`: the one details file of indexes before schema 7.
            let ours = ["manifest-", "speakers-", "sections-", "details-"]
                .iter()
                .any(|prefix| name.starts_with(prefix));
            if ours && name != p.manifest && name != p.speakers && name != p.sections {
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

/// A manifest's files as [`Manifest::encode`] made them, to write for a commit.
#[derive(Debug)]
pub struct EncodedManifest {
    schema_version: u32,
    manifest: Vec<u8>,
    speakers: Vec<u8>,
    sections: Vec<u8>,
}

impl EncodedManifest {
    /// Writes the files for commit `opstamp` into `generation` and returns the commit
    /// payload that names them (see [`Manifest::write`]).
    pub fn write(&self, generation: &Path, opstamp: u64, stamp: &str) -> std::io::Result<String> {
        let manifest = format!("manifest-{opstamp}.json");
        let speakers = format!("speakers-{opstamp}.json.zst");
        let sections = format!("sections-{opstamp}.bin.zst");
        let payload = Payload {
            schema_version: self.schema_version,
            manifest_hash: write_file(generation, &manifest, &self.manifest)?,
            manifest,
            speakers_hash: write_file(generation, &speakers, &self.speakers)?,
            speakers,
            sections_hash: write_file(generation, &sections, &self.sections)?,
            sections,
            corpus: stamp.to_string(),
        };
        Ok(serde_json::to_string(&payload)?)
    }
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
        assert_eq!(
            Manifest::read(dir.path(), &payload, Details::All).unwrap(),
            m
        );
        let core = Manifest::read(dir.path(), &payload, Details::None).unwrap();
        assert!(core.articles["a.txt"].sections.is_empty());
        assert!(core.articles["a.txt"].speakers.is_empty());
        assert_eq!(core.articles["a.txt"].passages, 2);
        let speakers = Manifest::read(dir.path(), &payload, Details::Speakers).unwrap();
        assert!(speakers.articles["a.txt"].sections.is_empty());
        assert_eq!(
            speakers.articles["a.txt"].speakers,
            m.articles["a.txt"].speakers
        );
    }

    #[test]
    fn a_changed_or_missing_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let payload = manifest().write(dir.path(), 7, "").unwrap();
        fs::write(dir.path().join("sections-7.bin.zst"), "{}").unwrap();
        let e = Manifest::read(dir.path(), &payload, Details::All).unwrap_err();
        assert!(e.contains("sections-7.bin.zst"), "{e}");
        assert!(Manifest::read(dir.path(), &payload, Details::Speakers).is_ok());
        fs::write(dir.path().join("speakers-7.json.zst"), "{}").unwrap();
        let e = Manifest::read(dir.path(), &payload, Details::Speakers).unwrap_err();
        assert!(e.contains("speakers-7.json.zst"), "{e}");
        fs::remove_file(dir.path().join("manifest-7.json")).unwrap();
        let e = Manifest::read(dir.path(), &payload, Details::None).unwrap_err();
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
    fn sections_files_come_back_and_damaged_ones_are_refused() {
        let mut m = manifest();
        m.articles.insert(
            "b/c.md".into(),
            ArticleEntry {
                sections: vec![
                    "第一章".into(),
                    String::new(),
                    "第一章".into(),
                    "Zwei".into(),
                ],
                ..m.articles["a.txt"].clone()
            },
        );
        m.articles.insert(
            "d.txt".into(),
            ArticleEntry {
                sections: Vec::new(),
                ..m.articles["a.txt"].clone()
            },
        );
        let bytes = encode_sections(&m);
        let mut back = Vec::new();
        decode_sections(&bytes, |path, headings| {
            back.push((path.to_string(), headings.len()))
        })
        .expect("decodes");
        assert_eq!(back, [("a.txt".to_string(), 1), ("b/c.md".to_string(), 4)]);
        // Cut anywhere but between two articles, the file is refused.
        let first = encode_sections(&Manifest {
            articles: m
                .articles
                .iter()
                .take(1)
                .map(|(p, e)| (p.clone(), e.clone()))
                .collect(),
            ..Manifest::default()
        })
        .len();
        for cut in 1..bytes.len() {
            let read = decode_sections(&bytes[..cut], |_, _| ()).is_some();
            assert_eq!(read, cut == first, "cut at {cut}");
        }
        assert!(decode_sections(&[0xff, 0xff, 0xff], |_, _| ()).is_none());
    }

    #[test]
    fn files_of_other_commits_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        manifest().write(dir.path(), 6, "").unwrap();
        let payload = manifest().write(dir.path(), 7, "").unwrap();
        Manifest::remove_others(dir.path(), &payload);
        fs::write(dir.path().join("details-5.json.zst"), "{}").unwrap();
        Manifest::remove_others(dir.path(), &payload);
        assert!(!dir.path().join("manifest-6.json").exists());
        assert!(!dir.path().join("sections-6.bin.zst").exists());
        assert!(!dir.path().join("speakers-6.json.zst").exists());
        assert!(!dir.path().join("details-5.json.zst").exists());
        assert!(dir.path().join("sections-7.bin.zst").exists());
        assert!(dir.path().join("speakers-7.json.zst").exists());
    }
}
