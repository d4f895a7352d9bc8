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
    /// Nation whose guidance and contacts to use.
    #[arg(long, default_value = "england", value_parser = ["england", "wales", "scotland", "northern-ireland"])]
    pub nation: String,
    /// Press mode: 3 mm bleed, crop marks, TrimBox and BleedBox (default: office mode).
    #[arg(long)]
    pub bleed: bool,
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
            nation: self.nation.clone(),
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
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Check(args) => check(&args),
        Command::List(args) => list(&args),
    }
}

fn fail(diagnostics: Diagnostics) -> Outcome {
    Outcome {
        stdout: String::new(),
        diagnostics,
    }
}

fn build(args: &BuildArgs) -> Outcome {
    let loaded = match crate::load(&args.select.sources.sources()) {
        Ok(l) => l,
        Err(d) => return fail(d),
    };
    let selection = args.select.selection();
    let jobs = match crate::plan(&loaded, &selection) {
        Ok(j) => j,
        Err(d) => return fail(d),
    };
    let options = crate::render::RenderOptions {
        pdf_a: args.pdfa,
        date: crate::source_date_epoch(),
    };
    let outputs = match crate::make_documents(&loaded, &jobs, &selection, &options) {
        Ok(o) => o,
        Err(mut d) => {
            d.push(crate::diag::Diagnostic::error(format!(
                "nothing was written to `{}`: fix the errors above and build again",
                args.out.display()
            )));
            return fail(d);
        }
    };
    match crate::pack::write_pack(&args.out, &outputs, &loaded.content.pack.version) {
        Ok(manifest) => {
            let total: usize = outputs.iter().map(|o| o.bytes.len()).sum();
            Outcome {
                stdout: format!(
                    "built {} PDF{} ({} KB) into {}; manifest lists {} file{}\n",
                    outputs.len(),
                    if outputs.len() == 1 { "" } else { "s" },
                    total / 1024,
                    args.out.display(),
                    manifest.files.len(),
                    if manifest.files.len() == 1 { "" } else { "s" },
                ),
                diagnostics: loaded.warnings.clone(),
            }
        }
        Err(d) => fail(d.into()),
    }
}

fn check(args: &SelectArgs) -> Outcome {
    let loaded = match crate::load(&args.sources.sources()) {
        Ok(l) => l,
        Err(d) => return fail(d),
    };
    let selection = args.selection();
    let jobs = match crate::plan(&loaded, &selection) {
        Ok(j) => j,
        Err(d) => return fail(d),
    };
    let options = crate::render::RenderOptions::default();
    let mut diagnostics = loaded.warnings.clone();
    if let Err(d) = crate::make_documents(&loaded, &jobs, &selection, &options) {
        diagnostics.extend(d.0);
    }
    let stdout = if diagnostics.has_errors() {
        String::new()
    } else {
        format!(
            "checked {} document{}: no errors\n",
            jobs.len(),
            if jobs.len() == 1 { "" } else { "s" }
        )
    };
    Outcome {
        stdout,
        diagnostics,
    }
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
    out.push_str("Nations: england (default), wales, scotland, northern-ireland\n");
    Outcome {
        stdout: out,
        diagnostics: Diagnostics::default(),
    }
}
