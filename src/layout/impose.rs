//! Imposition: identical panels repeated in a grid (wallet cards, 10 to a
//! sheet) with backs mirrored for long-edge duplex printing, and crop marks.

use crate::display::{Item, Node, Rect};
use crate::template::{ImpositionConfig, Template};
use crate::units::{Color, Pt};

/// Crop mark colour and width: registration-style black hairlines.
const MARK: Color = Color::BLACK;
const MARK_WIDTH: f32 = 0.25;
/// Cut guides between cards, light enough to disappear under a blade, and
/// a little heavier than a crop mark so a guillotine operator can find them.
const GUIDE: Color = Color::rgb(0xB8, 0xB8, 0xB8);
const GUIDE_WIDTH: f32 = 0.4;

/// Crop marks round a grid stand this far off it, so a blade that cuts a
/// hair wide does not leave them on the card...
const MARK_GAP_MM: f32 = 2.0;
/// ...are this long where the margin has room...
const MARK_LENGTH_MM: f32 = 5.0;
/// ...and left out where it has less than this (too short to sight along).
const MARK_MIN_MM: f32 = 2.0;
/// Corner marks start this far outside the bleed, so no stroke touches the
/// artwork that runs into it...
const CORNER_GAP_MM: f32 = 0.5;
/// ...and stop this far short of the paper's edge.
const CORNER_EDGE_MM: f32 = 1.0;

/// A grid of cells centred on the trim.
pub struct Grid {
    columns: usize,
    rows: usize,
    cell_w: f32,
    cell_h: f32,
    x0: f32,
    y0: f32,
}

impl Grid {
    pub fn new(imp: &ImpositionConfig, template: &Template, trim: Rect) -> Self {
        let (cell_w, cell_h) = template.panels.first().map_or((0.0, 0.0), |p| (p.w, p.h));
        Self {
            columns: imp.columns,
            rows: imp.rows,
            cell_w,
            cell_h,
            x0: trim.x + (trim.w - cell_w * imp.columns as f32) / 2.0,
            y0: trim.y + (trim.h - cell_h * imp.rows as f32) / 2.0,
        }
    }

    fn cell(&self, column: usize, row: usize) -> Rect {
        Rect::new(
            self.x0 + column as f32 * self.cell_w,
            self.y0 + row as f32 * self.cell_h,
            self.cell_w,
            self.cell_h,
        )
    }

    /// The column on `side` that backs `column` on the front. Flipping on the
    /// long edge of a portrait sheet mirrors left and right.
    pub fn backing_column(&self, side: usize, column: usize) -> usize {
        if side % 2 == 1 {
            self.columns - 1 - column
        } else {
            column
        }
    }

    /// Where the tagged master copy of a panel goes: the cell behind the
    /// front's first card.
    pub fn master(&self, side: usize, w: f32, h: f32) -> Rect {
        let c = self.cell(self.backing_column(side, 0), 0);
        Rect::new(c.x, c.y, w, h)
    }

    /// Every other cell's copy of the master's content, as artifacts (a
    /// screen reader reads one card, not ten).
    pub fn copies(&self, side: usize, nodes: &[Node], artifacts: &[Item]) -> Vec<Item> {
        let master = self.master(side, self.cell_w, self.cell_h);
        let items: Vec<&Item> = artifacts
            .iter()
            .chain(nodes.iter().flat_map(Node::all_items))
            .collect();
        let mut out = Vec::new();
        for row in 0..self.rows {
            for column in 0..self.columns {
                let cell = self.cell(self.backing_column(side, column), row);
                if (cell.x, cell.y) == (master.x, master.y) {
                    continue;
                }
                out.extend(
                    items
                        .iter()
                        .map(|i| translate(i, cell.x - master.x, cell.y - master.y)),
                );
            }
        }
        out
    }

