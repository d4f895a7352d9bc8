//! Organisation records: `org.toml` and the rows of a batch CSV, parsed and
//! validated into [`crate::model::Org`].
//!
//! `org_file` parses `org.toml` and finds a key's line for messages, `csv`
//! turns each row into the same record, and `validate` checks every value —
//! text against `text_safety`, numbers against `phone`, images by `images`.

mod csv;
mod org_file;
mod validate;

pub use self::csv::{Batch, Row, load_orgs_csv};
pub use org_file::{ORG_TEMPLATE, load_org_file};
pub use validate::{check_brand, validate};

use serde::Deserialize;

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

/// `Example Academy (North)` → `example-academy-north`; `St Aidan's
/// Primary` → `st-aidans-primary` (an apostrophe, straight or curly, is
/// part of the word, not a gap between two).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}') {
            continue;
        }
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
            "st-marys-c-of-e-primary-north"
        );
        assert_eq!(slug("St Aidan\u{2019}s Primary"), "st-aidans-primary");
        assert_eq!(slug("O'Neill ' Sons"), "oneill-sons");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("***"), "organisation");
    }
}
