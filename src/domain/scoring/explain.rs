//! One lead's score taken apart: every rule, whether it fired, missed or
//! could not tell, the value it saw, the points it counted, and the
//! evidence behind it. What `persona explain` prints and the app's explain
//! panel shows.

use super::bind::LeadHeader;
use super::eval::{Outcome, Row, Scorer};
use super::evidence::{self, Evidence};
use super::model::{Rule, Segment};
use super::reasons::{describe, short_value};
use crate::domain::icp::Icp;
use crate::domain::workspace::Workspace;

/// One rule's part in one lead's score.
#[derive(Clone, Debug)]
pub struct RuleLine<'a> {
    pub rule: &'a Rule,
    pub outcome: Outcome,
    /// What the rule asks (`employees 20 to 200`).
    pub asks: String,
    /// The lead's value for the field, shortened; `None` when blank or the
    /// file has no such column.
    pub value: Option<String>,
    /// What the rule said of this lead when it fired (`industry is Outdoor
    /// retail`).
    pub found: Option<String>,
    /// Points this rule added (before any group cap); 0 unless it fired.
    pub counted: i64,
    pub evidence: Vec<Evidence<'a>>,
}

/// A group whose rules together went past its cap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capped {
    pub group: String,
    pub cap: i64,
    /// Points taken off (negative when a positive total was cut).
    pub taken: i64,
}

/// A lead's whole score, explained.
#[derive(Clone, Debug)]
pub struct Explanation<'a> {
    pub points: i64,
    /// The tier's name, or `disqualified`.
    pub verdict: String,
    /// The tier by points, also for a disqualified lead.
    pub tier: String,
    /// The reason of the disqualifier that ruled the lead out.
    pub disqualified: Option<String>,
    pub segment: Option<&'a Segment>,
    pub rules: Vec<RuleLine<'a>>,
    pub capped: Vec<Capped>,
    /// Known fields the lead file has no column for.
    pub missing_fields: Vec<String>,
}

/// What to call a lead: its company, full name, deal name or e-mail, else
/// its first and last name (`None` when the row has none of them).
pub fn lead_name(header: &LeadHeader, row: &(impl Row + ?Sized)) -> Option<String> {
    let value = |field: &str| {
        header
            .fields
            .iter()
            .find(|(f, _)| f == field)
            .and_then(|(_, columns)| {
                columns
                    .iter()
                    .filter_map(|c| row.cell(*c))
                    .map(str::trim)
                    .find(|v| !v.is_empty())
            })
    };
    if let Some(name) = ["company", "full_name", "deal_name", "email"]
        .into_iter()
        .find_map(value)
    {
        return Some(name.to_string());
    }
    let first = value("first_name")?;
    Some(
        format!("{first} {}", value("last_name").unwrap_or(""))
            .trim()
            .to_string(),
    )
}

/// Explains one row of a lead file.
pub fn explain<'a>(
    scorer: &'a Scorer,
    row: &(impl Row + ?Sized),
    workspace: &'a Workspace,
    icp: &'a Icp,
) -> Explanation<'a> {
    let mut scored = scorer.blank();
    scorer.score(row, &mut scored);
    let rules = scorer
        .scoring
        .rules
        .iter()
        .enumerate()
        .map(|(i, rule)| {
            let outcome = scored.outcomes[i];
            let value = scorer.rule_value(i, row).map(short_value);
            let fired = matches!(outcome, Outcome::Fired { .. });
            RuleLine {
                rule,
                outcome,
                asks: describe(rule),
                value,
                found: fired.then(|| scorer.fired_text(i, row, outcome)),
                counted: if fired && !rule.disqualify {
                    rule.points
                } else {
                    0
                },
                evidence: evidence::resolve(rule, workspace, icp),
            }
        })
        .collect();
    Explanation {
        points: scored.points,
        verdict: scorer.verdict(&scored).to_string(),
        tier: scorer.tiers()[scored.tier].name.clone(),
        disqualified: scored
            .disqualified_by
            .and_then(|d| scorer.scoring.rules[d].reason.clone()),
        segment: scored.segment.map(|s| &scorer.scoring.segments[s]),
        rules,
        capped: scored
            .capped
            .iter()
            .map(|(g, taken)| {
                let group = &scorer.scoring.groups[*g];
                Capped {
                    group: group.shown().to_string(),
                    cap: group.cap.abs(),
                    taken: *taken,
                }
            })
            .collect(),
        missing_fields: scorer.missing_fields().to_vec(),
    }
}
