//! Searching an index that cannot be written: on a read-only file system (or in a
//! folder the user may not write), tantivy's reader would fail to create its lock file.

use std::io;
use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, FileSlice, Lock, MmapDirectory, WatchCallback,
    WatchHandle, WritePtr,
};

/// A tantivy folder whose locks are skipped where the file system refuses to create
/// them. The locks keep a writer from deleting files a reader is opening; where nothing
/// can be written, nothing can be deleted either.
#[derive(Debug, Clone)]
pub(crate) struct ReadableDirectory(MmapDirectory);

impl ReadableDirectory {
    /// The tantivy folder at `path`.
    pub(crate) fn open(path: &Path) -> tantivy::Result<Self> {
        Ok(ReadableDirectory(MmapDirectory::open(path)?))
    }
}

/// Is this the refusal of a read-only or unwritable folder?
fn read_only(e: &LockError) -> bool {
    matches!(e, LockError::IoError(io) if matches!(
        io.kind(),
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
    ))
}

impl Directory for ReadableDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        self.0.open_read(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(e) if read_only(&e) => Ok(DirectoryLock::from(Box::new(()))),
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}
