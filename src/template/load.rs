//! Loading the templates tree: each file parsed (an extending one resolved
//! onto its design), its legibility floors applied, then checked.

use super::extend::{self, Head, Source};
use super::{Component, Panel, RegionConfig, Template, TemplateConfig, When};
use crate::assets::Tree;
use crate::content::toml_file::{from_toml_error, parse};
use crate::diag::{Diagnostic, Diagnostics};
use crate::units::{Length, Pt};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// Office printers cannot print within this distance of the paper edge.
pub const OFFICE_MARGIN_MM: f32 = 10.0;

const SHAPE_HINT: &str = "see templates/poster-a4.toml for a template's shape";

/// Load every `*.toml` in the templates tree, checking each.
pub fn load_templates(tree: &Tree) -> Result<BTreeMap<String, Template>, Diagnostics> {
    load_some_templates(tree, None)
}

/// [`load_templates`] of only the products in `only` and the templates they
/// extend (every template if `None`): a build of one product need not read
/// the others.
pub fn load_some_templates(
    tree: &Tree,
    only: Option<&BTreeSet<String>>,
) -> Result<BTreeMap<String, Template>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut sources = BTreeMap::new();
    let files = template_files(tree);
    for (stem, rel) in &files {
        if only.is_none_or(|o| o.contains(stem)) {
            read_into(tree, rel, &mut sources, &mut diags);
        }
    }
    // Then the templates those extend, up their chains.
    loop {
        let unread = sources
            .values()
            .flatten()
            .filter_map(Source::parent)
            .find_map(|p| {
                let file = files.iter().find(|(stem, _)| stem == p);
                file.filter(|(stem, _)| !sources.contains_key(stem))
            });
        let Some((_, rel)) = unread else { break };
        read_into(tree, rel, &mut sources, &mut diags);
    }
    // The designs first, then each template after the one it extends: one
    // that extends a template with errors is left out without a message of
    // its own (the mistake is reported once, where it is).
    let order = designs_first(&sources);
    let mut failed: BTreeSet<&str> = sources
        .iter()
        .filter(|(_, s)| s.is_none())
        .map(|(id, _)| id.as_str())
        .collect();
    let mut out = BTreeMap::new();
    for source in order {
        if source.parent().is_some_and(|p| failed.contains(p)) {
            failed.insert(&source.stem);
            continue;
        }
        match load_one(&sources, source) {
            Ok(t) => {
                out.insert(t.config.id.clone(), t);
            }
            Err(d) => {
                failed.insert(&source.stem);
                diags.push(d);
            }
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(out)
    }
}

/// Read and parse template file `rel` into `sources` (`None` for one with
/// an error, which goes to `diags`).
fn read_into<'a>(
    tree: &'a Tree,
    rel: &str,
    sources: &mut BTreeMap<String, Option<Source<'a>>>,
    diags: &mut Diagnostics,
) {
    let (stem, source) = read(tree, rel);
    let source = source.map_err(|d| diags.push(d)).ok();
    sources.insert(stem, source);
}

/// The product ids (file names without `.toml`) that `typed` (ids as a
/// user gave them, in any case) names; `None` (every product) for `all`,
/// for no ids, or if some id names no template (planning then names every
/// product known).
pub fn wanted_templates(tree: &Tree, typed: &[String]) -> Option<BTreeSet<String>> {
    let files = template_files(tree);
    let mut wanted = BTreeSet::new();
    for t in typed {
        let t = t.trim();
        let (stem, _) = files.iter().find(|(s, _)| s.eq_ignore_ascii_case(t))?;
        wanted.insert(stem.clone());
    }
    (!typed.is_empty()).then_some(wanted)
}

/// Every `*.toml` of the tree as (id, path), in path order.
fn template_files(tree: &Tree) -> Vec<(String, String)> {
    tree.paths()
        .filter(|p| p.ends_with(".toml"))
        .map(|rel| (stem_of(rel), rel.to_string()))
        .collect()
}

/// A template file's id: its file name without `.toml`.
fn stem_of(rel: &str) -> String {
    rel.rsplit('/')
        .next()
        .and_then(|f| f.strip_suffix(".toml"))
        .unwrap_or(rel)
        .to_string()
}

