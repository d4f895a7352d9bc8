//! Planning: the documents a selection asks for, with a diagnostic for every
//! unknown language or product.

use super::Loaded;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{LangSel, Nation, NotAPair};
use crate::output::Media;
use crate::template::Family;

/// What to build, already validated against nothing yet: ids as the user typed them.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Language folder names, or empty for all.
    pub langs: Vec<String>,
    /// Product ids, or empty for all.
    pub products: Vec<String>,
    /// The edition: whose guidance and pathways to print.
    pub nation: Nation,
    /// Press mode: bleed, crop marks, trim and bleed boxes.
    pub bleed: bool,
}

/// One document to make.
#[derive(Debug, Clone)]
pub struct Job {
    pub lang: LangSel,
    pub product: String,
    /// The PDF, or (for the product with a twin) the web page.
    pub format: Format,
}

/// What the core makes of a job. The CLI face writes other files beside
/// them (pictures, the print shop's ZIPs), which the core knows nothing of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The print-ready PDF.
    Pdf,
    /// The HTML twin of a `leaflet-a5`.
    Html,
}

impl From<Format> for Media {
    fn from(format: Format) -> Media {
        match format {
            Format::Pdf => Media::Pdf,
            Format::Html => Media::Html,
        }
    }
}

/// The product whose text the HTML twin carries.
pub const TWINNED: &str = "leaflet-a5";

/// `jobs` (PDFs, as [`plan`] gives them) as the formats asked for: the PDFs
/// if `pdf`, and if `html` the HTML twin of each `leaflet-a5` among them,
/// after its PDF. An error if `html` is asked for and no `leaflet-a5` is.
pub fn with_formats(jobs: Vec<Job>, pdf: bool, html: bool) -> Result<Vec<Job>, Diagnostic> {
    if html && !jobs.iter().any(|j| j.product == TWINNED) {
        return Err(Diagnostic::error(format!(
            "the HTML twin is the `{TWINNED}` leaflet as a web page, and `{TWINNED}` is not among the products asked for"
        ))
        .with_hint(format!("add `{TWINNED}` to `--product`, or leave `--product` out")));
    }
    let mut out = Vec::new();
    for job in jobs {
        let twin = (html && job.product == TWINNED).then(|| Job {
            format: Format::Html,
            ..job.clone()
        });
        if pdf {
            out.push(job);
        }
        out.extend(twin);
    }
    Ok(out)
}

/// The jobs a selection asks for, or diagnostics naming unknown ids.
pub fn plan(loaded: &Loaded, selection: &Selection) -> Result<Vec<Job>, Diagnostics> {
    plan_with(loaded, selection, false)
}

/// What `check` lays out: [`plan`]'s jobs, but with the pack's bilingual
/// pairs in every product. A whole-pack build makes only their posters; a
/// pair asked for by name (`--lang cy+en`, or on the web page) is every
/// product, in any nation, so every product has to fit it.
pub fn plan_check(loaded: &Loaded, selection: &Selection) -> Result<Vec<Job>, Diagnostics> {
    plan_with(loaded, selection, true)
}

fn plan_with(
    loaded: &Loaded,
    selection: &Selection,
    every_pair_product: bool,
) -> Result<Vec<Job>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let langs = pick_langs(loaded, &selection.langs, &mut diags);
    let products = pick(
        &selection.products,
        loaded.templates.keys(),
        "product",
        "cse-pack list",
        &mut diags,
    );
    if diags.has_errors() {
        return Err(diags);
    }
    // A whole-pack build's pairs (`bilingual` in `pack.toml`, for every
    // nation at once) are the posters; a pair asked for by name
    // (`--lang cy+en`) is every product.
    let whole_pack = !every_pair_product
        && (selection.langs.is_empty() || selection.langs.iter().any(|l| l == "all"));
    let poster = |p: &str| loaded.templates[p].config.family == Family::Poster;
    Ok(langs
        .iter()
        .flat_map(|lang| {
            products
                .iter()
                .filter(move |p| !(whole_pack && lang.is_bilingual()) || poster(p))
                .map(move |product| Job {
                    lang: lang.clone(),
                    product: product.clone(),
                    format: Format::Pdf,
                })
        })
        .collect())
}

/// Languages by folder name, `a+b` for a bilingual product, or `all` (every
/// language, and the pack's bilingual pairs whose languages are present).
fn pick_langs(loaded: &Loaded, wanted: &[String], diags: &mut Diagnostics) -> Vec<LangSel> {
    let known = &loaded.content.languages;
    if wanted.is_empty() || wanted.iter().any(|w| w == "all") {
        let mut all: Vec<LangSel> = known.keys().cloned().map(LangSel::Single).collect();
        for pair in &loaded.content.pack.bilingual {
            let pair = LangSel::Pair(pair.clone());
            if pair.codes().all(|l| known.contains_key(l)) {
                all.push(pair);
            }
        }
        return all;
    }
    let mut out = Vec::new();
    for w in wanted {
        let sel = match w.parse::<LangSel>() {
            Ok(sel) => sel,
            Err(e) => {
                diags.push(Diagnostic::error(e.to_string()).with_hint(NotAPair::HINT));
                continue;
            }
        };
        let unknown: Vec<&str> = sel.codes().filter(|c| !known.contains_key(*c)).collect();
        let unloaded = unknown.iter().find(|p| {
            let rel = format!("{p}/language.toml");
            loaded.content.spans.has_file(&rel)
        });
        if let Some(p) = unloaded {
            // Its folder is there: its files' errors were reported when loading.
            diags.push(Diagnostic::error(format!(
                "language `{p}` is left out: its files have the errors above"
            )));
        } else if let Some(u) = unknown.first() {
            let all: Vec<&str> = known.keys().map(String::as_str).collect();
            diags.push(
                Diagnostic::error(format!("unknown language `{u}`")).with_hint(format!(
                    "known languages: {} (see `cse-pack list`); `cy+en` makes a bilingual pack",
                    all.join(", ")
                )),
            );
        } else {
            out.push(sel);
        }
    }
    out
}

fn pick<'a>(
    wanted: &[String],
    known: impl Iterator<Item = &'a String> + Clone,
    what: &str,
    list: &str,
    diags: &mut Diagnostics,
) -> Vec<String> {
    if wanted.is_empty() || wanted.iter().any(|w| w == "all") {
        return known.cloned().collect();
    }
    for w in wanted {
        if !known.clone().any(|k| k == w) {
            let all: Vec<&str> = known.clone().map(String::as_str).collect();
            diags.push(
                Diagnostic::error(format!("unknown {what} `{w}`"))
                    .with_hint(format!("known {what}s: {} (see `{list}`)", all.join(", "))),
            );
        }
    }
    wanted.to_vec()
}
