//! One template against a list of leads: which personas it reaches, which
//! lead gets which persona, and each lead's message or the reason it has
//! none. The CLI's `outreach render` and `outreach check` and the app's
//! preview all go through here.

use super::lead::Lead;
use super::render::{self, Message, Scope};
use super::rules::{self, Assignment};
use super::template::{Channel, Compiled, OutreachTemplate};
use super::vocabulary::{Meaning, Vocabulary};
use crate::domain::{Persona, Workspace};
use std::collections::BTreeSet;

/// What the ICP's scoring says of a lead, when it has scoring.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fit {
    pub tier: Option<String>,
    pub segment: Option<String>,
    /// The disqualifier's reason, when one fired.
    pub disqualified: Option<String>,
}

/// A template ready to run against leads.
#[derive(Debug)]
pub struct Campaign<'a> {
    pub template: &'a OutreachTemplate,
    pub compiled: &'a Compiled,
    /// Personas a lead may match, in priority order: the template's own
    /// first.
    pub candidates: Vec<&'a Persona>,
    /// The personas the template is written for.
    pub audience: BTreeSet<String>,
    /// Fit tiers wanted (`--tier`, else the template's `tiers`); empty is all.
    pub tiers: Vec<String>,
    /// Every lead is this persona (the lead file is a list of them): the
    /// match rules are not asked.
    pub forced: Option<&'a Persona>,
    matcher: rules::Matcher<'a>,
}

/// How a campaign is narrowed.
#[derive(Clone, Debug, Default)]
pub struct Options<'o> {
    /// Only this ICP's personas (and its scoring).
    pub icp: Option<&'o str>,
    /// Tiers wanted, overriding the template's; upper case.
    pub tiers: Option<Vec<String>>,
    /// Every lead is this persona.
    pub persona: Option<&'o str>,
}

/// The outcome for one lead.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome<'a> {
    Message {
        persona: &'a Persona,
        message: Message,
    },
    Skipped {
        /// The persona it matched, if any.
        persona: Option<&'a Persona>,
        why: Skip,
    },
}

/// Why a lead gets no message.
#[derive(Clone, Debug, PartialEq)]
pub enum Skip {
    /// No persona fits; the words say why.
    Unmatched(String),
    /// It is this persona (an id), which the template is not for.
    OtherPersona(String),
    /// The scoring's disqualifier fired, with its reason.
    Disqualified(String),
    /// Its tier is not one wanted.
    Tier(String),
    /// Tiers are wanted and it has none.
    NoTier,
    /// Its segment (if it fits one) is not one the template is for.
    Segment(Option<String>),
    /// It has no address on the template's channel (the label).
    NoAddress(&'static str),
    /// Tokens without a value and without a default.
    Gaps(Vec<render::Gap>),
    /// An earlier lead of the file has the same e-mail address and got a
    /// message (the line it is on).
    Repeated(usize),
}

impl Skip {
    /// The full reason, for the skipped file.
    pub fn reason(&self, wanted_tiers: &[String], segments: &[String]) -> String {
        match self {
            Skip::Unmatched(why) => format!("no persona: {why}"),
            Skip::OtherPersona(id) => {
                format!("matched persona `{id}`, which this template is not for")
            }
            Skip::Disqualified(why) => format!("disqualified: {why}"),
            Skip::Tier(tier) => format!("tier {tier} is not among {}", wanted_tiers.join(", ")),
            Skip::NoTier => "no fit tier".into(),
            Skip::Segment(Some(segment)) => {
                format!("segment `{segment}` is not among {}", segments.join(", "))
            }
            Skip::Segment(None) => format!("fits none of the segments {}", segments.join(", ")),
            Skip::NoAddress(label) => format!("no {label} to send to"),
            Skip::Gaps(gaps) => render::reasons(gaps),
            Skip::Repeated(line) => {
                format!("same e-mail address as line {line}, which already has a message")
            }
        }
    }

