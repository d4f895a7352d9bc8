//! Right-to-left text written for the readers that take text in the order it
//! is drawn. A mark (a glyph with no advance on a base: tanween, shadda) is
//! drawn as an outline, and its text carried by an empty glyph of the same
//! font drawn on the baseline where the mark was: every text glyph then sits
//! on the baseline in one font, so that no reader cuts a word at a mark (a
//! raised glyph is another text object, where pypdf and pdf.js start a piece
//! they each turn round, and pdfminer another line).

use super::exact::{Mapped, share};
use super::outline::Outlines;
use super::{PdfFonts, krilla_glyph};
use crate::display;
use crate::fonts::FontId;
use crate::units::Color;
use krilla::geom::Point;
use krilla::surface::Surface;
use krilla::text::KrillaGlyph;
use unicode_normalization::char::is_combining_mark;

/// The glyphs of a font file that draw nothing, which can carry the text of
/// a glyph drawn as an outline: those with no advance first (a zero width
/// space, the null glyph), then those with one (spaces), each with whether it
/// has an advance.
pub(super) fn empty_glyphs(data: &[u8]) -> Vec<(u16, f32)> {
    let Ok(face) = rustybuzz::ttf_parser::Face::parse(data, 0) else {
        return Vec::new();
    };
    let em = f32::from(face.units_per_em());
    let mut empty: Vec<(u16, f32)> = (1..face.number_of_glyphs())
        .map(rustybuzz::ttf_parser::GlyphId)
        .filter(|&g| face.glyph_bounding_box(g).is_none())
        .filter_map(|g| Some((g.0, f32::from(face.glyph_hor_advance(g)?) / em)))
        .collect();
    empty.sort_by(|a, b| a.1.total_cmp(&b.1));
    empty
}

/// One glyph as it is written: its text and the font instance it is drawn
/// from; its pen position in ems from the run's start.
struct Written {
    glyph: display::Glyph,
    text: String,
    instance: u16,
    pen: f32,
}

/// Draw a right-to-left run's `glyphs` (visual order) at `at`, its marks as
/// outlines in `marks`' colour (not at all when `None`) with their text on
/// empty glyphs. Returns false, having drawn nothing, when the run cannot be
/// written so (a cluster with more glyphs than characters, or a font with no
/// empty glyph for a mark's text).
#[allow(clippy::too_many_arguments)]
pub(super) fn draw_rtl(
    surface: &mut Surface<'_>,
    at: Point,
    glyphs: &[display::Glyph],
    font: FontId,
    text: &str,
    size: f32,
    fonts: &PdfFonts,
    mapped: &mut Mapped,
    marks: Option<&mut (Color, &mut Outlines)>,
) -> bool {
    let Some((mut written, folded)) = plan(glyphs, font, text, fonts.carriers(font), mapped) else {
        return false;
    };
    for w in &written {
        mapped.insert((font, w.instance, w.glyph.id), w.text.clone());
    }
    if std::env::var_os("VISUAL").is_some() {
        written.reverse();
    }
    draw_written(surface, at, &written, font, size, fonts);
    if let Some((color, outlines)) = marks {
        for (g, pen) in folded {
            let at = Point::from_xy(at.x + pen * size, at.y);
            outlines.defer(font, g, at, size, *color);
        }
    }
    true
}

/// The glyphs written as text, in reading order, each with its own text and
/// an instance other than the one before it, and the marks to draw as
/// outlines with their pen positions.
fn plan<'a>(
    glyphs: &'a [display::Glyph],
    font: FontId,
    text: &str,
    carriers: &[(u16, f32)],
    mapped: &Mapped,
) -> Option<(Vec<Written>, Vec<(&'a display::Glyph, f32)>)> {
    let mut written: Vec<Written> = Vec::with_capacity(glyphs.len());
    let mut folded = Vec::new();
    // Each glyph's pen position (ems from the run's start, in visual order).
    let pens: Vec<f32> = glyphs
        .iter()
        .scan(0.0, |pen, g| {
            let at = *pen;
            *pen += g.x_advance;
            Some(at)
        })
        .collect();
    // What this run maps so far, on top of the document's `mapped`.
    let mut here = Mapped::new();
    let is_free = |here: &Mapped, k: u16, id: u16, t: &str| {
        [mapped, here]
            .iter()
            .all(|m| m.get(&(font, k, id)).is_none_or(|m| m == t))
    };
    let mut start = glyphs.len();
    for cluster in glyphs.chunk_by(|a, b| a.text == b.text).rev() {
        start -= cluster.len();
        let parts = share(&text[cluster[0].text.clone()], cluster.len(), true);
        if parts.iter().any(|p| p.shared) {
            return None;
        }
        // Reading order: the cluster's glyphs from the right.
        for (i, (g, part)) in cluster.iter().zip(parts).enumerate().rev() {
            let pen = pens[start + i];
            let before = written.last().map(|w| w.instance);
            let order = (0u16..64).filter(|&k| std::env::var_os("NOALT").is_some() || Some(k) != before);
            // A glyph with ink and no advance (a mark, the alef of
            // lam-alef) is drawn as an outline, its text carried.
            let inked = !carriers.iter().any(|&(c, _)| c == g.id);
            let (glyph, instance) = if g.x_advance == 0.0 && inked {
                folded.push((g, pen));
                // A mark's text on a glyph with no advance, which pdf.js
                // keeps with the letter before it; a letter's (the alef of
                // lam-alef) on one with an advance (taken back), which moves
                // pdf.js's pen past a line's start.
                let wide = !part.text.chars().all(is_combining_mark);
                let find = |fits: &dyn Fn(bool) -> bool| {
                    order.clone().find_map(|k| {
                        carriers
                            .iter()
                            .filter(|&&(_, w)| fits(w > 0.0))
                            .find(|&&(c, _)| is_free(&here, k, c, &part.text))
                            .map(|&(c, w)| (k, c, w))
                    })
                };
                let (k, id, width) = find(&|w| w == wide).or_else(|| find(&|_| true))?;
                let carrier = display::Glyph {
                    id,
                    x_advance: 0.0,
                    x_offset: -width.max(std::env::var("EPS").ok().and_then(|e| e.parse().ok()).unwrap_or(0.0)),
                    y_offset: 0.0,
                    text: g.text.clone(),
                };
                (carrier, k)
            } else {
                let k = order.clone().find(|&k| is_free(&here, k, g.id, &part.text))?;
                (g.clone(), k)
            };
            here.insert((font, instance, glyph.id), part.text.clone());
            written.push(Written {
                glyph,
                text: part.text,
                instance,
                pen,
            });
        }
    }
    Some((written, folded))
}

/// Draw the written glyphs, each stretch from one instance in one go.
fn draw_written(
    surface: &mut Surface<'_>,
    at: Point,
    written: &[Written],
    font: FontId,
    size: f32,
    fonts: &PdfFonts,
) {
    for stretch in written.chunk_by(|a, b| a.instance == b.instance) {
        let mut own = String::new();
        let kg: Vec<KrillaGlyph> = stretch
            .iter()
            .map(|w| {
                let start = own.len();
                own.push_str(&w.text);
                krilla_glyph(&w.glyph, start..own.len())
            })
            .collect();
        if let Some(f) = fonts.instance(font, stretch[0].instance) {
            let x = at.x + stretch[0].pen * size;
            surface.draw_glyphs(Point::from_xy(x, at.y), &kg, f, &own, size, false);
        }
    }
}
