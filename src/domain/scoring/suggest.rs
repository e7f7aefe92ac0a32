//! Candidate rules for review, never applied on their own: traits the
//! ICP's best customers share (each citing `best-customers`), the ranges
//! and tools on the ICP's card (citing what the card cites), and the fit
//! signals and disqualifiers heard in interviews, which need a person to
//! say which lead column shows them.

use super::evidence::customer_value;
use super::model::{Cite, Condition, Rule, Scalar, Scoring, Test};
use super::normalise;
use crate::domain::icp::Icp;
use crate::domain::value::{Citation, Extra, Item, Number, Value};
use crate::domain::workspace::Workspace;
use std::collections::BTreeSet;

/// A candidate that needs a person: a statement with its evidence, to be
/// turned into a rule by naming the lead column that shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Sketch {
    pub text: String,
    pub disqualifier: bool,
    pub cites: Vec<Citation>,
    /// Where it came from: `fit_signals on the card`, `a highlight tagged
    /// disqualifier`.
    pub from: String,
}

/// What `score --suggest` proposes.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestions {
    /// Ready to use: each with a `note` saying why.
    pub rules: Vec<Rule>,
    pub sketches: Vec<Sketch>,
    /// Candidates left out because a rule on the same field and value
    /// exists already.
    pub already: usize,
}

fn rule(id: String, field: &str, test: Test, points: i64, cites: Vec<Cite>, note: String) -> Rule {
    Rule {
        id,
        condition: Condition {
            field: field.to_string(),
            test,
            currency: None,
        },
        points,
        group: None,
        disqualify: false,
        reason: None,
        label: None,
        cites,
        note: Some(note),
        extra: Extra::new(),
        line: 0,
    }
}

/// Points for a trait that `share` of the best customers have.
fn points_for(share: f64) -> i64 {
    if share >= 0.8 {
        20
    } else if share >= 0.6 {
        15
    } else {
        10
    }
}

/// Whether `scoring` has a rule reading `field` that mentions `value`.
fn covered(scoring: Option<&Scoring>, field: &str, value: &str) -> bool {
    let Some(scoring) = scoring else {
        return false;
    };
    let wanted = normalise::fold(value);
    scoring.rules.iter().any(|r| {
        r.condition.field == field
            && match &r.condition.test {
                Test::Equals(v) => normalise::fold(&v.to_string()) == wanted,
                Test::OneOf(vs) => vs.iter().any(|v| normalise::fold(&v.to_string()) == wanted),
                Test::Contains(ws) => ws.iter().any(|w| wanted.contains(&normalise::fold(w))),
                Test::Range { .. } => wanted.is_empty(),
                Test::Present(_) => false,
            }
    })
}

/// Values of one field shared by at least two best customers (or by one
/// when there are fewer than three), most shared first, as written first.
fn shared_values(icp: &Icp, field: &str) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, String, Vec<String>)> = Vec::new();
    for customer in &icp.best_customers {
        let Some(value) = customer_value(customer, field) else {
            continue;
        };
        let values: Vec<String> = if field == "tools" {
            normalise::entries(&value).map(str::to_string).collect()
        } else if field == "country" {
            vec![value]
        } else {
            vec![value.trim().to_string()]
        };
        let mut seen = BTreeSet::new();
        for v in values {
            let key = if field == "country" {
                normalise::country(&v)
            } else {
                normalise::fold(&v)
            };
            if key.is_empty() || !seen.insert(key.clone()) {
                continue;
            }
            match groups.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, _, who)) => who.push(customer.company.clone()),
                None => groups.push((key, v, vec![customer.company.clone()])),
            }
        }
    }
    if field == "tools" {
        // A tool counts for every customer whose tools contain its name:
        // `Shopify` for the ones on Shopify Plus or Shopify POS too.
        for group in groups.iter_mut() {
            let key = group.0.clone();
            let mut who: Vec<String> = Vec::new();
            for customer in &icp.best_customers {
                let has = customer
                    .tools
                    .iter()
                    .any(|t| normalise::fold(t).contains(&key));
                if has {
                    who.push(customer.company.clone());
                }
            }
            group.2 = who;
        }
    }
    let least = if icp.best_customers.len() < 3 { 1 } else { 2 };
    let mut shared: Vec<(String, String, Vec<String>)> = groups
        .into_iter()
        .filter(|(_, _, who)| who.len() >= least)
        .collect();
    shared.sort_by_key(|s| std::cmp::Reverse(s.2.len()));
    // A longer name shared by no more customers than a shorter one it
    // contains adds nothing (`Shopify Plus` beside `Shopify`).
    let kept: Vec<(String, String, Vec<String>)> = shared
        .iter()
        .filter(|(key, _, who)| {
            !shared.iter().any(|(other, _, other_who)| {
                other != key && key.contains(other.as_str()) && other_who.len() >= who.len()
            })
        })
        .cloned()
        .collect();
    kept.into_iter()
        .map(|(_, shown, who)| (shown, who))
        .collect()
}

