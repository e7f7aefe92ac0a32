//! Counting what recurs: how many interviewees mention each tag, and how
//! often each trait value occurs among an ICP's best customers compared
//! with the whole customer list ([`customers`]).
//!
//! The ICP literature's third step: the traits that recur among the best
//! customers, and the pains and goals that recur across interviews, are
//! what an ICP and its personas are made of.

mod baseline;
mod customers;
mod rank;
mod tags;

pub use baseline::{BaselineBuilder, Scratch, TraitSet, keys};
pub use customers::{
    AttributeTally, CustomerTally, TRAITS, TraitValue, ValueCount, best_customers, traits,
};
pub use rank::rank_value;
pub use tags::{TagCount, TagTally, interviews_about, tags};
