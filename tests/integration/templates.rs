//! A charity's own templates folder: a new paper size of the poster design
//! is one short file, with no code change.

use crate::common::*;
use lopdf::{Document, Object};

/// The shipped templates copied into a temporary folder, with `extra` added.
fn templates_with(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let templates = dir.path().join("templates");
    copy_dir(&repo().join("templates"), &templates);
    for (name, text) in extra {
        std::fs::write(templates.join(name), text).expect("write");
    }
    dir
}

const A0: &str = r#"# A0 poster: the large poster design on A0 paper.
extends = "poster-a3"
id = "poster-a0"
name = "A0 poster"
scale = "area"

[page]
width = "841mm"
height = "1189mm"
"#;

#[test]
fn a_new_paper_size_is_one_file() {
    assert!(A0.lines().count() < 15);
    let d = templates_with(&[("poster-a0.toml", A0)]);
    let out = run(
        d.path(),
        &[
            "build",
            "--templates",
            "templates",
            "--lang",
            "en",
            "--product",
            "poster-a0",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = d.path().join("dist/en/poster-a0.pdf");
    let doc = Document::load(&pdf).expect("a PDF");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1);
    let page = doc.get_dictionary(pages[&1]).expect("a page");
    let media: Vec<f32> = page
        .get(b"MediaBox")
        .and_then(Object::as_array)
        .expect("a media box")
        .iter()
        .map(|n| {
            n.as_float()
                .unwrap_or_else(|_| n.as_i64().expect("a number") as f32)
        })
        .collect();
    let mm = |pt: f32| pt / 72.0 * 25.4;
    assert!((mm(media[2] - media[0]) - 841.0).abs() < 0.1, "{media:?}");
    assert!((mm(media[3] - media[1]) - 1189.0).abs() < 0.1, "{media:?}");
    let text = match pdftotext(&pdf) {
        Some(t) => t,
        None => doc.extract_text(&[1]).expect("text"),
    };
    let words: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Child Sexual Exploitation"), "{words}");
    assert!(words.contains("999"), "{words}");
    let listed = stdout(&run(d.path(), &["list", "--templates", "templates"]));
    assert!(listed.contains("poster-a0"), "{listed}");
}

#[test]
fn a_paper_size_extending_an_unknown_design_points_at_its_line() {
    let d = templates_with(&[("poster-a0.toml", &A0.replace("poster-a3", "poster-b3"))]);
    let out = run(
        d.path(),
        &["check", "--templates", "templates", "--lang", "en"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("poster-a0.toml:2:11")
            && err.contains("`poster-a0` extends `poster-b3`, which is not a template"),
        "{err}"
    );
}

#[test]
fn a_template_asking_for_content_there_is_not_is_named_as_the_user_gave_it() {
    let d = templates_with(&[]);
    let mine = d.path().join("my-templates");
    std::fs::rename(d.path().join("templates"), &mine).expect("rename");
    edit_file(&mine.join("poster-a4.toml"), |t| {
        t.replacen("block = \"definition\"", "block = \"defintion\"", 1)
    });
    let out = check_one(d.path(), &["--templates", "my-templates"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("block `defintion`") && err.contains("my-templates/poster-a4.toml"),
        "{err}"
    );
    assert!(!err.contains(" templates/poster-a4.toml"), "{err}");
}
