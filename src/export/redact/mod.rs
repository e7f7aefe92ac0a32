//! A redacted copy of a workspace, for sharing the research without the
//! people in it. The normal export then runs on the copy, so every page,
//! table and footnote it writes is redacted the same way.
//!
//! - Interviewees become their role and a description of their company
//!   ("Head of Operations at an outdoor retailer, 120 staff").
//! - Company names (interviews' and best customers') become that
//!   description wherever they appear, also shortened ("Acme" for "Acme
//!   Outdoor") or without "Co."/"Inc.".
//! - E-mail addresses, phone numbers, street addresses, order and customer
//!   numbers, and other people's names are masked (`[e-mail]`, `[name]`...).
//! - Interview ids (made from names) become `interview-1`, `interview-2`...
//!
//! Evidence counts, dates, sources, tags and every number stay as they are.
//! Each kind of thing has one function here ([`Redactor::interview`],
//! [`Redactor::icp`], [`Redactor::persona`], [`Redactor::best_customer`]),
//! so a new field is redacted where its entity is.

use crate::domain::privacy::{Context, DetailKind, Detection, Known, Settings, detect};
use crate::domain::{Interview, Workspace};
use regex::Regex;
use std::collections::HashMap;

mod companies;
mod entities;
#[cfg(test)]
mod tests;

/// `ws` with everything that names a customer replaced; see the module.
pub fn workspace(ws: &Workspace, settings: &Settings) -> Workspace {
    // Every field is named (no `..`): a field added to `Workspace` does not
    // compile until it is redacted here.
    let Workspace {
        meta: _,
        icps: _,
        personas: _,
        interviews: _,
        templates: _,
        outcomes: _,
        ids: _,
    } = ws;
    let redactor = Redactor::new(ws, settings);
    let mut out = Workspace::new(ws.meta.clone());
    out.meta.name = redactor.text(&ws.meta.name, Context::Card);
    // The settings name the companies they describe.
    out.meta.extra.remove("privacy");
    out.icps = ws.icps.iter().map(|i| redactor.icp(i)).collect();
    out.personas = ws.personas.iter().map(|p| redactor.persona(p)).collect();
    out.interviews = ws
        .interviews
        .iter()
        .map(|i| redactor.interview(i))
        .collect();
    // Lookups by id expect the load's order.
    out.interviews.sort_by(|a, b| a.id.cmp(&b.id));
    out.templates = ws.templates.clone();
    // Outcomes are counts and rates per persona: nothing in them names a
    // customer (campaign names are not shown on the cards).
    out.outcomes = ws.outcomes.clone();
    out
}

/// What a company is called in a redacted text, and how it is found.
struct Company {
    description: String,
}

/// Redacts the things of one workspace: who and which companies it knows
/// is learned once, then each text, interview or card is redacted alike.
pub struct Redactor {
    known: Known,
    settings: Settings,
    companies: Vec<Company>,
    /// Every way a company is written (full, without "Co.", shortened),
    /// lowercased → the company.
    spellings: HashMap<String, usize>,
    /// Full spellings, matched without case.
    full: Option<Regex>,
    /// Short forms ("Acme"), matched with their capital.
    short: Option<Regex>,
    /// Per known person: what stands in their place ("Head of Operations at
    /// an outdoor retailer, 120 staff") and in a sentence ("Head of
    /// Operations").
    people: Vec<(String, String)>,
    /// Old interview id → new one.
    ids: HashMap<String, String>,
}

impl Redactor {
    pub fn new(ws: &Workspace, settings: &Settings) -> Redactor {
        let known = Known::new(ws);
        let mut redactor = Redactor {
            known,
            settings: settings.clone(),
            companies: Vec::new(),
            spellings: HashMap::new(),
            full: None,
            short: None,
            people: Vec::new(),
            ids: HashMap::new(),
        };
        redactor.learn_companies(ws, settings);
        redactor.people = redactor
            .known
            .people
            .iter()
            .map(|person| {
                let interview = person.interviews.first().and_then(|id| ws.interview(id));
                let role = interview.map_or("", |i| i.role.trim());
                let company = interview.map_or("", |i| i.company.trim());
                let description = redactor.description_of(company);
                let role = if role.is_empty() {
                    "interviewee".to_string()
                } else {
                    role.to_string()
                };
                let whole = match description {
                    Some(d) => format!("{role} at {d}"),
                    None => role.clone(),
                };
                (whole, role)
            })
            .collect();
        // New ids in date order, so `interview-1` is the oldest.
        let mut order: Vec<&Interview> = ws.interviews.iter().collect();
        order.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        let width = order.len().to_string().len();
        for (n, interview) in order.iter().enumerate() {
            redactor
                .ids
                .insert(interview.id.clone(), format!("interview-{:0width$}", n + 1));
        }
        redactor
    }

    /// How a redacted text names this company, if it is one the workspace
    /// knows.
    fn description_of(&self, company: &str) -> Option<&str> {
        let index = *self.spellings.get(&company.trim().to_lowercase())?;
        Some(self.companies[index].description.as_str())
    }

    /// `text` with people, companies and contact details replaced.
    pub fn text(&self, text: &str, context: Context) -> String {
        let mut detections = detect(text, &self.known, context);
        detections.retain(|d| !self.settings.allows(&text[d.range.clone()]));
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for d in &detections {
            out.push_str(&self.companies_in(&text[at..d.range.start]));
            out.push_str(&self.mask(d));
            at = d.range.end;
        }
        out.push_str(&self.companies_in(&text[at..]));
        out
    }

    fn mask(&self, detection: &Detection) -> String {
        match (detection.kind, detection.person) {
            (DetailKind::Name, Some(person)) => format!("[{}]", self.people[person].1),
            (kind, _) => kind.mask().to_string(),
        }
    }

    fn new_id(&self, id: &str) -> String {
        self.ids
            .get(id)
            .cloned()
            .unwrap_or_else(|| "interview-missing".to_string())
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
