//! ICPs, personas and interviews as markdown for a team wiki (GitHub
//! flavoured: tables, footnotes, YAML front matter).
//!
//! Every function returns a `String`; writing files is the caller's job. The
//! output is deterministic (no export times) and keeps the order the caller
//! gave, so re-exporting an unchanged workspace changes no byte.

use super::escape::{self, block, cell, inline, phrase, yaml_string};
use crate::domain::{
    Citation, EntityRef, EvidenceSummary, Field, Fields, Icp, Interview, Item, Kind, Persona,
    Profile, Section, SectionStyle, Source, Template, Value, Workspace, id as ids,
};
use jiff::Timestamp;
use jiff::civil::Date;
use std::fmt::Write as _;

/// How one exported item is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Start with a YAML front matter block (id, kind, dates) for wikis and
    /// static site generators.
    pub front_matter: bool,
    pub links: Links,
}

/// How references to other items are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Links {
    /// Relative links for the folder layout of [`folder`]: `index.md`,
    /// `icps/<id>.md`, `personas/<id>.md`.
    Folder,
    /// Plain names, for one document holding several items or for stdout.
    #[default]
    None,
}

/// One file of a folder export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    /// Relative to the export folder, `/` separated.
    pub path: String,
    pub contents: String,
}

/// A buyer persona, with the ICP it belongs to and the quotes behind it.
pub fn persona(ws: &Workspace, persona: &Persona, opts: &Options) -> String {
    let icp_linked = ws.icp(&persona.icp).is_some();
    render_persona(ws, persona, opts, icp_linked)
}

/// An Ideal Customer Profile: its criteria, best customers and personas.
pub fn icp(ws: &Workspace, icp: &Icp, opts: &Options) -> String {
    let personas: Vec<&Persona> = ws.personas_of(&icp.id).collect();
    render_icp(ws, icp, opts, &personas, &personas)
}

/// An interview: who, when, the notes, and the highlights with what cites
/// them.
pub fn interview(ws: &Workspace, interview: &Interview, opts: &Options) -> String {
    let mut out = String::new();
    if opts.front_matter {
        let mut fm = FrontMatter::default();
        fm.string("id", &interview.id);
        fm.raw("kind", "interview");
        fm.string("title", &interview.title);
        fm.date("date", interview.date);
        fm.raw("source", source_key(interview.source));
        if let Some(icp) = &interview.icp {
            fm.string("icp", icp);
        }
        fm.timestamp("created", interview.created);
        fm.timestamp("updated", interview.updated);
        out.push_str(&fm.finish());
    }
    let _ = writeln!(out, "# {}\n", inline(&interview.title));

    let mut rows = Vec::new();
    if let Some(date) = interview.date {
        rows.push(vec!["Date".to_string(), date.to_string()]);
    }
    for (label, value) in [
        ("Interviewee", &interview.interviewee),
        ("Role", &interview.role),
        ("Company", &interview.company),
    ] {
        if !value.trim().is_empty() {
            rows.push(vec![label.to_string(), cell(value)]);
        }
    }
    rows.push(vec!["Source".to_string(), cell(interview.source.label())]);
    if let Some(icp_id) = &interview.icp {
        let name = match ws.icp(icp_id) {
            Some(icp) => link(
                &cell(&icp.name),
                opts.links,
                &format!("../icps/{}.md", file_stem(icp_id)),
            ),
            None => cell(icp_id),
        };
        rows.push(vec!["ICP".to_string(), name]);
    }
    table(&mut out, &["Detail", "Value"], &rows);

    let notes = block(&interview.notes);
    out.push_str("\n## Notes\n\n");
    if notes.is_empty() {
        out.push_str("*No notes.*\n");
    } else {
        let _ = writeln!(out, "{notes}");
    }

    out.push_str("\n## Highlights\n\n");
    if interview.highlights.is_empty() {
        out.push_str("*No highlights yet.*\n");
    }
    for highlight in &interview.highlights {
        let _ = writeln!(out, "- “{}”", phrase(&highlight.text));
        let tags: Vec<String> = highlight.tags.iter().map(|t| phrase(t)).collect();
        if !tags.is_empty() {
            let _ = writeln!(out, "  - Tags: {}", tags.join(", "));
        }
        let citation = Citation::new(&interview.id, &highlight.id);
        let cited = citing_text(ws, &ws.citing(&citation), opts.links);
        if cited.is_empty() {
            out.push_str("  - Not cited yet\n");
        } else {
            let _ = writeln!(out, "  - Cited by: {cited}");
        }
    }
    out
}

