//! The command line: `build`, `check` and `list`, each a thin layer over the library.

use crate::diag::Diagnostics;
use crate::model::Status;
use crate::{Loaded, Selection, Sources};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Print-ready, accessible posters about Child Sexual Exploitation, from reviewed content.
#[derive(Debug, Parser)]
#[command(name = "cse-pack", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build PDFs into the output folder (default: every language and product into `dist/`).
    Build(BuildArgs),
    /// Load and lay out everything, report every problem, write nothing.
    Check(SelectArgs),
    /// List languages (with translation status) and products.
    List(SourceArgs),
    /// Write an `org.toml` to fill in with your organisation's details.
    Init(InitArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write it (an existing file is never overwritten).
    #[arg(long, default_value = "org.toml", value_name = "FILE")]
    pub out: PathBuf,
}

/// Whose packs to make: one organisation, or one per CSV row.
#[derive(Debug, Args, Clone)]
#[group(multiple = false)]
pub struct OrgArgs {
    /// Personalise with one organisation's name, logo and contacts.
    #[arg(long, value_name = "FILE")]
    pub org: Option<PathBuf>,
    /// Build one pack per row of a CSV (columns named after org.toml's keys).
    #[arg(long, value_name = "FILE")]
    pub orgs: Option<PathBuf>,
}

/// Where the content and templates come from.
#[derive(Debug, Args, Clone)]
pub struct SourceArgs {
    /// A content folder shaped like the built-in one (default: the built-in content).
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// A templates folder shaped like the built-in one (default: the built-in templates).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Build even if the pack is past its review-by date (printed as a warning).
    #[arg(long)]
    pub allow_stale: bool,
}

/// Which documents to make.
#[derive(Debug, Args, Clone)]
pub struct SelectArgs {
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Languages by folder name, comma-separated, or `all`.
    #[arg(long, value_delimiter = ',', default_value = "all")]
    pub lang: Vec<String>,
    /// Product ids, comma-separated, or `all`.
    #[arg(long, value_delimiter = ',', default_value = "all")]
    pub product: Vec<String>,
    /// Nation whose guidance and contacts to use (build: england; check: every nation).
    #[arg(long, value_parser = ["england", "wales", "scotland", "northern-ireland"])]
    pub nation: Option<String>,
    /// Press mode: 3 mm bleed, crop marks, TrimBox and BleedBox (default: office mode).
    #[arg(long)]
    pub bleed: bool,
    #[command(flatten)]
    pub orgs: OrgArgs,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub select: SelectArgs,
    /// Output folder.
    #[arg(long, default_value = "dist", value_name = "DIR")]
    pub out: PathBuf,
    /// Also make the PDFs conform to PDF/A-2a (archival).
    #[arg(long)]
    pub pdfa: bool,
}

impl SourceArgs {
    fn sources(&self) -> Sources {
        Sources {
            content: self.content.clone(),
            templates: self.templates.clone(),
            allow_stale: self.allow_stale,
        }
    }
}

impl SelectArgs {
    fn selection(&self) -> Selection {
        Selection {
            langs: self.lang.clone(),
            products: self.product.clone(),
            nation: self.nation.clone().unwrap_or_else(|| "england".to_string()),
            bleed: self.bleed,
        }
    }
}

/// What a command printed and whether it succeeded.
pub struct Outcome {
    pub stdout: String,
    pub diagnostics: Diagnostics,
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> Outcome {
    let mut outcome = run_command(cli);
    outcome.diagnostics.dedup();
    outcome
}

fn run_command(cli: Cli) -> Outcome {
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Check(args) => check(&args),
        Command::List(args) => list(&args),
        Command::Init(args) => match crate::org::write_init(&args.out) {
            Ok(path) => Outcome {
                stdout: format!(
                    "wrote {}: fill it in, then run `cse-pack build --org {}`\n",
                    path.display(),
                    path.display()
                ),
                diagnostics: Diagnostics::default(),
            },
            Err(d) => fail(d.into()),
        },
    }
}

fn fail(diagnostics: Diagnostics) -> Outcome {
    Outcome {
        stdout: String::new(),
        diagnostics,
    }
}

/// The organisations a run is for: none, one, or a batch (with bad rows' problems).
fn load_orgs(args: &OrgArgs, diags: &mut Diagnostics) -> Option<(Vec<crate::org::Org>, bool)> {
    if let Some(path) = &args.org {
        return match crate::org::load_org_file(path) {
            Ok(org) => Some((vec![org], false)),
            Err(ds) => {
                diags.extend(ds);
                None
            }
        };
    }
    if let Some(path) = &args.orgs {
        return match crate::batch::load_orgs_csv(path) {
            Ok(rows) => {
                let mut orgs = Vec::new();
                for row in rows {
                    match row {
                        Ok(org) => orgs.push(org),
                        Err(ds) => diags.extend(ds),
                    }
                }
                Some((orgs, true))
            }
            Err(d) => {
                diags.push(d);
                None
            }
        };
    }
    Some((Vec::new(), false))
}

