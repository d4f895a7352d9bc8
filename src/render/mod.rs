//! Rendering: the display list written as a tagged PDF with krilla. The only
//! module that knows the PDF library.

mod exact;
mod outline;
mod rtl;
pub mod sheet;
mod structure;

use exact::{Mapped, Piece, draw_exact, instance_data};
use outline::{Outlines, draw_outlines};
use structure::Drawn;

use crate::display::{self, Document, Item, Node};
use crate::fonts::{FontBook, FontId};
use crate::units::Color;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect as KRect, Size};
use krilla::metadata::{DateTime, Metadata, TextDirection};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{ArtifactType, ContentTag, SpanTag};
use krilla::text::{Font, GlyphId, KrillaGlyph};

/// krilla, built with its `comemo` feature, memoizes font subsets, glyph
/// bounds and compressed content streams by their inputs, in one cache for the
/// whole program: a poster's seven sizes share their fonts' subsets, a batch's
/// organisations share everything but their own details, Urdu's glyph
/// outlines are compressed once for all its products, and the web page's
/// preview compresses again only what an edit changed. A memoized result is
/// the result, so the bytes are the same either way.
///
/// The faces bound the cache by calling this after each group of documents
/// (a batch's group of rows, a preview): what the last [`KEEP_GROUPS`]
/// groups did not use is let go.
pub fn forget_unused() {
    comemo::evict(KEEP_GROUPS);
}

/// How many groups of documents an unused memoized result outlives.
pub const KEEP_GROUPS: usize = 1;

/// Empty krilla's memo (see [`forget_unused`]), so that the next build is
/// made from nothing: for benchmarks and tests of a cold build.
pub fn forget_all() {
    comemo::evict(0);
}

/// Knobs for writing a PDF.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Also claim PDF/A-2a (archival) conformance.
    pub pdf_a: bool,
    /// Written as the creation date when set (from `SOURCE_DATE_EPOCH`).
    pub date: Option<crate::model::Date>,
}

/// Fonts converted to krilla's type once and reused for every page (and the
/// last documents' pictures, see `Images`). Each face
/// can have several instances: copies that krilla embeds as fonts of their
/// own (each its own subset with its own ToUnicode map), so that a glyph drawn
/// for two different texts maps exactly to each (see `exact`).
pub struct PdfFonts(Vec<PdfFace>, Images);

/// The pictures of the last documents as krilla images, each made once from
/// its decoded pixels and drawn in every document that shows those same
/// pixels (an organisation's logo on its eleven products, or on a whole
/// batch's when the rows share one file): krilla splits off and compresses
/// an image's alpha and colour when the image is made.
///
/// Pixels are known by their allocation, held weakly: the image made from
/// them is found while they live, and the pixels are not kept alive for it.
#[derive(Default)]
struct Images(
    std::sync::Mutex<
        std::collections::VecDeque<(std::sync::Weak<crate::model::Pixels>, krilla::image::Image)>,
    >,
);

/// How many pictures [`Images`] keeps: more than a batch's group of rows has
/// logos (see the CLI's `GROUP`).
const IMAGES_KEPT: usize = 24;

impl Images {
    fn get(&self, pixels: &std::sync::Arc<crate::model::Pixels>) -> krilla::image::Image {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let at = std::sync::Arc::as_ptr(pixels);
        if let Some((_, image)) = kept.iter().find(|(p, _)| std::ptr::eq(p.as_ptr(), at)) {
            return image.clone();
        }
        let image =
            krilla::image::Image::from_rgba8(pixels.rgba.clone(), pixels.width, pixels.height);
        if kept.len() == IMAGES_KEPT {
            kept.pop_front();
        }
        kept.push_back((std::sync::Arc::downgrade(pixels), image.clone()));
        image
    }
}

