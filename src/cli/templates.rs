//! `persona templates`: the built-in and workspace templates.

use super::{Outcome, columns, emit, emit_json, report_unloaded};
use crate::domain::{Template, TemplateOrigin};
use crate::store::{FsStore, Loaded, Store};
use crate::text;
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct TemplateRow<'a> {
    id: &'a str,
    origin: TemplateOrigin,
    #[serde(flatten)]
    template: &'a Template,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print a JSON array
    #[arg(long)]
    json: bool,
}

pub fn run(root: &Path, Args { json }: Args) -> Outcome {
    // Templates can be listed without a workspace: then only built-ins show.
    let mut store = FsStore::new(root);
    let loaded = if store.exists() {
        store.load()?
    } else {
        let mut problems = Vec::new();
        let workspace = crate::store::fs::builtin_workspace(&mut problems);
        Loaded {
            workspace,
            problems,
        }
    };
    let ws = &loaded.workspace;
    if json {
        let rows: Vec<TemplateRow> = ws
            .templates
            .iter()
            .map(|t| TemplateRow {
                id: &t.id,
                origin: t.origin,
                template: t,
            })
            .collect();
        emit_json(&rows)?;
    } else {
        let rows: Vec<Vec<String>> = ws
            .templates
            .iter()
            .map(|t| {
                vec![
                    t.id.clone(),
                    t.kind.to_string(),
                    text::line(&t.name),
                    match t.origin {
                        TemplateOrigin::BuiltIn => "built-in".into(),
                        TemplateOrigin::Workspace => "workspace".into(),
                    },
                ]
            })
            .collect();
        emit(&columns(&rows))?;
    }
    Ok(report_unloaded(&loaded))
}
