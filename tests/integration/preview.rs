//! Pictures of what was built (`cse-pack preview`, `--preview`), `--open`,
//! and the print shop's ZIPs (`--bleed --zip`), checked as a user would:
//! the files are there, the size they say, listed in the manifest, and the
//! ZIP holds the press PDFs and a note with the right numbers.

use crate::common::*;
use std::io::Read as _;
use std::path::Path;

fn ok(o: &std::process::Output) -> String {
    assert!(o.status.success(), "{}", raw_stderr(o));
    stdout(o)
}

/// A PNG's pixel size.
fn png_size(path: &Path) -> (u32, u32) {
    image::image_dimensions(path).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

/// The share of a picture's pixels that are not near white: a picture of a
/// page has ink on it.
fn inked(path: &Path) -> f32 {
    let picture = image::open(path).expect("a PNG").to_rgb8();
    let dark = picture
        .pixels()
        .filter(|p| p.0.iter().any(|c| *c < 200))
        .count();
    dark as f32 / (picture.width() * picture.height()) as f32
}

#[test]
fn preview_draws_each_pdf_and_a_contact_sheet_listed_in_the_manifest() {
    let d = tempfile::tempdir().unwrap();
    let out = run(
        d.path(),
        &[
            "preview",
            "--lang",
            "en,ur",
            "--product",
            "poster-a4,leaflet-trifold-a4,card-wallet",
        ],
    );
    let said = ok(&out);
    assert!(
        said.starts_with("built 6 PDFs, 6 previews and 1 contact sheet ("),
        "{said}"
    );
    let dist = d.path().join("dist");
    let files = manifest_files(&dist);
    let pdfs: Vec<&serde_json::Value> = files.iter().filter(|f| f.get("media").is_none()).collect();
    assert_eq!(pdfs.len(), 6);
    for pdf in pdfs {
        let path = pdf["path"].as_str().unwrap();
        let png = format!("preview/{}.png", path.strip_suffix(".pdf").unwrap());
        let entry = files
            .iter()
            .find(|f| f["path"] == png.as_str())
            .unwrap_or_else(|| panic!("{png} is not in the manifest"));
        assert_eq!(entry["media"], "png");
        assert_eq!(entry["product"], pdf["product"]);
        assert_eq!(entry["lang"], pdf["lang"]);
        // 800 pixels on the longest side, in the page's proportions.
        let (w, h) = png_size(&dist.join(&png));
        let (pw, ph) = (
            pdf["width_mm"].as_f64().unwrap(),
            pdf["height_mm"].as_f64().unwrap(),
        );
        assert_eq!(w.max(h), 800, "{png}: {w} x {h}");
        let expected = 800.0 * pw.min(ph) / pw.max(ph);
        assert!(
            (f64::from(w.min(h)) - expected).abs() <= 1.5,
            "{png}: {w} x {h}"
        );
        assert_eq!(w > h, pw > ph, "{png}: orientation");
        // A page, not a blank: the title band, the text.
        assert!(inked(&dist.join(&png)) > 0.05, "{png} is nearly blank");
        assert_eq!(
            std::fs::metadata(dist.join(&png)).unwrap().len(),
            entry["bytes"].as_u64().unwrap()
        );
    }
    let sheet = files
        .iter()
        .find(|f| f["path"] == "contact-sheet.png")
        .expect("the contact sheet is in the manifest");
    assert_eq!(sheet["media"], "png");
    let (w, h) = png_size(&dist.join("contact-sheet.png"));
    // Three product columns and two language rows of 150-pixel thumbnails.
    assert!(w > 3 * 150 && h > 2 * 150, "{w} x {h}");
}

#[test]
fn the_contact_sheet_grows_a_row_for_each_language() {
    let d = tempfile::tempdir().unwrap();
    let sheet = |langs: &str, out: &str| {
        ok(&run(
            d.path(),
            &[
                "preview",
                "--lang",
                langs,
                "--product",
                "poster-a5,leaflet-a5",
                "--out",
                out,
            ],
        ));
        png_size(&d.path().join(out).join("contact-sheet.png"))
    };
    let (w1, h1) = sheet("en", "one");
    let (w3, h3) = sheet("en,bn,pl", "three");
    assert_eq!(w1, w3, "the same products, the same columns");
    assert!(h3 >= h1 + 2 * 150, "{h1} then {h3}");
}

#[test]
fn build_preview_is_the_same_as_the_preview_subcommand() {
    let d = tempfile::tempdir().unwrap();
    let args = ["--lang", "en", "--product", "poster-a4"];
    ok(&run(
        d.path(),
        &[&["preview", "--out", "a"][..], &args].concat(),
    ));
    ok(&run(
        d.path(),
        &[&["build", "--preview", "--out", "b"][..], &args].concat(),
    ));
    for file in [
        "preview/en/poster-a4.png",
        "contact-sheet.png",
        "manifest.json",
    ] {
        assert_eq!(
            std::fs::read(d.path().join("a").join(file)).unwrap(),
            std::fs::read(d.path().join("b").join(file)).unwrap(),
            "{file}"
        );
    }
}

/// A folder with a fake `xdg-open` that writes what it was asked to open
/// into `opened.txt` beside it.
#[cfg(target_os = "linux")]
fn fake_opener() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt as _;
    let bin = tempfile::tempdir().unwrap();
    let script = bin.path().join("xdg-open");
    let log = bin.path().join("opened.txt");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{}'\n", log.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

#[cfg(target_os = "linux")]
#[test]
fn open_shows_the_contact_sheet_or_else_the_output_folder() {
    let bin = fake_opener();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let d = tempfile::tempdir().unwrap();
    let one = ["--lang", "en", "--product", "poster-a5"];
    let o = cse_pack(d.path(), &[&["preview", "--open"][..], &one].concat())
        .env("PATH", &path)
        .output()
        .unwrap();
    ok(&o);
    let opened = std::fs::read_to_string(bin.path().join("opened.txt")).unwrap();
    assert_eq!(opened.trim(), "dist/contact-sheet.png");
    // Without pictures, the folder.
    std::fs::remove_file(bin.path().join("opened.txt")).unwrap();
    let o = cse_pack(
        d.path(),
        &[&["build", "--open", "--out", "plain"][..], &one].concat(),
    )
    .env("PATH", &path)
    .output()
    .unwrap();
    ok(&o);
    let opened = std::fs::read_to_string(bin.path().join("opened.txt")).unwrap();
    assert_eq!(opened.trim(), "plain");
}

#[cfg(target_os = "linux")]
#[test]
fn no_opener_is_a_warning_and_the_build_still_succeeds() {
    let empty = tempfile::tempdir().unwrap();
    let d = tempfile::tempdir().unwrap();
    let o = cse_pack(
        d.path(),
        &[
            "preview",
            "--open",
            "--lang",
            "en",
            "--product",
            "poster-a5",
        ],
    )
    .env("PATH", empty.path())
    .output()
    .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", raw_stderr(&o));
    let err = raw_stderr(&o);
    assert!(
        err.contains(
            "warning: could not open `dist/contact-sheet.png`: `xdg-open` could not be run"
        ),
        "{err}"
    );
    assert!(d.path().join("dist/contact-sheet.png").is_file());
}

/// The names and contents of the files in a ZIP, in order.
fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (file.name().expect("a UTF-8 name").to_string(), bytes)
        })
        .collect()
}

