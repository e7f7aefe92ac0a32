//! The wizard screen: choose what to make (and its template and ICP), then
//! one question at a time with the interview quotes that feed it beside it,
//! then a review of the whole card and an atomic save. All the rules live
//! in [`crate::domain::wizard`]; this wraps widgets around them.
//!
//! Every change is put on the app's draft shelf (for the panic hook) and
//! written to `.drafts/` about a second after typing stops (the runner's
//! tick calls [`flush_draft`]).

use crate::domain::wizard::{
    Entity, FieldState, INTERVIEW_TEMPLATE, Snapshot, Subject, Wizard, interview_template,
};
use crate::domain::{Citation, EntityRef, Highlight, Interview, Item, Kind, TemplateKind};
use crate::store::drafts;
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::effect::Effect;
use crate::tui::keymap::Context;
use crate::tui::modal::Modal;
use crate::tui::screens::card::CardState;
use crate::tui::text;
use crate::tui::widgets::field::FieldEditor;
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::popup;
use crate::tui::widgets::spans::plain;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub struct WizardState {
    pub phase: Phase,
    /// The card to go back to when leaving (editing), else browse.
    pub from: Option<EntityRef>,
}

pub enum Phase {
    Choose(Choose),
    Fill(Box<Fill>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChooseStep {
    What,
    Template,
    Icp,
}

pub struct Choose {
    pub step: ChooseStep,
    pub what: Kind,
    pub icp: Option<String>,
    pub template: Option<String>,
    pub selected: usize,
}

pub struct Fill {
    pub wizard: Wizard,
    /// The draft's name in `.drafts/`.
    pub draft: String,
    pub editor: FieldEditor,
    pub evidence_focus: bool,
    pub filter: LineInput,
    pub filtering: bool,
    pub quote: usize,
    pub error: Option<String>,
    pub overview: Option<usize>,
    pub scroll: u16,
    /// Esc was pressed once; a second Esc leaves.
    pub leaving: bool,
    /// Something changed since the wizard opened (or resumed).
    pub dirty: bool,
}

impl Fill {
    fn new(wizard: Wizard, draft: String) -> Fill {
        let editor = editor_for(&wizard);
        Fill {
            wizard,
            draft,
            editor,
            evidence_focus: false,
            filter: LineInput::default(),
            filtering: false,
            quote: 0,
            error: None,
            overview: None,
            scroll: 0,
            leaving: false,
            dirty: false,
        }
    }

    fn reload(&mut self) {
        self.editor = editor_for(&self.wizard);
        self.quote = 0;
        self.scroll = 0;
    }
}

fn editor_for(wizard: &Wizard) -> FieldEditor {
    match wizard.current() {
        Some(field) => FieldEditor::for_field(field, wizard.items()),
        None => FieldEditor::Line(LineInput::default()),
    }
}

fn fill(app: &App) -> Option<&Fill> {
    match &app.screen {
        Screen::Wizard(w) => match &w.phase {
            Phase::Fill(f) => Some(f),
            _ => None,
        },
        _ => None,
    }
}

fn fill_mut(app: &mut App) -> Option<&mut Fill> {
    match &mut app.screen {
        Screen::Wizard(w) => match &mut w.phase {
            Phase::Fill(f) => Some(f),
            _ => None,
        },
        _ => None,
    }
}

pub fn context(state: &WizardState) -> Context {
    match &state.phase {
        Phase::Choose(_) => Context::WizardChoose,
        Phase::Fill(f) if f.overview.is_some() => Context::WizardOverview,
        Phase::Fill(f) if f.wizard.at_review() => Context::WizardReview,
        Phase::Fill(f) if f.evidence_focus && f.filtering => Context::WizardFilter,
        Phase::Fill(f) if f.evidence_focus => Context::WizardEvidence,
        Phase::Fill(_) => Context::Wizard,
    }
}

// ---------------------------------------------------------------------------
// Opening the wizard

fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Icp => "icp",
        Kind::Persona => "persona",
        _ => "interview",
    }
}

/// A draft name nobody uses yet.
fn fresh_draft(app: &App, kind: Kind, editing: Option<&str>) -> String {
    let word = kind_word(kind);
    if let Some(id) = editing {
        return format!("{word}-{id}");
    }
    (1..)
        .map(|n| format!("{word}-new-{n}"))
        .find(|n| !app.draft_names.contains(n))
        .expect("a free draft name exists")
}

fn icp_ids(app: &App) -> Vec<String> {
    app.workspace.icps.iter().map(|i| i.id.clone()).collect()
}

/// `n` in browse: new ICP, persona (in the selected ICP) or interview.
pub fn open_choose(app: &mut App, icp: Option<String>) {
    let selected = if icp.is_some() { 1 } else { 0 };
    app.screen = Screen::Wizard(Box::new(WizardState {
        phase: Phase::Choose(Choose {
            step: ChooseStep::What,
            what: Kind::Icp,
            icp,
            template: None,
            selected,
        }),
        from: None,
    }));
}

