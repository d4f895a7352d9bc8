//! Language, product and nation ids as a user types them: trimmed and
//! matched without regard to case (`--lang " PL"` is `pl`), and a near miss
//! answered with "did you mean" (`--lang Polish` → `pl`, `--product A4` →
//! `poster-a4`). An id still unknown and near nothing goes on to
//! [`crate::plan`] as typed, which names every id it knows.

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Nation;
use crate::{Loaded, Selection};

/// How alike (Jaro–Winkler, 0 to 1) a typed id must be to a known one to be
/// suggested: close enough for a slip of the keyboard, not for a guess.
const NEAR: f64 = 0.8;

/// The selection with every id the content knows spelled as it knows it,
/// and an error with a suggestion for each near miss (whose place the
/// suggestion takes, so that planning reports only the other problems).
pub(super) fn resolve(loaded: &Loaded, mut selection: Selection) -> (Selection, Diagnostics) {
    let mut diags = Diagnostics::default();
    let langs: Vec<(&str, Vec<&str>)> = loaded
        .content
        .languages
        .iter()
        .map(|(id, l)| (id.as_str(), vec![l.name.as_str(), l.native_name.as_str()]))
        .collect();
    let products: Vec<(&str, Vec<&str>)> = loaded
        .templates
        .iter()
        .map(|(id, t)| (id.as_str(), vec![t.config.name.as_str()]))
        .collect();
    for lang in &mut selection.langs {
        let parts: Vec<String> = lang
            .split('+')
            .map(|part| {
                // A language whose folder has errors was reported when loading.
                let folder = format!("{}/language.toml", part.trim());
                if loaded.content.spans.has_file(&folder) {
                    part.trim().to_string()
                } else {
                    match_id(part, "language", &langs, &mut diags)
                }
            })
            .collect();
        *lang = parts.join("+");
    }
    for product in &mut selection.products {
        *product = match_id(product, "product", &products, &mut diags);
    }
    (selection, diags)
}

/// `typed`, trimmed, as the known id it names whatever its case; else, if a
/// known id or name is near it, the nearest, with an error saying so; else
/// as typed.
fn match_id(
    typed: &str,
    what: &str,
    known: &[(&str, Vec<&str>)],
    diags: &mut Diagnostics,
) -> String {
    let t = typed.trim();
    if t.eq_ignore_ascii_case("all") {
        return "all".to_string();
    }
    if let Some((id, _)) = known.iter().find(|(id, _)| id.eq_ignore_ascii_case(t)) {
        return id.to_string();
    }
    let near = suggest(t, known);
    if !near.is_empty() {
        let ids: Vec<String> = near.iter().map(|id| format!("`{id}`")).collect();
        diags.push(
            Diagnostic::error(format!("unknown {what} `{t}`")).with_hint(format!(
                "did you mean {}? (`cse-pack list` shows them all)",
                or_list(&ids)
            )),
        );
        return near[0].to_string();
    }
    t.to_string()
}

/// The known ids `typed` may have meant: one whose name it is (`Polish`),
/// whose words it is one of (`a4` in `poster-a4`), or that it nearly spells.
fn suggest<'a>(typed: &str, known: &[(&'a str, Vec<&str>)]) -> Vec<&'a str> {
    let t = typed.to_lowercase();
    let named: Vec<&str> = known
        .iter()
        .filter(|(_, names)| names.iter().any(|n| n.to_lowercase() == t))
        .map(|(id, _)| *id)
        .collect();
    if !named.is_empty() {
        return named;
    }
    let word: Vec<&str> = known
        .iter()
        .filter(|(id, _)| id.split('-').any(|w| w == t))
        .map(|(id, _)| *id)
        .collect();
    if !word.is_empty() {
        return word;
    }
    nearest(&t, known.iter().map(|(id, _)| *id))
        .map(|id| vec![id])
        .unwrap_or_default()
}

/// The one id nearest `typed`, if near enough and nearer than every other
/// (`poster-a9` is as near `poster-a1` as `poster-a5`: no guess).
fn nearest<'a>(typed: &str, ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut scored: Vec<(&str, f64)> = ids
        .map(|id| (id, strsim::jaro_winkler(typed, id)))
        .filter(|(_, score)| *score >= NEAR)
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    match scored.as_slice() {
        [(id, _)] => Some(id),
        [(id, a), (_, b), ..] if a > b => Some(id),
        _ => None,
    }
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// `--nation`'s parser: trimmed, any case; a bad value names every nation and
/// the nearest one. Clap reports its error, and `main` exits 1 for it as for
/// any bad value.
pub fn parse_nation(typed: &str) -> Result<Nation, String> {
    let t = typed.trim().to_lowercase().replace([' ', '_'], "-");
    if let Ok(n) = t.parse::<Nation>() {
        return Ok(n);
    }
    let all: Vec<&str> = Nation::ALL.iter().map(|n| n.id()).collect();
    let hint = match nearest(&t, all.iter().copied()) {
        Some(id) => format!("did you mean `{id}`? "),
        None => String::new(),
    };
    Err(format!("{hint}nations: {}", all.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<(&'static str, Vec<&'static str>)> {
        vec![
            ("en", vec!["English", "English"]),
            ("pl", vec!["Polish", "Polski"]),
            ("cy", vec!["Welsh", "Cymraeg"]),
        ]
    }

    #[test]
    fn case_and_spaces_do_not_matter() {
        let mut diags = Diagnostics::default();
        assert_eq!(match_id(" EN ", "language", &known(), &mut diags), "en");
        assert_eq!(match_id("All", "language", &known(), &mut diags), "all");
        assert!(diags.0.is_empty());
        assert_eq!(match_id("Polish", "language", &known(), &mut diags), "pl");
        assert!(diags.has_errors());
        assert_eq!(match_id("xx", "language", &known(), &mut diags), "xx");
    }

    #[test]
    fn a_name_or_a_near_spelling_is_suggested() {
        assert_eq!(suggest("Polish", &known()), ["pl"]);
        assert_eq!(suggest("cymraeg", &known()), ["cy"]);
        let products = vec![
            ("poster-a4", vec![]),
            ("poster-a5", vec![]),
            ("leaflet-a5", vec![]),
        ];
        assert_eq!(suggest("A5", &products), ["poster-a5", "leaflet-a5"]);
        assert_eq!(suggest("postr-a4", &products)[0], "poster-a4");
        assert!(
            suggest("poster-a9", &products).is_empty(),
            "a tie is no guess"
        );
        assert!(suggest("zz", &known()).is_empty());
    }

    #[test]
    fn nations_in_any_case_and_near_misses() {
        assert_eq!(parse_nation(" Wales"), Ok(Nation::Wales));
        assert_eq!(
            parse_nation("Northern Ireland"),
            Ok(Nation::NorthernIreland)
        );
        let e = parse_nation("scotlnd").unwrap_err();
        assert!(e.starts_with("did you mean `scotland`?"), "{e}");
    }
}
