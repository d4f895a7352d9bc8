//! `pack.toml`: the pack's id, version, review dates and the sources it quotes.

use super::toml_file::{TomlDate, parse};
use crate::assets::Tree;
use crate::diag::{Diagnostics, Part, SourceMap};
use crate::model::{Confirmed, Pack, Pair, Source, SourceDate};
use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PackConfig {
    id: String,
    version: String,
    reviewed: Spanned<TomlDate>,
    review_by: Spanned<TomlDate>,
    #[serde(default)]
    bilingual: Vec<Pair>,
    #[serde(default)]
    source: Vec<SourceConfig>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SourceConfig {
    id: Spanned<String>,
    title: String,
    short_title: Option<String>,
    publisher: String,
    date: Option<SourceDateConfig>,
    url: Option<String>,
    confirmed: Confirmed,
    checked: TomlDate,
}

/// `"2017-02"` or `"2015"`.
struct SourceDateConfig(SourceDate);

impl<'de> Deserialize<'de> for SourceDateConfig {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        parse_source_date(&text)
            .map(SourceDateConfig)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "`{text}` is not a publication date; write it as \"YYYY-MM\" or \"YYYY\""
                ))
            })
    }
}

fn parse_source_date(text: &str) -> Option<SourceDate> {
    let (year, month) = match text.split_once('-') {
        Some((y, m)) if m.len() == 2 => (y, Some(m.parse::<u8>().ok()?)),
        Some(_) => return None,
        None => (text, None),
    };
    if year.len() != 4 || month.is_some_and(|m| !(1..=12).contains(&m)) {
        return None;
    }
    Some(SourceDate {
        year: year.parse().ok()?,
        month,
    })
}

/// The file, relative to the content tree.
pub const PACK_FILE: &str = "pack.toml";

/// Load `pack.toml`, recording the spans of `reviewed`, `review-by` and each
/// source's `id` (as `source.<id>`).
pub fn load_pack(tree: &Tree, spans: &mut SourceMap) -> Result<Pack, Diagnostics> {
    let src = tree.text(PACK_FILE)?;
    let cfg: PackConfig = parse(
        src,
        &tree.display_path(PACK_FILE),
        "see the built-in content/pack.toml for its shape",
    )?;
    spans.record(PACK_FILE, "reviewed", Part::Value, cfg.reviewed.span());
    spans.record(PACK_FILE, "review-by", Part::Value, cfg.review_by.span());
    for s in &cfg.source {
        let key = format!("source.{}", s.id.get_ref());
        spans.record(PACK_FILE, &key, Part::Value, s.id.span());
    }
    Ok(Pack {
        id: cfg.id,
        version: cfg.version,
        reviewed: cfg.reviewed.into_inner().0,
        review_by: cfg.review_by.into_inner().0,
        bilingual: cfg.bilingual,
        sources: cfg
            .source
            .into_iter()
            .map(|s| Source {
                id: s.id.into_inner(),
                title: s.title,
                short_title: s.short_title,
                publisher: s.publisher,
                date: s.date.map(|d| d.0),
                url: s.url,
                confirmed: s.confirmed,
                checked: s.checked.0,
            })
            .collect(),
    })
}
