//! The organisation's own panel: its safeguarding leads and local services as
//! contact rows, and a QR code for its web page — as much of them as the
//! region's `priority` and room allow (see `carry`).

use super::carry::{Carry, LocalField};
use super::components::{Cx, Part, Placed, background, ink_on, sizes};
use super::contacts::{Row, row, set_contacts};
use super::fit::{Misfit, fit};
use super::shape::{ShapedText, isolated};
use super::stack::{Entry, stack, text_node};
use super::text::{ParaStyle, set_text};
use super::{LayoutError, Missing};
use crate::display::{Item, Node, Rect, Role};
use crate::fonts::FontStyle;
use crate::model::Org;
use crate::template::RegionConfig;
use crate::units::{Color, Pt};
use std::sync::Arc;

/// Modules of white round a QR code, as the standard asks.
const QUIET_ZONE: usize = 4;

/// The panel's heading, a little larger than its rows' labels and set tight
/// (a long organisation name wraps), with this space under it, in sizes.
const HEADING_SCALE: f32 = 1.05;
const HEADING_LEADING: f32 = 0.95;
const HEADING_SPACE: f32 = 0.4;

/// The local panel, showing what `carry` says; empty if there is no organisation.
pub fn local(
    cx: &Cx<'_>,
    region: &RegionConfig,
    rect: Rect,
    carry: &Carry,
) -> Result<Placed, LayoutError> {
    let Some(org) = cx.org else {
        return Ok(Placed::default());
    };
    let headings = local_headings(cx, region, org, carry)?;
    let rows = local_rows(cx, org, carry)?;
    let ink = ink_on(cx, region);
    let inner = rect.inset(region.padding.resolve(rect.w));

    let mut placed = Placed::default();
    let mut text_area = inner;
    let mut least = 0.0f32;
    if let Some(url) = org
        .website
        .as_ref()
        .filter(|_| carry.has(LocalField::Website))
    {
        let (figure, website, area, h) = qr_block(cx, region, url, inner, ink)?;
        placed.nodes.push(website);
        placed.nodes.extend(figure);
        text_area = area;
        least = h;
    }
    let (min, max) = sizes(cx, region);
    let (size, mut rows_placed) = fit(min, max, |size| {
        let entries: Vec<Entry<'_>> = headings
            .iter()
            .map(|h| {
                Entry::new(
                    Role::H2,
                    h,
                    ParaStyle::new(HEADING_SCALE, ink).leading(HEADING_LEADING),
                )
            })
            .collect();
        let unbounded = Rect::new(text_area.x, text_area.y, text_area.w, f32::INFINITY);
        let head = stack(&entries, size, unbounded, cx.rtl())?;
        let above = head.height + HEADING_SPACE * size;
        let below = Rect::new(
            text_area.x,
            text_area.y + above,
            text_area.w,
            text_area.h - above,
        );
        // Report the whole panel's need, heading included, when it is too tall.
        let too_tall = |needed: f32| Misfit::TooTall {
            needed: (needed + above + (inner.h - text_area.h)).max(least),
            available: inner.h,
        };
        let mut list = set_columns(cx, region, &rows, ink, size, below).map_err(|m| match m {
            Misfit::TooTall { needed, .. } => too_tall(needed),
            other => other,
        })?;
        if inner.h < least {
            return Err(too_tall(0.0));
        }
        list.nodes.splice(0..0, head.nodes(cx.page));
        Ok(list)
    })
    .map_err(|m| LayoutError::overflow("local", m))?;
    // Reading order: heading and contacts, then the web address and its code.
    rows_placed.nodes.extend(placed.nodes);
    rows_placed
        .artifacts
        .splice(0..0, background(cx, region, rect));
    rows_placed.cramped = size < max;
    rows_placed.shown = carry.shown().to_vec();
    Ok(rows_placed)
}

/// The panel's heading in each language: "In this organisation — <name>",
/// the name (the organisation's own words) with the first language only; a
/// small panel (`show-heading = false`) is headed by the name alone, if it
/// carries it.
fn local_headings(
    cx: &Cx<'_>,
    region: &RegionConfig,
    org: &Org,
    carry: &Carry,
) -> Result<Vec<Arc<ShapedText>>, LayoutError> {
    let mut headings = Vec::new();
    let name = carry.has(LocalField::Name).then(|| isolated(&org.name));
    for part in cx
        .parts()
        .into_iter()
        .filter(|p| region.show_heading || p.first)
    {
        let heading = match (region.show_heading, &name) {
            (true, Some(name)) if part.first => {
                format!("{} — {name}", part.strings().get("local.heading"))
            }
            (true, _) => part.strings().get("local.heading").to_string(),
            (false, Some(name)) => name.clone(),
            (false, None) => continue,
        };
        headings.push(part.shape(&heading, FontStyle::BOLD)?);
    }
    Ok(headings)
}

