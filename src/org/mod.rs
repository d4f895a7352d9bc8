//! The organisation file (`org.toml`, or one row of a CSV): name, kind, logo,
//! web address, brand colour, safeguarding leads and local services, checked
//! before anything is built.
//!
//! `load` reads `org.toml`; `validate` checks every value — `text` refuses
//! characters that could make a poster lie, `phone` holds numbers to the UK
//! numbering plan, `pixels` loads images from inside the organisation's folder
//! within a memory budget.

mod load;
mod phone;
mod pixels;
mod text;
mod validate;

pub use load::{ORG_TEMPLATE, folder_of, load_org_file, write_init};
pub use phone::parse_uk_phone;
pub use pixels::{
    Folder, MAX_DECODE_BYTES, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_STORED_SIDE, Pixels,
    decode_logo, load_image,
};
pub use text::{describe_char, is_blank, refused_char};
pub use validate::{check_brand, validate};

use crate::diag::Diagnostic;
use crate::units::Color;
use serde::Deserialize;
use std::sync::Arc;

/// The longest organisation name (characters) that every product is designed for.
pub const MAX_ORG_NAME: usize = 100;
/// The longest person's name.
pub const MAX_PERSON_NAME: usize = 60;
/// The longest role title (`title`).
pub const MAX_TITLE: usize = 60;
/// The longest e-mail address.
pub const MAX_EMAIL: usize = 64;
/// The longest web address.
pub const MAX_WEBSITE: usize = 100;
/// The longest "where to find us" and service name.
pub const MAX_WHERE: usize = 100;

/// `org.toml` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OrgConfig {
    pub name: String,
    /// `school` (the default), `gp-practice` or `charity`.
    pub kind: Option<String>,
    pub logo: Option<String>,
    pub website: Option<String>,
    pub brand_colour: Option<String>,
    pub dsl: Option<PersonConfig>,
    pub deputy_dsl: Option<PersonConfig>,
    pub childrens_services: Option<ServiceConfig>,
    pub out_of_hours: Option<ServiceConfig>,
}

/// A safeguarding lead as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PersonConfig {
    #[serde(default)]
    pub name: String,
    /// Their own role title, instead of the kind's default.
    pub title: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    #[serde(rename = "where")]
    pub location: Option<String>,
    /// A portrait (PNG or JPEG), relative to the organisation file.
    pub photo: Option<String>,
}

/// A local service with a number, as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ServiceConfig {
    pub name: Option<String>,
    pub phone: String,
}

/// What sort of organisation it is; sets the default role titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrgKind {
    #[default]
    School,
    GpPractice,
    Charity,
}

impl OrgKind {
    /// Every kind, in the order the hint lists them.
    pub const ALL: [OrgKind; 3] = [OrgKind::School, OrgKind::GpPractice, OrgKind::Charity];

    /// The value written in `org.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::School => "school",
            OrgKind::GpPractice => "gp-practice",
            OrgKind::Charity => "charity",
        }
    }

    /// The kind `kind = "…"` names, if any.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A safeguarding lead, validated: every text trimmed and checked, the phone
/// number normalised (`0121 496 0000 ext. 204`), the photo decoded.
#[derive(Debug, Clone, Default)]
pub struct Person {
    pub name: String,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Where to find them (`where` in the file).
    pub location: Option<String>,
    pub photo: Option<Arc<Pixels>>,
}

/// A local service, validated.
#[derive(Debug, Clone, Default)]
pub struct Service {
    pub name: Option<String>,
    pub phone: String,
}

/// An organisation, validated.
#[derive(Debug, Clone)]
pub struct Org {
    pub name: String,
    pub kind: OrgKind,
    /// For folder names: lowercase letters, digits and hyphens.
    pub slug: String,
    pub logo: Option<Arc<Pixels>>,
    pub website: Option<String>,
    pub brand: Option<Color>,
    pub dsl: Option<Person>,
    pub deputy_dsl: Option<Person>,
    pub childrens_services: Option<Service>,
    pub out_of_hours: Option<Service>,
    /// Its file (or CSV row), to report a problem found later at its line.
    pub origin: Option<Origin>,
}

impl Org {
    /// `d` placed at the value of `key` in the organisation's own file, if known.
    pub fn locate(&self, key: &str, d: Diagnostic) -> Diagnostic {
        match &self.origin {
            Some(origin) => origin.0.locate(key, d),
            None => d,
        }
    }
}

/// Where an organisation was read from, kept so that layout problems found
/// after loading can point at the user's own line.
#[derive(Clone)]
pub struct Origin(pub Arc<dyn Locate + Send + Sync>);

impl std::fmt::Debug for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Origin")
    }
}

/// Where an org's problem is: a file and line, or a CSV row and column.
pub trait Locate {
    /// `d` placed at the value of `key` (`dsl.phone`).
    fn locate(&self, key: &str, d: Diagnostic) -> Diagnostic;

    /// The folder images are looked for in, for messages.
    fn folder(&self) -> Folder {
        Folder::OrgFile
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn kinds_round_trip() {
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(OrgKind::parse("gp"), None);
    }
}
