//! A scored lead file at a glance: how many leads fell in each tier and
//! segment, how many lacked each field, and how the scores spread (for the
//! app's distribution chart). Gathered row by row in flat memory.

use super::eval::{Outcome, Scored, Scorer};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub rows: u64,
    /// Per tier of [`Scorer::tiers`], not counting disqualified leads.
    pub tiers: Vec<u64>,
    pub disqualified: u64,
    /// Per segment, then the leads in none (last).
    pub segments: Vec<u64>,
    /// Per segment (and none, last), per tier (and disqualified, last).
    pub segment_tiers: Vec<Vec<u64>>,
    /// Per field a rule reads (in rule order, each once): the leads that
    /// lacked it.
    pub unknown: Vec<(String, u64)>,
    /// Leads per score, in steps of [`Summary::STEP`] points (the key is the
    /// step's lowest score).
    pub histogram: BTreeMap<i64, u64>,
}

impl Summary {
    /// The width of a histogram bar, in points.
    pub const STEP: i64 = 10;

    pub fn new(scorer: &Scorer) -> Summary {
        let mut unknown: Vec<(String, u64)> = Vec::new();
        for rule in &scorer.scoring.rules {
            if !unknown.iter().any(|(f, _)| *f == rule.condition.field) {
                unknown.push((rule.condition.field.clone(), 0));
            }
        }
        let segments = scorer.scoring.segments.len() + 1;
        Summary {
            tiers: vec![0; scorer.tiers().len()],
            segments: vec![0; segments],
            segment_tiers: vec![vec![0; scorer.tiers().len() + 1]; segments],
            unknown,
            ..Summary::default()
        }
    }

    pub fn add(&mut self, scorer: &Scorer, scored: &Scored) {
        self.rows += 1;
        let tier = if scored.is_disqualified() {
            self.disqualified += 1;
            self.tiers.len()
        } else {
            self.tiers[scored.tier] += 1;
            scored.tier
        };
        let segment = scored.segment.unwrap_or(self.segments.len() - 1);
        self.segments[segment] += 1;
        self.segment_tiers[segment][tier] += 1;
        let mut counted: u64 = 0;
        for (i, outcome) in scored.outcomes.iter().enumerate() {
            if *outcome != Outcome::Unknown {
                continue;
            }
            let field = &scorer.scoring.rules[i].condition.field;
            if let Some(at) = self.unknown.iter().position(|(f, _)| f == field)
                && at < 64
                && counted & (1 << at) == 0
            {
                counted |= 1 << at;
                self.unknown[at].1 += 1;
            }
        }
        *self
            .histogram
            .entry(scored.points.div_euclid(Self::STEP) * Self::STEP)
            .or_default() += 1;
    }
}
