//! Reusable pieces drawn by several screens.

pub mod dialog;
pub mod field;
pub mod footer;
pub mod input;
pub mod popup;
pub mod spans;
