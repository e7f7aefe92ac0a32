//! Rules that span files: references between things, and values that do not
//! fit their template. Reported by `persona validate`, never a crash.

use super::template::{FieldKind, TemplateKind};
use super::value::{Fields, Value};
use super::workspace::{EntityRef, Kind, Profile, Workspace};
use std::collections::{HashMap, HashSet};

/// Interviews by id, built once per check: every citation is looked up
/// by hash, not by comparing ids across the workspace.
type ById<'a> = HashMap<&'a str, &'a super::Interview>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One finding about one thing in the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub subject: EntityRef,
    pub severity: Severity,
    pub message: String,
    /// Text to look for in the file to point at the right line.
    pub near: Option<String>,
}

impl Finding {
    fn error(subject: &EntityRef, message: String, near: Option<String>) -> Finding {
        Finding {
            subject: subject.clone(),
            severity: Severity::Error,
            message,
            near,
        }
    }

    fn warning(subject: &EntityRef, message: String, near: Option<String>) -> Finding {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(subject, message, near)
        }
    }
}

/// Checks every reference and value in the workspace.
pub fn check(workspace: &Workspace) -> Vec<Finding> {
    let mut findings = Vec::new();
    let by_id: ById = workspace
        .interviews
        .iter()
        .map(|i| (i.id.as_str(), i))
        .collect();
    for icp in &workspace.icps {
        check_profile(workspace, &by_id, icp, Kind::Icp, &mut findings);
    }
    // Each persona's checks on every core, their findings kept in order.
    let personas = crate::parallel::map_ordered(&workspace.personas, 64, |persona| {
        let mut findings = Vec::new();
        check_persona(workspace, &by_id, persona, &mut findings);
        findings
    });
    findings.extend(personas.into_iter().flatten());
    for interview in &workspace.interviews {
        let subject = EntityRef::new(Kind::Interview, &interview.id);
        if let Some(icp) = &interview.icp
            && workspace.icp(icp).is_none()
        {
            findings.push(Finding::error(
                &subject,
                format!("names ICP `{icp}`, which does not exist"),
                Some(format!("\"{icp}\"")),
            ));
        }
        let mut seen = HashSet::new();
        for highlight in &interview.highlights {
            // Two copies of one highlight kept by a merge share its id;
            // the conflict is reported, not the id.
            let in_conflict = super::conflict::Mark::of(&highlight.extra).is_some();
            if !seen.insert(highlight.id.as_str()) && !in_conflict {
                findings.push(Finding::error(
                    &subject,
                    format!("highlight id `{}` is used twice", highlight.id),
                    Some(format!("\"{}\"", highlight.id)),
                ));
            }
            if highlight.text.trim().is_empty() {
                findings.push(Finding::warning(
                    &subject,
                    format!("highlight `{}` has no text", highlight.id),
                    Some(format!("\"{}\"", highlight.id)),
                ));
            }
        }
    }
    findings
}

/// The checks of one persona: its ICP, its fields and their citations,
/// its messaging matrix.
fn check_persona(
    workspace: &Workspace,
    by_id: &ById,
    persona: &super::Persona,
    findings: &mut Vec<Finding>,
) {
    let subject = EntityRef::new(Kind::Persona, &persona.id);
    if workspace.icp(&persona.icp).is_none() {
        findings.push(Finding::error(
            &subject,
            format!(
                "belongs to ICP `{}`, which does not exist (icps/{}/icp.toml is missing)",
                persona.icp, persona.icp
            ),
            None,
        ));
    }
    check_profile(workspace, by_id, persona, Kind::Persona, findings);
    for (_, message, near) in super::outreach::matrix::problems(workspace, persona) {
        findings.push(Finding::error(&subject, message, Some(near)));
    }
}

