//! The key tables of the interview screens (list, notes, highlights,
//! guided pass, tag picker, details form, tally), kept beside the screens
//! and added to the app's keymaps like every other table.

use crate::tui::action::Action;
use crate::tui::keymap::{Binding, Context, Key, b, down, help, up};
use ratatui::crossterm::event::KeyCode as K;
use std::collections::BTreeMap;

const UP: Key = Key::plain(K::Up);
const DOWN: Key = Key::plain(K::Down);
const LEFT: Key = Key::plain(K::Left);
const RIGHT: Key = Key::plain(K::Right);
const ENTER: Key = Key::plain(K::Enter);
const ESC: Key = Key::plain(K::Esc);
const TAB: Key = Key::plain(K::Tab);
const BACKTAB: Key = Key::plain(K::BackTab);
const PGUP: Key = Key::plain(K::PageUp);
const PGDN: Key = Key::plain(K::PageDown);
const HOME: Key = Key::plain(K::Home);
const END: Key = Key::plain(K::End);

const fn ctrl(c: char) -> Key {
    Key {
        code: K::Char(c),
        ctrl: true,
        alt: false,
    }
}

pub fn add(tables: &mut BTreeMap<Context, Vec<Binding>>) {
    tables.insert(
        Context::Interviews,
        vec![
            b(Action::Up, &[UP, Key::char('k')], "move", "Move up", true),
            b(
                Action::Down,
                &[DOWN, Key::char('j')],
                "move",
                "Move down",
                true,
            ),
            b(Action::PageUp, &[PGUP], "page", "One page up", false),
            b(Action::PageDown, &[PGDN], "page", "One page down", false),
            b(
                Action::Top,
                &[HOME, Key::char('g')],
                "top",
                "Go to the top",
                false,
            ),
            b(
                Action::Bottom,
                &[END, Key::char('G')],
                "bottom",
                "Go to the bottom",
                false,
            ),
            b(
                Action::Open,
                &[ENTER],
                "open",
                "Open the interview's notes and highlights",
                true,
            ),
            b(
                Action::New,
                &[Key::char('n')],
                "new",
                "New interview (fill in its details)",
                true,
            ),
            b(
                Action::Import,
                &[Key::char('I')],
                "import",
                "Import notes: a .md/.txt file or a folder of them",
                true,
            ),
            b(
                Action::Tally,
                &[Key::char('t')],
                "tally",
                "Tally tags and best customers",
                true,
            ),
            b(
                Action::Metadata,
                &[Key::char('e')],
                "details",
                "Edit the interview's details",
                false,
            ),
            b(
                Action::Delete,
                &[Key::char('d')],
                "delete",
                "Delete the interview (asks first; u undoes)",
                false,
            ),
            b(
                Action::Undo,
                &[Key::char('u')],
                "undo",
                "Undo the last delete",
                false,
            ),
            b(
                Action::Back,
                &[ESC, Key::char('q')],
                "back",
                "Back to browse",
                true,
            ),
            help(),
        ],
    );

    tables.insert(
        Context::Notes,
        vec![
            b(
                Action::Up,
                &[UP, DOWN, LEFT, RIGHT],
                "move",
                "Move the cursor (Shift+arrows select)",
                true,
            ),
            b(
                Action::Select,
                &[Key::char('v')],
                "select",
                "Start or stop selecting a passage (then move)",
                true,
            ),
            b(
                Action::Highlight,
                &[Key::char('h')],
                "highlight",
                "Highlight the selection, or the current line, and tag it",
                true,
            ),
            b(
                Action::HighlightParagraph,
                &[Key::char('H')],
                "paragraph",
                "Highlight the current paragraph and tag it",
                false,
            ),
            b(
                Action::Edit,
                &[Key::char('e')],
                "edit",
                "Edit the notes here",
                true,
            ),
            b(
                Action::ExternalEdit,
                &[Key::char('E')],
                "$EDITOR",
                "Edit the notes in $EDITOR (or $VISUAL)",
                false,
            ),
            b(
                Action::Guided,
                &[Key::char('r')],
                "review",
                "Guided pass: paragraph by paragraph, tag, split or skip",
                true,
            ),
            b(
                Action::SwitchPane,
                &[TAB],
                "highlights",
                "Go to the highlights",
                true,
            ),
            b(
                Action::Metadata,
                &[Key::char('m')],
                "details",
                "Edit the details (who, when, source)",
                false,
            ),
            b(Action::Save, &[ctrl('s')], "save", "Save the notes", false),
            b(
                Action::Back,
                &[ESC, Key::char('q')],
                "back",
                "Back (asks about unsaved notes)",
                true,
            ),
            help(),
        ],
    );

    tables.insert(
        Context::NotesEditing,
        vec![
            b(Action::Save, &[ctrl('s')], "save", "Save the notes", true),
            b(
                Action::Back,
                &[ESC],
                "done",
                "Stop editing (the notes stay unsaved until Ctrl-s)",
                true,
            ),
            b(Action::UndoEdit, &[ctrl('z')], "undo", "Undo", true),
            b(Action::RedoEdit, &[ctrl('y')], "redo", "Redo", true),
            b(
                Action::ExternalEdit,
                &[ctrl('e')],
                "$EDITOR",
                "Continue in $EDITOR",
                false,
            ),
        ],
    );

    tables.insert(
        Context::Highlights,
        vec![
            up("move", "Previous highlight", true),
            down("move", "Next highlight", true),
            b(
                Action::Open,
                &[ENTER],
                "show",
                "Show the highlight in the notes",
                true,
            ),
            b(
                Action::Tag,
                &[Key::char('t')],
                "retag",
                "Change the highlight's tags",
                true,
            ),
            b(
                Action::Delete,
                &[Key::char('d')],
                "remove",
                "Remove the highlight (warns when something cites it)",
                true,
            ),
            b(
                Action::CitedBy,
                &[Key::char('c')],
                "cited by",
                "Say which ICP and persona attributes cite it",
                false,
            ),
            b(
                Action::SwitchPane,
                &[TAB],
                "notes",
                "Back to the notes",
                true,
            ),
            b(
                Action::Back,
                &[ESC, Key::char('q')],
                "back",
                "Back to the interviews",
                false,
            ),
            help(),
        ],
    );

    tables.insert(
        Context::Guided,
        vec![
            b(
                Action::Tag,
                &[Key::char('t')],
                "tag",
                "Tag the whole paragraph as a highlight, then go on",
                true,
            ),
            b(
                Action::Highlight,
                &[Key::char('h')],
                "split",
                "Highlight only the selection (Shift+arrows) or the current line",
                true,
            ),
            b(
                Action::Skip,
                &[Key::char('n'), Key::char(' ')],
                "skip",
                "Nothing to tag here: mark it reviewed and go on",
                true,
            ),
            b(
                Action::PreviousParagraph,
                &[Key::char('b')],
                "back",
                "Previous paragraph",
                true,
            ),
            b(
                Action::Select,
                &[Key::char('v')],
                "select",
                "Start or stop selecting",
                false,
            ),
            b(
                Action::Back,
                &[ESC, Key::char('q')],
                "stop",
                "End the guided pass",
                true,
            ),
            help(),
        ],
    );

    tables.insert(
        Context::TagPicker,
        vec![
            b(Action::Up, &[UP], "move", "Previous tag", true),
            b(Action::Down, &[DOWN], "move", "Next tag", true),
            b(
                Action::Mark,
                &[TAB],
                "mark",
                "Mark or unmark a tag (for several tags)",
                true,
            ),
            b(
                Action::Confirm,
                &[ENTER],
                "done",
                "Use the marked tags, or else the one under the cursor",
                true,
            ),
            b(Action::Cancel, &[ESC], "cancel", "Cancel", true),
        ],
    );

    tables.insert(
        Context::InterviewForm,
        vec![
            b(Action::NextField, &[TAB, DOWN], "next", "Next field", true),
            b(
                Action::PreviousField,
                &[BACKTAB, UP],
                "previous",
                "Previous field",
                true,
            ),
            b(
                Action::Save,
                &[ctrl('s'), ENTER],
                "save",
                "Save the details",
                true,
            ),
            b(Action::Cancel, &[ESC], "cancel", "Cancel", true),
        ],
    );

    tables.insert(
        Context::Tally,
        vec![
            up("scroll", "Scroll up", true),
            down("scroll", "Scroll down", true),
            b(
                Action::SwitchPane,
                &[TAB, RIGHT, Key::char('l')],
                "next ICP",
                "Show the next ICP (or all interviews)",
                true,
            ),
            b(
                Action::PreviousField,
                &[BACKTAB, LEFT, Key::char('h')],
                "previous ICP",
                "Show the previous ICP",
                false,
            ),
            b(Action::Back, &[ESC, Key::char('q')], "back", "Back", true),
            help(),
        ],
    );
}
