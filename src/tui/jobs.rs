//! Work that takes longer than a frame (loading the cards, an export, the
//! problems panel's look through every file) runs on a thread of its own,
//! so the screen keeps answering keys. A [`Job`] is the work and what to do
//! with its result back on the UI thread; [`Jobs`] runs one at a time and
//! queues the effects asked for meanwhile, so they happen in the order they
//! were asked, after it.

use super::app::App;
use super::effect::Effect;
use super::status::Busy;
use crate::store::fs::Progress;
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

/// What to do with a job's result, on the UI thread, with the app and the
/// performer (`P`) at hand.
pub type Finish<P> = Box<dyn FnOnce(&mut App, &mut P) + Send>;

/// Work for a thread of its own.
pub struct Job<P> {
    /// What the status line says while it runs ("Exporting 3 personas…").
    pub label: String,
    /// How far it is, when it can tell.
    pub progress: Option<Arc<Progress>>,
    /// Whether it writes files: quitting waits for such a job to finish,
    /// while one that only reads is simply left.
    pub writes: bool,
    work: Box<dyn FnOnce() -> Finish<P> + Send>,
}

impl<P> Job<P> {
    pub fn new(
        label: impl Into<String>,
        writes: bool,
        work: impl FnOnce() -> Finish<P> + Send + 'static,
    ) -> Job<P> {
        Job {
            label: label.into(),
            progress: None,
            writes,
            work: Box::new(work),
        }
    }

    pub fn with_progress(mut self, progress: Arc<Progress>) -> Job<P> {
        self.progress = Some(progress);
        self
    }
}

/// The job running (at most one), and the effects waiting for it.
pub struct Jobs<P> {
    send: Sender<Finish<P>>,
    done: Receiver<Finish<P>>,
    running: Option<bool>,
    queued: VecDeque<Effect>,
    /// Tests hold jobs back (not started) until [`Jobs::release`].
    hold: bool,
    held: Option<Job<P>>,
}

impl<P: 'static> Default for Jobs<P> {
    fn default() -> Self {
        Jobs::new()
    }
}

impl<P: 'static> Jobs<P> {
    pub fn new() -> Jobs<P> {
        let (send, done) = mpsc::channel();
        Jobs {
            send,
            done,
            running: None,
            queued: VecDeque::new(),
            hold: false,
            held: None,
        }
    }

    /// Jobs that do not start until [`Jobs::release`] (for tests: the
    /// screen as it is while the work runs, deterministically).
    pub fn held() -> Jobs<P> {
        Jobs {
            hold: true,
            ..Jobs::new()
        }
    }

    /// Whether a job runs (or is held).
    pub fn busy(&self) -> bool {
        self.running.is_some()
    }

    /// Whether a job is held back (tests).
    pub fn is_held(&self) -> bool {
        self.held.is_some()
    }

    /// Whether effects wait for the job running.
    pub fn has_queued(&self) -> bool {
        !self.queued.is_empty()
    }

    /// Whether the job running writes files.
    pub fn writing(&self) -> bool {
        self.running == Some(true)
    }

    /// Starts a job (none may be running); the status line says so.
    pub fn start(&mut self, job: Job<P>, app: &mut App) {
        debug_assert!(self.running.is_none(), "one job at a time");
        app.busy = Some(Busy {
            label: job.label.clone(),
            progress: job.progress.clone(),
        });
        self.running = Some(job.writes);
        if self.hold {
            self.held = Some(job);
        } else {
            self.spawn(job);
        }
    }

    fn spawn(&mut self, job: Job<P>) {
        let send = self.send.clone();
        let work = job.work;
        let label = job.label;
        std::thread::spawn(move || {
            // A job that failed must still end, or the app would wait for
            // it for ever.
            let finish = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
                .unwrap_or_else(|_| {
                    Box::new(move |app: &mut App, _: &mut P| {
                        app.warn(format!(
                            "{} stopped on an internal error; nothing else was changed.",
                            label.trim_end_matches('…')
                        ))
                    })
                });
            let _ = send.send(finish);
        });
    }

    /// Starts the job held back.
    pub fn release(&mut self) {
        if let Some(job) = self.held.take() {
            self.spawn(job);
        }
    }

    /// An effect asked for while a job runs: it waits its turn.
    pub fn queue(&mut self, effect: Effect, app: &mut App) {
        self.queued.push_back(effect);
        app.waiting = self.queued.len();
    }

    /// The next effect that waited, once no job runs.
    pub fn next_queued(&mut self, app: &mut App) -> Option<Effect> {
        if self.busy() {
            return None;
        }
        let next = self.queued.pop_front();
        app.waiting = self.queued.len();
        next
    }

    /// Takes in the result of the job, if it finished (waiting up to
    /// `wait` for it). Returns whether it did.
    pub fn collect(&mut self, app: &mut App, performer: &mut P, wait: Duration) -> bool {
        if self.running.is_none() || self.held.is_some() {
            return false;
        }
        let finish = if wait.is_zero() {
            self.done.try_recv().ok()
        } else {
            self.done.recv_timeout(wait).ok()
        };
        let Some(finish) = finish else {
            return false;
        };
        self.running = None;
        app.busy = None;
        finish(app, performer);
        true
    }

    /// Waits for the job running (releasing a held one) and takes in its
    /// result.
    pub fn finish(&mut self, app: &mut App, performer: &mut P) {
        self.release();
        while self.busy() {
            self.collect(app, performer, Duration::from_secs(3600));
        }
    }
}
