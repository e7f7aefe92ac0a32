//! Drawing the best customers: the list, or one customer's traits against
//! the whole customer list.

use super::CustomersState;
use super::columns::{cell, columns, ordered};
use crate::domain::icp::EDITABLE;
use crate::domain::tally::{self, CustomerTally};
use crate::domain::{BestCustomer, Icp};
use crate::tui::ctx::Ctx;
use crate::tui::text::{self, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

pub fn draw(state: &CustomersState, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let theme = ctx.theme;
    let Some(icp) = ctx.workspace.icp(&state.icp) else {
        return;
    };
    let list = ordered(icp, state.sort, &state.filter);
    let shown = if state.filter.is_empty() {
        icp.best_customers.len().to_string()
    } else {
        format!("{} of {}", list.len(), icp.best_customers.len())
    };
    let title = format!(" Best customers ({shown}) of ");
    let room = (area.width as usize).saturating_sub(text::width(&title) + 4);
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(
            format!("{title}{} ", fit(&icp.name, room)),
            theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    ctx.drawn(|a| a.body = inner);
    let width = inner.width as usize;
    let mut head = Vec::new();
    let picked = icp
        .best_by
        .iter()
        .map(|b| b.criterion.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    if !picked.is_empty() {
        head.push(Line::styled(fit(&picked, width), theme.dim()));
    }
    let mut status = format!("Sorted by {}", state.sort.name(icp));
    if !state.filter.is_empty() {
        status.push_str(&format!(" · filter “{}”", state.filter));
    }
    head.push(Line::styled(fit(&status, width), theme.label()));
    let [top, body] =
        Layout::vertical([Constraint::Length(head.len() as u16), Constraint::Min(1)]).areas(inner);
    f.render_widget(Paragraph::new(head), top);
    ctx.drawn(|a| a.list = body);
    if icp.best_customers.is_empty() {
        let mut lines = vec![
            Line::styled("No best customers yet.", theme.label()),
            Line::default(),
        ];
        for l in text::wrap(
            "Press I to import a customer export (Shopify, WooCommerce, Stripe, HubSpot, Salesforce, Apollo, ZoomInfo, Crunchbase or your own sheet): the columns it reads are shown before anything is written. `persona import-customers FILE --icp ID` does the same.",
            width,
        ) {
            lines.push(Line::raw(l));
        }
        f.render_widget(Paragraph::new(lines), body);
        return;
    }
    if list.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(
                fit("No best customer matches the filter: / changes it.", width),
                theme.dim(),
            )),
            body,
        );
        return;
    }
    let at = list
        .iter()
        .position(|(i, _)| *i == state.selected)
        .unwrap_or(0);
    if state.detail {
        let (_, customer) = list[at];
        let lines = detail(customer, &tally::best_customers(icp), width, ctx);
        f.render_widget(Paragraph::new(lines).scroll((state.scroll, 0)), body);
        return;
    }
    draw_table(state, icp, &list, at, f, body, ctx);
}

fn draw_table(
    state: &CustomersState,
    icp: &Icp,
    list: &[(usize, &BestCustomer)],
    at: usize,
    f: &mut Frame,
    area: Rect,
    ctx: &Ctx,
) {
    let theme = ctx.theme;
    let columns = columns(icp);
    let rows_fit = (area.height as usize).saturating_sub(1).max(1);
    let mut offset = state.offset.get();
    if at < offset {
        offset = at;
    } else if at >= offset + rows_fit {
        offset = at + 1 - rows_fit;
    }
    state.offset.set(offset);
    // Each column's width in cells, so every value is cut with `…` to fit.
    let gaps = columns.len().saturating_sub(1);
    let total: u16 = columns.iter().map(|c| c.width).sum();
    let room = (area.width as usize).saturating_sub(gaps);
    let widths: Vec<usize> = columns
        .iter()
        .map(|c| (room * c.width as usize / total as usize).max(1))
        .collect();
    let sorted = match state.sort {
        super::Sort::Column(i) => Some(i),
        super::Sort::Rule => None,
    };
    let header = Row::new(columns.iter().enumerate().map(|(i, c)| {
        let mark = if sorted == Some(i) { "▼" } else { "" };
        Cell::from(fit(&format!("{}{mark}", c.title), widths[i]))
    }))
    .style(theme.label());
    let rows: Vec<Row> =
        list.iter()
            .enumerate()
            .skip(offset)
            .take(rows_fit)
            .map(|(n, (_, c))| {
                let traits = tally::traits(c);
                let row = Row::new(columns.iter().zip(&widths).map(|(col, w)| {
                    Cell::from(fit(&crate::text::line(&cell(c, col, &traits)), *w))
                }));
                if n == at {
                    row.style(theme.selected())
                } else {
                    row
                }
            })
            .collect();
    let constraints: Vec<Constraint> = widths
        .iter()
        .map(|w| Constraint::Length(*w as u16))
        .collect();
    f.render_widget(
        Table::new(rows, constraints)
            .header(header)
            .column_spacing(1),
        area,
    );
}

