//! Exact ToUnicode: each glyph's entry is the text it stands for where it is
//! drawn, for the readers that ignore ActualText (MuPDF, pdfminer, pypdf,
//! pdf.js, Preview). krilla gives a glyph the text of the first cluster it
//! was drawn in; a glyph drawn for another text is drawn from another
//! *instance* of its font, a copy that krilla embeds as a font of its own
//! (its own subset, its own ToUnicode map).

use super::{PdfFonts, krilla_glyph};
use crate::display;
use crate::fonts::FontId;
use krilla::geom::Point;
use krilla::surface::Surface;
use krilla::text::KrillaGlyph;
use std::collections::HashMap;
use std::ops::Range;

/// The text each glyph of each font instance maps to in this document:
/// (font, instance, glyph) to text.
pub(super) type Mapped = HashMap<(FontId, u16, u16), String>;

/// A copy of a font file that krilla keys as a different font: the same
/// tables, but `head.checksumAdjustment` (which krilla identifies a font by,
/// and which no renderer uses) offset by `n`.
pub(super) fn instance_data(data: &[u8], n: u32) -> Option<Vec<u8>> {
    let be16 = |at: usize| Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?));
    let be32 = |at: usize| Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?));
    let tables = usize::from(be16(4)?);
    let head = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&r| data.get(r..r + 4) == Some(b"head"))?;
    let at = usize::try_from(be32(head + 8)?).ok()? + 8;
    let adjusted = be32(at)?.wrapping_add(n);
    let mut copy = data.to_vec();
    copy.get_mut(at..at + 4)?
        .copy_from_slice(&adjusted.to_be_bytes());
    Some(copy)
}

/// Draw `glyphs` (shaped from `text`, in visual order) at `at` so that each
/// glyph's ToUnicode entry is exactly the text it stands for here.
#[allow(clippy::too_many_arguments)]
pub(super) fn draw_exact(
    surface: &mut Surface<'_>,
    at: Point,
    glyphs: &[display::Glyph],
    font: FontId,
    text: &str,
    size: f32,
    fonts: &PdfFonts,
    mapped: &mut Mapped,
) {
    let plan = plan(glyphs, font, text, mapped);
    draw_plan(surface, at, glyphs, font, &plan, size, fonts);
}

/// How a run's glyphs are drawn: the text their ToUnicode entries give (each
/// glyph's a range of `own`) and the font instance of each.
struct Plan {
    /// The glyphs' texts in drawing order. For right-to-left text that is
    /// the reverse of reading order, and krilla does not mark the run
    /// `/ReversedChars`: pypdf and pdf.js read such a run worse, not better.
    own: String,
    placed: Vec<(Range<usize>, u16)>,
}

/// One glyph's share of its cluster's text, and whether the cluster keeps its
/// whole text on every glyph (drawn in one ActualText span, krilla's way).
struct Share {
    text: String,
    shared: bool,
}

/// Share out a cluster's text among its `n` glyphs, in drawing order (`rtl`:
/// the glyphs are in reverse reading order). The text is dealt one character
/// per glyph in reading order, the first glyph taking the rest, so that
/// reading the glyphs in order gives the text. A vowel sign drawn in two parts
/// (Bengali "ো" as "ে" and "া") is given as its canonical decomposition, one
/// character per part. A cluster with more glyphs than characters keeps its
/// whole text on each glyph.
fn share(whole: &str, n: usize, rtl: bool) -> Vec<Share> {
    use unicode_normalization::UnicodeNormalization;
    let mut chars: Vec<char> = whole.chars().collect();
    if chars.len() < n {
        let decomposed: Vec<char> = whole.nfd().collect();
        if decomposed.len() >= n {
            chars = decomposed;
        }
    }
    if n == 1 || chars.len() < n {
        let shared = n > 1;
        return (0..n)
            .map(|_| Share {
                text: whole.to_string(),
                shared,
            })
            .collect();
    }
    let extra = chars.len() - n;
    let mut parts: Vec<Share> = (0..n)
        .map(|i| {
            let (from, to) = if i == 0 {
                (0, extra + 1)
            } else {
                (extra + i, extra + i + 1)
            };
            Share {
                text: chars[from..to].iter().collect(),
                shared: false,
            }
        })
        .collect();
    if rtl {
        parts.reverse();
    }
    parts
}

