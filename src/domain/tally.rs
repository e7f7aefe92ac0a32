//! Counting what recurs: how many interviewees mention each tag, and how
//! often each attribute value occurs among an ICP's best customers.
//!
//! The ICP literature's third step: the traits that recur among the best
//! customers, and the pains and goals that recur across interviews, are
//! what an ICP and its personas are made of.

use super::icp::{BestCustomer, Icp};
use super::interview::Interview;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How often one tag was heard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TagCount {
    pub tag: String,
    /// Distinct people (or companies) who said something tagged so: each
    /// interviewee counts once however often they said it.
    pub interviewees: usize,
    /// Highlights carrying the tag.
    pub highlights: usize,
}

/// The tags of the interviews about one ICP (`Some(id)`) or all of them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TagTally {
    pub interviews: usize,
    pub interviewees: usize,
    /// Most interviewees first, then by tag.
    pub tags: Vec<TagCount>,
}

/// Whether an interview is about the ICP (every interview counts for all).
fn about(interview: &Interview, icp: Option<&str>) -> bool {
    icp.is_none_or(|id| interview.icp.as_deref() == Some(id))
}

pub fn tags<'a>(
    interviews: impl IntoIterator<Item = &'a Interview>,
    icp: Option<&str>,
) -> TagTally {
    let mut people: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut highlights: BTreeMap<&str, usize> = BTreeMap::new();
    let mut everyone = BTreeSet::new();
    let mut count = 0;
    for interview in interviews.into_iter().filter(|i| about(i, icp)) {
        count += 1;
        let who = interview.speaker_key();
        everyone.insert(who.clone());
        for highlight in &interview.highlights {
            // A tag repeated on one highlight counts once.
            let tags: BTreeSet<&str> = highlight.tags.iter().map(String::as_str).collect();
            for tag in tags {
                people.entry(tag).or_default().insert(who.clone());
                *highlights.entry(tag).or_default() += 1;
            }
        }
    }
    let mut tags: Vec<TagCount> = people
        .into_iter()
        .map(|(tag, who)| TagCount {
            tag: tag.to_string(),
            interviewees: who.len(),
            highlights: highlights[tag],
        })
        .collect();
    tags.sort_by(|a, b| {
        b.interviewees
            .cmp(&a.interviewees)
            .then(b.highlights.cmp(&a.highlights))
            .then(a.tag.cmp(&b.tag))
    });
    TagTally {
        interviews: count,
        interviewees: everyone.len(),
        tags,
    }
}

/// How many best customers share one value of an attribute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ValueCount {
    pub value: String,
    pub count: usize,
}

/// The values of one attribute across an ICP's best customers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttributeTally {
    /// `industry`, `size`, `revenue`, `geography`, `tools`, `criterion`.
    pub attribute: &'static str,
    /// Most common first, then alphabetical.
    pub values: Vec<ValueCount>,
}

/// One ICP's best customers, counted attribute by attribute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CustomerTally {
    pub icp: String,
    pub customers: usize,
    pub attributes: Vec<AttributeTally>,
}

/// The employee bands CRMs use. A number (`120`, `1,200`, `~300`) falls
/// into its band; a range or anything else is kept as written (trimmed).
pub fn size_band(size: &str) -> String {
    let trimmed = size.trim();
    let digits: String = trimmed
        .trim_start_matches(['~', '≈', '<', '>'])
        .trim_end_matches('+')
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}'))
        .collect();
    let Ok(n) = digits.parse::<u64>() else {
        return trimmed.to_string();
    };
    if trimmed.ends_with('+') && n >= 5000 {
        return "5000+".into();
    }
    match n {
        0..=10 => "1-10",
        11..=50 => "11-50",
        51..=200 => "51-200",
        201..=500 => "201-500",
        501..=1000 => "501-1000",
        1001..=5000 => "1001-5000",
        _ => "5000+",
    }
    .into()
}

/// Bands sort in size order, everything else after them alphabetically.
fn band_rank(value: &str) -> usize {
    const BANDS: [&str; 7] = [
        "1-10",
        "11-50",
        "51-200",
        "201-500",
        "501-1000",
        "1001-5000",
        "5000+",
    ];
    BANDS
        .iter()
        .position(|b| *b == value)
        .unwrap_or(BANDS.len())
}

fn count_values<'a>(
    attribute: &'static str,
    customers: &'a [BestCustomer],
    values: impl Fn(&'a BestCustomer) -> Vec<String>,
) -> AttributeTally {
    // Values that differ only in case or spacing are the same value, shown
    // as first written.
    let mut counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for customer in customers {
        let mut seen = BTreeSet::new();
        for value in values(customer) {
            let shown = value.split_whitespace().collect::<Vec<_>>().join(" ");
            if shown.is_empty() {
                continue;
            }
            let key = shown.to_lowercase();
            if seen.insert(key.clone()) {
                counts.entry(key).or_insert((shown, 0)).1 += 1;
            }
        }
    }
    let mut values: Vec<ValueCount> = counts
        .into_values()
        .map(|(value, count)| ValueCount { value, count })
        .collect();
    values.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(band_rank(&a.value).cmp(&band_rank(&b.value)))
            .then(a.value.to_lowercase().cmp(&b.value.to_lowercase()))
    });
    AttributeTally { attribute, values }
}

