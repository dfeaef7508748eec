//! jieba-rs's raw search-mode segmentation speed on a corpus, single thread: the limit a
//! wenku build can approach per core. Used by `bench/speed.sh`.
//!
//! ```sh
//! cargo run --release --example jieba_speed -- corpus
//! ```
//!
//! Reads every `.txt`, `.md` and `.markdown` file under the folder (hidden ones skipped,
//! files that are not UTF-8 skipped), loads jieba's default dictionary, then times
//! `cut_for_search(text, true)` over each file's whole text as written (no folding). The
//! dictionary load is timed apart. Prints one JSON line.

use std::path::Path;
use std::time::Instant;

use jieba_rs::Jieba;
use walkdir::WalkDir;

fn is_article(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("txt" | "md" | "markdown")
    )
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n.len() > 1)
}

fn main() -> anyhow::Result<()> {
    let corpus = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: jieba_speed CORPUS_DIR"))?;
    let mut texts = Vec::new();
    let walk = WalkDir::new(&corpus)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walk {
        let entry = entry?;
        if entry.file_type().is_file()
            && is_article(entry.path())
            && let Ok(text) = String::from_utf8(std::fs::read(entry.path())?)
        {
            texts.push(text);
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();

    let started = Instant::now();
    let jieba = Jieba::new();
    let dict_load = started.elapsed();

    let started = Instant::now();
    let mut tokens = 0usize;
    for text in &texts {
        tokens += jieba.cut_for_search(text, true).len();
    }
    let cut = started.elapsed().as_secs_f64();

    println!(
        "{{\"files\":{},\"bytes\":{bytes},\"tokens\":{tokens},\"dict_load_ms\":{:.1},\"cut_s\":{cut:.3},\"mb_s\":{:.2}}}",
        texts.len(),
        dict_load.as_secs_f64() * 1000.0,
        bytes as f64 / 1e6 / cut.max(1e-9),
    );
    Ok(())
}
