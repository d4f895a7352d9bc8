//! The organisation's details a product can carry: the items a template's
//! `local` region lists in its `priority`, and which of them an
//! organisation has.

use super::Org;

/// Every item a `priority` list may name, in the order they are printed.
pub const ITEMS: &[&str] = &[
    "name",
    "dsl",
    "dsl.photo",
    "dsl.email",
    "dsl.where",
    "deputy-dsl",
    "deputy-dsl.photo",
    "deputy-dsl.email",
    "deputy-dsl.where",
    "childrens-services",
    "childrens-services.name",
    "out-of-hours",
    "out-of-hours.name",
    "website",
];

/// Carried by every product, never left off: the safeguarding lead.
pub const REQUIRED: &str = "dsl";

/// The row an item belongs to (`dsl.email` → `dsl`); a row is its own.
pub fn row_of(item: &str) -> &str {
    item.split_once('.').map_or(item, |(row, _)| row)
}

/// Whether `org` has anything to print for `item`. A person's e-mail counts
/// on its own only beside a phone number: without one it is the number.
pub fn present(org: &Org, item: &str) -> bool {
    let person = |row: &str| match row {
        "dsl" => org.dsl.as_ref(),
        "deputy-dsl" => org.deputy_dsl.as_ref(),
        _ => None,
    };
    let service = |row: &str| match row {
        "childrens-services" => org.childrens_services.as_ref(),
        "out-of-hours" => org.out_of_hours.as_ref(),
        _ => None,
    };
    let filled = |s: Option<&String>| s.is_some_and(|s| !s.trim().is_empty());
    let row = row_of(item);
    match item.split_once('.').map(|(_, leaf)| leaf) {
        None if item == "website" => filled(org.website.as_ref()),
        None if item == "name" => !org.name.trim().is_empty(),
        None => person(row).is_some() || service(row).is_some(),
        Some("email") => person(row).is_some_and(|p| filled(p.email.as_ref()) && p.phone.is_some()),
        Some("where") => person(row).is_some_and(|p| filled(p.location.as_ref())),
        Some("photo") => person(row).is_some_and(|p| p.photo.is_some()),
        Some("name") => service(row).is_some_and(|s| filled(s.name.as_ref())),
        Some(_) => false,
    }
}

/// Every item `org` has something for, in printing order.
pub fn all_present(org: &Org) -> Vec<&'static str> {
    ITEMS.iter().copied().filter(|i| present(org, i)).collect()
}

/// A `priority` list's problem, for the template's error: an unknown item, a
/// detail before its row, or the lead missing.
pub fn check_priority(priority: &[String]) -> Result<(), String> {
    if priority.first().map(String::as_str) != Some(REQUIRED) {
        return Err(format!(
            "a `local` region's `priority` starts with `{REQUIRED}`: every product carries the safeguarding lead"
        ));
    }
    for (i, item) in priority.iter().enumerate() {
        if !ITEMS.contains(&item.as_str()) {
            return Err(format!(
                "`priority` names `{item}`, which is not one of: {}",
                ITEMS.join(", ")
            ));
        }
        let row = row_of(item);
        if row != item && !priority[..i].iter().any(|p| p == row) {
            return Err(format!(
                "`priority` lists `{item}` before its row `{row}` (or without it)"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_lists_start_with_the_lead_and_name_rows_first() {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(check_priority(&list(&["dsl", "dsl.email", "website"])).is_ok());
        assert!(check_priority(&list(&["website", "dsl"])).is_err());
        assert!(check_priority(&list(&["dsl", "deputy-dsl.email", "deputy-dsl"])).is_err());
        assert!(check_priority(&list(&["dsl", "dsl.shoe-size"])).is_err());
    }
}
