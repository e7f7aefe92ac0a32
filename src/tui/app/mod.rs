//! The app: it owns the screens (the one on top and those underneath to go
//! back to), the popup, the workspace and the settings, and routes. Keys go
//! through the one router ([`crate::tui::keys`]) to the popup or the screen
//! on top; what they return is carried out here ([`apply`]): navigation,
//! popups, messages, and effects for the runtime. Outcomes of effects come
//! back through [`App::handle_msg`].
//!
//! One job per file: [`route`] input, [`apply`] what screens ask for,
//! [`msg`] outcomes of effects, [`conflict`] the file-changed dialog's
//! choices, [`view`] drawing.

/// What screens read, borrowed field by field from the app, so a screen
/// (or browse's state) can be borrowed mutably beside it.
macro_rules! ctx {
    ($app:expr) => {
        $crate::tui::ctx::Ctx {
            workspace: &$app.workspace,
            problems: &$app.problems,
            index: &$app.index,
            cited: &$app.cited,
            theme: &$app.theme,
            keymaps: &$app.keymaps,
            config: &$app.config,
            today: $app.today,
            export_dir: &$app.export_dir,
            undo: $app.undo.as_ref(),
            areas: &$app.areas,
            drafts: &$app.drafts,
            interrupt: &$app.interrupt,
            loading: $app.loading.as_deref().map(|p| p.get()),
            on_demand: $app.on_demand.as_ref(),
        }
    };
}

mod apply;
mod cards;
mod conflict;
mod msg;
mod route;
pub mod view;

pub use super::ctx::Areas;
pub use super::screens::Screen;
pub use super::widgets::footer::Toast;

use super::config::Config;
use super::keys::{Context, Keymaps};
use super::modal::{self, Modal};
use super::screens::{self, browse::BrowseState, drafts::DraftsState, welcome::WelcomeState};
use super::search::LazyIndex;
use super::theme::Theme;
use crate::domain::{EntityRef, Workspace, WorkspaceMeta};
use crate::store::drafts::{DraftFile, Shelf};
use crate::store::patch::Patch;
use crate::store::{Loaded, Problem, Trashed};
use jiff::civil::Date;
use std::cell::Cell;
use std::path::PathBuf;
use std::sync::Arc;

