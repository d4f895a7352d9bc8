//! Hostile images: paths that leave the organisation's folder, links out of
//! it, a PNG that claims 144 million pixels, and the forms real files come in
//! (CMYK, paletted, 16-bit, ICC profile, EXIF rotation).

use crate::common::*;
use crate::hostile::{assert_terminal_safe, folder, messages, org_with, refused};

#[test]
fn image_paths_must_stay_in_the_organisation_folder() {
    for field in ["logo", "dsl.photo"] {
        let err = refused(field, "../../etc/passwd");
        assert!(
            err.contains("goes outside the organisation file's folder"),
            "{err}"
        );
        let err = refused(field, "/etc/passwd");
        assert!(err.contains("is an absolute path"), "{err}");
    }
    // A link inside the folder to a file outside it.
    let outside = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/org/logo.png"),
        outside.path().join("secret.png"),
    )
    .unwrap();
    let (org, line, col) = org_with("logo", "link.png");
    let d = folder(&org);
    std::os::unix::fs::symlink(outside.path().join("secret.png"), d.path().join("link.png"))
        .unwrap();
    let err = messages(d.path()).unwrap_err();
    assert!(
        err.contains(&format!(
            "org.toml:{line}:{col}: `logo` `link.png` is a link to a file outside"
        )),
        "{err}"
    );
    // A link that stays inside is fine.
    std::fs::create_dir(d.path().join("img")).unwrap();
    std::fs::copy(d.path().join("logo.png"), d.path().join("img/real.png")).unwrap();
    std::fs::remove_file(d.path().join("link.png")).unwrap();
    std::os::unix::fs::symlink("img/real.png", d.path().join("link.png")).unwrap();
    assert!(messages(d.path()).is_ok());
}

/// A PNG that says it is `w` × `h` pixels of RGBA, with a little real image
/// data: a few kilobytes that would take `4 w h` bytes to decode.
fn bomb_png(w: u32, h: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend(kind);
        out.extend(data);
        out.extend(crc.sum().to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    // Rows of zeros compress to almost nothing: 64 rows here.
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let row = vec![0u8; 1 + 4 * w as usize];
    for _ in 0..64 {
        std::io::Write::write_all(&mut z, &row).unwrap();
    }
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", &[]);
    out
}

#[test]
fn a_png_claiming_twelve_thousand_pixels_square_is_refused_before_decoding() {
    let (org, line, col) = org_with("logo", "bomb.png");
    let d = folder(&org);
    let bomb = bomb_png(12_000, 12_000);
    assert!(bomb.len() < 20_000, "{} bytes", bomb.len());
    std::fs::write(d.path().join("bomb.png"), &bomb).unwrap();
    let started = std::time::Instant::now();
    let err = messages(d.path()).unwrap_err();
    assert!(
        err.contains(&format!(
            "org.toml:{line}:{col}: `logo` `bomb.png`: it says it is 12000 × 12000 pixels (144 million); the limit is 50 million"
        )),
        "{err}"
    );
    // Refused from the header: decoding 576 MB would take far longer.
    assert!(started.elapsed().as_secs() < 5);
    // The same through the binary, for a photo.
    let (org, line, col) = org_with("dsl.photo", "bomb.png");
    std::fs::write(d.path().join("org.toml"), org).unwrap();
    let out = run(
        d.path(),
        &["check", "--product", "poster-a4", "--org", "org.toml"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_terminal_safe(&err);
    assert!(
        err.contains(&format!(
            "org.toml:{line}:{col}: `dsl.photo` `bomb.png`: it says it is 12000 × 12000"
        )),
        "{err}"
    );
}

#[test]
fn images_in_the_forms_schools_have_decode_the_right_way_up() {
    let dir = repo().join("tests/fixtures/images");
    for file in [
        "cmyk.jpg",
        "paletted.png",
        "grey16.png",
        "icc.png",
        "rotated.jpg",
    ] {
        let folder =
            cse_pack::cli::inputs::DiskImages::new(dir.clone(), cse_pack::images::Folder::OrgFile);
        let p = cse_pack::images::load_image(&folder, file, "dsl.photo", &mut Default::default())
            .unwrap_or_else(|d| panic!("{file}: {d}"));
        assert_eq!((p.width, p.height), (120, 160), "{file}");
        // The disc's centre is dark, the background light, the bar below.
        let at = |x: u32, y: u32| {
            let i = ((y * p.width + x) * 4) as usize;
            [p.rgba[i], p.rgba[i + 1], p.rgba[i + 2]]
        };
        let lum = |c: [u8; 3]| c.iter().map(|v| u32::from(*v)).sum::<u32>();
        assert!(lum(at(60, 60)) < 300, "{file}: disc {:?}", at(60, 60));
        assert!(lum(at(5, 5)) > 600, "{file}: background {:?}", at(5, 5));
        if file != "grey16.png" {
            let disc = at(60, 60);
            assert!(
                disc[2] > disc[0] + 40,
                "{file}: the disc is blue, not {disc:?}"
            );
            let bar = at(60, 130);
            assert!(bar[0] > bar[2] + 60, "{file}: the bar is red, not {bar:?}");
        }
    }
}

#[test]
fn a_missing_image_and_a_file_that_is_not_utf8_are_said_plainly() {
    let err = refused("dsl.photo", "Photos\\\\dsl.jpg");
    assert!(
        err.contains("there is no file `Photos\\dsl.jpg` in the organisation file's folder"),
        "{err}"
    );
    assert!(err.contains("write `/` between folder names"), "{err}");
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("org.toml"), b"name = \"Caf\xe9 School\"\n").unwrap();
    let err = messages(d.path()).unwrap_err();
    assert!(
        err.contains("org.toml:1:12: the file is not UTF-8 text"),
        "{err}"
    );
    assert!(err.contains("hint: save it as UTF-8"), "{err}");
}

#[test]
fn csv_rows_carry_kind_titles_and_photos_relative_to_the_csv() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join("photos")).unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/images/rotated.jpg"),
        d.path().join("photos/dsl.jpg"),
    )
    .unwrap();
    std::fs::write(
        d.path().join("orgs.csv"),
        "name,kind,dsl.name,dsl.title,dsl.photo,dsl.phone,deputy-dsl.name,deputy-dsl.title,deputy-dsl.photo\n\
         Riverside Surgery,gp-practice,Dr A Khan,Safeguarding Lead (adults and children),photos/dsl.jpg,0121 496 0000 x204,Ms B Roe,Practice Manager,\n\
         Bad Kind,gp,Ms C,,,0121 496 0000,,,\n\
         Escaping Photo,charity,Ms D,,../../dsl.jpg,0121 496 0000,,,\n",
    )
    .unwrap();
    let mut cache = Default::default();
    let csv = cse_pack::cli::inputs::load_orgs_csv(&d.path().join("orgs.csv"), &mut cache).unwrap();
    let rows = &csv.batch;
    let org = &csv.org(&rows.rows[0], &mut cache).unwrap();
    assert_eq!(org.kind, cse_pack::model::OrgKind::GpPractice);
    let dsl = org.dsl.as_ref().unwrap();
    assert_eq!(
        dsl.title.as_deref(),
        Some("Safeguarding Lead (adults and children)")
    );
    assert_eq!(dsl.phone.as_deref(), Some("0121 496 0000 ext. 204"));
    let photo = dsl.photo.as_ref().unwrap();
    assert_eq!((photo.width, photo.height), (120, 160), "turned upright");
    let deputy = org.deputy_dsl.as_ref().unwrap();
    assert_eq!(deputy.title.as_deref(), Some("Practice Manager"));
    assert!(deputy.photo.is_none());
    // Column numbers count characters, as everywhere: the cell, not its index.
    let shown = |i: usize| {
        located(&cse_pack::diag::Diagnostics(rows.rows[i].org.clone().unwrap_err()).to_string())
    };
    assert!(
        shown(1).contains(
            "orgs.csv:3:10: row 3, column `kind`: `kind` is `gp`, which is not a kind cse-pack knows"
        ),
        "{}",
        shown(1)
    );
    assert!(shown(1).contains("hint: write one of `school`, `gp-practice`, `charity`"));
    assert!(
        shown(2).contains(
            "orgs.csv:4:30: row 4, column `dsl.photo`: `dsl.photo` `../../dsl.jpg` goes outside the CSV's folder"
        ),
        "{}",
        shown(2)
    );
}

