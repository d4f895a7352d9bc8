//! Every language's A4 poster, read back out: the first sentence of its
//! definition and the helpline numbers with their digits in order.

use crate::common::*;

/// pdftotext marks direction changes with control characters; they are not
/// part of the text, and neither is white space for this comparison. Text is
/// compared in its composed form (NFC): a vowel sign drawn in two parts reads
/// back as its canonical decomposition.
fn normalise(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

/// The definition's first sentence, up to and including its full stop.
fn first_sentence(definition_md: &str) -> String {
    let body = definition_md.splitn(3, "+++").nth(2).unwrap().trim();
    let end = body
        .char_indices()
        .find(|(_, c)| matches!(c, '.' | '۔' | '।'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap();
    body[..end].to_string()
}

#[test]
fn every_language_reads_back_with_its_definition_and_numbers() {
    let d = tempfile::tempdir().unwrap();
    let out = run(d.path(), &["build", "--product", "poster-a4"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let content = repo().join("content");
    let mut langs: Vec<String> = std::fs::read_dir(&content)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("language.toml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    langs.sort();
    assert!(langs.len() >= 2);
    for lang in &langs {
        let Some(text) = pdftotext(&d.path().join("dist").join(lang).join("poster-a4.pdf")) else {
            eprintln!("pdftotext is not installed; skipping extraction checks");
            return;
        };
        for number in ["0808 800 5000", "0800 1111"] {
            assert!(
                text.contains(number),
                "{lang}: {number} not found in:\n{text}"
            );
        }
        let sentence = first_sentence(
            &std::fs::read_to_string(content.join(lang).join("definition.md")).unwrap(),
        );
        let flat = normalise(&text);
        assert!(
            flat.contains(&normalise(&sentence)),
            "{lang}: {sentence:?} not found in:\n{text}"
        );
    }
}

#[test]
fn every_card_on_an_urdu_card_sheet_reads_back_in_order() {
    let d = tempfile::tempdir().unwrap();
    let out = run(
        d.path(),
        &["build", "--lang", "ur", "--product", "card-wallet"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let Some(text) = pdftotext(&d.path().join("dist/ur/card-wallet.pdf")) else {
        eprintln!("pdftotext is not installed; skipping extraction checks");
        return;
    };
    // The card heading, from content/ur/strings.toml ([card] heading); the
    // nine copies beside the tagged card read like it.
    let strings = std::fs::read_to_string(repo().join("content/ur/strings.toml")).unwrap();
    let heading = strings
        .split("[card]")
        .nth(1)
        .and_then(|s| s.lines().find(|l| l.starts_with("heading = ")))
        .map(|l| l.trim_start_matches("heading = ").trim_matches('"'))
        .unwrap();
    assert_eq!(
        normalise(&text).matches(&normalise(heading)).count(),
        10,
        "{heading:?} in:\n{text}"
    );
}

#[test]
fn an_english_title_in_a_right_to_left_sources_line_keeps_its_quotation_marks() {
    // The Urdu and Arabic posters list their sources in English inside a
    // right-to-left line: each title is printed “in its marks”, the closing
    // mark after the title's last word, not cast off to the far side of the
    // publisher. The book's title is short enough not to wrap.
    let d = tempfile::tempdir().unwrap();
    let out = run(
        d.path(),
        &["build", "--lang", "ur,ar", "--product", "poster-a4"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pack = std::fs::read_to_string(repo().join("content/pack.toml")).unwrap();
    let book = pack
        .split("[[source]]")
        .find(|s| s.contains("id = \"jackson-exploited\""))
        .and_then(|s| s.lines().find(|l| l.starts_with("title = ")))
        .map(|l| l.trim_start_matches("title = ").trim_matches('"'))
        .unwrap();
    for lang in ["ur", "ar"] {
        let Some(text) = pdftotext(&d.path().join("dist").join(lang).join("poster-a4.pdf")) else {
            eprintln!("pdftotext is not installed; skipping extraction checks");
            return;
        };
        // Poppler gives a left-to-right stretch inside a right-to-left line
        // in the order it is printed, marked with bidi controls.
        let flat: String = text
            .chars()
            .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}'))
            .collect();
        assert!(
            flat.contains(&format!("“{book}”")),
            "{lang}: “{book}” not printed in its marks:\n{text}"
        );
    }
}
