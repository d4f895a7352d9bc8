//! Shaping: a paragraph's text split into runs of one font, style and bidi
//! level, each shaped with rustybuzz. Shaping is size-independent: advances
//! are in ems, so one shaping serves every size that fitting tries.

pub use super::bidi::isolated;
use super::bidi::resolve_levels;
use crate::fonts::{FontBook, FontId, FontStyle, is_control, is_default_ignorable};
use std::ops::Range;
use unicode_bidi::Level;

/// The language context text is set in.
#[derive(Debug, Clone)]
pub struct TextLang {
    /// BCP 47 tag (`ur`, `en-GB`).
    pub tag: String,
    pub rtl: bool,
    /// Font families, first choice first.
    pub families: Vec<String>,
    /// Families for a character none of `families` has (an organisation's
    /// name in another script); content is held to `families` by `check`.
    pub fallback: Vec<String>,
    /// Multiplier on line height for this language's script (Nastaliq's tall
    /// metrics are more than a line needs).
    pub line_height: f32,
    /// The family whose invisible copy carries the text of runs set in the
    /// first family (see `Language::text_layer`).
    pub text_layer: Option<String>,
}

/// A paragraph's text and the style of each part of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct StyledText {
    pub text: String,
    pub styles: Vec<(Range<usize>, FontStyle)>,
    /// Parts in another language than the paragraph's (an English publisher
    /// in an Urdu source line), with their BCP 47 tag: tagged on their own.
    pub langs: Vec<(Range<usize>, String)>,
}

impl StyledText {
    pub fn plain(text: &str, style: FontStyle) -> Self {
        let mut s = Self::default();
        s.push(text, style);
        s
    }

    pub fn push(&mut self, text: &str, style: FontStyle) {
        let start = self.text.len();
        self.text.push_str(text);
        self.styles.push((start..self.text.len(), style));
    }

    /// `text` in the language `tag`, which may differ from the paragraph's.
    pub fn push_in(&mut self, text: &str, style: FontStyle, tag: &str) {
        let start = self.text.len();
        self.push(text, style);
        self.langs.push((start..self.text.len(), tag.to_string()));
    }

    /// The language of the byte at `byte`, when it is not `paragraph`'s (a
    /// tag with the same primary language, `en` in `en-GB`, is the same).
    fn lang_at(&self, byte: usize, paragraph: &str) -> Option<&str> {
        let primary = |t: &str| t.split('-').next().unwrap_or_default().to_ascii_lowercase();
        self.langs
            .iter()
            .find(|(r, _)| r.contains(&byte))
            .map(|(_, tag)| tag.as_str())
            .filter(|tag| primary(tag) != primary(paragraph))
    }

    fn style_at(&self, byte: usize) -> FontStyle {
        self.styles
            .iter()
            .find(|(r, _)| r.contains(&byte))
            .map_or(FontStyle::REGULAR, |(_, s)| *s)
    }
}

/// A glyph as shaped, in ems, with the byte of the paragraph its cluster starts at.
#[derive(Debug, Clone, Copy)]
pub struct ShapedGlyph {
    pub id: u16,
    pub cluster: usize,
    pub x_advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
}

/// Consecutive text of one font and bidi level; glyphs in visual order.
#[derive(Debug, Clone)]
pub struct ShapedRun {
    pub range: Range<usize>,
    pub font: FontId,
    pub level: Level,
    pub glyphs: Vec<ShapedGlyph>,
    /// The same text shaped for the invisible text layer (visual order, each
    /// glyph with its font), when the language has one.
    pub layer: Option<Vec<(FontId, ShapedGlyph)>>,
    /// Its language, when not the paragraph's.
    pub lang: Option<String>,
}

