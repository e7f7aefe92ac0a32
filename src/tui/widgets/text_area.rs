//! The multi-line editor (notes, long answers): ratatui-textarea, set up
//! once, and the keys it understands for the help.

use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// Text longer than this is shown without word wrap, which the editor would
/// otherwise recompute over the whole text on every key.
pub const WRAP_LIMIT: usize = 512 * 1024;

/// An editor holding `text`, its cursor at the end when `at_end`.
pub fn new(text: &str, at_end: bool) -> TextArea<'static> {
    let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
    area.set_wrap_mode(if text.len() > WRAP_LIMIT {
        WrapMode::None
    } else {
        WrapMode::WordOrGlyph
    });
    area.set_cursor_line_style(Style::default());
    area.set_max_histories(200);
    if at_end {
        // A filled textarea starts at the top-left; carry on typing at the
        // end instead.
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
    }
    area
}

/// The editor's own keys (those the screens leave to it), for the help.
pub fn help() -> Vec<(String, &'static str)> {
    [
        ("Enter", "New line"),
        ("← → ↑ ↓", "Move (with Shift: select)"),
        ("Ctrl-← Ctrl-→", "Word by word"),
        ("Home End", "Start or end of the line"),
        ("PgUp PgDn", "A page up or down"),
        ("Backspace Del", "Delete a character"),
        ("Ctrl-w", "Delete the word before the cursor"),
        ("Ctrl-k", "Delete to the end of the line"),
        ("Ctrl-x", "Cut the selection"),
    ]
    .into_iter()
    .map(|(k, h)| (k.to_string(), h))
    .collect()
}
