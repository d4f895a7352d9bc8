//! `cse-pack build`: make the documents and write them, with their manifest.

use super::inputs::{source_date_epoch, today};
use super::make::prepare;
use super::preview::{Previews, SHEET};
use super::{BuildArgs, Outcome, fail};
use crate::Loaded;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{LangSel, Status};
use crate::output::Media;
use crate::pack::{FileEntry, Transaction};

/// Build what `args` selects into its output folder: the documents go into
/// the output's transaction as they are made, and are put in place together
/// at the end (or not at all).
pub(super) fn execute(args: &BuildArgs) -> Outcome {
    let options = render_options(args);
    let mut diags = Diagnostics::default();
    let nations = [args.select.selection().nation];
    let Some(prepared) = prepare(&args.select, true, &mut diags) else {
        drop_notes(&mut diags);
        return fail(diags);
    };
    let formats = &args.format;
    let prepared = match prepared.with_formats(
        formats.contains(&super::Format::Pdf),
        formats.contains(&super::Format::Html),
    ) {
        Ok(p) => p,
        Err(d) => {
            diags.push(d);
            drop_notes(&mut diags);
            return fail(diags);
        }
    };
    let loaded = &prepared.loaded;
    let tx = match begin(args, loaded) {
        Ok(tx) => tx,
        Err(d) => {
            diags.push(d);
            drop_notes(&mut diags);
            return fail(diags);
        }
    };
    let mut added = 0;
    // Pictures and the print shop's ZIPs are made from each group of
    // documents as it comes, and go into the same transaction.
    let mut previews = args.preview.then(Previews::default);
    let lang_label = |lang: &LangSel| lang_name(loaded, lang);
    let made = prepared.make(&options, &nations, &mut diags, &mut |docs| {
        if let Some(tx) = &tx {
            for doc in &docs {
                tx.add(doc)?;
            }
            if let Some(previews) = &mut previews {
                for picture in previews.add(&docs, &lang_label)? {
                    tx.add(&picture)?;
                }
            }
            if args.zip {
                for zip in super::press::zips(&docs, loaded)? {
                    tx.add(&zip)?;
                }
            }
        }
        added += docs.len();
        Ok(())
    });
    drop_notes(&mut diags);
    // Dropped without a commit, the transaction leaves the folder as it was.
    let Some(made) = made else {
        return fail(diags);
    };
    let summary = made.summary.map(|s| s.render()).unwrap_or_default();
    // A batch writes the organisations that built; a single pack, or any
    // problem with the content itself, is all or nothing.
    let batch = args.select.orgs.orgs.is_some();
    match tx {
        Some(tx) if !diags.has_errors() || (batch && added > 0) => {
            let title = format!(
                "{} {}, {} edition",
                loaded.content.pack.id,
                loaded.content.pack.version,
                nations[0].name()
            );
            let sheet = previews
                .as_ref()
                .and_then(|p| p.sheet(&title, loaded.fonts));
            if let Some(Err(d)) = sheet.map(|s| s.and_then(|s| tx.add(&s))) {
                diags.push(d);
                return Outcome {
                    stdout: summary,
                    diagnostics: diags,
                };
            }
            let mut outcome = commit(tx, args, loaded, summary, diags);
            if args.open && !outcome.diagnostics.has_errors() {
                let sheet = args.out.join(SHEET);
                let what = if previews.is_some() && sheet.is_file() {
                    sheet
                } else {
                    args.out.clone()
                };
                outcome.diagnostics.extend(super::open::open(&what));
            }
            outcome
        }
        _ => {
            diags.push(Diagnostic::error(format!(
                "nothing was written to `{}`: fix the errors above and build again",
                args.out.display()
            )));
            Outcome {
                stdout: summary,
                diagnostics: diags,
            }
        }
    }
}

/// The PDF options from the arguments and the environment.
fn render_options(args: &BuildArgs) -> crate::render::RenderOptions {
    crate::render::RenderOptions {
        pdf_a: args.pdfa,
        // PDF/A requires a creation date; otherwise one is written only when
        // SOURCE_DATE_EPOCH names it, so that builds stay byte-identical.
        date: source_date_epoch().or_else(|| args.pdfa.then(today)),
    }
}

/// Notes are for the editor running `check`, not for every build (unless
/// `-v` asks for them).
fn drop_notes(diags: &mut Diagnostics) {
    if super::report::verbosity() < super::report::Verbosity::Verbose {
        diags
            .0
            .retain(|d| d.severity != crate::diag::Severity::Note)
    }
}

/// Open the output's transaction, unless the content itself has errors: then
/// nothing is written (`None`), but every document is still made, to report
/// every problem in one run.
fn begin(args: &BuildArgs, loaded: &Loaded) -> Result<Option<Transaction>, Diagnostic> {
    if loaded.problems.has_errors() {
        return Ok(None);
    }
    Transaction::begin(&args.out, &loaded.content.pack.version).map(Some)
}

/// Put the documents in place and say what was written (or why not).
fn commit(
    tx: Transaction,
    args: &BuildArgs,
    loaded: &Loaded,
    summary: String,
    mut diags: Diagnostics,
) -> Outcome {
    match tx.commit() {
        Ok(written) => {
            let total: usize = written.added.iter().map(|e| e.bytes).sum();
            let files = written.manifest.files.len();
            let mut stdout = format!(
                "built {} ({} KB) into {}; manifest lists {files} file{}\n",
                built(&written.added),
                total / 1024,
                args.out.display(),
                if files == 1 { "" } else { "s" },
            );
            stdout.push_str(&summary);
            stdout.push_str(&drafts_note(loaded, &written.added));
            Outcome {
                stdout,
                diagnostics: diags,
            }
        }
        Err(d) => {
            diags.push(d);
            Outcome {
                stdout: summary,
                diagnostics: diags,
            }
        }
    }
}

/// What was written, by kind: `139 PDFs, 139 previews and 1 contact sheet`.
fn built(added: &[FileEntry]) -> String {
    let count = |f: &dyn Fn(&FileEntry) -> bool| added.iter().filter(|e| f(e)).count();
    let sheet = |e: &FileEntry| e.info.media == Media::Png && e.info.path == SHEET;
    let kinds = [
        (count(&|e| e.info.media == Media::Pdf), "PDF", "PDFs"),
        (
            count(&|e| e.info.media == Media::Html),
            "web page",
            "web pages",
        ),
        (
            count(&|e| e.info.media == Media::Png && !sheet(e)),
            "preview",
            "previews",
        ),
        (count(&sheet), "contact sheet", "contact sheets"),
        (
            count(&|e| e.info.media == Media::Zip),
            "print-shop ZIP",
            "print-shop ZIPs",
        ),
    ];
    let parts: Vec<String> = kinds
        .iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect();
    match parts.split_last() {
        None => "0 PDFs".to_string(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// A row of the contact sheet names its language: `Urdu (ur)`,
/// `Welsh + English (cy+en)`.
fn lang_name(loaded: &Loaded, lang: &LangSel) -> String {
    let names: Vec<&str> = lang
        .codes()
        .map(|c| {
            loaded
                .content
                .languages
                .get(c)
                .map_or(c, |l| l.name.as_str())
        })
        .collect();
    format!("{} ({lang})", names.join(" + "))
}

/// A line naming the languages built whose translation is an unreviewed
/// draft (each such document also says so in its footer); empty if none.
fn drafts_note(loaded: &Loaded, written: &[FileEntry]) -> String {
    let mut drafts: Vec<&str> = Vec::new();
    for code in written.iter().flat_map(|o| o.info.lang.codes()) {
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
