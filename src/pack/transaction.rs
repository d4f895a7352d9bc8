//! A build's output as one transaction. Documents are written, as they are
//! made, into `out/.cse-pack/stage/`; the commit checks every destination,
//! writes the new manifest there, makes it all durable, and renames `stage`
//! to `commit` — that one rename is the moment the new build wins. The files
//! are then renamed into place and `commit` removed. A run that finds
//! `commit` (the previous one was killed while moving files) finishes the
//! move before anything else; one that finds `stage` deletes it.

use super::lock::{Lock, pid_file};
use super::paths::{Destinations, io_error, safe_join, symlink_refused};
use super::{MANIFEST, WORK_DIR, read_manifest};
use crate::diag::Diagnostic;
use crate::output::{FileEntry, Manifest, Output};
use std::collections::{BTreeSet, HashSet};
use std::fs::File;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The work folder's staging area: a build not yet committed.
const STAGE: &str = "stage";
/// The work folder's committed build, while its files move into place.
const COMMIT: &str = "commit";

/// An open build of one output folder: holds the folder's lock, takes
/// documents one at a time ([`Transaction::add`], from any thread), and puts
/// them all in place at once ([`Transaction::commit`]). Dropped without a
/// commit, it leaves the folder exactly as it was.
#[derive(Debug)]
pub struct Transaction {
    out: PathBuf,
    work: PathBuf,
    stage: PathBuf,
    content_version: String,
    staged: Mutex<Staged>,
    committed: bool,
    _lock: Lock,
}

/// What has been staged so far.
#[derive(Debug, Default)]
struct Staged {
    entries: Vec<FileEntry>,
    paths: HashSet<String>,
    /// Folders created inside the staging area (made durable at commit where
    /// the whole file system cannot be synced at once).
    dirs: BTreeSet<PathBuf>,
}

/// A committed build: the manifest now in the folder, and the entries of the
/// documents this build wrote, in the order they were added.
#[derive(Debug)]
pub struct Written {
    pub manifest: Manifest,
    pub added: Vec<FileEntry>,
}

impl Transaction {
    /// Lock `out` (creating it if needed), finish or roll back whatever an
    /// interrupted run left there, and open an empty staging area.
    pub fn begin(out: &Path, content_version: &str) -> Result<Self, Diagnostic> {
        prepare_out(out)?;
        let work = out.join(WORK_DIR);
        let lock = Lock::acquire(out, &work)?;
        let stage = work.join(STAGE);
        let opened = finish_interrupted(out, &work)
            .and_then(|()| std::fs::create_dir(&stage).map_err(|e| io_error("create", &stage, e)));
        if let Err(d) = opened {
            release(&work);
            return Err(d);
        }
        Ok(Transaction {
            out: out.to_path_buf(),
            work,
            stage,
            content_version: content_version.to_string(),
            staged: Mutex::default(),
            committed: false,
            _lock: lock,
        })
    }

    /// Write one document into the staging area. Its bytes can be dropped as
    /// soon as this returns; only its manifest entry is kept.
    pub fn add(&self, output: &Output) -> Result<(), Diagnostic> {
        let dest = safe_join(&self.stage, &output.info.path).ok_or_else(|| {
            Diagnostic::error(format!(
                "refusing to write `{}` outside the output folder",
                output.info.path
            ))
            .with_hint("this is a bug in cse-pack; please report it")
        })?;
        if !self.lock_staged().paths.insert(output.info.path.clone()) {
            return Err(Diagnostic::error(format!(
                "two documents of this build would both be `{}`",
                self.out.join(&output.info.path).display()
            ))
            .with_hint("this is a bug in cse-pack; please report it"));
        }
        let parent = dest
            .parent()
            .expect("a staged path has the stage as parent");
        std::fs::create_dir_all(parent).map_err(|e| io_error("create folder", parent, e))?;
        write_new(&dest, &output.bytes)?;
        let mut staged = self.lock_staged();
        staged.entries.push(FileEntry::of(output));
        for dir in parent.ancestors().take_while(|d| *d != self.stage) {
            if !staged.dirs.insert(dir.to_path_buf()) {
                break;
            }
        }
        Ok(())
    }

