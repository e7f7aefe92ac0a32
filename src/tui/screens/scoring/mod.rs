//! Fit scoring for one ICP: its rules with the evidence behind each, edited
//! in place (points, disqualifiers, tiers, a form for a whole rule) with
//! the file saved and still valid after every edit; a lead file scored by
//! them, browsed best first, one tier or segment at a time, with the
//! reasons for the selected lead; the score distribution and segments by
//! tier; and the back-test when the file holds decided deals.

mod backtest_view;
mod form;
pub mod leads;
mod leads_view;
mod rules_view;
mod update;

use crate::domain::scoring::{Cite, Rule, Scoring, evidence};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::keys::{Context, Row as KeyRow, table};
use crate::tui::modal::{Confirm, Modal, Pending, Prompt};
use crate::tui::out::Out;
pub use crate::tui::scoring_types::Ask;
use crate::tui::scoring_types::said;
use crate::tui::scoring_types::{LeadRows, ScoringFile};
use crate::tui::text;
use crate::tui::widgets::input::LineInput;
use form::RuleForm;
use leads::Leads;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use std::path::PathBuf;

pub const KEYS: &[(Context, &[KeyRow])] = &[
    (
        Context::ScoringRules,
        table! {
            Up "up k" show "move" "Previous rule";
            Down "down j" show "move" "Next rule";
            PageUp "pgup" help "page" "One page up";
            PageDown "pgdn" help "page" "One page down";
            Top "home g" help "top" "First rule";
            Bottom "end G" help "bottom" "Last rule";
            MorePoints "+ =" show "+5" "Add 5 points to the selected rule (saved at once)";
            FewerPoints "-" show "-5" "Take 5 points off the selected rule (saved at once)";
            Edit "e enter" show "edit" "Edit the selected rule in a form";
            New "n" show "new rule" "Add a rule with a form";
            Disqualify "x" help "disqualify" "Make the rule rule leads out (asks why), or turn a disqualifier back into points";
            Delete "d" help "delete" "Delete the selected rule (asks first)";
            Tiers "t" show "tiers" "Edit the tiers: names and the score each starts at";
            OpenLeads "o" show "score a file" "Score a lead or deals file (CSV) with these rules";
            SwitchPane "tab" show "leads" "Switch to the scored leads and the back-test";
            Reload "r" help "reload" "Read the scoring file again from disk";
            Back "esc q" show "back" "Back";
        },
    ),
    (
        Context::ScoringLeads,
        table! {
            Up "up k" show "move" "Previous lead";
            Down "down j" show "move" "Next lead";
            PageUp "pgup" help "page" "One page up";
            PageDown "pgdn" help "page" "One page down";
            Top "home g" help "top" "First lead";
            Bottom "end G" help "bottom" "Last lead";
            Sort "s" show "sort" "Best first, or in file order";
            FilterTier "f" show "tier" "Show one tier at a time: all, each tier, disqualified";
            FilterSegment "S" help "segment" "Show one segment at a time: all, each segment, in none";
            Overview "v" show "chart" "Score distribution and segments by tier, or back to the list";
            DetailDown "J shift-down" help "scroll why" "Scroll the explanation down";
            DetailUp "K shift-up" help "scroll why" "Scroll the explanation up";
            Backtest "b" show "back-test" "Back-test on this file: which column and value mean won";
            OpenLeads "o" help "open" "Score another file";
            SwitchPane "tab" show "next" "Switch to the back-test, or back to the rules";
            Back "esc q" show "back" "Back";
        },
    ),
    (
        Context::ScoringBacktest,
        table! {
            Up "up k" show "scroll" "Scroll up";
            Down "down j" show "scroll" "Scroll down";
            PageUp "pgup" help "page" "One page up";
            PageDown "pgdn" help "page" "One page down";
            Backtest "b" show "outcome" "Say which column and value mean won (and lost)";
            SwitchPane "tab" show "rules" "Back to the rules";
            Back "esc q" show "back" "Back";
        },
    ),
    (
        Context::ScoringForm,
        table! {
            NextField "tab down" show "next" "Next part of the rule";
            PreviousField "shift-tab up" show "previous" "Previous part of the rule";
            Save "enter ctrl-s" show "save" "Save the rule (refused, with the reason, if the file would not load)";
            Cancel "esc" show "cancel" "Leave the form; nothing is changed";
        },
    ),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Rules,
    Leads,
    Backtest,
}

