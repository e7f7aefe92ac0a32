//! Files that failed to load, with where and why.

use crate::tui::app::App;
use crate::tui::text;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(app: &App, scroll: u16, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let mut lines = vec![
        Line::raw(
            "These files could not be loaded. Everything else works; fix them in a text editor and restart.",
        ),
        Line::default(),
    ];
    for p in &app.problems {
        lines.push(Line::from(vec![Span::styled(
            format!("{}:{}:{}", text::clean(&p.path), p.line, p.column),
            theme.key(),
        )]));
        for l in text::clean_lines(&p.message) {
            lines.push(Line::raw(format!("  {l}")));
        }
    }
    let outer = popup::centered(
        area,
        area.width.saturating_sub(6).max(20),
        area.height.saturating_sub(4).max(5),
    );
    let inner = popup::frame(f, outer, "Problems", theme);
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}