/// A PDF's first MediaBox, in millimetres.
fn media_box_mm(pdf: &Path) -> (f32, f32) {
    let doc = lopdf::Document::load(pdf).unwrap();
    let page = doc.get_pages()[&1];
    let page = doc.get_dictionary(page).unwrap();
    let b: Vec<f32> = page
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_float().unwrap())
        .collect();
    let mm = |pt: f32| pt / 72.0 * 25.4;
    (mm(b[2] - b[0]), mm(b[3] - b[1]))
}

#[test]
fn bleed_zip_holds_the_press_pdfs_and_what_the_print_shop_needs_to_know() {
    let d = tempfile::tempdir().unwrap();
    let args = [
        "build",
        "--bleed",
        "--zip",
        "--lang",
        "en,ur",
        "--product",
        "poster-a4,leaflet-trifold-a4,card-wallet",
    ];
    let said = ok(&run(d.path(), &args));
    assert!(
        said.starts_with("built 6 PDFs and 1 print-shop ZIP ("),
        "{said}"
    );
    let dist = d.path().join("dist");
    let zip = dist.join("print-shop/cse-pack.zip");
    let files = unzip(&zip);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "PRINT-SHOP.txt",
            "en/card-wallet.pdf",
            "en/leaflet-trifold-a4.pdf",
            "en/poster-a4.pdf",
            "ur/card-wallet.pdf",
            "ur/leaflet-trifold-a4.pdf",
            "ur/poster-a4.pdf",
        ]
    );
    // The press PDFs themselves, byte for byte.
    for (name, bytes) in &files[1..] {
        assert_eq!(bytes, &std::fs::read(dist.join(name)).unwrap(), "{name}");
    }
    let note = String::from_utf8(files[0].1.clone()).unwrap();
    // The MediaBox the note gives is the PDF's own: trim + 2 × (3 + 10) mm.
    let (mw, mh) = media_box_mm(&dist.join("en/poster-a4.pdf"));
    assert!(
        (mw - 236.0).abs() < 0.1 && (mh - 323.0).abs() < 0.1,
        "{mw} x {mh}"
    );
    for text in [
        "en/poster-a4.pdf\n  finished size: 210 x 297 mm (A4 portrait)\n  MediaBox: 236 x 323 mm\n  pages: 1, one-sided\n",
        "en/leaflet-trifold-a4.pdf\n  finished size: 297 x 210 mm (A4 landscape)\n  MediaBox: 323 x 236 mm\n  pages: 2, double-sided, flip on the short edge\n",
        "en/card-wallet.pdf\n  finished size: 210 x 297 mm (A4 portrait)\n  MediaBox: 236 x 323 mm\n  pages: 2, double-sided, flip on the long edge\n",
        "at 97 mm and 197 mm from the left edge of the outside",
        "folds at 100 mm and 200 mm from the left",
        "ten 85 × 55 mm cards",
        "3 mm of bleed on every side and a 10 mm slug",
    ] {
        assert!(note.contains(text), "{text:?} not in:\n{note}");
    }
    let entry = manifest_files(&dist)
        .into_iter()
        .find(|f| f["path"] == "print-shop/cse-pack.zip")
        .expect("the ZIP is in the manifest");
    assert_eq!(entry["media"], "zip");
    assert_eq!(entry["pages"], 6);
    // The same build, the same bytes: fixed timestamps, fixed order.
    let first = std::fs::read(&zip).unwrap();
    ok(&run(d.path(), &args));
    assert_eq!(first, std::fs::read(&zip).unwrap());
}

