//! Shape once: a build's shaped paragraphs, kept and reused.
//!
//! The pack sets the same paragraphs again and again — in every product,
//! every nation and, in a batch, for every organisation — and shaping does
//! not depend on the size (glyph advances are in ems), so a paragraph shaped
//! once serves every size, product and document of its language. The cache
//! belongs to a build (or to the web page's session, which keeps its loaded
//! content): the face that creates it passes it in, and it is dropped with
//! it. It is `Sync`, so documents made in parallel share it.
//!
//! A hit returns what shaping would have returned, so output is the same
//! with the cache, without it, and in any order of documents.

use super::shape::{MissingGlyph, ShapedText, StyledText, TextLang, shape_text};
use crate::fonts::FontBook;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

/// Shaped paragraphs by (text and its styles, language, direction, font
/// stacks), for one [`FontBook`]. Bounded: when what it holds passes half
/// its capacity, it starts a new generation and drops the one before, so
/// paragraphs in use stay (a hit in the old generation moves to the new)
/// and at most about `capacity` bytes are held.
pub struct ShapeCache {
    capacity: usize,
    inner: Mutex<Generations>,
}

#[derive(Default)]
struct Generations {
    current: Map,
    previous: Map,
    /// Estimated bytes held by `current`.
    bytes: usize,
    hits: u64,
    misses: u64,
}

/// By the hash of the key; a bucket holds every key with that hash.
type Map = HashMap<u64, Vec<Entry>>;

struct Entry {
    book: usize,
    lang: TextLang,
    text: StyledText,
    shaped: Arc<ShapedText>,
    bytes: usize,
}

impl Entry {
    fn is(&self, book: usize, lang: &TextLang, text: &StyledText) -> bool {
        self.book == book && same_lang(&self.lang, lang) && self.text == *text
    }
}

/// How often the cache was asked, and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShapeCacheStats {
    /// Paragraphs found shaped.
    pub hits: u64,
    /// Paragraphs shaped (and kept, if the cache keeps anything).
    pub misses: u64,
    /// Paragraphs held now.
    pub entries: usize,
    /// Their estimated size in bytes.
    pub bytes: usize,
}

impl Default for ShapeCache {
    fn default() -> Self {
        Self::with_capacity(Self::DEFAULT_CAPACITY)
    }
}

impl std::fmt::Debug for ShapeCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShapeCache")
            .field("capacity", &self.capacity)
            .field("stats", &self.stats())
            .finish()
    }
}

impl ShapeCache {
    /// 32 MiB: the whole default pack's paragraphs in every language take
    /// about 9 MB; a batch's organisations add their own few lines each.
    pub const DEFAULT_CAPACITY: usize = 32 << 20;

    /// A cache holding about `bytes` of shaped text at most; `0` keeps
    /// nothing (every paragraph is shaped where it is used).
    pub fn with_capacity(bytes: usize) -> Self {
        Self {
            capacity: bytes,
            inner: Mutex::new(Generations::default()),
        }
    }

    /// `text` in `lang` shaped with `book`'s fonts: kept from before, or
    /// shaped now and kept. A missing glyph is not kept (it stops the build).
    pub fn shape(
        &self,
        book: &FontBook,
        lang: &TextLang,
        text: &StyledText,
    ) -> Result<Arc<ShapedText>, MissingGlyph> {
        if self.capacity == 0 {
            self.lock().misses += 1;
            return shape_text(book, lang, text).map(Arc::new);
        }
        let book_id = std::ptr::from_ref(book) as usize;
        let hash = key_hash(book_id, lang, text);
        if let Some(found) = self.lock().find(hash, book_id, lang, text) {
            return Ok(found);
        }
        // Shaped outside the lock: another thread may shape the same text
        // meanwhile, to the same result; the first to finish keeps it.
        let shaped = Arc::new(shape_text(book, lang, text)?);
        let bytes = estimate(text, &shaped);
        let mut inner = self.lock();
        inner.misses += 1;
        if let Some(found) = inner.peek(hash, book_id, lang, text) {
            return Ok(found);
        }
        if inner.bytes + bytes > self.capacity / 2 {
            inner.previous = std::mem::take(&mut inner.current);
            inner.bytes = 0;
        }
        inner.bytes += bytes;
        inner.current.entry(hash).or_default().push(Entry {
            book: book_id,
            lang: lang.clone(),
            text: text.clone(),
            shaped: shaped.clone(),
            bytes,
        });
        Ok(shaped)
    }

