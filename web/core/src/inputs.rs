//! The web face's inputs as data: `org.toml` text with its images as bytes
//! (the page has no folder to read them from).

use cse_pack::content::toml_file::from_toml_error;
use cse_pack::diag::{Diagnostic, shown};
use cse_pack::images::{Folder, ImageCache, ImageMap, MAX_IMAGE_BYTES, decode_logo};
use cse_pack::model::{Locate, Org, Origin, Pixels};
use cse_pack::orgs::{OrgConfig, validate};
use cse_pack::text_safety::is_blank;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

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

/// Places an organisation's problems in the page's `org.toml` (each says
/// its field itself: [`Diagnostic::field`]).
struct PageLocator;

impl Locate for PageLocator {
    fn locate(&self, _key: &str, d: Diagnostic) -> Diagnostic {
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
/// the CLI checks `--org`; each problem names the field it concerns.
pub fn org_from_toml(
    text: &str,
    images: &BTreeMap<String, Blob>,
    blobs: &[u8],
) -> Result<Org, Vec<Diagnostic>> {
    let mut config: OrgConfig = toml::from_str(text).map_err(|e| vec![toml_error(&e, text)])?;
    // Images are the page's to read: take their names out, check the rest,
    // then decode the bytes the page gave for each name.
    let logo = config.logo.take();
    let dsl_photo = config.dsl.as_mut().and_then(|p| p.photo.take());
    let deputy_photo = config.deputy_dsl.as_mut().and_then(|p| p.photo.take());
    let locator = PageLocator;
    let mut errors = Vec::new();
    let mut image = |key: &str, name: Option<String>| {
        let name = name.filter(|n| !is_blank(n))?;
        decode(key, name.trim(), images, blobs)
            .map_err(|d| errors.push(locator.locate(key, d.for_field(key))))
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
    let checked = validate(
        config,
        &none,
        &mut ImageCache::default(),
        &locator,
        crate::fonts(),
    );
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
