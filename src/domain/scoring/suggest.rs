//! Candidate rules for review, never applied on their own: traits the
//! ICP's best customers share (each citing `best-customers`), the ranges
//! and tools on the ICP's card (citing what the card cites), and the fit
//! signals and disqualifiers heard in interviews, which need a person to
//! say which lead column shows them.

use super::model::{Cite, Condition, Rule, Scalar, Scoring, Test};
use super::normalise;
use crate::domain::icp::Icp;
use crate::domain::tally::ValueCount;
use crate::domain::value::{Citation, Extra, Item, Number, Value};
use crate::domain::workspace::Workspace;
use std::collections::BTreeSet;
use std::fmt::Write as _;

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

/// A best-customer trait as a lead field and a test for one of its values
/// (`None` for traits a lead file does not have, such as tenure).
fn trait_test(attribute: &str, value: &ValueCount) -> Option<(&'static str, Test, Option<String>)> {
    let text = |t: &str| Test::Equals(Scalar::Text(t.to_string()));
    // `10M-50M USD`: the band, and the currency it is in.
    let band_and_currency = |shown: &str| match shown.rsplit_once(' ') {
        Some((band, code)) if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) => {
            (band.to_string(), Some(code.to_string()))
        }
        _ => (shown.to_string(), None),
    };
    // `Colorado (US)`: the name without the country code.
    let without_code = |shown: &str| match shown.rsplit_once(" (") {
        Some((name, _)) => name.to_string(),
        None => shown.to_string(),
    };
    Some(match attribute {
        "industry" => ("industry", text(&value.value), None),
        "size" => ("employees", text(&value.value), None),
        "orders" => ("orders", text(&value.value), None),
        "revenue" | "lifetime_value" | "average_order_value" => {
            let (band, currency) = band_and_currency(&value.value);
            let field = match attribute {
                "revenue" => "revenue",
                "lifetime_value" => "lifetime_value",
                _ => "average_order_value",
            };
            (field, text(&band), currency)
        }
        "country" => ("country", text(&value.key), None),
        "region" => ("region", text(&without_code(&value.value)), None),
        "city" => ("city", text(&value.value), None),
        "tools" => ("tools", Test::Contains(vec![value.value.clone()]), None),
        "tags" => ("tags", Test::Contains(vec![value.value.clone()]), None),
        "lifecycle_stage" => ("lifecycle_stage", text(&value.value), None),
        "funding_stage" => ("funding_stage", text(&value.value), None),
        "accepts_marketing" => (
            "accepts_marketing",
            Test::Equals(Scalar::Flag(value.value == "yes")),
            None,
        ),
        _ => return None,
    })
}

/// Points for a trait: by its lift over the whole customer list when an
/// import counted one, else by its share of the best customers.
fn trait_points(value: &ValueCount) -> i64 {
    match value.lift {
        Some(lift) if lift >= 3.0 => 20,
        Some(lift) if lift >= 2.0 => 15,
        Some(_) => 10,
        None => points_for(value.share),
    }
}

