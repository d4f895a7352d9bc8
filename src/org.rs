//! The organisation file (`org.toml`, or one row of a CSV): name, logo, web
//! address, brand colour and local contacts, checked before anything is built.

use crate::content::toml_file::from_toml_error;
use crate::diag::Diagnostic;
use crate::units::Color;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Logos larger than this (either side) are refused.
pub const MAX_LOGO_SIDE: u32 = 12_000;
/// Logo files larger than this are refused.
pub const MAX_LOGO_BYTES: u64 = 20 * 1024 * 1024;

/// `org.toml` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OrgConfig {
    pub name: String,
    pub logo: Option<String>,
    pub website: Option<String>,
    pub brand_colour: Option<String>,
    pub dsl: Option<PersonConfig>,
    pub deputy_dsl: Option<PersonConfig>,
    pub childrens_services: Option<ServiceConfig>,
    pub out_of_hours: Option<ServiceConfig>,
}

/// A safeguarding lead.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PersonConfig {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    #[serde(rename = "where")]
    pub location: Option<String>,
}

/// A local service with a number.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ServiceConfig {
    pub name: Option<String>,
    pub phone: String,
}

/// A decoded logo, RGBA.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// An organisation, validated.
#[derive(Debug, Clone)]
pub struct Org {
    pub name: String,
    /// For folder names: lowercase letters, digits and hyphens.
    pub slug: String,
    pub logo: Option<Arc<Pixels>>,
    pub website: Option<String>,
    pub brand: Option<Color>,
    pub dsl: Option<PersonConfig>,
    pub deputy_dsl: Option<PersonConfig>,
    pub childrens_services: Option<ServiceConfig>,
    pub out_of_hours: Option<ServiceConfig>,
}

/// Where an org's problem is: a file and line, or a CSV row and column.
pub trait Locate {
    fn locate(&self, key: &str, d: Diagnostic) -> Diagnostic;
}

/// Load and check `org.toml`.
pub fn load_org_file(path: &Path) -> Result<Org, Vec<Diagnostic>> {
    let display = path.display().to_string();
    let bytes = crate::assets::read_input(path).map_err(|d| {
        vec![match d.hint {
            None => d.with_hint("write one with `cse-pack init`"),
            Some(_) => d,
        }]
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        vec![
            Diagnostic::error(format!(
                "`{display}` is not UTF-8 text (byte {} is not)",
                e.utf8_error().valid_up_to()
            ))
            .with_hint("save it as UTF-8 in your editor"),
        ]
    })?;
    let config: OrgConfig = toml::from_str(&text).map_err(|e| {
        vec![from_toml_error(
            &e,
            &text,
            &display,
            "see the comments `cse-pack init` writes",
        )]
    })?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let locate = FileLocator { display, text };
    validate(config, &base, &locate)
}

struct FileLocator {
    display: String,
    text: String,
}

impl Locate for FileLocator {
    fn locate(&self, key: &str, d: Diagnostic) -> Diagnostic {
        // `dsl.phone` is the `phone` line after `[dsl]`; `name` is before any table.
        let (table, leaf) = key.rsplit_once('.').unwrap_or(("", key));
        let mut current = String::new();
        let at = self
            .text
            .lines()
            .scan(0usize, |off, l| {
                let start = *off;
                *off += l.len() + 1;
                Some((start, l.trim_start()))
            })
            .find(|(_, l)| {
                if let Some(name) = l.strip_prefix('[') {
                    current = name.trim_end().trim_end_matches(']').trim().to_string();
                    return false;
                }
                current == table
                    && (l.starts_with(&format!("{leaf} ")) || l.starts_with(&format!("{leaf}=")))
            })
            .map_or(0, |(s, _)| s);
        d.in_file(&self.display).at_offset(&self.text, at)
    }
}

