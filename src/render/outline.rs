//! Glyphs drawn as outlines: for the visible glyphs of a run whose text layer
//! gives its text (Nastaliq, whose glyphs cascade off the baseline: readers
//! that order text by position cut such glyphs into pieces). An outline looks
//! the same and no reader takes it for text, so every reader gets the text
//! once, from the layer.

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
/// advance and colour.
pub(super) type Outlines = HashMap<(FontId, u16, u32, Color), Graphic>;

/// Draw `run`'s glyphs as filled outlines. Each glyph is one graphic (an
/// XObject), which krilla writes once however often it is drawn.
pub(super) fn draw_outlines(
    surface: &mut Surface<'_>,
    run: &display::GlyphRun,
    fonts: &PdfFonts,
    outlines: &mut Outlines,
) {
    let Some(font) = fonts.get(run.font) else {
        return;
    };
    let mut pen = run.x;
    for g in &run.glyphs {
        let key = (run.font, g.id, g.x_advance.to_bits(), run.color);
        let graphic = outlines
            .entry(key)
            .or_insert_with(|| outline(surface, g, &font, run.color))
            .clone();
        let scale = run.size / UNIT;
        let at = Transform::from_row(
            scale,
            0.0,
            0.0,
            scale,
            pen + g.x_offset * run.size,
            run.y - g.y_offset * run.size,
        );
        surface.push_transform(&at);
        surface.draw_graphic(graphic);
        surface.pop();
        pen += g.x_advance * run.size;
    }
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
