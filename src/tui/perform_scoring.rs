//! The runtime side of the scoring screen's effects: reading an ICP's
//! scoring rules, saving them only over the file that was read, and reading
//! a lead or deals file. Outcomes come back as [`ScoringMsg`].

use super::effect::Effect;
use super::scoring_types::{LeadRows, MAX_LEADS, ScoringFile, ScoringMsg, said};
use crate::domain::scoring::Scoring;
use crate::import::scoring as leads;
use crate::store::scoring as scoring_file;
use crate::store::write::Expect;
use std::path::Path;

/// Performs a scoring effect on the workspace at `root` (`None`: the
/// workspace is not on disk, as in some tests).
pub fn perform(root: Option<&Path>, effect: Effect) -> ScoringMsg {
    match effect {
        Effect::OpenScoring { icp } => {
            let result = match root {
                Some(root) => open(root, &icp),
                None => Err(
                    "Scoring rules live in the workspace folder, which this session has none of."
                        .into(),
                ),
            };
            ScoringMsg::Opened { icp, result }
        }
        Effect::SaveScoring { scoring, read } => {
            let icp = scoring.icp.clone();
            let result = match root {
                Some(root) => save(root, &scoring, read.as_deref()),
                None => Err(("There is no workspace folder to save in.".into(), false)),
            };
            ScoringMsg::Saved { icp, result }
        }
        Effect::ReadLeads { path } => {
            let result = read_leads(&path);
            ScoringMsg::Leads { path, result }
        }
        _ => unreachable!("only scoring effects come here"),
    }
}

fn open(root: &Path, icp: &str) -> Result<ScoringFile, String> {
    let relative = scoring_file::scoring_file(icp);
    let bytes = match std::fs::read(root.join(&relative)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(ScoringFile {
                scoring: None,
                bytes: None,
                comments: 0,
            });
        }
        Err(e) => return Err(said(&format!("{relative} could not be read: {e}"))),
    };
    let text = String::from_utf8_lossy(&bytes);
    match scoring_file::parse(&relative, icp, &text) {
        Ok(scoring) => Ok(ScoringFile {
            scoring: Some(scoring),
            comments: text
                .lines()
                .filter(|l| l.trim_start().starts_with('#'))
                .count(),
            bytes: Some(bytes),
        }),
        Err(problems) => {
            let more = match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            Err(said(&format!(
                "{}{more}; fix the file in an editor (`persona validate` lists every problem), so the app never saves over it",
                problems[0]
            )))
        }
    }
}

fn save(root: &Path, scoring: &Scoring, read: Option<&[u8]>) -> Result<Vec<u8>, (String, bool)> {
    let expect = read.map_or(Expect::Absent, Expect::content);
    let relative = scoring_file::scoring_file(&scoring.icp);
    match scoring_file::save(root, scoring, expect) {
        Ok(()) => std::fs::read(root.join(&relative)).map_err(|e| {
            (
                said(&format!("{relative} could not be read back: {e}")),
                false,
            )
        }),
        Err(e) => {
            let conflict = e.is_conflict();
            let message = if conflict {
                format!(
                    "{relative} was changed by someone else since it was read, so this edit was not saved; press r to read it again"
                )
            } else {
                format!("{e}; the edit was not saved")
            };
            Err((said(&message), conflict))
        }
    }
}

fn read_leads(path: &Path) -> Result<LeadRows, String> {
    let file = leads::open(path).map_err(|e| said(&e))?;
    let header = file.header;
    let mut rows = Vec::new();
    let mut total = 0u64;
    for row in file.table {
        let row = row.map_err(|e| said(&format!("{}: {e}", path.display())))?;
        total += 1;
        if rows.len() < MAX_LEADS {
            rows.push((row.line(), row.cells().map(str::to_string).collect()));
        }
    }
    Ok(LeadRows {
        header,
        rows,
        total,
    })
}