/// Check an organisation's values and load its logo (relative to `base`).
pub fn validate(config: OrgConfig, base: &Path, at: &dyn Locate) -> Result<Org, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let name = config.name.trim().to_string();
    if name.is_empty() {
        errors.push(
            at.locate(
                "name",
                Diagnostic::error("the organisation has no name")
                    .with_hint("set `name`, e.g. `name = \"Example Academy\"`"),
            ),
        );
    }
    let brand = match config
        .brand_colour
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        None => None,
        Some(s) => match Color::parse(s) {
            Err(msg) => {
                errors.push(at.locate("brand-colour", Diagnostic::error(msg)));
                None
            }
            Ok(c) => match check_brand(c) {
                Ok(()) => Some(c),
                Err(d) => {
                    errors.push(at.locate("brand-colour", d));
                    None
                }
            },
        },
    };
    if let Some(url) = config.website.as_deref().filter(|s| !s.trim().is_empty())
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        errors.push(
            at.locate(
                "website",
                Diagnostic::error(format!("`{url}` is not a web address"))
                    .with_hint("write it in full, starting `https://`"),
            ),
        );
    }
    let phones = [
        (
            "dsl.phone",
            config.dsl.as_ref().and_then(|p| p.phone.as_deref()),
        ),
        (
            "deputy-dsl.phone",
            config.deputy_dsl.as_ref().and_then(|p| p.phone.as_deref()),
        ),
        (
            "childrens-services.phone",
            config.childrens_services.as_ref().map(|s| s.phone.as_str()),
        ),
        (
            "out-of-hours.phone",
            config.out_of_hours.as_ref().map(|s| s.phone.as_str()),
        ),
    ];
    for (key, phone) in phones {
        if let Some(p) = phone
            && !crate::content::is_uk_phone(p)
        {
            errors.push(
                at.locate(
                    key,
                    Diagnostic::error(format!(
                        "`{key}`: `{p}` is not the shape of a UK phone number"
                    ))
                    .with_hint("write it as dialled in the UK, e.g. `0121 496 0000`"),
                ),
            );
        }
    }
    let texts = [
        ("name", Some(config.name.as_str())),
        ("website", config.website.as_deref()),
        ("dsl.name", config.dsl.as_ref().map(|p| p.name.as_str())),
        (
            "dsl.email",
            config.dsl.as_ref().and_then(|p| p.email.as_deref()),
        ),
        (
            "dsl.where",
            config.dsl.as_ref().and_then(|p| p.location.as_deref()),
        ),
        (
            "deputy-dsl.name",
            config.deputy_dsl.as_ref().map(|p| p.name.as_str()),
        ),
        (
            "deputy-dsl.email",
            config.deputy_dsl.as_ref().and_then(|p| p.email.as_deref()),
        ),
        (
            "deputy-dsl.where",
            config
                .deputy_dsl
                .as_ref()
                .and_then(|p| p.location.as_deref()),
        ),
        (
            "childrens-services.name",
            config
                .childrens_services
                .as_ref()
                .and_then(|s| s.name.as_deref()),
        ),
        (
            "out-of-hours.name",
            config.out_of_hours.as_ref().and_then(|s| s.name.as_deref()),
        ),
    ];
    let book = crate::fonts::FontBook::shipped();
    for (key, text) in texts {
        if let Some(c) = text.and_then(|t| {
            t.chars()
                .find(|c| !c.is_control() && !c.is_whitespace() && !book.any_covers(*c))
        }) {
            errors.push(
                at.locate(
                    key,
                    Diagnostic::error(format!(
                        "`{key}` has U+{:04X} `{c}`, which no font cse-pack ships can print",
                        c as u32
                    ))
                    .with_hint("leave the character out (emoji and symbols cannot be printed)"),
                ),
            );
        }
    }
    let logo = match config.logo.as_deref().filter(|s| !s.trim().is_empty()) {
        None => None,
        Some(rel) => match load_logo(&base.join(rel), rel) {
            Ok(p) => Some(Arc::new(p)),
            Err(d) => {
                errors.push(at.locate("logo", d));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Org {
        slug: slug(&name),
        name,
        logo,
        website: config.website.filter(|s| !s.trim().is_empty()),
        brand,
        dsl: config.dsl,
        deputy_dsl: config.deputy_dsl,
        childrens_services: config.childrens_services,
        out_of_hours: config.out_of_hours,
    })
}

/// White text on the brand colour must meet WCAG AA (4.5:1); if not, the hint
/// names the nearest darker shade that does.
pub fn check_brand(c: Color) -> Result<(), Diagnostic> {
    let ratio = c.contrast(Color::WHITE);
    if ratio >= 4.5 {
        return Ok(());
    }
    let mut shade = c;
    for step in 1..=100 {
        let t = 1.0 - step as f32 / 100.0;
        let s = |v: u8| (f32::from(v) * t).round() as u8;
        shade = Color::rgb(s(c.r), s(c.g), s(c.b));
        if shade.contrast(Color::WHITE) >= 4.5 {
            break;
        }
    }
    Err(Diagnostic::error(format!(
        "brand colour {c} gives white text a contrast of {ratio:.1}:1, below the 4.5:1 that WCAG AA requires"
    ))
    .with_hint(format!("the nearest darker shade that passes is {shade}")))
}

/// Decode a logo, refusing non-files, huge files and huge images.
pub fn load_logo(path: &Path, shown: &str) -> Result<Pixels, Diagnostic> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| {
        Diagnostic::error(format!("cannot read logo `{shown}`: {e}"))
            .with_hint("the path is relative to the organisation file")
    })?;
    let meta = if meta.file_type().is_symlink() {
        std::fs::metadata(path)
            .map_err(|e| Diagnostic::error(format!("cannot read logo `{shown}`: {e}")))?
    } else {
        meta
    };
    if !meta.is_file() {
        return Err(Diagnostic::error(format!(
            "logo `{shown}` is not a regular file"
        )));
    }
    if meta.len() > MAX_LOGO_BYTES {
        return Err(Diagnostic::error(format!(
            "logo `{shown}` is {} MB; the limit is 20 MB",
            meta.len() / (1024 * 1024)
        ))
        .with_hint("save a smaller PNG or JPEG; 2000 pixels across is plenty"));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(format!("cannot read logo `{shown}`: {e}")))?;
    decode_logo(&bytes).map_err(|m| {
        Diagnostic::error(format!("logo `{shown}`: {m}")).with_hint("use a PNG or JPEG file")
    })
}

