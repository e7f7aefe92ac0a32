//! Outreach: from a persona to messages for real leads, never sent blank.
//!
//! - [`token`]: the one token syntax (`{{ first_name | default: "there" }}`)
//!   and its parser, with `line:col` errors;
//! - [`template`]: outreach template files (`templates/outreach/<id>.toml`);
//! - [`vocabulary`]: which token names exist (lead fields, lead file
//!   columns, `persona.<field>`, `pain`);
//! - [`lead`]: one lead's values;
//! - [`rules`]: the match rules that give a lead its persona;
//! - [`matrix`]: the messaging matrix on each persona (pain, value, proof,
//!   call to action, stage);
//! - [`render`]: filling a template for one lead, or naming every gap;
//! - [`campaign`]: one template against a list of leads;
//! - [`preview`]: one lead's message with its holes marked, for the app.

pub mod campaign;
pub mod lead;
pub mod matrix;
pub mod preview;
pub mod render;
pub mod rules;
pub mod template;
pub mod token;
pub mod vocabulary;

pub use campaign::{Campaign, Fit, Options, Outcome, Skip};
pub use lead::Lead;
pub use matrix::{MessagingRow, Stage};
pub use render::{Gap, Message, Scope};
pub use rules::{Assignment, MatchRules};
pub use template::{Channel, Compiled, OutreachTemplate};
pub use vocabulary::{Meaning, Vocabulary};
