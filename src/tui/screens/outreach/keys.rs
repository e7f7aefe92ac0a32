//! The outreach screen's keys: looking through templates and leads, and
//! editing a template's body.

use crate::tui::keys::{Context, Row, table};

pub const KEYS: &[(Context, &[Row])] = &[
    (
        Context::Outreach,
        table! {
            Next "right l ]" show "next lead" "Preview the next lead of the lead file";
            Previous "left h [" help "previous lead" "Preview the previous lead";
            SwitchPane "tab" show "template" "Next outreach template of this persona";
            PreviousField "shift-tab" help "previous template" "Previous outreach template";
            Import "o" show "leads" "Open a lead file (CSV from Apollo, HubSpot, any CRM) to preview against";
            Edit "e" show "edit" "Edit the template's body here (Tab completes a token)";
            EditSubject "s" help "subject" "Edit the template's subject line";
            ExternalEdit "E" help "$EDITOR" "Edit the template's body in $EDITOR (or $VISUAL)";
            Save "ctrl-s" help "save" "Save the template (atomically; never over a change made meanwhile)";
            New "n" help "new" "New outreach template for this persona";
            EditMatrix "m" show "matrix" "Edit the persona's messaging matrix (the wizard's last step)";
            Reload "r" help "reload" "Read the templates and the lead file again (unsaved edits are lost)";
            Up "up k" help "scroll" "Scroll up";
            Down "down j" help "scroll" "Scroll down";
            Back "esc q" show "back" "Back (asks once about unsaved edits)";
        },
    ),
    (
        Context::OutreachEditing,
        table! {
            Complete "tab" show "complete" "Complete the token name being typed after {{ (again: the next name)";
            Save "ctrl-s" show "save" "Save the template";
            Back "esc" show "done" "Stop editing (the template stays unsaved until Ctrl-s)";
            UndoEdit "ctrl-z" help "undo" "Undo";
            RedoEdit "ctrl-y" help "redo" "Redo";
            ExternalEdit "ctrl-e" help "$EDITOR" "Continue in $EDITOR";
        },
    ),
];
