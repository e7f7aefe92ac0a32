//! `persona show`: one item as markdown or JSON.

use super::lookup::resolve;
use super::{Outcome, emit, emit_json, load};
use crate::domain::Kind;
use crate::export::markdown::{self, Links, Options};
use crate::text;
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

#[derive(Serialize)]
struct Identified<'a, T: Serialize> {
    kind: Kind,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    icp: Option<&'a str>,
    #[serde(flatten)]
    item: &'a T,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The id; prefix with `icp:`, `persona:` or `interview:` when several kinds share it
    id: String,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(root: &Path, Args { id: query, json }: Args) -> Outcome {
    let query = query.as_str();
    let (_, loaded) = load(root)?;
    let ws = &loaded.workspace;
    let (kind, id) = resolve(&loaded, query)?;
    let plain = Options {
        front_matter: false,
        links: Links::None,
    };
    let (text, value) = match kind {
        Kind::Icp => {
            let icp = ws.icp(&id).expect("resolved");
            (
                markdown::icp(ws, icp, &plain),
                serde_json::to_value(Identified {
                    kind,
                    id: &id,
                    icp: None,
                    item: icp,
                })?,
            )
        }
        Kind::Persona => {
            let persona = ws.persona(&id).expect("resolved");
            (
                markdown::persona(ws, persona, &plain),
                serde_json::to_value(Identified {
                    kind,
                    id: &id,
                    icp: Some(&persona.icp),
                    item: persona,
                })?,
            )
        }
        Kind::Interview | Kind::Template => {
            let interview = ws.interview(&id).expect("resolved");
            (
                markdown::interview(ws, interview, &plain),
                serde_json::to_value(Identified {
                    kind,
                    id: &id,
                    icp: None,
                    item: interview,
                })?,
            )
        }
    };
    if json {
        emit_json(&value)?;
    } else {
        emit(&text::visible(&text, true))?;
    }
    Ok(ExitCode::SUCCESS)
}
