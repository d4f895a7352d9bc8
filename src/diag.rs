//! Diagnostics: a user's mistake reported with its file, line, column and a hint.
//!
//! Every message passes through one filter on its way to the terminal
//! (`Display`): control and invisible characters are shown escaped (`\u{1b}`),
//! never sent raw, and a quoted value longer than `SHOWN_CHARS` is shortened
//! with "…". `shown` does the same for a value put into a message.

use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// For the editor's attention; nothing is wrong with the build.
    Note,
    Warning,
    Error,
}

/// One problem found in the user's input, with where it is and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user would name it (`content/en/strings.toml`), if any.
    pub file: Option<String>,
    /// 1-based line and column; 0 when the problem has no position in the file.
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error with no file.
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: None,
            line: 0,
            col: 0,
            message: message.into(),
            hint: None,
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

    /// Attach a 1-based line and column.
    pub fn at(mut self, line: usize, col: usize) -> Self {
        self.line = line;
        self.col = col;
        self
    }

    /// Attach the position of a byte offset into `source`.
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        let (line, col) = line_col(source, offset);
        self.at(line, col)
    }

    /// Attach a hint saying how to fix it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Quoted values (between backticks) longer than this many characters are
/// shortened in messages.
pub const SHOWN_CHARS: usize = 60;

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
fn escape(s: &str) -> String {
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}: ")?;
        if let Some(file) = &self.file {
            write!(f, "{}", escape(file))?;
            if self.line > 0 {
                write!(f, ":{}:{}", self.line, self.col)?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", safe(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", safe(hint))?;
        }
        Ok(())
    }
}

/// The 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = source[line_start..offset].chars().count() + 1;
    (line, col)
}

/// A list of diagnostics collected during one run.
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

    /// Drop repeats (the same problem found for several nations or
    /// organisations), keeping the first of each in order.
    pub fn dedup(&mut self) {
        let mut seen = std::collections::HashSet::new();
        self.0.retain(|d| seen.insert(d.to_string()));
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
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
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let src = "a = 1\nb = “x”\nc";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 6), (2, 1));
        let c = src.find('c').unwrap();
        assert_eq!(line_col(src, c), (3, 1));
        let x = src.find('x').unwrap();
        assert_eq!(line_col(src, x), (2, 6));
    }

    #[test]
    fn values_in_messages_are_escaped_and_shortened() {
        let long = "é".repeat(10_000);
        let s = shown(&long);
        assert_eq!(s.chars().count(), SHOWN_CHARS + 2, "{s}");
        assert!(s.contains("é…é"), "{s}");
        let path = format!("/home/dsl/{}/org.toml", "Safeguarding posters ".repeat(5));
        assert!(shown(&path).ends_with("/org.toml`"), "{}", shown(&path));
        let escaped = |v: &str| Diagnostic::error(format!("x {}", shown(v))).to_string();
        assert_eq!(escaped("a\u{1b}[2Jb"), "error: x `a\\u{1b}[2Jb`");
        assert_eq!(escaped("x\u{202e}y"), "error: x `x\\u{202e}y`");
        assert_eq!(escaped(&long), format!("error: x {s}"));
        // Everything printed goes through the same filter.
        let d = Diagnostic::error(format!("unknown field `{long}` and \u{1b}[2J"))
            .in_file("a\u{7}.toml")
            .with_hint("tab\there");
        let text = d.to_string();
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
        assert!(
            text.contains("\\u{1b}[2J") && text.contains("a\\u{7}.toml"),
            "{text}"
        );
        assert!(text.len() < 300, "{text}");
    }

    #[test]
    fn display_has_file_position_and_hint() {
        let d = Diagnostic::error("missing key `a`")
            .in_file("content/pl/strings.toml")
            .at(12, 1)
            .with_hint("every language needs the keys that en has");
        assert_eq!(
            d.to_string(),
            "error: content/pl/strings.toml:12:1: missing key `a`\n  hint: every language needs the keys that en has"
        );
    }
}
