//! `persona` with no command, and `persona new`: both open the app.

use super::{Failure, Outcome};
use std::io::{self, IsTerminal};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn open_app(root: &Path) -> Outcome {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(Failure(
            "the interactive app needs a terminal; run a command instead (see `persona --help`)"
                .into(),
        ));
    }
    crate::tui::run(root).map_err(Failure)?;
    Ok(ExitCode::SUCCESS)
}

/// What `new` makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum NewWhat {
    Icp,
    Persona,
    Interview,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// What to make
    #[arg(value_enum)]
    what: NewWhat,
    /// The ICP a persona (or interview) belongs to
    #[arg(long)]
    icp: Option<String>,
    /// The template to fill (see `persona templates`)
    #[arg(long)]
    template: Option<String>,
}

pub(crate) fn new_in_wizard(
    root: &Path,
    NewArgs {
        what,
        icp,
        template,
    }: NewArgs,
) -> Outcome {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(Failure(
            "the wizard needs a terminal; run `persona new` in one".into(),
        ));
    }
    let what = match what {
        NewWhat::Icp => crate::domain::Kind::Icp,
        NewWhat::Persona => crate::domain::Kind::Persona,
        NewWhat::Interview => crate::domain::Kind::Interview,
    };
    crate::tui::run_with(
        root,
        crate::tui::Start::Wizard {
            what,
            icp,
            template,
        },
    )
    .map_err(Failure)?;
    Ok(ExitCode::SUCCESS)
}
