//! Where an index's bytes go: per field, the term dictionary, postings and positions,
//! summed over segments, plus the document store. Used to decide what to shrink.
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
        "total",
        "",
        mb(usage.total().get_bytes())
    );
    Ok(())
}
