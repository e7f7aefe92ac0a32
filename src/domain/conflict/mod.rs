//! Conflicts a merge could not settle, kept inside the files so that every
//! file still loads.
//!
//! When two people change the same thing differently, `persona merge-file`
//! keeps both versions and marks them, instead of writing git's `<<<<<<<`
//! markers into TOML:
//!
//! - an entry of a list (a field's item, a highlight, a best customer, ...)
//!   is kept twice, the copies marked `conflict = "ours"` and
//!   `conflict = "theirs"`; one changed on one side and removed on the other
//!   is kept once, marked `conflict = "removed-by-theirs"` (changed here,
//!   removed there) or `"removed-by-ours"`;
//! - a single value (a name, a date) keeps our version in place, and a
//!   `[[conflicts]]` entry at the top of the file records the `path` to it
//!   with both versions (`ours`, `theirs`; a missing one was removed on that
//!   side). For long text merged line by line, `lines = true`: the text
//!   holds our lines followed by theirs where both sides changed it, and the
//!   entry keeps the two pieces.
//!
//! This module finds those marks in any workspace file ([`list`]), says what
//! each is about ([`Conflict::describe`]) and settles one by keeping a side
//! ([`resolve`]). It works on the file's TOML table, so it serves files of
//! every kind, including ones this version does not know.

use std::fmt::Write as _;

mod resolve;
pub use resolve::resolve;

/// The key that marks an entry of a list as one side of a conflict.
pub const MARK: &str = "conflict";
/// The top-level list of conflicts over single values.
pub const ENTRIES: &str = "conflicts";
/// In a `[[conflicts]]` entry: which side deleted the whole file.
pub const DELETED: &str = "deleted";

/// The `[[conflicts]]` entry (as TOML to append to a file) saying the file
/// was deleted on one side of a merge and changed on the other.
pub fn deleted_entry(by_theirs: bool) -> String {
    format!(
        "\n[[{ENTRIES}]]\npath = []\n{DELETED} = \"{}\"\n",
        if by_theirs { "theirs" } else { "ours" }
    )
}

/// Which version of a list entry a marked copy is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Our version of an entry both sides changed.
    Ours,
    /// Their version of an entry both sides changed.
    Theirs,
    /// Changed on their side, removed on ours.
    RemovedByOurs,
    /// Changed on our side, removed on theirs.
    RemovedByTheirs,
}

impl Mark {
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Ours => "ours",
            Mark::Theirs => "theirs",
            Mark::RemovedByOurs => "removed-by-ours",
            Mark::RemovedByTheirs => "removed-by-theirs",
        }
    }

    pub fn parse(text: &str) -> Option<Mark> {
        [
            Mark::Ours,
            Mark::Theirs,
            Mark::RemovedByOurs,
            Mark::RemovedByTheirs,
        ]
        .into_iter()
        .find(|m| m.as_str() == text)
    }

    /// The mark on a list entry, if it has one.
    pub fn of(entry: &toml::Table) -> Option<Mark> {
        match entry.get(MARK) {
            Some(toml::Value::String(text)) => Mark::parse(text),
            _ => None,
        }
    }

    /// Puts this mark on a list entry.
    pub fn set(self, entry: &mut toml::Table) {
        entry.insert(MARK.into(), toml::Value::String(self.as_str().into()));
    }
}

/// What to keep when settling a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Ours,
    Theirs,
    /// Keep both versions (for lines of text: as they stand, ours first).
    Both,
}

/// Where a conflict sits in its file.
#[derive(Clone, Debug, PartialEq)]
pub enum Place {
    /// Marked entries of the list at [`Conflict::path`], by index.
    Entry {
        ours: Option<usize>,
        theirs: Option<usize>,
        /// What the entry is known by (its `id`, `company`, ...), if anything.
        name: Option<String>,
        /// The mark on the first of the copies in the file.
        mark: Mark,
    },
    /// The `[[conflicts]]` entry at this index, about the value at
    /// [`Conflict::path`].
    Value { entry: usize, lines: bool },
    /// The `[[conflicts]]` entry at this index says the whole file was
    /// deleted on one side of a merge and changed on the other (which is
    /// the version on disk).
    Deleted { entry: usize, by_theirs: bool },
}

