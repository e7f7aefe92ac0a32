//! Drawing the screen's frame (title and the three panes' tabs) and the
//! rules pane: tiers and groups, one row per rule, and the selected rule
//! with the evidence behind it.

use super::{Pane, ScoringState};
use crate::domain::scoring::edit::tier_words;
use crate::domain::scoring::evidence::{self, Evidence};
use crate::domain::scoring::reasons::{describe, signed};
use crate::domain::scoring::{Cite, Rule};
use crate::tui::ctx::Ctx;
use crate::tui::text::{self, count};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};
use std::cell::Cell as StdCell;

/// The border, the title and the tabs; returns the area under them.
pub fn frame(state: &ScoringState, icp_name: &str, f: &mut Frame, area: Rect, ctx: &Ctx) -> Rect {
    let theme = ctx.theme;
    let room = (area.width as usize).saturating_sub(20);
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(
            format!(" Fit scoring: {} ", text::fit(icp_name, room)),
            theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let leads = state.leads.as_ref();
    let mut spans = Vec::new();
    let names = [
        (
            Pane::Rules,
            format!("Rules ({})", state.scoring.rules.len()),
        ),
        (
            Pane::Leads,
            match leads {
                Some(l) => format!("Leads: {}", text::fit(&l.name(), 30)),
                None => "Leads (o opens a file)".into(),
            },
        ),
        (Pane::Backtest, "Back-test".into()),
    ];
    for (pane, name) in names {
        if pane == Pane::Backtest && leads.is_none_or(|l| l.tested.is_none()) {
            continue;
        }
        let style = if pane == state.pane {
            theme.selected()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(format!(" {name} "), style));
        spans.push(Span::raw(" "));
    }
    if state.stale {
        spans.push(Span::styled("changed on disk: r reloads", theme.stale()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), tabs);
    ctx.drawn(|a| a.body = body);
    body
}

/// A rule's evidence in a few words: `2 quotes, best customers`.
fn evidence_words(rule: &Rule) -> String {
    if rule.is_assumption() {
        return "assumption".into();
    }
    let mut quotes = 0;
    let mut customers = 0;
    let mut best = false;
    for cite in &rule.cites {
        match cite {
            Cite::Highlight(_) => quotes += 1,
            Cite::Customer(_) => customers += 1,
            Cite::BestCustomers => best = true,
        }
    }
    let mut parts = Vec::new();
    if quotes > 0 {
        parts.push(count(quotes, "quote", "quotes"));
    }
    if customers > 0 {
        parts.push(count(customers, "customer", "customers"));
    }
    if best {
        parts.push("best".into());
    }
    parts.join(" + ")
}

pub fn points_words(rule: &Rule) -> String {
    if rule.disqualify {
        "rules out".into()
    } else {
        signed(rule.points)
    }
}

pub fn draw(state: &ScoringState, offset: &StdCell<usize>, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let theme = ctx.theme;
    let scoring = &state.scoring;
    let width = area.width as usize;
    let mut head = format!("Tiers: {}", tier_words(&scoring.tiers_or_default()));
    if !scoring.groups.is_empty() {
        let groups: Vec<String> = scoring
            .groups
            .iter()
            .map(|g| format!("{} at most {}", g.shown(), g.cap.abs()))
            .collect();
        head.push_str(&format!(" · Groups: {}", groups.join(", ")));
    }
    if !scoring.segments.is_empty() {
        let segments: Vec<&str> = scoring.segments.iter().map(|s| s.shown()).collect();
        head.push_str(&format!(" · Segments: {}", segments.join(", ")));
    }
    let [top, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    f.render_widget(
        Paragraph::new(Line::styled(text::fit(&head, width), theme.label())),
        top,
    );
    if scoring.rules.is_empty() {
        let mut lines = vec![Line::default()];
        for l in text::wrap(
            &format!(
                "No scoring rules yet. Press n to add one, or run `persona score {} --suggest` for candidates from the best customers and highlights.",
                state.icp
            ),
            width,
        ) {
            lines.push(Line::raw(l));
        }
        f.render_widget(Paragraph::new(lines), rest);
        return;
    }
    let list_h = (rest.height / 2).max(3).min(scoring.rules.len() as u16 + 1);
    let [list, detail] =
        Layout::vertical([Constraint::Length(list_h), Constraint::Min(0)]).areas(rest);
    ctx.drawn(|a| a.list = list);
    let rows_fit = (list.height as usize).saturating_sub(1).max(1);
    let at = state.rule_at.min(scoring.rules.len() - 1);
    let mut first = offset.get();
    if at < first {
        first = at;
    } else if at >= first + rows_fit {
        first = at + 1 - rows_fit;
    }
    offset.set(first);
    let fixed = 9 + 20 + 3;
    let id_w = ((width.saturating_sub(fixed)) / 3).max(6);
    let test_w = width.saturating_sub(fixed + id_w).max(6);
    let rows: Vec<Row> = scoring
        .rules
        .iter()
        .enumerate()
        .skip(first)
        .take(rows_fit)
        .map(|(i, rule)| {
            let ev_style = if rule.is_assumption() {
                theme.assumption()
            } else {
                theme.backed()
            };
            let row = Row::new(vec![
                Cell::from(text::fit(&rule.id, id_w)),
                Cell::from(text::fit(&describe(rule), test_w)),
                Cell::from(Line::from(points_words(rule)).right_aligned()),
                Cell::from(Span::styled(text::fit(&evidence_words(rule), 20), ev_style)),
            ]);
            if i == at {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(id_w as u16),
            Constraint::Fill(1),
            Constraint::Length(9),
            Constraint::Length(20),
        ],
    )
    .header(Row::new(["Rule", "Test", "Points", "Evidence"]).style(theme.label()))
    .column_spacing(1);
    f.render_widget(table, list);
    let rule = &scoring.rules[at];
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border())
        .title(Line::styled(
            format!(" {} ", text::fit(&rule.id, width.saturating_sub(4))),
            theme.title(),
        ));
    let inner = block.inner(detail);
    f.render_widget(block, detail);
    f.render_widget(
        Paragraph::new(rule_lines(rule, state, ctx, inner.width as usize)),
        inner,
    );
}

/// The selected rule in full: what it asks, what it is worth, why.
fn rule_lines(rule: &Rule, state: &ScoringState, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let mut lines = Vec::new();
    let mut worth = if rule.disqualify {
        format!(
            "Rules a lead out: {}",
            rule.reason.as_deref().unwrap_or("").trim()
        )
    } else {
        format!("{} points when {}", signed(rule.points), describe(rule))
    };
    if let Some(group) = rule.group.as_deref().and_then(|g| state.scoring.group(g)) {
        worth.push_str(&format!(
            " (group {}: at most {} together)",
            group.shown(),
            group.cap.abs()
        ));
    }
    for l in text::wrap_at_most(&worth, width, 2) {
        lines.push(Line::styled(l, theme.label()));
    }
    if let Some(note) = &rule.note {
        for l in text::wrap_at_most(note, width, 2) {
            lines.push(Line::styled(l, theme.dim()));
        }
    }
    if rule.is_assumption() {
        lines.push(Line::styled(
            text::fit(
                "Assumption: cites no quote or customer (e adds some).",
                width,
            ),
            theme.assumption(),
        ));
        return lines;
    }
    let Some(icp) = ctx.workspace.icp(&state.icp) else {
        return lines;
    };
    for found in evidence::resolve(rule, ctx.workspace, icp) {
        let style = match found {
            Evidence::Missing { .. } => theme.error(),
            _ => theme.backed(),
        };
        for l in text::wrap_at_most(&found.summary(), width, 3) {
            lines.push(Line::styled(l, style));
        }
    }
    lines
}
