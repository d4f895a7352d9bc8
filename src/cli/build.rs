//! `cse-pack build`: make the documents and write them, with their manifest.

use super::inputs::{source_date_epoch, today};
use super::make::make_all;
use super::{BuildArgs, Outcome, fail};
use crate::Loaded;
use crate::diag::Diagnostics;
use crate::model::Status;

/// Build what `args` selects into its output folder.
pub(super) fn execute(args: &BuildArgs) -> Outcome {
    let options = crate::render::RenderOptions {
        pdf_a: args.pdfa,
        // PDF/A requires a creation date; otherwise one is written only when
        // SOURCE_DATE_EPOCH names it, so that builds stay byte-identical.
        date: source_date_epoch().or_else(|| args.pdfa.then(today)),
    };
    let mut diags = Diagnostics::default();
    let nations = [args.select.selection().nation];
    let made = make_all(&args.select, &options, &nations, &mut diags);
    // Notes are for the editor running `check`, not for every build.
    diags
        .0
        .retain(|d| d.severity != crate::diag::Severity::Note);
    let Some((loaded, outputs, _)) = made else {
        return fail(diags);
    };
    // A batch writes the organisations that built; a single pack, or any
    // problem with the content itself, is all or nothing.
    let batch = args.select.orgs.orgs.is_some();
    if diags.has_errors() && (!batch || outputs.is_empty() || loaded.problems.has_errors()) {
        diags.push(crate::diag::Diagnostic::error(format!(
            "nothing was written to `{}`: fix the errors above and build again",
            args.out.display()
        )));
        return fail(diags);
    }
    match crate::pack::write_pack(&args.out, &outputs, &loaded.content.pack.version) {
        Ok(manifest) => {
            let total: usize = outputs.iter().map(|o| o.bytes.len()).sum();
            let mut stdout = format!(
                "built {} PDF{} ({} KB) into {}; manifest lists {} file{}\n",
                outputs.len(),
                if outputs.len() == 1 { "" } else { "s" },
                total / 1024,
                args.out.display(),
                manifest.files.len(),
                if manifest.files.len() == 1 { "" } else { "s" },
            );
            stdout.push_str(&drafts_note(&loaded, &outputs));
            Outcome {
                stdout,
                diagnostics: diags,
            }
        }
        Err(d) => {
            diags.push(d);
            fail(diags)
        }
    }
}

/// A line naming the languages built whose translation is an unreviewed
/// draft (each such document also says so in its footer); empty if none.
fn drafts_note(loaded: &Loaded, outputs: &[crate::pack::Output]) -> String {
    let mut drafts: Vec<&str> = Vec::new();
    for code in outputs.iter().flat_map(|o| o.lang.codes()) {
        let draft = loaded
            .content
            .languages
            .get(code)
            .is_some_and(|l| l.status == Status::Draft);
        if draft && !drafts.contains(&code) {
            drafts.push(code);
        }
    }
    if drafts.is_empty() {
        return String::new();
    }
    let names: Vec<String> = drafts
        .iter()
        .map(|c| format!("{} ({c})", loaded.content.languages[*c].name))
        .collect();
    format!(
        "draft translations, not yet reviewed by a native speaker: {}; have them checked before printing many\n",
        names.join(", ")
    )
}