/// One face: its file, its instances (made as they are first needed), its
/// empty glyphs (found the first time they are needed, see `rtl`) and the
/// height of its line box (ascender to descender, ems).
struct PdfFace {
    data: &'static [u8],
    instances: std::sync::Mutex<Vec<Option<Font>>>,
    carriers: std::sync::OnceLock<Vec<(u16, f32)>>,
    height: f32,
}

impl PdfFonts {
    pub fn new(book: &FontBook) -> Self {
        Self(
            book.faces()
                .map(|(_, face)| PdfFace {
                    data: face.data,
                    instances: Default::default(),
                    carriers: Default::default(),
                    height: face.ascender - face.descender,
                })
                .collect(),
            Images::default(),
        )
    }

    /// The first instance of the font for `id`.
    fn get(&self, id: FontId) -> Option<Font> {
        self.instance(id, 0)
    }

    /// Instance `k` of the font for `id`, made the first time it is asked for.
    fn instance(&self, id: FontId, k: u16) -> Option<Font> {
        let face = self.0.get(usize::from(id.0))?;
        let data = face.data;
        let mut instances = face.instances.lock().unwrap_or_else(|e| e.into_inner());
        while instances.len() <= usize::from(k) {
            let n = instances.len() as u32;
            let font = if n == 0 {
                Font::new(data.into(), 0)
            } else {
                instance_data(data, n).and_then(|d| Font::new(d.into(), 0))
            };
            instances.push(font);
        }
        instances[usize::from(k)].clone()
    }

    /// The glyphs of the font for `id` that draw nothing, with their
    /// advances, which can carry the text of a glyph drawn as an outline
    /// (see `rtl`).
    fn carriers(&self, id: FontId) -> &[(u16, f32)] {
        match self.0.get(usize::from(id.0)) {
            Some(face) => face.carriers.get_or_init(|| rtl::empty_glyphs(face.data)),
            None => &[],
        }
    }

    /// The height of the font's line box, ascender to descender (ems).
    fn height(&self, id: FontId) -> f32 {
        self.0
            .get(usize::from(id.0))
            .map_or(1.0, |face| face.height)
    }
}

/// Write `doc` as PDF bytes. Errors are krilla's validation messages.
pub fn render_pdf(
    doc: &Document,
    fonts: &PdfFonts,
    options: &RenderOptions,
) -> Result<Vec<u8>, RenderError> {
    // A tagged document, validated as PDF/UA-1 (and PDF/A-2a if asked).
    let mut pdf = krilla::Document::new_with(serialize_settings(options)?);
    // Each page drawn: decoration, the tagged structure, then the copies.
    let mut d = Drawing {
        fonts,
        mapped: Mapped::new(),
        outlines: Outlines::new(),
        ids: Drawn::new(),
    };
    for (index, page) in doc.pages.iter().enumerate() {
        draw_page(&mut pdf, doc, index, page, &mut d)?;
    }
    // The tag tree over what was drawn, bookmarks, and the metadata.
    pdf.set_tag_tree(structure::tag_tree(doc, &mut d.ids));
    pdf.set_outline(structure::outline(doc));
    pdf.set_metadata(metadata(doc, options));
    pdf.finish().map_err(|e| match e {
        krilla::error::KrillaError::Validation(errors) => {
            RenderError::Validation(errors.iter().map(|(e, _)| format!("{e:?}")).collect())
        }
        other => RenderError::Pdf(other.to_string()),
    })
}

/// Why a laid-out document could not be written as a PDF: always a bug in
/// cse-pack (layout should never hand the writer what it refuses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// The writer's settings were refused.
    Configuration(String),
    /// The PDF/UA (or PDF/A) validator found these problems.
    Validation(Vec<String>),
    /// The PDF library failed for another reason.
    Pdf(String),
    /// A page of the display list has no area.
    NoPageSize,
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Configuration(e) | RenderError::Pdf(e) => f.write_str(e),
            RenderError::NoPageSize => f.write_str("a page has no size"),
            RenderError::Validation(list) => {
                write!(f, "PDF/UA validation failed: {}", list.join("; "))
            }
        }
    }
}

