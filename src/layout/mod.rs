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
pub mod display;
pub mod fit;
pub mod flow;
pub mod impose;
pub mod lines;
pub mod local;
pub mod protect;
pub mod shape;
pub mod stack;
pub mod text;

use crate::diag::Diagnostic;
use crate::fonts::FontBook;
use crate::model::{Content, Direction, Language};
use crate::template::{Component, RegionConfig, Template};
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
            .with_hint(format!("remove the character or add a font that has it to `fonts` in content/{code}/language.toml")),
            LayoutError::Overflow { block, misfit } => {
                let d = Diagnostic::error(format!(
                    "`{product}` in `{code}`: the `{block}` text does not fit at the smallest allowed size: {misfit}"
                ))
                .with_hint("shorten the text, or give its region more room or a smaller `min-size` in the template");
                let rel = format!("{code}/{block}.md");
                if lang.blocks.contains_key(block.as_str()) {
                    spans.place(&rel, "body", crate::diag::Part::Value, d)
                } else {
                    d.in_file(format!("templates/{product}.toml"))
                }
            }
            LayoutError::MissingContent(what) if what.starts_with("contact") => Diagnostic::error(format!(
                "`{product}`: the template uses {what}, which contacts.toml does not have (or could not load)"
            ))
            .in_file(format!("templates/{product}.toml"))
            .with_hint("fix the contact record, or the id in the template"),
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

/// Knobs for laying out a product.
#[derive(Debug, Clone, Copy, Default)]
pub struct LayoutOptions<'a> {
    /// Press mode: 3 mm bleed on every side, crop marks, trim and bleed boxes.
    pub bleed: bool,
    /// The organisation whose name, logo and contacts personalise it.
    pub org: Option<&'a crate::org::Org>,
    /// The nation whose content and contacts to use (empty: England).
    pub nation: &'a str,
    /// The second language of a bilingual product (`cy+en`: English).
    pub second: Option<&'a Language>,
}

impl LayoutOptions<'_> {
    /// The nation, defaulting to England.
    pub fn nation(&self) -> &str {
        if self.nation.is_empty() {
            "england"
        } else {
            self.nation
        }
    }
}

/// Bleed beyond the trim in press mode.
pub const BLEED_MM: f32 = 3.0;

