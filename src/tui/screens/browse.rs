//! Home: ICPs with their personas beneath, a card preview of the
//! selection, and the `/` filter.

use super::card::{self, CardOptions, CardState, Freshness};
use crate::domain::{EntityRef, Kind, Workspace};
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::effect::Effect;
use crate::tui::keymap::Context;
use crate::tui::modal::Modal;
use crate::tui::search::{Hits, LazyIndex, Query};
use crate::tui::text;
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::spans::marked;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use std::cell::Cell;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Name,
    Updated,
}

/// An ICP and its personas (indices into the workspace's lists). `icp` is
/// `None` when the ICP's own file did not load but its personas did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub icp: Option<usize>,
    pub id: String,
    pub personas: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Icp(usize),
    Persona(usize, usize),
}

#[derive(Default)]
pub struct BrowseState {
    pub sort: Sort,
    pub groups: Vec<Group>,
    pub input: LineInput,
    /// Keys go to the filter field.
    pub typing: bool,
    pub query: Option<Query>,
    pub hits: Option<Hits>,
    /// What recent filter texts matched, so Backspace back to an earlier
    /// text does not scan every card again. Emptied when the workspace
    /// changes.
    recent: Vec<(String, Hits)>,
    pub rows: Vec<Row>,
    pub selected: usize,
    pub offset: Cell<usize>,
    pub preview_focus: bool,
    pub preview_scroll: u16,
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

impl BrowseState {
    /// Rebuilds everything after the workspace changed.
    pub fn reload(&mut self, ws: &Workspace, index: &LazyIndex, keep: Option<&EntityRef>) {
        self.recent.clear();
        self.regroup(ws);
        self.hits = self.query.as_ref().map(|q| q.run(index.get(ws), None));
        self.rebuild_rows();
        self.select_entity(ws, keep);
    }

    fn regroup(&mut self, ws: &Workspace) {
        let mut by_icp: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, p) in ws.personas.iter().enumerate() {
            by_icp.entry(p.icp.as_str()).or_default().push(i);
        }
        let mut icps: Vec<usize> = (0..ws.icps.len()).collect();
        match self.sort {
            Sort::Name => icps.sort_by_cached_key(|&i| lower(&ws.icps[i].name)),
            Sort::Updated => icps.sort_by_key(|&i| std::cmp::Reverse(ws.icps[i].updated)),
        }
        let sort_personas = |list: &mut Vec<usize>| match self.sort {
            Sort::Name => list.sort_by_cached_key(|&i| lower(&ws.personas[i].name)),
            Sort::Updated => list.sort_by_key(|&i| std::cmp::Reverse(ws.personas[i].updated)),
        };
        let mut groups = Vec::new();
        for i in icps {
            let mut personas = by_icp.remove(ws.icps[i].id.as_str()).unwrap_or_default();
            sort_personas(&mut personas);
            groups.push(Group {
                icp: Some(i),
                id: ws.icps[i].id.clone(),
                personas,
            });
        }
        let mut orphans: Vec<(&str, Vec<usize>)> = by_icp.into_iter().collect();
        orphans.sort();
        for (id, mut personas) in orphans {
            sort_personas(&mut personas);
            groups.push(Group {
                icp: None,
                id: id.to_string(),
                personas,
            });
        }
        self.groups = groups;
    }

