//! The one picker: a list of choices to move through and pick from. The
//! same widget is the popup that asks "which ICP?", the wizard's "what do
//! you want to make?", a choice answer, and the tag picker (typing filters
//! the choices or makes a new one; several can be marked).

use super::input::LineInput;
use crate::tui::text;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::collections::BTreeSet;

/// One choice: what it stands for, what it says, and (optionally) a line
/// below it saying more.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub detail: String,
}

impl Choice {
    pub fn new(id: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            id: id.into(),
            label: label.into(),
            detail: String::new(),
        }
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Choice {
        self.detail = detail.into();
        self
    }
}

/// How choices are marked when drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// The selection is highlighted.
    Plain,
    /// `›` before the selection, details below each choice.
    Pointer,
    /// `(•) 1 label`: the chosen one of a choice answer, numbered.
    Radio,
    /// `[x] label`: several can be marked.
    Check,
}

/// A row as shown: an existing choice, or the typed text as a new one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub label: String,
    pub detail: String,
    pub new: bool,
}

#[derive(Clone, Debug)]
pub struct Picker {
    pub choices: Vec<Choice>,
    /// The selected row (of [`Picker::rows`]); `None`: nothing chosen yet
    /// (a choice answer left empty).
    pub selected: Option<usize>,
    /// Typing filters the choices (the tag picker).
    pub filter: Option<LineInput>,
    /// How typed text becomes a new choice's id (`None`: no new choices).
    pub make_new: Option<fn(&str) -> String>,
    /// The marked choices, when several can be.
    pub marked: BTreeSet<String>,
    pub look: Look,
}

impl Picker {
    pub fn new(choices: Vec<Choice>, look: Look) -> Picker {
        Picker {
            selected: (!choices.is_empty()).then_some(0),
            choices,
            filter: None,
            make_new: None,
            marked: BTreeSet::new(),
            look,
        }
    }

    /// Typing filters the choices; with `make_new`, what is typed can also
    /// become a new choice.
    pub fn filtered(mut self, make_new: Option<fn(&str) -> String>) -> Picker {
        self.filter = Some(LineInput::default());
        self.make_new = make_new;
        self
    }

    pub fn select(mut self, at: Option<usize>) -> Picker {
        self.selected = at;
        self
    }

    /// What is typed in the filter.
    pub fn typed(&self) -> &str {
        self.filter.as_ref().map_or("", |f| f.text.trim())
    }

    /// The rows shown: the choices containing what is typed, then a new
    /// choice made of it (when it is not one already).
    pub fn rows(&self) -> Vec<Row> {
        let typed = self.typed().to_lowercase();
        let made = self.make_new.map(|make| make(self.typed()));
        let needle = made.clone().unwrap_or(typed);
        let mut rows: Vec<Row> = self
            .choices
            .iter()
            .filter(|c| {
                needle.is_empty()
                    || c.id.contains(&needle)
                    || c.label.to_lowercase().contains(&needle)
            })
            .map(|c| Row {
                id: c.id.clone(),
                label: c.label.clone(),
                detail: c.detail.clone(),
                new: false,
            })
            .collect();
        if let Some(made) = made
            && !made.is_empty()
            && !self.choices.iter().any(|c| c.id == made)
        {
            rows.push(Row {
                id: made.clone(),
                label: made,
                detail: String::new(),
                new: true,
            });
        }
        rows
    }

    fn clamp(&mut self) {
        let n = self.rows().len();
        self.selected = match self.selected {
            _ if n == 0 => None,
            Some(s) => Some(s.min(n - 1)),
            None => None,
        };
    }

    pub fn up(&mut self) {
        self.selected = Some(self.selected.map_or(0, |s| s.saturating_sub(1)));
        self.clamp();
    }

    pub fn down(&mut self) {
        self.selected = Some(self.selected.map_or(0, |s| s + 1));
        self.clamp();
    }

    pub fn clear(&mut self) {
        self.selected = None;
    }

    /// Picks the `n`th choice (from 1), as a number key does.
    pub fn pick_number(&mut self, n: usize) -> bool {
        if n >= 1 && n <= self.rows().len() {
            self.selected = Some(n - 1);
            true
        } else {
            false
        }
    }

    /// The id of the selected row.
    pub fn current_id(&self) -> Option<String> {
        self.selected
            .and_then(|s| self.rows().into_iter().nth(s))
            .map(|r| r.id)
    }

    /// Marks or unmarks the selected row; a new one becomes a choice, and
    /// the filter is emptied for the next.
    pub fn toggle_mark(&mut self) {
        let Some(row) = self.selected.and_then(|s| self.rows().into_iter().nth(s)) else {
            return;
        };
        if !self.marked.remove(&row.id) {
            self.marked.insert(row.id.clone());
        }
        if row.new {
            self.choices.push(Choice::new(&row.id, &row.label));
            self.choices.sort_by(|a, b| a.id.cmp(&b.id));
        }
        if let Some(filter) = self.filter.as_mut() {
            *filter = LineInput::default();
        }
        self.selected = self.choices.iter().position(|c| c.id == row.id);
    }

