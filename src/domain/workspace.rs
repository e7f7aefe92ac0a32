//! The whole workspace in memory, and the questions asked of it.

use super::icp::Icp;
use super::id_index::IdIndex;
use super::interview::{Highlight, Interview};
use super::persona::Persona;
use super::template::{Template, TemplateKind};
use super::value::{Citation, Extra, Fields, Item};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// `workspace.toml`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceMeta {
    #[serde(default = "super::schema_version")]
    pub schema: u32,
    pub name: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl WorkspaceMeta {
    pub fn new(name: impl Into<String>) -> WorkspaceMeta {
        WorkspaceMeta {
            schema: super::SCHEMA,
            name: name.into(),
            extra: Extra::new(),
        }
    }
}

/// The kinds of thing a workspace holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Icp,
    Persona,
    Interview,
    Template,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Icp => "ICP",
            Kind::Persona => "persona",
            Kind::Interview => "interview",
            Kind::Template => "template",
        }
    }

    pub fn fallback_id(self) -> &'static str {
        match self {
            Kind::Icp => "icp",
            Kind::Persona => "persona",
            Kind::Interview => "interview",
            Kind::Template => "template",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        match text.to_ascii_lowercase().as_str() {
            "icp" | "icps" => Some(Kind::Icp),
            "persona" | "personas" => Some(Kind::Persona),
            "interview" | "interviews" => Some(Kind::Interview),
            "template" | "templates" => Some(Kind::Template),
            _ => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Names one thing in the workspace.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityRef {
    pub kind: Kind,
    pub id: String,
}

impl EntityRef {
    pub fn new(kind: Kind, id: impl Into<String>) -> EntityRef {
        EntityRef {
            kind,
            id: id.into(),
        }
    }
}

impl fmt::Display for EntityRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} `{}`", self.kind.label(), self.id)
    }
}

/// What ICPs and personas share: a name, a template, field values, dates.
pub trait Profile {
    fn id(&self) -> &str;
    fn name(&self) -> &str;
    fn template_id(&self) -> &str;
    fn template_kind(&self) -> TemplateKind;
    fn fields(&self) -> &Fields;
    fn fields_mut(&mut self) -> &mut Fields;
    fn updated(&self) -> Option<Timestamp>;
    fn last_validated(&self) -> Option<Date>;
}

macro_rules! profile {
    ($ty:ty, $kind:expr) => {
        impl Profile for $ty {
            fn id(&self) -> &str {
                &self.id
            }
            fn name(&self) -> &str {
                &self.name
            }
            fn template_id(&self) -> &str {
                &self.template
            }
            fn template_kind(&self) -> TemplateKind {
                $kind
            }
            fn fields(&self) -> &Fields {
                &self.fields
            }
            fn fields_mut(&mut self) -> &mut Fields {
                &mut self.fields
            }
            fn updated(&self) -> Option<Timestamp> {
                self.updated
            }
            fn last_validated(&self) -> Option<Date> {
                self.last_validated
            }
        }
    };
}
profile!(Icp, TemplateKind::Icp);
profile!(Persona, TemplateKind::Persona);

/// A highlight found from a citation, with the interview it came from.
#[derive(Clone, Copy, Debug)]
pub struct Quote<'a> {
    pub interview: &'a Interview,
    pub highlight: &'a Highlight,
}

impl Quote<'_> {
    /// Who said it and when, to show beside the words: the interviewee,
    /// role and company that are known (else the interview's title), the
    /// date, and the source when it was not an interview, e.g.
    /// `Dana Whitfield, Head of Operations, Acme Outdoor, 2026-09-12`.
    pub fn attribution(&self) -> String {
        let i = self.interview;
        let mut parts: Vec<String> = [&i.interviewee, &i.role, &i.company]
            .into_iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if parts.is_empty() {
            parts.push(i.title.trim().to_string());
        }
        if let Some(date) = i.date {
            parts.push(date.to_string());
        }
        if i.source != super::interview::Source::Interview {
            parts.push(i.source.label().to_string());
        }
        parts.join(", ")
    }
}

/// Everything in one workspace.
#[derive(Clone, Debug, PartialEq)]
pub struct Workspace {
    pub meta: WorkspaceMeta,
    pub icps: Vec<Icp>,
    pub personas: Vec<Persona>,
    pub interviews: Vec<Interview>,
    /// Built-in templates, then the workspace's own (which replace a built-in
    /// of the same id).
    pub templates: Vec<Template>,
    /// The imported engagement and deal outcomes (`metrics/`), per persona.
    pub outcomes: super::metrics::cards::Outcomes,
    /// Where each id sits in the lists above (see [`IdIndex`]); boxed, so
    /// a workspace moved around stays small.
    pub(crate) ids: Box<Ids>,
}

