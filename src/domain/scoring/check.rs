//! Whether a scoring file makes sense on its own: ids unique, groups and
//! tiers well formed, every test fitting the kind of field it reads. A file
//! with any of these problems is refused when it loads, so a typo never
//! quietly scores every lead 0.

use super::bind;
use super::eval::DISQUALIFIED;
use super::fields::{ValueKind, kind_of};
use super::model::{Condition, Scoring, Test};

/// One problem, at the line of the rule, segment or tier it is about
/// (1 when the line is not known).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub line: usize,
    pub message: String,
}

fn issue(line: usize, message: String) -> Issue {
    Issue {
        line: line.max(1),
        message,
    }
}

/// Ids of rules, groups and segments: letters, digits, `-` and `_`.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Checks one condition against the kind of its field.
fn check_condition(owner: &str, condition: &Condition) -> Result<(), String> {
    let field = &condition.field;
    let kind = kind_of(field).unwrap_or(ValueKind::Any);
    if !kind.fits(&condition.test) {
        return Err(format!(
            "{owner} uses `{}` on `{field}`, which is {}; it takes {}",
            condition.test.operator(),
            kind.describe(),
            kind.operators().join(", ")
        ));
    }
    match &condition.test {
        Test::OneOf(values) if values.is_empty() => {
            return Err(format!("{owner} has an empty `one_of` list"));
        }
        Test::Contains(words) if words.iter().all(|w| w.trim().is_empty()) => {
            return Err(format!("{owner} has nothing to look for in `contains`"));
        }
        Test::Range {
            min: Some(min),
            max: Some(max),
        } if min.get() > max.get() => {
            return Err(format!(
                "{owner} has `min = {min}` above `max = {max}`, so it can never hold"
            ));
        }
        _ => {}
    }
    if let Some(currency) = &condition.currency {
        if !matches!(kind, ValueKind::Money | ValueKind::Any) {
            return Err(format!(
                "{owner} names a currency, but `{field}` is {}, not an amount",
                kind.describe()
            ));
        }
        if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(format!(
                "{owner} has currency `{currency}`; write a three-letter code such as `USD` or `EUR`"
            ));
        }
    }
    bind::compile(&condition.test, kind)
        .map(|_| ())
        .map_err(|e| format!("{owner} {e}"))
}

