//! Why an answer or a whole card is not accepted yet.

/// Why an answer or the whole card is not accepted yet; one sentence each.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("“{label}” needs an answer")]
    Required { field: String, label: String },
    #[error("“{text}” is not a number; type digits such as 1,200 or 12.5")]
    NotANumber { field: String, text: String },
    #[error("a range needs both ends: from (min) and to (max)")]
    RangeIncomplete { field: String },
    #[error("the range starts at {min}, above where it ends ({max}); swap them")]
    RangeReversed {
        field: String,
        min: String,
        max: String,
    },
    #[error("“{text}” is not one of the choices")]
    NotAChoice { field: String, text: String },
    #[error("“{text}” is not a date; write it as 2026-09-12")]
    NotADate { field: String, text: String },
    #[error(
        "there is nothing to cite the quote for yet: type an answer first, or add the quote as an item"
    )]
    NothingToCite { field: String },
    #[error("a quote cannot be a {kind} answer: type the answer, then cite the quote for it")]
    QuoteNotAValue { field: String, kind: &'static str },
    #[error("there is no field `{field}`")]
    UnknownField { field: String },
    #[error("messaging row {row}: {message}")]
    Messaging {
        field: String,
        row: usize,
        message: String,
    },
}

impl ValidationError {
    /// The field the problem is in.
    pub fn field(&self) -> &str {
        match self {
            ValidationError::Required { field, .. }
            | ValidationError::NotANumber { field, .. }
            | ValidationError::RangeIncomplete { field }
            | ValidationError::RangeReversed { field, .. }
            | ValidationError::NotAChoice { field, .. }
            | ValidationError::NotADate { field, .. }
            | ValidationError::NothingToCite { field }
            | ValidationError::QuoteNotAValue { field, .. }
            | ValidationError::UnknownField { field }
            | ValidationError::Messaging { field, .. } => field,
        }
    }
}
