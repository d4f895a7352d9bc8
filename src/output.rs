//! What the pipeline hands a face: each finished document's bytes with its
//! manifest entry, and the manifest that lists them (`dist/manifest.json`).

use crate::model::{LangSel, Nation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What a document is and where it goes: all that its manifest entry says
/// of it but its size and hash.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocInfo {
    /// Path inside the output folder, `/`-separated (`en/poster-a4.pdf`).
    pub path: String,
    pub product: String,
    pub lang: LangSel,
    pub nation: Nation,
    pub org: Option<String>,
    pub pages: usize,
    /// The page size, to a tenth of a millimetre.
    pub width_mm: f32,
    pub height_mm: f32,
    /// Written only for files that are not PDFs (`"html"`, `"png"`, `"zip"`).
    #[serde(default, skip_serializing_if = "Media::is_pdf")]
    pub media: Media,
}

/// One finished document, not yet written.
#[derive(Debug, Clone)]
pub struct Output {
    pub info: DocInfo,
    pub bytes: Vec<u8>,
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
    /// A picture (the CLI's `preview`): a PDF's first page, whose entry
    /// keeps the PDF's product, language and size, with `pages` 1; or the
    /// contact sheet of the whole build (product `contact-sheet`, language
    /// `mul`, sizes 0).
    Png,
    /// The print shop's ZIP of one organisation's press PDFs (the CLI's
    /// `--bleed --zip`): product `print-shop`, language `mul`, `pages` the
    /// number of PDFs in it, sizes 0.
    Zip,
}

impl Media {
    pub fn is_pdf(&self) -> bool {
        *self == Media::Pdf
    }
}

/// A manifest entry (`dist/manifest.json`): the document's [`DocInfo`]
/// with its size and SHA-256.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileEntry {
    #[serde(flatten)]
    pub info: DocInfo,
    pub bytes: usize,
    pub sha256: String,
}

/// The manifest: every file in the output folder.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub files: Vec<FileEntry>,
    pub content_version: String,
}

/// A page dimension in millimetres to a tenth, as the manifest gives it.
pub fn tenth_mm(mm: f32) -> f32 {
    (mm * 10.0).round() / 10.0
}

impl FileEntry {
    /// The manifest's entry for `o`.
    pub fn of(o: &Output) -> Self {
        FileEntry {
            info: o.info.clone(),
            bytes: o.bytes.len(),
            sha256: sha256_hex(&o.bytes),
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
