//! The output writer the CLI face calls: a build's documents go into the
//! output folder as one transaction ([`Transaction`]), with the manifest that
//! lists them, so the folder always holds one complete build.
//!
//! While a build runs, the output folder holds a hidden work folder,
//! `.cse-pack/`, with the writer's pid and the documents staged so far; it is
//! gone when the build ends, however it ends (or at the start of the next
//! build, if the process was killed). Nothing is written through a symlink
//! inside the output folder.

mod lock;
mod paths;
mod transaction;

pub use crate::output::{FileEntry, Manifest, Output, sha256_hex};
pub use transaction::{Transaction, Written};

use crate::diag::Diagnostic;
use std::path::Path;

/// Name of the manifest in the output folder.
pub const MANIFEST: &str = "manifest.json";

/// Name of the work folder inside the output folder.
pub const WORK_DIR: &str = ".cse-pack";

/// Write `outputs` and the manifest as one [`Transaction`]. Entries of an
/// earlier manifest whose files were not rebuilt and still exist are kept.
pub fn write_pack(
    out: &Path,
    outputs: &[Output],
    content_version: &str,
) -> Result<Manifest, Diagnostic> {
    let tx = Transaction::begin(out, content_version)?;
    for output in outputs {
        tx.add(output)?;
    }
    Ok(tx.commit()?.manifest)
}

/// The manifest already in `out`, if there is a readable one.
pub fn read_manifest(out: &Path) -> Option<Manifest> {
    let bytes = std::fs::read(out.join(MANIFEST)).ok()?;
    serde_json::from_slice(&bytes).ok()
}