/// Every template after the one it extends (the designs first).
fn designs_first<'s, 'a>(sources: &'s BTreeMap<String, Option<Source<'a>>>) -> Vec<&'s Source<'a>> {
    // How many templates down the design is; a circle stops counting
    // (and is reported when the template is resolved).
    let depth = |s: &Source<'_>| {
        let mut n = 0;
        let mut parent = s.parent();
        while let Some(p) = parent.filter(|_| n <= sources.len()) {
            n += 1;
            parent = sources
                .get(p)
                .and_then(Option::as_ref)
                .and_then(Source::parent);
        }
        n
    };
    let mut order: Vec<&Source<'_>> = sources.values().flatten().collect();
    order.sort_by_key(|s| depth(s));
    order
}

/// A template file's id (its file name without `.toml`) and its parsed text.
fn read<'a>(tree: &'a Tree, rel: &str) -> (String, Result<Source<'a>, Diagnostic>) {
    let stem = stem_of(rel);
    let display = tree.display_path(rel);
    let source = tree.text(rel).and_then(|text| {
        let table = parse::<toml::Table>(text, &display, SHAPE_HINT)?;
        let head: Head =
            toml::from_str(text).map_err(|e| from_toml_error(&e, text, 0, &display, SHAPE_HINT))?;
        Ok(Source {
            stem: stem.clone(),
            display: display.clone(),
            text,
            table,
            head,
        })
    });
    (stem, source)
}

/// One template: parsed from its own text (so a mistake keeps its line), or
/// resolved onto the template it extends; then floored and checked.
fn load_one(
    sources: &BTreeMap<String, Option<Source<'_>>>,
    source: &Source<'_>,
) -> Result<Template, Diagnostic> {
    let mut config: TemplateConfig = if source.head.extends.is_some() {
        let merged = extend::resolve(sources, source)?;
        TemplateConfig::deserialize(merged).map_err(|e| {
            let design = source.head.extends.as_ref().map_or("", |e| e.get_ref());
            Diagnostic::error(format!(
                "with what it extends of `{design}`: {}",
                e.message().trim()
            ))
            .in_file(&source.display)
            .at_offset(source.text, source.head.extends.as_ref().map_or(0, |e| e.span().start))
            .with_hint("this file's keys are merged onto the template it extends; check them against that one")
        })?
    } else {
        if let Some(scale) = &source.head.scale {
            return Err(Diagnostic::error(
                "`scale` scales a template that `extends` another, and this one extends none",
            )
            .in_file(&source.display)
            .at_offset(source.text, scale.span().start)
            .with_hint("add `extends = \"poster-a4\"` (the design it scales), or remove `scale`"));
        }
        parse(source.text, &source.display, SHAPE_HINT)?
    };
    apply_floors(&mut config);
    check(config, &source.stem, &source.display)
}

/// Raise each region's `min-size` to its component's floor.
fn apply_floors(config: &mut TemplateConfig) {
    let floors = config.floors.clone();
    let regions = config
        .regions
        .iter_mut()
        .chain(config.panels.iter_mut().flat_map(|p| p.regions.iter_mut()));
    for region in regions {
        if let Some(floor) = floors.get(&region.component)
            && region.min_size.resolve(0.0) < floor.resolve(0.0)
        {
            region.min_size = *floor;
        }
    }
}

/// A problem with a template as a whole: reported at its file.
fn problem(display: &str, msg: String, hint: &str) -> Diagnostic {
    Diagnostic::error(msg).in_file(display).with_hint(hint)
}

/// Check a parsed template and resolve its lengths.
fn check(config: TemplateConfig, stem: &str, display: &str) -> Result<Template, Diagnostic> {
    let width = config.page.width.resolve(0.0);
    let height = config.page.height.resolve(0.0);
    let margin = config.page.margin.resolve(width.min(height));
    if config.id != stem {
        return Err(problem(
            display,
            format!(
                "template id `{}` differs from its file name `{stem}`",
                config.id
            ),
            "name the file after the product id",
        ));
    }
    check_page(&config, width, height, margin).map_err(|(m, h)| problem(display, m, h))?;
    let panels = resolve_panels(&config, width, height);
    check_panels(&config, &panels, width, height).map_err(|(m, h)| problem(display, m, h))?;
    let regions = panels.iter().flat_map(|p| &p.regions);
    for (i, r) in regions.enumerate() {
        check_region(r).map_err(|(m, h)| problem(display, format!("region {}{m}", i + 1), h))?;
    }
    Ok(Template {
        config,
        file: display.to_string(),
        width,
        height,
        margin,
        panels,
    })
}

