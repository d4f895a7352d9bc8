//! Components: what fills a template region. The shared context and helpers,
//! and the quote and footer (the header, blocks, contacts and the local panel
//! have modules of their own). Each shapes its text once, then auto-fits it.

use super::fit::fit;
use super::lines::Align;
use super::shape::{ShapedText, StyledText};
use super::stack::{Entry, runs_to_items, stack};
use super::text::{ParaStyle, Typesetter, natural_width, set_text};
use super::{LayoutError, Missing};
use crate::display::{Item, Node, Rect, Role};
use crate::fonts::FontStyle;
use crate::model::{Content, Language, SOURCE_LANG, Span};
use crate::template::{Palette, PaletteColor, RegionConfig};
use crate::units::Color;
use std::sync::Arc;

/// What every component reads.
pub struct Cx<'a> {
    pub ts: Typesetter<'a>,
    pub content: &'a Content,
    pub lang: &'a Language,
    /// The second language of a bilingual product, set after the first.
    pub second: Option<(Typesetter<'a>, &'a Language)>,
    pub palette: &'a Palette,
    /// Scale of size bounds for a bilingual product.
    pub bilingual_scale: f32,
    /// The second language's size as a share of the first's (see
    /// [`crate::template::TemplateConfig::second_scale`]).
    pub second_scale: f32,
    pub page: usize,
    pub org: Option<&'a crate::model::Org>,
    pub nation: crate::model::Nation,
    /// The build's shrunk image copies (see [`crate::images::Fitted`]).
    pub fitted: Option<&'a crate::images::Fitted>,
    /// Ids of the contact records this document prints (see
    /// [`super::printed_contacts`]).
    pub printed: &'a [String],
}

/// A component's output: structure nodes in reading order, and decoration.
#[derive(Default)]
pub struct Placed {
    pub nodes: Vec<Node>,
    pub artifacts: Vec<Item>,
    /// Set below its largest size for lack of room: more height would make
    /// it larger (flow gives it any height other regions can spare).
    pub cramped: bool,
    /// The organisation's details shown (`dsl`, `dsl.email`; see `carry`).
    pub shown: Vec<crate::model::details::LocalField>,
}

/// One language of a product: its typesetter and content.
#[derive(Clone, Copy)]
pub struct Part<'p> {
    pub ts: &'p Typesetter<'p>,
    pub lang: &'p Language,
    /// The first language (the second is set smaller where it repeats a title).
    pub first: bool,
}

impl Part<'_> {
    pub(super) fn shape(
        &self,
        text: &str,
        style: FontStyle,
    ) -> Result<Arc<ShapedText>, LayoutError> {
        self.ts.shape_plain(text, style).map_err(LayoutError::from)
    }

    pub(super) fn shape_styled(&self, text: &StyledText) -> Result<Arc<ShapedText>, LayoutError> {
        self.ts.shape(text).map_err(LayoutError::from)
    }

    pub(super) fn shape_spans(
        &self,
        spans: &[Span],
        base: FontStyle,
    ) -> Result<Arc<ShapedText>, LayoutError> {
        let mut styled = StyledText::default();
        for s in spans {
            let style = FontStyle {
                bold: s.bold || base.bold,
                italic: s.italic || base.italic,
            };
            styled.push(&s.text, style);
        }
        self.shape_styled(&styled)
    }

    pub(super) fn strings(&self) -> &crate::model::Strings {
        &self.lang.strings
    }
}

impl<'a> Cx<'a> {
    /// The product's languages in reading order: one, or two for a bilingual product.
    pub(super) fn parts(&self) -> Vec<Part<'_>> {
        let mut parts = vec![Part {
            ts: &self.ts,
            lang: self.lang,
            first: true,
        }];
        if let Some((ts, lang)) = &self.second {
            parts.push(Part {
                ts,
                lang,
                first: false,
            });
        }
        parts
    }

    /// The first language.
    pub(super) fn primary(&self) -> Part<'_> {
        self.parts()[0]
    }

    pub(super) fn shape(
        &self,
        text: &str,
        style: FontStyle,
    ) -> Result<Arc<ShapedText>, LayoutError> {
        self.primary().shape(text, style)
    }

    pub(super) fn rtl(&self) -> bool {
        self.ts.rtl()
    }

    /// The x of something `width` wide, `offset` in from the start side of `area`.
    pub(super) fn start_x(&self, area: Rect, offset: f32, width: f32) -> f32 {
        if self.rtl() {
            area.right() - offset - width
        } else {
            area.x + offset
        }
    }
}

/// A region's size bounds; a bilingual product carries twice the text, so
/// its bounds are the template's `bilingual-scale` of the usual ones.
pub(super) fn sizes(cx: &Cx<'_>, region: &RegionConfig) -> (f32, f32) {
    let k = if cx.second.is_some() {
        cx.bilingual_scale
    } else {
        1.0
    };
    (
        region.min_size.resolve(0.0) * k,
        region.max_size.resolve(0.0) * k,
    )
}

