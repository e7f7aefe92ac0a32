//! Does the scoring separate winners from the rest? Deals already decided
//! are scored like leads; per tier the deals, wins, win rate, share of all
//! wins (recall) and lift over the base rate; per rule how often it fires
//! on won and on lost deals, with flags for rules that never fire, do not
//! separate, or point the wrong way.

use super::eval::{DISQUALIFIED, Outcome, Scored, Scorer};
use super::fields::known_only_after_outcome;
use serde::Serialize;

/// A rule must fire on at least this many decided deals before the
/// back-test judges whether it separates.
pub const MIN_FIRES: u64 = 10;

/// Fire rates on won and lost deals closer than this (in share of deals)
/// do not separate.
pub const SEPARATION: f64 = 0.05;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    deals: u64,
    won: u64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct RuleCounts {
    fired_won: u64,
    fired_lost: u64,
    unknown_won: u64,
    unknown_lost: u64,
}

/// Counts gathered deal by deal (flat memory for any number of deals).
#[derive(Clone, Debug)]
pub struct Backtest {
    total: Counts,
    tiers: Vec<Counts>,
    disqualified: Counts,
    rules: Vec<RuleCounts>,
}

/// One tier's figures. Rates are `None` where they would divide by 0.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TierRow {
    pub tier: String,
    pub deals: u64,
    pub won: u64,
    /// Won / deals in this tier.
    pub win_rate: Option<f64>,
    /// This tier's wins / all wins.
    pub recall: Option<f64>,
    /// Win rate / the base win rate of all deals.
    pub lift: Option<f64>,
}

/// Why a rule's back-test figures deserve a look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// It fired on no deal at all.
    NeverFires,
    /// It fired on too few deals to judge.
    TooFew,
    /// It fires about as often on lost deals as on won ones.
    NoSeparation,
    /// It fires more on lost deals though it adds points (or more on won
    /// ones though it takes points).
    WrongDirection,
    /// A disqualifier that fired on deals that were won.
    RulesOutWinners,
}

impl Flag {
    pub fn describe(self) -> &'static str {
        match self {
            Flag::NeverFires => "never fires",
            Flag::TooFew => "too few deals to judge",
            Flag::NoSeparation => "fires as often on lost deals as on won ones",
            Flag::WrongDirection => "points the wrong way",
            Flag::RulesOutWinners => "rules out deals that were won",
        }
    }
}

/// One rule's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleRow {
    pub rule: String,
    /// Its points, or `None` for a disqualifier.
    pub points: Option<i64>,
    pub fires_won: u64,
    pub fires_lost: u64,
    /// Deals where the field was blank or missing (not counted in the rates).
    pub unknown_won: u64,
    pub unknown_lost: u64,
    /// Share of won deals (with a value) it fired on.
    pub fire_rate_won: Option<f64>,
    /// Share of lost deals (with a value) it fired on.
    pub fire_rate_lost: Option<f64>,
    /// Win rate of the deals it fired on.
    pub win_rate: Option<f64>,
    /// That win rate over the base rate.
    pub lift: Option<f64>,
    pub flags: Vec<Flag>,
}

/// The whole back-test.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub deals: u64,
    pub won: u64,
    pub base_rate: Option<f64>,
    /// Highest tier first, `disqualified` last.
    pub tiers: Vec<TierRow>,
    pub rules: Vec<RuleRow>,
}

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

impl Backtest {
    pub fn new(scorer: &Scorer) -> Backtest {
        Backtest {
            total: Counts::default(),
            tiers: vec![Counts::default(); scorer.tiers().len()],
            disqualified: Counts::default(),
            rules: vec![RuleCounts::default(); scorer.scoring.rules.len()],
        }
    }

    /// Counts one decided deal.
    pub fn add(&mut self, scored: &Scored, won: bool) {
        let won_n = u64::from(won);
        self.total.deals += 1;
        self.total.won += won_n;
        let tier = if scored.is_disqualified() {
            &mut self.disqualified
        } else {
            &mut self.tiers[scored.tier]
        };
        tier.deals += 1;
        tier.won += won_n;
        for (counts, outcome) in self.rules.iter_mut().zip(&scored.outcomes) {
            match (outcome, won) {
                (Outcome::Fired { .. }, true) => counts.fired_won += 1,
                (Outcome::Fired { .. }, false) => counts.fired_lost += 1,
                (Outcome::Unknown, true) => counts.unknown_won += 1,
                (Outcome::Unknown, false) => counts.unknown_lost += 1,
                (Outcome::Missed, _) => {}
            }
        }
    }

