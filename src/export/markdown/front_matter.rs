//! The YAML front matter that starts each file of a folder export (and
//! marks it as written by persona).

use crate::domain::{Icp, Persona, Profile};
use crate::export::escape::yaml_string;
use jiff::Timestamp;
use jiff::civil::Date;
use std::fmt::Write as _;

/// YAML front matter, one `key: value` line each, in a fixed order.
#[derive(Default)]
pub(super) struct FrontMatter {
    lines: Vec<(String, String)>,
}

impl FrontMatter {
    pub(super) fn raw(&mut self, key: &str, value: &str) {
        self.lines.push((key.to_string(), value.to_string()));
    }

    pub(super) fn string(&mut self, key: &str, value: &str) {
        self.lines.push((key.to_string(), yaml_string(value)));
    }

    pub(super) fn date(&mut self, key: &str, date: Option<Date>) {
        if let Some(date) = date {
            self.raw(key, &date.to_string());
        }
    }

    /// Timestamps are written as their UTC date.
    pub(super) fn timestamp(&mut self, key: &str, ts: Option<Timestamp>) {
        if let Some(ts) = ts {
            self.raw(key, &ts.strftime("%Y-%m-%d").to_string());
        }
    }

    pub(super) fn insert_after(&mut self, after: &str, key: &str, value: String) {
        let at = self
            .lines
            .iter()
            .position(|(k, _)| k == after)
            .map_or(self.lines.len(), |i| i + 1);
        self.lines.insert(at, (key.to_string(), value));
    }

    pub(super) fn finish(mut self) -> String {
        self.raw("exported_by", "persona");
        let mut out = String::from("---\n");
        for (key, value) in &self.lines {
            let _ = writeln!(out, "{key}: {value}");
        }
        out.push_str("---\n\n");
        out
    }
}

pub(super) fn profile_front_matter(profile: &impl ProfileDates, kind: &str) -> FrontMatter {
    let mut fm = FrontMatter::default();
    fm.string("id", profile.id());
    fm.raw("kind", kind);
    fm.string("title", profile.name());
    fm.string("template", profile.template_id());
    fm.timestamp("created", profile.created());
    fm.timestamp("updated", profile.updated());
    fm.date("last_validated", profile.last_validated());
    fm
}

/// `Profile` has no `created`; ICPs and personas both do.
pub(super) trait ProfileDates: Profile {
    fn created(&self) -> Option<Timestamp>;
}

impl ProfileDates for Icp {
    fn created(&self) -> Option<Timestamp> {
        self.created
    }
}

impl ProfileDates for Persona {
    fn created(&self) -> Option<Timestamp> {
        self.created
    }
}
