//! The PDF parsed back: page size, embedded subset fonts, tags, language, text.

use crate::common::*;
use lopdf::{Document, Object};

fn build_poster() -> (tempfile::TempDir, Vec<u8>) {
    let d = tempfile::tempdir().unwrap();
    let out = run(
        d.path(),
        &["build", "--lang", "en", "--product", "poster-a4"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(d.path().join("dist/en/poster-a4.pdf")).unwrap();
    (d, bytes)
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn numbers(doc: &Document, o: &Object) -> Vec<f32> {
    resolve(doc, o)
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_float().unwrap_or_else(|_| n.as_i64().unwrap() as f32))
        .collect()
}

/// Every structure type (`/S`) in the tag tree, depth first.
fn structure_types(doc: &Document) -> Vec<String> {
    fn walk(doc: &Document, o: &Object, out: &mut Vec<String>) {
        match resolve(doc, o) {
            Object::Dictionary(d) => {
                if let Ok(s) = d.get(b"S").and_then(Object::as_name) {
                    out.push(String::from_utf8_lossy(s).into_owned());
                }
                if let Ok(k) = d.get(b"K") {
                    walk(doc, k, out);
                }
            }
            Object::Array(items) => {
                for i in items {
                    walk(doc, i, out);
                }
            }
            _ => {}
        }
    }
    let catalog = doc.catalog().unwrap();
    let mut out = Vec::new();
    walk(doc, catalog.get(b"StructTreeRoot").unwrap(), &mut out);
    out
}

#[test]
fn the_poster_is_a4_with_one_page() {
    let (_d, bytes) = build_poster();
    let doc = Document::load_mem(&bytes).unwrap();
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1);
    let page = doc.get_dictionary(pages[&1]).unwrap();
    let media = numbers(&doc, page.get(b"MediaBox").unwrap());
    assert!((media[2] - media[0] - 595.28).abs() < 0.01, "{media:?}");
    assert!((media[3] - media[1] - 841.89).abs() < 0.01, "{media:?}");
}

#[test]
fn every_font_is_embedded_and_subset() {
    let (_d, bytes) = build_poster();
    let doc = Document::load_mem(&bytes).unwrap();
    let mut descriptors = 0;
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        if d.get(b"Type").and_then(Object::as_name).ok() != Some(b"FontDescriptor".as_slice()) {
            continue;
        }
        descriptors += 1;
        let name =
            String::from_utf8_lossy(d.get(b"FontName").unwrap().as_name().unwrap()).into_owned();
        let (tag, _) = name
            .split_once('+')
            .expect("subset fonts are named TAG+Name");
        assert_eq!(tag.len(), 6, "{name}");
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()), "{name}");
        assert!(
            d.has(b"FontFile2") || d.has(b"FontFile3"),
            "{name} is not embedded"
        );
    }
    assert!(descriptors >= 2, "regular and bold at least");
}

#[test]
fn it_is_tagged_in_english_with_a_title() {
    let (_d, bytes) = build_poster();
    let doc = Document::load_mem(&bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    let lang = catalog.get(b"Lang").unwrap().as_str().unwrap();
    assert_eq!(lang, b"en-GB");
    let mark = resolve(&doc, catalog.get(b"MarkInfo").unwrap())
        .as_dict()
        .unwrap();
    assert!(mark.get(b"Marked").unwrap().as_bool().unwrap());
    let prefs = resolve(&doc, catalog.get(b"ViewerPreferences").unwrap())
        .as_dict()
        .unwrap();
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());

    let types = structure_types(&doc);
    for wanted in ["H1", "H2", "P", "BlockQuote", "L", "LI", "LBody"] {
        assert!(
            types.iter().any(|t| t == wanted),
            "no {wanted} in {types:?}"
        );
    }
    // The title comes before the contact list in reading order.
    let h1 = types.iter().position(|t| t == "H1").unwrap();
    let list = types.iter().position(|t| t == "L").unwrap();
    assert!(h1 < list);
}

