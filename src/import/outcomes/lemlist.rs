//! lemlist, in either of its two shapes:
//!
//! - **activities** (the API's `/activities`, or an export of them): one
//!   row per event, with `type` (`emailsSent`, `emailsOpened`,
//!   `emailsClicked`, `emailsReplied`, `emailsBounced`,
//!   `emailsUnsubscribed`, `emailsInterested`, `emailsNotInterested`,
//!   `linkedinSent`, `linkedinReplied`, `meetingBooked`, ...), the lead
//!   (`leadEmail` or `leadId`), `campaignName` and `createdAt`. A person's
//!   events are put together (per campaign), so ten opens are one person
//!   who opened; other event types (`paused`, `conditionChosen`,
//!   `hasEmailAddress`) are ignored.
//! - **campaign leads** (a campaign's leads exported as CSV): one row per
//!   lead with `email`, `firstName`, `lastName`, `companyName`, custom
//!   variables, `campaignName`, and engagement as counts (`emailsSent`,
//!   `emailsOpened`, `emailsClicked`, `emailsReplied`, `emailsBounced`,
//!   `emailsUnsubscribed`) or as the lead's status (`status`, `lastState`:
//!   `contacted`, `hooked` (opened), `attracted` (clicked), `warmed`
//!   (replied), `interested`, `notInterested`, `emailsBounced`, ...).
//!   `emailStatus` (whether the address is valid) is not engagement.

use super::people::{PersonColumns, Step, Tracking};
use super::values::date;
use super::{Headers, Imported, RowColumns, Rows, TEMPLATE, TIER, cell, missing};
use crate::domain::metrics::counts::Tracked;
use crate::domain::metrics::{Counts, Record, Source};
use crate::import::columns::Mapping;
use std::collections::{BTreeMap, BTreeSet};

const TYPE: &[&str] = &["type", "activitytype", "event", "eventtype", "activity"];
const LEAD: &[&str] = &[
    "leadid",
    "leademail",
    "email",
    "emailaddress",
    "lead",
    "contactid",
];
const CAMPAIGN: &[&str] = &["campaignname", "campaign", "campaignid"];
const CREATED: &[&str] = &["createdat", "date", "timestamp", "happenedat", "eventdate"];
const LEAD_DATE: &[&str] = &[
    "firstcontacteddate",
    "firstcontactedat",
    "contactedat",
    "sentat",
    "lastcontacteddate",
    "lastcontactedat",
    "addedat",
    "createdat",
];

pub fn read(headers: &Headers, mapping: &Mapping, rows: Rows) -> Result<Imported, String> {
    match (headers.find(TYPE), headers.find(LEAD)) {
        (Some(kind), Some(lead)) => activities(headers, mapping, rows, kind, lead),
        (Some(_), None) => Err(format!(
            "it looks like a lemlist activity export (a `type` column) but has no leadEmail or leadId column to tell people apart (its columns: {})",
            headers.listed()
        )),
        _ => leads(headers, mapping, rows),
    }
}

/// What an activity type says, or `None` for types that are not outreach
/// (`paused`, `conditionChosen`, `hasEmailAddress`, `aircallDone`, ...).
fn activity(kind: &str) -> Option<Step> {
    let key: String = kind
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let outreach = [
        "email",
        "linkedin",
        "meeting",
        "interested",
        "notinterested",
    ];
    if !outreach.iter().any(|p| key.starts_with(p)) {
        return None;
    }
    super::people::step(kind)
}

/// One person in one campaign, from their events.
#[derive(Default)]
struct Lead {
    line: u64,
    steps: BTreeSet<Step>,
    /// The first send, else the first event of any kind.
    first_sent: Option<jiff::civil::Date>,
    first_any: Option<jiff::civil::Date>,
    tier: Option<String>,
    cells: Vec<String>,
}

