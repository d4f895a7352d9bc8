//! `cse-pack list`: languages with their translation status, products, and
//! what each nation prints.

use super::{Outcome, SourceArgs, fail};
use crate::Loaded;
use crate::diag::Diagnostics;
use crate::model::{Nation, Status};

/// Per nation: the definition it prints (its source) and the pathways it
/// adds to the UK-wide ones.
fn nations_summary(content: &crate::model::Content) -> String {
    let mut out = String::from("Nations (`--nation`; england is the default):\n");
    let en = content.languages.get(crate::content::SOURCE_LANGUAGE);
    for nation in Nation::ALL {
        let definition = en
            .and_then(|l| l.block_for("definition", nation))
            .and_then(|b| {
                let src = content.source(b.source.as_deref()?)?;
                let part = b.locator.as_ref().map(|l| format!(", paragraphs {l}"));
                let excerpt = if b.excerpt { " (excerpt)" } else { "" };
                Some(format!(
                    "{}, {}{}{excerpt}",
                    src.publisher,
                    src.short_title.as_deref().unwrap_or(&src.title),
                    part.unwrap_or_default()
                ))
            })
            .unwrap_or_else(|| "none".to_string());
        let own: Vec<String> = content
            .contacts
            .iter()
            .filter(|c| c.nations.len() < Nation::ALL.len() && c.nations.contains(&nation))
            .map(|c| match c.phone.as_deref().or(c.url.as_deref()) {
                Some(number) => format!("{} {number}", c.id),
                None => c.id.clone(),
            })
            .collect();
        out.push_str(&format!("  {nation:<17} definition: {definition}\n"));
        out.push_str(&format!(
            "  {:<17} own pathways: {}\n",
            "",
            if own.is_empty() {
                "none (UK-wide only)".to_string()
            } else {
                own.join(", ")
            }
        ));
    }
    out
}

/// List what the content and templates offer.
pub(super) fn execute(args: &SourceArgs) -> Outcome {
    let loaded: Loaded = match args.load() {
        Ok(l) => l,
        Err(d) => return fail(d),
    };
    let mut out = String::from("Languages:\n");
    for (code, lang) in &loaded.content.languages {
        let status = match (lang.status, &lang.reviewer) {
            (Status::Reviewed, Some(who)) => format!("reviewed by {who}"),
            (status, _) => status.to_string(),
        };
        out.push_str(&format!(
            "  {code:<6} {:<12} {:<14} {}\n",
            lang.name, lang.native_name, status
        ));
    }
    out.push_str("Products:\n");
    for (id, t) in &loaded.templates {
        let pages = t.sides();
        out.push_str(&format!(
            "  {id:<20} {:<28} {:.0} × {:.0} mm, {pages} page{}\n",
            t.config.name,
            crate::units::Pt(t.width).to_mm(),
            crate::units::Pt(t.height).to_mm(),
            if pages == 1 { "" } else { "s" }
        ));
    }
    out.push_str(&nations_summary(&loaded.content));
    Outcome {
        stdout: out,
        diagnostics: Diagnostics::default(),
    }
}
