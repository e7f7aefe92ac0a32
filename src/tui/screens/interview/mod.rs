//! One interview: its notes in an editor (word wrap, undo/redo, paste,
//! `Ctrl-s` saves, or `$EDITOR`), its highlights beside them, a tag
//! picker and the guided pass through the notes. Its details (who, when,
//! where from) are edited with the wizard.
//!
//! Reading is the default: arrows move the cursor, Shift+arrows (or `v`
//! then arrows) select, `h` turns the selection (or the current line) into
//! a highlight and asks for tags. `e` starts typing into the notes.
//! Adding, retagging or removing a highlight saves the interview (with the
//! notes as they are in the editor).
//!
//! One job per file: [`notes`] reading and editing, [`highlights`] the
//! highlights pane, [`tag_picker`] tagging, [`guided`] the guided pass,
//! [`draw`] the drawing, [`keys`] the key tables.

mod draw;
mod guided;
mod highlights;
mod keys;
mod notes;
mod privacy;
mod tag_picker;

pub use keys::KEYS;
pub use tag_picker::{TagPicker, TagPurpose};

use crate::domain::{Interview, Workspace, anchor};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::keys::Context;
use crate::tui::modal::Pending;
use crate::tui::out::Out;
use crate::tui::widgets::{input, text_area};
use guided::Guided;
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, TextArea};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Notes,
    Highlights,
}

pub struct InterviewState {
    pub id: String,
    /// The interview as last saved, with any highlight changes.
    pub draft: Interview,
    pub editor: TextArea<'static>,
    pub editing: bool,
    pub focus: Focus,
    /// The selected highlight in the highlights pane.
    pub selected: usize,
    pub picker: Option<TagPicker>,
    pub guided: Option<Guided>,
    /// Leaving (or quitting) was asked for once with unsaved notes: asking
    /// again leaves without them.
    pub discard_armed: bool,
    /// The personal details found in the notes (kind, words), marked in
    /// the editor.
    pub private: Vec<(crate::domain::privacy::DetailKind, String)>,
}

/// Moves the cursor anywhere, even past the 65,535 rows `Jump` can reach.
fn jump(editor: &mut TextArea, row: usize, col: usize) {
    let max = u16::MAX as usize;
    editor.move_cursor(CursorMove::Jump(row.min(max) as u16, col.min(max) as u16));
    for _ in max..row {
        editor.move_cursor(CursorMove::Down);
    }
    if row > max {
        editor.move_cursor(CursorMove::Head);
        for _ in 0..col {
            editor.move_cursor(CursorMove::Forward);
        }
    }
}

impl InterviewState {
    pub fn new(interview: Interview) -> InterviewState {
        InterviewState {
            id: interview.id.clone(),
            editor: text_area::new(&interview.notes, false),
            draft: interview,
            editing: false,
            focus: Focus::Notes,
            selected: 0,
            picker: None,
            guided: None,
            discard_armed: false,
            private: Vec::new(),
        }
    }

    /// The interview `id`, showing one of its highlights; `Err` says why not.
    pub fn open(
        ws: &Workspace,
        id: &str,
        highlight: Option<&str>,
    ) -> Result<(Self, Vec<Out>), String> {
        let Some(interview) = ws.interview(id).cloned() else {
            return Err(format!("There is no interview `{id}` in the workspace."));
        };
        let mut s = InterviewState::new(interview);
        s.mark_private(ws);
        let mut out = Vec::new();
        if let Some(h) = highlight {
            match s.draft.highlights.iter().position(|x| x.id == h) {
                Some(n) => {
                    s.selected = n;
                    s.focus = Focus::Highlights;
                    s.show_highlight();
                }
                None => out.push(Out::warn(format!(
                    "The highlight {h} is no longer in this interview."
                ))),
            }
        }
        Ok((s, out))
    }

    pub fn context(&self) -> Context {
        if self.picker.is_some() {
            Context::TagPicker
        } else if self.editing {
            Context::NotesEditing
        } else if self.guided.is_some() {
            Context::Guided
        } else if self.focus == Focus::Highlights {
            Context::Highlights
        } else {
            Context::Notes
        }
    }

    /// The notes as they are in the editor.
    pub fn notes(&self) -> String {
        self.editor.lines().join("\n")
    }

    pub fn dirty(&self) -> bool {
        self.editor.lines().len() != self.draft.notes.split('\n').count()
            || self.notes() != self.draft.notes
    }

    /// Selects a byte range of `text` (the editor's text) in the editor.
    fn select(&mut self, text: &str, range: Range<usize>) {
        let (r1, c1) = anchor::position(text, range.start);
        let (r2, c2) = anchor::position(text, range.end);
        self.editor.cancel_selection();
        jump(&mut self.editor, r1, c1);
        self.editor.start_selection();
        jump(&mut self.editor, r2, c2);
    }

