//! Right-to-left text written for the readers that take text in the order it
//! is drawn (MuPDF, pdfminer, pypdf, pdf.js). Each glyph is written on its
//! own, in reading order, from a font copy other than the glyph before it:
//! pypdf and pdf.js cut text into pieces at every font switch and turn each
//! piece round, so pieces of one glyph come out in the order drawn, and
//! MuPDF and pdfminer string glyphs together in the order drawn. A glyph
//! with ink and no advance (a mark such as tanween or shadda, the alef of
//! lam-alef) is drawn as an outline at the end of the page, its text carried
//! by an empty glyph of the font on the baseline: a raised glyph is where
//! pdfminer starts another line, and an outline drawn between glyphs is
//! where pypdf does.

use super::exact::{Mapped, Piece, share};
use super::outline::Outlines;
use super::{PdfFonts, krilla_glyph};
use crate::display;
use crate::fonts::FontId;
use crate::units::Color;
use krilla::geom::Point;
use krilla::surface::Surface;
use unicode_normalization::char::is_combining_mark;

/// How far (ems) an empty glyph with no advance carrying a text is set
/// before the glyph it follows (one with an advance ends where that glyph
/// starts): poppler orders a line's glyphs by their left edges, and takes a
/// tie in the order drawn.
const BEFORE: f32 = 0.01;

/// The glyphs of a font file that draw nothing, which can carry the text of
/// a glyph drawn as an outline, each with its advance (ems), those with
/// none first (a zero width space, the null glyph), then spaces.
pub(super) fn empty_glyphs(data: &[u8]) -> Vec<(u16, f32)> {
    use rustybuzz::ttf_parser::{Face, GlyphId};
    let Ok(face) = Face::parse(data, 0) else {
        return Vec::new();
    };
    let em = f32::from(face.units_per_em());
    let mut empty: Vec<(u16, f32)> = (1..face.number_of_glyphs())
        .map(GlyphId)
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

/// Draw a right-to-left piece of a run, glyph by glyph in reading order, the marks as outlines in `marks`' colour (not at
/// all when `None`) with their text on empty glyphs. Returns false, having
/// drawn nothing, when the run cannot be written so (a cluster with more
/// glyphs than characters, or a font with no empty glyph).
pub(super) fn draw_rtl(
    surface: &mut Surface<'_>,
    piece: &Piece<'_>,
    fonts: &PdfFonts,
    mapped: &mut Mapped,
    marks: Option<&mut (Color, &mut Outlines)>,
) -> bool {
    let Piece {
        at,
        glyphs,
        font,
        text,
        size,
    } = *piece;
    let Some((written, folded)) = plan(glyphs, font, text, fonts.carriers(font), mapped) else {
        return false;
    };
    for w in &written {
        mapped.insert((font, w.instance, w.glyph.id), w.text.clone());
        if let Some(f) = fonts.instance(font, w.instance) {
            let glyph = [krilla_glyph(&w.glyph, 0..w.text.len())];
            let x = at.x + w.pen * size;
            surface.draw_glyphs(Point::from_xy(x, at.y), &glyph, f, &w.text, size, false);
        }
    }
    if let Some((color, outlines)) = marks {
        for (g, pen) in folded {
            let at = Point::from_xy(at.x + pen * size, at.y);
            outlines.defer(font, g, at, size, *color);
        }
    }
    true
}

/// Glyphs drawn as outlines, with their pen positions (ems).
type Folded<'a> = Vec<(&'a display::Glyph, f32)>;

/// The glyphs written as text, in reading order, each with its own text and
/// an instance other than the one before it, and the glyphs to draw as
/// outlines with their pen positions (ems).
fn plan<'a>(
    glyphs: &'a [display::Glyph],
    font: FontId,
    text: &str,
    carriers: &[(u16, f32)],
    mapped: &Mapped,
) -> Option<(Vec<Written>, Folded<'a>)> {
    let pens: Vec<f32> = glyphs
        .iter()
        .scan(0.0, |pen, g| {
            let at = *pen;
            *pen += g.x_advance;
            Some(at)
        })
        .collect();
    let mut written: Vec<Written> = Vec::with_capacity(glyphs.len());
    let mut folded = Vec::new();
    // What this run maps, on top of what the document has mapped.
    let mut here = Mapped::new();
    let free = |here: &Mapped, k: u16, id: u16, t: &str| {
        [mapped, here]
            .iter()
            .all(|m| m.get(&(font, k, id)).is_none_or(|m| m == t))
    };
    let mut end = glyphs.len();
    for cluster in glyphs.chunk_by(|a, b| a.text == b.text).rev() {
        end -= cluster.len();
        let parts = share(&text[cluster[0].text.clone()], cluster.len(), true);
        if parts.iter().any(|p| p.shared) {
            return None;
        }
        // Reading order: the cluster's glyphs from the right.
        for (i, (g, part)) in cluster.iter().zip(parts).enumerate().rev() {
            let pen = pens[end + i];
            let before = written.last().map(|w| w.instance);
            let others = (0u16..64).filter(|&k| Some(k) != before);
            let inked = !carriers.iter().any(|&(c, _)| c == g.id);
            let (glyph, instance) = if g.x_advance == 0.0 && inked {
                folded.push((g, pen));
                let (k, id, width) = carrier(carriers, &part.text, others, |k, c| {
                    free(&here, k, c, &part.text)
                })?;
                let glyph = display::Glyph {
                    id,
                    x_advance: 0.0,
                    x_offset: -width.max(BEFORE),
                    y_offset: 0.0,
                    text: g.text.clone(),
                };
                (glyph, k)
            } else {
                let k = others.clone().find(|&k| free(&here, k, g.id, &part.text))?;
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

/// The empty glyph to carry `text` and its instance (one of `instances`,
/// the first where `free` says it can), with its advance. A mark's text goes
/// on one with no advance, which pdf.js keeps with the letter before it; a
/// letter's (the alef of lam-alef) on one with an advance (taken back),
/// which moves pdf.js's pen on: after a glyph with no width it takes the
/// next glyph for the start of another line.
fn carrier(
    carriers: &[(u16, f32)],
    text: &str,
    instances: impl Iterator<Item = u16> + Clone,
    free: impl Fn(u16, u16) -> bool,
) -> Option<(u16, u16, f32)> {
    let wide = !text.chars().all(is_combining_mark);
    let find = |fits: &dyn Fn(f32) -> bool| {
        instances.clone().find_map(|k| {
            let &(c, w) = carriers
                .iter()
                .filter(|(_, w)| fits(*w))
                .find(|&&(c, _)| free(k, c))?;
            Some((k, c, w))
        })
    };
    find(&|w| (w > 0.0) == wide).or_else(|| find(&|_| true))
}
