//! The terminal app a marketer opens: browse ICPs and personas, read their
//! cards and the quotes behind them, interviews and their highlights, the
//! wizard, export.
//!
//! The Elm Architecture, synchronously. [`runner`] loops: draw
//! ([`app::view`]), wait for an [`event`], route the key through the one
//! router ([`keys`]) to the popup ([`modal`]) or the screen on top
//! ([`screens`]), whose `update(action, &Ctx)` changes only its own state
//! and returns what it asks for ([`out::Out`]); [`app::App`] carries that
//! out and hands [`effect::Effect`]s to [`perform::Performer`], whose
//! outcome comes back as a message. Screens never see the app.

pub mod action;
pub mod app;
pub mod cited;
pub mod config;
pub mod conflict;
pub mod ctx;
pub mod customers_import;
pub mod editor;
pub mod effect;
pub mod event;
pub mod exporting;
pub mod findings;
pub mod item_ops;
pub mod jobs;
pub mod keys;
pub mod modal;
pub mod on_demand;
pub mod out;
pub mod outreach_files;
pub mod perform;
pub mod perform_scoring;
pub mod runner;
pub mod scoring_types;
pub mod screens;
pub mod search;
pub mod startup;
pub mod status;
pub mod text;
pub mod theme;
pub mod widgets;

use app::Setup;
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
    let startup::Opened {
        mut app,
        mut performer,
        load,
    } = startup::open(root, setup(), &start)?;
    // Drafts with nothing in them are not worth keeping or offering.
    let mut drafts = performer.drafts.list();
    for empty in drafts.iter().filter(|d| d.is_empty()) {
        let _ = performer.drafts.remove(&empty.name);
    }
    drafts.retain(|d| !d.is_empty());
    match start {
        Start::Browse => app.offer_drafts(drafts),
        Start::Wizard {
            what,
            icp,
            template,
        } => {
            app.drafts = drafts;
            app.open_wizard(what, icp, template)?;
        }
    }

    // Restore the terminal before any panic message is printed, so it is
    // readable and the shell is usable afterwards; unsaved wizard input is
    // written to its draft first.
    let shelf = app.shelf.clone();
    let owned_root = root.to_path_buf();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let kept = crate::store::drafts::write_shelf(&owned_root, &shelf);
        restore();
        previous(info);
        if let Some(kept) = kept {
            eprintln!("{}", kept_message(kept));
        }
    }));
    let mut terminal =
        ratatui::try_init().map_err(|e| format!("Could not start the terminal UI: {e}."))?;
    let _ = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    // Keys are read on a thread of their own (so a Ctrl-c stops long work);
    // it stands aside while `$EDITOR` has the terminal.
    let pause = event::Pause::default();
    let mut events = event::TerminalEvents::start(app.interrupt.clone(), pause.clone());
    performer.editor = Some(Box::new(move |text| {
        pause.while_paused(|| editor::run(text))
    }));
    // The cards are read on another thread, after the first frame.
    let mut jobs = jobs::Jobs::new();
    if let Some(load) = load {
        jobs.start(load, &mut app);
    }
    let result = runner::run_with_jobs(
        &mut terminal,
        &mut events,
        &mut app,
        &mut performer,
        &mut jobs,
    );
    // Failing mid-wizard keeps what was typed (quitting wrote it already).
    let kept = crate::store::drafts::write_shelf(root, &app.shelf);
    restore();
    match kept {
        Some(kept) => {
            let note = kept_message(kept);
            match result {
                Ok(()) => {
                    eprintln!("{note}");
                    Ok(())
                }
                Err(e) => Err(format!("{e} {note}")),
            }
        }
        None => result,
    }
}

/// What became of the wizard's answers at an exit, in one sentence.
fn kept_message(kept: Result<String, crate::store::StoreError>) -> String {
    match kept {
        Ok(name) => format!(
            "Your wizard answers are kept in {}/{}.toml; persona offers them when it starts.",
            crate::store::layout::DRAFTS,
            crate::text::line(&name)
        ),
        Err(e) => format!(
            "Your wizard answers could NOT be kept in a draft: {}.",
            crate::text::line(&e.to_string())
        ),
    }
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
