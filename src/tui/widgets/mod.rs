//! Reusable pieces drawn by several screens: the one field editor, the one
//! single-line input, the one picker, the multi-line editor, dialogs, the
//! footer.

pub mod dialog;
pub mod field;
pub mod footer;
pub mod input;
pub mod picker;
pub mod popup;
pub mod spans;
pub mod text_area;