/// How far (at most) a second language's colour is blended from the first
/// language's ink toward the paper...
const SECOND_MIX_MAX: f32 = 0.45;
/// ...while it keeps at least this contrast with every background it can sit
/// on (above WCAG AA's 4.5:1, so it survives an office printer).
const SECOND_CONTRAST: f32 = 5.5;

/// A bilingual product's second language is told from the first by colour:
/// the first in `ink`, the second in this, `ink` blended toward its
/// backgrounds as far as keeps [`SECOND_CONTRAST`] on every one of them
/// (light ink toward the primary band, dark ink toward the paper). The same
/// for every region of a product, so a reader finds their language at a glance.
pub(super) fn second_ink(palette: &Palette, ink: Color) -> Color {
    let light = ink.luminance() > 0.5;
    let grounds: Vec<Color> = if light {
        vec![palette.primary]
    } else {
        vec![palette.paper, palette.surface, palette.accent]
    };
    let toward = if light {
        palette.primary
    } else {
        palette.paper
    };
    let ok = |c: Color| grounds.iter().all(|g| c.contrast(*g) >= SECOND_CONTRAST);
    (0..=9)
        .rev()
        .map(|i| mix(ink, toward, SECOND_MIX_MAX * i as f32 / 9.0))
        .find(|c| ok(*c))
        .unwrap_or(ink)
}

/// `a` blended toward `b` by `t` (0 = a, 1 = b).
pub(super) fn mix(a: Color, b: Color, t: f32) -> Color {
    let m = |x: u8, y: u8| (f32::from(x) * (1.0 - t) + f32::from(y) * t).round() as u8;
    Color::rgb(m(a.r, b.r), m(a.g, b.g), m(a.b, b.b))
}

/// Fill behind the region, if the template asks for one.
pub(super) fn background(cx: &Cx<'_>, region: &RegionConfig, rect: Rect) -> Vec<Item> {
    region
        .fill
        .map(|name| cx.palette.get(name))
        .map(|fill| Item::Rect {
            rect,
            fill,
            radius: region.radius.resolve(0.0),
        })
        .into_iter()
        .collect()
}

/// Text colour for a region: readable on its fill.
pub(super) fn ink_on(cx: &Cx<'_>, region: &RegionConfig) -> Color {
    match region.fill {
        Some(PaletteColor::Primary) => cx.palette.on_primary,
        Some(PaletteColor::Accent) => cx.palette.on_accent,
        _ => cx.palette.ink,
    }
}

/// A quote's text and attribution are indented by this many sizes, clear of
/// the large quotation mark in the margin.
const QUOTE_INDENT: f32 = 1.5;
/// A quote is set a touch looser than body text: it is italic, and short.
const QUOTE_LEADING: f32 = 1.02;
/// The attribution is smaller than the quote, and this far below it (in sizes).
const ATTRIBUTION_SCALE: f32 = 0.72;
const ATTRIBUTION_SPACE: f32 = 0.5;
/// Space before a bilingual quote's second language, in sizes.
const SECOND_QUOTE_SPACE: f32 = 0.8;
/// The decorative quotation mark's size relative to the text's, and how far
/// it is raised above the first line's top (in text sizes) so its glyph,
/// which sits high in its em, lines up with the text's cap height.
const MARK_SCALE: f32 = 2.6;
const MARK_RAISE: f32 = 0.35;

