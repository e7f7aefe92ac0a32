//! The tally: how many interviewees mentioned each tag, and how often each
//! value of each best-customer attribute occurs, as bar charts with the
//! numbers, for all interviews or one ICP at a time.

use crate::domain::tally;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::keys::{Context, Row, table};
use crate::tui::out::{Nav, Out};
use crate::tui::screens::customers::percent;
use crate::tui::text::{self, count};
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph};

pub const KEYS: &[(Context, &[Row])] = &[(
    Context::Tally,
    table! {
        Up "up k" show "scroll" "Scroll up";
        Down "down j" show "scroll" "Scroll down";
        SwitchPane "tab right l" show "next ICP" "Show the next ICP (or all interviews)";
        PreviousField "shift-tab left h" help "previous ICP" "Show the previous ICP";
        Customers "b" show "best customers" "List this ICP's best customers";
        Back "esc q" show "back" "Back";
    },
)];

#[derive(Default)]
pub struct TallyState {
    /// `None`: every interview; else one ICP's interviews and customers.
    pub icp: Option<String>,
    pub scroll: u16,
}

impl TallyState {
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let ids: Vec<Option<String>> = std::iter::once(None)
            .chain(ctx.workspace.icps.iter().map(|i| Some(i.id.clone())))
            .collect();
        let at = ids.iter().position(|i| *i == self.icp).unwrap_or(0);
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::SwitchPane => {
                self.icp = ids[(at + 1) % ids.len()].clone();
                self.scroll = 0;
            }
            Action::PreviousField => {
                self.icp = ids[(at + ids.len() - 1) % ids.len()].clone();
                self.scroll = 0;
            }
            Action::Back => return vec![Out::Back],
            Action::Customers => {
                return match &self.icp {
                    Some(icp) => vec![Out::Push(Nav::Customers { icp: icp.clone() })],
                    None => vec![Out::say("Press Tab to pick an ICP first.")],
                };
            }
            _ => {}
        }
        Vec::new()
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        draw(ctx, self, f, area)
    }
}

/// The best customers trait by trait, as bars: how common each value is
/// among the best (█) against the whole customer list (░ where the list
/// has more), with the share, the list's share and the lift, and how many
/// best customers lack the trait.
fn customer_lines(ctx: &Ctx, icp: &str, width: usize) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let Some(icp) = ctx.workspace.icp(icp) else {
        return Vec::new();
    };
    let t = tally::best_customers(icp);
    let mut head = count(t.customers, "best customer", "best customers");
    if let Some(n) = t.baseline {
        head.push_str(&format!(" · {} in all", count(n, "customer", "customers")));
    }
    head.push_str(" · b lists them");
    let mut out = vec![Line::styled(text::fit(&head, width), theme.label())];
    if t.customers == 0 {
        for l in text::wrap(
            "None yet: press b and then I to import a customer export, or run `persona import-customers CSV --icp ID`.",
            width,
        ) {
            out.push(Line::styled(l, theme.dim()));
        }
        return out;
    }
    if let Some(rule) = &t.best_by {
        out.push(Line::styled(text::fit(rule, width), theme.dim()));
    }
    if t.baseline.is_some() {
        let legend = "█ best  ░ all customers  ×lift (over 1: commoner among the best)";
        out.push(Line::styled(text::fit(legend, width), theme.dim()));
    }
    let label_w = (width / 3).clamp(6, 24);
    for a in t.attributes.iter().filter(|a| !a.values.is_empty()) {
        out.push(Line::default());
        let mut title = a.attribute.replace('_', " ").to_uppercase();
        if a.missing > 0 {
            title.push_str(&format!(" · {} of {} lack it", a.missing, t.customers));
        }
        out.push(Line::styled(text::fit(&title, width), theme.heading()));
        for v in &a.values {
            let figures = match (v.baseline_share, v.lift) {
                (Some(b), Some(l)) => format!(" {} vs {} ×{l:.1}", percent(v.share), percent(b)),
                (Some(b), None) => format!(" {} vs {}", percent(v.share), percent(b)),
                _ => format!(" {} ({})", percent(v.share), v.count),
            };
            let room = width
                .saturating_sub(label_w + 1 + text::width(&figures))
                .max(4);
            let best = ((v.share * room as f64).round() as usize).clamp(1, room);
            let all = v
                .baseline_share
                .map_or(0, |b| ((b * room as f64).round() as usize).min(room));
            let mut spans = vec![
                Span::raw(crate::text::pad(&text::fit(&v.value, label_w), label_w)),
                Span::raw(" "),
                Span::styled("█".repeat(best), theme.backed()),
            ];
            if all > best {
                spans.push(Span::styled("░".repeat(all - best), theme.dim()));
            }
            spans.push(Span::raw(" ".repeat(room - best.max(all))));
            let lifted = v.lift.is_some_and(|l| l >= 1.5);
            spans.push(Span::styled(
                figures,
                if lifted { theme.key() } else { theme.label() },
            ));
            out.push(Line::from(spans));
        }
    }
    out
}

