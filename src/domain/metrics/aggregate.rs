//! From rows to cells: each row read from an export is assigned a persona,
//! tier and template, then added into the cell of its month and
//! assignment. Only the cells leave this module.

use super::{Cell, Counts};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// One row of an export as the importer understood it (for a lemlist
/// activity export, one person's events together). It may hold personal
/// data (the row's cells, for the persona match rules and scoring); it
/// lives in memory only and is never written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    /// The line the row starts on, to name it in messages.
    pub line: u64,
    /// When it happened: a deal's creation, a message's sending.
    pub date: Option<Date>,
    /// What a tier column says (`A`, `Tier B`, a `fit_tier` from
    /// `persona score`), as written.
    pub tier: Option<String>,
    /// The campaign, sequence or e-mail template the row is about.
    pub template: Option<String>,
    /// The row's own counts (a person: 0 or 1 each; a campaign: totals).
    pub counts: Counts,
    /// Why a lost deal was lost, as written (kept only if it recurs).
    pub lost_reason: Option<String>,
    /// The row's cells in the file's column order, for the persona
    /// column, persona match rules and ICP scoring.
    pub cells: Vec<String>,
}

/// How a row got its persona.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PersonaFrom {
    /// The file's persona column named it.
    Column,
    /// The persona's match rules (job title, seniority, ...) picked it.
    Rules,
    /// The outreach template the row is about is for that persona.
    Template,
}

/// Where a row belongs.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Assigned {
    pub icp: Option<String>,
    pub persona: Option<String>,
    pub persona_from: Option<PersonaFrom>,
    pub tier: Option<String>,
    pub template: Option<String>,
    /// A persona the file named that the workspace does not have.
    pub unknown_persona: Option<String>,
}

/// Decides where rows belong (the workspace's personas, match rules,
/// templates and scoring, behind one call).
pub trait Assigner {
    fn assign(&self, record: &Record) -> Assigned;
}

/// What an import adds up to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aggregated {
    /// Sorted by month, ICP, persona, tier, template.
    pub cells: Vec<Cell>,
    pub rows: u64,
    /// Rows given a persona, by how.
    pub assigned: BTreeMap<PersonaFrom, u64>,
    /// Rows left without a persona.
    pub unassigned: u64,
    /// Persona names the file used that the workspace does not know, with
    /// how many rows used each.
    pub unknown_personas: BTreeMap<String, u64>,
    /// Rows given a tier.
    pub tiered: u64,
}

/// Lost reasons are kept when at least this many lost deals give the same
/// one: a CRM's dropdown of reasons recurs, free text about one customer
/// does not (and may name them).
pub const REASON_MIN_DEALS: u64 = 2;

/// Longest lost reason kept as written; longer ones count as `other`.
const REASON_MAX_CHARS: usize = 60;

/// Assigns and adds up every record.
pub fn aggregate(records: &[Record], assigner: &dyn Assigner) -> Aggregated {
    let reasons = recurring_reasons(records);
    let mut cells: BTreeMap<(Option<String>, Assigned), Counts> = BTreeMap::new();
    let mut out = Aggregated::default();
    for record in records {
        out.rows += 1;
        let mut assigned = assigner.assign(record);
        match assigned.persona_from {
            Some(from) if assigned.persona.is_some() => {
                *out.assigned.entry(from).or_default() += 1;
            }
            _ => out.unassigned += 1,
        }
        if let Some(name) = assigned.unknown_persona.take() {
            *out.unknown_personas.entry(name).or_default() += 1;
        }
        if assigned.tier.is_some() {
            out.tiered += 1;
        }
        assigned.persona_from = None;
        let month = record
            .date
            .map(|d| format!("{:04}-{:02}", d.year(), d.month()));
        let counts = cells.entry((month, assigned)).or_default();
        counts.add(&record.counts);
        if let Some(reason) = &record.lost_reason
            && record.counts.lost > 0
        {
            let kept = reasons
                .get(&reason_key(reason))
                .cloned()
                .unwrap_or_else(|| "other".to_string());
            *counts.lost_reasons.entry(kept).or_default() += record.counts.lost;
        }
    }
    out.cells = cells
        .into_iter()
        .map(|((month, a), counts)| Cell {
            month,
            icp: a.icp,
            persona: a.persona,
            tier: a.tier,
            template: a.template,
            counts,
        })
        .collect();
    out
}

