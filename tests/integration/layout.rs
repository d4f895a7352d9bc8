//! The A4 poster's display list: a snapshot of its text form, and the rules
//! every poster keeps (margins, text sizes, numbers whole).

use cse_pack::assets::Tree;
use cse_pack::display::{Document, Item, Rect};
use cse_pack::fonts::FontBook;
use cse_pack::layout::{LayoutError, layout_document};
use cse_pack::units::Pt;

fn poster(content: &cse_pack::model::Content) -> Result<Document, LayoutError> {
    let book = FontBook::embedded();
    let templates = cse_pack::template::load_templates(&Tree::embedded("templates")).unwrap();
    layout_document(
        &book,
        content,
        &content.languages["en"],
        &templates["poster-a4"],
        &Default::default(),
    )
}

fn content() -> cse_pack::model::Content {
    cse_pack::content::load_content(&Tree::embedded("content")).unwrap()
}

fn runs(doc: &Document) -> Vec<cse_pack::display::GlyphRun> {
    doc.structure
        .iter()
        .flat_map(|n| n.all_items())
        .filter_map(|i| match i {
            Item::Text(r) => Some(r.clone()),
            _ => None,
        })
        .collect()
}

/// `product` laid out in `lang` with `options`, from the built-in templates.
fn lay_out(
    content: &cse_pack::model::Content,
    lang: &str,
    product: &str,
    options: &cse_pack::layout::LayoutOptions<'_>,
) -> Document {
    let templates = cse_pack::template::load_templates(&Tree::embedded("templates")).unwrap();
    layout_document(
        cse_pack::cli::inputs::fonts(),
        content,
        &content.languages[lang],
        &templates[product],
        options,
    )
    .unwrap()
}

#[test]
fn poster_snapshot() {
    snapshot("en");
}

#[test]
fn mirrored_arabic_poster_snapshot() {
    snapshot("ar");
}

/// The A4 poster's display list in `lang`, against `tests/snapshots/`.
fn snapshot(lang: &str) {
    let book = FontBook::embedded();
    let content = content();
    let templates = cse_pack::template::load_templates(&Tree::embedded("templates")).unwrap();
    let doc = layout_document(
        &book,
        &content,
        &content.languages[lang],
        &templates["poster-a4"],
        &Default::default(),
    )
    .unwrap();
    let text = cse_pack::display::dump(&doc, &|id| book.face(id).name.clone());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/snapshots/poster-a4-{lang}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .expect("snapshot exists; run with UPDATE_SNAPSHOTS=1 to create it");
    assert!(
        expected == text,
        "layout changed; review and run with UPDATE_SNAPSHOTS=1 to accept:\n{text}"
    );
}

#[test]
fn all_text_stays_inside_the_office_margin() {
    let book = FontBook::embedded();
    let doc = poster(&content()).unwrap();
    let page = &doc.pages[0];
    let margin = Pt::from_mm(10.0).0;
    let safe = Rect::new(
        margin,
        margin,
        page.width - 2.0 * margin,
        page.height - 2.0 * margin,
    );
    for run in runs(&doc) {
        let face = book.face(run.font);
        let b = run.bounds(face.ascender, face.descender);
        assert!(
            safe.contains(&b),
            "{:?} at {b:?} is within 10 mm of the edge",
            run.text
        );
    }
}

#[test]
fn body_text_is_at_least_14pt_and_numbers_are_whole() {
    let doc = poster(&content()).unwrap();
    let all = runs(&doc);
    let definition = all
        .iter()
        .find(|r| r.text.starts_with("Child sexual exploitation is"))
        .unwrap();
    assert!(definition.size >= 14.0, "{}", definition.size);
    for number in [
        "0808 800 5000",
        "0800 1111",
        "999",
        "ceop.police.uk/Safety-Centre",
    ] {
        assert!(
            all.iter().any(|r| r.text == number),
            "{number} is not one run"
        );
    }
    // The call to action is larger than the body text.
    let cta = all
        .iter()
        .find(|r| r.text.contains("Make that call."))
        .unwrap();
    assert!(cta.size > definition.size);
}