    fn rebuild_rows(&mut self) {
        let mut rows = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            let Some(hits) = &self.hits else {
                rows.push(Row::Icp(g));
                rows.extend(group.personas.iter().map(|&p| Row::Persona(g, p)));
                continue;
            };
            let icp_hit = group.icp.is_some_and(|i| hits.icps[i]);
            let shown: Vec<usize> = group
                .personas
                .iter()
                .copied()
                .filter(|&p| hits.personas[p])
                .collect();
            if icp_hit || !shown.is_empty() {
                rows.push(Row::Icp(g));
                rows.extend(shown.into_iter().map(|p| Row::Persona(g, p)));
            }
        }
        self.rows = rows;
    }

    pub fn is_hit(&self, row: Row) -> bool {
        match (&self.hits, row) {
            (None, _) => true,
            (Some(h), Row::Icp(g)) => self.groups[g].icp.is_some_and(|i| h.icps[i]),
            (Some(h), Row::Persona(_, p)) => h.personas[p],
        }
    }

    pub fn entity(&self, ws: &Workspace, row: Row) -> Option<EntityRef> {
        match row {
            Row::Icp(g) => self.groups[g]
                .icp
                .map(|i| EntityRef::new(Kind::Icp, &ws.icps[i].id)),
            Row::Persona(_, p) => Some(EntityRef::new(Kind::Persona, &ws.personas[p].id)),
        }
    }

    pub fn selected_entity(&self, ws: &Workspace) -> Option<EntityRef> {
        self.rows
            .get(self.selected)
            .and_then(|&r| self.entity(ws, r))
    }

    fn select_entity(&mut self, ws: &Workspace, entity: Option<&EntityRef>) {
        if let Some(entity) = entity
            && let Some(i) = self
                .rows
                .iter()
                .position(|&r| self.entity(ws, r).as_ref() == Some(entity))
        {
            self.selected = i;
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// Applies the text in the filter field.
    pub fn refilter(&mut self, ws: &Workspace, index: &LazyIndex) {
        let text = self.input.text.trim();
        if text.is_empty() {
            let keep = self.selected_entity(ws);
            self.query = None;
            self.hits = None;
            self.rebuild_rows();
            self.select_entity(ws, keep.as_ref());
            return;
        }
        const REMEMBERED: usize = 32;
        let query = Query::new(text);
        let hits = match self.recent.iter().find(|(seen, _)| seen == text) {
            Some((_, hits)) => hits.clone(),
            None => {
                let within = match (&self.query, &self.hits) {
                    (Some(old), Some(hits)) if query.narrows(old) => Some(hits),
                    _ => None,
                };
                let hits = query.run(index.get(ws), within);
                if self.recent.len() == REMEMBERED {
                    self.recent.remove(0);
                }
                self.recent.push((text.to_string(), hits.clone()));
                hits
            }
        };
        self.hits = Some(hits);
        self.query = Some(query);
        self.rebuild_rows();
        // Put the selection on the first thing that matched.
        self.selected = self.rows.iter().position(|&r| self.is_hit(r)).unwrap_or(0);
        self.preview_scroll = 0;
    }

    pub fn clear_filter(&mut self, ws: &Workspace) {
        let keep = self.selected_entity(ws);
        self.input = LineInput::default();
        self.typing = false;
        self.query = None;
        self.hits = None;
        self.rebuild_rows();
        self.select_entity(ws, keep.as_ref());
    }

    pub fn select_row(&mut self, row: usize, _ws: &Workspace) {
        if row < self.rows.len() {
            self.selected = row;
            self.preview_scroll = 0;
        }
    }

    pub fn focus_list(&mut self) {
        self.preview_focus = false;
    }

    pub fn focus_preview(&mut self) {
        self.preview_focus = true;
    }

    pub fn scroll_preview(&mut self, down: bool, by: u16) {
        self.preview_scroll = if down {
            self.preview_scroll.saturating_add(by)
        } else {
            self.preview_scroll.saturating_sub(by)
        };
    }

    fn step(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        let next = (self.selected as isize + delta).clamp(0, last.max(0));
        if next as usize != self.selected {
            self.selected = next as usize;
            self.preview_scroll = 0;
        }
    }

    pub fn matching_personas(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r, Row::Persona(..)))
            .count()
    }
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.page() as isize;
    let b = &mut app.browse;
    let moving = matches!(
        action,
        Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
    );
    if moving && b.preview_focus && !b.typing {
        let by = match action {
            Action::PageUp | Action::PageDown => page as u16,
            _ => 1,
        };
        match action {
            Action::Top => b.preview_scroll = 0,
            _ => b.scroll_preview(
                matches!(action, Action::Down | Action::PageDown | Action::Bottom),
                by,
            ),
        }
        return Vec::new();
    }
    match action {
        Action::Up => b.step(-1),
        Action::Down => b.step(1),
        Action::PageUp => b.step(-page),
        Action::PageDown => b.step(page),
        Action::Top => b.step(isize::MIN / 2),
        Action::Bottom => b.step(isize::MAX / 2),
        Action::Open => {
            b.typing = false;
            match b.selected_entity(&app.workspace) {
                Some(entity) => app.screen = Screen::Card(CardState::new(entity)),
                None if b.rows.is_empty() => app.say("Nothing to open."),
                None => app.warn("This ICP's own file could not be loaded; press ! to see why."),
            }
        }
        Action::Filter => {
            b.typing = true;
            b.preview_focus = false;
        }
        Action::ClearFilter => {
            if b.query.is_some() || b.typing {
                b.clear_filter(&app.workspace);
            }
        }
        Action::SwitchPane => {
            if b.typing {
                b.typing = false;
            } else {
                b.preview_focus = !b.preview_focus;
            }
        }
        Action::Sort => {
            b.sort = match b.sort {
                Sort::Name => Sort::Updated,
                Sort::Updated => Sort::Name,
            };
            let keep = b.selected_entity(&app.workspace);
            let sorted = match b.sort {
                Sort::Name => "Sorted by name.",
                Sort::Updated => "Sorted by last update, newest first.",
            };
            b.reload(&app.workspace, &app.index, keep.as_ref());
            app.say(sorted);
        }
        Action::Problems => {
            if app.problems.is_empty() {
                app.say("Every file loaded fine.");
            } else {
                app.modal = Some(Modal::Problems { scroll: 0 });
            }
        }
        Action::Help => {
            app.modal = Some(Modal::Help {
                context: app.context(),
                scroll: 0,
            })
        }
        Action::Quit => app.quit = true,
        Action::New => {
            let icp = match b.selected_entity(&app.workspace) {
                Some(e) if e.kind == Kind::Icp => Some(e.id),
                Some(e) => app.workspace.persona(&e.id).map(|p| p.icp.clone()),
                None => None,
            };
            super::wizard::open_choose(app, icp);
        }
        Action::Interviews => crate::tui::screens::interviews::open(app),
        other => {
            let entity = b.selected_entity(&app.workspace);
            return crate::tui::item_ops::on_item(app, other, entity);
        }
    }
    Vec::new()
}

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let b = &app.browse;
    let theme = &app.theme;
    let ws = &app.workspace;
    let filtering = b.typing || b.query.is_some();
    let notice = !app.problems.is_empty();
    let [header, filter_area, notice_area, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(filtering as u16),
        Constraint::Length(notice as u16),
        Constraint::Min(1),
    ])
    .areas(area);

    let sort = match b.sort {
        Sort::Name => "by name",
        Sort::Updated => "by last update",
    };
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(text::clean(&ws.meta.name).into_owned(), theme.title()),
            Span::styled(
                format!(
                    "  {} · {} · sorted {sort}",
                    plural(ws.icps.len(), "ICP", "ICPs"),
                    plural(ws.personas.len(), "persona", "personas")
                ),
                theme.dim(),
            ),
        ])),
        header,
    );

    if filtering {
        let label = "Filter: ";
        let count = format!(
            "  {} of {} personas",
            b.matching_personas(),
            ws.personas.len()
        );
        let room = (filter_area.width as usize).saturating_sub(label.len() + count.len() + 1);
        let (shown, cursor) = b.input.visible(room);
        let shown_width = text::width(&shown);
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(label, theme.key()),
                Span::raw(shown),
                Span::styled(
                    if b.typing {
                        count
                    } else {
                        format!("{count} (Esc clears)")
                    },
                    theme.dim(),
                ),
            ])),
            filter_area,
        );
        if b.typing && app.modal.is_none() {
            let _ = shown_width;
            f.set_cursor_position((filter_area.x + (label.len() + cursor) as u16, filter_area.y));
        }
    }
    if notice {
        let n = app.problems.len();
        f.render_widget(
            Paragraph::new(Line::styled(
                format!(
                    "⚠ {} could not be loaded; the rest works. Press ! to see {}.",
                    if n == 1 {
                        "1 file".to_string()
                    } else {
                        format!("{n} files")
                    },
                    if n == 1 { "it" } else { "them" }
                ),
                theme.error(),
            )),
            notice_area,
        );
    }

    let two_panes = body.width >= 70;
    let [list_area, preview_area] = if two_panes {
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(body)
    } else {
        [body, Rect::default()]
    };
    draw_list(app, f, list_area);
    if two_panes {
        draw_preview(app, f, preview_area);
    } else {
        let mut areas = app.areas.get();
        areas.preview = Rect::default();
        app.areas.set(areas);
    }
}

