//! The library's error type: each variant names the file or input it concerns and, where
//! the user can do something about it, what to do.

use std::path::PathBuf;

/// Errors the library reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The corpus folder does not exist or is not a folder.
    #[error(
        "corpus folder {path} not found (missing, or not a folder): pass --corpus DIR with a folder of .txt/.md articles"
    )]
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
    /// The index could not be written (disk full, file size limit, read-only folder, a
    /// file where the folder should be). Nothing committed was changed.
    #[error(
        "cannot write the index at {path} ({cause}); it is as it was before this run: {hint}, then run `wenku index` again"
    )]
    IndexWrite {
        /// The index folder.
        path: PathBuf,
        /// What the operating system said.
        cause: String,
        /// What to do about it.
        hint: &'static str,
    },
    /// A file-system operation failed.
    #[error("{action} {path}: {cause}")]
    Io {
        /// What wenku was doing, e.g. "cannot create".
        action: &'static str,
        /// The file or folder concerned.
        path: PathBuf,
        /// What the operating system said. (Not an error `source`: the message already
        /// holds it, and `wenku: {e:#}` would print it twice.)
        cause: std::io::Error,
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
    /// The index folder `path` could not be written because of `cause`.
    pub fn index_write(path: impl Into<PathBuf>, cause: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        let hint = match kind_of(cause) {
            K::StorageFull | K::QuotaExceeded => "free some disk space",
            K::FileTooLarge => "raise the file size limit (`ulimit -f`) or free some disk space",
            K::ReadOnlyFilesystem | K::PermissionDenied => {
                "make the folder writable, or pass --index DIR for one that is"
            }
            K::NotADirectory | K::AlreadyExists | K::IsADirectory => {
                "the index path must be a folder: move the file in the way, or pass --index DIR"
            }
            _ => "check the folder and the disk",
        };
        Error::IndexWrite {
            path: path.into(),
            cause: cause.to_string(),
            hint,
        }
    }

    /// An I/O error with what was being done and to which path.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            cause: source,
        }
    }
}

/// The kind of an I/O error, also when a library wrapped the system's error in one of
/// its own (kind `Other`, the system's error only in its text: `No space left on device
/// (os error 28)`), as tantivy does for some of its writes: a full disk is told as one
/// whichever write ran out of room first.
fn kind_of(e: &std::io::Error) -> std::io::ErrorKind {
    if e.kind() != std::io::ErrorKind::Other {
        return e.kind();
    }
    let text = e.to_string();
    let code = text
        .split("(os error ")
        .nth(1)
        .and_then(|rest| rest.split(')').next()?.parse().ok());
    code.map_or(e.kind(), |code| {
        std::io::Error::from_raw_os_error(code).kind()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_inside_another_error_is_told_as_a_full_disk() {
        let hint = |e: std::io::Error| match Error::index_write("/ix", &e) {
            Error::IndexWrite { hint, .. } => hint,
            _ => "",
        };
        let full = std::io::Error::from_raw_os_error(28);
        assert_eq!(
            hint(std::io::Error::from_raw_os_error(28)),
            "free some disk space"
        );
        let wrapped = std::io::Error::other(format!("Io({full})"));
        assert_eq!(hint(wrapped), "free some disk space");
        let plain = std::io::Error::other("something else");
        assert_eq!(hint(plain), "check the folder and the disk");
    }
}
