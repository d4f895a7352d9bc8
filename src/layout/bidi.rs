//! Isolating an organisation's text inside shipped text: `isolated` marks a
//! value with FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE; shaping runs
//! the bidi algorithm with the marks and then takes them out, so nothing in a
//! value can reorder the text around it (UAX #9, isolating run sequences).

use super::shape::StyledText;
use unicode_bidi::{Level, ParagraphBidiInfo};

/// The marks `isolated` puts round a value.
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// `value` (an organisation's name, a person's name) marked to be laid out
/// as an isolated bidi run inside shipped text: nothing in it can reorder the
/// text around it, and the text around it cannot reorder it. An Urdu name
/// before a phone number leaves the number's groups in order.
pub fn isolated(value: &str) -> String {
    format!("{FSI}{value}{PDI}")
}

/// The paragraph's bidi levels (one per byte), and the text and its styles
/// with the isolate marks taken out, so that no glyph or text layer sees them.
pub(super) fn resolve_levels(text: &StyledText, base: Level) -> (StyledText, Vec<Level>) {
    let bidi = ParagraphBidiInfo::new(&text.text, Some(base));
    if !text.text.contains([FSI, PDI]) {
        return (text.clone(), bidi.levels);
    }
    let mut out = String::with_capacity(text.text.len());
    let mut levels = Vec::with_capacity(text.text.len());
    // Where each byte of the marked text lands in the unmarked one.
    let mut moved = Vec::with_capacity(text.text.len() + 1);
    for (i, c) in text.text.char_indices() {
        moved.extend(std::iter::repeat_n(out.len(), c.len_utf8()));
        if c != FSI && c != PDI {
            out.push(c);
            levels.extend_from_slice(&bidi.levels[i..i + c.len_utf8()]);
        }
    }
    moved.push(out.len());
    let styles = text
        .styles
        .iter()
        .map(|(r, style)| (moved[r.start]..moved[r.end], *style))
        .filter(|(r, _)| !r.is_empty())
        .collect();
    let langs = text
        .langs
        .iter()
        .map(|(r, tag)| (moved[r.start]..moved[r.end], tag.clone()))
        .filter(|(r, _)| !r.is_empty())
        .collect();
    let unmarked = StyledText {
        text: out,
        styles,
        langs,
    };
    (unmarked, levels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{FontBook, FontStyle};
    use crate::layout::shape::{ShapedRun, ShapedText, TextLang, shape_text};

    fn english() -> TextLang {
        TextLang {
            tag: "en-GB".into(),
            rtl: false,
            families: vec!["NotoSans".into()],
            line_height: 1.0,
            text_layer: None,
            fallback: vec!["NotoNaskhArabic".into()],
        }
    }

    /// The characters of a shaped paragraph in visual order, left to right.
    fn visual(t: &ShapedText) -> String {
        let mut runs: Vec<&ShapedRun> = t.runs.iter().collect();
        runs.sort_by_key(|r| r.range.start);
        // Reorder runs as UAX #9 L2 does: reverse from the highest level down.
        let max = runs.iter().map(|r| r.level.number()).max().unwrap_or(0);
        for level in (1..=max).rev() {
            let mut i = 0;
            while i < runs.len() {
                if runs[i].level.number() >= level {
                    let start = i;
                    while i < runs.len() && runs[i].level.number() >= level {
                        i += 1;
                    }
                    runs[start..i].reverse();
                } else {
                    i += 1;
                }
            }
        }
        runs.iter()
            .map(|r| {
                let s = &t.text[r.range.clone()];
                if r.level.is_rtl() {
                    s.chars().rev().collect()
                } else {
                    s.to_string()
                }
            })
            .collect()
    }

    #[test]
    fn an_isolated_value_cannot_reorder_a_number_after_it() {
        let book = FontBook::embedded();
        let en = english();
        let name = "مرکز النور";
        // Without isolation the number's groups follow the Arabic letters'
        // direction and print in reverse order.
        let plain = format!("{name} 0121 496 0000");
        let t = shape_text(&book, &en, &StyledText::plain(&plain, FontStyle::REGULAR)).unwrap();
        assert!(!visual(&t).contains("0121 496 0000"), "{}", visual(&t));
        let marked = format!("{} 0121 496 0000", isolated(name));
        let t = shape_text(&book, &en, &StyledText::plain(&marked, FontStyle::REGULAR)).unwrap();
        assert_eq!(t.text, plain, "the marks are taken out");
        assert!(visual(&t).ends_with(" 0121 496 0000"), "{}", visual(&t));
        assert!(
            t.runs
                .iter()
                .all(|r| !t.text[r.range.clone()].contains([FSI, PDI]))
        );
    }

    #[test]
    fn styles_keep_their_text_when_marks_are_taken_out() {
        let book = FontBook::embedded();
        let mut s = StyledText::plain(&isolated("Ms Doe"), FontStyle::BOLD);
        s.push(": call", FontStyle::REGULAR);
        let t = shape_text(&book, &english(), &s).unwrap();
        assert_eq!(t.text, "Ms Doe: call");
        assert_eq!(t.runs.len(), 2);
        assert_eq!(t.runs[0].range, 0..6);
    }
}