/// A figure as a percentage: `45%`, `0.4%`.
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p > 0.0 && p < 1.0 {
        format!("{p:.1}%")
    } else {
        format!("{p:.0}%")
    }
}

/// One customer: each trait's value with how common it is among the best
/// and among all customers, then the attributes as the export wrote them.
fn detail(c: &BestCustomer, t: &CustomerTally, width: usize, ctx: &Ctx) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let mut out = vec![Line::styled(
        fit(&crate::text::line(c.label()), width),
        theme.heading(),
    )];
    let mut about = vec![c.kind.name().to_string()];
    if !c.id.is_empty() && c.id != c.label() {
        about.push(format!("id {}", c.id));
    }
    if !c.criterion.is_empty() {
        about.push(c.criterion.clone());
    }
    out.push(Line::styled(
        fit(&crate::text::line(&about.join(" · ")), width),
        theme.dim(),
    ));
    out.push(Line::default());
    let baseline = t.baseline.is_some();
    out.push(Line::styled(
        fit(
            if baseline {
                "Trait: value — share among the best · among all customers · lift"
            } else {
                "Trait: value — share among the best (import the whole list with --best-by for a baseline)"
            },
            width,
        ),
        theme.label(),
    ));
    let label_w = 20.min(width / 3);
    let mut lacks = Vec::new();
    for (name, values) in tally::traits(c) {
        if name == "criterion" {
            continue;
        }
        if values.is_empty() {
            // Only traits other best customers have are worth naming.
            if t.attributes.iter().any(|a| a.attribute == name) {
                lacks.push(name.replace('_', " "));
            }
            continue;
        }
        let counted = t.attributes.iter().find(|a| a.attribute == name);
        for v in values {
            let figures = counted
                .and_then(|a| a.values.iter().find(|x| x.key == v.key))
                .map(|x| {
                    // Narrow: the figures alone, as in the tally.
                    let narrow = width < 70;
                    let mut s = percent(x.share);
                    if !narrow {
                        s.push_str(" of best");
                    }
                    if let Some(b) = x.baseline_share {
                        if narrow {
                            s.push_str(&format!(" vs {}", percent(b)));
                        } else {
                            s.push_str(&format!(" · {} of all", percent(b)));
                        }
                    }
                    if let Some(l) = x.lift {
                        s.push_str(&format!("{}×{l:.1}", if narrow { " " } else { " · " }));
                    }
                    s
                })
                .unwrap_or_default();
            let value_w = width
                .saturating_sub(label_w + 1 + text::width(&figures) + 2)
                .max(4);
            out.push(Line::from(vec![
                Span::styled(
                    crate::text::pad(&fit(&name.replace('_', " "), label_w), label_w),
                    theme.label(),
                ),
                Span::raw(" "),
                Span::raw(crate::text::pad(
                    &fit(&crate::text::line(&v.label), value_w),
                    value_w,
                )),
                Span::raw("  "),
                Span::styled(figures, theme.backed()),
            ]));
        }
    }
    if !lacks.is_empty() {
        out.push(Line::default());
        for l in text::wrap(&format!("Not known: {}.", lacks.join(", ")), width) {
            out.push(Line::styled(l, theme.dim()));
        }
    }
    out.push(Line::default());
    out.push(Line::styled("As written in the export", theme.label()));
    for (name, label) in EDITABLE {
        let value = c.attribute(name).unwrap_or_default();
        if value.is_empty() {
            continue;
        }
        let short = label.split(" (").next().unwrap_or(label);
        let line = format!("{short}: {}", crate::text::line(&value));
        out.push(Line::raw(fit(&line, width)));
    }
    out
}