#[test]
fn text_comes_back_out_exactly() {
    let (d, _bytes) = build_poster();
    let Some(text) = pdftotext(&d.path().join("dist/en/poster-a4.pdf")) else {
        eprintln!("pdftotext is not installed; skipping the extraction check");
        return;
    };
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Child sexual exploitation is a form of child sexual abuse."),
        "{flat}"
    );
    assert!(text.contains("0808 800 5000"), "{text}");
    assert!(text.contains("0800 1111"), "{text}");
    assert!(text.contains("ceop.police.uk/Safety-Centre"), "{text}");
}

/// A stroked straight segment on a page, in PDF space (y up), with its colour
/// (`RG`, grey or RGB) and width.
#[derive(Debug, Clone, Copy)]
struct Stroke {
    from: (f32, f32),
    to: (f32, f32),
    rgb: (f32, f32, f32),
    width: f32,
}

/// Every stroked segment of a page's content, through `q`/`Q`/`cm`.
fn strokes(doc: &Document, page: lopdf::ObjectId) -> Vec<Stroke> {
    type M = [f32; 6];
    let mul = |a: M, b: M| -> M {
        [
            a[0] * b[0] + a[1] * b[2],
            a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4],
            a[4] * b[1] + a[5] * b[3] + b[5],
        ]
    };
    let content = doc.get_and_decode_page_content(page).unwrap();
    let (mut ctm, mut rgb, mut width): (M, _, f32) = ([1., 0., 0., 1., 0., 0.], (0., 0., 0.), 1.);
    let mut stack = Vec::new();
    let (mut path, mut out) = (Vec::<(f32, f32)>::new(), Vec::new());
    for op in content.operations {
        let n: Vec<f32> = op
            .operands
            .iter()
            .filter_map(|o| {
                o.as_float()
                    .ok()
                    .or_else(|| o.as_i64().ok().map(|i| i as f32))
            })
            .collect();
        let at = |m: M, x: f32, y: f32| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
        match op.operator.as_str() {
            "q" => stack.push((ctm, rgb, width)),
            "Q" => (ctm, rgb, width) = stack.pop().unwrap(),
            "cm" => ctm = mul([n[0], n[1], n[2], n[3], n[4], n[5]], ctm),
            "RG" => rgb = (n[0], n[1], n[2]),
            "G" => rgb = (n[0], n[0], n[0]),
            "w" => width = n[0],
            "m" => path = vec![at(ctm, n[0], n[1])],
            "l" => path.push(at(ctm, n[0], n[1])),
            "S" => {
                for seg in path.windows(2) {
                    out.push(Stroke {
                        from: seg[0],
                        to: seg[1],
                        rgb,
                        width,
                    });
                }
                path.clear();
            }
            "n" | "f" | "F" | "f*" | "B" | "b" => path.clear(),
            _ => {}
        }
    }
    out
}

/// Does the segment, widened by half its stroke, reach inside the box
/// `[x0, y0, x1, y1]`?
fn reaches_into(s: &Stroke, b: [f32; 4]) -> bool {
    let h = s.width / 2.0;
    let (l, r) = (s.from.0.min(s.to.0) - h, s.from.0.max(s.to.0) + h);
    let (bot, top) = (s.from.1.min(s.to.1) - h, s.from.1.max(s.to.1) + h);
    l < b[2] && r > b[0] && bot < b[3] && top > b[1]
}