#[test]
fn auto_fit_grows_text_when_there_is_less_of_it() {
    let full = poster(&content()).unwrap();
    let mut short = content();
    let en = short.languages.get_mut("en").unwrap();
    let def = en.blocks.get_mut("definition").unwrap();
    def.items.truncate(1);
    let short_doc = poster(&short).unwrap();
    let size = |doc: &Document| {
        runs(doc)
            .iter()
            .find(|r| r.text.starts_with("Child sexual exploitation is"))
            .unwrap()
            .size
    };
    assert!(
        size(&short_doc) > size(&full),
        "{} vs {}",
        size(&short_doc),
        size(&full)
    );
    assert!(size(&short_doc) <= 17.0);
}

#[test]
fn overflow_at_the_minimum_size_is_an_error() {
    let mut long = content();
    let en = long.languages.get_mut("en").unwrap();
    let def = en.blocks.get_mut("definition").unwrap();
    let more = def.items.clone();
    for _ in 0..3 {
        def.items.extend(more.clone());
    }
    let err = poster(&long).unwrap_err();
    match err {
        LayoutError::Overflow { block, .. } => assert_eq!(block, "definition"),
        other => panic!("expected an overflow, got {other:?}"),
    }
}

#[test]
fn every_poster_size_lays_out_at_its_exact_size_with_text_scaled_to_the_page() {
    let book = FontBook::embedded();
    let content = content();
    let templates = cse_pack::template::load_templates(&Tree::embedded("templates")).unwrap();
    let expected = [
        ("poster-a5", 419.53, 595.28),
        ("poster-a4", 595.28, 841.89),
        ("poster-a3", 841.89, 1190.55),
        ("poster-a2", 1190.55, 1683.78),
        ("poster-a1", 1683.78, 2383.94),
        ("poster-letter", 612.0, 792.0),
        ("poster-tabloid", 792.0, 1224.0),
    ];
    let mut last_body = 0.0;
    for (id, w, h) in expected {
        let doc = layout_document(
            &book,
            &content,
            &content.languages["en"],
            &templates[id],
            &Default::default(),
        )
        .unwrap();
        let page = &doc.pages[0];
        assert!(
            (page.width - w).abs() < 0.01 && (page.height - h).abs() < 0.01,
            "{id}: {}x{}",
            page.width,
            page.height
        );
        let body = runs(&doc)
            .iter()
            .find(|r| r.text.starts_with("Child sexual exploitation is"))
            .unwrap()
            .size;
        if id.starts_with("poster-a") {
            assert!(
                body > last_body,
                "{id}: body {body} is not larger than the smaller size's {last_body}"
            );
            last_body = body;
        }
    }
}