/// Whether a trait value is worth a rule: shared by at least two best
/// customers (one when there are fewer than three) and, against the whole
/// list, at least 1.5 times as common among the best; without a list, held
/// by at least 40% of them.
fn worth_a_rule(value: &ValueCount, customers: usize) -> bool {
    let least = if customers < 3 { 1 } else { 2 };
    value.count >= least
        && match (value.lift, value.baseline_share) {
            (Some(lift), _) => lift >= 1.5,
            // In the list but never outside the best: as telling as it gets.
            (None, Some(_)) => true,
            (None, None) => value.share >= 0.4,
        }
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
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
    // Traits the best customers share, more than the whole list does.
    let tally = crate::domain::tally::best_customers(icp);
    // The trait the best were picked by says nothing new about them.
    let picked_by: Vec<&str> = icp.best_by.iter().map(|b| b.by.as_str()).collect();
    for attribute in tally
        .attributes
        .iter()
        .filter(|a| !picked_by.contains(&a.attribute))
    {
        let picked: Vec<&ValueCount> = attribute
            .values
            .iter()
            .filter(|v| worth_a_rule(v, total))
            .collect();
        for value in &picked {
            // `Shopify Plus` adds nothing beside a `Shopify` held as widely.
            if attribute.attribute == "tools"
                && picked.iter().any(|other| {
                    other.key != value.key
                        && value.key.contains(other.key.as_str())
                        && other.count >= value.count
                })
            {
                continue;
            }
            let Some((field, test, currency)) = trait_test(attribute.attribute, value) else {
                continue;
            };
            let named = match &test {
                Test::Equals(v) => v.to_string(),
                Test::Contains(words) => words.join(" "),
                _ => value.value.clone(),
            };
            let mut r = rule(
                slug(&format!("{field} {named}")),
                field,
                test,
                trait_points(value),
                vec![Cite::BestCustomers],
                String::new(),
            );
            r.condition.currency = currency;
            let (holders, _) = super::evidence::best_customers_matching(&r, icp);
            let names: Vec<&str> = holders.iter().take(5).map(|c| c.label()).collect();
            let mut note = format!(
                "{} of {total} best customers ({}) have {} {}",
                value.count,
                percent(value.share),
                attribute.attribute.replace('_', " "),
                value.value
            );
            if !names.is_empty() {
                let more = if holders.len() > names.len() {
                    ", ..."
                } else {
                    ""
                };
                let _ = write!(note, " ({}{more})", names.join(", "));
            }
            match (value.baseline_share, value.lift) {
                (Some(all), Some(lift)) => {
                    let _ = write!(
                        note,
                        "; {} of the whole customer list (lift {lift:.1})",
                        percent(all)
                    );
                }
                (Some(_), None) => note.push_str("; no one else in the customer list does"),
                _ => {}
            }
            note.push('.');
            r.note = Some(note);
            push(r, &value.value, &mut rules);
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
                "region-vermont",
                "tools-klaviyo",
                "employees-in-range",
                "employees-below-range",
                "tools-netsuite",
                "tools-quickbooks"
            ]
        );
        assert_eq!(
            found.rules[0].note.as_deref(),
            Some("2 of 3 best customers (67%) have industry Outdoor retail (Acme, Basecamp).")
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
    fn against_the_whole_list_lift_decides() {
        use crate::domain::tally::BaselineBuilder;
        let (mut icp, ws) = icp();
        // The whole list: 20 customers, 2 in outdoor retail, all in the US
        // and half on Klaviyo.
        let mut list = BaselineBuilder::default();
        for i in 0..20 {
            let industry = if i < 2 { "Outdoor retail" } else { "Software" };
            let tools = if i % 2 == 0 {
                vec!["Klaviyo".to_string()]
            } else {
                vec![]
            };
            let c = BestCustomer {
                company: format!("C{i}"),
                industry: industry.into(),
                geography: "Vermont, US".into(),
                tools,
                ..Default::default()
            };
            list.add(&c, &["industry", "country", "region", "tools"]);
        }
        let baseline = list.finish(None, &icp.best_customers, "customers.csv", None);
        icp.baseline.insert("hubspot".into(), baseline);
        let found = suggest(&icp, &ws, None);
        let outdoor = found
            .rules
            .iter()
            .find(|r| r.id == "industry-outdoor-retail")
            .unwrap();
        // 67% of the best, 10% of the list: lift 6.7.
        assert_eq!(outdoor.points, 20);
        assert_eq!(
            outdoor.note.as_deref(),
            Some(
                "2 of 3 best customers (67%) have industry Outdoor retail (Acme, Basecamp); 10% of the whole customer list (lift 6.7)."
            )
        );
        // Everyone is in the US: common, but no more among the best.
        assert!(found.rules.iter().all(|r| r.id != "country-us"));
        // Klaviyo: all of the best, half of the list (lift 2).
        assert_eq!(
            found
                .rules
                .iter()
                .find(|r| r.id == "tools-klaviyo")
                .unwrap()
                .points,
            15
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
