//! Counting what recurs: how many interviewees mention each tag, and how
//! often each trait value occurs among an ICP's best customers compared
//! with the whole customer list ([`customers`]).
//!
//! The ICP literature's third step: the traits that recur among the best
//! customers, and the pains and goals that recur across interviews, are
//! what an ICP and its personas are made of.

mod customers;

pub use customers::{
    AttributeTally, BaselineBuilder, CustomerTally, TRAITS, TraitValue, ValueCount, best_customers,
    traits,
};

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
}