    /// What was picked: every marked choice, and the selected row when
    /// something is typed (typed and Enter means "this one too") or when
    /// nothing is marked.
    pub fn chosen(&self) -> Vec<String> {
        let mut out: Vec<String> = self.marked.iter().cloned().collect();
        if (self.marked.is_empty() || !self.typed().is_empty())
            && let Some(id) = self.current_id()
            && !out.contains(&id)
        {
            out.push(id);
        }
        out.sort();
        out
    }

    /// A key typed into the filter (or pasted text); false when there is
    /// no filter or the key is not for it.
    pub fn type_key(&mut self, key: &KeyEvent) -> bool {
        let Some(filter) = self.filter.as_mut() else {
            return false;
        };
        if filter.handle(key) {
            self.selected = Some(0);
            self.clamp();
            return true;
        }
        false
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(filter) = self.filter.as_mut() {
            filter.insert(text);
            self.selected = Some(0);
            self.clamp();
        }
    }

    /// Draws the rows into `area`, keeping the selection in view. `focused`
    /// shows the selection as selected (else as chosen).
    pub fn draw(&self, theme: &Theme, focused: bool, f: &mut Frame, area: Rect) {
        let width = area.width as usize;
        let rows = self.rows();
        let mut lines: Vec<Line> = Vec::new();
        let mut selected_line = 0;
        for (i, row) in rows.iter().enumerate() {
            let on = self.selected == Some(i);
            if on {
                selected_line = lines.len();
            }
            let style = match (on, focused) {
                (true, true) => theme.selected(),
                (true, false) if self.look == Look::Radio => Default::default(),
                (true, false) => theme.selected_unfocused(),
                _ if self.look == Look::Pointer => theme.label(),
                _ => Default::default(),
            };
            let (lead, label) = match self.look {
                Look::Plain => (String::from(" "), row.label.clone()),
                Look::Pointer => ((if on { "› " } else { "  " }).into(), row.label.clone()),
                Look::Radio => (
                    (if on { "(•) " } else { "( ) " }).into(),
                    format!("{} {}", i + 1, row.label),
                ),
                Look::Check => {
                    let mark = if self.marked.contains(&row.id) {
                        "[x] "
                    } else {
                        "[ ] "
                    };
                    let label = if row.new {
                        format!("+ new tag “{}”", row.label)
                    } else {
                        row.label.clone()
                    };
                    (format!(" {mark}"), label)
                }
            };
            let room = width.saturating_sub(text::width(&lead) + 1);
            lines.push(Line::from(vec![
                Span::raw(lead),
                Span::styled(text::fit(&label, room), style),
            ]));
            if self.look == Look::Pointer && !row.detail.is_empty() {
                for l in text::wrap(&row.detail, width.saturating_sub(4).max(10)) {
                    lines.push(Line::styled(format!("    {l}"), theme.dim()));
                }
            }
        }
        if rows.is_empty() && self.filter.is_some() {
            lines.push(Line::styled(" type to add one", theme.dim()));
        }
        let height = area.height as usize;
        let extra = if self.look == Look::Pointer { 3 } else { 1 };
        let skip = (selected_line + extra).saturating_sub(height);
        f.render_widget(
            Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
            area,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keys::script;

    fn tags() -> Picker {
        let choices = ["goal", "motivation", "pain-point"]
            .into_iter()
            .map(|t| Choice::new(t, t))
            .collect();
        Picker::new(choices, Look::Check).filtered(Some(crate::domain::id::normalize_tag))
    }

    fn type_in(p: &mut Picker, keys: &str) {
        for key in script(keys) {
            p.type_key(&key);
        }
    }

    #[test]
    fn typing_filters_and_offers_a_new_choice() {
        let mut p = tags();
        type_in(&mut p, "moti");
        let rows = p.rows();
        assert_eq!(rows[0].id, "motivation");
        assert!(rows[1].new && rows[1].id == "moti");
        p.toggle_mark();
        assert_eq!(p.typed(), "");
        assert!(p.marked.contains("motivation"));
        // A new tag typed after marking one is kept too.
        type_in(&mut p, "retention");
        assert_eq!(p.chosen(), vec!["motivation", "retention"]);
    }

    #[test]
    fn a_plain_list_moves_and_picks() {
        let mut p = Picker::new(
            vec![Choice::new("a", "A"), Choice::new("b", "B")],
            Look::Radio,
        );
        p.down();
        p.down();
        assert_eq!(p.current_id().as_deref(), Some("b"));
        p.clear();
        assert_eq!(p.current_id(), None);
        assert!(p.pick_number(1) && !p.pick_number(3));
        assert_eq!(p.chosen(), vec!["a"]);
    }
}