    /// Cut guides along every card edge, and crop marks outside the grid
    /// wherever the margin has room for them (all round in press mode).
    pub fn cut_marks(&self, press: bool, margin: f32) -> Vec<Item> {
        let mut out = Vec::new();
        let (x1, y1) = (
            self.x0 + self.cell_w * self.columns as f32,
            self.y0 + self.cell_h * self.rows as f32,
        );
        for c in 0..=self.columns {
            let x = self.x0 + c as f32 * self.cell_w;
            out.push(line((x, self.y0), (x, y1), GUIDE));
        }
        for r in 0..=self.rows {
            let y = self.y0 + r as f32 * self.cell_h;
            out.push(line((self.x0, y), (x1, y), GUIDE));
        }
        let gap = Pt::from_mm(MARK_GAP_MM).0;
        let len = Pt::from_mm(MARK_LENGTH_MM).0;
        // Room between the grid and the printable margin (office) or the sheet edge (press).
        let limit = if press { 0.0 } else { margin };
        let side_room = self.x0 - gap - limit;
        let top_room = self.y0 - gap - limit;
        for r in 0..=self.rows {
            let y = self.y0 + r as f32 * self.cell_h;
            if side_room >= Pt::from_mm(MARK_MIN_MM).0 {
                let l = len.min(side_room);
                out.push(line((self.x0 - gap - l, y), (self.x0 - gap, y), MARK));
                out.push(line((x1 + gap, y), (x1 + gap + l, y), MARK));
            }
        }
        for c in 0..=self.columns {
            let x = self.x0 + c as f32 * self.cell_w;
            if top_room >= Pt::from_mm(MARK_MIN_MM).0 {
                let l = len.min(top_room);
                out.push(line((x, self.y0 - gap - l), (x, self.y0 - gap), MARK));
                out.push(line((x, y1 + gap), (x, y1 + gap + l), MARK));
            }
        }
        out
    }
}

/// Crop marks at the four corners of the trim, in the slug beyond the bleed:
/// each runs along a trim edge's line, from just outside the bleed towards
/// the paper's edge.
pub fn corner_marks(trim: Rect, bleed: f32, slug: f32) -> Vec<Item> {
    let gap = bleed + Pt::from_mm(CORNER_GAP_MM).0;
    let len = (slug - Pt::from_mm(CORNER_GAP_MM + CORNER_EDGE_MM).0).max(0.0);
    let mut out = Vec::new();
    for (x, dx) in [(trim.x, -1.0), (trim.right(), 1.0)] {
        for (y, dy) in [(trim.y, -1.0), (trim.bottom(), 1.0)] {
            out.push(line((x + dx * gap, y), (x + dx * (gap + len), y), MARK));
            out.push(line((x, y + dy * gap), (x, y + dy * (gap + len)), MARK));
        }
    }
    out
}

fn line(from: (f32, f32), to: (f32, f32), color: Color) -> Item {
    Item::Line {
        from,
        to,
        width: if color == MARK {
            MARK_WIDTH
        } else {
            GUIDE_WIDTH
        },
        color,
    }
}

/// An item moved by (dx, dy).
pub fn translate(item: &Item, dx: f32, dy: f32) -> Item {
    match item {
        Item::Text(run) => {
            let mut run = run.clone();
            run.x += dx;
            run.y += dy;
            Item::Text(run)
        }
        Item::Rect { rect, fill, radius } => Item::Rect {
            rect: Rect::new(rect.x + dx, rect.y + dy, rect.w, rect.h),
            fill: *fill,
            radius: *radius,
        },
        Item::Line {
            from,
            to,
            width,
            color,
        } => Item::Line {
            from: (from.0 + dx, from.1 + dy),
            to: (to.0 + dx, to.1 + dy),
            width: *width,
            color: *color,
        },
        Item::Image { rect, pixels } => Item::Image {
            rect: Rect::new(rect.x + dx, rect.y + dy, rect.w, rect.h),
            pixels: pixels.clone(),
        },
    }
}
