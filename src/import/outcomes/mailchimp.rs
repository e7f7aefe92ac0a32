//! Mailchimp, in either of the two shapes it exports:
//!
//! - **campaign reports** (Analytics > Reports > Download, or a campaign's
//!   "Export as CSV"): one row per campaign with `Title`, `Subject`, `List`,
//!   `Send Date`, `Total Recipients`, `Successful Deliveries`, `Soft
//!   Bounces`, `Hard Bounces`, `Total Bounces`, `Unique Opens`, `Open
//!   Rate`, `Total Opens`, `Unique Clicks`, `Click Rate`, `Total Clicks`,
//!   `Unsubscribes`, `Abuse Complaints`, ... Unique opens and clicks are
//!   people; total opens and clicks are not used. Mailchimp has no replies
//!   or meetings: they are not tracked, so they stay out of those rates.
//! - **a campaign's recipient activity** (a report's Opened, Clicked or
//!   Sent to list, exported): one row per recipient (`Email Address`,
//!   `First Name`, `Last Name`, merge fields, `MEMBER_RATING`, ...) with
//!   `Opens` and `Clicks` counts when the list has them. Name the campaign
//!   with `--template` (the file does not).

use super::people::{PersonColumns, Tracking};
use super::values::{count, share};
use super::{Headers, Imported, RowColumns, Rows, TIER, at, missing};
use crate::domain::metrics::counts::Tracked;
use crate::domain::metrics::{Counts, Source};
use crate::import::columns::Mapping;

const TITLE: &[&str] = &[
    "title",
    "campaigntitle",
    "campaignname",
    "campaign",
    "name",
    "subject",
];
const SEND_DATE: &[&str] = &["senddate", "sendtime", "sentdate", "senton", "date"];
const RECIPIENTS: &[&str] = &["totalrecipients", "recipients", "emailssent", "sent"];
const DELIVERIES: &[&str] = &["successfuldeliveries", "delivered", "deliveries"];
const TOTAL_BOUNCES: &[&str] = &["totalbounces", "bounces", "bounced"];
const SOFT_BOUNCES: &[&str] = &["softbounces"];
const HARD_BOUNCES: &[&str] = &["hardbounces"];
const UNIQUE_OPENS: &[&str] = &["uniqueopens", "opens", "opened", "uniqueopened"];
const OPEN_RATE: &[&str] = &["openrate"];
const UNIQUE_CLICKS: &[&str] = &["uniqueclicks", "clicks", "clicked", "uniqueclicked"];
const CLICK_RATE: &[&str] = &["clickrate"];
const UNSUBSCRIBES: &[&str] = &["unsubscribes", "unsubscribed"];

pub fn read(headers: &Headers, mapping: &Mapping, rows: Rows) -> Result<Imported, String> {
    if headers
        .find(&["totalrecipients", "successfuldeliveries"])
        .is_some()
    {
        return reports(headers, mapping, rows);
    }
    if headers.find(&["emailaddress", "email"]).is_some() {
        return recipients(headers, mapping, rows);
    }
    Err(missing(
        Source::Mailchimp,
        "Total Recipients or Successful Deliveries (a campaign report), nor Email Address (a recipient list)",
        headers,
    ))
}

fn reports(headers: &Headers, mapping: &Mapping, rows: Rows) -> Result<Imported, String> {
    let mut out = Imported::new(Source::Mailchimp, mapping, ("campaign", "campaigns"));
    let title = headers.find(TITLE);
    let when = headers.find(SEND_DATE);
    let recipients = headers.find(RECIPIENTS);
    let deliveries = headers.find(DELIVERIES);
    let total_bounces = headers.find(TOTAL_BOUNCES);
    let soft = headers.find(SOFT_BOUNCES);
    let hard = headers.find(HARD_BOUNCES);
    let opens = headers.find(UNIQUE_OPENS);
    let open_rate = headers.find(OPEN_RATE);
    let clicks = headers.find(UNIQUE_CLICKS);
    let click_rate = headers.find(CLICK_RATE);
    let unsubscribes = headers.find(UNSUBSCRIBES);
    let tier = headers.find(TIER);
    for (column, what) in [
        (title, "campaign (template)"),
        (when, "date"),
        (recipients, "sent"),
        (deliveries, "delivered"),
        (total_bounces, "bounced"),
        (soft, "soft bounces"),
        (hard, "hard bounces"),
        (opens, "opened"),
        (open_rate, "open rate (when unique opens are missing)"),
        (clicks, "clicked"),
        (click_rate, "click rate (when unique clicks are missing)"),
        (unsubscribes, "unsubscribed"),
        (tier, "tier"),
    ] {
        out.reads(headers, column, what);
    }
    out.untracked.insert(Tracked::Replied);
    out.untracked.insert(Tracked::Meetings);
    if opens.is_none() && open_rate.is_none() {
        out.untracked.insert(Tracked::Opened);
    }
    if clicks.is_none() && click_rate.is_none() {
        out.untracked.insert(Tracked::Clicked);
    }
    for row in rows {
        let row = row?;
        out.rows += 1;
        let number = |column: Option<usize>, what: &str| -> Result<Option<u64>, String> {
            match column {
                None => Ok(None),
                Some(c) => count(row.get(c)).map_err(|e| at(&row, format!("{what}: {e}"))),
            }
        };
        let bounced = match number(total_bounces, "Total Bounces")? {
            Some(n) => n,
            None => {
                number(soft, "Soft Bounces")?.unwrap_or(0)
                    + number(hard, "Hard Bounces")?.unwrap_or(0)
            }
        };
        let delivered_given = number(deliveries, "Successful Deliveries")?;
        let sent = number(recipients, "Total Recipients")?
            .unwrap_or_else(|| delivered_given.unwrap_or(0) + bounced);
        let delivered = delivered_given.unwrap_or_else(|| sent.saturating_sub(bounced));
        let from_rate = |column: Option<usize>, what: &str| -> Result<u64, String> {
            let Some(c) = column else { return Ok(0) };
            let rate = share(row.get(c)).map_err(|e| at(&row, format!("{what}: {e}")))?;
            Ok((rate.unwrap_or(0.0) * delivered as f64).round() as u64)
        };
        let opened = match number(opens, "Unique Opens")? {
            Some(n) => n,
            None => from_rate(open_rate, "Open Rate")?,
        };
        let clicked = match number(clicks, "Unique Clicks")? {
            Some(n) => n,
            None => from_rate(click_rate, "Click Rate")?,
        };
        let counts = Counts {
            sent: sent.max(delivered + bounced),
            delivered,
            bounced,
            opened: opened.min(delivered),
            clicked: clicked.min(delivered),
            unsubscribed: number(unsubscribes, "Unsubscribes")?.unwrap_or(0),
            ..Counts::default()
        };
        let at = RowColumns {
            template: title,
            date: when,
            tier,
        };
        out.push_row(&row, at, counts);
    }
    Ok(out)
}

