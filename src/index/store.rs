//! The index folder on disk: generations, the `CURRENT` pointer and the writer lock.
//!
//! `DIR/CURRENT` names the live generation (`DIR/g-000001/`, a tantivy index). Updates
//! commit atomically inside the live generation (tantivy writes `meta.json` by rename);
//! a rebuild writes a new generation and then switches `CURRENT` by rename, so a reader
//! always sees either the old index or the new one, whatever happens in between.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

const CURRENT: &str = "CURRENT";
const LOCK: &str = ".wenku.lock";

/// The index folder.
#[derive(Debug, Clone)]
pub struct IndexDir {
    root: PathBuf,
}

/// Holds the folder's exclusive write lock until dropped (the OS releases it if the
/// process dies).
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

impl IndexDir {
    /// The index folder at `root` (not created yet).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        IndexDir { root: root.into() }
    }

    /// The folder path.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The live generation's folder, if there is one.
    pub fn current(&self) -> Option<PathBuf> {
        let name = fs::read_to_string(self.root.join(CURRENT)).ok()?;
        let name = name.trim();
        let valid = name.starts_with("g-") && !name.contains(['/', '\\', '.']);
        let path = self.root.join(name);
        (valid && path.is_dir()).then_some(path)
    }

    /// Takes the exclusive write lock, or fails with [`Error::IndexBusy`].
    pub fn lock(&self) -> Result<WriteLock> {
        fs::create_dir_all(&self.root).map_err(|e| Error::index_write(&self.root, &e))?;
        let path = self.root.join(LOCK);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::index_write(&self.root, &e))?;
        match file.try_lock() {
            Ok(()) => Ok(WriteLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => Err(Error::IndexBusy {
                path: self.root.clone(),
            }),
            Err(fs::TryLockError::Error(e)) => Err(Error::io("cannot lock", &path, e)),
        }
    }

    /// Creates a fresh, empty generation folder (needs the write lock).
    pub fn new_generation(&self, _lock: &WriteLock) -> Result<PathBuf> {
        let next = self
            .generations()
            .iter()
            .filter_map(|(n, _)| n.strip_prefix("g-")?.parse::<u64>().ok())
            .max()
            .unwrap_or(0)
            + 1;
        let path = self.root.join(format!("g-{next:06}"));
        fs::create_dir_all(&path).map_err(|e| Error::index_write(&self.root, &e))?;
        Ok(path)
    }

    /// Makes `generation` the live one (atomic rename of the pointer) and removes every
    /// other generation (needs the write lock).
    pub fn switch_to(&self, generation: &Path, _lock: &WriteLock) -> Result<()> {
        let name = generation
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| {
                Error::BadArgument(format!("bad generation {}", generation.display()))
            })?;
        let tmp = self.root.join("CURRENT.tmp");
        let write = || -> std::io::Result<()> {
            let mut f = File::create(&tmp)?;
            f.write_all(name.as_bytes())?;
            f.sync_all()?;
            fs::rename(&tmp, self.root.join(CURRENT))?;
            if let Ok(dir) = File::open(&self.root) {
                // Persist the rename; not every platform can sync a directory.
                let _ = dir.sync_all();
            }
            Ok(())
        };
        write().map_err(|e| Error::index_write(&self.root, &e))?;
        self.remove_stale(_lock);
        Ok(())
    }

    /// Removes generations other than the live one: left-overs of an interrupted rebuild.
    pub fn remove_stale(&self, _lock: &WriteLock) {
        let current = self.current();
        for (_, path) in self.generations() {
            if Some(&path) != current.as_ref() {
                let _ = fs::remove_dir_all(&path);
            }
        }
    }

    /// Is the live generation the only one (nothing left by an interrupted rebuild)?
    pub fn only_live_generation(&self) -> bool {
        let current = self.current();
        self.generations()
            .iter()
            .all(|(_, path)| Some(path) == current.as_ref())
    }

    fn generations(&self) -> Vec<(String, PathBuf)> {
        let Ok(entries) = fs::read_dir(&self.root) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                (name.starts_with("g-") && e.path().is_dir()).then(|| (name, e.path()))
            })
            .collect()
    }

    /// Total size in bytes of the live generation.
    pub fn size_bytes(&self) -> u64 {
        let Some(dir) = self.current() else { return 0 };
        fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter_map(|e| e.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switching_generations_keeps_only_the_live_one() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = IndexDir::new(tmp.path().join("index"));
        assert!(dir.current().is_none());
        let lock = dir.lock().unwrap();
        let g1 = dir.new_generation(&lock).unwrap();
        dir.switch_to(&g1, &lock).unwrap();
        assert_eq!(dir.current(), Some(g1.clone()));
        let g2 = dir.new_generation(&lock).unwrap();
        assert_ne!(g1, g2);
        dir.switch_to(&g2, &lock).unwrap();
        assert_eq!(dir.current(), Some(g2));
        assert!(!g1.exists());
    }

    #[test]
    fn a_second_writer_is_refused_while_the_first_holds_the_lock() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = IndexDir::new(tmp.path());
        let _first = dir.lock().unwrap();
        assert!(matches!(dir.lock(), Err(Error::IndexBusy { .. })));
    }

    #[test]
    fn a_garbage_pointer_means_no_index() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join(CURRENT), "../../etc").unwrap();
        assert!(IndexDir::new(tmp.path()).current().is_none());
    }
}
