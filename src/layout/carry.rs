//! What a product carries of an organisation's details. Each `local` region
//! of a template lists them in its `priority`, most important first. The
//! safeguarding lead (name and number) is always carried; the rest is left off
//! from the end of the list, one item at a time, only when the panel cannot
//! fit even at its smallest size — and each item left off is reported.
//! `name` is the organisation's name heading the panel.

use crate::model::Org;
pub use crate::model::details::{ITEMS, REQUIRED, all_present, check_priority, present, row_of};

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
}
