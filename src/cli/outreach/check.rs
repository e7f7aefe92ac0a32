//! `persona outreach check TEMPLATE [LEADS.csv]`: every token checked,
//! every token without a default named, and given leads, how many have
//! each value and how many would get a message.

use super::super::{Failure, Outcome, columns, emit, emit_json, load, plural};
use super::{fit_source, overrides};
use crate::domain::Severity;
use crate::domain::outreach::campaign::{Recipients, TokenReport, check_tokens};
use crate::domain::outreach::render::{Scope, value_of};
use crate::domain::outreach::template::Part;
use crate::domain::outreach::token::Token;
use crate::domain::outreach::{Campaign, Meaning, Options, Outcome as LeadOutcome};
use crate::import::leads::{LeadFile, field_names};
use crate::store::Problem;
use crate::text;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The outreach template: an id from templates/outreach/ (see `persona templates`), or a .toml file
    template: String,
    /// A lead file to measure: how many leads have each value, and how many would get a message
    leads: Option<PathBuf>,
    /// Match leads only to this ICP's personas
    #[arg(long, value_name = "ID")]
    icp: Option<String>,
    /// Every lead is this persona (the match rules are not used)
    #[arg(long, value_name = "ID")]
    persona: Option<String>,
    /// Read a field from a column whose header does not say it (repeatable)
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    map: Vec<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Report {
    template: String,
    path: String,
    ok: bool,
    problems: Vec<Finding>,
    tokens: Vec<TokenRow>,
    leads: Option<LeadsReport>,
}

#[derive(Serialize)]
struct Finding {
    line: usize,
    column: usize,
    severity: &'static str,
    message: String,
}

#[derive(Serialize)]
struct TokenRow {
    token: String,
    name: String,
    part: &'static str,
    line: usize,
    column: usize,
    /// `lead`, `column`, `persona`, `pain` or `unknown`.
    kind: &'static str,
    default: Option<String>,
    /// Leads with a value (lead tokens, given a lead file).
    filled: Option<usize>,
}

#[derive(Serialize)]
struct LeadsReport {
    file: String,
    total: usize,
    would_render: usize,
    skipped: usize,
    /// Leads per persona matched (`null` key: none).
    personas: BTreeMap<String, usize>,
    unmatched: usize,
    /// Short reason → leads.
    reasons: BTreeMap<String, usize>,
    /// Leads per fit tier (`disqualified` too), when the ICP has scoring.
    tiers: Option<BTreeMap<String, usize>>,
}