/// The rows in the region's `list-columns` side by side (the first column
/// takes the odd one), all at `size`.
fn set_columns(
    cx: &Cx<'_>,
    region: &RegionConfig,
    rows: &[Row],
    ink: Color,
    size: f32,
    area: Rect,
) -> Result<Placed, Misfit> {
    let n = usize::from(region.list_columns.max(1)).min(rows.len().max(1));
    let gap = COLUMN_GAP_EM * size;
    let w = (area.w - gap * (n - 1) as f32) / n as f32;
    let per = rows.len().div_ceil(n);
    let mut placed = Placed::default();
    let mut needed = 0.0f32;
    for (i, chunk) in rows.chunks(per.max(1)).enumerate() {
        let column = Rect::new(cx.start_x(area, i as f32 * (w + gap), w), area.y, w, area.h);
        match set_contacts(cx, &[], chunk, ink, region.number_scale, size, column) {
            Ok(p) => {
                placed.nodes.extend(p.nodes);
                placed.artifacts.extend(p.artifacts);
            }
            Err(Misfit::TooTall { needed: n, .. }) => needed = needed.max(n),
            Err(other) => return Err(other),
        }
    }
    if needed > 0.0 {
        return Err(Misfit::TooTall {
            needed,
            available: area.h,
        });
    }
    Ok(placed)
}

/// Between columns of rows, in multiples of the text size.
const COLUMN_GAP_EM: f32 = 1.5;
/// Room between the QR code, its address and the rows.
const QR_GAP_MM: f32 = 3.0;
/// A panel at least this wide beside its code keeps the code at the end side.
const WIDE_MM: f32 = 95.0;

/// The QR code and the address as text, at the region's `website-size`. In a
/// wide panel the code takes the end side and the address a line across the
/// bottom; in a narrow one both take the bottom, the address beside the code
/// (with `qr-size` 0, the address alone). Returns the code's figure (if any),
/// the address paragraph, the room left for the rows, and the least height
/// the panel's inside must have.
fn qr_block(
    cx: &Cx<'_>,
    region: &RegionConfig,
    url: &str,
    inner: Rect,
    ink: Color,
) -> Result<(Option<Node>, Node, Rect, f32), LayoutError> {
    let qr = region.qr_size.resolve(inner.w);
    let shown = url
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let caption = cx.shape(shown, FontStyle::REGULAR)?;
    let size = region.website_size.resolve(0.0);
    let gap = Pt::from_mm(QR_GAP_MM).0;
    let wide = qr > 0.0 && inner.w - qr - gap >= Pt::from_mm(WIDE_MM).0;
    let beside = if qr > 0.0 && !wide { qr + gap } else { 0.0 };
    let cap_w = inner.w - beside;
    let set = |top: f32| {
        let x = cx.start_x(inner, beside, cap_w);
        set_text(&caption, ParaStyle::new(1.0, ink), size, x, top, cap_w)
            .map_err(|w| LayoutError::overflow("local", Misfit::TooWide { word: w.word }))
    };
    let height = set(0.0)?.height;
    // The strip at the bottom holds the address (and, when narrow, the code).
    let strip = if wide { height } else { height.max(qr) };
    let top = inner.bottom() - strip;
    let caption_set = set(top + (strip - height) / 2.0)?;
    let (code_rect, text_area) = if wide {
        let code = Rect::new(cx.start_x(inner, inner.w - qr, qr), inner.y, qr, qr);
        let w = inner.w - qr - gap;
        let area = Rect::new(cx.start_x(inner, 0.0, w), inner.y, w, inner.h - strip - gap);
        (code, area)
    } else {
        let code = Rect::new(cx.start_x(inner, 0.0, qr), inner.bottom() - qr, qr, qr);
        (
            code,
            Rect::new(inner.x, inner.y, inner.w, inner.h - strip - gap),
        )
    };
    let figure = if qr > 0.0 {
        let code = qr_items(url, code_rect, ink)
            .ok_or_else(|| LayoutError::MissingContent(Missing::QrCode(url.to_string())))?;
        let mut figure = Node::new(Role::Figure, cx.page).with_items(code);
        figure.alt = Some(cx.lang.strings.format("local.qr-alt", &[("url", url)]));
        Some(figure)
    } else {
        None
    };
    // A wide panel is at least as tall as the code and the address under it.
    let least = if wide { qr + gap + strip } else { 0.0 };
    Ok((
        figure,
        text_node(Role::P, cx.page, caption_set),
        text_area,
        least,
    ))
}

