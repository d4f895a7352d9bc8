//! The contact panel: the call to action, then one row per contact — the
//! number large on the start side, label and description beside it (or under
//! it, in a narrow panel).

use super::LayoutError;
use super::components::{Cx, Part, Placed, background, ink_on, sizes};
use super::display::{Item, Node, Rect, Role};
use super::fit::{Misfit, fit};
use super::shape::{ShapedText, StyledText};
use super::stack::{Entry, stack, text_node};
use super::text::{ParaStyle, natural_width, set_text};
use crate::fonts::FontStyle;
use crate::template::RegionConfig;
use crate::units::Color;

/// The call to action and contact rows: the number on the start side, large
/// and aligned; label and description beside it.
pub fn contacts(cx: &Cx<'_>, region: &RegionConfig, rect: Rect) -> Result<Placed, LayoutError> {
    let mut headings = Vec::new();
    for part in cx.parts() {
        let s = part.strings();
        // A region's own heading (the Gateway teams) replaces the call to action.
        headings.push(match &region.heading {
            Some(key) => (part.shape(s.get(key), FontStyle::BOLD)?, None),
            None => (
                part.shape(
                    &format!("{} {}", s.get("call.heading"), s.get("call.action")),
                    FontStyle::BOLD,
                )?,
                Some(part.shape(s.get("call.reassurance"), FontStyle::REGULAR)?),
            ),
        });
    }
    let mut rows = Vec::new();
    for id in &region.contacts {
        // A record for another nation only is left out; a nation's own record wins.
        let Some(contact) = cx.content.contact_for(id, cx.nation) else {
            if cx.content.contact(id).is_none() {
                return Err(LayoutError::MissingContent(format!("contact `{id}`")));
            }
            continue;
        };
        // A pointer to records this document prints itself is left out.
        if !cx.printed.contains(id) {
            continue;
        }
        let mut texts = Vec::new();
        for part in cx.parts() {
            let s = part.strings();
            let mut desc = s.get(&format!("contacts.{id}.description")).to_string();
            for extra in contact.extras() {
                if !desc.is_empty() {
                    desc.push_str(" · ");
                }
                if contact.text.as_deref() == Some(extra) {
                    desc.push_str(&s.format("call.text", &[("number", extra)]));
                } else {
                    desc.push_str(extra);
                }
            }
            // A bilingual row repeats the label; the description comes once, first.
            let desc = (region.show_descriptions && part.first).then_some(desc);
            texts.push((
                part,
                s.get(&format!("contacts.{id}.label")).to_string(),
                desc,
            ));
        }
        rows.push(row(
            cx,
            &texts,
            contact.headline(),
            contact.phone.is_some(),
        )?);
    }
    let inner = rect.inset(region.padding.resolve(rect.w));
    let ink = ink_on(cx, region);
    let (min, max) = sizes(cx, region);
    let headings: &[Heading] = if region.show_heading { &headings } else { &[] };
    let columns = usize::from(region.columns.max(1));
    let scale = region.number_scale;
    let (size, placed) = fit(min, max, |size| {
        if columns > 1 {
            set_grid(cx, headings, &rows, (ink, scale, size), columns, inner)
        } else {
            set_contacts(cx, headings, &rows, ink, scale, size, inner)
        }
    })
    .map_err(|m| LayoutError::overflow("contacts", m))?;
    let mut placed = placed;
    placed.artifacts.splice(0..0, background(cx, region, rect));
    placed.cramped = size < max;
    Ok(placed)
}

/// One contact row: in each language, the label (bold) and description; and
/// the number or address.
pub(super) fn row(
    cx: &Cx<'_>,
    texts: &[(Part<'_>, String, Option<String>)],
    value: &str,
    is_phone: bool,
) -> Result<Row, LayoutError> {
    let mut shaped = Vec::new();
    for (part, label, description) in texts {
        let mut text = StyledText::default();
        text.push(label, FontStyle::BOLD);
        if let Some(d) = description.as_deref().filter(|d| !d.is_empty()) {
            text.push("\n", FontStyle::REGULAR);
            text.push(d, FontStyle::REGULAR);
        }
        shaped.push(part.shape_styled(&text)?);
    }
    Ok(Row {
        value: (!value.is_empty())
            .then(|| cx.shape(value, FontStyle::BOLD))
            .transpose()?,
        is_phone,
        texts: shaped,
    })
}

/// A call to action (or a region's own heading) and its reassurance line.
pub(super) type Heading = (ShapedText, Option<ShapedText>);

pub(super) struct Row {
    /// The number or address; none for advice with no number of its own.
    value: Option<ShapedText>,
    is_phone: bool,
    /// In each language: the label (bold), a line break, then the description.
    texts: Vec<ShapedText>,
}

impl Row {
    fn entries(&self, style: ParaStyle) -> Vec<Entry<'_>> {
        self.texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Entry::new(Role::P, t, style).space_before(if i > 0 { 0.15 } else { 0.0 })
            })
            .collect()
    }
}

