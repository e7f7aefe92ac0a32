//! ICPs, personas and interviews as markdown for a team wiki (GitHub
//! flavoured: tables, footnotes, YAML front matter).
//!
//! Every function returns a `String`; writing files is the caller's job. The
//! output is deterministic (no export times) and keeps the order the caller
//! gave, so re-exporting an unchanged workspace changes no byte.

mod citers;
mod footnotes;
mod front_matter;
mod matrix;
mod notes;
mod outcomes;
mod parts;
mod profile;

use super::escape::{cell, inline, phrase};
use crate::domain::{Citation, EntityRef, Icp, Interview, Kind, Persona, Workspace};
use crate::parallel::map_ordered;
use citers::Citers;
use footnotes::Sources;
use front_matter::FrontMatter;
pub use front_matter::is_ours;
pub use notes::is_markdown;
use parts::{file_stem, link, source_key, table, validated};
use profile::{render_icp, render_persona};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// Personas by the id of their ICP, in the order given.
fn by_icp<'a>(personas: impl Iterator<Item = &'a Persona>) -> HashMap<&'a str, Vec<&'a Persona>> {
    let mut groups: HashMap<&str, Vec<&Persona>> = HashMap::new();
    for p in personas {
        groups.entry(p.icp.as_str()).or_default().push(p);
    }
    groups
}

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

/// What an export holds: ICPs, personas and interviews, each once, in the
/// order they are written.
#[derive(Clone, Debug, Default)]
pub struct Chosen<'a> {
    pub icps: Vec<&'a Icp>,
    pub personas: Vec<&'a Persona>,
    pub interviews: Vec<&'a Interview>,
}

impl Chosen<'_> {
    pub fn is_empty(&self) -> bool {
        self.icps.is_empty() && self.personas.is_empty() && self.interviews.is_empty()
    }
}

/// The ids that have a page in a folder export, which links may point at.
struct Pages<'a> {
    icps: HashSet<&'a str>,
    personas: HashSet<&'a str>,
    interviews: HashSet<&'a str>,
}

