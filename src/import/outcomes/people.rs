//! What an engagement row says happened: columns of flags, counts or
//! dates (`Opened`, `emailsReplied`, `Meeting booked at`), and status words
//! (`Replied`, `hooked`, `Booked a meeting`, `Bounced`).
//!
//! A row is one person (every value 0 or 1) or a group (a campaign's
//! totals). For a person:
//! - anything that happened means they were sent to;
//! - bounced means not delivered; otherwise sent means delivered (unless a
//!   delivered column says otherwise), and so does any reaction;
//! - a click means the mail was opened (as Mailchimp counts it), when
//!   opens are tracked at all;
//! - a status names the furthest step: `clicked` is also opened, `replied`
//!   (lemlist's `warmed`, `interested`, `notInterested`) is also opened.
//!
//! For a group, the counts are taken as given, delivered being sent minus
//! bounced when the export does not say.

use super::values::{count, happened, is_blank};
use super::{Headers, at};
use crate::domain::metrics::Counts;
use crate::domain::metrics::counts::Tracked;
use crate::import::table::Row;
use std::collections::BTreeSet;

/// Header keys of each count, most specific first.
pub const SENT: &[&str] = &[
    "sent",
    "emailsent",
    "emailssent",
    "sentat",
    "sentdate",
    "datesent",
    "emailsentat",
    "contacted",
    "messaged",
];
pub const DELIVERED: &[&str] = &[
    "delivered",
    "emaildelivered",
    "emailsdelivered",
    "deliveredat",
];
pub const OPENED: &[&str] = &[
    "opened",
    "emailopened",
    "emailsopened",
    "openedat",
    "opens",
    "uniqueopens",
    "open",
    "lastopened",
    "lastopendate",
];
pub const CLICKED: &[&str] = &[
    "clicked",
    "emailclicked",
    "emailsclicked",
    "clickedat",
    "clicks",
    "uniqueclicks",
    "click",
    "lastclicked",
    "lastclickdate",
];
pub const REPLIED: &[&str] = &[
    "replied",
    "emailreplied",
    "emailsreplied",
    "repliedat",
    "replies",
    "reply",
    "responded",
    "answered",
];
pub const BOUNCED: &[&str] = &[
    "bounced",
    "emailbounced",
    "emailsbounced",
    "bouncedat",
    "bounce",
    "bounces",
    "hardbounced",
];
pub const UNSUBSCRIBED: &[&str] = &[
    "unsubscribed",
    "emailunsubscribed",
    "emailsunsubscribed",
    "unsubscribedat",
    "unsubscribes",
    "unsubscribe",
    "optedout",
];
pub const MEETINGS: &[&str] = &[
    "meetingbooked",
    "meetingsbooked",
    "bookedmeeting",
    "meetingbookedat",
    "meeting",
    "meetings",
    "demobooked",
];
/// Status-like columns whose words tell what happened. Not a lead status
/// (`Open` there is an open lead) and not lemlist's `emailStatus` (whether
/// the address is valid).
pub const STATUS: &[&str] = &[
    "status",
    "laststate",
    "state",
    "leadstate",
    "enrollmentstatus",
    "enrollmentstate",
    "sequencestatus",
    "unenrollmentreason",
    "unenrolledreason",
    "unenrolmentreason",
    "endedreason",
    "reason",
    "outcome",
    "result",
];

/// The step a status word names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    NotSent,
    Sent,
    Opened,
    Clicked,
    Replied,
    Meeting,
    Bounced,
    Unsubscribed,
}

/// Reads a status word (`Replied`, `emailsOpened`, `hooked`, `Booked a
/// meeting`, `To launch`), ignoring case, spacing and punctuation;
/// `None` when it says none of these.
pub fn step(word: &str) -> Option<Step> {
    let key: String = word
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if key.is_empty() {
        return None;
    }
    let has = |parts: &[&str]| parts.iter().any(|p| key.contains(p));
    let step = if has(&[
        "notsent",
        "notcontacted",
        "tolaunch",
        "imported",
        "scanned",
        "skipped",
        "reviewed",
        "enriching",
        "scheduled",
        "queued",
        "failed",
        "draft",
    ]) || key == "new"
        || key == "pending"
    {
        Step::NotSent
    } else if has(&["meeting", "booked"]) {
        Step::Meeting
    } else if has(&["repl", "interested", "warmed", "respon", "answered"]) {
        Step::Replied
    } else if has(&["unsub", "optedout", "optout"]) {
        Step::Unsubscribed
    } else if has(&["bounce"]) {
        Step::Bounced
    } else if has(&["click", "attracted"]) {
        Step::Clicked
    } else if has(&["opened", "hooked"]) {
        Step::Opened
    } else if has(&[
        "sent",
        "contacted",
        "delivered",
        "finished",
        "completed",
        "done",
        "inprogress",
        "insequence",
        "executing",
        "active",
        "paused",
        "unenrolled",
        "outofoffice",
    ]) {
        Step::Sent
    } else {
        return None;
    };
    Some(step)
}

