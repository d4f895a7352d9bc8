//! The contact panel: the call to action, then one row per contact — the
//! number large on the start side, label and description beside it (or under
//! it, in a narrow panel).

mod grid;
mod row;

use super::components::{Cx, Part, Placed, background, ink_on, mix, second_ink, sizes};
use super::fit::{Misfit, fit};
use super::shape::{ShapedText, StyledText};
use super::stack::{Entry, FIT_TOLERANCE, stack};
use super::text::{ParaStyle, natural_width};
use super::{LayoutError, Missing};
use crate::display::{Item, Node, Rect, Role};
use crate::fonts::FontStyle;
use crate::model::Pixels;
use crate::template::RegionConfig;
use crate::units::Color;
use grid::set_grid;
use row::set_row;
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
    let rows = contact_rows(cx, region)?;
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

/// A row for each contact the region lists that this document prints, in
/// each language: label, description (first language only) and extras.
fn contact_rows(cx: &Cx<'_>, region: &RegionConfig) -> Result<Vec<Row>, LayoutError> {
    let mut rows = Vec::new();
    for id in &region.contacts {
        // A record for another nation only is left out; a nation's own record wins.
        let Some(contact) = cx.content.contact_for(id, cx.nation) else {
            if cx.content.contact(id).is_none() {
                return Err(LayoutError::MissingContent(Missing::Contact(
                    id.to_string(),
                )));
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
            // An address or number is printed once, with the first language;
            // a text number's instruction is in each.
            let extras = contact
                .extras()
                .into_iter()
                .filter(|e| part.first || contact.text.as_deref() == Some(*e));
            for extra in extras {
                if !desc.is_empty() {
                    desc.push_str(" · ");
                }
                if contact.text.as_deref() == Some(extra) {
                    desc.push_str(&s.format("call.text", &[("number", extra)]));
                } else {
                    desc.push_str(extra);
                }
            }
            // A product that sets its second language at its own step (a
            // leaflet, a card) describes in both; a poster, in the first.
            let both = cx.second_scale < 1.0;
            let desc = (region.show_descriptions && (part.first || both)).then_some(desc);
            texts.push((
                part,
                s.get(&format!("contacts.{id}.label")).to_string(),
                desc,
            ));
        }
        once_if_same(&mut texts);
        rows.push(row(
            cx,
            &texts,
            contact.headline(),
            contact.phone.is_some(),
        )?);
    }
    Ok(rows)
}

/// A bilingual row's second language leaves out what is the same as the
/// first's: a name that is the same in both ("Childline", "Meic") is printed
/// once, and a language with nothing left of its own is left out.
pub(super) fn once_if_same(texts: &mut Vec<(Part<'_>, String, Option<String>)>) {
    let Some(((_, label, desc), rest)) = texts.split_first_mut() else {
        return;
    };
    for (_, l, d) in rest.iter_mut() {
        if l == label {
            l.clear();
        }
        if d.is_some() && d == desc {
            *d = None;
        }
    }
    texts.retain(|(p, l, d)| {
        p.first || !l.is_empty() || d.as_deref().is_some_and(|d| !d.is_empty())
    });
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
        // The second language's label is in the regular weight: with its
        // colour, it tells the languages apart on any panel.
        let weight = if part.first {
            FontStyle::BOLD
        } else {
            FontStyle::REGULAR
        };
        let mut text = StyledText::default();
        text.push(label, weight);
        if let Some(d) = description.as_deref().filter(|d| !d.is_empty()) {
            // The label's line ends in a space (kept at no width, as at a
            // soft wrap) before the break, so that a listener hears "In an
            // emergency A child…", not "emergencyA".
            if !label.is_empty() {
                text.push(" ", weight);
                text.push("\n", FontStyle::REGULAR);
            }
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
pub(super) type Heading = (Arc<ShapedText>, Option<Arc<ShapedText>>);

pub(super) struct Row {
    /// The number or address; none for advice with no number of its own.
    value: Option<Arc<ShapedText>>,
    is_phone: bool,
    /// In each language: the label (bold), a space and a line break, then
    /// the description.
    texts: Vec<Arc<ShapedText>>,
    /// A portrait printed beside the label (a lead's photo), with its alt text.
    photo: Option<(Arc<Pixels>, String)>,
}

impl Row {
    /// The row with a portrait beside its label.
    pub(super) fn with_photo(mut self, pixels: Arc<Pixels>, alt: String) -> Self {
        self.photo = Some((pixels, alt));
        self
    }

    /// Each language's label and description; the second in its own colour
    /// (see [`second_ink`]).
    fn entries(&self, cx: &Cx<'_>, style: ParaStyle) -> Vec<Entry<'_>> {
        self.texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let (style, space) = if i > 0 {
                    let color = second_ink(cx.palette, style.color);
                    let scale = style.scale * cx.second_scale;
                    (
                        ParaStyle {
                            color,
                            scale,
                            ..style
                        },
                        SECOND_LABEL_SPACE,
                    )
                } else {
                    (style, 0.0)
                };
                Entry::new(Role::P, t, style).space_before(space)
            })
            .collect()
    }
}

/// The number column is at least this share of the panel's width, so the
/// numbers line up from row to row whatever their length...
const NUMBER_COLUMN_MIN: f32 = 0.3;
/// ...and at most this share, so the labels beside them keep room to read.
const NUMBER_COLUMN_MAX: f32 = 0.55;
/// The gap between the number column and the labels (and between the
/// Gateway grid's columns), in sizes.
const COLUMN_GAP: f32 = 0.9;
/// Labels and descriptions are a step below the body size, and set tight:
/// the number is what the row is for.
const LABEL_SCALE: f32 = 0.85;
const LABEL_LEADING: f32 = 0.95;
/// Space between a label and the number set under it, in sizes.
const VALUE_SPACE: f32 = 0.1;
/// Space between a bilingual row's languages, in sizes.
const SECOND_LABEL_SPACE: f32 = 0.15;
/// Below this many sizes of width beside the numbers (more for rows with a
/// description, which wrap), each number goes under its label instead.
const NARROW_DESCRIBED_EM: f32 = 11.0;
const NARROW_EM: f32 = 6.0;
/// Rows are parted by a hairline rule a quarter of the way from the panel's
/// fill to its text colour, with this much space (in sizes) on each side.
const RULE_MIX: f32 = 0.75;
const RULE_WIDTH: f32 = 0.6;
const ROW_SPACE: f32 = 0.35;
/// The call to action: the first language's large (it is the poster's one
/// instruction), a second language's a step smaller, its reassurance line
/// close under it; and a space before the rows, in sizes.
const CALL_SCALE: f32 = 1.8;
const SECOND_CALL_SCALE: f32 = 1.3;
const HEADING_LEADING: f32 = 0.95;
const SECOND_CALL_SPACE: f32 = 0.3;
const REASSURANCE_SPACE: f32 = 0.1;
const HEADING_SPACE_AFTER: f32 = 0.5;

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

    let columns = Columns::new(rows, ink, number_scale, size, area);
    let text_style = columns.text_style;
    let rule = mix(cx.palette.on_accent, cx.palette.accent, RULE_MIX);
    let mut items = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            y += ROW_SPACE * size;
            placed.artifacts.push(Item::Line {
                from: (area.x, y),
                to: (area.right(), y),
                width: RULE_WIDTH,
                color: rule,
            });
            y += ROW_SPACE * size;
        }
        let Some(row_value) = &row.value else {
            // Advice with no number of its own: label and description across the panel.
            let text = stack(
                &row.entries(cx, text_style),
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
            (0, true) => CALL_SCALE,
            _ => SECOND_CALL_SCALE.min(CALL_SCALE * cx.second_scale),
        };
        let ink = if i > 0 {
            second_ink(cx.palette, ink)
        } else {
            ink
        };
        let mut entries = vec![
            Entry::new(
                Role::H2,
                heading,
                ParaStyle::new(scale, ink).leading(HEADING_LEADING),
            )
            .space_before(if i > 0 { SECOND_CALL_SPACE } else { 0.0 }),
        ];
        if let Some(r) = reassurance {
            entries.push(
                Entry::new(Role::P, r, ParaStyle::new(1.0, ink)).space_before(REASSURANCE_SPACE),
            );
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
        y += HEADING_SPACE_AFTER * size;
    }
    Ok(y)
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

impl Columns {
    /// The columns for `rows` at `size` in `area`.
    fn new(rows: &[Row], ink: Color, number_scale: f32, size: f32, area: Rect) -> Self {
        // The value column is as wide as the widest phone number; addresses shrink to fit it.
        let phone_w = rows
            .iter()
            .filter(|r| r.is_phone)
            .filter_map(|r| r.value.as_ref())
            .map(|v| natural_width(v, size * number_scale))
            .fold(0.0, f32::max);
        let col_w = phone_w
            .max(area.w * NUMBER_COLUMN_MIN)
            .min(area.w * NUMBER_COLUMN_MAX);
        let gap = COLUMN_GAP * size;
        let text_w = area.w - col_w - gap;
        let text_style = ParaStyle::new(LABEL_SCALE, ink).leading(LABEL_LEADING);
        // Side by side when every number fits its column and the text has room;
        // otherwise each number goes under its label.
        let described = rows
            .iter()
            .flat_map(|r| &r.texts)
            .any(|t| t.text.contains('\n'));
        let narrow = text_w
            < if described {
                NARROW_DESCRIBED_EM
            } else {
                NARROW_EM
            } * size;
        Columns {
            size,
            ink,
            number_scale,
            col_w,
            gap,
            text_w,
            narrow,
            text_style,
        }
    }
}
