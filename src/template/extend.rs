//! Templates that extend another: a paper size of the poster design is its
//! page, a scale rule and what it refines of the design's regions, resolved
//! here into a whole template when templates load — the same for the built-in
//! templates and a `--templates DIR` folder.
//!
//! A file with `extends = "poster-a4"` is merged onto that template (which may
//! itself extend another, down to the design, which extends none): its
//! top-level keys replace the design's, its tables (`[page]`, `[palette]`)
//! replace key by key, and each `[[region]]` it writes refines the design's
//! region of the same `name`. Then the lengths the design's `[scaling]` names
//! are scaled by the file's `scale` and rounded as the rule says. Lengths a
//! paper size writes are on the design's scale, as the design's own are.

use super::{Family, Scale, ScaleRule};
use crate::diag::Diagnostic;
use crate::units::Length;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::{Spanned, Table, Value};

/// One template file as read, before it is resolved.
pub(super) struct Source<'a> {
    /// The template's id: its file name without `.toml`.
    pub stem: String,
    /// The file as the user names it, for messages.
    pub display: String,
    pub text: &'a str,
    pub table: Table,
    pub head: Head,
}

/// The keys of a template file that say how it extends another, with their
/// places in the file.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Head {
    pub extends: Option<Spanned<String>>,
    pub scale: Option<Spanned<Scale>>,
    #[serde(default, rename = "region")]
    regions: Vec<RegionHead>,
}

#[derive(Debug, Deserialize)]
struct RegionHead {
    name: Option<Spanned<String>>,
}

impl Source<'_> {
    /// An error at byte `offset` of this file.
    fn error(&self, offset: usize, message: String, hint: &str) -> Diagnostic {
        Diagnostic::error(message)
            .in_file(&self.display)
            .at_offset(self.text, offset)
            .with_hint(hint)
    }

    /// An error at this file's `extends`.
    fn error_at_extends(&self, message: String, hint: &str) -> Diagnostic {
        let offset = self.head.extends.as_ref().map_or(0, |e| e.span().start);
        self.error(offset, message, hint)
    }

    /// The id of the template this one extends.
    pub fn parent(&self) -> Option<&str> {
        self.head.extends.as_ref().map(|e| e.get_ref().as_str())
    }
}

/// The template `start` extends, resolved: its chain's tables merged from the
/// design up, scaled, with `start`'s own floors. `sources` holds every
/// template file by id (`None` for one that could not be read).
pub(super) fn resolve(
    sources: &BTreeMap<String, Option<Source<'_>>>,
    start: &Source<'_>,
) -> Result<Table, Diagnostic> {
    let chain = chain(sources, start)?;
    let design = chain.last().expect("a chain holds at least its start");
    let family = |t: &Table| t.get("family").and_then(Value::as_str).map(str::to_string);
    if family(&design.table).as_deref() != Some("poster") {
        return Err(start.error_at_extends(
            format!(
                "`{}` extends `{}`, which is not a poster (its family is `{}`)",
                start.stem,
                design.stem,
                family(&design.table).unwrap_or_default()
            ),
            "only a poster design scales to another paper size; extend a poster such as `poster-a4`",
        ));
    }
    let mut merged = design.table.clone();
    merged.remove("floors");
    for source in chain.iter().rev().skip(1) {
        merge(&mut merged, source)?;
    }
    if family(&merged).as_deref() != Some(Family::Poster.name()) {
        return Err(start.error_at_extends(
            format!("`{}` extends a poster but sets another family", start.stem),
            "a paper size of the poster design keeps `family = \"poster\"`",
        ));
    }
    if let Some(floors) = start.table.get("floors") {
        merged.insert("floors".into(), floors.clone());
    }
    let k = factor(&chain, &merged, design)?;
    scale_all(&mut merged, k, start, &design.stem)?;
    Ok(merged)
}

