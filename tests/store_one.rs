//! `show ID` and `export ID` read one card and what it cites: what they
//! print is exactly what a full load prints, and ids that need the whole
//! workspace (unknown, ambiguous, an interview, a broken file) fall back to
//! it.

use persona::domain::{Kind, Persona};
use persona::export::markdown::{self, Links, Options};
use persona::store::fs::Personas;
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
    // One persona also quotes an interview its ICP does not: its page
    // needs that interview, the ICP's own page does not.
    let mut store = FsStore::new(&root);
    let demo_ws = store.load().unwrap().workspace;
    let mut p = demo_ws.personas[0].clone();
    let icp = demo_ws.icp(&p.icp).unwrap();
    let cited_by_icp: Vec<String> = icp
        .fields
        .values()
        .flatten()
        .flat_map(|i| i.cites.iter().map(|c| c.interview.to_string()))
        .collect();
    let other = demo_ws
        .interviews
        .iter()
        .find(|i| !cited_by_icp.contains(&i.id) && !i.highlights.is_empty())
        .expect("an interview the ICP does not cite");
    let item = p.fields.values_mut().flatten().next().unwrap();
    item.cites.push(persona::domain::Citation::new(
        &other.id,
        &other.highlights[0].id,
    ));
    store.save_persona(&p).unwrap();
    let full = FsStore::new(&root).load().unwrap();
    let ws = &full.workspace;
    assert!(!ws.personas.is_empty() && !ws.icps.is_empty());
    let plain = Options {
        front_matter: false,
        links: Links::None,
    };
    for p in &ws.personas {
        let one = FsStore::new(&root)
            .load_one(None, &p.id, Personas::Named)
            .expect(&p.id);
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
    let mut bare = 0;
    for icp in &ws.icps {
        // `show`: the ICP's page names its personas, read without quotes.
        let named = FsStore::new(&root)
            .load_one(Some(Kind::Icp), &icp.id, Personas::Named)
            .unwrap();
        let mine = named.workspace.icp(&icp.id).unwrap();
        assert_eq!(
            markdown::icp(&named.workspace, mine, &plain),
            markdown::icp(ws, icp, &plain)
        );
        // `export`: their pages too, with their quotes.
        let one = FsStore::new(&root)
            .load_one(Some(Kind::Icp), &icp.id, Personas::Quoted)
            .unwrap();
        bare += one.workspace.interviews.len() - named.workspace.interviews.len();
        let mine = one.workspace.icp(&icp.id).unwrap();
        let theirs: Vec<&Persona> = ws.personas_of(&icp.id).collect();
        let ours: Vec<&Persona> = one.workspace.personas_of(&icp.id).collect();
        assert_eq!(
            markdown::document(&one.workspace, &[mine], &ours),
            markdown::document(ws, &[icp], &theirs),
        );
    }
    assert!(
        bare > 0,
        "some personas cite interviews their ICP does not: their pages need them"
    );
}

#[test]
fn ids_that_need_everything_load_everything() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let full = FsStore::new(&root).load().unwrap();
    let ws = &full.workspace;
    let mut store = FsStore::new(&root);
    assert!(
        store
            .load_one(None, "no-such-thing", Personas::Named)
            .is_none()
    );
    assert!(store.load_one(None, "Not An Id", Personas::Named).is_none());
    assert!(
        store
            .load_one(None, &ws.interviews[0].id, Personas::Named)
            .is_none()
    );
    assert!(
        store
            .load_one(Some(Kind::Icp), &ws.personas[0].id, Personas::Named)
            .is_none()
    );

    // A broken card is explained by the full load; an unrelated broken
    // file does not stop a card from showing.
    let p = &ws.personas[0];
    let q = &ws.personas[1];
    let file = root.join(format!("icps/{}/personas/{}.toml", q.icp, q.id));
    fs::write(&file, "name = ").unwrap();
    assert!(store.load_one(None, &q.id, Personas::Named).is_none());
    let one = store.load_one(None, &p.id, Personas::Named).unwrap();
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

#[test]
fn the_listing_hint_finds_a_persona_and_a_stale_one_is_not_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let full = FsStore::new(&root).load().unwrap();
    let ws = &full.workspace;
    let plain = Options {
        front_matter: false,
        links: Links::None,
    };
    // A listing leaves the hint of where each persona's file is, also of
    // files just written (which the index leaves out until they settle).
    FsStore::new(&root).list().unwrap();
    let hint = fs::read_to_string(root.join(persona::store::homes::PATH)).unwrap();
    let p = &ws.personas[0];
    assert!(hint.contains(&format!("\n{}\t{}\n", p.id, p.icp)), "{hint}");
    let one = FsStore::new(&root)
        .load_one(None, &p.id, Personas::Named)
        .unwrap();
    let mine = one.workspace.persona(&p.id).unwrap();
    assert_eq!(
        markdown::persona(&one.workspace, mine, &plain),
        markdown::persona(ws, p, &plain)
    );

    // Moved to another ICP's folder since the listing: the hint is wrong,
    // and the persona is found where it is now.
    let other = ws.icps.iter().find(|i| i.id != p.icp).unwrap();
    let from = root.join(format!("icps/{}/personas/{}.toml", p.icp, p.id));
    let to_dir = root.join(format!("icps/{}/personas", other.id));
    fs::create_dir_all(&to_dir).unwrap();
    fs::rename(&from, to_dir.join(format!("{}.toml", p.id))).unwrap();
    let one = FsStore::new(&root)
        .load_one(None, &p.id, Personas::Named)
        .unwrap();
    assert_eq!(one.workspace.persona(&p.id).unwrap().icp, other.id);

    // Filed in two folders when the hint was written: left out of it, so
    // the full load explains the clash.
    fs::copy(
        to_dir.join(format!("{}.toml", p.id)),
        root.join(format!("icps/{}/personas/{}.toml", p.icp, p.id)),
    )
    .unwrap();
    let _ = FsStore::new(&root).list();
    let hint = fs::read_to_string(root.join(persona::store::homes::PATH)).unwrap();
    assert!(!hint.contains(&format!("\n{}\t", p.id)), "{hint}");
    assert!(
        FsStore::new(&root)
            .load_one(None, &p.id, Personas::Named)
            .is_none()
    );
}
