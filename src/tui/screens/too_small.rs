//! What is drawn instead of a squashed screen.

use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

pub fn fits(area: Rect) -> bool {
    area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT
}

pub fn draw(theme: &Theme, f: &mut Frame, area: Rect) {
    let lines = vec![
        Line::styled("Terminal too small", theme.error()),
        Line::raw(format!(
            "{}×{} now; persona needs {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge the window, or press Ctrl-c to quit.",
            area.width, area.height
        )),
    ];
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}