#[test]
fn rows_that_share_a_logo_share_one_decoded_copy() {
    let d = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/images/icc.png"),
        d.path().join("logo.png"),
    )
    .unwrap();
    let mut csv = String::from("name,logo,dsl.name\n");
    for i in 0..5 {
        csv.push_str(&format!("School {i},logo.png,Ms A\n"));
    }
    std::fs::write(d.path().join("orgs.csv"), csv).unwrap();
    let mut cache = Default::default();
    let csv = cse_pack::cli::inputs::load_orgs_csv(&d.path().join("orgs.csv"), &mut cache).unwrap();
    let orgs: Vec<_> = csv
        .batch
        .rows
        .iter()
        .map(|r| csv.org(r, &mut cache).unwrap())
        .collect();
    let logos: Vec<_> = orgs.iter().map(|o| o.logo.clone().unwrap()).collect();
    assert!(logos.iter().all(|l| std::sync::Arc::ptr_eq(l, &logos[0])));
}

#[test]
fn a_batch_holds_no_row_s_own_logo_until_its_documents_are_made() {
    // Each row its own logo (a trust's schools): the rows keep none of
    // them, so memory does not grow with rows; each is read again, right,
    // when its row is made.
    let d = tempfile::tempdir().unwrap();
    let mut csv = String::from("name,logo,dsl.name\n");
    let sizes = [(1, 1), (3, 2), (2, 5)];
    for (i, (w, h)) in sizes.iter().enumerate() {
        let png = image::RgbaImage::from_pixel(*w, *h, image::Rgba([0, 90, 160, 255]));
        png.save(d.path().join(format!("logo{i}.png"))).unwrap();
        csv.push_str(&format!("School {i},logo{i}.png,Ms A\n"));
    }
    std::fs::write(d.path().join("orgs.csv"), csv).unwrap();
    let mut cache = Default::default();
    let csv = cse_pack::cli::inputs::load_orgs_csv(&d.path().join("orgs.csv"), &mut cache).unwrap();
    for (row, (w, h)) in csv.batch.rows.iter().zip(sizes) {
        assert!(row.org.as_ref().unwrap().logo.is_none(), "kept at load");
        let logo = csv.org(row, &mut cache).unwrap().logo.unwrap();
        assert_eq!((logo.width, logo.height), (w, h));
    }
}
