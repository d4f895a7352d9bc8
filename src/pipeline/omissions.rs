//! Warnings for an organisation's details that a product leaves off: what the
//! template's `priority` does not carry, or what did not fit (see
//! `layout::carry`). Nothing is left off silently, and a hint names only
//! products of this build that really show the detail.

use crate::diag::Diagnostic;
use crate::model::details::LocalField;
use crate::model::{LangSel, Org};

/// What one document showed of the organisation's details.
#[derive(Debug, Clone)]
pub struct Shown {
    pub product: String,
    pub lang: LangSel,
    pub items: Vec<LocalField>,
}

/// One warning per detail of `org` that some document left off, naming the
/// detail (as written in `org.toml`) and the products (with the languages,
/// when not all of them); in the order details are printed.
pub fn left_off(org: &Org, docs: &[Shown]) -> Vec<Diagnostic> {
    let mut products: Vec<&str> = Vec::new();
    for d in docs {
        if !products.contains(&d.product.as_str()) {
            products.push(&d.product);
        }
    }
    let mut out = Vec::new();
    for item in crate::model::details::all_present(org) {
        let shows = |p: &str, lang: &LangSel| {
            docs.iter()
                .any(|d| d.product == p && &d.lang == lang && d.items.contains(&item))
        };
        let mut missing = Vec::new();
        let mut showing = Vec::new();
        for p in &products {
            let built: Vec<&LangSel> = docs
                .iter()
                .filter(|d| d.product == *p)
                .map(|d| &d.lang)
                .collect();
            let without: Vec<String> = built
                .iter()
                .filter(|l| !shows(p, l))
                .map(|l| l.to_string())
                .collect();
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
        out.push(org.locate(item.org_key(), d));
    }
    out
}

/// Why a detail is left off, in the user's words.
fn why(item: LocalField) -> &'static str {
    match item {
        LocalField::Website => "there is no room for the web address and its QR code",
        LocalField::DslPhoto | LocalField::DeputyDslPhoto => "there is no room for the photo",
        _ => "there is no room for it there",
    }
}

/// The error for an organisation's text that does not fit a product even
/// with everything optional left off, at the field to blame (in its file, at
/// its line): a word too wide names the field it is in; a panel too tall
/// names the longest of what must be printed.
pub fn does_not_fit(
    org: &Org,
    product: &str,
    lang: &LangSel,
    block: &str,
    misfit: &crate::layout::fit::Misfit,
) -> Diagnostic {
    use crate::layout::fit::Misfit;
    let fields = org_texts(org);
    let field = match misfit {
        Misfit::TooWide { word } => fields
            .iter()
            .find(|(_, text)| text.contains(word.as_str()))
            .map(|(f, _)| *f),
        Misfit::TooTall { .. } if block == "header" => Some("name"),
        Misfit::TooTall { .. } => fields
            .iter()
            .filter(|(f, _)| matches!(*f, "name" | "dsl.name" | "dsl.title"))
            .max_by_key(|(_, text)| text.chars().count())
            .map(|(f, _)| *f),
    }
    .unwrap_or("name");
    let value = fields
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, t)| shorten(t))
        .unwrap_or_default();
    let what = match misfit {
        Misfit::TooWide { word } => format!("“{}” is wider than the column", shorten(word)),
        Misfit::TooTall { .. } => misfit.to_string(),
    };
    let d = Diagnostic::error(format!(
        "`{field}` (“{value}”) does not fit `{product}` in `{lang}`, even with everything optional left off: {what}"
    ))
    .with_hint(format!(
        "a shorter `{field}` fits; the other products are not affected, so `--product` can leave `{product}` out"
    ));
    org.locate(field, d)
}

/// The organisation's texts that can be printed, by field name.
fn org_texts(org: &Org) -> Vec<(&'static str, String)> {
    let mut out = vec![("name", org.name.clone())];
    let people = [
        (
            ["dsl.name", "dsl.phone", "dsl.email", "dsl.where"],
            org.dsl.as_ref(),
        ),
        (
            [
                "deputy-dsl.name",
                "deputy-dsl.phone",
                "deputy-dsl.email",
                "deputy-dsl.where",
            ],
            org.deputy_dsl.as_ref(),
        ),
    ];
    for (keys, person) in people {
        let Some(p) = person else { continue };
        let values = [
            Some(&p.name),
            p.phone.as_ref(),
            p.email.as_ref(),
            p.location.as_ref(),
        ];
        for (key, value) in keys.into_iter().zip(values) {
            if let Some(v) = value {
                out.push((key, v.clone()));
            }
        }
    }
    for (key, service) in [
        ("childrens-services.name", org.childrens_services.as_ref()),
        ("out-of-hours.name", org.out_of_hours.as_ref()),
    ] {
        if let Some(name) = service.and_then(|s| s.name.clone()) {
            out.push((key, name));
        }
    }
    out
}

/// At most 60 characters of `text`, with "…" if cut.
fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        s.push('…');
    }
    s
}