pub struct ScoringState {
    pub icp: String,
    /// The rules as last saved (or read).
    pub scoring: Scoring,
    /// The file's bytes as last read or saved (`None`: no file yet).
    read: Option<Vec<u8>>,
    /// A save was refused because the file changed on disk: edits wait for
    /// a reload.
    stale: bool,
    pub pane: Pane,
    pub rule_at: usize,
    rule_offset: std::cell::Cell<usize>,
    form: Option<RuleForm>,
    pub leads: Option<Leads>,
    /// The lead table (`false`) or the chart and segment grid (`true`).
    overview: bool,
    backtest_scroll: u16,
    /// The path last typed, offered again.
    last_path: Option<String>,
    /// Comment lines in the file as read: the first edit asks before a
    /// save drops them.
    comments: usize,
    /// An edit waiting for that answer, with what to say once saved.
    held: Option<(Scoring, String)>,
}

impl ScoringState {
    pub fn new(icp: String, file: ScoringFile) -> ScoringState {
        let scoring = file.scoring.unwrap_or_else(|| Scoring::new(icp.clone()));
        ScoringState {
            icp,
            scoring,
            read: file.bytes,
            stale: false,
            pane: Pane::Rules,
            rule_at: 0,
            rule_offset: Default::default(),
            form: None,
            leads: None,
            overview: false,
            backtest_scroll: 0,
            last_path: None,
            comments: file.comments,
            held: None,
        }
    }

    pub fn context(&self) -> Context {
        if self.form.is_some() {
            return Context::ScoringForm;
        }
        match self.pane {
            Pane::Rules => Context::ScoringRules,
            Pane::Leads => Context::ScoringLeads,
            Pane::Backtest => Context::ScoringBacktest,
        }
    }

    /// The file was read again (`r`): edits start from what is on disk.
    pub fn reloaded(&mut self, file: ScoringFile) -> Vec<Out> {
        self.scoring = file
            .scoring
            .unwrap_or_else(|| Scoring::new(self.icp.clone()));
        self.read = file.bytes;
        self.comments = file.comments;
        self.stale = false;
        self.rule_at = self.rule_at.min(self.scoring.rules.len().saturating_sub(1));
        self.rescore();
        vec![Out::say(format!(
            "Read {} again.",
            crate::store::scoring::scoring_file(&self.icp)
        ))]
    }

    /// A save came back: the bytes now on disk, or why not.
    pub fn saved(&mut self, result: Result<Vec<u8>, (String, bool)>) -> Vec<Out> {
        match result {
            Ok(bytes) => {
                self.read = Some(bytes);
                Vec::new()
            }
            Err((message, conflict)) => {
                self.stale = conflict;
                vec![Out::warn(message)]
            }
        }
    }

    /// A lead file was read.
    pub fn leads_read(&mut self, path: PathBuf, result: Result<LeadRows, String>) -> Vec<Out> {
        match result {
            Err(message) => vec![Out::warn(message)],
            Ok(file) => {
                let total = file.total;
                let kept = file.rows.len() as u64;
                let leads = Leads::new(path, file, &self.scoring);
                let mut out = Vec::new();
                match &leads.scorer {
                    Err(e) => out.push(Out::warn(said(e))),
                    Ok(scorer) => {
                        let mut said = format!(
                            "Scored {} of {}",
                            text::count(kept as usize, "lead", "leads"),
                            leads.name()
                        );
                        if kept < total {
                            said.push_str(&format!(
                                " (the first {kept} of {total}; `persona score` scores them all)"
                            ));
                        }
                        if !scorer.missing_fields().is_empty() {
                            said.push_str(&format!(
                                "; it has no column for {}, never counted against a lead",
                                scorer.missing_fields().join(", ")
                            ));
                        }
                        out.push(Out::say(text::sentence(&said)));
                    }
                }
                self.leads = Some(leads);
                self.pane = Pane::Leads;
                self.overview = false;
                out
            }
        }
    }

    fn rescore(&mut self) {
        if let Some(leads) = &mut self.leads {
            leads.rescore(&self.scoring);
        }
    }

    /// Checks `changed` makes a file that loads, then takes it and asks
    /// for it to be saved; else says why nothing changed.
    fn commit(&mut self, changed: Scoring, ctx: &Ctx, done: String) -> Vec<Out> {
        if self.stale {
            return vec![Out::warn(format!(
                "{} changed on disk since it was read; press r to read it again before editing.",
                crate::store::scoring::scoring_file(&self.icp)
            ))];
        }
        if let Err(e) = self.check(&changed, ctx) {
            return vec![Out::warn(e)];
        }
        if self.comments > 0 {
            let message = format!(
                "{} has {} (lines starting with #), which a save from the app does not keep; a rule's `note` is kept. Save anyway?",
                crate::store::scoring::scoring_file(&self.icp),
                text::count(self.comments, "comment", "comments")
            );
            self.held = Some((changed, done));
            return vec![Out::Open(Modal::Confirm(Confirm {
                title: "Comments".into(),
                message,
                pending: Pending::Scoring(Ask::DropComments),
            }))];
        }
        self.scoring = changed.clone();
        self.rescore();
        vec![
            Out::Do(Effect::SaveScoring {
                scoring: changed,
                read: self.read.clone(),
            }),
            Out::say(done),
        ]
    }

