//! ICPs, personas and interviews as JSON for scripts (`persona show
//! --json`): what a reader of the card sees, not the raw file. Fields carry
//! their labels and sections, items their evidence (each citation resolved
//! to the quote, who said it and when), the card its evidence counts and
//! whether it is stale. Numbers are numbers; a key that has no value is
//! `null`, never missing, so scripts can rely on the shape.

use crate::domain::freshness::freshness;
use crate::domain::workspace::counts_as_claim;
use crate::domain::{
    Citation, EvidenceSummary, Icp, Interview, Item, Persona, Profile, Template, Value, Workspace,
};
use jiff::civil::Date;
use serde_json::{Value as Json, json};

/// What "stale" is measured against.
#[derive(Clone, Copy, Debug)]
pub struct Freshness {
    pub today: Date,
    pub stale_after_days: i64,
}

fn number(n: crate::domain::Number) -> Json {
    let v = n.get();
    if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

fn date(d: Option<Date>) -> Json {
    d.map_or(Json::Null, |d| json!(d.to_string()))
}

fn text_or_null(text: &str) -> Json {
    if text.trim().is_empty() {
        Json::Null
    } else {
        json!(text)
    }
}

/// One citation, resolved: the quote and where it came from, or
/// `found: false` when the interview or highlight does not exist.
fn citation(ws: &Workspace, cite: &Citation) -> Json {
    match ws.quote(cite) {
        Some(q) => json!({
            "citation": cite.to_string(),
            "interview": cite.interview,
            "highlight": cite.highlight,
            "found": true,
            "quote": q.highlight.text,
            "tags": q.highlight.tags,
            "who": text_or_null(&q.interview.interviewee),
            "role": text_or_null(&q.interview.role),
            "company": text_or_null(&q.interview.company),
            "date": date(q.interview.date),
            "source": q.interview.source.label(),
            "interview_name": q.interview.title,
        }),
        None => json!({
            "citation": cite.to_string(),
            "interview": cite.interview,
            "highlight": cite.highlight,
            "found": false,
            "quote": null,
            "tags": [],
            "who": null,
            "role": null,
            "company": null,
            "date": null,
            "source": null,
            "interview_name": null,
        }),
    }
}

fn item(ws: &Workspace, item: &Item, unit: Option<&str>, claim: bool) -> Json {
    let (text, num, min, max) = match &item.value {
        Value::Text(t) => (t.clone(), Json::Null, Json::Null, Json::Null),
        Value::Number(n) => (n.to_string(), number(*n), Json::Null, Json::Null),
        Value::Range { min, max } => (
            item.value.to_string(),
            Json::Null,
            number(*min),
            number(*max),
        ),
    };
    let interviews = ws.interviews_backing(item);
    json!({
        "text": text,
        "number": num,
        "min": min,
        "max": max,
        "unit": unit.map_or(Json::Null, |u| json!(u)),
        // A field such as the outreach template holds text, not a claim.
        "evidence": if !claim { "not a claim" } else if interviews > 0 { "backed" } else { "assumption" },
        "interviews": interviews,
        "citations": item.cites.iter().map(|c| citation(ws, c)).collect::<Vec<_>>(),
    })
}

/// The fields of a card in the template's order (sections and labels),
/// then any field the template does not know, under its id.
fn fields(ws: &Workspace, profile: &dyn Profile, template: Option<&Template>) -> Json {
    let values = profile.fields();
    let mut out = Vec::new();
    let mut listed = std::collections::BTreeSet::new();
    if let Some(t) = template {
        for section in &t.sections {
            for field in &section.fields {
                listed.insert(field.id.as_str());
                let items = values.get(&field.id).map(Vec::as_slice).unwrap_or(&[]);
                out.push(json!({
                    "id": field.id,
                    "label": field.label,
                    "section": section.title,
                    "kind": field.kind.label(),
                    "required": field.required,
                    "claim": counts_as_claim(&field.id),
                    "items": items.iter().map(|i| item(ws, i, field.unit.as_deref(), counts_as_claim(&field.id))).collect::<Vec<_>>(),
                }));
            }
        }
    }
    for (id, items) in values {
        if listed.contains(id.as_str()) {
            continue;
        }
        out.push(json!({
            "id": id,
            "label": id,
            "section": null,
            "kind": null,
            "required": false,
            "claim": counts_as_claim(id),
            "items": items.iter().map(|i| item(ws, i, None, counts_as_claim(id))).collect::<Vec<_>>(),
        }));
    }
    Json::Array(out)
}

fn card(ws: &Workspace, profile: &dyn Profile, fresh: Freshness) -> serde_json::Map<String, Json> {
    let template = ws.template(profile.template_id());
    let summary = EvidenceSummary::of(ws, profile.fields());
    let mut map = serde_json::Map::new();
    map.insert("id".into(), json!(profile.id()));
    map.insert("name".into(), json!(profile.name()));
    map.insert("template".into(), json!(profile.template_id()));
    map.insert(
        "template_name".into(),
        template.map_or(Json::Null, |t| json!(t.name)),
    );
    map.insert(
        "updated".into(),
        profile
            .updated()
            .map_or(Json::Null, |t| json!(t.to_string())),
    );
    map.insert("last_validated".into(), date(profile.last_validated()));
    map.insert(
        "stale".into(),
        json!(
            freshness(
                profile.last_validated(),
                fresh.today,
                fresh.stale_after_days
            )
            .is_stale()
        ),
    );
    map.insert(
        "evidence".into(),
        json!({"backed": summary.backed, "assumptions": summary.assumptions, "claims": summary.total()}),
    );
    map.insert("fields".into(), fields(ws, profile, template));
    map
}

/// An ICP: its card, its best customers and the ids of its personas.
pub fn icp(ws: &Workspace, icp: &Icp, fresh: Freshness) -> Json {
    let mut map = serde_json::Map::new();
    map.insert("kind".into(), json!("icp"));
    map.extend(card(ws, icp, fresh));
    map.insert(
        "created".into(),
        icp.created.map_or(Json::Null, |t| json!(t.to_string())),
    );
    map.insert(
        "best_customers".into(),
        serde_json::to_value(&icp.best_customers).unwrap_or(Json::Null),
    );
    map.insert(
        "personas".into(),
        json!(
            ws.personas_of(&icp.id)
                .map(|p| json!({"id": p.id, "name": p.name}))
                .collect::<Vec<_>>()
        ),
    );
    Json::Object(map)
}

/// A persona: its card and the ICP it belongs to.
pub fn persona(ws: &Workspace, persona: &Persona, fresh: Freshness) -> Json {
    let mut map = serde_json::Map::new();
    map.insert("kind".into(), json!("persona"));
    map.extend(card(ws, persona, fresh));
    map.insert(
        "created".into(),
        persona.created.map_or(Json::Null, |t| json!(t.to_string())),
    );
    map.insert("icp".into(), json!(persona.icp));
    map.insert(
        "icp_name".into(),
        ws.icp(&persona.icp).map_or(Json::Null, |i| json!(i.name)),
    );
    Json::Object(map)
}

/// An interview: who, when, the notes, and each highlight with what cites it.
pub fn interview(ws: &Workspace, interview: &Interview) -> Json {
    let highlights: Vec<Json> = interview
        .highlights
        .iter()
        .map(|h| {
            let cite = Citation::new(&interview.id, &h.id);
            let cited_by: Vec<Json> = ws
                .citing(&cite)
                .into_iter()
                .map(
                    |(entity, field)| json!({"kind": entity.kind, "id": entity.id, "field": field}),
                )
                .collect();
            json!({
                "id": h.id,
                "citation": cite.to_string(),
                "text": h.text,
                "tags": h.tags,
                "stale": crate::domain::anchor::is_stale(interview, h),
                "cited_by": cited_by,
            })
        })
        .collect();
    json!({
        "kind": "interview",
        "id": interview.id,
        "name": interview.title,
        "title": interview.title,
        "date": date(interview.date),
        "interviewee": text_or_null(&interview.interviewee),
        "role": text_or_null(&interview.role),
        "company": text_or_null(&interview.company),
        "source": interview.source.label(),
        "source_detail": text_or_null(&interview.source_detail),
        "icp": interview.icp.as_deref().map_or(Json::Null, |i| json!(i)),
        "created": interview.created.map_or(Json::Null, |t| json!(t.to_string())),
        "updated": interview.updated.map_or(Json::Null, |t| json!(t.to_string())),
        "notes": interview.notes,
        "highlights": highlights,
    })
}
