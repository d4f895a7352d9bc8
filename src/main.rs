//! The `cse-pack` binary: parse the command line, run it, print what it
//! says (`cli::report`), and exit 1 if there were errors.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cse_pack::cli::parse();
    let outcome = cse_pack::cli::run(cli);
    cse_pack::cli::report::print(&outcome);
    if outcome.diagnostics.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