fn check_profile<P: Profile>(
    workspace: &Workspace,
    by_id: &ById,
    profile: &P,
    kind: Kind,
    findings: &mut Vec<Finding>,
) {
    let subject = EntityRef::new(kind, profile.id());
    let template_near = Some(format!("\"{}\"", profile.template_id()));
    let template = match workspace.template(profile.template_id()) {
        Some(template) => template,
        None => {
            findings.push(Finding::error(
                &subject,
                format!(
                    "uses template `{}`, which does not exist (see `persona templates`)",
                    profile.template_id()
                ),
                template_near,
            ));
            check_citations(by_id, &subject, profile.fields(), findings);
            return;
        }
    };
    if template.kind != profile.template_kind() {
        let wanted = match profile.template_kind() {
            TemplateKind::Icp => "an ICP",
            TemplateKind::Persona => "a persona",
        };
        findings.push(Finding::error(
            &subject,
            format!(
                "uses template `{}`, which is for {}s, not {wanted}",
                template.id, template.kind
            ),
            template_near,
        ));
    }
    for (field_id, items) in profile.fields() {
        let near = Some(format!("fields.{field_id}"));
        let Some(field) = template.field(field_id) else {
            findings.push(Finding::warning(
                &subject,
                format!(
                    "field `{field_id}` is not in template `{}`; it is kept but not shown",
                    template.id
                ),
                near,
            ));
            continue;
        };
        let settled = items
            .iter()
            .filter(|item| super::conflict::Mark::of(&item.extra).is_none())
            .count();
        if !field.kind.is_multi() && settled > 1 {
            findings.push(Finding::error(
                &subject,
                format!(
                    "field `{field_id}` is a {} and holds one value, but has {}",
                    field.kind.label(),
                    items.len()
                ),
                near.clone(),
            ));
        }
        for item in items {
            let fits = match (field.kind, &item.value) {
                (FieldKind::Number, Value::Number(_)) => true,
                (FieldKind::Range, Value::Range { .. }) => true,
                (FieldKind::Number | FieldKind::Range, _) => false,
                (_, Value::Text(_)) => true,
                _ => false,
            };
            if !fits {
                let wanted = match field.kind {
                    FieldKind::Number => "a `number`".to_string(),
                    FieldKind::Range => "a `min` and `max`".to_string(),
                    other => format!("`text` ({})", other.label()),
                };
                findings.push(Finding::error(
                    &subject,
                    format!(
                        "field `{field_id}` expects {wanted}, but holds `{}`",
                        item.value
                    ),
                    near.clone(),
                ));
            }
            if let Value::Range { min, max } = &item.value
                && min > max
            {
                findings.push(Finding::error(
                    &subject,
                    format!(
                        "field `{field_id}` has a range that starts at {min}, above its end {max}"
                    ),
                    near.clone(),
                ));
            }
            if let (FieldKind::Choice, Value::Text(text)) = (field.kind, &item.value)
                && !field.options.iter().any(|o| o == text)
            {
                findings.push(Finding::warning(
                    &subject,
                    format!(
                        "field `{field_id}` holds `{text}`, which is not one of its options ({})",
                        field.options.join(", ")
                    ),
                    near.clone(),
                ));
            }
        }
    }
    check_citations(by_id, &subject, profile.fields(), findings);
}

fn check_citations(
    by_id: &ById,
    subject: &EntityRef,
    fields: &Fields,
    findings: &mut Vec<Finding>,
) {
    for (field_id, items) in fields {
        for citation in items.iter().flat_map(|item| item.cites.iter()) {
            let near = || Some(format!("\"{citation}\""));
            match by_id.get(citation.interview.as_str()) {
                None => findings.push(Finding::error(
                    subject,
                    format!(
                        "field `{field_id}` cites `{citation}`, but there is no interview `{}`",
                        citation.interview
                    ),
                    near(),
                )),
                Some(interview) if interview.highlight(&citation.highlight).is_none() => findings
                    .push(Finding::error(
                        subject,
                        format!(
                            "field `{field_id}` cites `{citation}`, but interview `{}` has no highlight `{}`",
                            citation.interview, citation.highlight
                        ),
                        near(),
                    )),
                Some(_) => {}
            }
        }
    }
}
