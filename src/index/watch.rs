//! `wenku index --watch`: keep the index up to date while files in the corpus change,
//! batching a burst of changes (an editor's save, a folder copied in) into one commit.

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use super::build::{Summary, UpdateOptions, update};
use super::store::IndexDir;
use crate::error::{Error, Result};

/// How long the corpus must stay quiet before a burst of changes is indexed.
pub const QUIET: Duration = Duration::from_millis(500);

/// Indexes the corpus, then again after every burst of changes, calling `report` with
/// each update's summary. Runs until the watcher fails or `report` returns `false`.
pub fn watch(
    corpus: &Path,
    dir: &IndexDir,
    opts: UpdateOptions,
    mut report: impl FnMut(&Summary) -> bool,
) -> Result<()> {
    let run = |report: &mut dyn FnMut(&Summary) -> bool, opts: UpdateOptions| -> Result<bool> {
        match update(corpus, dir, opts) {
            Ok(s) => Ok(report(&s)),
            // Another writer: its commit will be seen by the next change or retry.
            Err(Error::IndexBusy { .. }) => Ok(true),
            Err(e) => Err(e),
        }
    };
    if !run(&mut report, opts)? {
        return Ok(());
    }
    // `--rebuild` applies to the first run only.
    let later = UpdateOptions {
        rebuild: false,
        ..opts
    };
    let (tx, rx) = mpsc::channel();
    let watch_error =
        |e: notify::Error| Error::io("cannot watch", corpus, std::io::Error::other(e.to_string()));
    let mut watcher = notify::recommended_watcher(tx).map_err(watch_error)?;
    watcher
        .watch(corpus, RecursiveMode::Recursive)
        .map_err(watch_error)?;
    loop {
        // Wait for a change that matters (reads of the corpus, by `status` or `search`,
        // are events too), then until none has come for QUIET.
        match rx.recv() {
            Ok(ev) if matters(&ev) => {}
            Ok(_) => continue,
            Err(_) => return Ok(()),
        }
        let mut deadline = Instant::now() + QUIET;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(ev) if matters(&ev) => deadline = Instant::now() + QUIET,
                Ok(_) => {}
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
        if !run(&mut report, later)? {
            return Ok(());
        }
    }
}

/// Does this event change what the corpus holds (not a mere read)?
fn matters(ev: &notify::Result<notify::Event>) -> bool {
    match ev {
        Ok(e) => !matches!(e.kind, EventKind::Access(_)),
        Err(_) => true,
    }
}