/// A card's range item as a range test, with its evidence.
fn card_range(icp: &Icp, field_id: &str) -> Option<(Number, Number, Vec<Citation>)> {
    icp.fields
        .get(field_id)?
        .iter()
        .find_map(|item| match item.value {
            Value::Range { min, max } if min.get() <= max.get() => {
                Some((min, max, item.cites.clone()))
            }
            _ => None,
        })
}

/// Tool names in a card's tech-stack item: `Shopify or Shopify Plus`,
/// `NetSuite or QuickBooks` (long descriptions are left out).
fn tool_names(item: &Item) -> Vec<String> {
    let Value::Text(text) = &item.value else {
        return Vec::new();
    };
    text.split([',', '/'])
        .flat_map(|part| part.split(" or "))
        .map(str::trim)
        .filter(|part| !part.is_empty() && part.split_whitespace().count() <= 3)
        .filter(|part| part.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_string)
        .collect()
}

fn slug(text: &str) -> String {
    crate::domain::id::slugify(text, "rule")
}

/// Proposes rules for an ICP; `existing` is its current scoring file, if
/// any (candidates it already covers are left out).
pub fn suggest(icp: &Icp, workspace: &Workspace, existing: Option<&Scoring>) -> Suggestions {
    let mut rules: Vec<Rule> = Vec::new();
    let mut already = 0;
    let total = icp.best_customers.len();
    let mut push = |rule: Rule, value: &str, rules: &mut Vec<Rule>| {
        if covered(existing, &rule.condition.field, value) || rules.iter().any(|r| r.id == rule.id)
        {
            already += 1;
        } else {
            rules.push(rule);
        }
    };
    // Traits the best customers share.
    for (field, verb) in [
        ("industry", "are in"),
        ("country", "are in"),
        ("tools", "use"),
    ] {
        for (value, who) in shared_values(icp, field) {
            let share = who.len() as f64 / total as f64;
            let test = if field == "tools" {
                Test::Contains(vec![value.clone()])
            } else {
                Test::Equals(Scalar::Text(value.clone()))
            };
            let note = format!(
                "{} of {total} best customers {verb} {value} ({}).",
                who.len(),
                who.join(", ")
            );
            let r = rule(
                slug(&format!("{field} {value}")),
                field,
                test,
                points_for(share),
                vec![Cite::BestCustomers],
                note,
            );
            push(r, &value, &mut rules);
        }
    }
    // Ranges on the card.
    for (card_field, field, what) in [
        ("employees", "employees", "employees"),
        ("annual_revenue", "revenue", "annual revenue"),
    ] {
        if let Some((min, max, cites)) = card_range(icp, card_field) {
            let mut cited: Vec<Cite> = cites.into_iter().map(Cite::Highlight).collect();
            if total > 0 {
                cited.push(Cite::BestCustomers);
            }
            let r = rule(
                slug(&format!("{field} in range")),
                field,
                Test::Range {
                    min: Some(min),
                    max: Some(max),
                },
                15,
                cited.clone(),
                format!("The ICP card gives {what} from {min} to {max}."),
            );
            push(r, "", &mut rules);
            if min.get() > 1.0
                && let Some(below) = Number::new(min.get() - 1.0)
            {
                let r = rule(
                    slug(&format!("{field} below range")),
                    field,
                    Test::Range {
                        min: None,
                        max: Some(below),
                    },
                    -10,
                    cited,
                    format!("Below the ICP card's {what} ({min} to {max})."),
                );
                push(r, "", &mut rules);
            }
        }
    }
    // Tools on the card (those the best customers did not already give).
    for item in icp.fields.get("tech_stack").into_iter().flatten() {
        for tool in tool_names(item) {
            if rules
                .iter()
                .any(|r| r.condition.field == "tools" && covered_by_rule(r, &tool))
            {
                continue;
            }
            let cites: Vec<Cite> = item.cites.iter().cloned().map(Cite::Highlight).collect();
            let r = rule(
                slug(&format!("tools {tool}")),
                "tools",
                Test::Contains(vec![tool.clone()]),
                10,
                cites,
                format!("The ICP card's tech stack names {tool}."),
            );
            push(r, &tool, &mut rules);
        }
    }
    Suggestions {
        rules,
        sketches: sketches(icp, workspace),
        already,
    }
}

