//! The HTML twin of the A5 leaflet (`build --format html`): the leaflet's
//! words in the leaflet's order, contacts as links that dial and mail what
//! they show, `lang` and `dir` where a part differs from the page, an
//! organisation's text as text, the fonts embedded whole, the manifest
//! listing the pages; and axe-core in headless Chromium with no violation.

use crate::common::*;
use base64::Engine as _;
use cse_pack::assets::Tree;
use cse_pack::display::{Node, Role};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `build` with `args` into `dist/` of a new folder.
fn build(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut all = vec!["build", "--out", "dist"];
    all.extend_from_slice(args);
    let o = run(dir.path(), &all);
    assert!(o.status.success(), "{}", stderr(&o));
    let dist = dir.path().join("dist");
    (dir, dist)
}

fn twins() -> (tempfile::TempDir, PathBuf) {
    build(&[
        "--lang",
        "en,ur,bn",
        "--product",
        "leaflet-a5",
        "--format",
        "pdf,html",
    ])
}

fn page(dist: &Path, lang: &str) -> String {
    std::fs::read_to_string(dist.join(lang).join("leaflet-a5.html")).expect("the twin is written")
}

/// What a reader of the page reads: the body's text, tags taken out.
fn text_content(html: &str) -> String {
    let body = &html[html.find("<body>").expect("a body")..];
    let mut out = String::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('>').expect("tags close");
        // A line break in the page is a line break in the leaflet.
        if rest[open..close].starts_with("<br") {
            out.push(' ');
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(String::from).collect()
}

/// The leaflet's paragraphs as the core lays them out (what the PDF tags),
/// in reading order, without the bullets the page's list draws itself.
fn leaflet_words(lang: &str) -> Vec<String> {
    fn walk(nodes: &[Node], out: &mut Vec<String>) {
        for n in nodes.iter().filter(|n| n.role != Role::Lbl) {
            if let Some(p) = &n.para {
                out.extend(words(&p.text));
            }
            walk(&n.children, out);
        }
    }
    let content = cse_pack::content::load_content(&Tree::embedded("content")).unwrap();
    let templates = cse_pack::template::load_templates(&Tree::embedded("templates")).unwrap();
    let book = cse_pack::fonts::FontBook::embedded();
    let doc = cse_pack::layout::layout_document(
        &book,
        &content,
        &content.languages[lang],
        &templates["leaflet-a5"],
        &Default::default(),
    )
    .unwrap();
    let mut out = Vec::new();
    walk(&doc.structure, &mut out);
    out
}

/// Every `href` of the page, with the text of its link.
fn links(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<a href=\"") {
        rest = &rest[at + 9..];
        let end = rest.find('"').expect("the href closes");
        let href = rest[..end].to_string();
        let text_start = rest.find('>').expect("the tag closes") + 1;
        let text_end = rest.find("</a>").expect("the link closes");
        out.push((
            href,
            text_content(&format!("<body>{}", &rest[text_start..text_end])),
        ));
        rest = &rest[text_end..];
    }
    out
}

#[test]
fn the_twin_has_the_leaflets_words_in_the_leaflets_order() {
    let (_d, dist) = twins();
    for lang in ["en", "ur", "bn"] {
        let html = words(&text_content(&page(&dist, lang)));
        let leaflet = leaflet_words(lang);
        assert_eq!(html, leaflet, "{lang}");
        assert!(html.len() > 150, "{lang}: {} words", html.len());
    }
    // And the same words as the PDF itself, read back by poppler (English,
    // where every reader reads the PDF right): all but the bullets and the
    // quote's decorative mark, which the page draws with CSS.
    let Ok(o) = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(dist.join("en/leaflet-a5.pdf"))
        .arg("-")
        .output()
    else {
        println!("skipped the comparison with pdftotext: it is not installed");
        return;
    };
    let mut pdf = words(&String::from_utf8_lossy(&o.stdout));
    pdf.retain(|w| w != "•" && w != "“");
    let mut html = words(&text_content(&page(&dist, "en")));
    pdf.sort();
    html.sort();
    assert_eq!(html, pdf);
}

