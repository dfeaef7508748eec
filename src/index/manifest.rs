//! The manifest: what the index holds, per article, stored in the tantivy commit itself
//! (the commit payload) so that index and manifest always change together.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

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
    /// Section headings, in order.
    #[serde(default)]
    pub sections: Vec<String>,
    /// Number of passages indexed.
    pub passages: u64,
    /// Speakers of the article's attributed statements, as named, with their counts.
    #[serde(default)]
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

impl Manifest {
    /// Total passages in the index.
    pub fn passages(&self) -> u64 {
        self.articles.values().map(|a| a.passages).sum()
    }
}
