//! Drawing browse: the header, the filter line, the list and the preview.

use super::{BrowseState, Row, Sort};
use crate::tui::ctx::Ctx;
use crate::tui::screens::card::{self, CardOptions, Freshness};
use crate::tui::text::{self, count};
use crate::tui::widgets::spans::marked;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

impl BrowseState {
    pub fn draw(&self, f: &mut Frame, area: Rect, ctx: &Ctx, popup: bool) {
        let theme = ctx.theme;
        let ws = ctx.workspace;
        let filtering = self.typing || self.query.is_some();
        let problems = !ctx.problems.is_empty();
        let drafts = ctx.drafts.iter().any(|d| !d.is_empty());
        let [header, filter_area, notice_area, drafts_area, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(filtering as u16),
            Constraint::Length(problems as u16),
            Constraint::Length(drafts as u16),
            Constraint::Min(1),
        ])
        .areas(area);

        let sort = match self.sort {
            Sort::Name => "by name",
            Sort::Updated => "by last update",
        };
        let counts = format!(
            "  {} · {}",
            count(ws.icps.len(), "ICP", "ICPs"),
            count(ws.personas.len(), "persona", "personas")
        );
        let width = header.width as usize;
        // The name gets at least a dozen columns; what follows it is
        // dropped from the end (the sort order first) rather than cut.
        let name_room = text::width(&ws.meta.name).min(12);
        let about = [format!("{counts} · sorted {sort}"), counts]
            .into_iter()
            .find(|a| name_room + text::width(a) <= width)
            .unwrap_or_default();
        let room = width.saturating_sub(text::width(&about));
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(text::fit(&ws.meta.name, room.max(8)), theme.title()),
                Span::styled(about, theme.dim()),
            ])),
            header,
        );

        if filtering {
            let label = "Filter: ";
            let matched = format!(
                "  {} of {}",
                self.matching_personas(),
                count(ws.personas.len(), "persona", "personas")
            );
            let matched = if self.typing {
                matched
            } else {
                format!("{matched} (Esc clears)")
            };
            let room = (filter_area.width as usize)
                .saturating_sub(label.len() + text::width(&matched) + 1);
            let (shown, cursor) = self.input.visible(room);
            f.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled(label, theme.key()),
                    Span::raw(shown),
                    Span::styled(matched, theme.dim()),
                ])),
                filter_area,
            );
            if self.typing && !popup {
                f.set_cursor_position((
                    filter_area.x + (label.len() + cursor) as u16,
                    filter_area.y,
                ));
            }
        }
        if problems {
            let n = ctx.problems.len();
            f.render_widget(
                Paragraph::new(Line::styled(
                    text::fit(
                        &format!(
                            "⚠ {} could not be loaded; the rest works. Press ! to see {}.",
                            count(n, "file", "files"),
                            if n == 1 { "it" } else { "them" }
                        ),
                        notice_area.width as usize,
                    ),
                    theme.error(),
                )),
                notice_area,
            );
        }
        if drafts {
            let n = ctx.drafts.iter().filter(|d| !d.is_empty()).count();
            f.render_widget(
                Paragraph::new(Line::styled(
                    text::fit(
                        &format!(
                            "✎ {}: w to resume or discard.",
                            count(n, "unsaved wizard draft", "unsaved wizard drafts"),
                        ),
                        drafts_area.width as usize,
                    ),
                    theme.assumption(),
                )),
                drafts_area,
            );
        }

        let two_panes = body.width >= 70;
        let [list_area, preview_area] = if two_panes {
            Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(body)
        } else {
            [body, Rect::default()]
        };
        self.draw_list(f, list_area, ctx);
        if two_panes {
            self.draw_preview(f, preview_area, ctx);
        } else {
            ctx.drawn(|a| a.preview = Rect::default());
        }
    }

    fn draw_list(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let ws = ctx.workspace;
        let focused = !self.preview_focus;
        let block = Block::bordered()
            .border_style(if focused {
                theme.border_focused()
            } else {
                theme.border()
            })
            .title(Line::styled(" ICPs and personas ", theme.title()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        ctx.drawn(|a| a.list = inner);

        if self.rows.is_empty() {
            // Until every card's text is in, the filter matches names only.
            let texts_coming =
                ctx.loading.is_some() || ctx.on_demand.is_some_and(|cards| !cards.texts_in);
            let message = if ctx.loading.is_some() && self.query.is_none() {
                "Reading the workspace's cards…"
            } else if self.query.is_some() && texts_coming {
                "No name matches. What the cards say is still being read for the filter: it will match that too in a moment."
            } else if self.query.is_some() {
                "Nothing matches. Esc clears the filter."
            } else {
                "No ICPs yet. Press n to make one, question by question, with the wizard; i opens the interview notes it can cite."
            };
            let lines: Vec<Line> = text::wrap(message, inner.width as usize)
                .into_iter()
                .map(|l| Line::styled(l, theme.dim()))
                .collect();
            f.render_widget(Paragraph::new(lines), inner);
            return;
        }
        let height = inner.height as usize;
        let width = inner.width as usize;
        let mut offset = self.offset.get();
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        offset = offset.min(self.rows.len().saturating_sub(height));
        self.offset.set(offset);

        let query = self.query.as_ref();
        let stale_days = ctx.config.stale_after_days;
        let is_stale = |last| {
            !matches!(
                card::freshness(last, ctx.today, stale_days),
                Freshness::Fresh { .. }
            )
        };
        let mut lines = Vec::with_capacity(height);
        for (i, &row) in self.rows.iter().enumerate().skip(offset).take(height) {
            let selected = i == self.selected;
            let base = match (selected, focused) {
                (true, true) => theme.selected(),
                (true, false) => theme.selected_unfocused(),
                _ => ratatui::style::Style::new(),
            };
            let mut spans = Vec::new();
            match row {
                Row::Icp(g) => {
                    let group = &self.groups[g];
                    let total = group.personas.len();
                    let counted = match &self.hits {
                        Some(hits) => {
                            let shown =
                                group.personas.iter().filter(|&&p| hits.personas[p]).count();
                            format!(" ({shown} of {total})")
                        }
                        None => format!(" ({total})"),
                    };
                    let stale = group
                        .icp
                        .is_some_and(|i| is_stale(ws.icps[i].last_validated));
                    let tail = if stale { " stale" } else { "" };
                    let room = width.saturating_sub(2 + counted.len() + tail.len());
                    let (name, marks) = match group.icp {
                        Some(i) => {
                            let name = ws.icps[i].name.as_str();
                            let marks = query
                                .filter(|_| self.is_hit(row))
                                .map(|q| q.highlights(&text::fit(name, room), true))
                                .unwrap_or_default();
                            (name.to_string(), marks)
                        }
                        None => (format!("{} (ICP file not loaded)", group.id), Vec::new()),
                    };
                    spans.push(Span::styled("▾ ", base));
                    spans.extend(marked(
                        &name,
                        &marks,
                        base.patch(theme.label()),
                        base.patch(theme.matched()),
                        room,
                    ));
                    spans.push(Span::styled(counted, theme.dim()));
                    if stale {
                        spans.push(Span::styled(tail, theme.stale()));
                    }
                }
                Row::Persona(_, p) => {
                    let persona = &ws.personas[p];
                    let stale = is_stale(persona.last_validated);
                    // Outcomes that fell or were never measured mark it too.
                    let flagged = !ws.outcomes.flags(&persona.id).is_empty();
                    let tail = match (stale, flagged) {
                        (true, true) => " stale ⚑",
                        (true, false) => " stale",
                        (false, true) => " ⚑",
                        (false, false) => "",
                    };
                    let room = width.saturating_sub(3 + text::width(tail));
                    let marks = query
                        .map(|q| q.highlights(&text::fit(&persona.name, room), true))
                        .unwrap_or_default();
                    spans.push(Span::styled("   ", base));
                    spans.extend(marked(
                        &persona.name,
                        &marks,
                        base,
                        base.patch(theme.matched()),
                        room,
                    ));
                    if !tail.is_empty() {
                        spans.push(Span::styled(tail, theme.stale()));
                    }
                }
            }
            lines.push(Line::from(spans));
        }
        f.render_widget(Paragraph::new(lines), inner);
    }

    fn draw_preview(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let block = Block::bordered()
            .border_style(if self.preview_focus {
                theme.border_focused()
            } else {
                theme.border()
            })
            .title(Line::styled(" Card preview ", theme.title()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        ctx.drawn(|a| a.preview = inner);
        let Some(entity) = self.selected_entity(ctx.workspace) else {
            return;
        };
        if !ctx.holds(&entity) {
            let line = match (ctx.on_demand, ctx.loading) {
                (Some(cards), _) if cards.unreadable(&entity) => {
                    "This card could not be read from its file.".to_string()
                }
                (_, Some((done, total))) => format!(
                    "Card not loaded yet: {} of {} cards read.",
                    crate::tui::status::thousands(done),
                    crate::tui::status::thousands(total)
                ),
                _ => "Reading this card…".to_string(),
            };
            let lines: Vec<Line> = text::wrap(&line, inner.width as usize)
                .into_iter()
                .map(|l| Line::styled(l, theme.dim()))
                .collect();
            f.render_widget(Paragraph::new(lines), inner);
            return;
        }
        let built = card::lines(
            ctx,
            &entity,
            &CardOptions {
                width: inner.width as usize,
                cursor: None,
                query: self.query.as_ref(),
            },
        );
        // With a filter, start at the first line that matched, so the
        // reason for the match is in view.
        let height = inner.height as usize;
        let start = match built.first_match {
            Some(line) if line + 1 > height => line.saturating_sub(2),
            _ => 0,
        };
        let visible: Vec<Line> = built
            .lines
            .into_iter()
            .skip(start + self.preview_scroll as usize)
            .take(height)
            .collect();
        f.render_widget(Paragraph::new(visible), inner);
    }
}
