//! One writer per output folder: an OS lock on the folder itself (released by
//! the kernel when the process ends, however it ends), and the holder's pid
//! in the work folder so a second build can say who is writing.

use super::paths::{io_error, symlink_refused};
use crate::diag::Diagnostic;
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

/// Name of the file in the work folder holding the writer's pid.
const PID: &str = "pid";

/// The lock on an output folder, held until dropped.
#[derive(Debug)]
pub(super) struct Lock {
    // Kept open: the lock lives as long as this descriptor.
    _dir: File,
}

impl Lock {
    /// Locks `out` (an existing folder) or stops, naming the other writer,
    /// then creates the work folder `work` and writes this process's pid there.
    pub(super) fn acquire(out: &Path, work: &Path) -> Result<Lock, Diagnostic> {
        let dir = File::open(out).map_err(|e| io_error("open", out, e))?;
        match dir.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(busy(out, work)),
            Err(TryLockError::Error(e)) => return Err(io_error("lock", out, e)),
        }
        make_work_dir(work)?;
        let pid = work.join(PID);
        std::fs::write(&pid, format!("{}\n", std::process::id()))
            .map_err(|e| io_error("write", &pid, e))?;
        Ok(Lock { _dir: dir })
    }
}

/// The work folder, refusing a symlink or a file in its place.
fn make_work_dir(work: &Path) -> Result<(), Diagnostic> {
    match std::fs::symlink_metadata(work) {
        Ok(meta) if meta.file_type().is_symlink() => Err(symlink_refused(work)),
        Ok(meta) if !meta.is_dir() => Err(Diagnostic::error(format!(
            "`{}` is not a folder; cse-pack keeps a build in progress there",
            work.display()
        ))
        .with_hint("remove it and build again")),
        Ok(_) => Ok(()),
        Err(_) => std::fs::create_dir(work).map_err(|e| io_error("create folder", work, e)),
    }
}

/// The error when another process holds the lock.
fn busy(out: &Path, work: &Path) -> Diagnostic {
    let pid = std::fs::read_to_string(work.join(PID))
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok());
    let who = match pid {
        Some(pid) => format!("another cse-pack (pid {pid})"),
        None => "another cse-pack".to_string(),
    };
    Diagnostic::error(format!("`{}` is being written by {who}", out.display()))
        .with_hint("wait for it to finish and build again, or choose another `--out` folder")
}

/// The path of the pid file in `work` (for removal on release).
pub(super) fn pid_file(work: &Path) -> PathBuf {
    work.join(PID)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_folder_names_the_first_holder() {
        let d = tempfile::tempdir().unwrap();
        let work = d.path().join(".cse-pack");
        let first = Lock::acquire(d.path(), &work).expect("first lock");
        let err = Lock::acquire(d.path(), &work).expect_err("second lock must fail");
        let expected = format!(
            "`{}` is being written by another cse-pack (pid {})",
            d.path().display(),
            std::process::id()
        );
        assert_eq!(err.message, expected);
        drop(first);
        Lock::acquire(d.path(), &work).expect("free again after the first is dropped");
    }
}
