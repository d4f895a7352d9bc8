//! A Welsh school's pack: `--lang cy+en` builds every product in Welsh and
//! English, Welsh first, each paragraph tagged with its language, names the
//! same in both printed once, and the English told apart from the Welsh (its
//! own colour, never larger); Welsh body text at the products' floors.

use crate::common::{pdftotext, run, stderr};
use crate::tagged::elements;
use cse_pack::display::{Item, Node};
use cse_pack::model::{Date, Nation};
use lopdf::Document;

const PRODUCTS: [&str; 11] = [
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
    "card-wallet",
];

/// Welsh and English of the same thing, as printed.
const PAIRS: [(&str, &str); 3] = [
    (
        "Camfanteisio’n Rhywiol ar Blant (CRhB)",
        "Child Sexual Exploitation (CSE)",
    ),
    ("Mewn argyfwng", "In an emergency"),
    ("Yn poeni am blentyn", "Worried about a child"),
];
const MEIC: &str = "080880 23456";

#[test]
fn a_welsh_build_is_every_product_welsh_first_and_tagged() {
    let d = tempfile::tempdir().unwrap();
    // No other flags: the Wales edition is the default for `cy+en`.
    let out = build_cy_en(d.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dist = d.path().join("dist/cy+en");
    for product in PRODUCTS {
        let pdf = dist.join(format!("{product}.pdf"));
        let doc = Document::load(&pdf).unwrap_or_else(|e| panic!("{product}: {e}"));
        let lang = doc
            .catalog()
            .unwrap()
            .get(b"Lang")
            .unwrap()
            .as_str()
            .unwrap();
        assert_eq!(lang, b"cy", "{product}: the document is Welsh");
        let all = elements(&doc);
        let text = |e: &&crate::tagged::Element| e.text.replace('\u{2028}', "");
        // Each language's definition (the card carries none, in any language).
        let wants: Vec<&(&str, &str)> = if product == "card-wallet" {
            PAIRS[1..2].iter().collect()
        } else {
            PAIRS.iter().collect()
        };
        for (cy, en) in wants {
            let block = |e: &&crate::tagged::Element| e.tag == "P" || e.tag.starts_with('H');
            let welsh = all.iter().position(|e| block(&e) && text(&e).contains(cy));
            let english = all.iter().position(|e| {
                block(&e)
                    && e.lang.as_deref().is_some_and(|l| l.starts_with("en"))
                    && text(&e).contains(en)
            });
            let (Some(welsh), Some(english)) = (welsh, english) else {
                panic!("{product}: `{cy}` / `{en}` not both tagged: {welsh:?} {english:?}");
            };
            assert!(welsh < english, "{product}: `{en}` is read before `{cy}`");
            assert_eq!(
                all[welsh].lang, None,
                "{product}: `{cy}` is tagged as the document, cy"
            );
        }
        // A name the same in both languages is printed once, with the Welsh.
        for name in ["Childline", "Meic"] {
            let rows: Vec<_> = all
                .iter()
                .filter(|e| e.tag == "P" && text(e).trim_start().starts_with(name))
                .collect();
            assert!(
                rows.len() <= 1,
                "{product}: `{name}` printed {} times",
                rows.len()
            );
            assert!(
                rows.iter().all(|e| e.lang.is_none()),
                "{product}: `{name}` tagged as English"
            );
        }
        if let Some(text) = pdftotext(&pdf) {
            assert!(text.contains(MEIC), "{product}: no Meic number");
            // Welsh first on every page that has both.
            for page in text.split('\u{c}') {
                for (cy, en) in PAIRS {
                    if let (Some(w), Some(e)) = (page.find(cy), page.find(en)) {
                        assert!(w < e, "{product}: `{en}` before `{cy}` on a page");
                    }
                }
            }
        }
    }
}

#[test]
fn english_first_is_possible_for_an_english_first_organisation() {
    let d = tempfile::tempdir().unwrap();
    let out = run(
        d.path(),
        &["build", "--lang", "en+cy", "--product", "leaflet-a5"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = Document::load(d.path().join("dist/en+cy/leaflet-a5.pdf")).unwrap();
    let all = elements(&doc);
    let first = |needle: &str| {
        all.iter()
            .position(|e| e.tag == "P" && e.text.replace('\u{2028}', "").contains(needle))
            .unwrap()
    };
    assert!(
        first("Child Sexual Exploitation (CSE)") < first("Camfanteisio’n Rhywiol ar Blant (CRhB)")
    );
    assert!(
        all.iter()
            .any(|e| e.lang.as_deref().is_some_and(|l| l.starts_with("cy"))
                && e.text.contains("Mewn argyfwng"))
    );
}

/// Each glyph run in `nodes` with its node's language (none: the document's).
fn runs<'n>(
    nodes: &'n [Node],
    lang: Option<&'n str>,
    out: &mut Vec<(Option<&'n str>, &'n cse_pack::display::GlyphRun)>,
) {
    for n in nodes {
        let lang = n.lang.as_deref().or(lang);
        for item in &n.items {
            if let Item::Text(run) = item {
                out.push((lang, run));
            }
        }
        runs(&n.children, lang, out);
    }
}

#[test]
fn english_is_told_apart_and_welsh_keeps_the_floors() {
    static BOOK: std::sync::LazyLock<cse_pack::fonts::FontBook> =
        std::sync::LazyLock::new(cse_pack::fonts::FontBook::embedded);
    let today = Date {
        year: 2026,
        month: 12,
        day: 1,
    };
    let inputs = cse_pack::Inputs::embedded(
        &BOOK,
        cse_pack::LoadOptions {
            today,
            allow_stale: false,
        },
    );
    let loaded = cse_pack::load(&inputs).expect("the embedded content loads");
    let (cy, en) = (
        &loaded.content.languages["cy"],
        &loaded.content.languages["en"],
    );
    for product in PRODUCTS {
        let template = &loaded.templates[product];
        let options = cse_pack::layout::LayoutOptions {
            nation: Nation::Wales,
            second: Some(en),
            ..Default::default()
        };
        let doc = cse_pack::layout::layout_document(
            loaded.fonts,
            &loaded.content,
            cy,
            template,
            &options,
        )
        .unwrap_or_else(|e| panic!("{product}: {e:?}"));
        let mut all = Vec::new();
        runs(&doc.structure, None, &mut all);
        let find = |lang: Option<&str>, start: &str| {
            all.iter()
                .find(|(l, r)| l.map(|l| &l[..2]) == lang && r.text.trim_start().starts_with(start))
                .map(|(_, r)| *r)
                .unwrap_or_else(|| panic!("{product}: no run `{start}` in {lang:?}"))
        };
        let (welsh, english) = (
            find(None, "Mewn argyfwng"),
            find(Some("en"), "In an emergency"),
        );
        assert_ne!(
            welsh.color, english.color,
            "{product}: the languages share a colour"
        );
        assert!(
            english.size <= welsh.size + 0.01,
            "{product}: English larger than Welsh"
        );
        let family = template.config.family;
        use cse_pack::template::Family;
        // Welsh body text: the definition on leaflets and the booklet, the
        // labels on the card, no smaller than the one-language floors.
        let (start, floor) = match family {
            Family::Card => ("Mewn argyfwng", 9.0),
            Family::Poster => continue,
            _ => ("Ffurf ar gamdriniaeth rywiol", 11.0),
        };
        let body = find(None, start);
        assert!(
            body.size >= floor - 0.01,
            "{product}: Welsh at {} pt",
            body.size
        );
    }
}

/// A Welsh-medium school outside Wales (there are some in England) gets
/// its leaflets, booklet and card in both languages too: the nation's own
/// pathways, Welsh first, and a warning for what two languages leave off.
/// The tri-fold gives the nation's definition (quoted whole, longer than
/// Wales's excerpt) a panel in each language, each with its source.
#[test]
fn leaflets_booklet_and_card_are_bilingual_in_every_nation() {
    for nation in ["england", "scotland", "northern-ireland"] {
        let d = tempfile::tempdir().unwrap();
        let out = build_cy_en(
            d.path(),
            &[
                "--nation",
                nation,
                "--product",
                "leaflet-a5,leaflet-trifold-a4,booklet-a5,card-wallet",
            ],
        );
        assert!(out.status.success(), "{nation}: {}", stderr(&out));
        if let Some(text) = pdftotext(&d.path().join("dist/cy+en/leaflet-trifold-a4.pdf")) {
            // A line may break after a slash (`a/` `neu`): read it as written.
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let text = text.replace("/ ", "/");
            let (welsh, english) = (definition("cy", nation), definition("en", nation));
            let (w, e) = (text.find(&welsh.0), text.find(&english.0));
            assert!(
                w.is_some() && e.is_some() && w < e,
                "{nation}: the Welsh definition (`{}`) before the English (`{}`) in\n{text}",
                welsh.0,
                english.0
            );
            let publisher = match nation {
                "england" => "Department for Education",
                "scotland" => "Scottish Government",
                _ => "Safeguarding Board for Northern Ireland",
            };
            // Each language's definition whole, its source line under it.
            for end in [&welsh.1, &english.1] {
                let at = text.find(end.as_str());
                let cited = at.is_some_and(|i| {
                    text[i + end.len()..]
                        .trim_start()
                        .starts_with(&format!("— {publisher}"))
                });
                assert!(cited, "{nation}: `{end}` and `— {publisher}` in\n{text}");
            }
        }
        if nation == "england" {
            // England's leaflet gives the quote's room to the pathways in
            // both languages, and says so.
            let err = stderr(&out);
            assert!(
                err.contains(
                    "`leaflet-a5` in two languages in the England edition has no room for `something`, `jackson`"
                ),
                "{err}"
            );
        }
        let Some(text) = pdftotext(&d.path().join("dist/cy+en/leaflet-a5.pdf")) else {
            continue;
        };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for (welsh, english) in &PAIRS[1..] {
            let (w, e) = (text.find(welsh), text.find(english));
            assert!(
                w.is_some() && e.is_some() && w < e,
                "{nation}: `{welsh}` before `{english}` in\n{text}"
            );
        }
    }
}

/// The first and last six words of `lang`'s definition for `nation`, as
/// shipped in `content/`.
fn definition(lang: &str, nation: &str) -> (String, String) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content")
        .join(lang);
    let own = dir.join(format!("definition.{nation}.md"));
    let file = if own.is_file() {
        own
    } else {
        dir.join("definition.md")
    };
    let text = std::fs::read_to_string(&file).unwrap();
    let body = text.rsplit("+++").next().unwrap();
    let words: Vec<&str> = body
        .split_whitespace()
        .map(|w| w.trim_matches('*'))
        .filter(|w| !w.is_empty())
        .collect();
    let (first, last) = (&words[..6], &words[words.len() - 6..]);
    (first.join(" "), last.join(" "))
}

/// `cse-pack build --lang cy+en` with `more` arguments, in `dir`.
fn build_cy_en(dir: &std::path::Path, more: &[&str]) -> std::process::Output {
    let mut args = vec!["build", "--lang", "cy+en"];
    args.extend_from_slice(more);
    run(dir, &args)
}

/// The HTML twin of a bilingual leaflet is bilingual the same way: Welsh
/// first, the page in Welsh, every English part tagged English.
#[test]
fn the_html_twin_is_bilingual_welsh_first() {
    let d = tempfile::tempdir().unwrap();
    let out = build_cy_en(
        d.path(),
        &["--product", "leaflet-a5", "--format", "pdf,html"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(d.path().join("dist/cy+en/leaflet-a5.html")).unwrap();
    assert!(html.contains("<html lang=\"cy\""), "the page is Welsh");
    // The tag that opens just before `at`.
    let tag_before = |at: usize| {
        let open = html[..at].rfind('<').unwrap();
        &html[open..at]
    };
    for (welsh, english) in [
        (
            "Beth yw camfanteisio’n rhywiol ar blant?",
            "What is child sexual exploitation?",
        ),
        ("Mewn argyfwng", "In an emergency"),
        ("Yn poeni am blentyn?", "Worried about a child?"),
    ] {
        let w = html
            .find(welsh)
            .unwrap_or_else(|| panic!("`{welsh}` is on the page"));
        let e = html
            .find(english)
            .unwrap_or_else(|| panic!("`{english}` is on the page"));
        assert!(w < e, "`{welsh}` comes before `{english}`");
        assert!(
            !tag_before(w).contains("lang="),
            "`{welsh}` is in the page's language: {}",
            tag_before(w)
        );
        assert!(
            tag_before(e).contains("lang=\"en"),
            "`{english}` is tagged English: {}",
            tag_before(e)
        );
    }
}

/// An organisation's own title for its lead, and its name in the heading of
/// its panel, are its words, the same in both languages: printed once, not
/// twice (in Wales, where Welsh and English are the school's languages, and
/// outside it).
#[test]
fn an_organisations_own_title_for_its_lead_is_printed_once() {
    let org = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/orgs/oakwood-park-academy/org.toml");
    let title = "Assistant Principal and Designated Safeguarding Lead: Ms Rebecca Holroyd";
    for nation in ["wales", "england"] {
        let d = tempfile::tempdir().unwrap();
        let out = build_cy_en(
            d.path(),
            &[
                "--nation",
                nation,
                "--product",
                "poster-a4,leaflet-a5,card-wallet",
                "--org",
                org.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{nation}: {}", stderr(&out));
        for product in ["poster-a4", "leaflet-a5", "card-wallet"] {
            let pdf = d.path().join(format!("dist/cy+en/{product}.pdf"));
            let doc = Document::load(&pdf).unwrap_or_else(|e| panic!("{product}: {e}"));
            let labels: Vec<String> = elements(&doc)
                .iter()
                .filter(|e| e.tag == "P")
                .map(|e| e.text.replace('\u{2028}', ""))
                .filter(|t| {
                    t.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .contains(title)
                })
                .collect();
            // (The card's nine other copies on its sheet are not tagged.)
            assert_eq!(labels.len(), 1, "{nation} {product}: {labels:?}");
            // The panel's heading names the organisation once, in Welsh.
            let headings: Vec<String> = elements(&doc)
                .iter()
                .map(|e| e.text.replace('\u{2028}', ""))
                .filter(|t| t.contains("In this organisation") || t.contains("Yn y sefydliad hwn"))
                .filter(|t| t.len() < 200)
                .collect();
            for h in &headings {
                assert!(
                    !h.contains("In this organisation —"),
                    "{nation} {product}: {headings:?}"
                );
            }
            if product != "card-wallet" {
                assert!(
                    headings
                        .iter()
                        .any(|h| h.contains("Yn y sefydliad hwn — Oakwood Park Academy")),
                    "{nation} {product}: {headings:?}"
                );
            }
        }
    }
}
