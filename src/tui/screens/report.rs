//! Files that failed to load, with where and why; or a report of several
//! lines (every bad file of an import), each line wrapped on its own.

use crate::store::Problem;
use crate::tui::ctx::Ctx;
use crate::tui::text;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

pub fn draw(ctx: &Ctx, report: Option<&str>, scroll: u16, f: &mut Frame, area: Rect) {
    let theme = ctx.theme;
    let outer = popup::centered(
        area,
        area.width.saturating_sub(6).max(20),
        area.height.saturating_sub(4).max(5),
    );
    let width = outer.width.saturating_sub(2) as usize;
    let lines = match report {
        Some(report) => report_lines(report, width),
        None => load_lines(ctx.problems, width, theme.key()),
    };
    let inner = popup::frame(f, outer, "Problems", theme);
    popup::scrolled(f, outer, inner, lines, scroll, theme);
}

fn load_lines(problems: &[Problem], width: usize, key: Style) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = text::wrap(
        "These files could not be loaded. Everything else works; fix them in a text editor and restart.",
        width,
    )
    .into_iter()
    .map(Line::raw)
    .collect();
    lines.push(Line::default());
    for p in problems {
        lines.push(Line::styled(
            text::fit(&format!("{}:{}:{}", p.path, p.line, p.column), width),
            key,
        ));
        for message in text::clean_lines(&p.message) {
            for l in text::wrap(&message, width.saturating_sub(2)) {
                lines.push(Line::raw(format!("  {l}")));
            }
        }
    }
    lines
}

/// The first line as the heading; each further line an entry of its own,
/// wrapped under a bullet.
fn report_lines(report: &str, width: usize) -> Vec<Line<'static>> {
    let all = text::clean_lines(report);
    let mut lines: Vec<Line> = Vec::new();
    let mut entries = all.iter();
    if let Some(first) = entries.next() {
        lines.extend(text::wrap(first, width).into_iter().map(Line::raw));
        lines.push(Line::default());
    }
    for entry in entries {
        let entry = entry.trim();
        if entry.is_empty() {
            continue;
        }
        for (i, l) in text::wrap(entry, width.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let bullet = if i == 0 { "• " } else { "  " };
            lines.push(Line::raw(format!("{bullet}{l}")));
        }
    }
    lines
}
