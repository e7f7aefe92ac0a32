//! What keys and answers do on the scoring screen: moving, editing the
//! rules (each edit checked, then saved), the lead list's order and
//! filters, the rule form, and the answers to its prompts.

use super::form::RuleForm;
use super::leads::Order;
use super::{Ask, Pane, ScoringState};
use crate::domain::scoring::edit::{self, tiers_text};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::item_ops;
use crate::tui::modal::{Confirm, Modal, Pending, Prompt};
use crate::tui::out::Out;
use crate::tui::scoring_types::said;
use crate::tui::text;
use crate::tui::widgets::input::LineInput;

impl ScoringState {
    pub(super) fn rules_action(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let count = self.scoring.rules.len();
        let page = ctx.page(true) as isize;
        let step = |at: usize, by: isize| {
            (at as isize + by).clamp(0, count.saturating_sub(1) as isize) as usize
        };
        match action {
            Action::Up => self.rule_at = step(self.rule_at, -1),
            Action::Down => self.rule_at = step(self.rule_at, 1),
            Action::PageUp => self.rule_at = step(self.rule_at, -page),
            Action::PageDown => self.rule_at = step(self.rule_at, page),
            Action::Top => self.rule_at = 0,
            Action::Bottom => self.rule_at = count.saturating_sub(1),
            Action::MorePoints | Action::FewerPoints => {
                let delta = if action == Action::MorePoints { 5 } else { -5 };
                let Some(rule) = self.selected_rule() else {
                    return vec![Out::say("No rules yet: press n to add one.")];
                };
                let id = rule.id.clone();
                return match edit::bump(&self.scoring, self.rule_at, delta) {
                    None => vec![Out::say(format!(
                        "`{id}` rules leads out rather than scoring them; x turns it into points."
                    ))],
                    Some(changed) => {
                        let points = changed.rules[self.rule_at].points;
                        let said = format!("`{id}` now counts {points:+} points; saved.");
                        self.commit(changed, ctx, said)
                    }
                };
            }
            Action::Edit => match self.selected_rule() {
                Some(rule) => self.form = Some(RuleForm::edit(self.rule_at, rule)),
                None => self.form = Some(RuleForm::new_rule()),
            },
            Action::New => self.form = Some(RuleForm::new_rule()),
            Action::Disqualify => {
                let Some(rule) = self.selected_rule() else {
                    return vec![Out::say("No rules yet: press n to add one.")];
                };
                if rule.disqualify {
                    let id = rule.id.clone();
                    let changed = edit::toggle_disqualify(&self.scoring, self.rule_at, None);
                    return match changed {
                        Some(changed) => self.commit(
                            changed,
                            ctx,
                            format!("`{id}` now takes 20 points off instead of ruling leads out; + and - adjust it."),
                        ),
                        None => Vec::new(),
                    };
                }
                let id = rule.id.clone();
                let guess = rule.label.clone().unwrap_or_default();
                return vec![Out::Open(Modal::Prompt(Prompt {
                    title: "Disqualify".into(),
                    label: format!(
                        "Why does `{}` rule a lead out? (shown beside every lead it rules out)",
                        text::fit(&id, 40)
                    ),
                    input: LineInput::new(&guess),
                    pending: Pending::Scoring(Ask::Reason(id)),
                }))];
            }
            Action::Delete => {
                let Some(rule) = self.selected_rule() else {
                    return vec![Out::say("No rules yet: press n to add one.")];
                };
                return vec![Out::Open(Modal::Confirm(Confirm {
                    title: "Delete rule".into(),
                    message: format!(
                        "Delete the rule `{}` ({})? The file is saved at once; git keeps the old version.",
                        text::fit(&rule.id, 40),
                        text::fit(&crate::domain::scoring::reasons::describe(rule), 60)
                    ),
                    pending: Pending::Scoring(Ask::DeleteRule(rule.id.clone())),
                }))];
            }
            Action::Tiers => {
                return vec![Out::Open(Modal::Prompt(Prompt {
                    title: "Tiers".into(),
                    label: "Each tier and the score it starts at, highest first; the last takes the rest:".into(),
                    input: LineInput::new(&tiers_text(&self.scoring.tiers_or_default())),
                    pending: Pending::Scoring(Ask::Tiers),
                }))];
            }
            Action::SwitchPane => {
                if self.leads.is_some() {
                    self.pane = Pane::Leads;
                } else {
                    return vec![Out::say(
                        "Press o to score a lead file; its leads show here, with the back-test for a deals file.",
                    )];
                }
            }
            Action::Reload => {
                return vec![Out::Do(Effect::OpenScoring {
                    icp: self.icp.clone(),
                })];
            }
            _ => return self.common(action).unwrap_or_default(),
        }
        Vec::new()
    }

    pub(super) fn leads_action(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let page = ctx.page(true) as isize;
        let Some(leads) = &mut self.leads else {
            self.pane = Pane::Rules;
            return Vec::new();
        };
        match action {
            Action::Up => leads.step(-1),
            Action::Down => leads.step(1),
            Action::PageUp => leads.step(-page),
            Action::PageDown => leads.step(page),
            Action::Top => leads.step(isize::MIN / 2),
            Action::Bottom => leads.step(isize::MAX / 2),
            Action::Sort => {
                leads.order = match leads.order {
                    Order::Best => Order::File,
                    Order::File => Order::Best,
                };
                let keep = leads.selected().map(|l| l.row);
                leads.reorder(keep);
            }
            Action::FilterTier => leads.next_tier(),
            Action::FilterSegment => {
                if !leads.next_segment() {
                    return vec![Out::say(
                        "This ICP's scoring file has no segments (docs/FORMATS.md shows how to add them).",
                    )];
                }
            }
            Action::Overview => self.overview = !self.overview,
            Action::DetailDown => leads.explain_scroll = leads.explain_scroll.saturating_add(3),
            Action::DetailUp => leads.explain_scroll = leads.explain_scroll.saturating_sub(3),
            Action::SwitchPane => {
                self.pane = if leads.tested.is_some() {
                    Pane::Backtest
                } else {
                    Pane::Rules
                };
            }
            _ => return self.common(action).unwrap_or_default(),
        }
        Vec::new()
    }

