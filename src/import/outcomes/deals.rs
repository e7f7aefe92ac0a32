//! What a deal row says: open, won or lost, its amount, and how long it
//! took to close.
//!
//! The outcome comes from a won flag (HubSpot's `Is Closed Won`,
//! Salesforce's `Won`) with a closed flag (`Is Closed`, `Closed`), else
//! from the stage: a stage naming `won` (`Closed Won`, `closedwon`, `Won`)
//! is won, one naming `lost` is lost, any other is open. With a won flag
//! and neither a closed flag nor a stage, a deal not won counts as lost.
//! The cycle of a won deal is its close date minus its create date (or a
//! `Days to close` column).

use super::values::{amount, count, date, happened};
use super::{Headers, at};
use crate::domain::metrics::Counts;
use crate::import::columns::{Field, Mapping};
use crate::import::table::Row;
use jiff::civil::Date;

/// Header keys of a closed flag (won or lost).
const CLOSED: &[&str] = &["isclosed", "hsisclosed", "closed", "isdealclosed"];
/// Header keys of a days-to-close figure.
const DAYS_TO_CLOSE: &[&str] = &[
    "daystoclose",
    "hsdaystoclose",
    "salescycledays",
    "cycledays",
];

/// How a deal ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Open,
    Won,
    Lost,
}

/// A stage's verdict: `Closed Won` is won, `Closed Lost` lost, the rest
/// open.
pub fn stage_verdict(stage: &str) -> Verdict {
    let key: String = stage
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if key.contains("lost") || key.contains("notwon") {
        Verdict::Lost
    } else if key.contains("won") {
        Verdict::Won
    } else {
        Verdict::Open
    }
}

/// The deal columns of a file.
#[derive(Clone, Debug, Default)]
pub struct DealColumns {
    pub stage: Option<usize>,
    pub won: Option<usize>,
    pub closed: Option<usize>,
    pub amount: Option<usize>,
    pub created: Option<usize>,
    pub close_date: Option<usize>,
    pub days_to_close: Option<usize>,
    pub lost_reason: Option<usize>,
}

impl DealColumns {
    pub fn find(headers: &Headers, mapping: &Mapping) -> DealColumns {
        let first = |f: Field| mapping.columns_of(f).first().copied();
        DealColumns {
            stage: first(Field::DealStage),
            won: first(Field::Won),
            closed: headers.find(CLOSED),
            amount: first(Field::Amount),
            created: first(Field::CreateDate),
            close_date: first(Field::CloseDate),
            days_to_close: headers.find(DAYS_TO_CLOSE),
            lost_reason: first(Field::LostReason),
        }
    }

    /// Whether the file says how deals ended.
    pub fn any(&self) -> bool {
        self.stage.is_some() || self.won.is_some()
    }

    /// Whether the row says anything about a deal (a stage, a won or
    /// closed flag): a lead without a deal leaves them blank.
    pub fn has_value(&self, row: &Row) -> bool {
        [self.stage, self.won, self.closed]
            .iter()
            .any(|c| super::cell(row, *c).is_some())
    }

    pub fn read_as(&self) -> Vec<(usize, &'static str)> {
        [
            (self.stage, "deal stage"),
            (self.won, "won"),
            (self.closed, "closed"),
            (self.amount, "amount"),
            (self.created, "create date"),
            (self.close_date, "close date"),
            (self.days_to_close, "days to close"),
            (self.lost_reason, "lost reason"),
        ]
        .into_iter()
        .filter_map(|(c, what)| c.map(|c| (c, what)))
        .collect()
    }

    /// How the deal ended.
    pub fn verdict(&self, row: &Row) -> Result<Verdict, String> {
        let flag = |column: Option<usize>, what: &str| -> Result<Option<bool>, String> {
            let Some(c) = column else { return Ok(None) };
            let cell = row.get(c);
            if super::values::is_blank(cell) {
                return Ok(None);
            }
            happened(cell).map(Some).ok_or_else(|| {
                at(
                    row,
                    format!("the {what} column holds `{}`, not yes or no", cell.trim()),
                )
            })
        };
        let won = flag(self.won, "won")?;
        let closed = flag(self.closed, "closed")?;
        let stage = super::cell(row, self.stage).map(stage_verdict);
        Ok(match (won, closed, stage) {
            (Some(true), _, _) => Verdict::Won,
            (Some(false), Some(true), _) => Verdict::Lost,
            (Some(false), Some(false), _) => Verdict::Open,
            (Some(false), None, Some(Verdict::Won)) => Verdict::Open,
            (Some(false), None, Some(v)) => v,
            (Some(false), None, None) => Verdict::Lost,
            (None, _, Some(v)) => v,
            (None, Some(true), None) => Verdict::Lost,
            (None, _, None) => Verdict::Open,
        })
    }