fn recipients(headers: &Headers, mapping: &Mapping, rows: Rows) -> Result<Imported, String> {
    let people = PersonColumns::find(headers);
    let mut out = Imported::new(Source::Mailchimp, mapping, ("recipient", "recipients"));
    let tier = headers.find(TIER);
    for (column, what) in people.read_as() {
        out.reads(headers, Some(column), what);
    }
    out.reads(headers, tier, "tier");
    let mut tracking = Tracking::default();
    for row in rows {
        let row = row?;
        out.rows += 1;
        // Every recipient listed was sent the campaign.
        let mut counts = people.counts(&row, &mut tracking)?;
        if counts.sent == 0 {
            counts.sent = 1;
            counts.delivered = u64::from(counts.bounced == 0);
        }
        for n in [&mut counts.opened, &mut counts.clicked] {
            *n = (*n).min(1);
        }
        let at = RowColumns {
            tier,
            ..RowColumns::default()
        };
        out.push_row(&row, at, counts);
    }
    out.untracked = tracking.untracked(&people);
    out.untracked.insert(Tracked::Replied);
    out.untracked.insert(Tracked::Meetings);
    out.notes.push(
        "a recipient list names no campaign: pass --template ID to say which outreach template it was"
            .to_string(),
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::domain::metrics::counts::Tracked;
    use crate::domain::metrics::{Counts, Source};
    use crate::import::outcomes::read;

    #[test]
    fn campaign_reports_are_counts_per_campaign() {
        let csv = "Title,Subject,List,Send Date,Send Weekday,Total Recipients,Successful Deliveries,Soft Bounces,Hard Bounces,Total Bounces,Times Forwarded,Forwarded Opens,Unique Opens,Open Rate,Total Opens,Unique Clicks,Click Rate,Total Clicks,Unsubscribes,Abuse Complaints\n\
            Shopper re-engagement – Oct,Still hunting for the right boots?,Outdoor shoppers,\"Oct 07, 2026 09:00 am\",Wednesday,2400,2352,30,18,48,3,5,1106,47.02%,2210,141,5.99%,188,12,1\n\
            Click & collect launch,Order online pick up today,Outdoor shoppers,\"Nov 04, 2026 10:30 am\",Wednesday,2500,2460,25,15,40,1,1,1230,50.00%,2400,172,6.99%,230,9,0\n";
        let got = read(Source::Mailchimp, csv.as_bytes(), &[]).unwrap();
        assert_eq!(got.unit.0, "campaign");
        let first = &got.records[0];
        assert_eq!(
            first.template.as_deref(),
            Some("Shopper re-engagement – Oct")
        );
        assert_eq!(first.date, Some(jiff::civil::date(2026, 10, 7)));
        let c = &first.counts;
        assert_eq!(
            (
                c.sent,
                c.delivered,
                c.bounced,
                c.opened,
                c.clicked,
                c.unsubscribed
            ),
            (2400, 2352, 48, 1106, 141, 12)
        );
        assert!(got.untracked.contains(&Tracked::Replied));
        assert!(!got.untracked.contains(&Tracked::Opened));
        let total = Counts::sum(got.records.iter().map(|r| &r.counts));
        assert_eq!(total.delivered, 4812);
    }

    #[test]
    fn a_recipient_list_counts_each_recipient() {
        let csv = "Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,Opens,Clicks\n\
            dana@acme.example,Dana,Whitfield,4,2025-01-02 10:00:00,3,1\n\
            sam@ridgeline.example,Sam,Okafor,2,2025-02-03 11:00:00,0,0\n";
        let got = read(Source::Mailchimp, csv.as_bytes(), &[]).unwrap();
        let total = Counts::sum(got.records.iter().map(|r| &r.counts));
        assert_eq!(
            (total.sent, total.delivered, total.opened, total.clicked),
            (2, 2, 1, 1)
        );
    }
}
