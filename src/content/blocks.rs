//! One Markdown block (`definition.md`, `signs.md`, …): `+++` TOML front
//! matter, then paragraphs and lists.

use super::toml_file::from_toml_error;
use super::{markdown_to_items, split_front_matter};
use crate::assets::Tree;
use crate::diag::{Diagnostic, Diagnostics, Part, SourceMap};
use crate::model::{Block, Nation};
use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct BlockFront {
    heading: String,
    source: Option<Spanned<String>>,
    #[serde(default)]
    quoted: bool,
    #[serde(default)]
    nations: Vec<Nation>,
    locator: Option<String>,
    #[serde(default)]
    excerpt: bool,
    translated_from: Option<String>,
}

/// Load the block `rel`, recording the spans of its front matter's
/// `source` and of its `body`.
pub fn load_block(tree: &Tree, rel: &str, spans: &mut SourceMap) -> Result<Block, Diagnostics> {
    let src = tree.text(rel)?;
    let display = tree.display_path(rel);
    let split = split_front_matter(src).map_err(|(at, msg)| {
        Diagnostic::error(msg)
            .in_file(&display)
            .at_offset(src, at)
            .with_hint("a block starts with `+++`, then TOML such as `heading = \"…\"`, then `+++`")
    })?;
    let front: BlockFront = toml::from_str(split.front)
        .map_err(|e| from_toml_error(&e, src, split.front_offset, &display, ""))?;
    if let Some(source) = &front.source {
        let span = source.span();
        let at = split.front_offset + span.start..split.front_offset + span.end;
        spans.record(rel, "source", Part::Value, at);
    }
    spans.record(rel, "body", Part::Value, split.body_offset..src.len());
    let items = markdown_to_items(split.body).map_err(|(at, msg)| {
        let at = split.body_offset + at.start..split.body_offset + at.end;
        Diagnostic::error(msg)
            .in_file(&display)
            .at_span(src, at)
            .with_hint("blocks take paragraphs, `-` lists, *italic* and **bold**")
    })?;
    let id = rel
        .rsplit('/')
        .next()
        .and_then(|f| f.strip_suffix(".md"))
        .expect("filtered on .md")
        .to_string();
    if let Some((_, nation)) = id.split_once('.')
        && nation.parse::<Nation>().is_err()
    {
        return Err(Diagnostic::error(format!("`{nation}` in `{id}.md` is not a nation"))
            .in_file(&display)
            .with_hint("a nation's own version is named like `definition.wales.md`: england, wales, scotland or northern-ireland")
            .into());
    }
    Ok(Block {
        id,
        heading: front.heading,
        source: front.source.map(Spanned::into_inner),
        quoted: front.quoted,
        nations: front.nations,
        locator: front.locator,
        excerpt: front.excerpt,
        translated_from: front.translated_from,
        items,
    })
}
