//! Lines: break a shaped paragraph at UAX #14 opportunities (never inside a
//! number or address), place each line's runs in visual order (UAX #9, rule
//! L2) and hand them on in reading order, the order they are written in.

use super::shape::{ShapedGlyph, ShapedText};
use crate::display::{Glyph, GlyphRun};
use crate::units::Color;
use std::ops::Range;
use unicode_linebreak::{BreakOpportunity, linebreaks};

/// Where lines sit across the measure, in the paragraph's own direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Left in left-to-right text, right in right-to-left text.
    #[default]
    Start,
    End,
    Center,
}

/// A word (or number) wider than the measure.
#[derive(Debug, Clone, PartialEq)]
pub struct TooWide {
    pub word: String,
}

/// What breaking a paragraph into lines needs of it at any measure: made
/// once per shaped paragraph (`ShapedText::breaks`) and kept with it, so
/// auto-fit trying size after size, and every product setting the same
/// paragraph, find the break opportunities already found.
#[derive(Debug, Clone)]
pub struct Breaks {
    widths: Widths,
    /// Every opportunity in order: UAX #14's outside numbers and addresses
    /// (`Some(kind)`), then an address's own breaks (`None`), kept in reserve.
    opportunities: Vec<(usize, Option<BreakOpportunity>)>,
    /// The insides of numbers, where even a word too long for any line is not cut.
    numbers: Inside,
}

impl Breaks {
    pub(super) fn new(shaped: &ShapedText) -> Self {
        let text = &shaped.text;
        let inside = Inside::new(shaped.unbreakable.iter().cloned());
        let numbers = Inside::new(
            shaped
                .unbreakable
                .iter()
                .filter(|r| is_number(&text[(*r).clone()]))
                .cloned(),
        );
        let mut opportunities: Vec<(usize, Option<BreakOpportunity>)> = linebreaks(text)
            .filter(|(i, _)| !inside.contains(*i))
            .map(|(i, k)| (i, Some(k)))
            .chain(shaped.address_breaks.iter().map(|i| (*i, None)))
            .collect();
        opportunities.sort_by_key(|(i, k)| (*i, k.is_some()));
        Breaks {
            widths: Widths::new(shaped),
            opportunities,
            numbers,
        }
    }
}

/// Prefix sums of advances by byte, so any range's width is one subtraction.
#[derive(Debug, Clone)]
struct Widths(Vec<f32>);

impl Widths {
    fn new(shaped: &ShapedText) -> Self {
        let mut per_byte = vec![0.0f32; shaped.text.len() + 1];
        for run in &shaped.runs {
            for g in &run.glyphs {
                per_byte[g.cluster] += g.x_advance;
            }
        }
        let mut acc = 0.0;
        let mut prefix = Vec::with_capacity(per_byte.len() + 1);
        prefix.push(0.0);
        for w in per_byte {
            acc += w;
            prefix.push(acc);
        }
        Widths(prefix)
    }

    /// Width in ems of the glyphs whose clusters start in `range`.
    fn of(&self, range: Range<usize>) -> f32 {
        self.0[range.end] - self.0[range.start]
    }
}

/// The end of `range` without trailing white space.
fn trim_end(text: &str, range: Range<usize>) -> usize {
    range.start + text[range].trim_end().len()
}

/// The places strictly inside any of some byte ranges (a break there would
/// split a number or address), merged and sorted so that each question is
/// a binary search: with one check per break opportunity, a scan of every
/// range would make long text quadratic.
#[derive(Debug, Clone)]
struct Inside(Vec<Range<usize>>);

