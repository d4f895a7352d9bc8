//! The pipeline's driver: load the inputs, plan the documents, make each one
//! (layout, then render) and gather them in job order. Everything here takes
//! its inputs as data and returns data; the faces read and write.

mod make;
mod omissions;
mod plan;

pub use make::{
    Made, Personal, finish_documents, finish_some_documents, make_document, make_documents,
};
pub use plan::{Format, Job, Selection, TWINNED, plan, plan_check, with_formats};

use crate::assets::Tree;
use crate::diag::{Diagnostic, Diagnostics};
use crate::fonts::FontBook;
use crate::model::{Content, Date};
use crate::template::{self, Template};
use crate::{content, render};
use std::collections::BTreeMap;

/// What a build reads, as data: the content and template trees (a face reads
/// them from folders, or takes the copies embedded in the binary), and the
/// load's options.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub content: Tree,
    pub templates: Tree,
    /// The fonts, parsed once by the face ([`FontBook::embedded`]): their
    /// faces borrow the font files, which live as long as the program.
    pub fonts: &'static FontBook,
    pub options: LoadOptions,
}

/// How to judge what is loaded.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Today's date, for review-by dates and contacts' checked dates.
    pub today: Date,
    /// Build even when the pack is past its review date (a warning, not an error).
    pub allow_stale: bool,
}

impl Inputs {
    /// The content and templates embedded in the binary, with `fonts`.
    pub fn embedded(fonts: &'static FontBook, options: LoadOptions) -> Self {
        Self {
            content: Tree::embedded("content"),
            templates: Tree::embedded("templates"),
            fonts,
            options,
        }
    }
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
    /// Logos and photos shrunk to the size a product prints them, made once
    /// per build and shared by its documents.
    pub fitted: crate::images::Fitted,
    /// Paragraphs shaped once and reused by every document of the build (or
    /// of the web page's session, which keeps its `Loaded`). A face may put
    /// in one of another capacity ([`crate::layout::ShapeCache::with_capacity`];
    /// `0` shapes every paragraph where it is used): the output is the same.
    pub shapes: crate::layout::ShapeCache,
}

/// Load content, templates and fonts, reporting every problem at once.
pub fn load(inputs: &Inputs) -> Result<Loaded, Diagnostics> {
    load_parts(
        Some(&inputs.content),
        Some(&inputs.templates),
        inputs.fonts,
        &inputs.options,
    )
}

/// [`load`] for a face that could read only some of the trees (it reports
/// why): what it did read is still checked, so one run reports everything.
pub fn load_parts(
    content_tree: Option<&Tree>,
    template_tree: Option<&Tree>,
    fonts: &'static FontBook,
    options: &LoadOptions,
) -> Result<Loaded, Diagnostics> {
    load_some(
        content_tree,
        template_tree,
        fonts,
        options,
        &Selection::default(),
    )
}

/// [`load`] of only what `selection` asks for: its languages (with `en`,
/// which the others are checked against) and its products (with the
/// templates they extend), when it names each by an id that is there; else
/// everything, as [`load`] does. A build of one poster need not read, parse
/// and check the rest of the pack; its documents are the same either way.
pub fn load_selected(inputs: &Inputs, selection: &Selection) -> Result<Loaded, Diagnostics> {
    load_some(
        Some(&inputs.content),
        Some(&inputs.templates),
        inputs.fonts,
        &inputs.options,
        selection,
    )
}

/// [`load_parts`] of what `selection` names (see [`load_selected`]).
pub fn load_some(
    content_tree: Option<&Tree>,
    template_tree: Option<&Tree>,
    fonts: &'static FontBook,
    options: &LoadOptions,
    selection: &Selection,
) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut content = content_tree.and_then(|t| {
        let only = content::wanted_languages(t, &selection.langs);
        content::load_content_some(t, only.as_ref(), &mut diags)
    });
    let templates = template_tree.and_then(|t| {
        let only = template::wanted_templates(t, &selection.products);
        template::load_some_templates(t, only.as_ref())
            .map_err(|d| diags.extend(d.0))
            .ok()
    });
    if let (Some(content), Some(tree)) = (&content, content_tree) {
        diags.extend(content::check_freshness(
            tree,
            content,
            options.today,
            options.allow_stale,
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
                        crate::diag::Part::Value,
                        Diagnostic::error(format!("language `{}` names font `{family}`, which cse-pack does not ship", lang.code))
                            .with_hint("font families are the file names in fonts/ before the `-`, e.g. `NotoSans`"),
                    ));
                }
            }
            // Coverage only with every font there: a misspelt family would
            // make every character "missing".
            if let Some(tree) = content_tree
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
            fitted: crate::images::Fitted::default(),
            shapes: crate::layout::ShapeCache::default(),
        }),
        _ => Err(diags),
    }
}
