//! Where input files come from: the copy embedded in the binary, or a folder
//! on disk of the same shape (`--content DIR`, `--templates DIR`).

use crate::diag::Diagnostic;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Input files larger than this are refused: no content or template file is near it.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// Read a user's input file (org.toml, a CSV), refusing one larger than
/// `MAX_INPUT_BYTES` without reading more than that.
pub fn read_input(path: &std::path::Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let shown = path.display();
    let file = std::fs::File::open(path)
        .map_err(|e| Diagnostic::error(format!("cannot read `{shown}`: {e}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::error(format!("cannot read `{shown}`: {e}")))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Diagnostic::error(format!(
            "`{shown}` is larger than the {} MB limit for input files",
            MAX_INPUT_BYTES / (1024 * 1024)
        ))
        .with_hint("is this the right file? An organisation file or CSV is a few kilobytes"));
    }
    Ok(bytes)
}

/// A set of files keyed by their path relative to the tree's root, with the
/// name the user knows the root by (for messages).
#[derive(Debug, Clone)]
pub struct Tree {
    /// How paths are shown to the user: `content` or the folder they gave.
    pub display_root: String,
    files: BTreeMap<String, Vec<u8>>,
}

impl Tree {
    /// The embedded copy of `content`, `templates` or `fonts`.
    pub fn embedded(dir: &str) -> Self {
        let prefix = format!("{dir}/");
        let files = embedded::FILES
            .iter()
            .filter_map(|(path, bytes)| {
                path.strip_prefix(&prefix)
                    .map(|rel| (rel.to_string(), bytes.to_vec()))
            })
            .collect();
        Self {
            display_root: dir.to_string(),
            files,
        }
    }

    /// Every embedded file in `fonts/`, without copying the bytes.
    pub fn embedded_fonts() -> impl Iterator<Item = (&'static str, &'static [u8])> {
        embedded::FILES
            .iter()
            .filter_map(|(path, bytes)| path.strip_prefix("fonts/").map(|rel| (rel, *bytes)))
    }

    /// Read a folder from disk (regular files only; symlinks are not followed).
    pub fn from_dir(dir: &Path) -> Result<Self, Diagnostic> {
        let display_root = dir.display().to_string();
        let meta = std::fs::metadata(dir).map_err(|e| {
            Diagnostic::error(format!("cannot read folder `{display_root}`: {e}"))
                .with_hint("give a folder with the same shape as the built-in `content/`")
        })?;
        if !meta.is_dir() {
            return Err(Diagnostic::error(format!(
                "`{display_root}` is not a folder"
            )));
        }
        let mut files = BTreeMap::new();
        let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
        while let Some(folder) = stack.pop() {
            let entries = std::fs::read_dir(&folder).map_err(|e| {
                Diagnostic::error(format!("cannot read folder `{}`: {e}", folder.display()))
            })?;
            for entry in entries.flatten() {
                let path = entry.path();
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                if kind.is_dir() {
                    stack.push(path);
                } else if kind.is_file() {
                    let rel = path
                        .strip_prefix(dir)
                        .expect("walked from dir")
                        .to_string_lossy()
                        .replace('\\', "/");
                    let len = entry.metadata().map(|m| m.len()).unwrap_or(0);
                    if len > MAX_INPUT_BYTES {
                        return Err(Diagnostic::error(format!(
                            "`{}` is {len} bytes, larger than the {MAX_INPUT_BYTES}-byte limit for input files",
                            path.display()
                        )));
                    }
                    let bytes = std::fs::read(&path).map_err(|e| {
                        Diagnostic::error(format!("cannot read `{}`: {e}", path.display()))
                    })?;
                    files.insert(rel, bytes);
                }
            }
        }
        Ok(Self {
            display_root,
            files,
        })
    }

    /// Build a tree from memory (tests, fuzzing).
    pub fn from_files(
        display_root: &str,
        files: impl IntoIterator<Item = (String, Vec<u8>)>,
    ) -> Self {
        Self {
            display_root: display_root.to_string(),
            files: files.into_iter().collect(),
        }
    }

    /// The bytes of a file, if present.
    pub fn get(&self, rel: &str) -> Option<&[u8]> {
        self.files.get(rel).map(Vec::as_slice)
    }

    /// Replace or add a file (tests, fixtures).
    pub fn insert(&mut self, rel: &str, bytes: impl Into<Vec<u8>>) {
        self.files.insert(rel.to_string(), bytes.into());
    }

    /// Paths of every file, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The name a user would recognise for a file in this tree.
    pub fn display_path(&self, rel: &str) -> String {
        format!("{}/{rel}", self.display_root.trim_end_matches('/'))
    }

    /// A file as UTF-8 text, or a diagnostic naming it.
    pub fn text(&self, rel: &str) -> Result<&str, Diagnostic> {
        let bytes = self.get(rel).ok_or_else(|| {
            Diagnostic::error(format!("missing file `{}`", self.display_path(rel)))
        })?;
        std::str::from_utf8(bytes).map_err(|e| {
            // Up to the first bad byte the lossy text is the file's own.
            let text = String::from_utf8_lossy(bytes);
            let at = e.valid_up_to();
            Diagnostic::error("the file is not valid UTF-8 text")
                .in_file(self.display_path(rel))
                .at_span(&text, at..at + e.error_len().unwrap_or(1))
                .with_hint("save the file as UTF-8")
        })
    }
}