/// `persona new ...`: straight to the wizard, checking the ids first.
pub fn open_new(
    app: &mut App,
    what: Kind,
    icp: Option<String>,
    template: Option<String>,
) -> Result<(), String> {
    if let Some(icp) = &icp
        && app.workspace.icp(icp).is_none()
    {
        return Err(format!("there is no ICP `{icp}` (see `persona list icps`)"));
    }
    if let Some(t) = &template {
        let wanted = match what {
            Kind::Icp => Some(TemplateKind::Icp),
            Kind::Persona => Some(TemplateKind::Persona),
            _ => None,
        };
        match app.workspace.template(t) {
            Some(found) if Some(found.kind) == wanted => {}
            Some(_) => {
                return Err(format!(
                    "the template `{t}` is not for a {} (see `persona templates`)",
                    what.label()
                ));
            }
            None => {
                return Err(format!(
                    "there is no template `{t}` (see `persona templates`)"
                ));
            }
        }
    }
    if what == Kind::Persona && app.workspace.icps.is_empty() {
        return Err(
            "a persona lives inside an ICP, and there is none yet: start with `persona new icp`"
                .into(),
        );
    }
    let mut choose = Choose {
        step: ChooseStep::What,
        what,
        icp,
        template,
        selected: 0,
    };
    app.screen = Screen::Wizard(Box::new(WizardState {
        phase: Phase::Choose(Choose {
            step: ChooseStep::What,
            what,
            icp: None,
            template: None,
            selected: 0,
        }),
        from: None,
    }));
    advance(app, &mut choose);
    Ok(())
}

/// `e` on a card: the wizard over the card's template, filled in.
pub fn open_edit(app: &mut App, entity: &EntityRef) {
    let ws = &app.workspace;
    let (found, template) = match entity.kind {
        Kind::Icp => (
            ws.icp(&entity.id).cloned().map(Entity::Icp),
            ws.icp(&entity.id).map(|i| i.template.clone()),
        ),
        Kind::Persona => (
            ws.persona(&entity.id).cloned().map(Entity::Persona),
            ws.persona(&entity.id).map(|p| p.template.clone()),
        ),
        _ => (None, None),
    };
    let Some(found) = found else {
        app.warn(format!("{entity} is no longer in the workspace."));
        return;
    };
    let template_id = template.unwrap_or_default();
    let Some(template) = ws.template(&template_id).cloned() else {
        app.warn(format!(
            "The template `{}` of this card was not found, so the wizard cannot ask its questions.",
            text::clean(&template_id)
        ));
        return;
    };
    let draft = fresh_draft(app, entity.kind, Some(&entity.id));
    let wizard = Wizard::edit(template, found);
    start(app, wizard, draft, Some(entity.clone()));
}

fn start(app: &mut App, wizard: Wizard, draft: String, from: Option<EntityRef>) {
    if !app.draft_names.contains(&draft) {
        app.draft_names.push(draft.clone());
    }
    app.screen = Screen::Wizard(Box::new(WizardState {
        phase: Phase::Fill(Box::new(Fill::new(wizard, draft))),
        from,
    }));
}