    /// Whether `scoring` saves as a file that loads back the same and
    /// whose citations all lead somewhere; else one sentence.
    fn check(&self, scoring: &Scoring, ctx: &Ctx) -> Result<(), String> {
        crate::store::scoring::checked_text(scoring).map_err(|e| text::sentence(&e))?;
        let icp = ctx.workspace.icp(&self.icp);
        for rule in &scoring.rules {
            for cite in &rule.cites {
                let missing = match cite {
                    Cite::Highlight(c) if ctx.workspace.quote(c).is_none() => {
                        Some(format!("there is no highlight `{c}`"))
                    }
                    Cite::Customer(name)
                        if icp.is_none_or(|i| evidence::find_customer(i, name).is_none()) =>
                    {
                        Some(format!("this ICP lists no best customer `{name}`"))
                    }
                    _ => None,
                };
                if let Some(why) = missing {
                    return Err(text::sentence(&format!(
                        "rule `{}` cites {cite}, but {why}",
                        rule.id
                    )));
                }
            }
        }
        Ok(())
    }

    fn selected_rule(&self) -> Option<&Rule> {
        self.scoring.rules.get(self.rule_at)
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        if self.form.is_some() {
            return self.form_action(action, ctx);
        }
        match self.pane {
            Pane::Rules => self.rules_action(action, ctx),
            Pane::Leads => self.leads_action(action, ctx),
            Pane::Backtest => self.backtest_action(action, ctx),
        }
    }

    fn common(&mut self, action: Action) -> Option<Vec<Out>> {
        Some(match action {
            Action::Back => vec![Out::Back],
            Action::OpenLeads => vec![Out::Open(Modal::Prompt(Prompt {
                title: "Score a lead file".into(),
                label: "A lead, account or deals file (CSV), e.g. a HubSpot or Apollo export:"
                    .into(),
                input: LineInput::new(self.last_path.as_deref().unwrap_or("")),
                pending: Pending::Scoring(Ask::OpenLeads),
            }))],
            Action::Backtest => match &self.leads {
                None => vec![Out::say(
                    "Open a deals file first (o), e.g. a HubSpot deals or Salesforce opportunities export.",
                )],
                Some(leads) => {
                    let current = leads.tested.as_ref().map(|t| t.outcome.clone());
                    vec![Out::Open(Modal::Prompt(Prompt {
                        title: "Back-test".into(),
                        label: "Which deals were won: COLUMN=VALUE (add ` / VALUE` for lost; other values are still open):".into(),
                        input: LineInput::new(current.as_deref().unwrap_or("Deal Stage=closedwon")),
                        pending: Pending::Scoring(Ask::Outcome),
                    }))]
                }
            },
            _ => return None,
        })
    }

    /// A typed key (only while the form is open).
    pub fn typed(&mut self, key: &KeyEvent) -> Vec<Out> {
        if let Some(form) = self.form.as_mut() {
            form.input().handle(key);
            form.error = None;
        }
        Vec::new()
    }

    pub fn paste(&mut self, pasted: &str) -> Vec<Out> {
        if let Some(form) = self.form.as_mut() {
            form.input().insert(pasted);
            form.error = None;
        }
        Vec::new()
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let icp_name = ctx
            .workspace
            .icp(&self.icp)
            .map_or(self.icp.as_str(), |i| i.name.as_str());
        let inner = rules_view::frame(self, icp_name, f, area, ctx);
        match self.pane {
            Pane::Rules => rules_view::draw(self, &self.rule_offset, f, inner, ctx),
            Pane::Leads => match &self.leads {
                Some(leads) if self.overview => leads_view::overview(leads, f, inner, ctx),
                Some(leads) => leads_view::table(leads, f, inner, ctx),
                None => {}
            },
            Pane::Backtest => {
                if let Some(leads) = &self.leads {
                    backtest_view::draw(leads, self.backtest_scroll, f, inner, ctx)
                }
            }
        }
        if let Some(form) = &self.form {
            form.draw(f, area, ctx);
        }
    }
}
