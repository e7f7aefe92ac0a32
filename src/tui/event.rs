//! Where input comes from: the real terminal, or a script in tests.

use ratatui::crossterm::event::{self, KeyEvent, KeyEventKind, MouseEvent};
use std::collections::VecDeque;
use std::io;
use std::time::{Duration, Instant};

/// The input the app reacts to. Key releases, focus changes and the like
/// are dropped before they get here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Paste(String),
}

/// A source of events; `None` means there will be no more (a finished script).
pub trait EventSource {
    fn next(&mut self) -> io::Result<Option<Event>>;

    /// Like `next`, but gives up after `timeout` (so the app can write a
    /// draft once typing stops). Sources that cannot wait just return the
    /// next event.
    fn next_within(&mut self, timeout: Duration) -> io::Result<Polled> {
        let _ = timeout;
        Ok(match self.next()? {
            Some(event) => Polled::Event(event),
            None => Polled::End,
        })
    }
}

/// What waiting with a timeout found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Polled {
    Event(Event),
    Timeout,
    End,
}

/// The terminal events the app reacts to: key presses (not releases or
/// repeats reported as their own kind), mouse, resize and paste.
fn translate(event: event::Event) -> Option<Event> {
    match event {
        event::Event::Key(key) if key.kind == KeyEventKind::Press => Some(Event::Key(key)),
        event::Event::Mouse(mouse) => Some(Event::Mouse(mouse)),
        event::Event::Resize(w, h) => Some(Event::Resize(w, h)),
        event::Event::Paste(text) => Some(Event::Paste(text)),
        _ => None,
    }
}

/// Events from the terminal through crossterm.
pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next(&mut self) -> io::Result<Option<Event>> {
        loop {
            let Some(found) = translate(event::read()?) else {
                continue;
            };
            return Ok(Some(found));
        }
    }

    fn next_within(&mut self, timeout: Duration) -> io::Result<Polled> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if !event::poll(left)? {
                return Ok(Polled::Timeout);
            }
            let Some(found) = translate(event::read()?) else {
                continue;
            };
            return Ok(Polled::Event(found));
        }
    }
}

/// A fixed list of events, for headless sessions in tests.
pub struct ScriptedEvents(pub VecDeque<Event>);

impl ScriptedEvents {
    pub fn new(events: impl IntoIterator<Item = Event>) -> ScriptedEvents {
        ScriptedEvents(events.into_iter().collect())
    }
}

impl EventSource for ScriptedEvents {
    fn next(&mut self) -> io::Result<Option<Event>> {
        Ok(self.0.pop_front())
    }
}
