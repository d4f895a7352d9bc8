//! The core on its own: a build through the library API, from in-memory
//! trees and bytes and a fixed date, gives the very bytes the CLI writes.

use crate::common::{repo, run, stderr};
use cse_pack::images::{Folder, ImageCache, ImageMap};
use cse_pack::model::{Date, Org};
use cse_pack::output::Output;
use cse_pack::{Inputs, LoadOptions, Personal, Selection};
use std::collections::HashMap;

const TODAY: Date = Date {
    year: 2026,
    month: 12,
    day: 1,
};

/// Products that between them cover a poster, a leaflet and a card, left to right and right to left.
const PRODUCTS: &str = "poster-a4,leaflet-a5,card-wallet";
const LANGS: &str = "en,ur";

/// The embedded fonts, parsed once for these tests, as a face would.
fn book() -> &'static cse_pack::fonts::FontBook {
    static BOOK: std::sync::LazyLock<cse_pack::fonts::FontBook> =
        std::sync::LazyLock::new(cse_pack::fonts::FontBook::embedded);
    &BOOK
}

/// Build through the core alone: the embedded trees, no clock, one thread.
fn core_build(org: Option<&Org>) -> Vec<Output> {
    let inputs = Inputs::embedded(
        book(),
        LoadOptions {
            today: TODAY,
            allow_stale: false,
        },
    );
    let loaded = cse_pack::load(&inputs).expect("the embedded content loads");
    let selection = Selection {
        langs: LANGS.split(',').map(String::from).collect(),
        products: PRODUCTS.split(',').map(String::from).collect(),
        nation: cse_pack::model::Nation::England,
        bleed: false,
    };
    let jobs = cse_pack::plan(&loaded, &selection).expect("the selection is valid");
    let personal = Personal {
        org,
        org_folder: false,
    };
    let (outputs, _) =
        cse_pack::make_documents(&loaded, &jobs, &selection, &Default::default(), personal)
            .expect("the documents build");
    outputs
}

/// The fixture organisation, from its text and its logo's bytes, read by
/// this test (not by the library) into memory.
fn fixture_org() -> Org {
    let dir = repo().join("tests/fixtures/org");
    let text = std::fs::read(dir.join("org.toml")).expect("fixture org.toml");
    let logo = std::fs::read(dir.join("logo.png")).expect("fixture logo");
    let images = ImageMap {
        folder: Folder::OrgFile,
        files: HashMap::from([("logo.png".to_string(), logo.into())]),
    };
    let mut cache = ImageCache::default();
    cse_pack::orgs::load_org_file(text, "org.toml", &images, &mut cache, book())
        .unwrap_or_else(|ds| panic!("the fixture organisation loads: {ds:?}"))
}

/// Run the CLI into a temporary folder and compare every document the core
/// made with the file the CLI wrote at the same path.
fn assert_same_as_cli(outputs: &[Output], extra: &[&str]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("dist");
    let out_arg = out.to_str().expect("utf-8 temp path");
    let mut args = vec![
        "build",
        "--lang",
        LANGS,
        "--product",
        PRODUCTS,
        "--out",
        out_arg,
    ];
    args.extend_from_slice(extra);
    let o = run(&repo(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(outputs.len(), 6, "two languages × three products");
    for doc in outputs {
        let written = std::fs::read(out.join(&doc.info.path))
            .unwrap_or_else(|e| panic!("the CLI wrote `{}`: {e}", doc.info.path));
        assert!(
            written == doc.bytes,
            "`{}` differs: the CLI wrote {} bytes, the core made {}",
            doc.info.path,
            written.len(),
            doc.bytes.len()
        );
    }
}

#[test]
fn the_core_makes_the_bytes_the_cli_writes() {
    assert_same_as_cli(&core_build(None), &[]);
}

#[test]
fn an_organisation_given_as_bytes_makes_the_bytes_the_cli_writes() {
    let org = fixture_org();
    assert!(org.logo.is_some(), "the fixture has a logo");
    let outputs = core_build(Some(&org));
    let org_file = repo().join("tests/fixtures/org/org.toml");
    assert_same_as_cli(&outputs, &["--org", org_file.to_str().expect("utf-8 path")]);
}

#[test]
fn an_image_missing_from_memory_is_the_message_the_cli_gives() {
    let images = ImageMap {
        folder: Folder::OrgFile,
        files: HashMap::new(),
    };
    let text = b"name = \"A School\"\nlogo = \"logo.png\"\n".to_vec();
    let errors =
        cse_pack::orgs::load_org_file(text, "org.toml", &images, &mut Default::default(), book())
            .expect_err("the logo is missing");
    assert_eq!(
        errors[0].message,
        "`logo`: there is no file `logo.png` in the organisation file's folder"
    );
}