    /// The deal's counts, its create date and its lost reason.
    pub fn counts(&self, row: &Row) -> Result<(Counts, Option<Date>, Option<String>), String> {
        let verdict = self.verdict(row)?;
        let created = super::cell(row, self.created).and_then(date);
        let closed = super::cell(row, self.close_date).and_then(date);
        let mut c = Counts {
            deals: 1,
            ..Counts::default()
        };
        let mut reason = None;
        match verdict {
            Verdict::Open => {}
            Verdict::Lost => {
                c.lost = 1;
                reason = super::cell(row, self.lost_reason).map(str::to_string);
            }
            Verdict::Won => {
                c.won = 1;
                if let Some(text) = super::cell(row, self.amount) {
                    let value = amount(text).ok_or_else(|| {
                        at(
                            row,
                            format!("the amount `{}` is not an amount of money", text.trim()),
                        )
                    })?;
                    c.won_amount = crate::domain::metrics::counts::round_cents(value);
                    c.won_priced = 1;
                }
                let days = match (created, closed) {
                    (Some(a), Some(b)) if b >= a => u32::try_from((b - a).get_days()).ok(),
                    _ => super::cell(row, self.days_to_close)
                        .and_then(|d| count(d).ok().flatten())
                        .and_then(|d| u32::try_from(d).ok()),
                };
                c.cycle_days.extend(days);
            }
        }
        Ok((c, created, reason))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deal(
        headers: &[&str],
        cells: &[&str],
    ) -> Result<(Counts, Option<Date>, Option<String>), String> {
        let names: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        let columns = DealColumns::find(&Headers::new(&names), &Mapping::new(&names));
        columns.counts(&Row::new(3, cells))
    }

    #[test]
    fn stages_say_how_deals_ended() {
        assert_eq!(stage_verdict("Closed Won"), Verdict::Won);
        assert_eq!(stage_verdict("closedwon"), Verdict::Won);
        assert_eq!(stage_verdict("Closed Lost"), Verdict::Lost);
        assert_eq!(stage_verdict("Contract Sent"), Verdict::Open);
        assert_eq!(stage_verdict("Appointment Scheduled"), Verdict::Open);
    }

    #[test]
    fn a_won_deal_has_its_amount_and_cycle() {
        let h = [
            "Deal Stage",
            "Amount",
            "Create Date",
            "Close Date",
            "Closed Lost Reason",
        ];
        let (c, created, _) = deal(
            &h,
            &["Closed Won", "$12,500.00", "2026-09-01 10:00", "2026-10-01"],
        )
        .unwrap();
        assert_eq!(
            (c.deals, c.won, c.won_amount, c.won_priced),
            (1, 1, 12500.0, 1)
        );
        assert_eq!(c.cycle_days, vec![30]);
        assert_eq!(created, Some(jiff::civil::date(2026, 9, 1)));
        let (c, _, reason) = deal(
            &h,
            &["Closed Lost", "9000", "2026-09-01", "2026-10-01", "Price"],
        )
        .unwrap();
        assert_eq!((c.lost, c.won_amount), (1, 0.0));
        assert_eq!(reason.as_deref(), Some("Price"));
        let (c, _, _) = deal(&h, &["Contract Sent", "", "2026-09-01", "", ""]).unwrap();
        assert_eq!((c.deals, c.won, c.lost), (1, 0, 0));
        let err = deal(&h, &["Closed Won", "lots", "", "", ""]).unwrap_err();
        assert!(err.starts_with("line 3: the amount `lots`"), "{err}");
    }

    #[test]
    fn flags_win_over_stages() {
        let h = ["Deal Stage", "Is Closed Won", "Is Closed"];
        assert_eq!(deal(&h, &["Negotiation", "true", "true"]).unwrap().0.won, 1);
        assert_eq!(
            deal(&h, &["Negotiation", "false", "true"]).unwrap().0.lost,
            1
        );
        assert_eq!(
            deal(&h, &["Closed Won", "false", "false"]).unwrap().0.won,
            0
        );
        let (c, _, _) = deal(&["Won"], &["false"]).unwrap();
        assert_eq!(c.lost, 1);
        assert!(deal(&h, &["x", "perhaps", ""]).is_err());
    }
}
