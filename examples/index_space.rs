//! Where an index's bytes go: per tantivy field, the term dictionary, postings and
//! positions, summed over segments, plus the document store; then every file of the
//! generation by kind (the word and gram indexes, the translation table, the
//! manifest). Used to decide what to shrink.
//!
//! ```sh
//! cargo run --release --example index_space -- INDEX_DIR/g-000001
//! ```

use std::collections::BTreeMap;

fn main() -> anyhow::Result<()> {
    let Some(dir) = std::env::args().nth(1) else {
        anyhow::bail!("usage: index_space GENERATION_DIR");
    };
    let index = tantivy::Index::open_in_dir(&dir)?;
    let searcher = index.reader()?.searcher();
    let usage = searcher.space_usage()?;
    let mb = |b: u64| b as f64 / 1e6;
    let mut per: BTreeMap<(String, &str), u64> = BTreeMap::new();
    let mut store = 0u64;
    for seg in usage.segments() {
        for (part, fields) in [
            ("term", seg.termdict()),
            ("idx", seg.postings()),
            ("pos", seg.positions()),
            ("norm", seg.fieldnorms()),
        ] {
            for f in fields.fields() {
                *per.entry((f.field_name().to_string(), part)).or_default() +=
                    f.total().get_bytes();
            }
        }
        store += seg.store().total().get_bytes();
    }
    println!("segments {}", usage.segments().len());
    for ((field, part), bytes) in &per {
        if *bytes > 100_000 {
            println!("{field:>14} {part:<5} {:8.1} MB", mb(*bytes));
        }
    }
    println!("{:>14} {:<5} {:8.1} MB", "docstore", "", mb(store));
    println!(
        "{:>14} {:<5} {:8.1} MB",
        "tantivy",
        "",
        mb(usage.total().get_bytes())
    );
    // Every file, by kind: segment files by extension, the others by name up to `-`.
    let mut files: BTreeMap<String, u64> = BTreeMap::new();
    let mut all = 0;
    for entry in std::fs::read_dir(&dir)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = match name.split_once('.') {
            Some((stem, ext)) if stem.len() == 32 => format!("segment .{ext}"),
            _ => match name.split(['-', '.']).next() {
                Some(kind) if !kind.is_empty() => kind.to_string(),
                _ => name.clone(),
            },
        };
        let bytes = entry.metadata()?.len();
        *files.entry(kind).or_default() += bytes;
        all += bytes;
    }
    println!("files");
    for (kind, bytes) in &files {
        println!("{kind:>20} {:8.1} MB", mb(*bytes));
    }
    println!("{:>20} {:8.1} MB", "total", mb(all));
    Ok(())
}
