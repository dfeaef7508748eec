//! Two things the binary needs made before it is compiled:
//!
//! - **Linking** the `wenku` binary as a position-dependent executable on Linux with
//!   glibc. Every search is a process. The dictionaries compiled into the binary
//!   (jieba's, the folding tables) hold static tables of string pointers: as a
//!   position-independent executable the loader rewrites 27,000 of them at every start,
//!   0.3-0.45 ms of a 3 ms search of the shipped corpus (measured side by side with
//!   `bench/speed.sh`-style runs, 2026-11-26). Libraries stay randomised; the binary's
//!   own addresses are fixed.
//! - **CC-CEDICT** as the index's translation table reads it (`$OUT_DIR/cedict.bin`,
//!   see `src/translate/cedict.rs`): the `chinese_dictionary` crate deserialises all of
//!   its 50 MB of hash maps on first use, 0.3 s of every index build that made a
//!   translation table, and has no listing of its entries (the two-syllable ones were
//!   found by looking up 160,000 syllable pairs, 0.1 s more). Here the crate's own
//!   lookups run once, at compile time, and their answers are kept in a compact table.

use std::collections::HashMap;
use std::error::Error;
use std::path::PathBuf;

fn main() {
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let gnu = std::env::var("CARGO_CFG_TARGET_ENV").is_ok_and(|env| env == "gnu");
    if linux && gnu {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
    if let Err(e) = write_cedict() {
        panic!("cannot make the CC-CEDICT table: {e}");
    }
}

/// The folder of the `chinese_dictionary` crate's sources (its data files are read),
/// as `cargo metadata` reports it.
fn chinese_dictionary_dir() -> Result<PathBuf, Box<dyn Error>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("Cargo.toml");
    let run = |offline: bool| {
        let mut cmd = std::process::Command::new(&cargo);
        cmd.args(["metadata", "--format-version", "1", "--manifest-path"])
            .arg(&manifest);
        if offline {
            cmd.arg("--offline");
        }
        cmd.output()
    };
    let out = match run(true) {
        Ok(out) if out.status.success() => out,
        _ => run(false)?,
    };
    if !out.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let packages = metadata["packages"].as_array().ok_or("no packages")?;
    let manifest = packages
        .iter()
        .find(|p| p["name"] == "chinese_dictionary" && p["version"] == "3.0.0")
        .and_then(|p| p["manifest_path"].as_str())
        .ok_or("chinese_dictionary 3.0.0 is not a dependency")?;
    Ok(PathBuf::from(manifest)
        .parent()
        .ok_or("no crate folder")?
        .to_path_buf())
}

