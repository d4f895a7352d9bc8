//! Batch: one organisation per CSV row, columns named after `org.toml`'s keys
//! (`name`, `logo`, `dsl.name`, `childrens-services.phone`, …).

use super::{OrgConfig, validate};
use crate::diag::Diagnostic;
use crate::fonts::FontBook;
use crate::images::{ImageCache, ImageFiles};
use crate::model::{Locate, Org, Origin};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A batch CSV, read: every row, and warnings about the rows together.
#[derive(Debug)]
pub struct Batch {
    pub rows: Vec<Row>,
    /// Rows whose names make the same folder name, each given its own.
    pub warnings: Vec<Diagnostic>,
}

/// One row of a batch CSV.
#[derive(Debug)]
pub struct Row {
    /// The line the row starts on (the first row, naming the columns, is
    /// line 1); messages call it "row N".
    pub line: usize,
    /// Its `name` cell as written (trimmed; empty if it has none), to name
    /// the row in a summary.
    pub name: String,
    /// The organisation, checked, **without its images** (they were read
    /// and checked, then let go, so that a batch does not hold every row's
    /// logo: [`Row::with_images`] reads them again when the row's documents
    /// are made); or the problems with this row.
    pub org: Result<Org, Vec<Diagnostic>>,
    /// The row as read, to check again with its images.
    source: Option<(csv::StringRecord, Arc<RowLocator>)>,
}

impl Row {
    /// The organisation with its images, from `images` (the CSV's folder):
    /// the row checked again, in the folder it was given at load. A file
    /// many rows name comes from `cache` (see [`ImageCache::keep`]).
    pub fn with_images(
        &self,
        images: &dyn ImageFiles,
        cache: &mut ImageCache,
        book: &FontBook,
    ) -> Result<Org, Vec<Diagnostic>> {
        let checked = self.org.as_ref().map_err(Clone::clone)?;
        let Some((record, locator)) = &self.source else {
            return Ok(checked.clone());
        };
        let mut org = check(record, locator, images, cache, book)?;
        org.slug.clone_from(&checked.slug);
        Ok(org)
    }
}

/// Row `record`, checked, its images read from `images`.
fn check(
    record: &csv::StringRecord,
    locator: &Arc<RowLocator>,
    images: &dyn ImageFiles,
    cache: &mut ImageCache,
    book: &FontBook,
) -> Result<Org, Vec<Diagnostic>> {
    let cfg = to_config(&locator.headers, record, locator)?;
    let mut org = validate(cfg, images, cache, locator.as_ref(), book)?;
    org.origin = Some(Origin(locator.clone()));
    Ok(org)
}

/// Tell `cache` to keep every image file that more than one row names.
fn keep_shared_images(
    records: &[csv::Result<csv::StringRecord>],
    headers: &[String],
    cache: &mut ImageCache,
) {
    let columns: Vec<usize> = (0..headers.len())
        .filter(|&i| headers[i] == "logo" || headers[i].ends_with(".photo"))
        .collect();
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for record in records.iter().flatten() {
        for &i in &columns {
            if let Some(rel) = record.get(i).map(str::trim).filter(|v| !v.is_empty()) {
                *uses.entry(rel).or_default() += 1;
            }
        }
    }
    for (rel, n) in uses {
        if n > 1 {
            cache.keep(rel);
        }
    }
}

/// Every row of the CSV (`bytes`, named `display` in messages): an
/// organisation, or the problems with that row. Images are read from
/// `images`, the CSV's folder; text is checked against the fonts in `book`.
/// Every organisation gets its own folder name ([`Org::slug`]), even when
/// names make the same one.
pub fn load_orgs_csv(
    bytes: &[u8],
    display: &str,
    images: &dyn ImageFiles,
    cache: &mut ImageCache,
    book: &FontBook,
) -> Result<Batch, Diagnostic> {
    // Positions are the reader's byte offsets into this text (exact up to a
    // first byte that is not UTF-8, which that row reports).
    let text: Arc<str> = String::from_utf8_lossy(bytes).into();
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let headers = read_headers(&mut reader, &text, display)?;
    let mut lines = LineCounter::default();
    let records: Vec<_> = reader.records().collect();
    keep_shared_images(&records, &headers, cache);
    let mut rows = Vec::new();
    for (i, record) in records.into_iter().enumerate() {
        // The line from the record's byte offset: the reader's own count is
        // off with Windows line endings, which spreadsheets write.
        let position = match &record {
            Ok(r) => r.position(),
            Err(e) => e.position(),
        };
        let start = position.map_or(text.len(), |p| row_start(bytes, p.byte()));
        let line = position.map_or(i + 2, |_| lines.line_at(&text, start));
        let locator = RowLocator {
            display: display.to_string(),
            text: text.clone(),
            start,
            line,
            headers: headers.clone(),
        };
        rows.push(read_row(record, locator, images, cache, book));
    }
    let warnings = distinct_folders(&mut rows);
    Ok(Batch { rows, warnings })
}

