//! Flow: regions stacked in a column share their height. When one region's
//! text cannot fit at its smallest size (a longer translation), it borrows
//! height from the regions below or above that have room to spare, so a
//! template drawn for English fits every language without a code change.
//! And when a region is set below its largest size for lack of room (the
//! contact panel of a bilingual poster) while a block of open text above or
//! below ends short of its box, the block's unused height goes to it.

use super::LayoutError;
use super::components::Placed;
use super::fit::Misfit;
use crate::display::Rect;
use crate::template::{Component, RegionConfig};

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
    if !is_column(&rects) {
        return rects.into_iter().zip(first).collect();
    }
    if !overflowing {
        return share_slack(regions, rects, first, &place);
    }
    let rects = rebalance(regions, rects, &place);
    (0..rects.len())
        .map(|i| (rects[i], place(i, rects[i])))
        .collect()
}

/// The most height region `i` may take from its column: its own, and what
/// the other regions leave unused at their smallest — except the title and
/// the national contacts, which keep theirs.
pub fn largest_room(
    regions: &[&RegionConfig],
    rects: &[Rect],
    i: usize,
    place: impl Fn(usize, Rect) -> Result<Placed, LayoutError>,
) -> Rect {
    if !is_column(rects) {
        return rects[i];
    }
    // Others' slack, less what the others lack themselves.
    let spare: f32 = (0..rects.len())
        .filter(|j| *j != i)
        .map(|j| {
            let left = rects[j].h - need(regions[j], rects[j], &place(j, probe(rects[j])));
            let keeps = matches!(
                regions[j].component,
                Component::Contacts | Component::Header
            );
            if left < 0.0 || !keeps { left } else { 0.0 }
        })
        .sum();
    // A point short of it, so that what fits here fits what `rebalance` gives.
    let h = rects[i].h + spare - 1.0;
    Rect::new(rects[i].x, rects[i].y, rects[i].w, h)
}

/// A block of running text with no panel behind it: its spare height is free.
fn is_open_block(region: &RegionConfig) -> bool {
    region.component == Component::Block && region.fill.is_none()
}

/// A rectangle too short for anything: placing in it measures what is needed.
fn probe(r: Rect) -> Rect {
    Rect::new(r.x, r.y, r.w, PROBE)
}

/// The height a region needs at its smallest size, given how it fared in a probe.
fn need(region: &RegionConfig, rect: Rect, probed: &Result<Placed, LayoutError>) -> f32 {
    match probed {
        Err(LayoutError::Overflow {
            misfit: Misfit::TooTall { needed, .. },
            ..
        }) => needed + 2.0 * padding(region, rect),
        Err(_) => rect.h,
        Ok(_) => 0.0,
    }
}

/// Heights moved from regions with slack to those that are short.
fn rebalance(
    regions: &[&RegionConfig],
    rects: Vec<Rect>,
    place: &impl Fn(usize, Rect) -> Result<Placed, LayoutError>,
) -> Vec<Rect> {
    // The height each region needs at its smallest size.
    let needs: Vec<f32> = (0..rects.len())
        .map(|i| need(regions[i], rects[i], &place(i, probe(rects[i]))))
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
        if i > 0 {
            y += r.y - rects[i - 1].bottom();
        }
        let h = needs[i] + spare * r.h / weight;
        out.push(Rect::new(r.x, y, r.w, h));
        y += h;
    }
    out
}

/// Give the height that open text blocks at their largest size leave unused
/// to the regions that are cramped, in proportion to their heights.
fn share_slack(
    regions: &[&RegionConfig],
    rects: Vec<Rect>,
    first: Vec<Result<Placed, LayoutError>>,
    place: &impl Fn(usize, Rect) -> Result<Placed, LayoutError>,
) -> Vec<(Rect, Result<Placed, LayoutError>)> {
    let cramped: Vec<bool> = first
        .iter()
        .map(|p| p.as_ref().is_ok_and(|p| p.cramped))
        .collect();
    if !cramped.contains(&true) || first.iter().any(Result::is_err) {
        return rects.into_iter().zip(first).collect();
    }
    // What each open block at full size can give up: its height less the
    // smallest at which it is still set at full size (to within a point).
    let spare: Vec<f32> = (0..rects.len())
        .map(|i| {
            if !is_open_block(regions[i]) || cramped[i] {
                return 0.0;
            }
            let (mut lo, mut hi) = (0.0, rects[i].h);
            while hi - lo > 1.0 {
                let mid = (lo + hi) / 2.0;
                match place(i, Rect::new(rects[i].x, rects[i].y, rects[i].w, mid)) {
                    Ok(p) if !p.cramped => hi = mid,
                    _ => lo = mid,
                }
            }
            rects[i].h - hi
        })
        .collect();
    let total: f32 = spare.iter().sum();
    if total < 1.0 {
        return rects.into_iter().zip(first).collect();
    }
    // The national contacts come first (they are the largest thing after
    // the title); other cramped regions share only when they are not cramped.
    let helplines: Vec<bool> = (0..rects.len())
        .map(|i| cramped[i] && regions[i].component == Component::Contacts)
        .collect();
    let cramped = if helplines.contains(&true) {
        helplines
    } else {
        cramped
    };
    let weight: f32 = (0..rects.len())
        .filter(|i| cramped[*i])
        .map(|i| rects[i].h)
        .sum();
    let mut y = rects[0].y;
    let mut out = Vec::with_capacity(rects.len());
    for (i, r) in rects.iter().enumerate() {
        if i > 0 {
            y += r.y - rects[i - 1].bottom();
        }
        let extra = if cramped[i] {
            total * r.h / weight
        } else {
            0.0
        };
        let h = r.h - spare[i] + extra;
        out.push(Rect::new(r.x, y, r.w, h));
        y += h;
    }
    let second: Vec<_> = (0..out.len()).map(|i| place(i, out[i])).collect();
    if second.iter().any(Result::is_err) {
        return rects.into_iter().zip(first).collect();
    }
    out.into_iter().zip(second).collect()
}

/// Edges closer than this (pt) count as lined up: templates give positions
/// as fractions, which do not add up exactly.
const ALIGNED: f32 = 0.5;

/// Regions one under another, same left edge and width, in order.
fn is_column(rects: &[Rect]) -> bool {
    rects.len() > 1
        && rects.windows(2).all(|w| {
            (w[0].x - w[1].x).abs() < ALIGNED
                && (w[0].w - w[1].w).abs() < ALIGNED
                && w[1].y >= w[0].bottom() - ALIGNED
        })
}

fn padding(region: &RegionConfig, rect: Rect) -> f32 {
    region.padding.resolve(rect.w)
}
