//! Exact ToUnicode: each glyph's entry is the text it stands for where it is
//! drawn, for the readers that ignore ActualText (MuPDF, pdfminer, pypdf,
//! pdf.js, Preview). krilla gives a glyph the text of the first cluster it
//! was drawn in; a glyph drawn for another text is drawn from another
//! *instance* of its font, a copy that krilla embeds as a font of its own
//! (its own subset, its own ToUnicode map).

use super::outline::{Outlines, draw_outline};
use super::rtl::draw_rtl;
use super::{PdfFonts, krilla_glyph};
use crate::display;
use crate::fonts::FontId;
use crate::units::Color;
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

/// Glyphs to draw: shaped from `text` (their ranges point into it), in
/// visual order, in `font` at `size`, from `at`.
#[derive(Clone, Copy)]
pub(super) struct Piece<'a> {
    pub at: Point,
    pub glyphs: &'a [display::Glyph],
    pub font: FontId,
    pub text: &'a str,
    pub size: f32,
}

/// Draw a piece's glyphs so that each glyph's ToUnicode entry is exactly
/// the text it stands for here.
///
/// Left to right, the marks of a cluster that has a base glyph (glyphs with
/// no advance: Gurmukhi and Gujarati vowel signs above and below, tippi,
/// bindi) are drawn as outlines in `marks`' colour (not at all when `None`,
/// for an invisible layer), their text carried by the cluster's other
/// glyphs: pdfminer, which groups characters into lines by their boxes, takes
/// a mark off the baseline, or two marks with no width side by side, for the
/// start of another line. Right to left the run is written glyph by glyph
/// in reading order (see `rtl`); where it cannot be (a cluster with more
/// glyphs than characters), its marks stay text.
pub(super) fn draw_exact(
    surface: &mut Surface<'_>,
    piece: &Piece<'_>,
    fonts: &PdfFonts,
    mapped: &mut Mapped,
    mut marks: Option<(Color, &mut Outlines)>,
) {
    let Piece {
        at,
        glyphs,
        font,
        text,
        size,
    } = *piece;
    let rtl = glyphs.len() > 1 && glyphs[0].text.start > glyphs[glyphs.len() - 1].text.start;
    if rtl && draw_rtl(surface, piece, fonts, mapped, marks.as_mut()) {
        return;
    }
    let (kept, folded) = if rtl {
        (glyphs.to_vec(), Vec::new())
    } else {
        fold(glyphs)
    };
    let plan = plan(&kept, font, text, rtl, mapped);
    draw_plan(surface, at, &kept, font, &plan, size, fonts);
    if let Some((color, outlines)) = marks {
        for (g, pen) in folded {
            let at = Point::from_xy(at.x + pen * size, at.y);
            draw_outline(surface, fonts, font, g, at, size, color, outlines);
        }
    }
}

/// The glyphs drawn as text, and the marks drawn as outlines with their pen
/// positions (in ems from the run's start): a glyph with no advance in a
/// cluster that has one with an advance. Taking out glyphs with no advance
/// leaves the others where they were.
fn fold(glyphs: &[display::Glyph]) -> (Vec<display::Glyph>, Vec<(&display::Glyph, f32)>) {
    let mut kept = Vec::with_capacity(glyphs.len());
    let mut folded = Vec::new();
    let mut pen = 0.0;
    for cluster in glyphs.chunk_by(|a, b| a.text == b.text) {
        let based = cluster.iter().any(|g| g.x_advance != 0.0);
        for g in cluster {
            if based && g.x_advance == 0.0 {
                folded.push((g, pen));
            } else {
                kept.push(g.clone());
            }
            pen += g.x_advance;
        }
    }
    (kept, folded)
}

/// How a run's glyphs are drawn: the text their ranges point into, each
/// glyph's range and font instance, and the clusters to prime first.
struct Plan {
    /// The glyphs' texts in drawing order (for right-to-left text the reverse
    /// of reading order: krilla then does not mark the run `/ReversedChars`,
    /// which pypdf and pdf.js read worse). A cluster of several glyphs has
    /// one range, its whole text, for all of them: krilla draws it in an
    /// ActualText span, which poppler, Chrome and Acrobat read whole.
    own: String,
    placed: Vec<(Range<usize>, u16)>,
    /// Clusters whose glyphs are given their own share of the text before
    /// they are drawn (instance, glyph indices, shares); see [`prime`].
    primes: Vec<(u16, Range<usize>, Vec<String>)>,
}

