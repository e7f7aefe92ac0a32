//! Browse's keys, and the filter's while it is typed.

use crate::tui::keys::{Context, Row, table};

pub const KEYS: &[(Context, &[Row])] = &[
    (
        Context::Browse,
        table! {
            Up "up k" show "move" "Move up";
            Down "down j" show "move" "Move down";
            PageUp "pgup" help "page" "One page up";
            PageDown "pgdn" help "page" "One page down";
            Top "home g" help "top" "Go to the top";
            Bottom "end G" help "bottom" "Go to the bottom";
            Open "enter right" show "open" "Open the card of the selection";
            Filter "/" show "filter" "Filter by name or anything written in a card";
            ClearFilter "esc" help "clear filter" "Clear the filter";
            SwitchPane "tab" show "pane" "Switch between the list and the card preview";
            Sort "s" help "sort" "Sort by name or by last update";
            New "n" show "new" "New ICP, persona (in the selected ICP) or interview, with the wizard; or carry on with a draft";
            Delete "d" show "delete" "Delete the selected item (asks first; u undoes)";
            Export "x" show "export" "Export the selection to a markdown file";
            Preview "p" help "preview" "Preview the selection as markdown";
            Rename "r" help "rename" "Rename the selection (its id and file follow)";
            Duplicate "c" help "copy" "Duplicate the selected persona";
            Move "m" help "move to" "Move the selected persona to another ICP";
            Undo "u" help "undo" "Undo the last delete";
            Outreach "O" help "outreach" "The selected persona's outreach: messaging matrix, templates previewed for real leads";
            Interviews "i" help "interviews" "Interview notes: highlight, tag, import, tally";
            Insights "o" help "insights" "Outcomes per persona, ICP tier and template: rates, sample sizes, trends";
            Scoring "f" help "fit scoring" "Fit scoring of the selected ICP: its rules, a lead file scored, the back-test";
            Drafts "w" help "drafts" "Unsaved wizard work: resume or discard a draft";
            Problems "!" help "problems" "Problems: files that did not load, merge conflicts to settle, personal details";
            Quit "q" show "quit" "Quit persona";
        },
    ),
    (
        Context::Filter,
        table! {
            Up "up" show "move" "Move up while typing";
            Down "down" show "move" "Move down while typing";
            Open "enter" show "open" "Open the selected match";
            SwitchPane "tab" show "keep" "Keep the filter and go back to the list";
            ClearFilter "esc" show "clear" "Clear the filter";
        },
    ),
];
