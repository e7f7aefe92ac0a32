//! The non-interactive commands: `init`, `list`, `show`, `export`,
//! `validate`, `templates`, `import-notes`, `import-customers`, `tally`,
//! `highlight`, `merge-file`, `git-setup`, `sync`, `log`.
//!
//! One file per command. To add one, `persona frob`:
//! 1. write `src/cli/frob.rs` with `pub struct Args` (`#[derive(Debug,
//!    clap::Args)]`; no doc comment on the struct, the variant's is the help)
//!    and `pub fn run(root: &Path, args: Args) -> Outcome`;
//! 2. here, add `mod frob;`, one variant `Frob(frob::Args)` with a one-line
//!    doc comment, and one arm `Command::Frob(args) => frob::run(&root, args)`.
//!
//! Print through [`emit`] (stdout text), [`emit_json`] (every `--json`) and
//! [`note`] (a line on stderr): all three make user text terminal-safe
//! ([`crate::text`]), so never `println!`/`eprintln!` a name or a path
//! directly. Fail with a [`Failure`], one sentence naming the file or id,
//! which `main` prints (made safe too) and turns into exit code 1.

mod app;
mod backtest;
mod explain;
mod export;
mod git;
mod highlight;
pub(crate) mod import_customers;
mod import_notes;
mod init;
mod list;
mod log;
mod lookup;
mod outcomes;
mod output;
mod outreach;
mod privacy;
mod report;
mod score;
mod scoring_setup;
mod show;
mod suggest;
mod sync;
mod tally;
mod templates;
mod validate;

pub use app::NewWhat;
pub use list::ListKind;
pub use output::{Failure, Outcome};
pub(crate) use output::{
    columns, emit, emit_json, load, note, plural, report_problems, report_unloaded,
};

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "persona",
    version,
    about = "Ideal Customer Profiles and buyer personas, grounded in interview evidence.",
    long_about = "Ideal Customer Profiles and buyer personas, grounded in interview evidence.\n\nWith no command, opens the interactive app on the workspace."
)]
pub struct Cli {
    /// The workspace folder [default: the data folder, e.g. ~/.local/share/persona/workspace]
    #[arg(long, global = true, env = "PERSONA_WORKSPACE", value_name = "DIR")]
    pub workspace: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the workspace (refuses to overwrite an existing one)
    Init(init::Args),
    /// One line per item: id, name, and for personas their ICP
    List(list::Args),
    /// An ICP, persona or interview as markdown (or JSON)
    Show(show::Args),
    /// Markdown: one persona, one ICP with all its personas, or everything
    Export(export::Args),
    /// Check every file; prints `path:line:col: message` per problem
    Validate,
    /// Open the app straight in the wizard for a new ICP, persona or interview
    New(app::NewArgs),
    /// List the built-in and workspace templates
    Templates(templates::Args),
    /// Turn plain text or markdown notes into interviews (a folder means its .md and .txt files)
    ImportNotes(import_notes::Args),
    /// Add best customers to an ICP from a customer export (CRM, shop, payments, data vendor, sheet)
    ImportCustomers(import_customers::Args),
    /// How often each tag was heard (once per interviewee) and each best-customer value occurs
    Tally(tally::Args),
    /// List personal data (e-mails, phones, addresses, order numbers, names) by file:line; exit 1 if any
    Privacy(privacy::Args),
    /// Messages for real leads from an outreach template: `render` a merge file, `check` the tokens
    Outreach(outreach::Args),
    /// Score a lead file against an ICP: fit_score, fit_tier, fit_reasons, fit_unknown, segment
    Score(score::Args),
    /// Every rule's part in one lead's score, with the evidence behind it
    Explain(explain::Args),
    /// Test the scoring on won and lost deals: win rate, recall and lift per tier
    Backtest(backtest::Args),
    /// Highlight words in an interview's notes and tag them, as evidence to cite
    Highlight(highlight::Args),
    /// Merge two versions of a workspace file item by item (git's merge driver: %O %A %B %P)
    MergeFile(git::MergeArgs),
    /// Register persona's merge driver in the git repository the workspace is in
    GitSetup(git::SetupArgs),
    /// Commit the workspace (the message names what changed), pull the team's work, push
    Sync(sync::Args),
    /// Who changed an ICP, persona or interview, and when (from git)
    Log(log::Args),
    /// Engagement and deal exports added up per persona, tier and template (`import`, `list`)
    Outcomes(outcomes::Args),
    /// Rates per persona, tier and template from the imported outcomes, with sample sizes
    Report(report::Args),
}

/// Parses the arguments and runs the command; the binary's whole body.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure(message)) => {
            // A batch's problems come one per line; each line made safe.
            eprintln!("error: {}", crate::text::visible(&message, true));
            ExitCode::from(1)
        }
    }
}

pub fn run(cli: Cli) -> Outcome {
    let root = match cli.workspace {
        Some(dir) => dir,
        None => default_workspace()?,
    };
    let Some(command) = cli.command else {
        return app::open_app(&root);
    };
    match command {
        Command::Init(args) => init::run(&root, args),
        Command::List(args) => list::run(&root, args),
        Command::Show(args) => show::run(&root, args),
        Command::Export(args) => export::run(&root, args),
        Command::Validate => validate::run(&root),
        Command::New(args) => app::new_in_wizard(&root, args),
        Command::Templates(args) => templates::run(&root, args),
        Command::ImportNotes(args) => import_notes::run(&root, args),
        Command::ImportCustomers(args) => import_customers::run(&root, args),
        Command::Tally(args) => tally::run(&root, args),
        Command::Privacy(args) => privacy::run(&root, args),
        Command::Outreach(args) => outreach::run(&root, args),
        Command::Score(args) => score::run(&root, args),
        Command::Explain(args) => explain::run(&root, args),
        Command::Backtest(args) => backtest::run(&root, args),
        Command::Highlight(args) => highlight::run(&root, args),
        Command::MergeFile(args) => git::merge_file(args),
        Command::GitSetup(args) => git::setup(&root, args),
        Command::Sync(args) => sync::run(&root, args),
        Command::Log(args) => log::run(&root, args),
        Command::Outcomes(args) => outcomes::run(&root, args),
        Command::Report(args) => report::run(&root, args),
    }
}

/// `~/.local/share/persona/workspace` on Linux, and the like elsewhere.
pub fn default_workspace() -> Result<PathBuf, Failure> {
    directories::ProjectDirs::from("", "", "persona")
        .map(|dirs| dirs.data_dir().join("workspace"))
        .ok_or_else(|| {
            Failure(
                "no home folder was found for the default workspace; pass --workspace DIR".into(),
            )
        })
}
