//! One single-line text field, used by the filter and every prompt.

use crate::tui::text;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    pub text: String,
    /// Cursor position in chars.
    pub cursor: usize,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Inserts text (typed or pasted); newlines and control characters
    /// become spaces, since the field holds one line.
    pub fn insert(&mut self, text: &str) {
        let clean: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let at = self.byte(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    /// Handles editing keys; returns false for keys it does not use.
    pub fn handle(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let len = self.text.chars().count();
        match key.code {
            KeyCode::Char('u') if ctrl => {
                let at = self.byte(self.cursor);
                self.text.replace_range(..at, "");
                self.cursor = 0;
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = len,
            KeyCode::Char(_) if ctrl || key.modifiers.contains(KeyModifiers::ALT) => return false,
            KeyCode::Char(c) => self.insert(&c.to_string()),
            KeyCode::Backspace if self.cursor > 0 => {
                let start = self.byte(self.cursor - 1);
                let end = self.byte(self.cursor);
                self.text.replace_range(start..end, "");
                self.cursor -= 1;
            }
            KeyCode::Backspace => {}
            KeyCode::Delete if self.cursor < len => {
                let start = self.byte(self.cursor);
                let end = self.byte(self.cursor + 1);
                self.text.replace_range(start..end, "");
            }
            KeyCode::Delete => {}
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(len),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = len,
            _ => return false,
        }
        true
    }

    /// The part of the text that fits in `max` columns around the cursor,
    /// and the cursor's column within it.
    pub fn visible(&self, max: usize) -> (String, usize) {
        let shown = text::clean(&self.text).into_owned();
        let chars: Vec<char> = shown.chars().collect();
        let col = |range: &[char]| {
            range
                .iter()
                .map(|c| text::width(&c.to_string()))
                .sum::<usize>()
        };
        let mut start = 0;
        while start < self.cursor && col(&chars[start..self.cursor]) >= max.max(1) {
            start += 1;
        }
        let mut out = String::new();
        let mut used = 0;
        for c in &chars[start..] {
            let w = text::width(&c.to_string());
            if used + w > max {
                break;
            }
            out.push(*c);
            used += w;
        }
        (out, col(&chars[start..self.cursor.min(chars.len())]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_by_chars_not_bytes() {
        let mut input = LineInput::new("日本");
        input.handle(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        assert_eq!(input.text, "日");
        input.insert("a\nb");
        assert_eq!(input.text, "日a b");
        input.handle(&KeyEvent::new(KeyCode::Home, KeyModifiers::NONE));
        input.handle(&KeyEvent::new(KeyCode::Delete, KeyModifiers::NONE));
        assert_eq!(input.text, "a b");
        assert_eq!(input.visible(10), ("a b".to_string(), 0));
    }
}