fn plan(glyphs: &[display::Glyph], font: FontId, text: &str, mapped: &mut Mapped) -> Plan {
    let rtl = glyphs.len() > 1 && glyphs[0].text.start > glyphs[glyphs.len() - 1].text.start;
    // Each glyph's text and instance, in drawing order.
    let mut shares: Vec<Share> = Vec::with_capacity(glyphs.len());
    let mut instances: Vec<u16> = Vec::with_capacity(glyphs.len());
    for cluster in glyphs.chunk_by(|a, b| a.text == b.text) {
        let parts = share(&text[cluster[0].text.clone()], cluster.len(), rtl);
        // A shared cluster is drawn from one instance, in one ActualText span.
        let one = parts[0].shared.then(|| {
            (0u16..)
                .find(|&k| {
                    cluster
                        .iter()
                        .zip(&parts)
                        .all(|(g, p)| free(mapped, font, k, g, &p.text))
                })
                .unwrap_or(0)
        });
        for (g, part) in cluster.iter().zip(parts) {
            let k = one.unwrap_or_else(|| pick(mapped, font, g, &part.text, instances.last()));
            mapped.insert((font, k, g.id), part.text.clone());
            instances.push(k);
            shares.push(part);
        }
    }
    // The texts in drawing order, each glyph given its range (a shared
    // cluster one range for all its glyphs).
    let mut own = String::new();
    let mut ranges: Vec<Range<usize>> = Vec::with_capacity(glyphs.len());
    for (i, part) in shares.iter().enumerate() {
        let continues = part.shared && i > 0 && glyphs[i - 1].text == glyphs[i].text;
        if continues {
            ranges.push(ranges[i - 1].clone());
        } else {
            let start = own.len();
            own.push_str(&part.text);
            ranges.push(start..own.len());
        }
    }
    Plan {
        own,
        placed: ranges.into_iter().zip(instances).collect(),
    }
}

/// The instance to draw glyph `g` for `text` from: a mark (no advance) stays
/// in the instance of the glyph before it if it can, since some readers take
/// a font switch for a break; else the first instance that maps it to `text`
/// or has no entry for it yet.
fn pick(
    mapped: &Mapped,
    font: FontId,
    g: &display::Glyph,
    text: &str,
    before: Option<&u16>,
) -> u16 {
    if let Some(&k) = before
        && g.x_advance == 0.0
        && free(mapped, font, k, g, text)
    {
        return k;
    }
    (0u16..)
        .find(|&k| free(mapped, font, k, g, text))
        .unwrap_or(0)
}

/// Whether instance `k` of `font` can map glyph `g` to `text`.
fn free(mapped: &Mapped, font: FontId, k: u16, g: &display::Glyph, text: &str) -> bool {
    mapped.get(&(font, k, g.id)).is_none_or(|m| m == text)
}

/// Draw `glyphs` as `plan` says, each stretch of glyphs from one instance.
fn draw_plan(
    surface: &mut Surface<'_>,
    at: Point,
    glyphs: &[display::Glyph],
    font: FontId,
    plan: &Plan,
    size: f32,
    fonts: &PdfFonts,
) {
    let Plan { own, placed } = plan;
    let mut pen = at.x;
    let mut i = 0;
    for stretch in placed.chunk_by(|a, b| a.1 == b.1) {
        let part = &glyphs[i..i + stretch.len()];
        i += stretch.len();
        let kg: Vec<KrillaGlyph> = part
            .iter()
            .zip(stretch)
            .map(|(g, (range, _))| krilla_glyph(g, range.clone()))
            .collect();
        if let Some(f) = fonts.instance(font, stretch[0].1) {
            surface.draw_glyphs(Point::from_xy(pen, at.y), &kg, f, own, size, false);
        }
        pen += part.iter().map(|g| g.x_advance).sum::<f32>() * size;
    }
}