/// Every entry of two syllables (most Chinese words), in the order the table has always
/// taken them: each pair of Mandarin syllables in turn, the crate's entries for it in
/// its order, each entry once.
fn two_syllable_entries() -> Vec<&'static chinese_dictionary::WordEntry> {
    const INITIALS: &[&str] = &[
        "", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch", "sh",
        "r", "z", "c", "s", "y", "w",
    ];
    const FINALS: &[&str] = &[
        "a", "o", "e", "i", "u", "v", "ai", "ei", "ui", "ao", "ou", "iu", "ie", "ve", "ue", "er",
        "an", "en", "in", "un", "vn", "ang", "eng", "ing", "ong", "ia", "iao", "ian", "iang",
        "iong", "ua", "uo", "uai", "uan", "uang", "van", "io",
    ];
    let mut syllables: Vec<String> = Vec::new();
    for i in INITIALS {
        for f in FINALS {
            let s = format!("{i}{f}");
            if !syllables.contains(&s) && !chinese_dictionary::query_by_pinyin(&s).is_empty() {
                syllables.push(s);
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for a in &syllables {
        for b in &syllables {
            for e in chinese_dictionary::query_by_pinyin(&format!("{a}{b}")) {
                if seen.insert(e.word_id) {
                    out.push(e);
                }
            }
        }
    }
    out
}

/// What a definition that says its entry is a variant of another word refers to:
/// the word (simplified, after a `|` if any), its reading if given, and what the
/// definition says besides, after a comma (`variant of 記錄|记录[ji4 lu4] (but in
/// Taiwan, …)` → 记录, `ji4 lu4`; `variant of 臉型|脸型, shape of face` → 脸型, none,
/// `shape of face`). Only a qualifier may come first (`old`, `erhua`, `Japanese`).
fn variant_of(definition: &str) -> Option<(&str, Option<&str>, Option<&str>)> {
    let at = definition.find("variant of ")?;
    if definition[..at].split_whitespace().count() > 1 {
        return None;
    }
    let rest = &definition[at + "variant of ".len()..];
    let end = rest.find(['[', ',', ' ']).unwrap_or(rest.len());
    let simplified = rest[..end].rsplit('|').next()?.trim();
    if simplified.is_empty() || !simplified.chars().all(|c| c as u32 >= 0x2E80) {
        return None;
    }
    let mut rest = &rest[end..];
    let mut reading = None;
    if let Some(r) = rest.strip_prefix('[')
        && let Some((r, after)) = r.split_once(']')
    {
        reading = Some(r);
        rest = after;
    }
    let besides = rest
        .trim_start()
        .strip_prefix(',')
        .map(str::trim)
        .filter(|b| !b.is_empty());
    Some((simplified, reading, besides))
}

/// An entry's definitions with each `variant of X` replaced by X's own definitions
/// (those of its entries of that reading, or of all its entries) and what it says
/// besides, so that 纪录, a variant of 记录, is glossed `record` as 记录 is.
/// Definitions that are themselves variants are not followed further.
fn resolved(definitions: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let push = |g: &str, out: &mut Vec<String>| {
        if !out.iter().any(|o| o == g) {
            out.push(g.to_string());
        }
    };
    for d in definitions {
        let Some((word, reading, besides)) = variant_of(d) else {
            push(d, &mut out);
            continue;
        };
        let targets = chinese_dictionary::query_by_simplified(word);
        let same: Vec<_> = targets
            .iter()
            .filter(|t| reading.is_none_or(|r| t.pinyin_numbers.eq_ignore_ascii_case(r)))
            .collect();
        let chosen = if same.is_empty() {
            targets.iter().collect()
        } else {
            same
        };
        for t in chosen {
            for g in t.english.iter().filter(|g| variant_of(g).is_none()) {
                push(g, &mut out);
            }
        }
        if let Some(b) = besides {
            push(b, &mut out);
        }
    }
    out
}

/// Separates an entry's definitions in the table (no definition holds it: checked).
const DEFINITION_BREAK: char = '\u{1F}';

/// The table as it is made: its text, its entries, and where each word id went.
#[derive(Default)]
struct Table {
    text: String,
    entries: Vec<[u32; 6]>,
    position_of: HashMap<u32, u32>,
}

impl Table {
    /// Adds `s` to the text: its offset and length.
    fn put(&mut self, s: &str) -> Result<[u32; 2], Box<dyn Error>> {
        let at = u32::try_from(self.text.len())?;
        self.text.push_str(s);
        Ok([at, u32::try_from(s.len())?])
    }

    /// Adds an entry: its position.
    fn add(&mut self, e: &chinese_dictionary::WordEntry) -> Result<u32, Box<dyn Error>> {
        let definitions = resolved(&e.english);
        if definitions.iter().any(|d| d.contains(DEFINITION_BREAK)) {
            return Err(format!("a definition of {} holds U+001F", e.simplified).into());
        }
        let definitions = definitions.join(&DEFINITION_BREAK.to_string());
        let [s, sl] = self.put(&e.simplified)?;
        let [p, pl] = self.put(&e.pinyin_numbers)?;
        let [d, dl] = self.put(&definitions)?;
        let at = u32::try_from(self.entries.len())?;
        self.entries.push([s, sl, p, pl, d, dl]);
        self.position_of.entry(e.word_id).or_insert(at);
        Ok(at)
    }
}

/// Writes `$OUT_DIR/cedict.bin`, little-endian `u32`s then text:
///
/// ```text
/// "WKCE" entries [simplified, pinyin, definitions: (offset, length) in the text]…
///        keys [key: (offset, length), first entry, entries]…   (keys in byte order)
///        two-syllable entries [entry]…   text length, text
/// ```
///
/// Each count comes before its list. Entries are grouped by key, each key's in the
/// order the crate's `query_by_simplified` gives them; entries no key reaches
/// (two-syllable ones only) come last.
fn write_cedict() -> Result<(), Box<dyn Error>> {
    let dir = chinese_dictionary_dir()?;
    let data = dir.join("data").join("simplified.dictionary");
    println!("cargo:rerun-if-changed={}", data.display());
    let keys: HashMap<String, Vec<u32>> =
        bincode::deserialize_from(std::io::BufReader::new(std::fs::File::open(&data)?))?;
    let mut keys: Vec<String> = keys.into_keys().collect();
    keys.sort_unstable();

    let mut t = Table::default();
    let mut key_rows: Vec<[u32; 4]> = Vec::new();
    for key in &keys {
        let found = chinese_dictionary::query_by_simplified(key);
        if found.is_empty() {
            continue;
        }
        let first = u32::try_from(t.entries.len())?;
        for e in &found {
            t.add(e)?;
        }
        let [k, kl] = t.put(key)?;
        key_rows.push([k, kl, first, u32::try_from(found.len())?]);
    }
    let mut two = Vec::new();
    for e in two_syllable_entries() {
        let at = match t.position_of.get(&e.word_id) {
            Some(&at) => at,
            None => t.add(e)?,
        };
        two.push(at);
    }
    let Table { text, entries, .. } = t;

    let mut out: Vec<u8> = b"WKCE".to_vec();
    let u32s = |values: &mut dyn Iterator<Item = u32>, out: &mut Vec<u8>| {
        for v in values {
            out.extend_from_slice(&v.to_le_bytes());
        }
    };
    u32s(
        &mut std::iter::once(u32::try_from(entries.len())?),
        &mut out,
    );
    u32s(&mut entries.iter().flatten().copied(), &mut out);
    u32s(
        &mut std::iter::once(u32::try_from(key_rows.len())?),
        &mut out,
    );
    u32s(&mut key_rows.iter().flatten().copied(), &mut out);
    u32s(&mut std::iter::once(u32::try_from(two.len())?), &mut out);
    u32s(&mut two.iter().copied(), &mut out);
    u32s(&mut std::iter::once(u32::try_from(text.len())?), &mut out);
    out.extend_from_slice(text.as_bytes());
    let path = PathBuf::from(std::env::var("OUT_DIR")?).join("cedict.bin");
    std::fs::write(path, out)?;
    Ok(())
}
