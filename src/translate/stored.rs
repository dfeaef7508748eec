//! The translation table on disk: one sorted text file that a search looks words up in
//! by binary search over its bytes (memory-mapped by the index), so a table of any size
//! costs a query only the lookups it makes.
//!
//! Format: a header line `wenku-translate 1\t<opstamp>\t<glossary hash>\t<Chinese
//! words>`, then one line per entry, `<tag><key>\t<JSON value>`, sorted by tag and key
//! as bytes. Tags: `e` English key → Chinese, `p` pinyin → Chinese, `s` stemmed →
//! readable English, `z` Chinese word → English. Keys never hold a tab or a newline,
//! and JSON values never hold a raw newline.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Lookup, Table};

const MAGIC: &str = "wenku-translate 1";

/// Serialises `table` to the stored form.
pub fn to_bytes(table: &Table) -> Vec<u8> {
    let mut out = format!(
        "{MAGIC}\t{}\t{}\t{}\n",
        table.opstamp,
        table.glossary_hash,
        table.zh_en.len()
    )
    .into_bytes();
    fn section<V: Serialize>(out: &mut Vec<u8>, tag: u8, map: &BTreeMap<String, V>) {
        for (key, value) in map {
            if key.is_empty() || key.contains(['\t', '\n']) {
                continue;
            }
            let Ok(json) = serde_json::to_vec(value) else {
                continue;
            };
            out.push(tag);
            out.extend_from_slice(key.as_bytes());
            out.push(b'\t');
            out.extend_from_slice(&json);
            out.push(b'\n');
        }
    }
    // In tag order, so the whole file is sorted.
    section(&mut out, b'e', &table.en_zh);
    section(&mut out, b'p', &table.pinyin);
    section(&mut out, b's', &table.shown);
    section(&mut out, b'z', &table.zh_en);
    out
}

/// A stored table, looked up in place.
pub struct StoredTable {
    bytes: Box<dyn std::ops::Deref<Target = [u8]> + Send + Sync>,
    body: usize,
    /// The commit the table was made for.
    pub opstamp: u64,
    /// blake3 of the user glossary it includes ("" when there is none).
    pub glossary_hash: String,
    zh_words: u64,
}

impl std::fmt::Debug for StoredTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredTable")
            .field("opstamp", &self.opstamp)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl StoredTable {
    /// Reads the header of a stored table; `None` if these bytes are not one.
    pub fn new(bytes: Box<dyn std::ops::Deref<Target = [u8]> + Send + Sync>) -> Option<Self> {
        let end = bytes.iter().position(|&b| b == b'\n')?;
        let header = std::str::from_utf8(&bytes[..end]).ok()?;
        let mut fields = header.split('\t');
        if fields.next()? != MAGIC {
            return None;
        }
        let opstamp = fields.next()?.parse().ok()?;
        let glossary_hash = fields.next()?.to_string();
        let zh_words = fields.next()?.parse().ok()?;
        Some(StoredTable {
            bytes,
            body: end + 1,
            opstamp,
            glossary_hash,
            zh_words,
        })
    }

    /// The JSON value of `key` under `tag`, by binary search over the sorted lines.
    fn find(&self, tag: u8, key: &str) -> Option<&[u8]> {
        let b: &[u8] = &self.bytes;
        let (mut lo, mut hi) = (self.body, b.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = b[lo..mid]
                .iter()
                .rposition(|&c| c == b'\n')
                .map_or(lo, |p| lo + p + 1);
            let end = b[start..hi]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(hi, |p| start + p);
            let line = &b[start..end];
            let tab = line.iter().position(|&c| c == b'\t')?;
            let order = match line.first()?.cmp(&tag) {
                Ordering::Equal => line[1..tab].cmp(key.as_bytes()),
                other => other,
            };
            match order {
                Ordering::Less => lo = end + 1,
                Ordering::Greater => hi = start,
                Ordering::Equal => return Some(&line[tab + 1..]),
            }
        }
        None
    }

    fn get<V: DeserializeOwned>(&self, tag: u8, key: &str) -> Option<V> {
        serde_json::from_slice(self.find(tag, key)?).ok()
    }
}

