//! The sheet a document is printed on: its page boxes (trim, and bleed in
//! press mode), where each panel falls on it (mirrored for right-to-left
//! languages, or in an imposition grid), fills run into the bleed, and the
//! marks a printer cuts by.

use super::impose::{self, Grid};
use super::{BLEED_MM, SLUG_MM};
use crate::display::{Item, Page, Rect};
use crate::template::{Panel, RegionConfig, Template};
use crate::units::Pt;

/// Edges closer than this (pt) count as touching, for running a fill into the bleed.
const TOUCHING: f32 = 0.5;

/// A document's page boxes, the same on every side.
pub struct Sheet {
    /// Press mode: bleed, crop marks, trim and bleed boxes.
    press: bool,
    /// How far the artwork runs past the trim on each side (0 for office printing).
    bleed: f32,
    /// How far the media reaches past the bleed on each side, to hold the
    /// crop marks clear of the artwork (0 for office printing).
    slug: f32,
    /// The finished page, inside the media.
    pub trim: Rect,
    /// The trim less the template's margin: nothing is placed outside it.
    pub safe: Rect,
    media_w: f32,
    media_h: f32,
}

impl Sheet {
    pub fn new(template: &Template, press: bool) -> Self {
        let (bleed, slug) = if press {
            (Pt::from_mm(BLEED_MM).0, Pt::from_mm(SLUG_MM).0)
        } else {
            (0.0, 0.0)
        };
        let edge = bleed + slug;
        let trim = Rect::new(edge, edge, template.width, template.height);
        Self {
            press,
            bleed,
            slug,
            trim,
            safe: trim.inset(template.margin),
            media_w: template.width + 2.0 * edge,
            media_h: template.height + 2.0 * edge,
        }
    }

    /// The trim and the bleed round it: what the artwork may cover.
    fn bleed_box(&self) -> Rect {
        let b = self.bleed;
        Rect::new(
            self.trim.x - b,
            self.trim.y - b,
            self.trim.w + 2.0 * b,
            self.trim.h + 2.0 * b,
        )
    }

    /// One empty page per side, with trim and bleed boxes in press mode.
    pub fn pages(&self, sides: usize) -> Vec<Page> {
        (0..sides)
            .map(|_| Page {
                width: self.media_w,
                height: self.media_h,
                trim: self.press.then_some(self.trim),
                bleed: self.press.then(|| self.bleed_box()),
                artifacts: Vec::new(),
            })
            .collect()
    }

    /// The imposition grid, for a product printed several to a sheet.
    pub fn grid(&self, template: &Template) -> Option<Grid> {
        template
            .config
            .imposition
            .as_ref()
            .map(|imp| Grid::new(imp, template, self.trim))
    }

    /// Where a panel falls on the sheet: in the grid's master cell when
    /// imposed, else where the template puts it, mirrored for right-to-left.
    pub fn panel_rect(
        &self,
        template: &Template,
        panel: &Panel,
        grid: Option<&Grid>,
        rtl: bool,
    ) -> Rect {
        if let Some(g) = grid {
            return g.master(panel.side, panel.w, panel.h);
        }
        // Right-to-left languages fold the other way: panels side by side
        // are mirrored, so the cover opens to the left and pages run right
        // to left. Both sides mirror, so the duplex setting is unchanged.
        let x = if rtl {
            template.width - panel.x - panel.w
        } else {
            panel.x
        };
        Rect::new(self.trim.x + x, self.trim.y + panel.y, panel.w, panel.h)
    }

    /// The part of a panel that holds its regions: inside the sheet's safe
    /// area and the panel's own margin.
    pub fn frame(&self, panel_rect: Rect, panel: &Panel) -> Rect {
        intersect(panel_rect, self.safe).inset(panel.margin)
    }

    /// Run a region's fill off the trim into the bleed on each side where the
    /// region touches its panel's frame and the panel reaches the trim edge.
    /// Only in press mode, and only for regions that ask for it.
    pub fn bleed_fill(
        &self,
        region: &RegionConfig,
        artifacts: &mut [Item],
        rect: Rect,
        frame: Rect,
        panel: Rect,
    ) {
        if !(region.bleed && self.press && region.fill.is_some()) {
            return;
        }
        let Some(Item::Rect {
            rect: fill, radius, ..
        }) = artifacts.first_mut()
        else {
            return;
        };
        let (trim, bleed) = (self.trim, self.bleed);
        let near = |a: f32, b: f32| (a - b).abs() < TOUCHING;
        let (mut l, mut t, mut r, mut b) = (fill.x, fill.y, fill.right(), fill.bottom());
        if near(rect.x, frame.x) && near(panel.x, trim.x) {
            l = trim.x - bleed;
        }
        if near(rect.y, frame.y) && near(panel.y, trim.y) {
            t = trim.y - bleed;
        }
        if near(rect.right(), frame.right()) && near(panel.right(), trim.right()) {
            r = trim.right() + bleed;
        }
        if near(rect.bottom(), frame.bottom()) && near(panel.bottom(), trim.bottom()) {
            b = trim.bottom() + bleed;
        }
        *fill = Rect::new(l, t, r - l, b - t);
        *radius = 0.0;
    }

    /// Marks for every page: cut guides and crop marks round an imposition
    /// grid, or crop marks at the trim's corners, in the slug, in press mode.
    pub fn marks(&self, grid: Option<&Grid>, margin: f32) -> Vec<Item> {
        match grid {
            Some(g) => g.cut_marks(self.press, margin),
            None if self.press => impose::corner_marks(self.trim, self.bleed, self.slug),
            None => Vec::new(),
        }
    }
}

/// A region's rectangle on the page, mirrored in its frame for right-to-left.
pub fn region_rect(region: &RegionConfig, frame: Rect, rtl: bool) -> Rect {
    let x = region.x.resolve(frame.w);
    let w = region.w.resolve(frame.w);
    let y = region.y.resolve(frame.h);
    let h = region.h.resolve(frame.h);
    let x = if rtl { frame.w - x - w } else { x };
    Rect::new(frame.x + x, frame.y + y, w, h)
}

/// The overlap of two rectangles (empty if they do not overlap).
fn intersect(a: Rect, b: Rect) -> Rect {
    let x = a.x.max(b.x);
    let y = a.y.max(b.y);
    let r = a.right().min(b.right());
    let bot = a.bottom().min(b.bottom());
    Rect::new(x, y, (r - x).max(0.0), (bot - y).max(0.0))
}
