//! Saves in the app on a real workspace folder: each save re-reads only the
//! files it touched, and what the app then holds (cards, problems, the
//! filter's matches) is exactly what opening the workspace afresh gives.

mod tui_support;

use persona::domain::{Citation, EntityRef, Highlight, Item, Kind, Workspace};
use persona::store::{FsStore, Problem, Store};
use persona::tui::app::{App, Setup};
use persona::tui::effect::Effect;
use persona::tui::perform::{Perform, Performer};
use persona::tui::search::{Query, SearchIndex};
use std::fs;
use std::path::Path;
use tui_support::screen;

struct Window {
    app: App,
    performer: Performer<FsStore>,
}

impl Window {
    fn open(root: &Path) -> Window {
        let mut performer = Performer::on_disk(root);
        let loaded = performer.store.load().unwrap();
        let app = App::new(loaded, Setup::for_tests());
        // As the runner does after the first frame: the filter's index is
        // built, so saves must keep it true. So is the table of who cites
        // each highlight, as the interview screen makes it.
        app.index.get(&app.workspace);
        app.cited.count(&app.workspace, &Citation::new("any", "h1"));
        Window { app, performer }
    }

    fn perform(&mut self, effect: Effect) {
        let msg = self.performer.perform(effect, &self.app.workspace);
        self.app.handle_msg(msg);
        if let Some(toast) = &self.app.toast {
            assert!(!toast.error, "{}", toast.text);
        }
        self.app.toast = None;
    }

    /// The app holds what a fresh load of the folder gives.
    fn matches_disk(&self, root: &Path, after: &str) {
        let fresh = FsStore::new(root).load().unwrap();
        assert_workspaces_eq(&self.app.workspace, &fresh.workspace, after);
        assert_eq!(
            sorted(&self.app.problems),
            sorted(&fresh.problems),
            "problems after {after}"
        );
        // Who cites each highlight, as the interview screens ask, is what
        // a scan of the fresh cards finds, in the same order: the table
        // made at the window's opening followed the save, card by card.
        assert!(
            self.app.cited.is_made(),
            "the table of citers was dropped after {after}"
        );
        for interview in &fresh.workspace.interviews {
            for h in &interview.highlights {
                let c = Citation::new(&interview.id, &h.id);
                assert_eq!(
                    self.app.cited.citing(&self.app.workspace, &c),
                    fresh.workspace.citing(&c),
                    "who cites {c} after {after}"
                );
            }
        }
        let index = SearchIndex::build(&fresh.workspace);
        for word in ["a", "stock", "ops", "zzzz", "the"] {
            let q = Query::new(word);
            assert_eq!(
                q.run(self.app.index.get(&self.app.workspace), None),
                q.run(&index, None),
                "filter `{word}` after {after}"
            );
        }
    }
}

