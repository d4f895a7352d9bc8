//! `cse-pack check`: load and lay out everything, report every problem,
//! write nothing.

use super::make::make_all;
use super::{Outcome, SelectArgs};
use crate::diag::Diagnostics;
use crate::model::Nation;

/// Check what `args` selects, in every nation unless one is named.
pub(super) fn execute(args: &SelectArgs) -> Outcome {
    let mut diags = Diagnostics::default();
    // Every nation unless one was named: a record or block may apply to one only.
    let nations: Vec<Nation> = match args.nation {
        Some(n) => vec![n],
        None => Nation::ALL.to_vec(),
    };
    let made = make_all(
        args,
        &crate::render::RenderOptions::default(),
        &nations,
        &mut diags,
    );
    let stdout = match made {
        Some((_, _, count)) if !diags.has_errors() => {
            format!(
                "checked {count} document{}: no errors\n",
                if count == 1 { "" } else { "s" }
            )
        }
        _ => String::new(),
    };
    Outcome {
        stdout,
        diagnostics: diags,
    }
}
