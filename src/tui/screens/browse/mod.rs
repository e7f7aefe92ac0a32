//! Home: ICPs with their personas beneath, a card preview of the
//! selection, and the `/` filter. The state and the filter live here;
//! [`update`] reacts to keys, [`draw`] draws.

mod draw;
mod keys;
mod update;

pub use keys::KEYS;

use crate::domain::{EntityRef, Kind, Workspace};
use crate::tui::event::Interrupt;
use crate::tui::search::{Hits, LazyIndex, Query};
use crate::tui::widgets::input::LineInput;
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

    /// Applies the text in the filter field; stops (showing everything)
    /// when `interrupt` is set meanwhile.
    pub fn refilter(&mut self, ws: &Workspace, index: &LazyIndex, interrupt: &Interrupt) {
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
                let stop = || interrupt.is_set();
                let ran = match (&self.query, &self.hits) {
                    (Some(old), Some(hits)) => query.narrow_until(index.get(ws), old, hits, &stop),
                    _ => query.run_until(index.get(ws), None, &stop),
                };
                let Some(hits) = ran else {
                    self.query = None;
                    self.hits = None;
                    self.rebuild_rows();
                    return;
                };
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