impl<'a> Pages<'a> {
    fn of(chosen: &Chosen<'a>) -> Pages<'a> {
        Pages {
            icps: chosen.icps.iter().map(|i| i.id.as_str()).collect(),
            personas: chosen.personas.iter().map(|p| p.id.as_str()).collect(),
            interviews: chosen.interviews.iter().map(|i| i.id.as_str()).collect(),
        }
    }

    fn holds(&self, entity: &EntityRef) -> bool {
        let id = entity.id.as_str();
        match entity.kind {
            Kind::Icp => self.icps.contains(id),
            Kind::Persona => self.personas.contains(id),
            Kind::Interview => self.interviews.contains(id),
            Kind::Template => false,
        }
    }
}

/// A buyer persona, with the ICP it belongs to and the quotes behind it.
pub fn persona(ws: &Workspace, persona: &Persona, opts: &Options) -> String {
    let icp_linked = ws.icp(&persona.icp).is_some();
    render_persona(ws, persona, opts, icp_linked, &HashSet::new(), None)
}

/// An Ideal Customer Profile: its criteria, best customers and personas.
pub fn icp(ws: &Workspace, icp: &Icp, opts: &Options) -> String {
    let personas: Vec<&Persona> = ws.personas_of(&icp.id).collect();
    render_icp(ws, icp, opts, &personas, &|_| true, &HashSet::new(), None)
}

/// An interview: who, when, the notes (markdown notes as markdown, their
/// headings below the page's), and the highlights with what cites them.
pub fn interview(ws: &Workspace, interview: &Interview, opts: &Options) -> String {
    let citers = Citers::of(ws, opts.links, &|_| true, Some(&interview.id));
    render_interview(ws, interview, opts, &|_| true, &citers)
}

/// [`interview`], linking only to what `linkable` says has a page, with
/// `citers` telling who cites a highlight.
fn render_interview(
    ws: &Workspace,
    interview: &Interview,
    opts: &Options,
    linkable: &dyn Fn(&EntityRef) -> bool,
    citers: &Citers,
) -> String {
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
    rows.push(vec!["Source".to_string(), cell(&interview.source_text())]);
    if let Some(icp_id) = &interview.icp {
        let links = if linkable(&EntityRef::new(Kind::Icp, icp_id)) {
            opts.links
        } else {
            Links::None
        };
        let name = match ws.icp(icp_id) {
            Some(icp) => link(
                &cell(&icp.name),
                links,
                &format!("../icps/{}.md", file_stem(icp_id)),
            ),
            None => cell(icp_id),
        };
        rows.push(vec!["ICP".to_string(), name]);
    }
    table(&mut out, &["Detail", "Value"], &rows);

    let notes = notes::render(&interview.notes, 2);
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
        let cited = citers.text(&citation);
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
    index_of(
        ws,
        &Chosen {
            icps: icps.to_vec(),
            personas: personas.to_vec(),
            interviews: Vec::new(),
        },
    )
}

/// [`index`] of everything chosen, the interviews last.
fn index_of(ws: &Workspace, chosen: &Chosen) -> String {
    let (icps, personas) = (&chosen.icps, &chosen.personas);
    // The front matter marks the file as ours, so a later export may replace it.
    let mut fm = FrontMatter::default();
    fm.raw("kind", "index");
    fm.string("title", &ws.meta.name);
    let mut out = fm.finish();
    let _ = writeln!(out, "# {}\n", inline(&ws.meta.name));
    let exported = by_icp(personas.iter().copied());
    let mine = |icp: &Icp| exported.get(icp.id.as_str()).map_or(&[][..], Vec::as_slice);
    if icps.is_empty() {
        if chosen.interviews.is_empty() || !personas.is_empty() {
            out.push_str("*No Ideal Customer Profiles exported.*\n");
        }
    } else {
        let rows: Vec<Vec<String>> = icps
            .iter()
            .map(|icp| {
                let count = mine(icp).len();
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
        if mine(icp).is_empty() {
            out.push_str("*No personas exported.*\n");
        }
        for p in mine(icp) {
            out.push_str(&persona_line(p));
        }
    }
    let icp_ids: HashSet<&str> = icps.iter().map(|i| i.id.as_str()).collect();
    let orphans: Vec<&&Persona> = personas
        .iter()
        .filter(|p| !icp_ids.contains(p.icp.as_str()))
        .collect();
    if !orphans.is_empty() {
        out.push_str("\n## Other personas\n\n");
        for p in orphans {
            out.push_str(&persona_line(p));
        }
    }
    if !chosen.interviews.is_empty() {
        out.push_str("\n## Interviews\n\n");
        for interview in &chosen.interviews {
            let title = link(
                &inline(&interview.title),
                Links::Folder,
                &format!("interviews/{}.md", file_stem(&interview.id)),
            );
            let mut about: Vec<String> = [&interview.interviewee, &interview.company]
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .map(|s| phrase(s))
                .collect();
            if let Some(date) = interview.date {
                about.push(date.to_string());
            }
            if about.is_empty() {
                let _ = writeln!(out, "- {title}");
            } else {
                let _ = writeln!(out, "- {title} — {}", about.join(", "));
            }
        }
    }
    out
}

/// A folder export: `index.md`, `icps/<id>.md` and `personas/<id>.md`, with
/// front matter and relative links between them. Links go only to files in
/// this export.
pub fn folder(ws: &Workspace, icps: &[&Icp], personas: &[&Persona]) -> Vec<ExportFile> {
    folder_of(
        ws,
        &Chosen {
            icps: icps.to_vec(),
            personas: personas.to_vec(),
            interviews: Vec::new(),
        },
    )
}

/// [`folder`] of everything chosen: interviews go to `interviews/<id>.md`,
/// and the footnotes of ICPs and personas link to the interviews they quote.
pub fn folder_of(ws: &Workspace, chosen: &Chosen) -> Vec<ExportFile> {
    folder_with(ws, chosen, |file| file)
}

/// [`folder_of`], handing each page to `take` on the thread that rendered
/// it, as soon as it is rendered, and returning what `take` made of each,
/// in order. The export writer stages each page there, so the pages of a
/// large workspace are never all in memory at once.
pub fn folder_with<R: Send>(
    ws: &Workspace,
    chosen: &Chosen,
    take: impl Fn(ExportFile) -> R + Sync,
) -> Vec<R> {
    let opts = Options {
        front_matter: true,
        links: Links::Folder,
    };
    let (icps, personas) = (&chosen.icps, &chosen.personas);
    let pages = Pages::of(chosen);
    let interviews = &pages.interviews;
    let mut files = vec![take(ExportFile {
        path: "index.md".to_string(),
        contents: index_of(ws, chosen),
    })];
    // Every list is grouped once: each ICP scanning every persona (and
    // each persona every ICP) made the export grow with their product.
    let all = by_icp(ws.personas.iter());
    let linkable_personas: HashSet<&str> = personas.iter().map(|p| p.id.as_str()).collect();
    let exported_icps: HashSet<&str> = icps.iter().map(|i| i.id.as_str()).collect();
    let sources = Sources::of(ws, opts.links, interviews);
    let linkable = |e: &EntityRef| pages.holds(e);
    let (icp_files, persona_files, citers) = std::thread::scope(|scope| {
        // Who cites each highlight, for the interviews' pages, gathered
        // once (asking the workspace for each would scan every card
        // thousands of times), while the cards' pages are written.
        let citers = (!chosen.interviews.is_empty())
            .then(|| scope.spawn(|| Citers::of(ws, opts.links, &linkable, None)));
        // The pages are rendered on every core, each list in its order.
        let icp_files = map_ordered(icps, PARALLEL, |icp| {
            let mine = all.get(icp.id.as_str()).map_or(&[][..], Vec::as_slice);
            take(ExportFile {
                path: format!("icps/{}.md", file_stem(&icp.id)),
                contents: render_icp(
                    ws,
                    icp,
                    &opts,
                    mine,
                    &|p| linkable_personas.contains(p.id.as_str()),
                    interviews,
                    Some(&sources),
                ),
            })
        });
        let persona_files = map_ordered(personas, PARALLEL, |p| {
            let icp_exported = exported_icps.contains(p.icp.as_str());
            take(ExportFile {
                path: format!("personas/{}.md", file_stem(&p.id)),
                contents: render_persona(ws, p, &opts, icp_exported, interviews, Some(&sources)),
            })
        });
        let citers = citers.map(|made| {
            made.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        (icp_files, persona_files, citers)
    });
    files.extend(icp_files);
    files.extend(persona_files);
    let Some(citers) = citers else {
        return files;
    };
    files.extend(map_ordered(&chosen.interviews, PARALLEL, |interview| {
        take(ExportFile {
            path: format!("interviews/{}.md", file_stem(&interview.id)),
            contents: render_interview(ws, interview, &opts, &linkable, &citers),
        })
    }));
    files
}

/// Below this many pages of a kind, a folder export renders on one thread.
const PARALLEL: usize = 64;

/// [`document_of`] as a file of its own: with a front matter block naming
/// the workspace and marking the file as persona's, so a later export may
/// replace it (and nothing else).
pub fn document_file(ws: &Workspace, chosen: &Chosen) -> String {
    let mut fm = FrontMatter::default();
    fm.raw("kind", "document");
    fm.string("title", &ws.meta.name);
    fm.finish() + &document_of(ws, chosen)
}

/// Everything in one document: each ICP followed by its personas, then any
/// personas whose ICP is not in the export, separated by thematic breaks.
pub fn document(ws: &Workspace, icps: &[&Icp], personas: &[&Persona]) -> String {
    document_of(
        ws,
        &Chosen {
            icps: icps.to_vec(),
            personas: personas.to_vec(),
            interviews: Vec::new(),
        },
    )
}

/// [`document`] of everything chosen, the interviews last.
pub fn document_of(ws: &Workspace, chosen: &Chosen) -> String {
    let opts = Options {
        front_matter: false,
        links: Links::None,
    };
    let (icps, personas) = (&chosen.icps, &chosen.personas);
    let none = HashSet::new();
    let mut parts = Vec::new();
    let sources = Sources::of(ws, opts.links, &none);
    let all = by_icp(ws.personas.iter());
    let exported = by_icp(personas.iter().copied());
    for icp in icps {
        let mine = all.get(icp.id.as_str()).map_or(&[][..], Vec::as_slice);
        parts.push(render_icp(
            ws,
            icp,
            &opts,
            mine,
            &|_| false,
            &none,
            Some(&sources),
        ));
        for p in exported.get(icp.id.as_str()).into_iter().flatten() {
            parts.push(render_persona(ws, p, &opts, false, &none, Some(&sources)));
        }
    }
    let icp_ids: HashSet<&str> = icps.iter().map(|i| i.id.as_str()).collect();
    for p in personas
        .iter()
        .filter(|p| !icp_ids.contains(p.icp.as_str()))
    {
        parts.push(render_persona(ws, p, &opts, false, &none, Some(&sources)));
    }
    if !chosen.interviews.is_empty() {
        let citers = Citers::of(ws, opts.links, &|_| false, None);
        for interview in &chosen.interviews {
            parts.push(render_interview(ws, interview, &opts, &|_| false, &citers));
        }
    }
    // Each part ends with a newline; the blank line before `---` keeps it a
    // thematic break rather than a setext underline of the line above.
    parts.join("\n---\n\n")
}
