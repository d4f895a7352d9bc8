//! Layout: content + template → a display list per page.
//!
//! Each region of the template is filled by its component, which shapes its
//! text (rustybuzz, with bidi levels from unicode-bidi), breaks it into lines
//! (unicode-linebreak, never inside a number or address), auto-fits it to the
//! region and places it. The result is renderer-independent data.

pub mod bidi;
pub mod block;
pub mod carry;
pub mod components;
pub mod contacts;
pub mod facts;
pub mod fit;
pub mod flow;
pub mod header;
pub mod impose;
pub mod lines;
pub mod local;
pub mod protect;
pub mod shape;
pub mod shape_cache;
pub mod sheet;
pub mod stack;
pub mod text;

use crate::diag::Diagnostic;
use crate::display::{self, Document, Rect};
use crate::fonts::FontBook;
use crate::model::{Content, Direction, Language, Nation};
use crate::template::{Component, Palette, Panel, RegionConfig, Template};
use components::{Cx, Placed};
pub use facts::printed_contacts;
use fit::Misfit;
use shape::{MissingGlyph, TextLang};
pub use shape_cache::{ShapeCache, ShapeCacheStats};
use sheet::Sheet;
use text::Typesetter;

/// Why a document could not be laid out.
#[derive(Debug, Clone, PartialEq)]
pub enum LayoutError {
    MissingGlyph(MissingGlyph),
    /// A component's text does not fit its region even at the minimum size.
    Overflow {
        block: String,
        misfit: Misfit,
    },
    /// The template asks for content the language does not have.
    MissingContent(Missing),
}

/// What a template asked for and did not get.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// A Markdown block, by id.
    Block(String),
    /// A quote, by id.
    Quote(String),
    /// A contact record, by id (from `contacts.toml`, shared by every language).
    Contact(String),
    /// A QR code for this address, which is too long to encode.
    QrCode(String),
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Missing::Block(id) => write!(f, "block `{id}`"),
            Missing::Quote(id) => write!(f, "quote `{id}`"),
            Missing::Contact(id) => write!(f, "contact `{id}`"),
            Missing::QrCode(url) => write!(f, "a QR code for `{url}` (too long)"),
        }
    }
}

impl LayoutError {
    fn overflow(block: &str, misfit: Misfit) -> Self {
        LayoutError::Overflow {
            block: block.to_string(),
            misfit,
        }
    }

    /// As a diagnostic naming product and language; text that does not fit
    /// is shown at its block's text in the content (`spans`) when it is a
    /// block of that language.
    pub fn to_diagnostic(
        &self,
        template: &Template,
        lang: &Language,
        spans: &crate::diag::SourceMap,
    ) -> Diagnostic {
        let product = template.id();
        let code = &lang.code;
        match self {
            LayoutError::MissingGlyph(m) => Diagnostic::error(format!(
                "`{product}` in `{code}`: no font in the `{code}` font stack has U+{:04X} `{}` (in “{}”)",
                m.ch as u32,
                m.ch,
                shorten(&m.text)
            ))
            .with_hint(format!(
                "remove the character or add a font that has it to `fonts` in `{}`",
                spans.display_path(&format!("{code}/language.toml"))
            )),
            LayoutError::Overflow { block, misfit } => {
                let d = Diagnostic::error(format!(
                    "`{product}` in `{code}`: the `{block}` text does not fit at the smallest allowed size: {misfit}"
                ))
                .with_hint("shorten the text, or give its region more room or a smaller `min-size` in the template");
                let rel = format!("{code}/{block}.md");
                if lang.blocks.contains_key(block.as_str()) {
                    spans.place(&rel, "body", crate::diag::Part::Value, d)
                } else {
                    d.in_file(&template.file)
                }
            }
            LayoutError::MissingContent(what @ Missing::Contact(_)) => Diagnostic::error(format!(
                "`{product}`: the template uses {what}, which contacts.toml does not have (or could not load)"
            ))
            .in_file(&template.file)
            .with_hint("fix the contact record, or the id in the template"),
            LayoutError::MissingContent(what) => Diagnostic::error(format!(
                "`{product}` in `{code}`: the template uses {what}, which `{code}` does not have"
            ))
            .in_file(&template.file)
            .with_hint("add it to the language's content, or fix the id in the template"),
        }
    }
}

impl From<MissingGlyph> for LayoutError {
    fn from(m: MissingGlyph) -> Self {
        LayoutError::MissingGlyph(m)
    }
}

fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        s.push('…');
    }
    s
}