    /// How often it was asked and what it holds.
    pub fn stats(&self) -> ShapeCacheStats {
        let inner = self.lock();
        let held = inner.current.values().chain(inner.previous.values());
        let (entries, bytes) = held
            .flatten()
            .fold((0, 0), |(n, b), e| (n + 1, b + e.bytes));
        ShapeCacheStats {
            hits: inner.hits,
            misses: inner.misses,
            entries,
            bytes,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Generations> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Generations {
    /// A kept paragraph, counted as a hit; one from the previous generation
    /// moves to the current.
    fn find(
        &mut self,
        hash: u64,
        book: usize,
        lang: &TextLang,
        text: &StyledText,
    ) -> Option<Arc<ShapedText>> {
        if let Some(found) = self.peek(hash, book, lang, text) {
            self.hits += 1;
            return Some(found);
        }
        let bucket = self.previous.get_mut(&hash)?;
        let at = bucket.iter().position(|e| e.is(book, lang, text))?;
        let entry = bucket.swap_remove(at);
        self.hits += 1;
        let found = entry.shaped.clone();
        self.bytes += entry.bytes;
        self.current.entry(hash).or_default().push(entry);
        Some(found)
    }

    fn peek(
        &self,
        hash: u64,
        book: usize,
        lang: &TextLang,
        text: &StyledText,
    ) -> Option<Arc<ShapedText>> {
        let bucket = self.current.get(&hash)?;
        let entry = bucket.iter().find(|e| e.is(book, lang, text))?;
        Some(entry.shaped.clone())
    }
}

/// Everything about the language that shaping reads.
fn same_lang(a: &TextLang, b: &TextLang) -> bool {
    a.tag == b.tag
        && a.rtl == b.rtl
        && a.families == b.families
        && a.fallback == b.fallback
        && a.line_height.to_bits() == b.line_height.to_bits()
        && a.text_layer == b.text_layer
}

fn key_hash(book: usize, lang: &TextLang, text: &StyledText) -> u64 {
    // A fixed hasher: the hash picks a bucket only, never the output.
    let mut h = std::hash::DefaultHasher::new();
    book.hash(&mut h);
    lang.tag.hash(&mut h);
    lang.rtl.hash(&mut h);
    lang.families.hash(&mut h);
    lang.fallback.hash(&mut h);
    lang.line_height.to_bits().hash(&mut h);
    lang.text_layer.hash(&mut h);
    text.hash(&mut h);
    h.finish()
}

/// About how many bytes a kept paragraph takes (its key and its glyphs).
fn estimate(text: &StyledText, shaped: &ShapedText) -> usize {
    use std::mem::size_of;
    let glyphs: usize = shaped
        .runs
        .iter()
        .map(|r| {
            size_of::<super::shape::ShapedRun>()
                + r.glyphs.len() * size_of::<super::shape::ShapedGlyph>()
                + r.layer.as_ref().map_or(0, |l| {
                    l.len() * size_of::<(crate::fonts::FontId, super::shape::ShapedGlyph)>()
                })
        })
        .sum();
    let ranges = shaped.unbreakable.len() + shaped.isolates.len() + shaped.address_breaks.len();
    size_of::<Entry>()
        + size_of::<ShapedText>()
        + 2 * text.text.len()
        // The break opportunities and widths found when it is first set
        // (`ShapedText::breaks`): a width per byte, an opportunity per word.
        + 6 * text.text.len()
        + (text.styles.len() + text.langs.len() + ranges) * 32
        + glyphs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontStyle;

    fn english() -> TextLang {
        TextLang {
            tag: "en-GB".into(),
            rtl: false,
            families: vec!["NotoSans".into()],
            fallback: Vec::new(),
            line_height: 1.0,
            text_layer: None,
        }
    }

    fn glyph_ids(t: &ShapedText) -> Vec<u16> {
        t.runs
            .iter()
            .flat_map(|r| &r.glyphs)
            .map(|g| g.id)
            .collect()
    }

    #[test]
    fn a_paragraph_is_shaped_once_and_the_same_as_without_the_cache() {
        let book = FontBook::embedded();
        let cache = ShapeCache::default();
        let text = StyledText::plain("Call 0808 800 5000", FontStyle::REGULAR);
        let first = cache.shape(&book, &english(), &text).unwrap();
        let second = cache.shape(&book, &english(), &text).unwrap();
        assert!(Arc::ptr_eq(&first, &second));
        let stats = cache.stats();
        assert_eq!((stats.hits, stats.misses, stats.entries), (1, 1, 1));
        let direct = shape_text(&book, &english(), &text).unwrap();
        assert_eq!(glyph_ids(&first), glyph_ids(&direct));
    }

    #[test]
    fn style_and_language_are_part_of_the_key() {
        let book = FontBook::embedded();
        let cache = ShapeCache::default();
        let regular = StyledText::plain("children", FontStyle::REGULAR);
        let bold = StyledText::plain("children", FontStyle::BOLD);
        let a = cache.shape(&book, &english(), &regular).unwrap();
        let b = cache.shape(&book, &english(), &bold).unwrap();
        assert_ne!(a.runs[0].font, b.runs[0].font);
        let welsh = TextLang {
            tag: "cy".into(),
            ..english()
        };
        let c = cache.shape(&book, &welsh, &regular).unwrap();
        assert_eq!(c.lang, "cy");
        assert_eq!(cache.stats().misses, 3);
    }

    #[test]
    fn a_full_cache_drops_its_oldest_generation() {
        let book = FontBook::embedded();
        let cache = ShapeCache::with_capacity(8 << 10);
        for i in 0..200 {
            let text = StyledText::plain(&format!("School {i}"), FontStyle::REGULAR);
            cache.shape(&book, &english(), &text).unwrap();
        }
        let stats = cache.stats();
        assert!(stats.bytes <= 8 << 10, "{stats:?}");
        assert!(stats.entries < 200, "{stats:?}");
        // What is still in use stays: the last paragraph is a hit.
        let last = StyledText::plain("School 199", FontStyle::REGULAR);
        cache.shape(&book, &english(), &last).unwrap();
        assert_eq!(cache.stats().hits, 1);
    }

    #[test]
    fn a_cache_of_no_capacity_keeps_nothing() {
        let book = FontBook::embedded();
        let cache = ShapeCache::with_capacity(0);
        let text = StyledText::plain("abuse", FontStyle::REGULAR);
        cache.shape(&book, &english(), &text).unwrap();
        cache.shape(&book, &english(), &text).unwrap();
        let stats = cache.stats();
        assert_eq!((stats.hits, stats.misses, stats.entries), (0, 2, 0));
    }
}
