//! Warnings for an organisation's details that a product leaves off: what the
//! template's `priority` does not carry, or what did not fit (see
//! `layout::carry`). Nothing is left off silently, and a hint names only
//! products of this build that really show the detail.

use crate::diag::Diagnostic;
use crate::org::Org;

/// What one document showed of the organisation's details.
#[derive(Debug, Clone)]
pub struct Shown {
    pub product: String,
    pub lang: String,
    pub items: Vec<String>,
}

/// One warning per detail of `org` that some document left off, naming the
/// detail (as written in `org.toml`) and the products (with the languages,
/// when not all of them); in the order details are printed.
pub fn left_off(org: &Org, docs: &[Shown]) -> Vec<Diagnostic> {
    let mut langs: Vec<&str> = docs.iter().map(|d| d.lang.as_str()).collect();
    langs.dedup();
    let mut products: Vec<&str> = Vec::new();
    for d in docs {
        if !products.contains(&d.product.as_str()) {
            products.push(&d.product);
        }
    }
    let mut out = Vec::new();
    for item in crate::layout::carry::all_present(org) {
        let shows = |p: &str, lang: &str| {
            docs.iter()
                .any(|d| d.product == p && d.lang == lang && d.items.iter().any(|i| i == item))
        };
        let mut missing = Vec::new();
        let mut showing = Vec::new();
        for p in &products {
            let built: Vec<&str> = docs
                .iter()
                .filter(|d| d.product == *p)
                .map(|d| d.lang.as_str())
                .collect();
            let without: Vec<&str> = built.iter().copied().filter(|l| !shows(p, l)).collect();
            if without.is_empty() {
                showing.push(format!("`{p}`"));
            } else if without.len() == built.len() {
                missing.push(format!("`{p}`"));
            } else {
                missing.push(format!("`{p}` ({})", without.join(", ")));
            }
        }
        if missing.is_empty() {
            continue;
        }
        let hint = if showing.is_empty() {
            "none of the products built has room for it".to_string()
        } else {
            format!("it is on {}", showing.join(", "))
        };
        let d = Diagnostic::warning(format!(
            "`{item}` is left off {}: {}",
            missing.join(", "),
            why(item)
        ))
        .with_hint(hint);
        out.push(d);
    }
    out
}

/// Why a detail is left off, in the user's words.
fn why(item: &str) -> &'static str {
    match item {
        "website" => "there is no room for the web address and its QR code",
        i if i.ends_with(".photo") => "there is no room for the photo",
        _ => "there is no room for it there",
    }
}
