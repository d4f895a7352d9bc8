//! Where a document may go inside `--out`: relative paths that stay inside it,
//! and destinations whose every folder is a real, writable folder — never a
//! symlink, so nothing is ever written outside the output folder.

use super::{MANIFEST, WORK_DIR};
use crate::diag::Diagnostic;
use std::collections::HashSet;
use std::io;
use std::path::{Component, Path, PathBuf};

/// `out/rel`, or `None` if `rel` would leave `out` (`..`, absolute paths) or
/// is one of the writer's own names (the manifest, the work folder).
pub(super) fn safe_join(out: &Path, rel: &str) -> Option<PathBuf> {
    let path = Path::new(rel);
    let mut components = path.components().peekable();
    let first_is_ours = components.peek().is_some_and(|c| c.as_os_str() == WORK_DIR);
    let normal = path.components().all(|c| matches!(c, Component::Normal(_)));
    (normal && !first_is_ours && rel != MANIFEST && !rel.is_empty()).then(|| out.join(path))
}

/// Checks that each destination's folders inside `out` are real folders (or
/// do not exist yet), that a file's place holds a regular file or nothing,
/// and that the deepest existing folder can be written to; remembers the
/// folders already checked, so a batch of thousands checks each folder once.
pub(super) struct Destinations<'a> {
    out: &'a Path,
    checked: HashSet<PathBuf>,
}

impl<'a> Destinations<'a> {
    pub(super) fn new(out: &'a Path) -> Self {
        Destinations {
            out,
            checked: HashSet::new(),
        }
    }

    /// Refuses `rel` (a `/`-separated path already accepted by [`safe_join`])
    /// unless renaming a new file into `out/rel` cannot fail for a reason
    /// known now.
    pub(super) fn check(&mut self, rel: &str) -> Result<(), Diagnostic> {
        let parts: Vec<&str> = rel.split('/').collect();
        let (file, folders) = parts.split_last().expect("split yields one part at least");
        let mut dir = self.out.to_path_buf();
        let mut deepest = Some(dir.clone());
        for folder in folders {
            dir.push(folder);
            if self.checked.contains(&dir) {
                continue;
            }
            match std::fs::symlink_metadata(&dir) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(symlink_refused(&dir));
                }
                Ok(meta) if !meta.is_dir() => {
                    return Err(Diagnostic::error(format!(
                        "`{}` is a file where a folder of documents should be",
                        dir.display()
                    ))
                    .with_hint("move it out of the way, or choose another `--out` folder"));
                }
                Ok(_) => deepest = Some(dir.clone()),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    // Created by the commit (a whole new folder moved in).
                    deepest = None;
                    break;
                }
                Err(e) => return Err(io_error("read", &dir, e)),
            }
        }
        if let Some(parent) = deepest {
            if !self.checked.contains(&parent) {
                writable(&parent)?;
                self.checked.insert(parent);
            }
            refuse_non_file(&dir.join(file))?;
        }
        Ok(())
    }
}

/// The error for a symlink where a folder of documents would go.
pub(super) fn symlink_refused(path: &Path) -> Diagnostic {
    Diagnostic::error(format!(
        "`{}` is a symlink; cse-pack never writes through a symlink inside the output folder",
        path.display()
    ))
    .with_hint("replace it with a real folder (or remove it), or choose another `--out` folder")
}

/// A symlink, folder or device where a document would go is never replaced.
pub(super) fn refuse_non_file(dest: &Path) -> Result<(), Diagnostic> {
    match std::fs::symlink_metadata(dest) {
        Ok(meta) if meta.file_type().is_symlink() || !meta.is_file() => {
            Err(Diagnostic::error(format!(
                "`{}` is a symlink or not a regular file; refusing to replace it",
                dest.display()
            ))
            .with_hint("remove it, or choose another `--out` folder"))
        }
        _ => Ok(()),
    }
}

/// Whether this process may create and replace files in `dir`: permission
/// bits as they apply to this user, read-only mounts, immutable folders.
#[cfg(unix)]
fn writable(dir: &Path) -> Result<(), Diagnostic> {
    rustix::fs::access(dir, rustix::fs::Access::WRITE_OK).map_err(|e| {
        Diagnostic::error(format!(
            "cannot write into `{}`: {}",
            dir.display(),
            io::Error::from(e)
        ))
        .with_hint("make the folder writable (or remove it), or choose another `--out` folder")
    })
}

#[cfg(not(unix))]
fn writable(dir: &Path) -> Result<(), Diagnostic> {
    match std::fs::metadata(dir) {
        Ok(m) if m.permissions().readonly() => Err(Diagnostic::error(format!(
            "cannot write into `{}`: it is read-only",
            dir.display()
        ))
        .with_hint("make the folder writable (or remove it), or choose another `--out` folder")),
        _ => Ok(()),
    }
}

/// An I/O error that names its path.
pub(super) fn io_error(what: &str, path: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot {what} `{}`: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_output_folder() {
        let out = Path::new("/tmp/x");
        assert!(safe_join(out, "en/poster-a4.pdf").is_some());
        assert!(safe_join(out, "../etc/passwd").is_none());
        assert!(safe_join(out, "en/../../etc/passwd").is_none());
        assert!(safe_join(out, "/etc/passwd").is_none());
        assert!(safe_join(out, "").is_none());
    }

    #[test]
    fn the_writer_s_own_names_are_not_documents() {
        let out = Path::new("/tmp/x");
        assert!(safe_join(out, "manifest.json").is_none());
        assert!(safe_join(out, ".cse-pack/stage/en/poster-a4.pdf").is_none());
        assert!(safe_join(out, "en/manifest.json").is_some());
    }
}
