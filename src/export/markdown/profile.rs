//! ICPs and personas: their sections laid out by the template, with the
//! evidence behind every value.

use super::footnotes::{Footnotes, Sources, summary_text};
use super::front_matter::profile_front_matter;
use super::parts::*;
use super::{Links, Options};
use crate::domain::workspace::counts_as_claim;
use crate::domain::{
    EvidenceSummary, Field, Fields, Icp, Item, Persona, Section, SectionStyle, Template, Workspace,
};
use crate::export::escape::{
    as_is, block, cell, inline, phrase, push_cell, push_inline, yaml_string,
};
use std::collections::HashSet;
use std::fmt::Write as _;

pub(super) fn render_persona(
    ws: &Workspace,
    persona: &Persona,
    opts: &Options,
    icp_linked: bool,
    interviews: &HashSet<&str>,
    sources: Option<&Sources>,
) -> String {
    let mut out = String::new();
    if opts.front_matter {
        let mut fm = profile_front_matter(persona, "persona");
        fm.insert_after("title", "icp", yaml_string(&persona.icp));
        out.push_str(&fm.finish());
    }
    let template = ws.template(&persona.template);
    let _ = writeln!(out, "# {}\n", inline(&persona.name));

    let icp_name = match ws.icp(&persona.icp) {
        Some(icp) => {
            let links = if icp_linked { opts.links } else { Links::None };
            link(
                &inline(&icp.name),
                links,
                &format!("../icps/{}.md", file_stem(&icp.id)),
            )
        }
        None => inline(&persona.icp),
    };
    let _ = writeln!(
        out,
        "Buyer persona in {icp_name} · Template: {} · Last validated: {}\n",
        template_name(template, &persona.template),
        validated(persona.last_validated),
    );

    out.push_str(&super::outcomes::flags(ws, persona));
    let sections = plan(template, &persona.fields, SectionStyle::List);
    let _ = writeln!(out, "{}", summary_line(ws, &sections));
    let mut notes = Footnotes::new(ws, label_part(&persona.id))
        .linking(opts.links, interviews)
        .sourced(sources);
    render_sections(&mut out, &sections, &mut notes, "Attribute");
    out.push_str(&super::matrix::section(ws, persona, &mut notes));
    out.push_str(&super::outcomes::section(ws, persona));
    notes.push_definitions(&mut out);
    out
}

pub(super) fn render_icp(
    ws: &Workspace,
    icp: &Icp,
    opts: &Options,
    personas: &[&Persona],
    linkable: &dyn Fn(&Persona) -> bool,
    interviews: &HashSet<&str>,
    sources: Option<&Sources>,
) -> String {
    let mut out = String::new();
    if opts.front_matter {
        out.push_str(&profile_front_matter(icp, "icp").finish());
    }
    let template = ws.template(&icp.template);
    let _ = writeln!(out, "# {}\n", inline(&icp.name));
    let _ = writeln!(
        out,
        "Ideal Customer Profile · Template: {} · Last validated: {}\n",
        template_name(template, &icp.template),
        validated(icp.last_validated),
    );

    // Every ICP section is a table: an ICP is a reference card that
    // prospects are checked against, criterion by criterion.
    let mut sections = plan(template, &icp.fields, SectionStyle::Table);
    for section in &mut sections {
        section.style = SectionStyle::Table;
    }
    let _ = writeln!(out, "{}", summary_line(ws, &sections));
    let mut notes = Footnotes::new(ws, format!("icp.{}", label_part(&icp.id)))
        .linking(opts.links, interviews)
        .sourced(sources);
    render_sections(&mut out, &sections, &mut notes, "Criterion");

    if !icp.best_customers.is_empty() {
        out.push_str("\n## Best customers\n\n");
        let rows: Vec<Vec<String>> = icp
            .best_customers
            .iter()
            .map(|c| {
                vec![
                    cell(c.label()),
                    cell(&c.industry),
                    cell(&c.size),
                    cell(&c.revenue),
                    cell(&c.place()),
                    cell(&c.tools.join(", ")),
                    cell(&c.criterion),
                ]
            })
            .collect();
        table(
            &mut out,
            &[
                "Company",
                "Industry",
                "Size",
                "Revenue",
                "Geography",
                "Tools",
                "Why they are best",
            ],
            &rows,
        );
    }

    out.push_str("\n## Personas\n\n");
    if personas.is_empty() {
        out.push_str("*No personas yet.*\n");
    }
    for p in personas {
        let links = if linkable(p) { opts.links } else { Links::None };
        let name = link(
            &inline(&p.name),
            links,
            &format!("../personas/{}.md", file_stem(&p.id)),
        );
        let titles: Vec<String> = p
            .fields
            .get("job_title")
            .into_iter()
            .flatten()
            .filter(|item| !is_blank(item))
            .map(|item| phrase(&item.value.to_string()))
            .collect();
        if titles.is_empty() {
            let _ = writeln!(out, "- {name}");
        } else {
            let _ = writeln!(out, "- {name} — {}", titles.join(", "));
        }
    }
    out.push_str(&notes.finish());
    out
}

