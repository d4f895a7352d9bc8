//! `--preview` (and `cse-pack preview`): a PNG of each built PDF's first
//! page, rasterised in Rust with hayro, and one contact sheet of the whole
//! build, so a user sees the pack at a glance. The pictures are outputs like
//! the PDFs: they go into the build's transaction and its manifest.

use crate::diag::Diagnostic;
use crate::fonts::FontBook;
use crate::model::{LangSel, Nation};
use crate::output::{DocInfo, Media, Output};
use crate::render::sheet::{Frame, Label, labels_pdf};
use crate::units::Color;
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};
use image::{RgbaImage, imageops};
use rayon::prelude::*;

/// A preview's longest side, in pixels.
pub const PREVIEW_PX: u32 = 800;
/// A thumbnail's longest side on the contact sheet, in pixels.
pub const THUMB_PX: u32 = 150;
/// Rows (organisation × language) drawn on the contact sheet; the rest are
/// counted in a last line.
pub const MAX_ROWS: usize = 40;
/// The contact sheet's file, at the top of the output folder.
pub const SHEET: &str = "contact-sheet.png";

/// The sheet's grid, in pixels: a cell per thumbnail, a column of row
/// labels, the title and the column heads above.
const CELL: u32 = THUMB_PX + 20;
const LEFT: u32 = 200;
const TOP: u32 = 90;
const PAD: u32 = 20;

/// The previews made so far, and the thumbnails the contact sheet shows.
#[derive(Default)]
pub(super) struct Previews {
    /// Products in the order they were first built: the sheet's columns.
    products: Vec<String>,
    rows: Vec<Row>,
    /// Rows past [`MAX_ROWS`], counted but not kept.
    more: std::collections::HashSet<(Option<String>, LangSel)>,
    /// Previews written.
    pub count: usize,
    /// The build's edition (one nation a build).
    nation: Nation,
}

/// One organisation's documents in one language.
struct Row {
    org: Option<String>,
    lang: LangSel,
    label: String,
    cells: Vec<(String, RgbaImage)>,
}

impl Previews {
    /// A preview of each PDF in `docs` (`preview/<its path>.png`), made in
    /// parallel, keeping a thumbnail of each for the sheet; `lang_label`
    /// names a row's language (`Urdu (ur)`).
    pub(super) fn add(
        &mut self,
        docs: &[Output],
        lang_label: &dyn Fn(&LangSel) -> String,
    ) -> Result<Vec<Output>, Diagnostic> {
        let pdfs: Vec<&Output> = docs.iter().filter(|d| d.info.media.is_pdf()).collect();
        let made: Vec<Result<(Output, RgbaImage), Diagnostic>> =
            pdfs.par_iter().map(|doc| preview(doc)).collect();
        let mut outputs = Vec::new();
        for made in made {
            let (output, picture) = made?;
            let thumb = shrink(&picture, THUMB_PX);
            self.keep(&output.info, thumb, lang_label);
            outputs.push(output);
        }
        self.count += outputs.len();
        Ok(outputs)
    }

    /// File a thumbnail under its row and column.
    fn keep(&mut self, info: &DocInfo, thumb: RgbaImage, lang_label: &dyn Fn(&LangSel) -> String) {
        self.nation = info.nation;
        if !self.products.contains(&info.product) {
            self.products.push(info.product.clone());
        }
        let found = self
            .rows
            .iter()
            .position(|r| r.org == info.org && r.lang == info.lang);
        let index = match found {
            Some(index) => index,
            None if self.rows.len() < MAX_ROWS => {
                self.rows.push(Row {
                    org: info.org.clone(),
                    lang: info.lang.clone(),
                    label: lang_label(&info.lang),
                    cells: Vec::new(),
                });
                self.rows.len() - 1
            }
            None => {
                self.more.insert((info.org.clone(), info.lang.clone()));
                return;
            }
        };
        let row = &mut self.rows[index];
        row.cells.push((info.product.clone(), thumb));
    }

    /// The contact sheet (`contact-sheet.png`): a row per organisation and
    /// language, a column per product, under `title`; `None` if no preview
    /// was made.
    pub(super) fn sheet(
        &self,
        title: &str,
        fonts: &FontBook,
    ) -> Option<Result<Output, Diagnostic>> {
        if self.rows.is_empty() {
            return None;
        }
        Some(self.draw(title, fonts).map(|bytes| Output {
            info: DocInfo {
                path: SHEET.to_string(),
                product: "contact-sheet".to_string(),
                lang: LangSel::Single("mul".to_string()),
                nation: self.nation,
                org: None,
                pages: 1,
                width_mm: 0.0,
                height_mm: 0.0,
                media: Media::Png,
            },
            bytes,
        }))
    }

    /// The sheet as PNG bytes: the labels and frames drawn as a small PDF,
    /// rasterised at one pixel a point, with the thumbnails laid over it.
    fn draw(&self, title: &str, fonts: &FontBook) -> Result<Vec<u8>, Diagnostic> {
        let columns = self.products.len() as u32;
        let rows = self.rows.len() as u32;
        let width = LEFT + columns * CELL + PAD;
        let tail = if self.more.is_empty() { 0 } else { 40 };
        let height = TOP + rows * CELL + tail + PAD;
        let (labels, frames) = self.layout(title, height);
        let pdf =
            labels_pdf(fonts, width as f32, height as f32, &labels, &frames).map_err(|e| {
                bug(format!(
                    "the contact sheet's labels could not be drawn: {e}"
                ))
            })?;
        let mut sheet = rasterise(&pdf, 1.0)
            .ok_or_else(|| bug("the contact sheet's labels could not be rasterised".into()))?;
        for (r, row) in self.rows.iter().enumerate() {
            for (product, thumb) in &row.cells {
                let c = self.column(product);
                let x = LEFT + c * CELL + (CELL - thumb.width()) / 2;
                let y = TOP + r as u32 * CELL + (CELL - thumb.height()) / 2;
                imageops::overlay(&mut sheet, thumb, i64::from(x), i64::from(y));
            }
        }
        png(&sheet)
    }

