//! A plain, untagged one-page PDF of labels and grey frames: the words and
//! lines of the CLI's contact sheet, which it rasterises and lays the
//! thumbnails over. Lengths are in points, from the top left.

use super::{RenderError, rgb};
use crate::fonts::{FontBook, FontStyle};
use crate::units::Color;
use krilla::geom::{PathBuilder, Point, Rect, Size};
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

/// The family the labels are set in (the shipped Noto Sans).
const FAMILY: &str = "NotoSans";

/// One line of text, its baseline's left end at `x`, `y`.
#[derive(Debug, Clone)]
pub struct Label {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub bold: bool,
    pub text: String,
    pub color: Color,
}

/// A rectangle drawn as a thin grey line.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// A `width` × `height` page on white with the labels and frames drawn.
/// Labels must be in a script Noto Sans covers (ids, numbers, Latin).
pub fn labels_pdf(
    book: &FontBook,
    width: f32,
    height: f32,
    labels: &[Label],
    frames: &[Frame],
) -> Result<Vec<u8>, RenderError> {
    let font = |style| {
        let id = book
            .resolve(FAMILY, style)
            .ok_or_else(|| RenderError::Pdf(format!("no `{FAMILY}` font in the build")))?;
        Font::new(book.face(id).data.into(), 0)
            .ok_or_else(|| RenderError::Pdf(format!("`{FAMILY}` could not be read")))
    };
    let (regular, bold) = (font(FontStyle::REGULAR)?, font(FontStyle::BOLD)?);
    let size = Size::from_wh(width, height).ok_or(RenderError::NoPageSize)?;
    let mut pdf = krilla::Document::new();
    let mut page = pdf.start_page_with(krilla::page::PageSettings::new(size));
    let mut surface = page.surface();
    let white = Color {
        r: 255,
        g: 255,
        b: 255,
    };
    let mut pb = PathBuilder::new();
    pb.push_rect(Rect::from_xywh(0.0, 0.0, width, height).ok_or(RenderError::NoPageSize)?);
    if let Some(path) = pb.finish() {
        surface.set_fill(Some(fill(white)));
        surface.draw_path(&path);
    }
    let mut pb = PathBuilder::new();
    for f in frames {
        if let Some(r) = Rect::from_xywh(f.x, f.y, f.w, f.h) {
            pb.push_rect(r);
        }
    }
    if let Some(path) = pb.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: rgb(Color {
                r: 190,
                g: 190,
                b: 190,
            })
            .into(),
            width: 1.0,
            ..Default::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
    for label in labels {
        surface.set_fill(Some(fill(label.color)));
        let font = if label.bold { &bold } else { &regular };
        surface.draw_text(
            Point::from_xy(label.x, label.y),
            font.clone(),
            label.size,
            &label.text,
            false,
            TextDirection::LeftToRight,
        );
    }
    surface.finish();
    page.finish();
    pdf.finish().map_err(|e| RenderError::Pdf(e.to_string()))
}

fn fill(c: Color) -> Fill {
    Fill {
        paint: rgb(c).into(),
        ..Default::default()
    }
}
