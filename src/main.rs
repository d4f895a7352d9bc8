//! The `cse-pack` binary: parse the command line, run it, print diagnostics,
//! and exit 1 if there were errors.

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cse_pack::cli::parse();
    let outcome = cse_pack::cli::run(cli);
    print!("{}", outcome.stdout);
    let diags = &outcome.diagnostics;
    if !diags.is_empty() {
        eprint!("{diags}");
        eprintln!(
            "{} error{}, {} warning{}",
            diags.error_count(),
            if diags.error_count() == 1 { "" } else { "s" },
            diags.warning_count(),
            if diags.warning_count() == 1 { "" } else { "s" }
        );
    }
    let _ = std::io::stdout().flush();
    if diags.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
