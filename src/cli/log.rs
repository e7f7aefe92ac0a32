//! `persona log ID`: who changed an ICP, persona or interview, and when,
//! from git.

use super::lookup::resolve;
use super::{Outcome, columns, emit, emit_json, load, plural};
use crate::domain::{EntityRef, Kind};
use crate::git::{Repo, changes};
use crate::store::layout;
use crate::text;
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ICP, persona or interview; prefix with `icp:`, `persona:` or `interview:` when several kinds share it
    id: String,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Entry {
    commit: String,
    author: String,
    email: String,
    date: String,
    subject: String,
    /// The file's path at that commit, relative to the workspace.
    path: String,
    changes: Vec<String>,
}

#[derive(Serialize)]
struct History {
    kind: Kind,
    id: String,
    name: String,
    path: String,
    /// Changes on disk not committed yet; `null` when there are none.
    uncommitted: Option<Vec<String>>,
    history: Vec<Entry>,
}

pub fn run(root: &Path, Args { id: query, json }: Args) -> Outcome {
    let (_, loaded) = load(root)?;
    let ws = &loaded.workspace;
    let (kind, id) = resolve(&loaded, &query)?;
    let path = layout::entity_path(ws, &EntityRef::new(kind, &id)).unwrap_or_default();
    let name = match kind {
        Kind::Icp => ws.icp(&id).map(|i| i.name.clone()),
        Kind::Persona => ws.persona(&id).map(|p| p.name.clone()),
        Kind::Interview => ws.interview(&id).map(|i| i.title.clone()),
        Kind::Template => None,
    }
    .unwrap_or_default();
    let repo = Repo::open(root)?;
    let templates = &ws.templates;
    // A repository without commits has no history for anything yet.
    let revisions = if repo.check(&["rev-parse", "--verify", "--quiet", "HEAD"]) {
        repo.history(&path)?
    } else {
        Vec::new()
    };
    let history: Vec<Entry> = revisions
        .into_iter()
        .map(|rev| {
            let before = match (&rev.parent, &rev.before) {
                (Some(parent), Some(old)) => repo.show(parent, old),
                _ => None,
            };
            let after = repo.show(&rev.commit, &rev.path);
            let summary =
                changes::describe(&rev.path, before.as_deref(), after.as_deref(), templates);
            Entry {
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
        .git(&["status", "--porcelain", "--", &path])
        .is_ok_and(|s| !s.trim().is_empty());
    let uncommitted = dirty.then(|| {
        let before = repo.show("HEAD", &path);
        let now = std::fs::read_to_string(root.join(&path)).ok();
        changes::describe(&path, before.as_deref(), now.as_deref(), templates).parts
    });
    let history = History {
        kind,
        id,
        name,
        path,
        uncommitted,
        history,
    };
    if json {
        emit_json(&history)?;
    } else {
        emit(&readable(&history))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn readable(h: &History) -> String {
    let what = format!("{} `{}`", h.kind.label(), text::line(&h.id));
    let named = if h.name.is_empty() {
        what.clone()
    } else {
        format!("{what} ({})", text::line(&h.name))
    };
    if h.history.is_empty() {
        return format!("{named}: not committed yet; `persona sync` commits it.\n");
    }
    let n = h.history.len();
    let mut out = format!(
        "{named}: {n} {}, newest first\n",
        plural(n, "commit", "commits")
    );
    let mut rows = Vec::new();
    if let Some(changes) = &h.uncommitted {
        rows.push(vec![
            "not committed".to_string(),
            String::new(),
            text::line(&changes.join(", ")),
            String::new(),
        ]);
    }
    for e in &h.history {
        // "2026-11-20T14:03:00+01:00" as "2026-11-20 14:03".
        let when = e.date.get(..16).unwrap_or(&e.date).replace('T', " ");
        let changed = e.changes.join(", ");
        let mut commit: String = e.commit.chars().take(7).collect();
        if !e.subject.contains(&changed) {
            commit.push_str(&format!(" “{}”", e.subject));
        }
        rows.push(vec![
            when,
            text::line(&e.author),
            text::line(&changed),
            text::line(&commit),
        ]);
    }
    for line in columns(&rows).lines() {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
    }
    out
}
