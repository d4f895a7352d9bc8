//! The organisation a pack is made for, validated: its name, kind, logo,
//! web address, brand colour, safeguarding leads and local services.

use crate::diag::Diagnostic;
pub use crate::images::Pixels;
use crate::units::Color;
use std::sync::Arc;

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
    /// `d` placed at the value of `key` in the organisation's own file, if
    /// known, and marked as concerning that field.
    pub fn locate(&self, key: &str, d: Diagnostic) -> Diagnostic {
        let d = d.for_field(key);
        match &self.origin {
            Some(origin) => origin.0.locate(key, d),
            None => d,
        }
    }
}

impl Org {
    /// The organisation with no logo or photos (a batch lets them go
    /// between checking a row and making its documents).
    pub fn without_images(self) -> Self {
        let faceless = |p: Option<Person>| p.map(|p| Person { photo: None, ..p });
        Self {
            logo: None,
            dsl: faceless(self.dsl),
            deputy_dsl: faceless(self.deputy_dsl),
            ..self
        }
    }

    /// Its row in a batch CSV (`row 12`), if it is one.
    pub fn row(&self) -> Option<String> {
        self.origin.as_ref().and_then(|o| o.0.row())
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

    /// The organisation's row (`row 12`), when it is one of a batch's.
    fn row(&self) -> Option<String> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(OrgKind::parse("gp"), None);
    }
}
