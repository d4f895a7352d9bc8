//! `cse-pack completions SHELL` and `cse-pack man`: generated from the
//! command line's own definition, so they cannot fall behind it.

use super::Outcome;
use crate::diag::Diagnostics;

/// A completion script for `shell`, on stdout.
pub(super) fn completions(shell: clap_complete::Shell) -> Outcome {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut super::command(), "cse-pack", &mut out);
    printed(out)
}

/// The manual page, as roff, on stdout.
pub(super) fn man() -> Outcome {
    let mut out = Vec::new();
    clap_mangen::Man::new(super::command())
        .render(&mut out)
        .expect("writing to a Vec cannot fail");
    printed(out)
}

fn printed(bytes: Vec<u8>) -> Outcome {
    Outcome {
        stdout: String::from_utf8(bytes).expect("clap writes UTF-8"),
        diagnostics: Diagnostics::default(),
    }
}
