//! The screens. Each is its own state with `update(action, &Ctx)` returning
//! what it asks for ([`crate::tui::out::Out`]) and `draw(&self, frame, area,
//! &Ctx)`; none knows the app or another screen's state. [`Screen`] is the
//! closed set the app routes between.
//!
//! Adding a screen: a module here (a folder when it has several jobs) with
//! its state, its `KEYS` table (one line per binding, a `Context` of its
//! own in `keys/context.rs`), a variant below with its arms, and a `Nav`
//! variant in `out.rs` for the app to open it by.

pub mod browse;
pub mod card;
pub mod conflicts;
pub mod customers;
pub mod drafts;
pub mod help;
pub mod history;
pub mod insights;
pub mod interview;
pub mod interviews;
pub mod outreach;
pub mod preview;
pub mod problems;
pub mod quotes;
pub mod report;
pub mod scoring;
pub mod tally;
pub mod too_small;
pub mod welcome;
pub mod wizard;

use super::action::Action;
use super::ctx::Ctx;
use super::keys::{Context, Row};
use super::modal::Pending;
use super::out::Out;
use super::widgets::input;
use browse::BrowseState;
use card::CardState;
use conflicts::ConflictsState;
use customers::CustomersState;
use drafts::DraftsState;
use history::HistoryState;
use interview::InterviewState;
use interviews::InterviewsState;
use outreach::OutreachState;
use preview::PreviewState;
use problems::ProblemsState;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use tally::TallyState;
use welcome::WelcomeState;
use wizard::WizardState;

/// Every screen's key tables.
pub const KEYS: &[&[(Context, &[Row])]] = &[
    welcome::KEYS,
    browse::KEYS,
    card::KEYS,
    preview::KEYS,
    drafts::KEYS,
    wizard::KEYS,
    interviews::KEYS,
    interview::KEYS,
    tally::KEYS,
    outreach::KEYS,
    problems::KEYS,
    conflicts::KEYS,
    history::KEYS,
    customers::KEYS,
    insights::KEYS,
    scoring::KEYS,
];

pub enum Screen {
    Welcome(WelcomeState),
    /// Browse's state is the app's own (it outlives every visit).
    Browse,
    Card(CardState),
    Preview(PreviewState),
    Wizard(Box<WizardState>),
    Drafts(DraftsState),
    Interviews(InterviewsState),
    Interview(Box<InterviewState>),
    Tally(TallyState),
    Outreach(Box<OutreachState>),
    Problems(ProblemsState),
    Conflicts(Box<ConflictsState>),
    History(HistoryState),
    Customers(CustomersState),
    Insights(insights::InsightsState),
    Scoring(Box<scoring::ScoringState>),
}

impl Screen {
    pub fn context(&self, browse: &BrowseState) -> Context {
        match self {
            Screen::Welcome(_) => Context::Welcome,
            Screen::Browse if browse.typing => Context::Filter,
            Screen::Browse => Context::Browse,
            Screen::Card(_) => Context::Card,
            Screen::Preview(_) => Context::Preview,
            Screen::Wizard(s) => s.context(),
            Screen::Drafts(_) => Context::Drafts,
            Screen::Interviews(_) => Context::Interviews,
            Screen::Interview(s) => s.context(),
            Screen::Tally(_) => Context::Tally,
            Screen::Outreach(s) => s.context(),
            Screen::Problems(_) => Context::Problems,
            Screen::Conflicts(_) => Context::Conflicts,
            Screen::History(_) => Context::History,
            Screen::Customers(_) => Context::Customers,
            Screen::Insights(_) => Context::Insights,
            Screen::Scoring(s) => s.context(),
        }
    }

