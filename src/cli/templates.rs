//! `persona templates`: the built-in and workspace templates, and the
//! workspace's outreach templates.

use super::{Outcome, columns, emit, emit_json, report_problems};
use crate::domain::outreach::OutreachTemplate;
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

/// An outreach template in the JSON listing: `kind` is `outreach`.
#[derive(Serialize)]
struct OutreachRow<'a> {
    id: &'a str,
    origin: TemplateOrigin,
    kind: &'static str,
    path: &'a str,
    #[serde(flatten)]
    template: &'a OutreachTemplate,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Row<'a> {
    Profile(TemplateRow<'a>),
    Outreach(OutreachRow<'a>),
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
    // Outreach templates (templates/outreach/) are listed after the others.
    let (outreach, mut problems) = crate::store::outreach::list(root);
    if json {
        let rows: Vec<Row> = ws
            .templates
            .iter()
            .map(|t| {
                Row::Profile(TemplateRow {
                    id: &t.id,
                    origin: t.origin,
                    template: t,
                })
            })
            .chain(outreach.iter().map(|file| {
                Row::Outreach(OutreachRow {
                    id: &file.template.id,
                    origin: TemplateOrigin::Workspace,
                    kind: "outreach",
                    path: &file.path,
                    template: &file.template,
                })
            }))
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
            .chain(outreach.iter().map(|file| {
                vec![
                    file.template.id.clone(),
                    "outreach".into(),
                    text::line(&file.template.name),
                    "workspace".into(),
                ]
            }))
            .collect();
        emit(&columns(&rows))?;
    }
    problems.splice(0..0, loaded.problems.iter().cloned());
    Ok(report_problems(&problems))
}
