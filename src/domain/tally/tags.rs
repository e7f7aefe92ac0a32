//! How many interviewees mentioned each highlight tag: each person once,
//! however often they said it.

use crate::domain::interview::Interview;
use crate::domain::workspace::Workspace;
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

/// The interviews about one ICP: those filed under it (their `icp`), and
/// those its own card or its personas' cards cite, in workspace order.
pub fn interviews_about<'a>(ws: &'a Workspace, icp: &'a str) -> Vec<&'a Interview> {
    let mut cited: BTreeSet<&str> = BTreeSet::new();
    let mut note = |fields: &'a crate::domain::Fields| {
        for item in fields.values().flatten() {
            cited.extend(item.cites.iter().map(|c| c.interview.as_str()));
        }
    };
    if let Some(card) = ws.icp(icp) {
        note(&card.fields);
    }
    for persona in ws.personas_of(icp) {
        note(&persona.fields);
    }
    ws.interviews
        .iter()
        .filter(|i| i.icp.as_deref() == Some(icp) || cited.contains(i.id.as_str()))
        .collect()
}

/// How often each tag was heard in the interviews about one ICP
/// (`Some(id)`, see [`interviews_about`]) or in all of them.
pub fn tags(ws: &Workspace, icp: Option<&str>) -> TagTally {
    match icp {
        Some(id) => count_tags(interviews_about(ws, id)),
        None => count_tags(&ws.interviews),
    }
}

fn count_tags<'a>(interviews: impl IntoIterator<Item = &'a Interview>) -> TagTally {
    let mut people: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut highlights: BTreeMap<&str, usize> = BTreeMap::new();
    let mut everyone = BTreeSet::new();
    let mut count = 0;
    for interview in interviews {
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
    use crate::domain::{Highlight, Icp};

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
        let mut ws = Workspace::new(crate::domain::WorkspaceMeta::new("t"));
        ws.interviews = interviews;
        let all = tags(&ws, None);
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
        let out = tags(&ws, Some("out"));
        assert_eq!(out.interviews, 3);
        assert_eq!(out.interviewees, 2);
        let shown: Vec<(&str, usize)> = out
            .tags
            .iter()
            .map(|t| (t.tag.as_str(), t.interviewees))
            .collect();
        assert_eq!(shown, [("goal", 2), ("pain-point", 1), ("channel", 1)]);
        assert!(tags(&ws, Some("none")).tags.is_empty());
    }

    #[test]
    fn an_icp_counts_the_interviews_its_cards_cite() {
        use crate::domain::{Citation, Item, Persona};
        let mut ws = Workspace::new(crate::domain::WorkspaceMeta::new("t"));
        ws.icps.push(Icp::new("out", "Outdoor", "icp"));
        // Filed under no ICP, but cited by a persona of `out`.
        ws.interviews
            .push(said("a", "Dana", None, &[&["pain-point"]]));
        ws.interviews.push(said("b", "Sam", None, &[&["goal"]]));
        ws.interviews
            .push(said("c", "Ana", Some("out"), &[&["goal"]]));
        ws.interviews.push(said("d", "Zoe", None, &[&["channel"]]));
        let mut olivia = Persona::new("olivia", "out", "Olivia", "b2b-decision-maker");
        olivia.fields.insert(
            "pains".into(),
            vec![Item::text("stock").citing([Citation::new("a", "h1")])],
        );
        ws.personas.push(olivia);
        ws.icps[0].fields.insert(
            "industry".into(),
            vec![Item::text("outdoor").citing([Citation::new("b", "h1")])],
        );
        let out = tags(&ws, Some("out"));
        assert_eq!((out.interviews, out.interviewees), (3, 3));
        let names: Vec<&str> = interviews_about(&ws, "out")
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(names, ["a", "b", "c"]);
    }
}
