//! Making documents: each job laid out and rendered, then the results
//! gathered with the warnings that concern several documents at once.

use super::omissions;
use super::{Format, Job, Loaded, Selection};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::details::LocalField;
use crate::model::{Content, Direction, Nation, Org};
use crate::output::{DocInfo, Output, tenth_mm};
use crate::template::{Component, Palette, Template};
use crate::{display, html, layout, render, units};

/// Who a set of documents is for, and where they go in the output folder.
#[derive(Debug, Clone, Copy, Default)]
pub struct Personal<'a> {
    pub org: Option<&'a Org>,
    /// Put the files under a folder named after the organisation (batches).
    pub org_folder: bool,
}

/// One finished document: its file, and what it showed of the
/// organisation's details (for the warnings about what it left off).
#[derive(Debug, Clone)]
pub struct Made {
    pub output: Output,
    pub shown: Vec<LocalField>,
}

/// Lay out and render every job, one after another. Returns the finished
/// documents in job order with any warnings, or every problem found. (The
/// CLI face runs [`make_document`] in parallel and gathers the results with
/// [`finish_documents`], which gives the same.)
pub fn make_documents(
    loaded: &Loaded,
    jobs: &[Job],
    selection: &Selection,
    options: &render::RenderOptions,
    personal: Personal<'_>,
) -> Result<(Vec<Output>, Diagnostics), Diagnostics> {
    let results = jobs
        .iter()
        .map(|job| make_document(loaded, job, selection, options, personal))
        .collect();
    finish_documents(loaded, jobs, selection, personal, results)
}

/// Gather the results of `jobs` (in job order) into the documents and the
/// warnings about them: nations' pathways a product has no room for, and
/// the organisation's details documents left off.
pub fn finish_documents(
    loaded: &Loaded,
    jobs: &[Job],
    selection: &Selection,
    personal: Personal<'_>,
    results: Vec<Result<Made, Diagnostic>>,
) -> Result<(Vec<Output>, Diagnostics), Diagnostics> {
    let (outputs, diags) = finish_some_documents(loaded, jobs, selection, personal, results);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok((outputs, diags))
    }
}

/// [`finish_documents`] for a batch, where an organisation gets the
/// documents that could be made even when some could not: those documents,
/// and the errors about the others with the warnings.
pub fn finish_some_documents(
    loaded: &Loaded,
    jobs: &[Job],
    selection: &Selection,
    personal: Personal<'_>,
    results: Vec<Result<Made, Diagnostic>>,
) -> (Vec<Output>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut outputs = Vec::new();
    let mut shown = Vec::new();
    for r in results {
        match r {
            // A twin shows what its leaflet shows: counted once.
            Ok(Made { output, .. })
                if shown.iter().any(|s: &omissions::Shown| {
                    s.product == output.info.product && s.lang == output.info.lang
                }) =>
            {
                outputs.push(output)
            }
            Ok(Made {
                output,
                shown: items,
            }) => {
                shown.push(omissions::Shown {
                    product: output.info.product.clone(),
                    lang: output.info.lang.clone(),
                    items,
                });
                outputs.push(output);
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
            selection.nation,
            personal.org,
        ));
    }
    let bilingual: std::collections::BTreeSet<&str> = jobs
        .iter()
        .filter(|j| j.lang.is_bilingual())
        // A poster's own bilingual design gives its quote's room to the text.
        .filter(|j| loaded.templates[&j.product].config.family != crate::template::Family::Poster)
        .map(|j| j.product.as_str())
        .collect();
    for product in bilingual {
        diags.extend(bilingual_left_off(
            &loaded.templates[product],
            selection.nation,
            personal.org.is_some(),
        ));
    }
    if let Some(org) = personal.org
        && !diags.has_errors()
    {
        diags.extend(omissions::left_off(org, &shown));
    }
    (outputs, diags)
}

/// A warning when a product leaves off pathways of the nation's own (the
/// Gateway numbers on a wallet card), saying what it prints instead.
fn dropped_nation_pathways(
    content: &Content,
    template: &Template,
    nation: Nation,
    org: Option<&Org>,
) -> Option<Diagnostic> {
    let options = layout::LayoutOptions {
        org,
        nation,
        ..Default::default()
    };
    let printed = layout::printed_contacts(content, template, &options);
    let own = content
        .contacts
        .iter()
        .filter(|c| c.nations.len() < Nation::ALL.len() && c.nations.contains(&nation));
    let missing: Vec<String> = own
        .clone()
        .filter(|c| c.stands_in_for.is_empty() && !printed.contains(&c.id))
        .map(|c| format!("`{}`", c.id))
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
        None if missing.len() == 1 => "it is left off".to_string(),
        None => "they are left off".to_string(),
    };
    Some(
        Diagnostic::warning(format!(
            "`{}` in the {} edition has no room for {}; {what}",
            template.id(),
            nation.name(),
            missing.join(", ")
        ))
        .with_hint("the larger products (posters, leaflets) carry them"),
    )
}

