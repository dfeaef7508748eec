//! Romanised names, resolved when a query is translated: `Shunwei` → 顺为 without a
//! glossary entry, even for a word of one passage that no dictionary lists.
//!
//! A table keeps the toneless pinyin of the index's CC-CEDICT words only (26,000 keys
//! on a corpus of 1.27 million Chinese words); every other Chinese word of the index (most of them, on a large
//! corpus: jieba's guesses) is read through its characters' readings, kept in the table
//! as syllable → characters ([`Readings`], the same for every index). A query's
//! romanised form is split into those syllables by a [`ReadingMatcher`], a byte
//! automaton that a [`Vocabulary`] (the index's term dictionary) is searched with, so
//! only the words that exist are ever visited.
//!
//! A word that CC-CEDICT lacks reads as its characters' readings, the first two of
//! each as CC-CEDICT lists them; of a word of four characters that each have two, only
//! the eight readings with its first character's first reading count. (These are the
//! keys the table used to store for every such word: the same query finds the same
//! words as before.)

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{Lookup, MAX_ALTERNATIVES};
use crate::analysis::is_cjk;

/// Fewest letters of a romanised key looked up: shorter ones (`li`, `wang`'s `wan`)
/// match too many words by chance.
pub(crate) const MIN_KEY_LETTERS: usize = 4;
/// Most letters of a key: a key's positions are bits of a `u64`.
const MAX_KEY_LETTERS: usize = 63;
/// Longest toneless reading of a character (`zhuang`).
const MAX_READING_LETTERS: usize = 6;
/// Most characters of a word read through its characters.
const MAX_READ_CHARS: u8 = 4;

/// Toneless pinyin run together: `Xiao3 mi3` → `xiaomi`, `lu:4` → `lv`.
pub(crate) fn pinyin_key(numbered: &str) -> String {
    numbered
        .to_lowercase()
        .replace("u:", "v")
        .chars()
        .filter(char::is_ascii_lowercase)
        .collect()
}

/// The characters read as one syllable, by where the reading stands among each
/// character's readings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readings {
    /// Characters with this reading alone.
    pub only: String,
    /// Characters whose first of two readings this is.
    pub first: String,
    /// Characters whose second of two readings this is.
    pub second: String,
}

/// A character's toneless readings as a word it is part of may read it: its first two
/// distinct CC-CEDICT readings.
fn char_readings(c: char) -> Vec<String> {
    let mut r: Vec<String> = super::cedict::query_by_simplified(c.encode_utf8(&mut [0; 4]))
        .iter()
        .map(|e| pinyin_key(e.pinyin_numbers))
        .collect();
    r.dedup();
    r.truncate(2);
    r
}

/// Every Chinese character's readings, as syllable → characters; made once per process
/// (about 30 ms: every code point [`is_cjk`] accepts is looked up).
pub(crate) fn reading_table() -> &'static BTreeMap<String, Readings> {
    static TABLE: OnceLock<BTreeMap<String, Readings>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: BTreeMap<String, Readings> = BTreeMap::new();
        let code_points = (0x3007..=0x3007)
            .chain(0x3400..=0x4DBF)
            .chain(0x4E00..=0x9FFF)
            .chain(0xF900..=0xFAFF)
            .chain(0x2_0000..=0x3_134F);
        for c in code_points
            .filter_map(char::from_u32)
            .filter(|&c| is_cjk(c))
        {
            let readings = char_readings(c);
            for (i, r) in readings.iter().enumerate() {
                // A reading the key syllables cannot hold is of no use to a query.
                if r.is_empty() || r.len() > MAX_READING_LETTERS {
                    continue;
                }
                let entry = table.entry(r.clone()).or_default();
                match (readings.len(), i) {
                    (1, _) => entry.only.push(c),
                    (_, 0) => entry.first.push(c),
                    _ => entry.second.push(c),
                }
            }
        }
        table
    })
}

