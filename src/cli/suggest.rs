//! `persona score ICP --suggest`: candidate rules written to
//! `icps/ICP/scoring.suggested.toml` for review; scoring.toml is never
//! touched.

use super::{Failure, Outcome, load, note, plural};
use crate::domain::scoring::suggest::{self, MARK};
use crate::store::scoring as scoring_file;
use crate::store::write::{Expect, write_file};
use crate::text;
use std::path::Path;
use std::process::ExitCode;

pub fn run(root: &Path, icp_id: &str) -> Outcome {
    let (_, loaded) = load(root)?;
    let ws = &loaded.workspace;
    let icp = ws.icp(icp_id).ok_or_else(|| {
        Failure(format!(
            "the ICP `{icp_id}` could not be loaded; see `persona validate`"
        ))
    })?;
    let existing = match scoring_file::load(root, icp_id) {
        Ok(found) => found,
        Err(problems) => {
            note(&format!(
                "note: {} has problems (see `persona validate`), so suggestions may repeat rules it has.",
                problems[0].path
            ));
            None
        }
    };
    let found = suggest::suggest(icp, ws, existing.as_ref());
    let relative = scoring_file::suggested_file(icp_id);
    let current = std::fs::read(root.join(&relative)).ok();
    if let Some(current) = &current
        && !current.starts_with(MARK.as_bytes())
    {
        return Err(Failure(format!(
            "{relative} exists and was not written by `--suggest`, so it was left alone; rename it and try again"
        )));
    }
    let today = jiff::ZonedDateTime::now().date().to_string();
    let toml = suggest::to_toml(icp_id, &found, existing.is_none(), &today);
    // Replaces only the suggestions read just now (a file that changed or
    // appeared meanwhile is left alone).
    let expect = match &current {
        Some(bytes) => Expect::content(bytes),
        None => Expect::Absent,
    };
    write_file(root, &relative, toml.as_bytes(), expect)?;
    let n = found.rules.len();
    let s = found.sketches.len();
    note(&format!(
        "Proposed {n} {} and {s} {} to complete, for review in {relative}{}; nothing was applied.",
        plural(n, "rule", "rules"),
        plural(
            s,
            "fit signal or disqualifier",
            "fit signals and disqualifiers"
        ),
        if found.already > 0 {
            format!(" ({} left out: scoring.toml has them)", found.already)
        } else {
            String::new()
        }
    ));
    note(&format!(
        "Copy what you agree with into {}.",
        text::line(&scoring_file::scoring_file(icp_id))
    ));
    Ok(ExitCode::SUCCESS)
}
