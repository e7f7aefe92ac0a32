//! Drawing the review of the whole card before saving, and the list of
//! every question with its state.

use super::super::fill::Fill;
use super::{marks, title_of};
use crate::domain::EvidenceSummary;
use crate::domain::wizard::{FieldState, NAME_FIELD, Subject};
use crate::tui::ctx::Ctx;
use crate::tui::text::{self, count};
use crate::tui::widgets::popup;
use crate::tui::widgets::spans::plain;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn review(ctx: &Ctx, fill: &Fill, f: &mut Frame, area: Rect) {
    let theme = ctx.theme;
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(
            title_of(fill, area.width.saturating_sub(10) as usize),
            theme.title(),
        ))
        .title(Line::styled(" Review ", theme.dim()).right_aligned());
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = &fill.wizard;
    let mut lines = Vec::new();
    let width = inner.width as usize;
    let name = w.name_str();
    lines.push(Line::from(plain(
        if name.is_empty() {
            "(no name yet)"
        } else {
            name
        },
        theme.title(),
        width,
    )));
    let mut about = format!(
        "{} · template {}",
        w.subject.kind().label(),
        text::fit(&w.template.name, 40)
    );
    if let Subject::Persona { icp } = &w.subject {
        let icp = ctx
            .workspace
            .icp(icp)
            .map(|i| i.name.as_str())
            .unwrap_or(icp);
        about.push_str(&format!(" · in {}", text::fit(icp, 60)));
    }
    for l in text::wrap(&about, width) {
        lines.push(Line::styled(l, theme.dim()));
    }
    let mut answers = w.answers().clone();
    answers.remove(NAME_FIELD);
    // The matrix is messaging, not a research claim (as on the card).
    answers.remove(crate::domain::wizard::MESSAGING_FIELD);
    let summary = EvidenceSummary::of(ctx.workspace, &answers);
    let missing = w
        .overview()
        .iter()
        .filter(|r| r.state == FieldState::Missing)
        .count();
    let mut spans = vec![
        Span::styled(format!("✓ {} backed", summary.backed), theme.backed()),
        Span::raw(" by quotes, "),
        Span::styled(
            format!(
                "? {}",
                count(summary.assumptions, "assumption", "assumptions")
            ),
            theme.assumption(),
        ),
    ];
    if missing > 0 {
        spans.push(Span::styled(
            format!(
                " · {} still empty",
                count(missing, "required question", "required questions")
            ),
            theme.error(),
        ));
    }
    lines.push(Line::from(spans));
    if let Some(error) = &fill.error {
        for l in text::wrap(error, width) {
            lines.push(Line::styled(l, theme.error()));
        }
    }
    let mut section = String::new();
    for step in w.steps() {
        if step.field.id == NAME_FIELD {
            continue;
        }
        if step.section != section {
            section = step.section.clone();
            lines.push(Line::default());
            lines.push(Line::styled(
                text::fit(&section.to_uppercase(), width),
                theme.heading(),
            ));
        }
        let items = w.items_of(&step.field.id);
        let unit = step
            .field
            .unit
            .as_deref()
            .filter(|_| {
                matches!(
                    step.field.kind,
                    crate::domain::FieldKind::Number | crate::domain::FieldKind::Range
                )
            })
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        match w.state_of(&step.field) {
            FieldState::Answered { .. } => {
                lines.push(Line::from(vec![
                    Span::raw("  "),
                    plain(&step.field.label, theme.label(), width.saturating_sub(2)),
                ]));
                for item in items {
                    let value = format!("{}{unit}", item.value);
                    let mark = marks(ctx)(item);
                    let room = width.saturating_sub(8 + text::width(&mark.content));
                    lines.push(Line::from(vec![
                        Span::raw("    • "),
                        Span::raw(text::fit(&value, room.max(8))),
                        Span::raw("  "),
                        mark,
                    ]));
                }
            }
            state => lines.push(Line::from(vec![
                Span::raw("  "),
                plain(&step.field.label, theme.label(), width.saturating_sub(26)),
                match state {
                    FieldState::Missing => Span::styled(": required, still empty", theme.error()),
                    FieldState::Skipped => Span::styled(": skipped", theme.dim()),
                    _ => Span::styled(": not filled in", theme.dim()),
                },
            ])),
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Ctrl-s or Enter saves; Ctrl-b goes back to the questions.",
        theme.dim(),
    ));
    let max = lines.len().saturating_sub(inner.height as usize) as u16;
    let scroll = fill.scroll.min(max);
    f.render_widget(
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .wrap(Wrap { trim: false }),
        inner,
    );
}

pub fn overview(ctx: &Ctx, fill: &Fill, selected: usize, f: &mut Frame, area: Rect) {
    let theme = ctx.theme;
    let rows = fill.wizard.overview();
    let w = area.width.saturating_sub(6).clamp(30, 76);
    let h = (rows.len() as u16 + 3)
        .min(area.height.saturating_sub(2))
        .max(5);
    let outer = popup::centered(area, w, h);
    let inner = popup::frame(f, outer, "Every question", theme);
    let mut lines: Vec<Line> = rows
        .iter()
        .map(|r| {
            let (mark, state, style) = match r.state {
                FieldState::Answered { items, cited } => (
                    "✓",
                    format!("{}, {cited} cited", count(items, "answer", "answers")),
                    theme.backed(),
                ),
                FieldState::Missing => ("!", "required, empty".to_string(), theme.error()),
                FieldState::Skipped => ("·", "skipped".to_string(), theme.dim()),
                FieldState::Empty => (" ", "empty".to_string(), theme.dim()),
            };
            let on = r.step == selected;
            let label = text::fit(
                &format!("{} › {}", r.section, r.label),
                (inner.width as usize).saturating_sub(24).max(8),
            );
            Line::from(vec![
                Span::styled(format!("{mark} "), style),
                Span::styled(
                    label,
                    if on {
                        theme.selected()
                    } else {
                        Default::default()
                    },
                ),
                Span::styled(format!("  {state}"), theme.dim()),
            ])
        })
        .collect();
    let on_review = selected >= rows.len();
    lines.push(Line::styled(
        "→ Review and save",
        if on_review {
            theme.selected()
        } else {
            theme.label()
        },
    ));
    let rows_h = inner.height as usize;
    let skip = selected.saturating_sub(rows_h.saturating_sub(1));
    f.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
        inner,
    );
}
