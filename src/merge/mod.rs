//! Merging two versions of one workspace file, as git's merge driver.
//!
//! Git merges files line by line, and a conflict leaves `<<<<<<<` markers
//! that make a TOML file unreadable. `persona merge-file` (registered by
//! `persona git-setup`, named for `*.toml` by the `.gitattributes` that
//! `persona init` writes) merges the file's meaning instead: entities,
//! fields, items, citations and highlights ([`tree`]), notes line by line
//! ([`lines`]). What cannot be settled is kept, both versions, and marked
//! in a way the file still loads with (see [`crate::domain::conflict`]);
//! `persona validate` reports it ([`scan`]).

pub mod lines;
pub mod scan;
pub mod settle;
pub mod tree;

use crate::domain::conflict;
use crate::domain::{Icp, Interview, Persona, SCHEMA, Template, WorkspaceMeta, anchor};
use crate::store::codec::{self, Versioned};
use toml::{Table, Value};

/// What a merge of one file gave.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The merged file.
    pub text: String,
    /// How many conflicts it left: marked inside the file, or as git's
    /// markers when [`Outcome::as_text`] says why it was merged as text.
    pub conflicts: usize,
    /// Set when a version could not be read as a persona file, so the
    /// merge was line by line with git's markers (one sentence: why).
    pub as_text: Option<String>,
    /// Things worth telling the person merging, one sentence each.
    pub notes: Vec<String>,
}

/// What kind of workspace file is being merged, which decides how the
/// result is written (the key order persona itself writes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Workspace,
    Icp,
    Persona,
    Interview,
    Template,
    /// An ICP's fit-scoring rules (`icps/<id>/scoring.toml`).
    Scoring,
    /// An outreach template (`templates/outreach/<id>.toml`).
    Outreach,
    Other,
}

impl FileKind {
    /// From the file's path in the repository (git's `%P`), if known, else
    /// from the keys it holds.
    pub fn of(path: Option<&str>, sample: &Table) -> FileKind {
        match path {
            Some(path) => FileKind::of_path(path),
            None => FileKind::of_keys(sample),
        }
    }

    fn of_path(path: &str) -> FileKind {
        let path = path.replace('\\', "/");
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let n = parts.len();
        let from_end = |k: usize| if k < n { parts[n - 1 - k] } else { "" };
        let toml = from_end(0).ends_with(".toml");
        match (from_end(0), from_end(1), from_end(2), from_end(3)) {
            ("workspace.toml", ..) => FileKind::Workspace,
            ("icp.toml", _, "icps", _) => FileKind::Icp,
            ("scoring.toml", _, "icps", _) => FileKind::Scoring,
            (_, "outreach", "templates", _) if toml => FileKind::Outreach,
            (_, "personas", _, "icps") if toml => FileKind::Persona,
            (_, "interviews", ..) if toml => FileKind::Interview,
            (_, "templates", ..) if toml => FileKind::Template,
            _ => FileKind::Other,
        }
    }

    fn of_keys(table: &Table) -> FileKind {
        let has = |k: &str| table.contains_key(k);
        if has("notes") || has("highlights") || has("interviewee") {
            FileKind::Interview
        } else if has("sections") {
            FileKind::Template
        } else if has("best_customers") {
            FileKind::Icp
        } else if has("fields") || (has("template") && has("name")) {
            FileKind::Persona
        } else if has("name")
            && table
                .keys()
                .all(|k| matches!(k.as_str(), "schema" | "name" | conflict::ENTRIES))
        {
            FileKind::Workspace
        } else {
            FileKind::Other
        }
    }
}