    /// The title, column heads, row labels, the "and N more" line, and a
    /// frame round each cell that has a thumbnail.
    fn layout(&self, title: &str, height: u32) -> (Vec<Label>, Vec<Frame>) {
        let ink = Color {
            r: 30,
            g: 30,
            b: 30,
        };
        let grey = Color {
            r: 95,
            g: 95,
            b: 95,
        };
        let label = |x: u32, y: u32, size: f32, bold: bool, text: String, color: Color| Label {
            x: x as f32,
            y: y as f32,
            size,
            bold,
            text,
            color,
        };
        let mut labels = vec![label(PAD, 34, 20.0, true, title.to_string(), ink)];
        for (c, product) in self.products.iter().enumerate() {
            let x = LEFT + c as u32 * CELL + 6;
            labels.push(label(x, TOP - 10, 11.0, true, product.clone(), grey));
        }
        let mut frames = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            let y = TOP + r as u32 * CELL;
            let middle = y + CELL / 2;
            match &row.org {
                Some(org) => {
                    labels.push(label(PAD, middle - 4, 12.0, true, org.clone(), ink));
                    labels.push(label(PAD, middle + 14, 12.0, false, row.label.clone(), ink));
                }
                None => labels.push(label(PAD, middle + 5, 13.0, true, row.label.clone(), ink)),
            }
            for (product, _) in &row.cells {
                let x = LEFT + self.column(product) * CELL;
                frames.push(Frame {
                    x: x as f32 + 3.0,
                    y: y as f32 + 3.0,
                    w: (CELL - 6) as f32,
                    h: (CELL - 6) as f32,
                });
            }
        }
        if !self.more.is_empty() {
            let more = self.more.len();
            let text = format!(
                "… and {more} more row{} (organisation and language); every document has its preview in preview/",
                if more == 1 { "" } else { "s" }
            );
            labels.push(label(PAD, height - PAD - 12, 13.0, false, text, ink));
        }
        (labels, frames)
    }

    fn column(&self, product: &str) -> u32 {
        self.products
            .iter()
            .position(|p| p == product)
            .expect("every kept product has a column") as u32
    }
}

/// One PDF's preview: `preview/<path>.png`, with the PDF's manifest details.
fn preview(doc: &Output) -> Result<(Output, RgbaImage), Diagnostic> {
    let pdf = Pdf::new(doc.bytes.clone()).map_err(|e| {
        bug(format!(
            "`{}` could not be read back for its preview: {e:?}",
            doc.info.path
        ))
    })?;
    let picture = pdf
        .pages()
        .first()
        .map(|page| {
            let (w, h) = page.render_dimensions();
            // A hair over, so that the longest side rounds down to the size.
            render_page(page, (PREVIEW_PX as f32 + 0.25) / w.max(h))
        })
        .ok_or_else(|| bug(format!("`{}` has no page to preview", doc.info.path)))?;
    let bytes = png(&picture)?;
    let path = doc.info.path.strip_suffix(".pdf").unwrap_or(&doc.info.path);
    let info = DocInfo {
        path: format!("preview/{path}.png"),
        pages: 1,
        media: Media::Png,
        ..doc.info.clone()
    };
    Ok((Output { info, bytes }, picture))
}

/// The first page of `pdf` at `scale` pixels a point.
fn rasterise(pdf: &[u8], scale: f32) -> Option<RgbaImage> {
    let pdf = Pdf::new(pdf.to_vec()).ok()?;
    let page = pdf.pages().first()?;
    Some(render_page(page, scale))
}

/// A page on white at `scale` pixels a point, as straight RGBA (opaque, so
/// hayro's premultiplied pixels are the same).
fn render_page(page: &hayro::hayro_syntax::page::Page<'_>, scale: f32) -> RgbaImage {
    let pixmap = hayro::render(
        page,
        &RenderCache::new(),
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &PixmapSettings {
            x_scale: scale,
            y_scale: scale,
            bg_color: WHITE,
        },
    );
    let (w, h) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    RgbaImage::from_raw(w, h, pixmap.data_as_u8_slice().to_vec())
        .expect("a pixmap has four bytes a pixel")
}

/// `picture` scaled down so its longest side is `longest` pixels.
fn shrink(picture: &RgbaImage, longest: u32) -> RgbaImage {
    let (w, h) = picture.dimensions();
    let k = longest as f32 / w.max(h) as f32;
    let (tw, th) = (
        ((w as f32 * k).round() as u32).max(1),
        ((h as f32 * k).round() as u32).max(1),
    );
    imageops::resize(picture, tw, th, imageops::FilterType::Triangle)
}

/// An opaque picture as PNG bytes (RGB: it has no transparency).
fn png(picture: &RgbaImage) -> Result<Vec<u8>, Diagnostic> {
    let rgb = image::DynamicImage::ImageRgba8(picture.clone()).to_rgb8();
    let mut bytes = Vec::new();
    rgb.write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    )
    .map_err(|e| bug(format!("a preview could not be encoded as PNG: {e}")))?;
    Ok(bytes)
}

fn bug(message: String) -> Diagnostic {
    Diagnostic::error(message).with_hint("this is a bug in cse-pack; please report it")
}
