//! The web face against the CLI's own path: same PDF bytes for the same
//! `org.toml` and images, and problems that name their field.

use super::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/orgs")
        .join(name)
}

/// Call the core as the page does; the answer's JSON and its blobs.
fn ask(request: Value, blobs: &[u8]) -> (Value, Vec<u8>) {
    let json = serde_json::to_vec(&request).unwrap();
    let answer = call(&abi::frame(&json, blobs));
    let (json, data) = abi::unframe(&answer);
    (serde_json::from_slice(json).unwrap(), data.to_vec())
}

fn build(
    org_toml: &str,
    images: &[(&str, Vec<u8>)],
    product: &str,
    lang: &str,
) -> (Value, Vec<u8>) {
    let mut blobs = Vec::new();
    let mut refs = serde_json::Map::new();
    for (name, bytes) in images {
        refs.insert(
            name.to_string(),
            json!({ "at": blobs.len(), "len": bytes.len() }),
        );
        blobs.extend_from_slice(bytes);
    }
    ask(
        json!({
            "op": "build", "today": "2026-12-01", "org_toml": org_toml, "images": refs,
            "langs": [lang], "products": [product], "nation": "england",
        }),
        &blobs,
    )
}

#[test]
fn a_poster_from_the_page_is_the_clis() {
    let dir = fixture("oakwood-park-academy");
    let toml = std::fs::read_to_string(dir.join("org.toml")).unwrap();
    let images = [
        ("logo.png", std::fs::read(dir.join("logo.png")).unwrap()),
        ("dsl.png", std::fs::read(dir.join("dsl.png")).unwrap()),
    ];
    let (answer, data) = build(&toml, &images, "poster-a4", "en");
    assert_eq!(answer["ok"], true, "{answer}");
    let doc = &answer["documents"][0];
    let (at, len) = (
        doc["at"].as_u64().unwrap() as usize,
        doc["len"].as_u64().unwrap() as usize,
    );
    let page = &data[at..at + len];

    // The CLI's path: folders, the org file from disk, the same core calls.
    let loaded = cse_pack::cli::inputs::load(None, None, false).unwrap();
    let org = cse_pack::cli::inputs::load_org_file(&dir.join("org.toml"), &mut Default::default())
        .unwrap();
    let selection = Selection {
        langs: vec!["en".into()],
        products: vec!["poster-a4".into()],
        nation: cse_pack::model::Nation::England,
        bleed: false,
    };
    let jobs = cse_pack::plan(&loaded, &selection).unwrap();
    let personal = Personal {
        org: Some(&org),
        org_folder: false,
    };
    let options = cse_pack::render::RenderOptions::default();
    let (outputs, _) =
        cse_pack::make_documents(&loaded, &jobs, &selection, &options, personal).unwrap();
    assert!(
        outputs[0].bytes == page,
        "the page's PDF differs from the CLI's"
    );
    assert_eq!(doc["sha256"], cse_pack::output::sha256_hex(page));
    assert_eq!(doc["org"], org.slug);
}

#[test]
fn problems_name_the_field_they_concern() {
    let toml = "name = \"St Aidan's\"\nbrand-colour = \"#FFE600\"\nlogo = \"logo.png\"\n\n[dsl]\nname = \"Ms A\"\nphone = \"12\"\n";
    let (answer, _) = build(toml, &[], "poster-a4", "en");
    assert_eq!(answer["ok"], false);
    let fields: Vec<&str> = answer["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["field"].as_str())
        .collect();
    for field in ["brand-colour", "logo", "dsl.phone"] {
        assert!(fields.contains(&field), "{field} in {answer}");
    }
    let brand = answer["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["field"] == "brand-colour")
        .unwrap();
    assert!(
        brand["message"]
            .as_str()
            .unwrap()
            .contains("below the 4.5:1")
    );
    assert!(
        brand["hint"]
            .as_str()
            .unwrap()
            .contains("nearest darker shade")
    );
}

#[test]
fn org_toml_is_read_by_the_cores_parser() {
    let (answer, _) = ask(
        json!({ "op": "parse", "org_toml": "name = \"A\"\n[dsl]\nname = \"B\"\n" }),
        &[],
    );
    assert_eq!(
        answer["org"],
        json!({ "name": "A", "dsl": { "name": "B" } })
    );
    let (answer, _) = ask(
        json!({ "op": "parse", "org_toml": "name = \"A\"\nmotto = \"x\"\n" }),
        &[],
    );
    assert_eq!(answer["ok"], false);
    let d = &answer["diagnostics"][0];
    assert!(d["message"].as_str().unwrap().contains("motto"), "{d}");
    assert_eq!(d["line"], 2);
}

#[test]
fn info_lists_languages_with_their_review_status() {
    let (answer, _) = ask(json!({ "op": "info", "today": "2026-12-01" }), &[]);
    let langs = answer["info"]["languages"].as_array().unwrap();
    let ur = langs.iter().find(|l| l["code"] == "ur").unwrap();
    assert_eq!(ur["rtl"], true);
    assert!(matches!(ur["status"].as_str(), Some("draft" | "reviewed")));
    let products = answer["info"]["products"].as_array().unwrap();
    assert!(
        products
            .iter()
            .any(|p| p["id"] == "poster-a4" && p["sides"] == 1)
    );
}

#[test]
fn fonts_are_the_shipped_files_with_their_css_names() {
    let (answer, data) = ask(
        json!({ "op": "fonts", "families": ["NotoSansBengali", "NotoNastaliqUrdu"] }),
        &[],
    );
    assert_eq!(answer["ok"], true, "{answer}");
    let fonts = answer["fonts"].as_array().unwrap();
    let families: Vec<&str> = fonts
        .iter()
        .map(|f| f["family"].as_str().unwrap())
        .collect();
    assert_eq!(families, ["Noto Sans Bengali", "Noto Nastaliq Urdu"]);
    for f in fonts {
        let file = f["file"].as_str().unwrap();
        let shipped =
            std::fs::read(format!("{}/../../fonts/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let (at, len) = (
            f["at"].as_u64().unwrap() as usize,
            f["len"].as_u64().unwrap() as usize,
        );
        assert!(
            data[at..at + len] == shipped[..],
            "{file} is not the shipped file"
        );
    }
    let (answer, data) = ask(
        json!({ "op": "fonts", "families": ["NotoSansKlingon"] }),
        &[],
    );
    assert_eq!(answer["ok"], false);
    assert!(data.is_empty());
    assert!(
        answer["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("NotoSansKlingon-Regular.ttf")
    );
}
