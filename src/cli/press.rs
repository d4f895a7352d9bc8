//! `--bleed --zip`: what a print shop is sent. One ZIP per organisation
//! (`print-shop/<organisation>.zip`, or `print-shop/cse-pack.zip` without
//! one) holding its press PDFs and `PRINT-SHOP.txt`, which says for each
//! file its finished size, paper, sheet size, pages, duplex edge and
//! finishing. Fixed timestamps and order: the same build gives the same
//! bytes.

use crate::Loaded;
use crate::diag::Diagnostic;
use crate::layout::{BLEED_MM, SLUG_MM};
use crate::model::LangSel;
use crate::output::{DocInfo, Media, Output};
use std::fmt::Write as _;
use std::io::Write as _;
use zip::write::SimpleFileOptions;

/// The folder the ZIPs go in, inside the output folder.
pub const FOLDER: &str = "print-shop";
/// The ZIP of a build without an organisation.
const NO_ORG: &str = "cse-pack";
/// The text file at the top of each ZIP.
pub const NOTE: &str = "PRINT-SHOP.txt";

/// A ZIP for each organisation among `docs` (press PDFs; anything else is
/// left out), in the order the organisations come.
pub(super) fn zips(docs: &[Output], loaded: &Loaded) -> Result<Vec<Output>, Diagnostic> {
    let mut orgs: Vec<Option<&String>> = Vec::new();
    for doc in docs.iter().filter(|d| d.info.media.is_pdf()) {
        if !orgs.contains(&doc.info.org.as_ref()) {
            orgs.push(doc.info.org.as_ref());
        }
    }
    orgs.into_iter()
        .map(|org| {
            let mut mine: Vec<&Output> = docs
                .iter()
                .filter(|d| d.info.media.is_pdf() && d.info.org.as_ref() == org)
                .collect();
            mine.sort_by(|a, b| a.info.path.cmp(&b.info.path));
            zip_one(org.map(String::as_str), &mine, loaded)
        })
        .collect()
}

/// One organisation's ZIP.
fn zip_one(org: Option<&str>, docs: &[&Output], loaded: &Loaded) -> Result<Output, Diagnostic> {
    let name = org.unwrap_or(NO_ORG);
    let failed = |e: zip::result::ZipError| {
        Diagnostic::error(format!(
            "the print shop's ZIP `{name}.zip` could not be made: {e}"
        ))
        .with_hint("this is a bug in cse-pack; please report it")
    };
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut add = |path: &str, bytes: &[u8]| -> Result<(), Diagnostic> {
        writer.start_file(path, options).map_err(failed)?;
        writer
            .write_all(bytes)
            .map_err(|e| failed(zip::result::ZipError::Io(e)))
    };
    add(NOTE, note(org, docs, loaded).as_bytes())?;
    for doc in docs {
        add(inner_path(&doc.info), &doc.bytes)?;
    }
    let bytes = writer.finish().map_err(failed)?.into_inner();
    let first = &docs.first().expect("an organisation with a PDF").info;
    Ok(Output {
        info: DocInfo {
            path: format!("{FOLDER}/{name}.zip"),
            product: "print-shop".to_string(),
            lang: LangSel::Single("mul".to_string()),
            nation: first.nation,
            org: org.map(str::to_string),
            pages: docs.len(),
            width_mm: 0.0,
            height_mm: 0.0,
            media: Media::Zip,
        },
        bytes,
    })
}

/// A PDF's path inside its organisation's ZIP: without the batch's
/// organisation folder (`en/poster-a4.pdf`).
fn inner_path(info: &DocInfo) -> &str {
    info.org
        .as_deref()
        .and_then(|org| info.path.strip_prefix(org)?.strip_prefix('/'))
        .unwrap_or(&info.path)
}

