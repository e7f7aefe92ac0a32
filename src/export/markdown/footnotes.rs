//! The quotes behind a card, as footnotes, and the one-line evidence
//! summary.

use super::Links;
use super::parts::{file_stem, link};
use crate::domain::workspace::Quote;
use crate::domain::{Citation, EvidenceSummary, Interview, Item, Source, Workspace};
use crate::export::escape::{inline, push_phrase};
use crate::quick_hash::QuickMap;
use std::collections::HashSet;
use std::fmt::Write as _;

/// The cited quotes of one ICP or persona, as footnotes numbered in order of
/// first citation. Labels start with the entity's id so that documents can be
/// concatenated without two footnotes sharing a label.
pub(super) struct Footnotes<'a> {
    ws: &'a Workspace,
    prefix: String,
    /// Each citation once, with the highlight it found, numbered by
    /// position: each is looked up once per page, not at every mention.
    cited: Vec<(Citation, Quote<'a>)>,
    /// Interviews that have a page in this export, which each footnote
    /// of theirs links to.
    linked: Option<&'a HashSet<&'a str>>,
    links: Links,
    /// Each interview's source line, made once for a whole export.
    sources: Option<&'a Sources<'a>>,
}

/// Each interview's footnote source ("Dana, Buyer, Acme, 2026-03-02,
/// survey", linked to its page when it has one), made once for an export
/// of thousands of pages quoting the same interviews over and over.
pub(super) struct Sources<'a>(QuickMap<&'a str, String>);

impl<'a> Sources<'a> {
    /// The source line of every interview of `ws` (the first of a
    /// repeated id, as a quote finds), linked as [`Footnotes::linking`]
    /// would.
    pub(super) fn of(ws: &'a Workspace, links: Links, linked: &HashSet<&str>) -> Sources<'a> {
        let mut lines = QuickMap::default();
        for interview in &ws.interviews {
            lines
                .entry(interview.id.as_str())
                .or_insert_with(|| source_line(interview, links, Some(linked)));
        }
        Sources(lines)
    }
}

/// Who was interviewed, when and how, as a footnote names its source.
fn source_line(interview: &Interview, links: Links, linked: Option<&HashSet<&str>>) -> String {
    let mut who: Vec<String> = [&interview.interviewee, &interview.role, &interview.company]
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
    let source = who.join(", ");
    if linked.is_some_and(|l| l.contains(interview.id.as_str())) {
        link(
            &source,
            links,
            &format!("../interviews/{}.md", file_stem(&interview.id)),
        )
    } else {
        source
    }
}

impl<'a> Footnotes<'a> {
    pub(super) fn new(ws: &'a Workspace, prefix: String) -> Footnotes<'a> {
        Footnotes {
            ws,
            prefix,
            cited: Vec::new(),
            linked: None,
            links: Links::None,
            sources: None,
        }
    }

    /// Footnotes whose source is one of `interviews` (by id) link to its
    /// page (`../interviews/<id>.md`) when `links` makes links.
    pub(super) fn linking(
        mut self,
        links: Links,
        interviews: &'a HashSet<&'a str>,
    ) -> Footnotes<'a> {
        self.links = links;
        self.linked = Some(interviews);
        self
    }

    /// Takes each interview's source line from `sources`, made with the
    /// same links as [`Footnotes::linking`] was given.
    pub(super) fn sourced(mut self, sources: Option<&'a Sources<'a>>) -> Footnotes<'a> {
        self.sources = sources;
        self
    }

    /// "backed by 2 interviews[^a-1][^a-2]", or "*assumption*" when no cited
    /// highlight exists (missing citations back nothing and show nothing).
    pub(super) fn evidence(&mut self, item: &Item) -> String {
        let mut out = String::new();
        self.push_evidence(&mut out, item);
        out
    }

    /// [`Footnotes::evidence`], appended to `out`.
    pub(super) fn push_evidence(&mut self, out: &mut String, item: &Item) {
        let ws = self.ws;
        // The footnotes of the item, each once, in citing order.
        let mut marks: Vec<usize> = Vec::with_capacity(item.cites.len());
        for citation in &item.cites {
            let index = match self.cited.iter().position(|(c, _)| c == citation) {
                Some(index) => index,
                None => {
                    // Missing citations back nothing and show nothing.
                    let Some(quote) = ws.quote(citation) else {
                        continue;
                    };
                    self.cited.push((citation.clone(), quote));
                    self.cited.len() - 1
                }
            };
            if !marks.contains(&index) {
                marks.push(index);
            }
        }
        // The distinct interviews behind them.
        let mut interviews = 0;
        for (i, &index) in marks.iter().enumerate() {
            let id = self.cited[index].1.interview.id.as_str();
            if !marks[..i]
                .iter()
                .any(|&m| self.cited[m].1.interview.id.as_str() == id)
            {
                interviews += 1;
            }
        }
        match interviews {
            0 => {
                out.push_str("*assumption*");
                return;
            }
            1 => out.push_str("backed by 1 interview"),
            n => {
                let _ = write!(out, "backed by {n} interviews");
            }
        }
        for index in marks {
            self.push_label(out, index);
        }
    }

    /// `[^prefix-N]` for the footnote at `index`.
    fn push_label(&self, out: &mut String, index: usize) {
        out.push_str("[^");
        out.push_str(&self.prefix);
        let _ = write!(out, "-{}]", index + 1);
    }

    /// The footnote definitions, with a blank line before them; empty when
    /// nothing was cited.
    pub(super) fn finish(&self) -> String {
        let mut out = String::new();
        self.push_definitions(&mut out);
        out
    }

    /// [`Footnotes::finish`], appended to `out`.
    pub(super) fn push_definitions(&self, out: &mut String) {
        if !self.cited.is_empty() {
            out.push('\n');
        }
        for (index, (_, quote)) in self.cited.iter().enumerate() {
            let interview = quote.interview;
            self.push_label(out, index);
            out.push_str(": “");
            push_phrase(out, &quote.highlight.text);
            out.push_str("” — ");
            match self.sources.and_then(|s| s.0.get(interview.id.as_str())) {
                Some(line) => out.push_str(line),
                None => out.push_str(&source_line(interview, self.links, self.linked)),
            }
            out.push('\n');
        }
    }
}

/// "9 of 12 claims are backed by interviews; 3 are assumptions."
pub(super) fn summary_text(summary: EvidenceSummary) -> String {
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
