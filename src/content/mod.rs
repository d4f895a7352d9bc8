//! Loading: content files (TOML, Markdown with front matter) into the model,
//! with every problem reported as a diagnostic at the parser's span in its
//! file, and every value's span kept in `Content::spans` for the checks made
//! after loading.
//!
//! `pack` reads `pack.toml`, `contacts` the contact records, `language` one
//! language's folder (its `blocks` and strings), and `crossref` checks the
//! languages against `en` and the source ids against `pack.toml`.

mod blocks;
mod contacts;
mod crossref;
mod freshness;
mod frontmatter;
mod glyphs;
mod language;
mod markdown;
mod pack;
mod strings;
pub mod toml_file;

pub use freshness::{check_freshness, is_uk_phone};
pub use frontmatter::split as split_front_matter;
pub use glyphs::check_coverage;
pub use markdown::to_items as markdown_to_items;

use crate::assets::Tree;
use crate::diag::{Diagnostic, Diagnostics, SourceMap};
use crate::model::*;
use std::collections::BTreeMap;

/// The language every other language is checked against.
pub const SOURCE_LANGUAGE: &str = "en";

/// Load and validate a content tree. Every problem found is returned at once.
pub fn load_content(tree: &Tree) -> Result<Content, Diagnostics> {
    let mut diags = Diagnostics::default();
    match load_content_partial(tree, &mut diags) {
        Some(content) if !diags.has_errors() => Ok(content),
        _ => Err(diags),
    }
}

/// Load what can be loaded, reporting every problem to `diags`: a language
/// whose files have errors is left out, so `check` can still lay out the
/// others and report everything in one run. `None` only when `pack.toml` or
/// `contacts.toml` cannot be read.
pub fn load_content_partial(tree: &Tree, diags: &mut Diagnostics) -> Option<Content> {
    let mut spans = SourceMap::new(&tree.display_root);
    for rel in tree.paths() {
        if let Ok(text) = tree.text(rel) {
            spans.add_file(rel, text);
        }
    }
    let pack = diags.take(pack::load_pack(tree, &mut spans));
    let contacts = contacts::load_contacts(tree, &mut spans, diags);
    let contacts = diags.take(contacts);
    let mut languages = BTreeMap::new();
    for code in language_codes(tree) {
        if let Some(lang) = diags.take(language::load_language(tree, &code, &mut spans)) {
            languages.insert(code, lang);
        }
    }
    if !languages.contains_key(SOURCE_LANGUAGE) && !tree.paths().any(|p| p == "en/language.toml") {
        diags.push(
            Diagnostic::error(format!("no `{SOURCE_LANGUAGE}` language folder"))
                .in_file(tree.display_path(SOURCE_LANGUAGE))
                .with_hint(
                    "every pack needs English content; other languages are checked against it",
                ),
        );
    }
    let content = Content {
        pack: pack?,
        contacts: contacts?,
        languages,
        spans,
    };
    crossref::check_cross_references(&content, diags);
    Some(content)
}

/// Language folders: every top-level folder that has a `language.toml`.
fn language_codes(tree: &Tree) -> Vec<String> {
    tree.paths()
        .filter_map(|p| p.strip_suffix("/language.toml"))
        .filter(|code| !code.contains('/'))
        .map(str::to_string)
        .collect()
}
