//! Drawing: a pure function of the app's state (a few `Cell`s remember
//! where things landed, for the mouse and for paging).

use super::App;
use crate::tui::modal::Modal;
use crate::tui::screens::{help, quotes, report, too_small};
use crate::tui::widgets::{dialog, footer};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

pub fn draw(app: &App, f: &mut Frame) {
    let area = f.area();
    if !too_small::fits(area) {
        too_small::draw(&app.theme, f, area);
        return;
    }
    let ctx = ctx!(app);
    // Work running on another thread keeps its line above the message of
    // the last key.
    let status = match (&app.busy, &app.toast) {
        (Some(busy), toast) => Some(footer::Toast {
            text: match toast {
                Some(t) => format!("{} · {}", busy.line(app.waiting), t.text),
                None => busy.line(app.waiting),
            },
            error: toast.as_ref().is_some_and(|t| t.error),
        }),
        (None, toast) => toast.clone(),
    };
    let footer_height = footer::height(status.as_ref(), area.width);
    let [main, bottom] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(footer_height)]).areas(area);
    app.screen
        .draw(&app.browse, f, main, &ctx, app.modal.is_some());
    match &app.modal {
        None => {}
        Some(Modal::Help { context, scroll }) => {
            let typing = app.screen.typing_help();
            help::draw(&ctx, *context, &typing, *scroll, f, main)
        }
        Some(Modal::Confirm(c)) => dialog::confirm(c, &app.theme, f, main),
        Some(Modal::Prompt(p)) => dialog::prompt(p, &app.theme, f, main),
        Some(Modal::Picker(p)) => dialog::picker(p, &app.theme, f, main),
        Some(Modal::Quotes { item, scroll }) => quotes::draw(&ctx, item, *scroll, f, main),
        Some(Modal::Problems { scroll, report }) => {
            report::draw(&ctx, report.as_deref(), *scroll, f, main)
        }
        Some(Modal::Conflict(c)) => {
            dialog::conflict(c, app.reload_hint(), &app.keymaps, &app.theme, f, main)
        }
    }
    let entries = app.keymaps.footer(app.context());
    footer::draw(&app.theme, status.as_ref(), &entries, f, bottom);
}
