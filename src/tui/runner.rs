//! The loop: draw, wait for an event, update, perform effects, repeat.
//! Generic over the backend and the event source, so tests drive it
//! headless with `TestBackend` and a script.

use super::app::App;
use super::effect::Perform;
use super::event::{Event, EventSource};
use super::view;
use ratatui::Terminal;
use ratatui::backend::Backend;

pub fn run<B: Backend, E: EventSource, P: Perform>(
    terminal: &mut Terminal<B>,
    events: &mut E,
    app: &mut App,
    performer: &mut P,
) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("The terminal stopped working: {e}.");
    loop {
        terminal
            .draw(|f| view::draw(app, f))
            .map_err(|e| fail(&e))?;
        if app.quit {
            return Ok(());
        }
        let Some(event) = events.next().map_err(|e| fail(&e))? else {
            return Ok(());
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
    }
}
