//! `persona outreach render TEMPLATE LEADS.csv`: a merge file with one
//! filled message per lead, and the leads that got none with the reason.

use super::super::{Failure, Outcome, load, plural, report_unloaded};
use super::{compile, fit_source, overrides, tiers};
use crate::domain::Severity;
use crate::domain::outreach::campaign::{Recipients, address, check_tokens};
use crate::domain::outreach::{Campaign, Options, Outcome as LeadOutcome};
use crate::export::csv_safe;
use crate::export::merge::{Format, MergeRow, SKIPPED_HEADER, Shape, skipped_row};
use crate::import::leads::{LeadFile, field_names};
use crate::store::staged::Staged;
use crate::text;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The outreach template: an id from templates/outreach/ (see `persona templates`), or a .toml file
    template: String,
    /// The lead file: a CSV export from Apollo, HubSpot, Salesforce or any file with a header row
    leads: PathBuf,
    /// Match leads only to this ICP's personas (and take tiers from its scoring)
    #[arg(long, value_name = "ID")]
    icp: Option<String>,
    /// Every lead is this persona: the file is a list of them (the match rules are not used)
    #[arg(long, value_name = "ID")]
    persona: Option<String>,
    /// Only leads in these fit tiers, from the ICP's scoring (e.g. A,B)
    #[arg(long, value_name = "TIERS")]
    tier: Vec<String>,
    /// Write the merge file here instead of to standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Write the leads that got no message here, each with the reason
    #[arg(long, value_name = "FILE")]
    skipped: Option<PathBuf>,
    /// Name the columns for the tool that imports the file
    #[arg(long, value_name = "TOOL", default_value = "plain", value_parser = clap::builder::PossibleValuesParser::new(Format::ALL.map(Format::key)))]
    format: String,
    /// Read a field from a column whose header does not say it (repeatable), e.g. --map job_title="Role"
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    map: Vec<String>,
}

