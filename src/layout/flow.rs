//! Flow: regions stacked in a column share their height. When one region's
//! text cannot fit at its smallest size (a longer translation), it borrows
//! height from the regions below or above that have room to spare, so a
//! template drawn for English fits every language without a code change.

use super::LayoutError;
use super::components::Placed;
use super::display::Rect;
use super::fit::Misfit;
use crate::template::RegionConfig;

/// Heights smaller than this are treated as "measure only".
const PROBE: f32 = 0.5;

/// Each region placed in its rectangle: the template's, or, if some region overflows and
/// the regions form one column (same x and width, one under another), the
/// same column with heights moved from regions with slack to those short.
pub fn place_column(
    regions: &[&RegionConfig],
    rects: Vec<Rect>,
    place: impl Fn(usize, Rect) -> Result<Placed, LayoutError>,
) -> Vec<(Rect, Result<Placed, LayoutError>)> {
    let first: Vec<_> = (0..rects.len()).map(|i| place(i, rects[i])).collect();
    let overflowing = first
        .iter()
        .any(|r| matches!(r, Err(LayoutError::Overflow { .. })));
    if !overflowing || !is_column(&rects) {
        return rects.into_iter().zip(first).collect();
    }
    let rects = rebalance(regions, rects, &place);
    (0..rects.len())
        .map(|i| (rects[i], place(i, rects[i])))
        .collect()
}

/// Heights moved from regions with slack to those that are short.
fn rebalance(
    regions: &[&RegionConfig],
    rects: Vec<Rect>,
    place: &impl Fn(usize, Rect) -> Result<Placed, LayoutError>,
) -> Vec<Rect> {
    // The height each region needs at its smallest size.
    let needs: Vec<f32> = (0..rects.len())
        .map(|i| {
            let probe = Rect::new(rects[i].x, rects[i].y, rects[i].w, PROBE);
            match place(i, probe) {
                Err(LayoutError::Overflow {
                    misfit: Misfit::TooTall { needed, .. },
                    ..
                }) => needed + 2.0 * padding(regions[i], rects[i]),
                Err(_) => rects[i].h,
                Ok(_) => 0.0,
            }
        })
        .collect();
    let total: f32 = rects.iter().map(|r| r.h).sum();
    if needs.iter().sum::<f32>() > total {
        return rects; // Nothing to share: the overflow error stands.
    }
    // Every region gets what it needs; the spare height goes back in
    // proportion to the template's heights, so the design keeps its shape.
    let spare = total - needs.iter().sum::<f32>();
    let weight: f32 = rects.iter().map(|r| r.h).sum();
    let mut y = rects[0].y;
    let mut out = Vec::with_capacity(rects.len());
    for (i, r) in rects.iter().enumerate() {
        let gap = if i > 0 {
            r.y - rects[i - 1].bottom()
        } else {
            0.0
        };
        y += gap;
        let h = needs[i] + spare * r.h / weight;
        out.push(Rect::new(r.x, y, r.w, h));
        y += h;
    }
    out
}

/// Regions one under another, same left edge and width, in order.
fn is_column(rects: &[Rect]) -> bool {
    rects.len() > 1
        && rects.windows(2).all(|w| {
            (w[0].x - w[1].x).abs() < 0.5
                && (w[0].w - w[1].w).abs() < 0.5
                && w[1].y >= w[0].bottom() - 0.5
        })
}

fn padding(region: &RegionConfig, rect: Rect) -> f32 {
    region.padding.resolve(rect.w)
}