impl StoredTable {
    /// Reads every entry back into a [`Table`] (to extend it with new words).
    pub fn to_table(&self) -> Table {
        let mut t = Table {
            opstamp: self.opstamp,
            glossary_hash: self.glossary_hash.clone(),
            ..Table::default()
        };
        for line in self.bytes[self.body..].split(|&b| b == b'\n') {
            let Some(tab) = line.iter().position(|&b| b == b'\t') else {
                continue;
            };
            let (Some(&tag), Ok(key)) = (line.first(), std::str::from_utf8(&line[1..tab])) else {
                continue;
            };
            let value = &line[tab + 1..];
            let key = key.to_string();
            // A line that does not parse is left out, as a lookup would miss it.
            match tag {
                b'e' => {
                    if let Ok(v) = serde_json::from_slice(value) {
                        t.en_zh.insert(key, v);
                    }
                }
                b'p' => {
                    if let Ok(v) = serde_json::from_slice(value) {
                        t.pinyin.insert(key, v);
                    }
                }
                b's' => {
                    if let Ok(v) = serde_json::from_slice(value) {
                        t.shown.insert(key, v);
                    }
                }
                b'z' => {
                    if let Ok(v) = serde_json::from_slice(value) {
                        t.zh_en.insert(key, v);
                    }
                }
                _ => {}
            }
        }
        t
    }
}

impl Lookup for StoredTable {
    fn en_zh(&self, key: &str) -> Option<Vec<String>> {
        self.get(b'e', key)
    }

    fn pinyin(&self, key: &str) -> Option<Vec<String>> {
        self.get(b'p', key)
    }

    fn zh_en(&self, word: &str) -> Option<Vec<Vec<String>>> {
        self.get(b'z', word)
    }

    fn has_zh(&self, word: &str) -> bool {
        self.find(b'z', word).is_some()
    }

    fn zh_words(&self) -> u64 {
        self.zh_words
    }

    fn shown(&self, key: &str) -> Option<String> {
        self.get(b's', key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::translate::translate;
    use std::collections::BTreeSet;

    fn table() -> Table {
        let set = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        let zh = set(&["小米", "毛利率", "雷军", "电池", "特斯拉", "顺为"]);
        let en = set(&["batteri", "gross", "margin", "tesla"]);
        let mut t = Table::build(&zh, &en, &[]);
        t.opstamp = 42;
        t.glossary_hash = "abc".into();
        t
    }

    fn stored(t: &Table) -> StoredTable {
        StoredTable::new(Box::new(to_bytes(t))).unwrap()
    }

    #[test]
    fn every_entry_is_found_as_in_memory() {
        let t = table();
        let s = stored(&t);
        assert_eq!((s.opstamp, s.glossary_hash.as_str()), (42, "abc"));
        assert_eq!(s.zh_words(), t.zh_words());
        for k in t.en_zh.keys() {
            assert_eq!(s.en_zh(k), t.en_zh(k), "{k}");
        }
        for k in t.pinyin.keys() {
            assert_eq!(s.pinyin(k), t.pinyin(k), "{k}");
        }
        for k in t.zh_en.keys() {
            assert_eq!(s.zh_en(k), t.zh_en(k), "{k}");
            assert!(s.has_zh(k));
        }
        for k in t.shown.keys() {
            assert_eq!(s.shown(k), t.shown(k), "{k}");
        }
        for q in [
            "Xiaomi gross margin",
            "Lei Jun",
            "电池 特斯拉",
            "nothing here",
        ] {
            assert_eq!(translate(&s, q), translate(&t, q), "{q}");
        }
    }

    #[test]
    fn a_stored_table_reads_back_whole() {
        let t = table();
        assert_eq!(stored(&t).to_table(), t);
    }

    #[test]
    fn missing_keys_and_other_bytes_are_none() {
        let s = stored(&table());
        for k in ["", "a", "zzzz", "毛", "毛利率率", "\u{10FFFF}"] {
            assert!(s.zh_en(k).is_none() && s.en_zh(k).is_none(), "{k}");
        }
        assert!(StoredTable::new(Box::new(b"not a table\n".to_vec())).is_none());
        assert!(StoredTable::new(Box::new(Vec::new())).is_none());
        // A header alone is an empty table.
        let empty = StoredTable::new(Box::new(b"wenku-translate 1\t1\t\t0\n".to_vec())).unwrap();
        assert!(empty.zh_en("小米").is_none());
    }
}
