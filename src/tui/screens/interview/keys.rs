//! The interview screen's keys: reading the notes, editing them, the
//! highlights, the guided pass and the tag picker.

use crate::tui::keys::{Context, Row, table};

pub const KEYS: &[(Context, &[Row])] = &[
    (
        Context::Notes,
        table! {
            Up "up" show "move" "Move the cursor up";
            Down "down" show "move" "Move the cursor down";
            Left "left" show "move" "Move the cursor left";
            Right "right" show "move" "Move the cursor right";
            WordLeft "ctrl-left" help "word" "A word to the left";
            WordRight "ctrl-right" help "word" "A word to the right";
            LineStart "home" help "line" "Start of the line";
            LineEnd "end" help "line" "End of the line";
            PageUp "pgup" help "paragraph" "Previous paragraph";
            PageDown "pgdn" help "paragraph" "Next paragraph";
            ExtendUp "shift-up" help "select" "Select upwards";
            ExtendDown "shift-down" help "select" "Select downwards";
            ExtendLeft "shift-left" help "select" "Select to the left";
            ExtendRight "shift-right" help "select" "Select to the right";
            Select "v" show "select" "Start or stop selecting a passage (then move)";
            Highlight "h" show "highlight" "Highlight the selection, or the current line, and tag it";
            HighlightParagraph "H" help "paragraph" "Highlight the current paragraph and tag it";
            Edit "e" show "edit" "Edit the notes here";
            ExternalEdit "E" help "$EDITOR" "Edit the notes in $EDITOR (or $VISUAL)";
            Guided "r" show "review" "Guided pass: paragraph by paragraph, tag, split or skip";
            SwitchPane "tab" show "highlights" "Go to the highlights";
            Metadata "m" help "details" "Edit the details (who, when, source) with the wizard";
            Save "ctrl-s" help "save" "Save the notes";
            Back "esc q" show "back" "Back (asks about unsaved notes)";
        },
    ),
    (
        Context::NotesEditing,
        table! {
            Save "ctrl-s" show "save" "Save the notes";
            Back "esc" show "done" "Stop editing (the notes stay unsaved until Ctrl-s)";
            UndoEdit "ctrl-z" show "undo" "Undo";
            RedoEdit "ctrl-y" show "redo" "Redo";
            ExternalEdit "ctrl-e" help "$EDITOR" "Continue in $EDITOR";
        },
    ),
    (
        Context::Highlights,
        table! {
            Up "up k" show "move" "Previous highlight";
            Down "down j" show "move" "Next highlight";
            Open "enter" show "show" "Show the highlight in the notes";
            Tag "t" show "retag" "Change the highlight's tags";
            Delete "d" show "remove" "Remove the highlight (warns when something cites it)";
            CitedBy "c" help "cited by" "Say which ICP and persona attributes cite it";
            SwitchPane "tab" show "notes" "Back to the notes";
            Back "esc q" help "back" "Back (asks about unsaved notes)";
        },
    ),
    (
        Context::Guided,
        table! {
            Tag "t" show "tag" "Tag the whole paragraph as a highlight, then go on";
            Highlight "h" show "split" "Highlight only the selection (Shift+arrows) or the current line";
            Skip "n space" show "skip" "Nothing to tag here: mark it reviewed and go on";
            PreviousParagraph "b" show "back" "Previous paragraph";
            Select "v" help "select" "Start or stop selecting";
            Up "up" help "move" "Move the cursor up";
            Down "down" help "move" "Move the cursor down";
            Left "left" help "move" "Move the cursor left";
            Right "right" help "move" "Move the cursor right";
            ExtendUp "shift-up" help "select" "Select upwards";
            ExtendDown "shift-down" help "select" "Select downwards";
            ExtendLeft "shift-left" help "select" "Select to the left";
            ExtendRight "shift-right" help "select" "Select to the right";
            Back "esc q" show "stop" "End the guided pass";
        },
    ),
    (
        Context::TagPicker,
        table! {
            Up "up" show "move" "Previous tag";
            Down "down" show "move" "Next tag";
            Mark "tab" show "mark" "Mark or unmark a tag (for several tags)";
            Confirm "enter" show "done" "Use the marked tags and the one typed (or under the cursor)";
            Cancel "esc" show "cancel" "Cancel";
        },
    ),
];
