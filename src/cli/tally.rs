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
        tags: tally::tags(ws, icp),
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
        out.push_str(&best_customers(customers));
    }
    emit(&out)?;
    Ok(report_unloaded(&loaded))
}

/// One ICP's best customers, trait by trait: how many have each value and
/// their share, and against the whole list (when an import counted it) the
/// value's share there and the lift.
fn best_customers(t: &crate::domain::tally::CustomerTally) -> String {
    let mut out = format!("\nBest customers of `{}` ({}", t.icp, t.customers);
    if let Some(rule) = &t.best_by {
        out.push_str(&format!("; {}", text::line(rule)));
    }
    out.push_str("):\n");
    if t.customers == 0 {
        out.push_str("  none yet (add them with `persona import-customers`)\n");
        return out;
    }
    let percent = |share: f64| format!("{:.0}%", share * 100.0);
    let against = t.baseline.is_some();
    if let Some(n) = t.baseline {
        out.push_str(&format!(
            "  Per value: how many best customers have it, their share (best), its share among all {n} customers of the lists (all), and the lift (best / all; above 1, commoner among the best).\n"
        ));
    }
    for attribute in &t.attributes {
        out.push_str(&format!("  {}:\n", attribute.attribute));
        let mut rows: Vec<Vec<String>> = Vec::new();
        if against {
            rows.push(vec![
                String::new(),
                "count".into(),
                "best".into(),
                "all".into(),
                "lift".into(),
            ]);
        }
        for v in &attribute.values {
            let mut row = vec![
                format!("    {}", text::line(&v.value)),
                v.count.to_string(),
                percent(v.share),
            ];
            if against {
                row.push(v.baseline_share.map(percent).unwrap_or_else(|| "?".into()));
                row.push(
                    v.lift
                        .map(|l| format!("{l:.1}"))
                        .unwrap_or_else(|| "-".into()),
                );
            }
            rows.push(row);
        }
        if attribute.missing > 0 {
            rows.push(vec![
                "    (missing)".into(),
                attribute.missing.to_string(),
                percent(attribute.missing as f64 / t.customers as f64),
            ]);
        }
        out.push_str(&columns(&rows));
    }
    let currencies: Vec<&str> = t
        .attributes
        .iter()
        .filter(|a| {
            matches!(
                a.attribute,
                "revenue" | "lifetime_value" | "average_order_value"
            )
        })
        .flat_map(|a| a.values.iter())
        .map(|v| v.value.rsplit_once(' ').map_or("(none given)", |(_, c)| c))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if currencies.len() > 1 {
        out.push_str(&format!(
            "  Amounts are counted in their own currency ({}), never converted.\n",
            currencies.join(", ")
        ));
    }
    out
}