/// Rows for the organisation's contacts that `carry` shows, in printing order.
fn local_rows(cx: &Cx<'_>, org: &Org, carry: &Carry) -> Result<Vec<Row>, LayoutError> {
    let mut rows = Vec::new();
    // Labels in every language; the details (names, rooms) once, with the
    // first. A label the same in both (an organisation's own title for its
    // lead: its words, not ours) is printed once.
    let texts =
        |label: &dyn Fn(&crate::model::Strings) -> String, details: Option<String>| -> Vec<_> {
            let mut texts: Vec<(Part<'_>, String, Option<String>)> = Vec::new();
            for part in cx.parts() {
                let text = label(part.strings());
                if texts.iter().any(|(_, earlier, _)| *earlier == text) {
                    continue;
                }
                let details = if part.first { details.clone() } else { None };
                texts.push((part, text, details));
            }
            texts
        };
    use LocalField::*;
    let people = [
        (Dsl, org.dsl.as_ref(), [DslEmail, DslWhere, DslPhoto]),
        (
            DeputyDsl,
            org.deputy_dsl.as_ref(),
            [DeputyDslEmail, DeputyDslWhere, DeputyDslPhoto],
        ),
    ];
    for (field, person, [email, location, photo]) in people {
        let Some(p) = person.filter(|_| carry.has(field)) else {
            continue;
        };
        let label = |s: &crate::model::Strings| {
            let title = match &p.title {
                Some(own) => isolated(own),
                None => s.get(&title_key(field, org.kind)).to_string(),
            };
            format!("{title}: {}", isolated(&p.name))
        };
        let value = p.phone.as_deref().or(p.email.as_deref()).unwrap_or("");
        let email = p.email.as_deref().filter(|_| carry.has(email));
        let location = p.location.as_deref().filter(|_| carry.has(location));
        let details: Vec<String> = [location, email]
            .into_iter()
            .flatten()
            .filter(|d| !d.trim().is_empty())
            .map(isolated)
            .collect();
        let details = Some(details.join(" · ")).filter(|d| !d.is_empty());
        let mut r = row(cx, &texts(&label, details), value, p.phone.is_some())?;
        if let Some(photo) = p.photo.as_ref().filter(|_| carry.has(photo)) {
            let alt = cx
                .lang
                .strings
                .format("local.photo-alt", &[("name", &p.name)]);
            r = r.with_photo(photo.clone(), alt);
        }
        rows.push(r);
    }
    let services = [
        (
            ChildrensServices,
            org.childrens_services.as_ref(),
            ChildrensServicesName,
        ),
        (OutOfHours, org.out_of_hours.as_ref(), OutOfHoursName),
    ];
    for (field, service, name) in services {
        let Some(svc) = service.filter(|_| carry.has(field)) else {
            continue;
        };
        let label = |s: &crate::model::Strings| s.get(&format!("local.{field}")).to_string();
        let details = svc
            .name
            .as_deref()
            .map(isolated)
            .filter(|_| carry.has(name));
        rows.push(row(cx, &texts(&label, details), &svc.phone, true)?);
    }
    Ok(rows)
}

/// The strings key of a lead's role title for the organisation's kind
/// (`local.dsl`, `local.dsl-gp-practice`, `local.deputy-dsl-charity`).
fn title_key(field: LocalField, kind: crate::model::OrgKind) -> String {
    match kind {
        crate::model::OrgKind::School => format!("local.{field}"),
        other => format!("local.{field}-{}", other.as_str()),
    }
}

/// A QR code's width in modules and which are dark, row by row. Memoized
/// (an organisation's products all carry its one address; bounded with
/// krilla's memo by [`crate::render::forget_unused`]).
#[comemo::memoize]
fn qr_modules(data: &str) -> Option<(usize, Vec<bool>)> {
    let code =
        qrcode::QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::M).ok()?;
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Some((code.width(), dark))
}

/// A QR code as dark squares (one rectangle per run of modules in a row) on
/// white, with its quiet zone, filling `area` (square).
pub fn qr_items(data: &str, area: Rect, ink: Color) -> Option<Vec<Item>> {
    let (n, colors) = qr_modules(data)?;
    let module = area.w / (n + 2 * QUIET_ZONE) as f32;
    let mut items = vec![Item::Rect {
        rect: area,
        fill: Color::WHITE,
        radius: 0.0,
    }];
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if colors[y * n + x] {
                let start = x;
                while x < n && colors[y * n + x] {
                    x += 1;
                }
                items.push(Item::Rect {
                    rect: Rect::new(
                        area.x + (start + QUIET_ZONE) as f32 * module,
                        area.y + (y + QUIET_ZONE) as f32 * module,
                        (x - start) as f32 * module,
                        module,
                    ),
                    fill: if ink == Color::WHITE {
                        Color::BLACK
                    } else {
                        ink
                    },
                    radius: 0.0,
                });
            } else {
                x += 1;
            }
        }
    }
    Some(items)
}
