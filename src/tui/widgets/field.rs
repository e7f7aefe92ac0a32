//! The one field editor the wizard uses for every kind of field: a line
//! (short text, number), a multi-line box (long text), two ends (range), a
//! list of options (choice), or items with a line to add one (list, tags).
//! It edits text; [`FieldEditor::commit`] hands the result to the wizard,
//! which checks it.

use crate::domain::wizard::{ValidationError, Wizard};
use crate::domain::{Field, FieldKind, Item, Value};
use crate::tui::text;
use crate::tui::theme::Theme;
use crate::tui::widgets::input::{self, LineInput};
use crate::tui::widgets::picker::{Choice, Look, Picker};
use crate::tui::widgets::text_area;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

pub enum FieldEditor {
    Line(LineInput),
    Long(Box<TextArea<'static>>),
    Range {
        min: LineInput,
        max: LineInput,
        on_max: bool,
    },
    /// The options, the chosen one selected (none: not answered).
    Choice(Picker),
    /// `selected == items.len()` is the line for a new item.
    Items {
        input: LineInput,
        selected: usize,
    },
}

fn text_of(items: &[Item]) -> String {
    items
        .first()
        .map(|i| i.value.to_string())
        .unwrap_or_default()
}

/// A number as typed back: without thousands separators, so it edits well.
fn plain_number(value: &Value) -> String {
    match value {
        Value::Number(n) => n.get().to_string(),
        other => other.to_string(),
    }
}

impl FieldEditor {
    /// An editor for `field`, filled with what it holds now.
    pub fn for_field(field: &Field, items: &[Item]) -> FieldEditor {
        match field.kind {
            FieldKind::ShortText => FieldEditor::Line(LineInput::new(&text_of(items))),
            FieldKind::Number => FieldEditor::Line(LineInput::new(
                &items
                    .first()
                    .map(|i| plain_number(&i.value))
                    .unwrap_or_default(),
            )),
            FieldKind::LongText => {
                FieldEditor::Long(Box::new(text_area::new(&text_of(items), true)))
            }
            FieldKind::Range => {
                let (min, max) = match items.first().map(|i| &i.value) {
                    Some(Value::Range { min, max }) => {
                        (min.get().to_string(), max.get().to_string())
                    }
                    _ => (String::new(), String::new()),
                };
                FieldEditor::Range {
                    min: LineInput::new(&min),
                    max: LineInput::new(&max),
                    on_max: false,
                }
            }
            FieldKind::Choice => {
                let current = text_of(items);
                let choices = field.options.iter().map(|o| Choice::new(o, o)).collect();
                let at = field.options.iter().position(|o| *o == current);
                FieldEditor::Choice(Picker::new(choices, Look::Radio).select(at))
            }
            FieldKind::List | FieldKind::Tags => FieldEditor::Items {
                input: LineInput::default(),
                selected: items.len(),
            },
        }
    }

    /// Handles an editing key; `items` are the field's items now. Returns
    /// whether the text changed (so the wizard should hear of it).
    pub fn handle(&mut self, key: &KeyEvent, items: &[Item]) -> bool {
        match self {
            FieldEditor::Line(input) => input.handle(key),
            FieldEditor::Long(area) => {
                if key.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(key.code, KeyCode::Char(_))
                {
                    // Ctrl letters are the wizard's (next, back, save...).
                    return false;
                }
                area.input(*key)
            }
            FieldEditor::Range { min, max, on_max } => match key.code {
                KeyCode::Tab | KeyCode::Up | KeyCode::Down => {
                    *on_max = !*on_max;
                    false
                }
                _ if *on_max => max.handle(key),
                _ => min.handle(key),
            },
            FieldEditor::Choice(picker) => {
                match key.code {
                    KeyCode::Up | KeyCode::Char('k') => picker.up(),
                    KeyCode::Down | KeyCode::Char('j') => picker.down(),
                    KeyCode::Backspace | KeyCode::Delete => picker.clear(),
                    KeyCode::Char(c) if c.is_ascii_digit() => {
                        return picker.pick_number(c.to_digit(10).unwrap_or(0) as usize);
                    }
                    _ => return false,
                }
                true
            }
            FieldEditor::Items { input, selected } => match key.code {
                KeyCode::Up if *selected > 0 => {
                    *selected -= 1;
                    *input = LineInput::new(&text_of(&items[*selected..]));
                    false
                }
                KeyCode::Down if *selected < items.len() => {
                    *selected += 1;
                    *input = LineInput::new(
                        &items
                            .get(*selected)
                            .map(|i| i.value.to_string())
                            .unwrap_or_default(),
                    );
                    false
                }
                KeyCode::Up | KeyCode::Down => false,
                _ => input.handle(key),
            },
        }
    }

