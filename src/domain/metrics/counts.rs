//! What is counted: engagement (sent, delivered, opened, ...) and deals
//! (opportunities, won, lost, amounts, cycle lengths), for one cell of a
//! snapshot or for any sum of them.
//!
//! People are counted once each (a lead or recipient, not each e-mail), so
//! a rate is the share of people who did something. Counts never hold who.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Counts of one group of rows. Zero counts are left out of files.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Counts {
    /// People a message was sent to.
    #[serde(skip_serializing_if = "is_zero")]
    pub sent: u64,
    /// People it reached (sent minus bounced when the export does not say).
    #[serde(skip_serializing_if = "is_zero")]
    pub delivered: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub opened: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub clicked: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub replied: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub bounced: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub unsubscribed: u64,
    /// People who booked a meeting.
    #[serde(skip_serializing_if = "is_zero")]
    pub meetings: u64,
    /// Opportunities, open or closed.
    #[serde(skip_serializing_if = "is_zero")]
    pub deals: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub won: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub lost: u64,
    /// The summed amount of won deals that had one.
    #[serde(skip_serializing_if = "is_zero_f64")]
    pub won_amount: f64,
    /// How many won deals had an amount (the average's denominator).
    #[serde(skip_serializing_if = "is_zero")]
    pub won_priced: u64,
    /// Days from creation to close of each won deal with both dates,
    /// sorted: a median needs them all, and they say nothing about who.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cycle_days: Vec<u32>,
    /// Lost deals by the reason the CRM gives (only reasons written the
    /// same way on several deals are kept; the rest count as `other`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub lost_reasons: BTreeMap<String, u64>,
    /// Of the people delivered to, how many were in an export that does
    /// not track this (Mailchimp has no replies, an export without an
    /// opens column no opens): they are left out of that rate's sample.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub untracked: BTreeMap<Tracked, u64>,
}

/// The engagement counts an export may not track.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tracked {
    Opened,
    Clicked,
    Replied,
    Meetings,
}

impl Tracked {
    pub const ALL: [Tracked; 4] = [
        Tracked::Opened,
        Tracked::Clicked,
        Tracked::Replied,
        Tracked::Meetings,
    ];

    /// The count's name, as in files (`replied`).
    pub fn key(self) -> &'static str {
        match self {
            Tracked::Opened => "opened",
            Tracked::Clicked => "clicked",
            Tracked::Replied => "replied",
            Tracked::Meetings => "meetings",
        }
    }
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

fn is_zero_f64(n: &f64) -> bool {
    *n == 0.0
}

impl Counts {
    /// Adds `other` into `self`.
    pub fn add(&mut self, other: &Counts) {
        self.sent += other.sent;
        self.delivered += other.delivered;
        self.opened += other.opened;
        self.clicked += other.clicked;
        self.replied += other.replied;
        self.bounced += other.bounced;
        self.unsubscribed += other.unsubscribed;
        self.meetings += other.meetings;
        self.deals += other.deals;
        self.won += other.won;
        self.lost += other.lost;
        self.won_amount = round_cents(self.won_amount + other.won_amount);
        self.won_priced += other.won_priced;
        if !other.cycle_days.is_empty() {
            self.cycle_days.extend_from_slice(&other.cycle_days);
            self.cycle_days.sort_unstable();
        }
        for (reason, n) in &other.lost_reasons {
            *self.lost_reasons.entry(reason.clone()).or_default() += n;
        }
        for (what, n) in &other.untracked {
            *self.untracked.entry(*what).or_default() += n;
        }
    }

    /// People delivered to whose export tracks `what`: the sample of its
    /// rate.
    pub fn tracked(&self, what: Tracked) -> u64 {
        self.delivered
            .saturating_sub(self.untracked.get(&what).copied().unwrap_or(0))
    }