/// Decode PNG or JPEG bytes to RGBA, within size limits.
pub fn decode_logo(bytes: &[u8]) -> Result<Pixels, String> {
    let format = image::guess_format(bytes).map_err(|_| "not a PNG or JPEG image".to_string())?;
    if !matches!(format, image::ImageFormat::Png | image::ImageFormat::Jpeg) {
        return Err(format!("{format:?} images are not supported"));
    }
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_LOGO_SIDE);
    limits.max_image_height = Some(MAX_LOGO_SIDE);
    limits.max_alloc = Some(1024 * 1024 * 1024);
    reader.limits(limits);
    let img = reader
        .decode()
        .map_err(|e| format!("cannot decode it: {e}"))?;
    let rgba = img.to_rgba8();
    Ok(Pixels {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
    })
}

impl Pixels {
    /// A copy no larger than `max_w` × `max_h` pixels (aspect kept); itself if already small.
    pub fn fit_within(self: &Arc<Self>, max_w: u32, max_h: u32) -> Arc<Pixels> {
        if self.width <= max_w && self.height <= max_h {
            return self.clone();
        }
        let img = image::RgbaImage::from_raw(self.width, self.height, self.rgba.clone())
            .expect("buffer matches its size");
        let scale = (max_w as f32 / self.width as f32).min(max_h as f32 / self.height as f32);
        let w = ((self.width as f32 * scale).round() as u32).max(1);
        let h = ((self.height as f32 * scale).round() as u32).max(1);
        let small = image::imageops::thumbnail(&img, w, h);
        Arc::new(Pixels {
            width: small.width(),
            height: small.height(),
            rgba: small.into_raw(),
        })
    }
}