/// A shaped paragraph.
#[derive(Debug, Clone)]
pub struct ShapedText {
    pub text: String,
    pub base_level: Level,
    /// The language's direction, which sets alignment (an English line in
    /// Urdu text still starts at the right).
    pub rtl_layout: bool,
    pub runs: Vec<ShapedRun>,
    /// Byte ranges that must not be broken across lines (numbers, addresses).
    pub unbreakable: Vec<Range<usize>>,
    /// Byte ranges of values laid out as isolated bidi runs (see `isolated`).
    pub isolates: Vec<Range<usize>>,
    /// Where an address too long for a line may break (after `/`, before `.`).
    pub address_breaks: Vec<usize>,
    /// Largest ascender and descender (ems) of the fonts used.
    pub ascender: f32,
    pub descender: f32,
    /// The language's line-height multiplier.
    pub line_height: f32,
    /// BCP 47 tag of the text (tagged on its structure node).
    pub lang: String,
    /// Its break opportunities and widths, found the first time it is set.
    breaks: std::sync::OnceLock<super::lines::Breaks>,
}

impl ShapedText {
    /// What line breaking needs of this paragraph at any measure, found once.
    pub(super) fn breaks(&self) -> &super::lines::Breaks {
        self.breaks.get_or_init(|| super::lines::Breaks::new(self))
    }
}

/// A character no font of the stack has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
    pub ch: char,
    pub text: String,
}

/// Choose a font for every character: keep the previous font while it covers
/// the text (so marks and spaces stay with their word), else the first font of
/// the stack that does.
fn choose_fonts(
    book: &FontBook,
    lang: &TextLang,
    text: &StyledText,
) -> Result<Vec<(usize, FontId)>, MissingGlyph> {
    let mut out = Vec::new();
    let mut prev: Option<(FontStyle, FontId)> = None;
    for (i, c) in text.text.char_indices() {
        let style = text.style_at(i);
        let stack = book.stack(&lang.families, style);
        let keep = prev.filter(|(s, f)| {
            *s == style && (book.face(*f).covers(c) || is_default_ignorable(c) || is_control(c))
        });
        // Punctuation, digits and spaces take a font that also has the next
        // letter, so "(a) in" is set in one font rather than split.
        let next_letter = text.text[i..].chars().find(|ch| ch.is_alphabetic());
        let with_next = |f: &FontId| {
            book.face(*f).covers(c) && next_letter.is_none_or(|l| book.face(*f).covers(l))
        };
        let font = match keep {
            Some((_, f)) => f,
            None => match stack
                .iter()
                .copied()
                .find(with_next)
                .or_else(|| stack.iter().copied().find(|f| book.face(*f).covers(c)))
                .or_else(|| {
                    book.stack(&lang.fallback, style)
                        .into_iter()
                        .find(|f| book.face(*f).covers(c))
                }) {
                Some(f) => f,
                None if is_default_ignorable(c) || is_control(c) => match stack.first() {
                    Some(f) => *f,
                    None => {
                        return Err(MissingGlyph {
                            ch: c,
                            text: text.text.clone(),
                        });
                    }
                },
                None => {
                    return Err(MissingGlyph {
                        ch: c,
                        text: text.text.clone(),
                    });
                }
            },
        };
        prev = Some((style, font));
        out.push((i, font));
    }
    Ok(out)
}