    pub fn paste(&mut self, pasted: &str) -> bool {
        match self {
            FieldEditor::Line(input) | FieldEditor::Items { input, .. } => input.insert(pasted),
            FieldEditor::Long(area) => {
                area.insert_str(pasted.replace("\r\n", "\n").replace('\r', "\n"));
            }
            FieldEditor::Range { min, max, on_max } => {
                if *on_max {
                    max.insert(pasted)
                } else {
                    min.insert(pasted)
                }
            }
            FieldEditor::Choice(_) => return false,
        }
        true
    }

    /// Hands what is typed to the wizard (list items are added on Enter
    /// instead, see [`FieldEditor::enter_item`]).
    pub fn commit(&self, wizard: &mut Wizard) -> Result<(), ValidationError> {
        match self {
            FieldEditor::Line(input) => wizard.answer(&input.text),
            FieldEditor::Long(area) => wizard.answer(&area.lines().join("\n")),
            FieldEditor::Range { min, max, .. } => wizard.answer_range(&min.text, &max.text),
            FieldEditor::Choice(picker) => wizard.answer(&picker.current_id().unwrap_or_default()),
            FieldEditor::Items { .. } => Ok(()),
        }
    }

    /// Enter on a list: stores the edited item, or adds the typed one.
    /// `Ok(false)` when there was nothing typed (so Enter means "next").
    pub fn enter_item(&mut self, wizard: &mut Wizard) -> Result<bool, ValidationError> {
        let FieldEditor::Items { input, selected } = self else {
            return Ok(false);
        };
        let count = wizard.items().len();
        if *selected < count {
            wizard.set_item(*selected, &input.text)?;
        } else if input.text.trim().is_empty() {
            return Ok(false);
        } else {
            wizard.add_item(&input.text)?;
        }
        *input = LineInput::default();
        *selected = wizard.items().len();
        Ok(true)
    }

    /// What is typed in a list but not added (or an edit of a picked item
    /// not stored), which leaving or moving on keeps.
    pub fn pending_item(&self, count: usize) -> Option<String> {
        match self {
            FieldEditor::Items { input, selected } if *selected >= count => {
                Some(input.text.clone()).filter(|t| !t.trim().is_empty())
            }
            _ => None,
        }
    }

    /// Adds what is typed in a list (or stores the picked item's edit).
    pub fn add_pending(&mut self, wizard: &mut Wizard) -> Result<(), ValidationError> {
        let FieldEditor::Items { input, .. } = self else {
            return Ok(());
        };
        if input.text.trim().is_empty() {
            return Ok(());
        }
        self.enter_item(wizard).map(|_| ())
    }

    /// The editor's own keys, for the help.
    pub fn help(&self) -> Vec<(String, &'static str)> {
        let mut keys = match self {
            FieldEditor::Long(_) => return text_area::help(),
            FieldEditor::Choice(_) => vec![
                ("↑ ↓ k j".to_string(), "Move to another option"),
                ("1 … 9".to_string(), "Pick the option with that number"),
                ("Backspace".to_string(), "Clear the answer"),
            ],
            _ => input::help(),
        };
        match self {
            FieldEditor::Range { .. } => {
                keys.insert(0, ("↑ ↓".to_string(), "Between the two ends of the range"));
            }
            FieldEditor::Items { .. } => {
                keys.insert(
                    0,
                    (
                        "↑ ↓".to_string(),
                        "Pick an item to edit, or the line to add one",
                    ),
                );
            }
            _ => {}
        }
        keys
    }

    /// The item citations go to: the one picked in a list, else the last
    /// (or only) one.
    pub fn target_item(&self, count: usize) -> usize {
        match self {
            FieldEditor::Items { selected, .. } if *selected < count => *selected,
            _ => count.saturating_sub(1),
        }
    }

    pub fn is_long(&self) -> bool {
        matches!(self, FieldEditor::Long(_))
    }

    /// A list item is being edited (Esc cancels that first).
    pub fn editing_item(&self, count: usize) -> bool {
        matches!(self, FieldEditor::Items { selected, .. } if *selected < count)
    }

    pub fn stop_editing_item(&mut self, count: usize) {
        if let FieldEditor::Items { input, selected } = self {
            *input = LineInput::default();
            *selected = count;
        }
    }

    pub fn select_item(&mut self, index: usize) {
        if let FieldEditor::Items { selected, .. } = self {
            *selected = index;
        }
    }

    /// How to use this editor, in one line.
    pub fn hint(&self) -> &'static str {
        match self {
            FieldEditor::Line(_) => "Type the answer, then Enter.",
            FieldEditor::Long(_) => "Enter starts a new line; Ctrl-n goes to the next question.",
            FieldEditor::Range { .. } => "Type from, Enter or ↓, then to; Enter when done.",
            FieldEditor::Choice(_) => "↑/↓ or a number picks; Backspace clears; Enter when done.",
            FieldEditor::Items { .. } => {
                "Type an item, Enter adds it; ↑/↓ pick one to edit, Alt-↑/↓ move it, Ctrl-d removes it; Enter on an empty line: next."
            }
        }
    }