#[test]
fn every_product_passes_qpdf_and_press_mode_sets_trim_and_bleed_boxes() {
    let d = tempfile::tempdir().unwrap();
    let out = run(d.path(), &["build", "--lang", "en", "--bleed"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("dist/manifest.json")).unwrap())
            .unwrap();
    let files = manifest["files"].as_array().unwrap();
    assert_eq!(files.len(), 11);
    let mm = |v: f32| v * 72.0 / 25.4;
    // 3 mm of bleed, then 10 mm of slug that holds the crop marks.
    let (bleed, slug) = (mm(3.0), mm(10.0));
    for f in files {
        let path = d.path().join("dist").join(f["path"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        let doc = Document::load_mem(&bytes).unwrap();
        let (w, h) = (
            mm(f["width_mm"].as_f64().unwrap() as f32),
            mm(f["height_mm"].as_f64().unwrap() as f32),
        );
        for (_, id) in doc.get_pages() {
            let page = doc.get_dictionary(id).unwrap();
            let media = numbers(&doc, page.get(b"MediaBox").unwrap());
            let trim = numbers(&doc, page.get(b"TrimBox").unwrap());
            let bleed_box = numbers(&doc, page.get(b"BleedBox").unwrap());
            let edge = bleed + slug;
            assert!(
                (media[2] - media[0] - w - 2.0 * edge).abs() < 0.2
                    && (media[3] - media[1] - h - 2.0 * edge).abs() < 0.2,
                "{path:?} {media:?}"
            );
            assert!(
                (trim[2] - trim[0] - w).abs() < 0.2 && (trim[3] - trim[1] - h).abs() < 0.2,
                "{path:?} {trim:?}"
            );
            assert!(
                (trim[0] - media[0] - edge).abs() < 0.01
                    && (trim[1] - media[1] - edge).abs() < 0.01,
                "{path:?}: the trim is centred in its slug"
            );
            let exact = [
                trim[0] - bleed,
                trim[1] - bleed,
                trim[2] + bleed,
                trim[3] + bleed,
            ];
            assert!(
                bleed_box
                    .iter()
                    .zip(exact)
                    .all(|(a, b)| (a - b).abs() < 0.01),
                "{path:?}: BleedBox {bleed_box:?} is not the trim and 3 mm"
            );
            // Crop marks are black hairlines; an imposed sheet's cut guides are grey.
            let all = strokes(&doc, id);
            let black = |s: &&Stroke| s.rgb == (0.0, 0.0, 0.0) && s.width < 0.5;
            let marks: Vec<&Stroke> = all.iter().filter(black).collect();
            assert!(marks.len() >= 8, "{path:?}: {} crop marks", marks.len());
            let guides: Vec<&Stroke> = all
                .iter()
                .filter(|s| s.rgb != (0.0, 0.0, 0.0) && s.rgb.0 == s.rgb.1 && s.rgb.1 == s.rgb.2)
                .collect();
            // What is cut out: the page, or on an imposed sheet the grid of cards.
            let cut = if f["product"] == "card-wallet" {
                assert!(!guides.is_empty(), "{path:?}: no cut guides");
                let xs = guides.iter().flat_map(|s| [s.from.0, s.to.0]);
                let ys = guides.iter().flat_map(|s| [s.from.1, s.to.1]);
                [
                    xs.clone().fold(f32::MAX, f32::min),
                    ys.clone().fold(f32::MAX, f32::min),
                    xs.fold(f32::MIN, f32::max),
                    ys.fold(f32::MIN, f32::max),
                ]
            } else {
                [bleed_box[0], bleed_box[1], bleed_box[2], bleed_box[3]]
            };
            for m in &marks {
                assert!(
                    !reaches_into(m, cut),
                    "{path:?}: crop mark {m:?} inside {cut:?}"
                );
                let paper = [media[0], media[1], media[2], media[3]];
                let on_paper = |p: (f32, f32)| {
                    p.0 >= paper[0] && p.0 <= paper[2] && p.1 >= paper[1] && p.1 <= paper[3]
                };
                assert!(
                    on_paper(m.from) && on_paper(m.to),
                    "{path:?}: {m:?} off the paper"
                );
            }
        }
        assert!(!structure_types(&doc).is_empty(), "{path:?} is untagged");
        if let Ok(q) = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
        {
            assert!(
                q.status.success(),
                "qpdf --check {path:?}: {}",
                String::from_utf8_lossy(&q.stdout)
            );
        }
    }
}

#[test]
fn pdfa_builds_without_a_source_date_and_says_so_in_its_metadata() {
    let d = tempfile::tempdir().unwrap();
    let out = run(
        d.path(),
        &["build", "--lang", "ur", "--product", "poster-a4", "--pdfa"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(d.path().join("dist/ur/poster-a4.pdf")).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let metadata = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter_map(|s| s.get_plain_content().ok())
        .map(|c| String::from_utf8_lossy(&c).into_owned())
        .find(|c| c.contains("x:xmpmeta"))
        .expect("an XMP metadata stream");
    assert!(metadata.contains("pdfaid:part"), "{metadata}");
    assert!(metadata.contains("CreateDate"), "{metadata}");
}