/// One way a character continues a key: from letter `from` to letter `to`.
#[derive(Debug, Clone, Copy)]
struct Step {
    from: u8,
    to: u8,
    /// The character's first (or only) reading.
    first: bool,
}

/// A character that some syllable of the key reads.
#[derive(Debug)]
struct KeyChar {
    /// The character has two readings.
    two: bool,
    steps: Vec<Step>,
}

/// In [`ReadingMatcher::bytes`], an entry that completes a character (its index in
/// `chars`); other entries are where the next byte's entries start, 0 none.
const CHAR_DONE: u32 = 1 << 31;

/// Where a [`ReadingMatcher`] stands after some bytes of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchState {
    /// Key positions (bits) the characters so far may have read up to.
    any: u64,
    /// The same, along readings whose first character took its first reading.
    first: u64,
    /// Characters so far.
    chars: u8,
    /// Every character so far has two readings.
    all_two: bool,
    /// Inside a character: where the entries of its next byte start (0: between
    /// characters).
    node: u32,
    /// A matcher of prefixes has read the whole key: the rest of the word is anything.
    done: bool,
}

impl MatchState {
    const DEAD: MatchState = MatchState {
        any: 0,
        first: 0,
        chars: 0,
        all_two: true,
        node: 0,
        done: false,
    };
}

/// The words a romanised key may stand for, as a byte automaton over UTF-8: words of
/// two to four characters, each read by one of its readings, whose readings run
/// together are the key.
///
/// A term dictionary is searched with it byte by byte, each byte of each branch it
/// holds, so a step is a table lookup: the characters of the key's syllables make a
/// trie of their UTF-8 bytes, 256 entries for a first byte, 64 for a continuation byte.
#[derive(Debug)]
pub struct ReadingMatcher {
    letters: u8,
    chars: Vec<KeyChar>,
    /// The byte trie (see [`CHAR_DONE`]); the first 256 entries are its root.
    bytes: Vec<u32>,
    /// `within[k]`: the key positions (bits) from which `k` more characters at most
    /// can read to its end.
    within: [u64; MAX_READ_CHARS as usize + 1],
    /// Does a word whose first characters read the key match (see
    /// [`ReadingMatcher::of_prefix_steps`])?
    prefix: bool,
}

impl ReadingMatcher {
    /// The matcher of `key` (toneless pinyin run together), with `readings` giving the
    /// characters of a syllable; `None` when the key cannot be split into two to four
    /// syllables that some character reads, the usual case for an English word.
    pub fn new(key: &str, readings: &mut dyn FnMut(&str) -> Option<Readings>) -> Option<Self> {
        let n = key.len();
        if !(MIN_KEY_LETTERS..=MAX_KEY_LETTERS).contains(&n)
            || !key.bytes().all(|b| b.is_ascii_lowercase())
        {
            return None;
        }
        // Only positions reachable from the start are split further, so most English
        // words are given up after a few lookups.
        let mut reachable = vec![false; n + 1];
        reachable[0] = true;
        let mut syllables: Vec<(usize, usize)> = Vec::new();
        let mut by_char: BTreeMap<char, KeyChar> = BTreeMap::new();
        for from in 0..n {
            if !reachable[from] {
                continue;
            }
            for to in from + 1..=(from + MAX_READING_LETTERS).min(n) {
                let Some(r) = readings(&key[from..to]) else {
                    continue;
                };
                reachable[to] = true;
                syllables.push((from, to));
                let groups = [(&r.only, false, true), (&r.first, true, true)];
                let groups = groups.into_iter().chain([(&r.second, true, false)]);
                for (chars, two, first) in groups {
                    for c in chars.chars() {
                        let entry = by_char.entry(c).or_insert(KeyChar {
                            two,
                            steps: Vec::new(),
                        });
                        // Positions fit in a byte: the key has at most 63 letters.
                        entry.steps.push(Step {
                            from: from as u8,
                            to: to as u8,
                            first,
                        });
                    }
                }
            }
        }
        Self::from_chars(n, &syllables, by_char)
    }

