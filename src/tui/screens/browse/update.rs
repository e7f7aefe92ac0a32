//! Browse's reactions: moving, filtering, opening, and the item actions.

use super::{BrowseState, Sort};
use crate::domain::Kind;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::item_ops;
use crate::tui::modal::Pending;
use crate::tui::out::{Nav, Out, WizardStart};
use ratatui::crossterm::event::KeyEvent;

impl BrowseState {
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let page = ctx.page(true) as isize;
        let moving = matches!(
            action,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom
        );
        if moving && self.preview_focus && !self.typing {
            let by = match action {
                Action::PageUp | Action::PageDown => page as u16,
                _ => 1,
            };
            match action {
                Action::Top => self.preview_scroll = 0,
                _ => self.scroll_preview(
                    matches!(action, Action::Down | Action::PageDown | Action::Bottom),
                    by,
                ),
            }
            return Vec::new();
        }
        let ws = ctx.workspace;
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-page),
            Action::PageDown => self.step(page),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::Open => {
                self.typing = false;
                return match self.selected_entity(ws) {
                    Some(entity) => vec![Out::Push(Nav::Card(entity))],
                    None if self.rows.is_empty() => vec![Out::say("Nothing to open.")],
                    None => vec![Out::warn(
                        "This ICP's own file could not be loaded; press ! to see why.",
                    )],
                };
            }
            Action::Filter => {
                self.typing = true;
                self.preview_focus = false;
            }
            Action::ClearFilter => {
                if self.query.is_some() || self.typing {
                    self.clear_filter(ws);
                }
            }
            Action::SwitchPane => {
                if self.typing {
                    self.typing = false;
                } else {
                    self.preview_focus = !self.preview_focus;
                }
            }
            Action::Sort => {
                self.sort = match self.sort {
                    Sort::Name => Sort::Updated,
                    Sort::Updated => Sort::Name,
                };
                let keep = self.selected_entity(ws);
                self.reload(ws, ctx.index, keep.as_ref());
                return vec![Out::say(match self.sort {
                    Sort::Name => "Sorted by name.",
                    Sort::Updated => "Sorted by last update, newest first.",
                })];
            }
            Action::Problems => {
                return vec![Out::Push(Nav::Problems), Out::Do(Effect::Scan)];
            }
            Action::New => {
                let icp = match self.selected_entity(ws) {
                    Some(e) if e.kind == Kind::Icp => Some(e.id),
                    Some(e) => ws.persona(&e.id).map(|p| p.icp.clone()),
                    None => None,
                };
                return vec![Out::Push(Nav::Wizard(WizardStart::Choose { icp }))];
            }
            Action::Interviews => {
                return vec![Out::Push(Nav::Interviews { selected: None })];
            }
            Action::Drafts => return vec![Out::Push(Nav::Drafts)],
            Action::Insights => return vec![Out::Push(Nav::Insights)],
            other => {
                let entity = self.selected_entity(ws);
                return item_ops::on_item(ctx, other, entity);
            }
        }
        Vec::new()
    }

    /// A key typed into the filter.
    pub fn typed(&mut self, key: &KeyEvent, ctx: &Ctx) -> Vec<Out> {
        if self.input.handle(key) {
            self.refilter(ctx.workspace, ctx.index, ctx.interrupt);
        }
        Vec::new()
    }

    pub fn paste(&mut self, text: &str, ctx: &Ctx) -> Vec<Out> {
        if self.typing {
            self.input.insert(text);
            self.refilter(ctx.workspace, ctx.index, ctx.interrupt);
        }
        Vec::new()
    }

    /// A popup opened from browse was answered.
    pub fn finish(&mut self, pending: Pending, input: String, ctx: &Ctx) -> Vec<Out> {
        item_ops::finish(ctx, pending, input)
    }
}