    /// Draws the editor into `area`; returns where the cursor goes.
    #[allow(clippy::too_many_arguments)]
    pub fn draw(
        &self,
        field: &Field,
        items: &[Item],
        focused: bool,
        theme: &Theme,
        f: &mut Frame,
        area: Rect,
        cite_marks: &dyn Fn(&Item) -> Span<'static>,
    ) -> Option<(u16, u16)> {
        let width = area.width as usize;
        if area.height == 0 || width < 4 {
            return None;
        }
        let line_at = |input: &LineInput, prefix: &str, y: u16, f: &mut Frame| {
            let room = width.saturating_sub(text::width(prefix) + 1);
            let (shown, cursor) = input.visible(room);
            f.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled(prefix.to_string(), theme.dim()),
                    Span::raw(shown),
                ])),
                Rect::new(area.x, y, area.width, 1),
            );
            (area.x + (text::width(prefix) + cursor) as u16, y)
        };
        match self {
            FieldEditor::Line(input) => {
                let at = line_at(input, "› ", area.y, f);
                let mut below = Vec::new();
                if let Some(item) = items.first() {
                    below.push(Line::from(vec![Span::raw("  "), cite_marks(item)]));
                }
                if let Some(unit) = field
                    .unit
                    .as_deref()
                    .filter(|_| field.kind == FieldKind::Number)
                {
                    below.push(Line::styled(
                        text::fit(&format!("  in {unit}"), width),
                        theme.dim(),
                    ));
                }
                if area.height > 1 {
                    f.render_widget(
                        Paragraph::new(below),
                        Rect::new(area.x, area.y + 1, area.width, area.height - 1),
                    );
                }
                focused.then_some(at)
            }
            FieldEditor::Long(textarea) => {
                let mut shown = (**textarea).clone();
                if !focused {
                    shown.set_cursor_style(ratatui::style::Style::default());
                }
                let h = area.height.saturating_sub(1).max(1);
                f.render_widget(&shown, Rect::new(area.x, area.y, area.width, h));
                if let Some(item) = items.first()
                    && area.height > 1
                {
                    f.render_widget(
                        Paragraph::new(Line::from(vec![Span::raw("  "), cite_marks(item)])),
                        Rect::new(area.x, area.y + h, area.width, 1),
                    );
                }
                None
            }
            FieldEditor::Range { min, max, on_max } => {
                let unit = field
                    .unit
                    .as_deref()
                    .map(|u| format!(" ({})", text::fit(u, 20)))
                    .unwrap_or_default();
                let a = line_at(min, &format!("from{unit}: "), area.y, f);
                let b = if area.height > 1 {
                    Some(line_at(max, &format!("  to{unit}: "), area.y + 1, f))
                } else {
                    None
                };
                if let Some(item) = items.first()
                    && area.height > 2
                {
                    f.render_widget(
                        Paragraph::new(Line::from(vec![Span::raw("  "), cite_marks(item)])),
                        Rect::new(area.x, area.y + 2, area.width, 1),
                    );
                }
                if !focused {
                    None
                } else if *on_max {
                    b
                } else {
                    Some(a)
                }
            }
            FieldEditor::Choice(picker) => {
                let rows = area.height.saturating_sub(1).max(1);
                picker.draw(
                    theme,
                    focused,
                    f,
                    Rect {
                        height: rows,
                        ..area
                    },
                );
                if let Some(item) = items.first()
                    && area.height > 1
                {
                    f.render_widget(
                        Paragraph::new(Line::from(vec![Span::raw("  "), cite_marks(item)])),
                        Rect::new(area.x, area.y + rows, area.width, 1),
                    );
                }
                None
            }
            FieldEditor::Items { input, selected } => {
                let rows = area.height.saturating_sub(1) as usize;
                let mut lines = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let on = *selected == i;
                    let label = text::fit(&item.value.to_string(), width.saturating_sub(20).max(8));
                    lines.push(Line::from(vec![
                        Span::styled(
                            format!("{}. {label}", i + 1),
                            if on {
                                theme.selected()
                            } else {
                                Default::default()
                            },
                        ),
                        Span::raw("  "),
                        cite_marks(item),
                    ]));
                }
                let skip = lines.len().saturating_sub(rows.max(1)).min(
                    (*selected)
                        .min(lines.len())
                        .saturating_sub(rows.saturating_sub(1)),
                );
                let skip = if *selected >= items.len() {
                    lines.len().saturating_sub(rows)
                } else {
                    skip
                };
                let shown: Vec<Line> = lines.into_iter().skip(skip).take(rows).collect();
                let used = shown.len() as u16;
                f.render_widget(
                    Paragraph::new(shown),
                    Rect::new(area.x, area.y, area.width, used.min(area.height)),
                );
                let y = area.y + used.min(area.height.saturating_sub(1));
                let prefix = if *selected < items.len() {
                    format!("edit {}: ", selected + 1)
                } else {
                    "+ ".to_string()
                };
                let at = line_at(input, &prefix, y, f);
                focused.then_some(at)
            }
        }
    }
}
