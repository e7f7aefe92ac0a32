//! Insights: the imported outcomes per persona, tier or outreach template,
//! as bars of one rate with its sample size and noise mark, the selected
//! line's figures, and its trend across the snapshots; filtered by ICP and
//! by the month the rows date from. Everything shown is worked out by
//! [`crate::domain::metrics`]; this screen only picks and draws.

mod lines;

pub use lines::{pack, spark_line};

use crate::domain::metrics::report::{self, Filter, Metric, Report};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::keys::{Context, Row, table};
use crate::tui::out::Out;
use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use std::cell::Cell;

pub const KEYS: &[(Context, &[Row])] = &[(
    Context::Insights,
    table! {
        Up "up k" show "line" "Select the line above (its figures and trend show below)";
        Down "down j" show "line" "Select the line below";
        Right "right l" show "rate" "Chart the next rate (open, click, reply, meeting, win)";
        Left "left h" help "previous rate" "Chart the previous rate";
        GroupBy "b" show "by" "Group by persona, ICP tier or outreach template";
        SwitchPane "tab" show "ICP" "Show the next ICP (or every ICP)";
        PreviousField "shift-tab" help "previous ICP" "Show the previous ICP";
        Since "s" show "since" "Count rows from a later month (cycles back to all dates)";
        SinceEarlier "S" help "since earlier" "Count rows from an earlier month";
        PageUp "pgup" help "page" "Scroll one page up";
        PageDown "pgdn" help "page" "Scroll one page down";
        Back "esc q" show "back" "Back";
    },
)];

/// What the lines are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Group {
    #[default]
    Persona,
    Tier,
    Template,
}

impl Group {
    fn next(self) -> Group {
        match self {
            Group::Persona => Group::Tier,
            Group::Tier => Group::Template,
            Group::Template => Group::Persona,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Group::Persona => "persona",
            Group::Tier => "ICP tier",
            Group::Template => "outreach template",
        }
    }

    /// The cell's key for this grouping.
    pub fn key(self, cell: &crate::domain::metrics::Cell) -> Option<&str> {
        match self {
            Group::Persona => cell.persona.as_deref(),
            Group::Tier => cell.tier.as_deref(),
            Group::Template => cell.template.as_deref(),
        }
    }

    /// The report's lines for this grouping.
    pub fn of(self, report: &Report) -> &[report::Line] {
        match self {
            Group::Persona => &report.personas,
            Group::Tier => &report.tiers,
            Group::Template => &report.templates,
        }
    }
}

pub struct InsightsState {
    /// `None`: every ICP.
    pub icp: Option<String>,
    /// Only rows from this month on (its first day).
    pub since: Option<Date>,
    pub group: Group,
    /// The rate the bars show.
    pub metric: Metric,
    /// The selected line.
    pub selected: usize,
    pub scroll: Cell<usize>,
    /// Scroll to the selected line at the next draw (a page key scrolls
    /// freely instead).
    follow: Cell<bool>,
}

impl Default for InsightsState {
    fn default() -> InsightsState {
        InsightsState {
            icp: None,
            since: None,
            group: Group::Persona,
            metric: Metric::ReplyRate,
            selected: 0,
            scroll: Cell::new(0),
            follow: Cell::new(true),
        }
    }
}

impl InsightsState {
    pub fn filter(&self) -> Filter {
        Filter {
            icp: self.icp.clone(),
            since: self.since,
            as_of: None,
        }
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let ws = ctx.workspace;
        let snapshots = &ws.outcomes.snapshots;
        let count = self
            .group
            .of(&report::build(snapshots, &self.filter()))
            .len();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Action::Right | Action::Left => {
                let at = Metric::ALL.iter().position(|m| *m == self.metric);
                let n = Metric::ALL.len();
                let at = at.unwrap_or(0);
                let to = if action == Action::Right {
                    (at + 1) % n
                } else {
                    (at + n - 1) % n
                };
                self.metric = Metric::ALL[to];
            }
            Action::GroupBy => {
                self.group = self.group.next();
                self.selected = 0;
            }
            Action::SwitchPane | Action::PreviousField => {
                let ids: Vec<Option<String>> = std::iter::once(None)
                    .chain(ws.icps.iter().map(|i| Some(i.id.clone())))
                    .collect();
                let at = ids.iter().position(|i| *i == self.icp).unwrap_or(0);
                let n = ids.len();
                let to = if action == Action::SwitchPane {
                    (at + 1) % n
                } else {
                    (at + n - 1) % n
                };
                self.icp = ids[to].clone();
                self.selected = 0;
            }
            Action::Since | Action::SinceEarlier => {
                let months = months(snapshots);
                let options: Vec<Option<Date>> = std::iter::once(None)
                    .chain(months.into_iter().map(Some))
                    .collect();
                let at = options.iter().position(|m| *m == self.since).unwrap_or(0);
                let n = options.len();
                let to = if action == Action::Since {
                    (at + 1) % n
                } else {
                    (at + n - 1) % n
                };
                self.since = options[to];
                self.selected = 0;
            }
            Action::PageUp | Action::PageDown => {
                let page = ctx.page(false);
                let scroll = self.scroll.get();
                self.scroll.set(if action == Action::PageUp {
                    scroll.saturating_sub(page)
                } else {
                    scroll + page
                });
                self.follow.set(false);
                return Vec::new();
            }
            Action::Back => return vec![Out::Back],
            _ => return Vec::new(),
        }
        self.follow.set(true);
        Vec::new()
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let scope = match &self.icp {
            None => "every ICP".to_string(),
            Some(id) => ctx
                .workspace
                .icp(id)
                .map(|i| i.name.clone())
                .unwrap_or_else(|| id.clone()),
        };
        let since = match self.since {
            None => "all dates".to_string(),
            Some(d) => format!("since {}", month(d)),
        };
        let title = format!(" Insights: {scope} · {since} ");
        let title = crate::tui::text::fit(&title, area.width.saturating_sub(2) as usize);
        let block = Block::bordered()
            .border_style(theme.border_focused())
            .title(Line::styled(title, theme.title()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        ctx.drawn(|a| a.body = inner);
        let built = lines::build(ctx, self, inner.width as usize);
        let height = inner.height as usize;
        let mut scroll = self.scroll.get();
        if self.follow.get() {
            // The selected bar in view, with the header when it fits.
            let line = lines::HEADER + self.selected;
            if line < height {
                scroll = 0;
            } else if line < scroll {
                scroll = line;
            } else if line >= scroll + height {
                scroll = line + 1 - height;
            }
        }
        let scroll = scroll.min(built.len().saturating_sub(height));
        self.scroll.set(scroll);
        let visible: Vec<Line> = built.into_iter().skip(scroll).take(height).collect();
        f.render_widget(Paragraph::new(visible), inner);
    }
}

/// The first day of every month the snapshots' rows date from, oldest
/// first.
pub fn months(snapshots: &[crate::domain::metrics::Snapshot]) -> Vec<Date> {
    let mut out: Vec<Date> = snapshots
        .iter()
        .flat_map(|s| &s.cells)
        .filter_map(|c| c.month.as_deref())
        .filter_map(|m| format!("{m}-01").parse::<Date>().ok())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// `2026-10`.
pub fn month(date: Date) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}
