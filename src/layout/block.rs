//! The block component: a Markdown block's heading, paragraphs and lists
//! (in each language of the product), and its source line.

use super::components::{Cx, Placed, background, second_ink, sizes};
use super::fit::{Misfit, fit};
use super::shape::{ShapedText, StyledText};
use super::stack::{Entry, FIT_TOLERANCE, stack, text_node};
use super::text::{ParaStyle, natural_width, set_text};
use super::{LayoutError, Missing};
use crate::display::{Item, Node, Rect, Role};
use crate::fonts::FontStyle;
use crate::model::{Block, BlockItem, SOURCE_LANG, Source, Strings};
use crate::template::RegionConfig;
use std::sync::Arc;

/// A Markdown block: heading (H2), paragraphs, lists, and its source.
pub fn block(cx: &Cx<'_>, region: &RegionConfig, rect: Rect) -> Result<Placed, LayoutError> {
    let id = region.block.as_deref().unwrap_or_default();
    let mut parts = Vec::new();
    let mut source_line = None;
    let mut quoted = false;
    let shown = cx
        .parts()
        .into_iter()
        .filter(|part| region.language.is_none_or(|l| l.shows(part.first)));
    let mut cited_in = None;
    for part in shown {
        let block = part
            .lang
            .block_for(id, cx.nation)
            .ok_or_else(|| LayoutError::MissingContent(Missing::Block(id.to_string())))?;
        let heading = part.shape(&block.heading, FontStyle::BOLD)?;
        let mut items = Vec::new();
        for item in &block.items {
            items.push(match item {
                BlockItem::Paragraph(spans) => {
                    Shaped::Para(part.shape_spans(spans, FontStyle::REGULAR)?)
                }
                BlockItem::List(list) => Shaped::List(
                    list.iter()
                        .map(|spans| part.shape_spans(spans, FontStyle::REGULAR))
                        .collect::<Result<_, _>>()?,
                ),
            });
        }
        // The source line is in the first language shown.
        if cited_in.is_none() {
            source_line = block
                .source
                .as_deref()
                .and_then(|s| cx.content.source(s))
                .map(|src| cite(src, block, part.strings()));
            quoted = block.quoted;
            cited_in = Some(part);
        }
        parts.push(BlockPart {
            heading,
            items,
            first: part.first,
        });
    }
    let bullet = cx.shape("•", FontStyle::BOLD)?;
    let source = match (&source_line, cited_in) {
        (Some(line), Some(part)) => Some(part.shape_styled(line)?),
        _ => None,
    };
    let inner = rect.inset(region.padding.resolve(rect.w));
    let (min, max) = sizes(cx, region);
    let columns = usize::from(region.list_columns.max(1));
    let shaped = ShapedBlock {
        cx,
        parts,
        bullet,
        source,
        quoted,
        columns,
    };
    let (size, placed) =
        fit(min, max, |size| shaped.set(size, inner)).map_err(|m| LayoutError::overflow(id, m))?;
    let mut placed = placed;
    placed.artifacts.splice(0..0, background(cx, region, rect));
    placed.cramped = size < max;
    Ok(placed)
}

/// One language's heading and body of a block.
struct BlockPart {
    heading: Arc<ShapedText>,
    items: Vec<Shaped>,
    /// The first language (the second is set in its own colour).
    first: bool,
}

