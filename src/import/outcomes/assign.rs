//! Where each imported row belongs, from what the workspace knows:
//!
//! - **persona**: the file's persona column (a persona's name, id, or a
//!   value its match rules list), else the personas' match rules on the
//!   row's job title, seniority and department, else the persona of the
//!   outreach template the row is about (when that template is for exactly
//!   one persona); the rules of [`crate::domain::outreach::rules`], the same
//!   ones `outreach render` uses. Rows left over count under no persona.
//! - **template**: the row's campaign, sequence or template name matched to
//!   an outreach template (`templates/outreach/`) by id or name; a name no
//!   template has is kept as written (so campaigns are still told apart);
//!   `--template` names it for every row.
//! - **ICP**: the persona's, else `--icp`.
//! - **tier**: a tier column (`fit_tier` from `persona score`, HubSpot's
//!   `Ideal Customer Profile Tier`), matched to the ICP's tier names; else
//!   the row scored with the ICP's scoring rules (`icps/<id>/scoring.toml`)
//!   when at least half of the rules can read a value from the row (a
//!   disqualifier that fires always counts).

use crate::domain::metrics::aggregate::{Assigned, Assigner, PersonaFrom, Record};
use crate::domain::outreach::OutreachTemplate;
use crate::domain::outreach::rules::{self, Assignment, Basis};
use crate::domain::scoring::{Outcome, Scorer, Scoring};
use crate::domain::{Persona, Workspace, id};
use crate::import::columns::Mapping;
use crate::import::table::Row;
use std::cell::Cell;
use std::collections::BTreeMap;

/// The workspace's side of an import.
pub struct WorkspaceAssigner<'a> {
    workspace: &'a Workspace,
    mapping: &'a Mapping,
    templates: &'a [OutreachTemplate],
    /// `--icp`: the ICP of rows without a persona, and the only personas
    /// considered.
    icp: Option<&'a str>,
    /// `--template`: the outreach template of every row.
    template: Option<&'a str>,
    /// Per ICP with scoring rules: the rules bound to this file, or why
    /// they could not be.
    scorers: BTreeMap<String, Result<Scorer, String>>,
    /// Rows left without a tier because too few of their ICP's rules could
    /// read a value from them.
    thin: Cell<u64>,
    /// The persona rules read recognised fields only: leads carry no
    /// columns of their own.
    no_columns: std::sync::Arc<[(String, String)]>,
}

/// A row is given a tier by scoring only when at least this share of its
/// ICP's rules read a value from it: with most values missing, the score
/// says more about the export's columns than about fit.
pub const MIN_KNOWN_RULES: f64 = 0.5;

impl<'a> WorkspaceAssigner<'a> {
    /// `scorings` are the ICPs' scoring rules (those that have them).
    pub fn new(
        workspace: &'a Workspace,
        mapping: &'a Mapping,
        templates: &'a [OutreachTemplate],
        scorings: Vec<Scoring>,
        icp: Option<&'a str>,
        template: Option<&'a str>,
    ) -> WorkspaceAssigner<'a> {
        let header = crate::import::scoring::lead_header(mapping);
        let recognise = |h: &str| crate::import::scoring::recognise(h);
        let scorers = scorings
            .into_iter()
            .map(|scoring| {
                let icp = scoring.icp.clone();
                let bound = Scorer::new(scoring, header.clone(), &recognise)
                    .map_err(|e| e.brief(&crate::store::scoring::scoring_file(&icp), "the file"));
                (icp, bound)
            })
            .collect();
        WorkspaceAssigner {
            workspace,
            mapping,
            templates,
            icp,
            template,
            scorers,
            no_columns: crate::domain::outreach::lead::shared_header::<&str>(&[]),
            thin: Cell::new(0),
        }
    }

    /// Rows not given a tier because most of their ICP's rules could not
    /// read them.
    pub fn thin_rows(&self) -> u64 {
        self.thin.get()
    }

    /// The ICPs whose scoring rules could not read this file, with why.
    pub fn unscored(&self) -> Vec<(&str, &str)> {
        self.scorers
            .iter()
            .filter_map(|(icp, s)| s.as_ref().err().map(|e| (icp.as_str(), e.as_str())))
            .collect()
    }

    /// The outreach template a campaign name means, if any.
    fn outreach(&self, name: &str) -> Option<&'a OutreachTemplate> {
        let wanted = fold(name);
        let slug = id::slugify(name, "");
        self.templates
            .iter()
            .find(|t| t.id == name.trim() || t.id == slug || fold(&t.name) == wanted)
    }

    /// The tier a tier cell names, in the ICP's own spelling when it has
    /// scoring tiers (`tier a` and `Tier A` are `A`).
    fn tier_named(&self, icp: Option<&str>, written: &str) -> String {
        let written = written.trim();
        let key = fold(written);
        let bare = key
            .strip_prefix("tier")
            .map(str::trim)
            .unwrap_or(&key)
            .to_string();
        let names: Vec<String> = icp
            .and_then(|i| self.scorers.get(i))
            .and_then(|s| s.as_ref().ok())
            .map(|s| s.tiers().iter().map(|t| t.name.clone()).collect())
            .unwrap_or_default();
        names
            .into_iter()
            .find(|n| fold(n) == key || fold(n) == bare)
            .unwrap_or_else(|| written.to_string())
    }
}

