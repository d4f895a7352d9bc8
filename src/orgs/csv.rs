//! Batch: one organisation per CSV row, columns named after `org.toml`'s keys
//! (`name`, `logo`, `dsl.name`, `childrens-services.phone`, …).

use super::{OrgConfig, validate};
use crate::diag::Diagnostic;
use crate::images::{ImageCache, ImageFiles};
use crate::model::{Locate, Org, Origin};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Every row of the CSV (`bytes`, named `display` in messages): an
/// organisation, or the problems with that row. Images are read from
/// `images`, the CSV's folder.
pub fn load_orgs_csv(
    bytes: &[u8],
    display: &str,
    images: &dyn ImageFiles,
    cache: &mut ImageCache,
) -> Result<Vec<Result<Org, Vec<Diagnostic>>>, Diagnostic> {
    let display = display.to_string();
    // Positions are the reader's byte offsets into this text (exact up to a
    // first byte that is not UTF-8, which that row reports).
    let text: Arc<str> = String::from_utf8_lossy(bytes).into();
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            Diagnostic::error(format!(
                "the first row, naming the columns, cannot be read ({e})"
            ))
            .in_file(&display)
            .at_offset(&text, 0)
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if !headers.iter().any(|h| h == "name") {
        return Err(Diagnostic::error("the CSV has no `name` column")
            .in_file(&display)
            .at_span(&text, 0..text.find(['\r', '\n']).unwrap_or(text.len()))
            .with_hint("the first row names the columns: name, logo, website, brand-colour, dsl.name, dsl.phone, …"));
    }
    let mut out = Vec::new();
    let mut slugs: BTreeMap<String, usize> = BTreeMap::new();
    for (i, record) in reader.records().enumerate() {
        // The line from the record's byte offset: the reader's own count is
        // off with Windows line endings, which spreadsheets write.
        let position = match &record {
            Ok(r) => r.position(),
            Err(e) => e.position(),
        };
        let start = position.map_or(text.len(), |p| row_start(bytes, p.byte()));
        let line = position.map_or(i + 2, |_| {
            text[..start.min(text.len())].matches('\n').count() + 1
        });
        let locator = RowLocator {
            display: display.clone(),
            text: text.clone(),
            start,
            line,
            headers: headers.clone(),
        };
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                out.push(Err(vec![
                    record_error(&e, line)
                        .in_file(&display)
                        .at_offset(&text, start),
                ]));
                continue;
            }
        };
        let row = to_config(&headers, &record, &locator)
            .and_then(|cfg| validate(cfg, images, cache, &locator));
        out.push(row.map(|mut org| {
            org.origin = Some(Origin(std::sync::Arc::new(locator)));
            // Two rows with the same name get their own folders.
            let n = slugs.entry(org.slug.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                org.slug = format!("{}-{n}", org.slug);
            }
            org
        }));
    }
    Ok(out)
}

/// Where the row the reader places at byte `at` starts: after a CRLF the
/// reader's record starts at the `\n`, and the row is after it. (The line
/// is counted from here: the reader's own count is off with Windows line
/// endings, which spreadsheets write.)
fn row_start(bytes: &[u8], at: u64) -> usize {
    let mut at = usize::try_from(at).unwrap_or(usize::MAX).min(bytes.len());
    while bytes.get(at).is_some_and(|b| *b == b'\r' || *b == b'\n') {
        at += 1;
    }
    at
}

/// The byte range of cell `index` of the row starting at `start`, by the
/// CSV grammar: commas outside double quotes end a cell; a quoted cell's
/// range includes its quotes.
fn cell_span(text: &str, start: usize, index: usize) -> std::ops::Range<usize> {
    let bytes = text.as_bytes();
    let (mut cell, mut cell_start, mut quoted) = (0, start, false);
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                if cell == index {
                    return cell_start..i;
                }
                cell += 1;
                cell_start = i + 1;
            }
            b'\r' | b'\n' if !quoted => break,
            _ => {}
        }
        i += 1;
    }
    if cell == index { cell_start..i } else { i..i }
}

/// A row the CSV reader could not read, in a user's words.
fn record_error(e: &csv::Error, line: usize) -> Diagnostic {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Diagnostic::error(format!(
            "row {line} has {len} cells, but the first row has {expected_len}"
        ))
        .with_hint(
            "check for a missing or extra comma; a value with a comma in it goes in double quotes",
        ),
        csv::ErrorKind::Utf8 { .. } => Diagnostic::error(format!("row {line} is not UTF-8 text"))
            .with_hint("save the file as \"CSV UTF-8\" in your spreadsheet"),
        _ => Diagnostic::error(format!("row {line} cannot be read ({e})")),
    }
}

struct RowLocator {
    display: String,
    /// The whole CSV, shared by its rows, for the snippet.
    text: Arc<str>,
    /// The byte offset where this row starts.
    start: usize,
    line: usize,
    headers: Vec<String>,
}

impl Locate for RowLocator {
    fn locate(&self, key: &str, d: Diagnostic) -> Diagnostic {
        // A key, or (from a serde message) just its last part.
        let index = self.headers.iter().position(|h| h == key).or_else(|| {
            let dotted = format!(".{key}");
            self.headers.iter().position(|h| h.ends_with(&dotted))
        });
        let column = index.map_or(key, |i| self.headers[i].as_str());
        let cell = index.map_or(self.start..self.start, |i| {
            cell_span(&self.text, self.start, i)
        });
        let message = format!("row {}, column `{column}`: {}", self.line, d.message);
        Diagnostic { message, ..d }
            .in_file(&self.display)
            .at_span(&self.text, cell)
    }
}

/// A row as an `OrgConfig`: dotted columns become tables; empty cells are absent.
fn to_config(
    headers: &[String],
    record: &csv::StringRecord,
    at: &RowLocator,
) -> Result<OrgConfig, Vec<Diagnostic>> {
    let mut root = toml::Table::new();
    for (key, value) in headers.iter().zip(record.iter()) {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let mut table = &mut root;
        let mut parts: Vec<&str> = key.split('.').collect();
        let leaf = parts.pop().unwrap_or_default();
        for part in parts {
            let entry = table
                .entry(part.to_string())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            let Some(t) = entry.as_table_mut() else {
                return Err(vec![at.locate(
                    key,
                    Diagnostic::error(format!("`{part}` is both a value and a table")),
                )]);
            };
            table = t;
        }
        table.insert(leaf.to_string(), toml::Value::String(value.to_string()));
    }
    if !root.contains_key("name") {
        return Err(vec![at.locate(
            "name",
            Diagnostic::error("the organisation has no name").with_hint("every row needs a name"),
        )]);
    }
    toml::Value::Table(root).try_into::<OrgConfig>().map_err(|e| {
        let msg = e.message().to_string();
        let key = msg.split('`').nth(1).unwrap_or("name").to_string();
        vec![at.locate(&key, Diagnostic::error(msg).with_hint("columns are org.toml's keys, dotted for tables: dsl.name, childrens-services.phone"))]
    })
}
