//! The tally: how many interviewees mentioned each tag, and how often each
//! value of each best-customer attribute occurs, as bar charts with the
//! numbers, for all interviews or one ICP at a time.

use crate::domain::tally;
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::effect::Effect;
use crate::tui::keymap::Context;
use crate::tui::modal::Modal;
use crate::tui::text;
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph};

pub struct TallyState {
    /// `None`: every interview; else one ICP's interviews and customers.
    pub icp: Option<String>,
    pub scroll: u16,
    /// Where Esc goes.
    pub back: Box<Screen>,
}

impl TallyState {
    pub fn new(back: Screen) -> TallyState {
        TallyState {
            icp: None,
            scroll: 0,
            back: Box::new(back),
        }
    }
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let ids: Vec<Option<String>> = std::iter::once(None)
        .chain(app.workspace.icps.iter().map(|i| Some(i.id.clone())))
        .collect();
    let Screen::Tally(state) = &mut app.screen else {
        return Vec::new();
    };
    let at = ids.iter().position(|i| *i == state.icp).unwrap_or(0);
    match action {
        Action::Up => state.scroll = state.scroll.saturating_sub(1),
        Action::Down => state.scroll = state.scroll.saturating_add(1),
        Action::SwitchPane => {
            state.icp = ids[(at + 1) % ids.len()].clone();
            state.scroll = 0;
        }
        Action::PreviousField => {
            state.icp = ids[(at + ids.len() - 1) % ids.len()].clone();
            state.scroll = 0;
        }
        Action::Back => {
            let back = std::mem::replace(&mut state.back, Box::new(Screen::Browse));
            app.screen = *back;
        }
        Action::Help => {
            app.modal = Some(Modal::Help {
                context: Context::Tally,
                scroll: 0,
            })
        }
        _ => {}
    }
    Vec::new()
}

/// Text bars for the best-customer attributes: `value  ████ 3`.
fn customer_lines(app: &App, icp: &str, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let Some(icp) = app.workspace.icp(icp) else {
        return Vec::new();
    };
    let t = tally::best_customers(icp);
    let mut out = vec![Line::styled(
        format!("{} best customers", t.customers),
        theme.label(),
    )];
    if t.customers == 0 {
        out.push(Line::styled(
            "None yet: `persona import-customers CSV --icp ID` adds them from a CRM export.",
            theme.dim(),
        ));
        return out;
    }
    for a in t.attributes.iter().filter(|a| !a.values.is_empty()) {
        out.push(Line::default());
        out.push(Line::styled(a.attribute.to_uppercase(), theme.heading()));
        let label_w = (width / 2).clamp(6, 28);
        let bar_room = width.saturating_sub(label_w + 6).max(1);
        let max = a.values.iter().map(|v| v.count).max().unwrap_or(1).max(1);
        for v in &a.values {
            let bar = (v.count * bar_room).div_ceil(max).max(1);
            out.push(Line::from(vec![
                ratatui::text::Span::raw(crate::text::pad(
                    &text::truncate(&text::clean(&v.value), label_w),
                    label_w,
                )),
                ratatui::text::Span::raw(" "),
                ratatui::text::Span::styled("█".repeat(bar), theme.backed()),
                ratatui::text::Span::styled(format!(" {}", v.count), theme.label()),
            ]));
        }
    }
    out
}

pub fn draw(app: &App, state: &TallyState, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let ws = &app.workspace;
    let scope = match &state.icp {
        None => "all interviews".to_string(),
        Some(id) => ws
            .icp(id)
            .map(|i| text::clean(&i.name).into_owned())
            .unwrap_or_else(|| id.clone()),
    };
    let tags = tally::tags(&ws.interviews, state.icp.as_deref());
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(format!(" Tally: {scope} "), theme.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut areas = app.areas.get();
    areas.body = inner;
    app.areas.set(areas);
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
                    "Tags by interviewees ({} interview{}, {} {})",
                    tags.interviews,
                    if tags.interviews == 1 { "" } else { "s" },
                    tags.interviewees,
                    if tags.interviewees == 1 {
                        "person"
                    } else {
                        "people"
                    },
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
                        &text::truncate(&text::clean(&t.tag), label_w),
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
        let lines = customer_lines(app, icp, area.width as usize);
        let block = Block::default()
            .borders(ratatui::widgets::Borders::TOP)
            .border_style(theme.border())
            .title(Line::styled(" Best customers ", theme.title()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        f.render_widget(Paragraph::new(lines).scroll((state.scroll, 0)), inner);
    }
}