    pub(super) fn backtest_action(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let page = ctx.page(false) as u16;
        match action {
            Action::Up => self.backtest_scroll = self.backtest_scroll.saturating_sub(1),
            Action::Down => self.backtest_scroll = self.backtest_scroll.saturating_add(1),
            Action::PageUp => self.backtest_scroll = self.backtest_scroll.saturating_sub(page),
            Action::PageDown => self.backtest_scroll = self.backtest_scroll.saturating_add(page),
            Action::SwitchPane => self.pane = Pane::Rules,
            _ => return self.common(action).unwrap_or_default(),
        }
        Vec::new()
    }

    pub(super) fn form_action(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let Some(form) = self.form.as_mut() else {
            return Vec::new();
        };
        match action {
            Action::NextField => form.next(),
            Action::PreviousField => form.previous(),
            Action::Cancel => {
                self.form = None;
                return vec![Out::say("Nothing was changed.")];
            }
            Action::Save => {
                let rule = match form.rule() {
                    Ok(rule) => rule,
                    Err(e) => {
                        form.error = Some(e);
                        return Vec::new();
                    }
                };
                let editing = form.editing;
                if self
                    .scoring
                    .rules
                    .iter()
                    .enumerate()
                    .any(|(i, r)| r.id == rule.id && Some(i) != editing)
                {
                    form.error = Some(format!(
                        "Another rule is called `{}`; give this one another id.",
                        rule.id
                    ));
                    form.at = 0;
                    return Vec::new();
                }
                let mut changed = self.scoring.clone();
                let at = match editing {
                    Some(at) => {
                        changed.rules[at] = rule.clone();
                        at
                    }
                    None => {
                        changed.rules.push(rule.clone());
                        changed.rules.len() - 1
                    }
                };
                if let Err(e) = self.check(&changed, ctx) {
                    if let Some(form) = self.form.as_mut() {
                        form.focus_on(&e);
                        form.error = Some(e);
                    }
                    return Vec::new();
                }
                let said = format!(
                    "Rule `{}` {}; saved.",
                    rule.id,
                    if editing.is_some() {
                        "changed"
                    } else {
                        "added"
                    }
                );
                let out = self.commit(changed, ctx, said);
                if !out.iter().any(|o| matches!(o, Out::Warn(_))) {
                    self.form = None;
                    self.rule_at = at;
                }
                return out;
            }
            _ => {}
        }
        Vec::new()
    }

    /// A prompt or confirmation opened here was answered.
    pub fn finish(&mut self, pending: Pending, input: String, ctx: &Ctx) -> Vec<Out> {
        let Pending::Scoring(ask) = pending else {
            return Vec::new();
        };
        let position = |id: &str| self.scoring.rules.iter().position(|r| r.id == id);
        match ask {
            Ask::Reason(id) => {
                let Some(at) = position(&id) else {
                    return Vec::new();
                };
                match edit::toggle_disqualify(&self.scoring, at, Some(&input)) {
                    Some(changed) => self.commit(
                        changed,
                        ctx,
                        format!(
                            "`{id}` now rules leads out: {}.",
                            text::fit(input.trim_end_matches('.'), 60)
                        ),
                    ),
                    None => vec![Out::warn(
                        "A disqualifier needs a reason (shown beside every lead it rules out); nothing was changed.",
                    )],
                }
            }
            Ask::DeleteRule(id) => {
                let Some(at) = position(&id) else {
                    return Vec::new();
                };
                let mut changed = self.scoring.clone();
                changed.rules.remove(at);
                self.rule_at = self.rule_at.min(changed.rules.len().saturating_sub(1));
                self.commit(changed, ctx, format!("Rule `{id}` deleted; saved."))
            }
            Ask::Tiers => match edit::parse_tiers(&input) {
                Ok(tiers) => {
                    let mut changed = self.scoring.clone();
                    changed.tiers = tiers;
                    let said = format!("Tiers are now {}; saved.", tiers_text(&changed.tiers));
                    self.commit(changed, ctx, said)
                }
                Err(e) => vec![Out::warn(format!(
                    "{} Nothing was changed.",
                    text::sentence(&e)
                ))],
            },
            Ask::OpenLeads => {
                if input.is_empty() {
                    return vec![Out::warn(
                        "Type the path of a CSV file; nothing was opened.",
                    )];
                }
                self.last_path = Some(input.clone());
                vec![Out::Do(Effect::ReadLeads {
                    path: item_ops::expand_home(&input),
                })]
            }
            Ask::DropComments => match self.held.take() {
                Some((changed, done)) => {
                    self.comments = 0;
                    self.commit(changed, ctx, done)
                }
                None => Vec::new(),
            },
            Ask::Outcome => {
                let Some(leads) = &mut self.leads else {
                    return Vec::new();
                };
                leads.backtest(input);
                self.backtest_scroll = 0;
                match leads.tested.as_ref().map(|t| &t.result) {
                    Some(Err(e)) => vec![Out::warn(said(e))],
                    _ => {
                        self.pane = Pane::Backtest;
                        Vec::new()
                    }
                }
            }
        }
    }
}
