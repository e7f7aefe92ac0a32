//! One single-line text field, used by the filter, every prompt, the tag
//! picker and the wizard's one-line answers. Drawing it costs what the
//! visible part costs, however long the text is (a 10 MB name stays
//! responsive): the cursor is a byte offset, and only the columns around it
//! are measured.

use crate::tui::keys::Key;
use crate::tui::text;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::OnceLock;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    pub text: String,
    /// Cursor position: a byte offset on a character boundary.
    cursor: usize,
}

/// What an editing key does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edit {
    Left,
    Right,
    Start,
    End,
    DeleteBack,
    DeleteForward,
    DeleteToStart,
    DeleteWordBack,
}

/// The field's own keys, one line each: what the help lists under
/// "While typing", and what [`LineInput::handle`] does.
const EDITS: &[(&str, Edit, &str)] = &[
    ("left", Edit::Left, "Move left"),
    ("right", Edit::Right, "Move right"),
    ("home ctrl-a", Edit::Start, "Go to the start"),
    ("end ctrl-e", Edit::End, "Go to the end"),
    (
        "backspace",
        Edit::DeleteBack,
        "Delete the character before the cursor",
    ),
    (
        "delete",
        Edit::DeleteForward,
        "Delete the character under the cursor",
    ),
    (
        "ctrl-u",
        Edit::DeleteToStart,
        "Delete everything before the cursor",
    ),
    (
        "ctrl-w",
        Edit::DeleteWordBack,
        "Delete the word before the cursor",
    ),
];

fn edits() -> &'static [(Vec<Key>, Edit)] {
    static PARSED: OnceLock<Vec<(Vec<Key>, Edit)>> = OnceLock::new();
    PARSED.get_or_init(|| {
        EDITS
            .iter()
            .map(|(keys, edit, _)| {
                let keys = keys.split_whitespace().filter_map(Key::parse).collect();
                (keys, *edit)
            })
            .collect()
    })
}

/// The field's keys for the help: `(keys, what they do)`.
pub fn help() -> Vec<(String, &'static str)> {
    EDITS
        .iter()
        .map(|(keys, _, help)| {
            let labels: Vec<String> = keys
                .split_whitespace()
                .filter_map(Key::parse)
                .map(|k| k.label())
                .collect();
            (labels.join(" "), *help)
        })
        .collect()
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        let mut input = LineInput::default();
        input.insert(text);
        input
    }

    /// The cursor, in characters from the start (for tests and drawing).
    pub fn cursor_chars(&self) -> usize {
        self.text[..self.cursor].chars().count()
    }

    fn prev(&self) -> usize {
        self.text[..self.cursor]
            .chars()
            .next_back()
            .map_or(0, |c| self.cursor - c.len_utf8())
    }

    fn next(&self) -> usize {
        self.text[self.cursor..]
            .chars()
            .next()
            .map_or(self.cursor, |c| self.cursor + c.len_utf8())
    }

    /// Inserts text (typed or pasted); newlines and control characters
    /// become spaces, since the field holds one line.
    pub fn insert(&mut self, text: &str) {
        if !text.chars().any(char::is_control) {
            self.text.insert_str(self.cursor, text);
            self.cursor += text.len();
            return;
        }
        let clean: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    /// Handles a typed character or an editing key; returns false for keys
    /// it does not use.
    pub fn handle(&mut self, key: &KeyEvent) -> bool {
        if let KeyCode::Char(c) = key.code
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            self.insert(c.encode_utf8(&mut [0; 4]));
            return true;
        }
        let Some(edit) = edits()
            .iter()
            .find(|(keys, _)| keys.iter().any(|k| k.matches(key)))
            .map(|(_, e)| *e)
        else {
            return false;
        };
        match edit {
            Edit::Left => self.cursor = self.prev(),
            Edit::Right => self.cursor = self.next(),
            Edit::Start => self.cursor = 0,
            Edit::End => self.cursor = self.text.len(),
            Edit::DeleteBack => {
                let from = self.prev();
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
            Edit::DeleteForward => {
                let to = self.next();
                self.text.replace_range(self.cursor..to, "");
            }
            Edit::DeleteToStart => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            Edit::DeleteWordBack => {
                let before = &self.text[..self.cursor];
                let trimmed = before.trim_end();
                let from = trimmed.rfind(' ').map_or(0, |i| i + 1);
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
        }
        true
    }

    /// The part of the text that fits in `max` columns around the cursor
    /// (made safe for the terminal), and the cursor's column within it.
    /// Looks at no more than `max` columns on either side of the cursor.
    pub fn visible(&self, max: usize) -> (String, usize) {
        let max = max.max(1);
        // Back from the cursor while the cursor stays inside the window.
        let mut start = self.cursor;
        let mut before = 0;
        for c in self.text[..self.cursor].chars().rev() {
            let w = text::width(c.encode_utf8(&mut [0; 4]));
            if before + w >= max {
                break;
            }
            before += w;
            start -= c.len_utf8();
        }
        let mut end = start;
        let mut used = 0;
        for c in self.text[start..].chars() {
            let w = text::width(c.encode_utf8(&mut [0; 4]));
            if used + w > max {
                break;
            }
            used += w;
            end += c.len_utf8();
        }
        (text::clean(&self.text[start..end]).into_owned(), before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn edits_by_chars_not_bytes() {
        let mut input = LineInput::new("日本");
        input.handle(&key(KeyCode::Backspace));
        assert_eq!(input.text, "日");
        input.insert("a\nb");
        assert_eq!(input.text, "日a b");
        input.handle(&key(KeyCode::Home));
        input.handle(&key(KeyCode::Delete));
        assert_eq!(input.text, "a b");
        assert_eq!(input.visible(10), ("a b".to_string(), 0));
        input.handle(&KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(input.text, "a b", "nothing before the cursor");
        input.handle(&key(KeyCode::End));
        input.handle(&KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(input.text, "a ");
    }

    #[test]
    fn only_the_columns_around_the_cursor_are_shown() {
        let mut input = LineInput::new(&"x".repeat(10_000_000));
        assert_eq!(input.visible(8), ("x".repeat(7), 7));
        input.handle(&key(KeyCode::Home));
        assert_eq!(input.visible(8), ("x".repeat(8), 0));
        let wide = LineInput::new("日本語テキスト");
        assert_eq!(wide.visible(6), ("スト".to_string(), 4));
    }
}
