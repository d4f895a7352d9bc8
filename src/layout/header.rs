//! The header component: kicker, title and tagline in each language, and an
//! organisation's logo on its chip, on top of the text or beside it.

use super::LayoutError;
use super::components::{Cx, Part, Placed, background, ink_on, second_ink, sizes};
use super::fit::fit;
use super::shape::ShapedText;
use super::stack::{Entry, Stacked, stack};
use super::text::ParaStyle;
use crate::display::{Item, Node, Rect, Role};
use crate::fonts::FontStyle;
use crate::template::{PaletteColor, RegionConfig};
use crate::units::Color;
use std::sync::Arc;

/// A tall header's logo takes this share of its height, above the text.
const LOGO_ON_TOP: f32 = 0.28;
/// ...with this share of the height between logo and text.
const LOGO_TOP_GAP: f32 = 0.04;
/// A header is tall enough for the logo on top when its height exceeds this
/// share of its width (a leaflet cover is; a poster's banner is not).
const TALL_HEADER: f32 = 0.5;
/// A logo beside the text takes at most this share of the header's width...
const LOGO_BESIDE: f32 = 0.22;
/// ...and this share more keeps the text clear of it.
const LOGO_GAP: f32 = 0.03;

/// The header's lines, each relative to the title's size: the kicker small
/// enough to read as a label over the title, a second language's title
/// clearly subordinate to the first, the tagline between the two.
const KICKER_SCALE: f32 = 0.34;
const SECOND_TITLE_SCALE: f32 = 0.55;
/// ...and on a product that sets its second language smaller, at most this.
const SMALL_SECOND_TITLE_SCALE: f32 = 0.7;
const TAGLINE_SCALE: f32 = 0.4;
/// Space above a title and above a tagline, in title sizes: a title sits
/// close under the kicker, a tagline a step further from the title.
const TITLE_SPACE: f32 = 0.12;
const TAGLINE_SPACE: f32 = 0.22;
/// A display title is set tighter than text: its lines have no descenders
/// to clear in most scripts, and loose leading falls apart at that size.
const TITLE_LEADING: f32 = 0.92;

/// One line of a header: whose string, and how it is set.
struct HeaderLine<'p> {
    part: Part<'p>,
    key: &'p str,
    role: Role,
    style: FontStyle,
    /// Size relative to the title's.
    scale: f32,
    color: Color,
    /// Space above, in title sizes (none for the first line shown).
    space: f32,
}

/// A header line shaped, with how it is set.
struct ShapedLine {
    role: Role,
    text: Arc<ShapedText>,
    scale: f32,
    color: Color,
    space: f32,
}

/// Kicker, title (H1) and tagline, centred vertically.
pub fn header(cx: &Cx<'_>, region: &RegionConfig, rect: Rect) -> Result<Placed, LayoutError> {
    let shaped = header_text(cx, region)?;
    let entries: Vec<Entry<'_>> = shaped
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let leading = if line.role == Role::H1 {
                TITLE_LEADING
            } else {
                1.0
            };
            let style = ParaStyle::new(line.scale, line.color).leading(leading);
            let space = if i == 0 { 0.0 } else { line.space };
            Entry::new(line.role, &line.text, style).space_before(space)
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
            let (stacked, figure, chip) = header_with_logo(cx, org, pixels, inner, set)?;
            artifacts.push(chip);
            (stacked, Some(figure))
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

/// The header's lines shaped, in order, with their role, scale, colour and
/// space above: the kicker (first language only), each language's title,
/// each language's tagline. Lines whose key is empty are left out.
fn header_text(cx: &Cx<'_>, region: &RegionConfig) -> Result<Vec<ShapedLine>, LayoutError> {
    let key = |k: &Option<String>, default: &'static str| {
        k.clone().unwrap_or_else(|| default.to_string())
    };
    let kicker = key(&region.kicker, "poster.kicker");
    let title = key(&region.title, "poster.title");
    let tagline = key(&region.tagline, "poster.tagline");
    let ink = ink_on(cx, region);
    let accent = if region.fill == Some(PaletteColor::Primary) {
        cx.palette.accent
    } else {
        cx.palette.primary
    };
    let parts = cx.parts();
    let kicker_line = HeaderLine {
        part: parts[0],
        key: &kicker,
        role: Role::P,
        style: FontStyle::BOLD,
        scale: KICKER_SCALE,
        color: accent,
        space: 0.0,
    };
    let titles = parts.iter().map(|p| HeaderLine {
        part: *p,
        key: &title,
        role: if p.first { Role::H1 } else { Role::P },
        style: FontStyle::BOLD,
        // A template that sets its second language a step smaller (a
        // leaflet, a card) sets its title at that step too, so it stays
        // legible on a small band; a poster's is clearly subordinate.
        scale: match (p.first, cx.second_scale < 1.0) {
            (true, _) => 1.0,
            (false, true) => cx.second_scale.min(SMALL_SECOND_TITLE_SCALE),
            (false, false) => SECOND_TITLE_SCALE,
        },
        color: if p.first {
            ink
        } else {
            second_ink(cx.palette, ink)
        },
        space: TITLE_SPACE,
    });
    let taglines = parts.iter().map(|p| HeaderLine {
        part: *p,
        key: &tagline,
        role: Role::P,
        style: FontStyle::REGULAR,
        scale: if p.first {
            TAGLINE_SCALE
        } else {
            TAGLINE_SCALE * cx.second_scale
        },
        color: if p.first {
            ink
        } else {
            second_ink(cx.palette, ink)
        },
        space: TAGLINE_SPACE,
    });
    let mut shaped = Vec::new();
    for line in std::iter::once(kicker_line).chain(titles).chain(taglines) {
        if line.key.is_empty() {
            continue;
        }
        let mut text = line.part.strings().get(line.key).to_string();
        // The organisation's name leads the kicker.
        if let (Some(org), true) = (cx.org, line.key == kicker) {
            text = format!("{} · {text}", super::shape::isolated(&org.name));
        }
        let text = line.part.shape(&text, line.style)?;
        shaped.push(ShapedLine {
            role: line.role,
            text,
            scale: line.scale,
            color: line.color,
            space: line.space,
        });
    }
    Ok(shaped)
}

