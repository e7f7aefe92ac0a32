//! The popups' key tables.

use crate::tui::keys::{Context, Row, table};

pub const KEYS: &[(Context, &[Row])] = &[
    (
        Context::Quotes,
        table! {
            Up "up k" show "scroll" "Scroll up";
            Down "down j" show "scroll" "Scroll down";
            PageUp "pgup" help "page" "One page up";
            PageDown "pgdn" help "page" "One page down";
            Back "esc enter q" show "close" "Close the quotes";
        },
    ),
    (
        Context::Help,
        table! {
            Up "up k" show "scroll" "Scroll up";
            Down "down j" show "scroll" "Scroll down";
            PageUp "pgup" help "page" "One page up";
            PageDown "pgdn" help "page" "One page down";
            Back "esc q" show "close" "Close the help (F1 or ? too)";
        },
    ),
    (
        Context::Report,
        table! {
            Up "up k" show "scroll" "Scroll up";
            Down "down j" show "scroll" "Scroll down";
            PageUp "pgup" help "page" "One page up";
            PageDown "pgdn" help "page" "One page down";
            Back "esc q enter" show "close" "Close the report";
        },
    ),
    (
        Context::Confirm,
        table! {
            Confirm "y enter" show "yes" "Yes, do it";
            Cancel "n esc" show "no" "No, leave it";
        },
    ),
    (
        Context::Prompt,
        table! {
            Confirm "enter" show "ok" "Accept what is typed";
            Cancel "esc" show "cancel" "Cancel";
        },
    ),
    (
        Context::Picker,
        table! {
            Up "up k" show "move" "Previous choice";
            Down "down j" show "move" "Next choice";
            Confirm "enter" show "choose" "Choose";
            Cancel "esc q" show "cancel" "Cancel";
        },
    ),
    (
        Context::Conflict,
        table! {
            Reload "r" show "reload" "Reload: take the version on disk (the wizard keeps your answers in its draft)";
            Overwrite "o" show "overwrite" "Overwrite: save your version over the one on disk";
            SaveCopy "c" show "save as copy" "Save your version as a copy, under a new name, next to theirs";
            Cancel "esc" show "decide later" "Close without saving; saving again asks again";
        },
    ),
];
