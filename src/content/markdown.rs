//! Markdown block bodies to the model: paragraphs and flat lists of styled spans.
//!
//! Only what a poster can print is accepted; anything else (headings, images,
//! tables, nested lists, HTML) is an error at its position, never dropped.

use crate::model::{BlockItem, Span};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Deepest nesting accepted (a list item's emphasis inside strong is depth 3).
const MAX_DEPTH: usize = 8;

/// A problem in a Markdown body: the parser's byte range in the body, and a message.
pub type MarkdownError = (std::ops::Range<usize>, String);

/// Convert a Markdown body to paragraphs and lists.
pub fn to_items(body: &str) -> Result<Vec<BlockItem>, MarkdownError> {
    let mut items = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut list: Option<Vec<Vec<Span>>> = None;
    let (mut bold, mut italic, mut depth) = (0usize, 0usize, 0usize);
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err((range, "the Markdown is nested too deeply".into()));
                }
                match tag {
                    Tag::Paragraph | Tag::Item => {}
                    Tag::List(_) if list.is_none() => list = Some(Vec::new()),
                    Tag::List(_) => {
                        return Err((range, "lists inside lists are not supported".into()));
                    }
                    Tag::Strong => bold += 1,
                    Tag::Emphasis => italic += 1,
                    other => {
                        return Err((
                            range,
                            format!("{} is not supported in a block", describe(&other)),
                        ));
                    }
                }
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                match end {
                    TagEnd::Strong => bold = bold.saturating_sub(1),
                    TagEnd::Emphasis => italic = italic.saturating_sub(1),
                    TagEnd::Paragraph if list.is_none() => {
                        items.push(BlockItem::Paragraph(trim(std::mem::take(&mut spans))))
                    }
                    TagEnd::Item => {
                        if let Some(l) = list.as_mut() {
                            l.push(trim(std::mem::take(&mut spans)));
                        }
                    }
                    TagEnd::List(_) => {
                        if let Some(l) = list.take() {
                            items.push(BlockItem::List(l));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(text) | Event::Code(text) => push(&mut spans, &text, bold > 0, italic > 0),
            Event::SoftBreak | Event::HardBreak => push(&mut spans, " ", bold > 0, italic > 0),
            Event::Html(_) | Event::InlineHtml(_) => {
                return Err((range, "HTML is not supported in a block".into()));
            }
            _ => {
                return Err((
                    range,
                    "this Markdown element is not supported in a block".into(),
                ));
            }
        }
    }
    Ok(items)
}

fn describe(tag: &Tag<'_>) -> &'static str {
    match tag {
        Tag::Heading { .. } => "a heading (put it in the front matter's `heading`)",
        Tag::Image { .. } => "an image",
        Tag::Link { .. } => "a link (write the address as plain text)",
        Tag::Table(_) => "a table",
        Tag::BlockQuote(_) => "a block quote (set `quoted = true` in the front matter)",
        Tag::CodeBlock(_) => "a code block",
        _ => "this element",
    }
}

/// Append text, merging with the previous span when the style is the same.
fn push(spans: &mut Vec<Span>, text: &str, bold: bool, italic: bool) {
    match spans.last_mut() {
        Some(last) if last.bold == bold && last.italic == italic => last.text.push_str(text),
        _ => spans.push(Span {
            text: text.to_string(),
            bold,
            italic,
        }),
    }
}

fn trim(mut spans: Vec<Span>) -> Vec<Span> {
    if let Some(first) = spans.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = spans.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    spans.retain(|s| !s.text.is_empty());
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_and_emphasis() {
        let items = to_items("One **two**\nthree.\n\n- a\n- *b*\n").unwrap();
        assert_eq!(items.len(), 2);
        let BlockItem::Paragraph(p) = &items[0] else {
            panic!("paragraph first")
        };
        assert_eq!(p.len(), 3);
        assert_eq!(p[1].text, "two");
        assert!(p[1].bold);
        assert_eq!(p[2].text, " three.");
        let BlockItem::List(l) = &items[1] else {
            panic!("list second")
        };
        assert_eq!(l.len(), 2);
        assert!(l[1][0].italic);
    }

    #[test]
    fn unsupported_elements_are_errors_with_positions() {
        let err = to_items("Text\n\n# Heading\n").unwrap_err();
        assert_eq!(err.0.start, 6);
        assert!(err.1.contains("heading"));
        assert!(to_items("- a\n  - b\n").is_err());
        assert!(to_items("<b>x</b>\n").is_err());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = "> ".repeat(50) + "x";
        assert!(to_items(&deep).is_err());
    }
}
