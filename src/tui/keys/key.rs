//! One key with its modifiers, as written in the settings and the tables:
//! `d`, `D`, `enter`, `ctrl-s`, `shift-up`, `pgdn`, `space`, `f1`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    /// Shift with a key that is not a character (a capital letter carries
    /// its shift in the character itself).
    pub shift: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub fn parse(text: &str) -> Option<Key> {
        let mut key = Key::plain(KeyCode::Null);
        let mut rest = text.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.len() > 5 && lower.starts_with("ctrl-") {
                key.ctrl = true;
                rest = &rest[5..];
            } else if rest.len() > 4 && lower.starts_with("alt-") {
                key.alt = true;
                rest = &rest[4..];
            } else if rest.len() > 6 && lower.starts_with("shift-") && lower != "shift-tab" {
                key.shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let lower = rest.to_ascii_lowercase();
        key.code = match lower.as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" | "shift-tab" => KeyCode::BackTab,
            "backspace" | "bs" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "space" => KeyCode::Char(' '),
            f if f.len() > 1 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                KeyCode::F(f[1..].parse().ok()?)
            }
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(if key.ctrl { c.to_ascii_lowercase() } else { c })
            }
        };
        if key.shift && matches!(key.code, KeyCode::Char(_)) {
            // `shift-a` is `A`.
            key.shift = false;
            if let KeyCode::Char(c) = key.code {
                key.code = KeyCode::Char(c.to_ascii_uppercase());
            }
        }
        Some(key)
    }

    /// A key that types a character into a text field: a character without
    /// Ctrl or Alt.
    pub fn is_printable(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.ctrl && !self.alt
    }

    pub fn matches(&self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        if ctrl != self.ctrl || alt != self.alt {
            return false;
        }
        match (self.code, event.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) if self.ctrl => a.eq_ignore_ascii_case(&b),
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b,
            (a, b) => a == b && self.shift == event.modifiers.contains(KeyModifiers::SHIFT),
        }
    }

    /// The key event a person pressing this key sends.
    pub fn event(&self) -> KeyEvent {
        let mut modifiers = KeyModifiers::NONE;
        if self.ctrl {
            modifiers |= KeyModifiers::CONTROL;
        }
        if self.alt {
            modifiers |= KeyModifiers::ALT;
        }
        if self.shift {
            modifiers |= KeyModifiers::SHIFT;
        }
        if let KeyCode::Char(c) = self.code
            && c.is_uppercase()
        {
            modifiers |= KeyModifiers::SHIFT;
        }
        KeyEvent {
            code: self.code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    /// How the key is written in the footer and help.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::Delete => "Del".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        let mut out = String::new();
        if self.ctrl {
            out.push_str("Ctrl-");
        }
        if self.alt {
            out.push_str("Alt-");
        }
        if self.shift {
            out.push_str("Shift-");
        }
        out + &base
    }
}

/// Turns a script such as `"/ gab <enter> j <esc>"` into key events, for
/// tests and demos: words are typed letter by letter, `<name>` is one key
/// (`<enter>`, `<esc>`, `<ctrl-s>`, `<space>`, `<up>`, `<f1>`).
pub fn script(text: &str) -> Vec<KeyEvent> {
    let mut events = Vec::new();
    for word in text.split_whitespace() {
        if let Some(name) = word.strip_prefix('<').and_then(|w| w.strip_suffix('>')) {
            match Key::parse(name) {
                Some(key) => events.push(key.event()),
                None => panic!("unknown key <{name}> in script"),
            }
        } else {
            events.extend(word.chars().map(|c| Key::char(c).event()));
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_match() {
        let ctrl_s = Key::parse("ctrl-s").unwrap();
        assert!(ctrl_s.matches(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert!(!ctrl_s.matches(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE)));
        let big_g = Key::parse("G").unwrap();
        assert!(big_g.matches(&KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)));
        assert_eq!(Key::parse("pgdn").unwrap().label(), "PgDn");
        assert_eq!(Key::parse("f1").unwrap().label(), "F1");
        assert!(Key::parse("nonsense").is_none());
        let up = Key::parse("up").unwrap();
        let shift_up = Key::parse("shift-up").unwrap();
        let event = KeyEvent::new(KeyCode::Up, KeyModifiers::SHIFT);
        assert!(shift_up.matches(&event) && !up.matches(&event));
        assert_eq!(shift_up.label(), "Shift-↑");
        assert_eq!(Key::parse("shift-tab").unwrap().code, KeyCode::BackTab);
        assert!(Key::char('q').is_printable() && !ctrl_s.is_printable());
    }
}
