//! Whether a card is fresh: how long since it was last checked against
//! what customers said. A card not validated for longer than the team's
//! threshold (90 days unless set) is stale.

use jiff::civil::Date;

/// The threshold when the settings say nothing.
pub const DEFAULT_STALE_AFTER_DAYS: i64 = 90;

/// How fresh a card is on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// Never validated.
    Never,
    Fresh {
        days: i64,
    },
    Stale {
        days: i64,
    },
}

impl Freshness {
    pub fn is_stale(self) -> bool {
        matches!(self, Freshness::Stale { .. })
    }
}

/// How fresh a card last validated on `last` is on `today`.
pub fn freshness(last: Option<Date>, today: Date, threshold: i64) -> Freshness {
    let Some(last) = last else {
        return Freshness::Never;
    };
    let days = last.until(today).map(|s| s.get_days() as i64).unwrap_or(0);
    if days > threshold {
        Freshness::Stale { days }
    } else {
        Freshness::Fresh { days }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn stale_after_the_threshold() {
        let today = date(2026, 11, 1);
        assert_eq!(freshness(None, today, 90), Freshness::Never);
        assert_eq!(
            freshness(Some(date(2026, 10, 1)), today, 90),
            Freshness::Fresh { days: 31 }
        );
        assert!(freshness(Some(date(2026, 7, 1)), today, 90).is_stale());
    }
}