/// The engagement columns of a file.
#[derive(Clone, Debug, Default)]
pub struct PersonColumns {
    pub sent: Option<usize>,
    pub delivered: Option<usize>,
    pub opened: Option<usize>,
    pub clicked: Option<usize>,
    pub replied: Option<usize>,
    pub bounced: Option<usize>,
    pub unsubscribed: Option<usize>,
    pub meetings: Option<usize>,
    pub status: Vec<usize>,
}

impl PersonColumns {
    /// Finds every engagement column by the usual names.
    pub fn find(headers: &Headers) -> PersonColumns {
        PersonColumns {
            sent: headers.find(SENT),
            delivered: headers.find(DELIVERED),
            opened: headers.find(OPENED),
            clicked: headers.find(CLICKED),
            replied: headers.find(REPLIED),
            bounced: headers.find(BOUNCED),
            unsubscribed: headers.find(UNSUBSCRIBED),
            meetings: headers.find(MEETINGS),
            status: headers.find_all(STATUS),
        }
    }

    /// Whether the file has any engagement column.
    pub fn any(&self) -> bool {
        self.counted().next().is_some() || !self.status.is_empty()
    }

    fn counted(&self) -> impl Iterator<Item = (usize, &'static str)> + '_ {
        [
            (self.sent, "sent"),
            (self.delivered, "delivered"),
            (self.opened, "opened"),
            (self.clicked, "clicked"),
            (self.replied, "replied"),
            (self.bounced, "bounced"),
            (self.unsubscribed, "unsubscribed"),
            (self.meetings, "meetings"),
        ]
        .into_iter()
        .filter_map(|(c, what)| c.map(|c| (c, what)))
    }

    /// `(column, what it is read as)` for every column found.
    pub fn read_as(&self) -> Vec<(usize, &'static str)> {
        let mut out: Vec<(usize, &'static str)> = self.counted().collect();
        out.extend(self.status.iter().map(|c| (*c, "status")));
        out
    }

    /// The row's counts, and the steps its status words named (for
    /// [`Tracking`]).
    pub fn counts(&self, row: &Row, seen: &mut Tracking) -> Result<Counts, String> {
        let value = |column: Option<usize>, what: &str| -> Result<u64, String> {
            let Some(c) = column else { return Ok(0) };
            let cell = row.get(c);
            if is_blank(cell) {
                return Ok(0);
            }
            if let Ok(Some(n)) = count(cell) {
                return Ok(n);
            }
            match happened(cell) {
                Some(yes) => Ok(u64::from(yes)),
                None => Err(at(
                    row,
                    format!(
                        "the {what} column holds `{}`, which is neither yes/no, a count nor a date",
                        cell.trim()
                    ),
                )),
            }
        };
        let mut c = Counts {
            sent: value(self.sent, "sent")?,
            opened: value(self.opened, "opened")?,
            clicked: value(self.clicked, "clicked")?,
            replied: value(self.replied, "replied")?,
            bounced: value(self.bounced, "bounced")?,
            unsubscribed: value(self.unsubscribed, "unsubscribed")?,
            meetings: value(self.meetings, "meetings")?,
            ..Counts::default()
        };
        let delivered = match self.delivered {
            Some(_) => Some(value(self.delivered, "delivered")?),
            None => None,
        };
        let mut not_sent = false;
        for column in &self.status {
            let Some(step) = step(row.get(*column)) else {
                continue;
            };
            seen.steps.insert(step);
            let one = |n: &mut u64| *n = (*n).max(1);
            match step {
                Step::NotSent => not_sent = true,
                Step::Sent => one(&mut c.sent),
                Step::Opened => one(&mut c.opened),
                Step::Clicked => {
                    one(&mut c.clicked);
                    one(&mut c.opened);
                }
                Step::Replied => {
                    one(&mut c.replied);
                    one(&mut c.opened);
                }
                Step::Meeting => one(&mut c.meetings),
                Step::Bounced => one(&mut c.bounced),
                Step::Unsubscribed => one(&mut c.unsubscribed),
            }
        }
        let reacted = c.opened.max(c.clicked).max(c.replied).max(c.meetings);
        let person = [
            c.sent,
            c.opened,
            c.clicked,
            c.replied,
            c.bounced,
            c.unsubscribed,
            c.meetings,
            delivered.unwrap_or(0),
        ]
        .iter()
        .all(|n| *n <= 1);
        if person {
            if not_sent && reacted == 0 && c.bounced == 0 && c.sent == 0 {
                return Ok(Counts::default());
            }
            if self.opened.is_some() && c.clicked > 0 {
                c.opened = 1;
            }
            let any = reacted.max(c.bounced).max(c.unsubscribed).max(c.sent);
            c.sent = any;
            c.delivered = match delivered {
                Some(d) => d.max(reacted),
                None if c.bounced > 0 => reacted,
                None => any.max(c.unsubscribed),
            };
            if c.delivered > 0 {
                c.bounced = 0;
            }
        } else {
            c.delivered = delivered.unwrap_or_else(|| c.sent.saturating_sub(c.bounced));
            c.sent = c.sent.max(c.delivered + c.bounced);
        }
        Ok(c)
    }
}

/// What a whole file showed it tracks.
#[derive(Clone, Debug, Default)]
pub struct Tracking {
    steps: BTreeSet<Step>,
}

impl Tracking {
    /// The counts the file cannot tell: no column for them, and no status
    /// word in any row that names them (or a later step).
    pub fn untracked(&self, columns: &PersonColumns) -> BTreeSet<Tracked> {
        let said = |steps: &[Step]| steps.iter().any(|s| self.steps.contains(s));
        let mut out = BTreeSet::new();
        if columns.opened.is_none() && !said(&[Step::Opened, Step::Clicked, Step::Replied]) {
            out.insert(Tracked::Opened);
        }
        if columns.clicked.is_none() && !said(&[Step::Clicked]) {
            out.insert(Tracked::Clicked);
        }
        if columns.replied.is_none() && !said(&[Step::Replied]) {
            out.insert(Tracked::Replied);
        }
        if columns.meetings.is_none() && !said(&[Step::Meeting]) {
            out.insert(Tracked::Meetings);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(headers: &[&str], cells: &[&str]) -> Counts {
        let headers = Headers::new(&headers.iter().map(|h| h.to_string()).collect::<Vec<_>>());
        let columns = PersonColumns::find(&headers);
        columns
            .counts(&Row::new(2, cells), &mut Tracking::default())
            .unwrap()
    }

    #[test]
    fn status_words() {
        assert_eq!(step("emailsReplied"), Some(Step::Replied));
        assert_eq!(step("Not interested"), Some(Step::Replied));
        assert_eq!(step("Booked a meeting"), Some(Step::Meeting));
        assert_eq!(step("hooked"), Some(Step::Opened));
        assert_eq!(step("attracted"), Some(Step::Clicked));
        assert_eq!(step("To launch"), Some(Step::NotSent));
        assert_eq!(step("Not contacted"), Some(Step::NotSent));
        assert_eq!(step("Finished"), Some(Step::Sent));
        assert_eq!(step("Hard bounce"), Some(Step::Bounced));
        assert_eq!(step("Manually unenrolled"), Some(Step::Sent));
        assert_eq!(step("Open"), None);
        assert_eq!(step(""), None);
    }

    #[test]
    fn a_person_who_replied_was_sent_and_delivered() {
        let c = counts(
            &["Email", "Opened", "Replied"],
            &["a@b.c", "no", "2026-10-03"],
        );
        assert_eq!((c.sent, c.delivered, c.opened, c.replied), (1, 1, 0, 1));
        let c = counts(&["Email", "Opened", "Clicked"], &["a@b.c", "0", "1"]);
        assert_eq!((c.opened, c.clicked), (1, 1));
        let c = counts(&["Email", "Sent", "Bounced"], &["a@b.c", "yes", "yes"]);
        assert_eq!((c.sent, c.delivered, c.bounced), (1, 0, 1));
        let c = counts(&["Email", "Status"], &["a@b.c", "To launch"]);
        assert!(c.is_empty());
        let c = counts(&["Email", "lastState"], &["a@b.c", "warmed"]);
        assert_eq!((c.sent, c.delivered, c.opened, c.replied), (1, 1, 1, 1));
    }

    #[test]
    fn a_group_row_keeps_its_totals() {
        let c = counts(
            &["Campaign", "Sent", "Bounced", "Opens", "Replies"],
            &["Q4", "200", "8", "90", "12"],
        );
        assert_eq!(
            (c.sent, c.delivered, c.bounced, c.opened, c.replied),
            (200, 192, 8, 90, 12)
        );
    }

    #[test]
    fn a_cell_that_says_nothing_is_named_by_line() {
        let headers = Headers::new(&["Replied".to_string()]);
        let err = PersonColumns::find(&headers)
            .counts(&Row::new(7, &["perhaps"]), &mut Tracking::default())
            .unwrap_err();
        assert!(
            err.starts_with("line 7: the replied column holds `perhaps`"),
            "{err}"
        );
    }

    #[test]
    fn what_a_file_tracks() {
        let headers = Headers::new(&["Email".to_string(), "Status".to_string()]);
        let columns = PersonColumns::find(&headers);
        let mut seen = Tracking::default();
        columns
            .counts(&Row::new(2, &["a", "Replied"]), &mut seen)
            .unwrap();
        let untracked = seen.untracked(&columns);
        assert!(!untracked.contains(&Tracked::Replied));
        assert!(!untracked.contains(&Tracked::Opened));
        assert!(untracked.contains(&Tracked::Meetings));
        assert!(untracked.contains(&Tracked::Clicked));
    }
}