/// Carries on with a draft; what no longer fits is said in the message.
pub fn resume(app: &mut App, name: &str, snapshot: &Snapshot) -> Result<(), String> {
    let ws = &app.workspace;
    let template = if snapshot.kind == "interview" {
        interview_template(&icp_ids(app))
    } else {
        ws.template(&snapshot.template).cloned().ok_or_else(|| {
            format!(
                "the template `{}` of this draft is gone; add it back, or discard the draft with d",
                text::clean(&snapshot.template)
            )
        })?
    };
    let mut notes = Vec::new();
    let base = snapshot.editing.as_deref().and_then(|id| {
        let found = match snapshot.kind.as_str() {
            "icp" => ws.icp(id).cloned().map(Entity::Icp),
            "persona" => ws.persona(id).cloned().map(Entity::Persona),
            _ => ws.interview(id).cloned().map(Entity::Interview),
        };
        if found.is_none() {
            notes.push(format!(
                "The item this draft was editing (`{}`) is gone; saving makes a new one.",
                text::clean(id)
            ));
        }
        found
    });
    if let Ok(Subject::Persona { icp }) = snapshot.subject()
        && ws.icp(&icp).is_none()
    {
        return Err(format!(
            "the ICP `{}` of this draft is gone; discard the draft with d",
            text::clean(&icp)
        ));
    }
    let from = base.as_ref().map(|e| EntityRef::new(e.kind(), e.id()));
    let (wizard, more) = Wizard::restore(snapshot, template, base)?;
    notes.extend(more);
    start(app, wizard, name.to_string(), from);
    if let Some(f) = fill_mut(app) {
        f.dirty = false;
    }
    changed(app, false);
    if notes.is_empty() {
        app.say("Draft resumed: carry on where you left off.");
    } else {
        app.warn(notes.join(" "));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Drafts

/// Puts the wizard's state on the shelf (for the panic hook) and counts a
/// change, so the runner writes the draft a second later.
fn changed(app: &mut App, by_user: bool) {
    let Some(f) = fill_mut(app) else {
        return;
    };
    if by_user {
        f.dirty = true;
        f.leaving = false;
    }
    if !f.dirty {
        return;
    }
    let snapshot = f.wizard.snapshot(jiff::Timestamp::now());
    let name = f.draft.clone();
    if let Ok(text) = drafts::encode(&snapshot) {
        if let Ok(mut shelf) = app.shelf.lock() {
            *shelf = Some((name, text));
        }
        app.draft_version += 1;
    }
}

/// The debounced write: the draft on the shelf goes to `.drafts/`.
pub fn flush_draft(app: &mut App) -> Vec<Effect> {
    let pending = app.shelf.lock().ok().and_then(|s| s.clone());
    match pending {
        Some((name, text)) => vec![Effect::WriteDraft { name, text }],
        None => Vec::new(),
    }
}

/// The name of the draft the open wizard keeps its answers in.
pub fn draft_name(app: &App) -> String {
    draft_name_opt(app).unwrap_or_default()
}

/// The wizard's draft name, when the wizard is the screen.
pub fn draft_name_opt(app: &App) -> Option<String> {
    match &app.screen {
        Screen::Wizard(_) => fill(app).map(|f| f.draft.clone()),
        _ => None,
    }
}

/// Leaves the wizard for the card it came from (or browse), writing the
/// draft first when there are unsaved answers.
pub fn leave(app: &mut App) -> Vec<Effect> {
    let Screen::Wizard(state) = &app.screen else {
        return Vec::new();
    };
    let from = state.from.clone();
    let mut effects = Vec::new();
    let mut message = "Left the wizard; nothing was changed.".to_string();
    if let Some(f) = fill(app)
        && f.dirty
    {
        effects = flush_draft(app);
        message = format!(
            "Left the wizard. Your answers are kept in the draft {}/{}.toml, offered when persona starts.",
            crate::store::layout::DRAFTS,
            fill(app).map(|f| f.draft.clone()).unwrap_or_default()
        );
    }
    if let Ok(mut shelf) = app.shelf.lock() {
        *shelf = None;
    }
    app.screen = match from.filter(|e| app.workspace.contains(e) && e.kind != Kind::Interview) {
        Some(entity) => Screen::Card(CardState::new(entity)),
        None => Screen::Browse,
    };
    app.say(message);
    effects
}

/// After a save: the card (or browse, for an interview).
pub fn saved(app: &mut App, entity: Option<EntityRef>) {
    if let Ok(mut shelf) = app.shelf.lock() {
        *shelf = None;
    }
    if let Some(f) = fill(app) {
        let draft = f.draft.clone();
        app.draft_names.retain(|n| *n != draft);
    }
    app.screen = match entity {
        Some(e) if e.kind != Kind::Interview => Screen::Card(CardState::new(e)),
        _ => Screen::Browse,
    };
}

// ---------------------------------------------------------------------------
// Keys

/// The wizard reads keys itself: a key in its table is a command, any other
/// goes to the field being edited (or the evidence filter).
pub fn handle_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let context = app.context();
    let action = app.keymaps.lookup(context, &key);
    match context {
        Context::Wizard => {
            let Some(f) = fill_mut(app) else {
                return Vec::new();
            };
            let enter = key.code == KeyCode::Enter && key.modifiers.is_empty();
            if enter && f.editor.is_long() {
                // Long text: Enter is a new line.
            } else if enter
                && let FieldEditor::Range { on_max, .. } = &mut f.editor
                && !*on_max
            {
                *on_max = true;
                return Vec::new();
            } else if let Some(action) = action {
                return update(app, action);
            }
            let items = f.wizard.items().to_vec();
            if f.editor.handle(&key, &items) {
                // A half-typed answer may not be valid yet: errors show
                // when moving on, not on every key.
                let _ = f.editor.commit(&mut f.wizard);
                f.error = None;
                changed(app, true);
            }
            Vec::new()
        }
        Context::WizardFilter => {
            if let Some(action) = action {
                return update(app, action);
            }
            if let Some(f) = fill_mut(app)
                && f.filter.handle(&key)
            {
                f.quote = 0;
            }
            Vec::new()
        }
        _ => action.map(|a| update(app, a)).unwrap_or_default(),
    }
}

pub fn paste(app: &mut App, pasted: &str) {
    let Some(f) = fill_mut(app) else {
        return;
    };
    if f.evidence_focus {
        if f.filtering {
            f.filter.insert(pasted);
        }
        return;
    }
    if f.wizard.at_review() || f.overview.is_some() {
        return;
    }
    if f.editor.paste(pasted) {
        let _ = f.editor.commit(&mut f.wizard);
        changed(app, true);
    }
}

fn sentence(text: &str) -> String {
    let mut s = text.to_string();
    if let Some(first) = s.get(..1) {
        s = first.to_uppercase() + &s[1..];
    }
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let Screen::Wizard(state) = &mut app.screen else {
        return Vec::new();
    };
    if let Phase::Choose(choose) = &mut state.phase {
        let mut choose = std::mem::replace(
            choose,
            Choose {
                step: ChooseStep::What,
                what: Kind::Icp,
                icp: None,
                template: None,
                selected: 0,
            },
        );
        let effects = update_choose(app, &mut choose, action);
        if let Screen::Wizard(state) = &mut app.screen
            && let Phase::Choose(slot) = &mut state.phase
        {
            *slot = choose;
        }
        return effects;
    }
    if action == Action::Help {
        let context = app.context();
        app.modal = Some(Modal::Help { context, scroll: 0 });
        return Vec::new();
    }
    if action == Action::Quit {
        app.quit = true;
        return Vec::new();
    }
    let context = app.context();
    let quotes = evidence(app);
    let Some(f) = fill_mut(app) else {
        return Vec::new();
    };
    f.error = None;
    if action != Action::Back {
        f.leaving = false;
    }
    let mut user_change = false;
    // Moving between questions goes into a draft only once something was
    // typed.
    let mut moved = false;
    let mut say: Option<String> = None;
    match (context, action) {
        (Context::WizardOverview, Action::Up) => {
            f.overview = f.overview.map(|s| s.saturating_sub(1));
        }
        (Context::WizardOverview, Action::Down) => {
            let last = f.wizard.steps().len();
            f.overview = f.overview.map(|s| (s + 1).min(last));
        }
        (Context::WizardOverview, Action::Open) => {
            if let Some(step) = f.overview.take() {
                f.wizard.jump(step);
                f.reload();
                f.evidence_focus = false;
            }
        }
        (Context::WizardOverview, _) => f.overview = None,
        (_, Action::Overview) => {
            let _ = commit(f);
            f.overview = Some(f.wizard.step_index());
        }
        (Context::WizardReview, Action::Up) => f.scroll = f.scroll.saturating_sub(1),
        (Context::WizardReview, Action::Down) => f.scroll = f.scroll.saturating_add(1),
        (Context::WizardReview, Action::PageUp) => f.scroll = f.scroll.saturating_sub(10),
        (Context::WizardReview, Action::PageDown) => f.scroll = f.scroll.saturating_add(10),
        (Context::WizardReview, Action::Save) => {
            return save(app);
        }
        (_, Action::Save) if commit(f) => {
            f.wizard.jump(usize::MAX);
            f.reload();
            f.evidence_focus = false;
            moved = true;
        }
        (Context::WizardFilter, Action::Up) | (Context::WizardEvidence, Action::Up) => {
            f.quote = f.quote.saturating_sub(1)
        }
        (Context::WizardFilter, Action::Down) | (Context::WizardEvidence, Action::Down) => {
            f.quote = (f.quote + 1).min(quotes.len().saturating_sub(1))
        }
        (Context::WizardFilter, Action::Open) => f.filtering = false,
        (Context::WizardFilter, Action::ClearFilter) => {
            f.filter = LineInput::default();
            f.filtering = false;
            f.quote = 0;
        }
        (_, Action::Filter) => f.filtering = true,
        (_, Action::SwitchPane) => {
            if f.evidence_focus {
                f.evidence_focus = false;
            } else if f.wizard.subject == Subject::Interview {
                f.error = Some("Interview details have no quotes to cite.".into());
            } else {
                f.evidence_focus = true;
            }
        }
        (_, Action::Cite) | (_, Action::QuoteAsItem) => {
            let Some(q) = quotes.get(f.quote) else {
                f.error = Some("No quote is picked: there are none for this question.".into());
                return Vec::new();
            };
            let (citation, words) = (q.0.clone(), q.1.clone());
            if action == Action::Cite {
                let _ = commit(f);
                let target = f.editor.target_item(f.wizard.items().len());
                match f.wizard.cite(target, citation.clone()) {
                    Ok(true) => {
                        let msg = format!("Cited {citation} for answer {}.", target + 1);
                        user_change = true;
                        say = Some(msg);
                    }
                    Ok(false) => {
                        user_change = true;
                        say = Some(format!("Took back the citation of {citation}."));
                    }
                    Err(e) => f.error = Some(sentence(&e.to_string())),
                }
            } else {
                let _ = commit(f);
                match f.wizard.add_quote_as_item(citation.clone(), &words) {
                    Ok(at) => {
                        f.reload();
                        f.editor.select_item(f.wizard.items().len());
                        user_change = true;
                        say = Some(format!(
                            "Added the quote as answer {}, citing {citation}.",
                            at + 1
                        ));
                    }
                    Err(e) => f.error = Some(sentence(&e.to_string())),
                }
            }
        }
        (_, Action::Next) => match f.editor.enter_item(&mut f.wizard) {
            Ok(true) => {
                user_change = true;
            }
            Err(e) => f.error = Some(sentence(&e.to_string())),
            Ok(false) => {
                if commit(f) {
                    match f.wizard.next() {
                        Ok(()) => {
                            f.reload();
                            f.evidence_focus = false;
                            moved = true;
                        }
                        Err(e) => {
                            f.error = Some(format!(
                                "{} Type one, or Ctrl-k skips it for now.",
                                sentence(&e.to_string())
                            ))
                        }
                    }
                }
            }
        },
        (_, Action::Previous) => {
            let _ = commit(f);
            f.wizard.back();
            f.reload();
            f.evidence_focus = false;
            moved = true;
        }
        (_, Action::Skip) => {
            let _ = commit(f);
            f.wizard.skip();
            f.reload();
            f.evidence_focus = false;
            moved = true;
        }
        (_, Action::MoveItemUp) | (_, Action::MoveItemDown) => {
            let count = f.wizard.items().len();
            if f.editor.editing_item(count) {
                let at = f.editor.target_item(count);
                let to = f.wizard.move_item(at, action == Action::MoveItemUp);
                f.editor.select_item(to);
                user_change = true;
            } else {
                f.error = Some("Pick an item with ↑/↓ first, then move it.".into());
            }
        }
        (_, Action::RemoveItem) => {
            let count = f.wizard.items().len();
            if f.editor.editing_item(count) {
                let at = f.editor.target_item(count);
                f.wizard.remove_item(at);
                f.editor.stop_editing_item(f.wizard.items().len());
                user_change = true;
            } else {
                f.error = Some("Pick an item with ↑/↓ first, then Ctrl-d removes it.".into());
            }
        }
        (_, Action::Back) => {
            let count = f.wizard.items().len();
            if f.editor.editing_item(count) {
                f.editor.stop_editing_item(count);
            } else if f.leaving || !f.dirty {
                return leave(app);
            } else {
                f.leaving = true;
                app.say("Press Esc again to leave. What you typed stays in a draft, offered when persona starts.");
                return Vec::new();
            }
        }
        _ => {}
    }
    if let Some(text) = say {
        app.say(text);
    }
    if user_change || moved {
        changed(app, user_change);
    }
    Vec::new()
}

/// Hands the editor's text to the wizard; false (with the message shown)
/// when it is not acceptable.
fn commit(f: &mut Fill) -> bool {
    if f.wizard.at_review() {
        return true;
    }
    match f.editor.commit(&mut f.wizard) {
        Ok(()) => true,
        Err(e) => {
            f.error = Some(sentence(&e.to_string()));
            false
        }
    }
}

fn save(app: &mut App) -> Vec<Effect> {
    let now = crate::domain::now();
    let today = app.today;
    let Some(f) = fill(app) else {
        return Vec::new();
    };
    match f.wizard.finish(&app.workspace, now, today) {
        Ok(entity) => {
            let draft = f.draft.clone();
            vec![Effect::SaveWizard { entity, draft }]
        }
        Err(e) => {
            let field = e.field().to_string();
            let message = format!("{} Answer it, then Ctrl-s again.", sentence(&e.to_string()));
            if let Some(f) = fill_mut(app) {
                let _ = f.wizard.jump_to(&field);
                f.reload();
                f.error = Some(message);
            }
            Vec::new()
        }
    }
}

fn update_choose(app: &mut App, c: &mut Choose, action: Action) -> Vec<Effect> {
    let count = choices(app, c).len();
    match action {
        Action::Up => c.selected = c.selected.saturating_sub(1),
        Action::Down => c.selected = (c.selected + 1).min(count.saturating_sub(1)),
        Action::Open => {
            if count == 0 {
                app.warn(match c.step {
                    ChooseStep::Template => {
                        "There is no template for this; add one under templates/."
                    }
                    _ => "There is no ICP yet: make one first (n, then ICP).",
                });
                return Vec::new();
            }
            match c.step {
                ChooseStep::What => {
                    c.what = [Kind::Icp, Kind::Persona, Kind::Interview][c.selected.min(2)];
                    if c.what != Kind::Persona {
                        c.icp = None;
                    }
                    if c.what == Kind::Persona && app.workspace.icps.is_empty() {
                        app.warn("A persona lives inside an ICP, and there is none yet: make the ICP first.");
                        return Vec::new();
                    }
                }
                ChooseStep::Template => {
                    c.template = templates(app, c.what).get(c.selected).map(|t| t.0.clone())
                }
                ChooseStep::Icp => c.icp = app.workspace.icps.get(c.selected).map(|i| i.id.clone()),
            }
            advance(app, c);
        }
        Action::Back => {
            app.screen = Screen::Browse;
            app.say("No new item was made.");
        }
        Action::Help => {
            app.modal = Some(Modal::Help {
                context: Context::WizardChoose,
                scroll: 0,
            })
        }
        Action::Quit => app.quit = true,
        _ => {}
    }
    Vec::new()
}

/// Moves to the next choice still open, or starts the questions.
fn advance(app: &mut App, c: &mut Choose) {
    c.selected = 0;
    if c.what != Kind::Interview && c.template.is_none() {
        c.step = ChooseStep::Template;
        let list = templates(app, c.what);
        if list.len() == 1 {
            // Still shown, so its description is read; start on it.
            c.selected = 0;
        }
        set_choose(app, c);
        return;
    }
    if c.what == Kind::Persona && c.icp.is_none() {
        c.step = ChooseStep::Icp;
        set_choose(app, c);
        return;
    }
    let (template, subject) = match c.what {
        Kind::Interview => (interview_template(&icp_ids(app)), Subject::Interview),
        kind => {
            let id = c.template.clone().unwrap_or_default();
            let Some(t) = app.workspace.template(&id).cloned() else {
                app.warn(format!("There is no template `{}`.", text::clean(&id)));
                return;
            };
            let subject = if kind == Kind::Icp {
                Subject::Icp
            } else {
                Subject::Persona {
                    icp: c.icp.clone().unwrap_or_default(),
                }
            };
            (t, subject)
        }
    };
    let draft = fresh_draft(app, c.what, None);
    start(app, Wizard::new(template, subject), draft, None);
}

fn set_choose(app: &mut App, c: &Choose) {
    app.screen = Screen::Wizard(Box::new(WizardState {
        phase: Phase::Choose(Choose {
            step: c.step,
            what: c.what,
            icp: c.icp.clone(),
            template: c.template.clone(),
            selected: c.selected,
        }),
        from: None,
    }));
}

fn templates(app: &App, what: Kind) -> Vec<(String, String, String)> {
    let kind = if what == Kind::Icp {
        TemplateKind::Icp
    } else {
        TemplateKind::Persona
    };
    app.workspace
        .templates
        .iter()
        .filter(|t| t.kind == kind && t.id != INTERVIEW_TEMPLATE)
        .map(|t| (t.id.clone(), t.name.clone(), t.description.clone()))
        .collect()
}

/// `(label, description)` for the current choice step.
fn choices(app: &App, c: &Choose) -> Vec<(String, String)> {
    match c.step {
        ChooseStep::What => {
            let persona = match c.icp.as_deref().and_then(|i| app.workspace.icp(i)) {
                Some(icp) => format!("A persona in “{}”", icp.name),
                None => "A persona".to_string(),
            };
            vec![
                (
                    "An ICP (Ideal Customer Profile)".into(),
                    "The kind of company that gets the most value from you: firmographics, tools, triggers, fit.".into(),
                ),
                (
                    persona,
                    "A semi-fictional person inside an ICP account: the decision-maker, influencer or user.".into(),
                ),
                (
                    "An interview".into(),
                    "Who you talked to, when, and where the notes come from.".into(),
                ),
            ]
        }
        ChooseStep::Template => templates(app, c.what)
            .into_iter()
            .map(|(id, name, description)| (format!("{name} ({id})"), description))
            .collect(),
        ChooseStep::Icp => app
            .workspace
            .icps
            .iter()
            .map(|i| {
                let n = app.workspace.personas_of(&i.id).count();
                (
                    i.name.clone(),
                    format!("{n} persona{} so far", if n == 1 { "" } else { "s" }),
                )
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------
// Evidence

/// The quotes for the current question: highlights whose tags feed it, the
/// ICP's own interviews first, narrowed by the filter. `(citation, words,
/// interview index, highlight index)`.
pub fn evidence(app: &App) -> Vec<(Citation, String, usize, usize)> {
    let Some(f) = fill(app) else {
        return Vec::new();
    };
    let Some(field) = f.wizard.current() else {
        return Vec::new();
    };
    if f.wizard.subject == Subject::Interview || field.id == crate::domain::wizard::NAME_FIELD {
        return Vec::new();
    }
    let icp = match (&f.wizard.subject, &f.wizard.base) {
        (Subject::Persona { icp }, _) => Some(icp.clone()),
        (Subject::Icp, Some(e)) => Some(e.id().to_string()),
        _ => None,
    };
    let needle = f.filter.text.trim().to_lowercase();
    let feeds = &field.feeds;
    let mut own = Vec::new();
    let mut rest = Vec::new();
    for (ii, interview) in app.workspace.interviews.iter().enumerate() {
        for (hi, h) in interview.highlights.iter().enumerate() {
            if !feeds.is_empty() && !h.tags.iter().any(|t| feeds.contains(t)) {
                continue;
            }
            if !needle.is_empty() && !matches_filter(interview, h, &needle) {
                continue;
            }
            let row = (Citation::new(&interview.id, &h.id), h.text.clone(), ii, hi);
            if icp.is_some() && interview.icp == icp {
                own.push(row);
            } else {
                rest.push(row);
            }
        }
    }
    own.extend(rest);
    own
}

fn matches_filter(interview: &Interview, h: &Highlight, needle: &str) -> bool {
    h.text.to_lowercase().contains(needle)
        || interview.interviewee.to_lowercase().contains(needle)
        || interview.company.to_lowercase().contains(needle)
        || h.tags.iter().any(|t| t.contains(needle))
}

// ---------------------------------------------------------------------------
// Drawing

fn marks(app: &App) -> impl Fn(&Item) -> Span<'static> + '_ {
    move |item: &Item| {
        let n = item.cites.len();
        if n == 0 {
            Span::styled("? assumption", app.theme.assumption())
        } else {
            Span::styled(
                format!("✓ {n} quote{}", if n == 1 { "" } else { "s" }),
                app.theme.backed(),
            )
        }
    }
}

pub fn draw(app: &App, state: &WizardState, f: &mut Frame, area: Rect) {
    match &state.phase {
        Phase::Choose(c) => draw_choose(app, c, f, area),
        Phase::Fill(fill) => {
            if fill.wizard.at_review() {
                draw_review(app, fill, f, area);
            } else {
                draw_question(app, fill, f, area);
            }
            if let Some(selected) = fill.overview {
                draw_overview(app, fill, selected, f, area);
            }
        }
    }
}

fn title_of(fill: &Fill) -> String {
    let what = match &fill.wizard.subject {
        Subject::Icp => "ICP",
        Subject::Persona { .. } => "persona",
        Subject::Interview => "interview",
    };
    let verb = if fill.wizard.base.is_some() {
        "Editing"
    } else {
        "New"
    };
    let name = fill.wizard.name();
    if name.is_empty() {
        format!(
            " {verb} {what} · {} ",
            text::clean(&fill.wizard.template.name)
        )
    } else {
        format!(
            " {verb} {what}: {} ",
            text::truncate(&text::clean(&name), 40)
        )
    }
}

fn draw_choose(app: &App, c: &Choose, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let heading = match c.step {
        ChooseStep::What => "What do you want to make?",
        ChooseStep::Template => "Which template should the questions come from?",
        ChooseStep::Icp => "Which ICP is this persona part of?",
    };
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(" New ", theme.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let width = inner.width.saturating_sub(4) as usize;
    let mut lines = vec![Line::styled(heading, theme.heading()), Line::default()];
    let mut selected_line = 0;
    for (i, (label, description)) in choices(app, c).iter().enumerate() {
        let on = i == c.selected;
        if on {
            selected_line = lines.len();
        }
        lines.push(Line::from(vec![
            Span::raw(if on { "› " } else { "  " }),
            plain(label, if on { theme.selected() } else { theme.label() }),
        ]));
        for l in text::wrap(&text::clean(description), width.max(10)) {
            lines.push(Line::styled(format!("    {l}"), theme.dim()));
        }
    }
    let h = inner.height as usize;
    let skip = (selected_line + 3).saturating_sub(h);
    f.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
        inner,
    );
}

fn draw_question(app: &App, fill: &Fill, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let Some(field) = fill.wizard.current() else {
        return;
    };
    let p = fill.wizard.progress();
    let progress = format!(
        " {} of {} · {} · {} left ",
        p.step,
        p.total,
        text::truncate(&text::clean(&p.section), 24),
        p.left
    );
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(title_of(fill), theme.title()))
        .title(Line::styled(progress, theme.dim()).right_aligned());
    let inner = block.inner(area);
    f.render_widget(block, area);

    let has_evidence = fill.wizard.subject != Subject::Interview;
    let wide = inner.width >= 76;
    let (left, right) = if !has_evidence {
        (inner, None)
    } else if wide {
        let [l, r] = Layout::horizontal([Constraint::Percentage(52), Constraint::Percentage(48)])
            .areas(inner);
        (
            Rect {
                width: l.width.saturating_sub(1),
                ..l
            },
            Some(r),
        )
    } else if fill.evidence_focus {
        (Rect { height: 0, ..inner }, Some(inner))
    } else if inner.height >= 16 {
        let [l, r] = Layout::vertical([Constraint::Min(9), Constraint::Length(7)]).areas(inner);
        (l, Some(r))
    } else {
        (inner, None)
    };

    if left.height > 0 {
        let width = left.width as usize;
        let mut head = Vec::new();
        let mut label = vec![plain(&field.label, theme.label())];
        if field.required {
            let missing = fill.wizard.items().is_empty();
            label.push(Span::styled(
                "  required",
                if missing { theme.stale() } else { theme.dim() },
            ));
        }
        label.push(Span::styled(
            format!(" · {}", field.kind.label()),
            theme.dim(),
        ));
        head.push(Line::from(label));
        for l in text::wrap(&text::clean(&field.question), width.max(10)) {
            head.push(Line::raw(l));
        }
        if !field.help.is_empty() {
            for l in text::wrap(&text::clean(&field.help), width.max(10)) {
                head.push(Line::styled(l, theme.dim()));
            }
        }
        head.push(Line::default());
        let mut foot = Vec::new();
        if let Some(error) = &fill.error {
            for l in text::wrap(&text::clean(error), width.max(10)) {
                foot.push(Line::styled(l, theme.error()));
            }
        } else {
            for l in text::wrap(fill.editor.hint(), width.max(10)) {
                foot.push(Line::styled(l, theme.dim()));
            }
            let n = evidence(app).len();
            if right.is_none() && n > 0 {
                foot.push(Line::styled(
                    format!(
                        "Tab shows {n} quote{} to cite.",
                        if n == 1 { "" } else { "s" }
                    ),
                    theme.dim(),
                ));
            }
        }
        let head_h = (head.len() as u16).min(left.height.saturating_sub(2));
        let foot_h = (foot.len() as u16).min(left.height.saturating_sub(head_h + 1));
        let editor_h = left.height.saturating_sub(head_h + foot_h);
        f.render_widget(
            Paragraph::new(head),
            Rect {
                height: head_h,
                ..left
            },
        );
        let editor_area = Rect {
            y: left.y + head_h,
            height: editor_h,
            ..left
        };
        let cursor = fill.editor.draw(
            field,
            fill.wizard.items(),
            !fill.evidence_focus && fill.overview.is_none(),
            theme,
            f,
            editor_area,
            &marks(app),
        );
        f.render_widget(
            Paragraph::new(foot),
            Rect {
                y: editor_area.y + editor_h,
                height: foot_h,
                ..left
            },
        );
        if let Some((x, y)) = cursor {
            f.set_cursor_position((x, y));
        }
    }
    if let Some(right) = right {
        draw_evidence(app, fill, field, f, right);
    }
}

fn draw_evidence(app: &App, fill: &Fill, field: &crate::domain::Field, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let quotes = evidence(app);
    let tags = if field.feeds.is_empty() {
        "all quotes".to_string()
    } else {
        field.feeds.join(", ")
    };
    let block = Block::bordered()
        .border_style(if fill.evidence_focus {
            theme.border_focused()
        } else {
            theme.border()
        })
        .title(Line::styled(
            format!(" Evidence ({}) · {} ", quotes.len(), text::clean(&tags)),
            theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    if fill.filtering || !fill.filter.text.is_empty() {
        let (shown, cursor) = fill.filter.visible(width.saturating_sub(9));
        lines.push(Line::from(vec![
            Span::styled("Filter: ", theme.label()),
            Span::raw(shown),
        ]));
        if fill.filtering && fill.evidence_focus {
            f.set_cursor_position((inner.x + 8 + cursor as u16, inner.y));
        }
    }
    let items = fill.wizard.items();
    let target = fill.editor.target_item(items.len());
    let target_item = items.get(target);
    let target_line = match (fill.evidence_focus, target_item) {
        (false, _) if quotes.is_empty() => String::new(),
        (false, _) => "Tab picks a quote to cite".to_string(),
        (true, Some(item)) => format!(
            "c cites it for: {}",
            text::truncate(
                &text::clean(&item.value.to_string()),
                width.saturating_sub(17)
            )
        ),
        (true, None) => "a adds it as the answer".to_string(),
    };
    let top = lines.len();
    if quotes.is_empty() {
        lines.push(Line::styled(
            if field.id == crate::domain::wizard::NAME_FIELD {
                "The name is yours to choose."
            } else if fill.filter.text.is_empty() {
                "No quotes are tagged for this question yet. Answer from what you know: it is kept as an assumption."
            } else {
                "No quote matches the filter."
            },
            theme.dim(),
        ));
    }
    let rows_room = (inner.height as usize).saturating_sub(top + 1);
    let ws = &app.workspace;
    // Each quote takes up to three lines and its source one; start early
    // enough that the picked one is in view.
    let room = width.saturating_sub(3).max(8);
    let block_of = |words: &str| {
        let mut wrapped = text::wrap(&text::clean(&format!("“{words}”")), room);
        if wrapped.len() > 3 {
            wrapped.truncate(3);
            wrapped[2] = text::truncate(&format!("{}…", wrapped[2]), room);
        }
        wrapped
    };
    let mut skip = fill.quote.min(quotes.len().saturating_sub(1));
    let mut used = quotes
        .get(skip)
        .map(|q| block_of(&q.1).len() + 1)
        .unwrap_or(0);
    while skip > 0 {
        let h = block_of(&quotes[skip - 1].1).len() + 1;
        if used + h > rows_room {
            break;
        }
        used += h;
        skip -= 1;
    }
    for (i, (citation, words, ii, _)) in quotes.iter().enumerate().skip(skip) {
        if lines.len() >= top + rows_room {
            break;
        }
        let on = i == fill.quote;
        let cited = target_item.is_some_and(|it| it.cites.contains(citation));
        let interview = &ws.interviews[*ii];
        let style = if on && fill.evidence_focus {
            theme.selected()
        } else if on {
            theme.selected_unfocused()
        } else {
            Default::default()
        };
        for (n, part) in block_of(words).into_iter().enumerate() {
            lines.push(Line::from(vec![
                Span::styled(if cited && n == 0 { "✓ " } else { "  " }, theme.backed()),
                Span::styled(part, style),
            ]));
        }
        let who = [interview.interviewee.as_str(), interview.company.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        lines.push(Line::styled(
            text::truncate(
                &text::clean(&format!("  — {who} ({})", interview.source)),
                width,
            ),
            theme.dim(),
        ));
    }
    let body = Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    };
    f.render_widget(Paragraph::new(lines), body);
    if inner.height > 1 {
        f.render_widget(
            Paragraph::new(Line::styled(target_line, theme.dim())),
            Rect {
                y: inner.y + inner.height - 1,
                height: 1,
                ..inner
            },
        );
    }
}

fn draw_review(app: &App, fill: &Fill, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(title_of(fill), theme.title()))
        .title(Line::styled(" Review ", theme.dim()).right_aligned());
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = &fill.wizard;
    let mut lines = Vec::new();
    let name = w.name();
    lines.push(Line::from(plain(
        if name.is_empty() {
            "(no name yet)"
        } else {
            &name
        },
        theme.title(),
    )));
    let mut about = vec![Span::styled(
        format!(
            "{} · template {}",
            w.subject.kind().label(),
            text::clean(&w.template.name)
        ),
        theme.dim(),
    )];
    if let Subject::Persona { icp } = &w.subject {
        let icp = app
            .workspace
            .icp(icp)
            .map(|i| i.name.as_str())
            .unwrap_or(icp);
        about.push(Span::styled(" · in ", theme.dim()));
        about.push(plain(icp, theme.label()));
    }
    lines.push(Line::from(about));
    let (mut backed, mut guesses, mut missing) = (0, 0, 0);
    for (row, step) in w.overview().into_iter().zip(w.steps()) {
        if step.field.id == crate::domain::wizard::NAME_FIELD {
            continue;
        }
        match row.state {
            FieldState::Answered { items, cited } => {
                backed += cited;
                guesses += items - cited;
            }
            FieldState::Missing => missing += 1,
            _ => {}
        }
    }
    let mut summary = vec![
        Span::styled(format!("✓ {backed} backed"), theme.backed()),
        Span::raw(" by quotes, "),
        Span::styled(format!("? {guesses} assumptions"), theme.assumption()),
    ];
    if missing > 0 {
        summary.push(Span::styled(
            format!(" · {missing} required still empty"),
            theme.error(),
        ));
    }
    lines.push(Line::from(summary));
    if let Some(error) = &fill.error {
        lines.push(Line::styled(text::clean(error).into_owned(), theme.error()));
    }
    let mut section = String::new();
    let width = inner.width as usize;
    for step in w.steps() {
        if step.field.id == crate::domain::wizard::NAME_FIELD {
            continue;
        }
        if step.section != section {
            section = step.section.clone();
            lines.push(Line::default());
            lines.push(Line::styled(
                text::clean(&section).to_uppercase(),
                theme.heading(),
            ));
        }
        let items = w.items_of(&step.field.id);
        let unit = step
            .field
            .unit
            .as_deref()
            .filter(|_| {
                matches!(
                    step.field.kind,
                    crate::domain::FieldKind::Number | crate::domain::FieldKind::Range
                )
            })
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        match w.state_of(&step.field) {
            FieldState::Answered { .. } => {
                lines.push(Line::from(vec![
                    Span::raw("  "),
                    plain(&step.field.label, theme.label()),
                ]));
                for item in items {
                    let value = format!("{}{unit}", item.value);
                    let mark = marks(app)(item);
                    let room = width.saturating_sub(8 + text::width(&mark.content));
                    lines.push(Line::from(vec![
                        Span::raw("    • "),
                        Span::raw(text::truncate(&text::clean(&value), room.max(8))),
                        Span::raw("  "),
                        mark,
                    ]));
                }
            }
            state => lines.push(Line::from(vec![
                Span::raw("  "),
                plain(&step.field.label, theme.label()),
                match state {
                    FieldState::Missing => Span::styled(": required, still empty", theme.error()),
                    FieldState::Skipped => Span::styled(": skipped", theme.dim()),
                    _ => Span::styled(": not filled in", theme.dim()),
                },
            ])),
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Ctrl-s or Enter saves; Ctrl-b goes back to the questions.",
        theme.dim(),
    ));
    let max = lines.len().saturating_sub(inner.height as usize) as u16;
    let scroll = fill.scroll.min(max);
    f.render_widget(
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .wrap(Wrap { trim: false }),
        inner,
    );
}

fn draw_overview(app: &App, fill: &Fill, selected: usize, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let rows = fill.wizard.overview();
    let w = area.width.saturating_sub(6).clamp(30, 76);
    let h = (rows.len() as u16 + 3)
        .min(area.height.saturating_sub(2))
        .max(5);
    let outer = popup::centered(area, w, h);
    let inner = popup::frame(f, outer, "Every question", theme);
    let mut lines: Vec<Line> = rows
        .iter()
        .map(|r| {
            let (mark, state, style) = match r.state {
                FieldState::Answered { items, cited } => (
                    "✓",
                    format!(
                        "{items} answer{}, {cited} cited",
                        if items == 1 { "" } else { "s" }
                    ),
                    theme.backed(),
                ),
                FieldState::Missing => ("!", "required, empty".to_string(), theme.error()),
                FieldState::Skipped => ("·", "skipped".to_string(), theme.dim()),
                FieldState::Empty => (" ", "empty".to_string(), theme.dim()),
            };
            let on = r.step == selected;
            let label = text::truncate(
                &text::clean(&format!("{} › {}", r.section, r.label)),
                (inner.width as usize).saturating_sub(24).max(8),
            );
            Line::from(vec![
                Span::styled(format!("{mark} "), style),
                Span::styled(
                    label,
                    if on {
                        theme.selected()
                    } else {
                        Default::default()
                    },
                ),
                Span::styled(format!("  {state}"), theme.dim()),
            ])
        })
        .collect();
    let on_review = selected >= rows.len();
    lines.push(Line::styled(
        "→ Review and save",
        if on_review {
            theme.selected()
        } else {
            theme.label()
        },
    ));
    let rows_h = inner.height as usize;
    let skip = selected.saturating_sub(rows_h.saturating_sub(1));
    f.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
        inner,
    );
}
