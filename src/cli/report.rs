//! Printing a run's outcome: stdout as the command wrote it, then each
//! diagnostic on stderr — coloured like cargo's on a terminal (`--color`,
//! `NO_COLOR` and `CLICOLOR_FORCE` as anstream reads them), plain when
//! piped — and the count of errors and warnings. `-q` keeps only errors;
//! `-v` keeps notes on `build` too.

use super::{ColorWhen, Outcome, SayArgs};
use crate::diag::{Palette, Severity};
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
    for d in shown {
        let _ = writeln!(err, "{}\n", d.styled(&palette));
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