pub fn run(root: &Path, args: Args) -> Outcome {
    let format = Format::parse(&args.format).unwrap_or_default();
    let (_store, loaded) = load(root)?;
    let ws = &loaded.workspace;
    let (file, compiled) = compile(root, &args.template)?;
    let template = &file.template;
    let options = Options {
        icp: args.icp.as_deref(),
        tiers: tiers(&args.tier),
        persona: args.persona.as_deref(),
    };
    let campaign =
        Campaign::new(ws, template, &compiled, options).map_err(|e| Failure(text::line(&e)))?;
    let out = stdout_or(args.out.as_deref());
    let skipped_to = args.skipped.as_deref();
    refuse_clashes(&args.leads, out, skipped_to)?;
    let leads =
        LeadFile::open(&args.leads, &overrides(&args.map)?).map_err(|e| Failure(text::line(&e)))?;
    let vocabulary = campaign.vocabulary(ws, &field_names(), &leads.column_names());
    let unknown: Vec<String> = check_tokens(&compiled, &vocabulary)
        .into_iter()
        .filter_map(|(part, token, report)| {
            report.meaning.err().map(|message| {
                file.at(part, token.pos, Severity::Error, message)
                    .to_string()
            })
        })
        .collect();
    if !unknown.is_empty() {
        for line in &unknown {
            eprintln!("{}", text::line(line));
        }
        return Err(Failure(format!(
            "{} has {} unknown {}; nothing was rendered",
            text::line(&file.path),
            unknown.len(),
            plural(unknown.len(), "token", "tokens")
        )));
    }
    let mut fit = fit_source(root, ws, &campaign, args.icp.as_deref(), &leads)?;
    let reach = address(template.channel).map(|(field, _)| field);
    let shape = Shape::new(
        format,
        reach,
        fit.is_some(),
        !template.subject.trim().is_empty(),
    );

    // Both files are streamed (a million leads never sit in memory) to
    // temporaries that replace their targets only once every lead is done.
    let mut merge_file = stage(out)?;
    let mut skipped_file = match skipped_to {
        Some(path) => Some(stage(stdout_or(Some(path)))?),
        None => None,
    };
    let leads_name = leads.name.clone();
    let mut counts = Counts::default();
    let written = {
        let mut merge = csv::Writer::from_writer(sink(&mut merge_file));
        let mut skipped = skipped_file
            .as_mut()
            .map(|file| csv::Writer::from_writer(sink(file)));
        let run = || -> Result<(), Stop> {
            csv_safe::write_record(&mut merge, shape.header()).map_err(Stop::Write)?;
            if let Some(skipped) = skipped.as_mut() {
                csv_safe::write_record(skipped, SKIPPED_HEADER).map_err(Stop::Write)?;
            }
            let mut recipients = Recipients::default();
            for item in leads {
                let (lead, row) = item.map_err(Stop::Read)?;
                counts.total += 1;
                let fit_value = fit.as_mut().map(|f| f(&row));
                let outcome = recipients.admit(&lead, campaign.run(&lead, fit_value.as_ref()));
                let (persona, why) = match outcome {
                    LeadOutcome::Message { persona, message } => {
                        let cells = shape.row(&MergeRow {
                            lead: &lead,
                            persona: &persona.id,
                            template: &template.id,
                            tier: fit_value.as_ref().and_then(|f| f.tier.as_deref()),
                            message: &message,
                        });
                        csv_safe::write_record(&mut merge, cells).map_err(Stop::Write)?;
                        counts.rendered += 1;
                        *counts.per_persona.entry(persona.id.clone()).or_default() += 1;
                        continue;
                    }
                    LeadOutcome::Skipped { persona, why } => (persona, why),
                };
                if let Some(skipped) = skipped.as_mut() {
                    let cells = skipped_row(
                        &lead,
                        persona.map(|p| p.id.as_str()),
                        &campaign.reason(&why),
                    );
                    csv_safe::write_record(skipped, cells).map_err(Stop::Write)?;
                }
                *counts.groups.entry(why.group()).or_default() += 1;
            }
            merge.flush().map_err(|e| Stop::Write(e.into()))?;
            if let Some(skipped) = skipped.as_mut() {
                skipped.flush().map_err(|e| Stop::Write(e.into()))?;
            }
            Ok(())
        };
        run()
    };
    match written {
        Ok(()) => {}
        Err(Stop::Read(e)) => {
            return Err(Failure(format!("{}; nothing was written", text::line(&e))));
        }
        Err(Stop::Write(e)) => {
            if let csv::ErrorKind::Io(io) = e.kind()
                && io.kind() == std::io::ErrorKind::BrokenPipe
            {
                // Standard output was closed early (`| head`): that is fine.
                return Ok(ExitCode::SUCCESS);
            }
            return Err(Failure(format!(
                "could not write the output: {e}; nothing was written"
            )));
        }
    }
    commit(merge_file, out)?;
    if let Some(file) = skipped_file {
        commit(file, skipped_to.and_then(|p| stdout_or(Some(p))))?;
    }
    let Counts {
        total,
        rendered,
        per_persona,
        groups,
    } = counts;
    summarise(
        &Summary {
            leads: &leads_name,
            out,
            skipped_to,
            total,
            rendered,
            per_persona: &per_persona,
            groups: &groups,
        },
        format,
        !template.subject.trim().is_empty(),
    );
    if rendered == 0 {
        return Err(Failure(format!(
            "no lead of {} got a message",
            text::line(&leads_name)
        )));
    }
    Ok(report_unloaded(&loaded))
}

/// `-` is standard output.
fn stdout_or(path: Option<&Path>) -> Option<&Path> {
    path.filter(|p| p.as_os_str() != "-")
}

