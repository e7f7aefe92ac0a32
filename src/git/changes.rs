//! What changed between two versions of a workspace file, in words a
//! marketer reads in a commit message or a card's history: "Operations
//! Olivia: 2 pain points, 1 citation".

use crate::domain::{Template, identity};
use crate::merge::FileKind;
use std::collections::{BTreeMap, HashMap, HashSet};
use toml::{Table, Value};

/// The change to one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub kind: FileKind,
    /// What the file is, as people call it: a persona's name, an
    /// interview's title.
    pub subject: String,
    /// What happened to it, most telling first ("new persona", "2 pain
    /// points", "1 citation"); never empty.
    pub parts: Vec<String>,
}

impl Summary {
    /// `Subject: part, part`.
    pub fn line(&self) -> String {
        format!("{}: {}", self.subject, self.parts.join(", "))
    }
}

/// Describes how the file at `path` (relative to the workspace) went from
/// `old` to `new` (`None`: it did not exist). `templates` give fields their
/// labels.
pub fn describe(
    path: &str,
    old: Option<&str>,
    new: Option<&str>,
    templates: &[Template],
) -> Summary {
    let read = |text: Option<&str>| text.and_then(|t| toml::from_str::<Table>(t).ok());
    let (old_t, new_t) = (read(old), read(new));
    let sample = new_t
        .as_ref()
        .or(old_t.as_ref())
        .cloned()
        .unwrap_or_default();
    let kind = FileKind::of(Some(path), &sample);
    let text = |key: &str| {
        [&new_t, &old_t]
            .iter()
            .find_map(|t| t.as_ref()?.get(key)?.as_str().map(str::to_string))
    };
    let subject = match kind {
        FileKind::Icp | FileKind::Persona => text("name"),
        FileKind::Interview => text("title").map(|t| format!("interview {t}")),
        FileKind::Template => text("name").map(|n| format!("template {n}")),
        FileKind::Workspace => Some("workspace settings".into()),
        FileKind::Scoring => Some(format!(
            "scoring of {}",
            path.split('/').rev().nth(1).unwrap_or("an ICP")
        )),
        FileKind::Outreach => text("name").map(|n| format!("outreach template {n}")),
        FileKind::Other => None,
    }
    .filter(|s| !s.trim().is_empty())
    .unwrap_or_else(|| path.to_string());
    let what = match kind {
        FileKind::Icp => "ICP",
        FileKind::Persona => "persona",
        FileKind::Interview => "interview",
        FileKind::Template => "template",
        _ => "file",
    };
    let mut parts = Vec::new();
    let empty = Table::new();
    let (o, n) = (
        old_t.as_ref().unwrap_or(&empty),
        new_t.as_ref().unwrap_or(&empty),
    );
    match (old, new) {
        (_, None) => parts.push("removed".to_string()),
        (None, Some(_)) => {
            parts.push(format!("new {what}"));
            let (items, cites) = totals(n);
            if items > 0 {
                parts.push(plural(items, "item", "items"));
            }
            if cites > 0 {
                parts.push(plural(cites, "citation", "citations"));
            }
            let highlights = highlights(n).len();
            if highlights > 0 {
                parts.push(plural(highlights, "highlight", "highlights"));
            }
        }
        (Some(_), Some(_)) => match kind {
            FileKind::Icp | FileKind::Persona => profile(o, n, templates, &mut parts),
            FileKind::Interview => interview(o, n, &mut parts),
            _ => {}
        },
    }
    if parts.is_empty() {
        parts.push("edited".into());
    }
    Summary {
        kind,
        subject,
        parts,
    }
}

/// How many field items and citations a profile holds.
fn totals(t: &Table) -> (usize, usize) {
    let Some(fields) = t.get("fields").and_then(Value::as_table) else {
        return (0, 0);
    };
    let items: Vec<&Table> = fields
        .values()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_table)
        .collect();
    (items.len(), items.iter().map(|i| cites(i).len()).sum())
}

