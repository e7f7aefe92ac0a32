//! The terminal app a marketer opens: browse ICPs and personas, read their
//! cards and the quotes behind them, filter, export.
//!
//! The Elm Architecture, synchronously: [`view`] draws the [`app::App`],
//! [`event`] yields input, [`keymap`] turns keys into [`action::Action`]s,
//! `App::update` changes state and returns [`effect::Effect`]s, which
//! [`effect::Performer`] carries out on the store, feeding the outcome back.

pub mod action;
pub mod app;
pub mod config;
pub mod conflict;
pub mod effect;
pub mod event;
pub mod exporting;
pub mod item_ops;
pub mod keymap;
pub mod modal;
pub mod runner;
pub mod screens;
pub mod search;
pub mod text;
pub mod theme;
pub mod view;
pub mod widgets;

use app::{App, Setup};
use effect::Performer;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use std::path::Path;

/// Where the app opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    /// Browse (or the welcome screen on first run), offering any drafts.
    Browse,
    /// Straight into the wizard for a new ICP, persona or interview.
    Wizard {
        what: crate::domain::Kind,
        icp: Option<String>,
        template: Option<String>,
    },
}

/// Opens the TUI on the workspace at `root` (which may not exist yet: then
/// the welcome screen offers to create it). An `Err` is one sentence.
pub fn run(root: &Path) -> Result<(), String> {
    run_with(root, Start::Browse)
}

/// Opens the TUI at `start`.
pub fn run_with(root: &Path, start: Start) -> Result<(), String> {
    let store = crate::store::FsStore::new(root);
    let setup = setup();
    let mut performer = Performer::on_disk(root);
    let mut app = if store.exists() {
        let mut store = store;
        let loaded = crate::store::Store::load(&mut store).map_err(|e| e.to_string())?;
        performer.store = store;
        App::new(loaded, setup)
    } else if start != Start::Browse {
        let e = crate::store::StoreError::NoWorkspace(root.to_path_buf());
        return Err(e.to_string());
    } else {
        App::welcome(root, setup)
    };
    let drafts = performer.drafts.list();
    match start {
        Start::Browse => app.offer_drafts(drafts),
        Start::Wizard {
            what,
            icp,
            template,
        } => {
            app.draft_names = drafts.into_iter().map(|d| d.name).collect();
            screens::wizard::open_new(&mut app, what, icp, template)?;
        }
    }

    // Restore the terminal before any panic message is printed, so it is
    // readable and the shell is usable afterwards; unsaved wizard input is
    // written to its draft first.
    let shelf = app.shelf.clone();
    let owned_root = root.to_path_buf();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        crate::store::drafts::write_shelf(&owned_root, &shelf);
        restore();
        previous(info);
    }));
    let mut terminal =
        ratatui::try_init().map_err(|e| format!("Could not start the terminal UI: {e}."))?;
    let _ = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    let result = runner::run(
        &mut terminal,
        &mut event::TerminalEvents,
        &mut app,
        &mut performer,
    );
    // Quitting or failing mid-wizard keeps what was typed.
    crate::store::drafts::write_shelf(root, &app.shelf);
    restore();
    result
}

fn restore() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    ratatui::restore();
}

/// Settings, `NO_COLOR`, today's date and the current folder.
fn setup() -> Setup {
    let path = config::path();
    let (config, config_problem) = config::Config::load(path.as_deref());
    Setup {
        config,
        config_problem,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        today: jiff::ZonedDateTime::now().date(),
        export_dir: std::env::current_dir().unwrap_or_else(|_| ".".into()),
    }
}
