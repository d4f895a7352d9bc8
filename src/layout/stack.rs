//! Stacking paragraphs down a column, the building block of every component.

use super::fit::Misfit;
use super::shape::ShapedText;
use super::text::{ParaStyle, SetText, set_text};
use crate::display::{GlyphRun, Item, Node, Rect, Role};

/// One paragraph to stack: its role, shaped text, style, and the space above it
/// (in multiples of the base size).
pub struct Entry<'a> {
    pub role: Role,
    pub shaped: &'a ShapedText,
    pub style: ParaStyle,
    pub space_before: f32,
    /// Indent from the start side, in multiples of the base size.
    pub indent: f32,
}

impl<'a> Entry<'a> {
    pub fn new(role: Role, shaped: &'a ShapedText, style: ParaStyle) -> Self {
        Self {
            role,
            shaped,
            style,
            space_before: 0.0,
            indent: 0.0,
        }
    }

    pub fn space_before(mut self, em: f32) -> Self {
        self.space_before = em;
        self
    }

    pub fn indent(mut self, em: f32) -> Self {
        self.indent = em;
        self
    }
}

/// Paragraphs set one under another.
pub struct Stacked {
    pub paras: Vec<(Role, SetText, f32)>,
    pub height: f32,
}

impl Stacked {
    /// Move everything down by `dy`.
    pub fn shift(&mut self, dy: f32) {
        for (_, set, top) in &mut self.paras {
            *top += dy;
            for run in &mut set.runs {
                run.y += dy;
            }
        }
    }

    /// One structure node per paragraph, in order.
    pub fn nodes(self, page: usize) -> Vec<Node> {
        self.paras
            .into_iter()
            .map(|(role, set, _)| text_node(role, page, set))
            .collect()
    }
}

/// A structure node for a set paragraph: its runs, language, and (for a
/// heading) its title.
pub fn text_node(role: Role, page: usize, set: SetText) -> Node {
    let mut node = Node::new(role, page);
    if matches!(role, Role::H1 | Role::H2 | Role::H3) {
        node = node.with_title(set.text.replace('\n', " "));
    }
    node.lang = Some(set.lang);
    node.para = Some(set.para);
    node.with_items(runs_to_items(set.runs))
}

pub fn runs_to_items(runs: Vec<GlyphRun>) -> Vec<Item> {
    runs.into_iter().map(Item::Text).collect()
}

/// Heights are compared with this slack (pt), so text that fits exactly is
/// not refused for a rounding error in the sum of its lines.
pub const FIT_TOLERANCE: f32 = 0.01;

/// Set `entries` from the top of `area` at base size `base`.
pub fn stack(entries: &[Entry<'_>], base: f32, area: Rect, rtl: bool) -> Result<Stacked, Misfit> {
    let mut y = area.y;
    let mut paras = Vec::new();
    for e in entries {
        y += e.space_before * base;
        let indent = e.indent * base;
        let x = if rtl { area.x } else { area.x + indent };
        let set = set_text(e.shaped, e.style, base, x, y, area.w - indent)
            .map_err(|w| Misfit::TooWide { word: w.word })?;
        let top = y;
        y += set.height;
        paras.push((e.role, set, top));
    }
    let height = y - area.y;
    if height > area.h + FIT_TOLERANCE {
        return Err(Misfit::TooTall {
            needed: height,
            available: area.h,
        });
    }
    Ok(Stacked { paras, height })
}
