//! A paragraph as HTML text: escaped, with its bold and italic parts, its
//! links (`tel:`, `mailto:`, `https:`), an organisation's values isolated
//! in `<bdi>` as the PDF isolates them, and text in another script than the
//! paragraph's language tagged with its own `lang` and `dir`.

use crate::display::Para;
use crate::fonts::FontBook;
use std::fmt::Write as _;
use std::ops::Range;

/// How a paragraph's parts are tagged.
pub(super) struct Context<'a> {
    pub book: &'a FontBook,
    /// The paragraph's direction is right to left.
    pub rtl: bool,
    /// The tag for Latin-script text in a paragraph of another script (an
    /// English source line in an Urdu leaflet); `None` in a Latin-script one.
    pub latin: Option<&'a str>,
    /// Bold type is `<strong>` (not in a heading, which is bold anyway).
    pub bold: bool,
}

/// What one stretch of a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    isolate: Option<usize>,
    address: Option<usize>,
    bold: bool,
    italic: bool,
    latin: bool,
}

/// The paragraph's text as HTML.
pub(super) fn inline(para: &Para, cx: &Context<'_>) -> String {
    let mut out = String::new();
    let mut open: Option<Key> = None;
    for (range, key) in stretches(para, cx) {
        let text = &para.text[range.clone()];
        let prev = open.unwrap_or(Key {
            isolate: None,
            address: None,
            bold: false,
            italic: false,
            latin: false,
        });
        let new_isolate = prev.isolate != key.isolate;
        let new_address = new_isolate || prev.address != key.address;
        if open.is_some() {
            out.push_str(close_style(&prev));
            if new_address && prev.address.is_some() {
                out.push_str("</a>");
            }
            if new_isolate && prev.isolate.is_some() {
                out.push_str("</bdi>");
            }
        }
        if new_isolate && key.isolate.is_some() {
            out.push_str("<bdi>");
        }
        if new_address && let Some(a) = key.address {
            out.push_str(&link_open(&para.text[para.addresses[a].clone()], cx.rtl));
        }
        out.push_str(&open_style(&key, cx));
        match key.address {
            Some(_) => out.push_str(&unbroken(para, range.clone())),
            None => out.push_str(&escape_text(text)),
        }
        open = Some(key);
    }
    if let Some(prev) = open {
        out.push_str(close_style(&prev));
        if prev.address.is_some() {
            out.push_str("</a>");
        }
        if prev.isolate.is_some() {
            out.push_str("</bdi>");
        }
    }
    out
}

/// An address or number as HTML that breaks only where the PDF would break
/// it: pieces that do not wrap, with a `<wbr>` at each place it may.
fn unbroken(para: &Para, range: Range<usize>) -> String {
    let mut out = String::new();
    let mut start = range.start;
    let cuts = para
        .address_breaks
        .iter()
        .copied()
        .filter(|b| range.start < *b && *b < range.end);
    for cut in cuts.chain(std::iter::once(range.end)) {
        if !out.is_empty() {
            out.push_str("<wbr>");
        }
        out.push_str("<span class=\"nw\">");
        out.push_str(&escape_text(&para.text[start..cut]));
        out.push_str("</span>");
        start = cut;
    }
    out
}

/// The paragraph cut where any of its parts starts or ends, each stretch
/// with what it is; neighbours that are the same thing are joined.
fn stretches(para: &Para, cx: &Context<'_>) -> Vec<(Range<usize>, Key)> {
    let latin = match cx.latin {
        Some(_) => latin_ranges(&para.text),
        None => Vec::new(),
    };
    let mut cuts = vec![0, para.text.len()];
    for r in para
        .fonts
        .iter()
        .map(|(r, _)| r)
        .chain(&para.isolates)
        .chain(&para.addresses)
        .chain(&latin)
    {
        cuts.extend([r.start, r.end]);
    }
    cuts.retain(|c| *c <= para.text.len() && para.text.is_char_boundary(*c));
    cuts.sort_unstable();
    cuts.dedup();
    let within = |ranges: &[Range<usize>], at: usize| ranges.iter().position(|r| r.contains(&at));
    let mut out: Vec<(Range<usize>, Key)> = Vec::new();
    for w in cuts.windows(2) {
        let (start, end) = (w[0], w[1]);
        let face = para
            .fonts
            .iter()
            .find(|(r, _)| r.contains(&start))
            .map(|(_, f)| cx.book.face(*f).name.as_str())
            .unwrap_or("");
        let style = face.split_once('-').map_or("", |(_, s)| s);
        let key = Key {
            isolate: within(&para.isolates, start),
            address: within(&para.addresses, start),
            bold: cx.bold && style.starts_with("Bold"),
            italic: style.ends_with("Italic"),
            latin: within(&latin, start).is_some(),
        };
        match out.last_mut() {
            Some((r, k)) if *k == key && r.end == start => r.end = end,
            _ => out.push((start..end, key)),
        }
    }
    out
}

/// A letter of the Latin script (with its accented forms).
fn is_latin(c: char) -> bool {
    let u = c as u32;
    c.is_alphabetic() && (u < 0x250 || (0x1E00..0x1F00).contains(&u))
}

