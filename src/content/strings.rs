//! `strings.toml`: nested tables of short strings, flattened to dotted keys,
//! with each key's and value's span recorded for messages.

use crate::diag::{Diagnostic, Diagnostics, Part, SourceMap};
use crate::model::{StringValue, Strings};
use toml::de::{DeTable, DeValue};

/// A strings file being read: where it is, and where its spans go.
struct File<'a> {
    rel: &'a str,
    display: &'a str,
    source: &'a str,
}

/// Parse the strings file `rel` (shown as `display`); values must be
/// strings or lists of strings. Each key's span (`Part::Key`, tables too)
/// and value's span (`Part::Value`) goes into `spans`.
pub fn parse(
    source: &str,
    rel: &str,
    display: &str,
    spans: &mut SourceMap,
) -> Result<Strings, Diagnostics> {
    let table = DeTable::parse(source).map_err(|e| {
        super::toml_file::from_toml_error(
            &e,
            source,
            0,
            display,
            "each string is a `key = \"text\"` line under a `[section]` header",
        )
    })?;
    let file = File {
        rel,
        display,
        source,
    };
    let mut strings = Strings::default();
    let mut errors = Diagnostics::default();
    flatten(table.get_ref(), "", &file, &mut strings, spans, &mut errors);
    if errors.is_empty() {
        Ok(strings)
    } else {
        Err(errors)
    }
}

fn flatten(
    table: &DeTable<'_>,
    prefix: &str,
    file: &File<'_>,
    out: &mut Strings,
    spans: &mut SourceMap,
    errors: &mut Diagnostics,
) {
    for (key, value) in table {
        let full = if prefix.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{prefix}.{}", key.get_ref())
        };
        spans.record(file.rel, &full, Part::Key, key.span());
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
                flatten(inner, &full, file, out, spans, errors);
                continue;
            }
            _ => None,
        };
        match parsed {
            Some(v) => {
                out.0.insert(full.clone(), v);
                spans.record(file.rel, &full, Part::Value, value.span());
            }
            None => errors.push(
                Diagnostic::error(format!(
                    "`{full}` must be text or a list of text, not {}",
                    value_ref.type_str()
                ))
                .in_file(file.display)
                .at_span(file.source, value.span())
                .with_hint("put the value in quotes"),
            ),
        }
    }
}

/// Placeholder names cse-pack fills in (`{date}`, `{name}`, …).
const PLACEHOLDERS: [&str; 6] = ["date", "version", "name", "url", "number", "numbers"];

/// Problems in the values of one language's strings (the file `rel`), at
/// their values: a `{placeholder}` that is unclosed or that `en`'s same
/// string does not have (or, in `en`, that cse-pack does not fill in), a
/// month list that is not twelve names, and raw HTML (printed literally,
/// never as markup).
pub fn check_values(
    strings: &Strings,
    en: &Strings,
    rel: &str,
    spans: &SourceMap,
    diags: &mut Diagnostics,
) {
    let is_en = std::ptr::eq(strings, en);
    for (key, value) in &strings.0 {
        let here = |msg: String, hint: &str| {
            spans.place(
                rel,
                key,
                Part::Value,
                Diagnostic::error(format!("`{key}`: {msg}")).with_hint(hint.to_string()),
            )
        };
        match value {
            StringValue::Text(text) => {
                let known = if is_en {
                    PLACEHOLDERS.iter().map(|p| p.to_string()).collect()
                } else {
                    placeholders_of(en, key)
                };
                for (msg, hint) in text_problems(text, &known) {
                    diags.push(here(msg, &hint));
                }
            }
            StringValue::List(list) if key == "footer.months" => {
                if list.len() != 12 || list.iter().any(|m| m.trim().is_empty()) {
                    diags.push(here(
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
}

/// The placeholders `en`'s string `key` has (none if it is a list or has
/// an unclosed one).
fn placeholders_of(en: &Strings, key: &str) -> Vec<String> {
    en.0.get(key)
        .and_then(|v| match v {
            StringValue::Text(t) => placeholders(t).ok(),
            StringValue::List(_) => None,
        })
        .unwrap_or_default()
}

/// A text value's problems, as (message, hint): placeholders that are
/// unclosed or not in `known`, and HTML.
fn text_problems(text: &str, known: &[String]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match placeholders(text) {
        Err(open) => out.push((
            format!(
                "the placeholder starting `{}` is not closed",
                snippet(&text[open..])
            ),
            "a placeholder is a name in braces, such as `{date}`".to_string(),
        )),
        Ok(names) => {
            for name in names.iter().filter(|n| !known.contains(n)) {
                let hint = if known.is_empty() {
                    "this string takes no placeholders; remove the braces".to_string()
                } else {
                    let list: Vec<String> = known.iter().map(|k| format!("`{{{k}}}`")).collect();
                    format!("this string takes {}", list.join(", "))
                };
                out.push((
                    format!("`{{{name}}}` is not a placeholder this string has"),
                    hint,
                ));
            }
        }
    }
    if let Some(tag) = html_tag(text) {
        out.push((
            format!("`{tag}` is HTML, which would be printed as it stands"),
            "strings are plain text; remove the markup".to_string(),
        ));
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
        let mut spans = SourceMap::default();
        let s = parse(src, "s.toml", "s.toml", &mut spans).ok().unwrap();
        assert_eq!(s.get("a.b"), "x");
        assert_eq!(s.list("c.d.e"), ["1", "2"]);
        let e = src.find('e').unwrap();
        assert_eq!(spans.span("s.toml", "c.d.e", Part::Key), Some(e..e + 1));
        let v = src.find('[').map(|_| src.rfind("[\"1").unwrap()).unwrap();
        assert_eq!(
            spans.span("s.toml", "c.d.e", Part::Value),
            Some(v..src.len() - 1)
        );
    }

    #[test]
    fn numbers_are_refused_at_their_value() {
        let err = parse(
            "[a]\nb = 5\n",
            "s.toml",
            "s.toml",
            &mut SourceMap::default(),
        )
        .err()
        .unwrap();
        let span = err.0[0].span.clone().unwrap();
        assert_eq!((span.line, span.col, span.bytes), (2, 5, 8..9));
        assert!(err.0[0].message.contains("must be text"));
    }
}