/// `Example Academy (North)` → `example-academy-north`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "organisation".into()
    } else {
        out
    }
}

/// The file `cse-pack init` writes.
pub const ORG_TEMPLATE: &str = r##"# Your organisation, printed on every poster, leaflet and card.
# Fill in what you have and delete the lines you do not need. The example
# numbers below are from Ofcom's range reserved for drama: replace them.
# Build with:  cse-pack build --org org.toml

# Your organisation's name, as it should appear.
name = ""

# Your logo: a PNG or JPEG file, relative to this file. A large logo is fine;
# cse-pack shrinks it to what print needs.
# logo = "logo.png"

# A web page with more information; printed as text and as a QR code.
# website = "https://www.example-academy.org.uk/safeguarding"

# Optional brand colour for panels and headings, as #RRGGBB. It must be dark
# enough for white text on it (WCAG AA, 4.5:1); cse-pack says if it is not.
# brand-colour = "#005EA5"

# Designated Safeguarding Lead.
[dsl]
name = ""
# phone = "0121 496 0000"
# email = "dsl@example-academy.org.uk"
# where = "Pastoral office, ground floor"

# Deputy Designated Safeguarding Lead (same keys as [dsl]).
# [deputy-dsl]
# name = ""
# phone = ""

# Your local children's social care or MASH (Multi-Agency Safeguarding Hub).
# [childrens-services]
# name = "Children's Advice and Support Service"
# phone = "0121 496 0001"

# Out of hours (emergency duty team).
# [out-of-hours]
# name = "Emergency Duty Team"
# phone = "0121 496 0002"
"##;

/// Write `org.toml` for the user to fill in, refusing to overwrite one.
pub fn write_init(path: &Path) -> Result<PathBuf, Diagnostic> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(Diagnostic::error(format!(
            "`{}` already exists; not overwriting it",
            path.display()
        ))
        .with_hint("edit the existing file, or give another path with `--out`"));
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Diagnostic::error(format!("cannot write `{}`: {e}", path.display())))?;
    std::io::Write::write_all(&mut f, ORG_TEMPLATE.as_bytes())
        .map_err(|e| Diagnostic::error(format!("cannot write `{}`: {e}", path.display())))?;
    Ok(path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brand_colours_need_aa_contrast_with_white() {
        let err = check_brand(Color::parse("#FFE600").unwrap()).unwrap_err();
        assert!(err.message.contains("below the 4.5:1"), "{}", err.message);
        let hint = err.hint.unwrap();
        let shade = Color::parse(hint.rsplit(' ').next().unwrap()).unwrap();
        assert!(shade.contrast(Color::WHITE) >= 4.5);
        assert!(check_brand(Color::parse("#005EA5").unwrap()).is_ok());
    }

    #[test]
    fn slugs_are_folder_safe() {
        assert_eq!(
            slug("St Mary's C of E Primary (North)"),
            "st-mary-s-c-of-e-primary-north"
        );
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("***"), "organisation");
    }

    #[test]
    fn the_init_file_parses_as_an_org() {
        let cfg: OrgConfig = toml::from_str(ORG_TEMPLATE).unwrap();
        assert_eq!(cfg.name, "");
    }

    #[test]
    fn junk_and_truncated_images_are_errors_not_panics() {
        assert!(decode_logo(b"not an image").is_err());
        let mut png = Vec::new();
        image::RgbaImage::new(4, 4)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        assert!(decode_logo(&png).is_ok());
        assert!(decode_logo(&png[..png.len() / 2]).is_err());
    }
}
