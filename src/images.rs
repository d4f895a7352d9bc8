//! Logos and photos: found only inside the organisation's folder, their size
//! checked from the header before anything is decoded, decoded once however
//! many rows share them, and kept no larger than print needs.
//!
//! A face gives the bytes ([`ImageFiles`]); everything else happens here.

use crate::diag::{Diagnostic, shown};
use image::{DynamicImage, ImageDecoder, ImageReader, RgbaImage};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path};
use std::sync::{Arc, Mutex, Weak};

/// Image files larger than this are refused unread.
pub const MAX_IMAGE_BYTES: u64 = 20 * 1024 * 1024;
/// Images whose header claims more pixels than this are refused undecoded
/// (a 48-megapixel phone photo is 8000 × 6000).
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;
/// Memory one decoded image may take (50 megapixels at 8 bits per channel
/// with transparency); with the rest of a build (about 20 MB), the file's
/// bytes and the kept copy, under 300 MB.
pub const MAX_DECODE_BYTES: u64 = 200 * 1024 * 1024;
/// The longest side kept after decoding: 2400 pixels is 300 dpi at 20 cm,
/// larger than any product prints a logo or photo.
pub const MAX_STORED_SIDE: u32 = 2400;

/// A decoded image, RGBA, at most `MAX_STORED_SIDE` pixels a side.
#[derive(Clone, PartialEq, Eq)]
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

impl std::fmt::Debug for Pixels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Not the millions of bytes.
        write!(f, "Pixels({} × {})", self.width, self.height)
    }
}

/// Where images are looked for, as messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    /// The folder `org.toml` is in.
    OrgFile,
    /// The folder a batch's CSV is in.
    Csv,
}

impl Folder {
    /// The folder as messages name it.
    pub fn name(self) -> &'static str {
        match self {
            Folder::OrgFile => "the organisation file's folder",
            Folder::Csv => "the CSV's folder",
        }
    }
}

/// Why a face could not give an image's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// No such file in the folder.
    Missing,
    /// The path could not be followed (the error as the system gave it).
    Unresolved(String),
    /// A link that leads out of the folder.
    Outside,
    /// Not a regular file (a folder, a device).
    NotAFile,
    /// The file's size in bytes, over `MAX_IMAGE_BYTES`.
    TooLarge(u64),
    /// The file was found but could not be read.
    Failed(String),
}

/// Where an organisation's images come from: the files beside its
/// `org.toml` or CSV. The CLI face reads a folder on disk; a web page or a
/// test gives the files in memory ([`ImageMap`]). Paths reach `read` already
/// checked to be relative and without `..`.
pub trait ImageFiles {
    /// Which folder this is, for messages.
    fn folder(&self) -> Folder;
    /// The bytes of the file `rel` names.
    fn read(&self, rel: &str) -> Result<Arc<[u8]>, Unreadable>;
}

/// Image files held in memory, by their relative path.
#[derive(Debug, Clone)]
pub struct ImageMap {
    pub folder: Folder,
    pub files: HashMap<String, Arc<[u8]>>,
}

impl ImageFiles for ImageMap {
    fn folder(&self) -> Folder {
        self.folder
    }

    fn read(&self, rel: &str) -> Result<Arc<[u8]>, Unreadable> {
        let bytes = self.files.get(rel).ok_or(Unreadable::Missing)?;
        if bytes.len() as u64 > MAX_IMAGE_BYTES {
            return Err(Unreadable::TooLarge(bytes.len() as u64));
        }
        Ok(bytes.clone())
    }
}

/// Images decoded and still in use, by the SHA-256 of their bytes: a batch
/// whose rows share a logo decodes it once and holds one copy, not one a
/// row. Owned by whoever loads the organisations.
///
/// A batch names its shared files ([`ImageCache::keep`]): their bytes and
/// pixels are kept for the whole run, so each is read and decoded once
/// however many rows name it. Any other image lives only as long as the
/// organisation holding it, so a batch of rows with a logo each does not
/// keep every logo in memory.
#[derive(Debug, Default)]
pub struct ImageCache {
    decoded: HashMap<[u8; 32], Weak<Pixels>>,
    /// Paths (as written) that many rows name.
    shared: HashSet<String>,
    /// The bytes of shared files, by path.
    shared_files: HashMap<String, Arc<[u8]>>,
    /// The pixels of shared files, by hash.
    kept: HashMap<[u8; 32], Arc<Pixels>>,
}

