//! The CLI face: the command line's types, and `run`, which hands each
//! subcommand to its own file (`build`, `check`, `list`, `init`, `serve`,
//! and `shell` for completions and the man page; `preview` is `build` with
//! its pictures on). The face
//! reads folders, files, the clock and the environment, runs documents in
//! parallel and writes the output; the core below it does none of that.

mod build;
mod check;
mod help;
mod ids;
mod init;
pub mod inputs;
mod list;
pub mod make;
mod open;
mod press;
mod preview;
mod progress;
pub mod report;
mod serve;
mod shell;
mod summary;

use crate::Selection;
use crate::diag::Diagnostics;
use crate::model::Nation;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;

/// Print-ready, accessible posters about Child Sexual Exploitation, from reviewed content.
#[derive(Debug, Parser)]
#[command(name = "cse-pack", version, about, after_long_help = help::MAIN)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub say: SayArgs,
}

/// How much to print, and in colour or not: on every subcommand.
#[derive(Debug, Clone, Args)]
pub struct SayArgs {
    /// Colour errors and warnings: `auto` on a terminal unless `NO_COLOR` is set.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
    /// Print only errors: no warnings, summary or progress.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print notes (what `check` tells an editor) on `build`.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// When to colour diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build PDFs into the output folder (default: every language and product into `dist/`).
    #[command(after_long_help = help::BUILD)]
    Build(BuildArgs),
    /// Build, with a PNG of each PDF's first page and a contact sheet of them all (`build --preview`).
    ///
    /// Writes what `build` writes, and `preview/<lang>/<product>.png` (800
    /// pixels on the longest side) for every PDF, and `contact-sheet.png` at
    /// the top of the output folder: a row per organisation and language, a
    /// column per product. Pictures are drawn in cse-pack itself, with no
    /// other program, and listed in the manifest.
    #[command(after_long_help = help::PREVIEW)]
    Preview(BuildArgs),
    /// Load and lay out everything, report every problem, write nothing.
    #[command(after_long_help = help::CHECK)]
    Check(SelectArgs),
    /// List languages (with translation status), products and nations.
    #[command(after_long_help = help::LIST)]
    List(SourceArgs),
    /// Write an `org.toml` to fill in with your organisation's details.
    #[command(after_long_help = help::INIT)]
    Init(InitArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(after_long_help = help::COMPLETIONS)]
    Completions(CompletionsArgs),
    /// Print the manual page, as roff (`cse-pack man | man -l -`).
    #[command(after_long_help = help::MAN)]
    Man,
    /// Serve the web page (built by `web/build.sh`) on this computer only, at http://127.0.0.1:8080/.
    #[command(after_long_help = help::SERVE)]
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    pub shell: clap_complete::Shell,
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
    ///
    /// Without it, a `./content` folder that differs from the built-in
    /// content is named in a warning: it is not used unless you pass
    /// `--content content`.
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// A templates folder shaped like the built-in one (default: the built-in templates).
    ///
    /// Without it, a `./templates` folder that differs from the built-in
    /// templates is named in a warning, as for `--content`.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Treat a pack past its review-by date as a warning, not an error.
    #[arg(long)]
    pub allow_stale: bool,
}

/// Which documents to make.
#[derive(Debug, Args, Clone)]
pub struct SelectArgs {
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Languages by folder name, comma-separated, `a+b` for a bilingual product (first language first), or `all`.
    ///
    /// Built in: ar, bn, cy, en, es, gu, it, pa, pl, pt, ro, ur, and the
    /// pair cy+en (`cse-pack list` shows a `--content` folder's). Case and
    /// spaces do not matter (`--lang "EN, pl"`); a language's name is
    /// answered with its id (`--lang Polish`: did you mean `pl`?).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "all",
        value_name = "LANGS"
    )]
    pub lang: Vec<String>,
    /// Product ids, comma-separated, or `all`.
    ///
    /// Built in: poster-a5, poster-a4, poster-a3, poster-a2, poster-a1,
    /// poster-letter, poster-tabloid, leaflet-a5, leaflet-trifold-a4,
    /// booklet-a5, card-wallet. Case does not matter; a near miss is
    /// answered (`--product A3`: did you mean `poster-a3`?).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "all",
        value_name = "PRODUCTS"
    )]
    pub product: Vec<String>,
    /// Nation whose guidance and contacts to use: england, wales, scotland, northern-ireland.
    ///
    /// `build` makes the england edition unless told (the wales edition when
    /// every language is `cy` or a pair with it, such as `cy+en`); `check`
    /// checks every nation's unless told.
    #[arg(long, value_parser = ids::parse_nation, value_name = "NATION")]
    pub nation: Option<Nation>,
    /// Press mode: 3 mm bleed, crop marks in a 10 mm slug, TrimBox and BleedBox (default: office mode).
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
    /// What to write: `pdf`, `html` (the A5 leaflet as one accessible web
    /// page per language, for a website), or both: `pdf,html`.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "pdf",
        value_name = "FORMATS"
    )]
    pub format: Vec<Format>,
    /// Also write a PNG of each PDF's first page (`preview/…`) and a contact sheet of them all (`contact-sheet.png`).
    #[arg(long)]
    pub preview: bool,
    /// When done, open the contact sheet (with `--preview`) or the output folder with the system's opener.
    #[arg(long)]
    pub open: bool,
    /// With `--bleed`: one ZIP per organisation for the print shop (`print-shop/…zip`), the press PDFs and `PRINT-SHOP.txt`.
    #[arg(long, requires = "bleed")]
    pub zip: bool,
}