#[test]
fn a_bilingual_poster_reads_first_language_first_and_tags_the_second() {
    let book = FontBook::embedded();
    let mut content = content();
    // A stand-in second language: English text under another tag.
    let mut cy = content.languages["en"].clone();
    cy.code = "cy".into();
    cy.tag = "cy".into();
    cy.strings.0.insert(
        "poster.title".into(),
        cse_pack::model::StringValue::Text("Camfanteisio’n Rhywiol ar Blant".into()),
    );
    content.languages.insert("cy".into(), cy);
    let templates = cse_pack::template::load_templates(&Tree::embedded("templates")).unwrap();
    let options = cse_pack::layout::LayoutOptions {
        second: Some(&content.languages["en"]),
        ..Default::default()
    };
    let doc = layout_document(
        &book,
        &content,
        &content.languages["cy"],
        &templates["poster-a4"],
        &options,
    )
    .unwrap();
    assert_eq!(doc.lang, "cy");
    assert_eq!(
        doc.title,
        "Camfanteisio’n Rhywiol ar Blant / Child Sexual Exploitation – A4 poster"
    );
    // Reading order and position: the Welsh title, then the English one, under it.
    let h1 = &doc
        .structure
        .iter()
        .find(|n| n.role == cse_pack::display::Role::H1)
        .unwrap();
    assert_eq!(h1.title.as_deref(), Some("Camfanteisio’n Rhywiol ar Blant"));
    assert_eq!(h1.lang, None, "the document's own language is not repeated");
    let all = runs(&doc);
    let welsh = all
        .iter()
        .find(|r| r.text.starts_with("Camfanteisio"))
        .unwrap();
    let english = all
        .iter()
        .find(|r| r.text == "Child Sexual Exploitation")
        .unwrap();
    assert!(welsh.y < english.y && welsh.size > english.size);
    // Every English paragraph carries its own language tag.
    fn tagged(nodes: &[cse_pack::display::Node], out: &mut Vec<(Option<String>, String)>) {
        for n in nodes {
            let text: String = n
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(r) => Some(r.text.clone()),
                    _ => None,
                })
                .collect();
            if !text.is_empty() {
                out.push((n.lang.clone(), text));
            }
            tagged(&n.children, out);
        }
    }
    let mut paras = Vec::new();
    tagged(&doc.structure, &mut paras);
    let english_title = paras
        .iter()
        .find(|(_, t)| t == "Child Sexual Exploitation")
        .unwrap();
    assert_eq!(english_title.0.as_deref(), Some("en-GB"));
    assert!(
        paras
            .iter()
            .filter(|(l, _)| l.as_deref() == Some("en-GB"))
            .count()
            >= 8
    );
}

#[test]
fn right_to_left_posters_mirror_the_layout() {
    let book = FontBook::embedded();
    let content = content();
    let templates = cse_pack::template::load_templates(&Tree::embedded("templates")).unwrap();
    for lang in ["ar", "ur"] {
        let doc = layout_document(
            &book,
            &content,
            &content.languages[lang],
            &templates["poster-a4"],
            &Default::default(),
        )
        .unwrap();
        assert!(doc.rtl);
        let width = doc.pages[0].width;
        let all = runs(&doc);
        // The phone numbers sit on the start (right) side, digits in order.
        let nspcc = all.iter().find(|r| r.text == "0808 800 5000").unwrap();
        assert!(nspcc.x > width / 2.0, "{lang}: number at x={}", nspcc.x);
        let clusters: Vec<usize> = nspcc.glyphs.iter().map(|g| g.text.start).collect();
        assert!(
            clusters.windows(2).all(|w| w[0] <= w[1]),
            "{lang}: digits out of order"
        );
        // Headings and body lines end at the right margin.
        let h1 = all
            .iter()
            .find(|r| r.text == content.languages[lang].strings.get("poster.title"))
            .unwrap();
        assert!(
            (h1.x + h1.width() - (width - cse_pack::units::Pt::from_mm(12.0 + 6.0).0)).abs() < 1.0,
            "{lang}: title not right-aligned"
        );
        // The quote bar of the definition is on the right.
        let bar = doc.pages[0].artifacts.iter().find_map(|i| match i {
            Item::Rect { rect, .. } if rect.w < 5.0 && rect.h > 50.0 => Some(*rect),
            _ => None,
        });
        assert!(
            bar.unwrap().x > width / 2.0,
            "{lang}: quote bar not on the right"
        );
    }
}

#[test]
fn a_draft_translation_says_so_in_its_own_language_until_reviewed() {
    let book = FontBook::embedded();
    let mut content = content();
    let templates = cse_pack::template::load_templates(&Tree::embedded("templates")).unwrap();
    let notice = content.languages["cy"]
        .strings
        .get("footer.draft-notice")
        .to_string();
    let has_notice = |content: &cse_pack::model::Content| {
        let doc = layout_document(
            &book,
            content,
            &content.languages["cy"],
            &templates["poster-a4"],
            &Default::default(),
        )
        .unwrap();
        runs(&doc).iter().any(|r| r.text.contains(&notice))
    };
    assert!(has_notice(&content), "a draft shows its notice");
    let cy = content.languages.get_mut("cy").unwrap();
    cy.status = cse_pack::model::Status::Reviewed;
    assert!(!has_notice(&content), "a reviewed translation does not");
}