/// Lay out one product in one language.
pub fn layout_document(
    book: &FontBook,
    content: &Content,
    lang: &Language,
    template: &Template,
    options: &LayoutOptions<'_>,
) -> Result<Document, LayoutError> {
    let rtl = lang.direction == Direction::Rtl;
    let bleed = if options.bleed {
        crate::units::Pt::from_mm(BLEED_MM).0
    } else {
        0.0
    };
    let trim = Rect::new(bleed, bleed, template.width, template.height);
    let mut pages: Vec<Page> = (0..template.sides())
        .map(|_| Page {
            width: template.width + 2.0 * bleed,
            height: template.height + 2.0 * bleed,
            trim: options.bleed.then_some(trim),
            bleed: options.bleed.then_some(Rect::new(
                0.0,
                0.0,
                template.width + 2.0 * bleed,
                template.height + 2.0 * bleed,
            )),
            artifacts: Vec::new(),
        })
        .collect();
    // Nothing is placed within the sheet's margin.
    let safe = trim.inset(template.margin);
    let mut palette = template.config.palette.clone();
    if let Some(brand) = options.org.and_then(|o| o.brand) {
        palette.primary = brand;
    }
    let grid = template
        .config
        .imposition
        .as_ref()
        .map(|imp| impose::Grid::new(imp, template, trim));
    let sources = used_sources(lang, template, options);
    let printed = printed_contacts(content, template, options);
    let facts = components::FooterFacts {
        sources: &sources,
        checked: oldest_checked(content, options.nation(), &sources, &printed),
        print_note: template.config.print_note.as_deref(),
    };
    let mut structure = Vec::new();
    let mut shown = Vec::new();
    for panel in &template.panels {
        let cx = Cx {
            ts: typesetter(book, lang),
            content,
            lang,
            second: options.second.map(|l| (typesetter(book, l), l)),
            palette: &palette,
            bilingual_scale: template.config.bilingual_scale,
            page: panel.side,
            org: options.org,
            nation: options.nation(),
            printed: &printed,
        };
        // Right-to-left languages fold the other way: panels side by side
        // are mirrored, so the cover opens to the left and pages run right
        // to left. Both sides mirror, so the duplex setting is unchanged.
        let panel_x = if rtl {
            template.width - panel.x - panel.w
        } else {
            panel.x
        };
        let panel_rect = match &grid {
            Some(g) => g.master(panel.side, panel.w, panel.h),
            None => Rect::new(trim.x + panel_x, trim.y + panel.y, panel.w, panel.h),
        };
        let frame = intersect(panel_rect, safe).inset(panel.margin);
        let mut nodes = Vec::new();
        let mut artifacts = Vec::new();
        let (org, bilingual) = (options.org.is_some(), options.second.is_some());
        let used: Vec<&RegionConfig> = panel
            .regions
            .iter()
            .filter(|r| {
                r.when
                    .iter()
                    .all(|w| w.holds(org, bilingual, options.nation()))
            })
            .collect();
        let rects: Vec<Rect> = used.iter().map(|r| region_rect(r, frame, rtl)).collect();
        let placements = place_panel(&cx, &used, rects, &facts, options.org);
        for (region, (rect, placed)) in used.iter().zip(placements) {
            let mut placed = placed?;
            if region.bleed && options.bleed && region.fill.is_some() {
                bleed_fill(&mut placed.artifacts, rect, frame, panel_rect, trim, bleed);
            }
            artifacts.extend(placed.artifacts);
            nodes.extend(placed.nodes);
            shown.extend(placed.shown);
        }
        let page = &mut pages[panel.side];
        if let Some(g) = &grid {
            page.artifacts
                .extend(g.copies(panel.side, &nodes, &artifacts));
        }
        page.artifacts.extend(artifacts);
        structure.extend(nodes);
    }
    for page in &mut pages {
        match &grid {
            Some(g) => page
                .artifacts
                .extend(g.cut_marks(options.bleed, template.margin)),
            None if options.bleed => page.artifacts.extend(impose::corner_marks(trim, bleed)),
            None => {}
        }
    }
    // Only text in another language than the document's carries its own tag.
    fn strip(nodes: &mut [display::Node], doc_lang: &str) {
        for n in nodes {
            if n.lang.as_deref() == Some(doc_lang) {
                n.lang = None;
            }
            strip(&mut n.children, doc_lang);
        }
    }
    strip(&mut structure, &lang.tag);
    let mut title = lang.strings.get("poster.title").to_string();
    if let Some(second) = options.second {
        title = format!("{title} / {}", second.strings.get("poster.title"));
    }
    Ok(Document {
        title: format!("{title} – {}", template.config.name),
        lang: lang.tag.clone(),
        rtl,
        pages,
        structure,
        shown,
    })
}

