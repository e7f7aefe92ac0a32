//! What `icps/<id>/scoring.toml` holds: the rules a lead is scored by, the
//! groups that cap them, the tiers scores fall into, and the segments a lead
//! file is divided into. This is the on-disk shape; [`super::check`] says
//! whether it makes sense, [`super::eval`] applies it to rows.

use crate::domain::value::{Citation, Extra, Number};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One ICP's scoring file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scoring {
    /// The ICP it belongs to (its folder); not stored inside the file.
    #[serde(skip)]
    pub icp: String,
    #[serde(default = "crate::domain::schema_version")]
    pub schema: u32,
    /// Highest first is not required; a tier without `min` takes every score
    /// below the others. Empty means the default A ≥ 70, B ≥ 45, C below.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<Tier>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<Segment>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Scoring {
    pub fn new(icp: impl Into<String>) -> Scoring {
        Scoring {
            icp: icp.into(),
            schema: crate::domain::SCHEMA,
            tiers: Vec::new(),
            groups: Vec::new(),
            rules: Vec::new(),
            segments: Vec::new(),
            extra: Extra::new(),
        }
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The tiers in force: the file's, or A ≥ 70, B ≥ 45, C below.
    pub fn tiers_or_default(&self) -> Vec<Tier> {
        if !self.tiers.is_empty() {
            return self.tiers.clone();
        }
        [("A", Some(70)), ("B", Some(45)), ("C", None)]
            .into_iter()
            .map(|(name, min)| Tier {
                name: name.into(),
                min,
                extra: Extra::new(),
            })
            .collect()
    }
}

/// A band of scores: `min` and up (the tier without `min` takes the rest).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tier {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Rules that together count for at most `cap` points either way, so five
/// tools of one kind do not outweigh the industry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub cap: i64,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Group {
    /// How reasons name the group: its label, else its id.
    pub fn shown(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.id)
    }
}

/// A value as written in a rule: text, a number or true/false.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Flag(bool),
    Number(Number),
    Text(String),
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Flag(b) => write!(f, "{}", if *b { "yes" } else { "no" }),
            Scalar::Number(n) => write!(f, "{n}"),
            Scalar::Text(t) => f.write_str(t),
        }
    }
}

/// What a rule or segment asks of one field of a lead.
#[derive(Clone, Debug, PartialEq)]
pub enum Test {
    /// The value is this one (after normalisation: case, spacing, bands,
    /// countries); for a list such as tools, one of its entries is.
    Equals(Scalar),
    /// The value is one of these.
    OneOf(Vec<Scalar>),
    /// The value contains one of these words (for a list: an entry does).
    Contains(Vec<String>),
    /// A number (employees, revenue, ...) from `min` to `max`, both included.
    Range {
        min: Option<Number>,
        max: Option<Number>,
    },
    /// The field has a value (`true`) or is blank (`false`).
    Present(bool),
}

impl Test {
    /// The operator's name as the file spells it.
    pub fn operator(&self) -> &'static str {
        match self {
            Test::Equals(_) => "equals",
            Test::OneOf(_) => "one_of",
            Test::Contains(_) => "contains",
            Test::Range { .. } => "min/max",
            Test::Present(_) => "present",
        }
    }
}

/// A field of the lead and what it must satisfy.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// A canonical field name (`industry`, `employees`, `country`, ...) or a
    /// column header as the lead file writes it.
    pub field: String,
    pub test: Test,
    /// For amounts: the currency the test's figures are in (`USD`). An
    /// amount written in another currency is unknown, never converted.
    pub currency: Option<String>,
}

/// Where a rule's evidence comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cite {
    /// A highlight from an interview: `interview-id#highlight-id`.
    Highlight(Citation),
    /// One of the ICP's best customers, by company name or key:
    /// `customer:Acme Outdoor`.
    Customer(String),
    /// The ICP's best customers as a group: the rule is tested against each
    /// of them (and the baseline), so the evidence is always current.
    BestCustomers,
}

pub const CUSTOMER_PREFIX: &str = "customer:";
pub const BEST_CUSTOMERS: &str = "best-customers";