/// The line under a block, in the reader's language: "— Department for
/// Education, February 2017", with the short title and paragraphs where the
/// block names them, and "(excerpt)" or "(translated from English)".
/// Publishers and titles are proper names and stay as published, tagged in
/// their own language.
fn cite(src: &Source, block: &Block, strings: &Strings) -> StyledText {
    let regular = FontStyle::REGULAR;
    let separator = strings.get("source.separator");
    let mut line = StyledText::plain("— ", regular);
    line.push_in(&src.publisher, regular, SOURCE_LANG);
    if let Some(title) = &src.short_title {
        line.push(separator, regular);
        line.push_in(title, regular, SOURCE_LANG);
    }
    let mut rest: Vec<String> = src
        .date
        .map(|d| strings.source_date(d))
        .into_iter()
        .collect();
    if let Some(numbers) = &block.locator {
        rest.push(strings.format("source.paragraphs", &[("numbers", numbers)]));
    }
    for part in rest {
        line.push(separator, regular);
        line.push(&part, regular);
    }
    let notes: Vec<&str> = [
        block.excerpt.then(|| strings.get("source.excerpt")),
        block
            .translated_from
            .is_some()
            .then(|| strings.get("footer.translated-quote")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !notes.is_empty() {
        line.push(&format!(" ({})", notes.join(separator)), regular);
    }
    line
}

enum Shaped {
    Para(Arc<ShapedText>),
    List(Vec<Arc<ShapedText>>),
}

/// A block's text, shaped once, for setting at each size `fit` tries.
struct ShapedBlock<'c, 'a> {
    cx: &'c Cx<'a>,
    /// Each language's heading and body.
    parts: Vec<BlockPart>,
    bullet: Arc<ShapedText>,
    /// The source line, in the first language shown.
    source: Option<Arc<ShapedText>>,
    /// Set as a quotation: indented, with a bar at the start side.
    quoted: bool,
    columns: usize,
}

/// A block's heading, relative to its text, set tight: a two-line heading
/// should read as one thing.
const HEADING_SCALE: f32 = 1.3;
const HEADING_LEADING: f32 = 0.95;
/// Space above each paragraph and list, in sizes: half a line, enough to
/// tell paragraphs apart without the block falling into pieces.
const PARA_SPACE: f32 = 0.45;
/// A quoted block's text is indented this many sizes, past its bar...
const QUOTE_INDENT: f32 = 0.9;
/// ...a bar this many sizes wide.
const QUOTE_BAR: f32 = 0.22;
/// Space above a bilingual block's second language, in sizes.
const SECOND_LANGUAGE_GAP: f32 = 0.9;
/// The source line: smaller and muted (it is for checking, not reading),
/// a little way under the text.
const SOURCE_SCALE: f32 = 0.78;
const SOURCE_SPACE: f32 = 0.35;
/// Lists: the gap between columns and the bullet's hanging indent, and the
/// space between items, in sizes.
const LIST_COLUMN_GAP: f32 = 1.0;
const LIST_INDENT: f32 = 1.1;
const LIST_ITEM_SPACE: f32 = 0.15;

impl ShapedBlock<'_, '_> {
    /// The block set at `size` in `area`, or why it does not fit.
    fn set(&self, size: f32, area: Rect) -> Result<Placed, Misfit> {
        let mut placed = Placed::default();
        let mut y = area.y;
        for (i, part) in self.parts.iter().enumerate() {
            // A second language starts after a gap under the first.
            let gap = if i > 0 {
                SECOND_LANGUAGE_GAP * size
            } else {
                0.0
            };
            y = self.set_part(part, size, area, y, gap, &mut placed)?;
        }
        if let Some(src) = &self.source {
            let indent = if self.quoted { QUOTE_INDENT } else { 0.0 };
            let rest = Rect::new(area.x, y, area.w, f32::INFINITY);
            let style = ParaStyle::new(SOURCE_SCALE, self.cx.palette.muted);
            let entry = Entry::new(Role::P, src, style)
                .space_before(SOURCE_SPACE)
                .indent(indent);
            let s = stack(&[entry], size, rest, self.cx.rtl())?;
            y += s.height;
            placed.nodes.extend(s.nodes(self.cx.page));
        }
        if y > area.bottom() + FIT_TOLERANCE {
            return Err(Misfit::TooTall {
                needed: y - area.y,
                available: area.h,
            });
        }
        Ok(placed)
    }

    /// One language's heading and body from `y` (after `gap`); returns
    /// where it ends.
    fn set_part(
        &self,
        part: &BlockPart,
        size: f32,
        area: Rect,
        mut y: f32,
        gap: f32,
        placed: &mut Placed,
    ) -> Result<f32, Misfit> {
        let (cx, rtl) = (self.cx, self.cx.rtl());
        // A second language is in its own colour, heading and body alike.
        let tone = |c| {
            if part.first {
                c
            } else {
                second_ink(cx.palette, c)
            }
        };
        let ink = tone(cx.palette.ink);
        let k = if part.first { 1.0 } else { cx.second_scale };
        let heading_style =
            ParaStyle::new(HEADING_SCALE * k, tone(cx.palette.primary)).leading(HEADING_LEADING);
        let head = stack(
            &[Entry::new(Role::H2, &part.heading, heading_style)],
            size,
            Rect::new(area.x, y + gap, area.w, f32::INFINITY),
            rtl,
        )?;
        y += gap + head.height;
        placed.nodes.extend(head.nodes(cx.page));
        let body_top = y;
        let mut body = Vec::new();
        for item in &part.items {
            let rest = Rect::new(area.x, y, area.w, f32::INFINITY);
            match item {
                Shaped::Para(shaped) => {
                    let indent = if self.quoted { QUOTE_INDENT } else { 0.0 };
                    let entry = Entry::new(Role::P, shaped, ParaStyle::new(k, ink))
                        .space_before(PARA_SPACE)
                        .indent(indent);
                    let s = stack(&[entry], size, rest, rtl)?;
                    y += s.height;
                    body.extend(s.nodes(cx.page));
                }
                Shaped::List(list) => {
                    let list_area = Rect::new(rest.x, rest.y + PARA_SPACE * size, rest.w, rest.h);
                    let (node, h) = self.set_list(list, size * k, list_area, ink)?;
                    y += h + PARA_SPACE * size;
                    body.push(node);
                }
            }
        }
        if !self.quoted {
            placed.nodes.extend(body);
            return Ok(y);
        }
        let bar_w = QUOTE_BAR * size;
        let bar = Rect::new(
            cx.start_x(area, 0.0, bar_w),
            body_top + PARA_SPACE * size,
            bar_w,
            y - body_top - PARA_SPACE * size,
        );
        placed.artifacts.push(Item::Rect {
            rect: bar,
            fill: cx.palette.accent,
            radius: 0.0,
        });
        placed
            .nodes
            .push(Node::new(Role::BlockQuote, cx.page).with_children(body));
        Ok(y)
    }

    /// A bulleted list in `columns` columns (filled down, then across).
    fn set_list(
        &self,
        list: &[Arc<ShapedText>],
        size: f32,
        area: Rect,
        ink: crate::units::Color,
    ) -> Result<(Node, f32), Misfit> {
        let (cx, bullet, columns) = (self.cx, &self.bullet, self.columns);
        let gap = LIST_COLUMN_GAP * size;
        let col_w = (area.w - gap * (columns as f32 - 1.0)) / columns as f32;
        let per_col = list.len().div_ceil(columns);
        let indent = LIST_INDENT * size;
        let mut items = Vec::new();
        let mut height = 0.0f32;
        for (c, chunk) in list.chunks(per_col.max(1)).enumerate() {
            let col_x = if cx.rtl() {
                area.right() - (c as f32 + 1.0) * col_w - c as f32 * gap
            } else {
                area.x + c as f32 * (col_w + gap)
            };
            let col = Rect::new(col_x, area.y, col_w, area.h);
            let mut y = area.y;
            for (i, shaped) in chunk.iter().enumerate() {
                if i > 0 {
                    y += LIST_ITEM_SPACE * size;
                }
                let body_x = if cx.rtl() { col.x } else { col.x + indent };
                let body = set_text(
                    shaped,
                    ParaStyle::new(1.0, ink),
                    size,
                    body_x,
                    y,
                    col_w - indent,
                )
                .map_err(|w| Misfit::TooWide { word: w.word })?;
                let bullet_w = natural_width(bullet, size);
                let bx = if cx.rtl() {
                    col.right() - bullet_w
                } else {
                    col.x
                };
                let mark = set_text(
                    bullet,
                    ParaStyle::new(1.0, cx.palette.primary),
                    size,
                    bx,
                    y,
                    bullet_w + 1.0,
                )
                .map_err(|w| Misfit::TooWide { word: w.word })?;
                y += body.height;
                items.push(Node::new(Role::LI, cx.page).with_children(vec![
                    text_node(Role::Lbl, cx.page, mark),
                    text_node(Role::LBody, cx.page, body),
                ]));
            }
            height = height.max(y - area.y);
        }
        if height > area.h + FIT_TOLERANCE {
            return Err(Misfit::TooTall {
                needed: height,
                available: area.h,
            });
        }
        Ok((Node::new(Role::L, cx.page).with_children(items), height))
    }
}
