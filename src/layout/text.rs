//! Setting text: shaped paragraphs broken into lines and placed in a box.

use super::lines::{Align, TooWide, break_lines, place_line};
use super::shape::{MissingGlyph, ShapedText, StyledText, TextLang, shape_text};
use crate::display::GlyphRun;
use crate::fonts::{FontBook, FontStyle};
use crate::units::Color;

/// Shapes text in one language with the build's fonts.
pub struct Typesetter<'a> {
    pub book: &'a FontBook,
    pub lang: TextLang,
}

impl Typesetter<'_> {
    pub fn shape(&self, text: &StyledText) -> Result<ShapedText, MissingGlyph> {
        shape_text(self.book, &self.lang, text)
    }

    pub fn shape_plain(&self, text: &str, style: FontStyle) -> Result<ShapedText, MissingGlyph> {
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
        let placed = place_line(
            shaped,
            line.clone(),
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
        runs,
        height: advance * lines.len() as f32,
        lines: lines.len(),
        width: widest,
    })
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
