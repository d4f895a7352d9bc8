//! Every product: exact page sizes, boxes with and without bleed, text inside
//! its panel's safe area (clear of folds, trim and margin), panels on the
//! right page and side once folded, mirrored card backs, and reading order.

use cse_pack::assets::Tree;
use cse_pack::display::{Document, GlyphRun, Item, Node, Rect, Role};
use cse_pack::fonts::FontBook;
use cse_pack::layout::{LayoutOptions, layout_document};
use cse_pack::template::Template;
use cse_pack::units::Pt;
use std::collections::BTreeMap;

fn mm(v: f32) -> f32 {
    Pt::from_mm(v).0
}

struct Fixture {
    book: FontBook,
    content: cse_pack::model::Content,
    templates: BTreeMap<String, Template>,
}

fn fixture() -> Fixture {
    Fixture {
        book: FontBook::embedded(),
        content: cse_pack::content::load_content(&Tree::embedded("content")).unwrap(),
        templates: cse_pack::template::load_templates(&Tree::embedded("templates")).unwrap(),
    }
}

fn doc(f: &Fixture, product: &str, bleed: bool) -> Document {
    doc_in(f, "en", product, bleed)
}

fn doc_in(f: &Fixture, lang: &str, product: &str, bleed: bool) -> Document {
    layout_document(
        &f.book,
        &f.content,
        &f.content.languages[lang],
        &f.templates[product],
        &LayoutOptions {
            bleed,
            ..Default::default()
        },
    )
    .unwrap()
}

/// Tagged text runs with their page, in reading order.
fn runs(doc: &Document) -> Vec<(usize, GlyphRun)> {
    fn walk(n: &Node, out: &mut Vec<(usize, GlyphRun)>) {
        for i in &n.items {
            if let Item::Text(r) = i {
                out.push((n.page, r.clone()));
            }
        }
        for c in &n.children {
            walk(c, out);
        }
    }
    let mut out = Vec::new();
    for n in &doc.structure {
        walk(n, &mut out);
    }
    out
}

fn find<'a>(runs: &'a [(usize, GlyphRun)], text: &str) -> &'a (usize, GlyphRun) {
    runs.iter()
        .find(|(_, r)| r.text.contains(text))
        .unwrap_or_else(|| panic!("no run with {text:?}"))
}

/// The run's horizontal middle, in mm from the trim's left edge.
fn x_mm(doc: &Document, run: &GlyphRun) -> f32 {
    let trim_x = doc.pages[0].trim.map_or(0.0, |t| t.x);
    Pt(run.x + run.width() / 2.0 - trim_x).to_mm()
}

#[test]
fn every_product_has_its_exact_size_and_page_count() {
    let f = fixture();
    let expected = [
        ("poster-a5", 1, 148.0, 210.0),
        ("poster-a4", 1, 210.0, 297.0),
        ("poster-a3", 1, 297.0, 420.0),
        ("poster-a2", 1, 420.0, 594.0),
        ("poster-a1", 1, 594.0, 841.0),
        ("poster-letter", 1, 215.9, 279.4),
        ("poster-tabloid", 1, 279.4, 431.8),
        ("leaflet-a5", 2, 148.0, 210.0),
        ("leaflet-trifold-a4", 2, 297.0, 210.0),
        ("booklet-a5", 2, 297.0, 210.0),
        ("card-wallet", 2, 210.0, 297.0),
    ];
    assert_eq!(
        f.templates.len(),
        expected.len(),
        "a product without a test, or a test without a product"
    );
    for (id, pages, w, h) in expected {
        for bleed in [false, true] {
            let d = doc(&f, id, bleed);
            assert_eq!(d.pages.len(), pages, "{id}");
            // Press: 3 mm of bleed, then 10 mm of slug for the crop marks, on every side.
            let extra = if bleed { 2.0 * mm(3.0 + 10.0) } else { 0.0 };
            for p in &d.pages {
                assert!(
                    (p.width - mm(w) - extra).abs() < 0.01
                        && (p.height - mm(h) - extra).abs() < 0.01,
                    "{id} bleed={bleed}: {}x{}",
                    p.width,
                    p.height
                );
                if bleed {
                    let trim = p.trim.expect("press mode sets a trim box");
                    assert!(
                        (trim.x - mm(13.0)).abs() < 0.01
                            && (trim.y - mm(13.0)).abs() < 0.01
                            && (trim.w - mm(w)).abs() < 0.01
                            && (trim.h - mm(h)).abs() < 0.01,
                        "{id}: {trim:?}"
                    );
                    let b = p.bleed.expect("press mode sets a bleed box");
                    assert!(
                        (b.x - (trim.x - mm(3.0))).abs() < 0.01
                            && (b.y - (trim.y - mm(3.0))).abs() < 0.01
                            && (b.w - (trim.w + mm(6.0))).abs() < 0.01
                            && (b.h - (trim.h + mm(6.0))).abs() < 0.01,
                        "{id}: {b:?} is not the trim and 3 mm"
                    );
                } else {
                    assert!(p.trim.is_none() && p.bleed.is_none(), "{id}");
                }
            }
        }
    }
}