impl ImageCache {
    /// Keep the file `rel` names, and its pixels, once read: many rows name it.
    pub fn keep(&mut self, rel: &str) {
        self.shared.insert(rel.to_string());
    }
}

/// Load the image `rel` names (`key` is its field, `logo` or `dsl.photo`,
/// for messages) from `files`, the organisation file's (or CSV's) folder.
pub fn load_image(
    files: &dyn ImageFiles,
    rel: &str,
    key: &str,
    cache: &mut ImageCache,
) -> Result<Arc<Pixels>, Diagnostic> {
    let what = format!("`{key}`");
    let what = what.as_str();
    let folder = files.folder().name();
    check_relative(rel, key, folder)?;
    let shared = cache.shared.contains(rel);
    let bytes = match cache.shared_files.get(rel) {
        Some(bytes) => bytes.clone(),
        None => files
            .read(rel)
            .map_err(|why| unreadable(why, rel, key, folder))?,
    };
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(unreadable(
            Unreadable::TooLarge(bytes.len() as u64),
            rel,
            key,
            folder,
        ));
    }
    if shared {
        cache.shared_files.insert(rel.to_string(), bytes.clone());
    }
    let hash: [u8; 32] = Sha256::digest(&bytes).into();
    cache.decoded.retain(|_, p| p.strong_count() > 0);
    let pixels = match cache.decoded.get(&hash).and_then(Weak::upgrade) {
        Some(pixels) => pixels,
        None => {
            let pixels = decode_logo(&bytes).map(Arc::new).map_err(|m| {
                Diagnostic::error(format!("{what} {}: {m}", shown(rel)))
                    .with_hint("save it as a PNG or JPEG of at most 2000 or so pixels across")
            })?;
            cache.decoded.insert(hash, Arc::downgrade(&pixels));
            pixels
        }
    };
    if shared {
        cache.kept.insert(hash, pixels.clone());
    }
    Ok(pixels)
}

/// The hint for an image path that cannot be used.
fn put_it_inside(key: &str, folder: &str) -> String {
    let leaf = key.rsplit('.').next().unwrap_or(key);
    format!(
        "put the image in {folder} (or a folder inside it) and give its name, e.g. `{leaf} = \"{leaf}.png\"`"
    )
}

/// Refuse absolute paths and `..`: an image must be inside its folder.
fn check_relative(rel: &str, key: &str, folder: &str) -> Result<(), Diagnostic> {
    let rel_path = Path::new(rel);
    let drive = rel.as_bytes().get(1) == Some(&b':');
    if rel_path.has_root() || rel_path.is_absolute() || drive || rel.starts_with('~') {
        return Err(Diagnostic::error(format!(
            "`{key}` {} is an absolute path; it must be a file in {folder}",
            shown(rel)
        ))
        .with_hint(put_it_inside(key, folder)));
    }
    if rel_path.components().any(|c| c == Component::ParentDir) {
        return Err(Diagnostic::error(format!(
            "`{key}` {} goes outside {folder} (`..`)",
            shown(rel)
        ))
        .with_hint(put_it_inside(key, folder)));
    }
    Ok(())
}