    /// A short reason shared by many leads, for a summary.
    pub fn group(&self) -> String {
        match self {
            Skip::Unmatched(_) => "no persona fits".into(),
            Skip::OtherPersona(id) => format!("persona `{id}`, not this template's"),
            Skip::Disqualified(_) => "disqualified".into(),
            Skip::Tier(tier) => format!("tier {tier}"),
            Skip::NoTier => "no fit tier".into(),
            Skip::Segment(Some(segment)) => format!("segment `{segment}`"),
            Skip::Segment(None) => "no segment".into(),
            Skip::NoAddress(label) => format!("no {label}"),
            Skip::Gaps(gaps) => {
                let mut names: Vec<&str> = gaps.iter().map(|g| g.why.as_str()).collect();
                names.dedup();
                names.join(", ")
            }
            Skip::Repeated(_) => "a repeated e-mail address".into(),
        }
    }
}

impl<'a> Campaign<'a> {
    /// Sets a template up against the workspace. The error is one sentence
    /// naming the template, persona or ICP.
    pub fn new(
        ws: &'a Workspace,
        template: &'a OutreachTemplate,
        compiled: &'a Compiled,
        options: Options,
    ) -> Result<Campaign<'a>, String> {
        let Options {
            icp,
            tiers,
            persona,
        } = options;
        if let Some(icp) = icp
            && ws.icp(icp).is_none()
        {
            return Err(format!("there is no ICP `{icp}`"));
        }
        let mut own = Vec::new();
        for id in &template.personas {
            let persona = ws.persona(id).ok_or_else(|| {
                format!(
                    "outreach template `{}` is for persona `{id}`, which does not exist",
                    template.id
                )
            })?;
            if let Some(icp) = icp
                && persona.icp != icp
            {
                return Err(format!(
                    "outreach template `{}` is for persona `{id}` of ICP `{}`, not ICP `{icp}`",
                    template.id, persona.icp
                ));
            }
            own.push(persona);
        }
        // Leads are matched among every persona of the ICPs concerned, so a
        // lead that is someone else is recognised as such, not forced in.
        let icps: BTreeSet<&str> = match icp {
            Some(icp) => [icp].into(),
            None if own.is_empty() => ws.personas.iter().map(|p| p.icp.as_str()).collect(),
            None => own.iter().map(|p| p.icp.as_str()).collect(),
        };
        let mut others: Vec<&Persona> = ws
            .personas
            .iter()
            .filter(|p| icps.contains(p.icp.as_str()) && !template.personas.contains(&p.id))
            .collect();
        others.sort_by(|a, b| (&a.icp, &a.id).cmp(&(&b.icp, &b.id)));
        let audience: BTreeSet<String> = if own.is_empty() {
            others.iter().map(|p| p.id.clone()).collect()
        } else {
            own.iter().map(|p| p.id.clone()).collect()
        };
        if audience.is_empty() {
            return Err(format!(
                "outreach template `{}` reaches no persona: the workspace{} has none",
                template.id,
                icp.map(|i| format!("'s ICP `{i}`")).unwrap_or_default()
            ));
        }
        let forced = match persona {
            None => None,
            Some(id) => {
                let persona = ws
                    .persona(id)
                    .ok_or_else(|| format!("there is no persona `{id}`"))?;
                if !audience.contains(id) {
                    return Err(format!(
                        "outreach template `{}` is not for persona `{id}` (it is for {})",
                        template.id,
                        audience
                            .iter()
                            .map(|a| format!("`{a}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                Some(persona)
            }
        };
        let mut candidates = own;
        candidates.extend(others);
        let matcher = rules::Matcher::new(&candidates);
        Ok(Campaign {
            template,
            compiled,
            matcher,
            candidates,
            audience,
            forced,
            tiers: tiers.unwrap_or_else(|| {
                template
                    .tiers
                    .iter()
                    .map(|t| t.trim().to_uppercase())
                    .collect()
            }),
        })
    }

    /// The message for one lead, or why it gets none.
    pub fn run(&self, lead: &Lead, fit: Option<&Fit>) -> Outcome<'a> {
        let assigned = match self.forced {
            Some(persona) => Assignment::Persona {
                persona,
                basis: rules::Basis::Given,
            },
            None => self.matcher.assign(lead),
        };
        let persona = match assigned {
            Assignment::Persona { persona, .. } => persona,
            Assignment::Unmatched(reason) => {
                return Outcome::Skipped {
                    persona: None,
                    why: Skip::Unmatched(reason),
                };
            }
        };
        let skip = |why: Skip| Outcome::Skipped {
            persona: Some(persona),
            why,
        };
        if !self.audience.contains(&persona.id) {
            return skip(Skip::OtherPersona(persona.id.clone()));
        }
        if let Some(reason) = fit.and_then(|f| f.disqualified.as_deref()) {
            return skip(Skip::Disqualified(reason.to_string()));
        }
        if !self.tiers.is_empty() {
            match fit.and_then(|f| f.tier.as_deref()) {
                Some(tier) if self.tiers.iter().any(|t| t.eq_ignore_ascii_case(tier)) => {}
                Some(tier) => return skip(Skip::Tier(tier.to_string())),
                None => return skip(Skip::NoTier),
            }
        }
        if !self.template.segments.is_empty()
            && let Some(fit) = fit
        {
            let wanted = |segment: &str| {
                self.template
                    .segments
                    .iter()
                    .any(|s| s.trim().eq_ignore_ascii_case(segment.trim()))
            };
            match fit.segment.as_deref() {
                Some(segment) if wanted(segment) => {}
                other => return skip(Skip::Segment(other.map(str::to_string))),
            }
        }
        if let Some((field, label)) = address(self.template.channel)
            && lead.get(field).is_none()
        {
            return skip(Skip::NoAddress(label));
        }
        let scope = Scope {
            lead,
            persona: Some(persona),
            stage: self.template.stage,
        };
        match render::render(self.compiled, &scope) {
            Ok(message) => Outcome::Message { persona, message },
            Err(gaps) => skip(Skip::Gaps(gaps)),
        }
    }

    /// The full reason a lead was skipped, for the skipped file.
    pub fn reason(&self, why: &Skip) -> String {
        why.reason(&self.tiers, &self.template.segments)
    }

    /// The names the template may use: lead fields, the lead file's
    /// columns, and the fields of the personas' templates.
    pub fn vocabulary(
        &self,
        ws: &Workspace,
        lead_fields: &[&str],
        columns: &[String],
    ) -> Vocabulary {
        vocabulary(ws, &self.candidates, lead_fields, columns)
    }
}

/// The people of one lead file already given a message, so nobody gets
/// two: the first lead with an e-mail address (in any case) keeps it.
#[derive(Debug, Default)]
pub struct Recipients {
    seen: std::collections::HashMap<String, usize>,
}

impl Recipients {
    /// Turns a message for someone who already has one into a skip.
    pub fn admit<'a>(&mut self, lead: &Lead, outcome: Outcome<'a>) -> Outcome<'a> {
        let Outcome::Message { persona, .. } = &outcome else {
            return outcome;
        };
        let Some(key) = lead.get("email").map(|e| e.trim().to_lowercase()) else {
            return outcome;
        };
        match self.seen.get(&key) {
            Some(first) => Outcome::Skipped {
                persona: Some(persona),
                why: Skip::Repeated(*first),
            },
            None => {
                self.seen.insert(key, lead.line);
                outcome
            }
        }
    }
}

/// The lead field a channel sends to, with its label.
pub fn address(channel: Channel) -> Option<(&'static str, &'static str)> {
    match channel {
        Channel::Email => Some(("email", "e-mail address")),
        Channel::Linkedin => Some(("linkedin", "LinkedIn profile")),
        Channel::Phone | Channel::Sms => Some(("phone", "phone number")),
        Channel::Other => None,
    }
}

/// The names a template for these personas may use.
pub fn vocabulary(
    ws: &Workspace,
    personas: &[&Persona],
    lead_fields: &[&str],
    columns: &[String],
) -> Vocabulary {
    let persona_fields: BTreeSet<String> = personas
        .iter()
        .filter_map(|p| ws.template(&p.template))
        .flat_map(|t| {
            t.sections
                .iter()
                .flat_map(|s| s.fields.iter().map(|f| f.id.clone()))
        })
        .chain(personas.iter().flat_map(|p| p.fields.keys().cloned()))
        .collect();
    Vocabulary::new(
        lead_fields.iter().map(|f| f.to_string()),
        persona_fields,
        columns.iter().cloned(),
    )
}

/// A token checked against the vocabulary, for `outreach check` and `validate`.
#[derive(Clone, Debug, PartialEq)]
pub struct TokenReport {
    pub name: String,
    pub meaning: Result<Meaning, String>,
    pub has_default: bool,
}

/// Every token of the template with what it means (or why it is unknown).
pub fn check_tokens(
    compiled: &Compiled,
    vocabulary: &Vocabulary,
) -> Vec<(super::template::Part, super::token::Token, TokenReport)> {
    compiled
        .tokens()
        .map(|(part, token)| {
            let report = TokenReport {
                name: token.name(),
                meaning: vocabulary.meaning(token),
                has_default: token.default().is_some(),
            };
            (part, token.clone(), report)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::outreach::matrix::{MessagingRow, PAIN_FIELD, ensure_pain_id};
    use crate::domain::outreach::rules::MatchRules;
    use crate::domain::{Icp, Item, WorkspaceMeta};

    fn workspace() -> Workspace {
        let mut ws = Workspace::new(WorkspaceMeta::new("w"));
        ws.icps.push(Icp::new("outdoor", "Outdoor", "icp"));
        let mut olivia = Persona::new(
            "olivia",
            "outdoor",
            "Operations Olivia",
            "b2b-decision-maker",
        );
        olivia.rules = MatchRules {
            job_title: vec!["operations".into()],
            ..MatchRules::default()
        };
        olivia
            .fields
            .insert(PAIN_FIELD.into(), vec![Item::text("Monday stock counts")]);
        let id = ensure_pain_id(&mut olivia, 0).unwrap();
        olivia.messaging.push(MessagingRow::new(id));
        let mut frank = Persona::new("frank", "outdoor", "Finance Frank", "b2b-decision-maker");
        frank.rules = MatchRules {
            job_title: vec!["finance".into()],
            ..MatchRules::default()
        };
        ws.personas = vec![frank, olivia];
        ws
    }

    fn template() -> OutreachTemplate {
        let mut t = OutreachTemplate::new("olivia-first", "Olivia first touch");
        t.personas = vec!["olivia".into()];
        t.subject = "{{ company }}".into();
        t.body = "Hi {{ first_name | default: \"there\" }}, {{ pain }}".into();
        t
    }

    fn lead(title: &str, email: &str) -> Lead {
        Lead::new(
            2,
            [("job_title", title), ("company", "Acme"), ("email", email)],
            Vec::<(&str, &str)>::new(),
        )
    }

    fn outcome(c: &Campaign, lead: &Lead, fit: Option<&Fit>) -> String {
        match c.run(lead, fit) {
            Outcome::Message { persona, message } => format!("{}: {}", persona.id, message.body),
            Outcome::Skipped { why, .. } => format!("skipped: {}", c.reason(&why)),
        }
    }

    #[test]
    fn leads_get_messages_or_reasons() {
        let ws = workspace();
        let t = template();
        let compiled = t.compile().unwrap();
        let c = Campaign::new(&ws, &t, &compiled, Options::default()).unwrap();
        assert_eq!(
            c.candidates
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>(),
            ["olivia", "frank"]
        );
        assert_eq!(
            outcome(&c, &lead("Head of Operations", "d@a.com"), None),
            "olivia: Hi there, Monday stock counts"
        );
        assert_eq!(
            outcome(&c, &lead("Finance Director", "f@a.com"), None),
            "skipped: matched persona `frank`, which this template is not for"
        );
        assert_eq!(
            outcome(&c, &lead("Barista", "b@a.com"), None),
            "skipped: no persona: no persona's match rules fit job title \"Barista\""
        );
        assert_eq!(
            outcome(&c, &lead("Operations", ""), None),
            "skipped: no e-mail address to send to"
        );
    }

    #[test]
    fn tiers_and_disqualifiers_filter() {
        let ws = workspace();
        let t = template();
        let compiled = t.compile().unwrap();
        let options = Options {
            icp: Some("outdoor"),
            tiers: Some(vec!["A".into(), "B".into()]),
            ..Options::default()
        };
        let c = Campaign::new(&ws, &t, &compiled, options).unwrap();
        let l = lead("Operations lead", "d@a.com");
        let fit = |tier: &str| Fit {
            tier: Some(tier.into()),
            ..Fit::default()
        };
        assert!(outcome(&c, &l, Some(&fit("a"))).starts_with("olivia"));
        assert_eq!(
            outcome(&c, &l, Some(&fit("C"))),
            "skipped: tier C is not among A, B"
        );
        let out = Fit {
            disqualified: Some("a competitor".into()),
            ..fit("A")
        };
        assert_eq!(
            outcome(&c, &l, Some(&out)),
            "skipped: disqualified: a competitor"
        );
    }

    #[test]
    fn setup_errors_name_the_template_or_persona() {
        let mut ws = workspace();
        ws.icps.push(Icp::new("dtc", "DTC", "icp"));
        let t = template();
        let compiled = t.compile().unwrap();
        let nowhere = Options {
            icp: Some("nowhere"),
            ..Options::default()
        };
        assert_eq!(
            Campaign::new(&ws, &t, &compiled, nowhere).unwrap_err(),
            "there is no ICP `nowhere`"
        );
        let mut t = template();
        let compiled = t.compile().unwrap();
        assert_eq!(
            Campaign::new(
                &ws,
                &t,
                &compiled,
                Options {
                    icp: Some("dtc"),
                    ..Options::default()
                }
            )
            .unwrap_err(),
            "outreach template `olivia-first` is for persona `olivia` of ICP `outdoor`, not ICP `dtc`"
        );
        let forced = |id| Options {
            persona: Some(id),
            ..Options::default()
        };
        assert_eq!(
            Campaign::new(&ws, &t, &compiled, forced("frank")).unwrap_err(),
            "outreach template `olivia-first` is not for persona `frank` (it is for `olivia`)"
        );
        let c = Campaign::new(&ws, &t, &compiled, forced("olivia")).unwrap();
        assert_eq!(
            outcome(&c, &lead("Barista", "b@a.com"), None),
            "olivia: Hi there, Monday stock counts"
        );
        t.personas = vec!["zoe".into()];
        assert_eq!(
            Campaign::new(&ws, &t, &compiled, Options::default()).unwrap_err(),
            "outreach template `olivia-first` is for persona `zoe`, which does not exist"
        );
        t.personas.clear();
        let c = Campaign::new(&ws, &t, &compiled, Options::default()).unwrap();
        assert_eq!(c.audience.len(), 2);
    }
}