#[test]
fn text_stays_inside_its_panel_clear_of_folds_trim_and_margin() {
    let f = fixture();
    for ((id, t), lang) in f.templates.iter().flat_map(|t| [(t, "en"), (t, "ar")]) {
        // Right-to-left products mirror their panels.
        let rtl = lang == "ar";
        for bleed in [false, true] {
            let d = doc_in(&f, lang, id, bleed);
            let off = if bleed { mm(13.0) } else { 0.0 };
            let sheet_safe = Rect::new(off, off, t.width, t.height).inset(t.margin);
            // Office: nothing within 10 mm of the paper edge; press: text 5 mm inside the trim.
            assert!(t.margin >= mm(10.0) - 0.01);
            for (page, run) in runs(&d) {
                let face = f.book.face(run.font);
                // The font's full ascent and descent, less 1 pt: tight leading
                // lets them reach past the line box, though the ink does not.
                let b = run.bounds(face.ascender, face.descender).inset(1.0);
                let in_a_panel = t.panels.iter().filter(|p| p.side == page).any(|p| {
                    let panel = if let Some(imp) = &t.config.imposition {
                        // Imposed cards: any cell of the grid; the panel's margin keeps text off the cut.
                        let (cols, rows) = (imp.columns as f32, imp.rows as f32);
                        let x0 = off + (t.width - p.w * cols) / 2.0;
                        let y0 = off + (t.height - p.h * rows) / 2.0;
                        let c = ((b.x - x0) / p.w).floor();
                        let r = ((b.y - y0) / p.h).floor();
                        Rect::new(x0 + c * p.w, y0 + r * p.h, p.w, p.h)
                    } else if rtl {
                        Rect::new(off + t.width - p.x - p.w, off + p.y, p.w, p.h)
                    } else {
                        Rect::new(off + p.x, off + p.y, p.w, p.h)
                    };
                    panel.inset(p.margin).contains(&b) && sheet_safe.contains(&b)
                });
                assert!(
                    in_a_panel,
                    "{id} {lang} bleed={bleed}: {:?} at {b:?} crosses a fold, cut or margin",
                    run.text
                );
            }
        }
    }
}

#[test]
fn the_tri_fold_puts_each_panel_where_it_folds() {
    let f = fixture();
    let d = doc(&f, "leaflet-trifold-a4", false);
    let all = runs(&d);
    // Outside (page 0): flap 0–97 mm | back 97–197 mm | cover 197–297 mm.
    let (page, title) = find(&all, "Exploitation");
    assert_eq!(*page, 0);
    assert!(
        x_mm(&d, title) > 197.0,
        "cover is the right-hand outside panel"
    );
    let (page, nspcc) = find(&all, "0808 800 5000");
    assert_eq!(*page, 0);
    assert!(
        (97.0..197.0).contains(&x_mm(&d, nspcc)),
        "contacts are on the back panel"
    );
    let (page, grooming) = find(&all, "How grooming works");
    assert_eq!(*page, 0);
    assert!(x_mm(&d, grooming) < 97.0, "the flap folds in");
    // Inside (page 1): 100 | 100 | 97 mm.
    let (page, def) = find(&all, "What is child sexual");
    assert_eq!(*page, 1);
    assert!(x_mm(&d, def) < 100.0);
    let (page, something) = find(&all, "can be");
    assert_eq!(*page, 1);
    assert!((100.0..200.0).contains(&x_mm(&d, something)));
    let (page, online) = find(&all, "Any child can be at risk");
    assert_eq!(*page, 1);
    assert!(x_mm(&d, online) > 200.0);
}

#[test]
fn the_booklet_is_imposed_four_one_then_two_three() {
    let f = fixture();
    let d = doc(&f, "booklet-a5", false);
    let all = runs(&d);
    let half = 148.5;
    let (page, title) = find(&all, "Exploitation");
    assert_eq!(
        (*page, x_mm(&d, title) > half),
        (0, true),
        "page 1 (cover) is the front's right half"
    );
    let (page, contacts) = find(&all, "0808 800 5000");
    assert_eq!(
        (*page, x_mm(&d, contacts) < half),
        (0, true),
        "page 4 (back cover) is the front's left half"
    );
    let (page, def) = find(&all, "What is child sexual");
    assert_eq!(
        (*page, x_mm(&d, def) < half),
        (1, true),
        "page 2 is the back's left half"
    );
    let (page, online) = find(&all, "Any child can be at risk");
    assert_eq!(
        (*page, x_mm(&d, online) > half),
        (1, true),
        "page 3 is the back's right half"
    );
}

