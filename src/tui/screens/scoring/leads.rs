//! A lead file scored in the app: every kept row with its score, verdict,
//! segment and reasons; the order shown (file order or best first) and the
//! tier or segment shown; and the back-test when the file holds decided
//! deals. Scored again whenever the rules change.

use crate::domain::scoring::backtest::{Decided, Report};
use crate::domain::scoring::deals::{Deals, guess_outcome};
use crate::domain::scoring::summary::Summary;
use crate::domain::scoring::{Scorer, Scoring};
use crate::import::scoring::recognise;
use crate::tui::scoring_types::LeadRows;
use std::cell::Cell;
use std::path::PathBuf;

/// One lead as scored.
#[derive(Clone, Debug)]
pub struct Lead {
    /// Its index in the file's kept rows.
    pub row: usize,
    pub points: i64,
    /// The tier's index in the scorer's tiers; `tiers.len()` when
    /// disqualified.
    pub tier: usize,
    pub segment: Option<usize>,
    pub reasons: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Order {
    #[default]
    Best,
    File,
}

/// The back-test on the file: the outcome asked for, and the figures (or
/// why there are none).
pub struct Tested {
    pub outcome: String,
    pub result: Result<(Report, Vec<String>, u64), String>,
}

pub struct Leads {
    pub path: PathBuf,
    pub file: LeadRows,
    /// The rules bound to the file, or why they do not fit it.
    pub scorer: Result<Scorer, String>,
    pub leads: Vec<Lead>,
    pub summary: Option<Summary>,
    pub order: Order,
    /// Only this tier (`tiers.len()`: the disqualified).
    pub tier: Option<usize>,
    /// Only this segment (`segments.len()`: leads in none).
    pub segment: Option<usize>,
    /// Indexes into `leads`, as shown.
    pub shown: Vec<usize>,
    /// The selected position in `shown`.
    pub at: usize,
    pub offset: Cell<usize>,
    pub explain_scroll: u16,
    pub tested: Option<Tested>,
}

impl Leads {
    pub fn new(path: PathBuf, file: LeadRows, scoring: &Scoring) -> Leads {
        let mut leads = Leads {
            path,
            file,
            scorer: Err(String::new()),
            leads: Vec::new(),
            summary: None,
            order: Order::Best,
            tier: None,
            segment: None,
            shown: Vec::new(),
            at: 0,
            offset: Cell::new(0),
            explain_scroll: 0,
            tested: None,
        };
        leads.rescore(scoring);
        if let Ok(scorer) = &leads.scorer
            && let Some(outcome) = guess_outcome(scorer, leads.file.rows.iter().map(|(_, c)| c))
        {
            leads.backtest(outcome);
        }
        leads
    }

    /// The file's name as shown.
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }

    /// Scores every kept row with `scoring`, keeping the selected lead.
    pub fn rescore(&mut self, scoring: &Scoring) {
        let selected = self.selected().map(|l| l.row);
        let shown_path = self.path.display().to_string();
        self.scorer =
            Scorer::new(scoring.clone(), self.file.header.clone(), &recognise).map_err(|e| {
                e.message(
                    &crate::store::scoring::scoring_file(&scoring.icp),
                    &shown_path,
                )
            });
        self.leads.clear();
        self.summary = None;
        if let Ok(scorer) = &self.scorer {
            let mut summary = Summary::new(scorer);
            let mut scored = scorer.blank();
            let disqualified = scorer.tiers().len();
            for (i, (_, cells)) in self.file.rows.iter().enumerate() {
                scorer.score(cells, &mut scored);
                summary.add(scorer, &scored);
                let mut reasons = String::new();
                scorer.reasons_into(&scored, cells, &mut reasons);
                self.leads.push(Lead {
                    row: i,
                    points: scored.points,
                    tier: if scored.is_disqualified() {
                        disqualified
                    } else {
                        scored.tier
                    },
                    segment: scored.segment,
                    reasons,
                });
            }
            self.summary = Some(summary);
        }
        if let Some(tested) = self.tested.take() {
            self.backtest(tested.outcome);
        }
        self.reorder(selected);
    }