pub fn run(root: &Path, args: Args) -> Outcome {
    let (_store, loaded) = load(root)?;
    let ws = &loaded.workspace;
    let file =
        crate::store::outreach::open(root, &args.template).map_err(|e| Failure(text::line(&e)))?;
    // Every mistake at once: syntax, then the well-formed tokens checked.
    let (compiled, mut problems) = file.compile_all();
    let options = Options {
        icp: args.icp.as_deref(),
        tiers: None,
        persona: args.persona.as_deref(),
    };
    let mut campaign = Campaign::new(ws, &file.template, &compiled, options)
        .map_err(|e| Failure(text::line(&e)))?;
    let mut leads = match &args.leads {
        Some(path) => Some(
            LeadFile::open(path, &overrides(&args.map)?).map_err(|e| Failure(text::line(&e)))?,
        ),
        None => None,
    };
    let columns_of_file = leads
        .as_ref()
        .map(LeadFile::column_names)
        .unwrap_or_default();
    let vocabulary = campaign.vocabulary(ws, &field_names(), &columns_of_file);
    let checked = check_tokens(&compiled, &vocabulary);

    let mut warned_default: Vec<String> = Vec::new();
    for (part, token, report) in &checked {
        match &report.meaning {
            Err(message) => {
                problems.push(file.at(*part, token.pos, Severity::Error, message.clone()))
            }
            // Persona and matrix values are checked per persona below.
            Ok(meaning) if !report.has_default && meaning.is_lead() => {
                if !warned_default.contains(&token.source) {
                    warned_default.push(token.source.clone());
                    problems.push(file.at(
                        *part,
                        token.pos,
                        Severity::Warning,
                        no_default(token, meaning),
                    ));
                }
            }
            Ok(_) => {}
        }
    }
    // Persona and matrix values are the same for every lead of a persona:
    // say now which persona lacks one.
    for persona in campaign
        .candidates
        .iter()
        .filter(|p| campaign.audience.contains(&p.id))
    {
        let lead = crate::domain::outreach::Lead::default();
        let scope = Scope {
            lead: &lead,
            persona: Some(persona),
            stage: file.template.stage,
        };
        let mut told = Vec::new();
        for (part, token, report) in &checked {
            if let Ok(Meaning::PersonaName | Meaning::PersonaField(_) | Meaning::Pain(_)) =
                report.meaning
                && !report.has_default
                && let Err(why) = value_of(&token.path, &scope)
                && !told.contains(&why)
            {
                problems.push(file.at(
                    *part,
                    token.pos,
                    Severity::Warning,
                    format!("{why}, so none of its leads gets a message"),
                ));
                told.push(why);
            }
        }
        if !persona.rules.has_tests()
            && persona.rules.persona.is_empty()
            && campaign.forced.is_none()
        {
            problems.push(Problem {
                path: file.path.clone(),
                line: 1,
                column: 1,
                severity: Severity::Warning,
                message: format!(
                    "persona `{}` has no match rules, so only a lead file's persona column naming it (or --persona) gives it leads",
                    persona.id
                ),
            });
        }
    }

    problems.sort_by_key(|p| (p.line, p.column));
    let leads_report = match leads.take() {
        Some(file_of_leads) => {
            // Tiers, segments and disqualifiers from the ICP's scoring, as
            // `render` applies them; when they cannot be had, say so and
            // measure every lead.
            let fit = match fit_source(root, ws, &campaign, args.icp.as_deref(), &file_of_leads) {
                Ok(fit) => fit,
                Err(Failure(why)) => {
                    problems.push(Problem {
                        path: file.path.clone(),
                        line: 1,
                        column: 1,
                        severity: Severity::Warning,
                        message: format!("{why}; the leads are measured without tiers"),
                    });
                    campaign.tiers.clear();
                    None
                }
            };
            Some(measure(&campaign, file_of_leads, fit, &checked)?)
        }
        None => None,
    };
    let ok = !problems.iter().any(|p| p.severity == Severity::Error);
    let report = Report {
        template: file.template.id.clone(),
        path: file.path.clone(),
        ok,
        problems: findings(&problems),
        tokens: token_rows(&file, &checked, leads_report.as_ref().map(|l| &l.1)),
        leads: leads_report.map(|l| l.0),
    };
    if args.json {
        emit_json(&report)?;
    } else {
        emit(&text::visible(&as_text(&problems, &report), true))?;
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn findings(problems: &[Problem]) -> Vec<Finding> {
    problems
        .iter()
        .map(|p| Finding {
            line: p.line,
            column: p.column,
            severity: match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            message: p.message.clone(),
        })
        .collect()
}

fn no_default(token: &Token, meaning: &Meaning) -> String {
    let name = match meaning {
        Meaning::LeadField(name) | Meaning::Column(name) => name.clone(),
        _ => token.name(),
    };
    format!(
        "`{}` has no default: a lead without {name} is skipped (add one: `{{{{ {name} | default: \"...\" }}}}`)",
        token.source
    )
}

/// Runs the campaign over every lead without writing anything.
fn measure(
    campaign: &Campaign,
    leads: LeadFile,
    mut fit: Option<super::FitSource>,
    checked: &[(Part, Token, TokenReport)],
) -> Result<(LeadsReport, BTreeMap<String, usize>), Failure> {
    let name = leads.name.clone();
    let mut report = LeadsReport {
        file: name,
        total: 0,
        would_render: 0,
        skipped: 0,
        personas: BTreeMap::new(),
        unmatched: 0,
        reasons: BTreeMap::new(),
        tiers: fit.as_ref().map(|_| BTreeMap::new()),
    };
    let mut recipients = Recipients::default();
    let mut filled: BTreeMap<String, usize> = BTreeMap::new();
    for item in leads {
        let (lead, row) = item.map_err(|e| Failure(text::line(&e)))?;
        let fit_value = fit.as_mut().map(|f| f(&row));
        if let (Some(tiers), Some(value)) = (report.tiers.as_mut(), &fit_value) {
            let tier = match (&value.disqualified, &value.tier) {
                (Some(_), _) => "disqualified".to_string(),
                (None, Some(tier)) => tier.clone(),
                (None, None) => "none".to_string(),
            };
            *tiers.entry(tier).or_default() += 1;
        }
        report.total += 1;
        let names: std::collections::BTreeSet<String> = checked
            .iter()
            .filter(|(_, _, r)| r.meaning.as_ref().is_ok_and(Meaning::is_lead))
            .map(|(_, token, _)| token.name())
            .collect();
        for name in names {
            let entry = filled.entry(name.clone()).or_default();
            if lead.get(&name).is_some() {
                *entry += 1;
            }
        }
        match recipients.admit(&lead, campaign.run(&lead, fit_value.as_ref())) {
            LeadOutcome::Message { persona, .. } => {
                report.would_render += 1;
                *report.personas.entry(persona.id.clone()).or_default() += 1;
            }
            LeadOutcome::Skipped { persona, why } => {
                report.skipped += 1;
                match persona {
                    Some(p) => *report.personas.entry(p.id.clone()).or_default() += 1,
                    None => report.unmatched += 1,
                }
                *report.reasons.entry(why.group()).or_default() += 1;
            }
        }
    }
    Ok((report, filled))
}

fn token_rows(
    file: &crate::store::outreach::TemplateFile,
    checked: &[(Part, Token, TokenReport)],
    filled: Option<&BTreeMap<String, usize>>,
) -> Vec<TokenRow> {
    checked
        .iter()
        .map(|(part, token, report)| {
            let (line, column) = file.place(Some(*part), Some(token.pos));
            let kind = match &report.meaning {
                Ok(Meaning::LeadField(_)) => "lead",
                Ok(Meaning::Column(_)) => "column",
                Ok(Meaning::PersonaName | Meaning::PersonaField(_)) => "persona",
                Ok(Meaning::Pain(_)) => "pain",
                Err(_) => "unknown",
            };
            TokenRow {
                token: token.source.clone(),
                name: report.name.clone(),
                part: part.key(),
                line,
                column,
                kind,
                default: token.default().map(str::to_string),
                filled: match (&report.meaning, filled) {
                    (Ok(m), Some(f)) if m.is_lead() => f.get(&report.name).copied(),
                    _ => None,
                },
            }
        })
        .collect()
}

fn as_text(problems: &[Problem], report: &Report) -> String {
    let mut out = String::new();
    for problem in problems {
        out.push_str(&problem.to_string());
        out.push('\n');
    }
    if !problems.is_empty() {
        out.push('\n');
    }
    let total = report.leads.as_ref().map(|l| l.total);
    let mut rows = vec![vec![
        "token".to_string(),
        "where".to_string(),
        "from".to_string(),
        "default".to_string(),
        if total.is_some() {
            "leads with a value".to_string()
        } else {
            String::new()
        },
    ]];
    let mut seen = Vec::new();
    for token in &report.tokens {
        if seen.contains(&token.token) {
            continue;
        }
        seen.push(token.token.clone());
        rows.push(vec![
            token.name.clone(),
            format!("{} {}:{}", token.part, token.line, token.column),
            token.kind.to_string(),
            match &token.default {
                Some(d) => format!("\"{d}\""),
                None => "none".to_string(),
            },
            match (token.filled, total) {
                (Some(n), Some(t)) if t > 0 => format!("{n}/{t} ({}%)", n * 100 / t),
                (Some(n), Some(t)) => format!("{n}/{t}"),
                _ => String::new(),
            },
        ]);
    }
    out.push_str(&columns(&rows));
    if let Some(leads) = &report.leads {
        out.push('\n');
        let personas = leads
            .personas
            .iter()
            .map(|(id, n)| format!("{id} {n}"))
            .chain((leads.unmatched > 0).then(|| format!("no persona {}", leads.unmatched)))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!(
            "{} {} in {}: {personas}.\n",
            leads.total,
            plural(leads.total, "lead", "leads"),
            leads.file
        ));
        if let Some(tiers) = &leads.tiers {
            let tiers = tiers
                .iter()
                .map(|(tier, n)| format!("{tier} {n}"))
                .collect::<Vec<_>>()
                .join(", ");
            out.push_str(&format!("Fit tiers: {tiers}.\n"));
        }
        out.push_str(&format!(
            "{} would get a message; {} would not",
            leads.would_render, leads.skipped
        ));
        if leads.reasons.is_empty() {
            out.push_str(".\n");
        } else {
            out.push_str(":\n");
            let mut reasons: Vec<(&String, &usize)> = leads.reasons.iter().collect();
            reasons.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (reason, n) in reasons {
                out.push_str(&format!("  {n:>5}  {reason}\n"));
            }
        }
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    out.push_str(&format!(
        "\n{}: {errors} {}, {warnings} {}.\n",
        report.path,
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    ));
    out
}
