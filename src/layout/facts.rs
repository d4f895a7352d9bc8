//! What a document prints about itself: the regions its product uses, the
//! contact records and sources it shows, and the day the oldest of them was
//! confirmed (the footer's "checked" date).

use super::LayoutOptions;
use crate::model::{Content, Language, Nation};
use crate::template::{Component, RegionConfig, Template};

/// Whether a region is used, given whether the product has an organisation
/// and a second language, and its nation.
pub fn applies(region: &RegionConfig, options: &LayoutOptions<'_>) -> bool {
    let (org, bilingual) = (options.org.is_some(), options.second.is_some());
    region
        .when
        .iter()
        .all(|w| w.holds(org, bilingual, options.nation))
}

/// The regions a product uses, in every panel.
fn used_regions<'t>(
    template: &'t Template,
    options: &LayoutOptions<'_>,
) -> impl Iterator<Item = &'t RegionConfig> {
    template
        .panels
        .iter()
        .flat_map(|p| &p.regions)
        .filter(move |r| applies(r, options))
}

/// Ids of the contact records a product prints in its nation: those its
/// contact panels list that apply there, less any that stands in for
/// records the product prints itself.
pub fn printed_contacts(
    content: &Content,
    template: &Template,
    options: &LayoutOptions<'_>,
) -> Vec<String> {
    let mut listed: Vec<&crate::model::Contact> = Vec::new();
    for region in used_regions(template, options).filter(|r| r.component == Component::Contacts) {
        for id in &region.contacts {
            if let Some(c) = content.contact_for(id, options.nation)
                && !listed.iter().any(|l| l.id == c.id)
            {
                listed.push(c);
            }
        }
    }
    let has = |id: &String| listed.iter().any(|l| &l.id == id);
    listed
        .iter()
        .filter(|c| !c.stands_in_for.iter().any(has))
        .map(|c| c.id.clone())
        .collect()
}

/// The day the oldest record a document prints was confirmed: its sources
/// and its contact records. (With none, the pack's review date.)
pub fn oldest_checked(
    content: &Content,
    nation: Nation,
    sources: &[String],
    contacts: &[String],
) -> crate::model::Date {
    let nation_contacts = contacts
        .iter()
        .filter_map(|id| content.contact_for(id, nation))
        .map(|c| c.checked);
    sources
        .iter()
        .filter_map(|id| content.source(id))
        .map(|s| s.checked)
        .chain(nation_contacts)
        .min()
        .unwrap_or(content.pack.reviewed)
}

/// Source ids of the blocks and quotes a template shows, in order, without repeats.
pub fn used_sources(
    lang: &Language,
    template: &Template,
    options: &LayoutOptions<'_>,
) -> Vec<String> {
    let nation = options.nation;
    let mut out: Vec<String> = Vec::new();
    for r in used_regions(template, options) {
        let id = match r.component {
            Component::Block => r
                .block
                .as_deref()
                .and_then(|b| lang.block_for(b, nation))
                .and_then(|b| b.source.clone()),
            Component::Quote => r
                .quote
                .as_deref()
                .and_then(|q| lang.quote(q))
                .map(|q| q.source.clone()),
            _ => None,
        };
        if let Some(id) = id
            && !out.contains(&id)
        {
            out.push(id);
        }
    }
    out
}
