//! The output writer the CLI face calls: finished PDFs written into the
//! output folder atomically, and the manifest that lists them.

pub use crate::output::{FileEntry, Manifest, Output, sha256_hex};

use crate::diag::Diagnostic;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

/// Name of the manifest in the output folder.
pub const MANIFEST: &str = "manifest.json";

/// Write every output, then the manifest, each atomically. Entries of an
/// earlier manifest whose files were not rebuilt and still exist are kept.
pub fn write_pack(
    out: &Path,
    outputs: &[Output],
    content_version: &str,
) -> Result<Manifest, Diagnostic> {
    let mut entries: Vec<FileEntry> = read_manifest(out)
        .map(|m| m.files)
        .unwrap_or_default()
        .into_iter()
        .filter(|e| {
            !outputs.iter().any(|o| o.path == e.path)
                && safe_join(out, &e.path).is_some_and(|p| p.is_file())
        })
        .collect();
    // Check every destination before writing any, so a refusal leaves nothing half-done.
    for o in outputs
        .iter()
        .map(|o| o.path.as_str())
        .chain(std::iter::once(MANIFEST))
    {
        if let Some(dest) = safe_join(out, o) {
            refuse_non_file(&dest)?;
        }
    }
    for o in outputs {
        let dest = safe_join(out, &o.path).ok_or_else(|| {
            Diagnostic::error(format!(
                "refusing to write `{}` outside the output folder",
                o.path
            ))
            .with_hint("this is a bug in cse-pack; please report it")
        })?;
        write_atomic(&dest, &o.bytes)?;
        entries.push(FileEntry::of(o));
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let manifest = Manifest {
        files: entries,
        content_version: content_version.to_string(),
    };
    let mut json = serde_json::to_vec_pretty(&manifest).expect("a manifest always serialises");
    json.push(b'\n');
    write_atomic(&out.join(MANIFEST), &json)?;
    Ok(manifest)
}

/// The manifest already in `out`, if there is a readable one.
pub fn read_manifest(out: &Path) -> Option<Manifest> {
    let bytes = std::fs::read(out.join(MANIFEST)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// `out/rel`, or `None` if `rel` would leave `out` (`..`, absolute paths).
fn safe_join(out: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel);
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| out.join(rel))
}

/// A symlink, folder or device where a PDF would go is never replaced.
fn refuse_non_file(dest: &Path) -> Result<(), Diagnostic> {
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

/// Write to a temporary file beside `dest`, then rename it into place, so a
/// reader never sees half a file. A symlink at `dest` is refused, not followed.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let io_err = |what: &str, path: &Path, e: std::io::Error| {
        Diagnostic::error(format!("cannot {what} `{}`: {e}", path.display()))
    };
    let dir = dest.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| io_err("create folder", dir, e))?;
    refuse_non_file(dest)?;
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, dest)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_err("write", dest, e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_output_folder() {
        let out = Path::new("/tmp/x");
        assert!(safe_join(out, "en/poster-a4.pdf").is_some());
        assert!(safe_join(out, "../etc/passwd").is_none());
        assert!(safe_join(out, "/etc/passwd").is_none());
    }
}
