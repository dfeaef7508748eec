//! Our own share of an index build, single thread and without tantivy: decoding, parsing,
//! claims extraction and analysis of every article of a corpus, each stage timed apart,
//! so that a change to `article`, `claims` or `analysis` can be measured on its own.
//!
//! ```sh
//! cargo run --release --example analysis_speed -- corpus
//! ```
//!
//! Reads every article file under the folder (as the build does, hidden ones skipped),
//! then runs the stages over all of them in turn; jieba's dictionary is loaded before
//! the clock starts. Prints one JSON line, with a checksum of the terms so that two
//! builds can be told apart if their output differs.

use std::time::Instant;

use walkdir::WalkDir;
use wenku::{analysis, article, claims};

/// The binary's allocator, so that allocation costs what it costs in a build.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n.len() > 1)
}

fn main() -> anyhow::Result<()> {
    let corpus = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: analysis_speed CORPUS_DIR"))?;
    let mut files = Vec::new();
    let walk = WalkDir::new(&corpus)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walk {
        let entry = entry?;
        if entry.file_type().is_file() && article::is_article_file(entry.path()) {
            let rel = entry.path().strip_prefix(&corpus)?.display().to_string();
            files.push((rel, std::fs::read(entry.path())?));
        }
    }
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    // Load jieba's dictionary outside the timed stages.
    analysis::analyze("预热");

    let started = Instant::now();
    let texts: Vec<(String, String)> = files
        .iter()
        .filter_map(|(rel, b)| Some((rel.clone(), article::decode(b).ok()?.text)))
        .collect();
    let decode = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let articles: Vec<article::Article> = texts
        .iter()
        .map(|(rel, text)| article::parse_article(rel, text))
        .collect();
    let parse = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let mut claims_found = 0usize;
    for a in &articles {
        let passages: Vec<&str> = a.passages.iter().map(|p| p.text.as_str()).collect();
        claims_found += claims::extract(&passages)
            .iter()
            .map(|c| c.quotes.len() + c.figures.len())
            .sum::<usize>();
    }
    let claims = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let mut passages = 0usize;
    let mut terms = 0usize;
    let mut checksum = 0u64;
    for a in &articles {
        for text in
            std::iter::once(a.title.as_str()).chain(a.passages.iter().map(|p| p.text.as_str()))
        {
            let analysed = analysis::analyze(text);
            for t in analysed.words.iter().chain(&analysed.grams()) {
                terms += 1;
                checksum = t.term.bytes().fold(checksum, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
                });
                checksum = (checksum ^ (t.start as u64) ^ ((t.position as u64) << 32))
                    .wrapping_mul(0x0100_0000_01b3);
            }
        }
        passages += a.passages.len();
    }
    let analyse = started.elapsed().as_secs_f64();

    println!(
        "{{\"files\":{},\"bytes\":{bytes},\"passages\":{passages},\"claims\":{claims_found},\"terms\":{terms},\"checksum\":\"{checksum:016x}\",\"decode_s\":{decode:.3},\"parse_s\":{parse:.3},\"claims_s\":{claims:.3},\"analyse_s\":{analyse:.3}}}",
        files.len(),
    );
    Ok(())
}
