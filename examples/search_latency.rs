//! `wenku search` latency inside one process: the index is opened once through the
//! library, then each query of a list is searched `repeat` times (after one untimed run).
//! Used by `bench/speed.sh`.
//!
//! ```sh
//! cargo run --release --example search_latency -- INDEX_DIR bench/queries-shipped.txt 10
//! ```
//!
//! The index must exist and be current (run `wenku index` first). Queries are one a
//! line; blank lines and lines starting with `#` are skipped. Each search is what
//! `wenku search --limit 10 QUERY` does past opening the index: plan, translation,
//! tantivy, highlights and snippets; nothing is printed. Prints one JSON line per query,
//! then one with the median and p99 over all timed searches, in microseconds.

use std::time::Instant;

use wenku::index::{IndexDir, OpenIndex};
use wenku::search::{SearchOptions, search};

/// The value at quantile `q` of sorted samples (nearest rank).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let at = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len());
    sorted[at - 1]
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, index_dir, queries, rest @ ..] = args.as_slice() else {
        anyhow::bail!("usage: search_latency INDEX_DIR QUERIES_FILE [REPEAT]");
    };
    let repeat: usize = match rest.first() {
        Some(k) => k.parse()?,
        None => 10,
    };
    let queries: Vec<String> = std::fs::read_to_string(queries)?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();

    let started = Instant::now();
    let index = OpenIndex::open(&IndexDir::new(index_dir))?
        .ok_or_else(|| anyhow::anyhow!("no index in {index_dir}; run `wenku index` first"))?;
    let open_us = started.elapsed().as_secs_f64() * 1e6;

    let opts = SearchOptions {
        limit: 10,
        translate: true,
        ..SearchOptions::default()
    };
    let mut all = Vec::with_capacity(queries.len() * repeat);
    for query in &queries {
        let hits = search(&index, query, &opts)?.len();
        let mut times = Vec::with_capacity(repeat);
        for _ in 0..repeat {
            let started = Instant::now();
            std::hint::black_box(search(&index, query, &opts)?);
            times.push(started.elapsed().as_secs_f64() * 1e6);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{}",
            serde_json::json!({
                "query": query,
                "hits": hits,
                "p50_us": quantile(&times, 0.5).round(),
                "p99_us": quantile(&times, 0.99).round(),
            })
        );
        all.extend(times);
    }
    all.sort_by(f64::total_cmp);
    println!(
        "{}",
        serde_json::json!({
            "all": true,
            "queries": queries.len(),
            "repeat": repeat,
            "open_us": open_us.round(),
            "p50_us": quantile(&all, 0.5).round(),
            "p99_us": quantile(&all, 0.99).round(),
        })
    );
    Ok(())
}
