//! The buyer persona: a semi-fictional person inside an ICP account.

use super::outreach::{MatchRules, MessagingRow};
use super::value::{Extra, Fields};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Persona {
    /// The file name under `personas/`; not stored inside the file.
    #[serde(skip)]
    pub id: String,
    /// The ICP this persona belongs to: the folder it lives in.
    #[serde(skip)]
    pub icp: String,
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
    /// Which leads are this persona (`[match]`).
    #[serde(
        rename = "match",
        default,
        skip_serializing_if = "MatchRules::is_empty"
    )]
    pub rules: MatchRules,
    /// The messaging matrix (`[[messaging]]`), one row per pain addressed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messaging: Vec<MessagingRow>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Persona {
    pub fn new(
        id: impl Into<String>,
        icp: impl Into<String>,
        name: impl Into<String>,
        template: impl Into<String>,
    ) -> Persona {
        Persona {
            id: id.into(),
            icp: icp.into(),
            schema: super::SCHEMA,
            name: name.into(),
            template: template.into(),
            created: None,
            updated: None,
            last_validated: None,
            fields: Fields::new(),
            rules: MatchRules::default(),
            messaging: Vec::new(),
            extra: Extra::new(),
        }
    }
}
