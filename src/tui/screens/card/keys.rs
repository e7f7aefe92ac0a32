//! The card's keys.

use crate::tui::keys::{Context, Row, table};

pub const KEYS: &[(Context, &[Row])] = &[(
    Context::Card,
    table! {
        Up "up k" show "move" "Previous attribute";
        Down "down j" show "move" "Next attribute";
        PageUp "pgup" help "page" "One page up";
        PageDown "pgdn" help "page" "One page down";
        Top "home g" help "top" "First attribute";
        Bottom "end G" help "bottom" "Last attribute";
        Quotes "enter o" show "quotes" "Show the quotes behind the attribute";
        Evidence "i" show "interview" "Open the interview a quote of the attribute comes from";
        Back "esc q" show "back" "Go back";
        Edit "e" show "edit" "Edit this card with the wizard, starting at the selected attribute";
        Delete "d" show "delete" "Delete the card (asks first; u undoes)";
        Export "x" show "export" "Export the card to a markdown file";
        Preview "p" help "preview" "Preview the card as markdown";
        Rename "r" help "rename" "Rename (the id and file follow)";
        Duplicate "c" help "copy" "Duplicate this persona";
        Move "m" help "move to" "Move this persona to another ICP";
        Undo "u" help "undo" "Undo the last delete";
        Outreach "O" help "outreach" "This persona's outreach: messaging matrix, templates previewed for real leads";
        History "l" show "history" "Who changed this card and when (from git)";
        Customers "b" show "best customers" "The ICP's best customers, and how they differ from all customers";
        Scoring "f" help "fit scoring" "Fit scoring of this ICP (or the persona's): its rules, a lead file scored, the back-test";
    },
)];
