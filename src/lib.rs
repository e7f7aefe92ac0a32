//! `persona`: Ideal Customer Profiles and buyer personas, grounded in
//! interview evidence, kept as plain TOML files.

pub mod assets;
pub mod cli;
pub mod domain;
pub mod export;
pub mod git;
pub mod import;
pub mod memory;
pub mod merge;
pub mod parallel;
pub mod quick_hash;
pub mod store;
pub mod text;
pub mod tui;
