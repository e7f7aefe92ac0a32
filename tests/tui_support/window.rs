//! A real workspace folder and an app window on it, whose effects are
//! performed on the disk as the runner would.

use super::buffer_text;
use persona::store::{FsStore, Store};
use persona::tui::app::{App, Setup};
use persona::tui::effect::Effect;
use persona::tui::event::Event;
use persona::tui::keys::script;
use persona::tui::perform::{Perform, Performer};
use std::path::Path;

/// One window: the app and its performer on the folder.
pub struct Window {
    pub app: App,
    pub performer: Performer<FsStore>,
}

impl Window {
    pub fn open(root: &Path) -> Window {
        let mut performer = Performer::on_disk(root);
        let loaded = performer.store.load().unwrap();
        let mut app = App::new(loaded, Setup::for_tests());
        app.offer_drafts(performer.drafts.list());
        Window { app, performer }
    }

    /// Presses keys; effects are performed as the runner would.
    pub fn press(&mut self, keys: &str) -> Vec<Effect> {
        let mut all = Vec::new();
        for key in script(keys) {
            for effect in self.app.handle_event(Event::Key(key)) {
                all.push(effect.clone());
                let msg = self.performer.perform(effect, &self.app.workspace);
                self.app.handle_msg(msg);
            }
        }
        all
    }

    /// The runner's timed draft write.
    pub fn tick(&mut self) {
        for effect in self.app.flush_draft() {
            let msg = self.performer.perform(effect, &self.app.workspace);
            self.app.handle_msg(msg);
        }
    }

    pub fn toast(&self) -> String {
        self.app
            .toast
            .as_ref()
            .map(|t| t.text.clone())
            .unwrap_or_default()
    }

    pub fn screen(&self) -> String {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
        terminal
            .draw(|f| persona::tui::app::view::draw(&self.app, f))
            .unwrap();
        buffer_text(terminal.backend().buffer())
    }
}

/// A fresh copy of the demo workspace in a temporary folder (`ws` in it).
pub fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    FsStore::init(root.clone(), "Drafts test", true).unwrap();
    (dir, root)
}