/// Text as compared: lowercase words separated by single spaces.
fn fold(text: &str) -> String {
    crate::domain::scoring::normalise::fold(text)
}

impl Assigner for WorkspaceAssigner<'_> {
    fn assign(&self, record: &Record) -> Assigned {
        let outreach = match self.template {
            Some(id) => self.templates.iter().find(|t| t.id == id),
            None => record.template.as_deref().and_then(|n| self.outreach(n)),
        };
        let template = match (self.template, outreach) {
            (Some(id), _) => Some(id.to_string()),
            (None, Some(t)) => Some(t.id.clone()),
            (None, None) => record
                .template
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string),
        };
        let row = Row::new(record.line, &record.cells);
        let lead = crate::import::leads::lead_of(self.mapping, None, &self.no_columns, &row);
        // The template's own personas are tried first, as outreach does.
        let mut candidates: Vec<&Persona> = Vec::new();
        if let Some(t) = outreach {
            candidates.extend(t.personas.iter().filter_map(|p| self.workspace.persona(p)));
        }
        for persona in &self.workspace.personas {
            if self.icp.is_none_or(|i| persona.icp == i)
                && !candidates.iter().any(|c| c.id == persona.id)
            {
                candidates.push(persona);
            }
        }
        let mut assigned = Assigned {
            template,
            ..Assigned::default()
        };
        match rules::assign(&lead, &candidates) {
            Assignment::Persona { persona, basis } => {
                assigned.persona = Some(persona.id.clone());
                assigned.persona_from = Some(match basis {
                    Basis::Column => PersonaFrom::Column,
                    _ => PersonaFrom::Rules,
                });
                assigned.icp = Some(persona.icp.clone());
            }
            Assignment::Unmatched(_) => {
                let theirs: Vec<&Persona> = outreach
                    .map(|t| {
                        t.personas
                            .iter()
                            .filter_map(|p| self.workspace.persona(p))
                            .collect()
                    })
                    .unwrap_or_default();
                if let [only] = theirs.as_slice() {
                    assigned.persona = Some(only.id.clone());
                    assigned.persona_from = Some(PersonaFrom::Template);
                    assigned.icp = Some(only.icp.clone());
                }
            }
        }
        if let Some(named) = lead.field("persona")
            && assigned.persona_from != Some(PersonaFrom::Column)
        {
            assigned.unknown_persona = Some(named.to_string());
        }
        if assigned.icp.is_none() {
            assigned.icp = self.icp.map(str::to_string);
        }
        let icp = assigned.icp.clone();
        assigned.tier = match record.tier.as_deref() {
            Some(written) => Some(self.tier_named(icp.as_deref(), written)),
            None => icp
                .as_deref()
                .and_then(|i| self.scorers.get(i))
                .and_then(|s| s.as_ref().ok())
                .and_then(|scorer| {
                    let mut scored = scorer.blank();
                    scorer.score(&record.cells, &mut scored);
                    let known = scored
                        .outcomes
                        .iter()
                        .filter(|o| !matches!(o, Outcome::Unknown))
                        .count();
                    let enough = known as f64 >= MIN_KNOWN_RULES * scored.outcomes.len() as f64;
                    if enough || scored.is_disqualified() {
                        Some(scorer.verdict(&scored).to_string())
                    } else {
                        self.thin.set(self.thin.get() + 1);
                        None
                    }
                }),
        };
        assigned
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::metrics::Counts;
    use crate::domain::outreach::MatchRules;

    fn workspace() -> Workspace {
        let mut ws = Workspace::new(crate::domain::WorkspaceMeta::new("t"));
        ws.icps
            .push(crate::domain::Icp::new("outdoor", "Outdoor retail", "icp"));
        let mut olivia = Persona::new(
            "operations-olivia",
            "outdoor",
            "Operations Olivia",
            "b2b-decision-maker",
        );
        olivia.rules = MatchRules {
            job_title: vec!["operations".into(), "coo".into()],
            ..MatchRules::default()
        };
        let mut frank = Persona::new(
            "finance-frank",
            "outdoor",
            "Finance Frank",
            "b2b-decision-maker",
        );
        frank.rules = MatchRules {
            job_title: vec!["finance".into(), "cfo".into()],
            ..MatchRules::default()
        };
        ws.personas = vec![olivia, frank];
        ws
    }

    fn record(cells: &[&str], template: Option<&str>, tier: Option<&str>) -> Record {
        Record {
            line: 2,
            template: template.map(str::to_string),
            tier: tier.map(str::to_string),
            counts: Counts::default(),
            cells: cells.iter().map(|c| c.to_string()).collect(),
            ..Record::default()
        }
    }

    #[test]
    fn column_then_rules_then_template() {
        let ws = workspace();
        let headers: Vec<String> = ["Email", "Job Title", "Persona"].map(String::from).to_vec();
        let mapping = Mapping::new(&headers);
        let mut finance = OutreachTemplate::new("finance-roi", "Finance ROI follow-up");
        finance.personas = vec!["finance-frank".into()];
        let templates = vec![finance];
        let a = WorkspaceAssigner::new(&ws, &mapping, &templates, Vec::new(), None, None);
        let by_column = a.assign(&record(&["a@x", "Buyer", "Operations Olivia"], None, None));
        assert_eq!(by_column.persona.as_deref(), Some("operations-olivia"));
        assert_eq!(by_column.persona_from, Some(PersonaFrom::Column));
        assert_eq!(by_column.icp.as_deref(), Some("outdoor"));
        let by_rules = a.assign(&record(&["a@x", "CFO", ""], None, Some("Tier A")));
        assert_eq!(by_rules.persona.as_deref(), Some("finance-frank"));
        assert_eq!(by_rules.persona_from, Some(PersonaFrom::Rules));
        assert_eq!(by_rules.tier.as_deref(), Some("Tier A"));
        let by_template = a.assign(&record(
            &["a@x", "Buyer", ""],
            Some("Finance ROI follow-up"),
            None,
        ));
        assert_eq!(by_template.persona.as_deref(), Some("finance-frank"));
        assert_eq!(by_template.persona_from, Some(PersonaFrom::Template));
        assert_eq!(by_template.template.as_deref(), Some("finance-roi"));
        let unknown = a.assign(&record(
            &["a@x", "Buyer", "CFO Carl"],
            Some("Black Friday"),
            None,
        ));
        assert_eq!(unknown.persona, None);
        assert_eq!(unknown.unknown_persona.as_deref(), Some("CFO Carl"));
        assert_eq!(unknown.template.as_deref(), Some("Black Friday"));
    }
}
