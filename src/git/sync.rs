//! `persona sync`: commit the workspace with a message naming what
//! changed, pull the team's work (merged item by item by persona's
//! driver), push.

use super::changes::{self, Summary};
use super::{ATTRIBUTE, GITATTRIBUTES, GitError, Repo};
use crate::domain::Template;
use crate::domain::conflict;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Git(#[from] GitError),
    #[error("{0}")]
    Refused(String),
}

/// What a sync did.
#[derive(Clone, Debug, Default)]
pub struct Synced {
    /// The commit made of the workspace's changes: subject and body.
    pub committed: Option<(String, String)>,
    /// What was committed, one summary per file.
    pub changes: Vec<Summary>,
    /// Where it pulled from and pushed to (`origin/main`).
    pub remote: String,
    /// Workspace files the pull changed, relative to the workspace.
    pub pulled: Vec<String>,
    /// Files where the merge kept both versions of something, with how
    /// many conflicts each holds.
    pub conflicts: Vec<(String, usize)>,
    /// Whether there was anything on the remote to pull.
    pub fetched: bool,
}

/// Commits, pulls and pushes the workspace in `repo`. `exe` is the persona
/// binary registered as the merge driver; `templates` label the fields in
/// the commit message.
pub fn sync(repo: &Repo, exe: &Path, templates: &[Template]) -> Result<Synced, SyncError> {
    let top = repo.top.display().to_string();
    let remotes = repo.remotes();
    if remotes.is_empty() {
        return Err(SyncError::Refused(format!(
            "the repository at {top} has no remote to sync with; add your team's with `git remote add origin URL`"
        )));
    }
    if repo.merging() {
        return Err(SyncError::Refused(format!(
            "a merge is in progress in {top}; finish it with `git commit` (or drop it with `git merge --abort`), then sync again"
        )));
    }
    let Some(branch) = repo.branch() else {
        return Err(SyncError::Refused(format!(
            "the repository at {top} is not on a branch (a detached HEAD); check out your branch, then sync again"
        )));
    };
    repo.register_driver(exe)?;
    ensure_attributes(repo)?;

    let mut synced = Synced::default();
    commit(repo, templates, &mut synced)?;

    let upstream = repo
        .git(&["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"])
        .ok()
        .map(|u| u.trim().to_string());
    let remote = match &upstream {
        Some(u) => u.split('/').next().unwrap_or("origin").to_string(),
        None if remotes.iter().any(|r| r == "origin") => "origin".to_string(),
        None => remotes[0].clone(),
    };
    synced.remote = upstream
        .clone()
        .unwrap_or_else(|| format!("{remote}/{branch}"));
    let before = repo.git(&["rev-parse", "--verify", "--quiet", "HEAD"]).ok();
    let pull: Option<Vec<&str>> = if upstream.is_some() {
        Some(vec!["pull", "--no-rebase", "--ff", "--no-edit"])
    } else if repo.check(&["ls-remote", "--exit-code", "--heads", &remote, &branch]) {
        Some(vec![
            "pull",
            "--no-rebase",
            "--no-edit",
            remote.as_str(),
            branch.as_str(),
        ])
    } else {
        None
    };
    if let Some(args) = pull {
        synced.fetched = true;
        if let Err(error) = repo.git(&args) {
            if !repo.merging() {
                return Err(error.into());
            }
            conclude_merge(repo, &mut synced)?;
        }
        if let Some(before) = before {
            synced.pulled = repo
                .git(&[
                    "diff",
                    "--name-only",
                    "--relative",
                    before.trim(),
                    "HEAD",
                    "--",
                    ".",
                ])?
                .lines()
                .map(str::to_string)
                .collect();
        }
    }

    let push: Vec<&str> = if upstream.is_some() {
        vec!["push", "--quiet"]
    } else {
        vec![
            "push",
            "--quiet",
            "--set-upstream",
            remote.as_str(),
            branch.as_str(),
        ]
    };
    if let Err(GitError::Failed { message, .. }) = repo.git(&push) {
        let raced = ["rejected", "fetch first", "non-fast-forward"]
            .iter()
            .any(|w| message.contains(w));
        return Err(SyncError::Refused(if raced {
            format!(
                "the push to {remote} was refused because it got new commits meanwhile; run `persona sync` again"
            )
        } else {
            format!("the push to {remote} failed: {message}")
        }));
    }
    Ok(synced)
}

/// Makes sure the workspace's `.gitattributes` names the driver, so the
/// team's merges use it (it is committed with the workspace).
pub fn ensure_attributes(repo: &Repo) -> Result<bool, SyncError> {
    let path = repo.workspace.join(".gitattributes");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current.lines().any(|l| l.trim() == ATTRIBUTE) {
        return Ok(false);
    }
    let mut text = current;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(GITATTRIBUTES);
    crate::store::atomic::write_atomic(&path, text.as_bytes())
        .map_err(|e| SyncError::Refused(format!("could not write {}: {e}", path.display())))?;
    Ok(true)
}