fn draw_list(app: &App, f: &mut Frame, area: Rect) {
    let b = &app.browse;
    let theme = &app.theme;
    let ws = &app.workspace;
    let focused = !b.preview_focus;
    let block = Block::bordered()
        .border_style(if focused {
            theme.border_focused()
        } else {
            theme.border()
        })
        .title(Line::styled(" ICPs and personas ", theme.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut areas = app.areas.get();
    areas.list = inner;
    app.areas.set(areas);

    if b.rows.is_empty() {
        let message = if b.query.is_some() {
            "Nothing matches. Esc clears the filter."
        } else {
            "No ICPs yet. The wizard (a later version) creates them; the demo shows what they look like."
        };
        let lines: Vec<Line> = text::wrap(message, inner.width as usize)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim()))
            .collect();
        f.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let height = inner.height as usize;
    let mut offset = b.offset.get();
    if b.selected < offset {
        offset = b.selected;
    } else if b.selected >= offset + height {
        offset = b.selected + 1 - height;
    }
    offset = offset.min(b.rows.len().saturating_sub(height));
    b.offset.set(offset);

    let query = b.query.as_ref();
    let stale_days = app.config.stale_after_days;
    let mut lines = Vec::with_capacity(height);
    for (i, &row) in b.rows.iter().enumerate().skip(offset).take(height) {
        let selected = i == b.selected;
        let base = if selected {
            if focused {
                theme.selected()
            } else {
                theme.selected_unfocused()
            }
        } else {
            ratatui::style::Style::new()
        };
        let mut spans = Vec::new();
        match row {
            Row::Icp(g) => {
                let group = &b.groups[g];
                let total = group.personas.len();
                let (name, marks) = match group.icp {
                    Some(i) => {
                        let name = ws.icps[i].name.as_str();
                        let marks = query
                            .filter(|_| b.is_hit(row))
                            .map(|q| q.highlights(name, true))
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
                ));
                let count = if let Some(hits) = &b.hits {
                    let shown = group.personas.iter().filter(|&&p| hits.personas[p]).count();
                    format!(" ({shown} of {total})")
                } else {
                    format!(" ({total})")
                };
                spans.push(Span::styled(count, theme.dim()));
                if let Some(i) = group.icp
                    && !matches!(
                        card::freshness(ws.icps[i].last_validated, app.today, stale_days),
                        Freshness::Fresh { .. }
                    )
                {
                    spans.push(Span::styled(" stale", theme.stale()));
                }
            }
            Row::Persona(_, p) => {
                let persona = &ws.personas[p];
                let marks = query
                    .map(|q| q.highlights(&persona.name, true))
                    .unwrap_or_default();
                spans.push(Span::styled("   ", base));
                spans.extend(marked(
                    &persona.name,
                    &marks,
                    base,
                    base.patch(theme.matched()),
                ));
                if !matches!(
                    card::freshness(persona.last_validated, app.today, stale_days),
                    Freshness::Fresh { .. }
                ) {
                    spans.push(Span::styled(" stale", theme.stale()));
                }
            }
        }
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn draw_preview(app: &App, f: &mut Frame, area: Rect) {
    let b = &app.browse;
    let theme = &app.theme;
    let block = Block::bordered()
        .border_style(if b.preview_focus {
            theme.border_focused()
        } else {
            theme.border()
        })
        .title(Line::styled(" Card preview ", theme.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut areas = app.areas.get();
    areas.preview = inner;
    app.areas.set(areas);
    let Some(entity) = b.selected_entity(&app.workspace) else {
        return;
    };
    let built = card::lines(
        app,
        &entity,
        &CardOptions {
            width: inner.width as usize,
            cursor: None,
            query: b.query.as_ref(),
        },
    );
    // With a filter, start at the first line that matched, so the reason
    // for the match is in view.
    let height = inner.height as usize;
    let start = match built.first_match {
        Some(line) if line + 1 > height => line.saturating_sub(2),
        _ => 0,
    };
    let visible: Vec<Line> = built
        .lines
        .into_iter()
        .skip(start + b.preview_scroll as usize)
        .take(height)
        .collect();
    f.render_widget(Paragraph::new(visible), inner);
}

/// The help key table for browse depends on whether the filter is typed.
pub fn context(app: &App) -> Context {
    if app.browse.typing {
        Context::Filter
    } else {
        Context::Browse
    }
}