impl Cite {
    pub fn parse(text: &str) -> Result<Cite, String> {
        let trimmed = text.trim();
        if trimmed == BEST_CUSTOMERS {
            return Ok(Cite::BestCustomers);
        }
        if let Some(name) = trimmed.strip_prefix(CUSTOMER_PREFIX) {
            let name = name.trim();
            if name.is_empty() {
                return Err("`customer:` needs the best customer's name after it".into());
            }
            return Ok(Cite::Customer(name.to_string()));
        }
        Citation::parse(trimmed)
            .map(Cite::Highlight)
            .map_err(|_| {
                format!(
                    "cite `{text}` should be `interview-id#highlight-id`, `customer:NAME` or `{BEST_CUSTOMERS}`"
                )
            })
    }
}

impl fmt::Display for Cite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cite::Highlight(c) => write!(f, "{c}"),
            Cite::Customer(name) => write!(f, "{CUSTOMER_PREFIX}{name}"),
            Cite::BestCustomers => f.write_str(BEST_CUSTOMERS),
        }
    }
}

impl Serialize for Cite {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Cite {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Cite::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// One scoring rule: a condition on a lead, and what it is worth.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawRule", into = "RawRule")]
pub struct Rule {
    pub id: String,
    pub condition: Condition,
    /// Added when the rule fires; negative for a poor fit.
    pub points: i64,
    /// The group whose cap this rule's points count towards.
    pub group: Option<String>,
    /// A firing disqualifier rules the lead out, whatever its score.
    pub disqualify: bool,
    /// Why a disqualifier rules a lead out (required for one).
    pub reason: Option<String>,
    /// How reasons name the rule, instead of the generated `industry is ...`.
    pub label: Option<String>,
    pub cites: Vec<Cite>,
    pub note: Option<String>,
    pub extra: Extra,
    /// The line the rule starts on in its file (0 when unknown); set by the
    /// loader, not stored.
    pub line: usize,
}

impl Rule {
    /// A rule that cites nothing is a guess, shown as an assumption.
    pub fn is_assumption(&self) -> bool {
        self.cites.is_empty()
    }
}

/// A named part of a lead file, for targeted messages: every condition in
/// `when` holds. A lead is in the first segment (in file order) it fits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawSegment", into = "RawSegment")]
pub struct Segment {
    pub id: String,
    pub name: Option<String>,
    pub when: Vec<Condition>,
    pub note: Option<String>,
    pub extra: Extra,
    /// The line the segment starts on (0 when unknown); not stored.
    pub line: usize,
}

impl Segment {
    pub fn shown(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// `contains` takes one word or a list of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// A condition's keys as written: `field`, then exactly one of `equals`,
/// `one_of`, `contains`, `min`/`max`, `present`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct RawCondition {
    #[serde(default)]
    field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    equals: Option<Scalar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    one_of: Option<Vec<Scalar>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    contains: Option<OneOrMany>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    present: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    currency: Option<String>,
}

impl TryFrom<RawCondition> for Condition {
    type Error = String;

