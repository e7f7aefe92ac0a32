//! What a persona card shows from the outcomes: its latest figures, their
//! trend, and flags that mark it like a stale card.
//!
//! A persona is flagged when its reply rate or win rate fell beyond noise
//! in the newest period (see [`super::trend`]), or, once the workspace has
//! any engagement figures at all, when no message was ever delivered to it
//! (its messaging was never tested). A workspace with no outcomes flags
//! nothing: nobody has started measuring yet.

use super::report::{Figures, Metric, current};
use super::trend::{Change, Point, changes};
use super::{Counts, Snapshot};
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::fmt;

/// Why a persona card needs another look.
#[derive(Clone, Debug, PartialEq)]
pub enum Flag {
    /// A reply or win rate fell beyond noise.
    Fell(Change),
    /// No message to this persona was ever delivered.
    NeverTested,
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Flag::Fell(change) => write!(
                f,
                "{} fell to {} since {}, from {} before",
                change.metric, change.now, change.since, change.before
            ),
            Flag::NeverTested => f.write_str(
                "messaging never tested: no outreach to this persona in the imported outcomes",
            ),
        }
    }
}

/// A persona's outcomes, for its card.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonaOutcome {
    /// The latest figures; `None` when no imported row was assigned to it.
    pub latest: Option<Figures>,
    /// One point per snapshot date, oldest first.
    pub points: Vec<Point>,
    /// The newest period against the one before, per rate.
    pub changes: Vec<Change>,
    pub flags: Vec<Flag>,
}

impl PersonaOutcome {
    /// Whether the card should be marked.
    pub fn flagged(&self) -> bool {
        !self.flags.is_empty()
    }
}

/// The rates whose fall flags a card.
pub const FLAGGED_METRICS: [Metric; 2] = [Metric::ReplyRate, Metric::WinRate];

/// Every persona's outcomes, worked out once from the snapshots (a
/// workspace loads them with its files).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcomes {
    /// Oldest first.
    pub snapshots: Vec<Snapshot>,
    by_persona: BTreeMap<String, PersonaOutcome>,
    /// Whether any snapshot holds engagement (then a persona with none
    /// was never tested).
    measured: bool,
}

impl Outcomes {
    pub fn new(snapshots: Vec<Snapshot>) -> Outcomes {
        let mut dates: Vec<Date> = snapshots.iter().map(|s| s.date).collect();
        dates.sort();
        dates.dedup();
        // Per persona, the counts known on each date.
        let mut known: BTreeMap<&str, Vec<Counts>> = BTreeMap::new();
        for (i, date) in dates.iter().enumerate() {
            for snapshot in current(&snapshots, Some(*date)) {
                for cell in &snapshot.cells {
                    if let Some(persona) = cell.persona.as_deref() {
                        let series = known
                            .entry(persona)
                            .or_insert_with(|| vec![Counts::default(); dates.len()]);
                        series[i].add(&cell.counts);
                    }
                }
            }
        }
        let measured = snapshots
            .iter()
            .flat_map(|s| &s.cells)
            .any(|c| c.counts.has_engagement());
        let by_persona = known
            .into_iter()
            .map(|(persona, series)| {
                let points: Vec<Point> = dates
                    .iter()
                    .zip(series)
                    .map(|(date, counts)| Point {
                        date: *date,
                        figures: Figures::of(counts),
                    })
                    .collect();
                (persona.to_string(), outcome(points, measured))
            })
            .collect();
        Outcomes {
            snapshots,
            by_persona,
            measured,
        }
    }

    /// Whether no outcomes were imported.
    pub fn is_empty(&self) -> bool {
        self.snapshots.is_empty()
    }

    /// A persona's outcomes (by id): no figures and, once anything was
    /// measured, the never-tested flag when no row was ever assigned to it.
    pub fn persona(&self, persona: &str) -> PersonaOutcome {
        self.by_persona
            .get(persona)
            .cloned()
            .unwrap_or_else(|| PersonaOutcome {
                latest: None,
                points: Vec::new(),
                changes: Vec::new(),
                flags: if self.measured {
                    vec![Flag::NeverTested]
                } else {
                    Vec::new()
                },
            })
    }

