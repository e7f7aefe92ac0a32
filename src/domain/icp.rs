//! The Ideal Customer Profile: the kind of company that gets the most value.

use super::value::{Extra, Fields};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Icp {
    /// The folder name under `icps/`; not stored inside the file.
    #[serde(skip)]
    pub id: String,
    #[serde(default = "super::schema_version")]
    pub schema: u32,
    pub name: String,
    pub template: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_validated: Option<Date>,
    #[serde(default)]
    pub fields: Fields,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub best_customers: Vec<BestCustomer>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One of the best current customers an ICP is drawn from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BestCustomer {
    pub company: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub industry: String,
    /// Employees, as the CRM gives it: `120` or a band such as `51-200`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub size: String,
    /// Annual revenue, as written: `$18M`, `10-50M EUR`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub revenue: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub geography: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<String>,
    /// Why this account counts as one of the best.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub criterion: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Icp {
    pub fn new(id: impl Into<String>, name: impl Into<String>, template: impl Into<String>) -> Icp {
        Icp {
            id: id.into(),
            schema: super::SCHEMA,
            name: name.into(),
            template: template.into(),
            created: None,
            updated: None,
            last_validated: None,
            fields: Fields::new(),
            best_customers: Vec::new(),
            extra: Extra::new(),
        }
    }
}