fn draw(ctx: &Ctx, state: &TallyState, f: &mut Frame, area: Rect) {
    let theme = ctx.theme;
    let ws = ctx.workspace;
    let scope = match &state.icp {
        None => "all interviews".to_string(),
        Some(id) => ws
            .icp(id)
            .map(|i| text::fit(&i.name, area.width.saturating_sub(12) as usize))
            .unwrap_or_else(|| id.clone()),
    };
    let tags = tally::tags(ws, state.icp.as_deref());
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(format!(" Tally: {scope} "), theme.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    ctx.drawn(|a| a.body = inner);
    let wide = inner.width >= 90 && state.icp.is_some();
    let (tag_area, customer_area) = if state.icp.is_none() {
        (inner, None)
    } else if wide {
        let [a, b] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)])
            .spacing(2)
            .areas(inner);
        (a, Some(b))
    } else {
        let [a, b] = Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(inner);
        (a, Some(b))
    };
    let [head, chart] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(tag_area);
    f.render_widget(
        Paragraph::new(vec![
            Line::styled(
                format!(
                    "Tags by interviewees ({}, {})",
                    count(tags.interviews, "interview", "interviews"),
                    count(tags.interviewees, "person", "people"),
                ),
                theme.label(),
            ),
            Line::styled("Tab: next ICP · people who said it (quotes)", theme.dim()),
        ]),
        head,
    );
    if tags.tags.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(
                "No tagged highlights yet: open an interview (i from browse) and press h.",
                theme.dim(),
            )),
            chart,
        );
    } else {
        let skip = (state.scroll as usize).min(tags.tags.len().saturating_sub(1));
        let label_w = tags
            .tags
            .iter()
            .map(|t| text::width(&t.tag))
            .max()
            .unwrap_or(4)
            .min(22);
        let bars: Vec<Bar> = tags
            .tags
            .iter()
            .skip(skip)
            .take(chart.height as usize)
            .map(|t| {
                Bar::default()
                    .value(t.interviewees as u64)
                    .label(Line::raw(crate::text::pad(
                        &text::fit(&t.tag, label_w),
                        label_w,
                    )))
                    .text_value(format!("{} ({} quotes) ", t.interviewees, t.highlights))
                    .style(theme.backed())
                    .value_style(theme.selected())
            })
            .collect();
        let max = tags.tags.iter().map(|t| t.interviewees).max().unwrap_or(1) as u64;
        let chart_widget = BarChart::default()
            .direction(Direction::Horizontal)
            .bar_width(1)
            .bar_gap(0)
            .max(max)
            .data(BarGroup::default().bars(&bars));
        f.render_widget(chart_widget, chart);
    }
    if let (Some(area), Some(icp)) = (customer_area, &state.icp) {
        let lines = customer_lines(ctx, icp, area.width as usize);
        let block = Block::default()
            .borders(ratatui::widgets::Borders::TOP)
            .border_style(theme.border())
            .title(Line::styled(" Best customers ", theme.title()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        f.render_widget(Paragraph::new(lines).scroll((state.scroll, 0)), inner);
    }
}