/// An attributed quote on a card, with a large decorative quotation mark.
pub fn quote(cx: &Cx<'_>, region: &RegionConfig, rect: Rect) -> Result<Placed, LayoutError> {
    let id = region.quote.as_deref().unwrap_or_default();
    let mut shaped = Vec::new();
    for part in cx.parts() {
        let q = part
            .lang
            .quote(id)
            .ok_or_else(|| LayoutError::MissingContent(Missing::Quote(id.to_string())))?;
        let text = part.shape(&q.text, FontStyle::ITALIC)?;
        let mut attribution = format!("— {}", q.attribution);
        if q.translated_from.is_some() {
            attribution.push_str(&format!(
                " ({})",
                part.strings().get("footer.translated-quote")
            ));
        }
        shaped.push((text, part.shape(&attribution, FontStyle::REGULAR)?));
    }
    let mark = cx.shape(if cx.rtl() { "”" } else { "“" }, FontStyle::BOLD)?;
    let inner = rect.inset(region.padding.resolve(rect.w));
    let ink = ink_on(cx, region);
    let mut entries = Vec::new();
    for (i, (text, attribution)) in shaped.iter().enumerate() {
        let gap = if i > 0 { SECOND_QUOTE_SPACE } else { 0.0 };
        // The second language in its own colour (see `second_ink`), and
        // never larger than the first.
        let (ink, k) = if i > 0 {
            (second_ink(cx.palette, ink), cx.second_scale)
        } else {
            (ink, 1.0)
        };
        entries.push(
            Entry::new(Role::P, text, ParaStyle::new(k, ink).leading(QUOTE_LEADING))
                .indent(QUOTE_INDENT)
                .space_before(gap),
        );
        entries.push(
            Entry::new(
                Role::P,
                attribution,
                ParaStyle::new(ATTRIBUTION_SCALE * k, cx.palette.muted),
            )
            .space_before(ATTRIBUTION_SPACE)
            .indent(QUOTE_INDENT),
        );
    }
    let (min, max) = sizes(cx, region);
    let (size, mut stacked) = fit(min, max, |size| stack(&entries, size, inner, cx.rtl()))
        .map_err(|m| LayoutError::overflow(id, m))?;
    let dy = (inner.h - stacked.height) / 2.0;
    stacked.shift(dy);
    let mut artifacts = background(cx, region, rect);
    let mark_size = MARK_SCALE;
    let mark_w = natural_width(&mark, size * mark_size);
    let mx = cx.start_x(inner, 0.0, mark_w);
    if let Ok(set) = set_text(
        &mark,
        ParaStyle::new(mark_size, cx.palette.accent),
        size,
        mx,
        inner.y + dy - MARK_RAISE * size,
        mark_w + 1.0,
    ) {
        artifacts.extend(runs_to_items(set.runs));
    }
    Ok(Placed {
        nodes: vec![Node::new(Role::BlockQuote, cx.page).with_children(stacked.nodes(cx.page))],
        artifacts,
        cramped: size < max,
        shown: Vec::new(),
    })
}

/// What a document's footer states about it.
pub struct FooterFacts<'a> {
    /// Ids of the sources the document prints, in order.
    pub sources: &'a [String],
    /// The day the oldest record printed on the document was confirmed.
    pub checked: crate::model::Date,
    /// A strings key for a printing instruction (duplex), if the product has one.
    pub print_note: Option<&'a str>,
}

/// Space above the footer's sources line, in sizes: enough to part it from
/// the status lines without spending a panel's height on it.
const SOURCES_SPACE: f32 = 0.2;

/// Sources, the checked date and version, and the translation status.
pub fn footer(
    cx: &Cx<'_>,
    region: &RegionConfig,
    rect: Rect,
    facts: &FooterFacts<'_>,
) -> Result<Placed, LayoutError> {
    let s = &cx.lang.strings;
    let source_ids = facts.sources;
    let print_note = facts.print_note;
    // "Sources: Department for Education, “…” (February 2017)." with the
    // publishers and titles tagged in their own language.
    let regular = FontStyle::REGULAR;
    let mut line = StyledText::plain(&format!("{}: ", s.get("footer.sources")), regular);
    let listed = source_ids.iter().filter_map(|id| cx.content.source(id));
    for (i, src) in listed.enumerate() {
        if i > 0 {
            line.push("; ", regular);
        }
        line.push_in(&src.publisher, regular, SOURCE_LANG);
        line.push(", “", regular);
        line.push_in(&src.title, regular, SOURCE_LANG);
        line.push("”", regular);
        if let Some(date) = src.date {
            line.push(&format!(" ({})", s.source_date(date)), regular);
        }
    }
    line.push(".", regular);
    let sources = cx.primary().shape_styled(&line)?;
    let show_sources = region.show_sources && !source_ids.is_empty();
    let pack = &cx.content.pack;
    // The checked date, version and translation status in each language.
    let mut statuses = Vec::new();
    for part in cx.parts() {
        let s = part.strings();
        let mut status = format!(
            "{} · {}",
            s.format("footer.checked", &[("date", &s.month_year(facts.checked))]),
            s.format("footer.version", &[("version", &pack.version)])
        );
        if part.lang.status == crate::model::Status::Draft {
            status.push_str(" · ");
            status.push_str(s.get("footer.draft-notice"));
        }
        if let Some(key) = print_note {
            status.push_str(" · ");
            status.push_str(s.get(key));
        }
        statuses.push(part.shape(&status, FontStyle::BOLD)?);
    }
    let inner = rect.inset(region.padding.resolve(rect.w));
    let muted = cx.palette.muted;
    let mut entries: Vec<Entry<'_>> = statuses
        .iter()
        .map(|st| Entry::new(Role::P, st, ParaStyle::new(1.0, muted).align(Align::Start)))
        .collect();
    if show_sources {
        entries.push(
            Entry::new(Role::P, &sources, ParaStyle::new(1.0, muted)).space_before(SOURCES_SPACE),
        );
    }
    let (min, max) = sizes(cx, region);
    let (_, mut stacked) = fit(min, max, |size| stack(&entries, size, inner, cx.rtl()))
        .map_err(|m| LayoutError::overflow("footer", m))?;
    stacked.shift(inner.h - stacked.height);
    Ok(Placed {
        nodes: stacked.nodes(cx.page),
        artifacts: background(cx, region, rect),
        cramped: false,
        shown: Vec::new(),
    })
}
