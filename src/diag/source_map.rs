//! Where a loader found each value: the parser's spans, kept for the checks
//! made after loading.

use super::Diagnostic;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

/// Which part of a `key = value` entry a recorded span covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Key,
    Value,
}

/// Where a loader found each value, by file and key: the parser's spans,
/// recorded at load time, with the text they point into. A check made later
/// (cross-references, review dates, a font a language names) places its
/// diagnostic with `place`, at the exact value, without searching the text
/// and without reading a file.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// How the tree's root is shown: `content`, or the folder the user gave.
    root: String,
    /// Each file's text.
    texts: BTreeMap<String, Arc<str>>,
    spans: BTreeMap<(String, String, Part), Range<usize>>,
}

impl SourceMap {
    /// An empty map for a tree whose root the user knows as `root`.
    pub fn new(root: &str) -> Self {
        Self {
            root: root.trim_end_matches('/').to_string(),
            ..Self::default()
        }
    }

    /// The name a user would recognise for file `rel` (as `Tree::display_path`).
    pub fn display_path(&self, rel: &str) -> String {
        format!("{}/{rel}", self.root)
    }

    /// Whether file `rel` was in the tree (and was text).
    pub fn has_file(&self, rel: &str) -> bool {
        self.texts.contains_key(rel)
    }

    /// Keep the text of file `rel`, for snippets.
    pub fn add_file(&mut self, rel: &str, text: &str) {
        self.texts.insert(rel.to_string(), text.into());
    }

    /// Record that `part` of `key` is at `bytes` of file `rel`.
    pub fn record(&mut self, rel: &str, key: &str, part: Part, bytes: Range<usize>) {
        self.spans
            .insert((rel.to_string(), key.to_string(), part), bytes);
    }

    /// The recorded span of `part` of `key` in `rel`.
    pub fn span(&self, rel: &str, key: &str, part: Part) -> Option<Range<usize>> {
        self.spans
            .get(&(rel.to_string(), key.to_string(), part))
            .cloned()
    }

    /// `d` in file `rel`, at `part` of `key` if it was recorded (else the
    /// file alone).
    pub fn place(&self, rel: &str, key: &str, part: Part, d: Diagnostic) -> Diagnostic {
        let d = d.in_file(self.display_path(rel));
        match (self.span(rel, key, part), self.texts.get(rel)) {
            (Some(bytes), Some(text)) => d.at_span(text, bytes),
            _ => d,
        }
    }
}
