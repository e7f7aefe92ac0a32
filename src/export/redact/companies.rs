//! Companies: every way the workspace writes one, and the description a
//! redacted text puts in its place.

use super::{Company, Redactor, capitalised};
use crate::domain::privacy::{Context, Settings};
use crate::domain::{Interview, Workspace};
use regex::Regex;
use std::collections::HashMap;

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
    pub(super) fn learn_companies(&mut self, ws: &Workspace, settings: &Settings) {
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

    /// `segment` with every company the workspace knows replaced by its
    /// description, in brackets.
    pub(super) fn companies_in(&self, segment: &str) -> String {
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

    /// A best customer's name as redacted: its description when known.
    pub(super) fn company_name(&self, company: &str) -> String {
        match self.description_of(company) {
            Some(d) => capitalised(d),
            None => self.text(company, Context::Card),
        }
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