fn activities(
    headers: &Headers,
    mapping: &Mapping,
    rows: Rows,
    kind: usize,
    lead: usize,
) -> Result<Imported, String> {
    let mut out = Imported::new(Source::Lemlist, mapping, ("person", "people"));
    let campaign = headers.find(CAMPAIGN).or_else(|| headers.find(TEMPLATE));
    let when = headers.find(CREATED);
    let tier = headers.find(TIER);
    out.reads(headers, Some(kind), "activity type");
    out.reads(
        headers,
        Some(lead),
        "lead (to put a person's events together)",
    );
    out.reads(headers, campaign, "campaign (template)");
    out.reads(headers, when, "date");
    out.reads(headers, tier, "tier");
    let mut people: BTreeMap<(String, String), Lead> = BTreeMap::new();
    let mut seen: BTreeSet<Step> = BTreeSet::new();
    let mut ignored = 0u64;
    for row in rows {
        let row = row?;
        out.rows += 1;
        let Some(step) = activity(row.get(kind)) else {
            ignored += 1;
            continue;
        };
        let Some(who) = cell(&row, Some(lead)) else {
            ignored += 1;
            continue;
        };
        let name = cell(&row, campaign).unwrap_or_default().to_string();
        out.in_scope(Some(&name));
        let person = people
            .entry((name, who.trim().to_lowercase()))
            .or_insert_with(|| Lead {
                line: row.line(),
                ..Lead::default()
            });
        person.steps.insert(step);
        seen.insert(step);
        if let Some(day) = cell(&row, when).and_then(date) {
            let earliest = |held: Option<jiff::civil::Date>| Some(held.map_or(day, |d| d.min(day)));
            person.first_any = earliest(person.first_any);
            if step == Step::Sent {
                person.first_sent = earliest(person.first_sent);
            }
        }
        if person.tier.is_none() {
            person.tier = cell(&row, tier).map(str::to_string);
        }
        if person.cells.is_empty() {
            person.cells = row.cells().map(str::to_string).collect();
        }
    }
    for ((name, _), person) in people {
        let has = |s: Step| person.steps.contains(&s);
        let mut c = Counts::default();
        let reacted = has(Step::Opened)
            || has(Step::Clicked)
            || has(Step::Replied)
            || has(Step::Meeting)
            || has(Step::Unsubscribed);
        c.sent = 1;
        c.opened = u64::from(has(Step::Opened) || has(Step::Clicked));
        c.clicked = u64::from(has(Step::Clicked));
        c.replied = u64::from(has(Step::Replied));
        c.meetings = u64::from(has(Step::Meeting));
        c.unsubscribed = u64::from(has(Step::Unsubscribed));
        if has(Step::Bounced) && !reacted {
            c.bounced = 1;
        } else {
            c.delivered = 1;
        }
        out.records.push(Record {
            line: person.line,
            date: person.first_sent.or(person.first_any),
            tier: person.tier,
            template: (!name.is_empty()).then_some(name),
            counts: c,
            lost_reason: None,
            cells: person.cells,
        });
    }
    let said = |steps: &[Step]| steps.iter().any(|s| seen.contains(s));
    if !said(&[Step::Opened, Step::Clicked]) {
        out.untracked.insert(Tracked::Opened);
    }
    if !said(&[Step::Clicked]) {
        out.untracked.insert(Tracked::Clicked);
    }
    if !said(&[Step::Meeting]) {
        out.untracked.insert(Tracked::Meetings);
    }
    if ignored > 0 {
        out.notes.push(format!(
            "{ignored} activities were not outreach (such as paused or conditionChosen) or named no lead, and were left out"
        ));
    }
    Ok(out)
}

