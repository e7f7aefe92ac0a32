//! What kind of value each lead field holds, and which tests fit it: a
//! range needs numbers, `contains` needs text, so `min = 20` on `country`
//! is refused when the file loads rather than scoring every lead 0.

use super::model::Test;

/// How a field's values are read and compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// Text compared after folding case, spacing and punctuation.
    Text,
    /// A count: a number (`1,200`) or a band (`51-200`, `5001+`).
    Number,
    /// An amount of money: `$2.4M`, `10M-50M`, `2400000`; the currency is
    /// kept and never compared across.
    Money,
    /// A country, compared as its ISO code (`US`, `USA` and `United
    /// States` are one).
    Country,
    /// A region or state, compared by name (`CO` is `Colorado`).
    Region,
    /// Several entries in one cell (`Shopify; Klaviyo`): a test holds when
    /// one entry passes it.
    List,
    /// Yes or no (`true`, `yes`, `1`, `opted in`).
    Flag,
    /// A date; only `present` fits it for now.
    Date,
    /// A column named by its header rather than a known field: every test
    /// fits, values are read as they come.
    Any,
}

impl ValueKind {
    pub fn describe(self) -> &'static str {
        match self {
            ValueKind::Text => "text",
            ValueKind::Number => "a number",
            ValueKind::Money => "an amount of money",
            ValueKind::Country => "a country",
            ValueKind::Region => "a region or state",
            ValueKind::List => "a list",
            ValueKind::Flag => "yes or no",
            ValueKind::Date => "a date",
            ValueKind::Any => "any value",
        }
    }

    /// The operators this kind of value can be tested with.
    pub fn operators(self) -> &'static [&'static str] {
        match self {
            ValueKind::Text => &["equals", "one_of", "contains", "present"],
            ValueKind::Number | ValueKind::Money => &["equals", "one_of", "min/max", "present"],
            ValueKind::Country => &["equals", "one_of", "present"],
            ValueKind::Region => &["equals", "one_of", "contains", "present"],
            ValueKind::List => &["equals", "one_of", "contains", "present"],
            ValueKind::Flag => &["equals", "present"],
            ValueKind::Date => &["present"],
            ValueKind::Any => &["equals", "one_of", "contains", "min/max", "present"],
        }
    }

    pub fn fits(self, test: &Test) -> bool {
        self.operators().contains(&test.operator())
    }
}

/// Canonical lead fields (the names of the customer import's
/// `import::columns::Field`) and their kinds. A name not listed here is
/// read as a column header ([`ValueKind::Any`]).
const KINDS: &[(&str, ValueKind)] = &[
    // accounts
    ("company", ValueKind::Text),
    ("domain", ValueKind::Text),
    ("industry", ValueKind::Text),
    ("employees", ValueKind::Number),
    ("revenue", ValueKind::Money),
    ("currency", ValueKind::Text),
    ("city", ValueKind::Text),
    ("region", ValueKind::Region),
    ("country", ValueKind::Country),
    ("postal_code", ValueKind::Text),
    ("location", ValueKind::Text),
    ("tools", ValueKind::List),
    ("lifecycle_stage", ValueKind::Text),
    ("founded", ValueKind::Number),
    ("funding", ValueKind::Money),
    ("funding_stage", ValueKind::Text),
    ("company_linkedin", ValueKind::Text),
    ("criterion", ValueKind::Text),
    ("record_id", ValueKind::Text),
    ("account_id", ValueKind::Text),
    ("contact_id", ValueKind::Text),
    // shoppers
    ("customer_id", ValueKind::Text),
    ("lifetime_value", ValueKind::Money),
    ("orders", ValueKind::Number),
    ("average_order_value", ValueKind::Money),
    ("first_order", ValueKind::Date),
    ("last_order", ValueKind::Date),
    ("tags", ValueKind::List),
    ("accepts_marketing", ValueKind::Flag),
    // people and leads
    ("first_name", ValueKind::Text),
    ("last_name", ValueKind::Text),
    ("full_name", ValueKind::Text),
    ("username", ValueKind::Text),
    ("email", ValueKind::Text),
    ("phone", ValueKind::Text),
    ("job_title", ValueKind::Text),
    ("seniority", ValueKind::Text),
    ("department", ValueKind::Text),
    ("persona", ValueKind::Text),
    ("lead_status", ValueKind::Text),
    ("linkedin", ValueKind::Text),
    // deals
    ("deal_name", ValueKind::Text),
    ("deal_stage", ValueKind::Text),
    ("deal_type", ValueKind::Text),
    ("amount", ValueKind::Money),
    ("probability", ValueKind::Number),
    ("create_date", ValueKind::Date),
    ("close_date", ValueKind::Date),
    ("pipeline", ValueKind::Text),
    ("lost_reason", ValueKind::Text),
    ("won", ValueKind::Flag),
    ("owner", ValueKind::Text),
];

/// The kind of a canonical field; `None` for a name that is not one (it is
/// then a column header).
pub fn kind_of(field: &str) -> Option<ValueKind> {
    KINDS
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, k)| *k)
}

/// Fields whose value is only known once a deal is decided: scoring on them
/// makes a back-test look better than the rules will do on new leads.
const AFTER_THE_OUTCOME: &[&str] = &[
    "close_date",
    "closed_date",
    "date_closed",
    "closed_won_date",
    "closed_lost_date",
    "amount",
    "amount_won",
    "closed_amount",
    "lost_reason",
    "closed_lost_reason",
    "closed_won_reason",
    "deal_stage",
    "stage",
    "is_won",
    "won",
    "is_closed",
    "closed",
    "probability",
    "deal_probability",
    "forecast_category",
    "days_to_close",
];

/// Whether a field or column header can only be known after the outcome
/// (close date, amount won, lost reason, stage).
pub fn known_only_after_outcome(field_or_header: &str) -> bool {
    let key = header_key(field_or_header);
    AFTER_THE_OUTCOME.iter().any(|name| header_key(name) == key)
}

/// A header or field name reduced to lowercase letters and digits, so
/// `Close Date`, `close_date` and `CLOSE-DATE` compare equal.
pub fn header_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scoring::model::Scalar;

    #[test]
    fn tests_fit_kinds() {
        let range = Test::Range {
            min: None,
            max: None,
        };
        assert!(ValueKind::Number.fits(&range));
        assert!(!ValueKind::Country.fits(&range));
        assert!(!ValueKind::Number.fits(&Test::Contains(vec!["x".into()])));
        assert!(ValueKind::List.fits(&Test::Contains(vec!["x".into()])));
        assert!(ValueKind::Any.fits(&range));
        assert!(ValueKind::Flag.fits(&Test::Equals(Scalar::Flag(true))));
        assert_eq!(kind_of("employees"), Some(ValueKind::Number));
        assert_eq!(kind_of("Abandoned cart"), None);
    }

    #[test]
    fn outcome_columns_are_recognised_however_written() {
        assert!(known_only_after_outcome("Close Date"));
        assert!(known_only_after_outcome("close_date"));
        assert!(known_only_after_outcome("Closed Lost Reason"));
        assert!(!known_only_after_outcome("Industry"));
    }
}