/// Never write over the lead file, and never both outputs to one file.
fn refuse_clashes(leads: &Path, out: Option<&Path>, skipped: Option<&Path>) -> Result<(), Failure> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    for (flag, path) in [("--out", out), ("--skipped", skipped)] {
        if let Some(path) = path
            && same(path, leads)
        {
            return Err(Failure(format!(
                "{flag} {} is the lead file itself; write somewhere else",
                text::line(&path.display().to_string())
            )));
        }
    }
    if out.is_none() && skipped.is_some_and(|p| p.as_os_str() == "-") {
        return Err(Failure(
            "--out and --skipped cannot both be standard output; give one of them a file".into(),
        ));
    }
    let skipped = skipped.filter(|p| p.as_os_str() != "-");
    if let (Some(a), Some(b)) = (out, skipped)
        && same(a, b)
    {
        return Err(Failure(format!(
            "--out and --skipped are both {}; give them different files",
            text::line(&a.display().to_string())
        )));
    }
    Ok(())
}

/// Why writing stopped before the end.
enum Stop {
    Read(String),
    Write(csv::Error),
}

#[derive(Default)]
struct Counts {
    total: usize,
    rendered: usize,
    per_persona: BTreeMap<String, usize>,
    groups: BTreeMap<String, usize>,
}

/// Where one output goes: a file written beside its target, or standard
/// output.
enum Output {
    File(Staged),
    Stdout,
}

fn stage(path: Option<&Path>) -> Result<Output, Failure> {
    match path {
        None => Ok(Output::Stdout),
        Some(path) => Staged::create(path).map(Output::File).map_err(|e| {
            Failure(format!(
                "could not write {}: {e}",
                text::line(&path.display().to_string())
            ))
        }),
    }
}

fn sink(output: &mut Output) -> Box<dyn Write + '_> {
    match output {
        Output::File(staged) => Box::new(staged.writer()),
        Output::Stdout => Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout().lock(),
        )),
    }
}

/// Puts a finished file in place of its target.
fn commit(output: Output, path: Option<&Path>) -> Result<(), Failure> {
    match output {
        Output::Stdout => Ok(()),
        Output::File(staged) => staged.commit().map_err(|e| {
            Failure(format!(
                "could not write {}: {e}",
                text::line(&path.map(|p| p.display().to_string()).unwrap_or_default())
            ))
        }),
    }
}

struct Summary<'a> {
    leads: &'a str,
    out: Option<&'a Path>,
    skipped_to: Option<&'a Path>,
    total: usize,
    rendered: usize,
    per_persona: &'a BTreeMap<String, usize>,
    groups: &'a BTreeMap<String, usize>,
}

/// What happened, on standard error: how many messages, for whom, and
/// why the other leads got none.
fn summarise(s: &Summary, format: Format, has_subject: bool) {
    let personas = s
        .per_persona
        .iter()
        .map(|(id, n)| format!("{id} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let into = s
        .out
        .map(|p| format!(" into {}", p.display()))
        .unwrap_or_default();
    let mut text_out = format!(
        "Rendered {} {} from {} {} of {}{into}{}.\n",
        s.rendered,
        plural(s.rendered, "message", "messages"),
        s.total,
        plural(s.total, "lead", "leads"),
        s.leads,
        if personas.is_empty() {
            String::new()
        } else {
            format!(" ({personas})")
        }
    );
    let skipped = s.total - s.rendered;
    if skipped > 0 {
        let whereto = match s.skipped_to {
            Some(path) => format!("each with its reason in {}", path.display()),
            None => "pass --skipped FILE for each one's reason".to_string(),
        };
        text_out.push_str(&format!(
            "{skipped} {} got no message ({whereto}):\n",
            plural(skipped, "lead", "leads")
        ));
        let mut groups: Vec<(&String, &usize)> = s.groups.iter().collect();
        groups.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (group, n) in groups {
            text_out.push_str(&format!("  {n:>5}  {group}\n"));
        }
    }
    if s.rendered > 0 {
        text_out.push_str(&format.hint(has_subject));
        text_out.push('\n');
    }
    eprint!("{}", text::visible(&text_out, true));
}