/// `PRINT-SHOP.txt`: what the files are and how to print and finish each.
fn note(org: Option<&str>, docs: &[&Output], loaded: &Loaded) -> String {
    let pack = &loaded.content.pack;
    let edge = BLEED_MM + SLUG_MM;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Print-ready PDFs{} (content pack {} {}), {} file{}.\n",
        org.map(|o| format!(" for {o}")).unwrap_or_default(),
        pack.id,
        pack.version,
        docs.len(),
        if docs.len() == 1 { "" } else { "s" }
    );
    let _ = writeln!(
        s,
        "Every page has {} of bleed on every side and a {} slug beyond it that holds\n\
         the crop marks, clear of the bleed. TrimBox is the finished size, BleedBox\n\
         the trim and its bleed, MediaBox the whole sheet: trim + 2 x ({} bleed +\n\
         {} slug). Trim at the crop marks. Colours are RGB.\n",
        mm(BLEED_MM),
        mm(SLUG_MM),
        mm(BLEED_MM),
        mm(SLUG_MM)
    );
    for doc in docs {
        let info = &doc.info;
        let config = loaded.templates.get(&info.product).map(|t| &t.config);
        let _ = writeln!(s, "{}", inner_path(info));
        let _ = writeln!(
            s,
            "  finished size: {} x {} mm ({})",
            num(info.width_mm),
            num(info.height_mm),
            paper(info.width_mm, info.height_mm)
        );
        let _ = writeln!(
            s,
            "  MediaBox: {} x {} mm",
            num(info.width_mm + 2.0 * edge),
            num(info.height_mm + 2.0 * edge)
        );
        let short = config.and_then(|c| c.print_note.as_deref()) == Some("print.duplex-short-edge");
        let sides = match (info.pages, short) {
            (1, _) => "1, one-sided".to_string(),
            (n, true) => format!("{n}, double-sided, flip on the short edge"),
            (n, false) => format!("{n}, double-sided, flip on the long edge"),
        };
        let _ = writeln!(s, "  pages: {sides}");
        if let Some(finishing) = config.and_then(|c| c.finishing.as_deref()) {
            let _ = writeln!(s, "  finishing: {finishing}");
        }
        s.push('\n');
    }
    s
}

/// `3 mm`, `3.5 mm`.
fn mm(v: f32) -> String {
    format!("{} mm", num(v))
}

/// A length to a tenth, without a trailing `.0` (`210`, `215.9`).
fn num(v: f32) -> String {
    let tenth = (v * 10.0).round() / 10.0;
    if tenth.fract() == 0.0 {
        format!("{tenth:.0}")
    } else {
        format!("{tenth:.1}")
    }
}

/// The paper a finished size is, with its orientation (`A4 portrait`).
fn paper(w: f32, h: f32) -> String {
    const SIZES: [(&str, f32, f32); 7] = [
        ("A1", 594.0, 841.0),
        ("A2", 420.0, 594.0),
        ("A3", 297.0, 420.0),
        ("A4", 210.0, 297.0),
        ("A5", 148.0, 210.0),
        ("US Letter", 215.9, 279.4),
        ("US Tabloid", 279.4, 431.8),
    ];
    let near = |a: f32, b: f32| (a - b).abs() < 0.6;
    let (short, long) = (w.min(h), w.max(h));
    let orientation = if w > h { "landscape" } else { "portrait" };
    SIZES
        .iter()
        .find(|(_, sw, sh)| near(short, *sw) && near(long, *sh))
        .map(|(name, ..)| format!("{name} {orientation}"))
        .unwrap_or_else(|| format!("custom size, {orientation}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn papers_are_named_in_either_orientation() {
        assert_eq!(paper(210.0, 297.0), "A4 portrait");
        assert_eq!(paper(297.0, 210.0), "A4 landscape");
        assert_eq!(paper(215.9, 279.4), "US Letter portrait");
        assert_eq!(paper(148.5, 210.0), "A5 portrait");
        assert_eq!(paper(85.0, 55.0), "custom size, landscape");
    }

    #[test]
    fn lengths_drop_a_trailing_zero() {
        assert_eq!(num(236.0), "236");
        assert_eq!(num(241.9), "241.9");
        assert_eq!(mm(3.5), "3.5 mm");
    }
}
