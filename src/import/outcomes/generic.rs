//! Any CSV with recognisable columns: one row per person (flags, counts
//! or dates in `Sent`, `Opened`, `Clicked`, `Replied`, `Bounced`,
//! `Unsubscribed`, `Meeting booked`, or a status word), one row per group
//! (the same columns holding totals), and/or one row per deal (`Deal
//! Stage` or `Won`, `Amount`, `Create Date`, `Close Date`, `Lost
//! Reason`). A persona, tier and campaign or template column assign rows
//! when present.

use super::deals::DealColumns;
use super::people::{PersonColumns, Tracking};
use super::{Headers, Imported, RowColumns, Rows, TEMPLATE, TIER, missing};
use crate::domain::metrics::Source;
use crate::import::columns::{Field, Mapping};

/// Header keys of the date a row's outreach or deal happened.
pub const DATE: &[&str] = &[
    "date",
    "activitydate",
    "eventdate",
    "sentat",
    "sentdate",
    "datesent",
    "senddate",
    "sendtime",
    "enrolledat",
    "enrollmentdate",
    "firstcontacted",
    "firstcontacteddate",
    "contactedat",
    "lastcontacted",
    "lastcontacteddate",
];

pub fn read(headers: &Headers, mapping: &Mapping, rows: Rows) -> Result<Imported, String> {
    let people = PersonColumns::find(headers);
    let deals = DealColumns::find(headers, mapping);
    if !people.any() && !deals.any() {
        return Err(missing(
            Source::Generic,
            "engagement (Sent, Opened, Replied, Status, ...) or deal (Deal Stage, Won)",
            headers,
        ));
    }
    let unit = if people.any() {
        ("row", "rows")
    } else {
        ("deal", "deals")
    };
    let mut out = Imported::new(Source::Generic, mapping, unit);
    let template = headers.find(TEMPLATE);
    let tier = headers.find(TIER);
    let when = headers
        .find(DATE)
        .or_else(|| mapping.columns_of(Field::CreateDate).first().copied());
    for (column, what) in people.read_as().into_iter().chain(deals.read_as()) {
        out.reads(headers, Some(column), what);
    }
    out.reads(headers, template, "template");
    out.reads(headers, tier, "tier");
    out.reads(headers, when, "date");
    let mut tracking = Tracking::default();
    for row in rows {
        let row = row?;
        out.rows += 1;
        let mut counts = if people.any() {
            people.counts(&row, &mut tracking)?
        } else {
            Default::default()
        };
        let mut created = None;
        let mut lost_reason = None;
        if deals.any() && deals.has_value(&row) {
            let (deal, day, reason) = deals.counts(&row)?;
            counts.add(&deal);
            created = day;
            lost_reason = reason;
        }
        let at = RowColumns {
            template,
            date: when,
            tier,
        };
        let record = out.push_row(&row, at, counts);
        record.date = record.date.or(created);
        record.lost_reason = lost_reason;
    }
    if people.any() {
        out.untracked = tracking.untracked(&people);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::domain::metrics::Source;
    use crate::domain::metrics::counts::Tracked;
    use crate::import::outcomes::read;

    #[test]
    fn people_and_deals_in_one_file() {
        let csv = "Email,Persona,Campaign,Sent at,Opened,Replied,Deal Stage,Amount\n\
                   a@x.io,Operations Olivia,Ops intro,2026-10-01,yes,yes,Closed Won,5000\n\
                   b@x.io,Operations Olivia,Ops intro,2026-10-02,no,no,,\n\
                   c@x.io,,Ops intro,2026-11-03,yes,no,Closed Lost,\n";
        let got = read(Source::Generic, csv.as_bytes(), &[]).unwrap();
        assert_eq!(got.rows, 3);
        assert_eq!(got.scope, vec!["Ops intro"]);
        let total = crate::domain::metrics::Counts::sum(got.records.iter().map(|r| &r.counts));
        assert_eq!(
            (total.sent, total.delivered, total.opened, total.replied),
            (3, 3, 2, 1)
        );
        assert_eq!((total.deals, total.won, total.lost), (2, 1, 1));
        assert!(got.untracked.contains(&Tracked::Meetings));
        assert!(!got.untracked.contains(&Tracked::Replied));
        assert_eq!(got.records[2].date, Some(jiff::civil::date(2026, 11, 3)));
    }

    #[test]
    fn a_file_without_outcomes_is_refused_naming_its_columns() {
        let err = read(Source::Generic, b"Name,Email\nDana,d@x.io\n", &[]).unwrap_err();
        assert!(err.contains("its columns: `Name`, `Email`"), "{err}");
    }
}