/// Knobs for laying out a product.
#[derive(Debug, Clone, Copy, Default)]
pub struct LayoutOptions<'a> {
    /// Press mode: 3 mm bleed on every side, crop marks, trim and bleed boxes.
    pub bleed: bool,
    /// The organisation whose name, logo and contacts personalise it.
    pub org: Option<&'a crate::model::Org>,
    /// The nation whose content and contacts to use.
    pub nation: Nation,
    /// The second language of a bilingual product (`cy+en`: English).
    pub second: Option<&'a Language>,
    /// The build's shrunk copies of logos and photos, to reuse (none: each
    /// document shrinks its own).
    pub fitted: Option<&'a crate::images::Fitted>,
    /// The build's shaped paragraphs, to reuse (none: each document shapes
    /// its own).
    pub shapes: Option<&'a shape_cache::ShapeCache>,
}

/// Bleed beyond the trim in press mode.
pub const BLEED_MM: f32 = 3.0;
/// Slug beyond the bleed in press mode: paper that is cut away, holding the
/// crop marks clear of the artwork (a mark over artwork shows on any
/// slightly-off cut).
pub const SLUG_MM: f32 = 10.0;

/// Lay out one product in one language.
pub fn layout_document(
    book: &FontBook,
    content: &Content,
    lang: &Language,
    template: &Template,
    options: &LayoutOptions<'_>,
) -> Result<Document, LayoutError> {
    // Page boxes: the trim, and the bleed round it in press mode.
    let sheet = Sheet::new(template, options.bleed);
    let mut pages = sheet.pages(template.sides());
    // Imposition: a card repeated in a grid, for products printed several to a sheet.
    let grid = sheet.grid(template);
    // What the document prints about itself: its contacts, sources and checked date.
    let printed = printed_contacts(content, template, options);
    let sources = facts::used_sources(lang, template, options);
    let footer = components::FooterFacts {
        sources: &sources,
        checked: facts::oldest_checked(content, options.nation, &sources, &printed),
        print_note: template.config.print_note.as_deref(),
    };
    // An organisation's brand colour stands in for the template's primary.
    let palette = palette(template, options);
    let doc = DocumentCx {
        book,
        content,
        lang,
        template,
        options,
        palette: &palette,
        printed: &printed,
        footer: &footer,
        sheet: &sheet,
        grid: grid.as_ref(),
    };
    let mut structure = Vec::new();
    let mut shown = Vec::new();
    for panel in &template.panels {
        // Mirroring, regions and placement, panel by panel.
        let laid = layout_panel(&doc, panel)?;
        let page = &mut pages[panel.side];
        // Imposition: the other cards are copies of this one, as artifacts.
        if let Some(g) = &grid {
            page.artifacts
                .extend(g.copies(panel.side, &laid.nodes, &laid.artifacts));
        }
        page.artifacts.extend(laid.artifacts);
        structure.extend(laid.nodes);
        shown.extend(laid.shown);
    }
    // Marks: cut guides and crop marks, the same on every side.
    let marks = sheet.marks(grid.as_ref(), template.margin);
    for page in &mut pages {
        page.artifacts.extend(marks.iter().cloned());
    }
    // Only text in another language than the document's carries its own tag.
    untag_language(&mut structure, &lang.tag);
    Ok(Document {
        title: title(lang, template, options),
        lang: lang.tag.clone(),
        rtl: lang.direction == Direction::Rtl,
        pages,
        structure,
        shown,
    })
}

/// What every panel of a document shares while it is laid out.
struct DocumentCx<'a> {
    book: &'a FontBook,
    content: &'a Content,
    lang: &'a Language,
    template: &'a Template,
    options: &'a LayoutOptions<'a>,
    palette: &'a Palette,
    printed: &'a [String],
    footer: &'a components::FooterFacts<'a>,
    sheet: &'a Sheet,
    grid: Option<&'a impose::Grid>,
}

/// One panel laid out: where it falls on the sheet, the regions it uses and
/// their placement, with fills run into the bleed.
fn layout_panel(doc: &DocumentCx<'_>, panel: &Panel) -> Result<Placed, LayoutError> {
    let (options, rtl) = (doc.options, doc.lang.direction == Direction::Rtl);
    // Mirroring: right-to-left panels fold the other way (or sit in the grid).
    let panel_rect = doc.sheet.panel_rect(doc.template, panel, doc.grid, rtl);
    let frame = doc.sheet.frame(panel_rect, panel);
    // Regions: those this product uses, each where it falls in the frame.
    let used: Vec<&RegionConfig> = panel
        .regions
        .iter()
        .filter(|r| facts::applies(r, options))
        .collect();
    let rects: Vec<Rect> = used
        .iter()
        .map(|r| sheet::region_rect(r, frame, rtl))
        .collect();
    // Placement: the regions share the panel's height.
    let cx = Cx {
        ts: typesetter(doc.book, doc.lang, options.shapes),
        content: doc.content,
        lang: doc.lang,
        second: options
            .second
            .map(|l| (typesetter(doc.book, l, options.shapes), l)),
        palette: doc.palette,
        bilingual_scale: doc.template.config.bilingual_scale,
        second_scale: doc.template.config.second_scale.min(1.0),
        page: panel.side,
        org: options.org,
        nation: options.nation,
        printed: doc.printed,
        fitted: options.fitted,
    };
    let placements = place_panel(&cx, &used, rects, doc.footer, options.org);
    let mut laid = Placed::default();
    for (region, (rect, placed)) in used.iter().zip(placements) {
        let mut placed = placed?;
        doc.sheet
            .bleed_fill(region, &mut placed.artifacts, rect, frame, panel_rect);
        laid.artifacts.extend(placed.artifacts);
        laid.nodes.extend(placed.nodes);
        laid.shown.extend(placed.shown);
    }
    Ok(laid)
}

