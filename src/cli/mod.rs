//! The CLI face: the command line's types, and `run`, which hands each
//! subcommand to its own file (`build`, `check`, `list`, `init`, `serve`). The face
//! reads folders, files, the clock and the environment, runs documents in
//! parallel and writes the output; the core below it does none of that.

mod build;
mod check;
mod init;
pub mod inputs;
mod list;
pub mod make;
mod progress;
mod serve;
mod summary;

use crate::Selection;
use crate::diag::Diagnostics;
use crate::model::Nation;
use clap::builder::TypedValueParser;
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
    /// Serve the web page (built by `web/build.sh`) on this computer only, at http://127.0.0.1:8080/.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The built page's folder (default: `web/dist` here, or beside the binary).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// The port on 127.0.0.1 (0: any free one).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
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
    #[arg(long, value_parser = nation_parser())]
    pub nation: Option<Nation>,
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
    /// Load the content and templates these arguments name.
    pub(crate) fn load(&self) -> Result<crate::Loaded, Diagnostics> {
        inputs::load(
            self.content.as_deref(),
            self.templates.as_deref(),
            self.allow_stale,
        )
    }
}

/// `--nation`'s values, listed in `--help` and suggested on a typo as clap
/// does for any fixed set.
fn nation_parser() -> impl TypedValueParser<Value = Nation> {
    clap::builder::PossibleValuesParser::new(Nation::ALL.map(Nation::id)).map(|id| {
        id.parse::<Nation>()
            .expect("clap offered only nations' ids")
    })
}

impl SelectArgs {
    pub(crate) fn selection(&self) -> Selection {
        Selection {
            langs: self.lang.clone(),
            products: self.product.clone(),
            nation: self.nation.unwrap_or_default(),
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
        Command::Build(args) => build::execute(&args),
        Command::Check(args) => check::execute(&args),
        Command::List(args) => list::execute(&args),
        Command::Init(args) => init::execute(&args),
        Command::Serve(args) => serve::execute(&args),
    }
}

pub(crate) fn fail(diagnostics: Diagnostics) -> Outcome {
    Outcome {
        stdout: String::new(),
        diagnostics,
    }
}
