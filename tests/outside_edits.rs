//! Two writers on one workspace (two `persona` windows, or a teammate's git
//! pull): neither silently overwrites the other, and the one refused can
//! then overwrite or save a copy on purpose.

use persona::domain::wizard::Entity;
use persona::domain::{Interview, Item, Kind, Persona};
use persona::store::{FsStore, Store, StoreError};
use std::fs;
use std::path::{Path, PathBuf};

const OLIVIA: &str = "icps/outdoor/personas/olivia.toml";

/// A workspace with one ICP and one persona, and two stores on it that
/// have both loaded it.
fn two_windows(dir: &Path) -> (PathBuf, FsStore, FsStore, Persona) {
    let root = dir.join("ws");
    let mut setup = FsStore::init(&root, "Test", false).unwrap();
    setup
        .save_icp(&persona::domain::Icp::new("outdoor", "Outdoor", "icp"))
        .unwrap();
    let mut olivia = Persona::new("olivia", "outdoor", "Operations Olivia", "b2b");
    olivia
        .fields
        .insert("job_title".into(), vec![Item::text("Head of Operations")]);
    setup.save_persona(&olivia).unwrap();
    let mut a = FsStore::new(&root);
    let mut b = FsStore::new(&root);
    let loaded = a.load().unwrap();
    b.load().unwrap();
    let olivia = loaded.workspace.persona("olivia").unwrap().clone();
    (root, a, b, olivia)
}

fn edited(persona: &Persona, title: &str) -> Persona {
    let mut p = persona.clone();
    p.fields.insert("job_title".into(), vec![Item::text(title)]);
    p
}

fn read(root: &Path, relative: &str) -> String {
    fs::read_to_string(root.join(relative)).unwrap()
}

#[test]
fn a_save_from_another_window_is_never_overwritten_then_overwrite_is_a_choice() {
    let dir = tempfile::tempdir().unwrap();
    let (root, mut a, mut b, olivia) = two_windows(dir.path());

    b.save_persona(&edited(&olivia, "VP Operations (B's answer)"))
        .unwrap();
    let theirs = read(&root, OLIVIA);

    let mine = edited(&olivia, "Ops lead (A's answer)");
    let err = a.save_persona(&mine).unwrap_err();
    assert!(matches!(err, StoreError::ChangedOnDisk { ref path } if path == OLIVIA));
    assert!(err.is_conflict());
    assert_eq!(err.conflict_path(), Some(OLIVIA));
    assert_eq!(read(&root, OLIVIA), theirs, "B's save is intact");
    // Trying again changes nothing: only a choice does.
    assert!(a.save_persona(&mine).is_err());
    assert_eq!(read(&root, OLIVIA), theirs);

    // A chooses to overwrite.
    a.save_over(&Entity::Persona(mine.clone())).unwrap();
    assert!(read(&root, OLIVIA).contains("A's answer"));
    // Now A owns the file again: a normal save works, and B is the one
    // refused (it must not silently undo A's choice either).
    a.save_persona(&edited(&mine, "Ops lead, again")).unwrap();
    let err = b
        .save_persona(&edited(&olivia, "B tries again"))
        .unwrap_err();
    assert!(matches!(err, StoreError::ChangedOnDisk { .. }), "{err}");
    assert!(read(&root, OLIVIA).contains("Ops lead, again"));
}