/// The front page of a folder export: the ICPs, and the personas of each.
pub fn index(ws: &Workspace, icps: &[&Icp], personas: &[&Persona]) -> String {
    // The front matter marks the file as ours, so a later export may replace it.
    let mut fm = FrontMatter::default();
    fm.raw("kind", "index");
    fm.string("title", &ws.meta.name);
    let mut out = fm.finish();
    let _ = writeln!(out, "# {}\n", inline(&ws.meta.name));
    if icps.is_empty() {
        out.push_str("*No Ideal Customer Profiles exported.*\n");
    } else {
        let rows: Vec<Vec<String>> = icps
            .iter()
            .map(|icp| {
                let count = personas.iter().filter(|p| p.icp == icp.id).count();
                vec![
                    link(
                        &cell(&icp.name),
                        Links::Folder,
                        &format!("icps/{}.md", file_stem(&icp.id)),
                    ),
                    count.to_string(),
                    validated(icp.last_validated),
                ]
            })
            .collect();
        table(
            &mut out,
            &["Ideal Customer Profile", "Personas", "Last validated"],
            &rows,
        );
    }
    let persona_line = |p: &Persona| {
        format!(
            "- {}\n",
            link(
                &inline(&p.name),
                Links::Folder,
                &format!("personas/{}.md", file_stem(&p.id))
            )
        )
    };
    for icp in icps {
        let _ = writeln!(out, "\n## {}\n", inline(&icp.name));
        let mine: Vec<&&Persona> = personas.iter().filter(|p| p.icp == icp.id).collect();
        if mine.is_empty() {
            out.push_str("*No personas exported.*\n");
        }
        for p in mine {
            out.push_str(&persona_line(p));
        }
    }
    let orphans: Vec<&&Persona> = personas
        .iter()
        .filter(|p| !icps.iter().any(|i| i.id == p.icp))
        .collect();
    if !orphans.is_empty() {
        out.push_str("\n## Other personas\n\n");
        for p in orphans {
            out.push_str(&persona_line(p));
        }
    }
    out
}

/// A folder export: `index.md`, `icps/<id>.md` and `personas/<id>.md`, with
/// front matter and relative links between them. Links go only to files in
/// this export.
pub fn folder(ws: &Workspace, icps: &[&Icp], personas: &[&Persona]) -> Vec<ExportFile> {
    let opts = Options {
        front_matter: true,
        links: Links::Folder,
    };
    let mut files = vec![ExportFile {
        path: "index.md".to_string(),
        contents: index(ws, icps, personas),
    }];
    for icp in icps {
        let all: Vec<&Persona> = ws.personas_of(&icp.id).collect();
        files.push(ExportFile {
            path: format!("icps/{}.md", file_stem(&icp.id)),
            contents: render_icp(ws, icp, &opts, &all, personas),
        });
    }
    for p in personas {
        let icp_exported = icps.iter().any(|i| i.id == p.icp);
        files.push(ExportFile {
            path: format!("personas/{}.md", file_stem(&p.id)),
            contents: render_persona(ws, p, &opts, icp_exported),
        });
    }
    files
}

