//! Checks across files: every language has `en`'s strings, blocks and
//! quotes (and no strings `en` lacks), their placeholders match, and every
//! source id a block or quote cites is in `pack.toml`.

use super::SOURCE_LANGUAGE;
use crate::diag::{Diagnostic, Diagnostics, Part, SourceMap};
use crate::model::{Content, Language};

/// Report every cross-file problem of `content` to `diags`, each at the
/// span recorded when its file was loaded.
pub fn check_cross_references(content: &Content, diags: &mut Diagnostics) {
    let Some(en) = content.languages.get(SOURCE_LANGUAGE) else {
        return;
    };
    for (code, lang) in &content.languages {
        let rel = format!("{code}/strings.toml");
        super::strings::check_values(&lang.strings, &en.strings, &rel, &content.spans, diags);
        check_keys(lang, en, &rel, &content.spans, diags);
        check_blocks_and_quotes(lang, en, &content.spans, diags);
        check_sources(content, lang, diags);
    }
}

/// Keys `en` has that `lang` lacks (at the nearest table the file has), and
/// keys `lang` has that `en` lacks (at the key).
fn check_keys(
    lang: &Language,
    en: &Language,
    rel: &str,
    spans: &SourceMap,
    diags: &mut Diagnostics,
) {
    for key in en.strings.0.keys() {
        if !lang.strings.0.contains_key(key) {
            let table = ancestors(key).find(|t| spans.span(rel, t, Part::Key).is_some());
            diags.push(spans.place(
                rel,
                table.unwrap_or(""),
                Part::Key,
                Diagnostic::error(format!("missing key `{key}`")).with_hint(format!(
                    "every language needs the keys that {SOURCE_LANGUAGE} has"
                )),
            ));
        }
    }
    for key in lang.strings.0.keys() {
        if !en.strings.0.contains_key(key) {
            diags.push(spans.place(
                rel,
                key,
                Part::Key,
                Diagnostic::error(format!("unknown key `{key}`")).with_hint(format!(
                    "{SOURCE_LANGUAGE} has no such key; check its spelling"
                )),
            ));
        }
    }
}

/// `a.b.c` → `a.b`, `a`.
fn ancestors(key: &str) -> impl Iterator<Item = &str> {
    key.match_indices('.').rev().map(|(i, _)| &key[..i])
}

fn check_blocks_and_quotes(
    lang: &Language,
    en: &Language,
    spans: &SourceMap,
    diags: &mut Diagnostics,
) {
    let code = &lang.code;
    for id in en.blocks.keys().filter(|id| !id.contains('.')) {
        if !lang.blocks.contains_key(id) {
            diags.push(
                Diagnostic::error(format!("missing block `{id}.md`"))
                    .in_file(spans.display_path(&format!("{code}/{id}.md")))
                    .with_hint(format!(
                        "every language needs the blocks that {SOURCE_LANGUAGE} has"
                    )),
            );
        }
    }
    for q in &en.quotes {
        if lang.quote(&q.id).is_none() {
            diags.push(
                Diagnostic::error(format!("missing quote `{}`", q.id))
                    .in_file(spans.display_path(&format!("{code}/quotes.toml")))
                    .with_hint(format!(
                        "every language needs the quotes that {SOURCE_LANGUAGE} has"
                    )),
            );
        }
    }
}

/// Source ids cited by `lang`'s quotes and blocks that `pack.toml` lacks.
fn check_sources(content: &Content, lang: &Language, diags: &mut Diagnostics) {
    let code = &lang.code;
    let unknown = |rel: &str, key: &str, id: &str| {
        content.spans.place(
            rel,
            key,
            Part::Value,
            Diagnostic::error(format!("source `{id}` does not exist"))
                .with_hint("source ids are the `id`s of the [[source]] tables in pack.toml"),
        )
    };
    for q in &lang.quotes {
        if content.source(&q.source).is_none() {
            let rel = format!("{code}/quotes.toml");
            diags.push(unknown(&rel, &format!("{}.source", q.id), &q.source));
        }
    }
    for b in lang.blocks.values() {
        if let Some(s) = &b.source
            && content.source(s).is_none()
        {
            diags.push(unknown(&format!("{code}/{}.md", b.id), "source", s));
        }
    }
}
