//! `cse-pack check`: load and lay out everything, report every problem,
//! write nothing.

use super::make::prepare;
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
    let made = prepare(args, false, &mut diags).and_then(|prepared| {
        prepared.make(
            &crate::render::RenderOptions::default(),
            &nations,
            &mut diags,
            &mut |_| Ok(()),
        )
    });
    let stdout = match made {
        Some(made) if !diags.has_errors() => {
            let count = made.planned;
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
