//! No input panics: random and truncated inputs to every loader and to the
//! text engine. Bounded case counts keep CI fast.

use cse_pack::assets::Tree;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// The built-in content with one file replaced.
fn content_with(rel: &str, text: Vec<u8>) -> Tree {
    let mut tree = Tree::embedded("content");
    tree.insert(rel, text);
    tree
}

fn original(rel: &str) -> Vec<u8> {
    Tree::embedded("content").get(rel).unwrap().to_vec()
}

const FILES: [&str; 6] = [
    "pack.toml",
    "contacts.toml",
    "en/language.toml",
    "en/strings.toml",
    "en/definition.md",
    "en/quotes.toml",
];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn front_matter_splitter_never_panics(s in ".*") {
        let _ = cse_pack::content::split_front_matter(&s);
        let _ = cse_pack::content::split_front_matter(&format!("+++\n{s}"));
    }

    #[test]
    fn markdown_never_panics(s in "(\\PC|[*_\\-#>`\\[\\]\n ]){0,400}") {
        let _ = cse_pack::content::markdown_to_items(&s);
    }

    #[test]
    fn truncated_content_files_give_errors_not_panics(which in 0..FILES.len(), cut in 0.0f64..1.0) {
        let rel = FILES[which];
        let bytes = original(rel);
        let keep = (bytes.len() as f64 * cut) as usize;
        let _ = cse_pack::content::load_content(&content_with(rel, bytes[..keep].to_vec()));
    }

    #[test]
    fn random_bytes_in_content_files_give_errors_not_panics(which in 0..FILES.len(), junk in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = cse_pack::content::load_content(&content_with(FILES[which], junk));
    }

    #[test]
    fn corrupted_content_lines_give_errors_not_panics(which in 0..FILES.len(), line in 0usize..40, insert in "[=\\[\\]\"+a-z0-9 \n{}]{0,20}") {
        let text = String::from_utf8(original(FILES[which])).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        let at = line.min(lines.len());
        lines.insert(at, &insert);
        let _ = cse_pack::content::load_content(&content_with(FILES[which], lines.join("\n").into_bytes()));
    }

    #[test]
    fn images_never_panic(junk in proptest::collection::vec(any::<u8>(), 0..2000), cut in 0.0f64..1.0) {
        let _ = cse_pack::images::decode_logo(&junk);
        let png = include_bytes!("../fixtures/org/logo.png");
        let keep = (png.len() as f64 * cut) as usize;
        let _ = cse_pack::images::decode_logo(&png[..keep]);
        let mut flipped = png.to_vec();
        if !junk.is_empty() {
            let i = junk.len() * 7 % flipped.len();
            flipped[i] ^= junk[0];
        }
        let _ = cse_pack::images::decode_logo(&flipped);
    }

    #[test]
    fn csv_rows_never_panic(rows in proptest::collection::vec("[a-zA-Z0-9#.,\" \\-]{0,60}", 0..6)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("orgs.csv");
        let csv = format!("name,brand-colour,dsl.name,dsl.phone,logo\n{}", rows.join("\n"));
        std::fs::write(&path, csv).unwrap();
        let _ = cse_pack::cli::inputs::load_orgs_csv(&path, &mut Default::default());
    }

    #[test]
    fn shaping_and_breaking_any_text_never_panics(text in "\\PC{0,80}", rtl in any::<bool>(), width in 0.5f32..40.0) {
        use cse_pack::layout::shape::{StyledText, TextLang, shape_text};
        let book = cse_pack::fonts::FontBook::embedded();
        let lang = TextLang {
            tag: if rtl { "ur".into() } else { "en".into() },
            rtl,
            families: vec!["NotoNastaliqUrdu".into(), "NotoSans".into(), "NotoSansBengali".into()],
            line_height: 1.0,
            text_layer: Some("NotoNaskhArabic".into()),
            fallback: vec!["NotoSansGujarati".into()],
        };
        let style = cse_pack::fonts::FontStyle::REGULAR;
        if let Ok(shaped) = shape_text(&book, &lang, &StyledText::plain(&text, style))
            && let Ok(lines) = cse_pack::layout::lines::break_lines(&shaped, width)
        {
            for line in lines {
                let runs = cse_pack::layout::lines::place_line(&shaped, line.clone(), line.end, 10.0, 0.0, width * 10.0, 0.0, cse_pack::layout::lines::Align::Start, cse_pack::units::Color::BLACK);
                // A text layer never shows a missing glyph.
                for run in runs {
                    prop_assert!(run.layer.iter().all(|(_, g)| g.id != 0), "{:?}", run.text);
                }
            }
        }
    }
}
