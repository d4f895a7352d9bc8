//! Glyphs drawn as outlines: for the visible glyphs of a run whose text layer
//! gives its text (Nastaliq, whose glyphs cascade off the baseline: readers
//! that order text by position cut such glyphs into pieces), and for the marks
//! of a cluster whose text its base glyph carries (see `exact`). An outline
//! looks the same and no reader takes it for text, so every reader gets the
//! text once, from the layer or the base glyph.

use super::{PdfFonts, fill, krilla_glyph};
use crate::display;
use crate::fonts::FontId;
use crate::units::Color;
use krilla::geom::{Point, Transform};
use krilla::graphic::Graphic;
use krilla::surface::Surface;
use std::collections::HashMap;

/// The size (pt) a glyph's outline is drawn at once and scaled from: large,
/// so the coordinates krilla rounds keep the outline's detail.
const UNIT: f32 = 1000.0;

/// Each glyph's outline as a graphic, made once per document (krilla lets
/// a graphic be used only in the document that made it): by font, glyph,
/// advance and colour. And the outlines to draw at the end of the page.
#[derive(Default)]
pub(super) struct Outlines {
    made: HashMap<(FontId, u16, u32, Color), Graphic>,
    later: Vec<Later>,
}

/// An outline to draw at the end of the page: its glyph, where and how.
struct Later {
    font: FontId,
    glyph: display::Glyph,
    at: Point,
    size: f32,
    color: Color,
}

impl Outlines {
    pub(super) fn new() -> Self {
        Self::default()
    }

    /// Draw glyph `g` of `font` as an outline at the end of the page, after
    /// all its text: a form XObject drawn between text objects is where
    /// pypdf starts another line.
    pub(super) fn defer(
        &mut self,
        font: FontId,
        g: &display::Glyph,
        at: Point,
        size: f32,
        color: Color,
    ) {
        self.later.push(Later {
            font,
            glyph: g.clone(),
            at,
            size,
            color,
        });
    }

    /// Draw the outlines deferred so far (as decoration: their text is
    /// carried by the text they belong to).
    pub(super) fn draw_deferred(&mut self, surface: &mut Surface<'_>, fonts: &PdfFonts) {
        let later = std::mem::take(&mut self.later);
        for l in &later {
            draw_outline(
                surface, fonts, l.font, &l.glyph, l.at, l.size, l.color, self,
            );
        }
    }

    /// Whether any outline waits for the end of the page.
    pub(super) fn deferred(&self) -> bool {
        !self.later.is_empty()
    }
}

/// Draw `run`'s glyphs as filled outlines. Each glyph is one graphic (an
/// XObject), which krilla writes once however often it is drawn.
pub(super) fn draw_outlines(
    surface: &mut Surface<'_>,
    run: &display::GlyphRun,
    fonts: &PdfFonts,
    outlines: &mut Outlines,
) {
    let mut pen = run.x;
    for g in &run.glyphs {
        let at = Point::from_xy(pen, run.y);
        draw_outline(
            surface, fonts, run.font, g, at, run.size, run.color, outlines,
        );
        pen += g.x_advance * run.size;
    }
}

/// Draw glyph `g` of the font for `id` as a filled outline, its pen at `at`.
#[allow(clippy::too_many_arguments)]
pub(super) fn draw_outline(
    surface: &mut Surface<'_>,
    fonts: &PdfFonts,
    id: FontId,
    g: &display::Glyph,
    at: Point,
    size: f32,
    color: Color,
    outlines: &mut Outlines,
) {
    let Some(font) = fonts.get(id) else {
        return;
    };
    let key = (id, g.id, g.x_advance.to_bits(), color);
    let graphic = outlines
        .made
        .entry(key)
        .or_insert_with(|| outline(surface, g, &font, color))
        .clone();
    let scale = size / UNIT;
    let at = Transform::from_row(
        scale,
        0.0,
        0.0,
        scale,
        at.x + g.x_offset * size,
        at.y - g.y_offset * size,
    );
    surface.push_transform(&at);
    surface.draw_graphic(graphic);
    surface.pop();
}

/// One glyph's outline at [`UNIT`] size, filled in `color`.
fn outline(
    surface: &mut Surface<'_>,
    g: &display::Glyph,
    font: &krilla::text::Font,
    color: Color,
) -> Graphic {
    let mut builder = surface.stream_builder();
    let mut s = builder.surface();
    s.set_fill(Some(fill(color)));
    s.set_stroke(None);
    let unit = display::Glyph {
        x_offset: 0.0,
        y_offset: 0.0,
        ..g.clone()
    };
    let glyph = [krilla_glyph(&unit, 0..0)];
    s.draw_glyphs(
        Point::from_xy(0.0, 0.0),
        &glyph,
        font.clone(),
        "",
        UNIT,
        true,
    );
    s.finish();
    Graphic::new(builder.finish(), false)
}
