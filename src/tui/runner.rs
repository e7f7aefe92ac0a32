//! The loop: draw, wait for an event, update, perform effects, repeat.
//! Generic over the backend and the event source, so tests drive it
//! headless with `TestBackend` and a script.

use super::app::App;
use super::app::view;
use super::event::{Event, EventSource, Polled};
use super::perform::Perform;
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::time::{Duration, Instant};

pub fn run<B: Backend, E: EventSource, P: Perform>(
    terminal: &mut Terminal<B>,
    events: &mut E,
    app: &mut App,
    performer: &mut P,
) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("The terminal stopped working: {e}.");
    // Wizard drafts are written this long after the last change.
    const DRAFT_DELAY: Duration = Duration::from_secs(1);
    let mut seen = app.draft_version;
    let mut written = app.draft_version;
    let mut last_change = Instant::now();
    loop {
        terminal
            .draw(|f| view::draw(app, f))
            .map_err(|e| fail(&e))?;
        if app.quit {
            return Ok(());
        }
        // With the frame on screen, get the filter ready while the person
        // reads it (the first frame does not wait for this).
        app.index.get(&app.workspace);
        let event = if written != app.draft_version {
            let wait = DRAFT_DELAY.saturating_sub(last_change.elapsed());
            match events.next_within(wait).map_err(|e| fail(&e))? {
                Polled::Event(event) => event,
                Polled::End => return Ok(()),
                Polled::Timeout => {
                    written = app.draft_version;
                    for effect in app.flush_draft() {
                        let msg = performer.perform(effect, &app.workspace);
                        app.handle_msg(msg);
                    }
                    continue;
                }
            }
        } else {
            match events.next().map_err(|e| fail(&e))? {
                Some(event) => event,
                None => return Ok(()),
            }
        };
        if let Event::Resize(..) = event {
            terminal.autoresize().map_err(|e| fail(&e))?;
        }
        for effect in app.handle_event(event) {
            let msg = performer.perform(effect, &app.workspace);
            // An external editor drew over the screen: repaint all of it.
            let repaint = matches!(msg, super::effect::Msg::Edited { .. });
            app.handle_msg(msg);
            if repaint {
                terminal.clear().map_err(|e| fail(&e))?;
            }
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
