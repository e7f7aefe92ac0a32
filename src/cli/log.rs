//! `persona log ID`: who changed an ICP, persona or interview, and when,
//! from git.

use super::lookup::resolve;
use super::{Outcome, columns, emit, emit_json, load, plural};
use crate::domain::{EntityRef, Kind};
use crate::git::Repo;
use crate::git::history::{self, History};
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

/// What `--json` prints.
#[derive(Serialize)]
struct Card {
    kind: Kind,
    id: String,
    name: String,
    path: String,
    #[serde(flatten)]
    history: History,
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
    let history = Card {
        history: history::of_file(&repo, &path, &ws.templates)?,
        kind,
        id,
        name,
        path,
    };
    if json {
        emit_json(&history)?;
    } else {
        emit(&readable(&history))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn readable(h: &Card) -> String {
    let what = format!("{} `{}`", h.kind.label(), text::line(&h.id));
    let named = if h.name.is_empty() {
        what.clone()
    } else {
        format!("{what} ({})", text::line(&h.name))
    };
    if h.history.history.is_empty() {
        return format!("{named}: not committed yet; `persona sync` commits it.\n");
    }
    let n = h.history.history.len();
    let mut out = format!(
        "{named}: {n} {}, newest first\n",
        plural(n, "commit", "commits")
    );
    let mut rows = Vec::new();
    if let Some(changes) = &h.history.uncommitted {
        rows.push(vec![
            "not committed".to_string(),
            String::new(),
            text::line(&changes.join(", ")),
            String::new(),
        ]);
    }
    for e in &h.history.history {
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
