//! cse-pack: reviewed safeguarding content → print-ready, accessible PDFs.
//!
//! The pipeline runs one way; only loading and writing touch the disk:
//!
//! ```text
//! content/ + templates/ ─► load ─► model ─► layout ─► render ─► pack ─► dist/
//!                      (content,  (plain   (shape,    (krilla,  (atomic files,
//!                       template)  data)    bidi,      tags)     manifest)
//!                                           lines, fit)
//! ```
//!
//! [`load`] reads the inputs, [`plan`] picks the documents, [`make_documents`]
//! lays them out and renders them in parallel, and [`pack::write_pack`] writes
//! them. `cse-pack check` runs everything but the writing.

pub mod assets;
pub mod cli;
pub mod content;
pub mod diag;
pub mod display;
pub mod fonts;
pub mod images;
pub mod layout;
pub mod model;
pub mod omissions;
pub mod orgs;
pub mod pack;
pub mod phone;
pub mod render;
pub mod template;
pub mod text_safety;
pub mod units;

use assets::Tree;
use diag::{Diagnostic, Diagnostics};
use fonts::FontBook;
use model::{Content, Date};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use template::Template;

/// What to build, already validated against nothing yet: ids as the user typed them.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Language folder names, or empty for all.
    pub langs: Vec<String>,
    /// Product ids, or empty for all.
    pub products: Vec<String>,
    pub nation: String,
    /// Press mode: bleed, crop marks, trim and bleed boxes.
    pub bleed: bool,
}

/// Where inputs come from: a folder, or the copy embedded in the binary.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub content: Option<PathBuf>,
    pub templates: Option<PathBuf>,
    /// Build even when the pack is past its review date (a warning, not an error).
    pub allow_stale: bool,
}

/// Everything loaded for a run.
pub struct Loaded {
    /// Problems found while loading (errors in some files, stale contacts).
    /// A build with any error here writes nothing; `check` reports them all.
    pub problems: Diagnostics,
    pub content: Content,
    pub templates: BTreeMap<String, Template>,
    pub fonts: &'static FontBook,
    /// The same fonts, ready for the PDF writer: converted once per build.
    pub pdf_fonts: render::PdfFonts,
}

/// Load content, templates and fonts, reporting every problem at once.
pub fn load(sources: &Sources) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::default();
    let content_tree = match &sources.content {
        Some(dir) => Tree::from_dir(dir).map_err(|d| diags.push(d)).ok(),
        None => Some(Tree::embedded("content")),
    };
    let template_tree = match &sources.templates {
        Some(dir) => Tree::from_dir(dir).map_err(|d| diags.push(d)).ok(),
        None => Some(Tree::embedded("templates")),
    };
    let mut content = content_tree
        .as_ref()
        .and_then(|t| content::load_content_partial(t, &mut diags));
    let templates = template_tree.and_then(|t| {
        template::load_templates(&t)
            .map_err(|d| diags.extend(d.0))
            .ok()
    });
    let fonts = FontBook::shipped();
    if let (Some(content), Some(tree)) = (&content, &content_tree) {
        diags.extend(content::check_freshness(
            tree,
            content,
            content::today(),
            sources.allow_stale,
        ));
    }
    if let Some(content) = &mut content {
        let mut unusable = Vec::new();
        for lang in content.languages.values() {
            let before = diags.error_count();
            for family in lang.fonts.iter().chain(&lang.text_layer) {
                if !fonts.has_family(family) {
                    let key = if lang.fonts.contains(family) {
                        "fonts"
                    } else {
                        "text-layer"
                    };
                    diags.push(content.spans.place(
                        &format!("{}/language.toml", lang.code),
                        key,
                        diag::Part::Value,
                        Diagnostic::error(format!("language `{}` names font `{family}`, which cse-pack does not ship", lang.code))
                            .with_hint("font families are the file names in fonts/ before the `-`, e.g. `NotoSans`"),
                    ));
                }
            }
            // Coverage only with every font there: a misspelt family would
            // make every character "missing".
            if let Some(tree) = &content_tree
                && diags.error_count() == before
            {
                diags.extend(content::check_coverage(tree, lang, fonts));
            }
            if diags.error_count() > before {
                unusable.push(lang.code.clone());
            }
        }
        // A language that cannot be set is reported once, here, not again by layout.
        for code in unusable {
            content.languages.remove(&code);
        }
    }
    match (content, templates) {
        (Some(content), Some(templates)) => Ok(Loaded {
            content,
            templates,
            pdf_fonts: render::PdfFonts::new(fonts),
            fonts,
            problems: diags,
        }),
        _ => Err(diags),
    }
}

