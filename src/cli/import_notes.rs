//! `persona import-notes`: notes files become interviews.

use super::lookup::missing;
use super::{Failure, Outcome, columns, emit, load, note, plural};
use crate::domain::Kind;
use crate::import::interviews::{Imported, import};
use crate::text;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Notes files or folders
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The ICP the interviews are about
    #[arg(long, value_name = "ID")]
    icp: Option<String>,
}

/// Imports notes files as interviews: every file is read and checked
/// first, and if any fails nothing is imported; then every interview is
/// created, all or none, each under the first id free on disk.
pub fn run(root: &Path, Args { files, icp }: Args) -> Outcome {
    let (files, icp) = (files.as_slice(), icp.as_deref());
    let (mut store, loaded) = load(root)?;
    if let Some(icp) = icp
        && loaded.workspace.icp(icp).is_none()
    {
        return Err(Failure(missing(&loaded, icp, Some(Kind::Icp))));
    }
    let imported = import(&mut store, files, icp, jiff::Timestamp::now())
        .map_err(|e| Failure(e.to_string()))?;
    let rows: Vec<Vec<String>> = imported
        .iter()
        .map(|Imported { interview, path }| {
            vec![
                interview.id.clone(),
                text::line(&interview.title),
                format!("from {}", path.display()),
            ]
        })
        .collect();
    emit(&columns(&rows))?;
    note(&format!(
        "Imported {} {}.",
        rows.len(),
        plural(rows.len(), "interview", "interviews")
    ));
    Ok(ExitCode::SUCCESS)
}
