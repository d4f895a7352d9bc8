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
    let bleed = 3.0 * 72.0 / 25.4;
    for f in files {
        let path = d.path().join("dist").join(f["path"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        let doc = Document::load_mem(&bytes).unwrap();
        let (w, h) = (
            f["width_mm"].as_f64().unwrap() as f32 * 72.0 / 25.4,
            f["height_mm"].as_f64().unwrap() as f32 * 72.0 / 25.4,
        );
        for (_, id) in doc.get_pages() {
            let page = doc.get_dictionary(id).unwrap();
            let media = numbers(&doc, page.get(b"MediaBox").unwrap());
            let trim = numbers(&doc, page.get(b"TrimBox").unwrap());
            let bleed_box = numbers(&doc, page.get(b"BleedBox").unwrap());
            assert!(
                (media[2] - media[0] - w - 2.0 * bleed).abs() < 0.2,
                "{path:?} {media:?}"
            );
            assert!(
                (trim[2] - trim[0] - w).abs() < 0.2 && (trim[3] - trim[1] - h).abs() < 0.2,
                "{path:?} {trim:?}"
            );
            assert!((trim[0] - media[0] - bleed).abs() < 0.01, "{path:?}");
            assert_eq!(bleed_box, media, "{path:?}");
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