/// The id tables of a workspace's lists.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Ids {
    icps: IdIndex,
    personas: IdIndex,
    interviews: IdIndex,
}

impl Workspace {
    pub fn new(meta: WorkspaceMeta) -> Workspace {
        Workspace {
            meta,
            icps: Vec::new(),
            personas: Vec::new(),
            interviews: Vec::new(),
            templates: Vec::new(),
            outcomes: Default::default(),
            ids: Box::default(),
        }
    }

    pub fn icp(&self, id: &str) -> Option<&Icp> {
        let at = find_by_id(&self.icps, &self.ids.icps, id, |i| &i.id)?;
        Some(&self.icps[at])
    }

    pub fn persona(&self, id: &str) -> Option<&Persona> {
        Some(&self.personas[self.persona_position(id)?])
    }

    /// Where the persona `id` is in [`Workspace::personas`].
    pub fn persona_position(&self, id: &str) -> Option<usize> {
        self.ids.personas.find(&self.personas, id, |p| &p.id)
    }

    /// By the id table, not a search of the sorted list: every citation of
    /// an export looks its interview up, and a binary search over 10,000
    /// interviews compares a dozen ids scattered in memory each time.
    pub fn interview(&self, id: &str) -> Option<&Interview> {
        let at = self.ids.interviews.find(&self.interviews, id, |i| &i.id)?;
        Some(&self.interviews[at])
    }

    pub fn persona_mut(&mut self, id: &str) -> Option<&mut Persona> {
        let at = self.persona_position(id)?;
        Some(&mut self.personas[at])
    }

    pub fn interview_mut(&mut self, id: &str) -> Option<&mut Interview> {
        let at = self.ids.interviews.find(&self.interviews, id, |i| &i.id)?;
        Some(&mut self.interviews[at])
    }

    pub fn icp_mut(&mut self, id: &str) -> Option<&mut Icp> {
        let at = find_by_id(&self.icps, &self.ids.icps, id, |i| &i.id)?;
        Some(&mut self.icps[at])
    }

    /// Takes out the persona at `at` (its id table follows).
    pub fn remove_persona(&mut self, at: usize) -> Persona {
        self.ids.personas.removed(at);
        self.personas.remove(at)
    }

    /// Puts a persona in at `at` (its id table follows).
    pub fn insert_persona(&mut self, at: usize, persona: Persona) {
        self.ids.personas.inserted(at, &persona.id);
        self.personas.insert(at, persona);
    }

    /// Replaces the persona at `at`, which may have a new id.
    pub fn replace_persona(&mut self, at: usize, persona: Persona) -> Persona {
        self.ids
            .personas
            .renamed(at, &self.personas[at].id, &persona.id);
        std::mem::replace(&mut self.personas[at], persona)
    }

    pub fn remove_icp(&mut self, at: usize) -> Icp {
        self.ids.icps.removed(at);
        self.icps.remove(at)
    }

    pub fn insert_icp(&mut self, at: usize, icp: Icp) {
        self.ids.icps.inserted(at, &icp.id);
        self.icps.insert(at, icp);
    }

    pub fn replace_icp(&mut self, at: usize, icp: Icp) -> Icp {
        self.ids.icps.renamed(at, &self.icps[at].id, &icp.id);
        std::mem::replace(&mut self.icps[at], icp)
    }

    pub fn remove_interview(&mut self, at: usize) -> Interview {
        self.ids.interviews.removed(at);
        self.interviews.remove(at)
    }

    pub fn insert_interview(&mut self, at: usize, interview: Interview) {
        self.ids.interviews.inserted(at, &interview.id);
        self.interviews.insert(at, interview);
    }

    pub fn replace_interview(&mut self, at: usize, interview: Interview) -> Interview {
        self.ids
            .interviews
            .renamed(at, &self.interviews[at].id, &interview.id);
        std::mem::replace(&mut self.interviews[at], interview)
    }

    pub fn template(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    pub fn personas_of<'a>(&'a self, icp: &'a str) -> impl Iterator<Item = &'a Persona> + 'a {
        self.personas.iter().filter(move |p| p.icp == icp)
    }

    pub fn contains(&self, entity: &EntityRef) -> bool {
        match entity.kind {
            Kind::Icp => self.icp(&entity.id).is_some(),
            Kind::Persona => self.persona(&entity.id).is_some(),
            Kind::Interview => self.interview(&entity.id).is_some(),
            Kind::Template => self.template(&entity.id).is_some(),
        }
    }

    /// Every kind that has something with this id.
    pub fn find(&self, id: &str) -> Vec<EntityRef> {
        [Kind::Icp, Kind::Persona, Kind::Interview]
            .into_iter()
            .map(|kind| EntityRef::new(kind, id))
            .filter(|entity| self.contains(entity))
            .collect()
    }