/// Every problem in a scoring file, in file order.
pub fn check(scoring: &Scoring) -> Vec<Issue> {
    let mut issues = Vec::new();
    check_tiers(scoring, &mut issues);
    let mut groups: Vec<&str> = Vec::new();
    for group in &scoring.groups {
        if !valid_id(&group.id) {
            issues.push(issue(
                1,
                format!(
                    "group id `{}` may use only letters, digits, `-` and `_`",
                    group.id
                ),
            ));
        } else if groups.contains(&group.id.as_str()) {
            issues.push(issue(1, format!("group `{}` is defined twice", group.id)));
        }
        groups.push(&group.id);
        if group.cap <= 0 {
            issues.push(issue(
                1,
                format!(
                    "group `{}` needs a `cap` above 0 (the most its rules count for together)",
                    group.id
                ),
            ));
        }
    }
    let mut ids: Vec<&str> = Vec::new();
    for rule in &scoring.rules {
        let owner = format!("rule `{}`", rule.id);
        if !valid_id(&rule.id) {
            issues.push(issue(
                rule.line,
                format!("{owner}: an id may use only letters, digits, `-` and `_`"),
            ));
        } else if ids.contains(&rule.id.as_str()) {
            issues.push(issue(
                rule.line,
                format!("{owner} is defined twice; rule ids must be unique"),
            ));
        }
        ids.push(&rule.id);
        if let Some(group) = &rule.group
            && !groups.contains(&group.as_str())
        {
            issues.push(issue(
                rule.line,
                format!(
                    "{owner} is in group `{group}`, which has no `[[groups]]` entry with its cap"
                ),
            ));
        }
        if rule.disqualify && rule.group.is_some() {
            issues.push(issue(
                rule.line,
                format!("{owner} disqualifies, so it cannot be in a group"),
            ));
        }
        if let Err(message) = check_condition(&owner, &rule.condition) {
            issues.push(issue(rule.line, message));
        }
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in &scoring.segments {
        let owner = format!("segment `{}`", segment.id);
        if !valid_id(&segment.id) {
            issues.push(issue(
                segment.line,
                format!("{owner}: an id may use only letters, digits, `-` and `_`"),
            ));
        } else if segments.contains(&segment.id.as_str()) {
            issues.push(issue(segment.line, format!("{owner} is defined twice")));
        }
        segments.push(&segment.id);
        for condition in &segment.when {
            if let Err(message) = check_condition(&owner, condition) {
                issues.push(issue(segment.line, message));
            }
        }
    }
    issues
}

fn check_tiers(scoring: &Scoring, issues: &mut Vec<Issue>) {
    if scoring.tiers.is_empty() {
        return;
    }
    let mut names: Vec<String> = Vec::new();
    let mut mins: Vec<i64> = Vec::new();
    let mut open = 0;
    for tier in &scoring.tiers {
        let name = tier.name.trim();
        if name.is_empty() {
            issues.push(issue(1, "a tier needs a `name`".into()));
        } else if name.eq_ignore_ascii_case(DISQUALIFIED) {
            issues.push(issue(1, format!("`{DISQUALIFIED}` is kept for leads a disqualifier rules out; name the tier otherwise")));
        } else if names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            issues.push(issue(1, format!("tier `{name}` is defined twice")));
        }
        names.push(name.to_string());
        match tier.min {
            Some(min) if mins.contains(&min) => issues.push(issue(
                1,
                format!("two tiers start at {min}; each tier needs its own `min`"),
            )),
            Some(min) => mins.push(min),
            None => open += 1,
        }
    }
    if open == 0 {
        issues.push(issue(
            1,
            "every tier has a `min`, so a score below the lowest has no tier; leave `min` out of the lowest tier".into(),
        ));
    } else if open > 1 {
        issues.push(issue(
            1,
            "only one tier may leave out `min` (the one for every score below the others)".into(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let scoring: Scoring = toml::from_str(text).unwrap();
        check(&scoring).into_iter().map(|i| i.message).collect()
    }

    #[test]
    fn operators_must_fit_the_field() {
        let found = problems(
            "[[rules]]\nid = \"a\"\nfield = \"country\"\nmin = 3\npoints = 5\n\
             [[rules]]\nid = \"b\"\nfield = \"employees\"\ncontains = \"big\"\npoints = 5\n\
             [[rules]]\nid = \"c\"\nfield = \"employees\"\nequals = \"lots\"\npoints = 5\n\
             [[rules]]\nid = \"d\"\nfield = \"Stores\"\nmin = 2\npoints = 5\n",
        );
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].contains("`min/max` on `country`, which is a country"));
        assert!(found[1].contains("`contains` on `employees`"));
        assert!(found[2].contains("`lots`, which is not a number"));
    }

    #[test]
    fn ids_groups_and_tiers() {
        let found = problems(
            "[[tiers]]\nname = \"A\"\nmin = 50\n[[tiers]]\nname = \"B\"\nmin = 50\n\
             [[groups]]\nid = \"g\"\ncap = 0\n\
             [[rules]]\nid = \"a\"\nfield = \"industry\"\nequals = \"x\"\npoints = 5\ngroup = \"nope\"\n\
             [[rules]]\nid = \"a\"\nfield = \"industry\"\nequals = \"y\"\npoints = 5\n\
             [[rules]]\nid = \"r\"\nfield = \"employees\"\nmin = 50\nmax = 10\npoints = 5\n",
        );
        let joined = found.join("\n");
        assert!(joined.contains("two tiers start at 50"), "{joined}");
        assert!(joined.contains("leave `min` out of the lowest tier"));
        assert!(joined.contains("`cap` above 0"));
        assert!(joined.contains("group `nope`, which has no `[[groups]]`"));
        assert!(joined.contains("rule `a` is defined twice"));
        assert!(joined.contains("`min = 50` above `max = 10`"));
    }

    #[test]
    fn a_sound_file_has_no_issues() {
        assert!(problems(
            "[[tiers]]\nname = \"Hot\"\nmin = 60\n[[tiers]]\nname = \"Cold\"\n\
             [[rules]]\nid = \"a\"\nfield = \"revenue\"\nmin = 5000000\ncurrency = \"usd\"\npoints = 5\n"
        )
        .is_empty());
    }
}
