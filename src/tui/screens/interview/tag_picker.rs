//! Tagging a highlight: the one picker, filtered by what is typed, a new
//! tag made of it, several marked with Tab. What is typed when Enter is
//! pressed counts as well as what was marked.

use super::InterviewState;
use crate::domain::{Highlight, id};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::out::Out;
use crate::tui::widgets::picker::{Choice, Look, Picker};
use std::collections::BTreeSet;

/// What the tag picker's choice is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TagPurpose {
    /// A new highlight with these words; in a guided pass, the paragraph it
    /// reviews.
    New {
        text: String,
        paragraph: Option<usize>,
    },
    Retag {
        highlight: String,
    },
}

pub struct TagPicker {
    pub picker: Picker,
    pub purpose: TagPurpose,
    /// The words being tagged, shown above the list.
    pub quote: String,
}

impl TagPicker {
    /// The tags marked so far.
    pub fn marked(&self) -> &BTreeSet<String> {
        &self.picker.marked
    }
}

/// Tags to offer: those in use, those the templates' fields are fed by,
/// and the usual ones, sorted.
fn tag_options(ctx: &Ctx) -> Vec<String> {
    let ws = ctx.workspace;
    let mut all: BTreeSet<String> = ws.tags_in_use().into_iter().map(str::to_string).collect();
    for t in &ws.templates {
        for f in t.fields() {
            all.extend(f.feeds.iter().cloned());
        }
    }
    for t in [
        "pain-point",
        "goal",
        "motivation",
        "objection",
        "channel",
        "trigger",
        "demographic",
        "role",
    ] {
        all.insert(t.to_string());
    }
    all.into_iter().collect()
}

impl InterviewState {
    pub(super) fn open_picker(
        &mut self,
        ctx: &Ctx,
        purpose: TagPurpose,
        quote: String,
        marked: &[String],
    ) {
        let choices = tag_options(ctx)
            .into_iter()
            .map(|t| Choice::new(&t, &t))
            .collect();
        let mut picker = Picker::new(choices, Look::Check).filtered(Some(id::normalize_tag));
        picker.marked = marked.iter().cloned().collect();
        self.picker = Some(TagPicker {
            picker,
            purpose,
            quote,
        });
    }

    pub(super) fn picker_update(&mut self, action: Action) -> Vec<Out> {
        let Some(tags) = self.picker.as_mut() else {
            return Vec::new();
        };
        match action {
            Action::Up => tags.picker.up(),
            Action::Down => tags.picker.down(),
            Action::Mark => tags.picker.toggle_mark(),
            Action::Cancel => {
                self.picker = None;
                return vec![Out::say("Nothing was tagged.")];
            }
            Action::Confirm => {
                let chosen = tags.picker.chosen();
                if chosen.is_empty() {
                    return vec![Out::say("Type a tag or pick one from the list.")];
                }
                let purpose = tags.purpose.clone();
                self.picker = None;
                return self.tagged(purpose, chosen);
            }
            _ => {}
        }
        Vec::new()
    }

    fn tagged(&mut self, purpose: TagPurpose, tags: Vec<String>) -> Vec<Out> {
        let shown = tags.join(", ");
        match purpose {
            TagPurpose::New { text, paragraph } => {
                let id = self.draft.next_highlight_id();
                self.draft.highlights.push(Highlight {
                    id: id.clone(),
                    text,
                    tags,
                    extra: Default::default(),
                });
                self.selected = self.draft.highlights.len() - 1;
                self.editor.cancel_selection();
                let mut out = Vec::new();
                if let Some(p) = paragraph {
                    self.mark_reviewed(p);
                    out.extend(self.advance(p + 1));
                }
                let mut saved = self.save();
                saved.push(Out::say(format!("Highlight {id} tagged {shown}.")));
                saved.extend(out);
                saved
            }
            TagPurpose::Retag { highlight } => {
                if let Some(h) = self.draft.highlights.iter_mut().find(|h| h.id == highlight) {
                    h.tags = tags;
                }
                let mut out = self.save();
                out.push(Out::say(format!(
                    "Highlight {highlight} is now tagged {shown}."
                )));
                out
            }
        }
    }
}
