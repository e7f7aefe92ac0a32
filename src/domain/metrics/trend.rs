//! How figures moved across snapshots.
//!
//! Each snapshot date gives a point: everything known on that day (the
//! newest snapshot of each stream up to it). Exports are usually
//! cumulative (a campaign's leads, all deals), so a point mostly repeats the
//! one before; the newest period is therefore what the last point adds to
//! the one before it (when every count grew or stayed), and that period's
//! rate is compared with the rate before it. A rate fell when the period's
//! is lower and their 95% intervals do not overlap (see [`super::stats`]).

use super::report::{Figures, Filter, Metric, cells};
use super::stats::Rate;
use super::{Cell, Counts, Snapshot};
use jiff::civil::Date;

/// The figures known on a day.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub date: Date,
    pub figures: Figures,
}

/// The points of the cells `pick` keeps, one per snapshot date, oldest
/// first.
pub fn series(snapshots: &[Snapshot], filter: &Filter, pick: impl Fn(&Cell) -> bool) -> Vec<Point> {
    let mut dates: Vec<Date> = snapshots.iter().map(|s| s.date).collect();
    dates.sort();
    dates.dedup();
    dates
        .into_iter()
        .map(|date| {
            let at = Filter {
                as_of: Some(date),
                ..filter.clone()
            };
            let counts = Counts::sum(
                cells(snapshots, &at)
                    .into_iter()
                    .filter(|c| pick(c))
                    .map(|c| &c.counts),
            );
            Point {
                date,
                figures: Figures::of(counts),
            }
        })
        .collect()
}

/// A rate in the newest period against the rate before it.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub metric: Metric,
    /// The date of the point before the newest.
    pub since: Date,
    pub before: Rate,
    pub now: Rate,
    /// `now` is below `before` beyond noise.
    pub fell: bool,
}

/// The change of each metric between the last two points that differ
/// (points with nothing new are skipped); empty with fewer than two.
pub fn changes(points: &[Point]) -> Vec<Change> {
    let mut distinct: Vec<&Point> = Vec::new();
    for point in points {
        if distinct
            .last()
            .is_none_or(|p| p.figures.counts != point.figures.counts)
        {
            distinct.push(point);
        }
    }
    let [.., before, now] = distinct.as_slice() else {
        return Vec::new();
    };
    let (old, new) = (&before.figures.counts, &now.figures.counts);
    // A cumulative reading: the period is what was added.
    let period = if old.within(new) {
        Figures::of(old.increment_to(new))
    } else {
        now.figures.clone()
    };
    Metric::ALL
        .into_iter()
        .filter_map(|metric| {
            let (b, n) = (*before.figures.rate(metric), *period.rate(metric));
            (b.n > 0 && n.n > 0).then(|| Change {
                metric,
                since: before.date,
                before: b,
                now: n,
                fell: n.fell_from(&b),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::metrics::{Source, fingerprint};

    fn reading(id: &str, day: i8, delivered: u64, replied: u64) -> Snapshot {
        Snapshot {
            id: id.into(),
            schema: 1,
            date: jiff::civil::date(2026, 11, day),
            imported: format!("2026-11-{day:02}T09:00:00Z").parse().unwrap(),
            source: Source::Lemlist,
            stream: "lemlist:ops".into(),
            file: "leads.csv".into(),
            fingerprint: fingerprint(id.as_bytes()),
            rows: delivered,
            unassigned: 0,
            cells: vec![Cell {
                persona: Some("olivia".into()),
                counts: Counts {
                    sent: delivered,
                    delivered,
                    replied,
                    ..Counts::default()
                },
                ..Cell::default()
            }],
            extra: Default::default(),
        }
    }

    #[test]
    fn a_falling_reply_rate_is_seen_in_the_newest_period() {
        // 60 of 400 replied; the next 400 brought only 4 more replies.
        let snapshots = vec![reading("a", 1, 400, 60), reading("b", 15, 800, 64)];
        let points = series(&snapshots, &Filter::default(), |c| {
            c.persona.as_deref() == Some("olivia")
        });
        assert_eq!(points.len(), 2);
        assert_eq!(points[1].figures.counts.delivered, 800);
        let reply = changes(&points)
            .into_iter()
            .find(|c| c.metric == Metric::ReplyRate)
            .unwrap();
        assert_eq!(reply.before.value, Some(0.15));
        assert_eq!(reply.now.value, Some(0.01));
        assert!(reply.fell);
    }

    #[test]
    fn a_small_dip_is_not_a_fall_and_one_point_is_no_trend() {
        let snapshots = vec![reading("a", 1, 40, 6), reading("b", 15, 80, 10)];
        let points = series(&snapshots, &Filter::default(), |_| true);
        assert!(changes(&points).iter().all(|c| !c.fell));
        assert!(changes(&points[..1]).is_empty());
    }
}
