//! Drawing the wizard: the first choices, then a question (with its
//! evidence), the review, and the list of every question over either.

mod evidence;
mod question;
mod review;

use super::choose::Choose;
use super::fill::Fill;
use crate::domain::Item;
use crate::domain::wizard::Subject;
use crate::tui::ctx::Ctx;
use crate::tui::text::{self, count};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// How an answer is backed: `✓ 2 quotes` or `? assumption`.
pub(super) fn marks<'a>(ctx: &'a Ctx) -> impl Fn(&Item) -> Span<'static> + 'a {
    move |item: &Item| {
        let n = item.cites.len();
        if n == 0 {
            Span::styled("? assumption", ctx.theme.assumption())
        } else {
            Span::styled(
                format!("✓ {}", count(n, "quote", "quotes")),
                ctx.theme.backed(),
            )
        }
    }
}

/// The wizard's title: what is made, and its name so far.
pub(super) fn title_of(fill: &Fill, width: usize) -> String {
    let what = match &fill.wizard.subject {
        Subject::Icp => "ICP",
        Subject::Persona { .. } => "persona",
        Subject::Interview => "interview",
    };
    let verb = if fill.wizard.base.is_some() {
        "Editing"
    } else {
        "New"
    };
    let name = fill.wizard.name_str();
    let room = width.saturating_sub(verb.len() + what.len() + 6).min(40);
    if name.is_empty() {
        format!(
            " {verb} {what} · {} ",
            text::fit(&fill.wizard.template.name, room)
        )
    } else {
        format!(" {verb} {what}: {} ", text::fit(name, room))
    }
}

pub fn fill(ctx: &Ctx, fill: &Fill, f: &mut Frame, area: Rect) {
    if fill.wizard.at_review() {
        review::review(ctx, fill, f, area);
    } else {
        question::draw(ctx, fill, f, area);
    }
    if let Some(selected) = fill.overview {
        review::overview(ctx, fill, selected, f, area);
    }
}

pub fn choose(ctx: &Ctx, c: &Choose, f: &mut Frame, area: Rect) {
    let theme = ctx.theme;
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(" New ", theme.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [head, list] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    f.render_widget(
        Paragraph::new(Line::styled(c.heading(), theme.heading())),
        head,
    );
    c.picker.draw(theme, true, f, list);
}
