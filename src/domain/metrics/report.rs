//! The figures per persona, tier and template: counts, rates with their
//! sample sizes and intervals, and which differences are within noise.
//!
//! Rates (each counted once per person):
//! - open, click, reply and meeting rates are shares of the people a
//!   message was **delivered** to, counting only exports that track them
//!   (Mailchimp's have no replies): a rate nobody tracked shows no value;
//! - the win rate is won deals over **closed** deals (won + lost); open
//!   deals are counted as opportunities but not in the rate;
//! - the average deal size is over won deals with an amount; the cycle is
//!   the median of days from creation to close over won deals.
//!
//! The figures are the newest snapshot of each stream added up (see
//! [`super::Snapshot::stream`]). A line's rate is flagged as within noise
//! when it differs from that of all the other lines of its table taken
//! together but their 95% Wilson intervals overlap: the data cannot tell
//! it apart from the rest.

use super::counts::Tracked;
use super::stats::{Rate, median};
use super::{Cell, Counts, Snapshot};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// A rate the report shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    OpenRate,
    ClickRate,
    ReplyRate,
    MeetingRate,
    WinRate,
}

impl Metric {
    pub const ALL: [Metric; 5] = [
        Metric::OpenRate,
        Metric::ClickRate,
        Metric::ReplyRate,
        Metric::MeetingRate,
        Metric::WinRate,
    ];

    /// The key in JSON (`reply_rate`).
    pub fn key(self) -> &'static str {
        match self {
            Metric::OpenRate => "open_rate",
            Metric::ClickRate => "click_rate",
            Metric::ReplyRate => "reply_rate",
            Metric::MeetingRate => "meeting_rate",
            Metric::WinRate => "win_rate",
        }
    }

    /// Words for people (`reply rate`).
    pub fn label(self) -> &'static str {
        match self {
            Metric::OpenRate => "open rate",
            Metric::ClickRate => "click rate",
            Metric::ReplyRate => "reply rate",
            Metric::MeetingRate => "meeting rate",
            Metric::WinRate => "win rate",
        }
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Counts with every rate worked out.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    pub counts: Counts,
    pub open: Rate,
    pub click: Rate,
    pub reply: Rate,
    pub meeting: Rate,
    pub win: Rate,
    /// Average amount of a won deal with an amount.
    pub average_deal: Option<f64>,
    /// Median days from creation to close of won deals.
    pub median_cycle_days: Option<f64>,
}

impl Figures {
    pub fn of(counts: Counts) -> Figures {
        let of = |count: u64, what: Tracked| Rate::new(count, counts.tracked(what));
        Figures {
            open: of(counts.opened, Tracked::Opened),
            click: of(counts.clicked, Tracked::Clicked),
            reply: of(counts.replied, Tracked::Replied),
            meeting: of(counts.meetings, Tracked::Meetings),
            win: Rate::new(counts.won, counts.closed()),
            average_deal: (counts.won_priced > 0)
                .then(|| super::counts::round_cents(counts.won_amount / counts.won_priced as f64)),
            median_cycle_days: median(&counts.cycle_days),
            counts,
        }
    }

    pub fn rate(&self, metric: Metric) -> &Rate {
        match metric {
            Metric::OpenRate => &self.open,
            Metric::ClickRate => &self.click,
            Metric::ReplyRate => &self.reply,
            Metric::MeetingRate => &self.meeting,
            Metric::WinRate => &self.win,
        }
    }
}

/// An amount in whole units with thousands separators (`13,543`).
pub fn money(amount: f64) -> String {
    crate::domain::value::Number::new(amount.round())
        .map_or_else(|| amount.to_string(), |n| n.to_string())
}

/// A number of days (`34 days`, `46.5 days`).
pub fn days(days: f64) -> String {
    let n =
        crate::domain::value::Number::new(days).map_or_else(|| days.to_string(), |n| n.to_string());
    format!("{n} {}", if days == 1.0 { "day" } else { "days" })
}

/// One line of a table: a persona, tier or template (`None`: rows that
/// had none).
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub key: Option<String>,
    pub figures: Figures,
    /// Rates that cannot be told apart from the rest of the table.
    pub within_noise: Vec<Metric>,
}

/// Which snapshots a report (or a point of a trend) adds up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only cells of this ICP.
    pub icp: Option<String>,
    /// Only cells of this month and later (rows without a date are left
    /// out when this is set).
    pub since: Option<Date>,
    /// The figures as they were on this day (the newest snapshot of each
    /// stream on or before it); `None` for the newest of all.
    pub as_of: Option<Date>,
}

