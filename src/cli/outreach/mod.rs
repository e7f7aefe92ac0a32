//! `persona outreach render` and `persona outreach check`: an outreach
//! template against a lead file.

mod check;
mod render;

use super::Failure;
use crate::domain::Workspace;
use crate::domain::outreach::{Campaign, Compiled, Fit};
use crate::domain::scoring::Scorer;
use crate::import::columns::Field;
use crate::import::leads::LeadFile;
use crate::store::outreach::TemplateFile;
use crate::text;
use std::collections::BTreeSet;
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
pub(super) type FitSource = Box<dyn FnMut(&crate::import::table::Row) -> Fit>;

/// Where each lead's fit (tier, segment, disqualifier) comes from: the
/// scoring rules of `--icp`, else of the one ICP the template's personas
/// belong to. `None` when there are none and none are needed; a failure
/// when the template or `--tier` needs tiers that cannot be had. When they
/// are not needed, a scoring file that cannot be used is a note on stderr.
fn fit_source(
    root: &Path,
    ws: &Workspace,
    campaign: &Campaign,
    icp: Option<&str>,
    leads: &LeadFile,
) -> Result<Option<FitSource>, Failure> {
    let needs = if !campaign.tiers.is_empty() {
        Some(format!(
            "leads are wanted in tiers {}",
            campaign.tiers.join(", ")
        ))
    } else if !campaign.template.segments.is_empty() {
        Some(format!(
            "the template is for segments {}",
            campaign.template.segments.join(", ")
        ))
    } else {
        None
    };
    let icps: BTreeSet<&str> = campaign
        .candidates
        .iter()
        .filter(|p| campaign.audience.contains(&p.id))
        .map(|p| p.icp.as_str())
        .collect();
    let icp = match (icp, icps.len()) {
        (Some(icp), _) => icp,
        (None, 1) => icps.into_iter().next().expect("one"),
        (None, _) => {
            return match needs {
                Some(needs) => Err(Failure(format!(
                    "{needs}, which come from an ICP's scoring rules: pass --icp ID"
                ))),
                None => Ok(None),
            };
        }
    };
    if ws.icp(icp).is_none() {
        return Err(Failure(super::lookup::unknown(
            ws,
            icp,
            Some(crate::domain::Kind::Icp),
        )));
    }
    let unusable = |why: String| match &needs {
        Some(needs) => Err(Failure(format!("{needs}, but {why}"))),
        None => Ok(None),
    };
    let path = crate::store::scoring::scoring_file(icp);
    let scoring = match crate::store::scoring::load(root, icp) {
        Ok(Some(scoring)) => scoring,
        Ok(None) => {
            return unusable(format!(
                "ICP `{icp}` has no scoring rules ({path}); write them first (docs/FORMATS.md shows how)"
            ));
        }
        Err(problems) => {
            if needs.is_none() {
                eprintln!(
                    "note: {path} has problems (`persona validate` lists them), so leads get no tier."
                );
            }
            return unusable(format!(
                "{} has problems: {}",
                path,
                text::line(&problems[0].to_string())
            ));
        }
    };
    let header = crate::import::scoring::lead_header(leads.mapping());
    let scorer = match Scorer::new(scoring, header, &crate::import::scoring::recognise) {
        Ok(scorer) => scorer,
        Err(error) => {
            let why = text::line(&error.message(&path, &leads.name));
            if needs.is_none() {
                eprintln!("note: {why}; leads get no tier.");
            }
            return unusable(why);
        }
    };
    let mut scored = scorer.blank();
    Ok(Some(Box::new(move |row| {
        scorer.score(row, &mut scored);
        let tier = scorer.tiers().get(scored.tier).map(|t| t.name.clone());
        let segment = scored
            .segment
            .map(|i| &scorer.scoring.segments[i])
            .map(|s| s.id.clone());
        let disqualified = scored.disqualified_by.map(|i| {
            let rule = &scorer.scoring.rules[i];
            rule.reason.clone().unwrap_or_else(|| rule.id.clone())
        });
        Fit {
            tier: if disqualified.is_some() { None } else { tier },
            segment,
            disqualified,
        }
    })))
}
