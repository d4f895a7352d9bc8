//! Every reader gets the words: the A4 poster and the A5 leaflet of every
//! language, read back by each PDF reader that is installed (pdftotext,
//! mutool, PyMuPDF, pdfminer, pypdf, pdf.js), against the definition's
//! source text. A reader that is not installed is skipped with a message.
//!
//! The score is the one of `../shared/tools/extract-check.py`: one minus the
//! edit distance of the best-matching stretch of the extracted text, over the
//! source's length, white space and bidi controls removed, both sides in
//! composed form (NFC: a two-part vowel sign reads back decomposed, which is
//! the same text). For a right-to-left language the better of the text as
//! returned and each line re-ordered by the bidi algorithm counts (some
//! readers return visual order). A second copy of the text (the first match
//! cut out) scoring above 0.5 means the reader got the text twice.

use crate::common::*;
use std::path::Path;
use std::process::Command;

/// Scores every (language, reader) must reach.
const GOOD: f64 = 0.98;

const READERS: &[&str] = &[
    "pdftotext",
    "mutool",
    "pymupdf",
    "pdfminer",
    "pypdf",
    "pdfjs",
];

/// The text `reader` gets from `pdf`, or `None` when it is not installed.
fn extract(reader: &str, pdf: &Path) -> Option<String> {
    let readers = repo().join("tests/readers");
    let cmd = match reader {
        "pdftotext" => {
            let mut c = Command::new("pdftotext");
            c.args(["-enc", "UTF-8"]).arg(pdf).arg("-");
            c
        }
        "mutool" => {
            let mut c = Command::new("mutool");
            c.args(["draw", "-q", "-F", "txt", "-o", "-"]).arg(pdf);
            c
        }
        "pdfjs" => {
            let mut c = Command::new("node");
            c.arg(readers.join("extract.mjs")).arg(pdf);
            c
        }
        python => {
            // The first Python that has the reader (a pyenv or virtualenv
            // `python3` may not have the system's packages).
            return ["python3", "/usr/bin/python3"].iter().find_map(|py| {
                let mut c = Command::new(py);
                c.arg(readers.join("extract.py")).arg(python).arg(pdf);
                text_of(c)
            });
        }
    };
    text_of(cmd)
}

fn text_of(mut cmd: Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn normalise(s: &str) -> Vec<char> {
    use unicode_normalization::UnicodeNormalization;
    s.nfc()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
        })
        .collect()
}

/// The definition block's text, front matter and Markdown marks removed.
fn source(lang: &str) -> Vec<char> {
    let md = std::fs::read_to_string(repo().join("content").join(lang).join("definition.md"))
        .expect("definition.md");
    let body = md.splitn(3, "+++").nth(2).expect("front matter");
    normalise(&body.replace(['*', '_', '`', '>', '#'], ""))
}

/// Edit distance of `q` to its best-matching stretch of `t`, and that
/// stretch's end (exclusive).
fn best_end(q: &[char], t: &[char]) -> (usize, usize) {
    // Semi-global: the stretch may start and end anywhere in `t`.
    let mut row: Vec<usize> = vec![0; t.len() + 1];
    for (i, qc) in q.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, tc) in t.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (diag + usize::from(qc != tc)).min(up + 1).min(row[j] + 1);
            diag = up;
        }
    }
    let (end, dist) = row
        .iter()
        .enumerate()
        .min_by_key(|(j, d)| (**d, *j))
        .expect("a row");
    (*dist, end)
}

/// The score of `q` in `t`, and `t` with the matched stretch cut out.
fn best(q: &[char], t: &[char]) -> (f64, Vec<char>) {
    if q.is_empty() || t.is_empty() {
        return (0.0, t.to_vec());
    }
    let (dist, end) = best_end(q, t);
    // The stretch's start: the same match run backwards.
    let rq: Vec<char> = q.iter().rev().copied().collect();
    let rt: Vec<char> = t[..end].iter().rev().copied().collect();
    let (_, back) = best_end(&rq, &rt);
    let start = end - back;
    let rest = [&t[..start], &t[end..]].concat();
    ((1.0 - dist as f64 / q.len() as f64).max(0.0), rest)
}

/// Each line of `text` re-ordered by the bidi algorithm (right-to-left base).
fn logical(text: &str) -> String {
    use unicode_bidi::{BidiInfo, Level};
    text.lines()
        .map(|line| {
            let info = BidiInfo::new(line, Some(Level::rtl()));
            match info.paragraphs.first() {
                Some(p) => info.reorder_line(p, p.range.clone()).into_owned(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// (score, duplicate score) of the source in a reader's text.
fn score(src: &[char], raw: &str, rtl: bool) -> (f64, f64) {
    let (mut sim, mut rest) = best(src, &normalise(raw));
    if rtl {
        let (sim2, rest2) = best(src, &normalise(&logical(raw)));
        if sim2 > sim {
            (sim, rest) = (sim2, rest2);
        }
    }
    (sim, best(src, &rest).0)
}

/// What is wrong with `reader`'s reading of every language, or `None` when
/// the reader is not installed.
fn check_reader(reader: &str, dist: &Path, langs: &[String]) -> Option<Vec<String>> {
    extract(reader, &dist.join("en/poster-a4.pdf"))?;
    let mut problems = Vec::new();
    for lang in langs {
        let toml = std::fs::read_to_string(repo().join("content").join(lang).join("language.toml"))
            .expect("language.toml");
        let rtl = toml.contains("direction = \"rtl\"");
        let src = source(lang);
        let mut worst: f64 = 1.0;
        for product in ["poster-a4", "leaflet-a5"] {
            let pdf = dist.join(lang).join(format!("{product}.pdf"));
            let raw = extract(reader, &pdf).unwrap_or_default();
            let (sim, dup) = score(&src, &raw, rtl);
            if dup > 0.5 {
                problems.push(format!(
                    "{lang}/{product}.pdf: {reader} reads the text twice (second copy {dup:.3})"
                ));
            }
            worst = worst.min(sim);
        }
        if worst < GOOD {
            problems.push(format!("{lang}: {reader} scores {worst:.3}, below {GOOD}"));
        }
        eprintln!("{lang} {reader} {worst:.3}");
    }
    Some(problems)
}

#[test]
fn every_reader_reads_every_language_once_and_right() {
    let mut langs: Vec<String> = std::fs::read_dir(repo().join("content"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("definition.md").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    langs.sort();
    let d = tempfile::tempdir().unwrap();
    let list = langs.join(",");
    let out = run(
        d.path(),
        &[
            "build",
            "--product",
            "poster-a4,leaflet-a5",
            "--lang",
            &list,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let dist = d.path().join("dist");
    // The readers side by side: each is a process per file.
    let results: Vec<(&str, Option<Vec<String>>)> = std::thread::scope(|s| {
        let handles: Vec<_> = READERS
            .iter()
            .map(|reader| (*reader, s.spawn(|| check_reader(reader, &dist, &langs))))
            .collect();
        handles
            .into_iter()
            .map(|(r, h)| (r, h.join().expect("reader thread")))
            .collect()
    });
    let mut problems = Vec::new();
    for (reader, found) in results {
        match found {
            None => eprintln!("skipped: {reader} is not installed"),
            Some(p) => problems.extend(p),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