/// Merges `ours` and `theirs`, both changed from `base` (empty when the
/// file is new on both sides). `path` is where the file lives in the
/// repository, when git says; `template` finds a template by id, to know
/// which fields hold a single value.
pub fn merge_files(
    base: &str,
    ours: &str,
    theirs: &str,
    path: Option<&str>,
    template: &dyn Fn(&str) -> Option<Template>,
) -> Outcome {
    let clean = |text: &str| Outcome {
        text: text.to_string(),
        conflicts: 0,
        as_text: None,
        notes: Vec::new(),
    };
    if ours == theirs || base == theirs {
        return clean(ours);
    }
    if base == ours {
        return clean(theirs);
    }
    let read = |text: &str, side: &str| -> Result<Table, String> {
        let table: Table = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().replace('\n', "; ");
            format!("{side} version is not TOML persona can read ({message})")
        })?;
        match table.get("schema").and_then(Value::as_integer) {
            Some(schema) if schema > SCHEMA as i64 => Err(format!(
                "{side} version was written by a newer persona (schema {schema})"
            )),
            _ => Ok(table),
        }
    };
    let tables = (
        read(base, "the common"),
        read(ours, "our"),
        read(theirs, "their"),
    );
    let (b, o, t) = match tables {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (b, o, t) => {
            let why = [b.err(), o.err(), t.err()].into_iter().flatten().next();
            let (text, conflicts) = lines::merge_with_markers(base, ours, theirs);
            return Outcome {
                text,
                conflicts,
                as_text: why,
                notes: Vec::new(),
            };
        }
    };
    let kind = FileKind::of(path, &o);
    let template_id = [&o, &t, &b]
        .iter()
        .find_map(|table| table.get("template").and_then(Value::as_str))
        .map(str::to_string);
    let template = template_id.as_deref().and_then(template);
    let single_valued = |field: &str| {
        template
            .as_ref()
            .and_then(|t| t.field(field))
            .is_some_and(|f| !f.kind.is_multi())
    };
    let rules = tree::Rules {
        single_valued: &single_valued,
    };
    let merged = tree::merge(&b, &o, &t, &rules);
    let conflicts = merged.values.len() + merged.entries;
    let mut table = merged.table;
    record(&mut table, merged.values);
    let notes = reanchor(&table, &o, &t);
    match write(kind, &table) {
        Ok(text) => Outcome {
            text,
            conflicts,
            as_text: None,
            notes,
        },
        Err(why) => {
            // Never a file that does not load: ours, with theirs whole
            // beside it, for a person to choose.
            let mut table = o.clone();
            record(
                &mut table,
                vec![tree::ValueConflict {
                    path: Vec::new(),
                    ours: None,
                    theirs: Some(Value::Table(t.clone())),
                    lines: false,
                }],
            );
            let text = write(kind, &table)
                .or_else(|_| toml::to_string(&table).map_err(|e| e.to_string()))
                .unwrap_or_else(|_| ours.to_string());
            Outcome {
                text,
                conflicts: 1,
                as_text: None,
                notes: vec![format!(
                    "the merged file would not load ({why}), so it keeps our version whole and theirs in its `[[conflicts]]` entry"
                )],
            }
        }
    }
}

/// Adds the value conflicts to the file's `[[conflicts]]` list.
fn record(table: &mut Table, values: Vec<tree::ValueConflict>) {
    if values.is_empty() {
        return;
    }
    let list = table
        .entry(conflict::ENTRIES)
        .or_insert_with(|| Value::Array(Vec::new()));
    if !list.is_array() {
        *list = Value::Array(Vec::new());
    }
    let Some(list) = list.as_array_mut() else {
        return;
    };
    for value in values {
        let mut entry = Table::new();
        entry.insert(
            "path".into(),
            Value::Array(value.path.into_iter().map(Value::String).collect()),
        );
        if value.lines {
            entry.insert("lines".into(), Value::Boolean(true));
        }
        if let Some(ours) = value.ours {
            entry.insert("ours".into(), ours);
        }
        if let Some(theirs) = value.theirs {
            entry.insert("theirs".into(), theirs);
        }
        list.push(Value::Table(entry));
    }
}

/// Highlights whose words one side's notes held but the merged notes do
/// not (the other side rewrote that passage): they keep their own copy of
/// the words, and the app shows them as not in the notes.
fn reanchor(merged: &Table, ours: &Table, theirs: &Table) -> Vec<String> {
    let notes = |t: &Table| {
        t.get("notes")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let (now, o, t) = (notes(merged), notes(ours), notes(theirs));
    let Some(highlights) = merged.get("highlights").and_then(Value::as_array) else {
        return Vec::new();
    };
    highlights
        .iter()
        .filter_map(|h| {
            let words = h.get("text")?.as_str()?;
            let id = h.get("id")?.as_str()?;
            // Most are still there: look in the merged notes first.
            let lost = anchor::find(&now, words).is_none()
                && (anchor::find(&o, words).is_some() || anchor::find(&t, words).is_some());
            lost.then(|| {
                format!(
                    "highlight `{id}` quotes words the merged notes no longer hold (one side rewrote them); it keeps its own copy"
                )
            })
        })
        .collect()
}

/// The merged table as persona writes a file of its kind, checked to load.
fn write(kind: FileKind, table: &Table) -> Result<String, String> {
    let text = toml::to_string(table).map_err(|e| e.to_string())?;
    match kind {
        FileKind::Workspace => again::<WorkspaceMeta>(&text),
        FileKind::Icp => again::<Icp>(&text),
        FileKind::Persona => again::<Persona>(&text),
        FileKind::Interview => again::<Interview>(&text),
        FileKind::Template => again::<Template>(&text),
        FileKind::Scoring => Ok(lossless::<crate::domain::scoring::Scoring>(text, table)),
        FileKind::Outreach => Ok(lossless::<crate::domain::outreach::OutreachTemplate>(
            text, table,
        )),
        FileKind::Other => Ok(text),
    }
}

/// Files other parts of persona write: in their own key order when that
/// keeps every key and value, else as the merge made them.
fn lossless<T: Versioned + Clone>(text: String, table: &Table) -> String {
    match again::<T>(&text) {
        Ok(ordered) if toml::from_str::<Table>(&ordered).ok().as_ref() == Some(table) => ordered,
        _ => text,
    }
}

fn again<T: Versioned + Clone>(text: &str) -> Result<String, String> {
    let value: T = codec::decode("merged file", text.as_bytes()).map_err(|p| p.message)?;
    codec::encode(&value)
}

#[cfg(test)]
mod tests;
