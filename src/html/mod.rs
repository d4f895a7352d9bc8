//! The HTML twin of a leaflet: the laid-out leaflet's structure tree (the
//! same paragraphs the PDF tags, after the same choices of what it carries)
//! written as one self-contained, accessible web page — headings, lists and
//! quotes as HTML elements, contacts as `tel:`, `mailto:` and `https:`
//! links, `lang` and `dir` where a part differs from the page, the title
//! band in the brand colour, a print stylesheet, and the fonts of scripts a
//! reader's system may lack embedded. Pure: data in, bytes out.

mod inline;
mod style;

pub use inline::{escape_attr, escape_text};

use crate::display::{Document, Item, Node, Para, Role};
use crate::fonts::{FontBook, FontId};
use crate::template::Palette;
use base64::Engine as _;
use inline::Context;

/// A language the page may contain.
#[derive(Debug, Clone)]
pub struct TwinLang {
    /// BCP 47 tag, as the structure tree carries it.
    pub tag: String,
    pub rtl: bool,
    /// Written in the Latin script.
    pub latin: bool,
}

/// What the twin needs besides the laid-out leaflet.
#[derive(Debug, Clone, Copy)]
pub struct TwinOptions<'a> {
    /// The leaflet's colours (with an organisation's brand colour).
    pub palette: &'a Palette,
    /// Every language of the content, for the direction and script of a tag.
    pub languages: &'a [TwinLang],
    /// The tag for Latin-script text inside a page of another script (the
    /// content's English: source titles, names like "NSPCC").
    pub latin_tag: &'a str,
    /// The page's title (the leaflet's title, and whose it is), in place of
    /// the PDF's, which names the paper product.
    pub title: &'a str,
}

/// The page for `doc` (a leaflet laid out with `book`), as UTF-8 bytes.
pub fn html_twin(doc: &Document, book: &FontBook, options: &TwinOptions<'_>) -> Vec<u8> {
    let faces = embedded_faces(doc, book);
    let families = dedup(
        faces
            .iter()
            .map(|f| crate::fonts::css_family(&book.face(*f).name)),
    );
    let line_height = faces
        .iter()
        .map(|f| book.face(*f))
        .map(|f| (f.ascender - f.descender) * 0.85)
        .fold(1.5f32, f32::max);
    let mut w = Writer {
        out: String::new(),
        book,
        options,
        base: base_size(&doc.structure),
    };
    let lang = doc.lang.as_str();
    let dir = if doc.rtl { "rtl" } else { "ltr" };
    w.out.push_str("<!DOCTYPE html>\n");
    w.out.push_str(&format!(
        "<html lang=\"{}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{}{}</style>\n</head>\n<body>\n",
        escape_attr(lang),
        escape_text(options.title),
        style::font_faces(book, &faces),
        style::stylesheet(options.palette, &families, line_height)
    ));
    let band_end = doc
        .structure
        .iter()
        .position(|n| n.role == Role::H2)
        .unwrap_or(0);
    let (band, rest) = doc.structure.split_at(band_end);
    let here = Here {
        rtl: doc.rtl,
        tag: lang,
    };
    w.out.push_str("<header class=\"band\"><div>\n");
    // The logo above the title, as on the leaflet's cover.
    for n in band.iter().filter(|n| n.role == Role::Figure) {
        w.node(n, here, None);
    }
    for (i, n) in band
        .iter()
        .enumerate()
        .filter(|(_, n)| n.role != Role::Figure)
    {
        let kicker = band[i + 1..].iter().any(|m| m.role == Role::H1);
        w.node(n, here, Some(if kicker { "kicker" } else { "tagline" }));
    }
    w.out.push_str("</div></header>\n<main>\n");
    w.sections(rest, here);
    w.out.push_str("</main>\n</body>\n</html>\n");
    w.out.into_bytes()
}

/// The language and direction a node's content is in.
#[derive(Debug, Clone, Copy)]
struct Here<'a> {
    rtl: bool,
    tag: &'a str,
}

struct Writer<'a> {
    out: String,
    book: &'a FontBook,
    options: &'a TwinOptions<'a>,
    /// The body text's size in the leaflet (pt), to tell small print and
    /// big numbers from it.
    base: f32,
}

