//! Right-to-left text written for the readers that take text in the order it
//! is drawn. A mark (a glyph with no advance on a base: tanween, shadda) is
//! drawn as an outline, and its text carried by an empty glyph of the same
//! font drawn on the baseline where the mark was: every text glyph then sits
//! on the baseline in one font, so that no reader cuts a word at a mark (a
//! raised glyph is another text object, where pypdf and pdf.js start a piece
//! they each turn round, and pdfminer another line).

use super::exact::{Mapped, share};
use super::outline::{Outlines, draw_outline};
use super::{PdfFonts, krilla_glyph};
use crate::display;
use crate::fonts::FontId;
use crate::units::Color;
use krilla::geom::Point;
use krilla::surface::Surface;
use krilla::text::KrillaGlyph;

/// The glyphs of a font file that draw nothing and have no advance (a zero
/// width space, the null glyph), which can carry a mark's text.
pub(super) fn empty_glyphs(data: &[u8]) -> Vec<u16> {
    let Ok(face) = rustybuzz::ttf_parser::Face::parse(data, 0) else {
        return Vec::new();
    };
    (1..face.number_of_glyphs())
        .map(rustybuzz::ttf_parser::GlyphId)
        .filter(|&g| face.glyph_hor_advance(g) == Some(0) && face.glyph_bounding_box(g).is_none())
        .map(|g| g.0)
        .collect()
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
    let Some((written, folded)) = plan(glyphs, font, text, fonts.carriers(font), mapped) else {
        return false;
    };
    for w in &written {
        mapped.insert((font, w.instance, w.glyph.id), w.text.clone());
    }
    draw_written(surface, at, &written, font, size, fonts);
    if let Some((color, outlines)) = marks {
        for (g, pen) in folded {
            let at = Point::from_xy(at.x + pen * size, at.y);
            draw_outline(surface, fonts, font, g, at, size, *color, outlines);
        }
    }
    true
}

/// The glyphs written as text, each with its own text and instance, and the
/// marks to draw as outlines with their pen positions.
fn plan<'a>(
    glyphs: &'a [display::Glyph],
    font: FontId,
    text: &str,
    carriers: &[u16],
    mapped: &Mapped,
) -> Option<(Vec<Written>, Vec<(&'a display::Glyph, f32)>)> {
    let mut written: Vec<Written> = Vec::with_capacity(glyphs.len());
    let mut folded = Vec::new();
    let mut pen = 0.0;
    // What this run maps so far, on top of the document's `mapped`.
    let mut here = Mapped::new();
    let is_free = |here: &Mapped, k: u16, id: u16, t: &str| {
        [mapped, here]
            .iter()
            .all(|m| m.get(&(font, k, id)).is_none_or(|m| m == t))
    };
    for cluster in glyphs.chunk_by(|a, b| a.text == b.text) {
        let parts = share(&text[cluster[0].text.clone()], cluster.len(), true);
        if parts.iter().any(|p| p.shared) {
            return None;
        }
        let based = cluster.iter().any(|g| g.x_advance != 0.0);
        for (g, part) in cluster.iter().zip(parts) {
            let before = written.last().map(|w| w.instance).unwrap_or(0);
            let order = std::iter::once(before).chain(0u16..);
            let (glyph, instance) = if based && g.x_advance == 0.0 {
                folded.push((g, pen));
                let (k, id) = order
                    .take(64)
                    .find_map(|k| {
                        carriers
                            .iter()
                            .find(|&&c| is_free(&here, k, c, &part.text))
                            .map(|&c| (k, c))
                    })?;
                let carrier = display::Glyph {
                    id,
                    x_advance: 0.0,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    text: g.text.clone(),
                };
                (carrier, k)
            } else {
                let k = order.take(64).find(|&k| is_free(&here, k, g.id, &part.text))?;
                (g.clone(), k)
            };
            here.insert((font, instance, glyph.id), part.text.clone());
            written.push(Written {
                glyph,
                text: part.text,
                instance,
                pen,
            });
            pen += g.x_advance;
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
