//! What `score`, `explain` and `backtest` share: finding the ICP, reading
//! its scoring rules (every problem reported with its line), and opening a
//! lead file with the rules bound to its columns.

use super::lookup::unknown_among;
use super::{Failure, note};
use crate::domain::Kind;
use crate::domain::scoring::{Scorer, Scoring};
use crate::import::scoring::{self as leads, LeadFile};
use crate::store::{FsStore, scoring as scoring_file};
use crate::text;
use std::io::Read;
use std::path::Path;

/// Checks the ICP exists (from the listing, without loading every card).
pub(super) fn check_icp(root: &Path, icp: &str) -> Result<(), Failure> {
    let listing = FsStore::new(root).list()?;
    if listing.icps.iter().any(|i| i.id == icp) {
        return Ok(());
    }
    let ids = listing.icps.iter().map(|i| i.id.as_str());
    Err(Failure(unknown_among(ids, icp, Some(Kind::Icp))))
}

/// The ICP's scoring rules. A file with problems is refused: each problem
/// goes to stderr as `path:line:col: message`.
pub(super) fn read_scoring(root: &Path, icp: &str) -> Result<Scoring, Failure> {
    let path = scoring_file::scoring_file(icp);
    match scoring_file::load(root, icp) {
        Ok(Some(scoring)) => Ok(scoring),
        Ok(None) => Err(Failure(format!(
            "the ICP `{icp}` has no scoring rules yet ({path}); write some (docs/FORMATS.md shows how) or run `persona score {icp} --suggest` for candidates"
        ))),
        Err(problems) => {
            for problem in problems.iter().skip(1) {
                note(&problem.to_string());
            }
            let first = &problems[0];
            let more = match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more, listed above)", n - 1),
            };
            Err(Failure(format!(
                "{}{more}; fix the scoring file and try again",
                text::line(&first.to_string())
            )))
        }
    }
}

/// Opens a lead file and binds the rules to its columns. Known fields the
/// file has no column for are named on stderr.
pub(super) fn open_leads(
    scoring: Scoring,
    path: &Path,
) -> Result<(LeadFile<Box<dyn Read>>, Scorer), Failure> {
    let file = leads::open(path).map_err(|e| Failure(text::line(&e)))?;
    let scoring_path = scoring_file::scoring_file(&scoring.icp);
    let scorer = Scorer::new(scoring, file.header.clone(), &leads::recognise).map_err(|e| {
        Failure(text::line(
            &e.message(&scoring_path, &path.display().to_string()),
        ))
    })?;
    for field in scorer.missing_fields() {
        let rules = scorer
            .scoring
            .rules
            .iter()
            .filter(|r| r.condition.field == *field)
            .count();
        note(&format!(
            "note: {} has no column for {}, so the {} on it {} unknown for every lead (never counted against them).",
            text::line(&path.display().to_string()),
            text::line(field),
            if rules == 1 { "rule" } else { "rules" },
            if rules == 1 { "is" } else { "are" },
        ));
    }
    Ok((file, scorer))
}
