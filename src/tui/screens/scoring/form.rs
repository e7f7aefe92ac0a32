//! The rule form: one line of text per part of a rule (the same one-line
//! field the wizard and every prompt use), turned into a rule when saved,
//! or one sentence saying what is wrong, shown under the form.

use crate::domain::scoring::edit::{OPERATORS, parse_cites, parse_test, test_parts};
use crate::domain::scoring::{Condition, Rule};
use crate::domain::value::Extra;
use crate::tui::ctx::Ctx;
use crate::tui::text;
use crate::tui::widgets::input::LineInput;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// The parts of a rule, in the order the form asks them.
const PARTS: &[(&str, &str)] = &[
    (
        "Id",
        "letters, digits, - and _; left blank, one is made from the field and value",
    ),
    (
        "Lead field",
        "industry, employees, country, tools, ... or a column header as the lead file writes it",
    ),
    ("Test", ""),
    ("Value", ""),
    (
        "Points",
        "added when the rule holds; negative for a poor fit",
    ),
    (
        "Disqualifies because",
        "filled in: the rule rules a lead out, whatever its score",
    ),
    (
        "Group",
        "the id of a group whose cap these points count towards (optional)",
    ),
    (
        "Label",
        "how reasons name the rule instead of `industry is …` (optional)",
    ),
    (
        "Cites",
        "interview#highlight, customer:NAME or best-customers, separated by commas",
    ),
];

const ID: usize = 0;
const FIELD: usize = 1;
const TEST: usize = 2;
const VALUE: usize = 3;
const POINTS: usize = 4;
const REASON: usize = 5;
const GROUP: usize = 6;
const LABEL: usize = 7;
const CITES: usize = 8;

pub struct RuleForm {
    /// The rule being edited (its place in the file), or `None` for a new
    /// one.
    pub editing: Option<usize>,
    /// What the form keeps of the rule as it was (note, currency, keys it
    /// does not know).
    base: Option<Rule>,
    pub inputs: Vec<LineInput>,
    pub at: usize,
    /// Why the last save was refused.
    pub error: Option<String>,
}

impl RuleForm {
    pub fn new_rule() -> RuleForm {
        let mut inputs: Vec<LineInput> = PARTS.iter().map(|_| LineInput::default()).collect();
        inputs[TEST] = LineInput::new("equals");
        inputs[POINTS] = LineInput::new("10");
        RuleForm {
            editing: None,
            base: None,
            inputs,
            at: FIELD,
            error: None,
        }
    }

    pub fn edit(at: usize, rule: &Rule) -> RuleForm {
        let (op, value) = test_parts(&rule.condition.test);
        let cites: Vec<String> = rule.cites.iter().map(|c| c.to_string()).collect();
        let texts = [
            rule.id.clone(),
            rule.condition.field.clone(),
            op,
            value,
            if rule.disqualify {
                String::new()
            } else {
                rule.points.to_string()
            },
            rule.reason.clone().unwrap_or_default(),
            rule.group.clone().unwrap_or_default(),
            rule.label.clone().unwrap_or_default(),
            cites.join(", "),
        ];
        RuleForm {
            editing: Some(at),
            base: Some(rule.clone()),
            inputs: texts.iter().map(|t| LineInput::new(t)).collect(),
            at: FIELD,
            error: None,
        }
    }

    pub fn input(&mut self) -> &mut LineInput {
        &mut self.inputs[self.at]
    }

    pub fn next(&mut self) {
        self.at = (self.at + 1) % PARTS.len();
    }

    pub fn previous(&mut self) {
        self.at = (self.at + PARTS.len() - 1) % PARTS.len();
    }

    fn text(&self, part: usize) -> &str {
        self.inputs[part].text.trim()
    }

