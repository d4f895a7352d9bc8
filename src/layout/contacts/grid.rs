//! The Gateway grid: contacts of one kind in columns, each label with its
//! number under it.

use super::row::fit_scale;
use super::{
    COLUMN_GAP, Heading, LABEL_LEADING, LABEL_SCALE, Row, VALUE_SPACE, finish_list, list_item,
    set_headings,
};
use crate::display::{Rect, Role};
use crate::layout::components::{Cx, Placed};
use crate::layout::fit::Misfit;
use crate::layout::stack::{stack, text_node};
use crate::layout::text::{ParaStyle, set_text};
use crate::units::Color;

/// Space between the grid's rows, in sizes: more than within a cell, so a
/// number reads with its own label.
const GRID_ROW_SPACE: f32 = 0.5;

/// Contacts of one kind (the Gateway teams) in `columns` columns: in each
/// cell the label, then the number under it; the numbers of a grid row
/// share a line.
pub(super) fn set_grid(
    cx: &Cx<'_>,
    headings: &[Heading],
    rows: &[Row],
    (ink, number_scale, size): (Color, f32, f32),
    columns: usize,
    area: Rect,
) -> Result<Placed, Misfit> {
    let mut placed = Placed::default();
    let mut y = set_headings(cx, headings, ink, size, area, &mut placed)?;
    let gap = COLUMN_GAP * size;
    let cell_w = (area.w - gap * (columns - 1) as f32) / columns as f32;
    let label_style = ParaStyle::new(LABEL_SCALE, ink).leading(LABEL_LEADING);
    let mut items = Vec::new();
    for (r, line) in rows.chunks(columns).enumerate() {
        if r > 0 {
            y += GRID_ROW_SPACE * size;
        }
        let mut labels = Vec::new();
        for (c, row) in line.iter().enumerate() {
            let x = cx.start_x(area, c as f32 * (cell_w + gap), cell_w);
            labels.push(stack(
                &row.entries(cx, label_style),
                size,
                Rect::new(x, y, cell_w, f32::INFINITY),
                cx.rtl(),
            )?);
        }
        let top = y + labels.iter().map(|l| l.height).fold(0.0, f32::max) + VALUE_SPACE * size;
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
