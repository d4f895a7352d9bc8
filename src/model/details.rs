//! The organisation's details a product can carry: the items a template's
//! `local` region lists in its `priority` ([`LocalField`]), and which of
//! them an organisation has.

use super::Org;
use serde::Deserialize;
use std::fmt;

/// One of the organisation's details a `local` panel can carry, as a
/// template's `priority` names it: a row (a person's name and number, a
/// service's number), a detail of a row (`dsl.email`), the organisation's
/// name heading the panel, or its web address with a QR code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LocalField {
    Name,
    Dsl,
    DslPhoto,
    DslEmail,
    DslWhere,
    DeputyDsl,
    DeputyDslPhoto,
    DeputyDslEmail,
    DeputyDslWhere,
    ChildrensServices,
    ChildrensServicesName,
    OutOfHours,
    OutOfHoursName,
    Website,
}

impl LocalField {
    /// Every field, in the order they are printed.
    pub const ALL: [LocalField; 14] = [
        LocalField::Name,
        LocalField::Dsl,
        LocalField::DslPhoto,
        LocalField::DslEmail,
        LocalField::DslWhere,
        LocalField::DeputyDsl,
        LocalField::DeputyDslPhoto,
        LocalField::DeputyDslEmail,
        LocalField::DeputyDslWhere,
        LocalField::ChildrensServices,
        LocalField::ChildrensServicesName,
        LocalField::OutOfHours,
        LocalField::OutOfHoursName,
        LocalField::Website,
    ];

    /// Carried by every product, never left off: the safeguarding lead.
    pub const REQUIRED: LocalField = LocalField::Dsl;

    /// The name a template's `priority` and the messages use (`dsl.email`).
    pub fn id(self) -> &'static str {
        match self {
            LocalField::Name => "name",
            LocalField::Dsl => "dsl",
            LocalField::DslPhoto => "dsl.photo",
            LocalField::DslEmail => "dsl.email",
            LocalField::DslWhere => "dsl.where",
            LocalField::DeputyDsl => "deputy-dsl",
            LocalField::DeputyDslPhoto => "deputy-dsl.photo",
            LocalField::DeputyDslEmail => "deputy-dsl.email",
            LocalField::DeputyDslWhere => "deputy-dsl.where",
            LocalField::ChildrensServices => "childrens-services",
            LocalField::ChildrensServicesName => "childrens-services.name",
            LocalField::OutOfHours => "out-of-hours",
            LocalField::OutOfHoursName => "out-of-hours.name",
            LocalField::Website => "website",
        }
    }

    /// The row a detail belongs to (`dsl.email` → `dsl`); a row, the name
    /// and the web address are their own.
    pub fn row(self) -> LocalField {
        use LocalField::*;
        match self {
            DslPhoto | DslEmail | DslWhere => Dsl,
            DeputyDslPhoto | DeputyDslEmail | DeputyDslWhere => DeputyDsl,
            ChildrensServicesName => ChildrensServices,
            OutOfHoursName => OutOfHours,
            other => other,
        }
    }

    /// Whether this is a detail of a row, shown only with it.
    pub fn is_detail(self) -> bool {
        self.row() != self
    }

    /// The `org.toml` key to point at for the field: a row at its name (a
    /// person) or number (a service).
    pub fn org_key(self) -> &'static str {
        match self {
            LocalField::Dsl => "dsl.name",
            LocalField::DeputyDsl => "deputy-dsl.name",
            LocalField::ChildrensServices => "childrens-services.phone",
            LocalField::OutOfHours => "out-of-hours.phone",
            other => other.id(),
        }
    }
}

impl fmt::Display for LocalField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A name that is not a [`LocalField`]; its message names the ones that are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLocalField(pub String);

impl fmt::Display for UnknownLocalField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let all: Vec<&str> = LocalField::ALL.iter().map(|i| i.id()).collect();
        write!(
            f,
            "`priority` names `{}`, which is not one of: {}",
            self.0,
            all.join(", ")
        )
    }
}