fn covered_by_rule(rule: &Rule, value: &str) -> bool {
    let wanted = normalise::fold(value);
    match &rule.condition.test {
        Test::Contains(words) => words.iter().any(|w| wanted.contains(&normalise::fold(w))),
        _ => false,
    }
}

/// Fit signals and disqualifiers from the card and from highlights tagged
/// so (those the card does not already cite).
fn sketches(icp: &Icp, workspace: &Workspace) -> Vec<Sketch> {
    let mut out = Vec::new();
    let mut cited: BTreeSet<Citation> = BTreeSet::new();
    for (field_id, disqualifier) in [("fit_signals", false), ("disqualifiers", true)] {
        for item in icp.fields.get(field_id).into_iter().flatten() {
            let Value::Text(text) = &item.value else {
                continue;
            };
            cited.extend(item.cites.iter().cloned());
            out.push(Sketch {
                text: text.clone(),
                disqualifier,
                cites: item.cites.clone(),
                from: format!("{} on the ICP card", field_id.replace('_', " ")),
            });
        }
    }
    for interview in workspace
        .interviews
        .iter()
        .filter(|i| i.icp.as_deref() == Some(icp.id.as_str()))
    {
        for highlight in &interview.highlights {
            let citation = Citation::new(&interview.id, &highlight.id);
            if cited.contains(&citation) {
                continue;
            }
            for (tag, disqualifier) in [("fit-signal", false), ("disqualifier", true)] {
                if highlight.tags.iter().any(|t| t == tag) {
                    out.push(Sketch {
                        text: crate::domain::anchor::quote_words(&highlight.text).to_string(),
                        disqualifier,
                        cites: vec![citation.clone()],
                        from: format!("a highlight tagged {tag}"),
                    });
                    break;
                }
            }
        }
    }
    out
}

/// The first words of a suggestions file, by which a later run knows it
/// may replace it.
pub const MARK: &str = "# Candidate scoring rules";

