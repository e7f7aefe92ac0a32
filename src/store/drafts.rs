//! Unsaved wizard work in `.drafts/<kind>-<id-or-new-N>.toml`: written
//! atomically shortly after each change and when the app exits by error or
//! panic, offered for resuming on the next start, removed once saved.
//!
//! [`Shelf`] holds the latest draft text where a panic hook can reach it.

use super::atomic::write_atomic;
use super::layout::DRAFTS;
use crate::domain::wizard::Snapshot;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The latest unsaved draft: `(name, text)`. Shared with the panic hook.
pub type Shelf = Arc<Mutex<Option<(String, String)>>>;

/// One file in `.drafts/`: its name (without `.toml`) and what it holds,
/// or why it could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftFile {
    pub name: String,
    pub snapshot: Result<Snapshot, String>,
}

/// Where drafts live: a workspace's `.drafts/` folder, or memory (tests).
#[derive(Clone, Debug)]
pub enum Drafts {
    Dir(PathBuf),
    Memory(BTreeMap<String, String>),
}

/// Draft names are ours (`persona-new-1`), but they become file names, so
/// anything else is refused.
fn safe(name: &str) -> bool {
    crate::domain::id::is_valid_id(name)
}

pub fn encode(snapshot: &Snapshot) -> Result<String, String> {
    toml::to_string(snapshot).map_err(|e| format!("could not encode the draft: {e}"))
}

pub fn decode(text: &str) -> Result<Snapshot, String> {
    let snapshot: Snapshot = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_string();
        format!("the draft could not be read ({message})")
    })?;
    if snapshot.schema > crate::domain::SCHEMA {
        return Err(format!(
            "the draft was written by a newer version (schema {})",
            snapshot.schema
        ));
    }
    snapshot.subject()?;
    Ok(snapshot)
}

impl Drafts {
    /// The drafts of the workspace at `root`.
    pub fn in_workspace(root: &Path) -> Drafts {
        Drafts::Dir(root.join(DRAFTS))
    }

    pub fn memory() -> Drafts {
        Drafts::Memory(BTreeMap::new())
    }

    /// Every draft, sorted by name; unreadable ones carry the reason.
    pub fn list(&self) -> Vec<DraftFile> {
        let mut out = Vec::new();
        match self {
            Drafts::Dir(dir) => {
                let Ok(entries) = std::fs::read_dir(dir) else {
                    return out;
                };
                for entry in entries.flatten() {
                    let file = entry.file_name().to_string_lossy().into_owned();
                    let Some(name) = file.strip_suffix(".toml") else {
                        continue;
                    };
                    if super::atomic::is_temp_name(&file) || !safe(name) {
                        continue;
                    }
                    let snapshot = match std::fs::read(entry.path()) {
                        Ok(bytes) => match String::from_utf8(bytes) {
                            Ok(text) => decode(&text),
                            Err(_) => Err("the draft is not text".to_string()),
                        },
                        Err(e) => Err(format!("the draft could not be read ({e})")),
                    };
                    out.push(DraftFile {
                        name: name.to_string(),
                        snapshot,
                    });
                }
            }
            Drafts::Memory(map) => {
                for (name, text) in map {
                    out.push(DraftFile {
                        name: name.clone(),
                        snapshot: decode(text),
                    });
                }
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }

    /// Writes (or replaces) a draft, atomically.
    pub fn write(&mut self, name: &str, text: &str) -> Result<(), String> {
        if !safe(name) {
            return Err(format!("`{name}` cannot be a draft name"));
        }
        match self {
            Drafts::Dir(dir) => write_atomic(&dir.join(format!("{name}.toml")), text.as_bytes())
                .map_err(|e| format!("could not write the draft {DRAFTS}/{name}.toml: {e}")),
            Drafts::Memory(map) => {
                map.insert(name.to_string(), text.to_string());
                Ok(())
            }
        }
    }

    /// Removes a draft; one that is already gone is fine.
    pub fn remove(&mut self, name: &str) -> Result<(), String> {
        if !safe(name) {
            return Ok(());
        }
        match self {
            Drafts::Dir(dir) => match std::fs::remove_file(dir.join(format!("{name}.toml"))) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!(
                    "could not remove the draft {DRAFTS}/{name}.toml: {e}"
                )),
                _ => Ok(()),
            },
            Drafts::Memory(map) => {
                map.remove(name);
                Ok(())
            }
        }
    }

    /// A draft name not used yet: `<kind>-<id>` when editing, else
    /// `<kind>-new-N`.
    pub fn fresh_name(&self, kind: &str, editing: Option<&str>, taken: &[String]) -> String {
        let existing: Vec<String> = self.list().into_iter().map(|d| d.name).collect();
        let used = |n: &String| existing.contains(n) || taken.contains(n);
        if let Some(id) = editing {
            return format!("{kind}-{id}");
        }
        (1..)
            .map(|n| format!("{kind}-new-{n}"))
            .find(|n| !used(n))
            .expect("a free draft name exists")
    }
}

/// Writes what is on the shelf into `dir` (the panic hook and error exits
/// call this); the shelf is emptied so it is written once.
pub fn write_shelf(root: &Path, shelf: &Shelf) {
    let taken = match shelf.lock() {
        Ok(mut guard) => guard.take(),
        Err(poisoned) => poisoned.into_inner().take(),
    };
    if let Some((name, text)) = taken {
        let _ = Drafts::in_workspace(root).write(&name, &text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::wizard::{Subject, Wizard, interview_template};

    fn snapshot() -> Snapshot {
        let mut w = Wizard::new(interview_template(&[]), Subject::Interview);
        w.answer("Dana 日本 🚀").unwrap();
        w.snapshot("2026-11-01T10:00:00Z".parse().unwrap())
    }

    #[test]
    fn drafts_round_trip_on_disk_and_corrupt_ones_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let mut drafts = Drafts::in_workspace(dir.path());
        assert!(drafts.list().is_empty(), "no folder yet is fine");
        let name = drafts.fresh_name("interview", None, &[]);
        assert_eq!(name, "interview-new-1");
        drafts.write(&name, &encode(&snapshot()).unwrap()).unwrap();
        assert_eq!(drafts.fresh_name("interview", None, &[]), "interview-new-2");
        std::fs::write(dir.path().join(".drafts/persona-new-1.toml"), "kind = [").unwrap();
        std::fs::write(dir.path().join(".drafts/notes.txt"), "x").unwrap();
        let list = drafts.list();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].snapshot.as_ref().unwrap().name(), "Dana 日本 🚀");
        assert!(
            list[1]
                .snapshot
                .as_ref()
                .unwrap_err()
                .contains("could not be read")
        );
        drafts.remove("persona-new-1").unwrap();
        drafts.remove("persona-new-1").unwrap();
        assert_eq!(drafts.list().len(), 1);
        assert!(drafts.write("../escape", "x").is_err());
    }

    #[test]
    fn the_shelf_is_written_once() {
        let dir = tempfile::tempdir().unwrap();
        let shelf: Shelf = Default::default();
        write_shelf(dir.path(), &shelf);
        assert!(!dir.path().join(DRAFTS).exists());
        *shelf.lock().unwrap() = Some(("icp-new-1".into(), encode(&snapshot()).unwrap()));
        write_shelf(dir.path(), &shelf);
        assert!(dir.path().join(".drafts/icp-new-1.toml").is_file());
        assert!(shelf.lock().unwrap().is_none());
    }
}