pub fn best_customers(icp: &Icp) -> CustomerTally {
    let c = &icp.best_customers;
    let one = |s: &String| vec![s.clone()];
    CustomerTally {
        icp: icp.id.clone(),
        customers: c.len(),
        attributes: vec![
            count_values("industry", c, |b| one(&b.industry)),
            count_values("size", c, |b| {
                if b.size.trim().is_empty() {
                    vec![]
                } else {
                    vec![size_band(&b.size)]
                }
            }),
            count_values("revenue", c, |b| one(&b.revenue)),
            count_values("geography", c, |b| one(&b.geography)),
            count_values("tools", c, |b| b.tools.clone()),
            count_values("criterion", c, |b| one(&b.criterion)),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Highlight;

    fn said(id: &str, who: &str, icp: Option<&str>, tags: &[&[&str]]) -> Interview {
        let mut i = Interview::new(id, id);
        i.interviewee = who.into();
        i.icp = icp.map(Into::into);
        for (n, t) in tags.iter().enumerate() {
            i.highlights.push(Highlight {
                id: format!("h{}", n + 1),
                text: "x".into(),
                tags: t.iter().map(|s| s.to_string()).collect(),
                extra: Default::default(),
            });
        }
        i
    }

    #[test]
    fn tags_count_each_interviewee_once() {
        let interviews = vec![
            said(
                "a",
                "Dana",
                Some("out"),
                &[&["pain-point"], &["pain-point", "goal"]],
            ),
            // Dana again, in a second call: still one interviewee.
            said("b", " dana ", Some("out"), &[&["pain-point", "pain-point"]]),
            said("c", "Sam", Some("out"), &[&["goal"], &["channel"]]),
            said("d", "Ana", Some("coffee"), &[&["pain-point"]]),
            said("e", "", None, &[&["pain-point"]]),
        ];
        let all = tags(&interviews, None);
        assert_eq!(all.interviews, 5);
        assert_eq!(all.interviewees, 4);
        assert_eq!(
            all.tags[0],
            TagCount {
                tag: "pain-point".into(),
                interviewees: 3,
                highlights: 5
            }
        );
        let out = tags(&interviews, Some("out"));
        assert_eq!(out.interviews, 3);
        assert_eq!(out.interviewees, 2);
        let shown: Vec<(&str, usize)> = out
            .tags
            .iter()
            .map(|t| (t.tag.as_str(), t.interviewees))
            .collect();
        assert_eq!(shown, [("goal", 2), ("pain-point", 1), ("channel", 1)]);
        assert!(tags(&interviews, Some("none")).tags.is_empty());
    }

    #[test]
    fn sizes_fall_into_bands() {
        assert_eq!(size_band("120"), "51-200");
        assert_eq!(size_band("1,200"), "1001-5000");
        assert_eq!(size_band("7"), "1-10");
        assert_eq!(size_band("50"), "11-50");
        assert_eq!(size_band("9000"), "5000+");
        assert_eq!(size_band("10000+"), "5000+");
        assert_eq!(size_band(" 51-200 "), "51-200");
        assert_eq!(size_band("about a hundred"), "about a hundred");
    }

    #[test]
    fn best_customer_values_are_counted() {
        let mut icp = Icp::new("out", "Outdoor", "icp");
        let customer = |industry: &str, size: &str, tools: &[&str]| BestCustomer {
            company: "x".into(),
            industry: industry.into(),
            size: size.into(),
            tools: tools.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        icp.best_customers = vec![
            customer("Outdoor retail", "120", &["Shopify", "Klaviyo", "shopify"]),
            customer("outdoor  retail", "51-200", &["Shopify"]),
            customer("Sporting goods", "30", &[]),
            customer("", "", &["NetSuite"]),
        ];
        let t = best_customers(&icp);
        assert_eq!(t.customers, 4);
        let get = |name: &str| -> Vec<(String, usize)> {
            t.attributes
                .iter()
                .find(|a| a.attribute == name)
                .unwrap()
                .values
                .iter()
                .map(|v| (v.value.clone(), v.count))
                .collect()
        };
        assert_eq!(
            get("industry"),
            [("Outdoor retail".into(), 2), ("Sporting goods".into(), 1)]
        );
        assert_eq!(get("size"), [("51-200".into(), 2), ("11-50".into(), 1)]);
        assert_eq!(
            get("tools"),
            [
                ("Shopify".into(), 2),
                ("Klaviyo".into(), 1),
                ("NetSuite".into(), 1)
            ]
        );
        assert!(get("revenue").is_empty());
    }
}