/// Stretches of Latin script: from a Latin letter to the last Latin letter
/// before a letter of another script, with the spaces and punctuation
/// between its words.
fn latin_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut run: Option<Range<usize>> = None;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if is_latin(c) {
            run = Some(run.map_or(i..end, |r| r.start..end));
        } else if c.is_alphabetic() {
            out.extend(run.take());
        }
    }
    out.extend(run);
    out
}

fn open_style(key: &Key, cx: &Context<'_>) -> String {
    let mut s = String::new();
    if key.latin
        && let Some(tag) = cx.latin
    {
        let dir = if cx.rtl { " dir=\"ltr\"" } else { "" };
        write!(s, "<span lang=\"{}\"{dir}>", escape_attr(tag)).expect("string write");
    }
    if key.bold {
        s.push_str("<strong>");
    }
    if key.italic {
        s.push_str("<em>");
    }
    s
}

fn close_style(key: &Key) -> &'static str {
    match (key.latin, key.bold, key.italic) {
        (false, false, false) => "",
        (false, true, false) => "</strong>",
        (false, false, true) => "</em>",
        (false, true, true) => "</em></strong>",
        (true, false, false) => "</span>",
        (true, true, false) => "</strong></span>",
        (true, false, true) => "</em></span>",
        (true, true, true) => "</em></strong></span>",
    }
}

/// The `<a>` for a phone number, web or e-mail address: a number the UK
/// plan knows calls it (`tel:` with the digits only), an address with `@`
/// mails it, any other address opens it. A run of digits that is no phone
/// number (a year) is no link: `None`.
pub(super) fn href(text: &str) -> Option<String> {
    if text.contains('@') {
        return Some(format!("mailto:{text}"));
    }
    if text.starts_with("https://") || text.starts_with("http://") {
        return Some(text.to_string());
    }
    if text.chars().any(|c| c.is_ascii_alphabetic()) && text.contains('.') {
        return Some(format!("https://{text}"));
    }
    let number = text.split(" ext. ").next().unwrap_or(text);
    crate::phone::parse_uk_phone(number).ok()?;
    let dial: String = number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    Some(format!("tel:{dial}"))
}

fn link_open(text: &str, rtl: bool) -> String {
    // Numbers and addresses read left to right even in right-to-left text.
    let dir = if rtl { " dir=\"ltr\"" } else { "" };
    match href(text) {
        Some(h) => format!("<a href=\"{}\"{dir}>", escape_attr(&h)),
        // Still isolated, like the PDF's numbers, so its groups keep their order.
        None => format!("<a{dir}>"),
    }
}

/// `s` as HTML text.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// `s` as a double-quoted attribute value.
pub fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::display::Para;

    fn cx<'a>(book: &'a FontBook, rtl: bool, latin: Option<&'static str>) -> Context<'a> {
        Context {
            book,
            rtl,
            latin,
            bold: true,
        }
    }

    fn para(text: &str, isolates: Vec<Range<usize>>, addresses: Vec<Range<usize>>) -> Para {
        Para {
            text: text.into(),
            fonts: Vec::new(),
            isolates,
            addresses,
            address_breaks: Vec::new(),
        }
    }

    #[test]
    fn phone_numbers_call_without_spaces_and_years_are_not_links() {
        assert_eq!(href("0808 800 5000").as_deref(), Some("tel:08088005000"));
        assert_eq!(href("999").as_deref(), Some("tel:999"));
        assert_eq!(
            href("+44 121 496 0000").as_deref(),
            Some("tel:+441214960000")
        );
        assert_eq!(href("2017"), None);
        assert_eq!(
            href("help@nspcc.org.uk").as_deref(),
            Some("mailto:help@nspcc.org.uk")
        );
        assert_eq!(
            href("ceop.police.uk/Safety-Centre").as_deref(),
            Some("https://ceop.police.uk/Safety-Centre")
        );
    }

    #[test]
    fn an_organisations_text_cannot_make_markup() {
        let book = FontBook::embedded();
        let name = "<script>alert(1)</script> & \"Co\"";
        let text = format!("Ask {name} on 0121 496 0000");
        let start = 4;
        let p = para(
            &text,
            std::iter::once(start..start + name.len()).collect(),
            std::iter::once(text.len() - 13..text.len()).collect(),
        );
        let html = inline(&p, &cx(&book, false, None));
        assert_eq!(
            html,
            "Ask <bdi>&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"Co\"</bdi> on \
             <a href=\"tel:01214960000\"><span class=\"nw\">0121 496 0000</span></a>"
        );
    }

    #[test]
    fn latin_text_in_an_urdu_line_is_tagged_english_left_to_right() {
        let book = FontBook::embedded();
        let text = "— Department for Education، فروری 2017";
        let p = para(text, Vec::new(), Vec::new());
        let html = inline(&p, &cx(&book, true, Some("en-GB")));
        assert!(
            html.contains("— <span lang=\"en-GB\" dir=\"ltr\">Department for Education</span>،"),
            "{html}"
        );
    }
}
