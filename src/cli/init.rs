//! `cse-pack init`: write an `org.toml` to fill in, never over an existing file.

use super::{InitArgs, Outcome, fail};
use crate::diag::{Diagnostic, Diagnostics};
use crate::orgs::ORG_TEMPLATE;
use std::path::{Path, PathBuf};

/// Write the commented organisation file where `args` says.
pub(super) fn execute(args: &InitArgs) -> Outcome {
    match write_init(&args.out) {
        Ok(path) => Outcome {
            stdout: format!(
                "wrote {}: fill it in, then run `cse-pack build --org {}`\n",
                path.display(),
                path.display()
            ),
            diagnostics: Diagnostics::default(),
        },
        Err(d) => fail(d.into()),
    }
}

/// Write `org.toml` for the user to fill in, refusing to overwrite one.
fn write_init(path: &Path) -> Result<PathBuf, Diagnostic> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(Diagnostic::error(format!(
            "`{}` already exists; not overwriting it",
            path.display()
        ))
        .with_hint("edit the existing file, or give another path with `--out`"));
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Diagnostic::error(format!("cannot write `{}`: {e}", path.display())))?;
    std::io::Write::write_all(&mut f, ORG_TEMPLATE.as_bytes())
        .map_err(|e| Diagnostic::error(format!("cannot write `{}`: {e}", path.display())))?;
    Ok(path.to_path_buf())
}
