//! Input files as data: a tree of files in memory, from the copy embedded in
//! the binary or from a folder a face read (`--content DIR`, `--templates DIR`).

use crate::diag::Diagnostic;
use std::collections::BTreeMap;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Input files larger than this are refused: no content or template file is near it.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// A content or template text file longer than this is refused, before any
/// layout: the longest shipped file is about 4 KB, and the largest product
/// holds a few thousand characters, so a file this long cannot fit anything
/// and would only make a build slow to say so (layout time grows with text).
pub const MAX_TEXT_FILE_BYTES: usize = 64 * 1024;

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

    /// Build a tree from memory (a face's files, tests, fuzzing).
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
        let text = std::str::from_utf8(bytes).map_err(|e| {
            // Up to the first bad byte the lossy text is the file's own.
            let text = String::from_utf8_lossy(bytes);
            let at = e.valid_up_to();
            Diagnostic::error("the file is not valid UTF-8 text")
                .in_file(self.display_path(rel))
                .at_span(&text, at..at + e.error_len().unwrap_or(1))
                .with_hint("save the file as UTF-8")
        })?;
        if text.len() > MAX_TEXT_FILE_BYTES {
            let at = text.floor_char_boundary(MAX_TEXT_FILE_BYTES);
            return Err(Diagnostic::error(format!(
                "the file is {} KB; a content or template file may be at most {} KB",
                text.len().div_ceil(1024),
                MAX_TEXT_FILE_BYTES / 1024
            ))
            .in_file(self.display_path(rel))
            .at_span(text, at..at + 1)
            .with_hint(
                "no product holds more than a few thousand characters of one text; \
                 this is where the limit is reached — shorten the text or split it",
            ));
        }
        Ok(text)
    }
}
