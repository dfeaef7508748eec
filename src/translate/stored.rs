//! The translation table on disk: one sorted text file that a search looks words up in
//! by binary search over its bytes (memory-mapped by the index), so a table of any size
//! costs a query only the lookups it makes.
//!
//! Format: a header line `wenku-translate 2\t<opstamp>\t<glossary hash>\t<Chinese
//! words>`, then one line per entry, `<tag><key>\t<JSON value>`, sorted by tag and key
//! as bytes. Tags: `d` Chinese word CC-CEDICT knows → `1`, `e` English key → Chinese,
//! `p` pinyin → Chinese (CC-CEDICT words), `s` stemmed → readable English, `y`
//! syllable → the characters read so, `z` Chinese word → English. Keys never hold a
//! tab or a newline, and JSON values never hold a raw newline.
//!
//! Version 1 held a pinyin key for every Chinese word of the index (27 MB of a 28 MB
//! table on a corpus of classical poetry); such a table is not read, so it is made
//! again.

use std::cmp::Ordering;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Lookup, Table};

const MAGIC: &str = "wenku-translate 2";

/// `bytes` ([`to_bytes`] of a table) as the table of commit `opstamp` (a table made
/// before its commit's number was known).
pub fn restamp(bytes: &[u8], opstamp: u64) -> Vec<u8> {
    let end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(bytes.len());
    let header = String::from_utf8_lossy(&bytes[..end]);
    let mut fields: Vec<&str> = header.split('\t').collect();
    let opstamp = opstamp.to_string();
    if let Some(f) = fields.get_mut(1) {
        *f = &opstamp;
    }
    let mut out = fields.join("\t").into_bytes();
    out.extend_from_slice(&bytes[end..]);
    out
}

/// Serialises `table` to the stored form.
pub fn to_bytes(table: &Table) -> Vec<u8> {
    let mut out = format!(
        "{MAGIC}\t{}\t{}\t{}\n",
        table.opstamp,
        table.glossary_hash,
        table.zh_en.len()
    )
    .into_bytes();
    fn section<'a, V: Serialize + 'a>(
        out: &mut Vec<u8>,
        tag: u8,
        entries: impl IntoIterator<Item = (&'a String, &'a V)>,
    ) {
        for (key, value) in entries {
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
    // In tag order, so the whole file is sorted; the sections are written on every
    // core (at the end of a build, nothing else is left to do).
    type Section<'a> = Box<dyn Fn(&mut Vec<u8>) + Sync + 'a>;
    let sections: [Section<'_>; 7] = [
        Box::new(|o| section(o, b'd', table.dictionary.iter().map(|w| (w, &1)))),
        Box::new(|o| section(o, b'e', &table.en_zh)),
        Box::new(|o| section(o, b'f', &table.en_form)),
        Box::new(|o| section(o, b'p', &table.pinyin)),
        Box::new(|o| section(o, b's', &table.shown)),
        Box::new(|o| section(o, b'y', &table.readings)),
        Box::new(|o| section(o, b'z', &table.zh_en)),
    ];
    use rayon::prelude::*;
    let written: Vec<Vec<u8>> = sections
        .par_iter()
        .map(|write| {
            let mut o = Vec::new();
            write(&mut o);
            o
        })
        .collect();
    for w in written {
        out.extend_from_slice(&w);
    }
    out
}

/// The lines of a stored table's body (after the header), each without its newline.
fn body_lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty())
}

/// A line's key: its tag and key, up to the tab.
fn line_key(line: &[u8]) -> &[u8] {
    let tab = line.iter().position(|&b| b == b'\t').unwrap_or(line.len());
    &line[..tab]
}

/// The value of two lines with the same key: `old`'s list with `new`'s items it lacks
/// appended (within the cap on alternatives); for a non-list value, `old`'s.
fn merged_value(old: &[u8], new: &[u8]) -> Vec<u8> {
    let value = |line: &[u8]| {
        line[line_key(line).len()..]
            .get(1..)
            .unwrap_or_default()
            .to_vec()
    };
    let (old_v, new_v) = (value(old), value(new));
    let parse = |v: &[u8]| serde_json::from_slice::<Vec<serde_json::Value>>(v).ok();
    match (parse(&old_v), parse(&new_v)) {
        (Some(mut list), Some(more)) => {
            for item in more {
                if !list.contains(&item) && list.len() < super::MAX_ALTERNATIVES {
                    list.push(item);
                }
            }
            serde_json::to_vec(&list).unwrap_or(old_v)
        }
        _ => old_v,
    }
}

/// A stored table grown by `new` (the entries of words new to the index), for commit
/// `opstamp`: one pass over both sorted bodies, copying the old lines as they are, so
/// the cost is a copy of the file rather than a rebuild of the table.
pub fn grow(old: &StoredTable, new: &Table, opstamp: u64, glossary_hash: &str) -> Vec<u8> {
    let new_bytes = to_bytes(new);
    let new_body = new_bytes
        .iter()
        .position(|&b| b == b'\n')
        .map_or(&new_bytes[new_bytes.len()..], |i| &new_bytes[i + 1..]);
    let mut olds = body_lines(&old.bytes[old.body..]).peekable();
    let mut news = body_lines(new_body).peekable();
    let mut body = Vec::with_capacity(old.bytes.len() + new_bytes.len());
    let mut zh_words = old.zh_words;
    let push = |body: &mut Vec<u8>, line: &[u8]| {
        body.extend_from_slice(line);
        body.push(b'\n');
    };
    loop {
        let order = match (olds.peek(), news.peek()) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(o), Some(n)) => line_key(o).cmp(line_key(n)),
        };
        match order {
            Ordering::Less => {
                if let Some(o) = olds.next() {
                    push(&mut body, o);
                }
            }
            Ordering::Greater => {
                if let Some(n) = news.next() {
                    zh_words += u64::from(n.first() == Some(&b'z'));
                    push(&mut body, n);
                }
            }
            Ordering::Equal => {
                if let (Some(o), Some(n)) = (olds.next(), news.next()) {
                    let mut line = line_key(o).to_vec();
                    line.push(b'\t');
                    line.extend(merged_value(o, n));
                    push(&mut body, &line);
                }
            }
        }
    }
    let mut out = format!("{MAGIC}\t{opstamp}\t{glossary_hash}\t{zh_words}\n").into_bytes();
    out.extend(body);
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

