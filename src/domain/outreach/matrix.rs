//! The messaging matrix of a persona: for each of the card's pain points,
//! the value we offer, the proof (with the evidence behind it), the call to
//! action and the funnel stage.
//!
//! A row refers to its pain by the pain item's `id`, never by a copy of its
//! words, so rewording a pain on the card rewords every message that uses
//! it. A pain item gets its id (a slug of its words, kept in the item as
//! `id = "..."`) the first time a row refers to it; editing the item keeps
//! the id.

use crate::domain::id::unique_id;
use crate::domain::value::{Citation, Extra, Item, Value};
use crate::domain::{BestCustomer, Persona, Workspace};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// The persona field that holds its pain points (in every built-in persona
/// template).
pub const PAIN_FIELD: &str = "pain_points";

/// The key under which a pain item keeps its id.
const PAIN_ID: &str = "id";

/// Where in the buying journey a message is meant to land.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// They do not know us yet (top of the funnel).
    #[default]
    #[serde(alias = "tofu")]
    Awareness,
    /// They are comparing options (middle of the funnel).
    #[serde(alias = "mofu")]
    Consideration,
    /// They are about to choose (bottom of the funnel).
    #[serde(alias = "bofu")]
    Decision,
    /// They are customers: keep, expand, ask for referrals.
    Retention,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::Awareness,
        Stage::Consideration,
        Stage::Decision,
        Stage::Retention,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Stage::Awareness => "awareness",
            Stage::Consideration => "consideration",
            Stage::Decision => "decision",
            Stage::Retention => "retention",
        }
    }

    pub fn parse(text: &str) -> Option<Stage> {
        match text.trim().to_lowercase().as_str() {
            "awareness" | "tofu" => Some(Stage::Awareness),
            "consideration" | "mofu" => Some(Stage::Consideration),
            "decision" | "bofu" => Some(Stage::Decision),
            "retention" => Some(Stage::Retention),
            _ => None,
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// One row of the matrix.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MessagingRow {
    /// The id of one of the persona's pain items.
    pub pain: String,
    /// What changes for them: the value we offer against this pain.
    #[serde(default)]
    pub value: String,
    /// Why they should believe it.
    #[serde(default)]
    pub proof: String,
    /// Highlights that back the proof (`interview-id#highlight-id`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<Citation>,
    /// Best customers of the persona's ICP that back the proof, by company.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub customers: Vec<String>,
    /// What we ask them to do next.
    #[serde(default)]
    pub cta: String,
    #[serde(default)]
    pub stage: Stage,
    #[serde(flatten)]
    pub extra: Extra,
}

impl MessagingRow {
    pub fn new(pain: impl Into<String>) -> MessagingRow {
        MessagingRow {
            pain: pain.into(),
            ..MessagingRow::default()
        }
    }

    /// A proof that cites neither a highlight nor a customer is a guess.
    pub fn is_assumption(&self) -> bool {
        self.cites.is_empty() && self.customers.is_empty()
    }

    /// The row's value for a `{{ pain.part }}` token; `None` when the row
    /// has nothing there. `part` is `value`, `proof`, `cta` or `stage`.
    pub fn part(&self, part: &str) -> Option<String> {
        let text = match part {
            "value" => &self.value,
            "proof" => &self.proof,
            "cta" => &self.cta,
            "stage" => return Some(self.stage.key().to_string()),
            _ => return None,
        };
        (!text.trim().is_empty()).then(|| text.trim().to_string())
    }
}

/// The parts of a row a `{{ pain.* }}` token can name.
pub const ROW_PARTS: [&str; 4] = ["value", "proof", "cta", "stage"];

/// The persona's pain items.
pub fn pains(persona: &Persona) -> &[Item] {
    persona
        .fields
        .get(PAIN_FIELD)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// A pain item's id, if it has one.
pub fn pain_id(item: &Item) -> Option<&str> {
    item.extra.get(PAIN_ID).and_then(|v| v.as_str())
}

/// The pain item a row refers to.
pub fn pain_of<'a>(persona: &'a Persona, row: &MessagingRow) -> Option<&'a Item> {
    pains(persona)
        .iter()
        .find(|item| pain_id(item) == Some(row.pain.as_str()))
}

/// The words of the pain a row refers to.
pub fn pain_text(persona: &Persona, row: &MessagingRow) -> Option<String> {
    pain_of(persona, row).map(|item| match &item.value {
        Value::Text(text) => text.trim().to_string(),
        other => other.to_string(),
    })
}

/// The id of the pain item at `index`, giving it one (unique among the
/// persona's pains, made from its words) when it has none yet.
pub fn ensure_pain_id(persona: &mut Persona, index: usize) -> Option<String> {
    let taken: BTreeSet<String> = pains(persona)
        .iter()
        .filter_map(|item| pain_id(item).map(str::to_string))
        .collect();
    let item = persona.fields.get_mut(PAIN_FIELD)?.get_mut(index)?;
    if let Some(id) = pain_id(item) {
        return Some(id.to_string());
    }
    let words = item.value.to_string();
    let short: String = words
        .split_whitespace()
        .take(5)
        .collect::<Vec<_>>()
        .join(" ");
    let id = unique_id(&short, "pain", |candidate| taken.contains(candidate));
    item.extra
        .insert(PAIN_ID.to_string(), toml::Value::String(id.clone()));
    Some(id)
}

