//! HubSpot sequences, in either of the two shapes HubSpot exports:
//!
//! - **enrollments** (Automation > Sequences > Enrollments, exported): one
//!   row per contact enrolled, with `Sequence` (the template), `Enrolled
//!   at` or `Enrollment date`, `Status` (`Active`, `Paused`, `Finished`,
//!   `Unenrolled`, `Bounced`, ...) and `Unenrollment reason` (`Replied`,
//!   `Booked a meeting`, `Unsubscribed`, `Bounced`, `Manually unenrolled`),
//!   and when present per-contact `Opened`, `Clicked`, `Replied`, `Meeting
//!   booked` columns. Contact name and e-mail are read for the persona rules
//!   only and never kept.
//! - **sequence summary** (the Manage tab's table, exported): one row per
//!   sequence, with `Total enrolled` (or `Enrolled`), `Bounced`,
//!   `Unsubscribed`, and `Open rate`, `Click rate`, `Reply rate`, `Meeting
//!   rate` as HubSpot shows them (shares of enrolled contacts), turned back
//!   into counts of contacts (rounded).

use super::people::{PersonColumns, Tracking};
use super::values::{count, share};
use super::{Headers, Imported, RowColumns, Rows, TEMPLATE, TIER, at, missing};
use crate::domain::metrics::counts::Tracked;
use crate::domain::metrics::{Counts, Source};
use crate::import::columns::Mapping;

const SEQUENCE: &[&str] = &["sequence", "sequencename", "name", "sequencetitle"];
const ENROLLED_AT: &[&str] = &[
    "enrolledat",
    "enrollmentdate",
    "enrolleddate",
    "enrolled",
    "enrolledon",
    "datenrolled",
    "startdate",
];
const TOTAL_ENROLLED: &[&str] = &[
    "totalenrolled",
    "totalenrollments",
    "enrollments",
    "enrolled",
    "contactsenrolled",
];
const OPEN_RATE: &[&str] = &["openrate", "emailopenrate"];
const CLICK_RATE: &[&str] = &["clickrate", "emailclickrate", "clickthroughrate"];
const REPLY_RATE: &[&str] = &["replyrate", "emailreplyrate"];
const MEETING_RATE: &[&str] = &["meetingrate", "meetingsbookedrate", "meetingbookedrate"];

pub fn read(headers: &Headers, mapping: &Mapping, rows: Rows) -> Result<Imported, String> {
    let rates = [OPEN_RATE, CLICK_RATE, REPLY_RATE, MEETING_RATE].map(|a| headers.find(a));
    if rates.iter().any(Option::is_some) {
        summary(headers, mapping, rows, rates)
    } else {
        enrollments(headers, mapping, rows)
    }
}

fn enrollments(headers: &Headers, mapping: &Mapping, rows: Rows) -> Result<Imported, String> {
    let people = PersonColumns::find(headers);
    if !people.any() {
        return Err(missing(
            Source::HubspotSequences,
            "Status or Unenrollment reason (or a Reply rate for the sequence summary)",
            headers,
        ));
    }
    let mut out = Imported::new(
        Source::HubspotSequences,
        mapping,
        ("enrollment", "enrollments"),
    );
    let sequence = headers
        .find(&["sequence", "sequencename"])
        .or_else(|| headers.find(TEMPLATE));
    let tier = headers.find(TIER);
    let when = headers.find(ENROLLED_AT);
    for (column, what) in people.read_as() {
        out.reads(headers, Some(column), what);
    }
    out.reads(headers, sequence, "sequence (template)");
    out.reads(headers, tier, "tier");
    out.reads(headers, when, "date");
    let mut tracking = Tracking::default();
    for row in rows {
        let row = row?;
        out.rows += 1;
        let counts = people.counts(&row, &mut tracking)?;
        let at = RowColumns {
            template: sequence,
            date: when,
            tier,
        };
        out.push_row(&row, at, counts);
    }
    out.untracked = tracking.untracked(&people);
    Ok(out)
}

