//! Fit scoring against an ICP: rules that add or take points, groups that
//! cap them, disqualifiers that rule a lead out, tiers by score, segments
//! that divide a lead file, each rule citing the evidence it came from.
//! Pure: rows come in through [`Row`], files through the store.
//!
//! The pieces, in the order a lead file meets them: [`model`] (the file),
//! [`check`] (does it make sense), [`bind`] (which column each rule reads),
//! [`eval`] (score a row), [`reasons`] (say why), [`summary`] (a file at a
//! glance), [`explain`] (one lead, rule by rule, with its [`evidence`]),
//! [`backtest`] (against decided deals).

pub mod backtest;
pub mod bind;
pub mod check;
pub mod deals;
pub mod edit;
pub mod eval;
pub mod evidence;
pub mod explain;
pub mod fields;
pub mod model;
pub mod normalise;
pub mod reasons;
pub mod suggest;
pub mod summary;

pub use bind::{BindError, Column, LeadHeader};
pub use eval::{DISQUALIFIED, Outcome, Row, Scored, Scorer};
pub use model::{Cite, Condition, Group, Rule, Scalar, Scoring, Segment, Test, Tier};

/// The file name of an ICP's scoring rules, inside its folder.
pub const FILE_NAME: &str = "scoring.toml";
