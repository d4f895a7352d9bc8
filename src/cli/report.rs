//! Printing a run's outcome: stdout as the command wrote it, then each
//! diagnostic on stderr — coloured like cargo's on a terminal (`--color`,
//! `NO_COLOR` and `CLICOLOR_FORCE` as anstream reads them), plain when
//! piped — and the count of errors and warnings. `-q` keeps only errors;
//! `-v` keeps notes on `build` too.

use super::{ColorWhen, Outcome, SayArgs};
use crate::diag::{Diagnostic, Palette, Severity};
use anstyle::{AnsiColor, Style};
use std::io::Write as _;
use std::sync::OnceLock;

/// How much a run prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

static SAY: OnceLock<(Verbosity, ColorWhen)> = OnceLock::new();

/// Set once, from the command line, before the command runs.
pub(super) fn set_verbosity(say: &SayArgs) {
    let level = if say.quiet {
        Verbosity::Quiet
    } else if say.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    let _ = SAY.set((level, say.color));
}

/// How much this run prints (`Normal` if the command line was not read).
pub fn verbosity() -> Verbosity {
    SAY.get().map_or(Verbosity::Normal, |s| s.0)
}

/// The colours cargo uses: red errors, yellow warnings, blue frame.
pub fn terminal_palette() -> Palette {
    let pair = |s: Style| (s.render().to_string(), s.render_reset().to_string());
    let bold = Style::new().bold();
    let colour = |c: AnsiColor| pair(bold.fg_color(Some(c.into())));
    Palette {
        error: colour(AnsiColor::Red),
        warning: colour(AnsiColor::Yellow),
        note: colour(AnsiColor::Green),
        message: pair(bold),
        frame: colour(AnsiColor::Blue),
        hint: colour(AnsiColor::Cyan),
    }
}

/// Print `outcome`: stdout, then the diagnostics and their count on stderr.
/// Colour escapes are written only where `--color` and the terminal allow
/// (anstream strips them otherwise).
pub fn print(outcome: &Outcome) {
    let level = verbosity();
    let choice = match SAY.get().map_or(ColorWhen::Auto, |s| s.1) {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(outcome.stdout.as_bytes());
    let _ = out.flush();
    let shown: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| level > Verbosity::Quiet || d.severity == Severity::Error)
        .collect();
    let diags = &outcome.diagnostics;
    let count = diags.error_count() > 0 || (level > Verbosity::Quiet && !shown.is_empty());
    if shown.is_empty() && !count {
        return;
    }
    let palette = terminal_palette();
    let mut err = anstream::AutoStream::new(std::io::stderr().lock(), choice);
    let said = if level == Verbosity::Verbose {
        shown.into_iter().map(|d| (d, Vec::new())).collect()
    } else {
        once_for_every_row(shown)
    };
    for (d, more) in said {
        let notes: Vec<String> = match more.len() {
            0 => Vec::new(),
            n => vec![format!(
                "the same for {n} more row{}: {} (`-v` shows each)",
                if n == 1 { "" } else { "s" },
                rows(&more)
            )],
        };
        let _ = writeln!(err, "{}\n", d.styled_noting(&palette, &notes));
    }
    if count {
        let (errors, warnings) = (diags.error_count(), diags.warning_count());
        let _ = writeln!(
            err,
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        );
    }
}

/// Warnings and notes that differ only in their CSV row, each said once
/// with the other rows it holds for: 500 schools whose wallet card has no
/// room for a web address get one warning, not 500. Errors are each said
/// (every row's own must be fixed), and nothing is reordered but the
/// repeats, which join the first.
fn once_for_every_row(shown: Vec<&Diagnostic>) -> Vec<(&Diagnostic, Vec<usize>)> {
    use std::collections::HashMap;
    let mut said: Vec<(&Diagnostic, Vec<usize>)> = Vec::new();
    // What makes two of them the same: all but the row.
    type Same<'a> = (Severity, Option<&'a str>, &'a str, &'a [String]);
    let mut first: HashMap<Same<'_>, usize> = HashMap::new();
    for d in shown {
        let key = d.row.filter(|_| !d.is_error()).and_then(|row| {
            let rest = d.message.strip_prefix(&format!("row {row}, "))?;
            Some((d.severity, d.file.as_deref(), rest, d.hints.as_slice()))
        });
        match key.and_then(|k| first.get(&k).copied()) {
            Some(at) => said[at].1.extend(d.row.map(|r| r.get() as usize)),
            None => {
                if let Some(k) = key {
                    first.insert(k, said.len());
                }
                said.push((d, Vec::new()));
            }
        }
    }
    said
}

/// Row numbers as runs: `3–5, 9, 12–40`.
fn rows(lines: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &line in lines {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == line => *end = line,
            _ => runs.push((line, line)),
        }
    }
    runs.iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_said_as_runs() {
        assert_eq!(rows(&[3, 4, 5, 9, 12, 13]), "3–5, 9, 12–13");
        assert_eq!(rows(&[7]), "7");
    }

    fn at_row(row: usize, message: &str) -> Diagnostic {
        Diagnostic {
            row: std::num::NonZeroU32::new(row as u32),
            ..Diagnostic::warning(format!("row {row}, column `website`: {message}"))
                .in_file("schools.csv")
        }
    }

    #[test]
    fn a_warning_repeated_row_after_row_is_said_once_with_its_rows() {
        let a = [2, 3, 4, 6].map(|r| at_row(r, "`website` is left off `card-wallet`"));
        let other = at_row(5, "`website` is left off `poster-a5`");
        let error = Diagnostic {
            severity: Severity::Error,
            ..at_row(7, "`website` is left off `card-wallet`")
        };
        let shown = vec![&a[0], &a[1], &a[2], &other, &a[3], &error];
        let said = once_for_every_row(shown);
        let got: Vec<(&str, Vec<usize>)> = said
            .iter()
            .map(|(d, more)| (d.message.as_str(), more.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "row 2, column `website`: `website` is left off `card-wallet`",
                    vec![3, 4, 6]
                ),
                (
                    "row 5, column `website`: `website` is left off `poster-a5`",
                    vec![]
                ),
                (
                    "row 7, column `website`: `website` is left off `card-wallet`",
                    vec![]
                ),
            ]
        );
    }
}