/// The suggestions as a TOML file for review: the ready rules as real
/// entries (the file loads like a scoring file), with tiers when the ICP
/// has no scoring file yet, then each sketch as a commented-out rule to
/// complete.
pub fn to_toml(icp: &str, found: &Suggestions, with_tiers: bool, today: &str) -> String {
    let mut out = format!(
        "{MARK} for the ICP `{icp}`,\n\
         # proposed by `persona score {icp} --suggest` on {today}.\n\
         # Nothing here is applied: copy the rules you agree with into scoring.toml\n\
         # beside this file and adjust their points. Each `note` says why a rule\n\
         # was proposed.\n"
    );
    let mut scoring = Scoring::new(icp);
    if with_tiers {
        scoring.tiers = scoring.tiers_or_default();
    }
    scoring.rules = found.rules.clone();
    out.push_str(&toml::to_string(&scoring).unwrap_or_default());
    if !found.sketches.is_empty() {
        out.push_str(
            "\n# Fit signals and disqualifiers from the research. Each needs the lead\n\
             # column that shows it (`field`) and a test before it can score; remove\n\
             # the leading `# ` to use one.\n",
        );
    }
    for sketch in &found.sketches {
        let mut one = Scoring::new(icp);
        let mut r = rule(
            slug(&sketch.text),
            "",
            Test::Present(true),
            if sketch.disqualifier { 0 } else { 10 },
            sketch.cites.iter().cloned().map(Cite::Highlight).collect(),
            format!("From {}.", sketch.from),
        );
        if sketch.disqualifier {
            r.disqualify = true;
            r.reason = Some(sketch.text.clone());
        } else {
            r.label = Some(sketch.text.clone());
        }
        one.rules.push(r);
        let text = toml::to_string(&one).unwrap_or_default();
        out.push('\n');
        for line in text.lines().filter(|l| !l.starts_with("schema")) {
            if line.starts_with("field = ") {
                out.push_str("# field = \"\"  # the lead column that shows it\n");
            } else if line.is_empty() {
                continue;
            } else {
                out.push_str(&format!("# {line}\n"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{BestCustomer, Highlight, Interview, WorkspaceMeta};

    fn icp() -> (Icp, Workspace) {
        let mut icp = Icp::new("out", "Outdoor", "icp");
        for (company, industry, tools) in [
            ("Acme", "Outdoor retail", vec!["Shopify Plus", "Klaviyo"]),
            ("Basecamp", "Outdoor retail", vec!["Shopify", "Klaviyo"]),
            ("Cascade", "Paddle sports", vec!["Lightspeed", "Klaviyo"]),
        ] {
            icp.best_customers.push(BestCustomer {
                company: company.into(),
                industry: industry.into(),
                geography: "Vermont, US".into(),
                tools: tools.into_iter().map(String::from).collect(),
                ..Default::default()
            });
        }
        icp.fields.insert(
            "employees".into(),
            vec![
                Item::new(Value::Range {
                    min: Number::new(20.0).unwrap(),
                    max: Number::new(200.0).unwrap(),
                })
                .citing([Citation::new("dana", "h1")]),
            ],
        );
        icp.fields.insert(
            "tech_stack".into(),
            vec![
                Item::text("NetSuite or QuickBooks"),
                Item::text("A 3PL such as ShipBob, or their own small warehouse"),
            ],
        );
        icp.fields.insert(
            "disqualifiers".into(),
            vec![Item::text("A single store with no web shop")],
        );
        let mut ws = Workspace::new(WorkspaceMeta::new("w"));
        let mut dana = Interview::new("dana", "Dana");
        dana.icp = Some("out".into());
        dana.highlights.push(Highlight {
            id: "h5".into(),
            text: "\"click-and-collect is a fifth of web orders\"".into(),
            tags: vec!["fit-signal".into()],
            extra: Default::default(),
        });
        ws.interviews.push(dana);
        (icp, ws)
    }

    #[test]
    fn proposes_rules_from_customers_and_the_card() {
        let (icp, ws) = icp();
        let found = suggest(&icp, &ws, None);
        let ids: Vec<&str> = found.rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "industry-outdoor-retail",
                "country-us",
                "tools-klaviyo",
                "tools-shopify",
                "employees-in-range",
                "employees-below-range",
                "tools-netsuite",
                "tools-quickbooks"
            ]
        );
        assert_eq!(
            found.rules[0].note.as_deref(),
            Some("2 of 3 best customers are in Outdoor retail (Acme, Basecamp).")
        );
        assert_eq!(found.rules[2].points, 20);
        assert_eq!(found.sketches.len(), 2);
        assert!(found.sketches[0].disqualifier);
        assert_eq!(
            found.sketches[1].text,
            "click-and-collect is a fifth of web orders"
        );
    }

    #[test]
    fn the_file_loads_and_leaves_out_what_exists() {
        let (icp, ws) = icp();
        let existing: Scoring = toml::from_str(
            "[[rules]]\nid = \"x\"\nfield = \"tools\"\ncontains = \"klaviyo\"\npoints = 5\n",
        )
        .unwrap();
        let found = suggest(&icp, &ws, Some(&existing));
        assert!(found.rules.iter().all(|r| r.id != "tools-klaviyo"));
        assert_eq!(found.already, 1);
        let text = to_toml("out", &found, true, "2026-11-24");
        assert!(text.starts_with(MARK));
        let loaded: Scoring = toml::from_str(&text).unwrap();
        assert_eq!(loaded.rules.len(), found.rules.len());
        assert_eq!(loaded.tiers.len(), 3);
        assert!(crate::domain::scoring::check::check(&loaded).is_empty());
        assert!(
            text.contains("# disqualify = true\n# reason = \"A single store with no web shop\""),
            "{text}"
        );
    }
}