/// The message for an image a face could not give.
fn unreadable(why: Unreadable, rel: &str, key: &str, folder: &str) -> Diagnostic {
    let what = format!("`{key}`");
    let spelling = || {
        if rel.contains('\\') {
            "write `/` between folder names, e.g. `images/logo.png`".to_string()
        } else {
            format!("the path is relative to {folder}; check the spelling, and capitals")
        }
    };
    match why {
        Unreadable::Missing => Diagnostic::error(format!(
            "{what}: there is no file {} in {folder}",
            shown(rel)
        ))
        .with_hint(spelling()),
        Unreadable::Unresolved(e) => {
            Diagnostic::error(format!("cannot read {what} {}: {e}", shown(rel)))
                .with_hint(spelling())
        }
        Unreadable::Outside => Diagnostic::error(format!(
            "{what} {} is a link to a file outside {folder}",
            shown(rel)
        ))
        .with_hint(put_it_inside(key, folder)),
        Unreadable::NotAFile => Diagnostic::error(format!("{what} {} is not a file", shown(rel))),
        Unreadable::TooLarge(len) => Diagnostic::error(format!(
            "{what} {} is {} MB; the limit is {} MB",
            shown(rel),
            len / (1024 * 1024),
            MAX_IMAGE_BYTES / (1024 * 1024)
        ))
        .with_hint("save a smaller PNG or JPEG; 2000 pixels across is plenty"),
        Unreadable::Failed(e) => {
            Diagnostic::error(format!("cannot read {what} {}: {e}", shown(rel)))
        }
    }
}

/// Decode PNG or JPEG bytes to RGBA, refusing from the header alone an image
/// too large to decode, and shrinking a large one to `MAX_STORED_SIDE`.
pub fn decode_logo(bytes: &[u8]) -> Result<Pixels, String> {
    let format = image::guess_format(bytes).map_err(|_| "not a PNG or JPEG image".to_string())?;
    if !matches!(format, image::ImageFormat::Png | image::ImageFormat::Jpeg) {
        return Err(format!("{format:?} images are not supported"));
    }
    let mut reader = ImageReader::with_format(std::io::Cursor::new(bytes), format);
    // The header is read without limits, so that our message, with the
    // numbers, says why an image is too large; decoding has them.
    reader.no_limits();
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| format!("cannot read it: {e}"))?;
    let (w, h) = decoder.dimensions();
    let pixels = u64::from(w) * u64::from(h);
    if pixels > MAX_IMAGE_PIXELS {
        return Err(format!(
            "it says it is {w} × {h} pixels ({} million); the limit is {} million",
            pixels.div_ceil(1_000_000),
            MAX_IMAGE_PIXELS / 1_000_000
        ));
    }
    let extra = (pixels as f64 * progressive_extra(bytes)) as u64;
    let needed = decoder.total_bytes().saturating_add(extra);
    if needed > MAX_DECODE_BYTES {
        return Err(format!(
            "at {w} × {h} pixels it would take {} MB of memory to decode; the limit is {} MB",
            needed.div_ceil(1024 * 1024),
            MAX_DECODE_BYTES / (1024 * 1024)
        ));
    }
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    decoder
        .set_limits(limits)
        .map_err(|e| format!("cannot decode it: {e}"))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let img = DynamicImage::from_decoder(decoder).map_err(|e| format!("cannot decode it: {e}"))?;
    let mut small = DynamicImage::ImageRgba8(shrink(img));
    small.apply_orientation(orientation);
    let rgba = small.into_rgba8();
    Ok(Pixels {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
    })
}

/// Bytes per pixel a progressive JPEG's decoder holds besides the image:
/// two for each coefficient of every pass, one coefficient per pixel for
/// each full-size component (fewer for subsampled colour). A 24-megapixel
/// progressive CMYK file peaks near 11 bytes a pixel in all. Zero for PNGs
/// and baseline JPEGs.
fn progressive_extra(bytes: &[u8]) -> f64 {
    let Some(frame) = jpeg_frame(bytes) else {
        return 0.0;
    };
    let (marker, sof) = frame;
    if !matches!(marker, 0xC2 | 0xC6 | 0xCA | 0xCE) {
        return 0.0;
    }
    // Each component: id, sampling (horizontal << 4 | vertical), table.
    let count = usize::from(sof.get(5).copied().unwrap_or(4));
    let sampling: Vec<f64> = (0..count)
        .map(|i| sof.get(6 + 3 * i + 1).map_or(1, |s| (s >> 4) * (s & 15)))
        .map(f64::from)
        .collect();
    let largest = sampling.iter().copied().fold(1.0, f64::max);
    2.0 * sampling.iter().map(|s| s / largest).sum::<f64>().max(1.0)
}