/// Lay out and render everything asked for: per organisation, all or nothing.
fn make_all(
    args: &SelectArgs,
    options: &crate::render::RenderOptions,
    nations: &[String],
    diags: &mut Diagnostics,
) -> Option<(Loaded, Vec<crate::pack::Output>, usize)> {
    let loaded = crate::load(&args.sources.sources())
        .map_err(|d| diags.extend(d.0))
        .ok()?;
    diags.extend(loaded.problems.0.clone());
    let jobs = crate::plan(&loaded, &args.selection())
        .map_err(|d| diags.extend(d.0))
        .ok()?;
    let (orgs, batch) = load_orgs(&args.orgs, diags)?;
    let mut outputs = Vec::new();
    let people: Vec<Option<&crate::org::Org>> = if orgs.is_empty() && !batch {
        vec![None]
    } else {
        orgs.iter().map(Some).collect()
    };
    for nation in nations {
        let selection = Selection {
            nation: nation.clone(),
            ..args.selection()
        };
        // Organisations in parallel too (each builds its documents in
        // parallel); results are gathered in row order, so output is the same
        // however many threads run.
        use rayon::prelude::*;
        let results: Vec<_> = people
            .par_iter()
            .map(|org| {
                let personal = crate::Personal {
                    org: *org,
                    org_folder: batch,
                };
                crate::make_documents(&loaded, &jobs, &selection, options, personal)
            })
            .collect();
        for result in results {
            match result {
                Ok((docs, warnings)) => {
                    outputs.extend(docs);
                    diags.extend(warnings.0);
                }
                Err(d) => diags.extend(d.0),
            }
        }
    }
    let count = jobs.len() * people.len() * nations.len();
    Some((loaded, outputs, count))
}

fn build(args: &BuildArgs) -> Outcome {
    let options = crate::render::RenderOptions {
        pdf_a: args.pdfa,
        // PDF/A requires a creation date; otherwise one is written only when
        // SOURCE_DATE_EPOCH names it, so that builds stay byte-identical.
        date: crate::source_date_epoch().or_else(|| args.pdfa.then(crate::content::today)),
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
    for code in outputs.iter().flat_map(|o| o.lang.split('+')) {
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

fn check(args: &SelectArgs) -> Outcome {
    let mut diags = Diagnostics::default();
    // Every nation unless one was named: a record or block may apply to one only.
    let nations: Vec<String> = match &args.nation {
        Some(n) => vec![n.clone()],
        None => crate::content::NATIONS
            .iter()
            .map(|n| n.to_string())
            .collect(),
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

/// Per nation: the definition it prints (its source) and the pathways it
/// adds to the UK-wide ones.
fn nations_summary(content: &crate::model::Content) -> String {
    let mut out = String::from("Nations (`--nation`; england is the default):\n");
    let en = content.languages.get(crate::content::SOURCE_LANGUAGE);
    for nation in crate::content::NATIONS {
        let definition = en
            .and_then(|l| l.block_for("definition", nation))
            .and_then(|b| {
                let src = content.source(b.source.as_deref()?)?;
                let part = b.locator.as_ref().map(|l| format!(", paragraphs {l}"));
                let excerpt = if b.excerpt { " (excerpt)" } else { "" };
                Some(format!(
                    "{}, {}{}{excerpt}",
                    src.publisher,
                    src.short_title.as_deref().unwrap_or(&src.title),
                    part.unwrap_or_default()
                ))
            })
            .unwrap_or_else(|| "none".to_string());
        let own: Vec<String> = content
            .contacts
            .iter()
            .filter(|c| c.nations.len() < crate::content::NATIONS.len())
            .filter(|c| c.nations.iter().any(|n| n == nation))
            .map(|c| match c.phone.as_deref().or(c.url.as_deref()) {
                Some(number) => format!("{} {number}", c.id),
                None => c.id.clone(),
            })
            .collect();
        out.push_str(&format!("  {nation:<17} definition: {definition}\n"));
        out.push_str(&format!(
            "  {:<17} own pathways: {}\n",
            "",
            if own.is_empty() {
                "none (UK-wide only)".to_string()
            } else {
                own.join(", ")
            }
        ));
    }
    out
}

fn list(args: &SourceArgs) -> Outcome {
    let loaded: Loaded = match crate::load(&args.sources()) {
        Ok(l) => l,
        Err(d) => return fail(d),
    };
    let mut out = String::from("Languages:\n");
    for (code, lang) in &loaded.content.languages {
        let status = match (lang.status, &lang.reviewer) {
            (Status::Reviewed, Some(who)) => format!("reviewed by {who}"),
            (status, _) => status.to_string(),
        };
        out.push_str(&format!(
            "  {code:<6} {:<12} {:<14} {}\n",
            lang.name, lang.native_name, status
        ));
    }
    out.push_str("Products:\n");
    for (id, t) in &loaded.templates {
        let pages = t.sides();
        out.push_str(&format!(
            "  {id:<20} {:<28} {:.0} × {:.0} mm, {pages} page{}\n",
            t.config.name,
            crate::units::Pt(t.width).to_mm(),
            crate::units::Pt(t.height).to_mm(),
            if pages == 1 { "" } else { "s" }
        ));
    }
    out.push_str(&nations_summary(&loaded.content));
    Outcome {
        stdout: out,
        diagnostics: Diagnostics::default(),
    }
}
