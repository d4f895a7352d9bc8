//! The contact panel: the call to action, then one row per contact — the
//! number large on the start side, label and description beside it (or under
//! it, in a narrow panel).

use super::LayoutError;
use super::components::{Cx, Part, Placed, background, ink_on, sizes};
use super::fit::{Misfit, fit};
use super::shape::{ShapedText, StyledText};
use super::stack::{Entry, FIT_TOLERANCE, Stacked, stack, text_node};
use super::text::{ParaStyle, SetText, natural_width, set_text};
use crate::display::{Item, Node, Rect, Role};
use crate::fonts::FontStyle;
use crate::model::Pixels;
use crate::template::RegionConfig;
use crate::units::Color;
use std::sync::Arc;

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
        photo: None,
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
    /// A portrait printed beside the label (a lead's photo), with its alt text.
    photo: Option<(Arc<Pixels>, String)>,
}

impl Row {
    /// The row with a portrait beside its label.
    pub(super) fn with_photo(mut self, pixels: Arc<Pixels>, alt: String) -> Self {
        self.photo = Some((pixels, alt));
        self
    }

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
    let columns = Columns {
        size,
        ink,
        number_scale,
        col_w,
        gap,
        text_w,
        narrow,
        text_style,
    };
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
        let (item, bottom) = set_row(cx, row, row_value, &columns, area, y)?;
        items.push(item);
        y = bottom;
    }
    finish_list(cx, placed, items, y, area)
}

