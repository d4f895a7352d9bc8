//! The organisation's own panel: its safeguarding leads and local services as
//! contact rows, and a QR code for its web page.

use super::LayoutError;
use super::components::{Cx, Placed, background, ink_on, sizes};
use super::contacts::{Row, row, set_contacts};
use super::display::{Item, Node, Rect, Role};
use super::fit::fit;
use super::shape::isolated;
use super::stack::{Entry, stack, text_node};
use super::text::{ParaStyle, set_text};
use crate::fonts::FontStyle;
use crate::org::Org;
use crate::template::RegionConfig;
use crate::units::{Color, Pt};

/// Modules of white round a QR code, as the standard asks.
const QUIET_ZONE: usize = 4;

/// The local panel; empty if there is no organisation.
pub fn local(cx: &Cx<'_>, region: &RegionConfig, rect: Rect) -> Result<Placed, LayoutError> {
    let Some(org) = cx.org else {
        return Ok(Placed::default());
    };
    let mut headings = Vec::new();
    for part in cx.parts() {
        headings.push(part.shape(
            &format!(
                "{} — {}",
                part.strings().get("local.heading"),
                isolated(&org.name)
            ),
            FontStyle::BOLD,
        )?);
    }
    let rows = local_rows(cx, org, &region.local_fields, region.show_descriptions)?;
    let ink = ink_on(cx, region);
    let inner = rect.inset(region.padding.resolve(rect.w));

    let mut placed = Placed::default();
    let mut text_area = inner;
    let qr = region.qr_size.resolve(inner.w);
    if let Some(url) = org.website.as_ref().filter(|_| qr > 0.0) {
        let (figure, website, area) = qr_block(cx, url, qr, inner, ink)?;
        placed.nodes.push(website);
        placed.nodes.push(figure);
        text_area = area;
    }
    let (min, max) = sizes(cx, region);
    let (size, mut rows_placed) = fit(min, max, |size| {
        let entries: Vec<Entry<'_>> = headings
            .iter()
            .map(|h| Entry::new(Role::H2, h, ParaStyle::new(1.05, ink).leading(0.95)))
            .collect();
        let unbounded = Rect::new(text_area.x, text_area.y, text_area.w, f32::INFINITY);
        let head = stack(&entries, size, unbounded, cx.rtl())?;
        let above = head.height + 0.4 * size;
        let below = Rect::new(
            text_area.x,
            text_area.y + above,
            text_area.w,
            text_area.h - above,
        );
        // Report the whole panel's need, heading included, when it is too tall.
        let mut list = set_contacts(cx, &[], &rows, ink, region.number_scale, size, below)
            .map_err(|m| match m {
                super::fit::Misfit::TooTall { needed, .. } => super::fit::Misfit::TooTall {
                    needed: needed + above + (inner.h - text_area.h),
                    available: inner.h,
                },
                other => other,
            })?;
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
    Ok(rows_placed)
}

/// The QR code and the address as text. In a wide panel they take the end
/// side (address under the code); in a narrow one, the bottom (address beside
/// it). Returns the figure, the address paragraph, and the room left for text.
fn qr_block(
    cx: &Cx<'_>,
    url: &str,
    qr: f32,
    inner: Rect,
    ink: Color,
) -> Result<(Node, Node, Rect), LayoutError> {
    let shown = url
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let caption = cx.shape(shown, FontStyle::REGULAR)?;
    let gap = Pt::from_mm(3.0).0;
    let cap_natural = super::text::natural_width(&caption, 7.0);
    // Beside the rows if that leaves them a comfortable measure, or if the
    // panel is too short to put the code under them.
    let wide = inner.w - cap_natural.max(qr).min(inner.w * 0.45) - gap >= Pt::from_mm(95.0).0
        || inner.h < 2.2 * qr;
    let (code_rect, cap_rect, text_area) = if wide {
        let cap_w = cap_natural.max(qr).min(inner.w * 0.45);
        let side = cap_w + gap;
        (
            Rect::new(cx.start_x(inner, inner.w - qr, qr), inner.y, qr, qr),
            Rect::new(
                cx.start_x(inner, inner.w - cap_w, cap_w),
                inner.y + qr + Pt::from_mm(1.0).0,
                cap_w,
                inner.h - qr - Pt::from_mm(1.0).0,
            ),
            Rect::new(
                cx.start_x(inner, 0.0, inner.w - side),
                inner.y,
                inner.w - side,
                inner.h,
            ),
        )
    } else {
        let top = inner.bottom() - qr;
        (
            Rect::new(cx.start_x(inner, 0.0, qr), top, qr, qr),
            Rect::new(
                cx.start_x(inner, qr + gap, inner.w - qr - gap),
                top + qr / 3.0,
                inner.w - qr - gap,
                qr * 2.0 / 3.0,
            ),
            Rect::new(inner.x, inner.y, inner.w, inner.h - qr - gap),
        )
    };
    let code = qr_items(url, code_rect, ink)
        .ok_or_else(|| LayoutError::MissingContent(format!("a QR code for `{url}` (too long)")))?;
    let mut figure = Node::new(Role::Figure, cx.page).with_items(code);
    figure.alt = Some(cx.lang.strings.format("local.qr-alt", &[("url", url)]));
    let align = if wide {
        super::lines::Align::End
    } else {
        super::lines::Align::Start
    };
    let set = (6..=9)
        .rev()
        .find_map(|pt| {
            set_text(
                &caption,
                ParaStyle::new(1.0, ink).align(align),
                pt as f32,
                cap_rect.x,
                cap_rect.y,
                cap_rect.w,
            )
            .ok()
            .filter(|t| t.height <= cap_rect.h + 0.01)
        })
        .ok_or_else(|| {
            LayoutError::overflow(
                "local",
                super::fit::Misfit::TooWide {
                    word: shown.to_string(),
                },
            )
        })?;
    let website = text_node(Role::P, cx.page, set);
    Ok((figure, website, text_area))
}

/// Rows for the organisation's contacts that this region shows.
fn local_rows(
    cx: &Cx<'_>,
    org: &Org,
    fields: &[String],
    descriptions: bool,
) -> Result<Vec<Row>, LayoutError> {
    let mut rows = Vec::new();
    // Labels in every language; the details (names, rooms) once, with the first.
    let texts =
        |label: &dyn Fn(&crate::model::Strings) -> String, details: Option<String>| -> Vec<_> {
            cx.parts()
                .into_iter()
                .map(|part| {
                    (
                        part,
                        label(part.strings()),
                        if part.first { details.clone() } else { None },
                    )
                })
                .collect()
        };
    for field in fields {
        let person = match field.as_str() {
            "dsl" => org.dsl.as_ref(),
            "deputy-dsl" => org.deputy_dsl.as_ref(),
            _ => None,
        };
        if let Some(p) = person {
            let label = |s: &crate::model::Strings| {
                format!(
                    "{}: {}",
                    s.get(&format!("local.{field}")),
                    isolated(&p.name)
                )
            };
            let value = p.phone.as_deref().or(p.email.as_deref()).unwrap_or("");
            let email = p.email.as_deref().filter(|_| p.phone.is_some());
            let details: Vec<String> = [p.location.as_deref(), email]
                .into_iter()
                .flatten()
                .filter(|d| !d.is_empty())
                .map(isolated)
                .collect();
            let details = Some(details.join(" · ")).filter(|_| descriptions);
            rows.push(row(cx, &texts(&label, details), value, p.phone.is_some())?);
        }
        let service = match field.as_str() {
            "childrens-services" => org.childrens_services.as_ref(),
            "out-of-hours" => org.out_of_hours.as_ref(),
            _ => None,
        };
        if let Some(svc) = service {
            let label = |s: &crate::model::Strings| s.get(&format!("local.{field}")).to_string();
            let details = svc.name.as_deref().map(isolated).filter(|_| descriptions);
            rows.push(row(cx, &texts(&label, details), &svc.phone, true)?);
        }
    }
    Ok(rows)
}

/// A QR code as dark squares (one rectangle per run of modules in a row) on
/// white, with its quiet zone, filling `area` (square).
pub fn qr_items(data: &str, area: Rect, ink: Color) -> Option<Vec<Item>> {
    let code =
        qrcode::QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::M).ok()?;
    let n = code.width();
    let colors = code.to_colors();
    let module = area.w / (n + 2 * QUIET_ZONE) as f32;
    let mut items = vec![Item::Rect {
        rect: area,
        fill: Color::WHITE,
        radius: 0.0,
    }];
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if colors[y * n + x] == qrcode::Color::Dark {
                let start = x;
                while x < n && colors[y * n + x] == qrcode::Color::Dark {
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