    /// The rule the form describes, or what is wrong with it (and the part
    /// to fix, which the form moves to).
    pub fn rule(&mut self) -> Result<Rule, String> {
        let fail = |form: &mut RuleForm, part: usize, message: String| {
            form.at = part;
            Err(message)
        };
        let field = self.text(FIELD).to_string();
        if field.is_empty() {
            return fail(
                self,
                FIELD,
                "Say which lead field the rule reads (e.g. industry).".into(),
            );
        }
        let test = match parse_test(self.text(TEST), self.text(VALUE)) {
            Ok(test) => test,
            Err(e) => {
                let part = if e.contains("not a test") {
                    TEST
                } else {
                    VALUE
                };
                return fail(self, part, text::sentence(&e));
            }
        };
        let reason = self.text(REASON).to_string();
        let disqualify = !reason.is_empty();
        let points = if disqualify {
            0
        } else {
            match self.text(POINTS).replace('+', "").parse::<i64>() {
                Ok(p) => p,
                Err(_) => {
                    let typed = self.text(POINTS).to_string();
                    return fail(
                        self,
                        POINTS,
                        format!("Points must be a whole number such as 15 or -10, not `{typed}`."),
                    );
                }
            }
        };
        let cites = match parse_cites(self.text(CITES)) {
            Ok(c) => c,
            Err(e) => return fail(self, CITES, text::sentence(&e)),
        };
        let mut id = self.text(ID).to_string();
        if id.is_empty() {
            let words = format!("{field} {}", self.text(VALUE));
            id = crate::domain::id::slugify(&words, "rule");
            id.truncate(40);
            id = id.trim_end_matches('-').to_string();
        }
        let optional = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let base = self.base.clone();
        Ok(Rule {
            id,
            condition: Condition {
                field,
                test,
                currency: base.as_ref().and_then(|b| b.condition.currency.clone()),
            },
            points,
            group: if disqualify {
                None
            } else {
                optional(self.text(GROUP))
            },
            disqualify,
            reason: disqualify.then_some(reason),
            label: optional(self.text(LABEL)),
            cites,
            note: base.as_ref().and_then(|b| b.note.clone()),
            extra: base.as_ref().map_or_else(Extra::new, |b| b.extra.clone()),
            line: 0,
        })
    }

    /// Moves to the part an error is about, when the message names it.
    pub fn focus_on(&mut self, message: &str) {
        let m = message.to_lowercase();
        let part = if m.contains("group") {
            GROUP
        } else if m.contains("cites") || m.contains("interview") || m.contains("customer") {
            CITES
        } else if m.contains("id `") || m.contains("rule id") {
            ID
        } else if m.contains(" uses `") || m.contains("currency") {
            TEST
        } else {
            return;
        };
        self.at = part;
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let width = area.width.saturating_sub(4).clamp(20, 90);
        let height = (PARTS.len() as u16 + 6).min(area.height);
        let x = area.x + (area.width.saturating_sub(width)) / 2;
        let y = area.y + (area.height.saturating_sub(height)) / 2;
        let popup = Rect::new(x, y, width, height);
        f.render_widget(Clear, popup);
        let title = if self.editing.is_some() {
            " Edit rule "
        } else {
            " New rule "
        };
        let block = Block::bordered()
            .border_style(theme.border_focused())
            .title(Line::styled(title, theme.title()));
        let inner = block.inner(popup);
        f.render_widget(block, popup);
        let label_w = PARTS
            .iter()
            .map(|(l, _)| text::width(l))
            .max()
            .unwrap_or(10)
            .min(inner.width as usize / 3);
        let room = (inner.width as usize).saturating_sub(label_w + 2).max(1);
        let mut lines = Vec::new();
        let mut cursor = None;
        for (i, (label, _)) in PARTS.iter().enumerate() {
            let (shown, col) = self.inputs[i].visible(room);
            let style = if i == self.at {
                theme.selected()
            } else {
                theme.label()
            };
            if i == self.at {
                cursor = Some((label_w + 2 + col, lines.len()));
            }
            lines.push(Line::from(vec![
                Span::styled(crate::text::pad(&text::fit(label, label_w), label_w), style),
                Span::raw("  "),
                Span::raw(shown),
            ]));
        }
        lines.push(Line::default());
        let hint = match self.at {
            TEST => format!(
                "One of: {}.",
                OPERATORS
                    .iter()
                    .map(|(o, _)| *o)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            VALUE => {
                let op = self.text(TEST).to_lowercase();
                OPERATORS
                    .iter()
                    .find(|(o, _)| op.replace(['_', '-'], " ") == *o)
                    .map_or_else(
                        || "What the test compares with.".to_string(),
                        |(o, what)| format!("For `{o}`: {what}."),
                    )
            }
            n => PARTS[n].1.to_string(),
        };
        match &self.error {
            Some(error) => {
                for l in text::wrap_at_most(error, inner.width as usize, 2) {
                    lines.push(Line::styled(l, theme.error()));
                }
            }
            None => {
                for l in text::wrap_at_most(&hint, inner.width as usize, 2) {
                    lines.push(Line::styled(l, theme.dim()));
                }
            }
        }
        f.render_widget(Paragraph::new(lines), inner);
        if let Some((col, row)) = cursor
            && (row as u16) < inner.height
        {
            f.set_cursor_position(Position::new(
                inner.x + (col as u16).min(inner.width.saturating_sub(1)),
                inner.y + row as u16,
            ));
        }
    }
}
