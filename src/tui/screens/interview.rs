//! One interview: its notes in an editor (word wrap, undo/redo, paste,
//! `Ctrl-s` saves, or `$EDITOR`), its highlights beside them, a tag
//! picker, a details form and the guided pass through the notes.
//!
//! Reading is the default: arrows move the cursor, Shift+arrows (or `v`
//! then arrows) select, `h` turns the selection (or the current line) into
//! a highlight and asks for tags. `e` starts typing into the notes.
//! Adding, retagging or removing a highlight saves the interview (with the
//! notes as they are in the editor).

use super::interviews::{InterviewPending, InterviewsState};
use crate::domain::{Citation, EntityRef, Highlight, Interview, Kind, Source, anchor, id};
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::effect::Effect;
use crate::tui::keymap::Context;
use crate::tui::modal::{Confirm, Modal, Pending, Picker};
use crate::tui::text;
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use std::collections::BTreeSet;
use std::ops::Range;

/// Notes longer than this are shown without word wrap, which the editor
/// would otherwise recompute over the whole text on every key.
pub const WRAP_LIMIT: usize = 512 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Notes,
    Highlights,
}

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
    pub input: LineInput,
    pub options: Vec<String>,
    pub marked: BTreeSet<String>,
    pub selected: usize,
    pub purpose: TagPurpose,
    /// The words being tagged, shown above the list.
    pub quote: String,
}

impl TagPicker {
    /// The rows shown: the known tags containing what is typed, then a new
    /// tag made of it (when it is not one already).
    pub fn rows(&self) -> Vec<(String, bool)> {
        let typed = id::normalize_tag(&self.input.text);
        let mut rows: Vec<(String, bool)> = self
            .options
            .iter()
            .filter(|o| typed.is_empty() || o.contains(&typed))
            .map(|o| (o.clone(), false))
            .collect();
        if !typed.is_empty() && !self.options.contains(&typed) {
            rows.push((typed.clone(), true));
        }
        rows
    }
}

pub enum FieldKind {
    Text(LineInput),
    Choice {
        options: Vec<(String, String)>,
        at: usize,
    },
}

pub struct FormField {
    pub label: &'static str,
    pub kind: FieldKind,
}

pub struct Form {
    pub fields: Vec<FormField>,
    pub focus: usize,
    pub error: Option<String>,
}

/// A guided pass: the paragraphs of the notes when it started, and where
/// it is.
pub struct Guided {
    pub paragraph: usize,
    pub paragraphs: Vec<Range<usize>>,
    pub text: String,
}

pub struct InterviewState {
    /// Empty for a new interview not yet saved.
    pub id: String,
    /// The interview as last saved, with any highlight changes.
    pub draft: Interview,
    pub editor: TextArea<'static>,
    pub editing: bool,
    pub focus: Focus,
    /// The selected highlight in the highlights pane.
    pub selected: usize,
    pub picker: Option<TagPicker>,
    pub form: Option<Form>,
    pub guided: Option<Guided>,
    /// Esc was pressed once with unsaved notes: a second Esc discards them.
    pub discard_armed: bool,
    /// The card to return to (when opened from a card's evidence).
    pub back: Option<EntityRef>,
}

fn textarea(notes: &str) -> TextArea<'static> {
    let mut editor = TextArea::new(notes.split('\n').map(str::to_string).collect());
    editor.set_wrap_mode(if notes.len() > WRAP_LIMIT {
        WrapMode::None
    } else {
        WrapMode::WordOrGlyph
    });
    editor.set_cursor_line_style(Style::default());
    editor.set_max_histories(200);
    editor
}

impl InterviewState {
    pub fn new(interview: Interview) -> InterviewState {
        InterviewState {
            id: interview.id.clone(),
            editor: textarea(&interview.notes),
            draft: interview,
            editing: false,
            focus: Focus::Notes,
            selected: 0,
            picker: None,
            form: None,
            guided: None,
            discard_armed: false,
            back: None,
        }
    }