/// A JPEG's start-of-frame marker and the segment after its length.
fn jpeg_frame(bytes: &[u8]) -> Option<(u8, &[u8])> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    while let (Some(&0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) {
        let len = bytes.get(at + 2..at + 4)?;
        let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return Some((marker, bytes.get(at + 4..at + 2 + len)?));
        }
        if len < 2 {
            return None;
        }
        at += 2 + len;
    }
    None
}

/// `img` as RGBA, no more than `MAX_STORED_SIDE` a side, without a
/// full-size copy.
fn shrink(img: DynamicImage) -> RgbaImage {
    let (w, h) = (img.width(), img.height());
    let long = w.max(h);
    if long <= MAX_STORED_SIDE {
        return img.into_rgba8();
    }
    let scale = f64::from(MAX_STORED_SIDE) / f64::from(long);
    let tw = ((f64::from(w) * scale).round() as u32).max(1);
    let th = ((f64::from(h) * scale).round() as u32).max(1);
    match &img {
        DynamicImage::ImageRgba8(b) => image::imageops::thumbnail(b, tw, th),
        DynamicImage::ImageRgb8(b) => {
            DynamicImage::ImageRgb8(image::imageops::thumbnail(b, tw, th)).into_rgba8()
        }
        DynamicImage::ImageLuma8(b) => {
            DynamicImage::ImageLuma8(image::imageops::thumbnail(b, tw, th)).into_rgba8()
        }
        other => image::imageops::thumbnail(other, tw, th),
    }
}

/// The copies [`Pixels::fit_within`] has made, owned by the build that
/// makes the documents (one per load, shared by the documents made in
/// parallel): the same image at the same size is shrunk once while it is in
/// use, so every row of a batch shares its logo's copy.
#[derive(Debug, Default)]
pub struct Fitted {
    /// By the source's address and the size, with the source's weak pointer
    /// (which keeps the address from being reused, and is checked against it).
    copies: Mutex<HashMap<FitKey, FitCopy>>,
}

/// A source image's address, and the width and height it is fitted within.
type FitKey = (usize, u32, u32);
/// The source (to check the address against) and its shrunk copy.
type FitCopy = (Weak<Pixels>, Arc<Pixels>);

impl Pixels {
    /// A copy no larger than `max_w` × `max_h` pixels (aspect kept); itself
    /// if already small. With `fitted`, a copy made before is reused.
    pub fn fit_within(
        self: &Arc<Self>,
        max_w: u32,
        max_h: u32,
        fitted: Option<&Fitted>,
    ) -> Arc<Pixels> {
        if self.width <= max_w && self.height <= max_h {
            return self.clone();
        }
        let Some(fitted) = fitted else {
            return self.shrunk_to(max_w, max_h);
        };
        let lock = || {
            fitted
                .copies
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        let key = (Arc::as_ptr(self) as usize, max_w, max_h);
        {
            let mut copies = lock();
            // A copy is kept while its source is in use.
            copies.retain(|_, (source, _)| source.strong_count() > 0);
            if let Some((source, small)) = copies.get(&key)
                && source.upgrade().is_some_and(|s| Arc::ptr_eq(&s, self))
            {
                return small.clone();
            }
        }
        let small = self.shrunk_to(max_w, max_h);
        lock().insert(key, (Arc::downgrade(self), small.clone()));
        small
    }

    fn shrunk_to(&self, max_w: u32, max_h: u32) -> Arc<Pixels> {
        let img = image::ImageBuffer::<image::Rgba<u8>, &[u8]>::from_raw(
            self.width,
            self.height,
            &self.rgba[..],
        )
        .expect("buffer matches its size");
        let scale = (max_w as f32 / self.width as f32).min(max_h as f32 / self.height as f32);
        let w = ((self.width as f32 * scale).round() as u32).max(1);
        let h = ((self.height as f32 * scale).round() as u32).max(1);
        let small = image::imageops::thumbnail(&img, w, h);
        Arc::new(Pixels {
            width: small.width(),
            height: small.height(),
            rgba: small.into_raw(),
        })
    }
}

#[cfg(test)]
mod tests;
