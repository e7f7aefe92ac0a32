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

use crate::domain::privacy::{
    Context, DetailKind, Detection, Known, Settings, detect, looks_like_person,
};
use crate::domain::{
    BestCustomer, Citation, Extra, Fields, Icp, Interview, Item, Persona, Value, Workspace,
};
use regex::Regex;
use std::collections::HashMap;

/// `ws` with everything that names a customer replaced; see the module.
pub fn workspace(ws: &Workspace, settings: &Settings) -> Workspace {
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
    out
}

/// What a company is called in a redacted text, and how it is found.
struct Company {
    description: String,
}

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

/// Legal forms dropped to find "Summit Supply" for "Summit Supply Co.".
const LEGAL_FORMS: &[&str] = &[
    "co", "co.", "company", "inc", "inc.", "ltd", "ltd.", "llc", "gmbh", "corp", "corp.", "ag",
    "sa", "s.a.", "bv", "b.v.", "ab", "oy", "plc", "pty", "srl", "sl", "sas", "kg", "limited",
];

/// First words too common to stand for one company on their own.
const GENERIC_FIRST_WORDS: &[&str] = &[
    "the",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "new",
    "big",
    "little",
    "blue",
    "green",
    "red",
    "black",
    "white",
    "golden",
    "silver",
    "first",
    "global",
    "united",
    "american",
    "national",
    "international",
    "general",
    "royal",
    "city",
    "urban",
    "modern",
    "smart",
    "happy",
    "good",
    "best",
    "great",
    "pure",
    "simple",
    "true",
    "open",
    "next",
    "one",
    "top",
    "prime",
    "digital",
    "trial",
    "team",
    "our",
    "my",
    "home",
    "live",
    "shop",
    "store",
];

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

    fn learn_companies(&mut self, ws: &Workspace, settings: &Settings) {
        let mut names: Vec<(&str, Option<&Interview>)> = Vec::new();
        for interview in &ws.interviews {
            names.push((interview.company.trim(), Some(interview)));
        }
        for icp in &ws.icps {
            for customer in &icp.best_customers {
                names.push((customer.company.trim(), None));
            }
        }
        let mut first_words: HashMap<String, Vec<usize>> = HashMap::new();
        for (name, interview) in names {
            if name.is_empty() || self.spellings.contains_key(&name.to_lowercase()) {
                continue;
            }
            let description = describe(ws, settings, name, interview);
            let index = self.companies.len();
            self.companies.push(Company { description });
            self.spellings.insert(name.to_lowercase(), index);
            let words: Vec<&str> = name.split_whitespace().collect();
            let mut core = words.clone();
            while core.len() > 1
                && core.last().is_some_and(|w| {
                    LEGAL_FORMS.contains(&w.trim_end_matches(',').to_lowercase().as_str())
                })
            {
                core.pop();
            }
            let core = core.join(" ").trim_end_matches([',', '.']).to_string();
            if core.chars().count() >= 3 {
                self.spellings.entry(core.to_lowercase()).or_insert(index);
            }
            let proper = words.len() >= 2
                && words.iter().all(|w| {
                    w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                        || ["&", "and", "of", "the", "+"].contains(w)
                });
            if proper {
                let first = words[0].trim_end_matches([',', '.']);
                if first.chars().count() >= 4
                    && !GENERIC_FIRST_WORDS.contains(&first.to_lowercase().as_str())
                {
                    first_words
                        .entry(first.to_string())
                        .or_default()
                        .push(index);
                }
            }
        }
        let mut full: Vec<String> = self.spellings.keys().cloned().collect();
        full.sort_by_key(|s| std::cmp::Reverse(s.len()));
        if !full.is_empty() {
            let alternation: Vec<String> = full.iter().map(|s| spaced(s)).collect();
            self.full = Regex::new(&format!("(?i){}", alternation.join("|"))).ok();
        }
        let mut short: Vec<String> = Vec::new();
        for (word, companies) in first_words {
            // A first word two companies share stands for neither.
            if companies.len() == 1 && !self.spellings.contains_key(&word.to_lowercase()) {
                self.spellings.insert(word.to_lowercase(), companies[0]);
                short.push(word);
            }
        }
        short.sort_by_key(|s| std::cmp::Reverse(s.len()));
        if !short.is_empty() {
            let alternation: Vec<String> = short.iter().map(|s| regex::escape(s)).collect();
            self.short = Regex::new(&alternation.join("|")).ok();
        }
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

    fn companies_in(&self, segment: &str) -> String {
        let mut found: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
        for pattern in [&self.full, &self.short].into_iter().flatten() {
            for m in pattern.find_iter(segment) {
                let before = segment[..m.start()].chars().next_back();
                let after = segment[m.end()..].chars().next();
                let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                let overlaps = found
                    .iter()
                    .any(|(r, _)| r.start < m.end() && m.start() < r.end);
                if glued(before) || glued(after) || overlaps {
                    continue;
                }
                let key = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
                if let Some(&index) = self.spellings.get(&key.to_lowercase()) {
                    found.push((m.range(), index));
                }
            }
        }
        if found.is_empty() {
            return segment.to_string();
        }
        found.sort_by_key(|(r, _)| r.start);
        let mut out = String::with_capacity(segment.len());
        let mut at = 0;
        for (range, index) in found {
            out.push_str(&segment[at..range.start]);
            out.push('[');
            out.push_str(&self.companies[index].description);
            out.push(']');
            at = range.end;
        }
        out.push_str(&segment[at..]);
        out
    }

    pub fn interview(&self, interview: &Interview) -> Interview {
        let mut out = interview.clone();
        out.id = self.new_id(&interview.id);
        out.title = self.text(&interview.title, Context::Notes);
        let company = self.description_of(&interview.company).map(str::to_string);
        let person = looks_like_person(interview.interviewee.trim())
            .then(|| self.known.interviewee_of(&interview.id))
            .flatten();
        match person {
            Some(person) => {
                out.interviewee = self.people[person].0.clone();
                out.role = String::new();
                out.company = String::new();
            }
            None => {
                // A group ("web shoppers (212 replies)"): who they were,
                // keeping the count.
                let role = interview.role.trim();
                let count = interview
                    .interviewee
                    .rfind('(')
                    .map(|i| interview.interviewee[i..].trim())
                    .filter(|p| p.ends_with(')') && p.chars().any(|c| c.is_ascii_digit()));
                let mut who = match (role.is_empty(), &company) {
                    (false, Some(c)) => format!("{role} at {c}"),
                    (false, None) => role.to_string(),
                    (true, Some(c)) => format!("people at {c}"),
                    (true, None) => "respondents".to_string(),
                };
                if interview.interviewee.trim().is_empty() {
                    who = String::new();
                } else if let Some(count) = count {
                    who = format!("{who} {count}");
                }
                out.interviewee = who;
                out.role = String::new();
                out.company = String::new();
            }
        }
        out.notes = self.text(&interview.notes, Context::Notes);
        for highlight in &mut out.highlights {
            highlight.text = self.text(&highlight.text, Context::Notes);
            highlight.extra = self.extra(&highlight.extra, Context::Notes);
        }
        out.extra = self.extra(&interview.extra, Context::Notes);
        out
    }

    pub fn icp(&self, icp: &Icp) -> Icp {
        let mut out = icp.clone();
        out.name = self.text(&icp.name, Context::Card);
        out.fields = self.fields(&icp.fields);
        out.best_customers = icp
            .best_customers
            .iter()
            .map(|c| self.best_customer(c))
            .collect();
        out.extra = self.extra(&icp.extra, Context::Card);
        out
    }

    pub fn persona(&self, persona: &Persona) -> Persona {
        let mut out = persona.clone();
        out.name = self.text(&persona.name, Context::Card);
        out.fields = self.fields(&persona.fields);
        out.extra = self.extra(&persona.extra, Context::Card);
        // The messaging matrix: its texts like a card's, its citations to
        // the renamed interviews, its customers by the same description as
        // the ICP's best customers (so the evidence still resolves).
        for row in &mut out.messaging {
            for text in [&mut row.value, &mut row.proof, &mut row.cta] {
                *text = self.text(text, Context::Card);
            }
            for citation in &mut row.cites {
                citation.interview = self.new_id(&citation.interview);
            }
            for customer in &mut row.customers {
                *customer = self.company_name(customer);
            }
            row.extra = self.extra(&row.extra, Context::Card);
        }
        out
    }

    /// A best customer's name as redacted: its description when known.
    fn company_name(&self, company: &str) -> String {
        match self.description_of(company) {
            Some(d) => capitalised(d),
            None => self.text(company, Context::Card),
        }
    }

    /// An account keeps its industry, size, revenue, geography and tools;
    /// its name becomes its description. Names and contacts of a shopper
    /// kept with `--keep-names` are masked.
    pub fn best_customer(&self, customer: &BestCustomer) -> BestCustomer {
        let mut out = customer.clone();
        out.company = self.company_name(&customer.company);
        out.criterion = self.text(&customer.criterion, Context::Card);
        // A shopper's name and e-mail, kept with `--keep-names`.
        if !out.name.is_empty() {
            out.name = DetailKind::Name.mask().to_string();
        }
        if !out.email.is_empty() {
            out.email = DetailKind::Email.mask().to_string();
        }
        for value in out.more.values_mut() {
            *value = self.text(value, Context::Card);
        }
        out.extra = self.extra(&customer.extra, Context::Card);
        for (key, value) in out.extra.iter_mut() {
            let personal = [
                "name",
                "first_name",
                "last_name",
                "full_name",
                "customer_name",
                "contact_name",
                "contact",
            ]
            .contains(&key.as_str());
            let contact = ["email", "e_mail", "phone", "mobile"].contains(&key.as_str());
            if value.is_str() && (personal || contact) {
                let mask = if personal {
                    DetailKind::Name.mask()
                } else if key.contains("mail") {
                    DetailKind::Email.mask()
                } else {
                    DetailKind::Phone.mask()
                };
                *value = toml::Value::String(mask.to_string());
            }
        }
        out
    }

    fn fields(&self, fields: &Fields) -> Fields {
        fields
            .iter()
            .map(|(id, items)| {
                let items = items.iter().map(|item| self.item(item)).collect();
                (id.clone(), items)
            })
            .collect()
    }

    fn item(&self, item: &Item) -> Item {
        let value = match &item.value {
            Value::Text(text) => Value::Text(self.text(text, Context::Card)),
            other => other.clone(),
        };
        Item {
            value,
            cites: item
                .cites
                .iter()
                .map(|c| Citation::new(self.new_id(&c.interview), &c.highlight))
                .collect(),
            extra: self.extra(&item.extra, Context::Card),
        }
    }

    /// Keys this version does not know, their texts redacted too.
    fn extra(&self, extra: &Extra, context: Context) -> Extra {
        extra
            .iter()
            .map(|(key, value)| (key.clone(), self.value(value, context, 0)))
            .collect()
    }

    fn value(&self, value: &toml::Value, context: Context, depth: usize) -> toml::Value {
        match value {
            toml::Value::String(s) => toml::Value::String(self.text(s, context)),
            // Deeper than any real file: dropped rather than walked.
            _ if depth > 32 => toml::Value::String(String::new()),
            toml::Value::Array(items) => toml::Value::Array(
                items
                    .iter()
                    .map(|v| self.value(v, context, depth + 1))
                    .collect(),
            ),
            toml::Value::Table(table) => toml::Value::Table(
                table
                    .iter()
                    .map(|(k, v)| (k.clone(), self.value(v, context, depth + 1)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    fn new_id(&self, id: &str) -> String {
        self.ids
            .get(id)
            .cloned()
            .unwrap_or_else(|| "interview-missing".to_string())
    }
}

/// "an outdoor retailer, 120 staff": the workspace's own words for the
/// company when `workspace.toml` has them, else its industry and size as a
/// best customer, else the industry of the ICP its interview is about.
fn describe(
    ws: &Workspace,
    settings: &Settings,
    name: &str,
    interview: Option<&Interview>,
) -> String {
    let folded = name.to_lowercase();
    if let Some((_, d)) = settings
        .describe
        .iter()
        .find(|(company, d)| company.trim().to_lowercase() == folded && !d.is_empty())
    {
        return d.clone();
    }
    let customer = ws
        .icps
        .iter()
        .flat_map(|icp| &icp.best_customers)
        .find(|c| c.company.trim().to_lowercase() == folded);
    let (industry, size) = match customer {
        Some(c) => (c.industry.trim().to_string(), c.size.trim().to_string()),
        None => {
            let industry = interview
                .and_then(|i| i.icp.as_deref())
                .and_then(|id| ws.icp(id))
                .and_then(|icp| icp.fields.get("industry"))
                .and_then(|items| items.first())
                .map(|item| item.value.to_string())
                .unwrap_or_default();
            // An ICP's industry is often a list ("Consumer brands that sell
            // direct: beauty, food and drink"); its head says enough.
            let head = industry
                .split([':', ';', '(', '\n'])
                .next()
                .unwrap_or_default();
            (head.trim().to_string(), String::new())
        }
    };
    let staff = if size.is_empty() {
        String::new()
    } else if size.chars().any(char::is_alphabetic) {
        format!(", {size}")
    } else {
        format!(", {size} staff")
    };
    match (industry.is_empty(), staff.is_empty()) {
        (false, _) => format!("a company in {}{staff}", lowercase_first(&industry)),
        (true, false) => format!("a company{staff}"),
        (true, true) => "a customer company".to_string(),
    }
}

/// A literal with any run of spaces matching any whitespace.
fn spaced(literal: &str) -> String {
    literal
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// "Outdoor retail" → "outdoor retail", leaving "DTC" and "SaaS" alone.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{BestCustomer, WorkspaceMeta};

    fn workspace() -> Workspace {
        let mut ws = Workspace::new(WorkspaceMeta::new("w"));
        let mut priya = Interview::new("priya-nair", "Priya Nair, Summit Supply Co.");
        priya.interviewee = "Priya Nair".into();
        priya.role = "Finance Director".into();
        priya.company = "Summit Supply Co.".into();
        priya.notes = "Priya at Summit said SUMMIT SUPPLY pays by invoice INV-2026-0042; call +1 801 555 0199. Sage Intacct runs the books.".into();
        let mut survey = Interview::new("survey", "Summit Supply shoppers");
        survey.interviewee = "Summit Supply web shoppers (212 replies)".into();
        survey.role = "Shoppers".into();
        survey.company = "Summit Supply Co.".into();
        ws.interviews = vec![priya, survey];
        let mut icp = Icp::new("icp", "Outdoor", "icp");
        icp.best_customers.push(BestCustomer {
            company: "Summit Supply Co.".into(),
            industry: "Outdoor retail".into(),
            size: "160".into(),
            ..BestCustomer::default()
        });
        ws.icps = vec![icp];
        ws
    }

    #[test]
    fn people_and_companies_become_descriptions() {
        let ws = workspace();
        let settings = Settings {
            allow: vec!["sage intacct".into()],
            ..Settings::default()
        };
        let out = super::workspace(&ws, &settings);
        let priya = &out.interviews[0];
        assert_eq!(priya.id, "interview-1");
        assert_eq!(
            priya.interviewee,
            "Finance Director at a company in outdoor retail, 160 staff"
        );
        assert_eq!((priya.role.as_str(), priya.company.as_str()), ("", ""));
        let company = "[a company in outdoor retail, 160 staff]";
        assert_eq!(
            priya.notes,
            format!(
                "[Finance Director] at {company} said {company} pays by invoice [number]; call [phone]. Sage Intacct runs the books."
            )
        );
        let survey = &out.interviews[1];
        assert_eq!(
            survey.interviewee,
            "Shoppers at a company in outdoor retail, 160 staff (212 replies)"
        );
        assert_eq!(survey.title, format!("{company} shoppers"));
        assert_eq!(
            out.icps[0].best_customers[0].company,
            "A company in outdoor retail, 160 staff"
        );
    }

    #[test]
    fn the_workspace_can_describe_its_companies() {
        let ws = workspace();
        let mut settings = Settings::default();
        settings
            .describe
            .insert("summit supply co.".into(), "a regional outfitter".into());
        let out = super::workspace(&ws, &settings);
        assert_eq!(
            out.interviews[0].interviewee,
            "Finance Director at a regional outfitter"
        );
    }
}