fn summary(
    headers: &Headers,
    mapping: &Mapping,
    rows: Rows,
    rates: [Option<usize>; 4],
) -> Result<Imported, String> {
    let enrolled = headers.find(TOTAL_ENROLLED);
    let Some(enrolled) = enrolled else {
        return Err(missing(
            Source::HubspotSequences,
            "Total enrolled (beside the rates)",
            headers,
        ));
    };
    let mut out = Imported::new(Source::HubspotSequences, mapping, ("sequence", "sequences"));
    let sequence = headers.find(SEQUENCE);
    let bounced = headers.find(super::people::BOUNCED);
    let unsubscribed = headers.find(super::people::UNSUBSCRIBED);
    let tier = headers.find(TIER);
    out.reads(headers, sequence, "sequence (template)");
    out.reads(headers, Some(enrolled), "enrolled (sent)");
    out.reads(headers, bounced, "bounced");
    out.reads(headers, unsubscribed, "unsubscribed");
    for (column, what) in
        rates
            .iter()
            .zip(["open rate", "click rate", "reply rate", "meeting rate"])
    {
        out.reads(headers, *column, what);
    }
    for (column, what) in rates.iter().zip(Tracked::ALL) {
        if column.is_none() {
            out.untracked.insert(what);
        }
    }
    for row in rows {
        let row = row?;
        out.rows += 1;
        let number = |column: Option<usize>, what: &str| -> Result<u64, String> {
            let Some(c) = column else { return Ok(0) };
            count(row.get(c))
                .map(Option::unwrap_or_default)
                .map_err(|e| at(&row, format!("{what}: {e}")))
        };
        let sent = number(Some(enrolled), "enrolled")?;
        let bounced = number(bounced, "bounced")?.min(sent);
        let of = |column: Option<usize>, what: &str| -> Result<u64, String> {
            let Some(c) = column else { return Ok(0) };
            let rate = share(row.get(c)).map_err(|e| at(&row, format!("{what}: {e}")))?;
            Ok((rate.unwrap_or(0.0) * sent as f64).round() as u64)
        };
        let counts = Counts {
            sent,
            delivered: sent - bounced,
            bounced,
            unsubscribed: number(unsubscribed, "unsubscribed")?,
            opened: of(rates[0], "open rate")?,
            clicked: of(rates[1], "click rate")?,
            replied: of(rates[2], "reply rate")?,
            meetings: of(rates[3], "meeting rate")?,
            ..Counts::default()
        };
        let at = RowColumns {
            template: sequence,
            date: None,
            tier,
        };
        out.push_row(&row, at, counts);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::domain::metrics::counts::Tracked;
    use crate::domain::metrics::{Counts, Source};
    use crate::import::outcomes::read;

    #[test]
    fn enrollments_read_per_contact() {
        let csv = "Contact,Contact email,Sequence,Enrolled by,Enrolled at,Status,Unenrollment reason,Current step\n\
            Dana Whitfield,dana@acme.example,Ops – stock sync intro,Jamie Rivera,2026-10-01 09:00,Unenrolled,Replied,2\n\
            Sam Okafor,sam@ridgeline.example,Ops – stock sync intro,Jamie Rivera,2026-10-01 09:05,Unenrolled,Booked a meeting,1\n\
            Priya Nair,priya@summit.example,Ops – stock sync intro,Jamie Rivera,2026-10-02 10:00,Finished,,3\n\
            Marcus Lee,marcus@basecamp.example,Ops – stock sync intro,Jamie Rivera,2026-10-02 10:05,Unenrolled,Bounced,1\n";
        let got = read(Source::HubspotSequences, csv.as_bytes(), &[]).unwrap();
        let total = Counts::sum(got.records.iter().map(|r| &r.counts));
        assert_eq!(
            (
                total.sent,
                total.delivered,
                total.replied,
                total.meetings,
                total.bounced
            ),
            (4, 3, 1, 1, 1)
        );
        assert_eq!(got.scope, vec!["Ops – stock sync intro"]);
        assert!(got.untracked.contains(&Tracked::Clicked));
    }

    #[test]
    fn the_summary_turns_rates_into_counts() {
        let csv = "Name,Created by,Total enrolled,Active,Bounced,Unsubscribed,Open rate,Click rate,Reply rate,Meeting rate\n\
            Ops – stock sync intro,Jamie Rivera,120,14,3,1,58.3%,6.7%,12.5%,4.2%\n\
            Finance – ROI follow-up,Alex Chen,80,5,0,0,45%,2.5%,7.5%,1.25%\n";
        let got = read(Source::HubspotSequences, csv.as_bytes(), &[]).unwrap();
        let first = &got.records[0].counts;
        assert_eq!(
            (
                first.sent,
                first.delivered,
                first.opened,
                first.replied,
                first.meetings
            ),
            (120, 117, 70, 15, 5)
        );
        assert_eq!(got.records[1].counts.replied, 6);
        assert!(got.untracked.is_empty());
    }
}