fn assert_workspaces_eq(held: &Workspace, fresh: &Workspace, after: &str) {
    let ids = |ws: &Workspace| {
        (
            ws.icps.iter().map(|i| i.id.clone()).collect::<Vec<_>>(),
            ws.personas
                .iter()
                .map(|p| format!("{}/{}", p.icp, p.id))
                .collect::<Vec<_>>(),
            ws.interviews
                .iter()
                .map(|i| i.id.clone())
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(ids(held), ids(fresh), "ids after {after}");
    assert!(held == fresh, "contents after {after}");
}

fn sorted(problems: &[Problem]) -> Vec<String> {
    let mut all: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    all.sort();
    all
}

fn demo(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("ws");
    FsStore::init(&root, "Saves", true).unwrap();
    root
}

#[test]
fn every_kind_of_save_leaves_the_app_as_a_fresh_load_would() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let mut w = Window::open(&root);
    let ws = w.app.workspace.clone();
    assert!(ws.icps.len() >= 2 && ws.personas.len() >= 2, "the demo");
    let persona = ws.personas[0].clone();
    let other_icp = ws
        .icps
        .iter()
        .find(|i| i.id != persona.icp)
        .unwrap()
        .id
        .clone();

    let mut edited = persona.clone();
    edited.name = "Stockroom Sam".into();
    edited.fields.insert(
        "goals".into(),
        vec![Item::text("Count stock once, not twice")],
    );
    w.perform(Effect::SavePersona(edited));
    w.matches_disk(&root, "a persona save");

    w.perform(Effect::Rename {
        entity: EntityRef::new(Kind::Persona, &persona.id),
        name: "Ops Sam".into(),
        new_id: "ops-sam".into(),
    });
    w.matches_disk(&root, "a persona rename");
    assert_eq!(w.app.workspace.persona("ops-sam").unwrap().name, "Ops Sam");

    w.perform(Effect::Move {
        persona: "ops-sam".into(),
        icp: other_icp.clone(),
    });
    w.matches_disk(&root, "a move");

    w.perform(Effect::Delete(EntityRef::new(Kind::Persona, "ops-sam")));
    w.matches_disk(&root, "a delete");
    assert!(w.app.workspace.persona("ops-sam").is_none());
    let trashed = w.app.undo.clone().expect("undo offered");
    w.perform(Effect::Restore(trashed));
    w.matches_disk(&root, "an undo");

    let icp = ws.icps[0].id.clone();
    w.perform(Effect::Rename {
        entity: EntityRef::new(Kind::Icp, &icp),
        name: "Renamed segment".into(),
        new_id: "renamed-segment".into(),
    });
    w.matches_disk(&root, "an ICP rename (its folder moves with its personas)");

    w.perform(Effect::Delete(EntityRef::new(Kind::Icp, "renamed-segment")));
    w.matches_disk(&root, "an ICP delete");
    let trashed = w.app.undo.clone().expect("undo offered");
    w.perform(Effect::Restore(trashed));
    w.matches_disk(&root, "an ICP undo");

    let mut interview = ws.interviews[0].clone();
    interview.highlights.push(Highlight {
        id: "hstock".into(),
        text: "We count the stock twice".into(),
        tags: vec!["pain-point".into()],
        extra: Default::default(),
    });
    w.perform(Effect::SaveInterview(interview.clone()));
    w.matches_disk(&root, "a highlight");

    w.perform(Effect::Rename {
        entity: EntityRef::new(Kind::Interview, &interview.id),
        name: interview.title.clone(),
        new_id: "renamed-call".into(),
    });
    w.matches_disk(&root, "an interview rename (its citations follow)");

    let notes = dir.path().join("call.md");
    fs::write(&notes, "# Call with Robin\n\nRobin counts stock by hand.\n").unwrap();
    w.perform(Effect::ImportNotes {
        paths: vec![notes],
        icp: None,
    });
    w.matches_disk(&root, "an import");
}

#[test]
fn a_save_shows_at_once_and_another_windows_save_shows_too() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let mut w = Window::open(&root);
    let mut other = FsStore::new(&root);
    let theirs = other.load().unwrap().workspace;

    // Another window renames a persona.
    let mut their_persona = theirs.personas[1].clone();
    their_persona.name = "Their Quinn".into();
    other.save_persona(&their_persona).unwrap();
    // A pull brings a broken file: git removes the old one and writes the
    // new one.
    let broken = format!("interviews/{}.toml", theirs.interviews[1].id);
    fs::remove_file(root.join(&broken)).unwrap();
    fs::write(root.join(&broken), "title = ").unwrap();

    let mut mine = w.app.workspace.personas[0].clone();
    mine.name = "My Morgan".into();
    w.perform(Effect::SavePersona(mine));
    let text = screen(&w.app, 100, 30);
    assert!(text.contains("My Morgan"), "{text}");
    assert!(text.contains("Their Quinn"), "{text}");
    w.matches_disk(&root, "a save after another window's");
    assert!(
        w.app.problems.iter().any(|p| p.path == broken),
        "the broken file is reported"
    );
}

#[test]
fn an_open_interview_says_who_cites_each_highlight_after_a_citing_card_is_deleted_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let mut w = Window::open(&root);
    let survey = "acme-outdoor-shopper-survey";
    let h1 = Citation::new(survey, "h1");
    let citing = w.app.workspace.citing(&h1);
    let persona = citing
        .iter()
        .find(|(e, _)| e.kind == Kind::Persona)
        .map(|(e, _)| e.id.clone())
        .expect("a persona cites the survey's h1");
    let name = w.app.workspace.persona(&persona).unwrap().name.clone();
    let title = w.app.workspace.interview(survey).unwrap().title.clone();

    // The survey on screen, its first highlight selected.
    let at = persona::tui::screens::interviews::ordered(&w.app.workspace)
        .iter()
        .position(|i| i.id == survey)
        .unwrap();
    tui_support::press(
        &mut w.app,
        &format!("i {}<enter> <tab> <home>", "<down> ".repeat(at)),
    );
    assert!(screen(&w.app, 110, 40).contains(&title));
    let open = |w: &mut Window| screen(&w.app, 110, 40);
    let before = open(&mut w);
    let count = format!("cited ×{}", citing.len());
    assert!(before.contains(&count), "{before}");
    assert!(before.contains(&name), "{before}");

    w.perform(Effect::Delete(EntityRef::new(Kind::Persona, &persona)));
    let after = open(&mut w);
    // Each of its fields citing h1 counted once.
    let its = citing.iter().filter(|(e, _)| e.id == persona).count();
    let fewer = format!("cited ×{}", citing.len() - its);
    assert!(after.contains(&fewer), "{after}");
    assert!(!after.contains(&name), "{after}");

    let trashed = w.app.undo.clone().expect("undo offered");
    w.perform(Effect::Restore(trashed));
    assert_eq!(open(&mut w), before);
}