    /// A persona's flags alone (cheap: for lists and badges).
    pub fn flags(&self, persona: &str) -> Vec<Flag> {
        match self.by_persona.get(persona) {
            Some(outcome) => outcome.flags.clone(),
            None if self.measured => vec![Flag::NeverTested],
            None => Vec::new(),
        }
    }
}

/// A persona's figures, trend and flags from its points.
fn outcome(points: Vec<Point>, measured: bool) -> PersonaOutcome {
    let changes = changes(&points);
    let mut flags: Vec<Flag> = changes
        .iter()
        .filter(|c| c.fell && FLAGGED_METRICS.contains(&c.metric))
        .cloned()
        .map(Flag::Fell)
        .collect();
    if measured && !points.iter().any(|p| p.figures.counts.has_engagement()) {
        flags.push(Flag::NeverTested);
    }
    PersonaOutcome {
        latest: points.last().map(|p| p.figures.clone()),
        points,
        changes,
        flags,
    }
}

/// The outcomes of one persona (by id) across every snapshot.
pub fn persona(snapshots: &[Snapshot], persona: &str) -> PersonaOutcome {
    Outcomes::new(snapshots.to_vec()).persona(persona)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::metrics::{Cell, Source, fingerprint};

    fn snapshot(day: i8, cells: Vec<Cell>) -> Snapshot {
        Snapshot {
            id: format!("s{day}"),
            schema: 1,
            date: jiff::civil::date(2026, 11, day),
            imported: format!("2026-11-{day:02}T09:00:00Z").parse().unwrap(),
            source: Source::Generic,
            stream: "generic".into(),
            file: "f.csv".into(),
            fingerprint: fingerprint(&[day as u8]),
            rows: 1,
            unassigned: 0,
            cells,
            extra: Default::default(),
        }
    }

    fn deals(persona: &str, won: u64, lost: u64) -> Cell {
        Cell {
            persona: Some(persona.into()),
            counts: Counts {
                deals: won + lost,
                won,
                lost,
                ..Counts::default()
            },
            ..Cell::default()
        }
    }

    fn mailed(persona: &str, delivered: u64, replied: u64) -> Cell {
        Cell {
            persona: Some(persona.into()),
            counts: Counts {
                sent: delivered,
                delivered,
                replied,
                ..Counts::default()
            },
            ..Cell::default()
        }
    }

    #[test]
    fn a_falling_win_rate_and_untested_messaging_flag_the_card() {
        let snapshots = vec![
            snapshot(1, vec![deals("frank", 60, 40), mailed("olivia", 100, 10)]),
            snapshot(20, vec![deals("frank", 62, 138), mailed("olivia", 100, 10)]),
        ];
        let frank = persona(&snapshots, "frank");
        assert_eq!(frank.latest.as_ref().unwrap().counts.won, 62);
        assert_eq!(frank.points.len(), 2);
        assert!(
            matches!(&frank.flags[0], Flag::Fell(c) if c.metric == Metric::WinRate),
            "{:?}",
            frank.flags
        );
        assert_eq!(frank.flags[1], Flag::NeverTested);
        assert!(
            frank.flags[0].to_string().starts_with(
                "win rate fell to 2.0% (n=100) since 2026-11-01, from 60.0% (n=100) before"
            ),
            "{}",
            frank.flags[0]
        );
        let olivia = persona(&snapshots, "olivia");
        assert!(!olivia.flagged(), "{:?}", olivia.flags);
        // A persona no row was assigned to has no figures, and is untested.
        let chloe = persona(&snapshots, "chloe");
        assert_eq!(chloe.latest, None);
        assert_eq!(chloe.flags, vec![Flag::NeverTested]);
        // No outcomes at all: nothing to say.
        assert!(!persona(&[], "chloe").flagged());
    }
}
