//! The evidence beside a question: the interview quotes whose tags feed the
//! field, the ICP's own interviews first. A filter searches every quote,
//! those tagged for the field first, so a quote tagged for another field
//! can still be cited.

use super::fill::Fill;
use crate::domain::wizard::{NAME_FIELD, Subject};
use crate::domain::{Citation, Highlight, Interview};
use crate::tui::ctx::Ctx;

/// A quote that can be cited.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub citation: Citation,
    pub words: String,
    /// Index of its interview in the workspace.
    pub interview: usize,
    /// Tagged for this field (else found by the filter among the rest).
    pub feeds: bool,
}

fn matches(interview: &Interview, h: &Highlight, needle: &str) -> bool {
    h.text.to_lowercase().contains(needle)
        || interview.interviewee.to_lowercase().contains(needle)
        || interview.company.to_lowercase().contains(needle)
        || h.tags.iter().any(|t| t.contains(needle))
}

/// The quotes for the current question, in the order shown.
pub fn quotes(ctx: &Ctx, fill: &Fill) -> Vec<Quote> {
    let wizard = &fill.wizard;
    let Some(field) = wizard.current() else {
        return Vec::new();
    };
    if wizard.subject == Subject::Interview || field.id == NAME_FIELD {
        return Vec::new();
    }
    let icp = match (&wizard.subject, &wizard.base) {
        (Subject::Persona { icp }, _) => Some(icp.clone()),
        (Subject::Icp, Some(e)) => Some(e.id().to_string()),
        _ => None,
    };
    let needle = fill.filter.text.trim().to_lowercase();
    let feeds = &field.feeds;
    // Tagged for the field (own ICP first), then, with a filter, the rest.
    let mut groups: [Vec<Quote>; 4] = Default::default();
    for (ii, interview) in ctx.workspace.interviews.iter().enumerate() {
        let own = icp.is_some() && interview.icp == icp;
        for h in &interview.highlights {
            let fed = feeds.is_empty() || h.tags.iter().any(|t| feeds.contains(t));
            if !fed && needle.is_empty() {
                continue;
            }
            if !needle.is_empty() && !matches(interview, h, &needle) {
                continue;
            }
            let group = match (fed, own) {
                (true, true) => 0,
                (true, false) => 1,
                (false, true) => 2,
                (false, false) => 3,
            };
            groups[group].push(Quote {
                citation: Citation::new(&interview.id, &h.id),
                words: h.text.clone(),
                interview: ii,
                feeds: fed,
            });
        }
    }
    groups.into_iter().flatten().collect()
}