#[test]
fn save_as_copy_keeps_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let (root, mut a, mut b, olivia) = two_windows(dir.path());
    b.save_persona(&edited(&olivia, "B's answer")).unwrap();
    let theirs = read(&root, OLIVIA);

    let mine = edited(&olivia, "A's answer");
    assert!(a.save_persona(&mine).unwrap_err().is_conflict());

    // A saves a copy under a new id and name, then both load side by side.
    let workspace = a.load().unwrap().workspace;
    let mut copy = mine.clone();
    copy.name = format!("{} (copy)", mine.name);
    copy.id = workspace.new_id(Kind::Persona, &copy.name);
    assert_ne!(copy.id, "olivia");
    a.save_persona(&copy).unwrap();

    assert_eq!(read(&root, OLIVIA), theirs);
    let both = FsStore::new(&root).load().unwrap();
    assert!(both.problems.is_empty(), "{:?}", both.problems);
    let title = |id: &str| {
        both.workspace.persona(id).unwrap().fields["job_title"][0]
            .value
            .to_string()
    };
    assert!(title("olivia").contains("B's answer"));
    assert!(title(&copy.id).contains("A's answer"));
    assert_eq!(
        both.workspace.persona(&copy.id).unwrap().name,
        "Operations Olivia (copy)"
    );
}

#[test]
fn a_file_removed_by_another_window_is_not_silently_recreated() {
    let dir = tempfile::tempdir().unwrap();
    let (root, mut a, mut b, olivia) = two_windows(dir.path());
    let trashed = b
        .delete(&persona::domain::EntityRef::new(Kind::Persona, "olivia"))
        .unwrap();
    assert!(!root.join(OLIVIA).exists());

    let mine = edited(&olivia, "A's answer");
    let err = a.save_persona(&mine).unwrap_err();
    assert!(matches!(err, StoreError::Vanished { ref path } if path == OLIVIA));
    assert!(err.to_string().contains("deleted or moved"), "{err}");
    assert!(!root.join(OLIVIA).exists(), "nothing recreated");
    // Renaming or moving what is gone says so too.
    let workspace = a.load().unwrap().workspace;
    assert!(workspace.persona("olivia").is_none());
    assert!(root.join(&trashed.location).is_file(), "B's delete stands");

    // A chooses to put its version back.
    a.save_over(&Entity::Persona(mine)).unwrap();
    assert!(read(&root, OLIVIA).contains("A's answer"));
}

#[test]
fn renaming_a_file_that_vanished_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let (root, mut a, _b, _olivia) = two_windows(dir.path());
    let workspace = a.load().unwrap().workspace;
    fs::remove_file(root.join(OLIVIA)).unwrap();
    let err = a
        .rename(
            &workspace,
            &persona::domain::EntityRef::new(Kind::Persona, "olivia"),
            "olivia-2",
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::Vanished { ref path } if path == OLIVIA));
}

#[test]
fn renaming_a_file_changed_in_another_window_moves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (root, mut a, mut b, olivia) = two_windows(dir.path());
    let workspace = a.load().unwrap().workspace;
    let mut theirs = olivia.clone();
    theirs.name = "Olivia, as B saved her".into();
    b.save_persona(&theirs).unwrap();
    let before = read(&root, OLIVIA);
    let err = a
        .rename(
            &workspace,
            &persona::domain::EntityRef::new(Kind::Persona, "olivia"),
            "olivia-2",
        )
        .unwrap_err();
    assert!(
        matches!(err, StoreError::ChangedOnDisk { ref path } if path == OLIVIA),
        "{err}"
    );
    assert_eq!(read(&root, OLIVIA), before, "B's save stands where it was");
    assert!(
        !root
            .join(OLIVIA.replace("olivia.toml", "olivia-2.toml"))
            .exists()
    );
}

#[test]
fn an_interview_edited_in_two_windows_keeps_the_first_save() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    let mut setup = FsStore::init(&root, "Test", false).unwrap();
    let mut dana = Interview::new("dana", "Dana");
    dana.notes = "First notes.".into();
    setup.save_interview(&dana).unwrap();
    let mut a = FsStore::new(&root);
    let mut b = FsStore::new(&root);
    a.load().unwrap();
    b.load().unwrap();
    dana.notes = "B typed this, and it is longer.".into();
    b.save_interview(&dana).unwrap();
    dana.notes = "A typed this.".into();
    let err = a.save_interview(&dana).unwrap_err();
    assert!(matches!(err, StoreError::ChangedOnDisk { .. }), "{err}");
    assert!(read(&root, "interviews/dana.toml").contains("B typed this"));
}
