//! `persona tally`: how often each tag and best-customer value occurs.

use super::lookup::missing;
use super::{Failure, Outcome, columns, emit, emit_json, load, plural, report_unloaded};
use crate::domain::Kind;
use crate::text;
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct TallyReport<'a> {
    icp: Option<&'a str>,
    #[serde(flatten)]
    tags: crate::domain::tally::TagTally,
    best_customers: Vec<crate::domain::tally::CustomerTally>,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only the interviews and best customers of this ICP
    #[arg(long, value_name = "ID")]
    icp: Option<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(root: &Path, Args { icp, json }: Args) -> Outcome {
    let icp = icp.as_deref();
    use crate::domain::tally;
    let (_, loaded) = load(root)?;
    let ws = &loaded.workspace;
    if let Some(id) = icp
        && ws.icp(id).is_none()
    {
        return Err(Failure(missing(&loaded, id, Some(Kind::Icp))));
    }
    let report = TallyReport {
        icp,
        tags: tally::tags(&ws.interviews, icp),
        best_customers: ws
            .icps
            .iter()
            .filter(|i| icp.is_none_or(|id| i.id == id))
            .map(tally::best_customers)
            .collect(),
    };
    if json {
        emit_json(&report)?;
        return Ok(report_unloaded(&loaded));
    }
    let mut out = String::new();
    let t = &report.tags;
    out.push_str(&format!(
        "Tags across {} {} with {} {}{} (each interviewee counted once):\n",
        t.interviews,
        plural(t.interviews, "interview", "interviews"),
        t.interviewees,
        plural(t.interviewees, "interviewee", "interviewees"),
        icp.map(|i| format!(" about `{i}`")).unwrap_or_default()
    ));
    if t.tags.is_empty() {
        out.push_str("  no tagged highlights yet\n");
    }
    let rows: Vec<Vec<String>> = t
        .tags
        .iter()
        .map(|c| {
            vec![
                format!("  {}", text::line(&c.tag)),
                c.interviewees.to_string(),
                format!(
                    "({} {})",
                    c.highlights,
                    plural(c.highlights, "highlight", "highlights")
                ),
            ]
        })
        .collect();
    out.push_str(&columns(&rows));
    for customers in &report.best_customers {
        out.push_str(&format!(
            "\nBest customers of `{}` ({}):\n",
            customers.icp, customers.customers
        ));
        if customers.customers == 0 {
            out.push_str("  none yet (add them with `persona import-customers`)\n");
            continue;
        }
        for attribute in customers.attributes.iter().filter(|a| !a.values.is_empty()) {
            out.push_str(&format!("  {}:\n", attribute.attribute));
            let rows: Vec<Vec<String>> = attribute
                .values
                .iter()
                .map(|v| vec![format!("    {}", text::line(&v.value)), v.count.to_string()])
                .collect();
            out.push_str(&columns(&rows));
        }
    }
    emit(&out)?;
    Ok(report_unloaded(&loaded))
}
