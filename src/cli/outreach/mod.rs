//! `persona outreach render` and `persona outreach check`: an outreach
//! template against a lead file.

mod check;
mod render;

use super::Failure;
use crate::domain::Workspace;
use crate::domain::outreach::{Campaign, Compiled, Fit};
use crate::import::columns::Field;
use crate::store::outreach::TemplateFile;
use crate::text;
use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Fill a template for every lead of a lead file: a merge file for a sales tool, with no blank and no raw token
    Render(render::Args),
    /// Check a template's tokens, and given a lead file, how many leads have each value
    Check(check::Args),
}

pub fn run(root: &Path, args: Args) -> super::Outcome {
    match args.command {
        Sub::Render(args) => render::run(root, args),
        Sub::Check(args) => check::run(root, args),
    }
}

/// A template read and compiled, or its mistakes printed to stderr and a
/// failure.
fn compile(root: &Path, what: &str) -> Result<(TemplateFile, Compiled), Failure> {
    let file = crate::store::outreach::open(root, what).map_err(|e| Failure(text::line(&e)))?;
    match file.compile() {
        Ok(compiled) => Ok((file, compiled)),
        Err(problems) => {
            for problem in &problems {
                eprintln!("{}", text::line(&problem.to_string()));
            }
            Err(Failure(format!(
                "{} has {} {}; nothing was rendered",
                text::line(&file.path),
                problems.len(),
                super::plural(problems.len(), "mistake", "mistakes")
            )))
        }
    }
}

/// `--map FIELD=COLUMN` arguments, checked.
fn overrides(map: &[String]) -> Result<Vec<(Field, String)>, Failure> {
    map.iter()
        .map(|pair| {
            let (field, column) = pair.split_once('=').ok_or_else(|| {
                Failure(format!("--map {}: write it as FIELD=COLUMN, for example --map job_title=\"Job Role\"", text::line(pair)))
            })?;
            let field = Field::from_name(field).ok_or_else(|| {
                Failure(format!(
                    "--map {}: `{}` is not a field; fields include first_name, last_name, email, company, job_title, seniority, department, persona",
                    text::line(pair),
                    text::line(field)
                ))
            })?;
            Ok((field, column.to_string()))
        })
        .collect()
}

/// Tiers from `--tier A,B`, upper-cased; `None` when not given.
fn tiers(tier: &[String]) -> Option<Vec<String>> {
    let tiers: Vec<String> = tier
        .iter()
        .flat_map(|t| t.split(','))
        .map(|t| t.trim().to_uppercase())
        .filter(|t| !t.is_empty())
        .collect();
    (!tiers.is_empty()).then_some(tiers)
}

/// A lead's fit from its row.
type FitSource = Box<dyn Fn(&crate::import::table::Row) -> Fit>;

/// Where each lead's fit tier comes from: the ICP's scoring. `None` when
/// no tier is needed; a failure when one is needed and cannot be had.
fn fit_source(
    root: &Path,
    ws: &Workspace,
    campaign: &Campaign,
    icp: Option<&str>,
) -> Result<Option<FitSource>, Failure> {
    let needs_tier = !campaign.tiers.is_empty();
    if !needs_tier {
        return Ok(None);
    }
    let wanted = campaign.tiers.join(", ");
    let Some(icp) = icp else {
        return Err(Failure(format!(
            "leads are wanted in tiers {wanted}, which come from an ICP's scoring rules: pass --icp ID"
        )));
    };
    if ws.icp(icp).is_none() {
        return Err(Failure(super::lookup::unknown(
            ws,
            icp,
            Some(crate::domain::Kind::Icp),
        )));
    }
    let scoring = root
        .join(crate::store::layout::icp_dir(icp))
        .join("scoring.toml");
    Err(Failure(if scoring.exists() {
        format!(
            "this build of persona cannot score leads against {} yet, so leads have no tier; drop --tier (and the template's `tiers`)",
            scoring.display()
        )
    } else {
        format!(
            "ICP `{icp}` has no scoring rules (icps/{icp}/scoring.toml), so leads have no tier; drop --tier (and the template's `tiers`) or write the rules first"
        )
    }))
}
