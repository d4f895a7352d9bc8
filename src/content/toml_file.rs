//! Parsing a TOML file into a config struct, keeping the parser's line and column.

use crate::diag::Diagnostic;
use crate::model::Date;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

/// Parse `source` (the file `display`) as `T`, or say where it is wrong.
pub fn parse<T: DeserializeOwned>(
    source: &str,
    display: &str,
    hint: &str,
) -> Result<T, Diagnostic> {
    toml::from_str(source).map_err(|e| from_toml_error(&e, source, 0, display, hint))
}

/// Turn a toml error into a diagnostic: its first line is the message, its
/// span the place. The TOML parsed was `source[offset..]` (front matter
/// inside a Markdown file starts after its `+++`).
pub fn from_toml_error(
    e: &toml::de::Error,
    source: &str,
    offset: usize,
    display: &str,
    hint: &str,
) -> Diagnostic {
    let message = e.message().trim().to_string();
    let mut d = Diagnostic::error(lowercase_first(&message)).in_file(display);
    if let Some(span) = e.span() {
        d = d.at_span(source, offset + span.start..offset + span.end);
    }
    if message.starts_with("unknown field") {
        d.with_hint("check the spelling of the key; the message lists the keys this file takes")
    } else if hint.is_empty() {
        d
    } else {
        d.with_hint(hint)
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if !s.starts_with("TOML") => c.to_lowercase().chain(chars).collect(),
        _ => s.to_string(),
    }
}

/// A date written as a TOML date (`2026-11-28`) or a string of that form.
#[derive(Debug, Clone, Copy)]
pub struct TomlDate(pub Date);

impl<'de> Deserialize<'de> for TomlDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Date(toml::value::Datetime),
            Text(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Date(dt) => dt.to_string(),
            Raw::Text(s) => s,
        };
        parse_date(&text).map(TomlDate).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a date; write it as YYYY-MM-DD"))
        })
    }
}

/// Parse `YYYY-MM-DD`, checking the month and day.
pub fn parse_date(s: &str) -> Option<Date> {
    let mut parts = s.trim().splitn(3, '-');
    let year: u16 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day_part = parts.next()?;
    let day: u8 = day_part.get(..2)?.parse().ok()?;
    if day_part.len() != 2 || !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    (day <= days[usize::from(month - 1)]).then_some(Date { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert_eq!(
            parse_date("2026-11-28"),
            Some(Date {
                year: 2026,
                month: 11,
                day: 28
            })
        );
        assert_eq!(parse_date("2024-02-29").map(|d| d.day), Some(29));
        assert_eq!(parse_date("2026-02-29"), None);
        assert_eq!(parse_date("2026-13-01"), None);
        assert_eq!(parse_date("28/11/2026"), None);
    }
}