fn leads(headers: &Headers, mapping: &Mapping, rows: Rows) -> Result<Imported, String> {
    let people = PersonColumns::find(headers);
    if !people.any() {
        return Err(missing(
            Source::Lemlist,
            "engagement (emailsSent, emailsOpened, emailsReplied, status or lastState; or type and leadEmail for activities)",
            headers,
        ));
    }
    let mut out = Imported::new(Source::Lemlist, mapping, ("person", "people"));
    let campaign = headers.find(CAMPAIGN).or_else(|| headers.find(TEMPLATE));
    let when = headers.find(LEAD_DATE);
    let tier = headers.find(TIER);
    for (column, what) in people.read_as() {
        out.reads(headers, Some(column), what);
    }
    out.reads(headers, campaign, "campaign (template)");
    out.reads(headers, when, "date");
    out.reads(headers, tier, "tier");
    let mut tracking = Tracking::default();
    for row in rows {
        let row = row?;
        out.rows += 1;
        let mut counts = people.counts(&row, &mut tracking)?;
        // Per lead, lemlist counts e-mails (three steps sent is 3): one
        // person is counted once.
        for n in [
            &mut counts.sent,
            &mut counts.delivered,
            &mut counts.opened,
            &mut counts.clicked,
            &mut counts.replied,
            &mut counts.bounced,
            &mut counts.unsubscribed,
            &mut counts.meetings,
        ] {
            *n = (*n).min(1);
        }
        if counts.delivered > 0 {
            counts.bounced = 0;
        }
        let at = RowColumns {
            template: campaign,
            date: when,
            tier,
        };
        out.push_row(&row, at, counts);
    }
    out.untracked = tracking.untracked(&people);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::domain::metrics::counts::Tracked;
    use crate::domain::metrics::{Counts, Source};
    use crate::import::outcomes::read;

    #[test]
    fn activities_are_put_together_per_person() {
        let csv = "_id,type,campaignName,leadEmail,leadFirstName,leadLastName,createdAt,sequenceStep\n\
            act_1,emailsSent,Ops intro Q4,dana@acme.example,Dana,Whitfield,2026-10-01T09:00:00.000Z,0\n\
            act_2,emailsOpened,Ops intro Q4,dana@acme.example,Dana,Whitfield,2026-10-01T10:12:00.000Z,0\n\
            act_3,emailsOpened,Ops intro Q4,dana@acme.example,Dana,Whitfield,2026-10-02T08:00:00.000Z,0\n\
            act_4,emailsReplied,Ops intro Q4,dana@acme.example,Dana,Whitfield,2026-10-02T08:05:00.000Z,0\n\
            act_5,emailsSent,Ops intro Q4,sam@ridgeline.example,Sam,Okafor,2026-10-01T09:01:00.000Z,0\n\
            act_6,emailsBounced,Ops intro Q4,sam@ridgeline.example,Sam,Okafor,2026-10-01T09:02:00.000Z,0\n\
            act_7,paused,Ops intro Q4,sam@ridgeline.example,Sam,Okafor,2026-10-01T09:03:00.000Z,0\n\
            act_8,emailsSent,Ops intro Q4,priya@summit.example,Priya,Nair,2026-11-03T09:00:00.000Z,0\n";
        let got = read(Source::Lemlist, csv.as_bytes(), &[]).unwrap();
        assert_eq!(got.rows, 8);
        assert_eq!(got.records.len(), 3);
        let total = Counts::sum(got.records.iter().map(|r| &r.counts));
        assert_eq!(
            (
                total.sent,
                total.delivered,
                total.bounced,
                total.opened,
                total.replied
            ),
            (3, 2, 1, 1, 1)
        );
        assert!(got.untracked.contains(&Tracked::Clicked));
        assert!(got.untracked.contains(&Tracked::Meetings));
        assert!(!got.untracked.contains(&Tracked::Replied));
        let priya = got
            .records
            .iter()
            .find(|r| r.cells[3].starts_with("priya"))
            .unwrap();
        assert_eq!(priya.date, Some(jiff::civil::date(2026, 11, 3)));
    }

    #[test]
    fn campaign_leads_count_each_person_once() {
        let csv = "email,firstName,lastName,companyName,jobTitle,campaignName,emailStatus,emailsSent,emailsOpened,emailsClicked,emailsReplied,emailsBounced\n\
            dana@acme.example,Dana,Whitfield,Acme Outdoor,Head of Operations,Ops intro Q4,valid,3,5,1,1,0\n\
            sam@ridgeline.example,Sam,Okafor,Ridgeline Sports,COO,Ops intro Q4,valid,1,0,0,0,1\n\
            priya@summit.example,Priya,Nair,Summit Supply,Finance Director,Ops intro Q4,risky,3,2,0,0,0\n";
        let got = read(Source::Lemlist, csv.as_bytes(), &[]).unwrap();
        let total = Counts::sum(got.records.iter().map(|r| &r.counts));
        assert_eq!(
            (
                total.sent,
                total.delivered,
                total.bounced,
                total.opened,
                total.clicked,
                total.replied
            ),
            (3, 2, 1, 2, 1, 1)
        );
        assert!(got.untracked.contains(&Tracked::Meetings));
        assert!(!got.untracked.contains(&Tracked::Opened));
    }
}