    /// Whether an id is free for a new thing of this kind.
    pub fn id_taken(&self, kind: Kind, id: &str) -> bool {
        self.contains(&EntityRef::new(kind, id))
    }

    /// A fresh id for a new thing named `name`.
    pub fn new_id(&self, kind: Kind, name: &str) -> String {
        super::id::unique_id(name, kind.fallback_id(), |id| self.id_taken(kind, id))
    }

    pub fn quote(&self, citation: &Citation) -> Option<Quote<'_>> {
        let interview = self.interview(&citation.interview)?;
        let highlight = interview.highlight(&citation.highlight)?;
        Some(Quote {
            interview,
            highlight,
        })
    }

    /// The highlights an item cites that exist, in citation order.
    pub fn quotes<'a>(&'a self, item: &'a Item) -> impl Iterator<Item = Quote<'a>> + 'a {
        item.cites.iter().filter_map(|c| self.quote(c))
    }

    /// Whether any highlight an item cites exists (`interviews_backing`
    /// above 0, without counting them).
    pub fn is_backed(&self, item: &Item) -> bool {
        self.quotes(item).next().is_some()
    }

    /// How many distinct interviews back an item (missing ones do not count).
    pub fn interviews_backing(&self, item: &Item) -> usize {
        // An item cites a handful of highlights: a list beats a set (an
        // export asks this for every value of every card).
        let mut seen: Vec<&str> = Vec::with_capacity(item.cites.len());
        for quote in self.quotes(item) {
            let id = quote.interview.id.as_str();
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
        seen.len()
    }

    /// Every tag in use on a highlight, sorted.
    pub fn tags_in_use(&self) -> BTreeSet<&str> {
        self.interviews
            .iter()
            .flat_map(|i| i.highlights.iter())
            .flat_map(|h| h.tags.iter().map(String::as_str))
            .collect()
    }

    /// The ICP and persona fields that cite a highlight.
    pub fn citing(&self, citation: &Citation) -> Vec<(EntityRef, String)> {
        let mut found = Vec::new();
        let mut scan = |entity: EntityRef, fields: &Fields| {
            for (field, items) in fields {
                if items.iter().any(|item| item.cites.contains(citation)) {
                    found.push((entity.clone(), field.clone()));
                }
            }
        };
        for icp in &self.icps {
            scan(EntityRef::new(Kind::Icp, &icp.id), &icp.fields);
        }
        for persona in &self.personas {
            scan(EntityRef::new(Kind::Persona, &persona.id), &persona.fields);
        }
        // A messaging matrix row citing it counts as the `messaging` field.
        for persona in &self.personas {
            if persona
                .messaging
                .iter()
                .any(|row| row.cites.contains(citation))
            {
                found.push((
                    EntityRef::new(Kind::Persona, &persona.id),
                    "messaging".into(),
                ));
            }
        }
        found
    }
}

/// Fields that hold messaging copy (an outreach template with
/// `{{ tokens }}`), not claims about the person: they are neither research
/// nor assumption, and no evidence count includes them.
pub const NOT_CLAIMS: &[&str] = &["outreach_template"];

/// Whether a field's items are claims that evidence backs or not.
pub fn counts_as_claim(field: &str) -> bool {
    !NOT_CLAIMS.contains(&field)
}

/// How much of a profile is research and how much is guesswork.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EvidenceSummary {
    pub backed: usize,
    pub assumptions: usize,
}

impl EvidenceSummary {
    pub fn of(workspace: &Workspace, fields: &Fields) -> EvidenceSummary {
        let mut summary = EvidenceSummary::default();
        let claims = fields.iter().filter(|(field, _)| counts_as_claim(field));
        for item in claims.flat_map(|(_, items)| items) {
            if workspace.is_backed(item) {
                summary.backed += 1;
            } else {
                summary.assumptions += 1;
            }
        }
        summary
    }

    pub fn total(self) -> usize {
        self.backed + self.assumptions
    }
}

/// Where the item with this id is (ids are unique within a kind). A load
/// leaves ICPs and interviews sorted by id, so a binary search finds them
/// without touching the id table (every citation of 50,000 personas is
/// looked up this way in an export, on every core); anything added out of
/// order since is found through the table.
fn find_by_id<T>(
    items: &[T],
    ids: &IdIndex,
    id: &str,
    key: impl Fn(&T) -> &String + Copy,
) -> Option<usize> {
    match items.binary_search_by(|item| key(item).as_str().cmp(id)) {
        Ok(i) => Some(i),
        Err(_) => ids.find(items, id, |item| key(item).as_str()),
    }
}
