//! One row of the contact list: the number in its column with the label
//! beside it, or under the label when there is no room, and a portrait.

use super::{Columns, Row, VALUE_SPACE};
use crate::display::{Item, Node, Rect, Role};
use crate::layout::components::Cx;
use crate::layout::fit::Misfit;
use crate::layout::shape::ShapedText;
use crate::layout::stack::{Stacked, stack, text_node};
use crate::layout::text::{ParaStyle, SetText, natural_width, set_text};
use crate::model::Pixels;
use std::sync::Arc;

/// A portrait beside a row is this many times the text size wide...
const PORTRAIT_EM: f32 = 3.6;
/// ...and this many times as high as it is wide, at most (a passport-style
/// portrait)...
const PORTRAIT_ASPECT: f32 = 1.3;
/// ...and at least (a very wide photo still takes a portrait's height).
const PORTRAIT_MIN_ASPECT: f32 = 0.5;

/// One row at `y`: its list item and the bottom of what it took. A row with
/// a photo has it at the end side, beside the label, which is narrower for it.
pub(super) fn set_row(
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
            &row.entries(cx, c.text_style),
            size,
            Rect::new(x, y, w, f32::INFINITY),
            rtl,
        )?;
        let top = y + text.height + VALUE_SPACE * size;
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
            &row.entries(cx, c.text_style),
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
        let (figure, h) = set_portrait(cx, pixels, alt, area, y, w);
        body.push(figure);
        bottom = bottom.max(y + h);
    }
    body.extend(text.nodes(cx.page));
    body.push(text_node(Role::P, cx.page, value));
    let item = Node::new(Role::LI, cx.page)
        .with_children(vec![Node::new(Role::LBody, cx.page).with_children(body)]);
    Ok((item, bottom))
}

/// A portrait `w` wide at the end side of `area` from `y`, as a figure with
/// its alt text, and its height.
fn set_portrait(
    cx: &Cx<'_>,
    pixels: &Arc<Pixels>,
    alt: &str,
    area: Rect,
    y: f32,
    w: f32,
) -> (Node, f32) {
    let aspect = pixels.height as f32 / pixels.width.max(1) as f32;
    let h = w * aspect.clamp(PORTRAIT_MIN_ASPECT, PORTRAIT_ASPECT);
    let rect = Rect::new(cx.start_x(area, area.w - w, w), y, w, h);
    let dots = |pt: f32| ((pt / 72.0 * PHOTO_DPI).ceil() as u32).max(1);
    let pixels = pixels.fit_within(dots(w), dots(h), cx.fitted);
    let mut figure =
        Node::new(Role::Figure, cx.page).with_items(vec![Item::Image { rect, pixels }]);
    figure.alt = Some(alt.to_string());
    (figure, h)
}

/// A label beside its number keeps at least this many times the text size.
const LABEL_MIN_EM: f32 = 9.0;

/// Photos are cut down to this resolution at their printed size.
const PHOTO_DPI: f32 = 300.0;

/// The scale (up to `full`) at which a number or address fits `width`;
/// too small to read is a misfit.
pub(super) fn fit_scale(
    value: &ShapedText,
    size: f32,
    width: f32,
    full: f32,
) -> Result<f32, Misfit> {
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