/// The first text run of the first node with `role` on `page`.
fn first_of(d: &Document, role: Role, page: usize) -> GlyphRun {
    fn walk(n: &Node, role: Role, page: usize) -> Option<&GlyphRun> {
        if n.role == role && n.page == page {
            return n.items.iter().find_map(|i| match i {
                Item::Text(r) => Some(r),
                _ => None,
            });
        }
        n.children.iter().find_map(|c| walk(c, role, page))
    }
    d.structure
        .iter()
        .find_map(|n| walk(n, role, page))
        .cloned()
        .unwrap_or_else(|| panic!("no {role:?} on page {page}"))
}

#[test]
fn right_to_left_leaflets_fold_the_other_way() {
    let f = fixture();
    for lang in ["ar", "ur"] {
        // Tri-fold outside: cover 0–100 mm | back 100–200 mm | flap 200–297 mm;
        // inside: the definition, read first, is the right-hand panel.
        let d = doc_in(&f, lang, "leaflet-trifold-a4", false);
        let all = runs(&d);
        let cover = first_of(&d, Role::H1, 0);
        assert!(
            x_mm(&d, &cover) < 100.0,
            "{lang}: the cover is the left-hand outside panel"
        );
        let (page, nspcc) = find(&all, "0808 800 5000");
        assert_eq!(*page, 0);
        assert!(
            (100.0..200.0).contains(&x_mm(&d, nspcc)),
            "{lang}: contacts stay on the back"
        );
        let definition = first_of(&d, Role::H2, 1);
        assert!(
            x_mm(&d, &definition) > 197.0,
            "{lang}: the inside starts on the right"
        );

        // Booklet: front is p1 (cover) | p4; back is p3 | p2.
        let d = doc_in(&f, lang, "booklet-a5", false);
        let half = 148.5;
        let cover = first_of(&d, Role::H1, 0);
        assert!(
            x_mm(&d, &cover) < half,
            "{lang}: the cover is the front's left half"
        );
        let all = runs(&d);
        let (page, nspcc) = find(&all, "0808 800 5000");
        assert_eq!(
            (*page, x_mm(&d, nspcc) > half),
            (0, true),
            "{lang}: back cover"
        );
        let p2 = first_of(&d, Role::H2, 1);
        assert!(
            x_mm(&d, &p2) > half,
            "{lang}: page 2 is the back's right half"
        );
    }
}

#[test]
fn reading_order_follows_the_folded_document_cover_first() {
    let f = fixture();
    for id in ["leaflet-trifold-a4", "booklet-a5", "leaflet-a5"] {
        let d = doc(&f, id, false);
        let first_heading = d
            .structure
            .iter()
            .find(|n| matches!(n.role, Role::H1 | Role::H2))
            .unwrap();
        assert_eq!(
            first_heading.role,
            Role::H1,
            "{id}: the cover title is read first"
        );
        let all = runs(&d);
        let pos = |t: &str| all.iter().position(|(_, r)| r.text.contains(t)).unwrap();
        assert!(pos("Exploitation") < pos("What is child sexual"), "{id}");
        assert!(
            pos("What is child sexual") < pos("0808 800 5000"),
            "{id}: contacts close the document"
        );
    }
}

#[test]
fn card_backs_sit_behind_their_fronts_for_long_edge_duplex() {
    let f = fixture();
    for bleed in [false, true] {
        let d = doc(&f, "card-wallet", bleed);
        let page_w = d.pages[0].width;
        let (card_w, card_h) = (mm(85.0), mm(55.0));
        let all = runs(&d);
        let front: Vec<_> = all.iter().filter(|(p, _)| *p == 0).collect();
        let back: Vec<_> = all.iter().filter(|(p, _)| *p == 1).collect();
        assert!(!front.is_empty() && !back.is_empty());
        let x0 = (page_w - 2.0 * card_w) / 2.0;
        // The tagged front card is the top-left cell; its back is the top-right
        // cell, which a long-edge flip brings behind it.
        for (_, r) in &front {
            assert!(
                r.x >= x0 && r.x + r.width() <= x0 + card_w,
                "front {:?}",
                r.text
            );
        }
        for (_, r) in &back {
            let mirrored_x0 = page_w - x0 - card_w;
            assert!(
                r.x >= mirrored_x0 && r.x + r.width() <= mirrored_x0 + card_w,
                "back {:?}",
                r.text
            );
        }
        // Ten copies a side: one tagged, nine as artifacts.
        for (side, text) in [(0, "0808 800 5000"), (1, "ceop.police.uk/Safety-Centre")] {
            let copies = d.pages[side]
                .artifacts
                .iter()
                .filter(|i| matches!(i, Item::Text(r) if r.text == text))
                .count();
            assert_eq!(copies, 9, "side {side}");
        }
        let _ = card_h;
    }
}
