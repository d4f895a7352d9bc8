//! What the pipeline hands a face: each finished document's bytes with its
//! manifest entry, and the manifest that lists them (`dist/manifest.json`).

use crate::model::{LangSel, Nation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// One finished document, not yet written.
#[derive(Debug, Clone)]
pub struct Output {
    /// Path inside the output folder, `/`-separated (`en/poster-a4.pdf`).
    pub path: String,
    pub product: String,
    pub lang: LangSel,
    pub nation: Nation,
    pub org: Option<String>,
    pub pages: usize,
    pub width_mm: f32,
    pub height_mm: f32,
    pub bytes: Vec<u8>,
    pub media: Media,
}

/// What kind of file a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Media {
    #[default]
    Pdf,
    /// A leaflet's HTML twin: one web page, with no paper size (its entry's
    /// `pages` is 1 and its sizes 0).
    Html,
}

impl Media {
    pub fn is_pdf(&self) -> bool {
        *self == Media::Pdf
    }
}

/// A manifest entry (`dist/manifest.json`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileEntry {
    pub path: String,
    pub product: String,
    pub lang: LangSel,
    pub nation: Nation,
    pub org: Option<String>,
    pub pages: usize,
    pub width_mm: f32,
    pub height_mm: f32,
    pub bytes: usize,
    pub sha256: String,
    /// Written only for files that are not PDFs (`"html"`).
    #[serde(default, skip_serializing_if = "Media::is_pdf")]
    pub media: Media,
}

/// The manifest: every file in the output folder.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub files: Vec<FileEntry>,
    pub content_version: String,
}

impl FileEntry {
    /// The manifest's entry for `o` (sizes to a tenth of a millimetre).
    pub fn of(o: &Output) -> Self {
        FileEntry {
            path: o.path.clone(),
            product: o.product.clone(),
            lang: o.lang.clone(),
            nation: o.nation,
            org: o.org.clone(),
            pages: o.pages,
            width_mm: (o.width_mm * 10.0).round() / 10.0,
            height_mm: (o.height_mm * 10.0).round() / 10.0,
            bytes: o.bytes.len(),
            sha256: sha256_hex(&o.bytes),
            media: o.media,
        }
    }
}

/// The SHA-256 of `bytes`, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_lowercase_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
