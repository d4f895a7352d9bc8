//! Personalised packs: an organisation's name, logo, contacts and QR code;
//! brand colours; `init`; and a batch from a CSV with a broken row.

use crate::common::*;
use std::path::Path;

fn fixture_org() -> std::path::PathBuf {
    repo().join("tests/fixtures/org/org.toml")
}

#[test]
fn a_fixture_org_builds_every_product_with_its_contacts() {
    let d = tempfile::tempdir().unwrap();
    let org = fixture_org();
    let out = run(
        d.path(),
        &["build", "--lang", "en", "--org", org.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let files = manifest_files(&d.path().join("dist"));
    assert_eq!(files.len(), 11);
    assert!(files.iter().all(|f| f["org"] == "example-academy"));
    // Products without room for every local contact say so.
    // Each detail a product leaves off is a warning at its line in org.toml,
    // naming the products; its hint names only products that show it.
    let err = stderr(&out);
    let deputy = err
        .lines()
        .find(|l| l.contains("`deputy-dsl` is left off"))
        .unwrap_or_else(|| panic!("no warning for the deputy:\n{err}"));
    assert!(deputy.starts_with("warning: "), "{deputy}");
    assert!(deputy.contains("org.toml:15:"), "{deputy}");
    assert!(deputy.contains("`card-wallet`"), "{deputy}");
    assert!(!deputy.contains("`poster-a3`"), "{deputy}");

    let Some(text) = pdftotext(&d.path().join("dist/en/poster-a4.pdf")) else {
        eprintln!("pdftotext is not installed; skipping the text checks");
        return;
    };
    for wanted in [
        "Ms Jane Doe",
        "0121 496 0000",
        "0121 496 0002",
        "Example Academy",
    ] {
        assert!(text.contains(wanted), "{wanted} missing from:\n{text}");
    }
    let card = pdftotext(&d.path().join("dist/en/card-wallet.pdf")).unwrap();
    assert!(card.contains("0121 496 0000"), "{card}");
}

#[test]
fn the_qr_code_on_the_poster_decodes_to_the_address() {
    let d = tempfile::tempdir().unwrap();
    let org = fixture_org();
    let out = build_one(d.path(), &["--org", org.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let png = d.path().join("page");
    let rendered = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "150", "-singlefile"])
        .arg(d.path().join("dist/en/poster-a4.pdf"))
        .arg(&png)
        .status();
    let Ok(status) = rendered else {
        eprintln!("pdftoppm is not installed; skipping the QR check");
        return;
    };
    assert!(status.success());
    let Ok(zbar) = std::process::Command::new("zbarimg")
        .args(["-q", "--raw"])
        .arg(png.with_extension("png"))
        .output()
    else {
        eprintln!("zbarimg is not installed; skipping the QR check");
        return;
    };
    assert_eq!(
        String::from_utf8_lossy(&zbar.stdout).trim(),
        "https://www.example-academy.org.uk/safeguarding"
    );
}

fn write_org(dir: &Path, extra: &str) -> std::path::PathBuf {
    let path = dir.join("org.toml");
    std::fs::write(&path, format!("name = \"Test School\"\n{extra}")).unwrap();
    path
}

#[test]
fn a_brand_colour_too_light_for_white_text_is_refused_with_a_passing_shade() {
    let d = tempfile::tempdir().unwrap();
    let org = write_org(d.path(), "brand-colour = \"#FFE600\"\n");
    let out = check_one(d.path(), &["--org", org.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("org.toml:2:16: brand colour #FFE600 gives white text a contrast of"),
        "{err}"
    );
    assert!(
        err.contains("hint: the nearest darker shade that passes is #"),
        "{err}"
    );

    let org = write_org(d.path(), "brand-colour = \"#005EA5\"\n");
    let out = check_one(d.path(), &["--org", org.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_huge_logo_is_shrunk_to_print_resolution() {
    let d = tempfile::tempdir().unwrap();
    // Pixel (x, y) is (x / 24, y / 24, 160, 255): built a row at a time (each
    // row is one of 250 patterns), not 36 million calls in a debug build.
    let side = 6000usize;
    let patterns: Vec<Vec<u8>> = (0..side.div_ceil(24))
        .map(|g| {
            (0..side)
                .flat_map(|x| [(x / 24) as u8, g as u8, 160, 255])
                .collect()
        })
        .collect();
    let mut raw = Vec::with_capacity(side * side * 4);
    for y in 0..side {
        raw.extend_from_slice(&patterns[y / 24]);
    }
    let img = image::RgbaImage::from_raw(side as u32, side as u32, raw).unwrap();
    img.save(d.path().join("logo.png")).unwrap();
    let org = write_org(d.path(), "logo = \"logo.png\"\n");
    let out = build_one(d.path(), &["--org", org.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let size = std::fs::metadata(d.path().join("dist/en/poster-a4.pdf"))
        .unwrap()
        .len();
    assert!(size < 300 * 1024, "{size} bytes");
}

#[test]
fn init_writes_an_org_file_and_never_overwrites_one() {
    let d = tempfile::tempdir().unwrap();
    let out = run(d.path(), &["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = std::fs::read_to_string(d.path().join("org.toml")).unwrap();
    assert!(written.contains("[dsl]") && written.contains("brand-colour"));
    std::fs::write(d.path().join("org.toml"), "name = \"Mine\"\n").unwrap();
    let out = run(d.path(), &["init"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists; not overwriting it"));
    assert_eq!(
        std::fs::read_to_string(d.path().join("org.toml")).unwrap(),
        "name = \"Mine\"\n"
    );
}

#[test]
fn a_batch_builds_every_good_row_and_reports_the_bad_one() {
    let d = tempfile::tempdir().unwrap();
    add_logo(d.path());
    let mut csv = String::from(
        "name,logo,website,brand-colour,dsl.name,dsl.phone,childrens-services.phone\n",
    );
    // Sixty rows, the bad one among them: what a batch does with a bad row
    // does not change with its length (200 rows are the benchmark's job).
    for i in 1..=60 {
        if i == 57 {
            csv.push_str("Broken School,logo.png,https://example.org,#FFE600,Ms A,0121 496 0000,0121 496 0001\n");
        } else {
            csv.push_str(&format!("School {i},logo.png,https://example.org/{i},#005EA5,Ms A,0121 496 0000,0121 496 0001\n"));
        }
    }
    std::fs::write(d.path().join("schools.csv"), csv).unwrap();
    let out = build_one(d.path(), &["--orgs", "schools.csv"]);
    assert_eq!(out.status.code(), Some(1), "a bad row makes the run fail");
    let err = stderr(&out);
    // Row 57 of the data is line 58 of the file (after the header); brand-colour is
    // the fourth cell, at character 44.
    assert!(
        err.contains("schools.csv:58:44: row 58, column `brand-colour`: brand colour #FFE600"),
        "{err}"
    );
    let files = manifest_files(&d.path().join("dist"));
    assert_eq!(files.len(), 59);
    assert!(d.path().join("dist/school-1/en/poster-a4.pdf").is_file());
    assert!(d.path().join("dist/school-60/en/poster-a4.pdf").is_file());
    assert!(!d.path().join("dist/broken-school").exists());
}

#[test]
fn an_org_name_in_another_script_prints_and_an_emoji_is_refused_at_its_line() {
    let d = tempfile::tempdir().unwrap();
    // A name partly in Urdu: the English poster borrows a font that has it.
    let path = d.path().join("org.toml");
    std::fs::write(
        &path,
        "name = \"Al-Noor Centre · مرکز النور\"\n\n[dsl]\nname = \"Ms Jane Doe\"\nphone = \"0121 496 0000\"\n",
    )
    .unwrap();
    let out = build_one(d.path(), &["--org", "org.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    if let Some(text) = pdftotext(&d.path().join("dist/en/poster-a4.pdf")) {
        assert!(text.contains("مرکز النور"), "{text}");
    }

    // A character no shipped font has is named at its file, line and key.
    std::fs::write(
        &path,
        "name = \"Test School\"\n\n[dsl]\nname = \"Ms Jane Doe \u{1F642}\"\nphone = \"0121 496 0000\"\n",
    )
    .unwrap();
    let out = run(
        d.path(),
        &["check", "--product", "poster-a4", "--org", "org.toml"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("org.toml:4:8: `dsl.name` has U+1F642"),
        "{err}"
    );
    assert_eq!(err.matches("U+1F642").count(), 1, "reported once: {err}");
}

#[test]
fn an_org_file_or_csv_over_the_input_limit_is_refused_unread() {
    let d = tempfile::tempdir().unwrap();
    let big = "#".repeat(5 * 1024 * 1024);
    std::fs::write(d.path().join("org.toml"), &big).unwrap();
    std::fs::write(d.path().join("orgs.csv"), &big).unwrap();
    for (flag, file) in [("--org", "org.toml"), ("--orgs", "orgs.csv")] {
        let out = run(d.path(), &["check", "--product", "poster-a4", flag, file]);
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert!(
            err.contains(&format!("`{file}` is larger than the 4 MB limit")),
            "{err}"
        );
    }
}
