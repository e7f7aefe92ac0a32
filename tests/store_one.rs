//! `show ID` and `export ID` read one card and what it cites: what they
//! print is exactly what a full load prints, and ids that need the whole
//! workspace (unknown, ambiguous, an interview, a broken file) fall back to
//! it.

use persona::domain::{Kind, Persona};
use persona::export::markdown::{self, Links, Options};
use persona::store::{FsStore, Store};
use std::fs;
use std::path::Path;
use std::process::Command;

fn demo(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("ws");
    FsStore::init(&root, "One card", true).unwrap();
    root
}

#[test]
fn one_card_renders_as_from_the_whole_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let full = FsStore::new(&root).load().unwrap();
    let ws = &full.workspace;
    assert!(!ws.personas.is_empty() && !ws.icps.is_empty());
    let plain = Options {
        front_matter: false,
        links: Links::None,
    };
    for p in &ws.personas {
        let one = FsStore::new(&root).load_one(None, &p.id).expect(&p.id);
        assert!(one.workspace.personas.len() == 1, "only {}", p.id);
        assert!(one.workspace.interviews.len() <= ws.interviews.len());
        let mine = one.workspace.persona(&p.id).unwrap();
        assert_eq!(
            markdown::persona(&one.workspace, mine, &plain),
            markdown::persona(ws, p, &plain),
            "{}",
            p.id
        );
        assert_eq!(
            markdown::document(&one.workspace, &[], &[mine]),
            markdown::document(ws, &[], &[p]),
        );
    }
    for icp in &ws.icps {
        let one = FsStore::new(&root)
            .load_one(Some(Kind::Icp), &icp.id)
            .unwrap();
        let mine = one.workspace.icp(&icp.id).unwrap();
        assert_eq!(
            markdown::icp(&one.workspace, mine, &plain),
            markdown::icp(ws, icp, &plain)
        );
        let theirs: Vec<&Persona> = ws.personas_of(&icp.id).collect();
        let ours: Vec<&Persona> = one.workspace.personas_of(&icp.id).collect();
        assert_eq!(
            markdown::document(&one.workspace, &[mine], &ours),
            markdown::document(ws, &[icp], &theirs),
        );
    }
}

#[test]
fn ids_that_need_everything_load_everything() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let full = FsStore::new(&root).load().unwrap();
    let ws = &full.workspace;
    let mut store = FsStore::new(&root);
    assert!(store.load_one(None, "no-such-thing").is_none());
    assert!(store.load_one(None, "Not An Id").is_none());
    assert!(store.load_one(None, &ws.interviews[0].id).is_none());
    assert!(
        store
            .load_one(Some(Kind::Icp), &ws.personas[0].id)
            .is_none()
    );

    // A broken card is explained by the full load; an unrelated broken
    // file does not stop a card from showing.
    let p = &ws.personas[0];
    let q = &ws.personas[1];
    let file = root.join(format!("icps/{}/personas/{}.toml", q.icp, q.id));
    fs::write(&file, "name = ").unwrap();
    assert!(store.load_one(None, &q.id).is_none());
    let one = store.load_one(None, &p.id).unwrap();
    assert!(one.problems.is_empty(), "{:?}", one.problems);

    let bin = env!("CARGO_BIN_EXE_persona");
    let show = Command::new(bin)
        .arg("--workspace")
        .arg(&root)
        .args(["show", &q.id])
        .output()
        .unwrap();
    assert_eq!(show.status.code(), Some(1));
    let said = String::from_utf8_lossy(&show.stderr);
    assert!(said.contains("could not be loaded"), "{said}");
    let show = Command::new(bin)
        .arg("--workspace")
        .arg(&root)
        .args(["show", &p.id])
        .output()
        .unwrap();
    assert_eq!(show.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&show.stdout).contains(&p.name));
}
