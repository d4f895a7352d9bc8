//! Nation editions: each prints its own definition and pathways and no
//! other nation's; the English definition is the Department's exact words;
//! the footer's date is the oldest printed record's.

use crate::common::{content_copy, pdftotext, run, stderr};
use std::path::Path;

/// A phrase from each nation's definition (or, for Northern Ireland, the
/// Safeguarding Board's description) that no other nation's text has.
const MARKERS: [(&str, &str); 4] = [
    (
        "england",
        "It occurs where an individual or group takes advantage of an imbalance of power",
    ),
    (
        "scotland",
        "a person or persons of any age take advantage of a power imbalance",
    ),
    ("wales", "Involves some form of exchange"),
    (
        "northern-ireland",
        "It can happen to children and teenagers, male and female, and from any background.",
    ),
];

/// Products that carry the definition (the wallet card carries contacts only).
const WITH_DEFINITION: [&str; 10] = [
    "poster-a5",
    "poster-a4",
    "poster-a3",
    "poster-a2",
    "poster-a1",
    "poster-letter",
    "poster-tabloid",
    "leaflet-a5",
    "leaflet-trifold-a4",
    "booklet-a5",
];

/// pdftotext's text with every run of whitespace made one space (lines
/// break differently on every product), or `None` without pdftotext.
fn text(pdf: &Path) -> Option<String> {
    pdftotext(pdf).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn build(dir: &Path, nation: &str, langs: &str) {
    let out = run(
        dir,
        &[
            "build", "--nation", nation, "--lang", langs, "--out", "dist",
        ],
    );
    assert!(out.status.success(), "{nation}: {}", stderr(&out));
}

#[test]
fn the_english_definition_is_the_departments_exact_wording() {
    let d = tempfile::tempdir().expect("temp dir");
    build(d.path(), "england", "en");
    let Some(t) = text(&d.path().join("dist/en/poster-a4.pdf")) else {
        eprintln!("pdftotext is not installed; skipping the extraction check");
        return;
    };
    for words in [
        "Child sexual exploitation is a form of child sexual abuse. It occurs where an individual or group takes advantage of an imbalance of power",
        "Child sexual exploitation does not always involve physical contact; it can also occur through the use of technology.",
        "— Department for Education, February 2017",
    ] {
        assert!(t.contains(words), "missing “{words}” in {t}");
    }
    assert!(!t.contains("a form of child abuse"), "{t}");
    assert!(!t.contains("It occurs when"), "{t}");
}

#[test]
fn each_nation_prints_its_own_definition_and_pathways_and_no_other() {
    let d = tempfile::tempdir().expect("temp dir");
    for (nation, langs) in [
        ("scotland", "en"),
        ("wales", "en,cy"),
        ("northern-ireland", "en"),
    ] {
        let out = tempfile::tempdir().expect("temp dir");
        let o = run(
            d.path(),
            &[
                "build",
                "--nation",
                nation,
                "--lang",
                langs,
                "--out",
                out.path().to_str().expect("utf-8 path"),
            ],
        );
        assert!(o.status.success(), "{nation}: {}", stderr(&o));
        let manifest = std::fs::read_to_string(out.path().join("manifest.json")).expect("manifest");
        assert_eq!(
            manifest.matches("\"path\"").count(),
            11 * langs.split(',').count(),
            "{nation}: every product in every language"
        );
        for lang in langs.split(',') {
            for product in WITH_DEFINITION.iter().chain(&["card-wallet"]) {
                let Some(t) = text(&out.path().join(format!("{lang}/{product}.pdf"))) else {
                    eprintln!("pdftotext is not installed; skipping the extraction check");
                    return;
                };
                let what = format!("{nation} {lang}/{product}");
                for (other, marker) in MARKERS {
                    let own = other == nation && lang == "en" && WITH_DEFINITION.contains(product);
                    if own {
                        assert!(t.contains(marker), "{what} lacks its definition: {t}");
                    } else if other != nation {
                        assert!(!t.contains(marker), "{what} has {other}'s definition");
                    }
                }
                pathways(nation, product, &what, &t);
            }
        }
    }
}

/// The nation's own pathways on one document.
fn pathways(nation: &str, product: &str, what: &str, t: &str) {
    match nation {
        "wales" => assert!(t.contains("080880 23456"), "{what} lacks Meic"),
        "northern-ireland" if product == "card-wallet" => {
            assert!(
                t.contains("safeguardingni.org"),
                "{what}: no pointer to the Gateway numbers"
            );
        }
        "northern-ireland" => {
            for number in [
                "028 9050 7000",
                "0300 1234 333",
                "0300 100 0300",
                "0800 783 7745",
                "028 7131 4090",
                "028 9504 9999",
            ] {
                assert!(t.contains(number), "{what} lacks {number}");
            }
        }
        _ => {}
    }
    if nation != "wales" {
        assert!(!t.contains("080880 23456"), "{what} prints Meic");
    }
    if nation != "northern-ireland" {
        assert!(
            !t.contains("028 9504 9999"),
            "{what} prints a Northern Ireland number"
        );
    }
}

#[test]
fn the_welsh_wales_edition_prints_the_official_welsh_passage() {
    let d = tempfile::tempdir().expect("temp dir");
    build(d.path(), "wales", "cy");
    let Some(t) = text(&d.path().join("dist/cy/poster-a4.pdf")) else {
        eprintln!("pdftotext is not installed; skipping the extraction check");
        return;
    };
    // The passage as `../shared/research/nations.md` gives it (read from
    // safeguarding.wales/cy), with the source's curly apostrophes; the list
    // bullets and bold heads are layout, not words.
    let passage = "Camfanteisio’n Rhywiol ar Blant (CRhB) – Ffurf ar gamdriniaeth rywiol — a all gynnwys rhyw neu unrhyw ffurf ar weithgarwch rhywiol gyda phlentyn; creu delweddau anweddus a/neu unrhyw ddeunydd anweddus arall sy’n cynnwys plant. Yn cynnwys plentyn — Mae’n digwydd i’r rheiny sydd hyd at 18 oed. Yn cynnwys rhyw fath o gyfnewid — Gall y cyfnewid gynnwys rhoi neu atal rhywbeth; megis atal bod yn dreisgar neu fygwth cam-drin person arall. Gallai fod hwylusydd sy’n derbyn rhywbeth yn ogystal â neu yn lle’r plentyn sy’n cael ei gam-fanteisio.";
    let printed = t.replace("• ", "");
    assert!(
        printed.contains(passage),
        "the Welsh passage differs:\nwant {passage}\ngot  {printed}"
    );
    assert!(
        printed.contains("(detholiad"),
        "not marked as an excerpt: {printed}"
    );
}

#[test]
fn the_footer_date_is_the_oldest_printed_records() {
    let d = content_copy();
    let contacts = d.path().join("content/contacts.toml");
    let src = std::fs::read_to_string(&contacts).expect("contacts");
    // Police (101) is on the A4 poster but not on the wallet card; CEOP on both.
    let dated = |src: &str, id: &str, date: &str| {
        let at = src.find(&format!("id = \"{id}\"")).expect("record");
        let rel = src[at..].find("checked = 2026-12-01").expect("its date") + at;
        format!(
            "{}checked = {date}{}",
            &src[..rel],
            &src[rel + "checked = 2026-12-01".len()..]
        )
    };
    let src = dated(&dated(&src, "police", "2026-02-03"), "ceop", "2026-03-04");
    std::fs::write(&contacts, src).expect("write");
    let o = run(
        d.path(),
        &[
            "build",
            "--content",
            "content",
            "--lang",
            "en",
            "--product",
            "poster-a4,card-wallet",
            "--out",
            "dist",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (Some(poster), Some(card)) = (
        text(&d.path().join("dist/en/poster-a4.pdf")),
        text(&d.path().join("dist/en/card-wallet.pdf")),
    ) else {
        eprintln!("pdftotext is not installed; skipping the extraction check");
        return;
    };
    assert!(
        poster.contains("Information checked: February 2026"),
        "{poster}"
    );
    assert!(card.contains("Information checked: March 2026"), "{card}");
}