/// Shape a paragraph: bidi levels, font choice, then rustybuzz per run.
pub fn shape_text(
    book: &FontBook,
    lang: &TextLang,
    text: &StyledText,
) -> Result<ShapedText, MissingGlyph> {
    // A right-to-left paragraph, unless it has no right-to-left letter at all
    // (a source line in English): then punctuation stays where English puts it.
    let has_rtl = text.text.chars().any(|c| {
        matches!(
            unicode_bidi::bidi_class(c),
            unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
        )
    });
    let base_level = if lang.rtl && has_rtl {
        Level::rtl()
    } else {
        Level::ltr()
    };
    let resolved = resolve_levels(text, base_level);
    let (text, levels) = (&resolved.text, resolved.levels);
    let fonts = choose_fonts(book, lang, text)?;
    let unbreakable = super::protect::unbreakable_ranges(&text.text);
    let levels = isolate_ranges(&levels, base_level, &unbreakable);

    let mut runs = Vec::new();
    let mut start = 0;
    for k in 0..fonts.len() {
        let (i, font) = fonts[k];
        let end = fonts.get(k + 1).map_or(text.text.len(), |(j, _)| *j);
        let boundary = end == text.text.len() || {
            let (_, next_font) = fonts[k + 1];
            next_font != font
                || levels[end] != levels[i]
                || text.lang_at(end, &lang.tag) != text.lang_at(i, &lang.tag)
        };
        if boundary {
            let mut run = shape_run(book, lang, &text.text, start..end, font, levels[i]);
            run.layer = text_layer(book, lang, text, &run);
            run.lang = text.lang_at(start, &lang.tag).map(str::to_string);
            runs.push(run);
            start = end;
        }
    }

    let (mut ascender, mut descender) = (0.0f32, 0.0f32);
    for run in &runs {
        let face = book.face(run.font);
        ascender = ascender.max(face.ascender);
        descender = descender.min(face.descender);
    }
    if runs.is_empty()
        && let Some(f) = book.stack(&lang.families, FontStyle::REGULAR).first()
    {
        ascender = book.face(*f).ascender;
        descender = book.face(*f).descender;
    }
    Ok(ShapedText {
        address_breaks: super::protect::address_breaks(&text.text),
        unbreakable,
        isolates: resolved.isolates.clone(),
        text: text.text.clone(),
        base_level,
        rtl_layout: lang.rtl,
        runs,
        ascender,
        descender,
        line_height: lang.line_height,
        lang: lang.tag.clone(),
        breaks: std::sync::OnceLock::new(),
    })
}

/// Numbers and addresses read left to right as a whole, even in right-to-left
/// text: without this, UAX #9 would order the groups of `0808 800 5000`
/// right to left. Their bytes get the next even level, as if isolated.
fn isolate_ranges(levels: &[Level], base: Level, ranges: &[Range<usize>]) -> Vec<Level> {
    let mut levels = levels.to_vec();
    if base.is_rtl() {
        let ltr = Level::new(base.number() + 1).expect("level 2 is valid");
        for r in ranges {
            for l in &mut levels[r.clone()] {
                *l = ltr;
            }
        }
    }
    levels
}