    pub fn update(&mut self, browse: &mut BrowseState, action: Action, ctx: &Ctx) -> Vec<Out> {
        match self {
            Screen::Welcome(s) => s.update(action),
            Screen::Browse => browse.update(action, ctx),
            Screen::Card(s) => s.update(action, ctx),
            Screen::Preview(s) => s.update(action, ctx),
            Screen::Wizard(s) => s.update(action, ctx),
            Screen::Drafts(s) => s.update(action),
            Screen::Interviews(s) => s.update(action, ctx),
            Screen::Interview(s) => s.update(action, ctx),
            Screen::Tally(s) => s.update(action, ctx),
            Screen::Outreach(s) => s.update(action, ctx),
            Screen::Problems(s) => s.update(action, ctx),
            Screen::Conflicts(s) => s.update(action),
            Screen::History(s) => s.update(action, ctx),
            Screen::Customers(s) => s.update(action, ctx),
            Screen::Insights(s) => s.update(action, ctx),
            Screen::Scoring(s) => s.update(action, ctx),
        }
    }

    /// A key that types (in a context where typing goes into a text).
    pub fn typed(&mut self, browse: &mut BrowseState, key: &KeyEvent, ctx: &Ctx) -> Vec<Out> {
        match self {
            Screen::Browse => browse.typed(key, ctx),
            Screen::Wizard(s) => s.typed(key),
            Screen::Interview(s) => s.typed(key),
            Screen::Outreach(s) => s.typed(key, ctx),
            Screen::Scoring(s) => s.typed(key),
            _ => Vec::new(),
        }
    }

    pub fn paste(&mut self, browse: &mut BrowseState, text: &str, ctx: &Ctx) -> Vec<Out> {
        match self {
            Screen::Browse => browse.paste(text, ctx),
            Screen::Wizard(s) => s.paste(text),
            Screen::Interview(s) => s.paste(text),
            Screen::Outreach(s) => s.paste(text, ctx),
            Screen::Scoring(s) => s.paste(text),
            _ => Vec::new(),
        }
    }

    /// A popup this screen opened was answered.
    pub fn finish(
        &mut self,
        browse: &mut BrowseState,
        pending: Pending,
        input: String,
        ctx: &Ctx,
    ) -> Vec<Out> {
        match self {
            Screen::Browse => browse.finish(pending, input, ctx),
            Screen::Card(s) => s.finish(pending, input, ctx),
            Screen::Preview(s) => s.finish(pending, input, ctx),
            Screen::Wizard(s) => s.finish(pending),
            Screen::Interviews(s) => s.finish(pending, input),
            Screen::Interview(s) => s.finish(pending),
            Screen::Outreach(s) => s.finish(pending, input, ctx),
            Screen::Customers(s) => s.finish(pending, input, ctx),
            Screen::Scoring(s) => s.finish(pending, input, ctx),
            _ => Vec::new(),
        }
    }

    /// The keys of what is being typed into, for the help.
    pub fn typing_help(&self) -> Vec<(String, &'static str)> {
        match self {
            Screen::Wizard(s) => s.typing_help(),
            Screen::Interview(s) => s.typing_help(),
            Screen::Outreach(s) => s.typing_help(),
            _ => input::help(),
        }
    }

    pub fn draw(&self, browse: &BrowseState, f: &mut Frame, area: Rect, ctx: &Ctx, popup: bool) {
        match self {
            Screen::Welcome(s) => s.draw(f, area, ctx),
            Screen::Browse => browse.draw(f, area, ctx, popup),
            Screen::Card(s) => s.draw(f, area, ctx),
            Screen::Preview(s) => s.draw(f, area, ctx),
            Screen::Wizard(s) => s.draw(f, area, ctx),
            Screen::Drafts(s) => s.draw(f, area, ctx),
            Screen::Interviews(s) => s.draw(f, area, ctx),
            Screen::Interview(s) => s.draw(f, area, ctx),
            Screen::Tally(s) => s.draw(f, area, ctx),
            Screen::Outreach(s) => s.draw(f, area, ctx),
            Screen::Problems(s) => s.draw(f, area, ctx),
            Screen::Conflicts(s) => s.draw(f, area, ctx),
            Screen::History(s) => s.draw(f, area, ctx),
            Screen::Customers(s) => s.draw(f, area, ctx),
            Screen::Insights(s) => s.draw(f, area, ctx),
            Screen::Scoring(s) => s.draw(f, area, ctx),
        }
    }
}