#[test]
fn contacts_dial_and_mail_what_they_show() {
    let (_d, dist) = build(&[
        "--lang",
        "en",
        "--product",
        "leaflet-a5",
        "--format",
        "html",
        "--org",
        &repo()
            .join("tests/fixtures/org/org.toml")
            .display()
            .to_string(),
    ]);
    let html = page(&dist, "en");
    let links = links(&html);
    let hrefs: Vec<&str> = links.iter().map(|(h, _)| h.as_str()).collect();
    for want in [
        "tel:999",
        "tel:08088005000",
        "tel:08001111",
        "https://ceop.police.uk/Safety-Centre",
        "tel:01214960000",
        "tel:01214960001",
        "mailto:dsl@example-academy.org.uk",
        "https://www.example-academy.org.uk/safeguarding",
    ] {
        assert!(hrefs.contains(&want), "no link to {want} in {hrefs:?}");
    }
    for (href, text) in &links {
        if let Some(number) = href.strip_prefix("tel:") {
            let shown: String = text.chars().filter(char::is_ascii_digit).collect();
            assert!(
                number.chars().all(|c| c.is_ascii_digit()),
                "{href}: only digits"
            );
            assert_eq!(number, shown, "{href} dials what it shows, {text:?}");
        } else if let Some(address) = href.strip_prefix("mailto:") {
            assert_eq!(address, text);
        } else {
            assert!(href.starts_with("https://"), "{href}");
            assert!(
                href.ends_with(text.as_str()),
                "{href} opens what it shows, {text:?}"
            );
        }
    }
    // The organisation's logo, with its alternative text.
    assert!(
        html.contains("<img alt=\"Example Academy logo\" src=\"data:image/png;base64,"),
        "the logo is embedded"
    );
}

#[test]
fn every_part_in_another_language_or_direction_says_so() {
    let (_d, dist) = twins();
    let ur = page(&dist, "ur");
    assert!(ur.contains("<html lang=\"ur\" dir=\"rtl\">"));
    // The English source line inside the Urdu page.
    assert!(
        ur.contains("— <span lang=\"en-GB\" dir=\"ltr\">Department for Education</span>،"),
        "the source is tagged English, left to right"
    );
    // Numbers and addresses read left to right inside right-to-left text.
    assert!(ur.contains("<p class=\"number\" dir=\"ltr\"><a href=\"tel:08088005000\">"));
    assert!(ur.contains("<a href=\"mailto:help@nspcc.org.uk\" dir=\"ltr\">"));
    let bn = page(&dist, "bn");
    assert!(bn.contains("<html lang=\"bn\" dir=\"ltr\">"));
    assert!(bn.contains("<span lang=\"en-GB\">Department for Education</span>"));
    let en = page(&dist, "en");
    assert!(en.contains("<html lang=\"en-GB\" dir=\"ltr\">"));
    assert!(en.contains("<title>Child Sexual Exploitation</title>"));
    assert!(ur.contains("<title>بچوں کا جنسی استحصال</title>"));
    assert_eq!(
        en.matches(" lang=").count(),
        1,
        "English needs no other tag"
    );
}