/// The template's palette, with an organisation's brand colour as primary.
/// The document's colours: the template's, with an organisation's brand
/// colour for the primary.
pub fn palette(template: &Template, options: &LayoutOptions<'_>) -> Palette {
    let mut palette = template.config.palette.clone();
    if let Some(brand) = options.org.and_then(|o| o.brand) {
        palette.primary = brand;
    }
    palette
}

/// Drop the language tag of text in the document's own language.
fn untag_language(nodes: &mut [display::Node], doc_lang: &str) {
    for n in nodes {
        if n.lang.as_deref() == Some(doc_lang) {
            n.lang = None;
        }
        untag_language(&mut n.children, doc_lang);
    }
}

/// The document's title: the poster title (in both languages of a
/// bilingual product) and the product's name.
fn title(lang: &Language, template: &Template, options: &LayoutOptions<'_>) -> String {
    let mut title = lang.strings.get("poster.title").to_string();
    if let Some(second) = options.second {
        title = format!("{title} / {}", second.strings.get("poster.title"));
    }
    format!("{title} – {}", template.config.name)
}

/// Each region of a panel placed, sharing the panel's height (`flow`). A
/// local panel that does not fit with all it carries shows what fits, by its
/// priority (`carry::choose`).
fn place_panel(
    cx: &Cx<'_>,
    used: &[&RegionConfig],
    rects: Vec<Rect>,
    facts: &components::FooterFacts<'_>,
    org: Option<&crate::model::Org>,
) -> Vec<(Rect, Result<components::Placed, LayoutError>)> {
    let place = |region: &RegionConfig, rect: Rect, carry: &carry::Carry| match region.component {
        Component::Header => header::header(cx, region, rect),
        Component::Block => block::block(cx, region, rect),
        Component::Quote => components::quote(cx, region, rect),
        Component::Contacts => contacts::contacts(cx, region, rect),
        Component::Local => local::local(cx, region, rect, carry),
        Component::Footer => components::footer(cx, region, rect, facts),
    };
    let mut carries: Vec<carry::Carry> = used
        .iter()
        .map(|r| match (org, r.component) {
            (Some(org), Component::Local) => {
                carry::Carry::new(&carry::Carry::candidates(org, &r.priority))
            }
            _ => carry::Carry::new(&[]),
        })
        .collect();
    let run = |carries: &[carry::Carry]| {
        flow::place_column(used, rects.clone(), |i, rect| {
            place(used[i], rect, &carries[i])
        })
    };
    let overflows = |placements: &[(Rect, Result<components::Placed, LayoutError>)], i: usize| {
        matches!(placements[i].1, Err(LayoutError::Overflow { .. }))
    };
    let first = run(&carries);
    let short: Vec<usize> = (0..used.len())
        .filter(|i| used[*i].component == Component::Local && overflows(&first, *i))
        .collect();
    if short.is_empty() || org.is_none() {
        return first;
    }
    for i in short {
        // Try each selection in the most room the column could give the panel.
        let room = flow::largest_room(used, &rects, i, |j, rect| place(used[j], rect, &carries[j]));
        let candidates = carries[i].shown().to_vec();
        let chosen = carry::choose(&candidates, |selection| {
            let trial = carry::Carry::new(selection);
            !matches!(
                place(used[i], room, &trial),
                Err(LayoutError::Overflow { .. })
            )
        });
        carries[i] = carry::Carry::new(&chosen);
    }
    run(&carries)
}

fn typesetter<'a>(
    book: &'a FontBook,
    lang: &Language,
    cache: Option<&'a shape_cache::ShapeCache>,
) -> Typesetter<'a> {
    // After the language's stack, every other shipped family, for an
    // organisation's own text (a name in another script). Content never
    // needs them: `check` holds it to the language's stack.
    let fallback = book
        .families()
        .filter(|f| !lang.fonts.iter().any(|own| own == f))
        .map(str::to_string)
        .collect();
    Typesetter {
        book,
        cache,
        lang: TextLang {
            tag: lang.tag.clone(),
            rtl: lang.direction == Direction::Rtl,
            families: lang.fonts.clone(),
            fallback,
            line_height: lang.line_height,
            text_layer: lang.text_layer.clone(),
        },
    }
}
