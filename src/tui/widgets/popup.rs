//! A bordered box centred over the screen.

use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

/// A centred area of at most `width` x `height`, inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Clears the area, draws a titled border, returns the inside.
pub fn frame(f: &mut Frame, area: Rect, title: &str, theme: &Theme) -> Rect {
    f.render_widget(Clear, area);
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(format!(" {title} "), theme.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    inner
}

/// Shows `lines` (one row each) in `inner`, the inside of the popup
/// `outer`, from row `scroll` on (at most to the last screenful), with
/// `↓ more` on the bottom border while rows are hidden below.
pub fn scrolled(
    f: &mut Frame,
    outer: Rect,
    inner: Rect,
    lines: Vec<Line<'static>>,
    scroll: u16,
    theme: &Theme,
) {
    let hidden = (lines.len() as u16).saturating_sub(inner.height);
    let scroll = scroll.min(hidden);
    if scroll < hidden {
        let more = Line::styled(" ↓ more ", theme.key());
        let y = outer.y + outer.height.saturating_sub(1);
        f.render_widget(
            Paragraph::new(more).alignment(ratatui::layout::Alignment::Right),
            Rect::new(outer.x, y, outer.width.saturating_sub(1), 1),
        );
    }
    f.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
