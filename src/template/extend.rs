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

    fn parent(&self) -> Option<&str> {
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