/// `start`, the template it extends, and so on down to the design.
fn chain<'s, 'a>(
    sources: &'s BTreeMap<String, Option<Source<'a>>>,
    start: &'s Source<'a>,
) -> Result<Vec<&'s Source<'a>>, Diagnostic> {
    let mut chain = vec![start];
    let mut current = start;
    while let Some(parent) = current.parent() {
        let next = match sources.get(parent) {
            None => {
                return Err(current.error_at_extends(
                    format!("`{}` extends `{parent}`, which is not a template", current.stem),
                    &format!(
                        "`extends` names another template's id, its file name without `.toml`: one of {}",
                        ids(sources)
                    ),
                ));
            }
            Some(None) => {
                return Err(current.error_at_extends(
                    format!("`{}` extends `{parent}`, which has errors", current.stem),
                    "fix the errors reported for that template first",
                ));
            }
            Some(Some(next)) => next,
        };
        if chain.iter().any(|s| s.stem == next.stem) {
            let path: Vec<&str> = chain
                .iter()
                .map(|s| s.stem.as_str())
                .chain([next.stem.as_str()])
                .collect();
            return Err(current.error_at_extends(
                format!("`extends` goes round in a circle: {}", path.join(" → ")),
                "the chain must end at a design that extends nothing (`poster-a4`)",
            ));
        }
        chain.push(next);
        current = next;
    }
    Ok(chain)
}

fn ids(sources: &BTreeMap<String, Option<Source<'_>>>) -> String {
    let ids: Vec<String> = sources.keys().map(|id| format!("`{id}`")).collect();
    ids.join(", ")
}

/// Merge `source`'s keys onto `into`.
fn merge(into: &mut Table, source: &Source<'_>) -> Result<(), Diagnostic> {
    for (key, value) in &source.table {
        match (key.as_str(), value, into.get_mut(key)) {
            ("floors", _, _) => {}
            ("region", Value::Array(regions), _) => merge_regions(into, regions, source)?,
            (_, Value::Table(patch), Some(Value::Table(table))) => {
                for (k, v) in patch {
                    table.insert(k.clone(), v.clone());
                }
            }
            _ => {
                into.insert(key.clone(), value.clone());
            }
        }
    }
    Ok(())
}

/// Each of `source`'s regions refines the region of its `name` in `into`.
fn merge_regions(
    into: &mut Table,
    patches: &[Value],
    source: &Source<'_>,
) -> Result<(), Diagnostic> {
    let Some(Value::Array(regions)) = into.get_mut("region") else {
        return Err(source.error_at_extends(
            format!(
                "`{}` refines regions, but the template it extends has none",
                source.stem
            ),
            "a paper size refines the regions of the design it extends",
        ));
    };
    for (i, patch) in patches.iter().enumerate() {
        let head = source.head.regions.get(i).and_then(|r| r.name.as_ref());
        let (Some(patch), Some(name)) = (patch.as_table(), head) else {
            return Err(source.error_at_extends(
                format!("region {} of `{}` has no `name`", i + 1, source.stem),
                "a region of a template that extends another names the region it refines (`name = \"local\"`)",
            ));
        };
        let names: Vec<String> = regions
            .iter()
            .filter_map(|r| r.get("name").and_then(Value::as_str))
            .map(|n| format!("`{n}`"))
            .collect();
        let target = regions
            .iter_mut()
            .filter_map(Value::as_table_mut)
            .find(|r| r.get("name").and_then(Value::as_str) == Some(name.get_ref()));
        let Some(target) = target else {
            return Err(source.error(
                name.span().start,
                format!(
                    "`{}` refines region `{}`, which the template it extends does not have",
                    source.stem,
                    name.get_ref()
                ),
                &format!("its regions are {}", names.join(", ")),
            ));
        };
        for (k, v) in patch {
            target.insert(k.clone(), v.clone());
        }
    }
    Ok(())
}