    /// The matcher of a key of `n` letters (at most 63) whose characters each continue
    /// it from one position to another: `chars` gives each character's (from, to)
    /// steps, a step that reads nothing included (from = to). Every character counts
    /// as of one reading; `None` when no word of two to four characters reads the whole
    /// key.
    ///
    /// A word matches when its first characters read the key, whatever follows (jieba
    /// glues a name it does not know to the word after it: 杜瓦制得).
    pub(crate) fn of_prefix_steps(
        n: usize,
        chars: Vec<(char, Vec<(usize, usize)>)>,
    ) -> Option<Self> {
        if n > MAX_KEY_LETTERS {
            return None;
        }
        let mut syllables = Vec::new();
        let mut by_char = BTreeMap::new();
        for (c, steps) in chars {
            let steps: Vec<Step> = steps
                .into_iter()
                .filter(|&(from, to)| from <= to && to <= n)
                .map(|(from, to)| {
                    syllables.push((from, to));
                    // Positions fit in a byte: the key has at most 63 letters.
                    Step {
                        from: from as u8,
                        to: to as u8,
                        first: true,
                    }
                })
                .collect();
            if !steps.is_empty() {
                by_char.insert(c, KeyChar { two: false, steps });
            }
        }
        syllables.sort_unstable();
        syllables.dedup();
        let mut m = Self::from_chars(n, &syllables, by_char)?;
        m.prefix = true;
        Some(m)
    }

    /// The matcher of a key of `n` letters that `by_char`'s characters continue,
    /// `syllables` every (from, to) step of theirs; `None` when no word of two to four
    /// characters reads the whole key.
    fn from_chars(
        n: usize,
        syllables: &[(usize, usize)],
        by_char: BTreeMap<char, KeyChar>,
    ) -> Option<Self> {
        let mut within = [0u64; MAX_READ_CHARS as usize + 1];
        within[0] = 1 << n;
        for k in 1..within.len() {
            within[k] = within[k - 1];
            for &(from, to) in syllables {
                if within[k - 1] >> to & 1 == 1 {
                    within[k] |= 1 << from;
                }
            }
        }
        if within[usize::from(MAX_READ_CHARS)] & 1 == 0 {
            return None;
        }
        let mut bytes = vec![0u32; 256];
        let mut chars = Vec::with_capacity(by_char.len());
        for (c, key_char) in by_char {
            let mut utf8 = [0; 4];
            let encoded = c.encode_utf8(&mut utf8).as_bytes();
            let mut node = 0usize;
            for (i, &b) in encoded.iter().enumerate() {
                let slot = if i == 0 {
                    usize::from(b)
                } else {
                    node + usize::from(b & 0x3F)
                };
                if i + 1 == encoded.len() {
                    // Fewer than 2^31 characters: they are Unicode scalar values.
                    bytes[slot] = CHAR_DONE | chars.len() as u32;
                } else {
                    if bytes[slot] == 0 {
                        bytes[slot] = bytes.len() as u32;
                        bytes.resize(bytes.len() + 64, 0);
                    }
                    node = bytes[slot] as usize;
                }
            }
            chars.push(key_char);
        }
        Some(ReadingMatcher {
            prefix: false,
            letters: n as u8,
            chars,
            bytes,
            within,
        })
    }

    /// The state before any byte.
    pub fn start(&self) -> MatchState {
        MatchState {
            any: 1,
            first: 1,
            ..MatchState::DEAD
        }
    }

    /// May bytes after `state` still make a word the key stands for?
    pub fn can_match(&self, state: &MatchState) -> bool {
        state.done || state.any != 0
    }

    /// Is the word read so far one the key stands for?
    pub fn is_match(&self, state: &MatchState) -> bool {
        // Four characters of two readings each: only the first eight of their sixteen
        // readings count, those with the first character's first reading.
        let ends = if state.chars == MAX_READ_CHARS && state.all_two {
            state.first
        } else {
            state.any
        };
        state.done || (state.node == 0 && state.chars >= 2 && ends >> self.letters & 1 == 1)
    }