#[test]
fn a_batch_gets_one_zip_per_organisation_with_only_its_own_pdfs() {
    let d = folder_with(&[(
        "orgs.csv",
        "name,dsl.name,dsl.phone\nSchool A,Ms A,0121 496 0000\nSchool B,Mr B,0121 496 0001\n",
    )]);
    let said = ok(&build_one(
        d.path(),
        &["--orgs", "orgs.csv", "--bleed", "--zip"],
    ));
    assert!(
        said.contains("built 2 PDFs and 2 print-shop ZIPs ("),
        "{said}"
    );
    let dist = d.path().join("dist");
    for org in ["school-a", "school-b"] {
        let files = unzip(&dist.join(format!("print-shop/{org}.zip")));
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["PRINT-SHOP.txt", "en/poster-a4.pdf"], "{org}");
        assert_eq!(
            files[1].1,
            std::fs::read(dist.join(org).join("en/poster-a4.pdf")).unwrap(),
            "{org}"
        );
        let note = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(
            note.starts_with(&format!("Print-ready PDFs for {org} (")),
            "{note}"
        );
    }
}

#[test]
fn zip_without_bleed_is_a_command_line_error() {
    let d = tempfile::tempdir().unwrap();
    let o = build_one(d.path(), &["--zip"]);
    assert_eq!(o.status.code(), Some(2), "{}", raw_stderr(&o));
    assert!(raw_stderr(&o).contains("--bleed"), "{}", raw_stderr(&o));
    assert!(!d.path().join("dist").exists());
}