impl Inside {
    fn new(ranges: impl Iterator<Item = Range<usize>>) -> Self {
        // The interior of `a..b` is `a + 1..b`.
        let mut interiors: Vec<Range<usize>> = ranges
            .filter(|r| r.end > r.start + 1)
            .map(|r| r.start + 1..r.end)
            .collect();
        interiors.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(interiors.len());
        for r in interiors {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        Inside(merged)
    }

    fn contains(&self, i: usize) -> bool {
        let after = self.0.partition_point(|r| r.start <= i);
        after > 0 && i < self.0[after - 1].end
    }
}

/// Break into lines no wider than `max_em` ems. Returns each line's byte range
/// (trailing white space excluded). An address longer than a whole line
/// breaks at its own places (after `/`, before `.`), and only then.
pub fn break_lines(shaped: &ShapedText, max_em: f32) -> Result<Vec<Range<usize>>, TooWide> {
    let text = &shaped.text;
    let Breaks {
        widths,
        opportunities,
        numbers,
    } = shaped.breaks();
    let fits =
        |start: usize, end: usize| widths.of(start..trim_end(text, start..end)) <= max_em + 1e-4;
    let too_wide = |start: usize, end: usize| TooWide {
        word: text[start..trim_end(text, start..end)].to_string(),
    };
    let mut lines = Vec::new();
    let mut start = 0;
    // Places passed since `start` where a line could end: (at, is an address break).
    let mut fitting: Vec<(usize, bool)> = Vec::new();
    for &(at, kind) in opportunities {
        while !fits(start, at) {
            // The last ordinary break that fits; failing that, the last
            // address break; failing that (a word longer than the line), the
            // last letter that fits — but never inside a number.
            let end = fitting
                .iter()
                .rev()
                .find(|(_, reserve)| !reserve)
                .or_else(|| fitting.last())
                .map(|(i, _)| *i)
                .or_else(|| last_letter_fitting(shaped, numbers, start, at, &fits))
                .ok_or_else(|| too_wide(start, at))?;
            lines.push(start..trim_end(text, start..end));
            start = end;
            fitting.retain(|(i, _)| *i > end);
        }
        match kind {
            Some(BreakOpportunity::Mandatory) => {
                lines.push(start..trim_end(text, start..at));
                start = at;
                fitting.clear();
            }
            Some(_) => fitting.push((at, false)),
            None => fitting.push((at, true)),
        }
    }
    if lines.is_empty() {
        lines.push(0..0);
    }
    Ok(lines)
}

/// The last place in `start..end` where a word too long for any line may be
/// cut: between two characters neither of them a mark or joiner, never
/// inside a number, with what comes before it fitting the line.
fn last_letter_fitting(
    shaped: &ShapedText,
    numbers: &Inside,
    start: usize,
    end: usize,
    fits: &impl Fn(usize, usize) -> bool,
) -> Option<usize> {
    use unicode_linebreak::{BreakClass, break_property};
    let text = &shaped.text;
    let joins = |c: char| {
        matches!(
            break_property(c as u32),
            BreakClass::CombiningMark | BreakClass::ZeroWidthJoiner | BreakClass::NonBreakingGlue
        )
    };
    text[start..end]
        .char_indices()
        .map(|(i, c)| (start + i, c))
        .filter(|(i, c)| {
            *i > start
                && !joins(*c)
                && text[..*i].chars().next_back().is_some_and(|p| !joins(p))
                && !numbers.contains(*i)
        })
        .map(|(i, _)| i)
        .take_while(|i| fits(start, *i))
        .last()
}

/// A phone number's text (digits, spaces, `+`, `-`), not an address.
fn is_number(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-'))
}

/// A piece of one shaped run that falls on a line.
struct Piece {
    run: usize,
    range: Range<usize>,
    level: u8,
}

/// Glyph runs for one line, placed on `baseline` within `x..x+width`, in
/// reading order. The text from `silent` to the line's end (the space a line
/// wraps at) is kept at no width: it is in the text, not in the layout.
#[allow(clippy::too_many_arguments)]
pub fn place_line(
    shaped: &ShapedText,
    line: Range<usize>,
    silent: usize,
    size: f32,
    x: f32,
    width: f32,
    baseline: f32,
    align: Align,
    color: Color,
) -> Vec<GlyphRun> {
    // Runs are in logical order, end to end: those on the line follow the
    // last one that ends before it starts.
    let first = shaped.runs.partition_point(|r| r.range.end <= line.start);
    let mut pieces: Vec<Piece> = shaped.runs[first..]
        .iter()
        .take_while(|run| run.range.start < line.end)
        .enumerate()
        .filter_map(|(i, run)| {
            let i = first + i;
            let start = run.range.start.max(line.start);
            let end = run.range.end.min(line.end);
            (start < end).then(|| Piece {
                run: i,
                range: start..end,
                level: run.level.number(),
            })
        })
        .collect();
    reorder(&mut pieces);

    let mut runs: Vec<GlyphRun> = pieces
        .iter()
        .map(|p| piece_run(shaped, p, size, color, silent))
        .collect();
    let line_width: f32 = runs.iter().map(GlyphRun::width).sum();
    let rtl = shaped.rtl_layout;
    let slack = (width - line_width).max(0.0);
    let offset = match (align, rtl) {
        (Align::Start, false) | (Align::End, true) => 0.0,
        (Align::Start, true) | (Align::End, false) => slack,
        (Align::Center, _) => slack / 2.0,
    };
    let mut pen = x + offset;
    for run in &mut runs {
        run.x = pen;
        run.y = baseline;
        pen += run.width();
    }
    // Back in reading order: readers that take text in the order it is
    // drawn then get a line's runs in the order they are read.
    let mut read: Vec<(usize, GlyphRun)> = pieces.iter().map(|p| p.range.start).zip(runs).collect();
    read.sort_by_key(|(start, _)| *start);
    read.into_iter().map(|(_, run)| run).collect()
}

/// UAX #9 rule L2: from the highest level down to the lowest odd one, reverse
/// every maximal sequence of pieces at that level or above.
fn reorder(pieces: &mut [Piece]) {
    let Some(max) = pieces.iter().map(|p| p.level).max() else {
        return;
    };
    let min_odd = pieces.iter().map(|p| p.level).min().unwrap_or(0) | 1;
    for level in (min_odd..=max).rev() {
        let mut i = 0;
        while i < pieces.len() {
            if pieces[i].level >= level {
                let mut j = i;
                while j < pieces.len() && pieces[j].level >= level {
                    j += 1;
                }
                pieces[i..j].reverse();
                i = j;
            } else {
                i += 1;
            }
        }
    }
}

/// The glyphs of one piece (already in visual order within the run), with
/// their text ranges made relative to the piece's text.
fn piece_run(
    shaped: &ShapedText,
    piece: &Piece,
    size: f32,
    color: Color,
    silent: usize,
) -> GlyphRun {
    let run = &shaped.runs[piece.run];
    let rtl = run.level.is_rtl();
    let on_line = clusters_in(&run.glyphs, |g| g.cluster, rtl, &piece.range);
    let glyphs = piece_glyphs(on_line, |g| g, piece, silent).collect();
    let layer = match &run.layer {
        Some(layer) => {
            let on_line = clusters_in(layer, |(_, g)| g.cluster, rtl, &piece.range);
            let fonts = on_line.iter().map(|(f, _)| *f);
            fonts
                .zip(piece_glyphs(on_line, |(_, g)| g, piece, silent))
                .collect()
        }
        None => Vec::new(),
    };
    GlyphRun {
        font: run.font,
        size,
        x: 0.0,
        y: 0.0,
        color,
        text: shaped.text[piece.range.clone()].to_string(),
        glyphs,
        layer,
        lang: run.lang.clone(),
    }
}

/// The glyphs of a run whose cluster is in `range`, found by binary search:
/// a run's glyphs are in visual order with their clusters ascending (or, in
/// a right-to-left run, descending; rustybuzz's default cluster level keeps
/// them monotone), so those of one line are one slice. (Filtering every
/// glyph of the paragraph for each line made long text quadratic.)
fn clusters_in<'a, T>(
    glyphs: &'a [T],
    cluster: impl Fn(&T) -> usize,
    rtl: bool,
    range: &Range<usize>,
) -> &'a [T] {
    let (from, to) = if rtl {
        (
            glyphs.partition_point(|g| cluster(g) >= range.end),
            glyphs.partition_point(|g| cluster(g) >= range.start),
        )
    } else {
        (
            glyphs.partition_point(|g| cluster(g) < range.start),
            glyphs.partition_point(|g| cluster(g) < range.end),
        )
    };
    &glyphs[from..to.max(from)]
}