/// The rows as the panel's list, if they end (at `y`) inside `area`.
fn finish_list(
    cx: &Cx<'_>,
    mut placed: Placed,
    items: Vec<Node>,
    y: f32,
    area: Rect,
) -> Result<Placed, Misfit> {
    if y > area.bottom() + FIT_TOLERANCE {
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
    finish_list(cx, placed, items, y, area)
}

/// How a contact list's rows share its width.
struct Columns {
    size: f32,
    ink: Color,
    number_scale: f32,
    /// The value column (numbers, aligned) and the gap after it.
    col_w: f32,
    gap: f32,
    /// The label column beside it.
    text_w: f32,
    /// Each number under its label instead.
    narrow: bool,
    text_style: ParaStyle,
}

/// A portrait beside a row is this many times the text size wide...
const PORTRAIT_EM: f32 = 3.6;
/// ...and this many times as high as it is wide, at most.
const PORTRAIT_ASPECT: f32 = 1.3;

/// One row at `y`: its list item and the bottom of what it took. A row with
/// a photo has it at the end side, beside the label, which is narrower for it.
fn set_row(
    cx: &Cx<'_>,
    row: &Row,
    row_value: &ShapedText,
    c: &Columns,
    area: Rect,
    y: f32,
) -> Result<(Node, f32), Misfit> {
    let (size, rtl) = (c.size, cx.rtl());
    let portrait = row.photo.as_ref().map(|_| PORTRAIT_EM * size);
    let room = portrait.map_or(0.0, |w| w + c.gap);
    let value_style = |scale: f32| ParaStyle::new(scale, c.ink);
    // Label and description, then the number on its own line.
    let under = || -> Result<(SetText, Stacked, f32), Misfit> {
        let w = area.w - room;
        let x = cx.start_x(area, 0.0, w);
        let text = stack(
            &row.entries(c.text_style),
            size,
            Rect::new(x, y, w, f32::INFINITY),
            rtl,
        )?;
        let top = y + text.height + 0.1 * size;
        let scale = fit_address(row_value, row.is_phone, size, w, c.number_scale)?;
        let value = set_text(row_value, value_style(scale), size, x, top, w)
            .map_err(|w| Misfit::TooWide { word: w.word })?;
        let bottom = top + value.height;
        Ok((value, text, bottom))
    };
    // The number in its column, the label beside it.
    let beside = || -> Result<(SetText, Stacked, f32), Misfit> {
        let scale = fit_scale(row_value, size, c.col_w, c.number_scale)?;
        let vx = cx.start_x(area, 0.0, c.col_w);
        let value = set_text(row_value, value_style(scale), size, vx, y, c.col_w)
            .map_err(|w| Misfit::TooWide { word: w.word })?;
        let w = c.text_w - room;
        let tx = cx.start_x(area, c.col_w + c.gap, w);
        let text = stack(
            &row.entries(c.text_style),
            size,
            Rect::new(tx, y, w, f32::INFINITY),
            rtl,
        )?;
        let bottom = y + value.height.max(text.height);
        Ok((value, text, bottom))
    };
    // Under its label when the panel is narrow, the number too wide for its
    // column, a photo would leave the label too little room beside it, or
    // the label would wrap so much beside it that under is shorter (so a
    // row never needs more height at a smaller size).
    let (value, text, mut bottom) = if c.narrow || c.text_w - room < LABEL_MIN_EM * size {
        under()?
    } else {
        match (beside(), under()) {
            (Ok(b), Ok(u)) if u.2 < b.2 => u,
            (Ok(b), _) => b,
            (Err(_), u) => u?,
        }
    };
    let mut body = Vec::new();
    if let (Some(w), Some((pixels, alt))) = (portrait, &row.photo) {
        let aspect = pixels.height as f32 / pixels.width.max(1) as f32;
        let h = w * aspect.clamp(0.5, PORTRAIT_ASPECT);
        let rect = Rect::new(cx.start_x(area, area.w - w, w), y, w, h);
        let dots = |pt: f32| ((pt / 72.0 * PHOTO_DPI).ceil() as u32).max(1);
        let pixels = pixels.fit_within(dots(w), dots(h));
        let mut figure =
            Node::new(Role::Figure, cx.page).with_items(vec![Item::Image { rect, pixels }]);
        figure.alt = Some(alt.clone());
        body.push(figure);
        bottom = bottom.max(y + h);
    }
    body.extend(text.nodes(cx.page));
    body.push(text_node(Role::P, cx.page, value));
    let item = Node::new(Role::LI, cx.page)
        .with_children(vec![Node::new(Role::LBody, cx.page).with_children(body)]);
    Ok((item, bottom))
}

/// A label beside its number keeps at least this many times the text size.
const LABEL_MIN_EM: f32 = 9.0;

/// Photos are cut down to this resolution at their printed size.
const PHOTO_DPI: f32 = 300.0;

/// The scale (up to `full`) at which a number or address fits `width`;
/// too small to read is a misfit.
fn fit_scale(value: &ShapedText, size: f32, width: f32, full: f32) -> Result<f32, Misfit> {
    let natural = natural_width(value, size * full);
    let scale = if natural > width {
        full * width / natural
    } else {
        full
    };
    if scale < MIN_VALUE_SCALE {
        return Err(Misfit::TooWide {
            word: value.text.clone(),
        });
    }
    Ok(scale)
}

/// As `fit_scale`, but an address (not a phone number) on a line of its own
/// that is too wide is set at the smallest scale and breaks at its own places.
fn fit_address(
    value: &ShapedText,
    is_phone: bool,
    size: f32,
    width: f32,
    full: f32,
) -> Result<f32, Misfit> {
    match fit_scale(value, size, width, full) {
        Err(_) if !is_phone => Ok(MIN_VALUE_SCALE),
        other => other,
    }
}

/// A number is never set smaller than this multiple of the body text size.
const MIN_VALUE_SCALE: f32 = 0.85;

/// `a` blended toward `b` by `t` (0 = a, 1 = b).
fn mix(a: Color, b: Color, t: f32) -> Color {
    let m = |x: u8, y: u8| (f32::from(x) * (1.0 - t) + f32::from(y) * t).round() as u8;
    Color::rgb(m(a.r, b.r), m(a.g, b.g), m(a.b, b.b))
}
