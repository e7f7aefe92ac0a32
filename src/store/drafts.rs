//! Unsaved wizard work in `.drafts/<name>.toml`: written atomically shortly
//! after each change and when the app exits by error or panic, offered for
//! resuming, removed once saved.
//!
//! A new draft is created without replacing any file: two windows on one
//! workspace (or a draft left from an earlier run) never overwrite each
//! other's work. The wanted name (`persona-new-1`, `persona-olivia`) is
//! only a wish; when a file of that name exists, the next free one is taken
//! (`persona-new-2`, `persona-olivia-2`) and the writer is told which.
//! After that first write the file is the wizard's own and is replaced.
//!
//! [`Shelf`] holds the latest draft where a panic hook can reach it.

use super::StoreError;
use super::layout::DRAFTS;
use super::write::{Expect, Refusal, write};
use crate::domain::wizard::Snapshot;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Wizard work waiting to be written (encoded only when written, so
/// keeping it up to date costs a copy, not a TOML encoding, per key).
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The file's name without `.toml`: wanted, or (when `ours`) the one
    /// already written.
    pub name: String,
    pub snapshot: Snapshot,
    /// The file of that name is this wizard's (written by it, or resumed
    /// from it), so writing replaces it. Otherwise it is created new.
    pub ours: bool,
}

/// The latest unsaved draft. Shared with the panic hook.
pub type Shelf = Arc<Mutex<Option<Draft>>>;

/// One file in `.drafts/`: its name (without `.toml`) and what it holds,
/// or why it could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftFile {
    pub name: String,
    pub snapshot: Result<Snapshot, String>,
}

impl DraftFile {
    /// Nothing was answered: not worth offering.
    pub fn is_empty(&self) -> bool {
        self.snapshot
            .as_ref()
            .is_ok_and(|s| s.answers.is_empty() && s.editing.is_none())
    }
}

/// Where drafts live: a workspace's `.drafts/` folder, or memory (tests).
#[derive(Clone, Debug)]
pub enum Drafts {
    Dir(PathBuf),
    Memory(BTreeMap<String, String>),
}

/// The one draft naming rule: `<kind>-<id>` when editing an item, else
/// `<kind>-new-<n>`; never one of `taken`.
pub fn name_for(kind: &str, editing: Option<&str>, taken: &[String]) -> String {
    let mut name = match editing {
        Some(id) => format!("{kind}-{id}"),
        None => format!("{kind}-new-1"),
    };
    while taken.contains(&name) {
        name = next_name(&name);
    }
    name
}

/// The name after `name` when a file has it: `persona-new-1` →
/// `persona-new-2`, `persona-olivia` → `persona-olivia-2` → `-3`.
fn next_name(name: &str) -> String {
    if let Some((stem, n)) = name.rsplit_once('-')
        && let Ok(n) = n.parse::<u32>()
        && (stem.ends_with("-new") || n >= 2)
    {
        return format!("{stem}-{}", n + 1);
    }
    format!("{name}-2")
}

/// Draft names are ours, but they become file names, so anything that is
/// not an id is refused.
fn safe(name: &str) -> bool {
    crate::domain::id::is_valid_id(name)
}

/// The workspace a drafts folder is in (its lock guards the drafts too).
fn workspace_of(dir: &Path) -> &Path {
    dir.parent().unwrap_or(dir)
}

fn relative(name: &str) -> String {
    format!("{DRAFTS}/{name}.toml")
}

pub fn encode(snapshot: &Snapshot) -> Result<String, StoreError> {
    toml::to_string(snapshot).map_err(|e| StoreError::Encode {
        path: DRAFTS.to_string(),
        message: e.to_string(),
    })
}

/// A draft's text as a snapshot, or why it cannot be one.
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
                let Ok(entries) = fs::read_dir(dir) else {
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
                    let snapshot = match fs::read(entry.path()) {
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

    fn exists(&self, name: &str) -> bool {
        match self {
            Drafts::Dir(dir) => dir.join(format!("{name}.toml")).exists(),
            Drafts::Memory(map) => map.contains_key(name),
        }
    }

    /// Writes a draft and returns the name it was written under: its own
    /// file is replaced (atomically); a new one takes the first free name
    /// from the wanted one on, and never replaces a file.
    pub fn save(&mut self, draft: &Draft) -> Result<String, StoreError> {
        if !safe(&draft.name) {
            return Err(StoreError::BadId {
                id: draft.name.clone(),
                reason: "a draft name is a slug".into(),
            });
        }
        let text = encode(&draft.snapshot)?;
        if draft.ours {
            match self {
                Drafts::Dir(dir) => {
                    let path = dir.join(format!("{}.toml", draft.name));
                    write(workspace_of(dir), &path, text.as_bytes(), Expect::Any)
                        .map_err(|refusal| refusal.into_store_error(&relative(&draft.name)))?;
                }
                Drafts::Memory(map) => {
                    map.insert(draft.name.clone(), text.clone());
                }
            }
            return Ok(draft.name.clone());
        }
        if let Drafts::Dir(dir) = self {
            fs::create_dir_all(&*dir).map_err(|source| StoreError::Write {
                path: format!("{DRAFTS}/"),
                source,
            })?;
        }
        let mut name = draft.name.clone();
        for _ in 0..10_000 {
            match self {
                Drafts::Dir(dir) => {
                    let path = dir.join(format!("{name}.toml"));
                    match write(workspace_of(dir), &path, text.as_bytes(), Expect::Absent) {
                        Ok(()) => return Ok(name),
                        Err(Refusal::Occupied) => {}
                        Err(other) => return Err(other.into_store_error(&relative(&name))),
                    }
                }
                Drafts::Memory(map) => {
                    if !map.contains_key(&name) {
                        map.insert(name.clone(), text.clone());
                        return Ok(name);
                    }
                }
            }
            name = next_name(&name);
        }
        Err(StoreError::Occupied {
            path: relative(&draft.name),
        })
    }

    /// Removes a draft; one that is already gone is fine.
    pub fn remove(&mut self, name: &str) -> Result<(), StoreError> {
        if !safe(name) {
            return Ok(());
        }
        match self {
            Drafts::Dir(dir) => match fs::remove_file(dir.join(format!("{name}.toml"))) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(StoreError::Write {
                    path: relative(name),
                    source: e,
                }),
                _ => Ok(()),
            },
            Drafts::Memory(map) => {
                map.remove(name);
                Ok(())
            }
        }
    }

    /// A draft name not used yet (see [`name_for`]), checking the folder.
    pub fn fresh_name(&self, kind: &str, editing: Option<&str>, taken: &[String]) -> String {
        let mut name = name_for(kind, editing, taken);
        while self.exists(&name) || taken.contains(&name) {
            name = next_name(&name);
        }
        name
    }
}

