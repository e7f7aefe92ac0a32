//! Drawing an interview: the notes (or a hint when there are none), the
//! highlights pane beside or below them, and the tag picker over both.

use super::highlights::describe_citing;
use super::{Focus, InterviewState, TagPicker, TagPurpose};
use crate::domain::{Citation, anchor};
use crate::tui::ctx::Ctx;
use crate::tui::text;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn draw(ctx: &Ctx, s: &InterviewState, f: &mut Frame, area: Rect) {
    let theme = ctx.theme;
    let wide = area.width >= 90;
    let [notes_area, side] = if wide {
        Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(area)
    } else {
        Layout::vertical([Constraint::Fill(3), Constraint::Fill(2)]).areas(area)
    };
    let d = &s.draft;
    let title = if d.title.trim().is_empty() {
        "New interview".to_string()
    } else {
        text::fit(&d.title, notes_area.width.saturating_sub(24) as usize)
    };
    let (done, total) = d.review_progress();
    let mode = if s.editing {
        " · editing"
    } else if let Some(g) = &s.guided {
        &format!(" · guided {}/{}", g.paragraph + 1, g.paragraphs.len())
    } else if total > 0 {
        &format!(" · reviewed {done}/{total}")
    } else {
        ""
    };
    let dirty = if s.dirty() { " ●" } else { "" };
    let notes_focus = s.focus == Focus::Notes && s.picker.is_none();
    let block = Block::bordered()
        .border_style(if notes_focus {
            theme.border_focused()
        } else {
            theme.border()
        })
        .title(Line::styled(format!(" {title}{dirty} "), theme.title()))
        .title_bottom(Line::styled(format!(" notes{mode} "), theme.dim()));
    let inner = block.inner(notes_area);
    f.render_widget(block, notes_area);
    ctx.drawn(|a| a.body = inner);
    if s.editor.is_empty() && !s.editing {
        f.render_widget(
            Paragraph::new(vec![
                Line::styled("No notes yet.", theme.dim()),
                Line::styled("Press e to type them, E to use $EDITOR,", theme.dim()),
                Line::styled(
                    "or import a file from the interviews list (I).",
                    theme.dim(),
                ),
            ]),
            inner,
        );
    } else {
        f.render_widget(&s.editor, inner);
        if notes_focus && s.editing {
            // The editor draws its own cursor block; the terminal cursor
            // follows it so IMEs and screen readers see where typing goes.
            let c = s.editor.screen_cursor();
            let (top, left) = s.editor.scroll_offset();
            let row = c.row.saturating_sub(top as usize) as u16;
            let col = c.col.saturating_sub(left as usize) as u16;
            if row < inner.height && col < inner.width {
                f.set_cursor_position((inner.x + col, inner.y + row));
            }
        }
    }
    draw_highlights(ctx, s, f, side);
    if let Some(picker) = &s.picker {
        draw_picker(ctx, picker, f, area);
    }
}

