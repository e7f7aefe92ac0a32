//! Refining with data: engagement and deal outcomes per persona, ICP tier
//! and outreach template, kept as aggregates only.
//!
//! An import reads an export (HubSpot deals or sequences, lemlist,
//! Mailchimp, or any CSV with the right columns) into [`Record`]s, one per
//! row, which live only in memory. [`aggregate`] assigns each to a persona,
//! tier and template and adds it into [`Cell`]s; a dated [`Snapshot`] of
//! those cells is all that is written (`metrics/`), so no e-mail, name or
//! company ever reaches the workspace.
//!
//! - [`report`]: the figures per persona, tier and template, with sample
//!   sizes, intervals and noise flags;
//! - [`trend`]: how a persona's figures moved across snapshots;
//! - [`cards`]: what a persona card shows (latest figures, trend, flags).

pub mod aggregate;
pub mod cards;
pub mod counts;
pub mod report;
pub mod stats;
pub mod trend;

pub use aggregate::{Assigned, Assigner, Record, aggregate};
pub use counts::Counts;
pub use stats::Rate;

use super::value::Extra;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The kind of export a snapshot was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    HubspotDeals,
    HubspotSequences,
    Lemlist,
    Mailchimp,
    Generic,
}

impl Source {
    pub const ALL: [Source; 5] = [
        Source::HubspotDeals,
        Source::HubspotSequences,
        Source::Lemlist,
        Source::Mailchimp,
        Source::Generic,
    ];

    /// The name used on the command line and in files.
    pub fn key(self) -> &'static str {
        match self {
            Source::HubspotDeals => "hubspot-deals",
            Source::HubspotSequences => "hubspot-sequences",
            Source::Lemlist => "lemlist",
            Source::Mailchimp => "mailchimp",
            Source::Generic => "generic",
        }
    }

    /// A few words for people.
    pub fn label(self) -> &'static str {
        match self {
            Source::HubspotDeals => "HubSpot deals",
            Source::HubspotSequences => "HubSpot sequences",
            Source::Lemlist => "lemlist",
            Source::Mailchimp => "Mailchimp",
            Source::Generic => "CSV",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The counts of the rows that share a month, ICP, persona, tier and
/// template. `None` means the row could not be given one (an unassigned
/// persona is reported under a `null` persona, so counts add up).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The month of the rows' dates (`2026-10`): a deal's creation, a
    /// message's sending; absent when the export gives no date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icp: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persona: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(flatten)]
    pub counts: Counts,
}

impl Cell {
    /// The key cells are grouped and sorted by.
    pub fn key(&self) -> CellKey<'_> {
        (
            self.month.as_deref(),
            self.icp.as_deref(),
            self.persona.as_deref(),
            self.tier.as_deref(),
            self.template.as_deref(),
        )
    }
}

pub type CellKey<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

/// One import: aggregate counts as of a date, and where they came from
/// (never who). Stored as `metrics/<date>-<source>-<fingerprint>.toml`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The file name without `.toml`; not stored inside the file.
    #[serde(skip)]
    pub id: String,
    #[serde(default = "super::schema_version")]
    pub schema: u32,
    /// The day the figures are as of (the day of the import).
    pub date: Date,
    pub imported: Timestamp,
    pub source: Source,
    /// Imports of one stream are successive readings of the same thing
    /// (the same campaigns, the same pipeline): the newest replaces the
    /// older ones in the latest figures, and the older ones make the trend.
    /// Different streams add up.
    pub stream: String,
    /// The imported file's name (without its folder).
    pub file: String,
    /// `sha256:` and the hex digest of the file's bytes: the same file is
    /// never imported twice.
    pub fingerprint: String,
    /// Rows read from the file.
    pub rows: u64,
    /// Rows that could not be given a persona (counted under none).
    #[serde(default)]
    pub unassigned: u64,
    #[serde(default)]
    pub cells: Vec<Cell>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Snapshot {
    /// The counts of every cell.
    pub fn total(&self) -> Counts {
        Counts::sum(self.cells.iter().map(|c| &c.counts))
    }
}

/// The stream an import belongs to when the user names none: the source
/// and what the file is about (its campaigns, sequences or pipelines,
/// sorted), so re-exporting the same campaigns later replaces the earlier
/// reading and a different campaign adds to it.
pub fn default_stream(source: Source, scope: &[String]) -> String {
    let mut scope: Vec<String> = scope.iter().map(|s| super::id::slugify(s, "x")).collect();
    scope.sort();
    scope.dedup();
    if scope.is_empty() {
        return source.key().to_string();
    }
    let mut stream = format!("{}:{}", source.key(), scope.join("+"));
    if stream.len() > 200 {
        // Very many campaigns: keep the name short but still distinct.
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(stream.as_bytes());
        let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
        stream = format!("{}:{} campaigns:{hex}", source.key(), scope.len());
    }
    stream
}

/// `sha256:<hex>` of some bytes.
pub fn fingerprint(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(71);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_name_the_scope() {
        assert_eq!(default_stream(Source::Lemlist, &[]), "lemlist");
        assert_eq!(
            default_stream(
                Source::Lemlist,
                &[
                    "Ops intro Q4".into(),
                    "Finance ROI".into(),
                    "Ops intro Q4".into()
                ]
            ),
            "lemlist:finance-roi+ops-intro-q4"
        );
        let many: Vec<String> = (0..100).map(|i| format!("Campaign {i}")).collect();
        let stream = default_stream(Source::Mailchimp, &many);
        assert!(stream.starts_with("mailchimp:100 campaigns:"), "{stream}");
    }

    #[test]
    fn fingerprints_are_sha256() {
        assert_eq!(
            fingerprint(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn snapshots_round_trip_through_toml() {
        let snapshot = Snapshot {
            id: "x".into(),
            schema: 1,
            date: jiff::civil::date(2026, 11, 24),
            imported: "2026-11-24T10:00:00Z".parse().unwrap(),
            source: Source::HubspotDeals,
            stream: "hubspot-deals".into(),
            file: "deals.csv".into(),
            fingerprint: fingerprint(b"x"),
            rows: 3,
            unassigned: 1,
            cells: vec![Cell {
                month: Some("2026-10".into()),
                icp: Some("outdoor".into()),
                persona: Some("olivia".into()),
                tier: Some("A".into()),
                template: None,
                counts: Counts {
                    deals: 2,
                    won: 1,
                    won_amount: 1200.5,
                    won_priced: 1,
                    cycle_days: vec![31],
                    lost_reasons: [("Price".to_string(), 1)].into(),
                    lost: 1,
                    sent: 4,
                    delivered: 4,
                    untracked: [(counts::Tracked::Replied, 4)].into(),
                    ..Counts::default()
                },
            }],
            extra: Extra::new(),
        };
        let text = toml::to_string(&snapshot).unwrap();
        let mut back: Snapshot = toml::from_str(&text).unwrap();
        back.id = "x".into();
        assert_eq!(back, snapshot, "{text}");
    }
}