    /// Check every destination, then replace the previous build with this
    /// one: earlier manifest entries whose files were not rebuilt (and are
    /// still there) are kept, so `--lang pl` after a full build keeps the rest.
    pub fn commit(mut self) -> Result<Written, Diagnostic> {
        let staged = std::mem::take(&mut *self.lock_staged());
        let mut destinations = Destinations::new(&self.out);
        for entry in &staged.entries {
            destinations.check(&entry.info.path)?;
        }
        destinations.check(MANIFEST)?;
        let manifest = self.new_manifest(&staged);
        let mut json = serde_json::to_vec_pretty(&manifest).expect("a manifest always serialises");
        json.push(b'\n');
        write_new(&self.stage.join(MANIFEST), &json)?;
        let files: Vec<PathBuf> = (staged.entries.iter().map(|e| self.stage.join(&e.info.path)))
            .chain([self.stage.join(MANIFEST)])
            .collect();
        make_durable(&self.stage, &files, staged.dirs.iter().chain([&self.stage]))
            .map_err(|e| io_error("sync", &self.stage, e))?;
        // The commit point.
        let commit = self.work.join(COMMIT);
        std::fs::rename(&self.stage, &commit).map_err(|e| io_error("commit", &commit, e))?;
        self.committed = true;
        sync_dir(&self.work).map_err(|e| io_error("sync", &self.work, e))?;
        move_into_place(&self.out, &commit).map_err(|d| {
            d.with_hint(format!(
                "the new build is complete in `{}`; run `cse-pack build` again to finish moving it into place",
                commit.display()
            ))
        })?;
        Ok(Written {
            manifest,
            added: staged.entries,
        })
    }

    /// The earlier manifest's entries that are still true, plus this build's.
    fn new_manifest(&self, staged: &Staged) -> Manifest {
        let mut files: Vec<FileEntry> = read_manifest(&self.out)
            .map(|m| m.files)
            .unwrap_or_default()
            .into_iter()
            .filter(|e| {
                !staged.paths.contains(&e.info.path) && is_file_inside(&self.out, &e.info.path)
            })
            .chain(staged.entries.iter().cloned())
            .collect();
        files.sort_by(|a, b| a.info.path.cmp(&b.info.path));
        // An old manifest could list a path twice; this one never does.
        files.dedup_by(|a, b| a.info.path == b.info.path);
        Manifest {
            files,
            content_version: self.content_version.clone(),
        }
    }

    fn lock_staged(&self) -> MutexGuard<'_, Staged> {
        // A panic while holding the lock would end the build anyway.
        self.staged.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for Transaction {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.stage);
        }
        release(&self.work);
    }
}

/// Create `out` if it does not exist; refuse it if it is not a folder.
fn prepare_out(out: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(out).map_err(|e| io_error("create folder", out, e))?;
    if !out.is_dir() {
        return Err(
            Diagnostic::error(format!("`{}` is not a folder", out.display()))
                .with_hint("choose another `--out` folder"),
        );
    }
    Ok(())
}

/// Remove the pid file and, if nothing is left in it, the work folder.
fn release(work: &Path) {
    let _ = std::fs::remove_file(pid_file(work));
    let _ = std::fs::remove_dir(work);
}

/// Finish a committed build that was interrupted while moving into place,
/// delete an uncommitted one, and remove the `.<name>.<pid>.tmp` files that
/// earlier versions of cse-pack could leave beside their documents.
fn finish_interrupted(out: &Path, work: &Path) -> Result<(), Diagnostic> {
    let commit = work.join(COMMIT);
    if is_real_dir(&commit)? {
        move_into_place(out, &commit).map_err(|d| {
            d.with_hint(format!(
                "an interrupted build is complete in `{}` but cannot be moved into place; fix the problem above, or delete that folder to keep the files as they are",
                commit.display()
            ))
        })?;
    }
    let stage = work.join(STAGE);
    if is_real_dir(&stage)? {
        std::fs::remove_dir_all(&stage).map_err(|e| io_error("remove", &stage, e))?;
    }
    remove_old_temporaries(out, work).map_err(|e| io_error("clean up", out, e))
}

/// Whether `path` is a folder; a symlink there is refused.
fn is_real_dir(path: &Path) -> Result<bool, Diagnostic> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(symlink_refused(path)),
        Ok(m) => Ok(m.is_dir()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io_error("read", path, e)),
    }
}

/// Rename everything in `commit` into `out` (the manifest last), make it
/// durable, and remove `commit`. Safe to repeat after an interruption: what
/// has moved is no longer in `commit`.
fn move_into_place(out: &Path, commit: &Path) -> Result<(), Diagnostic> {
    let mut touched = BTreeSet::new();
    move_tree(commit, out, true, &mut touched)?;
    let manifest = commit.join(MANIFEST);
    if manifest.exists() {
        let dest = out.join(MANIFEST);
        std::fs::rename(&manifest, &dest).map_err(|e| io_error("move into place", &dest, e))?;
        touched.insert(out.to_path_buf());
    }
    // Renames change only folders: syncing those that gained entries is enough.
    touched
        .iter()
        .try_for_each(|d| sync_dir(d))
        .map_err(|e| io_error("sync", out, e))?;
    // Only empty folders are left; if removing them fails, the next run does.
    let _ = std::fs::remove_dir_all(commit);
    Ok(())
}