impl Filter {
    /// Whether a cell counts.
    pub fn keeps(&self, cell: &Cell) -> bool {
        if let Some(icp) = &self.icp
            && cell.icp.as_deref() != Some(icp.as_str())
        {
            return false;
        }
        if let Some(since) = self.since {
            let from = format!("{:04}-{:02}", since.year(), since.month());
            return cell.month.as_deref().is_some_and(|m| m >= from.as_str());
        }
        true
    }
}

/// The newest snapshot of each stream on or before `as_of` (all dates when
/// `None`), in date order. Two imports of one stream on the same day: the
/// later import wins.
pub fn current(snapshots: &[Snapshot], as_of: Option<Date>) -> Vec<&Snapshot> {
    let mut newest: BTreeMap<&str, &Snapshot> = BTreeMap::new();
    for snapshot in snapshots {
        if as_of.is_some_and(|d| snapshot.date > d) {
            continue;
        }
        let replace = newest.get(snapshot.stream.as_str()).is_none_or(|held| {
            (snapshot.date, snapshot.imported, &snapshot.id) > (held.date, held.imported, &held.id)
        });
        if replace {
            newest.insert(&snapshot.stream, snapshot);
        }
    }
    let mut chosen: Vec<&Snapshot> = newest.into_values().collect();
    chosen.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    chosen
}

/// The cells a filter keeps from the current snapshots.
pub fn cells<'a>(snapshots: &'a [Snapshot], filter: &Filter) -> Vec<&'a Cell> {
    current(snapshots, filter.as_of)
        .into_iter()
        .flat_map(|s| s.cells.iter())
        .filter(|c| filter.keeps(c))
        .collect()
}

/// The whole report.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The snapshots added up, oldest first.
    pub snapshots: Vec<Used>,
    pub personas: Vec<Line>,
    pub tiers: Vec<Line>,
    pub templates: Vec<Line>,
    pub total: Figures,
}

/// A snapshot a report used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Used {
    pub id: String,
    pub date: Date,
    pub source: super::Source,
    pub stream: String,
    pub file: String,
    pub rows: u64,
}

/// Works out the report.
pub fn build(snapshots: &[Snapshot], filter: &Filter) -> Report {
    let used = current(snapshots, filter.as_of)
        .into_iter()
        .map(|s| Used {
            id: s.id.clone(),
            date: s.date,
            source: s.source,
            stream: s.stream.clone(),
            file: s.file.clone(),
            rows: s.rows,
        })
        .collect();
    let cells = cells(snapshots, filter);
    let total = Counts::sum(cells.iter().map(|c| &c.counts));
    Report {
        snapshots: used,
        personas: table(&cells, &total, |c| c.persona.as_deref()),
        tiers: table(&cells, &total, |c| c.tier.as_deref()),
        templates: table(&cells, &total, |c| c.template.as_deref()),
        total: Figures::of(total),
    }
}

/// One table: the cells grouped by a key, named lines first (sorted),
/// the line of rows without one last.
pub fn table(cells: &[&Cell], total: &Counts, key: impl Fn(&Cell) -> Option<&str>) -> Vec<Line> {
    let mut groups: BTreeMap<(bool, Option<&str>), Counts> = BTreeMap::new();
    for cell in cells {
        let k = key(cell);
        groups
            .entry((k.is_none(), k))
            .or_default()
            .add(&cell.counts);
    }
    groups
        .into_iter()
        .map(|((_, k), counts)| {
            let rest = Figures::of(rest_of(total, &counts));
            let figures = Figures::of(counts);
            let within_noise = Metric::ALL
                .into_iter()
                .filter(|m| {
                    let (mine, others) = (figures.rate(*m), rest.rate(*m));
                    mine.n > 0
                        && others.n > 0
                        && mine.value != others.value
                        && mine.overlaps(others)
                })
                .collect();
            Line {
                key: k.map(str::to_string),
                figures,
                within_noise,
            }
        })
        .collect()
}

