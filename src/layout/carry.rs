//! What a product carries of an organisation's details. Each `local` region
//! of a template lists them in its `priority`, most important first. The
//! safeguarding lead (name and number) is always carried; the rest is left off
//! from the end of the list, one item at a time, only when the panel cannot
//! fit even at its smallest size — and each item left off is reported.
//! `name` is the organisation's name heading the panel.

use crate::model::Org;

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

/// What one region shows of the organisation's details.
#[derive(Debug, Clone)]
pub struct Carry {
    shown: Vec<&'static str>,
}

impl Carry {
    /// The items of `priority` that `org` has, most important first.
    pub fn candidates(org: &Org, priority: &[String]) -> Vec<&'static str> {
        priority
            .iter()
            .filter_map(|p| ITEMS.iter().copied().find(|i| i == p))
            .filter(|i| present(org, i))
            .collect()
    }

    /// Show `items` (an item only with its row).
    pub fn new(items: &[&'static str]) -> Self {
        let rows: Vec<&str> = items.iter().filter(|i| !i.contains('.')).copied().collect();
        Carry {
            shown: items
                .iter()
                .copied()
                .filter(|i| rows.contains(&row_of(i)))
                .collect(),
        }
    }

    /// Whether `item` is shown.
    pub fn has(&self, item: &str) -> bool {
        self.shown.contains(&item)
    }

    /// The items shown.
    pub fn shown(&self) -> &[&'static str] {
        &self.shown
    }
}

/// The items to show: all of `candidates` if they fit; otherwise the longest
/// run from the top that fits, then each lower item that still fits beside
/// it, in order — so nothing is left off that would have fitted. `fits`
/// tries a selection; the first candidate (the lead) is always kept.
pub fn choose(
    candidates: &[&'static str],
    mut fits: impl FnMut(&[&'static str]) -> bool,
) -> Vec<&'static str> {
    if candidates.len() <= 1 || fits(candidates) {
        return candidates.to_vec();
    }
    // The longest prefix that fits, by bisection: `lo` fits (or is the lead), `hi` does not.
    let (mut lo, mut hi) = (1, candidates.len());
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if fits(&candidates[..mid]) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let mut chosen = candidates[..lo].to_vec();
    for item in &candidates[hi..] {
        chosen.push(item);
        if !fits(&chosen) {
            chosen.pop();
        }
    }
    chosen
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
    fn lower_items_fill_the_room_the_higher_ones_leave() {
        // Each item has a size; the room is 10.
        let size = |i: &str| match i {
            "dsl" => 4,
            "deputy-dsl" => 5,
            "dsl.email" => 3,
            _ => 1,
        };
        let items = ["dsl", "deputy-dsl", "dsl.email", "website"];
        let chosen = choose(&items, |sel| sel.iter().map(|i| size(i)).sum::<i32>() <= 10);
        assert_eq!(chosen, ["dsl", "deputy-dsl", "website"]);
        assert_eq!(choose(&items, |_| true), items);
        assert_eq!(choose(&items, |_| false), ["dsl"]);
    }

    #[test]
    fn priority_lists_start_with_the_lead_and_name_rows_first() {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(check_priority(&list(&["dsl", "dsl.email", "website"])).is_ok());
        assert!(check_priority(&list(&["website", "dsl"])).is_err());
        assert!(check_priority(&list(&["dsl", "deputy-dsl.email", "deputy-dsl"])).is_err());
        assert!(check_priority(&list(&["dsl", "dsl.shoe-size"])).is_err());
    }
}