/// Commits every change in the workspace folder (and nothing outside it)
/// with a message naming what changed.
fn commit(repo: &Repo, templates: &[Template], synced: &mut Synced) -> Result<(), SyncError> {
    repo.git(&["add", "--all", "--", "."])?;
    let listed = repo.git(&[
        "diff",
        "--cached",
        "--name-status",
        "--relative",
        "-M",
        "-z",
        "--",
        ".",
    ])?;
    let mut fields = listed.split('\0').filter(|f| !f.is_empty());
    let mut summaries = Vec::new();
    while let Some(status) = fields.next() {
        let (old, new) = match status.chars().next() {
            Some('R') | Some('C') => (fields.next(), fields.next()),
            Some('D') => (fields.next(), None),
            Some('A') => (None, fields.next()),
            _ => {
                let path = fields.next();
                (path, path)
            }
        };
        let path = new.or(old).unwrap_or_default();
        let before = old.and_then(|p| repo.show("HEAD", p));
        let after = new.and_then(|p| repo.show("", p));
        summaries.push(changes::describe(
            path,
            before.as_deref(),
            after.as_deref(),
            templates,
        ));
    }
    if summaries.is_empty() {
        return Ok(());
    }
    let (subject, body) = changes::commit_message(&summaries);
    let mut args = vec!["commit", "--quiet", "-m", subject.as_str()];
    if !body.is_empty() {
        args.extend(["-m", body.as_str()]);
    }
    args.extend(["--", "."]);
    repo.git(&args).map_err(|e| match e {
        GitError::Failed { message, .. } if message.contains("identity") || message.contains("user.email") => {
            SyncError::Refused(
                "git does not know who you are, so nothing was committed; set `git config --global user.name \"Your Name\"` and `user.email`, then sync again".into(),
            )
        }
        other => other.into(),
    })?;
    synced.committed = Some((subject, body));
    synced.changes = summaries;
    Ok(())
}

/// After a pull stopped on conflicts: the files persona's driver merged
/// load and carry their conflicts inside, so the merge is committed; any
/// file left with git's markers stops the sync with its name.
fn conclude_merge(repo: &Repo, synced: &mut Synced) -> Result<(), SyncError> {
    let prefix = repo.prefix();
    // `XY path` for each path: `UU` both changed, `UD` deleted by them,
    // `DU` deleted by us, `AA` added on both sides, ...
    let status = repo.git(&["status", "--porcelain=v1", "-z", "--untracked-files=no"])?;
    let mut unmerged: Vec<String> = Vec::new();
    let mut stuck = Vec::new();
    for record in status.split('\0').filter(|r| r.len() > 3) {
        let (code, path) = record.split_at(2);
        let path = path.trim_start().to_string();
        let deleted_by_theirs = match code {
            "UD" => Some(true),
            "DU" => Some(false),
            "UU" | "AA" | "AU" | "UA" => None,
            "DD" => {
                unmerged.push(path);
                continue;
            }
            _ => continue,
        };
        unmerged.push(path.clone());
        let file = repo.top.join(&path);
        // Changed on one side, deleted on the other: the changed file is
        // kept, and says so, for a person to decide.
        if let Some(by_theirs) = deleted_by_theirs
            && path.ends_with(".toml")
            && let Ok(mut text) = std::fs::read_to_string(&file)
            && toml::from_str::<toml::Table>(&text).is_ok()
        {
            text.push_str(&conflict::deleted_entry(by_theirs));
            crate::store::atomic::write_atomic(&file, text.as_bytes()).map_err(|e| {
                SyncError::Refused(format!("could not write {}: {e}", file.display()))
            })?;
        }
    }
    for path in &unmerged {
        if !repo.top.join(path).exists() {
            continue;
        }
        let text = std::fs::read_to_string(repo.top.join(path)).unwrap_or_default();
        let relative = path
            .strip_prefix(&prefix)
            .filter(|_| path.starts_with(&prefix));
        let readable =
            conflict::marker_line(&text).is_none() && toml::from_str::<toml::Table>(&text).is_ok();
        match relative {
            Some(relative) if readable => {
                let count = toml::from_str::<toml::Table>(&text)
                    .map(|t| conflict::list(&t).len())
                    .unwrap_or(0);
                synced.conflicts.push((relative.to_string(), count));
            }
            _ => stuck.push(path.clone()),
        }
    }
    if !stuck.is_empty() {
        return Err(SyncError::Refused(format!(
            "the pull left conflicts persona could not merge in {}; fix them (see `persona validate`), `git add` them and `git commit`, then sync again",
            stuck.join(", ")
        )));
    }
    let specs: Vec<String> = unmerged.iter().map(|p| format!(":/{p}")).collect();
    let mut add = vec!["add", "--all", "--"];
    add.extend(specs.iter().map(String::as_str));
    repo.git(&add)?;
    repo.git(&["commit", "--quiet", "--no-edit"])?;
    Ok(())
}
