//! `strings.toml`: nested tables of short strings, flattened to dotted keys,
//! with each key's position kept for messages.

use crate::diag::Diagnostic;
use crate::model::{StringValue, Strings};
use std::collections::BTreeMap;
use toml::de::{DeTable, DeValue};

/// Strings with the byte offset of each key in the file.
pub struct LoadedStrings {
    pub strings: Strings,
    pub offsets: BTreeMap<String, usize>,
}

/// Parse a strings file; values must be strings or lists of strings.
pub fn parse(source: &str, display: &str) -> Result<LoadedStrings, Vec<Diagnostic>> {
    let table = DeTable::parse(source).map_err(|e| {
        vec![super::toml_file::from_toml_error(
            &e,
            source,
            display,
            "each string is a `key = \"text\"` line under a `[section]` header",
        )]
    })?;
    let mut out = LoadedStrings {
        strings: Strings::default(),
        offsets: BTreeMap::new(),
    };
    let mut errors = Vec::new();
    flatten(table.get_ref(), "", source, display, &mut out, &mut errors);
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn flatten(
    table: &DeTable<'_>,
    prefix: &str,
    source: &str,
    display: &str,
    out: &mut LoadedStrings,
    errors: &mut Vec<Diagnostic>,
) {
    for (key, value) in table {
        let full = if prefix.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{prefix}.{}", key.get_ref())
        };
        let at = key.span().start;
        let value_ref = value.get_ref();
        let parsed = match value_ref {
            DeValue::String(s) => Some(StringValue::Text(s.to_string())),
            DeValue::Array(items) => {
                let list: Option<Vec<String>> = items
                    .into_iter()
                    .map(|v| v.get_ref().as_str().map(str::to_string))
                    .collect();
                list.map(StringValue::List)
            }
            DeValue::Table(inner) => {
                flatten(inner, &full, source, display, out, errors);
                continue;
            }
            _ => None,
        };
        match parsed {
            Some(v) => {
                out.strings.0.insert(full.clone(), v);
                out.offsets.insert(full, at);
            }
            None => errors.push(
                Diagnostic::error(format!(
                    "`{full}` must be text or a list of text, not {}",
                    value_ref.type_str()
                ))
                .in_file(display)
                .at_offset(source, value.span().start)
                .with_hint("put the value in quotes"),
            ),
        }
    }
}

/// Placeholder names cse-pack fills in (`{date}`, `{name}`, …).
const PLACEHOLDERS: [&str; 6] = ["date", "version", "name", "url", "number", "numbers"];

/// Problems in the values of one language's strings, at their lines: a
/// `{placeholder}` that is unclosed or that `en`'s same string does not have
/// (or, in `en`, that cse-pack does not fill in), a month list that is not
/// twelve names, and raw HTML (printed literally, never as markup).
pub fn check_values(
    strings: &Strings,
    en: &Strings,
    offsets: Option<&BTreeMap<String, usize>>,
    source: &str,
    display: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at = |key: &str| offsets.and_then(|o| o.get(key)).copied().unwrap_or(0);
    let here = |key: &str, msg: String, hint: &str| {
        Diagnostic::error(format!("`{key}`: {msg}"))
            .in_file(display)
            .at_offset(source, at(key))
            .with_hint(hint.to_string())
    };
    for (key, value) in &strings.0 {
        match value {
            StringValue::Text(text) => {
                match placeholders(text) {
                    Err(open) => out.push(here(
                        key,
                        format!(
                            "the placeholder starting `{}` is not closed",
                            snippet(&text[open..])
                        ),
                        "a placeholder is a name in braces, such as `{date}`",
                    )),
                    Ok(names) => {
                        let known: Vec<String> = if std::ptr::eq(strings, en) {
                            PLACEHOLDERS.iter().map(|p| p.to_string()).collect()
                        } else {
                            en.0.get(key)
                                .and_then(|v| match v {
                                    StringValue::Text(t) => placeholders(t).ok(),
                                    StringValue::List(_) => None,
                                })
                                .unwrap_or_default()
                        };
                        for name in names.iter().filter(|n| !known.contains(n)) {
                            out.push(here(
                                key,
                                format!("`{{{name}}}` is not a placeholder this string has"),
                                &if known.is_empty() {
                                    "this string takes no placeholders; remove the braces"
                                        .to_string()
                                } else {
                                    format!(
                                        "this string takes {}",
                                        known
                                            .iter()
                                            .map(|k| format!("`{{{k}}}`"))
                                            .collect::<Vec<_>>()
                                            .join(", ")
                                    )
                                },
                            ));
                        }
                    }
                }
                if let Some(tag) = html_tag(text) {
                    out.push(here(
                        key,
                        format!("`{tag}` is HTML, which would be printed as it stands"),
                        "strings are plain text; remove the markup",
                    ));
                }
            }
            StringValue::List(list) if key == "footer.months" => {
                if list.len() != 12 || list.iter().any(|m| m.trim().is_empty()) {
                    out.push(here(
                        key,
                        format!(
                            "has {} names; it needs the twelve month names, January first",
                            list.len()
                        ),
                        "write all twelve months in this language, in order",
                    ));
                }
            }
            StringValue::List(_) => {}
        }
    }
    out
}

/// The placeholder names in `text`, or the byte offset of an unclosed `{`.
fn placeholders(text: &str) -> Result<Vec<String>, usize> {
    let mut names = Vec::new();
    let mut rest = text;
    let mut base = 0;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}').filter(|c| !after[..*c].contains('{'));
        let Some(close) = close else {
            return Err(base + open);
        };
        names.push(after[..close].to_string());
        base += open + close + 2;
        rest = &after[close + 1..];
    }
    Ok(names)
}

/// The first thing in `text` that looks like an HTML tag (`<b>`, `</p>`, `<!--`).
fn html_tag(text: &str) -> Option<&str> {
    let start = text.char_indices().find(|&(i, c)| {
        c == '<'
            && text[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphabetic() || n == '/' || n == '!')
    })?;
    let end = text[start.0..].find('>')?;
    Some(&text[start.0..start.0 + end + 1])
}

fn snippet(text: &str) -> String {
    text.chars().take(20).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_tables_become_dotted_keys() {
        let src = "[a]\nb = \"x\"\n[c.d]\ne = [\"1\", \"2\"]\n";
        let s = parse(src, "s.toml").ok().unwrap();
        assert_eq!(s.strings.get("a.b"), "x");
        assert_eq!(s.strings.list("c.d.e"), ["1", "2"]);
        assert_eq!(s.offsets["c.d.e"], src.find('e').unwrap());
    }

    #[test]
    fn numbers_are_refused_with_their_line() {
        let err = parse("[a]\nb = 5\n", "s.toml").err().unwrap();
        assert_eq!(err[0].line, 2);
        assert!(err[0].message.contains("must be text"));
    }
}