/// One unsettled conflict in one file.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// Table keys from the top of the file to the list or value.
    pub path: Vec<String>,
    pub place: Place,
    /// Our version; `None` when our side removed it.
    pub ours: Option<toml::Value>,
    /// Their version; `None` when their side removed it.
    pub theirs: Option<toml::Value>,
}

/// Every conflict marked in a file, in file order.
pub fn list(file: &toml::Table) -> Vec<Conflict> {
    let mut found = Vec::new();
    walk(file, &mut Vec::new(), &mut found);
    if let Some(toml::Value::Array(entries)) = file.get(ENTRIES) {
        for (index, entry) in entries.iter().enumerate() {
            let Some(entry) = entry.as_table() else {
                continue;
            };
            let path = entry
                .get("path")
                .and_then(toml::Value::as_array)
                .map(|p| {
                    p.iter()
                        .filter_map(|k| k.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let deleted = entry.get(DELETED).and_then(toml::Value::as_str);
            if let Some(side @ ("ours" | "theirs")) = deleted {
                found.push(Conflict {
                    path: Vec::new(),
                    place: Place::Deleted {
                        entry: index,
                        by_theirs: side == "theirs",
                    },
                    ours: None,
                    theirs: None,
                });
                continue;
            }
            found.push(Conflict {
                path,
                place: Place::Value {
                    entry: index,
                    lines: entry
                        .get("lines")
                        .and_then(toml::Value::as_bool)
                        .unwrap_or(false),
                },
                ours: entry.get("ours").cloned(),
                theirs: entry.get("theirs").cloned(),
            });
        }
    }
    found
}

fn walk(table: &toml::Table, path: &mut Vec<String>, found: &mut Vec<Conflict>) {
    for (key, value) in table {
        if path.is_empty() && key == ENTRIES {
            continue;
        }
        path.push(key.clone());
        match value {
            toml::Value::Table(inner) => walk(inner, path, found),
            toml::Value::Array(entries) => list_entries(entries, path, found),
            _ => {}
        }
        path.pop();
    }
}

fn list_entries(entries: &[toml::Value], path: &[String], found: &mut Vec<Conflict>) {
    let marks: Vec<Option<Mark>> = entries
        .iter()
        .map(|e| e.as_table().and_then(Mark::of))
        .collect();
    let mut paired = vec![false; entries.len()];
    for (i, mark) in marks.iter().enumerate() {
        let Some(mark) = mark else { continue };
        if paired[i] {
            continue;
        }
        let table = entries[i].as_table();
        let name = table.and_then(entry_name);
        let (ours, theirs) = match mark {
            Mark::Ours | Mark::Theirs => {
                let wanted = if *mark == Mark::Ours {
                    Mark::Theirs
                } else {
                    Mark::Ours
                };
                // Its other version: the one known by the same name, else
                // (two values of a single-value field) the nearest one.
                let free = |j: &usize| *j != i && !paired[*j] && marks[*j] == Some(wanted);
                let other = (0..entries.len())
                    .filter(free)
                    .find(|&j| entries[j].as_table().and_then(entry_name) == name)
                    .or_else(|| {
                        (0..entries.len())
                            .filter(free)
                            .min_by_key(|&j| j.abs_diff(i))
                    });
                if let Some(j) = other {
                    paired[j] = true;
                }
                if *mark == Mark::Ours {
                    (Some(i), other)
                } else {
                    (other, Some(i))
                }
            }
            Mark::RemovedByTheirs => (Some(i), None),
            Mark::RemovedByOurs => (None, Some(i)),
        };
        paired[i] = true;
        let version = |index: Option<usize>| {
            index.map(|k| {
                let mut table = entries[k].as_table().cloned().unwrap_or_default();
                table.remove(MARK);
                toml::Value::Table(table)
            })
        };
        found.push(Conflict {
            path: path.to_vec(),
            place: Place::Entry {
                ours,
                theirs,
                name,
                mark: *mark,
            },
            ours: version(ours),
            theirs: version(theirs),
        });
    }
}

/// What a list entry is known by: the first of `id`, `key`, `company`,
/// `name`, `title` that it has.
pub fn entry_name(entry: &toml::Table) -> Option<String> {
    ["id", "key", "company", "name", "title"]
        .iter()
        .find_map(|k| entry.get(*k).and_then(toml::Value::as_str))
        .map(str::to_string)
}

impl Conflict {
    /// One sentence for `validate`: what is in conflict and how to settle it.
    pub fn describe(&self) -> String {
        match &self.place {
            Place::Entry {
                ours, theirs, mark, ..
            } => {
                let what = self.what();
                match (ours, theirs, mark) {
                    (Some(_), Some(_), _) => format!(
                        "{what} was changed differently on both sides of a merge; both versions are kept, marked `conflict = \"ours\"` and `conflict = \"theirs\"`: keep one and delete the other"
                    ),
                    (_, _, Mark::Ours | Mark::Theirs) => format!(
                        "{what} is marked `conflict = \"{}\"`, but the other version is gone: delete the mark to keep it",
                        mark.as_str()
                    ),
                    (_, _, Mark::RemovedByTheirs) => format!(
                        "{what} was changed here but removed on the other side of a merge; it is kept, marked `conflict = \"removed-by-theirs\"`: delete it, or delete the mark to keep it"
                    ),
                    (_, _, Mark::RemovedByOurs) => format!(
                        "{what} was removed here but changed on the other side of a merge; their version is kept, marked `conflict = \"removed-by-ours\"`: delete it, or delete the mark to keep it"
                    ),
                }
            }
            Place::Deleted { by_theirs: true, .. } => "this file was changed here but deleted on the other side of a merge: delete the file, or delete its `[[conflicts]]` entry to keep it".to_string(),
            Place::Deleted { .. } => "this file was deleted here but changed on the other side of a merge, whose version this is: delete the file, or delete its `[[conflicts]]` entry to keep it".to_string(),
            Place::Value { lines: true, .. } => format!(
                "`{}` was changed in the same place on both sides of a merge; both versions of those lines are kept, ours first: edit them, then delete the `[[conflicts]]` entry",
                self.path.join(".")
            ),
            Place::Value { .. } if self.path.is_empty() => "the file was changed on both sides of a merge in ways that could not be combined; it keeps our version, and theirs is kept whole in its `[[conflicts]]` entry: choose one".to_string(),
            Place::Value { .. } => format!(
                "`{}` was changed differently on both sides of a merge (ours: {}; theirs: {}); the file keeps ours: set the one you want, then delete the `[[conflicts]]` entry",
                self.path.join("."),
                short(self.ours.as_ref()),
                short(self.theirs.as_ref()),
            ),
        }
    }

    /// Whether settling this conflict with `choice` means deleting the
    /// whole file (it was deleted on the chosen side).
    pub fn deletes_file(&self, choice: Choice) -> bool {
        match self.place {
            Place::Deleted { by_theirs, .. } => {
                (by_theirs && choice == Choice::Theirs) || (!by_theirs && choice == Choice::Ours)
            }
            _ => false,
        }
    }

    /// The thing in conflict, in words: "an item of field `pain_points`",
    /// "highlight `hq3k7zm`", "best customer `Acme`".
    pub fn what(&self) -> String {
        let name = match &self.place {
            Place::Entry { name, .. } => name.clone(),
            Place::Value { .. } | Place::Deleted { .. } => None,
        };
        let path: Vec<&str> = self.path.iter().map(String::as_str).collect();
        match (path.as_slice(), name) {
            (["fields", field], _) => format!("an item of field `{field}`"),
            (["highlights"], Some(id)) => format!("highlight `{id}`"),
            (["best_customers"], Some(company)) => format!("best customer `{company}`"),
            (_, Some(name)) => format!("`{name}` in `{}`", path.join(".")),
            (_, None) => format!("an entry of `{}`", path.join(".")),
        }
    }

    /// A version as a person reads it, for showing both side by side:
    /// "(removed)" for a missing one, else its keys one per line.
    pub fn show(version: Option<&toml::Value>) -> String {
        match version {
            None => "(removed)".into(),
            Some(toml::Value::String(text)) => text.clone(),
            Some(toml::Value::Table(table)) => {
                let mut out = String::new();
                for (key, value) in table {
                    let shown = match value {
                        toml::Value::String(s) => s.clone(),
                        toml::Value::Array(items) => items
                            .iter()
                            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                            .collect::<Vec<_>>()
                            .join(", "),
                        other => other.to_string(),
                    };
                    let _ = writeln!(out, "{key}: {shown}");
                }
                out.trim_end().to_string()
            }
            Some(other) => other.to_string(),
        }
    }
}

fn short(version: Option<&toml::Value>) -> String {
    match version {
        None => "removed".into(),
        Some(toml::Value::String(text)) => {
            let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let cut: String = one_line.chars().take(60).collect();
            if cut.len() < one_line.len() {
                format!("\"{cut}…\"")
            } else {
                format!("\"{cut}\"")
            }
        }
        Some(other) => {
            let text = other.to_string();
            if text.chars().count() > 60 {
                format!("{}…", text.chars().take(60).collect::<String>())
            } else {
                text
            }
        }
    }
}

/// The line (from 1) of the first git conflict marker (`<<<<<<<`) in a
/// file, when the file also has the marker that closes it: what a merge
/// without persona's driver leaves.
pub fn marker_line(text: &str) -> Option<usize> {
    let is = |line: &str, mark: &str| {
        line.strip_prefix(mark)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    };
    let mut lines = text.lines().enumerate();
    let start = lines.by_ref().find(|(_, l)| is(l.trim_end(), "<<<<<<<"))?.0;
    lines
        .any(|(_, l)| is(l.trim_end(), ">>>>>>>"))
        .then_some(start + 1)
}

/// The two versions of a text with git conflict markers: ours (between
/// `<<<<<<<` and `=======`) and theirs (between `=======` and `>>>>>>>`),
/// with the lines outside the markers in both. A `|||||||` base section is
/// left out. `None` when the markers do not pair up.
pub fn split_markers(text: &str) -> Option<(String, String)> {
    #[derive(PartialEq)]
    enum In {
        Both,
        Ours,
        Base,
        Theirs,
    }
    let starts = |line: &str, mark: &str| {
        let line = line.trim_end_matches(['\n', '\r']);
        line.strip_prefix(mark)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    };
    let (mut ours, mut theirs) = (String::new(), String::new());
    let mut state = In::Both;
    let mut seen = false;
    for line in text.split_inclusive('\n') {
        state = match state {
            In::Both if starts(line, "<<<<<<<") => {
                seen = true;
                In::Ours
            }
            In::Ours if starts(line, "|||||||") => In::Base,
            In::Ours | In::Base if starts(line, "=======") => In::Theirs,
            In::Theirs if starts(line, ">>>>>>>") => In::Both,
            other => {
                match other {
                    In::Both => {
                        ours.push_str(line);
                        theirs.push_str(line);
                    }
                    In::Ours => ours.push_str(line),
                    In::Theirs => theirs.push_str(line),
                    In::Base => {}
                }
                other
            }
        };
    }
    (seen && state == In::Both).then_some((ours, theirs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> toml::Table {
        toml::from_str(text).unwrap()
    }

    const PERSONA: &str = r#"
schema = 1
name = "Operations Olivia"

[[fields.pain_points]]
id = "k3q9x7"
text = "Stock by hand"
cites = ["dana#h1"]
conflict = "ours"

[[fields.pain_points]]
id = "k3q9x7"
text = "Stock by hand, every Monday"
conflict = "theirs"

[[fields.pain_points]]
text = "Slow reports"

[[highlights]]
id = "h3"
text = "gone"
conflict = "removed-by-theirs"

[[conflicts]]
path = ["name"]
ours = "Operations Olivia"
theirs = "Ops Olivia"
"#;

    #[test]
    fn lists_every_kind_of_mark() {
        let found = list(&parse(PERSONA));
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].path, ["fields", "pain_points"]);
        assert_eq!(
            found[0].place,
            Place::Entry {
                ours: Some(0),
                theirs: Some(1),
                name: Some("k3q9x7".into()),
                mark: Mark::Ours,
            }
        );
        assert!(
            found[0]
                .describe()
                .starts_with("an item of field `pain_points` was changed")
        );
        assert_eq!(found[1].what(), "highlight `h3`");
        assert!(found[1].describe().contains("removed on the other side"));
        assert!(
            found[2]
                .describe()
                .contains("(ours: \"Operations Olivia\"; theirs: \"Ops Olivia\")")
        );
        assert_eq!(
            Conflict::show(found[0].theirs.as_ref()),
            "id: k3q9x7\ntext: Stock by hand, every Monday"
        );
    }

    #[test]
    fn resolving_keeps_the_chosen_side_and_drops_the_mark() {
        let mut file = parse(PERSONA);
        let found = list(&file);
        resolve(&mut file, &found[0], Choice::Theirs).unwrap();
        let items = file["fields"]["pain_points"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[0]["text"].as_str(),
            Some("Stock by hand, every Monday")
        );
        assert!(items[0].get(MARK).is_none());
        // The others are still there, and a stale conflict is refused.
        assert!(resolve(&mut file, &found[0], Choice::Ours).is_err());
        let found = list(&file);
        assert_eq!(found.len(), 2);
        resolve(&mut file, &found[1], Choice::Theirs).unwrap();
        assert_eq!(file["name"].as_str(), Some("Ops Olivia"));
        assert!(file.get(ENTRIES).is_none());
        let found = list(&file);
        resolve(&mut file, &found[0], Choice::Ours).unwrap();
        assert!(file["highlights"][0].get(MARK).is_none());
        assert!(list(&file).is_empty());
    }

    #[test]
    fn keeping_both_gives_the_copies_their_own_ids() {
        let mut file = parse(PERSONA);
        let found = list(&file);
        resolve(&mut file, &found[0], Choice::Both).unwrap();
        let items = file["fields"]["pain_points"].as_array().unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0]["id"].as_str(), Some("k3q9x7"));
        assert!(items[1].get("id").is_none());
        assert!(items.iter().all(|i| i.get(MARK).is_none()));

        let mut file = parse(
            r#"
[[highlights]]
id = "h3"
text = "one"
conflict = "ours"
[[highlights]]
id = "h3"
text = "two"
conflict = "theirs"
"#,
        );
        let found = list(&file);
        resolve(&mut file, &found[0], Choice::Both).unwrap();
        let hs = file["highlights"].as_array().unwrap();
        assert_eq!(hs[0]["id"].as_str(), Some("h3"));
        assert_ne!(hs[1]["id"].as_str(), Some("h3"));
    }

    #[test]
    fn lines_conflicts_keep_the_chosen_lines() {
        let mut file = parse(
            r#"
notes = "intro\nours line\ntheirs line\nend\n"
[[conflicts]]
path = ["notes"]
lines = true
ours = "ours line\n"
theirs = "theirs line\n"
"#,
        );
        let found = list(&file);
        assert!(
            found[0]
                .describe()
                .contains("`notes` was changed in the same place")
        );
        resolve(&mut file, &found[0], Choice::Theirs).unwrap();
        assert_eq!(file["notes"].as_str(), Some("intro\ntheirs line\nend\n"));
        assert!(list(&file).is_empty());
    }

    #[test]
    fn a_file_deleted_on_one_side_is_a_conflict_to_settle() {
        let text = format!("schema = 1\nname = \"Frank\"\n{}", deleted_entry(true));
        let mut file = parse(&text);
        let found = list(&file);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .describe()
                .starts_with("this file was changed here but deleted")
        );
        assert!(found[0].deletes_file(Choice::Theirs));
        assert!(!found[0].deletes_file(Choice::Ours));
        resolve(&mut file, &found[0], Choice::Ours).unwrap();
        assert!(list(&file).is_empty());
        assert_eq!(file["name"].as_str(), Some("Frank"));
    }

    #[test]
    fn git_markers_are_found_and_split() {
        let text = "a = 1\n<<<<<<< HEAD\nb = 2\n||||||| base\nb = 0\n=======\nb = 3\n>>>>>>> other\nc = 4\n";
        assert_eq!(marker_line(text), Some(2));
        let (ours, theirs) = split_markers(text).unwrap();
        assert_eq!(ours, "a = 1\nb = 2\nc = 4\n");
        assert_eq!(theirs, "a = 1\nb = 3\nc = 4\n");
        assert_eq!(marker_line("notes = \"<<<<<<< quoted\"\n"), None);
        assert_eq!(split_markers("<<<<<<< x\nunclosed\n"), None);
        assert_eq!(split_markers("plain\n"), None);
    }
}
