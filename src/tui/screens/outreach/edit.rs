//! Editing a template's body: the keys while typing, the text coming back
//! from `$EDITOR`, and completing the token name being typed after `{{`
//! from the names the template may use (lead fields, the lead file's
//! columns, the persona's fields and its matrix row).

use super::{Draft, OutreachState};
use crate::domain::outreach::campaign::vocabulary;
use crate::import::leads::field_names;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::out::Out;
use ratatui_textarea::CursorMove;

/// The token name being typed before column `col` (in chars) of `line`:
/// where it starts and what it is so far. `None` outside an open `{{`, or
/// past its name (a filter, a closing `}}`).
pub fn typed_name(line: &str, col: usize) -> Option<(usize, String)> {
    let before: String = line.chars().take(col).collect();
    let open = before.rfind("{{")?;
    let after = &before[open + 2..];
    if after.contains("}}") || after.contains('|') {
        return None;
    }
    let name = after.trim_start();
    if name.contains(char::is_whitespace) {
        return None;
    }
    Some((col - name.chars().count(), name.to_string()))
}

/// The longest start every name shares.
fn common_start(names: &[String]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut end = first.len();
    for name in &names[1..] {
        end = first
            .char_indices()
            .zip(name.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(end);
    }
    first[..end].to_string()
}

impl OutreachState {
    pub(super) fn editing_update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let Some(draft) = self.draft.as_mut() else {
            self.typing = false;
            return Vec::new();
        };
        match action {
            Action::Complete => return self.complete(ctx),
            Action::Save => return self.save(),
            Action::Back => {
                self.typing = false;
                self.completions.clear();
                if self.dirty() {
                    return vec![Out::say(
                        "Stopped editing. The template is not saved yet: Ctrl-s saves.",
                    )];
                }
            }
            Action::UndoEdit => {
                draft.editor.undo();
            }
            Action::RedoEdit => {
                draft.editor.redo();
            }
            Action::ExternalEdit => return self.external(),
            _ => {}
        }
        self.refresh(ctx);
        Vec::new()
    }

    /// Tab: completes the name at the cursor as far as the names allow (a
    /// single name also gets its closing `}}`); when there is nothing more
    /// to add, each Tab puts the next name offered in its place.
    fn complete(&mut self, ctx: &Ctx) -> Vec<Out> {
        let ws = ctx.workspace;
        let personas: Vec<_> = ws.persona(&self.persona).into_iter().collect();
        let columns = self
            .leads
            .as_ref()
            .map(|l| l.columns.clone())
            .unwrap_or_default();
        let words = vocabulary(ws, &personas, &field_names(), &columns);
        let Some(draft) = self.draft.as_mut() else {
            return Vec::new();
        };
        let (row, col) = (draft.editor.cursor().0, draft.editor.cursor().1);
        let line = draft.editor.lines()[row].clone();
        let Some((_, typed)) = typed_name(&line, col) else {
            return vec![Out::say(
                "Tab completes a token name: type {{ and the start of a name first.",
            )];
        };
        // Tab again on a name just offered: the next one.
        if let Some(at) = self.completions.iter().position(|n| *n == typed)
            && self.completions.len() > 1
        {
            let next = self.completions[(at + 1) % self.completions.len()].clone();
            replace(draft, typed.chars().count(), &next);
            self.refresh(ctx);
            return Vec::new();
        }
        let names = words.complete(&typed);
        if names.is_empty() {
            self.completions.clear();
            return vec![Out::say(format!(
                "No token name starts with `{}`.",
                crate::text::line(&typed)
            ))];
        }
        let closed = line
            .chars()
            .skip(col)
            .collect::<String>()
            .trim_start()
            .starts_with("}}");
        if names.len() == 1 {
            let mut with = names[0].clone();
            if !closed {
                with.push_str(" }}");
            }
            replace(draft, typed.chars().count(), &with);
            self.completions.clear();
        } else {
            let start = common_start(&names);
            let chosen = if start.chars().count() > typed.chars().count() {
                start
            } else {
                names[0].clone()
            };
            replace(draft, typed.chars().count(), &chosen);
            self.completions = names;
        }
        self.refresh(ctx);
        Vec::new()
    }

    /// `$EDITOR` finished with the body.
    pub fn edited(&mut self, result: Result<String, String>, ctx: &Ctx) -> Vec<Out> {
        let text = match result {
            Ok(text) => text,
            Err(e) => return vec![Out::warn(e)],
        };
        let Some(draft) = self.draft.as_mut() else {
            return Vec::new();
        };
        let text = text.trim_end_matches('\n').to_string() + "\n";
        draft.editor = crate::tui::widgets::text_area::new(&text, false);
        self.refresh(ctx);
        vec![Out::say(if self.dirty() {
            "Edited in $EDITOR; Ctrl-s saves the template."
        } else {
            "The body is unchanged."
        })]
    }
}

/// Replaces the `chars` characters before the cursor with `with`.
fn replace(draft: &mut Draft, chars: usize, with: &str) {
    for _ in 0..chars {
        draft.editor.move_cursor(CursorMove::Back);
    }
    draft.editor.delete_str(chars);
    draft.editor.insert_str(with);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_being_typed_is_found() {
        assert_eq!(typed_name("Hi {{ fir", 9), Some((6, "fir".into())));
        assert_eq!(typed_name("Hi {{", 5), Some((5, String::new())));
        assert_eq!(typed_name("Hi {{ first_name }} and", 23), None);
        assert_eq!(typed_name("{{ x | def", 10), None);
        assert_eq!(typed_name("no token", 3), None);
        assert_eq!(
            typed_name("{{ persona.ke", 13),
            Some((3, "persona.ke".into()))
        );
    }

    #[test]
    fn names_share_their_start() {
        let names = ["pain.value", "pain.proof"].map(String::from);
        assert_eq!(common_start(&names), "pain.");
        assert_eq!(common_start(&["a".to_string()]), "a");
    }
}
