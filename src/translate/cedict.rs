//! CC-CEDICT as the translation table reads it: each Chinese word's entries (reading and
//! definitions), and the entries of two syllables. `build.rs` makes the table at compile
//! time from the answers of the `chinese_dictionary` crate (CC-CEDICT, offline), which
//! deserialised 50 MB of hash maps on first use (0.3 s of every index build that made a
//! translation table); this one is read in place, its words found through one map made
//! on first use.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// The table `build.rs` wrote (its format is described there).
static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cedict.bin"));

/// Separates an entry's definitions in the table's text (as in `build.rs`).
const DEFINITION_BREAK: char = '\u{1F}';

/// One CC-CEDICT entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The word in simplified characters.
    pub simplified: &'static str,
    /// Its reading, syllables with tone numbers (`xiao3 mi3`).
    pub pinyin_numbers: &'static str,
    /// Its definitions, [`DEFINITION_BREAK`] between them.
    definitions: &'static str,
}

impl Entry {
    /// The entry's definitions (`to look up`, `variant of 查[cha2]`), in order.
    pub fn english(&self) -> impl Iterator<Item = &'static str> + use<> {
        let definitions = self.definitions;
        definitions
            .split(DEFINITION_BREAK)
            .filter(move |_| !definitions.is_empty())
    }
}

/// The table read: its entries, each word's range of them, the two-syllable ones.
#[derive(Debug, Default)]
struct Cedict {
    entries: Vec<Entry>,
    words: FxHashMap<&'static str, (usize, usize)>,
    two_syllable: Vec<usize>,
}

/// The table, read on first use; empty if it could not be read (it is written by our
/// own build script, and a test reads all of it).
fn cedict() -> &'static Cedict {
    static CEDICT: OnceLock<Cedict> = OnceLock::new();
    CEDICT.get_or_init(|| read(TABLE).unwrap_or_default())
}

/// Reads a table in the format `build.rs` writes; `None` if it is not one.
fn read(bytes: &'static [u8]) -> Option<Cedict> {
    let mut at = 4;
    if bytes.get(..at)? != b"WKCE" {
        return None;
    }
    let mut next = || -> Option<usize> {
        let word = bytes.get(at..at + 4)?;
        at += 4;
        usize::try_from(u32::from_le_bytes(word.try_into().ok()?)).ok()
    };
    let mut rows = |width: usize| -> Option<Vec<usize>> {
        let n = next()?;
        (0..n * width).map(|_| next()).collect()
    };
    let entries = rows(6)?;
    let keys = rows(4)?;
    let two_syllable = rows(1)?;
    let len = next()?;
    let text = std::str::from_utf8(bytes.get(at..at.checked_add(len)?)?).ok()?;
    let slice = |start: usize, len: usize| text.get(start..start.checked_add(len)?);
    let entries = entries
        .chunks_exact(6)
        .map(|e| {
            Some(Entry {
                simplified: slice(e[0], e[1])?,
                pinyin_numbers: slice(e[2], e[3])?,
                definitions: slice(e[4], e[5])?,
            })
        })
        .collect::<Option<Vec<Entry>>>()?;
    let mut words = FxHashMap::default();
    words.reserve(keys.len() / 4);
    for k in keys.chunks_exact(4) {
        let (first, count) = (k[2], k[3]);
        if first.checked_add(count)? > entries.len() {
            return None;
        }
        words.insert(slice(k[0], k[1])?, (first, count));
    }
    if two_syllable.iter().any(|&i| i >= entries.len()) {
        return None;
    }
    Some(Cedict {
        entries,
        words,
        two_syllable,
    })
}

/// The entries of the word `simplified` (exactly as written), in CC-CEDICT's order.
pub fn query_by_simplified(simplified: &str) -> &'static [Entry] {
    let c = cedict();
    c.words
        .get(simplified)
        .and_then(|&(first, count)| c.entries.get(first..first + count))
        .unwrap_or(&[])
}

/// Every entry of two syllables (most Chinese words), each once.
pub fn two_syllable_entries() -> impl Iterator<Item = &'static Entry> {
    let c = cedict();
    c.two_syllable.iter().filter_map(|&i| c.entries.get(i))
}

/// Every entry of a word of three or more characters, in the table's order.
pub fn longer_entries() -> impl Iterator<Item = &'static Entry> {
    cedict()
        .entries
        .iter()
        .filter(|e| e.simplified.chars().nth(2).is_some())
}

/// Reads the table now (about 10 ms), e.g. on another core ahead of a table build.
pub fn load() {
    cedict();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_table_reads() {
        let c = read(TABLE).expect("the table build.rs wrote");
        assert!(c.entries.len() > 100_000, "{} entries", c.entries.len());
        assert!(c.words.len() > 100_000, "{} words", c.words.len());
        assert!(c.two_syllable.len() > 50_000, "{}", c.two_syllable.len());
    }

    #[test]
    fn words_have_their_readings_and_definitions() {
        let e = query_by_simplified("汽车");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].simplified, "汽车");
        assert_eq!(e[0].pinyin_numbers, "qi4 che1");
        assert!(
            e[0].english().any(|d| d == "car"),
            "{:?}",
            e[0].english().collect::<Vec<_>>()
        );
        // A character of several readings: every entry, in order.
        let readings: Vec<&str> = query_by_simplified("行")
            .iter()
            .map(|e| e.pinyin_numbers)
            .collect();
        assert!(readings.len() >= 2, "{readings:?}");
        assert!(query_by_simplified("小米汽车研究院").is_empty());
        assert!(query_by_simplified("").is_empty());
        assert!(two_syllable_entries().any(|e| e.simplified == "汽车"));
    }

    #[test]
    fn a_variant_is_defined_as_the_word_it_is_a_variant_of() {
        // 纪录 is `variant of 記錄|记录[ji4 lu4]` in CC-CEDICT, 惟一 `variant of
        // 唯一[wei2 yi1]`: build.rs gives them the definitions of 记录 and 唯一.
        let defs = |w: &str| -> Vec<&str> {
            query_by_simplified(w)
                .iter()
                .flat_map(|e| e.english())
                .collect()
        };
        for (variant, gloss) in [("纪录", "record"), ("惟一", "only")] {
            let d = defs(variant);
            assert!(d.iter().any(|d| d.contains(gloss)), "{variant}: {d:?}");
            assert!(
                !d.iter().any(|d| d.contains("variant of")),
                "{variant}: {d:?}"
            );
        }
        // No entry is left defined by a reference alone.
        let referring = two_syllable_entries()
            .filter(|e| e.english().any(|d| d.starts_with("variant of ")))
            .count();
        assert_eq!(referring, 0);
    }

    #[test]
    fn damaged_tables_are_refused() {
        assert!(read(b"").is_none());
        assert!(read(b"WKCE").is_none());
        assert!(read(b"XXXX\0\0\0\0").is_none());
        let cut: &'static [u8] = TABLE.get(..TABLE.len() / 2).unwrap_or_default();
        assert!(read(cut).is_none());
    }
}