impl std::error::Error for RenderError {}

/// Tagging on, with the validators the document claims to pass.
fn serialize_settings(options: &RenderOptions) -> Result<krilla::SerializeSettings, RenderError> {
    let mut builder = ConfigurationBuilder::new().with_accessibility_validator(Accessibility::UA1);
    if options.pdf_a {
        builder = builder.with_archival_validator(Archival::A2_A);
    }
    let configuration = builder
        .finish()
        .map_err(|e| RenderError::Configuration(format!("{e:?}")))?;
    Ok(krilla::SerializeSettings {
        configuration,
        enable_tagging: true,
        ..Default::default()
    })
}

/// What drawing a document keeps from page to page.
struct Drawing<'a> {
    fonts: &'a PdfFonts,
    /// The text layer's glyphs mapped to text so far (see [`exact`]).
    mapped: Mapped,
    /// Glyph outlines made so far (see [`outline`]).
    outlines: Outlines,
    /// The marked content of each structure node.
    ids: Drawn,
}

/// One page: its boxes, its artifacts, the structure nodes placed on it, and
/// last the copies of text with a text layer (the other cards of a sheet).
fn draw_page(
    pdf: &mut krilla::Document,
    doc: &Document,
    index: usize,
    page: &display::Page,
    d: &mut Drawing<'_>,
) -> Result<(), RenderError> {
    let fonts = d.fonts;
    let size = Size::from_wh(page.width, page.height).ok_or(RenderError::NoPageSize)?;
    let mut settings = PageSettings::new(size);
    if let Some(trim) = page.trim {
        settings = settings.with_trim_box(to_rect(trim));
    }
    if let Some(bleed) = page.bleed {
        settings = settings.with_bleed_box(to_rect(bleed));
    }
    let mut p = pdf.start_page_with(settings);
    let mut surface = p.surface();
    let copy = |item: &Item| matches!(item, Item::Text(run) if !run.layer.is_empty());
    for item in page.artifacts.iter().filter(|i| !copy(i)) {
        surface.start_tagged(artifact());
        draw(&mut surface, item, fonts, &mut d.mapped, &mut d.outlines);
        surface.end_tagged();
    }
    for node in &doc.structure {
        draw_node(&mut surface, node, index, d);
    }
    // Copies of text with a text layer (the other cards of a sheet) come
    // last: their visible glyphs as outlines, their layer as the original's.
    for item in page.artifacts.iter().filter(|i| copy(i)) {
        surface.start_tagged(artifact());
        if let Item::Text(run) = item {
            draw_outlines(&mut surface, run, fonts, &mut d.outlines);
            draw_layer(&mut surface, run, fonts, &mut d.mapped);
        }
        surface.end_tagged();
    }
    // The outlines of right-to-left marks, after all the text (see `rtl`).
    if d.outlines.deferred() {
        surface.start_tagged(artifact());
        d.outlines.draw_deferred(&mut surface, fonts);
        surface.end_tagged();
    }
    surface.finish();
    p.finish();
    Ok(())
}

/// Decoration, which a screen reader skips.
fn artifact() -> ContentTag<'static> {
    ContentTag::Artifact(krilla::tagging::Artifact::new(ArtifactType::Other, None))
}

/// Title, language, creator, reading direction, and the creation date when
/// the caller gives one (never the clock: builds are reproducible).
fn metadata(doc: &Document, options: &RenderOptions) -> Metadata {
    let mut metadata = Metadata::new()
        .title(doc.title.clone())
        .language(doc.lang.clone())
        .creator("cse-pack".to_string())
        .text_direction(if doc.rtl {
            TextDirection::RightToLeft
        } else {
            TextDirection::LeftToRight
        });
    if let Some(d) = options.date {
        metadata = metadata.creation_date(DateTime::new(d.year).month(d.month).day(d.day));
    }
    metadata
}