fn reason_key(reason: &str) -> String {
    reason
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The lost reasons that may be kept, by key, spelled as first seen.
fn recurring_reasons(records: &[Record]) -> BTreeMap<String, String> {
    let mut seen: BTreeMap<String, (String, u64)> = BTreeMap::new();
    for record in records {
        let Some(reason) = &record.lost_reason else {
            continue;
        };
        if record.counts.lost == 0 || !keepable_reason(reason) {
            continue;
        }
        let entry = seen
            .entry(reason_key(reason))
            .or_insert_with(|| (reason.split_whitespace().collect::<Vec<_>>().join(" "), 0));
        entry.1 += record.counts.lost;
    }
    seen.into_iter()
        .filter(|(_, (_, n))| *n >= REASON_MIN_DEALS)
        .map(|(key, (text, _))| (key, text))
        .collect()
}

/// A reason short and plain enough to be a category, not a story: no
/// e-mail address, no long number, no line break.
fn keepable_reason(reason: &str) -> bool {
    let reason = reason.trim();
    let mut digits = 0;
    for ch in reason.chars() {
        if ch.is_ascii_digit() {
            digits += 1;
            if digits >= 5 {
                return false;
            }
        } else {
            digits = 0;
        }
    }
    !reason.is_empty()
        && reason.chars().count() <= REASON_MAX_CHARS
        && !reason.contains('@')
        && !reason.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows name their persona in their first cell; `?` is unknown.
    struct ByColumn;

    impl Assigner for ByColumn {
        fn assign(&self, record: &Record) -> Assigned {
            match record.cells.first().map(String::as_str) {
                Some("?") => Assigned {
                    unknown_persona: Some("?".into()),
                    ..Assigned::default()
                },
                Some(p) => Assigned {
                    persona: Some(p.into()),
                    persona_from: Some(PersonaFrom::Column),
                    ..Assigned::default()
                },
                None => Assigned::default(),
            }
        }
    }

    fn lost(persona: &str, reason: &str) -> Record {
        Record {
            cells: vec![persona.into()],
            date: Some(jiff::civil::date(2026, 10, 3)),
            counts: Counts {
                deals: 1,
                lost: 1,
                ..Counts::default()
            },
            lost_reason: Some(reason.into()),
            ..Record::default()
        }
    }

    #[test]
    fn rows_add_up_into_cells_and_unassigned_rows_stay_counted() {
        let records = vec![
            lost("olivia", "Price"),
            lost("olivia", " price "),
            lost("olivia", "Jane at Acme left, call her at jane@acme.com"),
            lost("?", "Timing"),
            Record {
                counts: Counts {
                    sent: 1,
                    delivered: 1,
                    ..Counts::default()
                },
                ..Record::default()
            },
        ];
        let out = aggregate(&records, &ByColumn);
        assert_eq!(out.rows, 5);
        assert_eq!(out.unassigned, 2);
        assert_eq!(out.assigned[&PersonaFrom::Column], 3);
        assert_eq!(out.unknown_personas["?"], 1);
        let total = Counts::sum(out.cells.iter().map(|c| &c.counts));
        assert_eq!((total.deals, total.lost, total.sent), (4, 4, 1));
        let olivia = out
            .cells
            .iter()
            .find(|c| c.persona.as_deref() == Some("olivia"))
            .unwrap();
        assert_eq!(olivia.month.as_deref(), Some("2026-10"));
        // The recurring reason is kept as first written; the story is not.
        assert_eq!(olivia.counts.lost_reasons["Price"], 2);
        assert_eq!(olivia.counts.lost_reasons["other"], 1);
        let text = format!("{:?}", out.cells);
        assert!(!text.contains("jane") && !text.contains("Timing"), "{text}");
    }

    #[test]
    fn reasons_that_look_like_data_are_not_kept() {
        assert!(keepable_reason("Went with a competitor"));
        assert!(!keepable_reason("Order 12345 cancelled"));
        assert!(!keepable_reason("x@y.z"));
        assert!(!keepable_reason(&"long ".repeat(20)));
    }
}
