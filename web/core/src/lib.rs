//! cse-pack's web face: the same core the CLI drives, compiled to
//! WebAssembly for the page in `web/`, behind a small C ABI (no
//! wasm-bindgen: `web/js/core.js` is the glue).
//!
//! One call in, one answer out. A request is a little-endian `u32` length,
//! that many bytes of JSON ([`Request`]), then the blobs the JSON points into
//! (image files as `{ "at": offset, "len": n }`, offsets from the end of the
//! JSON). An answer has the same shape: JSON ([`Answer`]) and then the PDFs.
//! The page passes today's date in: there is no clock here.

mod abi;
mod inputs;
#[cfg(test)]
mod tests;

use cse_pack::diag::{Diagnostic, Diagnostics, Severity};
use cse_pack::model::{Date, Direction};
use cse_pack::{Inputs, LoadOptions, Loaded, Personal, Selection};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use inputs::{Blob, org_from_toml};

/// What the page asks for.
#[derive(Debug, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Request {
    /// The languages, products and nations there are to choose from.
    Info { today: String },
    /// `org.toml` read by the core's own parser, as JSON for the form.
    Parse { org_toml: String },
    /// The regular face of each font family (`NotoSansBengali`), from the
    /// module's own copy of `fonts/`, for the page to show the languages'
    /// names in (a system may have no font for Bengali, Gujarati or
    /// Gurmukhi); they follow the JSON like PDFs, so nothing is fetched.
    Fonts { families: Vec<String> },
    /// PDFs for the selection, for the organisation `org_toml` describes.
    Build {
        today: String,
        #[serde(default)]
        org_toml: Option<String>,
        /// Image files by the name `org.toml` gives them (`logo.png`).
        #[serde(default)]
        images: BTreeMap<String, Blob>,
        langs: Vec<String>,
        products: Vec<String>,
        nation: cse_pack::model::Nation,
        #[serde(default)]
        bleed: bool,
        /// Written into each PDF as its creation date when set (as
        /// `SOURCE_DATE_EPOCH` does for the CLI).
        #[serde(default)]
        creation_date: Option<String>,
    },
}

/// The core's answer; PDFs follow the JSON, each at `at` with `len` bytes.
#[derive(Debug, Default, Serialize)]
pub struct Answer {
    pub ok: bool,
    pub diagnostics: Vec<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub info: Option<Info>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<serde_json::Value>,
    pub documents: Vec<Document>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fonts: Vec<FontFile>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_version: Option<String>,
}

/// A diagnostic, with the `org.toml` key it concerns so the form can show it
/// beside that field; `text` is what the CLI prints.
#[derive(Debug, Clone, Serialize)]
pub struct Message {
    pub severity: &'static str,
    pub field: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    pub line: usize,
    pub col: usize,
    pub text: String,
}

/// What there is to build.
#[derive(Debug, Serialize)]
pub struct Info {
    pub languages: Vec<LanguageInfo>,
    /// Bilingual pairs as `cy+en`.
    pub bilingual: Vec<cse_pack::model::Pair>,
    pub products: Vec<ProductInfo>,
    /// By id (`northern-ireland`).
    pub nations: Vec<cse_pack::model::Nation>,
}

