//! `persona sync`: commit, pull (merged item by item), push.

use super::{Failure, Outcome, emit, load, plural};
use crate::git::{Repo, sync};
use crate::text;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(root: &Path, _: Args) -> Outcome {
    // Loading first: a missing workspace is named as such.
    let (_, loaded) = load(root)?;
    let repo = Repo::open(root)?;
    let exe = std::env::current_exe()
        .map_err(|e| Failure(format!("could not tell where the persona binary is: {e}")))?;
    let synced =
        sync::sync(&repo, &exe, &loaded.workspace.templates).map_err(|e| Failure(e.to_string()))?;
    let mut out = String::new();
    match &synced.committed {
        Some((subject, body)) => {
            out.push_str(&format!("Committed “{}”.\n", text::line(subject)));
            for line in body.lines() {
                out.push_str(&format!("  {}\n", text::line(line)));
            }
        }
        None => out.push_str("Nothing new to commit in the workspace.\n"),
    }
    let remote = text::line(&synced.remote);
    if synced.fetched {
        let n = synced.pulled.len();
        if n == 0 {
            out.push_str(&format!("Nothing new from {remote}.\n"));
        } else {
            out.push_str(&format!(
                "Pulled from {remote}: {n} workspace {} changed, merged item by item.\n",
                plural(n, "file", "files")
            ));
        }
    }
    out.push_str(&format!("Pushed to {remote}.\n"));
    emit(&out)?;
    if synced.conflicts.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    for (path, n) in &synced.conflicts {
        eprintln!(
            "{}: {n} {} where both sides changed the same thing; both versions are kept and marked",
            text::line(path),
            plural(*n, "conflict", "conflicts")
        );
    }
    eprintln!(
        "The merge was committed with those conflicts marked inside the files (which load as usual); `persona validate` lists them."
    );
    Ok(ExitCode::from(1))
}
