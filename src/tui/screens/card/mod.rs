//! The card of an ICP or persona: its lines ([`lines`]), a cursor over its
//! attributes, and what can be done from there (the quotes behind an
//! attribute, the interview a quote comes from, editing, item actions).

mod keys;
mod lines;
pub mod matrix;
mod outcomes;

pub use keys::KEYS;
pub use lines::{CardLines, CardOptions, Freshness, freshness, items, lines, profile};

use crate::domain::{Citation, EntityRef};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::item_ops;
use crate::tui::modal::{Choose, Modal, Pending};
use crate::tui::out::{Nav, Out, WizardStart};
use crate::tui::text;
use crate::tui::widgets::picker::{Choice, Look, Picker};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use std::cell::Cell;

pub struct CardState {
    pub entity: EntityRef,
    /// Which attribute (item) is selected, counting from the top.
    pub cursor: usize,
    pub scroll: Cell<usize>,
}

impl CardState {
    pub fn new(entity: EntityRef) -> CardState {
        CardState {
            entity,
            cursor: 0,
            scroll: Cell::new(0),
        }
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let ws = ctx.workspace;
        let items = items(ws, &self.entity);
        let last = items.len().saturating_sub(1);
        let step = (ctx.page(false) / 3).max(1);
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(last),
            Action::PageUp => self.cursor = self.cursor.saturating_sub(step),
            Action::PageDown => self.cursor = (self.cursor + step).min(last),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = last,
            Action::Quotes => {
                return vec![match items.get(self.cursor) {
                    Some((_, item)) if !item.cites.is_empty() => Out::Open(Modal::Quotes {
                        item: (*item).clone(),
                        scroll: 0,
                    }),
                    Some(_) => Out::say(
                        "This attribute is an assumption: no interview quote backs it yet.",
                    ),
                    None => Out::say("This card has no attributes yet."),
                }];
            }
            Action::Back => return vec![Out::Back],
            Action::Edit => {
                let at = items.get(self.cursor).map(|(field, _)| field.to_string());
                return vec![Out::Push(Nav::Wizard(WizardStart::Edit {
                    entity: self.entity.clone(),
                    at,
                }))];
            }
            Action::History => {
                return vec![Out::Do(crate::tui::effect::Effect::History(
                    self.entity.clone(),
                ))];
            }
            Action::Evidence => {
                let cites = items
                    .get(self.cursor)
                    .map(|(_, i)| i.cites.clone())
                    .unwrap_or_default();
                return open_evidence(ctx, &cites);
            }
            Action::Customers => {
                let icp = match self.entity.kind {
                    crate::domain::Kind::Icp => Some(self.entity.id.clone()),
                    _ => ws.persona(&self.entity.id).map(|p| p.icp.clone()),
                };
                return match icp {
                    Some(icp) => vec![Out::Push(Nav::Customers { icp })],
                    None => vec![Out::say("Best customers belong to an ICP.")],
                };
            }
            other => return item_ops::on_item(ctx, other, Some(self.entity.clone())),
        }
        Vec::new()
    }

    /// A popup opened from the card was answered.
    pub fn finish(&mut self, pending: Pending, input: String, ctx: &Ctx) -> Vec<Out> {
        match pending {
            Pending::OpenQuote => match Citation::parse(&input) {
                Ok(c) => vec![Out::Push(Nav::Interview {
                    id: c.interview.to_string(),
                    highlight: Some(c.highlight.to_string()),
                })],
                Err(_) => Vec::new(),
            },
            other => item_ops::finish(ctx, other, input),
        }
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let block = Block::bordered()
            .border_style(ctx.theme.border())
            .title(Line::styled(
                format!(" {} card ", self.entity.kind.label()),
                ctx.theme.title(),
            ));
        let inner = block.inner(area);
        f.render_widget(block, area);
        ctx.drawn(|a| a.body = inner);
        let built = lines(
            ctx,
            &self.entity,
            &CardOptions {
                width: inner.width as usize,
                cursor: Some(self.cursor),
                query: None,
            },
        );
        let height = inner.height as usize;
        let mut scroll = self.scroll.get();
        if let Some(&line) = built.item_lines.get(self.cursor) {
            let end = built
                .item_lines
                .get(self.cursor + 1)
                .copied()
                .unwrap_or(built.lines.len());
            if self.cursor == 0 {
                scroll = 0;
            } else if line < scroll {
                scroll = line.saturating_sub(1);
            } else if end > scroll + height {
                scroll = end.saturating_sub(height).min(line);
            }
        }
        scroll = scroll.min(built.lines.len().saturating_sub(height));
        self.scroll.set(scroll);
        let visible: Vec<Line> = built.lines.into_iter().skip(scroll).take(height).collect();
        f.render_widget(Paragraph::new(visible), inner);
    }
}

/// From an attribute to the interview its quote comes from (asking which,
/// when it cites several).
fn open_evidence(ctx: &Ctx, cites: &[Citation]) -> Vec<Out> {
    let ws = ctx.workspace;
    let found: Vec<&Citation> = cites.iter().filter(|c| ws.quote(c).is_some()).collect();
    match found.as_slice() {
        [] if cites.is_empty() => vec![Out::say(
            "This attribute is an assumption: no interview quote backs it yet.",
        )],
        [] => vec![Out::warn(
            "The quotes this attribute cites are no longer in any interview.",
        )],
        [one] => vec![Out::Push(Nav::Interview {
            id: one.interview.to_string(),
            highlight: Some(one.highlight.to_string()),
        })],
        many => {
            let choices = many
                .iter()
                .filter_map(|c| {
                    let q = ws.quote(c)?;
                    let who = if q.interview.interviewee.is_empty() {
                        &q.interview.title
                    } else {
                        &q.interview.interviewee
                    };
                    let said = q.highlight.text.split_whitespace().collect::<Vec<_>>();
                    Some(Choice::new(
                        c.to_string(),
                        format!(
                            "{}: “{}”",
                            text::fit(who, 24),
                            text::fit(&said.join(" "), 50)
                        ),
                    ))
                })
                .collect();
            vec![Out::Open(Modal::Picker(Choose {
                title: "Open the interview of which quote?".into(),
                picker: Picker::new(choices, Look::Plain),
                pending: Pending::OpenQuote,
            }))]
        }
    }
}
