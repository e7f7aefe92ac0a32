//! Exports: pure functions from the workspace to text. Nothing here writes
//! files or touches the terminal; the caller decides where the text goes.

pub mod csv_safe;
pub mod escape;
pub mod json;
pub mod markdown;
pub mod merge;
pub mod redact;
pub mod scored_csv;

pub use markdown::{ExportFile, Links, Options};
