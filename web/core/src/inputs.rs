//! The web face's inputs as data: the embedded content checked against the
//! page's date, and `org.toml` text with its images as bytes (the page has
//! no folder to read them from).

use cse_pack::Loaded;
use cse_pack::assets::Tree;
use cse_pack::content::toml_file::from_toml_error;
use cse_pack::diag::{Diagnostic, Diagnostics, shown};
use cse_pack::fonts::FontBook;
use cse_pack::images::{Folder, ImageCache, ImageMap, MAX_IMAGE_BYTES, decode_logo};
use cse_pack::model::{Date, Locate, Org, Origin, Pixels};
use cse_pack::orgs::{OrgConfig, validate};
use cse_pack::text_safety::is_blank;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// The file name messages give `org.toml` in the page.
const ORG_FILE: &str = "org.toml";

/// A blob in the request: `len` bytes from `at`, after the JSON.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Blob {
    pub at: usize,
    pub len: usize,
}

impl Blob {
    fn bytes(self, blobs: &[u8]) -> Option<&[u8]> {
        blobs.get(self.at..self.at.checked_add(self.len)?)
    }
}

/// The shipped content, templates and fonts, checked as `cse_pack::load`
/// checks them but against `today` as the page gives it.
pub fn load_on(today: Date) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::default();
    let tree = Tree::embedded("content");
    let content = cse_pack::content::load_content_partial(&tree, &mut diags);
    let templates = cse_pack::template::load_templates(&Tree::embedded("templates"))
        .map_err(|d| diags.extend(d.0))
        .ok();
    let fonts = FontBook::shipped();
    let Some(mut content) = content else {
        return Err(diags);
    };
    diags.extend(cse_pack::content::check_freshness(
        &tree, &content, today, false,
    ));
    // The shipped languages all pass this in CI; a face still drops one that
    // cannot be set rather than fail in layout.
    content.languages.retain(|_, lang| {
        let mut problems = cse_pack::content::check_coverage(&tree, lang, fonts);
        for family in lang.fonts.iter().chain(&lang.text_layer) {
            if !fonts.has_family(family) {
                problems.push(Diagnostic::error(format!(
                    "language `{}` names font `{family}`, which cse-pack does not ship",
                    lang.code
                )));
            }
        }
        let usable = !problems.iter().any(Diagnostic::is_error);
        diags.extend(problems);
        usable
    });
    match templates {
        Some(templates) if !diags.has_errors() => Ok(Loaded {
            content,
            templates,
            pdf_fonts: cse_pack::render::PdfFonts::new(fonts),
            fonts,
            problems: diags,
            fitted: Default::default(),
        }),
        _ => Err(diags),
    }
}

/// The `org.toml` keys problems were placed at, with their messages, so an
/// answer can say which field each message concerns.
#[derive(Debug, Clone, Default)]
pub struct Keys(Arc<Mutex<Vec<(String, String)>>>);

impl Keys {
    fn push(&self, key: &str, message: &str) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((key.to_string(), message.to_string()));
    }

    /// Every `(key, message)` recorded so far.
    pub fn take(&self) -> Vec<(String, String)> {
        std::mem::take(
            &mut *self
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }
}

/// Places an organisation's problems in the page's `org.toml` and records
/// the key for the form.
struct PageLocator {
    keys: Keys,
}

impl Locate for PageLocator {
    fn locate(&self, key: &str, d: Diagnostic) -> Diagnostic {
        self.keys.push(key, &d.message);
        d.in_file(ORG_FILE)
    }
}

/// `org.toml` read with the core's own parser (unknown keys refused, as the
/// CLI refuses them), then given back as JSON for the form to fill in from.
pub fn parse_org(text: &str) -> Result<serde_json::Value, Diagnostic> {
    toml::from_str::<OrgConfig>(text).map_err(|e| toml_error(&e, text))?;
    let value: toml::Value = toml::from_str(text).map_err(|e| toml_error(&e, text))?;
    Ok(serde_json::to_value(value).expect("TOML values are JSON values"))
}

fn toml_error(e: &toml::de::Error, text: &str) -> Diagnostic {
    from_toml_error(e, text, 0, ORG_FILE, "save the details again from the form")
}

/// An organisation from `org.toml` text and its images' bytes, checked as
/// the CLI checks `--org`. Problems are placed at their keys in `keys`.
pub fn org_from_toml(
    text: &str,
    images: &BTreeMap<String, Blob>,
    blobs: &[u8],
    keys: &Keys,
) -> Result<Org, Vec<Diagnostic>> {
    let mut config: OrgConfig = toml::from_str(text).map_err(|e| vec![toml_error(&e, text)])?;
    // Images are the page's to read: take their names out, check the rest,
    // then decode the bytes the page gave for each name.
    let logo = config.logo.take();
    let dsl_photo = config.dsl.as_mut().and_then(|p| p.photo.take());
    let deputy_photo = config.deputy_dsl.as_mut().and_then(|p| p.photo.take());
    let locator = PageLocator { keys: keys.clone() };
    let mut errors = Vec::new();
    let mut image = |key: &str, name: Option<String>| {
        let name = name.filter(|n| !is_blank(n))?;
        decode(key, name.trim(), images, blobs)
            .map_err(|d| errors.push(locator.locate(key, d)))
            .ok()
    };
    let logo = image("logo", logo);
    let dsl_photo = image("dsl.photo", dsl_photo);
    let deputy_photo = image("deputy-dsl.photo", deputy_photo);
    // With the image names taken out, `validate` reads no image.
    let none = ImageMap {
        folder: Folder::OrgFile,
        files: Default::default(),
    };
    let checked = validate(config, &none, &mut ImageCache::default(), &locator);
    let mut org = match checked {
        Ok(org) if errors.is_empty() => org,
        Ok(_) => return Err(errors),
        Err(mut ds) => {
            ds.append(&mut errors);
            return Err(ds);
        }
    };
    org.logo = logo;
    if let Some(p) = &mut org.dsl {
        p.photo = dsl_photo;
    }
    if let Some(p) = &mut org.deputy_dsl {
        p.photo = deputy_photo;
    }
    org.origin = Some(Origin(Arc::new(locator)));
    Ok(org)
}

/// The image the page gave for `name`, decoded with the CLI's limits and messages.
fn decode(
    key: &str,
    name: &str,
    images: &BTreeMap<String, Blob>,
    blobs: &[u8],
) -> Result<Arc<Pixels>, Diagnostic> {
    let what = format!("`{key}`");
    let bytes = images
        .get(name)
        .and_then(|b| b.bytes(blobs))
        .ok_or_else(|| {
            Diagnostic::error(format!("{what}: the page has no image {}", shown(name)))
                .with_hint("choose the image file again")
        })?;
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(Diagnostic::error(format!(
            "{what} {} is {} MB; the limit is {} MB",
            shown(name),
            bytes.len() / (1024 * 1024),
            MAX_IMAGE_BYTES / (1024 * 1024)
        ))
        .with_hint("save a smaller PNG or JPEG; 2000 pixels across is plenty"));
    }
    decode_logo(bytes).map(Arc::new).map_err(|m| {
        Diagnostic::error(format!("{what} {}: {m}", shown(name)))
            .with_hint("save it as a PNG or JPEG of at most 2000 or so pixels across")
    })
}
