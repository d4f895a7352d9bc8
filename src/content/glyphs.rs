//! Glyph coverage: every character a language's files use must be in its font
//! stack, checked before layout so the error names the file, line and column.

use crate::assets::Tree;
use crate::diag::Diagnostic;
use crate::fonts::{FontBook, FontStyle};
use crate::model::Language;

/// One error per character (per file) that no font of the language's stack has.
pub fn check_coverage(tree: &Tree, lang: &Language, book: &FontBook) -> Vec<Diagnostic> {
    let prefix = format!("{}/", lang.code);
    let mut out = Vec::new();
    for rel in tree
        .paths()
        .filter(|p| p.starts_with(&prefix) && !p[prefix.len()..].contains('/'))
    {
        if rel.ends_with("language.toml") {
            continue;
        }
        let Ok(text) = tree.text(rel) else { continue };
        let missing = book.missing_chars(&lang.fonts, text, FontStyle::REGULAR);
        if missing.is_empty() {
            continue;
        }
        // Each missing character at its first place in the file.
        let mut reported = Vec::new();
        for (at, c) in text.char_indices() {
            if !missing.contains(&c) || reported.contains(&c) {
                continue;
            }
            reported.push(c);
            out.push(
                Diagnostic::error(format!(
                    "language `{}`: no font in its stack ({}) has U+{:04X} `{c}`",
                    lang.code,
                    lang.fonts.join(", "),
                    c as u32
                ))
                .in_file(tree.display_path(rel))
                .at_span(text, at..at + c.len_utf8())
                .with_hint(format!(
                    "replace the character (a look-alike from the right script?) or add a font that has it to `fonts` in `{}`",
                    tree.display_path(&format!("{}/language.toml", lang.code))
                )),
            );
        }
    }
    out
}