    fn try_from(raw: RawCondition) -> Result<Condition, String> {
        let field = raw.field.trim().to_string();
        if field.is_empty() {
            return Err(
                "needs a `field`: the lead column it reads (e.g. `field = \"industry\"`)".into(),
            );
        }
        let range = raw.min.is_some() || raw.max.is_some();
        let given = [
            raw.equals.is_some(),
            raw.one_of.is_some(),
            raw.contains.is_some(),
            range,
            raw.present.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if given != 1 {
            return Err(format!(
                "on `{field}` needs exactly one test: `equals`, `one_of`, `contains`, `min`/`max` or `present` ({} given)",
                if given == 0 {
                    "none".to_string()
                } else {
                    given.to_string()
                }
            ));
        }
        let test = if let Some(value) = raw.equals {
            Test::Equals(value)
        } else if let Some(values) = raw.one_of {
            Test::OneOf(values)
        } else if let Some(words) = raw.contains {
            Test::Contains(match words {
                OneOrMany::One(word) => vec![word],
                OneOrMany::Many(words) => words,
            })
        } else if range {
            Test::Range {
                min: raw.min,
                max: raw.max,
            }
        } else {
            Test::Present(raw.present.unwrap_or(true))
        };
        let currency = raw
            .currency
            .map(|c| c.trim().to_uppercase())
            .filter(|c| !c.is_empty());
        Ok(Condition {
            field,
            test,
            currency,
        })
    }
}

impl From<Condition> for RawCondition {
    fn from(condition: Condition) -> RawCondition {
        let mut raw = RawCondition {
            field: condition.field,
            currency: condition.currency,
            ..RawCondition::default()
        };
        match condition.test {
            Test::Equals(value) => raw.equals = Some(value),
            Test::OneOf(values) => raw.one_of = Some(values),
            Test::Contains(mut words) => {
                raw.contains = Some(if words.len() == 1 {
                    OneOrMany::One(words.remove(0))
                } else {
                    OneOrMany::Many(words)
                })
            }
            Test::Range { min, max } => {
                raw.min = min;
                raw.max = max;
            }
            Test::Present(present) => raw.present = Some(present),
        }
        raw
    }
}

#[derive(Serialize, Deserialize)]
struct RawRule {
    #[serde(default)]
    id: String,
    #[serde(flatten)]
    condition: RawCondition,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    points: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    disqualify: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cites: Vec<Cite>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(flatten)]
    extra: Extra,
}

impl TryFrom<RawRule> for Rule {
    type Error = String;

    fn try_from(raw: RawRule) -> Result<Rule, String> {
        let id = raw.id.trim().to_string();
        if id.is_empty() {
            return Err("a rule needs an `id` (e.g. `id = \"outdoor-retail\"`)".into());
        }
        let condition =
            Condition::try_from(raw.condition).map_err(|e| format!("rule `{id}` {e}"))?;
        if raw.disqualify && raw.points.is_some_and(|p| p != 0) {
            return Err(format!(
                "rule `{id}` disqualifies, so it has no `points`; remove them or drop `disqualify`"
            ));
        }
        if raw.disqualify && raw.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            return Err(format!(
                "rule `{id}` disqualifies, so it needs a `reason` saying why (shown beside every lead it rules out)"
            ));
        }
        if !raw.disqualify && raw.points.is_none() {
            return Err(format!(
                "rule `{id}` needs `points` (negative for a poor fit) or `disqualify = true` with a `reason`"
            ));
        }
        Ok(Rule {
            id,
            condition,
            points: raw.points.unwrap_or(0),
            group: raw
                .group
                .map(|g| g.trim().to_string())
                .filter(|g| !g.is_empty()),
            disqualify: raw.disqualify,
            reason: raw.reason,
            label: raw.label.filter(|l| !l.trim().is_empty()),
            cites: raw.cites,
            note: raw.note,
            extra: raw.extra,
            line: 0,
        })
    }
}

impl From<Rule> for RawRule {
    fn from(rule: Rule) -> RawRule {
        RawRule {
            id: rule.id,
            condition: rule.condition.into(),
            points: (!rule.disqualify).then_some(rule.points),
            group: rule.group,
            disqualify: rule.disqualify,
            reason: rule.reason,
            label: rule.label,
            cites: rule.cites,
            note: rule.note,
            extra: rule.extra,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct RawSegment {
    #[serde(default)]
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default)]
    when: Vec<RawCondition>,
    #[serde(flatten)]
    extra: Extra,
}

impl TryFrom<RawSegment> for Segment {
    type Error = String;

