//! The app's state and the one place it changes: `update` (keys as
//! actions) and `handle_msg` (outcomes of effects). Each screen's own
//! reactions live in its module under `screens/`.

use super::action::Action;
use super::config::Config;
use super::effect::{Effect, Msg, Outcome};
use super::event::Event;
use super::keymap::{Context, Keymaps};
use super::modal::{self, Modal};
use super::screens::browse::BrowseState;
use super::screens::card::CardState;
use super::screens::drafts::DraftsState;
use super::screens::preview::PreviewState;
use super::screens::welcome::WelcomeState;
use super::screens::wizard::WizardState;
use super::screens::{self};
use super::search::LazyIndex;
use super::theme::Theme;
use crate::domain::{EntityRef, Workspace, WorkspaceMeta};
use crate::store::drafts::{DraftFile, Shelf};
use crate::store::{Loaded, Problem, Trashed};
use jiff::civil::Date;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind};
use ratatui::layout::{Position, Rect};
use std::cell::Cell;
use std::path::PathBuf;

pub enum Screen {
    Welcome(WelcomeState),
    Browse,
    Card(CardState),
    Preview(PreviewState),
    Wizard(Box<WizardState>),
    Drafts(DraftsState),
    Interviews(screens::interviews::InterviewsState),
    Interview(Box<screens::interview::InterviewState>),
    Tally(screens::tally::TallyState),
}

/// A one-line message at the bottom, until the next key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub error: bool,
}

/// Where things were drawn last, so a mouse click can find its target.
#[derive(Clone, Copy, Debug, Default)]
pub struct Areas {
    pub list: Rect,
    pub preview: Rect,
    pub body: Rect,
    pub choices: Rect,
}

pub struct App {
    pub workspace: Workspace,
    pub problems: Vec<Problem>,
    pub index: LazyIndex,
    pub screen: Screen,
    pub browse: BrowseState,
    pub modal: Option<Modal>,
    pub toast: Option<Toast>,
    pub config: Config,
    pub theme: Theme,
    pub keymaps: Keymaps,
    /// "Today", for staleness; fixed in tests so snapshots do not age.
    pub today: Date,
    /// The last delete, until something else changes the workspace.
    pub undo: Option<Trashed>,
    /// Where exports go when the user does not say.
    pub export_dir: PathBuf,
    pub quit: bool,
    pub areas: Cell<Areas>,
    /// The wizard's latest unsaved state, where the panic hook finds it.
    pub shelf: Shelf,
    /// Counts wizard changes, so the runner can write the draft a second
    /// after the last one.
    pub draft_version: u64,
    /// Draft names in use (on disk or in this session).
    pub draft_names: Vec<String>,
}

/// What the app needs besides the workspace.
pub struct Setup {
    pub config: Config,
    /// A message about the settings file, shown once.
    pub config_problem: Option<String>,
    pub no_color: bool,
    pub today: Date,
    pub export_dir: PathBuf,
}

impl Setup {
    /// Defaults for tests: colour on, a fixed day, exports to `/tmp/export`.
    pub fn for_tests() -> Setup {
        Setup {
            config: Config::default(),
            config_problem: None,
            no_color: false,
            today: jiff::civil::date(2026, 11, 1),
            export_dir: PathBuf::from("/tmp/export"),
        }
    }
}

impl App {
    fn with(setup: Setup, screen: Screen) -> App {
        let mut notes = Vec::new();
        notes.extend(setup.config_problem);
        let (keymaps, key_errors) =
            Keymaps::defaults().with_overrides(&setup.config.key_overrides());
        let base = if setup.no_color {
            Theme::plain()
        } else {
            Theme::default()
        };
        let (theme, color_errors) = base.with_colors(&setup.config.colors);
        if !key_errors.is_empty() || !color_errors.is_empty() {
            let mut all = key_errors;
            all.extend(color_errors);
            notes.push(format!("Settings: {}; the rest applies.", all.join("; ")));
        }
        let workspace = Workspace::new(WorkspaceMeta::new(""));
        let export_dir = setup.config.export_dir().unwrap_or(setup.export_dir);
        App {
            index: LazyIndex::default(),
            browse: BrowseState::default(),
            workspace,
            problems: Vec::new(),
            screen,
            modal: None,
            toast: (!notes.is_empty()).then(|| Toast {
                text: notes.join(" "),
                error: true,
            }),
            config: setup.config,
            theme,
            keymaps,
            today: setup.today,
            undo: None,
            export_dir,
            quit: false,
            areas: Cell::new(Areas::default()),
            shelf: Shelf::default(),
            draft_version: 0,
            draft_names: Vec::new(),
        }
    }

    /// The app on a loaded workspace, showing browse.
    pub fn new(loaded: Loaded, setup: Setup) -> App {
        let mut app = App::with(setup, Screen::Browse);
        app.load(loaded, None);
        app
    }

