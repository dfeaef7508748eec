//! The library's error type: each variant names the file or input it concerns and, where
//! the user can do something about it, what to do.

use std::path::PathBuf;

/// Errors the library reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The corpus folder does not exist or is not a folder.
    #[error("corpus folder {path} not found: pass --corpus DIR with a folder of .txt/.md articles")]
    CorpusMissing {
        /// The folder that was asked for.
        path: PathBuf,
    },
    /// There is no index yet and none could be built.
    #[error("no index at {path}: run `wenku index --index {path}` first")]
    IndexMissing {
        /// The index folder.
        path: PathBuf,
    },
    /// The index could not be opened or read.
    #[error("the index at {path} is damaged or unreadable ({detail}): run `wenku index --rebuild`")]
    IndexDamaged {
        /// The index folder.
        path: PathBuf,
        /// What went wrong.
        detail: String,
    },
    /// Another process holds the index's write lock.
    #[error(
        "another `wenku index` is updating {path}; wait for it to finish (searches keep working meanwhile)"
    )]
    IndexBusy {
        /// The index folder.
        path: PathBuf,
    },
    /// A file-system operation failed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What wenku was doing, e.g. "cannot create".
        action: &'static str,
        /// The file or folder concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The search engine failed while writing or searching.
    #[error("index error in {path}: {detail}")]
    Engine {
        /// The index folder.
        path: PathBuf,
        /// What went wrong.
        detail: String,
    },
    /// A command-line argument is not usable.
    #[error("{0}")]
    BadArgument(String),
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error with what was being done and to which path.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