#[derive(Debug, Serialize)]
pub struct LanguageInfo {
    pub code: String,
    pub name: String,
    pub native_name: String,
    pub rtl: bool,
    /// Font families, first choice first (`NotoSansBengali`, `NotoSans`).
    pub fonts: Vec<String>,
    /// `reviewed` or `draft`.
    pub status: String,
    pub reviewed: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ProductInfo {
    pub id: String,
    pub name: String,
    pub family: String,
    pub width_mm: f32,
    pub height_mm: f32,
    /// Printed sides of the sheet (2: double-sided).
    pub sides: usize,
    /// Panels on each side: 3 folds in three, 2 folds in half.
    pub panels_per_side: usize,
    /// Repeated in a grid on the sheet, to be cut apart (wallet cards).
    pub imposed: bool,
    /// How the PDF's footer tells the printer to print it
    /// (`print.duplex-short-edge`), if it says.
    pub print_note: Option<String>,
}

/// A finished PDF: its manifest entry and where its bytes are in the answer.
#[derive(Debug, Serialize)]
pub struct Document {
    #[serde(flatten)]
    pub entry: cse_pack::output::FileEntry,
    pub at: usize,
    pub len: usize,
}

/// A font file in the answer: its CSS family name (`Noto Sans Bengali`),
/// file name and where its bytes are.
#[derive(Debug, Serialize)]
pub struct FontFile {
    pub family: String,
    pub file: String,
    pub at: usize,
    pub len: usize,
}

/// Answer one framed request with one framed answer.
pub fn call(request: &[u8]) -> Vec<u8> {
    let (json, blobs) = abi::unframe(request);
    let mut pdfs = Vec::new();
    let answer = match serde_json::from_slice::<Request>(json) {
        Ok(req) => answer(req, blobs, &mut pdfs),
        Err(e) => failed(vec![
            Diagnostic::error(format!("the page sent a request the core cannot read: {e}"))
                .with_hint("this is a bug in cse-pack; please report it"),
        ]),
    };
    let json = serde_json::to_vec(&answer).expect("an answer always serialises");
    abi::frame(&json, &pdfs)
}

fn answer(req: Request, blobs: &[u8], pdfs: &mut Vec<u8>) -> Answer {
    match req {
        Request::Info { today } => match loaded(&today) {
            Ok(loaded) => Answer {
                ok: true,
                diagnostics: messages(&loaded.problems.0),
                info: Some(info(loaded)),
                content_version: Some(loaded.content.pack.version.clone()),
                ..Answer::default()
            },
            Err(ds) => failed(ds),
        },
        Request::Parse { org_toml } => match inputs::parse_org(&org_toml) {
            Ok(value) => Answer {
                ok: true,
                org: Some(value),
                ..Answer::default()
            },
            Err(d) => failed(vec![d]),
        },
        Request::Fonts { families } => font_files(&families, pdfs),
        Request::Build {
            today,
            org_toml,
            images,
            langs,
            products,
            nation,
            bleed,
            creation_date,
        } => {
            let selection = Selection {
                langs,
                products,
                nation,
                bleed,
            };
            let input = BuildInput {
                today: &today,
                org_toml: org_toml.as_deref(),
                images: &images,
                blobs,
                creation_date: creation_date.as_deref(),
            };
            build(&input, &selection, pdfs)
        }
    }
}

struct BuildInput<'a> {
    today: &'a str,
    org_toml: Option<&'a str>,
    images: &'a BTreeMap<String, Blob>,
    blobs: &'a [u8],
    creation_date: Option<&'a str>,
}

fn build(input: &BuildInput<'_>, selection: &Selection, pdfs: &mut Vec<u8>) -> Answer {
    let loaded = match loaded(input.today) {
        Ok(l) => l,
        Err(ds) => return failed(ds),
    };
    let org = match input.org_toml {
        Some(text) => match org_from_toml(text, input.images, input.blobs) {
            Ok(org) => Some(org),
            Err(ds) => return failed(ds),
        },
        None => None,
    };
    let jobs = match cse_pack::plan(loaded, selection) {
        Ok(j) => j,
        Err(ds) => return failed(ds.0),
    };
    let options = cse_pack::render::RenderOptions {
        pdf_a: false,
        date: match input.creation_date.map(date) {
            Some(Ok(d)) => Some(d),
            Some(Err(d)) => return failed(vec![d]),
            None => None,
        },
    };
    let personal = Personal {
        org: org.as_ref(),
        org_folder: false,
    };
    let made = cse_pack::make_documents(loaded, &jobs, selection, &options, personal);
    // What this preview did not reuse of the last one's fonts and streams.
    cse_pack::render::forget_unused();
    match made {
        Ok((outputs, warnings)) => {
            let mut diags: Vec<Diagnostic> = loaded.problems.0.clone();
            diags.extend(warnings.0);
            diags.retain(|d| d.severity != Severity::Note);
            let documents = outputs
                .into_iter()
                .map(|o| {
                    let at = pdfs.len();
                    pdfs.extend_from_slice(&o.bytes);
                    Document {
                        entry: cse_pack::output::FileEntry::of(&o),
                        at,
                        len: o.bytes.len(),
                    }
                })
                .collect();
            Answer {
                ok: true,
                diagnostics: messages(&diags),
                documents,
                content_version: Some(loaded.content.pack.version.clone()),
                ..Answer::default()
            }
        }
        Err(ds) => failed(ds.0),
    }
}