/// Adds a row for the pain item at `pain_index` (giving the item an id if
/// it has none) at the end of the matrix; its position, or `None` when
/// there is no such pain item. (The editing a matrix screen needs.)
pub fn add_row(persona: &mut Persona, pain_index: usize, stage: Stage) -> Option<usize> {
    let pain = ensure_pain_id(persona, pain_index)?;
    persona.messaging.push(MessagingRow {
        stage,
        ..MessagingRow::new(pain)
    });
    Some(persona.messaging.len() - 1)
}

/// Points a row at another pain item (by its position on the card).
pub fn set_pain(persona: &mut Persona, row: usize, pain_index: usize) -> Option<()> {
    if row >= persona.messaging.len() {
        return None;
    }
    let pain = ensure_pain_id(persona, pain_index)?;
    persona.messaging[row].pain = pain;
    Some(())
}

/// Moves a row from one position to another (both within the matrix).
pub fn move_row(persona: &mut Persona, from: usize, to: usize) -> bool {
    let rows = &mut persona.messaging;
    if from >= rows.len() || to >= rows.len() {
        return false;
    }
    let row = rows.remove(from);
    rows.insert(to, row);
    true
}

/// Removes a row; the pain item keeps its id (other rows, or a later one,
/// may refer to it).
pub fn remove_row(persona: &mut Persona, row: usize) -> Option<MessagingRow> {
    (row < persona.messaging.len()).then(|| persona.messaging.remove(row))
}

/// The pain items no row refers to yet, by position: what a screen offers
/// when a row is added.
pub fn unaddressed(persona: &Persona) -> Vec<usize> {
    pains(persona)
        .iter()
        .enumerate()
        .filter(|(_, item)| {
            pain_id(item).is_none_or(|id| !persona.messaging.iter().any(|r| r.pain == id))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The row a message for this persona uses: the first whose stage is the
/// template's (the first row of all when the template names no stage).
pub fn row_for(persona: &Persona, stage: Option<Stage>) -> Option<&MessagingRow> {
    persona
        .messaging
        .iter()
        .find(|row| stage.is_none_or(|stage| row.stage == stage))
}

/// What backs a row's proof.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowEvidence<'a> {
    /// Distinct interviews behind the cited highlights that exist.
    pub interviews: usize,
    /// The best customers named that the persona's ICP has.
    pub customers: Vec<&'a BestCustomer>,
    /// Citations and customers named that do not exist (any more).
    pub missing: Vec<String>,
}

impl RowEvidence<'_> {
    pub fn is_assumption(&self) -> bool {
        self.interviews == 0 && self.customers.is_empty()
    }
}

/// Resolves a row's citations and customers against the workspace.
pub fn evidence<'a>(ws: &'a Workspace, persona: &Persona, row: &MessagingRow) -> RowEvidence<'a> {
    let cites = Item::text("").citing(row.cites.iter().cloned());
    let mut evidence = RowEvidence {
        interviews: ws.interviews_backing(&cites),
        ..RowEvidence::default()
    };
    for citation in &row.cites {
        if ws.quote(citation).is_none() {
            evidence.missing.push(citation.to_string());
        }
    }
    let icp = ws.icp(&persona.icp);
    for name in &row.customers {
        match icp.and_then(|icp| {
            icp.best_customers
                .iter()
                .find(|c| c.company.trim().eq_ignore_ascii_case(name.trim()))
        }) {
            Some(customer) if !evidence.customers.contains(&customer) => {
                evidence.customers.push(customer)
            }
            Some(_) => {}
            None => evidence.missing.push(name.clone()),
        }
    }
    evidence
}

