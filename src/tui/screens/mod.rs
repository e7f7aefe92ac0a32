//! One module per screen (and per popup body): its state, its reaction to
//! actions, and how it is drawn.

pub mod browse;
pub mod card;
pub mod drafts;
pub mod help;
pub mod interview;
pub mod interview_keys;
pub mod interviews;
pub mod preview;
pub mod problems;
pub mod quotes;
pub mod tally;
pub mod too_small;
pub mod welcome;
pub mod wizard;