/// Each region of a panel placed, sharing the panel's height (`flow`). A
/// local panel that does not fit with all it carries shows what fits, by its
/// priority (`carry::choose`).
fn place_panel(
    cx: &Cx<'_>,
    used: &[&RegionConfig],
    rects: Vec<Rect>,
    facts: &components::FooterFacts<'_>,
    org: Option<&crate::org::Org>,
) -> Vec<(Rect, Result<components::Placed, LayoutError>)> {
    let place = |region: &RegionConfig, rect: Rect, carry: &carry::Carry| match region.component {
        Component::Header => components::header(cx, region, rect),
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

fn typesetter<'a>(book: &'a FontBook, lang: &Language) -> Typesetter<'a> {
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

/// The overlap of two rectangles (empty if they do not overlap).
fn intersect(a: Rect, b: Rect) -> Rect {
    let x = a.x.max(b.x);
    let y = a.y.max(b.y);
    let r = a.right().min(b.right());
    let bot = a.bottom().min(b.bottom());
    Rect::new(x, y, (r - x).max(0.0), (bot - y).max(0.0))
}

/// Run a region's fill off the trim into the bleed on each side where the
/// region touches its panel's frame and the panel reaches the trim edge.
fn bleed_fill(
    artifacts: &mut [display::Item],
    rect: Rect,
    frame: Rect,
    panel: Rect,
    trim: Rect,
    bleed: f32,
) {
    let Some(display::Item::Rect {
        rect: fill, radius, ..
    }) = artifacts.first_mut()
    else {
        return;
    };
    let near = |a: f32, b: f32| (a - b).abs() < 0.5;
    let (mut l, mut t, mut r, mut b) = (fill.x, fill.y, fill.right(), fill.bottom());
    if near(rect.x, frame.x) && near(panel.x, trim.x) {
        l = trim.x - bleed;
    }
    if near(rect.y, frame.y) && near(panel.y, trim.y) {
        t = trim.y - bleed;
    }
    if near(rect.right(), frame.right()) && near(panel.right(), trim.right()) {
        r = trim.right() + bleed;
    }
    if near(rect.bottom(), frame.bottom()) && near(panel.bottom(), trim.bottom()) {
        b = trim.bottom() + bleed;
    }
    *fill = Rect::new(l, t, r - l, b - t);
    *radius = 0.0;
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

/// The regions a product uses, given whether it has an organisation and a second language.
fn used_regions<'t>(
    template: &'t Template,
    options: &LayoutOptions<'_>,
) -> impl Iterator<Item = &'t RegionConfig> {
    let (org, bilingual) = (options.org.is_some(), options.second.is_some());
    let nation = options.nation().to_string();
    template
        .panels
        .iter()
        .flat_map(|p| &p.regions)
        .filter(move |r| r.when.iter().all(|w| w.holds(org, bilingual, &nation)))
}

/// Ids of the contact records a product prints in its nation: those its
/// contact panels list that apply there, less any that stands in for
/// records the product prints itself.
pub fn printed_contacts(
    content: &Content,
    template: &Template,
    options: &LayoutOptions<'_>,
) -> Vec<String> {
    let mut listed: Vec<&crate::model::Contact> = Vec::new();
    for region in used_regions(template, options).filter(|r| r.component == Component::Contacts) {
        for id in &region.contacts {
            if let Some(c) = content.contact_for(id, options.nation())
                && !listed.iter().any(|l| l.id == c.id)
            {
                listed.push(c);
            }
        }
    }
    let has = |id: &String| listed.iter().any(|l| &l.id == id);
    listed
        .iter()
        .filter(|c| !c.stands_in_for.iter().any(has))
        .map(|c| c.id.clone())
        .collect()
}

/// The day the oldest record a document prints was confirmed: its sources
/// and its contact records. (With none, the pack's review date.)
fn oldest_checked(
    content: &Content,
    nation: &str,
    sources: &[String],
    contacts: &[String],
) -> crate::model::Date {
    let nation_contacts = contacts
        .iter()
        .filter_map(|id| content.contact_for(id, nation))
        .map(|c| c.checked);
    sources
        .iter()
        .filter_map(|id| content.source(id))
        .map(|s| s.checked)
        .chain(nation_contacts)
        .min()
        .unwrap_or(content.pack.reviewed)
}

/// Source ids of the blocks and quotes a template shows, in order, without repeats.
fn used_sources(lang: &Language, template: &Template, options: &LayoutOptions<'_>) -> Vec<String> {
    let nation = options.nation();
    let mut out: Vec<String> = Vec::new();
    for r in used_regions(template, options) {
        let id = match r.component {
            Component::Block => r
                .block
                .as_deref()
                .and_then(|b| lang.block_for(b, nation))
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