impl std::str::FromStr for LocalField {
    type Err = UnknownLocalField;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LocalField::ALL
            .into_iter()
            .find(|f| f.id() == s)
            .ok_or_else(|| UnknownLocalField(s.to_string()))
    }
}

impl<'de> Deserialize<'de> for LocalField {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Parsed in the visitor, so that a reader that knows positions (the
        // TOML one) puts an unknown name's error at the name itself.
        struct Name;
        impl serde::de::Visitor<'_> for Name {
            type Value = LocalField;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the name of an organisation's detail (`dsl.email`)")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<LocalField, E> {
                s.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(Name)
    }
}

/// Whether `org` has anything to print for `field`. A person's e-mail counts
/// on its own only beside a phone number: without one it is the number.
pub fn present(org: &Org, field: LocalField) -> bool {
    use LocalField::*;
    let filled = |s: Option<&String>| s.is_some_and(|s| !s.trim().is_empty());
    let person = match field.row() {
        Dsl => org.dsl.as_ref(),
        DeputyDsl => org.deputy_dsl.as_ref(),
        _ => None,
    };
    let service = match field.row() {
        ChildrensServices => org.childrens_services.as_ref(),
        OutOfHours => org.out_of_hours.as_ref(),
        _ => None,
    };
    match field {
        Name => !org.name.trim().is_empty(),
        Website => filled(org.website.as_ref()),
        Dsl | DeputyDsl => person.is_some(),
        ChildrensServices | OutOfHours => service.is_some(),
        DslEmail | DeputyDslEmail => {
            person.is_some_and(|p| filled(p.email.as_ref()) && p.phone.is_some())
        }
        DslWhere | DeputyDslWhere => person.is_some_and(|p| filled(p.location.as_ref())),
        DslPhoto | DeputyDslPhoto => person.is_some_and(|p| p.photo.is_some()),
        ChildrensServicesName | OutOfHoursName => service.is_some_and(|s| filled(s.name.as_ref())),
    }
}

/// Every field `org` has something for, in printing order.
pub fn all_present(org: &Org) -> Vec<LocalField> {
    LocalField::ALL
        .into_iter()
        .filter(|f| present(org, *f))
        .collect()
}

/// A `priority` list's problem, for the template's error: a detail before
/// its row, or the lead missing. (An unknown name is refused as the template
/// is read, at its line.)
pub fn check_priority(priority: &[LocalField]) -> Result<(), String> {
    let required = LocalField::REQUIRED;
    if priority.first() != Some(&required) {
        return Err(format!(
            "a `local` region's `priority` starts with `{required}`: every product carries the safeguarding lead"
        ));
    }
    for (i, field) in priority.iter().enumerate() {
        let row = field.row();
        if field.is_detail() && !priority[..i].contains(&row) {
            return Err(format!(
                "`priority` lists `{field}` before its row `{row}` (or without it)"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> Result<Vec<LocalField>, UnknownLocalField> {
        items.iter().map(|s| s.parse()).collect()
    }

    #[test]
    fn priority_lists_start_with_the_lead_and_name_rows_first() {
        let ok = |items: &[&str]| check_priority(&list(items).expect("known names")).is_ok();
        assert!(ok(&["dsl", "dsl.email", "website"]));
        assert!(!ok(&["website", "dsl"]));
        assert!(!ok(&["dsl", "deputy-dsl.email", "deputy-dsl"]));
        let unknown = list(&["dsl", "dsl.shoe-size"]).expect_err("not a field");
        assert!(
            unknown
                .to_string()
                .starts_with("`priority` names `dsl.shoe-size`, which is not one of: name, dsl,"),
            "{unknown}"
        );
    }

    #[test]
    fn every_field_reads_back_from_its_name_and_belongs_to_a_row_before_it() {
        for (i, f) in LocalField::ALL.iter().enumerate() {
            assert_eq!(f.id().parse::<LocalField>(), Ok(*f));
            let row = LocalField::ALL.iter().position(|r| *r == f.row());
            assert!(row.is_some_and(|r| r <= i), "{f}");
        }
    }
}