/// A section as it will be written: template order, only fields with values.
pub(super) struct Planned<'a> {
    title: String,
    style: SectionStyle,
    fields: Vec<PlannedField<'a>>,
}

pub(super) struct PlannedField<'a> {
    label: String,
    field: Option<&'a Field>,
    items: Vec<&'a Item>,
}

/// Lays the values out by the template: its sections in order, skipping
/// empty fields and sections, then an "Other" section for values whose field
/// the template does not have (all of them when the template is missing).
pub(super) fn plan<'a>(
    template: Option<&'a Template>,
    fields: &'a Fields,
    other_style: SectionStyle,
) -> Vec<Planned<'a>> {
    let values = |id: &str| -> Vec<&'a Item> {
        fields
            .get(id)
            .into_iter()
            .flatten()
            .filter(|item| !is_blank(item))
            .collect()
    };
    let mut planned = Vec::new();
    let sections: &[Section] = template.map(|t| t.sections.as_slice()).unwrap_or_default();
    for section in sections {
        let fields: Vec<PlannedField> = section
            .fields
            .iter()
            .map(|field| PlannedField {
                label: field.label.clone(),
                field: Some(field),
                items: values(&field.id),
            })
            .filter(|f| !f.items.is_empty())
            .collect();
        if !fields.is_empty() {
            planned.push(Planned {
                title: section.title.clone(),
                style: section.style,
                fields,
            });
        }
    }
    let other: Vec<PlannedField> = fields
        .keys()
        .filter(|id| template.and_then(|t| t.field(id)).is_none())
        .map(|id| PlannedField {
            label: id.clone(),
            field: None,
            items: values(id),
        })
        .filter(|f| !f.items.is_empty())
        .collect();
    if !other.is_empty() {
        planned.push(Planned {
            title: "Other".to_string(),
            style: other_style,
            fields: other,
        });
    }
    planned
}

pub(super) fn render_sections(
    out: &mut String,
    sections: &[Planned],
    notes: &mut Footnotes,
    attribute: &str,
) {
    for section in sections {
        out.push_str("\n## ");
        push_inline(out, &section.title);
        out.push_str("\n\n");
        match section.style {
            SectionStyle::Table => {
                // As `table` lays rows out, each written in place.
                let _ = writeln!(out, "| {attribute} | Value | Evidence |");
                out.push_str("| --- | --- | --- |\n");
                for f in &section.fields {
                    out.push_str("| ");
                    push_cell(out, &f.label);
                    out.push_str(" | ");
                    for (i, item) in f.items.iter().enumerate() {
                        if i > 0 {
                            out.push_str("<br>");
                        }
                        push_cell(out, &value_text(item, f.field));
                    }
                    out.push_str(" | ");
                    for (i, item) in f.items.iter().enumerate() {
                        if i > 0 {
                            out.push_str("<br>");
                        }
                        notes.push_evidence(out, item);
                    }
                    out.push_str(" |\n");
                }
            }
            SectionStyle::List => {
                for (i, f) in section.fields.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    out.push_str("### ");
                    push_inline(out, &f.label);
                    out.push_str("\n\n");
                    let claim = f.field.is_none_or(|t| counts_as_claim(&t.id));
                    for item in &f.items {
                        let value = value_text(item, f.field);
                        // Most values are one plain line: written as they are.
                        if let Some(text) = as_is(&value, true) {
                            out.push_str("- ");
                            out.push_str(text);
                            if claim {
                                out.push_str(" — ");
                                notes.push_evidence(out, item);
                            }
                            out.push('\n');
                            continue;
                        }
                        let text = block(&value);
                        if !claim {
                            // Messaging copy: no evidence to show.
                            let text = text.replace('\n', "\n  ").replace("\n  \n", "\n\n");
                            let _ = writeln!(out, "- {text}");
                            continue;
                        }
                        let evidence = notes.evidence(item);
                        if text.contains('\n') {
                            // Several lines (an outreach template): the
                            // evidence gets its own paragraph in the item.
                            let text = text.replace('\n', "\n  ").replace("\n  \n", "\n\n");
                            let _ = writeln!(out, "- {text}\n\n  Evidence: {evidence}");
                        } else {
                            let _ = writeln!(out, "- {text} — {evidence}");
                        }
                    }
                }
            }
        }
    }
}

fn summary_line(ws: &Workspace, sections: &[Planned]) -> String {
    let mut summary = EvidenceSummary::default();
    for item in sections
        .iter()
        .flat_map(|s| &s.fields)
        .filter(|f| f.field.is_none_or(|t| counts_as_claim(&t.id)))
        .flat_map(|f| &f.items)
    {
        if ws.is_backed(item) {
            summary.backed += 1;
        } else {
            summary.assumptions += 1;
        }
    }
    summary_text(summary)
}