impl Writer<'_> {
    /// The main part: the call to action (its heading, up to the contact
    /// list) as a panel in the accent colour, the rest as it comes.
    fn sections(&mut self, nodes: &[Node], here: Here<'_>) {
        let mut i = 0;
        while i < nodes.len() {
            let contacts = (nodes[i].role == Role::H2)
                .then(|| {
                    nodes[i + 1..]
                        .iter()
                        .take_while(|n| n.role != Role::H2)
                        .position(is_contact_list)
                })
                .flatten();
            match contacts {
                Some(k) => {
                    self.out.push_str("<section class=\"call\">\n");
                    for n in &nodes[i..=i + 1 + k] {
                        self.node(n, here, None);
                    }
                    self.out.push_str("</section>\n");
                    i += k + 2;
                }
                None => {
                    self.node(&nodes[i], here, None);
                    i += 1;
                }
            }
        }
    }

    fn node(&mut self, n: &Node, outer: Here<'_>, class: Option<&str>) {
        let (attrs, here) = self.lang_attrs(n, outer);
        match n.role {
            Role::H1 | Role::H2 | Role::H3 => {
                let h = match n.role {
                    Role::H1 => "h1",
                    Role::H2 => "h2",
                    _ => "h3",
                };
                self.text_element(h, n, &attrs, here, None);
            }
            Role::P | Role::LBody if n.para.is_some() => {
                let class = class.or_else(|| self.size_class(n));
                self.text_element("p", n, &attrs, here, class);
            }
            Role::L => {
                let bullets = n
                    .children
                    .iter()
                    .any(|li| li.children.iter().any(|c| c.role == Role::Lbl));
                let class = if bullets { "bullets" } else { "contacts" };
                self.container(&format!("ul class=\"{class}\"{attrs}"), "ul", n, here);
            }
            Role::LI => self.container(&format!("li{attrs}"), "li", n, here),
            // The list's own markers stand for the leaflet's bullets.
            Role::Lbl => {}
            Role::BlockQuote => {
                self.container(&format!("blockquote{attrs}"), "blockquote", n, here)
            }
            Role::Section => self.container(&format!("section{attrs}"), "section", n, here),
            Role::Figure => self.figure(n, &attrs, here),
            // Text-less paragraphs and bodies hold their children.
            Role::P | Role::LBody => {
                for c in &n.children {
                    self.node(c, here, None);
                }
            }
        }
    }

    fn container(&mut self, open: &str, close: &str, n: &Node, here: Here<'_>) {
        self.out.push_str(&format!("<{open}>\n"));
        for c in &n.children {
            self.node(c, here, None);
        }
        self.out.push_str(&format!("</{close}>\n"));
    }

    /// A logo or photo with its alternative text; a figure with no picture
    /// to show (a QR code: the page links its address) gives its children.
    fn figure(&mut self, n: &Node, attrs: &str, here: Here<'_>) {
        let pixels = n.items.iter().find_map(|i| match i {
            Item::Image { pixels, .. } => Some(pixels),
            _ => None,
        });
        match pixels.and_then(|p| png(p)) {
            Some(png) => self.out.push_str(&format!(
                "<img{attrs} alt=\"{}\" src=\"data:image/png;base64,{}\">\n",
                escape_attr(n.alt.as_deref().unwrap_or_default()),
                base64::engine::general_purpose::STANDARD.encode(png)
            )),
            None => {
                for c in &n.children {
                    self.node(c, here, None);
                }
            }
        }
    }

    fn text_element(
        &mut self,
        tag: &str,
        n: &Node,
        attrs: &str,
        here: Here<'_>,
        class: Option<&str>,
    ) {
        let Some(para) = &n.para else {
            return;
        };
        let para = &whole_number(para);
        let rtl_letters = para.text.chars().any(is_rtl_letter);
        // As in the PDF: a paragraph with no right-to-left letter is set
        // left to right, even in a right-to-left page.
        let (dir, rtl) = if here.rtl && !rtl_letters && !attrs.contains("dir=") {
            (" dir=\"ltr\"", false)
        } else {
            ("", here.rtl)
        };
        let latin = self
            .language(here.tag)
            .is_some_and(|l| !l.latin)
            .then_some(self.options.latin_tag);
        let cx = Context {
            book: self.book,
            rtl,
            latin,
            // A heading is bold by being one.
            bold: !tag.starts_with('h') && class != Some("kicker"),
        };
        let class = class.map(|c| format!(" class=\"{c}\"")).unwrap_or_default();
        self.out.push_str(&format!(
            "<{tag}{class}{attrs}{dir}>{}</{tag}>\n",
            inline::inline(para, &cx)
        ));
    }

    /// `lang` (and `dir`, where the direction changes) for a node in
    /// another language than the one around it.
    fn lang_attrs<'n>(&self, n: &'n Node, outer: Here<'n>) -> (String, Here<'n>) {
        let Some(tag) = n.lang.as_deref().filter(|t| *t != outer.tag) else {
            return (String::new(), outer);
        };
        let rtl = self.language(tag).is_some_and(|l| l.rtl);
        let dir = match (rtl, outer.rtl) {
            (true, false) => " dir=\"rtl\"",
            (false, true) => " dir=\"ltr\"",
            _ => "",
        };
        (
            format!(" lang=\"{}\"{dir}", escape_attr(tag)),
            Here { rtl, tag },
        )
    }

    fn language(&self, tag: &str) -> Option<&TwinLang> {
        self.options.languages.iter().find(|l| l.tag == tag)
    }

    /// `small` for small print (sources, attributions), `number` for a
    /// contact's number or address set larger than the text.
    fn size_class(&self, n: &Node) -> Option<&'static str> {
        let size = first_size(n)?;
        let para = whole_number(n.para.as_ref()?);
        let whole_address = para.addresses.len() == 1
            && para.addresses[0].len() == para.text.trim_end().len()
            && para.addresses[0].start == 0;
        if whole_address && size > self.base * 1.2 {
            Some("number")
        } else if size < self.base * 0.85 {
            Some("small")
        } else {
            None
        }
    }
}

