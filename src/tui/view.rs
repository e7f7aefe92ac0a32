//! Drawing: a pure function of the app's state (a few `Cell`s remember
//! where things landed, for the mouse and for scrolling).

use super::app::{App, Screen};
use super::modal::Modal;
use super::screens::{
    browse, card, drafts, help, preview, problems, quotes, too_small, welcome, wizard,
};
use super::widgets::{dialog, footer};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

pub fn draw(app: &App, f: &mut Frame) {
    let area = f.area();
    if !too_small::fits(area) {
        too_small::draw(&app.theme, f, area);
        return;
    }
    let [main, bottom] = Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(area);
    match &app.screen {
        Screen::Welcome(state) => welcome::draw(app, state, f, main),
        Screen::Browse => browse::draw(app, f, main),
        Screen::Card(state) => card::draw(app, state, f, main),
        Screen::Preview(state) => preview::draw(app, state, f, main),
        Screen::Wizard(state) => wizard::draw(app, state, f, main),
        Screen::Drafts(state) => drafts::draw(app, state, f, main),
        Screen::Interviews(state) => super::screens::interviews::draw(app, state, f, main),
        Screen::Interview(state) => super::screens::interview::draw(app, state, f, main),
        Screen::Tally(state) => super::screens::tally::draw(app, state, f, main),
    }
    match &app.modal {
        None => {}
        Some(Modal::Help { context, scroll }) => help::draw(app, *context, *scroll, f, main),
        Some(Modal::Confirm(c)) => dialog::confirm(c, &app.theme, f, main),
        Some(Modal::Prompt(p)) => dialog::prompt(p, &app.theme, f, main),
        Some(Modal::Picker(p)) => dialog::picker(p, &app.theme, f, main),
        Some(Modal::Quotes { scroll }) => quotes::draw(app, *scroll, f, main),
        Some(Modal::Problems { scroll }) => problems::draw(app, *scroll, f, main),
        Some(Modal::Conflict(c)) => dialog::conflict(c, app, f, main),
    }
    footer::draw(app, f, bottom);
}
