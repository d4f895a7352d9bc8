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
