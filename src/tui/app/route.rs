//! Input to the app: keys through the one router to the popup or the screen
//! on top, pastes to what is being typed into, the mouse.

use super::{App, Screen};
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::event::Event;
use crate::tui::keys::Route;
use crate::tui::modal::{Answer, Modal};
use crate::tui::out::Out;
use crate::tui::screens::wizard::Phase;
use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEventKind};
use ratatui::layout::Position;

impl App {
    /// One event in, the effects to perform out.
    pub fn handle_event(&mut self, event: Event) -> Vec<Effect> {
        let effects = self.route_event(event);
        // A card that came on screen is read now, before the frame.
        self.fetch_shown();
        self.as_read(effects)
    }

    fn route_event(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Key(key) => self.handle_key(key),
            Event::Mouse(mouse) => {
                let pos = Position::new(mouse.column, mouse.row);
                match mouse.kind {
                    MouseEventKind::ScrollDown => self.scroll_at(pos, Action::Down),
                    MouseEventKind::ScrollUp => self.scroll_at(pos, Action::Up),
                    MouseEventKind::Down(MouseButton::Left) => {
                        self.click(pos);
                        Vec::new()
                    }
                    _ => Vec::new(),
                }
            }
            Event::Resize(..) => Vec::new(),
            Event::Paste(text) => self.paste(&text),
        }
    }

    fn paste(&mut self, text: &str) -> Vec<Effect> {
        if let Some(modal) = self.modal.as_mut() {
            if let Some(input) = modal.input() {
                input.insert(text);
            }
            return Vec::new();
        }
        let out = self.screen.paste(&mut self.browse, text, &ctx!(self));
        self.apply(out)
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        self.toast = None;
        // This key may be the Ctrl-c that stopped the last long work.
        self.interrupt.clear();
        let context = self.context();
        let route = self.keymaps.route(context, &key);
        if let Route::Action(action) = route
            && self.modal.is_none()
            && let Some(refused) = self.not_ready_for(action, key)
        {
            return refused;
        }
        match route {
            Route::Action(Action::Quit) => self.quit_asked(),
            Route::Action(Action::Help) if !matches!(self.modal, Some(Modal::Help { .. })) => {
                self.modal = Some(Modal::Help { context, scroll: 0 });
                Vec::new()
            }
            Route::Action(action) => self.update(action),
            Route::Text => {
                if let Some(modal) = self.modal.as_mut() {
                    if let Some(input) = modal.input() {
                        input.handle(&key);
                    }
                    return Vec::new();
                }
                let out = self.screen.typed(&mut self.browse, &key, &ctx!(self));
                self.apply(out)
            }
            Route::Unbound => Vec::new(),
        }
    }

    /// An action in the current context: the popup's, or the screen's.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let page = ctx!(self).page(false);
        let Some(modal) = self.modal.as_mut() else {
            let out = self.screen.update(&mut self.browse, action, &ctx!(self));
            return self.apply(out);
        };
        match modal.update(action, page) {
            Answer::Open => Vec::new(),
            Answer::Closed(message) => {
                self.modal = None;
                if let Some(message) = message {
                    self.say(message);
                }
                Vec::new()
            }
            Answer::Chosen(pending, input) => {
                self.modal = None;
                let out = self
                    .screen
                    .finish(&mut self.browse, pending, input, &ctx!(self));
                self.apply(out)
            }
            Answer::Conflict(choice) => self.conflict_choice(choice),
        }
    }

    /// Quit (`q` at the top, Ctrl-c anywhere): screens with unsaved work
    /// get their say first (a wizard writes its draft, notes ask twice).
    fn quit_asked(&mut self) -> Vec<Effect> {
        let mut out: Vec<Out> = Vec::new();
        let mut now = true;
        for screen in std::iter::once(&mut self.screen).chain(self.stack.iter_mut().rev()) {
            let (ok, said) = match screen {
                Screen::Wizard(w) => w.quit(),
                Screen::Interview(s) => s.quit(),
                _ => (true, Vec::new()),
            };
            out.extend(said);
            if !ok {
                now = false;
                break;
            }
        }
        if now {
            self.quit = true;
        }
        self.apply(out)
    }

    fn scroll_at(&mut self, pos: Position, action: Action) -> Vec<Effect> {
        if self.modal.is_none() && matches!(self.screen, Screen::Browse) {
            let areas = self.areas.get();
            if areas.preview.contains(pos) {
                self.browse.scroll_preview(action == Action::Down, 3);
                return Vec::new();
            }
        }
        let mut effects = Vec::new();
        for _ in 0..3 {
            effects.extend(self.update(action));
        }
        effects
    }

    fn click(&mut self, pos: Position) {
        if self.modal.is_some() {
            return;
        }
        let areas = self.areas.get();
        match &mut self.screen {
            Screen::Browse => {
                if areas.list.contains(pos) {
                    let row = (pos.y - areas.list.y) as usize + self.browse.offset.get();
                    self.browse.select_row(row, &self.workspace);
                    self.browse.focus_list();
                } else if areas.preview.contains(pos) {
                    self.browse.focus_preview();
                }
            }
            Screen::Welcome(state) if areas.choices.contains(pos) => {
                state.click(pos.y - areas.choices.y);
            }
            _ => {}
        }
    }
}