/// A warning when a product in two languages leaves off a block or quote
/// its one-language edition prints (the template gives its room to the
/// text in both languages): left off both languages, never one.
fn bilingual_left_off(template: &Template, nation: Nation, org: bool) -> Option<Diagnostic> {
    let pieces = |bilingual: bool| -> Vec<String> {
        let regions = template.panels.iter().flat_map(|p| &p.regions);
        let used: Vec<_> = regions
            .filter(|r| r.when.iter().all(|w| w.holds(org, bilingual, nation)))
            .collect();
        let described = used
            .iter()
            .any(|r| r.component == Component::Contacts && r.show_descriptions);
        used.iter()
            .filter_map(|r| r.block.clone().or_else(|| r.quote.clone()))
            .map(|id| format!("`{id}`"))
            .chain(described.then(|| "the contacts' descriptions".to_string()))
            .collect()
    };
    let both = pieces(true);
    let missing: Vec<String> = pieces(false)
        .into_iter()
        .filter(|p| !both.contains(p))
        .collect();
    if missing.is_empty() {
        return None;
    }
    Some(
        Diagnostic::warning(format!(
            "`{}` in two languages in the {} edition has no room for {}: left off in both languages",
            template.id(),
            nation.name(),
            missing.join(", ")
        ))
        .with_hint("the one-language editions and the larger products carry it"),
    )
}

/// Lay out and render one job: its PDF, or its HTML twin.
pub fn make_document(
    loaded: &Loaded,
    job: &Job,
    selection: &Selection,
    options: &render::RenderOptions,
    personal: Personal<'_>,
) -> Result<Made, Diagnostic> {
    let template = &loaded.templates[&job.product];
    let (doc, palette) = lay_out(loaded, job, selection, personal)?;
    let bytes = match job.format {
        Format::Pdf => render::render_pdf(&doc, &loaded.pdf_fonts, options).map_err(|e| {
            Diagnostic::error(format!(
                "`{}` in `{}`: the PDF could not be written: {e}",
                job.product, job.lang
            ))
            .with_hint("this is a bug in cse-pack; please report it")
        })?,
        Format::Html => twin(loaded, job, personal, &doc, &palette),
    };
    let folder = match personal.org {
        Some(org) if personal.org_folder => format!("{}/", org.slug),
        _ => String::new(),
    };
    let (extension, pages, width_mm, height_mm) = match job.format {
        Format::Pdf => (
            "pdf",
            doc.pages.len(),
            tenth_mm(units::Pt(template.width).to_mm()),
            tenth_mm(units::Pt(template.height).to_mm()),
        ),
        // One web page, with no paper size.
        Format::Html => ("html", 1, 0.0, 0.0),
    };
    let info = DocInfo {
        path: format!("{folder}{}/{}.{extension}", job.lang, job.product),
        product: job.product.clone(),
        lang: job.lang.clone(),
        nation: selection.nation,
        org: personal.org.map(|o| o.slug.clone()),
        pages,
        width_mm,
        height_mm,
        media: job.format.into(),
    };
    let output = Output { info, bytes };
    Ok(Made {
        output,
        shown: doc.shown,
    })
}

/// The HTML twin of a laid-out leaflet.
fn twin(
    loaded: &Loaded,
    job: &Job,
    personal: Personal<'_>,
    doc: &display::Document,
    palette: &Palette,
) -> Vec<u8> {
    let lang = &loaded.content.languages[job.lang.first()];
    let mut title = lang.strings.get("poster.title").to_string();
    if let Some(org) = personal.org {
        title = format!("{title} – {}", org.name);
    }
    let languages: Vec<html::TwinLang> = loaded
        .content
        .languages
        .values()
        .map(|l| html::TwinLang {
            tag: l.tag.clone(),
            rtl: l.direction == Direction::Rtl,
            latin: l.script == "Latn",
        })
        .collect();
    let latin_tag = loaded
        .content
        .languages
        .get("en")
        .map_or("en", |l| l.tag.as_str());
    let options = html::TwinOptions {
        palette,
        languages: &languages,
        latin_tag,
        title: &title,
    };
    html::html_twin(doc, loaded.fonts, &options)
}

/// Lay out one job's product, with the colours it is drawn in; an error
/// names the organisation's own field when its text is what does not fit.
fn lay_out(
    loaded: &Loaded,
    job: &Job,
    selection: &Selection,
    personal: Personal<'_>,
) -> Result<(display::Document, Palette), Diagnostic> {
    // Planning checked that each language is loaded.
    let lang = &loaded.content.languages[job.lang.first()];
    let second = job.lang.second().map(|b| &loaded.content.languages[b]);
    let template = &loaded.templates[&job.product];
    let layout_options = layout::LayoutOptions {
        bleed: selection.bleed,
        org: personal.org,
        nation: selection.nation,
        second,
        fitted: Some(&loaded.fitted),
        shapes: Some(&loaded.shapes),
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
            omissions::does_not_fit(org, &job.product, &job.lang, block, misfit)
        }
        (Some(org), _) => {
            let d = e.to_diagnostic(template, lang, &loaded.content.spans);
            let row = org.row().map(|r| format!(" ({r})")).unwrap_or_default();
            Diagnostic {
                message: format!("for `{}`{row}: {}", org.name, d.message),
                ..d
            }
        }
        (None, _) => e.to_diagnostic(template, lang, &loaded.content.spans),
    })?;
    Ok((doc, layout::palette(template, &layout_options)))
}