/// `para`, with its whole text as its one address when it is a number no
/// group of which marks it as one (`999`, `111`).
fn whole_number(para: &Para) -> Para {
    let text = para.text.trim_end();
    if para.addresses.is_empty() && crate::phone::parse_uk_phone(text).is_ok() {
        return Para {
            addresses: std::iter::once(0..text.len()).collect(),
            ..para.clone()
        };
    }
    para.clone()
}

fn is_contact_list(n: &Node) -> bool {
    n.role == Role::L
        && n.children
            .iter()
            .all(|li| li.children.iter().all(|c| c.role != Role::Lbl))
}

fn is_rtl_letter(c: char) -> bool {
    matches!(
        unicode_bidi::bidi_class(c),
        unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
    )
}

fn first_size(n: &Node) -> Option<f32> {
    n.items.iter().find_map(|i| match i {
        Item::Text(run) => Some(run.size),
        _ => None,
    })
}

/// The size most of the text of paragraphs is set in.
fn base_size(nodes: &[Node]) -> f32 {
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    fn walk(nodes: &[Node], sizes: &mut Vec<(f32, usize)>) {
        for n in nodes {
            if matches!(n.role, Role::P | Role::LBody) {
                for i in &n.items {
                    if let Item::Text(run) = i {
                        sizes.push((run.size, run.text.chars().count()));
                    }
                }
            }
            walk(&n.children, sizes);
        }
    }
    walk(nodes, &mut sizes);
    sizes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: usize = sizes.iter().map(|s| s.1).sum();
    let mut seen = 0;
    for (size, n) in &sizes {
        seen += n;
        if seen * 2 >= total {
            return *size;
        }
    }
    12.0
}

/// The faces whose letters a reader's system may lack: those that set a
/// letter of a script other than Latin.
fn embedded_faces(doc: &Document, book: &FontBook) -> Vec<FontId> {
    fn walk(nodes: &[Node], out: &mut Vec<FontId>) {
        for n in nodes {
            if let Some(Para { text, fonts, .. }) = &n.para {
                for (range, font) in fonts {
                    let other_script = text
                        .get(range.clone())
                        .is_some_and(|t| t.chars().any(|c| c.is_alphabetic() && c as u32 >= 0x250));
                    if other_script && !out.contains(font) {
                        out.push(*font);
                    }
                }
            }
            walk(&n.children, out);
        }
    }
    let mut out = Vec::new();
    walk(&doc.structure, &mut out);
    out.sort_by_key(|f| book.face(*f).name.clone());
    out
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// A logo or photo as PNG bytes (`None` if it cannot be encoded, which a
/// decoded image always can).
fn png(pixels: &crate::model::Pixels) -> Option<Vec<u8>> {
    let image = image::RgbaImage::from_raw(pixels.width, pixels.height, pixels.rgba.clone())?;
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).ok()?;
    Some(out.into_inner())
}