fn profile(old: &Table, new: &Table, templates: &[Template], parts: &mut Vec<String>) {
    let template = new
        .get("template")
        .and_then(Value::as_str)
        .and_then(|id| templates.iter().find(|t| t.id == id));
    if let (Some(a), Some(b)) = (old.get("name"), new.get("name"))
        && a != b
    {
        parts.push(format!("renamed from {}", a.as_str().unwrap_or("?")));
    }
    let (mut cited, mut uncited) = (0, 0);
    let fields = |t: &Table| -> BTreeMap<String, Vec<Table>> {
        t.get("fields")
            .and_then(Value::as_table)
            .map(|f| {
                f.iter()
                    .map(|(k, v)| {
                        let items = v
                            .as_array()
                            .map(|a| a.iter().filter_map(|i| i.as_table().cloned()).collect())
                            .unwrap_or_default();
                        (k.clone(), items)
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (before, after) = (fields(old), fields(new));
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    // Fields in the template's order, then any others.
    if let Some(t) = template {
        let order: Vec<&str> = t.fields().map(|f| f.id.as_str()).collect();
        keys.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    }
    let none = Vec::new();
    for key in keys {
        let field = template.and_then(|t| t.field(key));
        let label = field.map_or_else(|| key.replace('_', " "), |f| f.label.to_lowercase());
        let single = field.is_some_and(|f| !f.kind.is_multi());
        let (a, b) = (
            by_id(key, before.get(key).unwrap_or(&none)),
            by_id(key, after.get(key).unwrap_or(&none)),
        );
        let added = b.keys().filter(|id| !a.contains_key(*id)).count();
        let removed = a.keys().filter(|id| !b.contains_key(*id)).count();
        let changed = b
            .iter()
            .filter(|(id, item)| {
                a.get(*id)
                    .is_some_and(|old| value_of(old) != value_of(item))
            })
            .count();
        for (id, item) in &b {
            let was: HashSet<String> = a.get(id).map(cites).unwrap_or_default();
            let now = cites(item);
            cited += now.difference(&was).count();
            uncited += was.difference(&now).count();
        }
        for (id, item) in &a {
            if !b.contains_key(id) {
                uncited += cites(item).len();
            }
        }
        if single {
            match (added, removed, changed) {
                (0, 0, 0) => {}
                (_, 0, 0) => parts.push(format!("{label} set")),
                (0, _, 0) => parts.push(format!("{label} removed")),
                _ => parts.push(format!("{label} changed")),
            }
            continue;
        }
        if added > 0 {
            parts.push(count(added, &label));
        }
        if changed > 0 {
            parts.push(format!("{} changed", count(changed, &label)));
        }
        if removed > 0 {
            parts.push(format!("{} removed", count(removed, &label)));
        }
    }
    entries(
        old,
        new,
        "best_customers",
        "company",
        "best customer",
        parts,
    );
    if cited > 0 {
        parts.push(plural(cited, "citation", "citations"));
    }
    if uncited > 0 {
        parts.push(format!(
            "{} removed",
            plural(uncited, "citation", "citations")
        ));
    }
    if parts.is_empty() && old.get("last_validated") != new.get("last_validated") {
        parts.push("validated".into());
    }
}

fn interview(old: &Table, new: &Table, parts: &mut Vec<String>) {
    let notes = |t: &Table| {
        t.get("notes")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let (a, b) = (highlights(old), highlights(new));
    let added = b.keys().filter(|id| !a.contains_key(*id)).count();
    let removed = a.keys().filter(|id| !b.contains_key(*id)).count();
    let retagged = b
        .iter()
        .filter(|(id, h)| {
            a.get(*id)
                .is_some_and(|old| old.get("tags") != h.get("tags"))
        })
        .count();
    if added > 0 {
        parts.push(plural(added, "highlight", "highlights"));
    }
    if retagged > 0 {
        parts.push(format!(
            "{} retagged",
            plural(retagged, "highlight", "highlights")
        ));
    }
    if removed > 0 {
        parts.push(format!(
            "{} removed",
            plural(removed, "highlight", "highlights")
        ));
    }
    if !old.is_empty() && notes(old) != notes(new) {
        parts.push("notes edited".into());
    }
}

fn highlights(t: &Table) -> HashMap<String, Table> {
    t.get("highlights")
        .and_then(Value::as_array)
        .map(|hs| {
            hs.iter()
                .filter_map(|h| {
                    let h = h.as_table()?;
                    Some((h.get("id")?.as_str()?.to_string(), h.clone()))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Additions and removals in a list of tables known by `key`.
fn entries(old: &Table, new: &Table, list: &str, key: &str, one: &str, parts: &mut Vec<String>) {
    let names = |t: &Table| -> HashSet<String> {
        t.get(list)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|e| e.get(key)?.as_str().map(|s| s.trim().to_lowercase()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (a, b) = (names(old), names(new));
    let many = format!("{one}s");
    let added = b.difference(&a).count();
    let removed = a.difference(&b).count();
    if added > 0 {
        parts.push(plural(added, one, &many));
    }
    if removed > 0 {
        parts.push(format!("{} removed", plural(removed, one, &many)));
    }
}

fn by_id(field: &str, items: &[Table]) -> HashMap<String, Table> {
    let refs: Vec<&Table> = items.iter().collect();
    identity::item_ids(field, &refs)
        .into_iter()
        .zip(items.iter().cloned())
        .collect()
}

fn value_of(item: &Table) -> Option<String> {
    identity::item_key(item)
}

fn cites(item: &Table) -> HashSet<String> {
    item.get("cites")
        .and_then(Value::as_array)
        .map(|c| {
            c.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "2 pain points", "1 pain point" for short labels that read as plurals;
/// "2 items in tools they use" for the others.
fn count(n: usize, label: &str) -> String {
    let words: Vec<&str> = label.split(' ').collect();
    let last = words.last().copied().unwrap_or(label);
    let countable = words.len() <= 2 && !words.contains(&"and");
    if countable && last.ends_with('s') && !last.ends_with("ss") && last.len() > 2 {
        if n == 1 {
            format!("1 {}", &label[..label.len() - 1])
        } else {
            format!("{n} {label}")
        }
    } else {
        format!("{} in {label}", plural(n, "item", "items"))
    }
}

/// One commit message for changes to several files: a subject line that
/// names them (shortened to fit), and every change in the body.
pub fn commit_message(summaries: &[Summary]) -> (String, String) {
    // The workspace's own things first, other files after.
    let mut sorted: Vec<&Summary> = summaries.iter().collect();
    sorted.sort_by_key(|s| s.kind == FileKind::Other);
    let lines: Vec<String> = sorted.iter().map(|s| s.line()).collect();
    let all = lines.join("; ");
    let subjects: Vec<&str> = sorted.iter().map(|s| s.subject.as_str()).collect();
    let joined = subjects.join("; ");
    let subject = if lines.len() <= 1 || all.chars().count() <= 72 {
        all
    } else if joined.chars().count() <= 72 {
        joined
    } else {
        let mut counts: Vec<String> = Vec::new();
        for (kind, one, many) in [
            (FileKind::Icp, "ICP", "ICPs"),
            (FileKind::Persona, "persona", "personas"),
            (FileKind::Interview, "interview", "interviews"),
            (FileKind::Template, "template", "templates"),
        ] {
            let n = sorted.iter().filter(|s| s.kind == kind).count();
            if n > 0 {
                counts.push(plural(n, one, many));
            }
        }
        let others = sorted
            .iter()
            .filter(|s| matches!(s.kind, FileKind::Other | FileKind::Workspace))
            .count();
        if others > 0 {
            counts.push(plural(others, "other file", "other files"));
        }
        let last = counts.pop().unwrap_or_default();
        match counts.is_empty() {
            true => format!("Workspace: {last}"),
            false => format!("Workspace: {} and {last}", counts.join(", ")),
        }
    };
    let body = if lines.len() > 1 {
        lines.iter().map(|l| format!("- {l}\n")).collect()
    } else {
        String::new()
    };
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn templates() -> Vec<Template> {
        crate::store::fs::builtin_templates(&mut Vec::new())
    }

    const OLIVIA: &str = r#"schema = 1
name = "Operations Olivia"
template = "b2b-decision-maker"

[[fields.job_title]]
text = "Head of Operations"

[[fields.pain_points]]
text = "Stock by hand"
cites = ["dana#h2"]
"#;

    #[test]
    fn a_persona_gaining_pains_and_a_citation() {
        let new = OLIVIA.replace(
            "cites = [\"dana#h2\"]",
            "cites = [\"dana#h2\", \"sam#hq3k7zm\"]",
        ) + "\n[[fields.pain_points]]\ntext = \"Slow reports\"\n\n[[fields.pain_points]]\ntext = \"Returns twice\"\n";
        let s = describe(
            "icps/a/personas/olivia.toml",
            Some(OLIVIA),
            Some(&new),
            &templates(),
        );
        assert_eq!(s.line(), "Operations Olivia: 2 pain points, 1 citation");
    }

    #[test]
    fn single_values_and_removals_read_naturally() {
        let new = OLIVIA.replace("Head of Operations", "COO").replace(
            "\n[[fields.pain_points]]\ntext = \"Stock by hand\"\ncites = [\"dana#h2\"]\n",
            "",
        );
        let s = describe(
            "icps/a/personas/olivia.toml",
            Some(OLIVIA),
            Some(&new),
            &templates(),
        );
        assert_eq!(
            s.line(),
            "Operations Olivia: job title changed, 1 pain point removed, 1 citation removed"
        );
        let s = describe(
            "icps/a/personas/olivia.toml",
            None,
            Some(OLIVIA),
            &templates(),
        );
        assert_eq!(
            s.line(),
            "Operations Olivia: new persona, 2 items, 1 citation"
        );
        let s = describe(
            "icps/a/personas/olivia.toml",
            Some(OLIVIA),
            None,
            &templates(),
        );
        assert_eq!(s.line(), "Operations Olivia: removed");
    }

    #[test]
    fn interviews_count_highlights() {
        let old = "schema = 1\ntitle = \"Dana\"\nnotes = \"a\"\n\n[[highlights]]\nid = \"h1\"\ntext = \"a\"\ntags = [\"goal\"]\n";
        let new = "schema = 1\ntitle = \"Dana\"\nnotes = \"a b\"\n\n[[highlights]]\nid = \"h1\"\ntext = \"a\"\ntags = [\"pain-point\"]\n\n[[highlights]]\nid = \"hx\"\ntext = \"b\"\n";
        let s = describe("interviews/dana.toml", Some(old), Some(new), &templates());
        assert_eq!(
            s.line(),
            "interview Dana: 1 highlight, 1 highlight retagged, notes edited"
        );
    }

    #[test]
    fn labels_that_are_not_plurals_count_items() {
        assert_eq!(count(2, "tools they use"), "2 items in tools they use");
        assert_eq!(count(1, "goals"), "1 goal");
        assert_eq!(count(3, "buying triggers"), "3 buying triggers");
        assert_eq!(
            count(1, "channels and platforms"),
            "1 item in channels and platforms"
        );
        assert_eq!(
            count(3, "how they discover products"),
            "3 items in how they discover products"
        );
    }

    #[test]
    fn commit_messages_fit_one_line() {
        let s = |subject: &str, part: &str| Summary {
            kind: FileKind::Persona,
            subject: subject.into(),
            parts: vec![part.into()],
        };
        let (subject, body) = commit_message(&[s("Operations Olivia", "2 pain points")]);
        assert_eq!(subject, "Operations Olivia: 2 pain points");
        assert_eq!(body, "");
        let many: Vec<Summary> = (0..6)
            .map(|i| s(&format!("A rather long persona name {i}"), "1 goal"))
            .collect();
        let (subject, body) = commit_message(&many);
        assert_eq!(subject, "Workspace: 6 personas");
        assert_eq!(body.lines().count(), 6);
    }
}