/// A problem's message and hint.
type Problem = (String, &'static str);

fn check_page(
    config: &TemplateConfig,
    width: f32,
    height: f32,
    margin: f32,
) -> Result<(), Problem> {
    if width <= 0.0 || height <= 0.0 {
        return Err((
            "the page must have a positive width and height".into(),
            "write sizes like `210mm`",
        ));
    }
    if margin < Pt::from_mm(OFFICE_MARGIN_MM).0 - 0.01 {
        return Err((
            format!("the margin is under {OFFICE_MARGIN_MM} mm"),
            "office printers cannot print near the paper edge; use a margin of at least 10mm",
        ));
    }
    for (key, rule) in &config.scaling {
        if !super::SCALABLE.contains(&key.as_str()) {
            return Err((
                format!("`[scaling]` names `{key}`, which is not a length a template scales"),
                "scale some of margin, padding, radius, qr-size, min-size, max-size, website-size",
            ));
        }
        if let Some(least) = &rule.least
            && Length::parse(least).is_err()
        {
            return Err((
                format!("`[scaling]`: `{key}`'s least `{least}` is not a length"),
                "write it like `least = \"10mm\"`",
            ));
        }
    }
    Ok(())
}

fn check_panels(
    config: &TemplateConfig,
    panels: &[Panel],
    width: f32,
    height: f32,
) -> Result<(), Problem> {
    if !config.regions.is_empty() && !config.panels.is_empty() {
        return Err((
            "a template has either top-level regions (a poster) or panels, not both".into(),
            "move the regions into a [[panel]]",
        ));
    }
    for p in panels {
        let inside =
            p.x >= -0.01 && p.y >= -0.01 && p.x + p.w <= width + 0.01 && p.y + p.h <= height + 0.01;
        if !inside || p.side >= config.page.sides.max(1) {
            return Err((
                format!(
                    "panel `{}` is outside the sheet or on a side it does not have",
                    p.name
                ),
                "panels must lie within the page; `side` counts from 0 and must be below `sides`",
            ));
        }
    }
    if let Some(imp) = &config.imposition
        && (imp.columns == 0 || imp.rows == 0)
    {
        return Err((
            "an imposition needs at least one column and one row".into(),
            "e.g. columns = 2, rows = 5",
        ));
    }
    Ok(())
}

/// One region's problem, its message to follow "region N".
fn check_region(r: &RegionConfig) -> Result<(), Problem> {
    let (min, max) = (r.min_size.resolve(0.0), r.max_size.resolve(0.0));
    if !(min > 0.0 && min <= max) {
        return Err((
            format!(" (`{:?}`) needs 0 < min-size ≤ max-size", r.component),
            "sizes are in points, e.g. min-size = \"14pt\"",
        ));
    }
    let needs = match r.component {
        Component::Block if r.block.is_none() => Some("block"),
        Component::Quote if r.quote.is_none() => Some("quote"),
        _ => None,
    };
    if let Some(key) = needs {
        return Err((
            format!(" (`{:?}`) needs `{key}`", r.component),
            "name the block or quote id this region shows",
        ));
    }
    if r.language.is_some() && r.component != Component::Block {
        return Err((
            format!(" (`{:?}`) cannot take `language`", r.component),
            "`language = \"first\"` or `\"second\"` splits a `block` region's two languages",
        ));
    }
    if r.language.is_some() && !r.when.contains(&When::Bilingual) {
        return Err((
            " uses `language` but is not only for two languages".to_string(),
            "add `when = \"bilingual\"` (or put `bilingual` in its `when` list)",
        ));
    }
    if r.component == Component::Local
        && let Err(msg) = crate::model::details::check_priority(&r.priority)
    {
        return Err((
            format!(": {msg}"),
            "list what the panel carries, most important first, e.g. priority = [\"dsl\", \"childrens-services\", \"dsl.email\"]",
        ));
    }
    Ok(())
}

/// Panels as written, or the whole page as one panel for a poster.
fn resolve_panels(config: &TemplateConfig, width: f32, height: f32) -> Vec<Panel> {
    if config.panels.is_empty() {
        return vec![Panel {
            name: "page".into(),
            side: 0,
            x: 0.0,
            y: 0.0,
            w: width,
            h: height,
            margin: 0.0,
            regions: config.regions.clone(),
        }];
    }
    config
        .panels
        .iter()
        .map(|p| Panel {
            name: p.name.clone(),
            side: p.side,
            x: p.x.resolve(width),
            y: p.y.resolve(height),
            w: p.w.resolve(width),
            h: p.h.resolve(height),
            margin: p.margin.resolve(p.w.resolve(width)),
            regions: p.regions.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::assets::Tree;
    use crate::diag::Diagnostic;

    /// The one error of the built-in templates with `file` edited by `edit`.
    fn error_with(file: &str, edit: impl Fn(&str) -> String) -> Diagnostic {
        let mut tree = Tree::embedded("templates");
        let text = edit(tree.text(file).expect("a built-in template"));
        tree.insert(file, text.into_bytes());
        let errors = super::load_templates(&tree).expect_err("an error").0;
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.into_iter().next().expect("one")
    }

    #[test]
    fn only_the_products_named_are_loaded_with_what_they_extend() {
        let tree = Tree::embedded("templates");
        let typed = [" Poster-A5".to_string(), "card-wallet".to_string()];
        let only = super::wanted_templates(&tree, &typed).expect("both are there");
        let loaded = super::load_some_templates(&tree, Some(&only)).expect("they load");
        let ids: Vec<&str> = loaded.keys().map(String::as_str).collect();
        assert_eq!(ids, ["card-wallet", "poster-a4", "poster-a5"]);
        // Each is the template a load of every product makes.
        let all = super::load_templates(&tree).expect("the built-in templates load");
        for (id, t) in &loaded {
            assert_eq!(format!("{:?}", t.config), format!("{:?}", all[id].config));
        }
        // An id that names no template, or `all`, loads every one.
        for typed in [&["poster-a9".to_string()][..], &["all".to_string()], &[]] {
            assert_eq!(super::wanted_templates(&tree, typed), None);
        }
    }

    #[test]
    fn an_unknown_fill_names_the_palette_at_its_line() {
        let e = error_with("leaflet-a5.toml", |t| {
            t.replacen("fill = \"primary\"", "fill = \"primry\"", 1)
        });
        assert!(
            e.message.starts_with(
                "unknown variant `primry`, expected one of `paper`, `ink`, `muted`, `primary`"
            ),
            "{}",
            e.message
        );
        assert!(e.line_col().is_some_and(|(line, _)| line > 1), "{e:?}");
    }

    #[test]
    fn a_block_region_needs_its_block() {
        let e = error_with("poster-a4.toml", |t| {
            t.replacen("block = \"definition\"\n", "", 1)
        });
        assert_eq!(e.message, "region 2 (`Block`) needs `block`");
        assert_eq!(e.file.as_deref(), Some("templates/poster-a4.toml"));
    }

    #[test]
    fn a_region_split_by_language_is_a_block_in_two_languages() {
        // `language` on a monolingual region: it would show nothing, or
        // the only language twice.
        let e = error_with("leaflet-trifold-a4.toml", |t| {
            t.replacen(
                "when = [\"bilingual\", \"not-wales\"]\nlanguage = \"first\"",
                "when = \"not-wales\"\nlanguage = \"first\"",
                1,
            )
        });
        assert!(
            e.message
                .ends_with("uses `language` but is not only for two languages"),
            "{}",
            e.message
        );
        assert!(e.hints.iter().any(|h| h.contains("bilingual")), "{e:?}");
        // On anything but a block.
        let e = error_with("poster-a4.toml", |t| {
            t.replacen(
                "component = \"quote\"\n",
                "component = \"quote\"\nlanguage = \"second\"\n",
                1,
            )
        });
        assert!(
            e.message.ends_with("(`Quote`) cannot take `language`"),
            "{}",
            e.message
        );
        // A misspelt part names the two there are.
        let e = error_with("leaflet-trifold-a4.toml", |t| {
            t.replacen("language = \"first\"", "language = \"welsh\"", 1)
        });
        assert!(
            e.message
                .starts_with("unknown variant `welsh`, expected `first` or `second`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn the_a4_floor_raises_the_design_but_not_a5() {
        let t = super::load_templates(&Tree::embedded("templates")).expect("loads");
        let min = |id: &str| t[id].config.regions[1].min_size.resolve(0.0);
        assert_eq!(min("poster-a4"), 14.0);
        // 13.5 pt × √(148 × 210 / (210 × 297)) = 9.55 pt, rounded to 0.1 pt.
        assert_eq!(min("poster-a5"), 9.5);
    }
}
