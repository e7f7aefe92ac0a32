//! An interview's personal details, marked in its notes: what `persona
//! privacy` would report there (e-mails, phone numbers, addresses, order
//! numbers, names of people), underlined in the editor and named in the
//! highlights pane, so the person reading knows what not to quote or share.

use super::InterviewState;
use crate::domain::Workspace;
use crate::domain::privacy::{self, DetailKind, Known, Settings};
use ratatui::style::{Modifier, Style};

/// At most this many different details are marked (a pasted CRM dump can
/// hold thousands; the first ones say enough).
const MOST: usize = 200;

/// Notes longer than this are searched up to here when the screen opens
/// (`persona privacy` searches all of them): opening stays quick.
pub const CHECKED: usize = 512 * 1024;

impl InterviewState {
    /// Finds the personal details in the notes as they are in the editor
    /// and marks them there.
    pub(super) fn mark_private(&mut self, ws: &Workspace) {
        let mut notes = self.notes();
        if notes.len() > CHECKED {
            let mut end = CHECKED;
            while !notes.is_char_boundary(end) {
                end -= 1;
            }
            notes.truncate(end);
        }
        let known = Known::new(ws);
        let settings = Settings::of(&ws.meta).unwrap_or_default();
        // The interviewee's own name belongs in their own notes.
        let own: Vec<String> = self
            .draft
            .interviewee
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let is_own = |words: &str| {
            words
                .split_whitespace()
                .map(|w| {
                    w.trim_end_matches("'s")
                        .trim_end_matches("’s")
                        .to_lowercase()
                })
                .all(|w| own.contains(&w))
        };
        let mut found: Vec<(DetailKind, String)> = Vec::new();
        for d in privacy::detect(&notes, &known, privacy::Context::Notes) {
            let words = notes[d.range.clone()].to_string();
            if settings.allows(&words)
                || (d.kind == DetailKind::Name && is_own(&words))
                || found.iter().any(|(_, w)| *w == words)
            {
                continue;
            }
            found.push((d.kind, words));
            if found.len() == MOST {
                break;
            }
        }
        let pattern = found
            .iter()
            .filter(|(_, w)| !w.contains('\n'))
            .map(|(_, w)| regex::escape(w))
            .collect::<Vec<_>>()
            .join("|");
        if pattern.is_empty() || self.editor.set_search_pattern(&pattern).is_err() {
            let _ = self.editor.set_search_pattern("");
        }
        self.editor
            .set_search_style(Style::default().add_modifier(Modifier::UNDERLINED));
        self.private = found;
    }
}
