//! Files that failed to load, with where and why.

use crate::tui::ctx::Ctx;
use crate::tui::text;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(ctx: &Ctx, scroll: u16, f: &mut Frame, area: Rect) {
    let theme = ctx.theme;
    let outer = popup::centered(
        area,
        area.width.saturating_sub(6).max(20),
        area.height.saturating_sub(4).max(5),
    );
    let width = outer.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = text::wrap(
        "These files could not be loaded. Everything else works; fix them in a text editor and restart.",
        width,
    )
    .into_iter()
    .map(Line::raw)
    .collect();
    lines.push(Line::default());
    for p in ctx.problems {
        lines.push(Line::styled(
            text::fit(&format!("{}:{}:{}", p.path, p.line, p.column), width),
            theme.key(),
        ));
        for message in text::clean_lines(&p.message) {
            for l in text::wrap(&message, width.saturating_sub(2)) {
                lines.push(Line::raw(format!("  {l}")));
            }
        }
    }
    let inner = popup::frame(f, outer, "Problems", theme);
    f.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
