//! Tagged text as a listener hears it: the structure tree's text (each
//! element's marked content, its glyphs read through the fonts' ToUnicode
//! maps, or the ActualText that replaces them), read back from the PDF with
//! lopdf. Checked: no word glued to the next across a line wrap in any
//! language's A4 poster, and English inside other languages tagged `en`.

use crate::common::*;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One structure element: its type, its `/Lang`, and its text (children's
/// texts in order, a space between elements).
pub(crate) struct Element {
    pub(crate) tag: String,
    pub(crate) lang: Option<String>,
    pub(crate) text: String,
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

/// A PDF text string: UTF-16BE with its byte order mark, else one byte a
/// character (PDFDocEncoding agrees with Latin-1 on the text used here).
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// A font's ToUnicode map (two-byte codes, as krilla writes them): code to
/// text. lopdf's own parser refuses krilla's CMap header, so it is read here:
/// `bfchar` entries and `bfrange` ranges.
fn to_unicode(doc: &Document, font: &Dictionary) -> HashMap<u16, String> {
    let mut map = HashMap::new();
    let Some(stream) = font
        .get(b"ToUnicode")
        .ok()
        .and_then(|o| resolve(doc, o).as_stream().ok())
    else {
        return map;
    };
    let data = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let cmap = String::from_utf8_lossy(&data);
    let hex = |t: &str| -> Vec<u8> {
        let t = t.trim_matches(|c| c == '<' || c == '>');
        (0..t.len() / 2)
            .filter_map(|i| u8::from_str_radix(&t[2 * i..2 * i + 2], 16).ok())
            .collect()
    };
    let code = |t: &str| {
        let b = hex(t);
        u16::from_be_bytes([*b.first().unwrap_or(&0), *b.get(1).unwrap_or(&0)])
    };
    let text = |t: &str| {
        let mut b = vec![0xFE, 0xFF];
        b.extend(hex(t));
        text_string(&b)
    };
    for section in cmap.split("beginbfchar").skip(1) {
        let body = section.split("endbfchar").next().unwrap_or_default();
        let tokens: Vec<&str> = body.split_whitespace().collect();
        for pair in tokens.chunks(2) {
            if let [src, dst] = pair {
                map.insert(code(src), text(dst));
            }
        }
    }
    for section in cmap.split("beginbfrange").skip(1) {
        let body = section.split("endbfrange").next().unwrap_or_default();
        let tokens: Vec<&str> = body.split_whitespace().collect();
        for triple in tokens.chunks(3) {
            if let [lo, hi, dst] = triple {
                let first = hex(dst);
                for (i, c) in (code(lo)..=code(hi)).enumerate() {
                    let mut units = first.clone();
                    if let Some(last) = units.last_mut() {
                        *last = last.wrapping_add(i as u8);
                    }
                    let mut b = vec![0xFE, 0xFF];
                    b.extend(units);
                    map.insert(c, text_string(&b));
                }
            }
        }
    }
    map
}

/// Where a marked-content sequence's text moves to another baseline.
const NEW_LINE: char = '\u{2028}';

fn matrix(operands: &[Object]) -> Option<[f32; 6]> {
    let v: Vec<f32> = operands.iter().filter_map(|o| o.as_float().ok()).collect();
    v.try_into().ok()
}

/// `a` then `b` (row vectors, as PDF multiplies them).
fn times(a: [f32; 6], b: [f32; 6]) -> [f32; 6] {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

/// The text of each marked-content sequence of a page, by MCID: the glyphs'
/// ToUnicode text, except inside a span with ActualText, which stands for it;
/// [`NEW_LINE`] where the text moves to another baseline.
fn marked_text(doc: &Document, page: ObjectId) -> HashMap<i64, String> {
    let fonts = doc.get_page_fonts(page).unwrap_or_default();
    let maps: HashMap<Vec<u8>, HashMap<u16, String>> = fonts
        .iter()
        .map(|(name, f)| (name.clone(), to_unicode(doc, f)))
        .collect();
    let content = Content::decode(&doc.get_page_content(page).expect("page content"))
        .expect("content stream parses");
    // Open marked content: (its MCID, whether an ActualText replaces it).
    let mut open: Vec<(Option<i64>, bool)> = Vec::new();
    let mut font: Option<Vec<u8>> = None;
    let mut out: HashMap<i64, String> = HashMap::new();
    const IDENTITY: [f32; 6] = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let (mut ctm, mut saved, mut tm) = (IDENTITY, Vec::new(), IDENTITY);
    // The baseline of the text shown last, in whichever sequence.
    let mut baseline: Option<f32> = None;
    for op in &content.operations {
        let mcid = open.iter().rev().find_map(|(m, _)| *m);
        let replaced = open.iter().any(|(_, r)| *r);
        match op.operator.as_str() {
            "BDC" => {
                let props = op.operands.get(1).and_then(|o| o.as_dict().ok());
                let id = props.and_then(|p| p.get(b"MCID").ok()?.as_i64().ok());
                let actual = props.and_then(|p| p.get(b"ActualText").ok()?.as_str().ok());
                if let (Some(text), Some(m), false) = (actual, id.or(mcid), replaced) {
                    out.entry(m).or_default().push_str(&text_string(text));
                }
                open.push((id, actual.is_some()));
            }
            "BMC" => open.push((None, false)),
            "EMC" => {
                open.pop();
            }
            "q" => saved.push(ctm),
            "Q" => ctm = saved.pop().unwrap_or(IDENTITY),
            "cm" => ctm = matrix(&op.operands).map_or(ctm, |m| times(m, ctm)),
            "Tm" => tm = matrix(&op.operands).unwrap_or(IDENTITY),
            "Tf" => {
                font = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .map(<[u8]>::to_vec)
            }
            "Tj" | "TJ" | "'" | "\"" if !replaced => {
                let (Some(m), Some(map)) = (mcid, font.as_ref().and_then(|f| maps.get(f))) else {
                    continue;
                };
                let mut strings = Vec::new();
                for operand in &op.operands {
                    match operand {
                        Object::String(s, _) => strings.push(s.clone()),
                        Object::Array(items) => strings.extend(
                            items
                                .iter()
                                .filter_map(|i| i.as_str().ok().map(<[u8]>::to_vec)),
                        ),
                        _ => {}
                    }
                }
                let text = out.entry(m).or_default();
                let y = times(tm, ctm)[5];
                if baseline.replace(y).is_some_and(|was| (was - y).abs() > 0.5) {
                    text.push(NEW_LINE);
                }
                for s in strings {
                    for c in s.chunks(2) {
                        let code = u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]);
                        text.push_str(map.get(&code).map_or("", String::as_str));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Every structure element, depth first, with its text.
/// An element's lines (each drawn in reading order, right-to-left ones too)
/// are joined as they are: a word wrapped without a space runs on into the
/// next line's first word.
pub(crate) fn elements(doc: &Document) -> Vec<Element> {
    let mut texts: HashMap<ObjectId, HashMap<i64, String>> = HashMap::new();
    for page in doc.get_pages().values() {
        texts.insert(*page, marked_text(doc, *page));
    }
    let root = doc
        .catalog()
        .unwrap()
        .get(b"StructTreeRoot")
        .expect("a tag tree");
    let mut out = Vec::new();
    walk(doc, root, None, &texts, &mut out);
    for e in &mut out {
        e.text = e.text.split(NEW_LINE).collect();
    }
    out
}

/// The text of `o` (an element, a marked-content reference, an MCID or an
/// array of them); every element met is added to `out`.
fn walk(
    doc: &Document,
    o: &Object,
    page: Option<ObjectId>,
    texts: &HashMap<ObjectId, HashMap<i64, String>>,
    out: &mut Vec<Element>,
) -> String {
    let mcid_text = |page: Option<ObjectId>, mcid: i64| {
        page.and_then(|p| texts.get(&p)?.get(&mcid).cloned())
            .unwrap_or_default()
    };
    match resolve(doc, o) {
        Object::Integer(mcid) => mcid_text(page, *mcid),
        Object::Array(items) => items
            .iter()
            .map(|i| walk(doc, i, page, texts, out))
            .collect(),
        Object::Dictionary(d) => {
            let page = d.get(b"Pg").and_then(Object::as_reference).ok().or(page);
            if let Ok(mcid) = d.get(b"MCID").and_then(Object::as_i64) {
                return mcid_text(page, mcid);
            }
            element(doc, d, page, texts, out)
        }
        _ => String::new(),
    }
}

fn element(
    doc: &Document,
    d: &Dictionary,
    page: Option<ObjectId>,
    texts: &HashMap<ObjectId, HashMap<i64, String>>,
    out: &mut Vec<Element>,
) -> String {
    let at = out.len();
    let tag = d
        .get(b"S")
        .and_then(Object::as_name)
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .unwrap_or_default();
    let lang = d
        .get(b"Lang")
        .and_then(Object::as_str)
        .ok()
        .map(text_string);
    out.push(Element {
        tag: tag.clone(),
        lang,
        text: String::new(),
    });
    let mut text = match d.get(b"K") {
        Ok(k) => walk(doc, k, page, texts, out),
        Err(_) => String::new(),
    };
    // Block elements are read apart (a space on a line of its own, which
    // no line's reordering moves); an inline span runs on with its text.
    if tag != "Span" {
        text = format!("{text}{NEW_LINE} {NEW_LINE}");
    }
    out[at].text = text.clone();
    text
}

fn build(dir: &Path, langs: &str) -> std::path::PathBuf {
    let out = run(dir, &["build", "--product", "poster-a4", "--lang", langs]);
    assert!(out.status.success(), "{}", stderr(&out));
    dir.join("dist")
}

fn languages() -> Vec<String> {
    let mut langs: Vec<String> = std::fs::read_dir(repo().join("content"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("language.toml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    langs.sort();
    langs
}

#[test]
fn english_in_the_arabic_poster_is_tagged_english() {
    let d = tempfile::tempdir().unwrap();
    let dist = build(d.path(), "ar,ur");
    for lang in ["ar", "ur"] {
        let doc = Document::load(dist.join(lang).join("poster-a4.pdf")).unwrap();
        let all = elements(&doc);
        let spans: Vec<&Element> = all
            .iter()
            .filter(|e| e.text.contains("Department for Education"))
            .filter(|e| e.tag == "Span")
            .collect();
        // Under the definition, and in the footer's sources.
        assert!(spans.len() >= 2, "{lang}: {} spans", spans.len());
        for span in spans {
            assert_eq!(
                span.lang.as_deref().and_then(|l| l.split('-').next()),
                Some("en"),
                "{lang}: {:?}",
                span.text
            );
        }
        // And the paragraph around it is not: it is in the document's language.
        assert!(
            all.iter()
                .filter(|e| e.tag == "P" && e.text.contains("Department for Education"))
                .all(|e| e.lang.is_none()),
            "{lang}"
        );
    }
}

/// A word as compared: its letters in any order (right-to-left text reads
/// back in visual order), punctuation and quotes taken off, composed form.
fn key(word: &str) -> Vec<char> {
    use unicode_normalization::UnicodeNormalization;
    let mut chars: Vec<char> = word
        .nfc()
        .filter(|c| c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(*c))
        .collect();
    chars.sort_unstable();
    chars
}

/// The words of each paragraph of a Markdown file, marks taken out.
fn words_of(path: &Path) -> Vec<Vec<String>> {
    let md = std::fs::read_to_string(path).unwrap();
    let body = md.splitn(3, "+++").nth(2).unwrap_or(&md).to_string();
    body.split("\n\n")
        .map(|para| {
            let clean = para.replace(['*', '_', '`', '>', '#'], " ");
            clean.split_whitespace().map(str::to_string).collect()
        })
        .collect()
}

/// Each language's source words: every paragraph of its Markdown blocks.
fn source_words(lang: &str) -> Vec<Vec<String>> {
    let mut paths: Vec<_> = std::fs::read_dir(repo().join("content").join(lang))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    paths.iter().flat_map(|p| words_of(p)).collect()
}

#[test]
fn no_word_is_glued_to_the_next_across_a_line_wrap() {
    let d = tempfile::tempdir().unwrap();
    let langs = languages();
    let dist = build(d.path(), &langs.join(","));
    let mut problems = Vec::new();
    for lang in &langs {
        let doc = Document::load(dist.join(lang).join("poster-a4.pdf")).unwrap();
        let top: String = {
            let all = elements(&doc);
            // The whole text: the top-level elements' texts in order.
            let depth_one: Vec<&Element> = all.iter().filter(|e| e.tag == "Document").collect();
            match depth_one.first() {
                Some(e) => e.text.clone(),
                None => all.iter().map(|e| e.text.as_str()).collect(),
            }
        };
        let heard: HashSet<Vec<char>> = top.split_whitespace().map(key).collect();
        let mut words_of_source: HashSet<Vec<char>> = HashSet::new();
        let paragraphs = source_words(lang);
        for p in &paragraphs {
            words_of_source.extend(p.iter().map(|w| key(w)));
        }
        let mut pairs = 0;
        for p in &paragraphs {
            for w in p.windows(2) {
                let glued = key(&format!("{}{}", w[0], w[1]));
                pairs += 1;
                if heard.contains(&glued) && !words_of_source.contains(&glued) {
                    problems.push(format!("{lang}: \"{} {}\" is read as one word", w[0], w[1]));
                }
            }
        }
        assert!(pairs > 50, "{lang}: only {pairs} word pairs in the source");
        // The listener hears the definition, every word of it.
        let definition = words_of(&repo().join("content").join(lang).join("definition.md"));
        let unheard: Vec<&String> = definition
            .iter()
            .flatten()
            .filter(|w| !key(w).is_empty() && !heard.contains(&key(w)))
            .collect();
        if !unheard.is_empty() {
            problems.push(format!("{lang}: not in the tagged text: {unheard:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