impl App {
    /// While the workspace holds stand-ins (the cards are still being read,
    /// or come on demand), only what needs no card, or only the card on
    /// screen, works: moving, filtering, sorting, help, quitting, and
    /// reading the card shown. Anything else is refused (`Some`) with a
    /// sentence saying why and for how long; with cards on demand, that
    /// also starts reading every card.
    fn not_ready_for(&mut self, action: Action, key: KeyEvent) -> Option<Vec<Effect>> {
        use Action::*;
        if self.loading.is_none() && self.on_demand.is_none() {
            return None;
        }
        if matches!(
            action,
            Up | Down
                | PageUp
                | PageDown
                | Top
                | Bottom
                | Filter
                | ClearFilter
                | SwitchPane
                | Sort
                | Back
                | Cancel
                | Help
                | Quit
        ) {
            return None;
        }
        if self.on_demand.is_some() {
            // The wizard opens on demand on a card read in full, or for a
            // new card, with every interview's quotes (see
            // `changes_one_card`): its choices and questions need nothing
            // more. A draft carried on with may edit any card: that reads
            // every card first.
            // The best customers and the history of a card open on demand
            // too, on one card read in full; the tally of an ICP counts its
            // interviews' tags, which reads every card first.
            let asking = match &self.screen {
                Screen::Wizard(w) => match &w.phase {
                    Phase::Fill(_) => true,
                    Phase::Choose(choose) => !(action == Action::Open && choose.on_draft()),
                },
                Screen::Customers(_) => action != Action::Tally,
                Screen::History(_) => true,
                // Drafts offered at the start: carrying on with one may
                // edit any card; throwing one away needs none.
                Screen::Drafts(_) => action != Action::Resume,
                _ => false,
            };
            if let Some(effects) = self.quotes_on_a_thread(action, key) {
                return Some(effects);
            }
            if asking || self.changes_one_card(action) {
                return None;
            }
            // Reading the card on screen: it is held (it was read when it
            // was shown), or it is read now, or it could not be read.
            let reads = matches!(
                (&self.screen, action),
                (Screen::Browse, Open | Preview) | (Screen::Card(_), Quotes | Preview)
            );
            if reads {
                // Nothing shown to read: nothing to wait for (`None`).
                let shown = self.shown_card()?;
                // The markdown of an ICP has its personas in full.
                if self.fetch(&shown, action == Preview) {
                    return None;
                }
                if self.toast.is_none() {
                    self.warn(format!(
                        "The {} `{}` could not be read from its file.",
                        shown.kind.label(),
                        crate::text::line(&shown.id)
                    ));
                }
                return Some(Vec::new());
            }
            let cards = self.on_demand.as_ref()?;
            let start = !cards.reading_all;
            let read = self.busy.as_ref().and_then(|b| b.progress.as_deref());
            let so_far = match read.map(|p| p.get()) {
                Some((done, total)) if total > 0 && !start => format!(
                    " ({} of {} read)",
                    crate::tui::status::thousands(done),
                    crate::tui::status::thousands(total)
                ),
                _ => String::new(),
            };
            let still = if self.shown_card().is_some() {
                "this card is still on screen"
            } else {
                "this screen is still open"
            };
            self.warn(format!(
                "That needs every card, so they are being read now{so_far}; it goes ahead when they are in, if {still}. Moving, filtering and reading cards work meanwhile."
            ));
            self.wait_with(key);
            if start && let Some(cards) = self.on_demand.as_mut() {
                cards.reading_all = true;
                return Some(vec![Effect::ReadAll]);
            }
            return Some(Vec::new());
        }
        let (done, total) = self.loading.as_deref().map_or((0, 0), |p| p.get());
        let left = if total > 0 {
            format!(
                " ({} of {} read)",
                crate::tui::status::thousands(done),
                crate::tui::status::thousands(total)
            )
        } else {
            String::new()
        };
        self.warn(format!(
            "Still reading the cards{left}: that goes ahead when they are all loaded, if this is still on screen; moving and filtering by name work now."
        ));
        self.wait_with(key);
        Some(Vec::new())
    }

    /// Keeps `key`, refused until every card is in, to be pressed again
    /// then (the last such key wins).
    fn wait_with(&mut self, key: KeyEvent) {
        self.replay = Some(Replay {
            key,
            context: self.context(),
            shown: self.shown_card(),
            quotes: false,
        });
    }

    /// Keeps `key`, waiting for every interview's quotes, to be pressed
    /// again once they are in (see [`App::quotes_on_a_thread`]).
    pub(crate) fn wait_for_quotes(&mut self, key: KeyEvent) {
        self.wait_with(key);
        if let Some(replay) = self.replay.as_mut() {
            replay.quotes = true;
        }
    }

    /// The key refused while every card was being read, once they are all
    /// in and the app still shows what it showed when it was pressed (the
    /// same screen, no popup, the same card): the runner presses it again,
    /// so a person presses it once. `None` while they are still being
    /// read, or when the app moved on meanwhile (the key is then dropped,
    /// and the sentence that every card is in says it may be pressed).
    pub fn take_replay(&mut self) -> Option<KeyEvent> {
        let reading = self.loading.is_some()
            || self
                .on_demand
                .as_ref()
                .is_some_and(|cards| cards.reading_all || cards.reading_quotes);
        if reading {
            return None;
        }
        let replay = self.replay.take()?;
        // Quotes are read with cards still on demand; every card, to
        // hold them all.
        let ready = replay.quotes || self.on_demand.is_none();
        let same = ready
            && self.modal.is_none()
            && self.context() == replay.context
            && self.shown_card() == replay.shown;
        same.then_some(replay.key)
    }
}

/// A key refused while every card was being read, with what the app
/// showed when it was pressed.
pub(crate) struct Replay {
    key: KeyEvent,
    context: crate::tui::keys::Context,
    shown: Option<crate::domain::EntityRef>,
    /// Whether it waits for every interview's quotes, not every card.
    quotes: bool,
}