/// Everything in one document: each ICP followed by its personas, then any
/// personas whose ICP is not in the export, separated by thematic breaks.
pub fn document(ws: &Workspace, icps: &[&Icp], personas: &[&Persona]) -> String {
    let opts = Options {
        front_matter: false,
        links: Links::None,
    };
    let mut parts = Vec::new();
    for icp in icps {
        let all: Vec<&Persona> = ws.personas_of(&icp.id).collect();
        parts.push(render_icp(ws, icp, &opts, &all, &[]));
        for p in personas.iter().filter(|p| p.icp == icp.id) {
            parts.push(render_persona(ws, p, &opts, false));
        }
    }
    for p in personas
        .iter()
        .filter(|p| !icps.iter().any(|i| i.id == p.icp))
    {
        parts.push(render_persona(ws, p, &opts, false));
    }
    // Each part ends with a newline; the blank line before `---` keeps it a
    // thematic break rather than a setext underline of the line above.
    parts.join("\n---\n\n")
}

fn render_persona(ws: &Workspace, persona: &Persona, opts: &Options, icp_linked: bool) -> String {
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

    let sections = plan(template, &persona.fields, SectionStyle::List);
    let _ = writeln!(out, "{}", summary_line(ws, &sections));
    let mut notes = Footnotes::new(ws, label_part(&persona.id));
    render_sections(&mut out, &sections, &mut notes, "Attribute");
    out.push_str(&notes.finish());
    out
}

