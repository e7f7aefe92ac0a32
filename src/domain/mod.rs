//! The domain: ICPs, personas, interviews, templates and evidence. Pure data
//! and rules; nothing here touches the terminal or the file system.

pub mod anchor;
pub mod check;
pub mod cited_by;
pub mod compact_id;
pub mod conflict;
pub mod freshness;
pub mod icp;
pub mod id;
pub mod id_index;
pub mod identity;
pub mod interview;
pub mod metrics;
pub mod normalise;
pub mod outreach;
pub mod persona;
pub mod privacy;
pub mod rename;
pub mod scoring;
pub mod tally;
pub mod template;
pub mod value;
pub mod wizard;
pub mod workspace;

pub use check::{Finding, Severity};
pub use icp::{Baseline, BaselineTrait, BestBy, BestCustomer, CustomerKind, Icp};
pub use interview::{Highlight, Interview, Source};
pub use persona::Persona;
pub use template::{
    Field, FieldKind, Section, SectionStyle, Template, TemplateKind, TemplateOrigin,
};
pub use value::{Citation, Extra, Fields, Item, Number, Value};
pub use workspace::{EntityRef, EvidenceSummary, Kind, Profile, Quote, Workspace, WorkspaceMeta};

/// The file format version this build reads and writes.
pub const SCHEMA: u32 = 1;

/// The current time to the second: what `created` and `updated` record
/// (nanoseconds would only add noise to every diff).
pub fn now() -> jiff::Timestamp {
    let now = jiff::Timestamp::now();
    jiff::Timestamp::from_second(now.as_second()).unwrap_or(now)
}

pub(crate) fn schema_version() -> u32 {
    SCHEMA
}