    /// The sum of many.
    pub fn sum<'a>(all: impl IntoIterator<Item = &'a Counts>) -> Counts {
        let mut total = Counts::default();
        for counts in all {
            total.add(counts);
        }
        total
    }

    /// Deals neither won nor lost yet.
    pub fn open_deals(&self) -> u64 {
        self.deals.saturating_sub(self.won + self.lost)
    }

    /// Deals with an outcome: the win rate's denominator.
    pub fn closed(&self) -> u64 {
        self.won + self.lost
    }

    /// Whether any message was sent (the persona's messaging was tested).
    pub fn has_engagement(&self) -> bool {
        self.sent > 0 || self.delivered > 0
    }

    /// Whether every count of `self` is at most the same count of `later`:
    /// `later` then holds `self` (a cumulative export read again later).
    pub fn within(&self, later: &Counts) -> bool {
        self.sent <= later.sent
            && self.delivered <= later.delivered
            && self.opened <= later.opened
            && self.clicked <= later.clicked
            && self.replied <= later.replied
            && self.bounced <= later.bounced
            && self.unsubscribed <= later.unsubscribed
            && self.meetings <= later.meetings
            && self.deals <= later.deals
            && self.won <= later.won
            && self.lost <= later.lost
            && Tracked::ALL.iter().all(|t| {
                self.untracked.get(t).unwrap_or(&0) <= later.untracked.get(t).unwrap_or(&0)
            })
    }

    /// What `later` adds to `self` (count by count, never below zero);
    /// only meaningful when [`Counts::within`] holds. Amounts, cycles and
    /// reasons are not split.
    pub fn increment_to(&self, later: &Counts) -> Counts {
        Counts {
            sent: later.sent.saturating_sub(self.sent),
            delivered: later.delivered.saturating_sub(self.delivered),
            opened: later.opened.saturating_sub(self.opened),
            clicked: later.clicked.saturating_sub(self.clicked),
            replied: later.replied.saturating_sub(self.replied),
            bounced: later.bounced.saturating_sub(self.bounced),
            unsubscribed: later.unsubscribed.saturating_sub(self.unsubscribed),
            meetings: later.meetings.saturating_sub(self.meetings),
            deals: later.deals.saturating_sub(self.deals),
            won: later.won.saturating_sub(self.won),
            lost: later.lost.saturating_sub(self.lost),
            untracked: Tracked::ALL
                .iter()
                .map(|t| {
                    let (a, b) = (self.untracked.get(t), later.untracked.get(t));
                    (*t, b.unwrap_or(&0).saturating_sub(*a.unwrap_or(&0)))
                })
                .filter(|(_, n)| *n > 0)
                .collect(),
            ..Counts::default()
        }
    }

    /// Whether nothing at all was counted.
    pub fn is_empty(&self) -> bool {
        *self == Counts::default()
    }
}

/// An amount rounded to cents, so sums do not grow float noise in files.
pub fn round_cents(amount: f64) -> f64 {
    (amount * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_and_increments() {
        let a = Counts {
            sent: 10,
            delivered: 9,
            replied: 1,
            won: 1,
            won_amount: 0.1,
            won_priced: 1,
            cycle_days: vec![30],
            ..Counts::default()
        };
        let b = Counts {
            sent: 5,
            delivered: 5,
            replied: 2,
            won: 1,
            won_amount: 0.2,
            won_priced: 1,
            cycle_days: vec![10],
            lost_reasons: [("Price".to_string(), 2)].into(),
            ..Counts::default()
        };
        let total = Counts::sum([&a, &b]);
        assert_eq!(total.sent, 15);
        assert_eq!(total.won_amount, 0.3);
        assert_eq!(total.cycle_days, vec![10, 30]);
        assert_eq!(total.lost_reasons["Price"], 2);
        assert!(a.within(&total));
        assert!(!total.within(&a));
        let step = a.increment_to(&total);
        assert_eq!((step.sent, step.replied, step.won), (5, 2, 1));
    }
}