/// The first row's column names (trimmed); it must name a `name` column.
fn read_headers(
    reader: &mut csv::Reader<&[u8]>,
    text: &str,
    display: &str,
) -> Result<Vec<String>, Diagnostic> {
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            Diagnostic::error(format!(
                "the first row, naming the columns, cannot be read ({e})"
            ))
            .in_file(display)
            .at_offset(text, 0)
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if !headers.iter().any(|h| h == "name") {
        return Err(Diagnostic::error("the CSV has no `name` column")
            .in_file(display)
            .at_span(text, 0..text.find(['\r', '\n']).unwrap_or(text.len()))
            .with_hint("the first row names the columns: name, logo, website, brand-colour, dsl.name, dsl.phone, …"));
    }
    Ok(headers)
}

/// Counts lines forward through the text as the rows come, so that each
/// row's line costs only the bytes since the previous row.
#[derive(Default)]
struct LineCounter {
    /// Bytes counted so far.
    counted: usize,
    /// Line breaks in them.
    breaks: usize,
}

impl LineCounter {
    /// The 1-based line of byte `at` (not before the last one asked about).
    fn line_at(&mut self, text: &str, at: usize) -> usize {
        let to = at.clamp(self.counted, text.len());
        self.breaks += bytecount(&text.as_bytes()[self.counted..to]);
        self.counted = to;
        self.breaks + 1
    }
}

/// One record as a row: its organisation, validated (images read from
/// `images`), or the problems with it.
fn read_row(
    record: csv::Result<csv::StringRecord>,
    locator: RowLocator,
    images: &dyn ImageFiles,
    cache: &mut ImageCache,
    book: &FontBook,
) -> Row {
    let line = locator.line;
    let record = match record {
        Ok(r) => r,
        Err(e) => {
            let d = record_error(&e, line)
                .in_file(&locator.display)
                .at_offset(&locator.text, locator.start);
            return Row {
                line,
                name: String::new(),
                org: Err(vec![d]),
                source: None,
            };
        }
    };
    let headers = &locator.headers;
    let name = headers
        .iter()
        .position(|h| h == "name")
        .and_then(|i| record.get(i))
        .unwrap_or_default()
        .trim()
        .to_string();
    let locator = Arc::new(locator);
    let org = check(&record, &locator, images, cache, book).map(Org::without_images);
    Row {
        line,
        name,
        org,
        source: Some((record, locator)),
    }
}

/// Give every organisation its own folder: the first row whose name makes a
/// folder name keeps it; a later one gets the next `-2`, `-3`, … that no row
/// has (a row named "School A 2" keeps `school-a-2`). Returns a warning
/// for each row moved, naming both rows.
fn distinct_folders(rows: &mut [Row]) -> Vec<Diagnostic> {
    let natural: BTreeSet<String> = rows
        .iter()
        .filter_map(|r| r.org.as_ref().ok().map(|o| o.slug.clone()))
        .collect();
    // Each folder given, with the line of the row that has it.
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    let mut warnings = Vec::new();
    for row in rows.iter_mut() {
        let line = row.line;
        let Ok(org) = &mut row.org else { continue };
        let Some(&first) = taken.get(&org.slug) else {
            taken.insert(org.slug.clone(), line);
            continue;
        };
        let base = org.slug.clone();
        let folder = (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|f| !natural.contains(f) && !taken.contains_key(f))
            .expect("some numbered folder is free");
        let d = Diagnostic::warning(format!(
            "the name makes the same folder name as row {first}'s, `{base}`; this row's files go in `{folder}/`"
        ))
        .with_hint("give each organisation a name of its own (add its town or campus), so that its folder says which it is");
        warnings.push(org.locate("name", d));
        taken.insert(folder.clone(), line);
        org.slug = folder;
    }
    warnings
}

/// The line breaks in `bytes`.
fn bytecount(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n').count()
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

impl std::fmt::Debug for RowLocator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RowLocator({} line {})", self.display, self.line)
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
        Diagnostic {
            message,
            row: u32::try_from(self.line)
                .ok()
                .and_then(std::num::NonZeroU32::new),
            ..d
        }
        .in_file(&self.display)
        .at_span(&self.text, cell)
    }

    fn row(&self) -> Option<String> {
        Some(format!("row {}", self.line))
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
