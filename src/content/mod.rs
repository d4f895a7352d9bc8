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
pub use pack::load_pack;

use crate::assets::Tree;
use crate::diag::{Diagnostic, Diagnostics, SourceMap};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

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
    load_content_some(tree, None, diags)
}

/// [`load_content_partial`] of only the language folders in `only` (every
/// one if `None`): a build of one language need not read the others.
pub fn load_content_some(
    tree: &Tree,
    only: Option<&BTreeSet<String>>,
    diags: &mut Diagnostics,
) -> Option<Content> {
    let (codes, skipped): (Vec<String>, Vec<String>) = language_codes(tree)
        .into_iter()
        .partition(|c| only.is_none_or(|o| o.contains(c)));
    let mut spans = SourceMap::new(&tree.display_root);
    for rel in tree.paths() {
        // The files of a language folder left out are not read.
        let left_out = rel
            .split_once('/')
            .is_some_and(|(top, _)| skipped.iter().any(|c| c == top));
        if !left_out && let Ok(text) = tree.text(rel) {
            spans.add_file(rel, text);
        }
    }
    let pack = diags.take(pack::load_pack(tree, &mut spans));
    let contacts = contacts::load_contacts(tree, &mut spans, diags);
    let contacts = diags.take(contacts);
    let mut languages = BTreeMap::new();
    for code in codes {
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

/// The language folders that `typed` (language ids as a user gave them:
/// `pl`, ` EN`, `cy+en`) names, with [`SOURCE_LANGUAGE`], which the others
/// are checked against; `None` (every language) for `all`, for no ids, or
/// if some id names no folder (planning then names every language known).
pub fn wanted_languages(tree: &Tree, typed: &[String]) -> Option<BTreeSet<String>> {
    let codes = language_codes(tree);
    let mut wanted = BTreeSet::from([SOURCE_LANGUAGE.to_string()]);
    for part in typed.iter().flat_map(|t| t.split('+')) {
        let part = part.trim();
        wanted.insert(codes.iter().find(|c| c.eq_ignore_ascii_case(part))?.clone());
    }
    (!typed.is_empty()).then_some(wanted)
}

/// Language folders: every top-level folder that has a `language.toml`.
fn language_codes(tree: &Tree) -> Vec<String> {
    tree.paths()
        .filter_map(|p| p.strip_suffix("/language.toml"))
        .filter(|code| !code.contains('/'))
        .map(str::to_string)
        .collect()
}