pub(super) fn set_contacts(
    cx: &Cx<'_>,
    headings: &[Heading],
    rows: &[Row],
    ink: Color,
    number_scale: f32,
    size: f32,
    area: Rect,
) -> Result<Placed, Misfit> {
    let rtl = cx.rtl();
    let mut placed = Placed::default();
    let mut y = set_headings(cx, headings, ink, size, area, &mut placed)?;

    // The value column is as wide as the widest phone number; addresses shrink to fit it.
    let phone_w = rows
        .iter()
        .filter(|r| r.is_phone)
        .filter_map(|r| r.value.as_ref())
        .map(|v| natural_width(v, size * number_scale))
        .fold(0.0, f32::max);
    let col_w = phone_w.max(area.w * 0.3).min(area.w * 0.55);
    let gap = 0.9 * size;
    let text_w = area.w - col_w - gap;
    let text_style = ParaStyle::new(0.85, ink).leading(0.95);
    // Side by side when every number fits its column and the text has room;
    // otherwise each number goes under its label.
    let described = rows
        .iter()
        .flat_map(|r| &r.texts)
        .any(|t| t.text.contains('\n'));
    let narrow = text_w < if described { 11.0 } else { 6.0 } * size;
    let rule = mix(cx.palette.on_accent, cx.palette.accent, 0.75);
    let mut items = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            y += 0.35 * size;
            placed.artifacts.push(Item::Line {
                from: (area.x, y),
                to: (area.right(), y),
                width: 0.6,
                color: rule,
            });
            y += 0.35 * size;
        }
        let Some(row_value) = &row.value else {
            // Advice with no number of its own: label and description across the panel.
            let text = stack(
                &row.entries(text_style),
                size,
                Rect::new(area.x, y, area.w, f32::INFINITY),
                rtl,
            )?;
            y += text.height;
            items.push(list_item(cx, text.nodes(cx.page)));
            continue;
        };
        let (value, text) = if narrow || fit_scale(row_value, size, col_w, number_scale).is_err() {
            // Narrow panels: label and description, then the number on its own line.
            let text = stack(
                &row.entries(text_style),
                size,
                Rect::new(area.x, y, area.w, f32::INFINITY),
                rtl,
            )?;
            let top = y + text.height + 0.1 * size;
            let scale = fit_scale(row_value, size, area.w, number_scale)?;
            let value = set_text(
                row_value,
                ParaStyle::new(scale, ink),
                size,
                area.x,
                top,
                area.w,
            )
            .map_err(|w| Misfit::TooWide { word: w.word })?;
            y = top + value.height;
            (value, text)
        } else {
            let scale = fit_scale(row_value, size, col_w, number_scale)?;
            let vx = cx.start_x(area, 0.0, col_w);
            let value = set_text(row_value, ParaStyle::new(scale, ink), size, vx, y, col_w)
                .map_err(|w| Misfit::TooWide { word: w.word })?;
            let tx = cx.start_x(area, col_w + gap, text_w);
            let text = stack(
                &row.entries(text_style),
                size,
                Rect::new(tx, y, text_w, f32::INFINITY),
                rtl,
            )?;
            y += value.height.max(text.height);
            (value, text)
        };
        let mut body = text.nodes(cx.page);
        body.push(text_node(Role::P, cx.page, value));
        items.push(list_item(cx, body));
    }
    if y > area.bottom() + 0.01 {
        return Err(Misfit::TooTall {
            needed: y - area.y,
            available: area.h,
        });
    }
    placed
        .nodes
        .push(Node::new(Role::L, cx.page).with_children(items));
    Ok(placed)
}

/// One contact as a list item of the panel's list.
fn list_item(cx: &Cx<'_>, body: Vec<Node>) -> Node {
    Node::new(Role::LI, cx.page)
        .with_children(vec![Node::new(Role::LBody, cx.page).with_children(body)])
}

