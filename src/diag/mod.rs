//! Diagnostics: a user's mistake reported with its file, its place in the
//! file, and how to fix it — printed like cargo and typst:
//!
//! ```text
//! error: unknown key `titel`
//!   --> my-content/en/strings.toml:3:1
//!    |
//!  3 | titel = "What is CSE?"
//!    | ^^^^^
//!    = hint: en has no such key; check its spelling
//! ```
//!
//! **Made where the problem is found.** A diagnostic is built by the code
//! that holds the text and the parser's span (`at_span`), so its line, column
//! and byte range are the parser's, never found by searching the text
//! afterwards. It carries the source line it points into, so printing needs
//! no file: the core stays free of I/O, and the web face can show the same
//! snippet.
//!
//! **Paths as the user gave them.** `file` is `Tree::display_path(rel)`
//! (`my-content/en/strings.toml` under `--content my-content`, `content/…`
//! for the embedded copy), or the path given on the command line.
//!
//! **Two result shapes.** A step that cannot go on returns
//! `Result<T, Diagnostics>` (one problem converts with `?` or `.into()`); a
//! check that reports and goes on takes a `&mut Diagnostics` sink and pushes
//! to it, so `check` reports every problem in one run.
//!
//! **One printer.** `Display` is the only place a diagnostic is formatted.
//! Every message passes through one filter there: control and invisible
//! characters are shown escaped (`\u{1b}`), never sent raw, and a quoted
//! value longer than `SHOWN_CHARS` is shortened with "…". `shown` does the
//! same for a value put into a message.

mod source_map;

pub use source_map::{Part, SourceMap};

use std::fmt;
use std::ops::Range;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// For the editor's attention; nothing is wrong with the build.
    Note,
    Warning,
    Error,
}

/// Where in a file a problem is: the parser's byte range, the 1-based line
/// and column (in characters) of its start, and that line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub line: usize,
    pub col: usize,
    /// Byte range in the file.
    pub bytes: Range<usize>,
    /// The text of the line the span starts on (without its line end), for
    /// the snippet under the message.
    pub source_line: String,
}

/// One problem found in the user's input, with where it is and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user would name it (`my-content/en/strings.toml`), if any.
    pub file: Option<String>,
    /// Where in `file`, if the problem has a place (boxed: most have none,
    /// and a diagnostic travels in every `Result`).
    pub span: Option<Box<Span>>,
    pub message: String,
    /// What to do about it, in order.
    pub hints: Vec<String>,
    /// The organisation's field it concerns, as `org.toml` names it
    /// (`dsl.email`): a form shows the message beside that field.
    pub field: Option<String>,
    /// The line of the CSV row it concerns, in a batch (the message says
    /// `row N, ` too): the CLI says a warning repeated row after row once.
    /// (A `NonZeroU32` keeps a diagnostic as small as it was.)
    pub row: Option<std::num::NonZeroU32>,
}

impl Diagnostic {
    /// An error with no file.
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: None,
            span: None,
            message: message.into(),
            hints: Vec::new(),
            field: None,
            row: None,
        }
    }

    /// A warning with no file.
    pub fn warning(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    /// A note with no file: something to re-check, not a problem.
    pub fn note(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Note,
            ..Self::error(message)
        }
    }

    /// Attach the file the problem is in.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Say which organisation field (`dsl.email`) the problem concerns.
    pub fn for_field(mut self, key: impl Into<String>) -> Self {
        self.field = Some(key.into());
        self
    }

    /// Attach the place `bytes` of `source` (the file's text), with the line
    /// it starts on for the snippet. A range past the text or inside a
    /// character is moved to the nearest character boundary before it.
    pub fn at_span(mut self, source: &str, bytes: Range<usize>) -> Self {
        let start = floor_boundary(source, bytes.start);
        let end = floor_boundary(source, bytes.end.max(start));
        let (line, col) = line_col(source, start);
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let text = source[line_start..line_end].trim_end_matches('\r');
        self.span = Some(Box::new(Span {
            line,
            col,
            bytes: start..end,
            source_line: text.to_string(),
        }));
        self
    }

    /// Attach the place of one byte offset into `source`.
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        self.at_span(source, offset..offset)
    }

    /// Add a hint saying how to fix it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The 1-based line and column, if the diagnostic has a place.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        self.span.as_ref().map(|s| (s.line, s.col))
    }

    /// The number of characters the caret marks: the span's, cut at its
    /// line's end, and at least one.
    fn caret_width(&self) -> usize {
        let Some(span) = &self.span else {
            return 1;
        };
        let from: String = span.source_line.chars().skip(span.col - 1).collect();
        let len = span.bytes.len();
        let mut width = 0;
        let mut bytes = 0;
        for c in from.chars() {
            if bytes >= len {
                break;
            }
            bytes += c.len_utf8();
            width += 1;
        }
        width.max(1)
    }
}

