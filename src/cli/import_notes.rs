//! `persona import-notes`: notes files become interviews.

use super::lookup::missing;
use super::{Failure, Outcome, columns, emit, load, note, plural};
use crate::domain::Kind;
use crate::store::Store;
use crate::text;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Imports notes files as interviews: every file is read and checked
/// first, and if any fails nothing is imported. Each interview is then
/// saved atomically.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Notes files or folders
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The ICP the interviews are about
    #[arg(long, value_name = "ID")]
    icp: Option<String>,
}

pub fn run(root: &Path, Args { files, icp }: Args) -> Outcome {
    let (files, icp) = (files.as_slice(), icp.as_deref());
    let (mut store, loaded) = load(root)?;
    if let Some(icp) = icp
        && loaded.workspace.icp(icp).is_none()
    {
        return Err(Failure(missing(&loaded, icp, Some(Kind::Icp))));
    }
    let mut ws = loaded.workspace;
    let parsed = crate::import::read_notes(files).map_err(Failure)?;
    let now = jiff::Timestamp::now();
    let mut rows = Vec::new();
    for file in parsed {
        let id = ws.new_id(Kind::Interview, &file.parsed.title);
        let mut interview = file.parsed.into_interview(id);
        if let Some(icp) = icp {
            interview.icp = Some(icp.to_string());
        }
        interview.created = Some(now);
        interview.updated = Some(now);
        store.save_interview(&interview).map_err(|e| {
            Failure(format!(
                "{e} (while importing {}; the files before it were imported)",
                file.path.display()
            ))
        })?;
        rows.push(vec![
            interview.id.clone(),
            text::line(&interview.title),
            format!("from {}", file.path.display()),
        ]);
        ws.interviews.push(interview);
    }
    emit(&columns(&rows))?;
    note(&format!(
        "Imported {} {}.",
        rows.len(),
        plural(rows.len(), "interview", "interviews")
    ));
    Ok(ExitCode::SUCCESS)
}