    pub fn context(&self) -> Context {
        if self.picker.is_some() {
            Context::TagPicker
        } else if self.form.is_some() {
            Context::InterviewForm
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

    /// The selected words, or else the current line.
    fn selection_or_line(&self) -> String {
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

    /// Selects a byte range of `text` (the editor's text) in the editor.
    fn select(&mut self, text: &str, range: Range<usize>) {
        let (r1, c1) = anchor::position(text, range.start);
        let (r2, c2) = anchor::position(text, range.end);
        self.editor.cancel_selection();
        jump(&mut self.editor, r1, c1);
        self.editor.start_selection();
        jump(&mut self.editor, r2, c2);
    }
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

fn state(app: &mut App) -> Option<&mut InterviewState> {
    match &mut app.screen {
        Screen::Interview(state) => Some(state),
        _ => None,
    }
}

/// Opens an interview, optionally showing one of its highlights, and
/// optionally returning to a card afterwards.
pub fn open(app: &mut App, id: &str, highlight: Option<&str>, back: Option<EntityRef>) {
    let Some(interview) = app.workspace.interview(id).cloned() else {
        app.warn(format!(
            "There is no interview `{}` in the workspace.",
            text::clean(id)
        ));
        return;
    };
    let mut s = InterviewState::new(interview);
    s.back = back;
    if let Some(h) = highlight {
        match s.draft.highlights.iter().position(|x| x.id == h) {
            Some(n) => {
                s.selected = n;
                s.focus = Focus::Highlights;
                show_highlight(&mut s);
            }
            None => app.warn(format!("The highlight {h} is no longer in this interview.")),
        }
    }
    app.screen = Screen::Interview(Box::new(s));
}

/// A new interview: the details form first.
pub fn open_new(app: &mut App) {
    let mut interview = Interview::new("", "");
    interview.date = Some(app.today);
    let mut s = InterviewState::new(interview);
    s.form = Some(form_for(&s.draft, app));
    app.screen = Screen::Interview(Box::new(s));
}

/// From a card attribute to the interviews it cites.
pub fn open_evidence(app: &mut App, back: EntityRef, cites: Vec<Citation>) {
    let found: Vec<&Citation> = cites
        .iter()
        .filter(|c| app.workspace.quote(c).is_some())
        .collect();
    match found.as_slice() {
        [] if cites.is_empty() => {
            app.say("This attribute is an assumption: no interview quote backs it yet.")
        }
        [] => app.warn("The quotes this attribute cites are no longer in any interview."),
        [one] => {
            let one = (*one).clone();
            open(app, &one.interview, Some(&one.highlight), Some(back));
        }
        many => {
            let options = many
                .iter()
                .map(|c| {
                    let q = app.workspace.quote(c).expect("found");
                    let who = if q.interview.interviewee.is_empty() {
                        q.interview.title.clone()
                    } else {
                        q.interview.interviewee.clone()
                    };
                    (
                        c.to_string(),
                        format!(
                            "{}: “{}”",
                            text::clean(&who),
                            text::truncate(&text::clean(&q.highlight.text), 50)
                        ),
                    )
                })
                .collect();
            app.modal = Some(Modal::Picker(Picker {
                title: "Open the interview of which quote?".into(),
                options,
                selected: 0,
                pending: Pending::Interviews(InterviewPending::OpenQuote { back }),
            }));
        }
    }
}

fn show_highlight(s: &mut InterviewState) {
    let Some(h) = s.draft.highlights.get(s.selected) else {
        return;
    };
    let notes = s.notes();
    if let Some(range) = anchor::find(&notes, &h.text) {
        s.select(&notes, range);
    }
}

/// Tags to offer: those in use, those the templates' fields are fed by,
/// and the usual ones, sorted.
fn tag_options(app: &App) -> Vec<String> {
    let mut all: BTreeSet<String> = app
        .workspace
        .tags_in_use()
        .into_iter()
        .map(str::to_string)
        .collect();
    for t in &app.workspace.templates {
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

fn open_picker(app: &mut App, purpose: TagPurpose, quote: String, marked: &[String]) {
    let options = tag_options(app);
    if let Some(s) = state(app) {
        s.picker = Some(TagPicker {
            input: LineInput::default(),
            options,
            marked: marked.iter().cloned().collect(),
            selected: 0,
            purpose,
            quote,
        });
    }
}

fn save(app: &mut App) -> Vec<Effect> {
    let now = jiff::Timestamp::now();
    let Some(s) = state(app) else {
        return Vec::new();
    };
    if s.id.is_empty() {
        return Vec::new();
    }
    s.draft.notes = s.notes();
    s.draft.updated = Some(now);
    s.draft.created.get_or_insert(now);
    s.discard_armed = false;
    let interview = s.draft.clone();
    app.changed();
    vec![Effect::SaveInterview(interview)]
}

/// After "save as a copy": the screen now edits the copy.
pub fn now_editing(app: &mut App, interview: &Interview) {
    if let Some(s) = state(app) {
        s.id = interview.id.clone();
        s.draft = interview.clone();
    }
}

/// Back to where the interview was opened from.
pub fn leave(app: &mut App) {
    let Some(s) = state(app) else { return };
    let back = s.back.clone();
    let id = s.id.clone();
    app.screen = match back {
        Some(entity) if app.workspace.contains(&entity) => {
            Screen::Card(super::card::CardState::new(entity))
        }
        _ => Screen::Interviews(InterviewsState {
            selected: (!id.is_empty()).then_some(id),
            ..Default::default()
        }),
    };
}

/// Keys that go straight to a text field, the editor's cursor or a
/// choice, before the key tables. `None` lets the key table decide.
pub fn raw_key(app: &mut App, key: &KeyEvent) -> Option<Vec<Effect>> {
    let Screen::Interview(s) = &mut app.screen else {
        return None;
    };
    let context = s.context();
    let bound = app.keymaps.lookup(context, key).is_some();
    match context {
        Context::TagPicker => {
            let picker = s.picker.as_mut()?;
            if bound {
                return None;
            }
            if picker.input.handle(key) {
                picker.selected = 0;
            }
            Some(Vec::new())
        }
        Context::InterviewForm => {
            if bound {
                return None;
            }
            let form = s.form.as_mut()?;
            let field = form.fields.get_mut(form.focus)?;
            match &mut field.kind {
                FieldKind::Text(input) => {
                    input.handle(key);
                }
                FieldKind::Choice { options, at } => match key.code {
                    KeyCode::Left => *at = at.checked_sub(1).unwrap_or(options.len() - 1),
                    KeyCode::Right | KeyCode::Char(' ') => *at = (*at + 1) % options.len(),
                    _ => {}
                },
            }
            Some(Vec::new())
        }
        Context::NotesEditing => {
            if bound {
                return None;
            }
            s.discard_armed = false;
            s.editor.input(*key);
            Some(Vec::new())
        }
        Context::Notes | Context::Guided => {
            let moves = matches!(
                key.code,
                KeyCode::Up
                    | KeyCode::Down
                    | KeyCode::Left
                    | KeyCode::Right
                    | KeyCode::PageUp
                    | KeyCode::PageDown
                    | KeyCode::Home
                    | KeyCode::End
            );
            if !moves {
                return None;
            }
            // Only cursor moves reach the editor here: the text is read-only
            // until `e`.
            let shift = key.modifiers.contains(KeyModifiers::SHIFT);
            if shift && !s.editor.is_selecting() {
                s.editor.start_selection();
            }
            let m = match key.code {
                KeyCode::Up => CursorMove::Up,
                KeyCode::Down => CursorMove::Down,
                KeyCode::Left if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    CursorMove::WordBack
                }
                KeyCode::Right if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    CursorMove::WordForward
                }
                KeyCode::Left => CursorMove::Back,
                KeyCode::Right => CursorMove::Forward,
                KeyCode::Home => CursorMove::Head,
                KeyCode::End => CursorMove::End,
                KeyCode::PageUp => CursorMove::ParagraphBack,
                _ => CursorMove::ParagraphForward,
            };
            s.editor.move_cursor(m);
            Some(Vec::new())
        }
        _ => None,
    }
}

/// Pasted text goes into the notes while editing (or a picker or form).
pub fn paste(app: &mut App, pasted: &str) -> bool {
    if app.modal.is_some() {
        return false;
    }
    let Screen::Interview(s) = &mut app.screen else {
        return false;
    };
    if let Some(picker) = s.picker.as_mut() {
        picker.input.insert(pasted);
        return true;
    }
    if let Some(form) = s.form.as_mut() {
        if let Some(FormField {
            kind: FieldKind::Text(input),
            ..
        }) = form.fields.get_mut(form.focus)
        {
            input.insert(pasted);
        }
        return true;
    }
    if s.editing {
        s.editor.insert_str(pasted.replace("\r\n", "\n"));
        return true;
    }
    false
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(s) = state(app) else {
        return Vec::new();
    };
    if action == Action::Help {
        let context = s.context();
        app.modal = Some(Modal::Help { context, scroll: 0 });
        return Vec::new();
    }
    match s.context() {
        Context::TagPicker => picker_update(app, action),
        Context::InterviewForm => form_update(app, action),
        Context::NotesEditing => match action {
            Action::Save => save(app),
            Action::Back => {
                s.editing = false;
                if s.dirty() {
                    app.say("Stopped editing. The notes are not saved yet: Ctrl-s saves.");
                }
                Vec::new()
            }
            Action::UndoEdit => {
                s.editor.undo();
                Vec::new()
            }
            Action::RedoEdit => {
                s.editor.redo();
                Vec::new()
            }
            Action::ExternalEdit => external(app),
            _ => Vec::new(),
        },
        Context::Highlights => highlights_update(app, action),
        Context::Guided => guided_update(app, action),
        _ => notes_update(app, action),
    }
}

fn notes_update(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(s) = state(app) else {
        return Vec::new();
    };
    match action {
        Action::Select => {
            if s.editor.is_selecting() {
                s.editor.cancel_selection();
            } else {
                s.editor.start_selection();
            }
        }
        Action::Highlight => {
            let words = s.selection_or_line();
            new_highlight(app, words, None);
        }
        Action::HighlightParagraph => match s.current_paragraph() {
            Some(p) => new_highlight(app, p, None),
            None => app.say("The cursor is on a blank line; move into a paragraph first."),
        },
        Action::Edit => {
            s.editing = true;
            s.editor.cancel_selection();
        }
        Action::ExternalEdit => return external(app),
        Action::Guided => start_guided(app),
        Action::SwitchPane => {
            s.focus = Focus::Highlights;
            s.editor.cancel_selection();
        }
        Action::Metadata => {
            let draft = s.draft.clone();
            let form = form_for(&draft, app);
            if let Some(s) = state(app) {
                s.form = Some(form);
            }
        }
        Action::Save => return save(app),
        Action::Back => return back(app),
        _ => {}
    }
    Vec::new()
}

fn back(app: &mut App) -> Vec<Effect> {
    let Some(s) = state(app) else {
        return Vec::new();
    };
    if s.dirty() && !s.discard_armed {
        s.discard_armed = true;
        app.warn(
            "The notes have unsaved changes: Ctrl-s saves them, Esc again leaves without saving.",
        );
        return Vec::new();
    }
    leave(app);
    Vec::new()
}

fn new_highlight(app: &mut App, words: String, paragraph: Option<usize>) {
    let words = crate::domain::anchor::quote_words(&words).to_string();
    if words.is_empty() {
        app.say("Nothing to highlight here: select some words or move to a line with text.");
        return;
    }
    open_picker(
        app,
        TagPurpose::New {
            text: words.clone(),
            paragraph,
        },
        words,
        &[],
    );
}

fn picker_update(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(s) = state(app) else {
        return Vec::new();
    };
    let Some(picker) = s.picker.as_mut() else {
        return Vec::new();
    };
    let rows = picker.rows();
    match action {
        Action::Up => picker.selected = picker.selected.saturating_sub(1),
        Action::Down => picker.selected = (picker.selected + 1).min(rows.len().saturating_sub(1)),
        Action::Mark => {
            if let Some((tag, _)) = rows.get(picker.selected) {
                if !picker.marked.remove(tag) {
                    picker.marked.insert(tag.clone());
                }
                if !picker.options.contains(tag) {
                    picker.options.push(tag.clone());
                    picker.options.sort();
                }
                picker.input = LineInput::default();
            }
        }
        Action::Cancel => {
            s.picker = None;
            app.say("Nothing was tagged.");
        }
        Action::Confirm => {
            let tags: Vec<String> = if picker.marked.is_empty() {
                rows.get(picker.selected)
                    .map(|(t, _)| vec![t.clone()])
                    .unwrap_or_default()
            } else {
                picker.marked.iter().cloned().collect()
            };
            if tags.is_empty() {
                app.say("Type a tag or pick one from the list.");
                return Vec::new();
            }
            let purpose = picker.purpose.clone();
            s.picker = None;
            return tagged(app, purpose, tags);
        }
        _ => {}
    }
    Vec::new()
}

fn tagged(app: &mut App, purpose: TagPurpose, tags: Vec<String>) -> Vec<Effect> {
    let Some(s) = state(app) else {
        return Vec::new();
    };
    let shown = tags.join(", ");
    match purpose {
        TagPurpose::New { text, paragraph } => {
            let id = s.draft.next_highlight_id();
            s.draft.highlights.push(Highlight {
                id: id.clone(),
                text,
                tags,
                extra: Default::default(),
            });
            s.selected = s.draft.highlights.len() - 1;
            s.editor.cancel_selection();
            if let Some(p) = paragraph {
                mark_reviewed(s, p);
                advance(app, p + 1);
            }
            let effects = save(app);
            app.say(format!("Highlight {id} tagged {shown}."));
            effects
        }
        TagPurpose::Retag { highlight } => {
            if let Some(h) = s.draft.highlights.iter_mut().find(|h| h.id == highlight) {
                h.tags = tags;
            }
            let effects = save(app);
            app.say(format!("Highlight {highlight} is now tagged {shown}."));
            effects
        }
    }
}

fn highlights_update(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(s) = state(app) else {
        return Vec::new();
    };
    let count = s.draft.highlights.len();
    match action {
        Action::Up => s.selected = s.selected.saturating_sub(1),
        Action::Down => s.selected = (s.selected + 1).min(count.saturating_sub(1)),
        Action::SwitchPane => s.focus = Focus::Notes,
        Action::Open => {
            let stale = s
                .draft
                .highlights
                .get(s.selected)
                .map(|h| anchor::find(&s.notes(), &h.text).is_none());
            match stale {
                Some(false) => {
                    show_highlight(s);
                    s.focus = Focus::Notes;
                }
                Some(true) => app.warn(
                    "This highlight's words are no longer in the notes (they were edited); it keeps its own copy.",
                ),
                None => app.say("No highlights yet: select words in the notes and press h."),
            }
        }
        Action::Tag => {
            if let Some(h) = s.draft.highlights.get(s.selected).cloned() {
                open_picker(
                    app,
                    TagPurpose::Retag {
                        highlight: h.id.clone(),
                    },
                    h.text.clone(),
                    &h.tags,
                );
            }
        }
        Action::CitedBy => {
            if let Some(h) = s.draft.highlights.get(s.selected).map(|h| h.id.clone()) {
                let id = s.id.clone();
                let citing = describe_citing(app, &id, &h);
                app.say(if citing.is_empty() {
                    "Nothing cites this highlight yet.".to_string()
                } else {
                    format!("Cited by {}.", citing.join("; "))
                });
            }
        }
        Action::Delete => {
            if let Some(h) = s.draft.highlights.get(s.selected).cloned() {
                let id = s.id.clone();
                let citing = describe_citing(app, &id, &h.id);
                let warning = if citing.is_empty() {
                    String::new()
                } else {
                    format!(
                        " It is cited by {}, which would lose this evidence.",
                        citing.join("; ")
                    )
                };
                app.modal = Some(Modal::Confirm(Confirm {
                    title: if citing.is_empty() {
                        "Remove highlight".into()
                    } else {
                        "Remove a cited highlight".into()
                    },
                    message: format!(
                        "Remove the highlight {} “{}”?{warning}",
                        h.id,
                        text::truncate(&text::clean(&h.text), 60)
                    ),
                    pending: Pending::Interviews(InterviewPending::RemoveHighlight {
                        highlight: h.id,
                    }),
                }));
            }
        }
        Action::Back => return back(app),
        _ => {}
    }
    Vec::new()
}

/// "persona “Operations Olivia” (pain points)" for each attribute citing
/// a highlight.
pub fn describe_citing(app: &App, interview: &str, highlight: &str) -> Vec<String> {
    let ws = &app.workspace;
    ws.citing(&Citation::new(interview, highlight))
        .into_iter()
        .map(|(entity, field)| {
            let name = match entity.kind {
                Kind::Icp => ws.icp(&entity.id).map(|i| i.name.clone()),
                Kind::Persona => ws.persona(&entity.id).map(|p| p.name.clone()),
                _ => None,
            }
            .unwrap_or_else(|| entity.id.clone());
            let template = match entity.kind {
                Kind::Icp => ws.icp(&entity.id).map(|i| i.template.clone()),
                _ => ws.persona(&entity.id).map(|p| p.template.clone()),
            };
            let label = template
                .and_then(|t| {
                    ws.template(&t)
                        .and_then(|t| t.field(&field))
                        .map(|f| f.label.clone())
                })
                .unwrap_or_else(|| field.replace(['_', '-'], " "));
            format!(
                "{} “{}” ({})",
                entity.kind.label(),
                text::clean(&name),
                text::clean(&label).to_lowercase()
            )
        })
        .collect()
}

pub fn remove_highlight(app: &mut App, highlight: &str) -> Vec<Effect> {
    let Some(s) = state(app) else {
        return Vec::new();
    };
    s.draft.highlights.retain(|h| h.id != highlight);
    s.selected = s.selected.min(s.draft.highlights.len().saturating_sub(1));
    let effects = save(app);
    app.say(format!("Removed the highlight {highlight}."));
    effects
}

fn mark_reviewed(s: &mut InterviewState, paragraph: usize) {
    let p = paragraph as u32;
    if !s.draft.reviewed.contains(&p) {
        s.draft.reviewed.push(p);
        s.draft.reviewed.sort_unstable();
    }
}

fn start_guided(app: &mut App) {
    let Some(s) = state(app) else { return };
    if s.dirty() {
        app.warn("Save the notes first (Ctrl-s): the pass walks the saved paragraphs.");
        return;
    }
    let text = s.notes();
    let paragraphs = anchor::paragraphs(&text);
    if paragraphs.is_empty() {
        app.say("These notes are empty: there is nothing to review yet.");
        return;
    }
    let first = (0..paragraphs.len())
        .find(|p| !s.draft.reviewed.contains(&(*p as u32)))
        .unwrap_or(0);
    s.guided = Some(Guided {
        paragraph: first,
        paragraphs,
        text,
    });
    s.focus = Focus::Notes;
    advance(app, first);
}

/// Shows paragraph `to` of the pass (selected in the editor), or ends the
/// pass after the last one.
fn advance(app: &mut App, to: usize) {
    let Some(s) = state(app) else { return };
    let Some(g) = s.guided.as_mut() else { return };
    if to >= g.paragraphs.len() {
        let total = g.paragraphs.len();
        s.guided = None;
        s.editor.cancel_selection();
        let (done, _) = s.draft.review_progress();
        app.say(format!(
            "Guided pass finished: {done} of {total} paragraphs reviewed."
        ));
        return;
    }
    g.paragraph = to;
    let range = g.paragraphs[to].clone();
    let text = std::mem::take(&mut g.text);
    s.select(&text, range);
    if let Some(g) = s.guided.as_mut() {
        g.text = text;
    }
}

fn guided_update(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(s) = state(app) else {
        return Vec::new();
    };
    let Some(g) = s.guided.as_ref() else {
        return Vec::new();
    };
    let at = g.paragraph;
    match action {
        Action::Tag => {
            let words = g.text[g.paragraphs[at].clone()].to_string();
            new_highlight(app, words, Some(at));
        }
        Action::Highlight => {
            let words = s.selection_or_line();
            new_highlight(app, words, None);
        }
        Action::Select => {
            if s.editor.is_selecting() {
                s.editor.cancel_selection();
            } else {
                s.editor.start_selection();
            }
        }
        Action::Skip => {
            mark_reviewed(s, at);
            advance(app, at + 1);
            return save(app);
        }
        Action::PreviousParagraph => advance(app, at.saturating_sub(1)),
        Action::Back => {
            s.guided = None;
            s.editor.cancel_selection();
            let (done, total) = s.draft.review_progress();
            app.say(format!(
                "Guided pass paused: {done} of {total} paragraphs reviewed."
            ));
        }
        _ => {}
    }
    Vec::new()
}

fn external(app: &mut App) -> Vec<Effect> {
    let Some(s) = state(app) else {
        return Vec::new();
    };
    if s.id.is_empty() {
        return Vec::new();
    }
    vec![Effect::EditNotes {
        interview: s.id.clone(),
        notes: s.notes(),
    }]
}

/// `$EDITOR` came back: the notes are replaced in the editor (unsaved, so
/// Ctrl-s keeps them and undo is still there).
pub fn edited(app: &mut App, interview: &str, result: Result<String, String>) {
    let Some(s) = state(app) else { return };
    if s.id != interview {
        return;
    }
    match result {
        Ok(notes) => {
            if notes == s.notes() {
                app.say("The notes came back from the editor unchanged.");
                return;
            }
            s.editor.select_all();
            s.editor.cut();
            s.editor.insert_str(&notes);
            s.editor.move_cursor(CursorMove::Top);
            s.editing = false;
            app.say("The notes came back from the editor: Ctrl-s saves them.");
        }
        Err(e) => app.warn(e),
    }
}

/// Runs `$VISUAL` or `$EDITOR` (else `vi`) on a temporary file holding the
/// text, the way git does: the app leaves the alternate screen and raw
/// mode, the editor has the terminal, then the app comes back.
pub fn run_editor(notes: &str) -> Result<String, String> {
    use ratatui::crossterm::event::{
        DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    };
    use ratatui::crossterm::execute;
    use ratatui::crossterm::terminal::{
        EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
    };
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".into());
    let path = std::env::temp_dir().join(format!(
        "persona-notes-{}-{}.md",
        std::process::id(),
        jiff::Timestamp::now().as_nanosecond()
    ));
    std::fs::write(&path, notes).map_err(|e| format!("could not write {}: {e}", path.display()))?;
    let mut out = std::io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen
    );
    let _ = disable_raw_mode();
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(words)
        .arg(&path)
        .status();
    let _ = enable_raw_mode();
    let _ = execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    );
    let result = match status {
        Ok(s) if s.success() => crate::import::read_text(&path),
        Ok(s) => Err(format!(
            "the editor `{editor}` exited with {s}; the notes were left as they were"
        )),
        Err(e) => Err(format!(
            "could not start the editor `{editor}` ({e}); set $EDITOR"
        )),
    };
    let _ = std::fs::remove_file(&path);
    result
}

fn form_for(i: &Interview, app: &App) -> Form {
    let text = |label, value: &str| FormField {
        label,
        kind: FieldKind::Text(LineInput::new(value)),
    };
    let sources: Vec<(String, String)> = Source::ALL
        .iter()
        .map(|s| (format!("{s:?}"), s.label().to_string()))
        .collect();
    let source_at = Source::ALL.iter().position(|s| *s == i.source).unwrap_or(0);
    let mut icps = vec![(String::new(), "(none)".to_string())];
    icps.extend(
        app.workspace
            .icps
            .iter()
            .map(|c| (c.id.clone(), text::clean(&c.name).into_owned())),
    );
    let icp_at = icps
        .iter()
        .position(|(id, _)| Some(id) == i.icp.as_ref())
        .unwrap_or(0);
    Form {
        fields: vec![
            text("Title", &i.title),
            text("Date", &i.date.map(|d| d.to_string()).unwrap_or_default()),
            text("Interviewee", &i.interviewee),
            text("Role", &i.role),
            text("Company", &i.company),
            FormField {
                label: "Source",
                kind: FieldKind::Choice {
                    options: sources,
                    at: source_at,
                },
            },
            FormField {
                label: "ICP",
                kind: FieldKind::Choice {
                    options: icps,
                    at: icp_at,
                },
            },
        ],
        focus: 0,
        error: None,
    }
}

fn form_update(app: &mut App, action: Action) -> Vec<Effect> {
    let ws_ids: Vec<String> = app
        .workspace
        .interviews
        .iter()
        .map(|i| i.id.clone())
        .collect();
    let Some(s) = state(app) else {
        return Vec::new();
    };
    let Some(form) = s.form.as_mut() else {
        return Vec::new();
    };
    let n = form.fields.len();
    match action {
        Action::NextField => form.focus = (form.focus + 1) % n,
        Action::PreviousField => form.focus = (form.focus + n - 1) % n,
        Action::Cancel => {
            s.form = None;
            if s.id.is_empty() {
                leave(app);
            }
        }
        Action::Save => {
            let value = |k: usize| match &form.fields[k].kind {
                FieldKind::Text(input) => input.text.trim().to_string(),
                FieldKind::Choice { options, at } => options[*at].0.clone(),
            };
            let title = value(0);
            if title.is_empty() {
                form.error = Some("The title cannot be empty.".into());
                form.focus = 0;
                return Vec::new();
            }
            let date = value(1);
            let date = if date.is_empty() {
                None
            } else {
                match date.parse::<jiff::civil::Date>() {
                    Ok(d) => Some(d),
                    Err(_) => {
                        form.error = Some(format!(
                            "“{}” is not a date like 2026-09-12.",
                            text::clean(&date)
                        ));
                        form.focus = 1;
                        return Vec::new();
                    }
                }
            };
            let d = &mut s.draft;
            d.title = title;
            d.date = date;
            d.interviewee = value(2);
            d.role = value(3);
            d.company = value(4);
            if let FieldKind::Choice { at, .. } = &form.fields[5].kind {
                d.source = Source::ALL[*at];
            }
            let icp = value(6);
            d.icp = (!icp.is_empty()).then_some(icp);
            if s.id.is_empty() {
                let new_id =
                    id::unique_id(&d.title, "interview", |c| ws_ids.iter().any(|x| x == c));
                d.id = new_id.clone();
                s.id = new_id;
            }
            s.form = None;
            return save(app);
        }
        _ => {}
    }
    Vec::new()
}

pub fn draw(app: &App, s: &InterviewState, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let wide = area.width >= 90;
    let [notes_area, side] = if wide {
        Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(area)
    } else {
        Layout::vertical([Constraint::Fill(3), Constraint::Fill(2)]).areas(area)
    };
    let d = &s.draft;
    let title = if d.title.trim().is_empty() {
        "New interview".to_string()
    } else {
        text::truncate(
            &text::clean(&d.title),
            notes_area.width.saturating_sub(24) as usize,
        )
    };
    let (done, total) = d.review_progress();
    let mode = if s.editing {
        " · editing"
    } else if let Some(g) = &s.guided {
        &format!(" · guided {}/{}", g.paragraph + 1, g.paragraphs.len())
    } else if total > 0 {
        &format!(" · reviewed {done}/{total}")
    } else {
        ""
    };
    let dirty = if s.dirty() { " ●" } else { "" };
    let notes_focus = s.focus == Focus::Notes && s.picker.is_none() && s.form.is_none();
    let block = Block::bordered()
        .border_style(if notes_focus {
            theme.border_focused()
        } else {
            theme.border()
        })
        .title(Line::styled(format!(" {title}{dirty} "), theme.title()))
        .title_bottom(Line::styled(format!(" notes{mode} "), theme.dim()));
    let inner = block.inner(notes_area);
    f.render_widget(block, notes_area);
    let mut areas = app.areas.get();
    areas.body = inner;
    app.areas.set(areas);
    if s.editor.is_empty() && !s.editing {
        f.render_widget(
            Paragraph::new(vec![
                Line::styled("No notes yet.", theme.dim()),
                Line::styled("Press e to type them, E to use $EDITOR,", theme.dim()),
                Line::styled(
                    "or import a file from the interviews list (I).",
                    theme.dim(),
                ),
            ]),
            inner,
        );
    } else {
        f.render_widget(&s.editor, inner);
        if notes_focus && s.editing {
            // The editor draws its own cursor block; the terminal cursor
            // follows it so IMEs and screen readers see where typing goes.
            let c = s.editor.screen_cursor();
            let (top, left) = s.editor.scroll_offset();
            let row = c.row.saturating_sub(top as usize) as u16;
            let col = c.col.saturating_sub(left as usize) as u16;
            if row < inner.height && col < inner.width {
                f.set_cursor_position((inner.x + col, inner.y + row));
            }
        }
    }
    draw_highlights(app, s, f, side);
    if let Some(picker) = &s.picker {
        draw_picker(app, picker, f, area);
    }
    if let Some(form) = &s.form {
        draw_form(app, form, f, area);
    }
}

fn draw_highlights(app: &App, s: &InterviewState, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let focused = s.focus == Focus::Highlights && s.picker.is_none() && s.form.is_none();
    let d = &s.draft;
    let block = Block::bordered()
        .border_style(if focused {
            theme.border_focused()
        } else {
            theme.border()
        })
        .title(Line::styled(
            format!(" Highlights ({}) ", d.highlights.len()),
            theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let who: Vec<&str> = [d.interviewee.as_str(), d.role.as_str(), d.company.as_str()]
        .into_iter()
        .filter(|x| !x.trim().is_empty())
        .collect();
    let about = format!(
        "{} · {} · {}",
        if who.is_empty() {
            "who: not set".to_string()
        } else {
            who.join(", ")
        },
        d.source.label(),
        d.date
            .map(|x| x.to_string())
            .unwrap_or_else(|| "no date".into())
    );
    for l in text::wrap(&text::clean(&about), width) {
        lines.push(Line::styled(l, theme.dim()));
    }
    if d.highlights.is_empty() {
        lines.push(Line::default());
        for l in text::wrap(
            "None yet: move to a line (or select words) in the notes and press h.",
            width,
        ) {
            lines.push(Line::styled(l, theme.dim()));
        }
    }
    let mut selected_line = 0;
    for (n, h) in d.highlights.iter().enumerate() {
        lines.push(Line::default());
        let selected = n == s.selected;
        if selected {
            selected_line = lines.len();
        }
        let stale = anchor::find(&d.notes, &h.text).is_none();
        let cited = app.workspace.citing(&Citation::new(&d.id, &h.id)).len();
        let mut head = vec![Span::styled(
            format!("{} ", h.id),
            if selected && focused {
                theme.selected()
            } else {
                theme.key()
            },
        )];
        if h.tags.is_empty() {
            head.push(Span::styled("untagged", theme.assumption()));
        } else {
            head.push(Span::styled(
                text::clean(&h.tags.join(", ")).into_owned(),
                theme.label(),
            ));
        }
        if cited > 0 {
            head.push(Span::styled(format!("  cited ×{cited}"), theme.backed()));
        }
        if stale {
            head.push(Span::styled("  ⚠ not in notes", theme.stale()));
        }
        lines.push(Line::from(head));
        let quote = format!(
            "“{}”",
            h.text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        let wrapped = text::wrap(&text::clean(&quote), width.saturating_sub(2));
        let shown = if selected { wrapped.len() } else { 2 };
        let cut = wrapped.len() > shown;
        for (k, l) in wrapped.into_iter().take(shown).enumerate() {
            let l = if cut && k + 1 == shown {
                format!("{l}…")
            } else {
                l
            };
            lines.push(Line::raw(format!("  {l}")));
        }
        if selected && cited > 0 {
            for c in describe_citing(app, &d.id, &h.id) {
                for l in text::wrap(&format!("← {c}"), width.saturating_sub(2)) {
                    lines.push(Line::styled(format!("  {l}"), theme.backed()));
                }
            }
        }
    }
    let height = inner.height as usize;
    let scroll = if focused && selected_line + 4 > height {
        (selected_line + 4).saturating_sub(height)
    } else {
        0
    };
    f.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}

fn draw_picker(app: &App, p: &TagPicker, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let w = area.width.saturating_sub(6).clamp(20, 64);
    let rows = p.rows();
    let quote = text::truncate(
        &text::clean(&p.quote.split_whitespace().collect::<Vec<_>>().join(" ")),
        (w as usize).saturating_sub(4) * 2,
    );
    let mut lines: Vec<Line> = text::wrap(&format!("“{quote}”"), w as usize - 2)
        .into_iter()
        .take(2)
        .map(|l| Line::styled(l, theme.dim()))
        .collect();
    let input_row = lines.len() as u16;
    let (shown, cursor) = p.input.visible(w as usize - 9);
    lines.push(Line::from(vec![
        Span::styled("Tag: ", theme.label()),
        Span::raw(shown),
    ]));
    let list_rows = (area.height as usize)
        .saturating_sub(lines.len() + 6)
        .clamp(1, 12);
    let offset = p.selected.saturating_sub(list_rows.saturating_sub(1));
    for (n, (tag, new)) in rows.iter().enumerate().skip(offset).take(list_rows) {
        let mark = if p.marked.contains(tag) { "[x]" } else { "[ ]" };
        let label = if *new {
            format!(" {mark} + new tag “{}”", text::clean(tag))
        } else {
            format!(" {mark} {}", text::clean(tag))
        };
        lines.push(Line::styled(
            label,
            if n == p.selected {
                theme.selected()
            } else {
                Style::default()
            },
        ));
    }
    if rows.is_empty() {
        lines.push(Line::styled(" type a tag", theme.dim()));
    }
    if !p.marked.is_empty() {
        lines.push(Line::styled(
            format!(
                "marked: {}",
                text::clean(&p.marked.iter().cloned().collect::<Vec<_>>().join(", "))
            ),
            theme.backed(),
        ));
    }
    lines.push(Line::styled(
        "Type to filter or add · Tab marks · Enter done · Esc cancels",
        theme.dim(),
    ));
    let outer = popup::centered(area, w, lines.len() as u16 + 2);
    let title = match p.purpose {
        TagPurpose::New { .. } => "Tag the highlight",
        TagPurpose::Retag { .. } => "Retag the highlight",
    };
    let inner = popup::frame(f, outer, title, theme);
    f.render_widget(Paragraph::new(lines), inner);
    if input_row < inner.height {
        f.set_cursor_position((inner.x + 5 + cursor as u16, inner.y + input_row));
    }
}

fn draw_form(app: &App, form: &Form, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let w = area.width.saturating_sub(6).clamp(24, 70);
    let label_w = 12usize;
    let mut lines = Vec::new();
    let mut cursor = None;
    for (n, field) in form.fields.iter().enumerate() {
        let focused = n == form.focus;
        let label = Span::styled(
            format!("{:>width$} ", field.label, width = label_w - 1),
            if focused { theme.key() } else { theme.label() },
        );
        let value = match &field.kind {
            FieldKind::Text(input) => {
                let (shown, c) = input.visible((w as usize).saturating_sub(label_w + 3));
                if focused {
                    cursor = Some((label_w + c, lines.len()));
                }
                Span::raw(shown)
            }
            FieldKind::Choice { options, at } => Span::styled(
                format!("‹ {} ›", options[*at].1),
                if focused {
                    theme.selected()
                } else {
                    Style::default()
                },
            ),
        };
        lines.push(Line::from(vec![label, value]));
    }
    lines.push(Line::default());
    if let Some(e) = &form.error {
        lines.push(Line::styled(e.clone(), theme.error()));
    }
    lines.push(Line::styled(
        "Tab/↓ next · ←/→ change a choice · Enter saves · Esc cancels",
        theme.dim(),
    ));
    let outer = popup::centered(area, w, lines.len() as u16 + 2);
    let inner = popup::frame(f, outer, "Interview details", theme);
    f.render_widget(Paragraph::new(lines), inner);
    if let Some((x, y)) = cursor
        && (y as u16) < inner.height
    {
        f.set_cursor_position((inner.x + x as u16, inner.y + y as u16));
    }
}
