//! `wenku add`: copying articles into the corpus folder, never overwriting a different
//! file unless asked, and never copying a file the indexer could not read.

use std::fs;
use std::path::{Path, PathBuf};

use crate::article;

/// Why a path was not added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// The same bytes are already in the corpus at this relative path.
    AlreadyThere(String),
    /// Anything else: the message says what and what to do.
    Problem(String),
}

/// What `add` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddReport {
    /// Files copied, as paths relative to the corpus.
    pub added: Vec<String>,
    /// Files that replaced a different file of the same name (with `force`).
    pub replaced: Vec<String>,
    /// Paths not added, and why.
    pub skipped: Vec<(PathBuf, Skip)>,
}

impl AddReport {
    /// Were any paths skipped for a reason other than being there already?
    pub fn has_problems(&self) -> bool {
        self.skipped
            .iter()
            .any(|(_, s)| matches!(s, Skip::Problem(_)))
    }
}

/// Copies the article files at `paths` (files, or folders searched recursively) into
/// `corpus`: a file goes to the top of the corpus, a folder keeps its name and layout.
/// A different file already at the destination is kept unless `force`.
pub fn add(corpus: &Path, paths: &[PathBuf], force: bool) -> std::io::Result<AddReport> {
    fs::create_dir_all(corpus)?;
    let corpus_abs = fs::canonicalize(corpus)?;
    let mut report = AddReport::default();
    for path in paths {
        let Ok(meta) = fs::metadata(path) else {
            report
                .skipped
                .push((path.clone(), Skip::Problem("no such file or folder".into())));
            continue;
        };
        if meta.is_dir() {
            let name = path
                .canonicalize()
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_os_string()))
                .unwrap_or_else(|| "added".into());
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                match entry {
                    Ok(e) if e.file_type().is_file() && article::is_article_file(e.path()) => {
                        let rel = e.path().strip_prefix(path).unwrap_or(e.path());
                        let dest = Path::new(&name).join(rel);
                        add_file(&corpus_abs, e.path(), &dest, force, &mut report);
                    }
                    Ok(_) => {}
                    Err(e) => report.skipped.push((
                        path.clone(),
                        Skip::Problem(format!("cannot read part of the folder: {e}")),
                    )),
                }
            }
        } else if !article::is_article_file(path) {
            report.skipped.push((
                path.clone(),
                Skip::Problem("not an article: wenku reads .txt, .md and .markdown files".into()),
            ));
        } else {
            let dest = PathBuf::from(path.file_name().unwrap_or_default());
            add_file(&corpus_abs, path, &dest, force, &mut report);
        }
    }
    Ok(report)
}

fn add_file(corpus: &Path, src: &Path, dest_rel: &Path, force: bool, report: &mut AddReport) {
    let rel = dest_rel.to_string_lossy().replace('\\', "/");
    let skip = |report: &mut AddReport, why: Skip| report.skipped.push((src.to_path_buf(), why));
    // A file inside the corpus already is indexed where it is.
    if fs::canonicalize(src).is_ok_and(|p| p.starts_with(corpus)) {
        skip(report, Skip::AlreadyThere(rel));
        return;
    }
    let bytes = match fs::read(src) {
        Ok(b) => b,
        Err(e) => return skip(report, Skip::Problem(format!("cannot read it: {e}"))),
    };
    if let Err(e) = article::decode(&bytes) {
        return skip(report, Skip::Problem(format!("{e}; not copied")));
    }
    let dest = corpus.join(dest_rel);
    let existed = match fs::read(&dest) {
        Ok(old) if old == bytes => return skip(report, Skip::AlreadyThere(rel)),
        Ok(_) if !force => {
            return skip(
                report,
                Skip::Problem(format!(
                    "a different file is already in the corpus at {rel}; rename yours, or pass --force to replace it"
                )),
            );
        }
        Ok(_) => true,
        Err(_) => false,
    };
    let copy = || -> std::io::Result<()> {
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent)?;
        }
        // Write beside the destination, then rename: the indexer never sees half a file.
        let tmp = dest.with_extension("wenku-partial");
        fs::write(&tmp, &bytes)?;
        fs::rename(&tmp, &dest)
    };
    match copy() {
        Ok(()) if existed => report.replaced.push(rel),
        Ok(()) => report.added.push(rel),
        Err(e) => skip(
            report,
            Skip::Problem(format!("cannot copy it to {rel}: {e}")),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_files_and_folders_and_refuses_to_overwrite() {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("corpus");
        let src = tmp.path().join("in");
        fs::create_dir_all(src.join("batch/sub")).unwrap();
        fs::write(src.join("a.md"), "# A\n\n第一段。\n").unwrap();
        fs::write(src.join("batch/sub/b.txt"), "第二篇。\n").unwrap();
        fs::write(src.join("batch/notes.pdf"), "x").unwrap();
        fs::write(src.join("empty.txt"), "  \n").unwrap();
        let r = add(
            &corpus,
            &[
                src.join("a.md"),
                src.join("batch"),
                src.join("empty.txt"),
                src.join("nope.md"),
            ],
            false,
        )
        .unwrap();
        assert_eq!(r.added, ["a.md", "batch/sub/b.txt"]);
        assert_eq!(r.skipped.len(), 2);
        assert!(r.has_problems());
        // Same bytes again: already there. Different bytes: refused, then forced.
        let r = add(&corpus, &[src.join("a.md")], false).unwrap();
        assert!(matches!(&r.skipped[0].1, Skip::AlreadyThere(p) if p == "a.md"));
        fs::write(src.join("a.md"), "# A\n\n改过的第一段。\n").unwrap();
        let r = add(&corpus, &[src.join("a.md")], false).unwrap();
        assert!(matches!(&r.skipped[0].1, Skip::Problem(m) if m.contains("--force")));
        let r = add(&corpus, &[src.join("a.md")], true).unwrap();
        assert_eq!(r.replaced, ["a.md"]);
        assert!(
            fs::read_to_string(corpus.join("a.md"))
                .unwrap()
                .contains("改过")
        );
    }
}