fn render_icp(
    ws: &Workspace,
    icp: &Icp,
    opts: &Options,
    personas: &[&Persona],
    linkable: &[&Persona],
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
    let mut notes = Footnotes::new(ws, format!("icp.{}", label_part(&icp.id)));
    render_sections(&mut out, &sections, &mut notes, "Criterion");

    if !icp.best_customers.is_empty() {
        out.push_str("\n## Best customers\n\n");
        let rows: Vec<Vec<String>> = icp
            .best_customers
            .iter()
            .map(|c| {
                vec![
                    cell(&c.company),
                    cell(&c.industry),
                    cell(&c.size),
                    cell(&c.revenue),
                    cell(&c.geography),
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
    // Looked up once per persona: a scan of 10,000 linkable personas for
    // each of 200 ICPs' personas was a second of an export.
    let linkable: std::collections::HashSet<&str> = if personas.is_empty() {
        Default::default()
    } else {
        linkable.iter().map(|l| l.id.as_str()).collect()
    };
    for p in personas {
        let links = if linkable.contains(p.id.as_str()) {
            opts.links
        } else {
            Links::None
        };
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
struct Planned<'a> {
    title: String,
    style: SectionStyle,
    fields: Vec<PlannedField<'a>>,
}

struct PlannedField<'a> {
    label: String,
    field: Option<&'a Field>,
    items: Vec<&'a Item>,
}

/// Lays the values out by the template: its sections in order, skipping
/// empty fields and sections, then an "Other" section for values whose field
/// the template does not have (all of them when the template is missing).
fn plan<'a>(
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

fn render_sections(out: &mut String, sections: &[Planned], notes: &mut Footnotes, attribute: &str) {
    for section in sections {
        let _ = writeln!(out, "\n## {}\n", inline(&section.title));
        match section.style {
            SectionStyle::Table => {
                let rows: Vec<Vec<String>> = section
                    .fields
                    .iter()
                    .map(|f| {
                        let values: Vec<String> = f
                            .items
                            .iter()
                            .map(|item| cell(&value_text(item, f.field)))
                            .collect();
                        let evidence: Vec<String> =
                            f.items.iter().map(|item| notes.evidence(item)).collect();
                        vec![cell(&f.label), values.join("<br>"), evidence.join("<br>")]
                    })
                    .collect();
                table(out, &[attribute, "Value", "Evidence"], &rows);
            }
            SectionStyle::List => {
                for (i, f) in section.fields.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    let _ = writeln!(out, "### {}\n", inline(&f.label));
                    for item in &f.items {
                        let text = block(&value_text(item, f.field));
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

/// The cited quotes of one ICP or persona, as footnotes numbered in order of
/// first citation. Labels start with the entity's id so that documents can be
/// concatenated without two footnotes sharing a label.
struct Footnotes<'a> {
    ws: &'a Workspace,
    prefix: String,
    cited: Vec<Citation>,
}

impl<'a> Footnotes<'a> {
    fn new(ws: &'a Workspace, prefix: String) -> Footnotes<'a> {
        Footnotes {
            ws,
            prefix,
            cited: Vec::new(),
        }
    }

    fn label(&self, index: usize) -> String {
        format!("[^{}-{}]", self.prefix, index + 1)
    }

    /// "backed by 2 interviews[^a-1][^a-2]", or "*assumption*" when no cited
    /// highlight exists (missing citations back nothing and show nothing).
    fn evidence(&mut self, item: &Item) -> String {
        let interviews = self.ws.interviews_backing(item);
        if interviews == 0 {
            return "*assumption*".to_string();
        }
        let mut refs = String::new();
        let mut seen = Vec::new();
        for citation in &item.cites {
            if self.ws.quote(citation).is_none() || seen.contains(&citation) {
                continue;
            }
            seen.push(citation);
            let index = match self.cited.iter().position(|c| c == citation) {
                Some(index) => index,
                None => {
                    self.cited.push(citation.clone());
                    self.cited.len() - 1
                }
            };
            refs.push_str(&self.label(index));
        }
        format!(
            "backed by {interviews} interview{}{refs}",
            if interviews == 1 { "" } else { "s" }
        )
    }

    /// The footnote definitions, with a blank line before them; empty when
    /// nothing was cited.
    fn finish(&self) -> String {
        let mut out = String::new();
        for (index, citation) in self.cited.iter().enumerate() {
            let Some(quote) = self.ws.quote(citation) else {
                continue;
            };
            let interview = quote.interview;
            let mut who: Vec<String> =
                [&interview.interviewee, &interview.role, &interview.company]
                    .into_iter()
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| inline(s))
                    .collect();
            if who.is_empty() {
                who.push(inline(&interview.title));
            }
            if let Some(date) = interview.date {
                who.push(date.to_string());
            }
            if interview.source != Source::Interview {
                who.push(interview.source.label().to_string());
            }
            let _ = writeln!(
                out,
                "{}: “{}” — {}",
                self.label(index),
                phrase(&quote.highlight.text),
                who.join(", ")
            );
        }
        if out.is_empty() {
            out
        } else {
            format!("\n{out}")
        }
    }
}

fn summary_line(ws: &Workspace, sections: &[Planned]) -> String {
    let mut summary = EvidenceSummary::default();
    for item in sections
        .iter()
        .flat_map(|s| &s.fields)
        .flat_map(|f| &f.items)
    {
        if ws.interviews_backing(item) > 0 {
            summary.backed += 1;
        } else {
            summary.assumptions += 1;
        }
    }
    summary_text(summary)
}

/// "9 of 12 claims are backed by interviews; 3 are assumptions."
fn summary_text(summary: EvidenceSummary) -> String {
    let total = summary.total();
    if total == 0 {
        return "Evidence: no claims yet.".to_string();
    }
    let claims = if total == 1 { "claim" } else { "claims" };
    let verb = if summary.backed == 1 { "is" } else { "are" };
    let assumptions = match summary.assumptions {
        0 => "none are assumptions".to_string(),
        1 => "1 is an assumption".to_string(),
        n => format!("{n} are assumptions"),
    };
    format!(
        "Evidence: {} of {total} {claims} {verb} backed by interviews; {assumptions}.",
        summary.backed
    )
}

/// The value as a reader says it: numbers and ranges with their unit.
fn value_text(item: &Item, field: Option<&Field>) -> String {
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

fn is_blank(item: &Item) -> bool {
    matches!(&item.value, Value::Text(text) if text.trim().is_empty())
}

fn template_name(template: Option<&Template>, id: &str) -> String {
    inline(template.map_or(id, |t| t.name.as_str()))
}

fn validated(date: Option<Date>) -> String {
    date.map_or_else(|| "never".to_string(), |d| d.to_string())
}

/// Who cites a highlight: "Operations Olivia (Pain points, Goals); ..."
fn citing_text(ws: &Workspace, citing: &[(EntityRef, String)], links: Links) -> String {
    let mut groups: Vec<(&EntityRef, Vec<String>)> = Vec::new();
    for (entity, field) in citing {
        let label = field_label(ws, entity, field);
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
                _ => (ws.persona(&entity.id).map(|p| p.name.as_str()), "personas"),
            };
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

fn field_label(ws: &Workspace, entity: &EntityRef, field: &str) -> String {
    let template = match entity.kind {
        Kind::Icp => ws.icp(&entity.id).map(|i| i.template.as_str()),
        _ => ws.persona(&entity.id).map(|p| p.template.as_str()),
    };
    let label = template
        .and_then(|t| ws.template(t))
        .and_then(|t| t.field(field))
        .map_or(field, |f| f.label.as_str());
    phrase(label)
}

fn link(text: &str, links: Links, target: &str) -> String {
    match links {
        Links::Folder => format!("[{text}]({target})"),
        Links::None => text.to_string(),
    }
}

/// The file name for an id: the id itself when it is a proper slug, else a
/// slug of it, so a hand-edited `../../x` can never leave the export folder.
fn file_stem(id: &str) -> String {
    if ids::is_valid_id(id) {
        id.to_string()
    } else {
        escape::url_segment(&ids::slugify(id, "item"))
    }
}

/// A footnote label part: the id, with anything a label cannot hold as `-`.
fn label_part(id: &str) -> String {
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

fn table(out: &mut String, headers: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(headers.len()));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
}

fn source_key(source: Source) -> &'static str {
    match source {
        Source::Interview => "interview",
        Source::Survey => "survey",
        Source::SupportTicket => "support-ticket",
        Source::SalesCall => "sales-call",
        Source::CrmNote => "crm-note",
        Source::Other => "other",
    }
}

/// YAML front matter, one `key: value` line each, in a fixed order.
#[derive(Default)]
struct FrontMatter {
    lines: Vec<(String, String)>,
}

impl FrontMatter {
    fn raw(&mut self, key: &str, value: &str) {
        self.lines.push((key.to_string(), value.to_string()));
    }

    fn string(&mut self, key: &str, value: &str) {
        self.lines.push((key.to_string(), yaml_string(value)));
    }

    fn date(&mut self, key: &str, date: Option<Date>) {
        if let Some(date) = date {
            self.raw(key, &date.to_string());
        }
    }

    /// Timestamps are written as their UTC date.
    fn timestamp(&mut self, key: &str, ts: Option<Timestamp>) {
        if let Some(ts) = ts {
            self.raw(key, &ts.strftime("%Y-%m-%d").to_string());
        }
    }

    fn insert_after(&mut self, after: &str, key: &str, value: String) {
        let at = self
            .lines
            .iter()
            .position(|(k, _)| k == after)
            .map_or(self.lines.len(), |i| i + 1);
        self.lines.insert(at, (key.to_string(), value));
    }

    fn finish(mut self) -> String {
        self.raw("exported_by", "persona");
        let mut out = String::from("---\n");
        for (key, value) in &self.lines {
            let _ = writeln!(out, "{key}: {value}");
        }
        out.push_str("---\n\n");
        out
    }
}

fn profile_front_matter(profile: &impl ProfileDates, kind: &str) -> FrontMatter {
    let mut fm = FrontMatter::default();
    fm.string("id", profile.id());
    fm.raw("kind", kind);
    fm.string("title", profile.name());
    fm.string("template", profile.template_id());
    fm.timestamp("created", profile.created());
    fm.timestamp("updated", profile.updated());
    fm.date("last_validated", profile.last_validated());
    fm
}

/// `Profile` has no `created`; ICPs and personas both do.
trait ProfileDates: Profile {
    fn created(&self) -> Option<Timestamp>;
}

impl ProfileDates for Icp {
    fn created(&self) -> Option<Timestamp> {
        self.created
    }
}

impl ProfileDates for Persona {
    fn created(&self) -> Option<Timestamp> {
        self.created
    }
}
