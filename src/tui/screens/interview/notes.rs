//! Reading and editing the notes: moving and selecting, starting a
//! highlight, typing, undo, and handing the notes to `$EDITOR`.

use super::{Focus, InterviewState, TagPurpose};
use crate::domain::anchor;
use crate::domain::{EntityRef, Kind};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::out::{Nav, Out, WizardStart};
use ratatui_textarea::CursorMove;

impl InterviewState {
    /// The selected words, or else the current line.
    pub(super) fn selection_or_line(&self) -> String {
        let lines = self.editor.lines();
        if let Some(((r1, c1), (r2, c2))) = self.editor.selection_range()
            && (r1, c1) != (r2, c2)
        {
            let take = |line: &str, from: usize, to: Option<usize>| -> String {
                let chars = line.chars().skip(from);
                match to {
                    Some(to) => chars.take(to.saturating_sub(from)).collect(),
                    None => chars.collect(),
                }
            };
            if r1 == r2 {
                return take(&lines[r1], c1, Some(c2));
            }
            let mut out = take(&lines[r1], c1, None);
            for line in &lines[r1 + 1..r2] {
                out.push('\n');
                out.push_str(line);
            }
            out.push('\n');
            out.push_str(&take(&lines[r2], 0, Some(c2)));
            return out;
        }
        lines
            .get(self.editor.cursor().0)
            .cloned()
            .unwrap_or_default()
    }

    /// The byte offset of the cursor in `notes()`.
    fn cursor_byte(&self) -> usize {
        let (row, col) = (self.editor.cursor().0, self.editor.cursor().1);
        let lines = self.editor.lines();
        let before: usize = lines[..row].iter().map(|l| l.len() + 1).sum();
        before
            + lines[row]
                .char_indices()
                .nth(col)
                .map_or(lines[row].len(), |(i, _)| i)
    }

    fn current_paragraph(&self) -> Option<String> {
        let notes = self.notes();
        let at = self.cursor_byte();
        anchor::paragraphs(&notes)
            .into_iter()
            .find(|p| p.start <= at && at <= p.end)
            .map(|p| notes[p].to_string())
    }

    /// A cursor move while reading (the text is read-only until `e`); the
    /// extending ones select as they go.
    pub(super) fn move_cursor(&mut self, action: Action) -> bool {
        let (m, extend) = match action {
            Action::Up => (CursorMove::Up, false),
            Action::Down => (CursorMove::Down, false),
            Action::Left => (CursorMove::Back, false),
            Action::Right => (CursorMove::Forward, false),
            Action::WordLeft => (CursorMove::WordBack, false),
            Action::WordRight => (CursorMove::WordForward, false),
            Action::LineStart => (CursorMove::Head, false),
            Action::LineEnd => (CursorMove::End, false),
            Action::PageUp => (CursorMove::ParagraphBack, false),
            Action::PageDown => (CursorMove::ParagraphForward, false),
            Action::ExtendUp => (CursorMove::Up, true),
            Action::ExtendDown => (CursorMove::Down, true),
            Action::ExtendLeft => (CursorMove::Back, true),
            Action::ExtendRight => (CursorMove::Forward, true),
            _ => return false,
        };
        if extend && !self.editor.is_selecting() {
            self.editor.start_selection();
        }
        self.editor.move_cursor(m);
        true
    }

    pub(super) fn toggle_selecting(&mut self) {
        if self.editor.is_selecting() {
            self.editor.cancel_selection();
        } else {
            self.editor.start_selection();
        }
    }

    pub(super) fn notes_update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        if self.move_cursor(action) {
            return Vec::new();
        }
        match action {
            Action::Select => self.toggle_selecting(),
            Action::Highlight => {
                let words = self.selection_or_line();
                return self.new_highlight(ctx, words, None);
            }
            Action::HighlightParagraph => {
                return match self.current_paragraph() {
                    Some(p) => self.new_highlight(ctx, p, None),
                    None => vec![Out::say(
                        "The cursor is on a blank line; move into a paragraph first.",
                    )],
                };
            }
            Action::Edit => {
                self.editing = true;
                self.editor.cancel_selection();
            }
            Action::ExternalEdit => return self.external(),
            Action::Guided => return self.start_guided(),
            Action::SwitchPane => {
                self.focus = Focus::Highlights;
                self.editor.cancel_selection();
            }
            Action::Metadata => {
                return vec![Out::Push(Nav::Wizard(WizardStart::Edit {
                    entity: EntityRef::new(Kind::Interview, &self.id),
                    at: None,
                }))];
            }
            Action::Save => return self.save(),
            Action::Back => return self.back(),
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn editing_update(&mut self, action: Action) -> Vec<Out> {
        match action {
            Action::Save => return self.save(),
            Action::Back => {
                self.editing = false;
                if self.dirty() {
                    return vec![Out::say(
                        "Stopped editing. The notes are not saved yet: Ctrl-s saves.",
                    )];
                }
            }
            Action::UndoEdit => {
                self.editor.undo();
            }
            Action::RedoEdit => {
                self.editor.redo();
            }
            Action::ExternalEdit => return self.external(),
            _ => {}
        }
        Vec::new()
    }

    /// Starts a highlight of `words`: the tag picker asks for its tags.
    pub(super) fn new_highlight(
        &mut self,
        ctx: &Ctx,
        words: String,
        paragraph: Option<usize>,
    ) -> Vec<Out> {
        let words = anchor::quote_words(&words).to_string();
        if words.is_empty() {
            return vec![Out::say(
                "Nothing to highlight here: select some words or move to a line with text.",
            )];
        }
        self.open_picker(
            ctx,
            TagPurpose::New {
                text: words.clone(),
                paragraph,
            },
            words,
            &[],
        );
        Vec::new()
    }

    fn external(&mut self) -> Vec<Out> {
        vec![Out::Do(Effect::EditNotes {
            interview: self.id.clone(),
            notes: self.notes(),
        })]
    }
}
