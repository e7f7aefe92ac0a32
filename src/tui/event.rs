//! Where input comes from: the real terminal, or a script in tests.

use ratatui::crossterm::event::{self, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent};
use std::collections::VecDeque;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

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

/// Ctrl-c pressed while the app was busy: long work (the filter over a
/// large workspace) checks it and stops, so the Ctrl-c is handled at once.
#[derive(Clone, Debug, Default)]
pub struct Interrupt(Arc<AtomicBool>);

impl Interrupt {
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    pub fn set(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn clear(&self) {
        self.0.store(false, Ordering::Relaxed);
    }
}

fn is_ctrl_c(event: &Event) -> bool {
    matches!(event, Event::Key(k) if k.code == KeyCode::Char('c')
        && k.modifiers.contains(KeyModifiers::CONTROL))
}

/// Lets another program have the terminal for a while (`$EDITOR`): the
/// reader stops reading until it is given back.
#[derive(Clone, Debug, Default)]
pub struct Pause(Arc<(AtomicBool, Mutex<()>)>);

impl Pause {
    /// Runs `f` with the reader stopped (it finishes the wait it is in).
    pub fn while_paused<T>(&self, f: impl FnOnce() -> T) -> T {
        let (paused, reading) = &*self.0;
        paused.store(true, Ordering::SeqCst);
        let guard = reading.lock();
        let out = f();
        drop(guard);
        paused.store(false, Ordering::SeqCst);
        out
    }
}

/// Events from the terminal, read by a thread of their own so that a
/// Ctrl-c pressed while the app works sets the [`Interrupt`] at once.
pub struct TerminalEvents {
    events: Receiver<io::Result<Event>>,
}

impl TerminalEvents {
    pub fn start(interrupt: Interrupt, pause: Pause) -> TerminalEvents {
        let (send, events) = mpsc::channel();
        std::thread::spawn(move || {
            let (paused, reading) = &*pause.0;
            loop {
                if paused.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(20));
                    continue;
                }
                let read = {
                    let Ok(_guard) = reading.lock() else { return };
                    match event::poll(Duration::from_millis(50)) {
                        Ok(true) => event::read().map(Some),
                        Ok(false) => Ok(None),
                        Err(e) => Err(e),
                    }
                };
                let found = match read {
                    Ok(None) => continue,
                    Ok(Some(e)) => match translate(e) {
                        Some(e) => Ok(e),
                        None => continue,
                    },
                    Err(e) => Err(e),
                };
                let failed = found.is_err();
                if found.as_ref().is_ok_and(is_ctrl_c) {
                    interrupt.set();
                }
                if send.send(found).is_err() || failed {
                    return;
                }
            }
        });
        TerminalEvents { events }
    }
}

impl EventSource for TerminalEvents {
    fn next(&mut self) -> io::Result<Option<Event>> {
        match self.events.recv() {
            Ok(found) => found.map(Some),
            Err(_) => Ok(None),
        }
    }

    fn next_within(&mut self, timeout: Duration) -> io::Result<Polled> {
        match self.events.recv_timeout(timeout) {
            Ok(found) => found.map(Polled::Event),
            Err(RecvTimeoutError::Timeout) => Ok(Polled::Timeout),
            Err(RecvTimeoutError::Disconnected) => Ok(Polled::End),
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
