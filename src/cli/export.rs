//! `persona export`: markdown to stdout, one file, or a folder.

use super::lookup::resolve;
use super::{Failure, Outcome, emit, load, note, plural, report_unloaded};
use crate::domain::{Icp, Kind, Persona, Workspace};
use crate::export::markdown;
use crate::store::Loaded;
use crate::store::atomic::write_atomic;
use crate::text;
use std::path::{Path, PathBuf};

/// What `export` writes: ICPs and personas of `ws`, each once, in
/// workspace order. Ids are resolved in `loaded` (`ws` may be its redacted
/// copy, with the same ids).
fn selection<'a>(
    ws: &'a Workspace,
    loaded: &Loaded,
    ids: &[String],
    all: bool,
) -> Result<(Vec<&'a Icp>, Vec<&'a Persona>), Failure> {
    if all {
        return Ok((ws.icps.iter().collect(), ws.personas.iter().collect()));
    }
    let mut icps: Vec<&Icp> = Vec::new();
    let mut personas: Vec<&Persona> = Vec::new();
    for query in ids {
        match resolve(loaded, query)? {
            (Kind::Icp, id) => {
                let icp = ws.icp(&id).expect("resolved");
                if !icps.iter().any(|i| i.id == icp.id) {
                    icps.push(icp);
                }
                for persona in ws.personas_of(&icp.id) {
                    if !personas.iter().any(|p| p.id == persona.id) {
                        personas.push(persona);
                    }
                }
            }
            (Kind::Persona, id) => {
                let persona = ws.persona(&id).expect("resolved");
                if !personas.iter().any(|p| p.id == persona.id) {
                    personas.push(persona);
                }
            }
            (kind, id) => {
                return Err(Failure(format!(
                    "`{id}` is an {}; only ICPs and personas are exported (try `persona show {id}`)",
                    kind.label()
                )));
            }
        }
    }
    Ok((icps, personas))
}

/// The mark our exported files carry, so a re-export may replace them.
const EXPORT_MARK: &str = "exported_by: persona";

/// Refuses to replace a file persona did not write.
fn may_replace(path: &Path, contents: &str) -> Result<(), Failure> {
    match std::fs::read(path) {
        Err(_) => Ok(()),
        Ok(existing) => {
            let head = String::from_utf8_lossy(&existing[..existing.len().min(2048)]);
            if existing == contents.as_bytes() || head.contains(EXPORT_MARK) {
                Ok(())
            } else {
                Err(Failure(format!(
                    "{} already exists and was not written by persona, so it was left alone; choose another --out",
                    path.display()
                )))
            }
        }
    }
}

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("what").required(true).args(["ids", "all"]))]
pub struct Args {
    /// ICP or persona ids
    ids: Vec<String>,
    /// Export every ICP and persona
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
    let (_, loaded) = load(root)?;
    let redacted = super::privacy::for_export(&loaded.workspace, args.redact, args.no_redact)?;
    let ws = redacted.as_ref().unwrap_or(&loaded.workspace);
    let all = args.all;
    let (icps, personas) = selection(ws, &loaded, ids, all)?;
    if icps.is_empty() && personas.is_empty() {
        return Err(Failure(format!(
            "there is nothing to export: the workspace at {} has no ICPs or personas yet",
            root.display()
        )));
    }
    let counted = format!(
        "{} {} and {} {}",
        icps.len(),
        plural(icps.len(), "ICP", "ICPs"),
        personas.len(),
        plural(personas.len(), "persona", "personas")
    );
    if out == Path::new("-") {
        emit(&text::visible(
            &markdown::document(ws, &icps, &personas),
            true,
        ))?;
    } else if out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        && !out.is_dir()
    {
        let contents = markdown::document(ws, &icps, &personas);
        may_replace(out, &contents)?;
        write_atomic(out, contents.as_bytes())
            .map_err(|e| Failure(format!("could not write {}: {e}", out.display())))?;
        note(&format!("Exported {counted} to {}.", out.display()));
    } else {
        let files = markdown::folder(ws, &icps, &personas);
        for file in &files {
            may_replace(&out.join(&file.path), &file.contents)?;
        }
        let writes: Vec<(PathBuf, &[u8])> = files
            .iter()
            .map(|file| (out.join(&file.path), file.contents.as_bytes()))
            .collect();
        crate::store::atomic::write_all_atomic(&writes)
            .map_err(|(path, e)| Failure(format!("could not write {}: {e}", path.display())))?;
        note(&format!(
            "Exported {counted} to {} (start with {}).",
            out.display(),
            out.join("index.md").display()
        ));
    }
    Ok(report_unloaded(&loaded))
}