/// Writes what is on the shelf into the workspace at `root` (the panic
/// hook and the exits call this); the shelf is emptied so it is written
/// once. Returns the name written, or why it could not be.
pub fn write_shelf(root: &Path, shelf: &Shelf) -> Option<Result<String, StoreError>> {
    let taken = match shelf.lock() {
        Ok(mut guard) => guard.take(),
        Err(poisoned) => poisoned.into_inner().take(),
    };
    taken.map(|draft| Drafts::in_workspace(root).save(&draft))
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

    fn draft(name: &str, ours: bool) -> Draft {
        Draft {
            name: name.into(),
            snapshot: snapshot(),
            ours,
        }
    }

    #[test]
    fn drafts_round_trip_on_disk_and_corrupt_ones_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let mut drafts = Drafts::in_workspace(dir.path());
        assert!(drafts.list().is_empty(), "no folder yet is fine");
        let name = drafts.fresh_name("interview", None, &[]);
        assert_eq!(name, "interview-new-1");
        assert_eq!(drafts.save(&draft(&name, false)).unwrap(), name);
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
        assert!(drafts.save(&draft("../escape", false)).is_err());
    }

    #[test]
    fn a_new_draft_never_replaces_a_file_and_says_where_it_went() {
        let dir = tempfile::tempdir().unwrap();
        // Two windows pick the same name before either writes.
        let mut a = Drafts::in_workspace(dir.path());
        let mut b = Drafts::in_workspace(dir.path());
        let mut mine = draft("persona-new-1", false);
        mine.snapshot.template = "a".into();
        assert_eq!(a.save(&mine).unwrap(), "persona-new-1");
        assert_eq!(
            b.save(&draft("persona-new-1", false)).unwrap(),
            "persona-new-2"
        );
        // Drafts of one existing item, too.
        assert_eq!(
            a.save(&draft("persona-olivia", false)).unwrap(),
            "persona-olivia"
        );
        assert_eq!(
            b.save(&draft("persona-olivia", false)).unwrap(),
            "persona-olivia-2"
        );
        let on_disk = std::fs::read_to_string(dir.path().join(".drafts/persona-new-1.toml"));
        assert!(on_disk.unwrap().contains("template = \"a\"\n"));
        // Its own file is replaced.
        assert_eq!(
            b.save(&draft("persona-new-2", true)).unwrap(),
            "persona-new-2"
        );
        assert_eq!(a.list().len(), 4);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join(DRAFTS))
            .unwrap()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .contains(crate::store::atomic::TEMP_MARK)
            })
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn a_draft_that_cannot_be_written_says_why() {
        let dir = tempfile::tempdir().unwrap();
        // `.drafts` is a file, so no draft can go in it (root or not).
        std::fs::write(dir.path().join(DRAFTS), "not a folder").unwrap();
        let mut drafts = Drafts::in_workspace(dir.path());
        let e = drafts.save(&draft("persona-new-1", false)).unwrap_err();
        assert!(e.to_string().starts_with("could not write .drafts/"), "{e}");
        let e = drafts.save(&draft("persona-new-1", true)).unwrap_err();
        assert!(e.to_string().contains("persona-new-1.toml"), "{e}");
    }

    #[test]
    fn names_follow_one_rule() {
        assert_eq!(name_for("persona", None, &[]), "persona-new-1");
        assert_eq!(
            name_for("persona", None, &["persona-new-1".into()]),
            "persona-new-2"
        );
        assert_eq!(name_for("icp", Some("outdoor"), &[]), "icp-outdoor");
        assert_eq!(
            name_for("icp", Some("outdoor"), &["icp-outdoor".into()]),
            "icp-outdoor-2"
        );
        assert_eq!(next_name("icp-outdoor-2"), "icp-outdoor-3");
    }

    #[test]
    fn the_shelf_is_written_once() {
        let dir = tempfile::tempdir().unwrap();
        let shelf: Shelf = Default::default();
        assert!(write_shelf(dir.path(), &shelf).is_none());
        assert!(!dir.path().join(DRAFTS).exists());
        *shelf.lock().unwrap() = Some(draft("icp-new-1", false));
        let written = write_shelf(dir.path(), &shelf).unwrap().unwrap();
        assert_eq!(written, "icp-new-1");
        assert!(dir.path().join(".drafts/icp-new-1.toml").is_file());
        assert!(shelf.lock().unwrap().is_none());
    }
}