    pub fn report(&self, scorer: &Scorer) -> Report {
        let base_rate = ratio(self.total.won, self.total.deals);
        let tier_row = |tier: &str, c: Counts| {
            let win_rate = ratio(c.won, c.deals);
            TierRow {
                tier: tier.to_string(),
                deals: c.deals,
                won: c.won,
                win_rate,
                recall: ratio(c.won, self.total.won),
                lift: match (win_rate, base_rate) {
                    (Some(w), Some(b)) if b > 0.0 => Some(w / b),
                    _ => None,
                },
            }
        };
        let mut tiers: Vec<TierRow> = scorer
            .tiers()
            .iter()
            .zip(&self.tiers)
            .map(|(t, c)| tier_row(&t.name, *c))
            .collect();
        tiers.push(tier_row(DISQUALIFIED, self.disqualified));
        let lost_total = self.total.deals - self.total.won;
        let rules = scorer
            .scoring
            .rules
            .iter()
            .zip(&self.rules)
            .map(|(rule, c)| {
                let fire_rate_won = ratio(c.fired_won, self.total.won - c.unknown_won);
                let fire_rate_lost = ratio(c.fired_lost, lost_total - c.unknown_lost);
                let fired = c.fired_won + c.fired_lost;
                let win_rate = ratio(c.fired_won, fired);
                let mut flags = Vec::new();
                if fired == 0 {
                    flags.push(Flag::NeverFires);
                } else if rule.disqualify && c.fired_won > 0 {
                    flags.push(Flag::RulesOutWinners);
                } else if fired < MIN_FIRES {
                    flags.push(Flag::TooFew);
                } else if let (Some(w), Some(l)) = (fire_rate_won, fire_rate_lost) {
                    let gap = w - l;
                    if gap.abs() < SEPARATION {
                        flags.push(Flag::NoSeparation);
                    } else if !rule.disqualify
                        && ((rule.points > 0 && gap < 0.0) || (rule.points < 0 && gap > 0.0))
                    {
                        flags.push(Flag::WrongDirection);
                    }
                }
                RuleRow {
                    rule: rule.id.clone(),
                    points: (!rule.disqualify).then_some(rule.points),
                    fires_won: c.fired_won,
                    fires_lost: c.fired_lost,
                    unknown_won: c.unknown_won,
                    unknown_lost: c.unknown_lost,
                    fire_rate_won,
                    fire_rate_lost,
                    win_rate,
                    lift: match (win_rate, base_rate) {
                        (Some(w), Some(b)) if b > 0.0 => Some(w / b),
                        _ => None,
                    },
                    flags,
                }
            })
            .collect();
        Report {
            deals: self.total.deals,
            won: self.total.won,
            base_rate,
            tiers,
            rules,
        }
    }
}

/// Which deals count as won: `--outcome "Deal Stage=closedwon"` (several
/// values separated by `,`), and optionally which count as lost (`--lost
/// closedlost`); values compare ignoring case, spacing and punctuation, so
/// `closedwon` is `Closed Won`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decided {
    pub column: String,
    won: Vec<String>,
    lost: Vec<String>,
}

/// What a deal's outcome cell says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Won,
    Lost,
    /// Neither won nor one of the `--lost` values: still open, left out.
    Open,
    /// The cell is blank, left out.
    Blank,
}

fn value_key(text: &str) -> String {
    super::fields::header_key(text)
}

impl Decided {
    pub fn parse(outcome: &str, lost: Option<&str>) -> Result<Decided, String> {
        let Some((column, values)) = outcome.split_once('=') else {
            return Err(format!(
                "--outcome `{outcome}` should be COLUMN=VALUE, e.g. \"Deal Stage=closedwon\""
            ));
        };
        let split = |text: &str| -> Vec<String> {
            text.split(',')
                .map(value_key)
                .filter(|v| !v.is_empty())
                .collect()
        };
        let won = split(values);
        if column.trim().is_empty() || won.is_empty() {
            return Err(format!(
                "--outcome `{outcome}` needs both a column and the value that means won, e.g. \"Deal Stage=closedwon\""
            ));
        }
        Ok(Decided {
            column: column.trim().to_string(),
            won,
            lost: lost.map(split).unwrap_or_default(),
        })
    }

    /// Whether `--lost` was given (else every value but won is lost).
    pub fn names_lost(&self) -> bool {
        !self.lost.is_empty()
    }

    pub fn verdict(&self, cell: &str) -> Verdict {
        let key = value_key(cell);
        if key.is_empty() {
            Verdict::Blank
        } else if self.won.contains(&key) {
            Verdict::Won
        } else if self.lost.is_empty() || self.lost.contains(&key) {
            Verdict::Lost
        } else {
            Verdict::Open
        }
    }
}

/// Whether an outcome value reads as a closed deal (`Closed Lost`,
/// `closedlost`, `Lost`), as opposed to an open stage.
pub fn looks_closed(value: &str) -> bool {
    let key = value_key(value);
    key.contains("lost")
        || key.contains("closed")
        || key.contains("won")
        || key == "false"
        || key == "0"
}

/// Rules and segments that read a column only known once the deal is
/// decided (close date, amount, stage, lost reason), as
/// `(rule or segment, column)`: their back-test flatters them.
pub fn after_the_outcome(scorer: &Scorer) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (i, rule) in scorer.scoring.rules.iter().enumerate() {
        let header = scorer
            .rule_columns(i)
            .first()
            .map(|c| scorer.header.columns[*c].header.clone());
        let field = &rule.condition.field;
        if known_only_after_outcome(field)
            || header.as_deref().is_some_and(known_only_after_outcome)
        {
            found.push((
                format!("rule `{}`", rule.id),
                header.unwrap_or_else(|| field.clone()),
            ));
        }
    }
    for segment in &scorer.scoring.segments {
        for condition in &segment.when {
            if known_only_after_outcome(&condition.field) {
                found.push((format!("segment `{}`", segment.id), condition.field.clone()));
            }
        }
    }
    found
}