pub struct App {
    /// Shared with work running on another thread (an export), which reads
    /// it as it was when the work began.
    pub workspace: Arc<Workspace>,
    pub problems: Vec<Problem>,
    pub index: LazyIndex,
    /// Who cites each highlight, made when a screen first asks.
    pub cited: crate::tui::cited::LazyCited,
    /// The screen on top.
    pub screen: Screen,
    /// The screens underneath, to go back to as they were.
    pub stack: Vec<Screen>,
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
    /// The wizard's latest unsaved draft, where the panic hook finds it.
    pub shelf: Shelf,
    /// Counts shelved drafts, so the runner can write the draft a second
    /// after the last change.
    pub draft_version: u64,
    /// The drafts known to be in `.drafts/`.
    pub drafts: Vec<DraftFile>,
    /// Ctrl-c was pressed while the app was busy (set by the terminal's
    /// reader): long work stops so the key is handled at once.
    pub interrupt: super::event::Interrupt,
    /// While the cards are read on another thread after a first frame
    /// drawn from the index: the workspace holds stand-ins (names, dates),
    /// and keys that would open, change or export a card are refused.
    pub loading: Option<Arc<crate::store::fs::Progress>>,
    /// Work running on another thread, for the status line.
    pub busy: Option<super::status::Busy>,
    /// Effects waiting for that work to finish.
    pub waiting: usize,
    /// In a large workspace, until a change needs every card: the
    /// workspace holds stand-ins, and cards are read as they are shown.
    pub on_demand: Option<super::on_demand::OnDemand>,
    /// The workspace's folder when it is large enough to read cards on
    /// demand: once every card was read for a change, the app may let
    /// them go again (see [`App::let_go`]).
    pub large: Option<PathBuf>,
    /// A key refused while every card was read, pressed again for the
    /// user when they are in (see [`App::take_replay`]).
    pub(crate) replay: Option<route::Replay>,
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

/// Every key table: the screens' and the popups'.
fn default_keymaps() -> Keymaps {
    let mut tables = Vec::new();
    for group in screens::KEYS.iter().chain([&modal::KEYS]) {
        tables.extend(group.iter().copied());
    }
    Keymaps::new(&tables)
}

impl App {
    fn with(setup: Setup, screen: Screen) -> App {
        let mut notes = Vec::new();
        notes.extend(setup.config_problem);
        let (keymaps, key_errors) = default_keymaps().with_overrides(&setup.config.key_overrides());
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
        let export_dir = setup.config.export_dir().unwrap_or(setup.export_dir);
        App {
            index: LazyIndex::default(),
            cited: Default::default(),
            browse: BrowseState::default(),
            workspace: Arc::new(Workspace::new(WorkspaceMeta::new(""))),
            problems: Vec::new(),
            screen,
            stack: Vec::new(),
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
            drafts: Vec::new(),
            interrupt: Default::default(),
            loading: None,
            busy: None,
            waiting: 0,
            on_demand: None,
            large: None,
            replay: None,
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
        // Every card is in now. The filter's text read while cards came on
        // demand still serves when the same cards are listed.
        let texts_in = self.on_demand.take().is_some_and(|d| d.texts_in);
        let same = texts_in && super::on_demand::same_cards(&self.workspace, &loaded.workspace);
        self.workspace = Arc::new(loaded.workspace);
        self.cited.reset();
        self.problems = loaded.problems;
        if !same {
            self.index = LazyIndex::default();
        }
        self.changed(keep);
    }

    /// Takes in what a save changed: the workspace and the filter's index
    /// are patched where the files changed, not rebuilt.
    pub fn patch(&mut self, patch: Patch, select: Option<EntityRef>) {
        let keep = select.or_else(|| self.browse.selected_entity(&self.workspace));
        // With cards on demand, a later change saves over these files as
        // the patch read them, not as the app read them before.
        if let Some(cards) = self.on_demand.as_mut() {
            cards.read_as(&patch.prints);
        }
        let edits = patch.apply(Arc::make_mut(&mut self.workspace), &mut self.problems);
        self.index.patch(&edits, &self.workspace);
        self.cited.patch(&edits, &self.workspace);
        self.changed(keep);
    }

    /// After the workspace changed: the tree, the filter's matches and the
    /// open interviews follow, keeping (or moving) the selection.
    pub(crate) fn changed(&mut self, keep: Option<EntityRef>) {
        self.browse
            .reload(&self.workspace, &self.index, keep.as_ref());
        let ws = &self.workspace;
        for screen in std::iter::once(&mut self.screen).chain(self.stack.iter_mut()) {
            if let Screen::Interview(s) = screen {
                s.reloaded(ws);
            }
        }
    }

    pub fn context(&self) -> Context {
        match &self.modal {
            Some(modal) => modal.context(),
            None => self.screen.context(&self.browse),
        }
    }

    /// A message at the bottom. Messages from one key are joined.
    pub fn say(&mut self, text: impl Into<String>) {
        self.tell(text.into(), false);
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.tell(text.into(), true);
    }

    fn tell(&mut self, text: String, error: bool) {
        if text.is_empty() {
            return;
        }
        match &mut self.toast {
            Some(toast) if !toast.text.contains(&text) => {
                toast.text = format!("{} {text}", toast.text);
                toast.error |= error;
            }
            Some(_) => {}
            None => self.toast = Some(Toast { text, error }),
        }
    }

    /// Offers the drafts found on start, to resume or discard (empty ones
    /// are not worth it).
    pub fn offer_drafts(&mut self, files: Vec<DraftFile>) {
        self.drafts = files;
        let offered: Vec<DraftFile> = self
            .drafts
            .iter()
            .filter(|d| !d.is_empty())
            .cloned()
            .collect();
        if !offered.is_empty() && !matches!(self.screen, Screen::Welcome(_)) {
            self.screen = Screen::Drafts(DraftsState::new(offered));
        }
    }

    /// The timed draft write, asked for by the runner.
    pub fn flush_draft(&mut self) -> Vec<super::effect::Effect> {
        let pending = self.shelf.lock().ok().and_then(|s| s.clone());
        match pending {
            Some(draft) => vec![super::effect::Effect::WriteDraft(draft)],
            None => Vec::new(),
        }
    }
}