    fn show_highlight(&mut self) {
        let Some(h) = self.draft.highlights.get(self.selected) else {
            return;
        };
        let notes = self.notes();
        if let Some(range) = anchor::find(&notes, &h.text) {
            self.select(&notes, range);
        }
    }

    /// Saves the interview with the notes as they are in the editor.
    fn save(&mut self) -> Vec<Out> {
        let now = crate::domain::now();
        self.draft.notes = self.notes();
        self.draft.updated = Some(now);
        self.draft.created.get_or_insert(now);
        self.discard_armed = false;
        vec![Out::Do(Effect::SaveInterview(self.draft.clone()))]
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        match self.context() {
            Context::TagPicker => self.picker_update(action),
            Context::NotesEditing => self.editing_update(action),
            Context::Highlights => self.highlights_update(action, ctx),
            Context::Guided => self.guided_update(action, ctx),
            _ => self.notes_update(action, ctx),
        }
    }

    /// A key typed into the notes (while editing) or the tag picker.
    pub fn typed(&mut self, key: &KeyEvent) -> Vec<Out> {
        if let Some(picker) = self.picker.as_mut() {
            picker.picker.type_key(key);
        } else if self.editing {
            self.discard_armed = false;
            self.editor.input(*key);
        }
        Vec::new()
    }

    /// Pasted text goes into the notes while editing, or the tag picker.
    pub fn paste(&mut self, pasted: &str) -> Vec<Out> {
        if let Some(picker) = self.picker.as_mut() {
            picker.picker.paste(pasted);
        } else if self.editing {
            self.editor.insert_str(pasted.replace("\r\n", "\n"));
        }
        Vec::new()
    }

    /// A confirmation opened here was answered.
    pub fn finish(&mut self, pending: Pending) -> Vec<Out> {
        match pending {
            Pending::RemoveHighlight { highlight } => self.remove_highlight(&highlight),
            _ => Vec::new(),
        }
    }

    pub fn typing_help(&self) -> Vec<(String, &'static str)> {
        if self.picker.is_some() {
            input::help()
        } else {
            text_area::help()
        }
    }

    pub fn draw(&self, f: &mut ratatui::Frame, area: ratatui::layout::Rect, ctx: &Ctx) {
        draw::draw(ctx, self, f, area)
    }

    /// Quitting: once with unsaved notes is a warning, twice quits.
    pub fn quit(&mut self) -> (bool, Vec<Out>) {
        if self.dirty() && !self.discard_armed {
            self.discard_armed = true;
            return (
                false,
                vec![Out::warn(
                    "The notes have unsaved changes: Ctrl-s saves them, Ctrl-c again quits without saving.",
                )],
            );
        }
        (true, Vec::new())
    }

    /// Esc: once with unsaved notes is a warning, twice leaves.
    fn back(&mut self) -> Vec<Out> {
        if self.dirty() && !self.discard_armed {
            self.discard_armed = true;
            return vec![Out::warn(
                "The notes have unsaved changes: Ctrl-s saves them, Esc again leaves without saving.",
            )];
        }
        vec![Out::Back]
    }

    /// The workspace was read again: take in the interview as it now is
    /// (its details may have been edited with the wizard), keeping the
    /// notes being edited.
    pub fn reloaded(&mut self, ws: &Workspace) {
        if let Some(fresh) = ws.interview(&self.id) {
            self.draft = fresh.clone();
            self.selected = self
                .selected
                .min(self.draft.highlights.len().saturating_sub(1));
        }
        self.mark_private(ws);
    }

    /// After "save as a copy": the screen now edits the copy.
    pub fn now_editing(&mut self, interview: &Interview) {
        self.id = interview.id.clone();
        self.draft = interview.clone();
    }

    /// `$EDITOR` came back: the notes are replaced in the editor (unsaved,
    /// so Ctrl-s keeps them and undo is still there).
    pub fn edited(&mut self, interview: &str, result: Result<String, String>) -> Vec<Out> {
        if self.id != interview {
            return Vec::new();
        }
        match result {
            Ok(notes) => {
                if notes == self.notes() {
                    return vec![Out::say("The notes came back from the editor unchanged.")];
                }
                self.editor.select_all();
                self.editor.cut();
                self.editor.insert_str(&notes);
                self.editor.move_cursor(CursorMove::Top);
                self.editing = false;
                vec![Out::say(
                    "The notes came back from the editor: Ctrl-s saves them.",
                )]
            }
            Err(e) => vec![Out::Warn(e)],
        }
    }
}