#[test]
fn every_urdu_line_in_nastaliq_carries_its_whole_text_in_a_text_layer() {
    let book = cse_pack::cli::inputs::fonts();
    let content = content();
    for product in ["poster-a4", "leaflet-trifold-a4", "card-wallet"] {
        let doc = lay_out(&content, "ur", product, &Default::default());
        let nastaliq: Vec<_> = runs(&doc)
            .into_iter()
            .filter(|r| book.face(r.font).name.starts_with("NotoNastaliqUrdu"))
            .collect();
        assert!(nastaliq.len() > 10, "{product}: Urdu is set in Nastaliq");
        for run in &nastaliq {
            assert!(
                !run.layer.is_empty(),
                "{product}: no layer for {:?}",
                run.text
            );
            // No missing glyph, no Nastaliq in the layer, and every character
            // of the line belongs to some layer glyph's cluster.
            let mut covered = vec![false; run.text.len()];
            for (font, g) in &run.layer {
                assert_ne!(g.id, 0, "{product}: missing glyph in {:?}", run.text);
                assert!(!book.face(*font).name.starts_with("NotoNastaliq"));
                covered[g.text.clone()].iter_mut().for_each(|c| *c = true);
            }
            assert!(
                covered.iter().all(|c| *c),
                "{product}: part of {:?} is not in its layer",
                run.text
            );
        }
        // Runs in the fallback font (Latin: NSPCC, web addresses) carry their own text.
        let latin: Vec<_> = runs(&doc)
            .into_iter()
            .filter(|r| book.face(r.font).name.starts_with("NotoSans-"))
            .collect();
        assert!(!latin.is_empty());
        assert!(latin.iter().all(|r| r.layer.is_empty()), "{product}");
    }
}

#[test]
fn a_bilingual_a4_poster_gives_unused_definition_space_to_the_contact_panel() {
    let content = content();
    let options = cse_pack::layout::LayoutOptions {
        second: Some(&content.languages["en"]),
        ..Default::default()
    };
    let doc = lay_out(&content, "cy", "poster-a4", &options);
    let list = doc
        .structure
        .iter()
        .find(|n| n.role == cse_pack::display::Role::L && n.all_items().len() > 10)
        .expect("the contact list");
    let smallest = list
        .all_items()
        .into_iter()
        .filter_map(|i| match i {
            Item::Text(r) => Some(r.size),
            _ => None,
        })
        .fold(f32::INFINITY, f32::min);
    // Before the definition's unused height went to the contacts, their
    // descriptions were set at 6 pt.
    assert!(
        smallest >= 7.0,
        "contact text at {smallest:.1} pt on a cy+en A4 poster"
    );
}

#[test]
fn a_bilingual_a4_poster_with_an_organisation_keeps_the_helpline_numbers_readable() {
    let content = content();
    let org = cse_pack::cli::inputs::load_org_file(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/org/org.toml"),
        &mut Default::default(),
    )
    .unwrap();
    let options = cse_pack::layout::LayoutOptions {
        second: Some(&content.languages["en"]),
        org: Some(&org),
        ..Default::default()
    };
    let doc = lay_out(&content, "cy", "poster-a4", &options);
    let all = runs(&doc);
    let nspcc = all
        .iter()
        .find(|r| r.text == "0808 800 5000")
        .expect("the NSPCC number");
    // With descriptions as well as both languages' labels it was 9 pt.
    assert!(nspcc.size >= 10.5, "NSPCC number at {:.1} pt", nspcc.size);
    // The labels are there in both languages; the descriptions are not.
    assert!(all.iter().any(|r| r.text.contains("NSPCC Helpline")));
    assert!(all.iter().any(|r| r.text.contains("Llinell Gymorth NSPCC")));
    assert!(
        !all.iter()
            .any(|r| r.text.contains("Adults worried about a child"))
    );
}