/// Draw a node's items on `page` (tagged), then its children's.
fn draw_node(surface: &mut Surface<'_>, node: &Node, page: usize, d: &mut Drawing<'_>) {
    let fonts = d.fonts;
    if node.page == page && !node.items.is_empty() {
        // The span open, if one is: its language (`None`, the paragraph's).
        let mut open: Option<Option<&str>> = None;
        for item in &node.items {
            let lang = match item {
                Item::Text(run) => run.lang.as_deref(),
                _ => open.flatten(),
            };
            if let Item::Text(run) = item
                && !run.layer.is_empty()
            {
                // The visible glyphs are drawn as outlines, which no reader
                // takes for text, outside the tags; the invisible layer drawn
                // after them, in the node's span, carries the text.
                if open.take().is_some() {
                    surface.end_tagged();
                }
                surface.start_tagged(artifact());
                draw_outlines(surface, run, fonts, &mut d.outlines);
                surface.end_tagged();
            }
            // Text in another language than its paragraph's has a span of
            // its own, tagged with its language in the structure tree.
            if open != Some(lang) {
                if open.is_some() {
                    surface.end_tagged();
                }
                let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                let tagged = lang.map(str::to_string);
                d.ids
                    .entry(node as *const Node)
                    .or_default()
                    .push((id, tagged));
                open = Some(lang);
            }
            match item {
                Item::Text(run) if !run.layer.is_empty() => {
                    draw_layer(surface, run, fonts, &mut d.mapped)
                }
                _ => draw(surface, item, fonts, &mut d.mapped, &mut d.outlines),
            }
        }
        if open.is_some() {
            surface.end_tagged();
        }
    }
    for child in &node.children {
        draw_node(surface, child, page, d);
    }
}

fn draw(
    surface: &mut Surface<'_>,
    item: &Item,
    fonts: &PdfFonts,
    mapped: &mut Mapped,
    outlines: &mut Outlines,
) {
    match item {
        Item::Text(run) => draw_text(surface, run, fonts, mapped, outlines),
        Item::Rect {
            rect,
            fill: color,
            radius,
        } => {
            if let Some(path) = rounded_rect(*rect, *radius) {
                surface.set_fill(Some(fill(*color)));
                surface.set_stroke(None);
                surface.draw_path(&path);
            }
        }
        Item::Image { rect, pixels } => {
            let image = fonts.1.get(pixels);
            if let Some(size) = Size::from_wh(rect.w, rect.h) {
                surface.push_transform(&krilla::geom::Transform::from_translate(rect.x, rect.y));
                surface.draw_image(image, size);
                surface.pop();
            }
        }
        Item::Line {
            from,
            to,
            width,
            color,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(from.0, from.1);
            pb.line_to(to.0, to.1);
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: rgb(*color).into(),
                    width: *width,
                    ..Default::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
    }
}

fn rgb(c: Color) -> krilla::color::rgb::Color {
    krilla::color::rgb::Color::new(c.r, c.g, c.b)
}

fn fill(c: Color) -> Fill {
    Fill {
        paint: rgb(c).into(),
        ..Default::default()
    }
}

fn to_rect(r: display::Rect) -> Option<KRect> {
    KRect::from_xywh(r.x, r.y, r.w, r.h)
}

/// The Bézier handle length that draws a quarter circle, as a share of its
/// radius: 4/3·(√2 − 1).
const QUARTER_CIRCLE: f32 = 0.552_284_8;

/// A rectangle with circular corners (a plain one when `radius` is 0).
fn rounded_rect(r: display::Rect, radius: f32) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    let k = radius.min(r.w / 2.0).min(r.h / 2.0).max(0.0);
    if k == 0.0 {
        pb.push_rect(to_rect(r)?);
        return pb.finish();
    }
    let c = k * QUARTER_CIRCLE;
    let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
    pb.move_to(x0 + k, y0);
    pb.line_to(x1 - k, y0);
    pb.cubic_to(x1 - k + c, y0, x1, y0 + k - c, x1, y0 + k);
    pb.line_to(x1, y1 - k);
    pb.cubic_to(x1, y1 - k + c, x1 - k + c, y1, x1 - k, y1);
    pb.line_to(x0 + k, y1);
    pb.cubic_to(x0 + k - c, y1, x0, y1 - k + c, x0, y1 - k);
    pb.line_to(x0, y0 + k);
    pb.cubic_to(x0, y0 + k - c, x0 + k - c, y0, x0 + k, y0);
    pb.close();
    pb.finish()
}