/// The glyphs whose cluster is in `piece` (`glyphs`, each through
/// `glyph`), each with the bytes of the piece's text its cluster covers;
/// those from `silent` on with no advance.
fn piece_glyphs<'a, T>(
    glyphs: &'a [T],
    glyph: impl Fn(&'a T) -> &'a ShapedGlyph + Copy + 'a,
    piece: &'a Piece,
    silent: usize,
) -> impl Iterator<Item = Glyph> + 'a {
    let mut starts: Vec<usize> = glyphs.iter().map(|g| glyph(g).cluster).collect();
    starts.sort_unstable();
    starts.dedup();
    glyphs.iter().map(glyph).map(move |g| {
        let next = starts
            .get(starts.partition_point(|s| *s <= g.cluster))
            .copied()
            .unwrap_or(piece.range.end);
        Glyph {
            id: g.id,
            x_advance: if g.cluster >= silent {
                0.0
            } else {
                g.x_advance
            },
            x_offset: g.x_offset,
            y_offset: g.y_offset,
            text: g.cluster - piece.range.start..next - piece.range.start,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{FontBook, FontStyle};
    use crate::layout::shape::{StyledText, TextLang, shape_text};

    fn shaped(text: &str, rtl: bool, families: &[&str]) -> ShapedText {
        let book = FontBook::embedded();
        let lang = TextLang {
            tag: if rtl { "ar".into() } else { "en-GB".into() },
            rtl,
            families: families.iter().map(|s| s.to_string()).collect(),
            line_height: 1.0,
            text_layer: None,
            fallback: Vec::new(),
        };
        shape_text(&book, &lang, &StyledText::plain(text, FontStyle::REGULAR)).unwrap()
    }

    fn line_texts(text: &str, lines: &[Range<usize>]) -> Vec<String> {
        lines.iter().map(|r| text[r.clone()].to_string()).collect()
    }

    #[test]
    fn phone_numbers_never_break() {
        let text = "Call the NSPCC Helpline on 0808 800 5000 or Childline on 0800 1111 today";
        let s = shaped(text, false, &["NotoSans"]);
        for max in [7.5, 8.0, 9.0, 10.0, 12.0, 14.0, 20.0] {
            let lines = line_texts(text, &break_lines(&s, max).unwrap());
            assert!(
                lines.iter().any(|l| l.contains("0808 800 5000")),
                "{max}: {lines:?}"
            );
            assert!(
                lines.iter().any(|l| l.contains("0800 1111")),
                "{max}: {lines:?}"
            );
        }
    }

    #[test]
    fn addresses_never_break() {
        let text = "Report it at ceop.police.uk/Safety-Centre or e-mail help@nspcc.org.uk";
        let s = shaped(text, false, &["NotoSans"]);
        let lines = line_texts(text, &break_lines(&s, 14.0).unwrap());
        assert!(
            lines
                .iter()
                .any(|l| l.contains("ceop.police.uk/Safety-Centre")),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.contains("help@nspcc.org.uk")),
            "{lines:?}"
        );
    }

    #[test]
    fn an_address_longer_than_the_line_breaks_at_its_own_places() {
        let text = "E-mail safeguarding.lead@st-bartholomews-ce-primary.lancs.sch.uk or call 01524 960 000";
        let s = shaped(text, false, &["NotoSans"]);
        let lines = line_texts(text, &break_lines(&s, 16.0).unwrap());
        // The address breaks only where it may (before `-` and `.` here), and
        // put back together it is the address, with nothing added.
        assert_eq!(
            lines,
            [
                "E-mail",
                "safeguarding.lead@st",
                "-bartholomews-ce-primary.lancs",
                ".sch.uk or call 01524 960 000"
            ]
        );
        // With room, it stays whole.
        let wide = line_texts(text, &break_lines(&s, 40.0).unwrap());
        assert!(
            wide.iter()
                .any(|l| l.contains("safeguarding.lead@st-bartholomews-ce-primary.lancs.sch.uk")),
            "{wide:?}"
        );
    }

    #[test]
    fn a_number_wider_than_the_measure_is_an_error() {
        let s = shaped("Call 0808 800 5000", false, &["NotoSans"]);
        let err = break_lines(&s, 4.0).unwrap_err();
        assert_eq!(err.word, "0808 800 5000");
    }

    #[test]
    fn a_word_longer_than_any_line_is_cut_rather_than_refused() {
        let text = "Mrs Wolfeschlegelsteinhausenbergerdorff";
        let s = shaped(text, false, &["NotoSans"]);
        let lines = line_texts(text, &break_lines(&s, 8.0).unwrap());
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn digits_keep_their_order_inside_right_to_left_text() {
        let text = "اتصل على 0808 800 5000 الآن";
        let s = shaped(text, true, &["NotoNaskhArabic", "NotoSans"]);
        let lines = break_lines(&s, 100.0).unwrap();
        let runs = place_line(
            &s,
            lines[0].clone(),
            lines[0].end,
            10.0,
            0.0,
            1000.0,
            0.0,
            Align::Start,
            Color::BLACK,
        );
        let number = runs.iter().find(|r| r.text.contains('5')).unwrap();
        assert_eq!(number.text, "0808 800 5000");
        // The number's glyphs run left to right: clusters ascend.
        let clusters: Vec<usize> = number.glyphs.iter().map(|g| g.text.start).collect();
        assert!(clusters.windows(2).all(|w| w[0] <= w[1]), "{clusters:?}");
        // The Arabic word that comes first logically is right-most.
        let first_word = runs.iter().find(|r| r.text.starts_with("اتصل")).unwrap();
        assert!(first_word.x > number.x);
        // Right-aligned: the line ends at the right edge.
        let right = runs.iter().map(|r| r.x + r.width()).fold(0.0, f32::max);
        assert!((right - 1000.0).abs() < 0.01);
    }
}