#[cfg(test)]
impl StoredTable {
    /// Every entry read back into a [`Table`], to compare with the table it was made of.
    fn to_table(&self) -> Table {
        fn put<V: DeserializeOwned>(
            map: &mut std::collections::BTreeMap<String, V>,
            key: &str,
            value: &[u8],
        ) {
            if let Ok(v) = serde_json::from_slice(value) {
                map.insert(key.to_string(), v);
            }
        }
        let mut t = Table {
            opstamp: self.opstamp,
            glossary_hash: self.glossary_hash.clone(),
            ..Table::default()
        };
        for line in body_lines(&self.bytes[self.body..]) {
            let k = line_key(line);
            let (Some(&tag), Some(Ok(key))) = (k.first(), k.get(1..).map(std::str::from_utf8))
            else {
                continue;
            };
            let value = line.get(k.len() + 1..).unwrap_or_default();
            match tag {
                b'd' => {
                    t.dictionary.insert(key.to_string());
                }
                b'e' => put(&mut t.en_zh, key, value),
                b'f' => put(&mut t.en_form, key, value),
                b'p' => put(&mut t.pinyin, key, value),
                b's' => put(&mut t.shown, key, value),
                b'y' => put(&mut t.readings, key, value),
                b'z' => put(&mut t.zh_en, key, value),
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

    fn en_form(&self, key: &str) -> Option<Vec<String>> {
        self.get(b'f', key)
    }

    fn pinyin(&self, key: &str) -> Option<Vec<String>> {
        self.get(b'p', key)
    }

    fn in_dictionary(&self, word: &str) -> bool {
        self.find(b'd', word).is_some()
    }

    fn readings(&self, syllable: &str) -> Option<super::pinyin::Readings> {
        self.get(b'y', syllable)
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
        let en = set(&["batteri", "gross", "margin", "tesla"]);
        let mut t = Table::build(&words(), &en, &[]);
        t.opstamp = 42;
        t.glossary_hash = "abc".into();
        t
    }

    #[test]
    fn a_restamped_table_is_the_table_of_that_commit() {
        let t = table();
        let bytes = to_bytes(&t);
        let again = restamp(&bytes, 311_898);
        let stored = StoredTable::new(Box::new(again.clone())).expect("a table");
        assert_eq!(stored.opstamp, 311_898);
        assert_eq!(stored.glossary_hash, "abc");
        let mut t2 = t.clone();
        t2.opstamp = 311_898;
        assert_eq!(again, to_bytes(&t2));
    }

    fn words() -> BTreeSet<String> {
        ["小米", "毛利率", "雷军", "电池", "特斯拉", "顺为", "雷顺"]
            .iter()
            .map(|s| s.to_string())
            .collect()
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
        for k in t.readings.keys() {
            assert_eq!(s.readings(k), t.readings(k), "{k}");
        }
        for w in &t.dictionary {
            assert!(s.in_dictionary(w), "{w}");
        }
        assert!(!s.in_dictionary("雷顺"));
        for q in [
            "Xiaomi gross margin",
            "Lei Jun",
            "Lei Shun",
            "电池 特斯拉",
            "nothing here",
        ] {
            assert_eq!(
                translate(&s, &words(), q),
                translate(&t, &words(), q),
                "{q}"
            );
        }
        assert_eq!(translate(&s, &words(), "Lei Shun")[0].shown, ["雷顺"]);
    }

    #[test]
    fn a_grown_stored_table_is_the_stored_merged_table() {
        let t = table();
        let set = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        let en = set(&["batteri", "gross", "margin", "tesla", "whale"]);
        let new = set(&["鲸鱼", "电池组"]);
        let all = set(&[
            "小米",
            "毛利率",
            "雷军",
            "电池",
            "特斯拉",
            "顺为",
            "鲸鱼",
            "电池组",
        ]);
        let more =
            Table::build_for_new_words(&new, &set(&["whale"]), &|w| all.contains(w), &en, &[]);
        let grown = StoredTable::new(Box::new(grow(&stored(&t), &more, 43, "abc"))).unwrap();
        let mut merged = t.clone();
        merged.merge(more);
        merged.opstamp = 43;
        assert_eq!(grown.to_table(), merged);
        assert_eq!(grown.zh_words(), merged.zh_words());
        assert!(grown.zh_en("鲸鱼").is_some());
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
        // A table of the first format (a pinyin key for every word) is made again.
        assert!(StoredTable::new(Box::new(b"wenku-translate 1\t1\t\t0\n".to_vec())).is_none());
        // A header alone is an empty table.
        let empty = StoredTable::new(Box::new(b"wenku-translate 2\t1\t\t0\n".to_vec())).unwrap();
        assert!(empty.zh_en("小米").is_none());
    }
}