/// Problems with a persona's matrix, each as `(row number from 1, message,
/// text to point at in the file)`.
pub fn problems(ws: &Workspace, persona: &Persona) -> Vec<(usize, String, String)> {
    let mut found = Vec::new();
    for (i, row) in persona.messaging.iter().enumerate() {
        if pain_of(persona, row).is_none() {
            found.push((
                i + 1,
                format!(
                    "messaging row {} refers to pain `{}`, which is not among the card's pain points (a pain item with `id = \"{}\"`)",
                    i + 1,
                    row.pain,
                    row.pain
                ),
                format!("pain = \"{}\"", row.pain),
            ));
        }
        let evidence = evidence(ws, persona, row);
        for missing in evidence.missing {
            found.push((
                i + 1,
                format!(
                    "messaging row {} cites `{missing}`, which is neither a highlight nor a best customer of ICP `{}`",
                    i + 1,
                    persona.icp
                ),
                format!("\"{missing}\""),
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Highlight, Icp, Interview, WorkspaceMeta};

    fn olivia() -> Persona {
        let mut p = Persona::new(
            "olivia",
            "outdoor",
            "Operations Olivia",
            "b2b-decision-maker",
        );
        p.fields.insert(
            PAIN_FIELD.into(),
            vec![
                Item::text("Half of every Monday spent matching stock"),
                Item::text("Selling online what a store already sold"),
            ],
        );
        p
    }

    #[test]
    fn rows_refer_to_pains_by_id() {
        let mut p = olivia();
        let id = ensure_pain_id(&mut p, 1).unwrap();
        assert_eq!(id, "selling-online-what-a-store");
        assert_eq!(
            ensure_pain_id(&mut p, 1).unwrap(),
            id,
            "an id is given once"
        );
        assert!(ensure_pain_id(&mut p, 7).is_none());
        let row = MessagingRow::new(&id);
        // Rewording the pain keeps the reference.
        p.fields.get_mut(PAIN_FIELD).unwrap()[1].value =
            Value::Text("Overselling in peak season".into());
        assert_eq!(pain_text(&p, &row).unwrap(), "Overselling in peak season");
        // Two pains with the same first words get different ids.
        p.fields
            .get_mut(PAIN_FIELD)
            .unwrap()
            .push(Item::text("Overselling in peak season"));
        p.fields.get_mut(PAIN_FIELD).unwrap()[1].extra.clear();
        let a = ensure_pain_id(&mut p, 1).unwrap();
        let b = ensure_pain_id(&mut p, 2).unwrap();
        assert_ne!(a, b);
    }

    #[test]
    fn rows_are_added_moved_and_removed() {
        let mut p = olivia();
        assert_eq!(unaddressed(&p), [0, 1]);
        assert_eq!(add_row(&mut p, 1, Stage::Decision), Some(0));
        assert_eq!(add_row(&mut p, 0, Stage::Awareness), Some(1));
        assert_eq!(add_row(&mut p, 5, Stage::Awareness), None);
        assert!(unaddressed(&p).is_empty());
        assert_eq!(
            pain_text(&p, &p.messaging[0]).unwrap(),
            "Selling online what a store already sold"
        );
        assert!(move_row(&mut p, 1, 0));
        assert_eq!(p.messaging[0].stage, Stage::Awareness);
        assert!(!move_row(&mut p, 0, 2));
        set_pain(&mut p, 0, 1).unwrap();
        assert_eq!(p.messaging[0].pain, p.messaging[1].pain);
        assert_eq!(unaddressed(&p), [0]);
        assert!(remove_row(&mut p, 1).is_some());
        assert!(remove_row(&mut p, 1).is_none());
        assert_eq!(p.messaging.len(), 1);
    }

    #[test]
    fn a_row_is_chosen_by_stage() {
        let mut p = olivia();
        let mut first = MessagingRow::new("a");
        first.stage = Stage::Consideration;
        let mut second = MessagingRow::new("b");
        second.stage = Stage::Decision;
        p.messaging = vec![first, second];
        assert_eq!(row_for(&p, None).unwrap().pain, "a");
        assert_eq!(row_for(&p, Some(Stage::Decision)).unwrap().pain, "b");
        assert!(row_for(&p, Some(Stage::Retention)).is_none());
        assert_eq!(Stage::parse(" BOFU "), Some(Stage::Decision));
    }

    #[test]
    fn evidence_counts_interviews_and_customers() {
        let mut ws = Workspace::new(WorkspaceMeta::new("w"));
        let mut icp = Icp::new("outdoor", "Outdoor", "icp");
        icp.best_customers.push(BestCustomer {
            company: "Ridgeline Sports".into(),
            ..BestCustomer::default()
        });
        ws.icps.push(icp);
        let mut interview = Interview::new("dana", "Dana");
        interview.highlights.push(Highlight {
            id: "h1".into(),
            text: "Mondays are lost".into(),
            tags: vec![],
            extra: Extra::new(),
        });
        ws.interviews.push(interview);
        let mut p = olivia();
        let id = ensure_pain_id(&mut p, 0).unwrap();
        let mut row = MessagingRow::new(&id);
        assert!(evidence(&ws, &p, &row).is_assumption());
        row.cites = vec![Citation::new("dana", "h1"), Citation::new("gone", "h9")];
        row.customers = vec!["ridgeline sports".into(), "Nobody Inc".into()];
        let found = evidence(&ws, &p, &row);
        assert_eq!(found.interviews, 1);
        assert_eq!(found.customers[0].company, "Ridgeline Sports");
        assert_eq!(found.missing, vec!["gone#h9", "Nobody Inc"]);
        p.messaging.push(row);
        p.messaging.push(MessagingRow::new("nope"));
        let problems = problems(&ws, &p);
        assert_eq!(problems.len(), 3);
        assert!(
            problems[2].1.contains("refers to pain `nope`"),
            "{problems:?}"
        );
    }
}