/// A header with an organisation's logo: on top if the header is tall and
/// the text still fits under it (a leaflet cover), else beside the text.
/// Returns the text set by `set`, the logo's figure and its chip.
fn header_with_logo(
    cx: &Cx<'_>,
    org: &crate::model::Org,
    pixels: &std::sync::Arc<crate::model::Pixels>,
    inner: Rect,
    set: impl Fn(Rect) -> Result<Stacked, LayoutError>,
) -> Result<(Stacked, Node, Item), LayoutError> {
    let top = Rect::new(inner.x, inner.y, inner.w, inner.h * LOGO_ON_TOP);
    let gap = inner.h * LOGO_TOP_GAP;
    let under = Rect::new(inner.x, top.bottom() + gap, inner.w, inner.h - top.h - gap);
    if let Some(stacked) = set(under).ok().filter(|_| inner.h > inner.w * TALL_HEADER) {
        let (figure, chip, _) = logo(cx, org, pixels, top, 1.0);
        return Ok((stacked, figure, chip));
    }
    // Beside: the text keeps to the other side of the logo's share of the
    // width, whatever the band's height.
    let (figure, chip, _) = logo(cx, org, pixels, inner, LOGO_BESIDE);
    let w = inner.w * (1.0 - LOGO_BESIDE - LOGO_GAP);
    let text = Rect::new(cx.start_x(inner, 0.0, w), inner.y, w, inner.h);
    Ok((set(text)?, figure, chip))
}

/// A logo beside the text is this share of the band's height, clear of its edges.
const CHIP_BESIDE_HEIGHT: f32 = 0.8;
/// A chip is at most this many times as tall as its logo at the chip's
/// width (a wide logo sits on a band, not a square)...
const CHIP_MAX_ASPECT: f32 = 1.3;
/// ...and at least this share of its width tall (a very wide logo still
/// gets a chip that reads as one).
const CHIP_MIN_HEIGHT: f32 = 0.4;
/// The white round a logo on its chip, and the chip's corner radius, as a
/// share of the chip's height.
const CHIP_PAD: f32 = 0.08;
/// Logo pixels are cut down to this resolution at the printed size: what a
/// print shop needs, and no more to carry in the PDF.
const LOGO_DPI: f32 = 300.0;

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
    let chip_h = area.h
        * if max_share >= 1.0 {
            1.0
        } else {
            CHIP_BESIDE_HEIGHT
        };
    let chip_w = (chip_h * aspect).min(area.w * max_share);
    let chip_h = chip_h
        .min(chip_w / aspect * CHIP_MAX_ASPECT)
        .max(chip_w * CHIP_MIN_HEIGHT);
    // Beside the text: the end side. On top: the start side.
    let x = if max_share >= 1.0 {
        cx.start_x(area, 0.0, chip_w)
    } else {
        cx.start_x(area, area.w - chip_w, chip_w)
    };
    let chip = Rect::new(x, area.y + (area.h - chip_h) / 2.0, chip_w, chip_h);
    let pad = chip_h * CHIP_PAD;
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
    let dots = |pt: f32| ((pt / 72.0 * LOGO_DPI).ceil() as u32).max(1);
    let pixels = pixels.fit_within(dots(w), dots(h), cx.fitted);
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