    fn try_from(raw: RawSegment) -> Result<Segment, String> {
        let id = raw.id.trim().to_string();
        if id.is_empty() {
            return Err("a segment needs an `id` (e.g. `id = \"multi-store\"`)".into());
        }
        if raw.when.is_empty() {
            return Err(format!(
                "segment `{id}` needs at least one `[[segments.when]]` condition"
            ));
        }
        let when = raw
            .when
            .into_iter()
            .map(Condition::try_from)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("segment `{id}`: a condition {e}"))?;
        Ok(Segment {
            id,
            name: raw.name.filter(|n| !n.trim().is_empty()),
            when,
            note: raw.note,
            extra: raw.extra,
            line: 0,
        })
    }
}

impl From<Segment> for RawSegment {
    fn from(segment: Segment) -> RawSegment {
        RawSegment {
            id: segment.id,
            name: segment.name,
            note: segment.note,
            when: segment.when.into_iter().map(Into::into).collect(),
            extra: segment.extra,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"schema = 1

[[tiers]]
name = "A"
min = 70

[[tiers]]
name = "C"

[[groups]]
id = "stack"
label = "tech stack"
cap = 30

[[rules]]
id = "outdoor"
field = "industry"
one_of = ["Outdoor retail", "Sporting goods"]
points = 25
cites = ["dana#h1", "best-customers", "customer:Acme Outdoor"]

[[rules]]
id = "small"
field = "employees"
max = 19
points = -10
label = "employees below 20"

[[rules]]
id = "shopify"
field = "tools"
contains = "Shopify"
points = 20
group = "stack"
future = "kept"

[[rules]]
id = "rental"
field = "industry"
contains = ["rental", "hire"]
disqualify = true
reason = "Mainly a rental shop"

[[segments]]
id = "us"
name = "US shops"

[[segments.when]]
field = "country"
equals = "US"
"#;

    #[test]
    fn a_file_loads_and_saves_back_the_same() {
        let scoring: Scoring = toml::from_str(FILE).unwrap();
        assert_eq!(scoring.rules.len(), 4);
        let outdoor = &scoring.rules[0];
        assert_eq!(
            outdoor.condition.test,
            Test::OneOf(vec![
                Scalar::Text("Outdoor retail".into()),
                Scalar::Text("Sporting goods".into())
            ])
        );
        assert_eq!(
            outdoor.cites,
            [
                Cite::Highlight(Citation::new("dana", "h1")),
                Cite::BestCustomers,
                Cite::Customer("Acme Outdoor".into())
            ]
        );
        assert!(scoring.rules[1].is_assumption());
        assert_eq!(scoring.rules[2].extra["future"].as_str(), Some("kept"));
        assert!(scoring.rules[3].disqualify);
        assert_eq!(scoring.segments[0].when[0].field, "country");
        let saved = toml::to_string(&scoring).unwrap();
        assert_eq!(saved, FILE);
    }

    #[test]
    fn a_rule_needs_one_test_and_points_or_a_reason() {
        let bad = |rule: &str| {
            toml::from_str::<Scoring>(&format!("schema = 1\n[[rules]]\n{rule}\n"))
                .unwrap_err()
                .to_string()
        };
        assert!(bad("id = \"x\"\nfield = \"industry\"\npoints = 5").contains("exactly one test"));
        assert!(
            bad("id = \"x\"\nfield = \"industry\"\nequals = \"a\"\nmin = 3\npoints = 5")
                .contains("(2 given)")
        );
        assert!(bad("id = \"x\"\nfield = \"industry\"\nequals = \"a\"").contains("needs `points`"));
        assert!(
            bad("id = \"x\"\nfield = \"industry\"\nequals = \"a\"\ndisqualify = true")
                .contains("needs a `reason`")
        );
        assert!(bad("field = \"industry\"\nequals = \"a\"\npoints = 1").contains("needs an `id`"));
        assert!(bad("id = \"x\"\nequals = \"a\"\npoints = 1").contains("needs a `field`"));
        assert!(
            bad("id = \"x\"\nfield = \"a\"\nequals = \"a\"\npoints = 1\ncites = [\"nope\"]")
                .contains("customer:NAME")
        );
    }

    #[test]
    fn default_tiers() {
        let tiers = Scoring::new("x").tiers_or_default();
        let shown: Vec<(&str, Option<i64>)> =
            tiers.iter().map(|t| (t.name.as_str(), t.min)).collect();
        assert_eq!(shown, [("A", Some(70)), ("B", Some(45)), ("C", None)]);
    }
}