    /// The app on first run, showing the welcome screen.
    pub fn welcome(root: &std::path::Path, setup: Setup) -> App {
        App::with(setup, Screen::Welcome(WelcomeState::new(root)))
    }

    /// Replaces the workspace, keeping (or moving) the selection.
    pub fn load(&mut self, loaded: Loaded, select: Option<EntityRef>) {
        let keep = select.or_else(|| self.browse.selected_entity(&self.workspace));
        self.workspace = loaded.workspace;
        self.problems = loaded.problems;
        self.index = LazyIndex::default();
        self.browse
            .reload(&self.workspace, &self.index, keep.as_ref());
    }

    pub fn context(&self) -> Context {
        if let Some(modal) = &self.modal {
            return modal.context();
        }
        match &self.screen {
            Screen::Welcome(_) => Context::Welcome,
            Screen::Browse if self.browse.typing => Context::Filter,
            Screen::Browse => Context::Browse,
            Screen::Card(_) => Context::Card,
            Screen::Preview(_) => Context::Preview,
            Screen::Wizard(state) => screens::wizard::context(state),
            Screen::Drafts(_) => Context::Drafts,
            Screen::Interviews(_) => Context::Interviews,
            Screen::Interview(state) => state.context(),
            Screen::Tally(_) => Context::Tally,
        }
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.toast = Some(Toast {
            text: text.into(),
            error: false,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.toast = Some(Toast {
            text: text.into(),
            error: true,
        });
    }

    /// Rows a page key moves: the height of the list or card last drawn.
    pub fn page(&self) -> usize {
        let areas = self.areas.get();
        let h = match self.screen {
            Screen::Browse => areas.list.height,
            _ => areas.body.height,
        };
        (h as usize).saturating_sub(1).max(1)
    }

    pub fn handle_event(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Key(key) => self.handle_key(key),
            Event::Mouse(mouse) => {
                let pos = Position::new(mouse.column, mouse.row);
                match mouse.kind {
                    MouseEventKind::ScrollDown => self.scroll_at(pos, Action::Down),
                    MouseEventKind::ScrollUp => self.scroll_at(pos, Action::Up),
                    MouseEventKind::Down(MouseButton::Left) => {
                        self.click(pos);
                        Vec::new()
                    }
                    _ => Vec::new(),
                }
            }
            Event::Resize(..) => Vec::new(),
            Event::Paste(text)
                if self.modal.is_none() && matches!(self.screen, Screen::Wizard(_)) =>
            {
                screens::wizard::paste(self, &text);
                Vec::new()
            }
            Event::Paste(text) => {
                if screens::interview::paste(self, &text) {
                    return Vec::new();
                }
                if let Some(input) = self.focused_input() {
                    input.insert(&text);
                    self.after_input();
                }
                Vec::new()
            }
        }
    }

    fn focused_input(&mut self) -> Option<&mut super::widgets::input::LineInput> {
        match &mut self.modal {
            Some(Modal::Prompt(prompt)) => Some(&mut prompt.input),
            Some(_) => None,
            None if matches!(self.screen, Screen::Browse) && self.browse.typing => {
                Some(&mut self.browse.input)
            }
            None => None,
        }
    }

    fn after_input(&mut self) {
        if self.modal.is_none() && self.browse.typing {
            self.browse.refilter(&self.workspace, &self.index);
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        self.toast = None;
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            // Unsaved notes are not thrown away by one keystroke.
            if let Screen::Interview(notes) = &mut self.screen
                && notes.dirty()
                && !notes.discard_armed
            {
                notes.discard_armed = true;
                self.warn(
                    "The notes have unsaved changes: Ctrl-s saves them, Ctrl-c again quits without saving.",
                );
                return Vec::new();
            }
            self.quit = true;
            return Vec::new();
        }
        if self.modal.is_none() && matches!(self.screen, Screen::Wizard(_)) {
            return screens::wizard::handle_key(self, key);
        }
        if self.modal.is_none()
            && let Some(effects) = screens::interview::raw_key(self, &key)
        {
            return effects;
        }
        let context = self.context();
        // A text field gets the key first, then the screen's key table.
        let action = self.keymaps.lookup(context, &key);
        let is_command = matches!(
            key.code,
            KeyCode::Enter | KeyCode::Esc | KeyCode::Tab | KeyCode::Up | KeyCode::Down
        );
        if !is_command && let Some(input) = self.focused_input() {
            if input.handle(&key) {
                self.after_input();
            }
            return Vec::new();
        }
        match action {
            Some(action) => self.update(action),
            None => Vec::new(),
        }
    }

    /// The heart of it: an action in the current context.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if self.modal.is_some() {
            return modal::update(self, action);
        }
        match self.context() {
            Context::Welcome => screens::welcome::update(self, action),
            Context::Browse | Context::Filter => screens::browse::update(self, action),
            Context::Card => screens::card::update(self, action),
            Context::Preview => screens::preview::update(self, action),
            Context::Drafts => screens::drafts::update(self, action),
            Context::WizardChoose
            | Context::Wizard
            | Context::WizardEvidence
            | Context::WizardFilter
            | Context::WizardReview
            | Context::WizardOverview => screens::wizard::update(self, action),
            Context::Interviews => screens::interviews::update(self, action),
            Context::Tally => screens::tally::update(self, action),
            Context::Notes
            | Context::NotesEditing
            | Context::Highlights
            | Context::Guided
            | Context::TagPicker
            | Context::InterviewForm => screens::interview::update(self, action),
            _ => Vec::new(),
        }
    }

    fn scroll_at(&mut self, pos: Position, action: Action) -> Vec<Effect> {
        if self.modal.is_none() && matches!(self.screen, Screen::Browse) {
            let areas = self.areas.get();
            if areas.preview.contains(pos) {
                self.browse.scroll_preview(action == Action::Down, 3);
                return Vec::new();
            }
        }
        let mut effects = Vec::new();
        for _ in 0..3 {
            effects.extend(self.update(action));
        }
        effects
    }

    fn click(&mut self, pos: Position) {
        if self.modal.is_some() {
            return;
        }
        let areas = self.areas.get();
        match &mut self.screen {
            Screen::Browse => {
                if areas.list.contains(pos) {
                    let row = (pos.y - areas.list.y) as usize + self.browse.offset.get();
                    self.browse.select_row(row, &self.workspace);
                    self.browse.focus_list();
                } else if areas.preview.contains(pos) {
                    self.browse.focus_preview();
                }
            }
            Screen::Welcome(state) if areas.choices.contains(pos) => {
                state.selected = ((pos.y - areas.choices.y) as usize / 2).min(1);
            }
            _ => {}
        }
    }

    pub fn handle_msg(&mut self, msg: Msg) {
        match msg {
            Msg::Created(Ok(loaded)) => {
                let demo = !loaded.workspace.icps.is_empty();
                self.screen = Screen::Browse;
                self.load(loaded, None);
                self.say(if demo {
                    "The demo workspace is ready: press / and type a word such as stock to find a persona."
                } else {
                    "Your workspace is ready. New ICPs and personas come with the wizard (n)."
                });
            }
            Msg::Created(Err(message)) => self.warn(message),
            Msg::Edited { interview, result } => {
                screens::interview::edited(self, &interview, result)
            }
            Msg::Done(outcome) => self.done(outcome),
            Msg::Draft(Ok(())) => {}
            Msg::Draft(Err(message)) => self.warn(message),
        }
    }

    fn done(&mut self, outcome: Outcome) {
        let Outcome {
            message,
            reloaded,
            trashed,
            select,
            conflict,
        } = outcome;
        if let Some(conflict) = conflict {
            // Nothing was saved and nothing reloaded: ask what to do.
            self.modal = Some(Modal::Conflict(conflict));
            return;
        }
        if let Some(loaded) = reloaded {
            self.load(loaded, select.clone());
        }
        // Leave cards and previews of things that no longer exist; follow
        // renames.
        let follow = select.filter(|s| self.workspace.contains(s));
        match &mut self.screen {
            Screen::Card(card) => {
                if let Some(entity) = follow.filter(|e| e.kind == card.entity.kind) {
                    card.entity = entity;
                }
                if !self.workspace.contains(&card.entity) {
                    self.screen = Screen::Browse;
                }
            }
            Screen::Preview(_) if trashed.is_some() => self.screen = Screen::Browse,
            Screen::Wizard(_) if message.is_ok() => screens::wizard::saved(self, follow),
            _ => {}
        }
        match message {
            Ok(text) => {
                if let Some(trashed) = trashed {
                    let key = self
                        .keymaps
                        .key_for(Context::Browse, Action::Undo)
                        .unwrap_or_else(|| "u".into());
                    self.undo = Some(trashed);
                    self.say(format!("{text} Press {key} to undo."));
                } else {
                    self.say(text);
                }
            }
            Err(text) => self.warn(text),
        }
    }

    /// Offers the drafts found on start, to resume or discard.
    pub fn offer_drafts(&mut self, files: Vec<DraftFile>) {
        self.draft_names = files.iter().map(|f| f.name.clone()).collect();
        if !files.is_empty() && !matches!(self.screen, Screen::Welcome(_)) {
            self.screen = Screen::Drafts(DraftsState { files, selected: 0 });
        }
    }

    /// The debounced draft write, asked for by the runner's tick.
    pub fn flush_draft(&mut self) -> Vec<Effect> {
        screens::wizard::flush_draft(self)
    }

    /// Forgets the undo once something else changes the workspace.
    pub fn changed(&mut self) {
        self.undo = None;
    }
}