    /// The state after one more byte of a word.
    pub fn step(&self, state: &MatchState, byte: u8) -> MatchState {
        if state.done {
            return *state;
        }
        if self.prefix && self.is_match(state) {
            return MatchState {
                done: true,
                ..*state
            };
        }
        if state.any == 0 {
            return MatchState::DEAD;
        }
        let slot = if state.node == 0 {
            usize::from(byte)
        } else if byte & 0xC0 == 0x80 {
            state.node as usize + usize::from(byte & 0x3F)
        } else {
            return MatchState::DEAD;
        };
        let entry = self.bytes.get(slot).copied().unwrap_or(0);
        if entry == 0 {
            return MatchState::DEAD;
        }
        if entry & CHAR_DONE == 0 {
            return MatchState {
                node: entry,
                ..*state
            };
        }
        let Some(c) = self.chars.get((entry & !CHAR_DONE) as usize) else {
            return MatchState::DEAD;
        };
        let (mut any, mut first) = (0u64, 0u64);
        for step in &c.steps {
            if state.any >> step.from & 1 == 1 {
                any |= 1 << step.to;
            }
            let along_first = state.chars > 0 || step.first;
            if along_first && state.first >> step.from & 1 == 1 {
                first |= 1 << step.to;
            }
        }
        let chars = state.chars + 1;
        // Dead unless the characters still allowed can read the rest of the key.
        let left = self
            .within
            .get(usize::from(MAX_READ_CHARS.saturating_sub(chars)))
            .copied()
            .unwrap_or(0);
        if chars > MAX_READ_CHARS || any & left == 0 {
            return MatchState::DEAD;
        }
        MatchState {
            any: any & left,
            first: first & left,
            chars,
            all_two: state.all_two && c.two,
            node: 0,
            done: false,
        }
    }

    /// Does the matcher accept `word` whole?
    pub fn accepts(&self, word: &str) -> bool {
        let mut s = self.start();
        for b in word.bytes() {
            s = self.step(&s, b);
            if !self.can_match(&s) {
                return false;
            }
        }
        self.is_match(&s)
    }
}

/// The Chinese words of an index, searched by how they read.
pub trait Vocabulary {
    /// The first `limit` words (in byte order) of the index that `matcher` accepts and
    /// `keep` keeps.
    fn words_read_as(
        &self,
        matcher: &ReadingMatcher,
        keep: &dyn Fn(&str) -> bool,
        limit: usize,
    ) -> Vec<String>;

    /// Calls `each` with the words of the index made of lower-case ASCII letters that
    /// start with one of `initials`, in byte order for each initial (a word once per
    /// segment holding it).
    fn for_each_latin_word(&self, initials: &[u8], each: &mut dyn FnMut(&str));

    /// How the passages holding this English word (as indexed) write it, when they
    /// mostly write it with a capital, as a name, in a spelling `fits` accepts.
    fn written_capitalised(&self, word: &str, fits: &dyn Fn(&str) -> bool) -> Option<String>;
}

/// A set of words as a vocabulary (tests, and tables made without an index).
impl Vocabulary for BTreeSet<String> {
    fn words_read_as(
        &self,
        matcher: &ReadingMatcher,
        keep: &dyn Fn(&str) -> bool,
        limit: usize,
    ) -> Vec<String> {
        self.iter()
            .filter(|w| matcher.accepts(w) && keep(w))
            .take(limit)
            .cloned()
            .collect()
    }

    fn for_each_latin_word(&self, initials: &[u8], each: &mut dyn FnMut(&str)) {
        self.iter()
            .filter(|w| w.bytes().next().is_some_and(|b| initials.contains(&b)))
            .filter(|w| w.bytes().all(|b| b.is_ascii_lowercase()))
            .for_each(|w| each(w));
    }

