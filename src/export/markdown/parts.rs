//! Small pieces every exported page uses: values, links, tables, file
//! names.

use super::Links;
use crate::domain::{
    EntityRef, Field, Item, Kind, Persona, Source, Template, Value, Workspace, id as ids,
};
use crate::export::escape::{self, inline, phrase};
use jiff::civil::Date;
use std::collections::HashMap;
use std::fmt::Write as _;

/// The value as a reader says it: numbers and ranges with their unit.
pub(super) fn value_text(item: &Item, field: Option<&Field>) -> String {
    let unit = field
        .and_then(|f| f.unit.as_deref())
        .map(str::trim)
        .filter(|u| !u.is_empty());
    match (&item.value, unit) {
        (Value::Text(text), _) => text.clone(),
        (value, Some(unit)) => format!("{value} {unit}"),
        (value, None) => value.to_string(),
    }
}

pub(super) fn is_blank(item: &Item) -> bool {
    matches!(&item.value, Value::Text(text) if text.trim().is_empty())
}

pub(super) fn template_name(template: Option<&Template>, id: &str) -> String {
    inline(template.map_or(id, |t| t.name.as_str()))
}

pub(super) fn validated(date: Option<Date>) -> String {
    date.map_or_else(|| "never".to_string(), |d| d.to_string())
}

/// Who and what pages name, built once for pages that name many of them:
/// personas by id (the workspace keeps them in ICP order, so finding one by
/// id alone is a scan, and an export of thousands of interviews asked for
/// one per citer), and each template field's label as the pages write it
/// (asked for at every citation, each a scan of the template's fields).
pub(super) struct Names<'w> {
    personas: HashMap<&'w str, &'w Persona>,
    labels: HashMap<(&'w str, &'w str), String>,
}

impl<'w> Names<'w> {
    pub(super) fn of(ws: &'w Workspace) -> Names<'w> {
        let mut personas = HashMap::with_capacity(ws.personas.len());
        for persona in &ws.personas {
            // The first of a repeated id, as `Workspace::persona` finds.
            personas.entry(persona.id.as_str()).or_insert(persona);
        }
        let mut labels = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        // The first template of a repeated id, as `Workspace::template`
        // finds.
        for template in ws.templates.iter().filter(|t| seen.insert(t.id.as_str())) {
            for field in template.fields() {
                // The first of a repeated id, as `Template::field` finds.
                labels
                    .entry((template.id.as_str(), field.id.as_str()))
                    .or_insert_with(|| phrase(&field.label));
            }
        }
        Names { personas, labels }
    }

    fn persona(&self, id: &str) -> Option<&'w Persona> {
        self.personas.get(id).copied()
    }
}

/// Who cites a highlight: "Operations Olivia (Pain points, Goals); ..."
pub(super) fn citing_text(
    ws: &Workspace,
    names: &Names,
    citing: &[(EntityRef, String)],
    links: Links,
    linkable: &dyn Fn(&EntityRef) -> bool,
) -> String {
    let mut groups: Vec<(&EntityRef, Vec<String>)> = Vec::new();
    for (entity, field) in citing {
        let label = field_label(ws, names, entity, field);
        match groups.last_mut() {
            Some((last, labels)) if *last == entity => labels.push(label),
            _ => groups.push((entity, vec![label])),
        }
    }
    groups
        .into_iter()
        .map(|(entity, labels)| {
            let (name, folder) = match entity.kind {
                Kind::Icp => (ws.icp(&entity.id).map(|i| i.name.as_str()), "icps"),
                _ => (
                    names.persona(&entity.id).map(|p| p.name.as_str()),
                    "personas",
                ),
            };
            let links = if linkable(entity) { links } else { Links::None };
            let name = link(
                &inline(name.unwrap_or(&entity.id)),
                links,
                &format!("../{folder}/{}.md", file_stem(&entity.id)),
            );
            format!("{name} ({})", labels.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn field_label(
    ws: &Workspace,
    names: &Names,
    entity: &EntityRef,
    field: &str,
) -> String {
    let template = match entity.kind {
        Kind::Icp => ws.icp(&entity.id).map(|i| i.template.as_str()),
        _ => names.persona(&entity.id).map(|p| p.template.as_str()),
    };
    // A field its template does not have (or a missing template) is
    // named by its id.
    template
        .and_then(|t| names.labels.get(&(t, field)))
        .cloned()
        .unwrap_or_else(|| phrase(field))
}

pub(super) fn link(text: &str, links: Links, target: &str) -> String {
    match links {
        Links::Folder => format!("[{text}]({target})"),
        Links::None => text.to_string(),
    }
}

/// The file name for an id: the id itself when it is a proper slug, else a
/// slug of it, so a hand-edited `../../x` can never leave the export folder.
pub(super) fn file_stem(id: &str) -> String {
    if ids::is_valid_id(id) {
        id.to_string()
    } else {
        escape::url_segment(&ids::slugify(id, "item"))
    }
}

/// A footnote label part: the id, with anything a label cannot hold as `-`.
pub(super) fn label_part(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

pub(super) fn table(out: &mut String, headers: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(headers.len()));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
}

pub(super) fn source_key(source: Source) -> &'static str {
    match source {
        Source::Interview => "interview",
        Source::Survey => "survey",
        Source::SupportTicket => "support-ticket",
        Source::SalesCall => "sales-call",
        Source::CrmNote => "crm-note",
        Source::Other => "other",
    }
}
