//! Components: what fills a template region. The shared context and helpers,
//! and the header, quote and footer (blocks, contacts and the local panel have
//! modules of their own). Each shapes its text once, then auto-fits it.

use super::LayoutError;
use super::fit::fit;
use super::lines::Align;
use super::shape::{ShapedText, StyledText};
use super::stack::{Entry, runs_to_items, stack};
use super::text::{ParaStyle, Typesetter, natural_width, set_text};
use crate::display::{Item, Node, Rect, Role};
use crate::fonts::FontStyle;
use crate::model::{Content, Language, Span};
use crate::template::{Palette, RegionConfig};
use crate::units::Color;

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
    pub page: usize,
    pub org: Option<&'a crate::model::Org>,
    pub nation: &'a str,
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
    pub shown: Vec<String>,
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
    pub(super) fn shape(&self, text: &str, style: FontStyle) -> Result<ShapedText, LayoutError> {
        self.ts.shape_plain(text, style).map_err(LayoutError::from)
    }

    pub(super) fn shape_styled(&self, text: &StyledText) -> Result<ShapedText, LayoutError> {
        self.ts.shape(text).map_err(LayoutError::from)
    }

    pub(super) fn shape_spans(
        &self,
        spans: &[Span],
        base: FontStyle,
    ) -> Result<ShapedText, LayoutError> {
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

    pub(super) fn shape(&self, text: &str, style: FontStyle) -> Result<ShapedText, LayoutError> {
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

/// Fill behind the region, if the template asks for one.
pub(super) fn background(cx: &Cx<'_>, region: &RegionConfig, rect: Rect) -> Vec<Item> {
    region
        .fill
        .as_deref()
        .and_then(|name| cx.palette.named(name))
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
    match region.fill.as_deref() {
        Some("primary") => cx.palette.on_primary,
        Some("accent") => cx.palette.on_accent,
        _ => cx.palette.ink,
    }
}

/// A tall header's logo takes this share of its height, above the text.
const LOGO_ON_TOP: f32 = 0.28;
/// A logo beside the text takes at most this share of the header's width...
const LOGO_BESIDE: f32 = 0.22;
/// ...and this share more keeps the text clear of it.
const LOGO_GAP: f32 = 0.03;

/// Kicker, title (H1) and tagline, centred vertically.
pub fn header(cx: &Cx<'_>, region: &RegionConfig, rect: Rect) -> Result<Placed, LayoutError> {
    let key = |k: &Option<String>, default: &'static str| {
        k.clone().unwrap_or_else(|| default.to_string())
    };
    let kicker = key(&region.kicker, "poster.kicker");
    let title = key(&region.title, "poster.title");
    let tagline = key(&region.tagline, "poster.tagline");
    let ink = ink_on(cx, region);
    let accent = if region.fill.as_deref() == Some("primary") {
        cx.palette.accent
    } else {
        cx.palette.primary
    };
    // Kicker (first language only), then each language's title, then each
    // tagline; a second language's title is set smaller, under the first.
    let mut shaped = Vec::new();
    let parts = cx.parts();
    let lines: Vec<(Part<'_>, &String, Role, FontStyle, f32, Color, f32)> = std::iter::once((
        parts[0],
        &kicker,
        Role::P,
        FontStyle::BOLD,
        0.34,
        accent,
        0.0,
    ))
    .chain(parts.iter().map(|p| {
        let (role, scale) = if p.first {
            (Role::H1, 1.0)
        } else {
            (Role::P, 0.55)
        };
        (*p, &title, role, FontStyle::BOLD, scale, ink, 0.12)
    }))
    .chain(
        parts
            .iter()
            .map(|p| (*p, &tagline, Role::P, FontStyle::REGULAR, 0.4, ink, 0.22)),
    )
    .collect();
    for (part, k, role, style, scale, color, space) in lines {
        if !k.is_empty() {
            let mut text = part.strings().get(k).to_string();
            // The organisation's name leads the kicker.
            if let (Some(org), true) = (cx.org, k == &kicker) {
                text = format!("{} · {text}", super::shape::isolated(&org.name));
            }
            shaped.push((role, part.shape(&text, style)?, scale, color, space));
        }
    }
    let entries: Vec<Entry<'_>> = shaped
        .iter()
        .enumerate()
        .map(|(i, (role, text, scale, color, space))| {
            let style =
                ParaStyle::new(*scale, *color).leading(if *role == Role::H1 { 0.92 } else { 1.0 });
            Entry::new(*role, text, style).space_before(if i == 0 { 0.0 } else { *space })
        })
        .collect();
    let inner = rect.inset(region.padding.resolve(rect.w));
    let mut artifacts = background(cx, region, rect);
    let (min, max) = sizes(cx, region);
    let set = |area: Rect| {
        fit(min, max, |size| stack(&entries, size, area, cx.rtl()))
            .map(|(_, mut stacked)| {
                stacked.shift((area.h - stacked.height) / 2.0);
                stacked
            })
            .map_err(|m| LayoutError::overflow("header", m))
    };
    let (stacked, logo) = match cx.org.and_then(|o| o.logo.as_ref().map(|l| (o, l))) {
        None => (set(inner)?, None),
        Some((org, pixels)) => {
            // A tall header (a leaflet cover) puts the logo on top, if the
            // text still fits under it.
            let top = Rect::new(inner.x, inner.y, inner.w, inner.h * LOGO_ON_TOP);
            let gap = inner.h * 0.04;
            let under = Rect::new(inner.x, top.bottom() + gap, inner.w, inner.h - top.h - gap);
            match set(under).ok().filter(|_| inner.h > inner.w * 0.5) {
                Some(stacked) => {
                    let (figure, chip, _) = logo(cx, org, pixels, top, 1.0);
                    artifacts.push(chip);
                    (stacked, Some(figure))
                }
                None => {
                    // Beside: the text keeps to the other side of the logo's
                    // share of the width, whatever the band's height.
                    let (figure, chip, _) = logo(cx, org, pixels, inner, LOGO_BESIDE);
                    artifacts.push(chip);
                    let w = inner.w * (1.0 - LOGO_BESIDE - LOGO_GAP);
                    let text = Rect::new(cx.start_x(inner, 0.0, w), inner.y, w, inner.h);
                    (set(text)?, Some(figure))
                }
            }
        }
    };
    let mut nodes = stacked.nodes(cx.page);
    nodes.extend(logo);
    Ok(Placed {
        nodes,
        artifacts,
        cramped: false,
        shown: Vec::new(),
    })
}

