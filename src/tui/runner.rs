//! The loop: draw, wait for an event, update, perform effects, repeat.
//! Generic over the backend and the event source, so tests drive it
//! headless with `TestBackend` and a script. Work longer than a frame runs
//! on another thread ([`super::jobs`]): the loop then wakes a few times a
//! second to move the progress line and to take in the result.

use super::app::App;
use super::app::view;
use super::effect::{Effect, Msg};
use super::event::{Event, EventSource, Polled};
use super::jobs::Jobs;
use super::perform::Perform;
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::time::{Duration, Instant};

/// How often the loop wakes while work runs on another thread.
const TICK: Duration = Duration::from_millis(80);

/// How long without a key before a large workspace, read in full for a
/// change, lets its cards go again (see [`App::let_go`]).
const LET_GO_AFTER: Duration = Duration::from_secs(120);

pub fn run<B: Backend, E: EventSource, P: Perform + 'static>(
    terminal: &mut Terminal<B>,
    events: &mut E,
    app: &mut App,
    performer: &mut P,
) -> Result<(), String> {
    run_with_jobs(terminal, events, app, performer, &mut Jobs::new())
}

/// [`run`] with jobs already started (the load of the cards) or held back
/// (tests). When a script of events ends, a job still running is waited
/// for, unless it is held.
pub fn run_with_jobs<B: Backend, E: EventSource, P: Perform + 'static>(
    terminal: &mut Terminal<B>,
    events: &mut E,
    app: &mut App,
    performer: &mut P,
    jobs: &mut Jobs<P>,
) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("The terminal stopped working: {e}.");
    // Wizard drafts are written this long after the last change.
    const DRAFT_DELAY: Duration = Duration::from_secs(1);
    let mut seen = app.draft_version;
    let mut written = app.draft_version;
    let mut last_change = Instant::now();
    let mut last_event = Instant::now();
    loop {
        terminal
            .draw(|f| view::draw(app, f))
            .map_err(|e| fail(&e))?;
        if app.quit {
            // Files being written, and changes waiting to be, are finished
            // first; work that only reads (the load) is simply left.
            while jobs.writing() || (jobs.busy() && jobs.has_queued()) {
                app.toast = None;
                app.say("Finishing the work under way before quitting…");
                terminal
                    .draw(|f| view::draw(app, f))
                    .map_err(|e| fail(&e))?;
                jobs.finish(app, performer);
                after_job(app, performer, jobs);
            }
            return Ok(());
        }
        // With the frame on screen, get the filter ready while the person
        // reads it (the first frame does not wait for this).
        app.index.get(&app.workspace);
        let draft_due = written != app.draft_version;
        // A large workspace read in full for a change lets its cards go
        // again after a while without a key.
        let let_go_due = app.may_let_go() && !jobs.busy() && !jobs.has_queued();
        let polled = if draft_due || jobs.busy() || let_go_due {
            let mut wait = if draft_due {
                DRAFT_DELAY.saturating_sub(last_change.elapsed())
            } else {
                Duration::MAX
            };
            if jobs.busy() {
                wait = wait.min(TICK);
            }
            if let_go_due {
                wait = wait.min(LET_GO_AFTER.saturating_sub(last_event.elapsed()));
            }
            events.next_within(wait).map_err(|e| fail(&e))?
        } else {
            match events.next().map_err(|e| fail(&e))? {
                Some(event) => Polled::Event(event),
                None => Polled::End,
            }
        };
        match polled {
            Polled::Event(event) => {
                last_event = Instant::now();
                if let Event::Resize(..) = event {
                    terminal.autoresize().map_err(|e| fail(&e))?;
                }
                let effects = app.handle_event(event);
                if perform_all(effects, app, performer, jobs) {
                    terminal.clear().map_err(|e| fail(&e))?;
                }
            }
            Polled::Timeout => {
                if let_go_due && last_event.elapsed() >= LET_GO_AFTER {
                    app.let_go();
                }
                if draft_due && last_change.elapsed() >= DRAFT_DELAY {
                    written = app.draft_version;
                    let effects = app.flush_draft();
                    perform_all(effects, app, performer, jobs);
                }
            }
            Polled::End => {
                if jobs.busy() && !jobs.is_held() {
                    while jobs.busy() {
                        jobs.finish(app, performer);
                        after_job(app, performer, jobs);
                    }
                    terminal
                        .draw(|f| view::draw(app, f))
                        .map_err(|e| fail(&e))?;
                }
                return Ok(());
            }
        }
        if jobs.collect(app, performer, Duration::ZERO) && after_job(app, performer, jobs) {
            terminal.clear().map_err(|e| fail(&e))?;
        }
        if app.draft_version != seen {
            seen = app.draft_version;
            last_change = Instant::now();
        }
        if app.shelf.lock().map(|s| s.is_none()).unwrap_or(true) {
            // Saved or left: nothing waits to be written.
            written = app.draft_version;
        }
    }
}

/// Carries out effects in order: one that can take long starts on another
/// thread, and those after it wait for it. Returns whether the terminal
/// needs a full repaint (an external editor drew over it).
fn perform_all<P: Perform + 'static>(
    effects: Vec<Effect>,
    app: &mut App,
    performer: &mut P,
    jobs: &mut Jobs<P>,
) -> bool {
    let mut repaint = false;
    for effect in effects {
        if jobs.busy() {
            jobs.queue(effect, app);
            continue;
        }
        match performer.detach(effect, &app.workspace) {
            Ok(job) => jobs.start(job, app),
            Err(effect) => {
                let msg = performer.perform(effect, &app.workspace);
                repaint |= matches!(msg, Msg::Edited { .. });
                app.handle_msg(msg);
            }
        }
    }
    repaint
}

/// After a job's result came in: the effects that waited for it.
fn after_job<P: Perform + 'static>(app: &mut App, performer: &mut P, jobs: &mut Jobs<P>) -> bool {
    let mut repaint = false;
    while let Some(effect) = jobs.next_queued(app) {
        repaint |= perform_all(vec![effect], app, performer, jobs);
    }
    // A key that waited for every card to be read goes ahead now.
    if !jobs.busy()
        && let Some(key) = app.take_replay()
    {
        let effects = app.handle_event(Event::Key(key));
        repaint |= perform_all(effects, app, performer, jobs);
    }
    repaint
}