/// Move each entry of `from` to the same name in `to`: a file replaces the
/// file there, a folder that `to` lacks moves as a whole, a folder that `to`
/// has is merged into it. Nothing is moved onto a symlink or a wrong type.
fn move_tree(
    from: &Path,
    to: &Path,
    top: bool,
    touched: &mut BTreeSet<PathBuf>,
) -> Result<(), Diagnostic> {
    let entries = std::fs::read_dir(from).map_err(|e| io_error("read", from, e))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io_error("read", from, e))?;
        names.push(entry.file_name());
    }
    names.sort();
    for name in names {
        if top && name == MANIFEST {
            continue;
        }
        let (src, dest) = (from.join(&name), to.join(&name));
        let src_is_dir = std::fs::symlink_metadata(&src)
            .map_err(|e| io_error("read", &src, e))?
            .is_dir();
        match std::fs::symlink_metadata(&dest) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error("read", &dest, e)),
            Ok(m) if m.file_type().is_symlink() => return Err(symlink_refused(&dest)),
            Ok(m) if src_is_dir && m.is_dir() => {
                move_tree(&src, &dest, false, touched)?;
                continue;
            }
            Ok(m) if !src_is_dir && m.is_file() => {}
            Ok(_) => {
                return Err(Diagnostic::error(format!(
                    "`{}` is in the way of the new build",
                    dest.display()
                )));
            }
        }
        std::fs::rename(&src, &dest).map_err(|e| io_error("move into place", &dest, e))?;
        touched.insert(to.to_path_buf());
    }
    Ok(())
}

/// Whether `rel` names a regular file inside `out`, reached through real
/// folders only.
fn is_file_inside(out: &Path, rel: &str) -> bool {
    let Some(path) = safe_join(out, rel) else {
        return false;
    };
    let mut dir = out.to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    for folder in &parts[..parts.len() - 1] {
        dir.push(folder);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() && !m.file_type().is_symlink() => {}
            _ => return false,
        }
    }
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

/// Remove `.<name>.<pid>.tmp` files anywhere in `out` (not following
/// symlinks, not inside the work folder).
fn remove_old_temporaries(dir: &Path, work: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() && path != work {
            remove_old_temporaries(&path, work)?;
        } else if kind.is_file() && is_old_temporary(&entry.file_name().to_string_lossy()) {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// `.poster-a4.pdf.4242.tmp`: how earlier versions named a file being written.
fn is_old_temporary(name: &str) -> bool {
    let Some(inner) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    inner.rsplit_once('.').is_some_and(|(stem, pid)| {
        !stem.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Create `dest` (which must not exist) holding `bytes`.
fn write_new(dest: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let result = (|| {
        let mut f = File::create_new(dest)?;
        f.write_all(bytes)?;
        durable_file(&f)
    })();
    result.map_err(|e| io_error("write", dest, e))
}

/// On Linux the staged files are made durable at commit ([`make_durable`]),
/// not one by one as they are written.
#[cfg(target_os = "linux")]
fn durable_file(_: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn durable_file(f: &File) -> io::Result<()> {
    f.sync_all()
}

/// Up to this many staged files are synced one by one on Linux; more with
/// one `syncfs`. A `syncfs` also waits for everything else unwritten on the
/// file system — on a shared machine where a compiler is writing, tens of
/// milliseconds, more than a one-poster build takes — while syncing
/// hundreds of files one by one costs more than one `syncfs`.
#[cfg(target_os = "linux")]
const SYNCED_ONE_BY_ONE: usize = 16;

/// Make the `files` written under `root` and the entries of the folders
/// `dirs` durable: on Linux an fsync of each of them, all at once, when
/// there are few files, else one `syncfs` of the file system; elsewhere an
/// fsync of each folder (the files were synced as they were written).
fn make_durable<'a>(
    root: &Path,
    files: &[PathBuf],
    dirs: impl Iterator<Item = &'a PathBuf>,
) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    if files.len() > SYNCED_ONE_BY_ONE {
        rustix::fs::syncfs(File::open(root)?)?;
        Ok(())
    } else {
        // At once: the file system commits fsyncs that wait together in one go.
        let dirs: Vec<&PathBuf> = dirs.collect();
        std::thread::scope(|s| {
            let syncs: Vec<_> = (files.iter().chain(dirs))
                .map(|path| s.spawn(move || File::open(path)?.sync_all()))
                .collect();
            syncs
                .into_iter()
                .try_for_each(|t| t.join().expect("an fsync does not panic"))
        })
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (root, files);
        dirs.into_iter().try_for_each(|d| sync_dir(d))
    }
}

/// fsync one folder, so a rename inside it survives a power cut.
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_temporary_files_are_recognised_and_documents_are_not() {
        assert!(is_old_temporary(".poster-a4.pdf.4242.tmp"));
        assert!(is_old_temporary(".manifest.json.7.tmp"));
        assert!(!is_old_temporary("poster-a4.pdf"));
        assert!(!is_old_temporary(".poster-a4.pdf.tmp"));
        assert!(!is_old_temporary(".4242.tmp"));
        assert!(!is_old_temporary("notes.1.tmp"));
    }
}