/// The call to action (or the region's own heading) in each language, from
/// the top of `area`; returns the y below them.
fn set_headings(
    cx: &Cx<'_>,
    headings: &[Heading],
    ink: Color,
    size: f32,
    area: Rect,
    placed: &mut Placed,
) -> Result<f32, Misfit> {
    let mut y = area.y;
    for (i, (heading, reassurance)) in headings.iter().enumerate() {
        // A second language's call to action is set a little smaller; a
        // region's own heading (no reassurance) is set as body-size bold.
        let scale = match (i, reassurance.is_some()) {
            (_, false) => 1.0,
            (0, true) => 1.8,
            _ => 1.3,
        };
        let mut entries = vec![
            Entry::new(Role::H2, heading, ParaStyle::new(scale, ink).leading(0.95))
                .space_before(if i > 0 { 0.3 } else { 0.0 }),
        ];
        if let Some(r) = reassurance {
            entries.push(Entry::new(Role::P, r, ParaStyle::new(1.0, ink)).space_before(0.1));
        }
        let head = stack(
            &entries,
            size,
            Rect::new(area.x, y, area.w, f32::INFINITY),
            cx.rtl(),
        )?;
        y += head.height;
        placed.nodes.extend(head.nodes(cx.page));
    }
    if !headings.is_empty() {
        y += 0.5 * size;
    }
    Ok(y)
}

/// Contacts of one kind (the Gateway teams) in `columns` columns: in each
/// cell the label, then the number under it; the numbers of a grid row
/// share a line.
fn set_grid(
    cx: &Cx<'_>,
    headings: &[Heading],
    rows: &[Row],
    (ink, number_scale, size): (Color, f32, f32),
    columns: usize,
    area: Rect,
) -> Result<Placed, Misfit> {
    let mut placed = Placed::default();
    let mut y = set_headings(cx, headings, ink, size, area, &mut placed)?;
    let gap = 0.9 * size;
    let cell_w = (area.w - gap * (columns - 1) as f32) / columns as f32;
    let label_style = ParaStyle::new(0.85, ink).leading(0.95);
    let mut items = Vec::new();
    for (r, line) in rows.chunks(columns).enumerate() {
        if r > 0 {
            y += 0.5 * size;
        }
        let mut labels = Vec::new();
        for (c, row) in line.iter().enumerate() {
            let x = cx.start_x(area, c as f32 * (cell_w + gap), cell_w);
            labels.push(stack(
                &row.entries(label_style),
                size,
                Rect::new(x, y, cell_w, f32::INFINITY),
                cx.rtl(),
            )?);
        }
        let top = y + labels.iter().map(|l| l.height).fold(0.0, f32::max) + 0.1 * size;
        let mut bottom = top;
        for (c, (row, label)) in line.iter().zip(labels).enumerate() {
            let x = cx.start_x(area, c as f32 * (cell_w + gap), cell_w);
            let mut body = label.nodes(cx.page);
            if let Some(v) = &row.value {
                let scale = fit_scale(v, size, cell_w, number_scale)?;
                let value = set_text(v, ParaStyle::new(scale, ink), size, x, top, cell_w)
                    .map_err(|w| Misfit::TooWide { word: w.word })?;
                bottom = bottom.max(top + value.height);
                body.push(text_node(Role::P, cx.page, value));
            }
            items.push(list_item(cx, body));
        }
        y = bottom;
    }
    if y > area.bottom() + 0.01 {
        return Err(Misfit::TooTall {
            needed: y - area.y,
            available: area.h,
        });
    }
    placed
        .nodes
        .push(Node::new(Role::L, cx.page).with_children(items));
    Ok(placed)
}

/// The scale (up to `full`) at which a number or address fits `width`;
/// too small to read is a misfit.
fn fit_scale(value: &ShapedText, size: f32, width: f32, full: f32) -> Result<f32, Misfit> {
    let natural = natural_width(value, size * full);
    let scale = if natural > width {
        full * width / natural
    } else {
        full
    };
    if scale < 0.85 {
        return Err(Misfit::TooWide {
            word: value.text.clone(),
        });
    }
    Ok(scale)
}

/// `a` blended toward `b` by `t` (0 = a, 1 = b).
fn mix(a: Color, b: Color, t: f32) -> Color {
    let m = |x: u8, y: u8| (f32::from(x) * (1.0 - t) + f32::from(y) * t).round() as u8;
    Color::rgb(m(a.r, b.r), m(a.g, b.g), m(a.b, b.b))
}
