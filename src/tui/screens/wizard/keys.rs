//! The wizard's keys: choosing, answering (one line or long text), the
//! evidence, its filter, the review and the list of every question.

use crate::tui::keys::{Context, Row, table};

pub const KEYS: &[(Context, &[Row])] = &[
    (
        Context::WizardChoose,
        table! {
            Up "up k" show "choose" "Previous choice";
            Down "down j" show "choose" "Next choice";
            Open "enter" show "go on" "Take the choice";
            Back "esc" show "cancel" "Cancel";
            Quit "q" show "quit" "Quit persona";
        },
    ),
    (
        Context::Wizard,
        table! {
            Next "enter ctrl-n pgdn" show "next" "Accept the answer and go to the next question (in a list: add the typed item first)";
            Previous "ctrl-b pgup" show "back" "Back to the previous question";
            Skip "ctrl-k" show "skip" "Skip this question for now (a required one is asked again before saving)";
            Overview "ctrl-o" show "all questions" "List every question with its state, and jump to any";
            Save "ctrl-s" show "review" "Review the whole card, then save it";
            SwitchPane "tab" show "evidence" "Go to the evidence: quotes whose tags feed this question";
            Back "esc" show "leave" "Leave the wizard (what you typed stays in a draft)";
            MoveItemUp "alt-up" help "move up" "In a list: move the picked item up";
            MoveItemDown "alt-down" help "move down" "In a list: move the picked item down";
            RemoveItem "ctrl-d" help "remove" "In a list: remove the picked item";
        },
    ),
    (
        Context::WizardText,
        table! {
            Next "ctrl-n pgdn" show "next" "Accept the answer and go to the next question (Enter starts a new line)";
            Previous "ctrl-b pgup" show "back" "Back to the previous question";
            Skip "ctrl-k" show "skip" "Skip this question for now (a required one is asked again before saving)";
            Overview "ctrl-o" show "all questions" "List every question with its state, and jump to any";
            Save "ctrl-s" show "review" "Review the whole card, then save it";
            SwitchPane "tab" show "evidence" "Go to the evidence: quotes whose tags feed this question";
            Back "esc" show "leave" "Leave the wizard (what you typed stays in a draft)";
        },
    ),
    (
        Context::WizardEvidence,
        table! {
            Up "up k" show "move" "Previous quote";
            Down "down j" show "move" "Next quote";
            Cite "c enter" show "cite" "Cite the quote for the current answer (press again to take it back)";
            QuoteAsItem "a" show "add as answer" "Add the quote's words as an answer that cites it";
            SwitchPane "tab esc" show "answer" "Back to the answer";
            Filter "/" show "filter" "Filter all quotes by a word (this question's first)";
            Next "ctrl-n pgdn" show "next" "Go to the next question";
            Previous "ctrl-b pgup" show "back" "Back to the previous question";
            Skip "ctrl-k" help "skip" "Skip this question for now";
            Overview "ctrl-o" help "all questions" "List every question with its state, and jump to any";
            Save "ctrl-s" help "review" "Review the whole card, then save it";
        },
    ),
    (
        Context::WizardFilter,
        table! {
            Up "up" show "move" "Previous quote";
            Down "down" show "move" "Next quote";
            Open "enter tab" show "keep" "Keep the filter and pick a quote";
            ClearFilter "esc" show "clear" "Clear the filter";
        },
    ),
    (
        Context::WizardReview,
        table! {
            Up "up k" show "scroll" "Scroll up";
            Down "down j" show "scroll" "Scroll down";
            PageUp "pgup" help "page" "One page up";
            PageDown "pgdn" help "page" "One page down";
            Save "ctrl-s enter" show "save" "Save the card";
            Previous "ctrl-b backspace" show "back" "Back to the last question";
            Overview "ctrl-o o" show "all questions" "List every question with its state, and jump to any";
            Back "esc" show "leave" "Leave the wizard (what you typed stays in a draft)";
        },
    ),
    (
        Context::WizardOverview,
        table! {
            Up "up k" show "move" "Previous question";
            Down "down j" show "move" "Next question";
            Open "enter" show "go to" "Go to the question";
            Back "esc ctrl-o q" show "close" "Close the list";
        },
    ),
];