/// Draw a run's glyphs, each carrying exactly its text (see `exact`).
fn draw_text(
    surface: &mut Surface<'_>,
    run: &display::GlyphRun,
    fonts: &PdfFonts,
    mapped: &mut Mapped,
    outlines: &mut Outlines,
) {
    surface.set_fill(Some(fill(run.color)));
    surface.set_stroke(None);
    let piece = Piece {
        at: Point::from_xy(run.x, run.y),
        glyphs: &run.glyphs,
        font: run.font,
        text: &run.text,
        size: run.size,
    };
    draw_exact(surface, &piece, fonts, mapped, Some((run.color, outlines)));
}

/// Draw a run's text layer: fully transparent, on the run's baseline,
/// stretched to the run's width so that selecting it highlights the visible
/// words. (Not clipped as well: PyMuPDF drops clipped text.)
fn draw_layer(
    surface: &mut Surface<'_>,
    run: &display::GlyphRun,
    fonts: &PdfFonts,
    mapped: &mut Mapped,
) {
    let width: f32 = run.layer.iter().map(|(_, g)| g.x_advance).sum::<f32>() * run.size;
    if width <= 0.0 {
        return;
    }
    let stretch = run.width() / width;
    // As tall as the visible glyphs' line box too: selecting the layer then
    // covers the visible words, and pdfminer, which groups lines into
    // paragraphs by their boxes' heights, finds the layer's lines as close
    // together as the visible ones (it otherwise takes a paragraph's short
    // last line for a block of its own, read after what follows it).
    let tall = run.layer.first().map_or(1.0, |&(layer, _)| {
        fonts.height(run.font) / fonts.height(layer)
    });
    surface.push_transform(&krilla::geom::Transform::from_row(
        stretch, 0.0, 0.0, tall, run.x, run.y,
    ));
    surface.set_fill(Some(Fill {
        paint: rgb(run.color).into(),
        opacity: krilla::num::NormalizedF32::ZERO,
        ..Default::default()
    }));
    surface.set_stroke(None);
    let mut pen = 0.0;
    let mut parts = Vec::new();
    for part in run.layer.chunk_by(|a, b| a.0 == b.0) {
        parts.push((pen, part));
        pen += part.iter().map(|(_, g)| g.x_advance).sum::<f32>() * run.size;
    }
    // Right to left, the parts in reading order (see `rtl`).
    let layer = &run.layer;
    if layer.len() > 1 && layer[0].1.text.start > layer[layer.len() - 1].1.text.start {
        parts.reverse();
    }
    for (pen, part) in parts {
        let glyphs: Vec<display::Glyph> = part.iter().map(|(_, g)| g.clone()).collect();
        let piece = Piece {
            at: Point::from_xy(pen, 0.0),
            glyphs: &glyphs,
            font: part[0].0,
            text: &run.text,
            size: run.size,
        };
        draw_exact(surface, &piece, fonts, mapped, None);
    }
    surface.pop();
}

fn krilla_glyph(g: &display::Glyph, text: std::ops::Range<usize>) -> KrillaGlyph {
    KrillaGlyph::new(
        GlyphId::new(u32::from(g.id)),
        g.x_advance,
        g.x_offset,
        g.y_offset,
        0.0,
        text,
        None,
    )
}
