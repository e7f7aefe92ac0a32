//! The workspace's privacy settings, kept in `workspace.toml`:
//!
//! ```toml
//! [privacy]
//! redact_exports = true   # `persona export` redacts unless --no-redact
//!
//! allow = ["Sage Intacct"]   # found, but not personal data: never reported or masked
//!
//! [privacy.describe]      # how a redacted export names a company
//! "Acme Outdoor" = "an outdoor retailer, 120 staff"
//! ```

use crate::domain::WorkspaceMeta;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// Exports are redacted unless asked otherwise.
    pub redact_exports: bool,
    /// Company name (as written in the interviews) → how a redacted export
    /// describes it.
    pub describe: BTreeMap<String, String>,
    /// Words that look like personal data and are not (a product named like
    /// a person): `persona privacy` does not report them and a redacted
    /// export keeps them. Compared without case or accents.
    pub allow: Vec<String>,
}

impl Settings {
    /// The settings in `workspace.toml`; a value of the wrong type is an
    /// error naming the key, so an export never goes out unredacted because
    /// of a typo.
    pub fn of(meta: &WorkspaceMeta) -> Result<Settings, String> {
        let mut settings = Settings::default();
        let Some(privacy) = meta.extra.get("privacy") else {
            return Ok(settings);
        };
        let Some(privacy) = privacy.as_table() else {
            return Err("workspace.toml: `privacy` must be a table ([privacy])".into());
        };
        if let Some(redact) = privacy.get("redact_exports") {
            settings.redact_exports = redact
                .as_bool()
                .ok_or("workspace.toml: `privacy.redact_exports` must be true or false")?;
        }
        if let Some(allow) = privacy.get("allow") {
            let list = allow
                .as_array()
                .ok_or("workspace.toml: `privacy.allow` must be a list of texts")?;
            for item in list {
                let text = item
                    .as_str()
                    .ok_or("workspace.toml: `privacy.allow` must be a list of texts")?;
                settings.allow.push(text.trim().to_string());
            }
        }
        if let Some(describe) = privacy.get("describe") {
            let table = describe.as_table().ok_or(
                "workspace.toml: `privacy.describe` must be a table of company = \"description\"",
            )?;
            for (company, description) in table {
                let description = description.as_str().ok_or_else(|| {
                    format!("workspace.toml: `privacy.describe.\"{company}\"` must be text")
                })?;
                settings
                    .describe
                    .insert(company.clone(), description.trim().to_string());
            }
        }
        Ok(settings)
    }
}

impl Settings {
    /// Whether `found` is on the allow list.
    pub fn allows(&self, found: &str) -> bool {
        let found = super::known::fold(found.trim());
        self.allow.iter().any(|a| super::known::fold(a) == found)
    }
}
