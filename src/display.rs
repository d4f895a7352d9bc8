//! The display list: what layout decided, as plain data the renderer draws.
//!
//! Positions are in points from the top-left of the page (y grows down). A
//! document is pages of decoration (artifacts) plus a structure tree in reading
//! order whose nodes carry the content drawn for them.

use crate::fonts::FontId;
use crate::units::Color;
use std::fmt::Write as _;
use std::ops::Range;

/// A whole document, ready to render.
#[derive(Debug, Clone)]
pub struct Document {
    pub title: String,
    /// BCP 47 tag of the document's main language.
    pub lang: String,
    pub rtl: bool,
    pub pages: Vec<Page>,
    /// The logical structure, in reading order.
    pub structure: Vec<Node>,
    /// The organisation's details it shows (`dsl`, `dsl.email`; see `carry`).
    pub shown: Vec<crate::model::details::LocalField>,
}

/// A rectangle in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self { x, y, w, h }
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// Shrink by `d` on every side.
    pub fn inset(&self, d: f32) -> Rect {
        Rect::new(
            self.x + d,
            self.y + d,
            (self.w - 2.0 * d).max(0.0),
            (self.h - 2.0 * d).max(0.0),
        )
    }

    pub fn contains(&self, other: &Rect) -> bool {
        const EPS: f32 = 0.01;
        other.x >= self.x - EPS
            && other.y >= self.y - EPS
            && other.right() <= self.right() + EPS
            && other.bottom() <= self.bottom() + EPS
    }
}

/// One sheet side.
#[derive(Debug, Clone)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    /// The finished size inside the media, when printing with bleed.
    pub trim: Option<Rect>,
    pub bleed: Option<Rect>,
    /// Decoration: backgrounds, rules, crop marks. Tagged as artifacts.
    pub artifacts: Vec<Item>,
}

/// What a structure node is, for the tag tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    H1,
    H2,
    H3,
    P,
    L,
    LI,
    Lbl,
    LBody,
    BlockQuote,
    Figure,
    Section,
}

/// A node of the structure tree with the content drawn for it.
#[derive(Debug, Clone)]
pub struct Node {
    pub role: Role,
    /// Set when it differs from the document's language.
    pub lang: Option<String>,
    /// Alternative text (figures).
    pub alt: Option<String>,
    /// A heading's text in logical order (for the tag's title and the outline).
    pub title: Option<String>,
    /// The page its items are on.
    pub page: usize,
    pub items: Vec<Item>,
    pub children: Vec<Node>,
}

impl Node {
    pub fn new(role: Role, page: usize) -> Self {
        Self {
            role,
            lang: None,
            alt: None,
            title: None,
            page,
            items: Vec::new(),
            children: Vec::new(),
        }
    }

    pub fn with_items(mut self, items: Vec<Item>) -> Self {
        self.items = items;
        self
    }

    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    pub fn with_children(mut self, children: Vec<Node>) -> Self {
        self.children = children;
        self
    }

    /// Every item of this node and its descendants.
    pub fn all_items(&self) -> Vec<&Item> {
        let mut out: Vec<&Item> = self.items.iter().collect();
        for c in &self.children {
            out.extend(c.all_items());
        }
        out
    }
}

/// Something drawn.
#[derive(Debug, Clone)]
pub enum Item {
    Text(GlyphRun),
    Rect {
        rect: Rect,
        fill: Color,
        radius: f32,
    },
    /// A straight stroked line (crop marks, rules).
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Color,
    },
    /// A raster image (a logo) scaled into `rect`.
    Image {
        rect: Rect,
        pixels: std::sync::Arc<crate::model::Pixels>,
    },
}