/// The organisation's logo on a white chip at the end side of `area`, sized
/// to its height, with pixels cut down to 300 dpi at the printed size.
fn logo(
    cx: &Cx<'_>,
    org: &crate::model::Org,
    pixels: &std::sync::Arc<crate::model::Pixels>,
    area: Rect,
    max_share: f32,
) -> (Node, Item, f32) {
    let aspect = pixels.width as f32 / pixels.height.max(1) as f32;
    let chip_h = area.h * if max_share >= 1.0 { 1.0 } else { 0.8 };
    let chip_w = (chip_h * aspect).min(area.w * max_share);
    let chip_h = chip_h.min(chip_w / aspect * 1.3).max(chip_w * 0.4);
    // Beside the text: the end side. On top: the start side.
    let x = if max_share >= 1.0 {
        cx.start_x(area, 0.0, chip_w)
    } else {
        cx.start_x(area, area.w - chip_w, chip_w)
    };
    let chip = Rect::new(x, area.y + (area.h - chip_h) / 2.0, chip_w, chip_h);
    let pad = chip_h * 0.08;
    let inside = chip.inset(pad);
    let (w, h) = if inside.w / inside.h > aspect {
        (inside.h * aspect, inside.h)
    } else {
        (inside.w, inside.w / aspect)
    };
    let rect = Rect::new(
        inside.x + (inside.w - w) / 2.0,
        inside.y + (inside.h - h) / 2.0,
        w,
        h,
    );
    let dots = |pt: f32| ((pt / 72.0 * 300.0).ceil() as u32).max(1);
    let pixels = pixels.fit_within(dots(w), dots(h));
    let mut figure =
        Node::new(Role::Figure, cx.page).with_items(vec![Item::Image { rect, pixels }]);
    figure.alt = Some(
        cx.lang
            .strings
            .format("local.logo-alt", &[("name", &org.name)]),
    );
    let chip_item = Item::Rect {
        rect: chip,
        fill: Color::WHITE,
        radius: pad,
    };
    (figure, chip_item, chip_w)
}

/// An attributed quote on a card, with a large decorative quotation mark.
pub fn quote(cx: &Cx<'_>, region: &RegionConfig, rect: Rect) -> Result<Placed, LayoutError> {
    let id = region.quote.as_deref().unwrap_or_default();
    let mut shaped = Vec::new();
    for part in cx.parts() {
        let q = part
            .lang
            .quote(id)
            .ok_or_else(|| LayoutError::MissingContent(format!("quote `{id}`")))?;
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
        let gap = if i > 0 { 0.8 } else { 0.0 };
        entries.push(
            Entry::new(Role::P, text, ParaStyle::new(1.0, ink).leading(1.02))
                .indent(1.5)
                .space_before(gap),
        );
        entries.push(
            Entry::new(Role::P, attribution, ParaStyle::new(0.72, cx.palette.muted))
                .space_before(0.5)
                .indent(1.5),
        );
    }
    let (min, max) = sizes(cx, region);
    let (size, mut stacked) = fit(min, max, |size| stack(&entries, size, inner, cx.rtl()))
        .map_err(|m| LayoutError::overflow(id, m))?;
    let dy = (inner.h - stacked.height) / 2.0;
    stacked.shift(dy);
    let mut artifacts = background(cx, region, rect);
    let mark_size = 2.6;
    let mark_w = natural_width(&mark, size * mark_size);
    let mx = cx.start_x(inner, 0.0, mark_w);
    if let Ok(set) = set_text(
        &mark,
        ParaStyle::new(mark_size, cx.palette.accent),
        size,
        mx,
        inner.y + dy - 0.35 * size,
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
    let sources: Vec<String> = source_ids
        .iter()
        .filter_map(|id| cx.content.source(id))
        .map(|src| match src.date {
            Some(date) => format!(
                "{}, “{}” ({})",
                src.publisher,
                src.title,
                s.source_date(date)
            ),
            None => format!("{}, “{}”", src.publisher, src.title),
        })
        .collect();
    let sources = cx.shape(
        &format!("{}: {}.", s.get("footer.sources"), sources.join("; ")),
        FontStyle::REGULAR,
    )?;
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
        entries.push(Entry::new(Role::P, &sources, ParaStyle::new(1.0, muted)).space_before(0.2));
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