/// A kind of file `build` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The print-ready PDFs.
    Pdf,
    /// The HTML twin of each `leaflet-a5`.
    Html,
}

impl SourceArgs {
    /// Load the content and templates these arguments name, with a warning
    /// for a `./content` or `./templates` that is there and not used.
    pub(crate) fn load(&self) -> Result<crate::Loaded, Diagnostics> {
        self.load_for(&Selection::default())
    }

    /// [`SourceArgs::load`] of only the languages and products `selection`
    /// names (see [`crate::load_selected`]).
    pub(crate) fn load_for(&self, selection: &Selection) -> Result<crate::Loaded, Diagnostics> {
        let mut loaded = inputs::load_for(
            self.content.as_deref(),
            self.templates.as_deref(),
            self.allow_stale,
            selection,
        )?;
        for (given, dir, flag) in [
            (&self.content, "content", "--content"),
            (&self.templates, "templates", "--templates"),
        ] {
            if given.is_none() {
                loaded.problems.0.extend(unused_folder(dir, flag));
            }
        }
        Ok(loaded)
    }
}

/// A warning if `./DIR` is a folder whose files differ from the built-in
/// `DIR`: the user has edited it, and it is not what is being used. (A copy
/// of the built-in one, as in this repository, is what is used anyway.)
fn unused_folder(dir: &str, flag: &str) -> Option<crate::diag::Diagnostic> {
    let here = std::path::Path::new(dir);
    if !here.is_dir() {
        return None;
    }
    let built_in = crate::assets::Tree::embedded(dir);
    let same = inputs::read_tree(here).is_ok_and(|tree| {
        tree.paths().eq(built_in.paths()) && tree.paths().all(|p| tree.get(p) == built_in.get(p))
    });
    (!same).then(|| {
        crate::diag::Diagnostic::warning(format!(
            "using the built-in {dir}; the `./{dir}` folder here is not used"
        ))
        .with_hint(format!("pass `{flag} {dir}` to use it"))
    })
}

/// The command line's definition, with the content pack's version in
/// `--version`.
pub fn command() -> clap::Command {
    let pack = crate::content::load_pack(
        &crate::assets::Tree::embedded("content"),
        &mut Default::default(),
    );
    let version = match pack {
        Ok(p) => format!(
            "{} (content pack {} {})",
            env!("CARGO_PKG_VERSION"),
            p.id,
            p.version
        ),
        Err(_) => env!("CARGO_PKG_VERSION").to_string(),
    };
    Cli::command().version(version)
}

/// Parse the command line. Clap's errors end the process here: exit 1 for a
/// bad value (as for every other bad value), 2 for what cannot be parsed at
/// all (an unknown flag or subcommand, a missing value, flags that conflict);
/// `--help` and `--version` exit 0.
pub fn parse() -> Cli {
    let parsed = command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    parsed.unwrap_or_else(|e| {
        // A value that is there and wrong; a missing one (`--lang` at the
        // end) is a command line clap cannot parse.
        let bad_value = matches!(e.kind(), ErrorKind::InvalidValue | ErrorKind::ValueValidation)
            && matches!(e.get(ContextKind::InvalidValue), Some(ContextValue::String(v)) if !v.is_empty());
        let _ = e.print();
        std::process::exit(if bad_value { 1 } else { e.exit_code() })
    })
}

impl SelectArgs {
    pub(crate) fn selection(&self) -> Selection {
        Selection {
            langs: self.lang.clone(),
            products: self.product.clone(),
            nation: self
                .nation
                .unwrap_or_else(|| Nation::default_for(&self.lang)),
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
    report::set_verbosity(&cli.say);
    // What `build` and `check` print on stdout reports on the run; what
    // `list`, `init`, `completions` and `man` print is what was asked for.
    let status = matches!(
        cli.command,
        Command::Build(_) | Command::Preview(_) | Command::Check(_)
    );
    let mut outcome = run_command(cli);
    outcome.diagnostics.dedup();
    if status && report::verbosity() == report::Verbosity::Quiet {
        outcome.stdout.clear();
    }
    outcome
}

fn run_command(cli: Cli) -> Outcome {
    match cli.command {
        Command::Build(args) => build::execute(&args),
        Command::Preview(mut args) => {
            args.preview = true;
            build::execute(&args)
        }
        Command::Check(args) => check::execute(&args),
        Command::List(args) => list::execute(&args),
        Command::Init(args) => init::execute(&args),
        Command::Completions(args) => shell::completions(args.shell),
        Command::Man => shell::man(),
        Command::Serve(args) => serve::execute(&args),
    }
}

pub(crate) fn fail(diagnostics: Diagnostics) -> Outcome {
    Outcome {
        stdout: String::new(),
        diagnostics,
    }
}
