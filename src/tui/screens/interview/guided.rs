//! The guided pass: paragraph by paragraph through the saved notes, each
//! tagged whole, split into a smaller highlight, or skipped; the paragraphs
//! seen are recorded as reviewed.

use super::{Focus, InterviewState};
use crate::domain::anchor;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::out::Out;
use std::ops::Range;

/// A guided pass: the paragraphs of the notes when it started, and where
/// it is.
pub struct Guided {
    pub paragraph: usize,
    pub paragraphs: Vec<Range<usize>>,
    pub text: String,
}

impl InterviewState {
    pub(super) fn mark_reviewed(&mut self, paragraph: usize) {
        let p = paragraph as u32;
        if !self.draft.reviewed.contains(&p) {
            self.draft.reviewed.push(p);
            self.draft.reviewed.sort_unstable();
        }
    }

    pub(super) fn start_guided(&mut self) -> Vec<Out> {
        if self.dirty() {
            return vec![Out::warn(
                "Save the notes first (Ctrl-s): the pass walks the saved paragraphs.",
            )];
        }
        let text = self.notes();
        let paragraphs = anchor::paragraphs(&text);
        if paragraphs.is_empty() {
            return vec![Out::say(
                "These notes are empty: there is nothing to review yet.",
            )];
        }
        let first = (0..paragraphs.len())
            .find(|p| !self.draft.reviewed.contains(&(*p as u32)))
            .unwrap_or(0);
        self.guided = Some(Guided {
            paragraph: first,
            paragraphs,
            text,
        });
        self.focus = Focus::Notes;
        self.advance(first)
    }

    /// Shows paragraph `to` of the pass (selected in the editor), or ends
    /// the pass after the last one.
    pub(super) fn advance(&mut self, to: usize) -> Vec<Out> {
        let Some(g) = self.guided.as_mut() else {
            return Vec::new();
        };
        if to >= g.paragraphs.len() {
            let total = g.paragraphs.len();
            self.guided = None;
            self.editor.cancel_selection();
            let (done, _) = self.draft.review_progress();
            return vec![Out::say(format!(
                "Guided pass finished: {done} of {total} paragraphs reviewed."
            ))];
        }
        g.paragraph = to;
        let range = g.paragraphs[to].clone();
        let text = std::mem::take(&mut g.text);
        self.select(&text, range);
        if let Some(g) = self.guided.as_mut() {
            g.text = text;
        }
        Vec::new()
    }

    pub(super) fn guided_update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        if self.move_cursor(action) {
            return Vec::new();
        }
        let Some(g) = self.guided.as_ref() else {
            return Vec::new();
        };
        let at = g.paragraph;
        match action {
            Action::Tag => {
                let words = g.text[g.paragraphs[at].clone()].to_string();
                self.new_highlight(ctx, words, Some(at))
            }
            Action::Highlight => {
                let words = self.selection_or_line();
                self.new_highlight(ctx, words, None)
            }
            Action::Select => {
                self.toggle_selecting();
                Vec::new()
            }
            Action::Skip => {
                self.mark_reviewed(at);
                let mut out = self.advance(at + 1);
                out.extend(self.save());
                out
            }
            Action::PreviousParagraph => self.advance(at.saturating_sub(1)),
            Action::Back => {
                self.guided = None;
                self.editor.cancel_selection();
                let (done, total) = self.draft.review_progress();
                vec![Out::say(format!(
                    "Guided pass paused: {done} of {total} paragraphs reviewed."
                ))]
            }
            _ => Vec::new(),
        }
    }
}
