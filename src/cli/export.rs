//! `persona export`: markdown to stdout, one file, or a folder.

use super::lookup::resolve;
use super::{Failure, Outcome, emit, load, note, report_unloaded};
use crate::domain::{EntityRef, Kind};
use crate::export::markdown;
use crate::store::Loaded;
use crate::store::export::{self, ExportError, Selection, Target};
use std::path::{Path, PathBuf};

/// The ICPs, personas and interviews named on the command line (`icp:ID`
/// and the like pick the kind), resolved in `loaded`; a template is refused
/// with a sentence saying what is exported.
fn selection(loaded: &Loaded, ids: &[String], all: bool) -> Result<Selection, Failure> {
    if all {
        return Ok(Selection::All);
    }
    let mut items = Vec::new();
    for query in ids {
        match resolve(loaded, query)? {
            (kind @ (Kind::Icp | Kind::Persona | Kind::Interview), id) => {
                items.push(EntityRef::new(kind, id))
            }
            (kind, id) => {
                return Err(Failure(format!(
                    "`{id}` is a {}; only ICPs, personas and interviews are exported (try `persona show {id}`)",
                    kind.label()
                )));
            }
        }
    }
    Ok(Selection::Items(items))
}

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("what").required(true).args(["ids", "all"]))]
pub struct Args {
    /// ICP, persona or interview ids (an ICP brings its personas)
    ids: Vec<String>,
    /// Export every ICP, persona and interview
    #[arg(long)]
    all: bool,
    /// A folder (one file per item plus index.md), a `.md` file, or `-` for stdout
    #[arg(long, value_name = "PATH", default_value = "persona-export")]
    out: PathBuf,
    /// Describe interviewees and companies instead of naming them, and mask e-mails, phones, addresses and order numbers
    #[arg(long, conflicts_with = "no_redact")]
    redact: bool,
    /// Name them even when workspace.toml sets `privacy.redact_exports`
    #[arg(long)]
    no_redact: bool,
}

pub fn run(root: &Path, args: Args) -> Outcome {
    let (ids, out) = (args.ids.as_slice(), args.out.as_path());
    // One item reads just what it needs, unless redacting (the redactor
    // numbers people across the whole workspace).
    let all = args.all;
    let mut loaded = if args.redact || all {
        load(root)?.1
    } else {
        // An ICP's export has its personas' pages, with their quotes.
        super::lookup::load_for(root, ids, crate::store::fs::Personas::Quoted)?
    };
    let mut redacted = super::privacy::for_export(&loaded.workspace, args.redact, args.no_redact)?;
    if redacted.is_some() && !all && !args.redact {
        loaded = load(root)?.1;
        redacted = super::privacy::for_export(&loaded.workspace, args.redact, args.no_redact)?;
    }
    let ws = redacted.as_ref().unwrap_or(&loaded.workspace);
    let selection = selection(&loaded, ids, all)?;
    if out == Path::new("-") {
        let chosen = export::resolve(ws, &selection);
        if chosen.is_empty() {
            return Err(nothing(root));
        }
        emit(&markdown::document_of(ws, &chosen))?;
    } else {
        let done = match export::write(ws, &selection, &Target::pick(out)) {
            Err(ExportError::Nothing) => return Err(nothing(root)),
            done => done?,
        };
        note(&done.summary());
    }
    let code = report_unloaded(&loaded);
    super::validate::leave((loaded, redacted));
    Ok(code)
}

fn nothing(root: &Path) -> Failure {
    Failure(format!(
        "there is nothing to export: the workspace at {} has no ICPs, personas or interviews yet",
        root.display()
    ))
}
