//! `--open`: show what was built with the system's opener (`xdg-open` on
//! Linux and other Unix, `open` on macOS, `start` on Windows). It waits for
//! the opener, and a failure is only a warning: the build itself worked.

use crate::diag::Diagnostic;
use std::path::Path;
use std::process::{Command, Stdio};

/// The opener and the arguments it takes before the path.
fn opener() -> (&'static str, &'static [&'static str]) {
    if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        // `start`'s first quoted argument is a window title.
        ("cmd", &["/c", "start", ""])
    } else {
        ("xdg-open", &[])
    }
}

/// Open `path` (the contact sheet, or the output folder); a warning if it
/// could not be.
pub(super) fn open(path: &Path) -> Option<Diagnostic> {
    let (program, args) = opener();
    let status = Command::new(program)
        .args(args)
        .arg(path)
        .stdin(Stdio::null())
        .status();
    let problem = match status {
        Ok(s) if s.success() => return None,
        Ok(s) => format!("`{program}` failed ({s})"),
        Err(e) => format!("`{program}` could not be run: {e}"),
    };
    Some(
        Diagnostic::warning(format!("could not open `{}`: {problem}", path.display()))
            .with_hint("the build is complete; open it yourself"),
    )
}