#[test]
fn an_organisations_text_is_text_not_markup() {
    let dir = tempfile::tempdir().unwrap();
    let org = std::fs::read_to_string(repo().join("tests/fixtures/org/org.toml")).unwrap();
    let org = org
        .replace(
            "name = \"Example Academy\"",
            "name = \"Example <b>Academy</b> & \\\"Co\\\"\"",
        )
        .replace("name = \"Ms Jane Doe\"", "name = \"مریم خان\"");
    std::fs::write(dir.path().join("org.toml"), org).unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/org/logo.png"),
        dir.path().join("logo.png"),
    )
    .unwrap();
    let o = run(
        dir.path(),
        &[
            "build",
            "--org",
            "org.toml",
            "--lang",
            "en",
            "--product",
            "leaflet-a5",
            "--format",
            "html",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(dir.path().join("dist/en/leaflet-a5.html")).unwrap();
    assert!(
        !html.contains("<b>"),
        "no markup from the organisation's name"
    );
    assert!(html.contains("<bdi>Example &lt;b&gt;Academy&lt;/b&gt; &amp; \"Co\"</bdi>"));
    // A name in another script is isolated: it cannot reorder the text around it.
    assert!(
        html.contains("<bdi><strong>مریم خان</strong></bdi>"),
        "{html}"
    );
}

#[test]
fn the_fonts_a_reader_may_lack_are_embedded_whole_with_their_licence() {
    let (_d, dist) = twins();
    let font = |name: &str| std::fs::read(repo().join("fonts").join(name)).unwrap();
    for (lang, family, files) in [
        (
            "ur",
            "Noto Nastaliq Urdu",
            ["NotoNastaliqUrdu-Regular.ttf", "NotoNastaliqUrdu-Bold.ttf"],
        ),
        (
            "bn",
            "Noto Sans Bengali",
            ["NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"],
        ),
    ] {
        let html = page(&dist, lang);
        assert!(html.contains("SIL Open Font License 1.1"), "{lang}");
        let embedded: Vec<Vec<u8>> = html
            .split("src:url(data:font/ttf;base64,")
            .skip(1)
            .map(|s| {
                let b64 = &s[..s.find(')').unwrap()];
                base64::engine::general_purpose::STANDARD
                    .decode(b64)
                    .unwrap()
            })
            .collect();
        assert_eq!(embedded.len(), 2, "{lang}: regular and bold");
        for file in files {
            assert!(embedded.contains(&font(file)), "{lang}: {file} whole");
        }
        assert_eq!(
            html.matches(&format!("font-family:\"{family}\";font-weight"))
                .count(),
            2,
            "{lang}"
        );
    }
    // English needs none: every system has Latin type.
    assert!(!page(&dist, "en").contains("@font-face"));
}

#[test]
fn the_manifest_lists_the_pages_and_a_default_build_writes_none() {
    let (_d, dist) = twins();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dist.join("manifest.json")).unwrap()).unwrap();
    let files = manifest["files"].as_array().unwrap();
    assert_eq!(files.len(), 6);
    for f in files {
        let path = f["path"].as_str().unwrap();
        let bytes = std::fs::read(dist.join(path)).unwrap();
        assert_eq!(
            f["sha256"].as_str().unwrap(),
            cse_pack::output::sha256_hex(&bytes)
        );
        if path.ends_with(".html") {
            assert_eq!(f["media"], "html", "{path}");
        } else {
            assert!(
                f.get("media").is_none(),
                "{path}: a PDF's entry is as before"
            );
        }
    }
    // HTML alone: the pages and no PDF.
    let (_d, dist) = build(&["--lang", "en", "--format", "html"]);
    let written: Vec<_> = std::fs::read_dir(dist.join("en"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(written, ["leaflet-a5.html"]);
    // The default: PDFs only.
    let (_d, dist) = build(&["--lang", "en", "--product", "leaflet-a5"]);
    assert!(!dist.join("en/leaflet-a5.html").exists());
}

#[test]
fn asking_for_html_without_the_leaflet_says_what_to_add() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        dir.path(),
        &["build", "--product", "poster-a4", "--format", "html"],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("error: the HTML twin is the `leaflet-a5` leaflet as a web page"),
        "{err}"
    );
    assert!(err.contains("add `leaflet-a5` to `--product`"), "{err}");
    assert!(!dir.path().join("dist").exists(), "nothing written");
}

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

#[test]
fn the_twins_pass_axe_in_chromium_at_desktop_and_phone_widths() {
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let modules = repo().join("web/node_modules");
    let mut missing = Vec::new();
    if !node {
        missing.push("node (install Node.js)".to_string());
    }
    if !chromium().is_file() {
        missing.push(format!("Chromium at {}", chromium().display()));
    }
    if !modules.join("playwright-core").is_dir() || !modules.join("axe-core").is_dir() {
        missing.push("web/node_modules (npm ci in web/)".to_string());
    }
    if !missing.is_empty() {
        println!(
            "skipped the browser check of the HTML twins: no {}",
            missing.join(", no ")
        );
        return;
    }
    let (_d, dist) = twins();
    let org = repo().join("tests/fixtures/org/org.toml");
    let (_o, org_dist) = build(&[
        "--lang",
        "en,ur,bn",
        "--product",
        "leaflet-a5",
        "--format",
        "html",
        "--org",
        &org.display().to_string(),
    ]);
    let mut out = String::new();
    // The plain pack's pages, and an organisation's (its panel, logo, brand colour).
    for dist in [&dist, &org_dist] {
        let o = Command::new("node")
            .arg(repo().join("tests/html/axe.mjs"))
            .arg(dist)
            .args(["en", "ur", "bn"])
            .env("CHROMIUM", chromium())
            .output()
            .expect("node runs");
        assert!(
            o.status.success(),
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        out.push_str(&String::from_utf8_lossy(&o.stdout));
    }
    let pages: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        pages.len(),
        12,
        "two packs, three languages, two widths: {out}"
    );
    for p in &pages {
        let (lang, width) = (&p["lang"], &p["width"]);
        assert_eq!(
            p["violations"].as_array().unwrap().len(),
            0,
            "{lang} at {width} px: {}",
            p["violations"]
        );
        assert_eq!(
            p["overflow"], 0,
            "{lang} at {width} px is wider than the window"
        );
        for f in p["fonts"].as_array().unwrap() {
            assert_eq!(f["status"], "loaded", "{lang}: {f}");
        }
        let families: Vec<&str> = p["fonts"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["family"].as_str())
            .collect();
        match lang.as_str().unwrap() {
            "ur" => assert!(families.contains(&"Noto Nastaliq Urdu"), "{families:?}"),
            "bn" => assert!(families.contains(&"Noto Sans Bengali"), "{families:?}"),
            _ => assert!(families.is_empty(), "{families:?}"),
        }
    }
}