fn shape_run(
    book: &FontBook,
    lang: &TextLang,
    text: &str,
    range: Range<usize>,
    font: FontId,
    level: Level,
) -> ShapedRun {
    let face = &book.face(font).face;
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(&text[range.clone()]);
    buffer.set_direction(if level.is_rtl() {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    if let Ok(language) = lang.tag.parse::<rustybuzz::Language>() {
        buffer.set_language(language);
    }
    buffer.guess_segment_properties();
    let shaped = rustybuzz::shape(face, &[], buffer);
    let upem = face.units_per_em() as f32;
    let glyphs = shaped
        .glyph_infos()
        .iter()
        .zip(shaped.glyph_positions())
        .map(|(info, pos)| ShapedGlyph {
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            cluster: range.start + info.cluster as usize,
            x_advance: pos.x_advance as f32 / upem,
            x_offset: pos.x_offset as f32 / upem,
            y_offset: pos.y_offset as f32 / upem,
        })
        .collect::<Vec<_>>();
    // Line placement finds a line's glyphs by binary search on this.
    debug_assert!(
        glyphs.windows(2).all(|w| if level.is_rtl() {
            w[0].cluster >= w[1].cluster
        } else {
            w[0].cluster <= w[1].cluster
        }),
        "rustybuzz keeps a run's clusters monotone"
    );
    ShapedRun {
        range,
        font,
        level,
        glyphs,
        layer: None,
        lang: None,
    }
}

/// The run shaped again for the invisible text layer, if the run is set in
/// the language's first family: in the text-layer family, with the rest of
/// the stack for what it lacks (Naskh has no `(`). `None` if some character
/// has no font at all; the run then carries its own text.
fn text_layer(
    book: &FontBook,
    lang: &TextLang,
    text: &StyledText,
    run: &ShapedRun,
) -> Option<Vec<(FontId, ShapedGlyph)>> {
    let family = lang.text_layer.as_ref()?;
    let style = text.style_at(run.range.start);
    if book.resolve(lang.families.first()?, style) != Some(run.font) {
        return None;
    }
    let mut stack = book.stack(std::slice::from_ref(family), style);
    stack.extend(book.stack(&lang.families[1..], style));
    let first = *stack.first()?;
    // Split the run where the font changes, then shape each part.
    let mut parts: Vec<(Range<usize>, FontId)> = Vec::new();
    for (i, c) in text.text[run.range.clone()].char_indices() {
        let at = run.range.start + i;
        let font = if is_default_ignorable(c) || is_control(c) {
            parts.last().map_or(first, |(_, f)| *f)
        } else {
            *stack.iter().find(|f| book.face(**f).covers(c))?
        };
        match parts.last_mut() {
            Some((r, f)) if *f == font => r.end = at + c.len_utf8(),
            _ => parts.push((at..at + c.len_utf8(), font)),
        }
    }
    if run.level.is_rtl() {
        parts.reverse();
    }
    let mut glyphs = Vec::new();
    for (range, font) in parts {
        let shaped = shape_run(book, lang, &text.text, range, font, run.level);
        glyphs.extend(shaped.glyphs.into_iter().map(|g| (font, g)));
    }
    Some(glyphs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(families: &[&str], rtl: bool) -> TextLang {
        TextLang {
            tag: if rtl { "ar".into() } else { "en-GB".into() },
            rtl,
            families: families.iter().map(|s| s.to_string()).collect(),
            line_height: 1.0,
            text_layer: None,
            fallback: Vec::new(),
        }
    }

    #[test]
    fn latin_shapes_to_one_run_with_ligature_free_clusters() {
        let book = FontBook::embedded();
        let t = shape_text(
            &book,
            &lang(&["NotoSans"], false),
            &StyledText::plain("Call 0808 800 5000", FontStyle::REGULAR),
        )
        .unwrap();
        assert_eq!(t.runs.len(), 1);
        assert_eq!(t.runs[0].glyphs.len(), 18);
        assert!(t.runs[0].glyphs.iter().all(|g| g.id != 0));
    }

    #[test]
    fn bold_splits_runs() {
        let book = FontBook::embedded();
        let mut s = StyledText::plain("all ", FontStyle::REGULAR);
        s.push("children", FontStyle::BOLD);
        let t = shape_text(&book, &lang(&["NotoSans"], false), &s).unwrap();
        assert_eq!(t.runs.len(), 2);
        assert_ne!(t.runs[0].font, t.runs[1].font);
    }

    #[test]
    fn leading_punctuation_takes_the_font_of_the_following_letters() {
        let book = FontBook::embedded();
        let urdu = lang(&["NotoNastaliqUrdu", "NotoSans"], true);
        let t = shape_text(
            &book,
            &urdu,
            &StyledText::plain("(a) in exchange", FontStyle::REGULAR),
        )
        .unwrap();
        let fonts: Vec<&str> = t
            .runs
            .iter()
            .map(|r| book.face(r.font).name.as_str())
            .collect();
        assert!(fonts.iter().all(|f| *f == "NotoSans-Regular"), "{fonts:?}");
        // Urdu text itself is set in Nastaliq.
        let t = shape_text(
            &book,
            &urdu,
            &StyledText::plain("(الف) بچوں", FontStyle::REGULAR),
        )
        .unwrap();
        assert!(
            t.runs
                .iter()
                .all(|r| book.face(r.font).name == "NotoNastaliqUrdu-Regular")
        );
    }

    #[test]
    fn a_character_no_font_has_is_reported() {
        let book = FontBook::embedded();
        let err = shape_text(
            &book,
            &lang(&["NotoSans"], false),
            &StyledText::plain("a \u{10FFFD}", FontStyle::REGULAR),
        )
        .unwrap_err();
        assert_eq!(err.ch, '\u{10FFFD}');
    }
}