fn draw_highlights(ctx: &Ctx, s: &InterviewState, f: &mut Frame, area: Rect) {
    let theme = ctx.theme;
    let focused = s.focus == Focus::Highlights && s.picker.is_none();
    let d = &s.draft;
    let block = Block::bordered()
        .border_style(if focused {
            theme.border_focused()
        } else {
            theme.border()
        })
        .title(Line::styled(
            format!(" Highlights ({}) ", d.highlights.len()),
            theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let who: Vec<&str> = [d.interviewee.as_str(), d.role.as_str(), d.company.as_str()]
        .into_iter()
        .filter(|x| !x.trim().is_empty())
        .collect();
    let about = format!(
        "{} · {} · {}",
        if who.is_empty() {
            "who: not set".to_string()
        } else {
            who.join(", ")
        },
        d.source.label(),
        d.date
            .map(|x| x.to_string())
            .unwrap_or_else(|| "no date".into())
    );
    for l in text::wrap(&about, width) {
        lines.push(Line::styled(l, theme.dim()));
    }
    if !s.private.is_empty() {
        let named: Vec<String> = s
            .private
            .iter()
            .take(6)
            .map(|(kind, words)| format!("{kind} “{}”", text::fit(words, 30)))
            .collect();
        let more = s.private.len().saturating_sub(named.len());
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let said = format!(
            "⚠ Personal details, underlined in the notes: {}{tail}. Leave them out of quotes, or share with a redacted export.",
            named.join(", ")
        );
        for l in text::wrap_at_most(&said, width, 4) {
            lines.push(Line::styled(l, theme.stale()));
        }
    }
    if d.highlights.is_empty() {
        lines.push(Line::default());
        for l in text::wrap(
            "None yet: move to a line (or select words) in the notes and press h.",
            width,
        ) {
            lines.push(Line::styled(l, theme.dim()));
        }
    }
    let mut selected_line = 0;
    for (n, h) in d.highlights.iter().enumerate() {
        lines.push(Line::default());
        let selected = n == s.selected;
        if selected {
            selected_line = lines.len();
        }
        let stale = anchor::find(&d.notes, &h.text).is_none();
        let cited = ctx.cited(&Citation::new(&d.id, &h.id));
        let mut head = vec![Span::styled(
            format!("{} ", h.id),
            if selected && focused {
                theme.selected()
            } else {
                theme.key()
            },
        )];
        if h.tags.is_empty() {
            head.push(Span::styled("untagged", theme.assumption()));
        } else {
            head.push(Span::styled(
                text::fit(&h.tags.join(", "), width.saturating_sub(h.id.len() + 1)),
                theme.label(),
            ));
        }
        if cited > 0 {
            head.push(Span::styled(format!("  cited ×{cited}"), theme.backed()));
        }
        if stale {
            head.push(Span::styled("  ⚠ not in notes", theme.stale()));
        }
        lines.push(Line::from(head));
        let quote = format!(
            "“{}”",
            h.text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        let shown = if selected { usize::MAX } else { 2 };
        for l in text::wrap_at_most(&quote, width.saturating_sub(2), shown) {
            lines.push(Line::raw(format!("  {l}")));
        }
        if selected && cited > 0 {
            for c in describe_citing(ctx, &d.id, &h.id) {
                for l in text::wrap(&format!("← {c}"), width.saturating_sub(2)) {
                    lines.push(Line::styled(format!("  {l}"), theme.backed()));
                }
            }
        }
    }
    let height = inner.height as usize;
    let scroll = if focused && selected_line + 4 > height {
        (selected_line + 4).saturating_sub(height)
    } else {
        0
    };
    f.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}

fn draw_picker(ctx: &Ctx, p: &TagPicker, f: &mut Frame, area: Rect) {
    let theme = ctx.theme;
    let w = area.width.saturating_sub(6).clamp(20, 64);
    let room = w as usize - 2;
    let quote = p.quote.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut top: Vec<Line> = text::wrap_at_most(&format!("“{quote}”"), room, 2)
        .into_iter()
        .map(|l| Line::styled(l, theme.dim()))
        .collect();
    let input_row = top.len() as u16;
    let filter = p.picker.filter.clone().unwrap_or_default();
    let (shown, cursor) = filter.visible(room.saturating_sub(6));
    top.push(Line::from(vec![
        Span::styled("Tag: ", theme.label()),
        Span::raw(shown),
    ]));
    let mut bottom = Vec::new();
    if !p.marked().is_empty() {
        let marked = p.marked().iter().cloned().collect::<Vec<_>>().join(", ");
        for l in text::wrap(&format!("marked: {marked}"), room) {
            bottom.push(Line::styled(l, theme.backed()));
        }
    }
    for l in text::wrap(
        "Type to filter or add · Tab marks · Enter done · Esc cancels",
        room,
    ) {
        bottom.push(Line::styled(l, theme.dim()));
    }
    let list_rows = (area.height as usize)
        .saturating_sub(top.len() + bottom.len() + 4)
        .min(p.picker.rows().len())
        .clamp(1, 12);
    let height = (top.len() + list_rows + bottom.len()) as u16 + 2;
    let outer = popup::centered(area, w, height);
    let title = match p.purpose {
        TagPurpose::New { .. } => "Tag the highlight",
        TagPurpose::Retag { .. } => "Retag the highlight",
    };
    let inner = popup::frame(f, outer, title, theme);
    let [top_area, list_area, bottom_area] = Layout::vertical([
        Constraint::Length(top.len() as u16),
        Constraint::Min(1),
        Constraint::Length(bottom.len() as u16),
    ])
    .areas(inner);
    f.render_widget(Paragraph::new(top), top_area);
    p.picker.draw(theme, true, f, list_area);
    f.render_widget(Paragraph::new(bottom), bottom_area);
    if input_row < inner.height {
        f.set_cursor_position((inner.x + 5 + cursor as u16, inner.y + input_row));
    }
}
