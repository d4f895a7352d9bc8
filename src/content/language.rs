//! One language's folder: `language.toml`, `strings.toml`, its Markdown
//! blocks and `quotes.toml`.

use super::blocks::load_block;
use super::toml_file::{TomlDate, parse};
use crate::assets::Tree;
use crate::diag::{Diagnostics, Part, SourceMap};
use crate::model::{Block, Direction, Language, Quote, Status, Strings};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LanguageConfig {
    tag: String,
    name: String,
    native_name: String,
    script: String,
    direction: Direction,
    fonts: Spanned<Vec<String>>,
    #[serde(default = "one")]
    line_height: f32,
    text_layer: Option<Spanned<String>>,
    status: Status,
    reviewer: Option<String>,
    reviewed: Option<TomlDate>,
}

fn one() -> f32 {
    1.0
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuotesConfig {
    #[serde(default)]
    quote: Vec<QuoteConfig>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct QuoteConfig {
    id: String,
    text: String,
    attribution: String,
    source: Spanned<String>,
    translated_from: Option<String>,
}

/// Load the language in folder `code`, reporting every problem in its files
/// at once. The spans of `fonts` and `text-layer` (in `language.toml`), of
/// each string, and of each quote's `source` (`<id>.source`) go into `spans`.
pub fn load_language(
    tree: &Tree,
    code: &str,
    spans: &mut SourceMap,
) -> Result<Language, Diagnostics> {
    let mut diags = Diagnostics::default();
    let cfg = diags.take(load_config(tree, code, spans));
    let rel = format!("{code}/strings.toml");
    let strings = diags.take(
        tree.text(&rel)
            .map_err(Diagnostics::from)
            .and_then(|src| super::strings::parse(src, &rel, &tree.display_path(&rel), spans)),
    );
    let blocks = load_blocks(tree, code, spans, &mut diags);
    let quotes = diags.take(load_quotes(tree, code, spans));
    match (cfg, strings, quotes) {
        (Some(cfg), Some(strings), Some(quotes)) if !diags.has_errors() => {
            Ok(language(code, cfg, strings, blocks, quotes))
        }
        _ => Err(diags),
    }
}

fn load_config(
    tree: &Tree,
    code: &str,
    spans: &mut SourceMap,
) -> Result<LanguageConfig, Diagnostics> {
    let rel = format!("{code}/language.toml");
    let cfg: LanguageConfig = parse(
        tree.text(&rel)?,
        &tree.display_path(&rel),
        "see content/en/language.toml for its shape",
    )?;
    spans.record(&rel, "fonts", Part::Value, cfg.fonts.span());
    if let Some(layer) = &cfg.text_layer {
        spans.record(&rel, "text-layer", Part::Value, layer.span());
    }
    Ok(cfg)
}

/// Every `.md` file directly in the language's folder, by block id; each
/// that does not load is reported to `diags`.
fn load_blocks(
    tree: &Tree,
    code: &str,
    spans: &mut SourceMap,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Block> {
    let prefix = format!("{code}/");
    let md_files: Vec<String> = tree
        .paths()
        .filter(|p| {
            p.starts_with(&prefix) && p.ends_with(".md") && !p[prefix.len()..].contains('/')
        })
        .map(str::to_string)
        .collect();
    let mut blocks = BTreeMap::new();
    for rel in md_files {
        if let Some(block) = diags.take(load_block(tree, &rel, spans)) {
            blocks.insert(block.id.clone(), block);
        }
    }
    blocks
}

fn load_quotes(tree: &Tree, code: &str, spans: &mut SourceMap) -> Result<Vec<Quote>, Diagnostics> {
    let rel = format!("{code}/quotes.toml");
    let quotes: QuotesConfig = parse(
        tree.text(&rel)?,
        &tree.display_path(&rel),
        "each [[quote]] needs id, text, attribution and source",
    )?;
    Ok(quotes
        .quote
        .into_iter()
        .map(|q| {
            let key = format!("{}.source", q.id);
            spans.record(&rel, &key, Part::Value, q.source.span());
            Quote {
                id: q.id,
                text: q.text,
                attribution: q.attribution,
                source: q.source.into_inner(),
                translated_from: q.translated_from,
            }
        })
        .collect())
}

/// The model's language from its loaded parts.
fn language(
    code: &str,
    cfg: LanguageConfig,
    strings: Strings,
    blocks: BTreeMap<String, Block>,
    quotes: Vec<Quote>,
) -> Language {
    Language {
        code: code.to_string(),
        tag: cfg.tag,
        name: cfg.name,
        native_name: cfg.native_name,
        script: cfg.script,
        direction: cfg.direction,
        fonts: cfg.fonts.into_inner(),
        line_height: if cfg.line_height.is_finite() {
            cfg.line_height.clamp(0.5, 2.0)
        } else {
            1.0
        },
        text_layer: cfg.text_layer.map(Spanned::into_inner),
        status: cfg.status,
        reviewer: cfg.reviewer,
        reviewed: cfg.reviewed.map(|d| d.0),
        strings,
        blocks,
        quotes,
    }
}
