//! The highlights pane: showing one in the notes, retagging, removing
//! (naming what cites it first), and saying what cites it.

use super::{Focus, InterviewState, TagPurpose};
use crate::domain::{Citation, Kind, anchor};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::modal::{Confirm, Modal, Pending};
use crate::tui::out::Out;
use crate::tui::text;

/// "persona “Operations Olivia” (pain points)" for each attribute citing
/// a highlight.
pub fn describe_citing(ctx: &Ctx, interview: &str, highlight: &str) -> Vec<String> {
    let ws = ctx.workspace;
    ctx.citing(&Citation::new(interview, highlight))
        .into_iter()
        .map(|(entity, field)| {
            let (name, template) = match entity.kind {
                Kind::Icp => ws
                    .icp(&entity.id)
                    .map(|i| (i.name.clone(), i.template.clone()))
                    .unzip(),
                _ => ws
                    .persona(&entity.id)
                    .map(|p| (p.name.clone(), p.template.clone()))
                    .unzip(),
            };
            let label = template
                .and_then(|t| ws.template(&t).and_then(|t| t.field(&field)))
                .map(|f| f.label.clone())
                .unwrap_or_else(|| field.replace(['_', '-'], " "));
            format!(
                "{} “{}” ({})",
                entity.kind.label(),
                text::fit(&name.unwrap_or_else(|| entity.id.clone()), 40),
                text::fit(&label, 30).to_lowercase()
            )
        })
        .collect()
}

impl InterviewState {
    pub(super) fn highlights_update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let count = self.draft.highlights.len();
        let current = self.draft.highlights.get(self.selected).cloned();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Action::SwitchPane => self.focus = Focus::Notes,
            Action::Open => {
                return match current.map(|h| anchor::find(&self.notes(), &h.text).is_none()) {
                    Some(false) => {
                        self.show_highlight();
                        self.focus = Focus::Notes;
                        Vec::new()
                    }
                    Some(true) => vec![Out::warn(
                        "This highlight's words are no longer in the notes (they were edited); it keeps its own copy.",
                    )],
                    None => vec![Out::say(
                        "No highlights yet: select words in the notes and press h.",
                    )],
                };
            }
            Action::Tag => {
                if let Some(h) = current {
                    self.open_picker(
                        ctx,
                        TagPurpose::Retag {
                            highlight: h.id.clone(),
                        },
                        h.text.clone(),
                        &h.tags,
                    );
                }
            }
            Action::CitedBy => {
                if let Some(h) = current {
                    let citing = describe_citing(ctx, &self.id, &h.id);
                    return vec![Out::say(if citing.is_empty() {
                        "Nothing cites this highlight yet.".to_string()
                    } else {
                        format!("Cited by {}.", citing.join("; "))
                    })];
                }
            }
            Action::Delete => {
                if let Some(h) = current {
                    let citing = describe_citing(ctx, &self.id, &h.id);
                    let warning = if citing.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " It is cited by {}, which would lose this evidence.",
                            citing.join("; ")
                        )
                    };
                    return vec![Out::Open(Modal::Confirm(Confirm {
                        title: if citing.is_empty() {
                            "Remove highlight".into()
                        } else {
                            "Remove a cited highlight".into()
                        },
                        message: format!(
                            "Remove the highlight {} “{}”?{warning}",
                            h.id,
                            text::fit(&h.text, 60)
                        ),
                        pending: Pending::RemoveHighlight { highlight: h.id },
                    }))];
                }
            }
            Action::Back => return self.back(),
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn remove_highlight(&mut self, highlight: &str) -> Vec<Out> {
        self.draft.highlights.retain(|h| h.id != highlight);
        self.selected = self
            .selected
            .min(self.draft.highlights.len().saturating_sub(1));
        let mut out = self.save();
        out.push(Out::say(format!("Removed the highlight {highlight}.")));
        out
    }
}
