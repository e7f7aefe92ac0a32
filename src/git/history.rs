//! The history of one card (an ICP, persona or interview): who changed its
//! file, when, and what changed, in words. `persona log` prints it; the app
//! can show it on the card (it runs git, so off the UI thread).

use super::changes;
use super::{GitError, Repo};
use crate::domain::Template;
use serde::Serialize;

/// One commit that changed the card's file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub commit: String,
    pub author: String,
    pub email: String,
    /// ISO 8601, in the author's time zone.
    pub date: String,
    pub subject: String,
    /// The file's path at that commit, relative to the workspace.
    pub path: String,
    /// What changed in the file, most telling first ("2 pain points",
    /// "1 citation").
    pub changes: Vec<String>,
}

/// The card's history, newest first, and what is changed on disk but not
/// committed yet (`None` when nothing is).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct History {
    pub uncommitted: Option<Vec<String>>,
    pub history: Vec<Change>,
}

/// The history of the file at `path` (relative to the workspace), followed
/// through renames; `templates` label the fields.
pub fn of_file(repo: &Repo, path: &str, templates: &[Template]) -> Result<History, GitError> {
    // A repository without commits has no history for anything yet.
    let revisions = if repo.check(&["rev-parse", "--verify", "--quiet", "HEAD"]) {
        repo.history(path)?
    } else {
        Vec::new()
    };
    let history = revisions
        .into_iter()
        .map(|rev| {
            let before = match (&rev.parent, &rev.before) {
                (Some(parent), Some(old)) => repo.show(parent, old),
                _ => None,
            };
            let after = repo.show(&rev.commit, &rev.path);
            let summary =
                changes::describe(&rev.path, before.as_deref(), after.as_deref(), templates);
            Change {
                commit: rev.commit,
                author: rev.author,
                email: rev.email,
                date: rev.date,
                subject: rev.subject,
                path: rev.path,
                changes: summary.parts,
            }
        })
        .collect();
    let dirty = repo
        .git(&["status", "--porcelain", "--", path])
        .is_ok_and(|s| !s.trim().is_empty());
    let uncommitted = dirty.then(|| {
        let before = repo.show("HEAD", path);
        let now = std::fs::read_to_string(repo.workspace.join(path)).ok();
        changes::describe(path, before.as_deref(), now.as_deref(), templates).parts
    });
    Ok(History {
        uncommitted,
        history,
    })
}
