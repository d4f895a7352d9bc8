//! Layout: content + template → a display list per page.
//!
//! Each region of the template is filled by its component, which shapes its
//! text (rustybuzz, with bidi levels from unicode-bidi), breaks it into lines
//! (unicode-linebreak, never inside a number or address), auto-fits it to the
//! region and places it. The result is renderer-independent data.

pub mod components;
pub mod display;
pub mod fit;
pub mod lines;
pub mod protect;
pub mod shape;
pub mod stack;
pub mod text;

use crate::diag::Diagnostic;
use crate::fonts::FontBook;
use crate::model::{Content, Direction, Language};
use crate::template::{Component, Template};
use components::Cx;
use display::{Document, Page, Rect};
use fit::Misfit;
use shape::{MissingGlyph, TextLang};
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
    MissingContent(String),
}

impl LayoutError {
    fn overflow(block: &str, misfit: Misfit) -> Self {
        LayoutError::Overflow {
            block: block.to_string(),
            misfit,
        }
    }

    /// As a diagnostic naming product and language.
    pub fn to_diagnostic(&self, template: &Template, lang: &Language) -> Diagnostic {
        let product = template.id();
        let code = &lang.code;
        match self {
            LayoutError::MissingGlyph(m) => Diagnostic::error(format!(
                "`{product}` in `{code}`: no font in the `{code}` font stack has U+{:04X} `{}` (in “{}”)",
                m.ch as u32,
                m.ch,
                shorten(&m.text)
            ))
            .with_hint(format!("remove the character or add a font that has it to `fonts` in content/{code}/language.toml")),
            LayoutError::Overflow { block, misfit } => Diagnostic::error(format!(
                "`{product}` in `{code}`: the `{block}` text does not fit at the smallest allowed size: {misfit}"
            ))
            .in_file(format!("templates/{product}.toml"))
            .with_hint("shorten the text, or give its region more room or a smaller `min-size` in the template"),
            LayoutError::MissingContent(what) => Diagnostic::error(format!(
                "`{product}` in `{code}`: the template uses {what}, which `{code}` does not have"
            ))
            .in_file(format!("templates/{product}.toml"))
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

/// Lay out one product in one language.
pub fn layout_document(
    book: &FontBook,
    content: &Content,
    lang: &Language,
    template: &Template,
) -> Result<Document, LayoutError> {
    let rtl = lang.direction == Direction::Rtl;
    let cx = Cx {
        ts: Typesetter {
            book,
            lang: TextLang {
                tag: lang.tag.clone(),
                rtl,
                families: lang.fonts.clone(),
                line_height: lang.line_height,
            },
        },
        content,
        lang,
        palette: &template.config.palette,
        page: 0,
    };
    // The margin box: regions are placed relative to it, mirrored for right-to-left.
    let frame = Rect::new(
        template.margin,
        template.margin,
        template.width - 2.0 * template.margin,
        template.height - 2.0 * template.margin,
    );
    let mut page = Page {
        width: template.width,
        height: template.height,
        trim: None,
        bleed: None,
        artifacts: Vec::new(),
    };
    let mut structure = Vec::new();
    let sources = used_sources(lang, template);
    for region in &template.config.regions {
        let rect = region_rect(region, frame, rtl);
        let placed = match region.component {
            Component::Header => components::header(&cx, region, rect)?,
            Component::Block => components::block(&cx, region, rect)?,
            Component::Quote => components::quote(&cx, region, rect)?,
            Component::Contacts => components::contacts(&cx, region, rect)?,
            Component::Footer => components::footer(&cx, region, rect, &sources)?,
        };
        page.artifacts.extend(placed.artifacts);
        structure.extend(placed.nodes);
    }
    Ok(Document {
        title: format!(
            "{} – {}",
            lang.strings.get("poster.title"),
            template.config.name
        ),
        lang: lang.tag.clone(),
        rtl,
        pages: vec![page],
        structure,
    })
}

/// A region's rectangle on the page.
fn region_rect(region: &crate::template::RegionConfig, frame: Rect, rtl: bool) -> Rect {
    let x = region.x.resolve(frame.w);
    let w = region.w.resolve(frame.w);
    let y = region.y.resolve(frame.h);
    let h = region.h.resolve(frame.h);
    let x = if rtl { frame.w - x - w } else { x };
    Rect::new(frame.x + x, frame.y + y, w, h)
}

/// Source ids of the blocks and quotes a template shows, in order, without repeats.
fn used_sources(lang: &Language, template: &Template) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in &template.config.regions {
        let id = match r.component {
            Component::Block => r
                .block
                .as_deref()
                .and_then(|b| lang.block(b))
                .and_then(|b| b.source.clone()),
            Component::Quote => r
                .quote
                .as_deref()
                .and_then(|q| lang.quote(q))
                .map(|q| q.source.clone()),
            _ => None,
        };
        if let Some(id) = id
            && !out.contains(&id)
        {
            out.push(id);
        }
    }
    out
}
