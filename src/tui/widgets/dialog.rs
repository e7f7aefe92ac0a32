//! The small popups that ask something: yes/no, a line of text, a choice.

use super::popup;
use crate::tui::action::Action;
use crate::tui::conflict::Conflict;
use crate::tui::keys::{Context, Keymaps};
use crate::tui::modal::{Choose, Confirm, Prompt};
use crate::tui::text;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn width_for(area: Rect) -> u16 {
    area.width.saturating_sub(6).clamp(20, 72)
}

pub fn confirm(c: &Confirm, theme: &Theme, f: &mut Frame, area: Rect) {
    let w = width_for(area);
    let mut lines: Vec<Line> = text::wrap(&c.message, w as usize - 2)
        .into_iter()
        .map(Line::raw)
        .collect();
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("y", theme.key()),
        Span::raw(" yes    "),
        Span::styled("n", theme.key()),
        Span::raw(" no"),
    ]));
    let outer = popup::centered(area, w, lines.len() as u16 + 2);
    let inner = popup::frame(f, outer, &c.title, theme);
    f.render_widget(Paragraph::new(lines), inner);
}

pub fn prompt(p: &Prompt, theme: &Theme, f: &mut Frame, area: Rect) {
    let w = width_for(area);
    let mut lines: Vec<Line> = text::wrap(&p.label, w as usize - 2)
        .into_iter()
        .map(|l| Line::styled(l, theme.label()))
        .collect();
    let input_row = lines.len() as u16;
    let (shown, cursor) = p.input.visible(w as usize - 3);
    lines.push(Line::raw(shown));
    lines.push(Line::styled("Enter accepts · Esc cancels", theme.dim()));
    let outer = popup::centered(area, w, lines.len() as u16 + 2);
    let inner = popup::frame(f, outer, &text::fit(&p.title, w as usize - 4), theme);
    f.render_widget(Paragraph::new(lines), inner);
    if input_row < inner.height {
        f.set_cursor_position((inner.x + cursor as u16, inner.y + input_row));
    }
}

pub fn picker(p: &Choose, theme: &Theme, f: &mut Frame, area: Rect) {
    let w = width_for(area);
    let height = (p.picker.rows().len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(3);
    let outer = popup::centered(area, w, height);
    let inner = popup::frame(f, outer, &text::fit(&p.title, w as usize - 4), theme);
    p.picker.draw(theme, true, f, inner);
}

/// A save refused because the file changed under the app: what happened,
/// in one sentence, and the choices, with their keys from the key table.
/// `reload` says what Reload means on the screen below.
pub fn conflict(
    c: &Conflict,
    reload: &str,
    keymaps: &Keymaps,
    theme: &Theme,
    f: &mut Frame,
    area: Rect,
) {
    let w = width_for(area);
    let inner_w = w as usize - 2;
    let mut lines: Vec<Line> = text::wrap(&c.sentence(), inner_w)
        .into_iter()
        .map(Line::raw)
        .collect();
    lines.push(Line::styled("Nothing has been saved yet.", theme.dim()));
    lines.push(Line::default());
    let copy = format!(
        "keep theirs, save yours as “{}”",
        text::fit(&c.copy_name(), inner_w)
    );
    let choices = [
        (Action::Reload, "Reload", reload.to_string()),
        (
            Action::Overwrite,
            "Overwrite",
            c.overwrite_hint().to_string(),
        ),
        (Action::SaveCopy, "Save as copy", copy),
        (
            Action::Cancel,
            "Decide later",
            "nothing is saved".to_string(),
        ),
    ];
    let keys: Vec<String> = choices
        .iter()
        .map(|(action, ..)| {
            keymaps
                .key_for(Context::Conflict, *action)
                .unwrap_or_default()
        })
        .collect();
    let col = keys.iter().map(|k| text::width(k)).max().unwrap_or(1) + 2;
    for ((_, label, hint), key) in choices.iter().zip(keys) {
        let pad = " ".repeat(col.saturating_sub(text::width(&key)));
        let rest = format!("{label}: {hint}");
        for (i, part) in text::wrap(&rest, inner_w.saturating_sub(col))
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 {
                Span::styled(format!("{key}{pad}"), theme.key())
            } else {
                Span::raw(" ".repeat(col))
            };
            lines.push(Line::from(vec![lead, Span::raw(part)]));
        }
    }
    let outer = popup::centered(area, w, lines.len() as u16 + 2);
    let inner = popup::frame(f, outer, c.title(), theme);
    f.render_widget(Paragraph::new(lines), inner);
}