    /// The leads shown, in order, keeping `keep` (a row) selected.
    pub fn reorder(&mut self, keep: Option<usize>) {
        let segments = self.scorer.as_ref().map_or(0, |s| s.scoring.segments.len());
        self.shown = (0..self.leads.len())
            .filter(|&i| {
                let lead = &self.leads[i];
                self.tier.is_none_or(|t| lead.tier == t)
                    && self
                        .segment
                        .is_none_or(|s| lead.segment.unwrap_or(segments) == s)
            })
            .collect();
        if self.order == Order::Best {
            // Disqualified leads last, then by points, then file order.
            let leads = &self.leads;
            self.shown
                .sort_by_key(|&i| (leads[i].tier, std::cmp::Reverse(leads[i].points), i));
        }
        self.at = keep
            .and_then(|row| self.shown.iter().position(|&i| self.leads[i].row == row))
            .unwrap_or(0);
        self.explain_scroll = 0;
    }

    pub fn selected(&self) -> Option<&Lead> {
        self.shown.get(self.at).map(|&i| &self.leads[i])
    }

    /// Moves the selection by `by` rows (clamped).
    pub fn step(&mut self, by: isize) {
        let last = self.shown.len().saturating_sub(1) as isize;
        self.at = (self.at as isize + by).clamp(0, last) as usize;
        self.explain_scroll = 0;
    }

    /// Shows the next tier (all, each tier, the disqualified, all again).
    pub fn next_tier(&mut self) {
        let Ok(scorer) = &self.scorer else { return };
        let count = scorer.tiers().len() + 1;
        self.tier = match self.tier {
            None => Some(0),
            Some(t) if t + 1 < count => Some(t + 1),
            Some(_) => None,
        };
        let keep = self.selected().map(|l| l.row);
        self.reorder(keep);
    }

    /// Shows the next segment (all, each segment, none of them, all).
    pub fn next_segment(&mut self) -> bool {
        let Ok(scorer) = &self.scorer else {
            return false;
        };
        let count = scorer.scoring.segments.len();
        if count == 0 {
            return false;
        }
        self.segment = match self.segment {
            None => Some(0),
            Some(s) if s < count => Some(s + 1),
            Some(_) => None,
        };
        let keep = self.selected().map(|l| l.row);
        self.reorder(keep);
        true
    }

    /// The name of tier index `t` (or `disqualified`).
    pub fn tier_name(&self, t: usize) -> &str {
        match &self.scorer {
            Ok(scorer) => scorer
                .tiers()
                .get(t)
                .map_or(crate::domain::scoring::DISQUALIFIED, |tier| {
                    tier.name.as_str()
                }),
            Err(_) => "",
        }
    }

    /// Runs the back-test with `outcome` (`COLUMN=VALUE`, or
    /// `COLUMN=WON / LOST` to leave open deals out).
    pub fn backtest(&mut self, outcome: String) {
        let result = self.run_backtest(&outcome);
        self.tested = Some(Tested { outcome, result });
    }

    fn run_backtest(&self, outcome: &str) -> Result<(Report, Vec<String>, u64), String> {
        let scorer = self.scorer.as_ref().map_err(Clone::clone)?;
        let (won, lost) = match outcome.split_once(" / ") {
            Some((won, lost)) => (won, Some(lost)),
            None => (outcome, None),
        };
        let decided =
            Decided::parse(won, lost).map_err(|e| e.replace("--outcome", "the outcome"))?;
        let mut deals = Deals::new(scorer, decided, &recognise).map_err(|column| {
            format!(
                "{} has no column `{column}` (its columns: {})",
                self.name(),
                self.file.header.headers().join(", ")
            )
        })?;
        for (_, cells) in &self.file.rows {
            deals.add(cells);
        }
        let report = deals.report();
        let won_values = won.split_once('=').map_or("", |(_, v)| v);
        let warnings = deals.warnings(
            &report,
            won_values,
            "press b and add ` / ` with the value that means lost (`Deal Stage=Closed Won / Closed Lost`)",
        );
        if report.deals == 0 {
            return Err(format!(
                "{} has no decided deals: no row has a value in `{}`",
                self.name(),
                deals.outcome_header
            ));
        }
        Ok((report, warnings, deals.left_out))
    }
}
