//! The YAML front matter that starts each file of a folder export (and
//! marks it as written by persona).

use crate::domain::{Icp, Persona, Profile};
use crate::export::escape::yaml_string;
use jiff::Timestamp;
use jiff::civil::Date;
use std::fmt::Write as _;

/// The key, and its value, that mark a file as written by persona: a
/// re-export may replace such a file, and no other.
const MARK_KEY: &str = "exported_by";
const MARK_VALUE: &str = "persona";

/// Whether `text` starts with a YAML front matter block (a `---` line, then
/// lines up to a closing `---` or `...`) holding the top-level key
/// `exported_by: persona`. The mark anywhere else (in the body, in a code
/// block, indented under another key) does not count: a page written by
/// hand that mentions it is not ours.
pub fn is_ours(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return false;
    }
    let mut marked = false;
    for line in lines {
        let line = line.trim_end();
        if line == "---" || line == "..." {
            return marked;
        }
        if let Some((key, value)) = line.split_once(':')
            && key == MARK_KEY
        {
            let value = value.trim();
            let unquoted = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(value);
            marked |= unquoted == MARK_VALUE;
        }
    }
    // No closing line: not front matter at all.
    false
}

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
        self.raw(MARK_KEY, MARK_VALUE);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_leading_front_matter_key_marks_a_file_as_ours() {
        let mut fm = FrontMatter::default();
        fm.string("title", "Olivia");
        assert!(is_ours(&format!("{}# Olivia\n", fm.finish())));
        assert!(is_ours("---\nexported_by: \"persona\"\n...\nbody\n"));
        for foreign in [
            "# Notes\n\nexported_by: persona\n",
            "Our pages say exported_by: persona at the top.\n",
            "```yaml\n---\nexported_by: persona\n---\n```\n",
            "\n---\nexported_by: persona\n---\n",
            "---\ntitle: x\n---\nexported_by: persona\n",
            "---\nmeta:\n  exported_by: persona\n---\n",
            "---\nexported_by: persona-ish\n---\n",
            "---\nexported_by: persona\n",
        ] {
            assert!(!is_ours(foreign), "{foreign:?}");
        }
    }
}