/// Shaped glyphs of one font and size on one baseline, with their text.
#[derive(Debug, Clone)]
pub struct GlyphRun {
    pub font: FontId,
    pub size: f32,
    /// Start of the baseline (left end, whatever the direction).
    pub x: f32,
    pub y: f32,
    pub color: Color,
    /// The logical text these glyphs show (for copy/paste and screen readers).
    pub text: String,
    /// Glyphs in visual (left-to-right) order.
    pub glyphs: Vec<Glyph>,
    /// The same text set again, invisibly, on the baseline in a plainer font
    /// (each glyph with its font): it carries the text for copy/paste and
    /// search where the visible glyphs leave the baseline (Nastaliq). Empty
    /// when the visible glyphs carry their own text.
    pub layer: Vec<(FontId, Glyph)>,
    /// Its language (BCP 47) when it is not its paragraph's: tagged on the
    /// run's own span.
    pub lang: Option<String>,
}

impl GlyphRun {
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.x_advance).sum::<f32>() * self.size
    }

    /// The box the run occupies: baseline ± the font's em (approximation used by checks).
    pub fn bounds(&self, ascender: f32, descender: f32) -> Rect {
        Rect::new(
            self.x,
            self.y - ascender * self.size,
            self.width(),
            (ascender - descender) * self.size,
        )
    }
}

/// A positioned glyph. Advances and offsets are in ems (multiply by size).
#[derive(Debug, Clone)]
pub struct Glyph {
    pub id: u16,
    pub x_advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// The bytes of `GlyphRun::text` this glyph's cluster covers.
    pub text: Range<usize>,
}

/// Stable text form of a document for snapshot tests: positions rounded to 0.1 pt.
pub fn dump(doc: &Document, font_name: &dyn Fn(FontId) -> String) -> String {
    let mut out = String::new();
    writeln!(
        out,
        "document {:?} lang={} rtl={}",
        doc.title, doc.lang, doc.rtl
    )
    .expect("string write");
    for (i, p) in doc.pages.iter().enumerate() {
        writeln!(out, "page {i} {:.1}x{:.1}", p.width, p.height).expect("string write");
        for item in &p.artifacts {
            dump_item(&mut out, item, 1, font_name);
        }
    }
    for node in &doc.structure {
        dump_node(&mut out, node, 0, font_name);
    }
    out
}

fn dump_node(out: &mut String, node: &Node, depth: usize, font_name: &dyn Fn(FontId) -> String) {
    let pad = "  ".repeat(depth);
    write!(out, "{pad}{:?} p{}", node.role, node.page).expect("string write");
    if let Some(lang) = &node.lang {
        write!(out, " lang={lang}").expect("string write");
    }
    if let Some(alt) = &node.alt {
        write!(out, " alt={alt:?}").expect("string write");
    }
    out.push('\n');
    for item in &node.items {
        dump_item(out, item, depth + 1, font_name);
    }
    for child in &node.children {
        dump_node(out, child, depth + 1, font_name);
    }
}

fn dump_item(out: &mut String, item: &Item, depth: usize, font_name: &dyn Fn(FontId) -> String) {
    let pad = "  ".repeat(depth);
    match item {
        Item::Text(run) => {
            let layer = match run.layer.first() {
                Some((font, _)) => format!(" layer={}", font_name(*font)),
                None => String::new(),
            };
            writeln!(
                out,
                "{pad}text ({:.1},{:.1}) {} {:.1}pt {} w={:.1}{layer} {:?}",
                run.x,
                run.y,
                font_name(run.font),
                run.size,
                run.color,
                run.width(),
                run.text
            )
        }
        Item::Rect { rect, fill, radius } => writeln!(
            out,
            "{pad}rect ({:.1},{:.1}) {:.1}x{:.1} r={:.1} {fill}",
            rect.x, rect.y, rect.w, rect.h, radius
        ),
        Item::Line {
            from,
            to,
            width,
            color,
        } => writeln!(
            out,
            "{pad}line ({:.1},{:.1})-({:.1},{:.1}) w={width:.2} {color}",
            from.0, from.1, to.0, to.1
        ),
        Item::Image { rect, pixels } => writeln!(
            out,
            "{pad}image ({:.1},{:.1}) {:.1}x{:.1} {}x{}px",
            rect.x, rect.y, rect.w, rect.h, pixels.width, pixels.height
        ),
    }
    .expect("string write");
}
