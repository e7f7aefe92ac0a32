//! Drawing one question: its label, question and help, the field editor,
//! and the evidence beside it (or below, or on its own in a narrow window).

use super::super::evidence;
use super::super::fill::Fill;
use super::{marks, title_of};
use crate::domain::wizard::Subject;
use crate::tui::ctx::Ctx;
use crate::tui::text::{self, count};
use crate::tui::widgets::spans::plain;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn draw(ctx: &Ctx, fill: &Fill, f: &mut Frame, area: Rect) {
    let theme = ctx.theme;
    let Some(field) = fill.wizard.current() else {
        return;
    };
    let p = fill.wizard.progress();
    let progress = format!(
        " {} of {} · {} · {} left ",
        p.step,
        p.total,
        text::fit(&p.section, 24),
        p.left
    );
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(
            title_of(
                fill,
                (area.width as usize).saturating_sub(text::width(&progress)),
            ),
            theme.title(),
        ))
        .title(Line::styled(progress, theme.dim()).right_aligned());
    let inner = block.inner(area);
    f.render_widget(block, area);

    let has_evidence = fill.wizard.subject != Subject::Interview;
    let wide = inner.width >= 76;
    let (left, right) = if !has_evidence {
        (inner, None)
    } else if wide {
        let [l, r] = Layout::horizontal([Constraint::Percentage(52), Constraint::Percentage(48)])
            .areas(inner);
        (
            Rect {
                width: l.width.saturating_sub(1),
                ..l
            },
            Some(r),
        )
    } else if fill.evidence_focus {
        (Rect { height: 0, ..inner }, Some(inner))
    } else if inner.height >= 16 {
        let [l, r] = Layout::vertical([Constraint::Min(9), Constraint::Length(7)]).areas(inner);
        (l, Some(r))
    } else {
        (inner, None)
    };

    if left.height > 0 {
        let width = left.width as usize;
        let mut head = Vec::new();
        let mut label = vec![plain(&field.label, theme.label(), width.saturating_sub(24))];
        if field.required {
            let missing = fill.wizard.items().is_empty();
            label.push(Span::styled(
                "  required",
                if missing { theme.stale() } else { theme.dim() },
            ));
        }
        label.push(Span::styled(
            format!(" · {}", field.kind.label()),
            theme.dim(),
        ));
        head.push(Line::from(label));
        for l in text::wrap(&field.question, width.max(10)) {
            head.push(Line::raw(l));
        }
        if !field.help.is_empty() {
            for l in text::wrap(&field.help, width.max(10)) {
                head.push(Line::styled(l, theme.dim()));
            }
        }
        head.push(Line::default());
        let mut foot = Vec::new();
        if let Some(error) = &fill.error {
            for l in text::wrap(error, width.max(10)) {
                foot.push(Line::styled(l, theme.error()));
            }
        } else {
            for l in text::wrap(fill.editor.hint(), width.max(10)) {
                foot.push(Line::styled(l, theme.dim()));
            }
            let n = evidence::quotes(ctx, fill).len();
            if right.is_none() && n > 0 {
                let hint = format!("Tab shows {} to cite.", count(n, "quote", "quotes"));
                for l in text::wrap(&hint, width.max(10)) {
                    foot.push(Line::styled(l, theme.dim()));
                }
            }
        }
        let head_h = (head.len() as u16).min(left.height.saturating_sub(2));
        let foot_h = (foot.len() as u16).min(left.height.saturating_sub(head_h + 1));
        let editor_h = left.height.saturating_sub(head_h + foot_h);
        f.render_widget(
            Paragraph::new(head),
            Rect {
                height: head_h,
                ..left
            },
        );
        let editor_area = Rect {
            y: left.y + head_h,
            height: editor_h,
            ..left
        };
        let cursor = fill.editor.draw(
            field,
            fill.wizard.items(),
            !fill.evidence_focus && fill.overview.is_none(),
            theme,
            f,
            editor_area,
            &marks(ctx),
        );
        f.render_widget(
            Paragraph::new(foot),
            Rect {
                y: editor_area.y + editor_h,
                height: foot_h,
                ..left
            },
        );
        if let Some((x, y)) = cursor {
            f.set_cursor_position((x, y));
        }
    }
    if let Some(right) = right {
        super::evidence::draw(ctx, fill, field, f, right);
    }
}
