//! What a product carries of an organisation's details. Each `local` region
//! of a template lists them in its `priority`, most important first. The
//! safeguarding lead (name and number) is always carried; the rest is left off
//! from the end of the list, one item at a time, only when the panel cannot
//! fit even at its smallest size — and each item left off is reported.
//! `name` is the organisation's name heading the panel.

use crate::model::Org;
pub use crate::model::details::{LocalField, all_present, check_priority, present};

/// What one region shows of the organisation's details.
#[derive(Debug, Clone)]
pub struct Carry {
    shown: Vec<LocalField>,
}

impl Carry {
    /// The items of `priority` that `org` has, most important first.
    pub fn candidates(org: &Org, priority: &[LocalField]) -> Vec<LocalField> {
        priority
            .iter()
            .copied()
            .filter(|f| present(org, *f))
            .collect()
    }

    /// Show `items` (a detail only with its row).
    pub fn new(items: &[LocalField]) -> Self {
        Carry {
            shown: items
                .iter()
                .copied()
                .filter(|f| items.contains(&f.row()))
                .collect(),
        }
    }

    /// Whether `field` is shown.
    pub fn has(&self, field: LocalField) -> bool {
        self.shown.contains(&field)
    }

    /// The items shown.
    pub fn shown(&self) -> &[LocalField] {
        &self.shown
    }
}

/// The items to show: all of `candidates` if they fit; otherwise the longest
/// run from the top that fits, then each lower item that still fits beside
/// it, in order — so nothing is left off that would have fitted. `fits`
/// tries a selection; the first candidate (the lead) is always kept.
pub fn choose<T: Copy>(candidates: &[T], mut fits: impl FnMut(&[T]) -> bool) -> Vec<T> {
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
        chosen.push(*item);
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