    /// (A set of words has no text: its words count as written as they are, with a
    /// capital.)
    fn written_capitalised(&self, word: &str, fits: &dyn Fn(&str) -> bool) -> Option<String> {
        let mut chars = word.chars();
        let written: String = chars
            .next()
            .map(|c| c.to_ascii_uppercase())
            .into_iter()
            .chain(chars)
            .collect();
        fits(&written).then_some(written)
    }
}

/// Looks syllables up in a table once per query: the phrases of a query overlap.
pub(crate) struct SyllableCache<'a> {
    table: &'a dyn Lookup,
    seen: HashMap<String, Option<Readings>>,
}

impl<'a> SyllableCache<'a> {
    pub(crate) fn new(table: &'a dyn Lookup) -> Self {
        SyllableCache {
            table,
            seen: HashMap::new(),
        }
    }

    fn get(&mut self, syllable: &str) -> Option<Readings> {
        if let Some(r) = self.seen.get(syllable) {
            return r.clone();
        }
        let r = self.table.readings(syllable);
        self.seen.insert(syllable.to_string(), r.clone());
        r
    }
}

/// The Chinese words of the index that the romanised `key` may stand for, first in
/// byte order, at most [`MAX_ALTERNATIVES`]: CC-CEDICT words whose pinyin is the key
/// (from the table), and words CC-CEDICT lacks that read as it (from `words`).
pub(crate) fn words_for_key(
    syllables: &mut SyllableCache<'_>,
    words: &dyn Vocabulary,
    key: &str,
) -> Vec<String> {
    let table = syllables.table;
    let mut found: BTreeSet<String> = table.pinyin(key).unwrap_or_default().into_iter().collect();
    if let Some(matcher) = ReadingMatcher::new(key, &mut |s| syllables.get(s)) {
        let not_in_dictionary = |w: &str| !table.in_dictionary(w);
        found.extend(words.words_read_as(&matcher, &not_in_dictionary, MAX_ALTERNATIVES));
    }
    found.into_iter().take(MAX_ALTERNATIVES).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(key: &str) -> Option<ReadingMatcher> {
        ReadingMatcher::new(key, &mut |s| reading_table().get(s).cloned())
    }

    #[test]
    fn pinyin_keys_are_toneless_and_run_together() {
        assert_eq!(pinyin_key("Xiao3 mi3"), "xiaomi");
        assert_eq!(pinyin_key("lu:4 se4"), "lvse");
    }

    #[test]
    fn words_read_through_their_characters() {
        let m = matcher("shunwei").unwrap();
        assert!(m.accepts("顺为"));
        assert!(!m.accepts("顺"));
        assert!(!m.accepts("顺为顺"));
        assert!(!m.accepts("为顺"));
        assert!(!m.accepts("shunwei"));
        // The same key split otherwise: xi an / xian.
        let m = matcher("xianren").unwrap();
        assert!(m.accepts("西安人"));
        assert!(m.accepts("仙人"));
    }

    #[test]
    fn a_key_no_syllables_make_has_no_matcher() {
        for key in ["grossmargin", "tesla", "xyz", "shun", "Shunwei", "shunwei2"] {
            let m = matcher(key);
            assert!(m.is_none_or(|m| !m.accepts("顺为")), "{key}");
        }
        assert!(matcher("grossmargin").is_none());
    }

    #[test]
    fn four_characters_of_two_readings_each_take_the_first_reading_first() {
        // Characters of two readings each, by their first (a) and second (b) reading.
        let two: Vec<(char, String, String)> = reading_table()
            .iter()
            .flat_map(|(syllable, r)| r.first.chars().map(move |c| (c, syllable.clone())))
            .filter_map(|(c, a)| {
                let b = char_readings(c).get(1)?.clone();
                (a.len() >= 2 && b.len() >= 2).then_some((c, a, b))
            })
            .take(4)
            .collect();
        assert_eq!(two.len(), 4);
        let word: String = two.iter().map(|(c, _, _)| *c).collect();
        let read = |firsts: [bool; 4]| -> String {
            two.iter()
                .zip(firsts)
                .map(|((_, a, b), f)| if f { a.as_str() } else { b.as_str() })
                .collect()
        };
        assert!(matcher(&read([true; 4])).unwrap().accepts(&word));
        assert!(
            matcher(&read([true, false, false, false]))
                .unwrap()
                .accepts(&word)
        );
        assert!(
            !matcher(&read([false, true, true, true]))
                .unwrap()
                .accepts(&word)
        );
        // Three such characters: every reading counts.
        let three: String = word.chars().take(3).collect();
        let key: String = two[..3].iter().map(|(_, _, b)| b.as_str()).collect();
        assert!(matcher(&key).unwrap().accepts(&three));
    }

    /// The keys the table used to store for a word CC-CEDICT lacks.
    fn stored_keys(word: &str) -> BTreeSet<String> {
        let readings: Vec<Vec<String>> = word.chars().map(char_readings).collect();
        if word.chars().count() > 4 || readings.iter().any(|r| r.is_empty()) {
            return BTreeSet::new();
        }
        let mut combos = vec![String::new()];
        for r in &readings {
            combos = combos
                .iter()
                .flat_map(|c| r.iter().map(move |s| format!("{c}{s}")))
                .take(8)
                .collect();
        }
        combos
            .into_iter()
            .filter(|k| k.len() >= MIN_KEY_LETTERS)
            .collect()
    }

    #[test]
    fn words_are_read_as_the_keys_the_table_stored() {
        // Characters of two readings and of one, in words of two to four.
        let table = reading_table();
        let two: Vec<char> = table
            .values()
            .flat_map(|r| r.second.chars())
            .step_by(37)
            .take(6)
            .collect();
        let one: Vec<char> = table
            .values()
            .flat_map(|r| r.only.chars())
            .step_by(401)
            .take(6)
            .collect();
        let mut words = Vec::new();
        for n in 2..=4 {
            for k in 0..6 {
                let pick = |i: usize| {
                    if (k >> i) & 1 == 0 {
                        two[(k + i) % 6]
                    } else {
                        one[(k + i) % 6]
                    }
                };
                words.push((0..n).map(pick).collect::<String>());
            }
        }
        words.push(two[..4].iter().collect());
        for word in &words {
            let stored = stored_keys(word);
            assert!(!stored.is_empty(), "{word}");
            // Every reading of every character, the stored keys among them.
            let mut all = vec![String::new()];
            for c in word.chars() {
                let r = char_readings(c);
                all = all
                    .iter()
                    .flat_map(|a| r.iter().map(move |s| format!("{a}{s}")))
                    .collect();
            }
            for key in all.iter().filter(|k| k.len() >= MIN_KEY_LETTERS) {
                let accepted = matcher(key).is_some_and(|m| m.accepts(word));
                assert_eq!(accepted, stored.contains(key), "{word} {key}");
            }
        }
    }

    #[test]
    fn words_of_more_than_four_characters_are_not_read() {
        assert!(matcher("yiyiyiyi").unwrap().accepts("一一一一"));
        // Five syllables: no word is read through its characters.
        assert!(matcher("yiyiyiyiyi").is_none());
    }

    #[test]
    fn every_reading_fits_a_key() {
        let table = reading_table();
        assert!(table.len() > 300, "{}", table.len());
        for (syllable, r) in table {
            assert!((1..=MAX_READING_LETTERS).contains(&syllable.len()));
            assert!(
                syllable.bytes().all(|b| b.is_ascii_lowercase()),
                "{syllable}"
            );
            assert!(
                r.only
                    .chars()
                    .chain(r.first.chars())
                    .chain(r.second.chars())
                    .all(is_cjk)
            );
        }
        assert!(table["shun"].only.contains('顺'));
    }
}