fn floor_boundary(source: &str, offset: usize) -> usize {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Quoted values (between backticks) longer than this many characters are
/// shortened in messages.
pub const SHOWN_CHARS: usize = 60;

/// A snippet shows its whole line when it is at most this many terminal
/// columns wide; a longer line is cut round the span to this width, showing
/// the line's end if it is in reach and at least `SNIPPET_BEFORE` columns
/// before the span: a hostile one-line file stays a short message.
const SNIPPET_COLUMNS: usize = 100;
const SNIPPET_BEFORE: usize = 30;

/// A tab in a snippet is shown as this many spaces, so that the caret line
/// (which has no tabs) lines up whatever the terminal's tab stops.
const TAB: &str = "    ";

/// A user's value as a message shows it: in backticks, shortened with "…"
/// past `SHOWN_CHARS` characters. (Its control characters are escaped when
/// the message is printed.)
pub fn shown(value: &str) -> String {
    format!("`{}`", shorten(value))
}

/// `s` cut to `SHOWN_CHARS` characters if longer: its start and its end
/// (where a path keeps its file name) either side of "…". Shortening twice
/// changes nothing.
fn shorten(s: &str) -> String {
    let count = s.chars().count();
    if count <= SHOWN_CHARS {
        return s.to_string();
    }
    let head = SHOWN_CHARS * 2 / 3;
    let tail = SHOWN_CHARS - head - 1;
    let start: String = s.chars().take(head).collect();
    let end: String = s.chars().skip(count - tail).collect();
    format!("{start}…{end}")
}

/// Control characters (but new lines), direction controls and invisible
/// formatting characters as `\u{…}`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c != '\n' && (c.is_control() || crate::text_safety::refused_char(c).is_some()) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// A message made safe for a terminal: escaped, and each backtick-quoted
/// part longer than `SHOWN_CHARS` shortened.
fn safe(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        // Odd parts are inside backticks.
        if i % 2 == 1 {
            out.push_str(&escape(&shorten(part)));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

/// One character of a snippet as printed: its text (a tab as spaces, a
/// control or invisible character escaped) and its width in terminal columns.
fn cell(c: char) -> (String, usize) {
    if c == '\t' {
        return (TAB.to_string(), TAB.len());
    }
    let text = escape(&c.to_string());
    if text.chars().count() > 1 {
        // Escaped: ASCII, one column a character.
        let width = text.len();
        return (text, width);
    }
    (text, unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
}

/// The snippet's two lines: the source line (escaped, and cut round the
/// span if wider than `SNIPPET_COLUMNS`) and the caret line under it,
/// `width` characters from character `col` marked. Positions are terminal
/// columns, so the caret stays under its text beside wide (CJK) characters,
/// combining marks and tabs.
fn snippet(line: &str, col: usize, width: usize) -> (String, String) {
    let cells: Vec<(String, usize)> = line.chars().map(cell).collect();
    let start = col.saturating_sub(1).min(cells.len());
    let end = (start + width).min(cells.len());
    let columns = |r: Range<usize>| -> usize { cells[r].iter().map(|c| c.1).sum() };
    let (mut from, mut to) = (0, cells.len());
    if columns(0..cells.len()) > SNIPPET_COLUMNS {
        // Room before the span: what the line's rest leaves, or the least.
        let before = SNIPPET_COLUMNS
            .saturating_sub(columns(start..to))
            .max(SNIPPET_BEFORE);
        from = start;
        while from > 0 && columns(from - 1..start) <= before {
            from -= 1;
        }
        to = start;
        while to < cells.len() && columns(from..to + 1) <= SNIPPET_COLUMNS {
            to += 1;
        }
    }
    let text = |r: Range<usize>| -> String { cells[r].iter().map(|c| c.0.as_str()).collect() };
    let cut_before = if from > 0 { "…" } else { "" };
    let cut_after = if to < cells.len() { "…" } else { "" };
    let shown = format!("{cut_before}{}{cut_after}", text(from..to));
    let pad = " ".repeat(cut_before.chars().count() + columns(from..start));
    let carets = "^".repeat(columns(start..end.min(to).max(start)).max(1));
    (shown, format!("{pad}{carets}"))
}

/// How a face marks up a diagnostic's parts: for each, the text that opens
/// it and the text that closes it (a terminal's colour escapes; empty, the
/// default, for plain text). The core never chooses colours.
#[derive(Debug, Clone, Default)]
pub struct Palette {
    pub error: (String, String),
    pub warning: (String, String),
    pub note: (String, String),
    /// The message after the level.
    pub message: (String, String),
    /// The `-->`, the gutter and the line number.
    pub frame: (String, String),
    /// The word `hint`.
    pub hint: (String, String),
}

impl Diagnostic {
    /// The diagnostic as text, its parts marked up by `p` (what `Display`
    /// writes, with an empty palette).
    pub fn styled(&self, p: &Palette) -> String {
        self.styled_noting(p, &[])
    }

    /// [`Diagnostic::styled`], with `notes` after the hints (`= note: …`).
    pub fn styled_noting(&self, p: &Palette, notes: &[String]) -> String {
        let paint = |(open, close): &(String, String), text: &str| format!("{open}{text}{close}");
        let (level, tone) = match self.severity {
            Severity::Note => ("note", &p.note),
            Severity::Warning => ("warning", &p.warning),
            Severity::Error => ("error", &p.error),
        };
        let mut out = format!(
            "{}{}",
            paint(tone, &format!("{level}:")),
            paint(&p.message, &format!(" {}", safe(&self.message)))
        );
        // The gutter is as wide as the line number, and a space.
        let gutter = self
            .span
            .as_ref()
            .map_or(2, |s| s.line.to_string().len() + 1);
        let pad = " ".repeat(gutter);
        if let Some(file) = &self.file {
            let at = self
                .span
                .as_ref()
                .map_or(String::new(), |s| format!(":{}:{}", s.line, s.col));
            out += &format!("\n{pad}{} {}{at}", paint(&p.frame, "-->"), escape(file));
        }
        if let Some(span) = &self.span {
            let (text, carets) = snippet(&span.source_line, span.col, self.caret_width());
            let number = format!("{:>w$}", span.line, w = gutter);
            let bar = paint(&p.frame, "|");
            out += &format!("\n{pad} {bar}");
            if text.is_empty() {
                out += &format!("\n{}", paint(&p.frame, &format!("{number} |")));
            } else {
                out += &format!("\n{} {text}", paint(&p.frame, &format!("{number} |")));
            }
            // The carets' own indent is plain, so only they are coloured.
            let indent = carets.len() - carets.trim_start().len();
            out += &format!(
                "\n{pad} {bar} {}{}",
                &carets[..indent],
                paint(tone, carets.trim_start())
            );
        }
        for hint in &self.hints {
            out += &format!(
                "\n{pad} {} {}: {}",
                paint(&p.frame, "="),
                paint(&p.hint, "hint"),
                safe(hint)
            );
        }
        for note in notes {
            out += &format!(
                "\n{pad} {} {}: {}",
                paint(&p.frame, "="),
                paint(&p.note, "note"),
                safe(note)
            );
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.styled(&Palette::default()))
    }
}

/// The 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_boundary(source, offset);
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = source[line_start..offset].chars().count() + 1;
    (line, col)
}

/// The diagnostics of one run, in the order found: the error of a step that
/// cannot go on (`Result<T, Diagnostics>`), or the sink a check pushes to.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// Drop repeats (the same problem found for several nations or
    /// organisations), keeping the first of each in order.
    pub fn dedup(&mut self) {
        let mut seen = std::collections::HashSet::new();
        self.0.retain(|d| seen.insert(d.to_string()));
    }

    /// Keep the value of a step that may fail, moving its problems here.
    pub fn take<T>(&mut self, result: Result<T, Diagnostics>) -> Option<T> {
        result.map_err(|ds| self.extend(ds)).ok()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Each diagnostic, and a blank line after it (as cargo prints them).
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}\n")?;
        }
        Ok(())
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Self(vec![d])
    }
}

#[cfg(test)]
mod tests;