/// The table's total without one line's counts.
fn rest_of(total: &Counts, line: &Counts) -> Counts {
    line.increment_to(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::metrics::{Source, fingerprint};

    fn snapshot(id: &str, date: Date, stream: &str, cells: Vec<Cell>) -> Snapshot {
        Snapshot {
            id: id.into(),
            schema: 1,
            date,
            imported: format!("{date}T12:00:00Z").parse().unwrap(),
            source: Source::Lemlist,
            stream: stream.into(),
            file: "x.csv".into(),
            fingerprint: fingerprint(id.as_bytes()),
            rows: 0,
            unassigned: 0,
            cells,
            extra: Default::default(),
        }
    }

    fn cell(persona: Option<&str>, month: &str, delivered: u64, replied: u64) -> Cell {
        Cell {
            month: Some(month.into()),
            icp: Some("outdoor".into()),
            persona: persona.map(str::to_string),
            tier: Some("A".into()),
            template: None,
            counts: Counts {
                sent: delivered,
                delivered,
                replied,
                ..Counts::default()
            },
        }
    }

    #[test]
    fn the_newest_reading_of_a_stream_replaces_the_older_and_streams_add_up() {
        let d = |day| jiff::civil::date(2026, 11, day);
        let snapshots = vec![
            snapshot(
                "a",
                d(1),
                "lemlist:ops",
                vec![cell(Some("olivia"), "2026-10", 100, 5)],
            ),
            snapshot(
                "b",
                d(20),
                "lemlist:ops",
                vec![cell(Some("olivia"), "2026-10", 300, 9)],
            ),
            snapshot(
                "c",
                d(5),
                "lemlist:finance",
                vec![cell(None, "2026-11", 50, 10)],
            ),
        ];
        let report = build(&snapshots, &Filter::default());
        let ids: Vec<&str> = report.snapshots.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["c", "b"]);
        assert_eq!(report.total.counts.delivered, 350);
        assert_eq!(report.personas.len(), 2);
        assert_eq!(report.personas[0].key.as_deref(), Some("olivia"));
        assert_eq!(report.personas[1].key, None);
        assert_eq!(report.personas[0].figures.reply.value, Some(9.0 / 300.0));
        // 3% of 300 against 20% of 50: told apart.
        assert!(report.personas[0].within_noise.is_empty());
        // As of the 10th, the first reading was the newest.
        let then = build(
            &snapshots,
            &Filter {
                as_of: Some(d(10)),
                ..Filter::default()
            },
        );
        assert_eq!(then.total.counts.delivered, 150);
        // Since November: only November's cells.
        let since = build(
            &snapshots,
            &Filter {
                since: Some(d(15)),
                ..Filter::default()
            },
        );
        assert_eq!(since.total.counts.delivered, 50);
    }

    #[test]
    fn small_differences_are_within_noise() {
        let snapshots = vec![snapshot(
            "a",
            jiff::civil::date(2026, 11, 1),
            "s",
            vec![
                cell(Some("olivia"), "2026-10", 10, 2),
                cell(Some("frank"), "2026-10", 10, 5),
            ],
        )];
        let report = build(&snapshots, &Filter::default());
        for line in &report.personas {
            assert_eq!(line.within_noise, vec![Metric::ReplyRate], "{line:?}");
        }
    }

    #[test]
    fn a_rate_counts_only_exports_that_track_it() {
        // lemlist: 100 delivered, 10 replies; Mailchimp: 900 delivered,
        // replies not tracked.
        let mut counts = Counts {
            sent: 1000,
            delivered: 1000,
            replied: 10,
            opened: 400,
            untracked: [(Tracked::Replied, 900), (Tracked::Meetings, 1000)].into(),
            ..Counts::default()
        };
        let figures = Figures::of(counts.clone());
        assert_eq!(figures.reply.n, 100);
        assert_eq!(figures.reply.value, Some(0.1));
        assert_eq!(figures.open.n, 1000);
        assert_eq!(figures.meeting.value, None);
        counts.untracked.clear();
        assert_eq!(Figures::of(counts).reply.n, 1000);
    }

    #[test]
    fn rates_use_their_stated_denominators() {
        let figures = Figures::of(Counts {
            sent: 10,
            delivered: 8,
            opened: 4,
            clicked: 2,
            replied: 1,
            meetings: 1,
            deals: 5,
            won: 2,
            lost: 1,
            won_amount: 3000.0,
            won_priced: 2,
            cycle_days: vec![10, 20, 60],
            ..Counts::default()
        });
        assert_eq!(figures.open.value, Some(0.5));
        assert_eq!(figures.win.value, Some(2.0 / 3.0));
        assert_eq!(figures.win.n, 3);
        assert_eq!(figures.average_deal, Some(1500.0));
        assert_eq!(figures.median_cycle_days, Some(20.0));
    }
}