/// One glyph's share of its cluster's text, and whether the cluster keeps its
/// whole text on every glyph (drawn in one ActualText span, krilla's way).
pub(super) struct Share {
    pub(super) text: String,
    pub(super) shared: bool,
}

/// Share out a cluster's text among its `n` glyphs, in drawing order (`rtl`:
/// the glyphs are in reverse reading order). The text is dealt one character
/// per glyph in reading order, the first glyph taking the rest, so that
/// reading the glyphs in order gives the text. A vowel sign drawn in two parts
/// (Bengali "ো" as "ে" and "া") is given as its canonical decomposition, one
/// character per part. A cluster with more glyphs than characters keeps its
/// whole text on each glyph.
pub(super) fn share(whole: &str, n: usize, rtl: bool) -> Vec<Share> {
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

fn plan(
    glyphs: &[display::Glyph],
    font: FontId,
    text: &str,
    rtl: bool,
    mapped: &mut Mapped,
) -> Plan {
    let mut own = String::new();
    let mut placed: Vec<(Range<usize>, u16)> = Vec::with_capacity(glyphs.len());
    let mut primes = Vec::new();
    for cluster in glyphs.chunk_by(|a, b| a.text == b.text) {
        let whole = &text[cluster[0].text.clone()];
        let parts = share(whole, cluster.len(), rtl);
        // A cluster of several glyphs is drawn from one instance, in one
        // ActualText span.
        let one = (cluster.len() > 1).then(|| {
            (0u16..)
                .find(|&k| {
                    cluster
                        .iter()
                        .zip(&parts)
                        .all(|(g, p)| free(mapped, font, k, g, &p.text))
                })
                .unwrap_or(0)
        });
        if let Some(k) = one
            && !parts[0].shared
            && cluster
                .iter()
                .zip(&parts)
                .any(|(g, p)| mapped.get(&(font, k, g.id)) != Some(&p.text))
        {
            let at = placed.len();
            primes.push((
                k,
                at..at + cluster.len(),
                parts.iter().map(|p| p.text.clone()).collect(),
            ));
        }
        let whole_start = own.len();
        for (i, (g, part)) in cluster.iter().zip(&parts).enumerate() {
            let start = if one.is_some() {
                whole_start
            } else {
                own.len()
            };
            if one.is_none() || i == 0 {
                own.push_str(if one.is_some() { whole } else { &part.text });
            }
            let k = one.unwrap_or_else(|| pick(mapped, font, g, &part.text, placed.last()));
            mapped.insert((font, k, g.id), part.text.clone());
            placed.push((start..own.len(), k));
        }
    }
    Plan {
        own,
        placed,
        primes,
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
    before: Option<&(Range<usize>, u16)>,
) -> u16 {
    if let Some(&(_, k)) = before
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

/// Give each glyph of a cluster its share of the text in krilla's ToUnicode
/// map, before the cluster is drawn with its whole text: drawn into a stream
/// that is never used, so nothing of it is in the PDF but the entries. krilla
/// keeps a glyph's first entry, and draws a glyph whose entry differs from
/// the text it is drawn with in an ActualText span.
fn prime(
    surface: &mut Surface<'_>,
    glyphs: &[display::Glyph],
    font: krilla::text::Font,
    shares: &[String],
    size: f32,
) {
    let mut text = String::new();
    let kg: Vec<KrillaGlyph> = glyphs
        .iter()
        .zip(shares)
        .map(|(g, share)| {
            let start = text.len();
            text.push_str(share);
            krilla_glyph(g, start..text.len())
        })
        .collect();
    let mut unused = surface.stream_builder();
    let mut s = unused.surface();
    s.draw_glyphs(Point::from_xy(0.0, 0.0), &kg, font, &text, size, false);
    s.finish();
    drop(unused.finish());
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
    let Plan {
        own,
        placed,
        primes,
    } = plan;
    for (k, range, shares) in primes {
        if let Some(f) = fonts.instance(font, *k) {
            prime(surface, &glyphs[range.clone()], f, shares, size);
        }
    }
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