/// The scale factor: the nearest `scale` in the chain, against the design's page.
fn factor(chain: &[&Source<'_>], merged: &Table, design: &Source<'_>) -> Result<f64, Diagnostic> {
    let Some(scale) = chain.iter().find_map(|s| s.head.scale.as_ref()) else {
        return Ok(1.0);
    };
    let page = |t: &Table, key: &str| {
        t.get("page")
            .and_then(|p| p.get(key))
            .and_then(Value::as_str)
            .and_then(mm)
    };
    let size = |t: &Table| Some((page(t, "width")?, page(t, "height")?));
    let (Some((w, h)), Some((w0, h0))) = (size(merged), size(&design.table)) else {
        return Err(chain[0].error_at_extends(
            "a scaled template needs its page's and the design's width and height in mm, cm, in or pt".into(),
            "write sizes like `width = \"420mm\"`",
        ));
    };
    Ok(match scale.get_ref() {
        Scale::Area => ((w * h) / (w0 * h0)).sqrt(),
        Scale::Width => w / w0,
        Scale::Factor(k) => *k,
    })
}

/// A length in millimetres, computed in decimal steps so that `8.5in` is
/// the same number as `215.9mm`.
fn mm(s: &str) -> Option<f64> {
    let (value, unit) = split_number(s)?;
    match unit {
        "mm" => Some(value),
        "cm" => Some(value * 10.0),
        "in" => Some(value * 254.0 / 10.0),
        "pt" => Some(value * 254.0 / 720.0),
        _ => None,
    }
}

/// `"12.5mm"` as (12.5, "mm").
fn split_number(s: &str) -> Option<(f64, &str)> {
    let s = s.trim();
    let at = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .unwrap_or(s.len());
    let value: f64 = s[..at].parse().ok()?;
    Some((value, s[at..].trim()))
}

/// Scale the lengths the design's `[scaling]` names, in the page and every region.
fn scale_all(
    merged: &mut Table,
    k: f64,
    start: &Source<'_>,
    design: &str,
) -> Result<(), Diagnostic> {
    let rules = match merged.get("scaling") {
        None => BTreeMap::new(),
        Some(v) => BTreeMap::<String, ScaleRule>::deserialize(v.clone()).map_err(|e| {
            start.error_at_extends(
                format!(
                    "the `[scaling]` of `{design}` is not valid: {}",
                    e.message()
                ),
                "see templates/poster-a4.toml",
            )
        })?,
    };
    let scale_table = |t: &mut Table| {
        for (key, rule) in &rules {
            if let Some(Value::String(s)) = t.get_mut(key) {
                *s = rule.apply(s, k);
            }
        }
    };
    if let Some(Value::Table(page)) = merged.get_mut("page") {
        scale_table(page);
    }
    if let Some(Value::Array(regions)) = merged.get_mut("region") {
        regions
            .iter_mut()
            .filter_map(Value::as_table_mut)
            .for_each(scale_table);
    }
    Ok(())
}

impl ScaleRule {
    /// `written` times `k`, rounded to `decimals` places of its unit, at
    /// least `least`. A share (`%`) keeps its proportion; a length that does
    /// not parse is left for the template's own check to report.
    fn apply(&self, written: &str, k: f64) -> String {
        let Some((value, unit)) = split_number(written) else {
            return written.to_string();
        };
        if unit == "%" || Length::parse(written).is_err() {
            return written.to_string();
        }
        let scaled = format!("{:.*}{unit}", usize::from(self.decimals), value * k);
        let below = |least: &str| match (Length::parse(&scaled), Length::parse(least)) {
            (Ok(s), Ok(l)) => s.resolve(0.0) < l.resolve(0.0),
            _ => false,
        };
        match &self.least {
            Some(least) if below(least) => least.clone(),
            _ => scaled,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::assets::Tree;
    use crate::diag::Diagnostic;

    /// The built-in templates with `extra` files added (or replaced).
    fn load_with(extra: &[(&str, &str)]) -> Result<Vec<String>, Vec<Diagnostic>> {
        let mut tree = Tree::embedded("templates");
        for (path, text) in extra {
            tree.insert(path, text.as_bytes());
        }
        super::super::load_templates(&tree)
            .map(|t| t.keys().cloned().collect())
            .map_err(|d| d.0)
    }

    fn only_error(extra: &[(&str, &str)]) -> Diagnostic {
        let errors = load_with(extra).expect_err("the templates have an error");
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.into_iter().next().expect("one error")
    }

    const A0: &str = "# A0\nextends = \"poster-a3\"\nid = \"poster-a0\"\nname = \"A0 poster\"\nscale = \"area\"\n\n[page]\nwidth = \"841mm\"\nheight = \"1189mm\"\n";

    #[test]
    fn a_paper_size_scales_the_design() {
        let mut tree = Tree::embedded("templates");
        tree.insert("poster-a0.toml", A0.as_bytes());
        let t = super::super::load_templates(&tree).expect("loads");
        let a0 = &t["poster-a0"];
        // A0 has 16 times A4's area: the design scales by √16.03 = 4.004.
        let header = &a0.config.regions[0];
        assert_eq!(
            header.min_size,
            crate::units::Length::parse("80.1pt").unwrap()
        );
        assert_eq!(
            a0.config.page.margin,
            crate::units::Length::parse("48.0mm").unwrap()
        );
        // The large posters' panel, from poster-a3.
        let local = a0
            .config
            .regions
            .iter()
            .find(|r| r.name.as_deref() == Some("local"))
            .unwrap();
        assert_eq!(local.list_columns, 2);
        assert_eq!(local.qr_size, crate::units::Length::parse("80mm").unwrap());
        // Floors are not inherited: the definition scales from 13.5 pt.
        let definition = &a0.config.regions[1];
        assert_eq!(
            definition.min_size,
            crate::units::Length::parse("54.1pt").unwrap()
        );
        assert_eq!(
            t["poster-a4"].config.regions[1].min_size,
            crate::units::Length::parse("14pt").unwrap()
        );
    }

    #[test]
    fn extending_an_unknown_template_says_which() {
        let e = only_error(&[("poster-a0.toml", &A0.replace("poster-a3", "poster-a9"))]);
        assert_eq!(
            e.message,
            "`poster-a0` extends `poster-a9`, which is not a template"
        );
        assert_eq!(
            (e.file.as_deref(), e.line_col()),
            (Some("templates/poster-a0.toml"), Some((2, 11)))
        );
        assert!(e.hints[0].contains("`poster-a4`"));
    }

    #[test]
    fn a_cycle_is_named() {
        let a = "extends = \"poster-b\"\nid = \"poster-a\"\nname = \"A\"\nfamily = \"poster\"\n";
        let b = "id = \"poster-b\"\n\nextends = \"poster-a\"\n";
        let errors = load_with(&[("poster-a.toml", a), ("poster-b.toml", b)]).unwrap_err();
        // Reported once, in the file that closes the circle: the other,
        // left out for it, is not reported again.
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0].message,
            "`extends` goes round in a circle: poster-a → poster-b → poster-a"
        );
        assert_eq!(errors[0].file.as_deref(), Some("templates/poster-b.toml"));
        assert_eq!(errors[0].line_col(), Some((3, 11)));
    }

    #[test]
    fn only_a_poster_is_extended() {
        let leaflet = "extends = \"leaflet-a5\"\nid = \"leaflet-a4\"\nname = \"A4 leaflet\"\nscale = \"area\"\n";
        let e = only_error(&[("leaflet-a4.toml", leaflet)]);
        assert_eq!(
            e.message,
            "`leaflet-a4` extends `leaflet-a5`, which is not a poster (its family is `leaflet`)"
        );
        assert_eq!(e.line_col(), Some((1, 11)));
    }

    #[test]
    fn a_bad_scale_says_what_to_write() {
        for (bad, shown) in [("\"areas\"", "\"areas\""), ("0", "0"), ("-1.5", "-1.5")] {
            let e = only_error(&[("poster-a0.toml", &A0.replace("\"area\"", bad))]);
            assert!(
                e.message.starts_with(&format!(
                    "`scale = {shown}` is not a scale rule; write `\"area\"`"
                )),
                "{}",
                e.message
            );
            assert_eq!(
                (e.file.as_deref(), e.line_col()),
                (Some("templates/poster-a0.toml"), Some((5, 9)))
            );
        }
    }

    #[test]
    fn a_factor_scales_by_itself() {
        let a0 = A0.replace("\"area\"", "2");
        let mut tree = Tree::embedded("templates");
        tree.insert("poster-a0.toml", a0.as_bytes());
        let t = super::super::load_templates(&tree).expect("loads");
        assert_eq!(
            t["poster-a0"].config.regions[0].max_size,
            crate::units::Length::parse("100.0pt").unwrap()
        );
    }

    #[test]
    fn a_refined_region_must_exist() {
        let a0 = format!("{A0}\n[[region]]\nname = \"locale\"\nlist-columns = 3\n");
        let e = only_error(&[("poster-a0.toml", &a0)]);
        assert_eq!(
            e.message,
            "`poster-a0` refines region `locale`, which the template it extends does not have"
        );
        assert_eq!(e.line_col(), Some((12, 8)));
        assert!(e.hints[0].contains("`local`, `local-bilingual`"));
    }

    #[test]
    fn scale_without_extends_is_refused() {
        let a4 = Tree::embedded("templates")
            .text("poster-a4.toml")
            .unwrap()
            .replace("family = \"poster\"\n", "family = \"poster\"\nscale = 2\n");
        let e = only_error(&[("poster-a4.toml", &a4)]);
        assert_eq!(
            e.message,
            "`scale` scales a template that `extends` another, and this one extends none"
        );
        assert_eq!(e.line_col().map(|(l, _)| l), Some(12));
    }
}
