//! Setting text: shaped paragraphs broken into lines and placed in a box.

use super::lines::{Align, TooWide, break_lines, place_line};
use super::shape::{MissingGlyph, ShapedText, StyledText, TextLang, shape_text};
use super::shape_cache::ShapeCache;
use crate::display::GlyphRun;
use crate::fonts::{FontBook, FontStyle};
use crate::units::Color;
use std::sync::Arc;

/// Shapes text in one language with the build's fonts.
pub struct Typesetter<'a> {
    pub book: &'a FontBook,
    pub lang: TextLang,
    /// The build's shaped paragraphs, to reuse (none: shape each one here).
    pub cache: Option<&'a ShapeCache>,
}

impl Typesetter<'_> {
    pub fn shape(&self, text: &StyledText) -> Result<Arc<ShapedText>, MissingGlyph> {
        match self.cache {
            Some(cache) => cache.shape(self.book, &self.lang, text),
            None => shape_text(self.book, &self.lang, text).map(Arc::new),
        }
    }

    pub fn shape_plain(
        &self,
        text: &str,
        style: FontStyle,
    ) -> Result<Arc<ShapedText>, MissingGlyph> {
        self.shape(&StyledText::plain(text, style))
    }

    pub fn rtl(&self) -> bool {
        self.lang.rtl
    }
}

/// How a paragraph is set, relative to its component's base size.
#[derive(Debug, Clone, Copy)]
pub struct ParaStyle {
    /// Size as a multiple of the base size.
    pub scale: f32,
    /// Line height as a multiple of the fonts' natural height (ascender − descender).
    pub leading: f32,
    pub align: Align,
    pub color: Color,
}

impl ParaStyle {
    pub fn new(scale: f32, color: Color) -> Self {
        Self {
            scale,
            leading: 1.0,
            align: Align::Start,
            color,
        }
    }

    pub fn leading(mut self, leading: f32) -> Self {
        self.leading = leading;
        self
    }

    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }
}

/// A paragraph set in a box: its glyph runs and the height it took.
#[derive(Debug, Clone)]
pub struct SetText {
    /// The paragraph's text in logical order.
    pub text: String,
    /// Its language.
    pub lang: String,
    /// The paragraph as written (for the HTML twin).
    pub para: crate::display::Para,
    pub runs: Vec<GlyphRun>,
    pub height: f32,
    pub lines: usize,
    /// The widest line's width.
    pub width: f32,
}

/// Set `shaped` at `size` into the measure `x..x+width`, first line's box top at `top`.
pub fn set_text(
    shaped: &ShapedText,
    style: ParaStyle,
    base: f32,
    x: f32,
    top: f32,
    width: f32,
) -> Result<SetText, TooWide> {
    let size = base * style.scale;
    let lines = break_lines(shaped, width / size)?;
    let natural = (shaped.ascender - shaped.descender) * size;
    let advance = natural * style.leading * shaped.line_height;
    // As in CSS: the line box is `advance` high with the glyphs centred in
    // it; with tight leading the fonts' (generous) ascent and descent may
    // reach past it, their ink rarely does.
    let first_baseline = top + (advance - natural) / 2.0 + shaped.ascender * size;
    let mut runs = Vec::new();
    let mut widest = 0.0f32;
    for (i, line) in lines.iter().enumerate() {
        let baseline = first_baseline + advance * i as f32;
        // A line that wraps at a space keeps it, at no width: the text and
        // the tags then read "an individual" where the words wrap, not
        // "anindividual". A word broken at its hyphen gets none.
        let wraps_at_space = lines.get(i + 1).is_some() && shaped.text[line.end..].starts_with(' ');
        let kept = line.start..line.end + usize::from(wraps_at_space);
        let placed = place_line(
            shaped,
            kept,
            line.end,
            size,
            x,
            width,
            baseline,
            style.align,
            style.color,
        );
        widest = widest.max(placed.iter().map(GlyphRun::width).sum());
        runs.extend(placed);
    }
    Ok(SetText {
        text: shaped.text.clone(),
        lang: shaped.lang.clone(),
        para: para(shaped),
        runs,
        height: advance * lines.len() as f32,
        lines: lines.len(),
        width: widest,
    })
}

/// `shaped` as a paragraph in logical order: its fonts by byte range, its
/// isolated values and its addresses.
fn para(shaped: &ShapedText) -> crate::display::Para {
    let mut fonts: Vec<_> = shaped
        .runs
        .iter()
        .map(|r| (r.range.clone(), r.font))
        .collect();
    fonts.sort_by_key(|(r, _)| r.start);
    crate::display::Para {
        text: shaped.text.clone(),
        fonts,
        isolates: shaped.isolates.clone(),
        addresses: shaped.unbreakable.clone(),
        address_breaks: shaped.address_breaks.clone(),
    }
}

/// The width of `shaped` on one line at `size`, in points.
pub fn natural_width(shaped: &ShapedText, size: f32) -> f32 {
    shaped
        .runs
        .iter()
        .flat_map(|r| &r.glyphs)
        .map(|g| g.x_advance)
        .sum::<f32>()
        * size
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str, width: f32) -> SetText {
        let lang = TextLang {
            tag: "en-GB".into(),
            rtl: false,
            families: vec!["NotoSans".into()],
            line_height: 1.0,
            text_layer: None,
            fallback: Vec::new(),
        };
        let shaped = shape_text(
            &FontBook::embedded(),
            &lang,
            &StyledText::plain(text, FontStyle::REGULAR),
        )
        .unwrap();
        let style = ParaStyle::new(1.0, Color::BLACK);
        set_text(&shaped, style, 10.0, 0.0, 0.0, width).unwrap()
    }

    #[test]
    fn a_line_that_wraps_at_a_space_keeps_it_at_no_width() {
        let one = set("abuse of a child", 1000.0);
        let wrapped = set("abuse of a child", 45.0);
        assert!(wrapped.lines > 1);
        let text: String = wrapped.runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(text, "abuse of a child");
        // The kept spaces take no room: one at each wrap, with no advance,
        // and every line still fits the measure.
        let silent = wrapped
            .runs
            .iter()
            .flat_map(|r| {
                r.glyphs
                    .iter()
                    .map(move |g| (&r.text[g.text.clone()], g.x_advance))
            })
            .filter(|(t, a)| *t == " " && *a == 0.0)
            .count();
        assert_eq!(silent, wrapped.lines - 1);
        assert!(wrapped.width <= 45.0 && wrapped.width < one.width);
    }

    #[test]
    fn a_word_broken_at_its_hyphen_gets_no_space() {
        let wrapped = set("well-known", 30.0);
        assert!(wrapped.lines > 1);
        let text: String = wrapped.runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(text, "well-known");
    }
}
