//! Interviews: what customers said, and the highlights taken from it.

use super::value::Extra;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where the notes came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    #[default]
    Interview,
    Survey,
    SupportTicket,
    SalesCall,
    CrmNote,
    Other,
}

impl Source {
    pub const ALL: [Source; 6] = [
        Source::Interview,
        Source::Survey,
        Source::SupportTicket,
        Source::SalesCall,
        Source::CrmNote,
        Source::Other,
    ];

    /// Reads a source as people write it. An exact kind (`sales call`,
    /// `Sales-Call`, `CRM note`) gives that kind and no detail; anything
    /// else ("Zoom customer call", "Google Meet", "Typeform NPS") is kept as
    /// written in the detail, with the kind its words make obvious, else
    /// [`Source::Other`].
    pub fn read(text: &str) -> (Source, Option<String>) {
        let written = text.trim();
        let key: String = written
            .to_lowercase()
            .chars()
            .map(|c| if c == ' ' || c == '_' { '-' } else { c })
            .collect();
        let exact = Source::ALL.into_iter().find(|s| {
            s.label().to_lowercase().replace(' ', "-") == key
                || match s {
                    Source::SupportTicket => key == "ticket" || key == "support",
                    Source::SalesCall => key == "call",
                    Source::CrmNote => key == "crm",
                    _ => false,
                }
        });
        if let Some(kind) = exact {
            return (kind, None);
        }
        let words: Vec<String> = written
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        let kind = if has(&[
            "survey",
            "surveys",
            "typeform",
            "questionnaire",
            "nps",
            "poll",
            "form",
        ]) {
            Source::Survey
        } else if has(&[
            "ticket",
            "tickets",
            "zendesk",
            "intercom",
            "freshdesk",
            "helpdesk",
            "support",
            "chat",
        ]) {
            Source::SupportTicket
        } else if has(&[
            "sales",
            "demo",
            "discovery",
            "gong",
            "chorus",
            "prospect",
            "deal",
        ]) {
            Source::SalesCall
        } else if has(&["crm", "hubspot", "salesforce", "pipedrive", "note", "notes"]) {
            Source::CrmNote
        } else if has(&[
            "interview",
            "interviews",
            "call",
            "calls",
            "zoom",
            "meet",
            "teams",
            "phone",
            "video",
            "research",
            "conversation",
            "chat",
            "skype",
            "webex",
            "transcript",
            "visit",
            "onsite",
        ]) {
            Source::Interview
        } else {
            Source::Other
        };
        (kind, (!written.is_empty()).then(|| written.to_string()))
    }

    pub fn label(self) -> &'static str {
        match self {
            Source::Interview => "interview",
            Source::Survey => "survey",
            Source::SupportTicket => "support ticket",
            Source::SalesCall => "sales call",
            Source::CrmNote => "CRM note",
            Source::Other => "other",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interview {
    /// The file name under `interviews/`; not stored inside the file.
    #[serde(skip)]
    pub id: String,
    #[serde(default = "super::schema_version")]
    pub schema: u32,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub interviewee: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub company: String,
    #[serde(default)]
    pub source: Source,
    /// The source as the notes named it, when it says more than the kind
    /// ("Zoom customer call", "Google Meet"): kept as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source_detail: String,
    /// The ICP these notes are about, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icp: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
    /// Paragraphs of the notes (counted from 0, split at blank lines) that a
    /// guided pass has been through, so nothing said is overlooked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviewed: Vec<u32>,
    #[serde(default)]
    pub notes: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<Highlight>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A quote or observation taken from the notes, tagged by what it tells.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Highlight {
    /// Unique within its interview: made from the words (`hq3k7zm`, see
    /// [`super::identity`]), or counted (`h1`, `h2`) by earlier versions.
    pub id: String,
    /// The highlight keeps its own copy of the words, so later edits to the
    /// notes never change what was quoted.
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Interview {
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Interview {
        Interview {
            id: id.into(),
            schema: super::SCHEMA,
            title: title.into(),
            date: None,
            interviewee: String::new(),
            role: String::new(),
            company: String::new(),
            source: Source::Interview,
            source_detail: String::new(),
            icp: None,
            created: None,
            updated: None,
            reviewed: Vec::new(),
            notes: String::new(),
            highlights: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// The source for people: the kind, with the words the notes used when
    /// they say more ("interview (Zoom customer call)").
    pub fn source_text(&self) -> String {
        let detail = self.source_detail.trim();
        if detail.is_empty() || detail.eq_ignore_ascii_case(self.source.label()) {
            self.source.label().to_string()
        } else {
            format!("{} ({detail})", self.source.label())
        }
    }

    pub fn highlight(&self, id: &str) -> Option<&Highlight> {
        self.highlights.iter().find(|h| h.id == id)
    }

    /// Adds a highlight quoting `text` with an id nobody working on
    /// another copy of the workspace can pick for other words (see
    /// [`super::identity`]), and returns that id. Every place that makes a
    /// highlight goes through here.
    pub fn add_highlight(&mut self, text: impl Into<String>, tags: Vec<String>) -> String {
        let text = text.into();
        let id = super::identity::highlight_id(&text, |id| self.highlight(id).is_some());
        self.highlights.push(Highlight {
            id: id.clone(),
            text,
            tags,
            extra: Extra::new(),
        });
        id
    }

    /// The next highlight id by counting (`h1`, `h2`, ...), as versions
    /// before shared workspaces made them. Two copies of the workspace
    /// count to the same number, so new highlights must use
    /// [`Self::add_highlight`]; this stays only until the app switches.
    pub fn next_highlight_id(&self) -> String {
        let highest = self
            .highlights
            .iter()
            .filter_map(|h| h.id.strip_prefix('h')?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        format!("h{}", highest + 1)
    }

    /// How many of the notes' paragraphs a guided pass has been through,
    /// and how many there are.
    pub fn review_progress(&self) -> (usize, usize) {
        let total = super::anchor::paragraphs(&self.notes).len();
        let done = self
            .reviewed
            .iter()
            .filter(|&&p| (p as usize) < total)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        (done, total)
    }

    /// Who said it, for counting each person once: the interviewee, else the
    /// company, else the interview itself.
    pub fn speaker_key(&self) -> String {
        let who = if !self.interviewee.trim().is_empty() {
            &self.interviewee
        } else if !self.company.trim().is_empty() {
            &self.company
        } else {
            &self.id
        };
        who.trim().to_lowercase()
    }
}