/// The regular face of each of `families`, appended to `out`.
fn font_files(families: &[String], out: &mut Vec<u8>) -> Answer {
    let mut fonts = Vec::new();
    let mut missing = Vec::new();
    for family in families {
        let file = format!("{family}-Regular.ttf");
        match cse_pack::assets::Tree::embedded_fonts().find(|(name, _)| *name == file) {
            Some((_, bytes)) => {
                fonts.push(FontFile {
                    family: cse_pack::fonts::css_family(family),
                    file,
                    at: out.len(),
                    len: bytes.len(),
                });
                out.extend_from_slice(bytes);
            }
            None => missing.push(
                Diagnostic::error(format!("there is no font `{file}` in fonts/"))
                    .with_hint("this is a bug in the page; please report it"),
            ),
        }
    }
    if !missing.is_empty() {
        out.clear();
        return failed(missing);
    }
    Answer {
        ok: true,
        fonts,
        ..Answer::default()
    }
}

/// The fonts embedded in the module, parsed once: loading and the checks of
/// the organisation's text share them.
fn fonts() -> &'static cse_pack::fonts::FontBook {
    static BOOK: std::sync::LazyLock<cse_pack::fonts::FontBook> =
        std::sync::LazyLock::new(cse_pack::fonts::FontBook::embedded);
    &BOOK
}

/// The content, templates and fonts, loaded once per date and kept: the
/// page asks for one preview after another.
fn loaded(today: &str) -> Result<&'static Loaded, Vec<Diagnostic>> {
    use std::sync::Mutex;
    static LOADED: Mutex<Vec<(Date, &'static Loaded)>> = Mutex::new(Vec::new());
    let today = date(today).map_err(|d| vec![d])?;
    let mut cache = LOADED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, l)) = cache.iter().find(|(d, _)| *d == today) {
        return Ok(l);
    }
    // The content and templates embedded in the module, checked as the CLI
    // checks its own embedded copies (a stale pack is an error here too).
    let options = LoadOptions {
        today,
        allow_stale: false,
    };
    let loaded = cse_pack::load(&Inputs::embedded(fonts(), options)).map_err(|d| d.0)?;
    let loaded: &'static Loaded = Box::leak(Box::new(loaded));
    cache.push((today, loaded));
    Ok(loaded)
}

fn date(s: &str) -> Result<Date, Diagnostic> {
    cse_pack::content::toml_file::parse_date(s).ok_or_else(|| {
        Diagnostic::error(format!("`{s}` is not a date (YYYY-MM-DD)"))
            .with_hint("this is a bug in the page; please report it")
    })
}

fn info(loaded: &Loaded) -> Info {
    let content = &loaded.content;
    Info {
        languages: content
            .languages
            .values()
            .map(|l| LanguageInfo {
                code: l.code.clone(),
                name: l.name.clone(),
                native_name: l.native_name.clone(),
                rtl: l.direction == Direction::Rtl,
                fonts: l.fonts.clone(),
                status: l.status.to_string(),
                reviewed: l.reviewed.map(|d| d.to_string()),
            })
            .collect(),
        bilingual: content.pack.bilingual.clone(),
        products: loaded
            .templates
            .values()
            .map(|t| ProductInfo {
                id: t.id().to_string(),
                name: t.config.name.clone(),
                family: t.config.family.name().to_string(),
                width_mm: (cse_pack::units::Pt(t.width).to_mm() * 10.0).round() / 10.0,
                height_mm: (cse_pack::units::Pt(t.height).to_mm() * 10.0).round() / 10.0,
                sides: t.sides(),
                panels_per_side: t.panels.len().div_ceil(t.sides()),
                imposed: t.config.imposition.is_some(),
                print_note: t.config.print_note.clone(),
            })
            .collect(),
        nations: cse_pack::model::Nation::ALL.to_vec(),
    }
}

fn failed(ds: Vec<Diagnostic>) -> Answer {
    Answer {
        ok: false,
        diagnostics: messages(&ds),
        ..Answer::default()
    }
}

/// Diagnostics for the page, each with the field it concerns.
fn messages(ds: &[Diagnostic]) -> Vec<Message> {
    let mut ds = Diagnostics(ds.to_vec());
    ds.dedup();
    ds.0.iter()
        .map(|d| Message {
            severity: match d.severity {
                Severity::Note => "note",
                Severity::Warning => "warning",
                Severity::Error => "error",
            },
            field: d.field.clone(),
            message: d.message.clone(),
            hint: (!d.hints.is_empty()).then(|| d.hints.join("; ")),
            line: d.line_col().map_or(0, |(line, _)| line),
            col: d.line_col().map_or(0, |(_, col)| col),
            text: d.to_string(),
        })
        .collect()
}