/// One document to make.
#[derive(Debug, Clone)]
pub struct Job {
    pub lang: String,
    pub product: String,
}

/// The jobs a selection asks for, or diagnostics naming unknown ids.
pub fn plan(loaded: &Loaded, selection: &Selection) -> Result<Vec<Job>, Diagnostics> {
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
    let explicit = !selection.products.is_empty() && !selection.products.iter().any(|p| p == "all");
    for lang in langs.iter().filter(|l| l.contains('+')) {
        for p in products
            .iter()
            .filter(|p| loaded.templates[p.as_str()].config.family != template::Family::Poster)
        {
            if explicit {
                diags.push(
                    Diagnostic::error(format!("`{lang}` is bilingual, and `{p}` is not a poster"))
                        .with_hint("bilingual products are posters; build the leaflet in each language separately"),
                );
            }
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(langs
        .iter()
        .flat_map(|lang| {
            products
                .iter()
                .filter(move |p| {
                    !lang.contains('+')
                        || loaded.templates[p.as_str()].config.family == template::Family::Poster
                })
                .map(move |product| Job {
                    lang: lang.clone(),
                    product: product.clone(),
                })
        })
        .collect())
}

/// Languages by folder name, `a+b` for a bilingual poster, or `all` (every
/// language, and the pack's bilingual pairs whose languages are present).
fn pick_langs(loaded: &Loaded, wanted: &[String], diags: &mut Diagnostics) -> Vec<String> {
    let known = &loaded.content.languages;
    if wanted.is_empty() || wanted.iter().any(|w| w == "all") {
        let mut all: Vec<String> = known.keys().cloned().collect();
        for pair in &loaded.content.pack.bilingual {
            if pair.split('+').all(|l| known.contains_key(l)) {
                all.push(pair.clone());
            }
        }
        return all;
    }
    for w in wanted {
        let parts: Vec<&str> = w.split('+').collect();
        let unknown: Vec<&&str> = parts.iter().filter(|p| !known.contains_key(**p)).collect();
        let unloaded = unknown.iter().find(|p| {
            let rel = format!("{p}/language.toml");
            loaded.content.spans.has_file(&rel)
        });
        if let Some(p) = unloaded {
            // Its folder is there: its files' errors were reported when loading.
            diags.push(Diagnostic::error(format!(
                "language `{p}` is left out: its files have the errors above"
            )));
        } else if !unknown.is_empty() {
            let all: Vec<&str> = known.keys().map(String::as_str).collect();
            diags.push(
                Diagnostic::error(format!("unknown language `{}`", unknown[0])).with_hint(format!(
                    "known languages: {} (see `cse-pack list`); `cy+en` makes a bilingual poster",
                    all.join(", ")
                )),
            );
        } else if parts.len() > 2 || (parts.len() == 2 && parts[0] == parts[1]) {
            diags.push(
                Diagnostic::error(format!("`{w}` is not a language pair"))
                    .with_hint("write two different languages, first language first: `cy+en`"),
            );
        }
    }
    wanted.to_vec()
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

/// Who a set of documents is for, and where they go in the output folder.
#[derive(Debug, Clone, Copy, Default)]
pub struct Personal<'a> {
    pub org: Option<&'a model::Org>,
    /// Put the files under a folder named after the organisation (batches).
    pub org_folder: bool,
}

/// Lay out and render every job, in parallel. Returns the finished documents
/// in job order with any warnings, or every problem found.
pub fn make_documents(
    loaded: &Loaded,
    jobs: &[Job],
    selection: &Selection,
    options: &render::RenderOptions,
    personal: Personal<'_>,
) -> Result<(Vec<pack::Output>, Diagnostics), Diagnostics> {
    let pdf_fonts = &loaded.pdf_fonts;
    let results: Vec<Result<(pack::Output, Vec<String>), Diagnostic>> = jobs
        .par_iter()
        .map(|job| make_document(loaded, pdf_fonts, job, selection, options, personal))
        .collect();
    let mut diags = Diagnostics::default();
    let mut outputs = Vec::new();
    let mut shown = Vec::new();
    for r in results {
        match r {
            Ok((o, items)) => {
                shown.push(omissions::Shown {
                    product: o.product.clone(),
                    lang: o.lang.clone(),
                    items,
                });
                outputs.push(o);
            }
            Err(d) => diags.push(d),
        }
    }
    let products: std::collections::BTreeSet<&str> =
        jobs.iter().map(|j| j.product.as_str()).collect();
    for product in &products {
        diags.extend(dropped_nation_pathways(
            &loaded.content,
            &loaded.templates[*product],
            &selection.nation,
            personal.org,
        ));
    }
    if let Some(org) = personal.org
        && !diags.has_errors()
    {
        diags.extend(omissions::left_off(org, &shown));
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok((outputs, diags))
    }
}

/// A warning when a product leaves off pathways of the nation's own (the
/// Gateway numbers on a wallet card), saying what it prints instead.
fn dropped_nation_pathways(
    content: &Content,
    template: &Template,
    nation: &str,
    org: Option<&model::Org>,
) -> Option<Diagnostic> {
    let options = layout::LayoutOptions {
        org,
        nation,
        ..Default::default()
    };
    let printed = layout::printed_contacts(content, template, &options);
    let own = content.contacts.iter().filter(|c| {
        c.nations.len() < content::NATIONS.len() && c.nations.iter().any(|n| n == nation)
    });
    let missing: Vec<&str> = own
        .clone()
        .filter(|c| c.stands_in_for.is_empty() && !printed.contains(&c.id))
        .map(|c| c.id.as_str())
        .collect();
    if missing.is_empty() {
        return None;
    }
    let pointer = own
        .filter(|c| !c.stands_in_for.is_empty() && printed.contains(&c.id))
        .map(|c| c.headline().to_string())
        .next();
    let what = match &pointer {
        Some(p) => format!("it prints where to find them ({p}) instead"),
        None => "they are left off it".to_string(),
    };
    Some(
        Diagnostic::warning(format!(
            "`{}` in the {nation} edition has no room for {}; {what}",
            template.id(),
            missing.join(", ")
        ))
        .with_hint("the larger products (posters, leaflets) carry them"),
    )
}

fn make_document(
    loaded: &Loaded,
    fonts: &render::PdfFonts,
    job: &Job,
    selection: &Selection,
    options: &render::RenderOptions,
    personal: Personal<'_>,
) -> Result<(pack::Output, Vec<String>), Diagnostic> {
    let (first, second) = job
        .lang
        .split_once('+')
        .map_or((job.lang.as_str(), None), |(a, b)| (a, Some(b)));
    let lang = &loaded.content.languages[first];
    let second = second.map(|b| &loaded.content.languages[b]);
    let template = &loaded.templates[&job.product];
    let layout_options = layout::LayoutOptions {
        bleed: selection.bleed,
        org: personal.org,
        nation: &selection.nation,
        second,
    };
    let doc = layout::layout_document(
        loaded.fonts,
        &loaded.content,
        lang,
        template,
        &layout_options,
    )
    .map_err(|e| match (personal.org, &e) {
        // The organisation's own text: at its field, in its file.
        (Some(org), layout::LayoutError::Overflow { block, misfit })
            if block == "local" || block == "header" =>
        {
            let (field, d) = omissions::does_not_fit(org, &job.product, &job.lang, block, misfit);
            org.locate(field, d)
        }
        (Some(org), _) => {
            let d = e.to_diagnostic(template, lang, &loaded.content.spans);
            Diagnostic {
                message: format!("for `{}`: {}", org.name, d.message),
                ..d
            }
        }
        (None, _) => e.to_diagnostic(template, lang, &loaded.content.spans),
    })?;
    let bytes = render::render_pdf(&doc, fonts, options).map_err(|e| {
        Diagnostic::error(format!(
            "`{}` in `{}`: the PDF could not be written: {e}",
            job.product, job.lang
        ))
        .with_hint("this is a bug in cse-pack; please report it")
    })?;
    let folder = match personal.org {
        Some(org) if personal.org_folder => format!("{}/", org.slug),
        _ => String::new(),
    };
    let output = pack::Output {
        path: format!("{folder}{}/{}.pdf", job.lang, job.product),
        product: job.product.clone(),
        lang: job.lang.clone(),
        nation: selection.nation.clone(),
        org: personal.org.map(|o| o.slug.clone()),
        pages: doc.pages.len(),
        width_mm: units::Pt(template.width).to_mm(),
        height_mm: units::Pt(template.height).to_mm(),
        bytes,
    };
    Ok((output, doc.shown))
}

/// The date `SOURCE_DATE_EPOCH` names, if it is set and valid.
pub fn source_date_epoch() -> Option<Date> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Date::from_unix_seconds(secs))
}
